"""Archive -> dataset: extracted records -> validated Parquet tables + data card.

    build(archive_dir, out_dir) -> BuildResult

1. `extract.batch.extract_archive` brings the JSON Lines cache up to date (only new or
   changed bodies are extracted) and lists the latest fetch of every article URL.
2. Pages and facts are streamed, in page_id order, into a staging directory beside the
   dataset, a few hundred pages at a time, so memory stays bounded however big the archive.
   Pages of the previous dataset that the archive no longer holds are carried over
   (incremental build: a new archive merges into the existing dataset).
3. Entity tables are resolved from the staged facts (`transform/resolve.py`).
4. Every staged table is validated (`transform/validate.py`); a failure raises
   `ValidationError` and the previous dataset is left exactly as it was.
5. The data card, `datapackage.json` and `build.json` are written, then the staging folder
   becomes `OUT/builds/<build_id>/` and the `OUT/current` pointer is switched to it in one
   rename (`transform/io.py`): readers see the old build or the new one, never a mix.
"""
from __future__ import annotations

import json
import logging
import re
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from transform import schema as S
from transform.ids import page_id as make_page_id, stable_id
from transform.io import (KEEP_BUILDS, AtomicParquetWriter, NoDatasetError, new_build_id, publish_build,
                          resolve_dataset, staging_dir, write_bytes_atomic)

log = logging.getLogger("samorzad.build")

_ISO = re.compile(S.ISO_DATE_PATTERN)
PAGE_BATCH = 500  # pages per streamed batch (and so per Parquet row group at most)
WORK_DIR = "_work"
META_FILE = "build.json"


@dataclass
class BuildResult:
    out_dir: Path
    rows: dict[str, int] = field(default_factory=dict)
    extract: object | None = None  # ExtractStats of the extraction step
    carried_pages: int = 0  # pages kept from the previous dataset (not in this archive)
    dropped_facts: int = 0  # items whose offsets did not match the page text (warned)
    dropped_dates: int = 0  # dates or publication dates outside the sane range (warned)
    coerced: int = 0  # unknown roles/kinds/currencies from the extractor, set to other/null
    warnings: list[str] = field(default_factory=list)


# --- rows ---------------------------------------------------------------------------

def parse_ts(value: str | None) -> datetime | None:
    if not value:
        return None
    ts = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if ts.tzinfo is None:  # the archive writes UTC; a naive stamp is read as UTC
        ts = ts.replace(tzinfo=timezone.utc)
    return ts.astimezone(timezone.utc)


def parse_date(value: str | None) -> date | None:
    """A full ISO date inside the sane range, else None."""
    if not value or len(value) < 10:
        return None
    try:
        d = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return d if S.DATE_RANGE[0] <= d.year <= S.DATE_RANGE[1] else None


def iso_in_range(value) -> bool:
    """An ISO date string (year, month or day precision) of a sane year."""
    return isinstance(value, str) and _ISO.match(value) is not None and \
        S.DATE_RANGE[0] <= int(value[:4]) <= S.DATE_RANGE[1]


def page_row(index_row: dict, entry: dict) -> dict:
    page, record = entry["page"], entry["record"]
    return {
        "page_id": make_page_id(index_row["url"]),
        "source_id": index_row["source_id"],
        "url": index_row["url"],
        "title": page.get("title"),
        "published": parse_date(page.get("published") or record.get("published")),
        "fetched_at": parse_ts(index_row["fetched_at"]),
        "first_seen": parse_ts(index_row.get("first_seen")),
        "last_seen": parse_ts(index_row.get("last_seen")),
        "status": index_row["status"],
        "encoding": page.get("encoding"),
        "text": page["text"],
        "warc_file": index_row["warc_file"],
        "warc_offset": index_row["warc_offset"],
        "digest": index_row["digest"],
        "relevant": bool(record.get("relevant", False)),
        "relevance": _score(record.get("relevance")),
    }


def _span(item) -> tuple[int, int] | None:
    """The evidence offsets of an item, or None when it has none that make sense."""
    if not isinstance(item, dict):
        return None
    ev = item.get("evidence")
    if isinstance(ev, (list, tuple)) and len(ev) == 2 and all(isinstance(x, int) for x in ev):
        return ev[0], ev[1]
    s, e = item.get("start"), item.get("end")
    if isinstance(s, int) and isinstance(e, int):
        return s, e
    return None


def _score(value) -> float | None:
    return float(value) if isinstance(value, (int, float)) and 0 <= value <= 1 else None


def _known(value, allowed: tuple, fallback, result: BuildResult):
    """An extractor's category if the schema knows it, else `fallback` (counted): one odd
    item must not stop a build, but the table must only hold known values."""
    if value is None or value in allowed:
        return value
    result.coerced += 1
    return fallback


def fact_rows(pid: str, text: str, record: dict, result: BuildResult) -> list[dict]:
    """The facts of one page as rows; items whose evidence is not in the text are dropped."""
    rows: dict[str, dict] = {}
    for fld in S.FACT_FIELDS:
        for item in record.get(fld) or []:
            span = _span(item)
            if span is None or not (0 <= span[0] < span[1] <= len(text)):
                result.dropped_facts += 1
                continue
            s, e = span
            quoted = item.get("text")
            if quoted is not None and quoted != text[s:e]:
                result.dropped_facts += 1
                continue
            row = {"page_id": pid, "field": fld, "name": None, "text": text[s:e], "start": s,
                   "end": e, "role": None, "kind": None, "value": None, "currency": None,
                   "date_start": None, "date_end": None, "country": None,
                   "rule": item.get("rule")}
            if fld == "dates":
                row["date_start"] = item.get("start")
                row["date_end"] = item.get("end") or item.get("start")
                if not (iso_in_range(row["date_start"]) and iso_in_range(row["date_end"])):
                    result.dropped_dates += 1
                    continue
            elif fld == "amounts":
                v = item.get("value")
                row["value"] = float(v) if isinstance(v, (int, float)) and v >= 0 else None
                if v is not None and row["value"] is None:
                    result.coerced += 1
                row["currency"] = _known(item.get("currency"), S.CURRENCIES, None, result)
            else:
                row["name"] = item.get("name") or text[s:e]
                if fld == "participants":
                    row["role"] = _known(item.get("role"), S.PARTICIPANT_ROLES, "other", result)
                    row["kind"] = _known(item.get("kind"), S.ACTOR_KINDS, None, result)
                elif fld == "projects":
                    row["kind"] = _known(item.get("kind"), S.PROJECT_KINDS, "other", result)
                row["country"] = item.get("country") if fld == "places" else None
            what = row["name"] or row["date_start"] or f"{row['value']} {row['currency']}"
            row["fact_id"] = stable_id("fact", pid, fld, s, e, what)
            rows[row["fact_id"]] = row  # the same item twice on a page is one fact
    return [rows[k] for k in sorted(rows)]


# --- streaming ----------------------------------------------------------------------

def _new_pages(work_dir: Path, result: BuildResult) -> Iterator[tuple[dict, list[dict]]]:
    """(page row, fact rows) for every indexed URL, in page_id order."""
    from extract.batch import cache_path, read_cached, read_index

    version, index = read_index(work_dir)
    keyed = sorted((make_page_id(r["url"]), r) for r in index)
    path = cache_path(work_dir, version)
    with open(path, "rb") as fh:
        last = None
        for pid, row in keyed:
            if pid == last:  # two spellings of one canonical URL: the index keeps one
                continue
            last = pid
            entry = read_cached(path, row["cache_offset"], fh)
            prow = page_row(row, entry)
            if prow["published"] is None and entry["page"].get("published"):
                result.dropped_dates += 1
            yield prow, fact_rows(pid, prow["text"], entry["record"], result)


def _old_pages(out_dir: Path | None, keep: set[str]) -> Iterator[tuple[dict, list[dict]]]:
    """Pages (and their facts) of the previous dataset whose ids are in `keep`."""
    if out_dir is None:
        return
    pages_file, facts_file = out_dir / S.PAGES.file, out_dir / S.FACTS.file
    if not keep or not pages_file.exists():
        return
    for f, spec in ((pages_file, S.PAGES), (facts_file, S.FACTS)):
        if f.exists() and pq.read_schema(f).names != spec.column_names:
            raise S.TransformError(f"the existing dataset in {out_dir} has an older {spec.name} "
                                   "schema; rebuild it from the archive with a full build")
    ids = pa.array(sorted(keep))
    pages = pq.read_table(pages_file, filters=[("page_id", "in", ids)])
    facts = pq.read_table(facts_file, filters=[("page_id", "in", ids)]) if facts_file.exists() \
        else None
    by_page: dict[str, list[dict]] = {}
    if facts is not None:
        for row in facts.to_pylist():
            by_page.setdefault(row["page_id"], []).append(row)
    for row in sorted(pages.to_pylist(), key=lambda r: r["page_id"]):
        yield row, sorted(by_page.get(row["page_id"], []), key=lambda r: r["fact_id"])


def _merge(new: Iterator, old: Iterator) -> Iterator[tuple[dict, list[dict]]]:
    import heapq
    return heapq.merge(new, old, key=lambda pair: pair[0]["page_id"])


def _batched(pairs: Iterable, size: int) -> Iterator[list]:
    batch = []
    for p in pairs:
        batch.append(p)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _old_page_ids(out_dir: Path) -> set[str]:
    f = out_dir / S.PAGES.file
    if not f.exists():
        return set()
    try:
        return set(pq.read_table(f, columns=["page_id"]).column(0).to_pylist())
    except (pa.ArrowInvalid, OSError) as e:
        raise S.TransformError(f"cannot read the existing dataset {f}: {e}") from e


def write_pages_and_facts(pairs: Iterable[tuple[dict, list[dict]]], stage: Path) -> dict[str, int]:
    pschema, fschema = S.arrow_schema(S.PAGES), S.arrow_schema(S.FACTS)
    with AtomicParquetWriter(stage / S.PAGES.file, pschema) as pw, \
            AtomicParquetWriter(stage / S.FACTS.file, fschema) as fw:
        for batch in _batched(pairs, PAGE_BATCH):
            pw.write(pa.Table.from_pylist([p for p, _ in batch], schema=pschema))
            facts = [f for _, fs in batch for f in fs]
            fw.write(pa.Table.from_pylist(facts, schema=fschema))
        return {"pages": pw.rows, "facts": fw.rows}


# --- the build ----------------------------------------------------------------------

def build(archive_dir: str | Path, out_dir: str | Path, *, progress: bool = True,
          work_dir: str | Path | None = None, full: bool = False,
          keep_builds: int = KEEP_BUILDS) -> BuildResult:
    """Build (or update) the dataset in `out_dir` from the WARC archive in `archive_dir`.

    `full=True` rebuilds from the archive alone instead of merging into the pages already
    in `out_dir`. `keep_builds` complete builds are kept under `out_dir/builds/`.
    """
    from extract.batch import extract_archive

    out_dir = Path(out_dir)
    work_dir = Path(work_dir) if work_dir else out_dir / WORK_DIR
    result = BuildResult(out_dir=out_dir)
    result.extract = extract_archive(archive_dir, work_dir, progress=progress)
    return build_from_work(work_dir, out_dir, result=result, full=full, keep_builds=keep_builds)


def build_from_work(work_dir: str | Path, out_dir: str | Path, *, result: BuildResult | None = None,
                    full: bool = False, keep_builds: int = KEEP_BUILDS) -> BuildResult:
    """Steps 2-5 of `build`, from an up-to-date extraction cache in `work_dir`."""
    from extract.batch import read_index

    out_dir, work_dir = Path(out_dir), Path(work_dir)
    result = result or BuildResult(out_dir=out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    new_ids = {make_page_id(r["url"]) for r in read_index(work_dir)[1]}
    try:
        previous = resolve_dataset(out_dir)
    except NoDatasetError:
        previous = None
    carried = set() if full or previous is None else _old_page_ids(previous) - new_ids
    result.carried_pages = len(carried)
    for old in out_dir.glob(".staging-*"):  # left by a build of the flat layout that was killed
        shutil.rmtree(old, ignore_errors=True)
    stage = staging_dir(out_dir)
    try:
        pairs = _merge(_new_pages(work_dir, result), _old_pages(previous, carried))
        result.rows.update(write_pages_and_facts(pairs, stage))
        finish(stage, out_dir, result, keep_builds=keep_builds)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    for what, n in (("facts dropped (evidence not in the page text)", result.dropped_facts),
                    ("dates dropped (outside the sane range)", result.dropped_dates),
                    ("unknown roles/kinds/currencies set to other or empty", result.coerced)):
        if n:
            result.warnings.append(f"{n} {what}")
            log.warning("%d %s", n, what)
    return result


def finish(stage: Path, out_dir: Path, result: BuildResult, *, keep_builds: int = KEEP_BUILDS) -> None:
    """Entity tables, validation, data card, then the switch of `out_dir` to this build."""
    from transform import card, resolve, validate

    result.rows.update(resolve.resolve(stage / S.PAGES.file, stage / S.FACTS.file, stage))
    validate.validate_dataset(stage)  # raises ValidationError: nothing below runs
    write_bytes_atomic(card.datapackage_json(stage).encode("utf-8"), stage / "datapackage.json")
    now = datetime.now(timezone.utc)
    meta = {"build_id": new_build_id(now), "built_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "rows": result.rows, "carried_pages": result.carried_pages,
            "dropped_facts": result.dropped_facts, "dropped_dates": result.dropped_dates,
            "coerced": result.coerced}
    write_bytes_atomic(card.readme(stage, meta).encode("utf-8"), stage / "README.md")
    write_bytes_atomic(json.dumps(meta, indent=2, sort_keys=True).encode(), stage / META_FILE)
    publish_build(stage, out_dir, meta["build_id"], keep=keep_builds)

"""Extraction over a whole archive, cached so only new or changed pages cost anything.

`extract_archive` reads the WARC archive once. Every archived article response
(status 200) whose body digest is not yet in the cache is decoded, turned into a Page
and a facts record, and appended to a JSON Lines cache keyed by that digest. The cache
file is named after a hash of the extractor's own code and data, so improving
extraction invalidates it by itself. Alongside, `index.jsonl` lists one row per URL:
the latest fetch wins (its digest points into the cache), with first and last fetch
times.

One bad record is warned about and counted; it never stops the batch.

The archive is read twice: once to index it (bodies are not kept), then the uncached
bodies are read again by position and extracted, in this process, in a local process pool
(`jobs`) or on a Dask cluster (`scheduler`); results are written in archive order, so the
cache is the same whichever runs them.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

log = logging.getLogger("samorzad.extract")

INDEX_FILE = "index.jsonl"
MAX_ERRORS_KEPT = 20


@dataclass
class ExtractStats:
    responses: int = 0  # every archived response read
    articles: int = 0  # article responses with status 200 (all fetches)
    urls: int = 0  # distinct article URLs (latest fetch each)
    extracted: int = 0  # newly extracted bodies
    cached: int = 0  # bodies found in the cache
    failed: int = 0  # bodies that could not be extracted (warned)
    version: str = ""
    errors: list[str] = field(default_factory=list)


def extractor_version() -> str:
    """Hash of the extract package's code and data: a new version re-extracts everything."""
    import extract

    root = Path(extract.__file__).parent  # the extractors, not this caching code
    h = hashlib.sha1()
    for p in sorted(list(root.glob("*.py")) + list(root.glob("data/*.toml"))):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


def cache_path(work_dir: str | Path, version: str | None = None) -> Path:
    return Path(work_dir) / f"facts-{version or extractor_version()}.jsonl"


def scan_cache(path: Path) -> dict[str, int]:
    """digest -> byte offset of its line. A line cut short by a crash is dropped."""
    offsets: dict[str, int] = {}
    if not path.exists():
        return offsets
    good_end = 0
    with open(path, "rb") as fh:
        pos = 0
        for line in fh:
            if not line.endswith(b"\n"):
                break
            try:  # lines start with {"digest": "<hex>" so the key is read without a full parse
                digest = json.loads(line[: line.index(b",")] + b"}")["digest"]
            except (ValueError, KeyError):
                log.warning("cache %s: unreadable line at byte %d skipped", path.name, pos)
            else:
                offsets[digest] = pos
            pos += len(line)
            good_end = pos
    if good_end < path.stat().st_size:
        with open(path, "r+b") as fh:
            fh.truncate(good_end)
    return offsets


def read_cached(path: Path, offset: int, fh=None) -> dict:
    """The cache entry at `offset`: {"digest", "page": {...}, "record": {...}}."""
    if fh is None:
        with open(path, "rb") as f:
            f.seek(offset)
            return json.loads(f.readline())
    fh.seek(offset)
    return json.loads(fh.readline())


def extract_one(body: bytes, headers: dict | None, url: str | None) -> dict:
    """One response body -> cache entry payload (page text and metadata + facts record)."""
    from extract.facts import extract_facts
    from extract.page import page_from_html

    page = page_from_html(body, headers=headers, url=url)
    record = extract_facts(page)
    return {
        "page": {"text": page.text, "title": page.title, "published": record.get("published"),
                 "encoding": page.encoding},
        "record": record,
    }


def _iter_archive(archive_dir: Path) -> Iterator:
    try:
        from spiders.archive import iter_records
    except ImportError as e:  # the crawl stage is not installed: nothing can be read
        from transform.schema import TransformError
        raise TransformError(f"cannot read the archive: {e}") from e
    return iter_records(archive_dir)


def extract_archive(archive_dir: str | Path, work_dir: str | Path, *, progress: bool = True,
                    jobs: int = 1, scheduler: str | None = None, freeze: bool = False) -> ExtractStats:
    """Extract every archived article not yet in the cache; write the URL index.

    `jobs` > 1 extracts in that many local processes; `scheduler` (a Dask scheduler
    address, e.g. ``tcp://host:8786``) sends the work to a Dask cluster whose workers see
    the archive at the same path. Either way the cache and the index are byte for byte
    those of a single-process run: results are written in archive order.
    `freeze`: this process, or each local worker, calls ``extract.facts.freeze_loaded``
    after its first batch of pages (the command line's choice: it owns the process; a
    Dask cluster's workers are left as they are).
    """
    import shutil
    import tempfile

    from transform.schema import TransformError

    archive_dir, work_dir = Path(archive_dir), Path(work_dir)
    if not archive_dir.is_dir():
        raise TransformError(f"archive directory not found: {archive_dir}")
    work_dir.mkdir(parents=True, exist_ok=True)
    stats = ExtractStats(version=extractor_version())
    cpath = cache_path(work_dir, stats.version)
    offsets = scan_cache(cpath)
    for old in work_dir.glob(".extract-*"):  # left by a run that was killed
        shutil.rmtree(old, ignore_errors=True)
    # every fetch goes to disk as it is read; the URL index is then made by DuckDB, so
    # memory does not grow with the number of URLs
    scratch = Path(tempfile.mkdtemp(prefix=".extract-", dir=work_dir))
    try:
        records = _iter_archive(archive_dir)
        if progress:
            from tqdm import tqdm
            records = tqdm(records, desc="index", unit=" responses")
        try:
            todo = _index_all(records, offsets, scratch / "fetches.parquet", stats)
        except ValueError as e:  # a corrupt WARC file: the archive itself is damaged
            raise TransformError(f"cannot read the archive: {e}") from e
        with open(cpath, "ab") as cache:
            _extract_todo(archive_dir, todo, cache, offsets, stats,
                          _runner(jobs, scheduler, freeze), progress)
        del todo
        _crawl_state_to(archive_dir, scratch / "state.parquet")
        stats.urls = _write_index(work_dir / INDEX_FILE, _index_rows(scratch, work_dir, offsets),
                                  stats.version)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    _drop_stale_caches(work_dir, cpath)
    return stats


FETCH_SCHEMA = {"key": "string", "seen_at": "string", "url": "string", "source_id": "string",
                "status": "int32", "fetched_at": "string", "warc_file": "string",
                "warc_offset": "int64", "digest": "string", "seq": "int64"}


class _Spool:
    """Rows appended to a Parquet file a batch at a time."""

    def __init__(self, path: Path, schema: dict[str, str], batch: int = 10_000):
        import pyarrow as pa

        self.path, self.batch, self.rows = path, batch, []
        self.schema = pa.schema([(k, getattr(pa, t)()) for k, t in schema.items()])
        self.writer = None

    def add(self, row: dict) -> None:
        self.rows.append(row)
        if len(self.rows) >= self.batch:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self.writer is None:
            self.writer = pq.ParquetWriter(self.path, self.schema)
        self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
        self.rows = []

    def close(self) -> None:
        self.flush()
        self.writer.close()


def _index_all(records, offsets: dict, fetches: Path, stats: ExtractStats) -> list:
    """Spool every article fetch to `fetches`; return the article bodies not in the cache,
    in archive order, as (digest, warc_file, offset) (bodies stay in the archive)."""
    from transform.ids import canonical_url

    todo = []
    spool = _Spool(fetches, FETCH_SCHEMA)
    for r in records:
        stats.responses += 1
        if r.kind != "article":
            continue
        spool.add({"key": canonical_url(r.url), "seen_at": _norm_ts(r.fetched_at), "url": r.url,
                   "source_id": r.source_id, "status": r.status, "fetched_at": r.fetched_at,
                   "warc_file": str(r.warc_file), "warc_offset": r.offset, "digest": r.digest,
                   "seq": stats.responses})
        if r.status != 200:
            continue
        stats.articles += 1
        if r.digest in offsets:  # extracted by an earlier run
            stats.cached += 1
        else:  # one string per WARC file, not one per record: todo is 1 row per body
            todo.append((r.digest, sys.intern(str(r.warc_file)), r.offset))
    spool.close()
    return todo


# One row per canonical URL: its latest status-200 fetch (ties: the later in the archive),
# first/last seen over every fetch of it (any status), widened by the crawler's state (a
# 304 answer renews last_seen without archiving a body again; of several state rows
# for one canonical URL the last read counts).
INDEX_SQL = """
WITH span AS (SELECT key, min(seen_at) AS first_seen, max(seen_at) AS last_seen FROM {fetches} GROUP BY key),
     state AS (SELECT key, arg_max_null(state_first, seq) AS state_first,
                      arg_max_null(state_last, seq) AS state_last FROM {state} GROUP BY key),
     latest AS (SELECT * FROM {fetches} WHERE status = 200
                QUALIFY row_number() OVER (PARTITION BY key ORDER BY fetched_at DESC,
                                           warc_file DESC, warc_offset DESC, seq DESC) = 1)
SELECT l.url, l.key AS canonical_url, l.source_id, l.status, l.fetched_at, l.warc_file,
       l.warc_offset, l.digest,
       CASE WHEN st.state_first IS NULL THEN s.first_seen
            ELSE least(s.first_seen, st.state_first) END AS first_seen,
       CASE WHEN st.state_last IS NULL THEN s.last_seen
            ELSE greatest(s.last_seen, st.state_last) END AS last_seen
FROM latest l JOIN span s USING (key) LEFT JOIN state st USING (key)
ORDER BY l.key
"""


def _index_rows(scratch: Path, work_dir: Path, offsets: dict) -> Iterator[dict]:
    """The URL index rows, sorted by canonical URL, of bodies that are in the cache."""
    from transform import spill

    con = spill.connect([scratch, work_dir])
    try:
        sql = INDEX_SQL.format(fetches=spill.read(scratch / "fetches.parquet"),
                               state=spill.read(scratch / "state.parquet"))
        for chunk in spill.batches(con, sql, 50_000):
            for row in chunk.to_pylist():
                if row["digest"] in offsets:  # else extraction failed: no text to offer
                    row["cache_offset"] = offsets[row["digest"]]
                    yield row
    finally:
        con.close()


def extract_at(archive_dir: str, locations: list[tuple[str, int]]) -> list[tuple]:
    """(cache line, None) or (None, error) for the article at each (warc_file, offset):
    the unit of work of a pool or Dask worker."""
    from spiders.archive import read_record

    out = []
    for warc_file, offset in locations:
        r = read_record(archive_dir, warc_file, offset)
        try:
            payload = extract_one(r.body, r.headers, r.url)
            # digest first: scan_cache reads it without parsing the whole line
            out.append((json.dumps({"digest": r.digest, **payload}, ensure_ascii=False), None))
        except Exception as e:  # one bad page must not stop a batch of thousands
            out.append((None, f"{r.url}: {type(e).__name__}: {e}"))
    return out


CHUNK = 16  # articles per task: big enough to hide the hand-over, small enough to balance


def _extract_todo(archive_dir: Path, todo: list, cache, offsets: dict, stats: ExtractStats,
                  runner, progress: bool) -> None:
    """Extract the first occurrence of every uncached body (with `runner`), then write the
    results in archive order exactly as a one-by-one loop would: a body seen again is
    cached; a body that failed is tried again at its next occurrence."""
    first: dict[str, int] = {}
    for i, (digest, _, _) in enumerate(todo):
        first.setdefault(digest, i)
    work = sorted(first.values())
    chunks = [[todo[i][1:] for i in work[k:k + CHUNK]] for k in range(0, len(work), CHUNK)]
    results = (res for chunk in runner(str(archive_dir), chunks) for res in chunk)
    bar = None
    if progress:
        from tqdm import tqdm
        bar = tqdm(total=len(work), desc="extract", unit=" pages")
    for i, (digest, warc_file, offset) in enumerate(todo):
        if digest in offsets:
            stats.cached += 1
            continue
        if first[digest] == i:
            line, error = next(results)
            if bar is not None:
                bar.update()
        else:  # its first occurrence failed: try this copy (its headers may differ)
            [(line, error)] = extract_at(str(archive_dir), [(warc_file, offset)])
        if error is not None:
            stats.failed += 1
            log.warning("extraction failed for %s", error)
            if len(stats.errors) < MAX_ERRORS_KEPT:
                stats.errors.append(error)
            continue
        offsets[digest] = cache.tell()
        cache.write(line.encode("utf-8") + b"\n")
        cache.flush()
        stats.extracted += 1
    if bar is not None:
        bar.close()


def _runner(jobs: int, scheduler: str | None, freeze: bool = False):
    """runner(archive_dir, chunks) -> iterator of each chunk's results, in chunk order."""
    if scheduler:
        return lambda archive, chunks: _on_dask(scheduler, archive, chunks)
    work = _extract_at_then_freeze if freeze else extract_at
    if jobs > 1:
        return lambda archive, chunks: _on_pool(jobs, archive, chunks, work)
    return lambda archive, chunks: (work(archive, c) for c in chunks)


_FROZEN = False  # this process has called freeze_loaded


def _extract_at_then_freeze(archive_dir: str, locations: list[tuple[str, int]]) -> list[tuple]:
    """``extract_at``; after the process's first batch (rules, tables, dictionary loaded),
    ``extract.facts.freeze_loaded`` once: full collections then skip all that."""
    global _FROZEN
    out = extract_at(archive_dir, locations)
    if not _FROZEN:
        from extract.facts import freeze_loaded

        _FROZEN = True
        freeze_loaded()
    return out


def _ordered(submit, chunks: list, window: int) -> Iterator[list]:
    """Results of submit(chunk) in chunk order with at most `window` chunks in flight,
    so finished results never pile up in memory."""
    from collections import deque

    pending: deque = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _on_pool(jobs: int, archive: str, chunks: list, work=extract_at) -> Iterator[list]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if not chunks:
        return
    # spawn: workers start clean (no copy of the parent's threads or open files)
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield from _ordered(lambda c: pool.submit(work, archive, c), chunks, jobs * 4)


def _on_dask(address: str, archive: str, chunks: list) -> Iterator[list]:
    from transform.schema import TransformError
    try:
        from distributed import Client
    except ImportError as e:
        raise TransformError(f"--scheduler needs dask.distributed: {e}") from e
    if not chunks:
        return
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError, ValueError) as e:
        raise TransformError(f"cannot reach the Dask scheduler at {address}: {e}") from e
    try:
        width = max(1, sum(w.get("nthreads", 1) for w in
                           client.scheduler_info().get("workers", {}).values()))
        yield from _ordered(lambda c: client.submit(extract_at, archive, c, pure=False),
                            chunks, width * 4)
    finally:
        client.close()


def _norm_ts(value: str | None) -> str | None:
    """One spelling of a UTC time, so that times from the archive and the state compare."""
    from datetime import datetime, timezone

    if not value:
        return None
    try:
        ts = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if ts.tzinfo is None:
        ts = ts.replace(tzinfo=timezone.utc)
    return ts.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _crawl_state_to(archive_dir: Path, out: Path) -> None:
    """(canonical URL, first_seen, last_seen) of every article in the crawler's SQLite
    state, if any, spooled to `out` (empty when there is no state)."""
    import sqlite3

    from transform.ids import canonical_url

    spool = _Spool(out, {"key": "string", "state_first": "string", "state_last": "string",
                         "seq": "int64"})
    try:
        from spiders.state import state_path
        path = state_path(archive_dir)
    except ImportError:
        path = None
    if path is not None and path.exists():
        try:  # read-only: the build never changes what the crawler knows
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                rows = con.execute("SELECT url, first_seen, last_seen FROM urls "
                                   "WHERE kind = 'article'")
                for seq, (url, first, last) in enumerate(rows):
                    spool.add({"key": canonical_url(url), "state_first": _norm_ts(first),
                               "state_last": _norm_ts(last), "seq": seq})
            finally:
                con.close()
        except sqlite3.Error as e:
            log.warning("crawl state %s unreadable (%s); first/last seen from the archive only",
                        path, e)
    spool.close()


def _write_index(path: Path, rows: Iterable[dict], version: str) -> int:
    """Write the index line by line to a temporary file beside `path`, then rename it
    (atomic; created with open(), so it honours the umask). Returns the number of rows."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    n = 0
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(json.dumps({"version": version}) + "\n")
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
                n += 1
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return n


def read_index(work_dir: str | Path) -> tuple[str, list[dict]]:
    """(extractor version, index rows sorted by canonical URL) written by extract_archive."""
    path = Path(work_dir) / INDEX_FILE
    with open(path, encoding="utf-8") as fh:
        version = json.loads(fh.readline())["version"]
        return version, [json.loads(line) for line in fh if line.strip()]


def _drop_stale_caches(work_dir: Path, current: Path) -> None:
    # caches of older extractor versions can never be read again
    for p in work_dir.glob("facts-*.jsonl"):
        if p != current:
            try:
                os.remove(p)
            except OSError:
                pass

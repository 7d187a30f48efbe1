"""The data card (README.md) and Frictionless datapackage.json, generated from schema.py."""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from transform import schema as S

LIMITATIONS = """\
- Facts are extracted by rules from the page text; every fact carries its evidence
  (`facts.start`/`facts.end` into `pages.text`) so that it can be checked, but rules miss
  facts and sometimes take a wrong one.
- Entities are merged by rules (lemma keys, the alias table, acronyms, close spellings):
  different bodies with very similar names may be merged and variants the rules do not
  know stay apart. Precision and recall of merges are measured in `docs/resolution.md`.
- `activities` tie every date of a page to the first project the page names; `fundings`
  tie the page's funders to its first programme and its largest amount.
- Organisation kind, level and country come from the words of the name; `inne` (other)
  and an empty country mean the name did not tell.
- Only pages the crawler archived are covered; a site's older news may be missing.
"""


def frictionless_type(t: pa.DataType) -> str:
    if pa.types.is_dictionary(t):
        return frictionless_type(t.value_type)
    if pa.types.is_boolean(t):
        return "boolean"
    if pa.types.is_integer(t):
        return "integer"
    if pa.types.is_floating(t):
        return "number"
    if pa.types.is_date(t):
        return "date"
    if pa.types.is_timestamp(t):
        return "datetime"
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        # frictionless reads Parquet through pandas, which hands lists over as numpy
        # arrays that its "array" type rejects; the description says what is inside
        return "any"
    return "string"


def _field(c: S.Column) -> dict:
    f: dict = {"name": c.name, "type": frictionless_type(c.type), "description": c.description}
    cons: dict = {}
    if not c.nullable:
        cons["required"] = True
    if c.enum:
        cons["enum"] = list(c.enum)
    if c.pattern:
        cons["pattern"] = c.pattern.strip("^$")
    # pandas turns a null number into NaN, which frictionless would test against a bound:
    # bounds are declared on required numbers only (validate.py checks them all)
    if f["type"] in ("integer", "number") and not c.nullable:
        if c.minimum is not None:
            cons["minimum"] = c.minimum
        if c.maximum is not None:
            cons["maximum"] = c.maximum
    if pa.types.is_list(c.type):
        f["description"] += " (a list of strings)"
    if cons:
        f["constraints"] = cons
    return f


def datapackage(data_dir: str | Path) -> dict:
    data_dir = Path(data_dir)
    resources = []
    for t in S.TABLES.values():
        if not (data_dir / t.file).exists():
            continue
        schema = {"fields": [_field(c) for c in t.columns], "primaryKey": [t.primary_key]}
        fks = [{"fields": [fk.column], "reference": {"resource": fk.table, "fields": [fk.ref]}}
               for fk in t.foreign_keys]
        if fks:
            schema["foreignKeys"] = fks
        resources.append({"name": t.name, "path": t.file, "format": "parquet",
                          "mediatype": "application/vnd.apache.parquet",
                          "description": t.description, "schema": schema})
    return {
        "name": "samorzad",
        "title": "Polish local-government cooperation: projects, funders, participants",
        "description": "Facts extracted from Polish municipal and institution news pages, "
                       "each with character offsets of its evidence, and the entities they "
                       "name, merged across pages.",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "resources": resources,
    }


def datapackage_json(data_dir: str | Path) -> str:
    return json.dumps(datapackage(data_dir), ensure_ascii=False, indent=2) + "\n"


def _count(path: Path) -> int:
    return pq.ParquetFile(path).metadata.num_rows


def _sources(pages: Path) -> list[tuple[str, int]]:
    ids = pq.read_table(pages, columns=["source_id"]).column(0).to_pylist()
    counts: dict[str, int] = {}
    for s in ids:
        counts[s] = counts.get(s, 0) + 1
    return sorted(counts.items())


def readme(data_dir: str | Path, meta: dict | None = None) -> str:
    data_dir = Path(data_dir)
    meta = meta or {}
    lines = ["# samorzad dataset", "",
             "Polish local-government cooperation (projects, dates, funders, programmes, "
             "participants, places, amounts) extracted from news pages. Every fact keeps "
             "the page it comes from and the character offsets of its evidence.", ""]
    if meta.get("built_at"):
        lines += [f"Built: {meta['built_at']}", ""]
    notes = [(meta.get("carried_pages"), "pages kept from the previous build (not in this archive)"),
             (meta.get("dropped_facts"), "extracted items dropped: evidence not in the page text"),
             (meta.get("dropped_dates"), "dates dropped: outside 1990-2100 or malformed"),
             (meta.get("coerced"), "unknown roles/kinds/currencies set to `other` or empty")]
    if any(n for n, _ in notes):
        lines += ["Build notes:", ""] + [f"- {n} {what}" for n, what in notes if n] + [""]
    lines += ["## Tables", "", "| table | rows | what one row is |", "| --- | ---: | --- |"]
    present = [t for t in S.TABLES.values() if (data_dir / t.file).exists()]
    for t in present:
        lines.append(f"| `{t.name}` | {_count(data_dir / t.file)} | {t.description} |")
    lines += ["", "Ids are stable: a hash of the entity type and its canonical key (pages: the "
              "canonical URL), never row order or run time. Load a table with "
              "`pandas.read_parquet(\"pages.parquet\")` or query them all with "
              "`samorzad query \"SELECT ...\"`.", ""]
    if (data_dir / S.PAGES.file).exists():
        lines += ["## Sources", "", "| source | pages |", "| --- | ---: |"]
        lines += [f"| {s} | {n} |" for s, n in _sources(data_dir / S.PAGES.file)]
        lines.append("")
    for t in present:
        lines += [f"## `{t.name}`", "", t.description, "",
                  f"Primary key: `{t.primary_key}`."]
        for fk in t.foreign_keys:
            lines.append(f"`{fk.column}` → `{fk.table}.{fk.ref}`.")
        lines += ["", "| column | type | required | meaning |", "| --- | --- | --- | --- |"]
        for c in t.columns:
            extra = f" One of: {', '.join(c.enum)}." if c.enum else ""
            lines.append(f"| `{c.name}` | {c.type} | {'yes' if not c.nullable else ''} | "
                         f"{c.description}{extra} |")
        lines.append("")
    lines += ["## Known limitations", "", LIMITATIONS]
    return "\n".join(lines)

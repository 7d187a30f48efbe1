"""Validation before any write: every rule comes from `transform/schema.py`.

Checks, per table: the Parquet schema is exactly the declared one; key columns and
non-nullable columns have no nulls; primary keys are unique; categories hold only known
values; ISO date strings match the pattern and dates fall in 1990..2100; numbers are in
range; foreign keys resolve (no orphans); and every fact's evidence is where it says:
`pages.text[start:end] == facts.text`.

The checks run as DuckDB queries over the Parquet files, so they stream and spill
instead of loading a large dataset into memory.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from transform import schema as S

MAX_SHOWN = 5  # offending values quoted per problem


class ValidationError(S.TransformError):
    """The dataset breaks a rule of its schema; `problems` lists every broken rule."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        head = "; ".join(problems[:3]) + (f" (and {len(problems) - 3} more)" if len(problems) > 3 else "")
        super().__init__(f"dataset validation failed: {head}")


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _schema_problems(spec: S.Table, path: Path) -> list[str]:
    got = pq.read_schema(path)
    want = S.arrow_schema(spec)
    if got.names != want.names:
        return [f"{spec.name}: columns {got.names} differ from the schema's {want.names}"]
    out = []
    for g, w in zip(got, want):
        if not g.type.equals(w.type):
            out.append(f"{spec.name}.{g.name}: type {g.type}, schema says {w.type}")
    return out


def _sample(con, sql: str) -> list:
    return [r[0] for r in con.execute(sql + f" LIMIT {MAX_SHOWN}").fetchall()]


def _column_problems(con, spec: S.Table) -> list[str]:
    t, out = _q(spec.name), []
    for c in spec.columns:
        col, where = _q(c.name), f"{spec.name}.{c.name}"
        if not c.nullable or c.name == spec.primary_key:
            n = con.execute(f"SELECT count(*) FROM {t} WHERE {col} IS NULL").fetchone()[0]
            if n:
                out.append(f"{where}: {n} null value(s) in a column that must be filled")
        if c.enum:
            allowed = ", ".join(_lit(v) for v in c.enum)
            bad = _sample(con, f"SELECT DISTINCT CAST({col} AS VARCHAR) FROM {t} "
                               f"WHERE {col} IS NOT NULL AND CAST({col} AS VARCHAR) NOT IN ({allowed})")
            if bad:
                out.append(f"{where}: unknown value(s) {bad}; allowed: {list(c.enum)}")
        if c.pattern:
            bad = _sample(con, f"SELECT DISTINCT {col} FROM {t} WHERE {col} IS NOT NULL AND "
                               f"NOT regexp_full_match({col}, {_lit(c.pattern)})")
            if bad:
                out.append(f"{where}: malformed date(s) {bad}")
            lo, hi = S.DATE_RANGE
            bad = _sample(con, f"SELECT DISTINCT {col} FROM {t} WHERE {col} IS NOT NULL AND "
                               f"TRY_CAST(substr({col}, 1, 4) AS INTEGER) NOT BETWEEN {lo} AND {hi}")
            if bad:
                out.append(f"{where}: date(s) outside {lo}..{hi}: {bad}")
        if c.minimum is not None or c.maximum is not None:
            # for dates the bounds are years
            expr = f"year({col})" if pa.types.is_date(c.type) else col
            conds = []
            if c.minimum is not None:
                conds.append(f"{expr} < {c.minimum}")
            if c.maximum is not None:
                conds.append(f"{expr} > {c.maximum}")
            bad = _sample(con, f"SELECT DISTINCT CAST({col} AS VARCHAR) FROM {t} "
                               f"WHERE {' OR '.join(conds)}")
            if bad:
                out.append(f"{where}: value(s) out of range [{c.minimum}, {c.maximum}]: {bad}")
    pk = _q(spec.primary_key)
    dup = _sample(con, f"SELECT {pk} FROM {t} GROUP BY {pk} HAVING count(*) > 1")
    if dup:
        out.append(f"{spec.name}.{spec.primary_key}: duplicate key(s) {dup}")
    return out


def _orphans(con, table: str, col: str, ref_table: str, ref_col: str, where: str) -> list:
    """Up to MAX_SHOWN values of ``table.col`` (rows matching ``where``) absent from
    ``ref_table.ref_col``: the one orphan query behind both kinds of foreign key."""
    return _sample(con, f"SELECT DISTINCT a.{_q(col)} FROM {_q(table)} a ANTI JOIN {_q(ref_table)} b "
                        f"ON a.{_q(col)} = b.{_q(ref_col)} WHERE {where}")


def _fk_problems(con, spec: S.Table, present: set[str]) -> list[str]:
    out = []
    for fk in spec.foreign_keys:
        if fk.table not in present:
            out.append(f"{spec.name}.{fk.column}: referenced table {fk.table} is missing")
            continue
        bad = _orphans(con, spec.name, fk.column, fk.table, fk.ref, f"a.{_q(fk.column)} IS NOT NULL")
        if bad:
            out.append(f"{spec.name}.{fk.column}: {len(bad)}+ id(s) not in {fk.table}.{fk.ref} "
                       f"(orphans): {bad}")
    return out


# ids that point into one of several tables, chosen by a type column
_POLYMORPHIC = {
    ("roles", "actor_id", "actor_type"): {"organization": ("organizations", "org_id"),
                                          "person": ("people", "person_id")},
    ("evidence", "entity_id", "entity_type"): {
        "organization": ("organizations", "org_id"), "person": ("people", "person_id"),
        "place": ("places", "place_id"), "programme": ("programmes", "programme_id"),
        "project": ("projects", "project_id"), "activity": ("activities", "activity_id"),
        "role": ("roles", "role_id"), "funding": ("fundings", "funding_id")},
}


def _polymorphic_problems(con, present: set[str]) -> list[str]:
    out = []
    for (table, col, type_col), targets in _POLYMORPHIC.items():
        if table not in present:
            continue
        for value, (ref_table, ref_col) in targets.items():
            if ref_table not in present:
                continue
            bad = _orphans(con, table, col, ref_table, ref_col,
                           f"CAST(a.{_q(type_col)} AS VARCHAR) = {_lit(value)}")
            if bad:
                out.append(f"{table}.{col}: {value} id(s) not in {ref_table}.{ref_col} "
                           f"(orphans): {bad}")
    return out


def _offset_problems(con) -> list[str]:
    # DuckDB substr counts characters (code points), like Python string indices
    bad = _sample(con, "SELECT f.fact_id FROM facts f JOIN pages p USING (page_id) "
                       "WHERE f.start < 0 OR f.\"end\" <= f.start OR f.\"end\" > length(p.text) "
                       "OR substr(p.text, f.start + 1, f.\"end\" - f.start) <> f.text")
    return [f"facts: evidence not at its offsets in pages.text for fact(s) {bad}"] if bad else []


def validate_dataset(data_dir: str | Path, tables: list[str] | None = None, *,
                     scratch: str | Path | None = None) -> None:
    """Check every table file present in `data_dir`; raise ValidationError listing problems.

    DuckDB (sandboxed to `data_dir` and its spill folder, `transform/spill.py`) spills to a
    folder inside `scratch` (a build's scratch folder, which the next build clears if this
    one is killed), else to the system's temporary folder."""
    from transform import spill as duck

    data_dir = Path(data_dir)
    names = tables or [n for n, t in S.TABLES.items() if (data_dir / t.file).exists()]
    problems: list[str] = []
    for required in ("pages", "facts"):
        if required not in names:
            problems.append(f"{required}: table missing from {data_dir}")
    spill = tempfile.TemporaryDirectory(prefix="samorzad-validate-", dir=scratch)
    # bounded memory: DuckDB spills the offset join to disk rather than grow past its limit
    con = duck.connect([spill.name, data_dir], threads=None,
                       settings=["SET preserve_insertion_order = false"])
    try:
        for n in names:
            con.execute(f"CREATE VIEW {_q(n)} AS SELECT * FROM {duck.read(data_dir / S.TABLES[n].file)}")
        for n in names:
            spec = S.TABLES[n]
            shape = _schema_problems(spec, data_dir / spec.file)
            problems += shape
            if not shape:
                problems += _column_problems(con, spec) + _fk_problems(con, spec, set(names))
        if {"pages", "facts"} <= set(names) and not problems:
            problems += _offset_problems(con)
        if not problems:
            problems += _polymorphic_problems(con, set(names))
    finally:
        con.close()
        spill.cleanup()
    if problems:
        raise ValidationError(problems)

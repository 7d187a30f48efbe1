"""Export the dataset for tools that do not read Parquet: CSV files or one SQLite database.

CSV: one file per table in the target folder. A text cell starting with `=`, `+`, `-`,
`@` (or a tab / carriage return) is prefixed with `'` so that a spreadsheet shows it
instead of running it as a formula (CSV injection). Lists are written as JSON arrays.

SQLite: one table per dataset table with its primary key, foreign keys (enforced) and
indexes from `transform/schema.py`, plus `pages_fts`, an FTS5 full-text index over page
titles and text (`SELECT page_id FROM pages_fts WHERE pages_fts MATCH 'partnerstwo'`).
"""
from __future__ import annotations

import csv
import json
import os
import sqlite3
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from transform import schema as S

FORMATS = ("csv", "sqlite")
_RISKY = ("=", "+", "-", "@", "\t", "\r")
BATCH_ROWS = 5_000


class ExportError(S.TransformError):
    """Unknown format, missing dataset, or a target that cannot be written."""


def neutralise(value):
    """A cell a spreadsheet will not execute: risky leading characters get a `'`."""
    if isinstance(value, str) and value.startswith(_RISKY):
        return "'" + value
    return value


def _cell(value):
    if isinstance(value, (list, tuple)):
        return json.dumps(list(value), ensure_ascii=False)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _tables(data_dir: Path) -> list[S.Table]:
    present = [t for t in S.TABLES.values() if (data_dir / t.file).exists()]
    if not present:
        raise ExportError(f"no dataset in {data_dir}")
    return present


def _batches(path: Path):
    for batch in pq.ParquetFile(path).iter_batches(batch_size=BATCH_ROWS):
        yield batch.to_pylist()


def export(data_dir: str | Path, fmt: str, to: str | Path, bom: bool = False) -> Path:
    """Write the dataset in `data_dir` as `fmt` ("csv": a folder; "sqlite": a file) at `to`.
    `bom`: CSV files start with a UTF-8 byte order mark, which Excel needs to read UTF-8."""
    data_dir, to = Path(data_dir), Path(to)
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    tables = _tables(data_dir)
    return export_csv(data_dir, tables, to, bom) if fmt == "csv" else export_sqlite(data_dir, tables, to)


def export_csv(data_dir: Path, tables: list[S.Table], to: Path, bom: bool = False) -> Path:
    if to.exists() and not to.is_dir():
        raise ExportError(f"CSV export needs a folder, and {to} is a file")
    to.mkdir(parents=True, exist_ok=True)
    for t in tables:
        target = to / f"{t.name}.csv"
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=to)
        try:
            with os.fdopen(fd, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
                w = csv.writer(fh)
                w.writerow(t.column_names)
                for rows in _batches(data_dir / t.file):
                    for r in rows:
                        w.writerow([neutralise(_cell(r[c])) for c in t.column_names])
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return to


def _sql_type(t: pa.DataType) -> str:
    if pa.types.is_dictionary(t):
        return _sql_type(t.value_type)
    if pa.types.is_integer(t) or pa.types.is_boolean(t):
        return "INTEGER"
    if pa.types.is_floating(t):
        return "REAL"
    return "TEXT"


def _create(t: S.Table) -> str:
    cols = []
    for c in t.columns:
        line = f'"{c.name}" {_sql_type(c.type)}'
        if c.name == t.primary_key:
            line += " PRIMARY KEY"
        elif not c.nullable:
            line += " NOT NULL"
        cols.append(line)
    for fk in t.foreign_keys:
        cols.append(f'FOREIGN KEY ("{fk.column}") REFERENCES "{fk.table}" ("{fk.ref}")')
    return f'CREATE TABLE "{t.name}" (\n  ' + ",\n  ".join(cols) + "\n)"


def export_sqlite(data_dir: Path, tables: list[S.Table], to: Path) -> Path:
    if to.is_dir():
        raise ExportError(f"SQLite export needs a file path, and {to} is a folder")
    to.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{to.name}.", dir=to.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.execute("PRAGMA foreign_keys = ON")
        # referenced tables first, so every foreign key is checked as rows go in
        for t in _fk_order(tables):
            con.execute(_create(t))
            marks = ", ".join("?" * len(t.columns))
            for rows in _batches(data_dir / t.file):
                con.executemany(f'INSERT INTO "{t.name}" VALUES ({marks})',
                                [[_cell(r[c]) for c in t.column_names] for r in rows])
            for col in t.indexes:
                con.execute(f'CREATE INDEX "ix_{t.name}_{col}" ON "{t.name}" ("{col}")')
            if t.full_text:
                cols = ", ".join(t.full_text)
                con.execute(f'CREATE VIRTUAL TABLE "{t.name}_fts" USING fts5({t.primary_key} '
                            f'UNINDEXED, {cols}, tokenize = "unicode61 remove_diacritics 2")')
                con.execute(f'INSERT INTO "{t.name}_fts" SELECT {t.primary_key}, {cols} '
                            f'FROM "{t.name}"')
            con.commit()
        if {"pages", "facts"} <= {t.name for t in tables}:  # Polish lemma search, evidence
            from transform.evidence import add_reader_tables
            add_reader_tables(con)
            con.commit()
        bad = con.execute("PRAGMA foreign_key_check").fetchall()
        if bad:
            raise ExportError(f"foreign keys do not resolve in the export: {bad[:3]}")
        con.close()
        os.replace(tmp, to)
    except sqlite3.Error as e:
        Path(tmp).unlink(missing_ok=True)
        raise ExportError(f"SQLite export failed: {e}") from e
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return to


def _fk_order(tables: list[S.Table]) -> list[S.Table]:
    by_name = {t.name: t for t in tables}
    done: list[S.Table] = []

    def visit(t: S.Table, stack=()):
        if t in done or t.name in stack:
            return
        for fk in t.foreign_keys:
            if fk.table in by_name and fk.table != t.name:
                visit(by_name[fk.table], stack + (t.name,))
        done.append(t)
    for t in tables:
        visit(t)
    return done

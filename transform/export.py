"""Export the dataset for tools that do not read Parquet: CSV files or one SQLite database.

CSV: one file per table in the target folder. A text cell that a spreadsheet would run
as a formula gets a leading `'` (CSV injection): one starting with `=`, `+`, `-`, `@`,
their full-width forms (`＝` ...), a tab, carriage return or line feed — also after
leading spaces, which spreadsheets skip. Lists are written as JSON arrays.

SQLite: one table per dataset table with its primary key, foreign keys (enforced) and
indexes from `transform/schema.py`, plus `pages_fts`, an FTS5 full-text index over page
titles and text (`SELECT page_id FROM pages_fts WHERE pages_fts MATCH 'partnerstwo'`).

Nothing is overwritten unless asked: an existing target is refused without `force`, and
with it only a regular file (SQLite) or a folder holding nothing but an earlier CSV
export is replaced — never a device, a link or someone's notes. The SQLite file is
written as a temporary file beside its target, the CSV files in a temporary folder beside
theirs, and renamed into place with the umask's permissions: a failed export (a full
disk) leaves nothing half-written.
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import sqlite3
import stat
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from transform import schema as S
from transform.io import NoDatasetError, resolve_dataset, umask_mode

FORMATS = ("csv", "sqlite")
# what a spreadsheet treats as the start of a formula (ASCII and full-width forms)
_FORMULA_START = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_CONTROL_START = ("\t", "\r", "\n")
# leading characters spreadsheets skip before looking for a formula
_SKIPPED = " \u00a0\u3000"
BATCH_ROWS = 5_000


class ExportError(S.TransformError):
    """Unknown format, missing dataset, or a target that cannot be written."""


def neutralise(value):
    """A cell a spreadsheet will not execute: risky leading characters get a `'`."""
    if isinstance(value, str) and (value.startswith(_CONTROL_START)
                                   or value.lstrip(_SKIPPED).startswith(_FORMULA_START + _CONTROL_START)):
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


def export(data_dir: str | Path, fmt: str, to: str | Path, *, force: bool = False,
           bom: bool = False) -> Path:
    """Write the current build of `data_dir` as `fmt` ("csv": a folder; "sqlite": a file) at `to`.

    An existing `to` is refused unless `force` (and even then only a regular file, or a
    folder holding just an earlier CSV export, is replaced). `bom`: CSV files start with a
    UTF-8 byte order mark, which Excel needs to read UTF-8.
    """
    to = Path(to)
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    try:
        data_dir = resolve_dataset(data_dir)
    except NoDatasetError as e:
        raise ExportError(str(e)) from e
    tables = _tables(data_dir)
    if fmt == "csv":
        _check_csv_target(to, force)
        return export_csv(data_dir, tables, to, bom)
    _check_file_target(to, force)
    return export_sqlite(data_dir, tables, to)


def _check_file_target(to: Path, force: bool, kind: str = "SQLite") -> None:
    try:
        st = os.lstat(to)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(st.st_mode):
        raise ExportError(f"{kind} export needs a file path, and {to} is a folder")
    if not stat.S_ISREG(st.st_mode):
        raise ExportError(f"refusing to write over {to}: not a regular file")
    if not force:
        raise ExportError(f"{to} already exists; use --force to replace it")


def _export_names(tables=None) -> set[str]:
    return {f"{t.name}.csv" for t in (tables or S.TABLES.values())}


def _check_csv_target(to: Path, force: bool) -> None:
    try:
        st = os.lstat(to)
    except FileNotFoundError:
        return
    if not stat.S_ISDIR(st.st_mode):
        kind = "a file" if stat.S_ISREG(st.st_mode) else "not a folder"
        raise ExportError(f"CSV export needs a folder, and {to} is {kind}")
    entries = list(to.iterdir())
    if not entries:
        return
    if not force:
        raise ExportError(f"{to} is not empty; use --force to replace an earlier CSV export there")
    foreign = [e.name for e in entries if e.name not in _export_names() or not e.is_file() or e.is_symlink()]
    if foreign:
        raise ExportError(f"refusing to export into {to}: it holds other files ({', '.join(sorted(foreign)[:3])})")


def _temp_beside(target: Path):
    """(fd, path) of a new temporary file beside `target`, with the umask's permissions."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.fchmod(fd, umask_mode())  # mkstemp's 0600 would hide the export from other accounts
    return fd, Path(tmp)


def export_csv(data_dir: Path, tables: list[S.Table], to: Path, bom: bool = False) -> Path:
    """All tables as CSV files in a folder beside `to`, which then takes its place: a
    failed export (a full disk) leaves nothing half-written behind."""
    to.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{to.name}.", suffix=".tmp", dir=to.parent))
    try:
        os.chmod(stage, umask_mode(executable=True))  # mkdtemp makes 0700 folders
        for t in tables:
            fd = os.open(stage / f"{t.name}.csv", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            with os.fdopen(fd, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
                w = csv.writer(fh)
                w.writerow(t.column_names)
                for rows in _batches(data_dir / t.file):
                    for r in rows:
                        w.writerow([neutralise(_cell(r[c])) for c in t.column_names])
        _swap_folder(stage, to)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return to


def _swap_folder(stage: Path, to: Path) -> None:
    """Put `stage` where `to` is: `to` is missing, empty, or an earlier export (checked)."""
    if not to.exists():
        os.rename(stage, to)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{to.name}.", suffix=".old", dir=to.parent))
    os.rename(to, old / to.name)  # empty or an earlier export: kept aside until the new is in
    os.rename(stage, to)
    shutil.rmtree(old, ignore_errors=True)


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
    to.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _temp_beside(to)
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
        tmp.unlink(missing_ok=True)
        raise ExportError(f"SQLite export failed: {e}") from e
    except BaseException:
        tmp.unlink(missing_ok=True)
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

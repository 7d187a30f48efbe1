"""Out-of-core helpers for the build: a sandboxed DuckDB that sorts and aggregates on disk,
and re-chunking of its Arrow output into row groups of a fixed size.

The build must not grow with the archive. Python keeps only what a page needs; whatever
has to be sorted or grouped across all pages (the URL index by page id, the per-page links
of activities, roles and fundings) goes through Parquet scratch files and DuckDB, which
spills to disk beyond its memory limit.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

import pyarrow as pa

# DuckDB's own ceiling; the Python side of the build stays well under 1 GB beside it
MEMORY_LIMIT = "512MB"


def _lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def connect(dirs: Iterable[str | Path], *, memory_limit: str = MEMORY_LIMIT, threads: int | None = 1,
            settings: Iterable[str] = ()):
    """A DuckDB connection that can read and write only inside `dirs` (the first one also
    holds its spill files), cannot install or load extensions, and cannot be reconfigured.

    `threads=None` leaves DuckDB's default; `settings` are further SET statements, run
    before the configuration is locked."""
    import duckdb

    dirs = [Path(d).resolve() for d in dirs]
    spill = dirs[0] / "duckdb-spill"
    spill.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(config={"autoinstall_known_extensions": False,
                                 "autoload_known_extensions": False})
    allowed = ", ".join(_lit(str(d) + "/") for d in dirs)
    for stmt in (f"SET allowed_directories = [{allowed}]",
                 f"SET temp_directory = {_lit(str(spill))}",
                 f"SET memory_limit = {_lit(memory_limit)}",
                 # one thread: less memory per operator, and the machine's other core is busy
                 *([f"SET threads = {int(threads)}"] if threads else []),
                 *settings,
                 "SET enable_external_access = false",
                 "SET lock_configuration = true"):
        con.execute(stmt)
    return con


def read(path: str | Path) -> str:
    """SQL for reading one Parquet file."""
    return f"read_parquet({_lit(str(Path(path).resolve()))})"


def batches(con, sql: str, size: int) -> Iterator[pa.Table]:
    """The query's rows as Arrow tables of exactly `size` rows (the last may be shorter):
    the Parquet writer then cuts the same row groups as it would from one whole table, so
    a streamed table has the same bytes as one written at once."""
    reader = con.sql(sql).to_arrow_reader(size)
    yield from rechunk(reader, size)


def rechunk(chunks: Iterable[pa.RecordBatch | pa.Table], size: int) -> Iterator[pa.Table]:
    pending: list[pa.Table] = []
    n = 0
    for chunk in chunks:
        t = chunk if isinstance(chunk, pa.Table) else pa.Table.from_batches([chunk])
        pending.append(t)
        n += t.num_rows
        while n >= size:
            whole = pa.concat_tables(pending)
            yield whole.slice(0, size)
            rest = whole.slice(size)
            pending, n = [rest], rest.num_rows
    if n:
        yield pa.concat_tables(pending)

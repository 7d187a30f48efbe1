"""SQL over the dataset: every table a read-only DuckDB view named after it.

    query("datasets/samorzad", "SELECT name, n_pages FROM organizations ORDER BY n_pages DESC")

The connection is sandboxed unless the caller asks otherwise (`unsafe=True`, the CLI's
`--unsafe`): one SELECT statement per call; the dataset's table files are the only files
DuckDB may open (`allowed_paths`, `enable_external_access=false`), so `COPY ... TO`,
`ATTACH`, `read_csv('/etc/passwd')` and `https://` URLs fail; extensions are neither
installed nor loaded automatically; no spilling to a temp folder; and the configuration
is locked so a query cannot switch any of this off.
"""
from __future__ import annotations

from pathlib import Path

from transform import schema as S
from transform.io import NoDatasetError, resolve_dataset

# statement kinds a sandboxed query may run: only SELECT (EXPLAIN ANALYZE would run a
# COPY it wraps, and COPY may write to the one kind of path the sandbox allows: a table)
_READ_ONLY = ("SELECT",)


class QueryError(S.TransformError):
    """A query that DuckDB rejects, or a folder that holds no dataset."""


def connect(data_dir: str | Path, *, unsafe: bool = False):
    """A DuckDB connection with one view per table of the current build in `data_dir`."""
    import duckdb

    try:
        folder = resolve_dataset(data_dir)
    except NoDatasetError as e:
        raise QueryError(str(e)) from e
    present = [t for t in S.TABLES.values() if (folder / t.file).is_file()]
    config = {} if unsafe else {"autoinstall_known_extensions": False,
                                "autoload_known_extensions": False,
                                "allow_community_extensions": False,
                                "temp_directory": ""}
    con = duckdb.connect(":memory:", config=config)
    files = []
    for t in present:
        path = str((folder / t.file).resolve())
        files.append(path)
        quoted = path.replace("'", "''")
        con.execute(f'CREATE VIEW "{t.name}" AS SELECT * FROM read_parquet(\'{quoted}\')')
    if not unsafe:
        listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
        con.execute(f"SET allowed_paths = [{listed}]")
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    return con


def _check(con, sql: str, unsafe: bool) -> None:
    import duckdb

    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as e:
        raise QueryError(f"query failed: {str(e).splitlines()[0]}") from e
    if len(statements) != 1:
        raise QueryError(f"one SQL statement at a time, got {len(statements)}")
    kind = statements[0].type.name
    if not unsafe and kind not in _READ_ONLY:
        raise QueryError(f"only SELECT queries are allowed (got {kind}); "
                         "use --unsafe for unrestricted DuckDB")


def _run(data_dir: str | Path, sql: str, unsafe: bool, fetch):
    import duckdb

    if not sql.strip().strip(";").strip():
        raise QueryError("empty query: give one SQL statement, e.g. SELECT count(*) FROM pages")
    con = connect(data_dir, unsafe=unsafe)
    try:
        _check(con, sql, unsafe)
        return fetch(con.execute(sql))
    except duckdb.Error as e:
        raise QueryError(f"query failed: {str(e).splitlines()[0]}") from e
    finally:
        con.close()


def execute(data_dir: str | Path, sql: str, *, unsafe: bool = False) -> tuple[list[str], list[tuple]]:
    """Run `sql`; (column names, rows as Python values: dates stay `datetime.date`)."""
    return _run(data_dir, sql, unsafe, lambda cur: ([d[0] for d in cur.description or []], cur.fetchall()))


def query(data_dir: str | Path, sql: str, *, unsafe: bool = False):
    """Run `sql` over the dataset in `data_dir`; the result as a pandas DataFrame."""
    return _run(data_dir, sql, unsafe, lambda cur: cur.fetchdf())

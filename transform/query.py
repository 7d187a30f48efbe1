"""SQL over the dataset: every table a DuckDB view named after it.

    query("datasets/samorzad", "SELECT name, n_pages FROM organizations ORDER BY n_pages DESC")
"""
from __future__ import annotations

from pathlib import Path

from transform import schema as S


class QueryError(S.TransformError):
    """A query that DuckDB rejects, or a folder that holds no dataset."""


def connect(data_dir: str | Path):
    """A DuckDB connection with one view per table file present in `data_dir`."""
    import duckdb

    data_dir = Path(data_dir)
    present = [t for t in S.TABLES.values() if (data_dir / t.file).exists()]
    if not present:
        raise QueryError(f"no dataset in {data_dir}: none of {', '.join(t.file for t in S.TABLES.values())} found")
    con = duckdb.connect()
    for t in present:
        path = str(data_dir / t.file).replace("'", "''")
        con.execute(f'CREATE VIEW "{t.name}" AS SELECT * FROM read_parquet(\'{path}\')')
    return con


def query(data_dir: str | Path, sql: str):
    """Run `sql` over the dataset in `data_dir`; the result as a pandas DataFrame."""
    import duckdb

    con = connect(data_dir)
    try:
        return con.execute(sql).fetchdf()
    except duckdb.Error as e:
        raise QueryError(f"query failed: {str(e).splitlines()[0]}") from e
    finally:
        con.close()

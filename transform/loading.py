"""The dataset as pandas DataFrames with the schema's types, for notebooks.

    from transform import load
    tables = load("datasets/samorzad")           # every table present
    tables["fundings"].merge(tables["organizations"], left_on="funder_id", right_on="org_id")

Category columns are pandas categoricals whose categories are the schema's full list of
allowed values (so a count by role shows the roles nobody had too), dates and timestamps
are datetime64 (UTC for timestamps), integer columns that may be empty are nullable
integers, and list columns hold Python lists.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from transform import schema as S

_NULLABLE_INT = {pa.int8(): pd.Int8Dtype(), pa.int16(): pd.Int16Dtype(),
                 pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype()}


class LoadError(S.TransformError):
    """The folder holds no dataset, or a table asked for is not in it."""


def load_table(data_dir: str | Path, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    """One table of the dataset in `data_dir` as a DataFrame typed by its schema (only
    `columns`, when given: page texts are most of a dataset's size)."""
    from transform.io import resolve_dataset

    spec = S.get_table(name)
    path = resolve_dataset(data_dir) / spec.file
    if not path.exists():
        raise LoadError(f"no {spec.file} in {data_dir}")
    table = pq.read_table(path, columns=columns, schema=S.arrow_schema(spec))
    df = table.to_pandas(date_as_object=False, types_mapper=_NULLABLE_INT.get)
    for col in (c for c in spec.columns if c.name in df.columns):
        if pa.types.is_dictionary(col.type):
            # set_categories, not astype: an unordered dtype with the same values in
            # another order counts as equal, and the schema's order must win
            df[col.name] = df[col.name].astype("category").cat.set_categories(list(col.enum or ()))
        elif pa.types.is_integer(col.type) and not col.nullable:
            df[col.name] = df[col.name].astype(col.type.to_pandas_dtype())
    return df


def load(data_dir: str | Path = "datasets/samorzad", tables=None) -> dict[str, pd.DataFrame]:
    """The tables of the dataset (all present ones, or those named) by name."""
    from transform.io import resolve_dataset

    root = resolve_dataset(data_dir)
    names = list(tables) if tables else [t.name for t in S.TABLES.values() if (root / t.file).exists()]
    if not names:
        raise LoadError(f"no dataset in {data_dir}")
    return {name: load_table(data_dir, name) for name in names}

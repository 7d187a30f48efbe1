"""Atomic Parquet writes: a reader never sees half a table, a crash never leaves one.

Every table is written to a temporary file in the destination directory (same file
system, so the final `os.replace` is atomic), flushed and fsync'ed, then renamed.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from transform.schema import TransformError

ROW_GROUP_SIZE = 16_384
# fixed writer options: the same rows give the same bytes on every run
WRITE_OPTIONS = dict(compression="zstd", use_dictionary=True, write_statistics=True)


def _fsync_dir(path: Path) -> None:
    # make the rename itself durable; not possible on every platform
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """`table` with exactly `schema`'s columns, order and types (raises on a mismatch)."""
    missing = [n for n in schema.names if n not in table.column_names]
    if missing:
        raise TransformError(f"table lacks columns {missing}")
    try:
        return table.select(schema.names).cast(schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as e:
        raise TransformError(f"table does not fit its schema: {e}") from e


class AtomicParquetWriter:
    """Stream row groups into `path`; the file appears only when the block ends cleanly.

    with AtomicParquetWriter(path, schema) as w:
        w.write(batch_or_table)
    """

    def __init__(self, path: str | Path, schema: pa.Schema, row_group_size: int = ROW_GROUP_SIZE):
        self.path = Path(path)
        self.schema = schema
        self.row_group_size = row_group_size
        self.rows = 0

    def __enter__(self) -> "AtomicParquetWriter":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        self._tmp = Path(tmp)
        self._fh = os.fdopen(fd, "wb")
        self._writer = pq.ParquetWriter(self._fh, self.schema, **WRITE_OPTIONS)
        return self

    def write(self, data: pa.Table | pa.RecordBatch) -> None:
        table = data if isinstance(data, pa.Table) else pa.Table.from_batches([data])
        table = conform(table, self.schema)
        if table.num_rows:
            try:
                self._writer.write_table(table, row_group_size=self.row_group_size)
            except pa.ArrowInvalid as e:  # e.g. a null in a required column
                raise TransformError(f"{self.path.name}: {e}") from e
            self.rows += table.num_rows

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            self._writer.close()
            self._fh.flush()
            if exc_type is None:
                os.fsync(self._fh.fileno())
        finally:
            self._fh.close()
        if exc_type is not None:
            self._tmp.unlink(missing_ok=True)
            return
        os.replace(self._tmp, self.path)
        _fsync_dir(self.path.parent)


def write_table_atomic(table: pa.Table, path: str | Path, schema: pa.Schema,
                       row_group_size: int = ROW_GROUP_SIZE) -> Path:
    """Write `table` (cast to `schema`) as Parquet at `path`, atomically."""
    table = conform(table, schema)
    with AtomicParquetWriter(path, schema, row_group_size) as w:
        w.write(table)
    return Path(path)


def write_bytes_atomic(data: bytes, path: str | Path) -> Path:
    """The same temp-file + fsync + rename dance for small text files (card, metadata)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
    return path


def resolve_dataset(data_dir: str | Path) -> Path:
    """The folder holding the current complete build's Parquet files for `data_dir`."""
    return Path(data_dir)

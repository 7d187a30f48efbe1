"""Atomic writes: a reader never sees half a table, nor half a dataset.

Every file is written to a temporary file in the destination directory (same file
system, so the final `os.replace` is atomic), flushed and fsync'ed, given the mode the
umask asks for (mkstemp makes 0600 files) and then renamed.

A dataset folder holds versioned builds and one pointer::

    OUT/builds/<build_id>/   pages.parquet, facts.parquet, ..., build.json, README.md
    OUT/current              symlink -> builds/<build_id>, replaced by one rename

`resolve_dataset(OUT)` is the one way to find the tables: every reader (query, export,
notebooks, servers) calls it once and reads every table from the folder it returns, so
it sees one complete build even while the next one is being published.
"""
from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from transform.schema import TransformError

ROW_GROUP_SIZE = 16_384
# fixed writer options: the same rows give the same bytes on every run
WRITE_OPTIONS = dict(compression="zstd", use_dictionary=True, write_statistics=True)


BUILDS_DIR = "builds"
CURRENT = "current"
STAGING_PREFIX = ".staging-"
KEEP_BUILDS = 3  # builds kept by default: the current one and two before it
_BUILD_ID = re.compile(r"^\d{8}T\d{6}\d{6}Z-[0-9a-f]{6}$")
# what a flat (pre-versioning) dataset folder held beside the tables
_FLAT_EXTRAS = ("datapackage.json", "build.json", "README.md")


class NoDatasetError(TransformError):
    """The folder holds no dataset (or its pointer names a build that is gone)."""


def umask_mode(executable: bool = False) -> int:
    """The mode a new file (or folder) gets under the process umask, e.g. 0644 / 0755."""
    mask = os.umask(0)
    os.umask(mask)
    return (0o777 if executable else 0o666) & ~mask


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
        os.fchmod(fd, umask_mode())  # mkstemp's 0600 would hide the table from other accounts
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
        os.fchmod(fd, umask_mode())
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


# --- the dataset as a whole ------------------------------------------------------------

def _has_tables(folder: Path) -> bool:
    from transform.schema import TABLES

    return any((folder / t.file).is_file() for t in TABLES.values())


def resolve_dataset(data_dir: str | Path) -> Path:
    """The folder holding the current complete build of the dataset in `data_dir`.

    `data_dir/current` (the pointer) resolved to `data_dir/builds/<build_id>`; for an
    old flat dataset (tables directly in `data_dir`) or a build folder itself, `data_dir`.
    Resolve once and read every table from the returned folder: a build published in the
    meantime does not change it (old builds are kept, see KEEP_BUILDS).
    Raises NoDatasetError (one line) when there is nothing to read.
    """
    data_dir = Path(data_dir)
    pointer = data_dir / CURRENT
    if pointer.is_symlink() or pointer.exists():
        target = Path(os.path.realpath(pointer))
        if not target.is_dir() or not _has_tables(target):
            raise NoDatasetError(f"the dataset pointer {pointer} names a build that is gone ({target})")
        return target
    if data_dir.is_dir() and _has_tables(data_dir):
        # `OUT/current` given as the folder: pin the build it names right now
        return Path(os.path.realpath(data_dir)) if data_dir.is_symlink() else data_dir
    if not data_dir.exists():
        raise NoDatasetError(f"no dataset: {data_dir} does not exist")
    raise NoDatasetError(f"no dataset in {data_dir} (no {CURRENT} build, no tables)")


def new_build_id(now: datetime | None = None) -> str:
    """A build name that sorts by time: 20261207T160137123456Z-a1b2c3."""
    now = now or datetime.now(timezone.utc)
    return now.strftime("%Y%m%dT%H%M%S%fZ") + "-" + secrets.token_hex(3)


def staging_dir(out_dir: str | Path) -> Path:
    """A fresh folder for a build in progress, beside the builds it will join.

    Leftovers of killed builds are removed first: call only while holding the dataset lock.
    """
    builds = Path(out_dir) / BUILDS_DIR
    builds.mkdir(parents=True, exist_ok=True)
    for old in builds.glob(STAGING_PREFIX + "*"):
        shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=builds))


def publish_build(stage: str | Path, out_dir: str | Path, build_id: str, *,
                  keep: int = KEEP_BUILDS) -> Path:
    """Make the complete build in `stage` the dataset of `out_dir`, in one atomic step.

    1. `stage` becomes `builds/<build_id>` (a rename within `builds/`);
    2. the pointer `current` is replaced by a new symlink with one rename — the only
       moment readers switch, from one whole build to the other;
    3. tables of an old flat dataset in `out_dir` are removed (stale from now on);
    4. builds beyond the newest `keep` are deleted (never the current one).
    """
    stage, out_dir = Path(stage), Path(out_dir)
    if not _BUILD_ID.match(build_id):
        raise TransformError(f"not a build id: {build_id!r}")
    os.chmod(stage, umask_mode(executable=True))  # mkdtemp makes 0700 folders
    final = out_dir / BUILDS_DIR / build_id
    os.rename(stage, final)
    _fsync_dir(final.parent)
    tmp_link = out_dir / f".{CURRENT}.{os.getpid()}.{secrets.token_hex(3)}"
    os.symlink(Path(BUILDS_DIR) / build_id, tmp_link)
    try:
        os.replace(tmp_link, out_dir / CURRENT)
    except BaseException:
        tmp_link.unlink(missing_ok=True)
        raise
    _fsync_dir(out_dir)
    _drop_flat_dataset(out_dir)
    prune_builds(out_dir, keep=keep)
    return final


def _drop_flat_dataset(out_dir: Path) -> None:
    """Tables left directly in `out_dir` by a pre-versioning build: stale once `current` exists."""
    from transform.schema import TABLES

    if not _has_tables(out_dir):
        return
    for name in [t.file for t in TABLES.values()] + list(_FLAT_EXTRAS):
        (out_dir / name).unlink(missing_ok=True)


def list_builds(out_dir: str | Path) -> list[Path]:
    """Complete builds of `out_dir`, oldest first."""
    builds = Path(out_dir) / BUILDS_DIR
    if not builds.is_dir():
        return []
    return sorted(p for p in builds.iterdir() if p.is_dir() and _BUILD_ID.match(p.name))


def prune_builds(out_dir: str | Path, *, keep: int = KEEP_BUILDS) -> list[Path]:
    """Delete all but the newest `keep` builds (at least 1; the current one always stays)."""
    out_dir = Path(out_dir)
    keep = max(1, int(keep))
    current = Path(os.path.realpath(out_dir / CURRENT)) if (out_dir / CURRENT).is_symlink() else None
    builds = list_builds(out_dir)
    removed = []
    for old in builds[:-keep]:
        if current is not None and old.resolve() == current:
            continue
        shutil.rmtree(old, ignore_errors=True)
        removed.append(old)
    return removed

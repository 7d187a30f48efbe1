"""The dataset swaps as a whole: a build killed at any rename leaves readers the old
dataset or the new one, never a mix; builds are versioned, named, pruned, and readable
by other accounts (umask)."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import test_build as tb
from transform import schema as S
from transform.build import build
from transform.io import list_builds, resolve_dataset

URLS = list(tb.ARTICLES)

def killed_build(archive: Path, out: Path, k: int, calls: tuple[str, ...]) -> int:
    """Build in a forked child that dies (os._exit, like SIGKILL: no cleanup) right before
    its k-th call of the os functions named (renames, and the deletions of pruning or of
    an old flat layout); the child's exit status: 9 when killed, 0 when k was not reached."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            count = [0]

            def killing(real):
                def call(*args, **kwargs):
                    count[0] += 1
                    if count[0] == k:
                        os._exit(9)
                    return real(*args, **kwargs)
                return call
            for name in calls:
                setattr(os, name, killing(getattr(os, name)))
            build(archive, out, progress=False, keep_builds=1)
            os._exit(0)
        except BaseException:
            os._exit(3)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


@pytest.fixture
def fake_extractor(monkeypatch):
    import extract.facts
    monkeypatch.setattr(extract.facts, "extract_facts", tb.fake_facts)


def _archives(tmp_path: Path) -> tuple[Path, Path]:
    old = tb.make_archive(tmp_path / "a", {u: tb.ARTICLES[u] for u in URLS[:2]})
    title, body = tb.ARTICLES[URLS[1]]
    changed = {URLS[1]: (title, body.replace("5 czerwca", "7 czerwca")), URLS[2]: tb.ARTICLES[URLS[2]]}
    new = tb.make_archive(tmp_path / "b", changed, fetched_at="2023-07-01T10:00:00Z", run_id="run2")
    return old, new


def snapshot(data_dir: Path) -> dict:
    """What a reader sees: resolve once, then read every table and build.json from there."""
    folder = resolve_dataset(data_dir)
    tables = {t.name: (folder / t.file).read_bytes() for t in S.TABLES.values()}
    meta = json.loads((folder / "build.json").read_text())
    for t in S.TABLES.values():  # build.json describes exactly these tables
        assert meta["rows"][t.name] == pq.ParquetFile(folder / t.file).metadata.num_rows, t.name
    return tables


def _kill_at_every_call(tmp_path: Path, before_dir: Path, archive: Path, calls: tuple, old: dict,
                        new: dict) -> dict:
    seen = {"old": 0, "new": 0}
    k = 1
    while True:
        out = tmp_path / f"killed-{k}"
        shutil.copytree(before_dir, out, symlinks=True)
        status = killed_build(archive, out, k, calls)
        now = snapshot(out)
        assert now in (old, new), f"a mix after a kill at call {k} of {calls}"
        seen["old" if now == old else "new"] += 1
        if status == 0:
            assert now == new
            return seen
        assert status == 9
        shutil.rmtree(out)
        k += 1


def test_a_build_killed_at_every_rename_leaves_the_old_or_the_new_dataset(tmp_path, fake_extractor):
    old_archive, new_archive = _archives(tmp_path)
    reference = tmp_path / "reference"
    build(old_archive, reference, progress=False)
    before_dir = tmp_path / "before"
    shutil.copytree(reference, before_dir, symlinks=True)
    old = snapshot(reference)
    build(new_archive, reference, progress=False)
    new = snapshot(reference)
    assert old != new
    # renames, and the removal of the old build (pruning, keep 1) after the switch
    seen = _kill_at_every_call(tmp_path, before_dir, new_archive, ("replace", "rename", "rmdir"), old, new)
    assert seen["old"] >= 5 and seen["new"] >= 2  # kills before and after the switch


def test_killed_while_replacing_an_old_flat_dataset(tmp_path, fake_extractor):
    old_archive, new_archive = _archives(tmp_path)
    reference = tmp_path / "reference"
    build(old_archive, reference, progress=False)
    before_dir = tmp_path / "before"
    shutil.copytree(resolve_dataset(reference), before_dir)  # the flat layout of earlier versions
    shutil.copytree(reference / "_work", before_dir / "_work")
    old = snapshot(before_dir)
    build(new_archive, reference, progress=False)
    new = snapshot(reference)
    seen = _kill_at_every_call(tmp_path, before_dir, new_archive, ("replace", "rename", "unlink"), old, new)
    assert seen["new"] >= 1 + len(S.TABLES)  # killed between the removals of stale flat files


def test_the_next_build_after_a_kill_completes(tmp_path, fake_extractor):
    old_archive, new_archive = _archives(tmp_path)
    out = tmp_path / "ds"
    build(old_archive, out, progress=False)
    for k in (3, 12):
        assert killed_build(new_archive, out, k, ("replace", "rename")) == 9
    build(new_archive, out, progress=False)
    assert len(pq.read_table(resolve_dataset(out) / "pages.parquet")) == 3
    assert not list((out / "builds").glob(".staging-*"))


def test_builds_are_named_pruned_and_current_is_the_newest(tmp_path, fake_extractor):
    archive = tb.make_archive(tmp_path)
    out = tmp_path / "ds"
    for _ in range(4):
        build(archive, out, progress=False, keep_builds=2)
    builds = list_builds(out)
    assert len(builds) == 2
    current = resolve_dataset(out)
    assert current == builds[-1].resolve()
    assert json.loads((current / "build.json").read_text())["build_id"] == current.name
    assert (out / "current").is_symlink() and not Path(os.readlink(out / "current")).is_absolute()
    # the stable path researchers use; given as the folder, it is pinned to its build
    assert len(pq.read_table(out / "current" / "pages.parquet")) == 3
    assert resolve_dataset(out / "current") == current


def test_an_old_flat_dataset_is_read_then_replaced_by_versioned_builds(tmp_path, fake_extractor):
    archive = tb.make_archive(tmp_path)
    out = tmp_path / "ds"
    build(archive, out, progress=False)
    flat = tmp_path / "flat"
    shutil.copytree(resolve_dataset(out), flat)  # the layout of earlier versions
    assert resolve_dataset(flat) == flat
    build(archive, flat, progress=False)
    assert resolve_dataset(flat) != flat
    assert not (flat / "pages.parquet").exists()  # stale tables do not linger beside `current`
    assert len(pq.read_table(flat / "current" / "pages.parquet")) == 3


def test_resolve_dataset_says_what_is_missing(tmp_path):
    from transform.io import NoDatasetError
    with pytest.raises(NoDatasetError, match="does not exist"):
        resolve_dataset(tmp_path / "nope")
    with pytest.raises(NoDatasetError, match="no dataset in"):
        resolve_dataset(tmp_path)
    (tmp_path / "current").symlink_to("builds/20260101T000000000000Z-abcdef")
    with pytest.raises(NoDatasetError, match="names a build that is gone"):
        resolve_dataset(tmp_path)


@pytest.mark.parametrize("umask, file_mode, dir_mode", [(0o022, 0o644, 0o755), (0o027, 0o640, 0o750)])
def test_every_file_written_honours_the_umask(tmp_path, fake_extractor, umask, file_mode, dir_mode):
    archive = tb.make_archive(tmp_path)
    out = tmp_path / "ds"
    old = os.umask(umask)
    try:
        build(archive, out, progress=False)
    finally:
        os.umask(old)
    files = [p for p in out.rglob("*") if p.is_file() and not p.is_symlink()]
    assert len(files) > len(S.TABLES)
    assert {p.relative_to(out).as_posix(): oct(p.stat().st_mode & 0o777) for p in files
            if p.stat().st_mode & 0o777 != file_mode} == {}
    dirs = [p for p in out.rglob("*") if p.is_dir() and not p.is_symlink()]
    assert {p.relative_to(out).as_posix(): oct(p.stat().st_mode & 0o777) for p in dirs
            if p.stat().st_mode & 0o777 != dir_mode} == {}

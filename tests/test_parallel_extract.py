"""`samorzad extract --jobs N` and `--scheduler` (Dask): the same cache and URL index, byte
for byte, as the single-process run, whatever runs the extraction."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from spiders.archive import WarcWriter
from transform.batch import extract_archive

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "tests" / "gold" / "pages").glob("*.html"))
HTML = [("Content-Type", "text/html; charset=utf-8")]


def make_archive(root: Path) -> Path:
    """The gold pages over two sources and two runs; some bodies archived twice (a page
    refetched unchanged, one body under a second URL) and a listing that is not extracted."""
    archive = root / "archive"
    for run, pages in (("r1", PAGES[::2]), ("r2", PAGES[1::2] + PAGES[:4])):
        for source in ("gmina-a", "powiat-b"):
            with WarcWriter(archive, source, run_id=run) as w:
                w.write(f"https://{source}.example.pl/aktualnosci", 200, HTML,
                        b"<html><body><a href='/a/1'>lista</a></body></html>", kind="listing",
                        fetched_at=f"2024-0{1 if run == 'r1' else 2}-01T10:00:00Z")
                for i, p in enumerate(pages):
                    if i % 2 != (source == "gmina-a"):
                        continue
                    w.write(f"https://{source}.example.pl/a/{p.stem}", 200, HTML, p.read_bytes(),
                            kind="article", fetched_at=f"2024-0{1 if run == 'r1' else 2}-02T10:00:00Z")
    with WarcWriter(archive, "gmina-a", run_id="r3") as w:  # one body under a second URL
        w.write("https://gmina-a.example.pl/kopia", 200, HTML, PAGES[0].read_bytes(),
                kind="article", fetched_at="2024-03-01T10:00:00Z")
    return archive


def outputs(work: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(work.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def archive_and_single(tmp_path_factory):
    root = tmp_path_factory.mktemp("par")
    archive = make_archive(root)
    stats = extract_archive(archive, root / "single", progress=False)
    assert stats.extracted == len(PAGES) and stats.cached >= 4  # duplicates were not redone
    return archive, stats, outputs(root / "single")


def test_two_processes_give_the_single_run_byte_for_byte(archive_and_single, tmp_path):
    archive, single_stats, single = archive_and_single
    stats = extract_archive(archive, tmp_path / "w", progress=False, jobs=2)
    assert outputs(tmp_path / "w") == single
    assert (stats.extracted, stats.cached, stats.failed, stats.urls) == \
        (single_stats.extracted, single_stats.cached, single_stats.failed, single_stats.urls)


def test_dask_cluster_gives_the_single_run_byte_for_byte(archive_and_single, tmp_path):
    distributed = pytest.importorskip("distributed")
    archive, single_stats, single = archive_and_single
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, host="127.0.0.1") as cluster:
        stats = extract_archive(archive, tmp_path / "w", progress=False,
                                scheduler=cluster.scheduler_address)
    assert outputs(tmp_path / "w") == single
    assert stats.extracted == single_stats.extracted and stats.urls == single_stats.urls


def test_cli_jobs_then_rerun_extracts_nothing_new(archive_and_single, tmp_path):
    archive, _, single = archive_and_single
    cmd = [sys.executable, "-m", "samorzad_cli", "extract", "--archive", str(archive),
           "--out", str(tmp_path / "ds"), "--jobs", "2", "--quiet"]
    first = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert first.returncode == 0, first.stderr
    assert outputs(tmp_path / "ds" / "_work") == single
    again = subprocess.run(cmd[:-1], capture_output=True, text=True, cwd=ROOT)  # summary shown
    assert again.returncode == 0 and outputs(tmp_path / "ds" / "_work") == single
    assert "extracted" in again.stderr


def test_unreachable_scheduler_is_one_line_and_exit_2(archive_and_single, tmp_path):
    archive, _, _ = archive_and_single
    run = subprocess.run([sys.executable, "-m", "samorzad_cli", "extract", "--archive",
                          str(archive), "--out", str(tmp_path / "ds"), "--quiet",
                          "--scheduler", "tcp://127.0.0.1:9"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0 and "Dask scheduler" in run.stderr


def test_cli_one_process_gives_the_library_run_byte_for_byte(archive_and_single, tmp_path):
    # (the command line tunes its own process after the first pages: the cache must not notice)
    archive, _, single = archive_and_single
    proc = subprocess.run([sys.executable, "-m", "samorzad_cli", "extract", "--archive", str(archive),
                           "--out", str(tmp_path / "ds"), "--quiet"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert outputs(tmp_path / "ds" / "_work") == single

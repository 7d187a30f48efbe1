"""`samorzad run` as cron runs it: faults listed in the manifest, and a run SIGKILLed at a
random moment that, re-run, leaves the same dataset as a run never interrupted."""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

import sitegen
from conftest import FAST_CRAWL

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "SAMORZAD_CRAWL_SETTINGS": json.dumps(FAST_CRAWL)}


def _run_cmd(sources: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "samorzad_cli", "run", "--sources", str(sources),
            "--out", str(out), "--quiet"]


def _run(sources: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(_run_cmd(sources, out), capture_output=True, text=True, cwd=ROOT,
                          timeout=180, env=ENV)


def _manifest(out: Path) -> dict:
    return json.loads((out / "runs.jsonl").read_text(encoding="utf-8").splitlines()[-1])


def test_manifest_lists_each_failed_page_with_its_reason(test_site, tmp_path):
    gone = sitegen.ARTICLES[1]
    (test_site.root / gone.path.lstrip("/")).unlink()  # still linked: the site answers 404
    out = tmp_path / "dataset"
    proc = _run(test_site.write_sources(tmp_path / "sources.toml"), out)
    assert proc.returncode == 0, proc.stderr  # a failed page is not a failed run
    crawl = _manifest(out)["crawl"]
    assert {"url": test_site.url(gone.path), "reason": "http_404"} in [
        {"url": f["url"], "reason": f["reason"]} for f in crawl["faults"]]
    assert crawl["pages"]["failed"] >= 1 and crawl["fault_reasons"]["http_404"] >= 1
    assert crawl["pages"]["new"] == len(sitegen.ARTICLES) - 1
    assert "per_source" not in crawl  # compact: no raw Scrapy stats in the manifest
    manifest = _manifest(out)
    assert manifest["status"] == "ok" and set(manifest["durations"]) >= {"crawl", "build"}


def _dataset(out: Path) -> tuple[list, list]:
    pages = pd.read_parquet(out / "current" / "pages.parquet")
    facts = pd.read_parquet(out / "current" / "facts.parquet")
    page_rows = sorted(map(tuple, pages[["url", "title", "text"]].astype(str).values.tolist()))
    urls = dict(zip(pages["page_id"], pages["url"]))
    cols = [c for c in ("field", "name", "text", "start", "end", "role", "kind", "value", "currency")
            if c in facts.columns]
    fact_rows = sorted((urls[pid], *map(str, row)) for pid, *row in
                       facts[["page_id", *cols]].itertuples(index=False, name=None))
    return page_rows, fact_rows


def test_run_killed_at_a_random_moment_then_rerun_equals_an_uninterrupted_run(test_site, tmp_path):
    sources = test_site.write_sources(tmp_path / "sources.toml")
    whole = tmp_path / "whole"
    t0 = time.monotonic()
    assert _run(sources, whole).returncode == 0
    duration = time.monotonic() - t0  # kill moments are fractions of it: crawl or build
    expected = _dataset(whole)
    assert len(expected[0]) == len(sitegen.ARTICLES)

    rng = random.Random(20261123)
    for attempt in range(2):  # two kill moments, each followed by a completing re-run
        fraction = rng.uniform(0.1, 0.6)
        out = _killed_run(sources, tmp_path / f"killed-{attempt}", fraction * duration)
        rerun = _run(sources, out)
        assert rerun.returncode == 0, rerun.stderr
        assert _dataset(out) == expected
        assert _manifest(out)["status"] == "ok"


def _killed_run(sources: Path, out: Path, delay: float) -> Path:
    """SIGKILL a `samorzad run` (CLI and crawl child) ``delay`` s after its start; a run
    that ended before is thrown away and tried again with half the delay."""
    for _ in range(4):
        if out.exists():
            shutil.rmtree(out)
        proc = subprocess.Popen(_run_cmd(sources, out), cwd=ROOT, env=ENV, start_new_session=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        if not (out / "runs.jsonl").exists():  # no manifest line: killed mid-run
            return out
        delay /= 2
    raise AssertionError("could not kill the run before it ended")


SLOW = {**FAST_CRAWL, "AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 1.0, "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "RANDOMIZE_DOWNLOAD_DELAY": False}


def _children(pid: int) -> list[tuple[int, int]]:
    """(pid, start time) of the live processes whose parent is ``pid``."""
    from transform.pipeline import process_start

    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        if int(text[text.rindex(")") + 2:].split()[1]) == pid:
            found.append((int(stat.parent.name), process_start(int(stat.parent.name))))
    return found


def _alive(proc: tuple[int, int]) -> bool:
    from transform.pipeline import process_start

    start = process_start(proc[0])
    if start is None or start != proc[1]:
        return False
    try:  # a zombie waiting for its (new) parent to reap it is dead too
        return Path(f"/proc/{proc[0]}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _wait_for(predicate, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out")


def test_sigkill_of_run_leaves_no_process_behind(test_site, tmp_path):
    sources = test_site.write_sources(tmp_path / "sources.toml")
    out = tmp_path / "ds"
    tmp = tmp_path / "tmp"  # the runs' temporary folder, to see what they leave there
    tmp.mkdir()
    env = {**os.environ, "SAMORZAD_CRAWL_SETTINGS": json.dumps(SLOW), "TMPDIR": str(tmp)}
    proc = subprocess.Popen(_run_cmd(sources, out), cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        crawler = _wait_for(lambda: _children(proc.pid))
        _wait_for(lambda: len(test_site.requests()) >= 3)  # the crawl is under way
        os.kill(proc.pid, signal.SIGKILL)  # the CLI only, as an OOM killer or `kill -9 PID` would
        proc.wait()
        # killed with it by the kernel, not stopping at leisure once it notices (that takes seconds)
        _wait_for(lambda: not any(_alive(c) for c in crawler), timeout=1.0)
        n = len(test_site.requests())
        time.sleep(1.5)
        assert len(test_site.requests()) == n  # nobody is crawling any more
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    # the next run takes the lock at once and leaves no job folders anywhere
    rerun = subprocess.run(_run_cmd(sources, out), capture_output=True, text=True, cwd=ROOT, timeout=180,
                           env={**ENV, "TMPDIR": str(tmp)})
    assert rerun.returncode == 0, rerun.stderr
    assert not list((out / "archive").glob(".crawl-*"))
    assert list(tmp.iterdir()) == []


def test_a_second_verb_on_the_same_archive_is_refused(test_site, tmp_path):
    sources = test_site.write_sources(tmp_path / "sources.toml")
    archive = tmp_path / "archive"
    env = {**os.environ, "SAMORZAD_CRAWL_SETTINGS": json.dumps(SLOW)}
    crawl = subprocess.Popen([sys.executable, "-m", "samorzad_cli", "crawl", "--sources", str(sources),
                              "--archive", str(archive), "--quiet"], cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(lambda: (archive / ".samorzad.lock").exists() and len(test_site.requests()) >= 1)
        for verb in (["run", "--sources", str(sources), "--out", str(tmp_path / "ds"), "--archive", str(archive)],
                     ["build", "--archive", str(archive), "--out", str(tmp_path / "ds")],
                     ["crawl", "--sources", str(sources), "--archive", str(archive)]):
            other = subprocess.run([sys.executable, "-m", "samorzad_cli", *verb, "--quiet"], cwd=ROOT, env=env,
                                   capture_output=True, text=True, timeout=120)
            assert other.returncode == 2, (verb, other.stderr)
            assert other.stderr.startswith(f"samorzad: error: another samorzad process (pid {crawl.pid}, "
                                           "samorzad crawl"), other.stderr
    finally:
        crawl.kill()
        crawl.wait()


def _robots_answer(site, status: int) -> None:
    (site.root / "_redirects.json").write_text(json.dumps({"/robots.txt": [status, "/"]}), encoding="utf-8")


def test_robots_txt_5xx_means_nothing_is_fetched_this_run(test_site, tmp_path):
    _robots_answer(test_site, 503)
    out = tmp_path / "ds"
    env = {**ENV, "SAMORZAD_CRAWL_SETTINGS": json.dumps({**FAST_CRAWL, "SAMORZAD_BACKOFF_BASE": 0.05})}
    proc = subprocess.run(_run_cmd(test_site.write_sources(tmp_path / "sources.toml"), out), cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 3, proc.stderr
    assert {r["path"] for r in test_site.requests()} == {"/robots.txt"}  # retried, then nothing else
    manifest = _manifest(out)
    assert manifest["status"] == "unhealthy"
    robots = manifest["crawl"]["robots_outcomes"]
    assert [(r["status"], r["outcome"]) for r in robots] == [(503, "disallow")]
    assert manifest["crawl"]["fault_reasons"] == {"robots_unavailable": 1}
    assert proc.stderr.strip() == ("samorzad: error: run unhealthy: fetched nothing (robots.txt unavailable at "
                                   f"{test_site.url('/robots.txt')}); see {out / 'runs.jsonl'}")


def test_robots_txt_4xx_means_crawl_freely(test_site, tmp_path):
    _robots_answer(test_site, 404)
    out = tmp_path / "ds"
    proc = subprocess.run(_run_cmd(test_site.write_sources(tmp_path / "sources.toml"), out), cwd=ROOT, env=ENV,
                          capture_output=True, text=True, timeout=180, preexec_fn=lambda: os.umask(0o027))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "" and proc.stderr == ""  # --quiet: nothing on success
    # every file of the run (archive, crawl state, logs, dataset, manifest) follows the umask
    modes = {p.relative_to(out).as_posix(): oct(p.stat().st_mode & 0o777)
             for p in out.rglob("*") if p.is_file() and not p.is_symlink()}
    assert len(modes) > 20 and {m for m in modes.values()} == {"0o640"}, modes
    robots = _manifest(out)["crawl"]["robots_outcomes"]
    assert [(r["status"], r["outcome"]) for r in robots] == [(404, "allow")]
    assert _manifest(out)["crawl"]["pages"]["new"] == len(sitegen.ARTICLES)


def test_a_damaged_archive_does_not_stop_the_next_run(test_site, tmp_path):
    from warcio.archiveiterator import ArchiveIterator

    sources = test_site.write_sources(tmp_path / "sources.toml")
    out = tmp_path / "ds"
    assert _run(sources, out).returncode == 0
    pages_before = len(pd.read_parquet(out / "current" / "pages.parquet"))
    warc = sorted((out / "archive").rglob("*.warc.gz"))[0]
    with open(warc, "rb") as f:  # bit rot in the middle of the second response record
        it = ArchiveIterator(f)
        members = []
        for record in it:
            it.read_to_end(record)
            members.append((record.rec_type, it.get_record_offset(), it.get_record_length()))
    _, offset, length = [m for m in members if m[0] == "response"][1]
    data = bytearray(warc.read_bytes())
    data[offset + length // 2: offset + length // 2 + 32] = b"\xff" * 32
    warc.write_bytes(bytes(data))
    junk = warc.with_name("20200101T000000Z-0001.warc.gz")
    junk.write_bytes(b"to nie jest plik WARC\n" * 100)

    proc = _run(sources, out)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # --quiet: the damage is in the manifest, not in cron's mail
    damage = _manifest(out)["archive_damage"]
    rel = warc.relative_to(out / "archive").as_posix()
    assert damage["corrupt"] == 1 and damage["corrupt_records"][0]["file"] == rel
    assert damage["corrupt_records"][0]["offset"] == offset
    assert [q["file"] for q in damage["quarantined"]] == [junk.relative_to(out / "archive").as_posix()]
    assert (out / "archive" / "quarantine" / junk.relative_to(out / "archive")).exists()
    assert len(pd.read_parquet(out / "current" / "pages.parquet")) == pages_before  # the rest is used


def test_run_help_documents_the_exit_codes():
    proc = subprocess.run([sys.executable, "-m", "samorzad_cli", "run", "--help"], capture_output=True,
                          text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0
    for line in ("0  success", "2  bad input or cannot start", "3  the run finished but is unhealthy",
                 "4  the system refused: disk full"):
        assert line in proc.stdout, line
    assert "--max-failed-share" in proc.stdout and "--silent-runs" in proc.stdout

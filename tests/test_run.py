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

"""`samorzad run` against the local test site, asserting on the Parquet a user opens."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import sitegen
from conftest import FAST_CRAWL

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def built(test_site, tmp_path):
    sources = test_site.write_sources(tmp_path / "sources.toml")
    out = tmp_path / "dataset"
    env_settings = json.dumps(FAST_CRAWL)
    proc = subprocess.run(
        [sys.executable, "-m", "samorzad_cli", "run", "--sources", str(sources), "--out", str(out), "--quiet"],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
        env={**__import__("os").environ, "SAMORZAD_CRAWL_SETTINGS": env_settings})
    assert proc.returncode == 0, proc.stderr
    return test_site, out, proc


def test_run_archives_every_article_once_and_builds_tables(built):
    site, out, _ = built
    pages = pd.read_parquet(out / "current" / "pages.parquet")
    expected = {site.url(a.path) for a in site.articles}
    assert sorted(pages["url"]) == sorted(expected)           # every article exactly once
    assert pages["page_id"].is_unique
    assert not any("page=" in u or "/strona" in u for u in pages["url"])  # no listing pages
    assert list(out.glob("archive/**/*.warc.gz")), "responses were archived as WARC"
    assert sitegen.DISALLOWED not in [r["path"] for r in site.requests()]  # robots.txt obeyed


def test_text_is_clean_and_polish_is_intact(built):
    _, out, _ = built
    pages = pd.read_parquet(out / "current" / "pages.parquet")
    text = "\n".join(pages["text"])
    for noise in sitegen.BOILERPLATE:
        assert noise not in text, f"boilerplate {noise!r} leaked into page text"
    assert any(ch in text for ch in "ąęśźżćńół")
    assert "Ä" not in text and "Ă" not in text and "\ufffd" not in text  # no mojibake


def test_facts_point_at_their_evidence(built):
    _, out, _ = built
    pages = pd.read_parquet(out / "current" / "pages.parquet").set_index("page_id")
    facts = pd.read_parquet(out / "current" / "facts.parquet")
    assert len(facts) > 0
    assert set(facts["page_id"]) <= set(pages.index)
    for row in facts.dropna(subset=["start"]).itertuples():
        assert pages.loc[row.page_id, "text"][row.start:row.end] == row.text


def test_run_writes_a_manifest_line(built):
    _, out, _ = built
    lines = (out / "runs.jsonl").read_text(encoding="utf-8").splitlines()
    manifest = json.loads(lines[-1])
    assert manifest["status"] == "ok"
    assert manifest["ended"] >= manifest["started"]

"""Shared fixtures: a local multi-page municipal test site served from its own process.

``test_site`` (function scope) writes the site of tests/site/sitegen.py into a temporary
folder and serves it on 127.0.0.1 at a random port.  The server logs every request, so
tests can assert on what was (and was not) fetched.
"""
from __future__ import annotations

import json
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

SITE_DIR = Path(__file__).resolve().parent / "site"
if str(SITE_DIR) not in sys.path:
    sys.path.insert(0, str(SITE_DIR))

import sitegen  # noqa: E402


@dataclass
class TestSite:
    base: str           # http://127.0.0.1:PORT
    root: Path          # the served folder (tests may rewrite it)
    log: Path
    articles: list      # sitegen.Article of the site as written

    def requests(self) -> list[dict]:
        """Every request the server answered so far (method, path, host, headers, status, bytes)."""
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines() if line]

    def clear_log(self):
        self.log.write_text("", encoding="utf-8")

    def url(self, path: str) -> str:
        return self.base + path

    def write_sources(self, path: Path, **extra) -> Path:
        path.write_text(sitegen.sources_toml(self.base, **extra), encoding="utf-8")
        return path

    def rewrite(self, *, extra: bool = False, config: dict | None = None):
        self.articles = sitegen.write_site(self.root, extra=extra)
        if config is not None:
            (self.root / "_config.json").write_text(json.dumps(config), encoding="utf-8")

    __test__ = False  # not a test class for pytest


# Scrapy settings that keep test crawls short: no politeness waits against our own server
FAST_CRAWL = {"AUTOTHROTTLE_START_DELAY": 0.0, "AUTOTHROTTLE_MAX_DELAY": 0.5,
              "DOWNLOAD_DELAY": 0, "LOG_LEVEL": "INFO"}


@contextmanager
def serve_site(tmp: Path, host: str = "127.0.0.1"):
    """Write the test site under ``tmp`` and serve it from a child process on ``host``."""
    root = tmp / "site"
    articles = sitegen.write_site(root)
    log = tmp / "requests.jsonl"
    proc = subprocess.Popen([sys.executable, str(SITE_DIR / "server.py"), str(root), str(log), host],
                            stdout=subprocess.PIPE, text=True)
    try:
        port = int(proc.stdout.readline())
        yield TestSite(f"http://{host}:{port}", root, log, articles)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def test_site(tmp_path):
    with serve_site(tmp_path) as site:
        yield site


@pytest.fixture
def crawl_settings():
    return dict(FAST_CRAWL)

"""Refresh runs: only new or changed pages are downloaded and archived; a 304 keeps the
archived copy; a crawl killed midway resumes without refetching or duplicating records."""
from __future__ import annotations

import threading
import time
from collections import Counter

import pytest

from conftest import FAST_CRAWL
from spiders.archive import iter_records
from spiders.crawl import CrawlError, crawl
from spiders.sources import load_sources
from spiders.state import load_state
import sitegen

ARTICLE_PATHS = {a.path for a in sitegen.ARTICLES}


def _run(site, tmp_path, **overrides):  # overrides: Scrapy settings for this run
    sources = load_sources(site.write_sources(tmp_path / "sources.toml"))
    return crawl(sources, tmp_path / "archive", progress=False,
                 settings_overrides={**FAST_CRAWL, **overrides})


def _article_downloads(requests, paths=None):
    """(path, bytes) of article answers with a body (status 200)."""
    paths = paths or {r["path"] for r in requests if r["path"].startswith("/aktualnosci/20")}
    return [(r["path"], r["bytes"]) for r in requests if r["path"] in paths and r["status"] == 200]


def _article_records(tmp_path):
    return Counter(r.url for r in iter_records(tmp_path / "archive") if r.kind == "article")


DUE = {"SAMORZAD_CONDITIONAL_AFTER_HOURS": 0}  # a nightly run: every known article is due


def test_same_day_rerun_asks_nothing_about_known_articles(test_site, tmp_path):
    first = _run(test_site, tmp_path)
    test_site.clear_log()
    second = _run(test_site, tmp_path)
    requests = test_site.requests()
    assert not [r for r in requests if r["path"] in ARTICLE_PATHS]
    assert sitegen.LISTING in {r["path"] for r in requests}  # listings are re-read
    assert second.dropped.get("known_recent") == first.new_articles == len(ARTICLE_PATHS)


def test_second_run_with_nothing_changed_downloads_almost_nothing(test_site, tmp_path):
    first = _run(test_site, tmp_path)
    first_bytes = sum(b for _, b in _article_downloads(test_site.requests()))
    assert first.new_articles == len(ARTICLE_PATHS) and first_bytes > 0
    test_site.clear_log()
    second = _run(test_site, tmp_path, **DUE)
    requests = test_site.requests()
    second_bytes = sum(b for _, b in _article_downloads(requests))
    assert second_bytes <= 0.10 * first_bytes
    # listings and feeds are re-read; known articles are asked conditionally
    paths = {r["path"] for r in requests}
    assert sitegen.LISTING in paths and "/rss.xml" in paths
    conditional = [r for r in requests if r["path"] in ARTICLE_PATHS]
    assert conditional and all(r["if_none_match"] for r in conditional)
    assert second.not_modified == len(ARTICLE_PATHS) and second.articles == 0
    assert set(_article_records(tmp_path).values()) == {1}


@pytest.mark.parametrize("nightly", [False, True])
def test_one_new_article_is_the_only_article_fetched(test_site, tmp_path, nightly):
    _run(test_site, tmp_path)
    test_site.rewrite(extra=True)
    test_site.clear_log()
    stats = _run(test_site, tmp_path, **(DUE if nightly else {}))
    requests = test_site.requests()
    assert [p for p, _ in _article_downloads(requests)] == [sitegen.EXTRA_ARTICLE.path]
    asked = [r["path"] for r in requests if r["path"].startswith("/aktualnosci/20")]
    if nightly:  # the known ones were asked conditionally and answered 304
        assert stats.not_modified == len(ARTICLE_PATHS)
    else:  # same day: not even a conditional request for the known ones
        assert asked == [sitegen.EXTRA_ARTICLE.path]
    assert stats.new_articles == 1 and stats.changed_articles == 0
    assert _article_records(tmp_path)[test_site.url(sitegen.EXTRA_ARTICLE.path)] == 1


def test_304_keeps_the_archived_copy_and_moves_last_seen(test_site, tmp_path):
    _run(test_site, tmp_path)
    url = test_site.url(sitegen.ARTICLES[0].path)
    before = load_state(tmp_path / "archive")[url]
    body = next(r.body for r in iter_records(tmp_path / "archive") if r.url == url)
    time.sleep(1.1)  # state times have one-second resolution
    _run(test_site, tmp_path, **DUE)
    after = load_state(tmp_path / "archive")[url]
    assert after.last_status == 304
    assert after.first_seen == before.first_seen and after.last_seen > before.last_seen
    assert after.digest == before.digest and after.warc_file == before.warc_file
    copies = [r for r in iter_records(tmp_path / "archive") if r.url == url]
    assert len(copies) == 1 and copies[0].body == body


def test_server_ignoring_validators_does_not_duplicate_records(test_site, tmp_path):
    test_site.rewrite(config={"conditional": False})
    _run(test_site, tmp_path)
    records_before = sum(1 for _ in iter_records(tmp_path / "archive"))
    stats = _run(test_site, tmp_path, **DUE)
    assert stats.archived == 0 and stats.unchanged >= len(ARTICLE_PATHS)
    assert sum(1 for _ in iter_records(tmp_path / "archive")) == records_before


def test_changed_article_is_archived_again(test_site, tmp_path):
    _run(test_site, tmp_path)
    article = sitegen.ARTICLES[1]
    path = test_site.root / article.path.lstrip("/")
    path.write_bytes(path.read_bytes().replace("486 300,00 zł".encode(), "512 000,00 zł".encode()))
    stats = _run(test_site, tmp_path, **DUE)
    assert stats.changed_articles == 1 and stats.new_articles == 0
    copies = [r.body for r in iter_records(tmp_path / "archive") if r.url == test_site.url(article.path)]
    assert len(copies) == 2 and "512 000,00 zł".encode() in copies[1]


def test_known_articles_can_be_skipped_by_policy(test_site, tmp_path):
    _run(test_site, tmp_path)
    test_site.clear_log()
    stats = _run(test_site, tmp_path, SAMORZAD_KNOWN_ARTICLES="skip")
    assert not [r for r in test_site.requests() if r["path"] in ARTICLE_PATHS]
    assert stats.dropped.get("known") == len(ARTICLE_PATHS)


def test_killed_crawl_resumes_without_refetch_or_duplicates(test_site, tmp_path):
    slow = {"CONCURRENT_REQUESTS_PER_DOMAIN": 1, "DOWNLOAD_DELAY": 0.3,
            "AUTOTHROTTLE_ENABLED": False, "RANDOMIZE_DOWNLOAD_DELAY": False}
    children = []
    errors = []

    def first_run():
        try:
            sources = load_sources(test_site.write_sources(tmp_path / "sources.toml"))
            crawl(sources, tmp_path / "archive", progress=False, settings_overrides={**FAST_CRAWL, **slow},
                  on_start=children.append)
        except CrawlError as exc:
            errors.append(exc)

    runner = threading.Thread(target=first_run)
    runner.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait until some, not all, articles are in
        state = load_state(tmp_path / "archive") if (tmp_path / "archive").exists() else {}
        if sum(s.kind == "article" for s in state.values()) >= 3:
            break
        time.sleep(0.02)
    children[0].kill()  # SIGKILL: no cleanup at all
    runner.join(60)
    assert errors, "the killed crawl must report failure"
    assert list((tmp_path / "archive").rglob("*.open")), "the kill left its WARC file open"
    had = {u[len(test_site.base):] for u in _article_records(tmp_path)}
    assert 3 <= len(had) < len(ARTICLE_PATHS)
    test_site.clear_log()
    _run(test_site, tmp_path)
    second = [p for p, _ in _article_downloads(test_site.requests(), ARTICLE_PATHS)]
    archived = _article_records(tmp_path)
    assert set(archived.values()) == {1}  # every article exactly once
    assert {u[len(test_site.base):] for u in archived} == ARTICLE_PATHS
    assert not set(second) & had  # what the killed run had archived is not fetched again
    assert set(second) == ARTICLE_PATHS - had
    assert not list((tmp_path / "archive").rglob("*.open"))


def test_site_without_validators_is_not_downloaded_again_within_recheck_days(test_site, tmp_path):
    test_site.rewrite(config={"conditional": False, "validators": False})
    _run(test_site, tmp_path)
    test_site.clear_log()
    stats = _run(test_site, tmp_path)
    assert not [r for r in test_site.requests() if r["path"] in ARTICLE_PATHS]
    assert stats.dropped.get("known_recent") == len(ARTICLE_PATHS)
    test_site.clear_log()
    _run(test_site, tmp_path, SAMORZAD_RECHECK_DAYS=0)  # due again: fetched, not re-archived
    assert len(_article_downloads(test_site.requests(), ARTICLE_PATHS)) == len(ARTICLE_PATHS)
    assert set(_article_records(tmp_path).values()) == {1}


def test_crawl_dies_with_its_parent_and_the_next_crawl_recovers_its_file(test_site, tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    sources = test_site.write_sources(tmp_path / "sources.toml")
    archive = tmp_path / "archive"
    code = ("import sys; sys.path.insert(0, sys.argv[1]);"
            "from spiders.crawl import crawl; from spiders.sources import load_sources;"
            "crawl(load_sources(sys.argv[2]), sys.argv[3], progress=False, settings_overrides="
            "{'DOWNLOAD_DELAY': 0.3, 'AUTOTHROTTLE_ENABLED': False, 'CONCURRENT_REQUESTS_PER_DOMAIN': 1})")
    root = str(Path(__file__).resolve().parents[1])
    parent = subprocess.Popen([sys.executable, "-c", code, root, str(sources), str(archive)])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(archive.rglob("*.warc.gz.open")):
        time.sleep(0.05)
    parent.kill()  # the cron job dies; its crawl child must not write on unattended
    parent.wait()
    time.sleep(1.0)
    n = len(test_site.requests())
    time.sleep(1.5)
    assert len(test_site.requests()) == n, "the orphaned crawl went on fetching"
    had = _article_records(tmp_path)  # what the killed crawl archived (its file still .open)
    assert list(archive.rglob("*.warc.gz.open"))
    _run(test_site, tmp_path)  # recovers the open file, keeps its records, fetches the rest
    assert not list(archive.rglob("*.warc.gz.open"))
    archived = _article_records(tmp_path)
    assert set(archived.values()) == {1} and set(had) <= set(archived)
    assert {u[len(test_site.base):] for u in archived} == ARTICLE_PATHS

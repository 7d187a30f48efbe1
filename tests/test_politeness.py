"""Unit behaviour of the politeness components, without a network or a reactor."""
from __future__ import annotations

import email.utils
import gzip
import random
import zlib

import pytest
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Request, Response
from scrapy.utils.test import get_crawler

from spiders import politeness as p


def crawler(**settings):
    return get_crawler(settings_dict={**p.SETTINGS, **settings})


def faults(c):
    return [(f["url"], f["reason"]) for f in c.stats.get_value(p.FAULTS_KEY) or []]


# ------------------------------------------------------------ Retry-After and backoff

def test_retry_after_seconds_and_http_date():
    assert p.parse_retry_after(b"120") == 120.0
    now = 1_700_000_000.0
    date = email.utils.formatdate(now + 30, usegmt=True)
    assert p.parse_retry_after(date, now=now) == pytest.approx(30, abs=1)
    # a date in the past means "now", never a negative wait
    assert p.parse_retry_after(email.utils.formatdate(now - 60, usegmt=True), now=now) == 0.0


@pytest.mark.parametrize("value", [None, b"", b"soon", b"-5", b"Mon, 99 Foo 2020"])
def test_retry_after_garbage_is_ignored(value):
    assert p.parse_retry_after(value) is None


def test_backoff_grows_exponentially_within_jitter_and_cap():
    rng = random.Random(7)
    for attempt, centre in ((1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0)):
        for _ in range(50):
            d = p.backoff_delay(attempt, 1.0, 60.0, rng)
            assert 0.5 * centre <= d <= 1.5 * centre
    assert max(p.backoff_delay(20, 1.0, 60.0, rng) for _ in range(50)) <= 90.0


# ------------------------------------------------------------ same site

@pytest.mark.parametrize("a,b,same", [
    ("https://www.kielce.eu/pl/", "https://kielce.eu/x", True),
    ("http://kielce.eu/", "https://www.kielce.eu/x", True),          # https upgrade
    ("https://kielce.eu/", "https://bip.kielce.eu/x", True),         # subdomain
    ("https://kielce.eu/", "https://kielce.eu.evil.example/x", False),
    ("https://kielce.eu/", "https://ekielce.eu/x", False),
    ("http://127.0.0.1:8000/", "http://127.0.0.1:9000/x", False),    # other server
])
def test_same_site(a, b, same):
    assert p.same_site(a, b) is same


# ------------------------------------------------------------ redirect guard

def _redirect(url, location, **meta):
    req = Request(url, meta=meta)
    return req, Response(url, status=302, headers={"Location": location}, request=req)


def test_offsite_redirect_dropped_and_recorded():
    c = crawler()
    mw = p.RedirectGuardMiddleware.from_crawler(c)
    req, resp = _redirect("https://zpp.pl/a", "https://example.com/landing")
    with pytest.raises(IgnoreRequest):
        mw.process_response(req, resp)
    assert faults(c) == [("https://zpp.pl/a", "offsite_redirect")]
    assert c.stats.get_value("samorzad/dropped/offsite_redirect") == 1


def test_offsite_judged_from_the_first_url_of_a_chain():
    c = crawler()
    mw = p.RedirectGuardMiddleware.from_crawler(c)
    req, resp = _redirect("https://cdn.example.com/b", "https://cdn.example.com/c",
                          redirect_urls=["https://zpp.pl/a"], redirect_times=1)
    with pytest.raises(IgnoreRequest):
        mw.process_response(req, resp)


def test_onsite_redirect_passes_and_loop_is_caught():
    c = crawler()
    mw = p.RedirectGuardMiddleware.from_crawler(c)
    req, resp = _redirect("https://zpp.pl/a", "/b")
    assert mw.process_response(req, resp) is resp
    req, resp = _redirect("https://zpp.pl/b", "/a", redirect_urls=["https://zpp.pl/a"],
                          redirect_times=1)
    with pytest.raises(IgnoreRequest):
        mw.process_response(req, resp)
    assert faults(c) == [("https://zpp.pl/a", "redirect_loop")]


# ------------------------------------------------------------ decompression guard

def _encoded(body, encoding="gzip", url="https://zpp.pl/x"):
    req = Request(url)
    return req, Response(url, body=body, headers={"Content-Encoding": encoding}, request=req)


def test_gzip_bomb_dropped_without_inflating():
    c = crawler(DOWNLOAD_MAXSIZE=1024 * 1024)
    mw = p.DecompressionGuardMiddleware.from_crawler(c)
    req, resp = _encoded(gzip.compress(b"\0" * (8 * 1024 * 1024)))
    with pytest.raises(IgnoreRequest):
        mw.process_response(req, resp)
    assert faults(c) == [("https://zpp.pl/x", "decompression_bomb")]


def test_truncated_gzip_dropped_but_whole_gzip_and_deflate_pass():
    c = crawler()
    mw = p.DecompressionGuardMiddleware.from_crawler(c)
    whole = gzip.compress("<p>Zażółć gęślą jaźń</p>".encode() * 200)
    req, resp = _encoded(whole)
    assert mw.process_response(req, resp) is resp
    raw = zlib.compressobj(wbits=-15)
    for deflated in (zlib.compress(b"<p>ok</p>" * 50),                      # zlib-wrapped
                     raw.compress(b"<p>ok</p>" * 50) + raw.flush()):         # raw, seen too
        req, resp = _encoded(deflated, "deflate")
        assert mw.process_response(req, resp) is resp
    req, resp = _encoded(whole[: len(whole) // 2])
    with pytest.raises(IgnoreRequest):
        mw.process_response(req, resp)
    assert faults(c) == [("https://zpp.pl/x", "truncated_gzip")]


def test_gzip_probe_reports_each_problem():
    data = gzip.compress(b"a" * 100_000)
    assert p.gzip_probe(data, 1_000_000) is None
    assert p.gzip_probe(data, 10_000) == "decompression_bomb"
    assert p.gzip_probe(data[:20], 1_000_000) == "truncated_gzip"
    assert p.gzip_probe(b"not gzip at all", 1_000_000) == "bad_gzip"


# ------------------------------------------------------------ content guard

def _html(body, url="https://kielce.eu/pl/aktualnosci/a.html", status=200):
    req = Request(url)
    return req, HtmlResponse(url, body=body, status=status, request=req,
                             headers={"Content-Type": "text/html"})


@pytest.mark.parametrize("body,kind", [
    (b"%PDF-1.7\n...", "not_html"),
    (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "not_html"),
    (b"\xff\xd8\xff\xe0\0\x10JFIF", "not_html"),
    (b"PK\x03\x04\x14\0\x06\0", "not_html"),
    (b"", "empty"),
    (b"  \n\t ", "empty"),
])
def test_content_guard_drops_non_pages(body, kind):
    c = crawler()
    mw = p.ContentGuardMiddleware.from_crawler(c)
    req, resp = _html(body)
    with pytest.raises(IgnoreRequest):
        mw.process_response(req, resp)
    assert faults(c)[0][1] == kind


def test_content_guard_keeps_html_robots_and_errors():
    c = crawler()
    mw = p.ContentGuardMiddleware.from_crawler(c)
    req, resp = _html("<html><body>Zażółć</body></html>".encode())
    assert mw.process_response(req, resp) is resp
    req, resp = _html(b"", url="https://kielce.eu/robots.txt")
    assert mw.process_response(req, resp) is resp
    req, resp = _html(b"", status=404)
    assert mw.process_response(req, resp) is resp
    assert faults(c) == []


# ------------------------------------------------------------ final failures

def test_fault_recorder_names_http_errors_and_download_errors():
    from scrapy.exceptions import DownloadTimeoutError
    c = crawler()
    mw = p.FaultRecorderMiddleware.from_crawler(c)
    req, resp = _html(b"<html></html>", status=503)
    req.meta["retry_times"] = 3
    mw.process_response(req, resp)
    mw.process_exception(Request("https://zpp.pl/slow"), DownloadTimeoutError("took longer"))
    mw.process_exception(Request("https://zpp.pl/robots"), IgnoreRequest("robots"))  # not ours
    assert faults(c) == [("https://kielce.eu/pl/aktualnosci/a.html", "http_503"),
                         ("https://zpp.pl/slow", "timeout")]
    assert "after 3 retries" in c.stats.get_value(p.FAULTS_KEY)[0]["detail"]


def test_fault_list_is_bounded():
    c = crawler()
    for i in range(p.MAX_LISTED_FAULTS + 5):
        p.record_fault(c.stats, f"https://zpp.pl/{i}", "http_500")
    assert len(c.stats.get_value(p.FAULTS_KEY)) == p.MAX_LISTED_FAULTS
    assert c.stats.get_value("samorzad/dropped/http_500") == p.MAX_LISTED_FAULTS + 5
    assert c.stats.get_value("samorzad/faults_not_listed") == 5


def test_retry_replacement_is_wired_in_settings():
    mws = p.DOWNLOADER_MIDDLEWARES
    assert mws["scrapy.downloadermiddlewares.retry.RetryMiddleware"] is None
    # the guards must see responses in this order: 3xx before redirect (600), encoded
    # body before decompression (590), decoded body before retry (550)
    assert (mws["spiders.politeness.RedirectGuardMiddleware"] > 600
            > 590 < mws["spiders.politeness.DecompressionGuardMiddleware"])
    assert 550 < mws["spiders.politeness.ContentGuardMiddleware"] < 590


def test_robots_answers_follow_rfc_9309():
    from spiders.politeness import robots_outcome
    assert [robots_outcome(s) for s in (200, 404, 401, 403, 410, 429, 500, 503, None)] == \
        ["parsed", "allow", "allow", "allow", "allow", "disallow", "disallow", "disallow", "disallow"]

"""A crawl survives a misbehaving web server, records every fault with URL and reason,
keeps memory bounded, never follows a redirect off the site, and waits as long as
Retry-After and robots Crawl-delay ask.

The crawl runs in a subprocess (Scrapy's reactor cannot restart inside pytest): a small
spider that follows every same-host link, with the politeness middlewares and settings of
``spiders.politeness`` — the components under test, as the project crawl switches them on.
Run by hand: ``python tests/test_faults.py run CONFIG.json``.
"""
from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from faultserver import FaultServer  # noqa: E402

# Short enough for a test run; the politeness logic is the same as with the defaults.
TEST_SETTINGS = {
    "DOWNLOAD_TIMEOUT": 2,
    "RETRY_TIMES": 2,
    "SAMORZAD_BACKOFF_BASE": 0.2,
    "SAMORZAD_BACKOFF_MAX": 1.0,
    "SAMORZAD_RETRY_AFTER_MAX": 30,
    "AUTOTHROTTLE_START_DELAY": 0.1,
    "DEPTH_LIMIT": 5,        # the endless calendar is cut by depth, as a page cap would
}
MEMORY_BOUND_MB = 200      # a held 50 MB page or a 256 MB inflated bomb would break it


def run_crawl(tmp_path: Path, start_urls, follow_netlocs, settings=None) -> dict:
    cfg = {"start_urls": start_urls, "follow": sorted(follow_netlocs),
           "settings": {**TEST_SETTINGS, **(settings or {})},
           "out": str(tmp_path / "result.json")}
    cfg_path = tmp_path / "crawl.json"
    cfg_path.write_text(json.dumps(cfg))
    proc = subprocess.run([sys.executable, __file__, "run", str(cfg_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads((tmp_path / "result.json").read_text())


@pytest.fixture(scope="module")
def fault_crawl(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("faults")
    with contextlib.ExitStack() as stack:
        site = stack.enter_context(FaultServer())
        try:  # its own loopback address, so its own download slot (not on every OS)
            polite = stack.enter_context(FaultServer("127.0.0.2", crawl_delay=1))
        except RuntimeError:
            polite = None
        polite_pages = [polite.url(f"/ok/{i}") for i in range(4)] if polite else []
        result = run_crawl(tmp, [site.url("/")] + polite_pages,
                           {f"127.0.0.1:{site.port}"})
        yield {"result": result, "site": site, "hits": site.hits(),
               "polite_hits": polite.hits() if polite else None}


def _faults(result) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in result["stats"].get("samorzad/faults", []):
        out.setdefault(urlsplit(f["url"]).path + ("?" + urlsplit(f["url"]).query
                                                  if urlsplit(f["url"]).query else ""),
                       set()).add(f["reason"])
    return out


def test_crawl_finishes_and_keeps_good_pages(fault_crawl):
    result = fault_crawl["result"]
    assert result["stats"]["finish_reason"] == "finished"
    got = {urlsplit(i["url"]).path for i in result["items"]}
    # normal pages, pages after a retry, an on-site redirect, odd charsets, bad markup
    for path in ("/ok/1", "/flaky", "/retry-after", "/retry-after-date", "/ok/redirected",
                 "/ok/end-of-chain-short", "/nocharset", "/wrongcharset", "/malformed"):
        assert path in got, path


def test_each_fault_recorded_with_url_and_reason(fault_crawl):
    faults = _faults(fault_crawl["result"])
    expected = {
        "/status?n=500": "http_500",
        "/status?n=404": "http_404",
        "/retry-after-long": "http_429",
        "/delay?n=5": "timeout",
        "/truncated-gzip": "truncated_gzip",
        "/bomb": "decompression_bomb",
        "/big": "too_big",
        "/big-stream": "too_big",
        "/redirect-loop": "redirect_loop",
        "/redirect-chain?n=9&k=long": "too_many_redirects",
        "/offsite-redirect": "offsite_redirect",
        "/pdf.html": "not_html",
        "/image.html": "not_html",
        "/empty": "empty",
    }
    for path, reason in expected.items():
        assert reason in faults.get(path, set()), (path, faults.get(path))
    # a connection reset mid-body is a failure of some connection kind, not a page
    assert faults.get("/reset"), faults
    stats = fault_crawl["result"]["stats"]
    assert stats["samorzad/dropped/decompression_bomb"] == 1
    assert stats["samorzad/retry/gave_up/retry_after_too_long"] >= 1


def test_dropped_pages_never_reach_the_spider(fault_crawl):
    got = {urlsplit(i["url"]).path for i in fault_crawl["result"]["items"]}
    assert not got & {"/bomb", "/big", "/big-stream", "/pdf.html", "/image.html", "/empty",
                      "/truncated-gzip", "/reset", "/landing", "/private/secret"}


def test_offsite_redirect_not_followed(fault_crawl):
    site = fault_crawl["site"]
    assert not [h for h in fault_crawl["hits"] if h["port"] == site.other_port]
    assert any(h["path"] == "/offsite-redirect" for h in fault_crawl["hits"])


def test_redirect_loop_stops_early(fault_crawl):
    loop = [h for h in fault_crawl["hits"] if h["path"].startswith("/redirect-loop")]
    assert 2 <= len(loop) <= 3


def test_memory_bounded(fault_crawl):
    assert fault_crawl["result"]["maxrss_mb"] < MEMORY_BOUND_MB


def test_retries_wait_for_retry_after(fault_crawl):
    hits = fault_crawl["hits"]
    for path, wait in (("/retry-after?n=2", 2.0), ("/retry-after-date?n=2", 2.0)):
        times = sorted(h["t"] for h in hits if h["path"] == path)
        assert len(times) >= 2, (path, times)
        assert times[1] - times[0] >= wait - 0.05, (path, times[1] - times[0])
    stats = fault_crawl["result"]["stats"]
    assert stats["samorzad/retry/retry_after_honoured"] >= 2
    assert stats["samorzad/retry/reason/http_503"] >= 1


def test_retry_gives_up_after_max_retries(fault_crawl):
    n500 = [h for h in fault_crawl["hits"] if h["path"] == "/status?n=500"]
    assert len(n500) == 1 + TEST_SETTINGS["RETRY_TIMES"]


def test_robots_crawl_delay_spaces_requests(fault_crawl):
    if fault_crawl["polite_hits"] is None:
        pytest.skip("cannot listen on 127.0.0.2 here")
    times = sorted(h["t"] for h in fault_crawl["polite_hits"])
    assert len(times) == 5  # robots.txt + four pages
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= 1.0 - 0.05, gaps


def test_robots_disallow_still_obeyed(fault_crawl):
    assert not [h for h in fault_crawl["hits"] if h["path"].startswith("/private")]


# ---------------------------------------------------------------- the project crawl

@pytest.fixture(scope="module")
def project_crawl(tmp_path_factory):
    """The same faulty site through ``spiders.crawl.crawl`` (news spider, archive, state)."""
    crawl_mod = pytest.importorskip("spiders.crawl")
    from spiders.archive import iter_records
    from spiders.sources import Source

    tmp = tmp_path_factory.mktemp("project")
    with FaultServer() as site:
        source = Source(id="faults", name="Fault site", kind="other",
                        start_urls=(site.url("/"),),
                        allow=(rf"^http://127\.0\.0\.1:{site.port}/(?!robots\.txt)[a-z]",))
        stats = crawl_mod.crawl([source], tmp / "archive", progress=False,
                                settings={k: v for k, v in TEST_SETTINGS.items()
                                          if k != "DEPTH_LIMIT"})
        records = list(iter_records(tmp / "archive"))
        yield {"stats": stats, "records": records, "site": site, "hits": site.hits()}


def test_project_crawl_records_faults_and_archives_no_dropped_page(project_crawl):
    stats = project_crawl["stats"]
    for reason in ("decompression_bomb", "too_big", "not_html", "empty", "truncated_gzip",
                   "timeout", "http_500", "offsite_redirect", "redirect_loop", "too_many_redirects"):
        assert stats.dropped.get(reason), (reason, stats.dropped)
    listed = {(urlsplit(f["url"]).path, f["reason"])
              for st in stats.per_source.values() for f in st.get("samorzad/faults", [])}
    assert ("/bomb", "decompression_bomb") in listed and ("/pdf.html", "not_html") in listed
    archived = {urlsplit(r.url).path for r in project_crawl["records"]}
    assert "/ok/1" in archived
    assert "/ok/redirected" in archived  # an on-site redirect is followed by the news spider
    assert not any(r.kind == "article" and urlsplit(r.url).path == "/offsite-redirect"
                   for r in project_crawl["records"])
    assert not archived & {"/bomb", "/big", "/big-stream", "/pdf.html", "/image.html",
                           "/empty", "/truncated-gzip", "/reset", "/landing"}
    site = project_crawl["site"]
    assert not [h for h in project_crawl["hits"] if h["port"] == site.other_port]


# ---------------------------------------------------------------- the crawl subprocess

def _main(cfg_path: str) -> None:
    import resource

    from scrapy import Request, Spider
    from scrapy.crawler import CrawlerProcess
    from scrapy.http import TextResponse

    from spiders import politeness

    cfg = json.loads(Path(cfg_path).read_text())
    follow = set(cfg["follow"])
    items: list[dict] = []

    class FaultSpider(Spider):
        name = "faults"

        async def start(self):
            for url in cfg["start_urls"]:
                yield Request(url, self.parse)

        def parse(self, response):
            items.append({"url": response.url, "status": response.status,
                          "size": len(response.body)})
            if not isinstance(response, TextResponse) or urlsplit(response.url).netloc not in follow:
                return
            for href in response.css("a::attr(href)").getall():
                url = response.urljoin(href)
                if urlsplit(url).netloc in follow:
                    yield Request(url, self.parse)

    settings = {
        **politeness.SETTINGS,
        "DOWNLOADER_MIDDLEWARES": politeness.DOWNLOADER_MIDDLEWARES,
        "USER_AGENT": "samorzad-tests (+https://github.com/samorzad)",
        "LOG_LEVEL": "INFO",
        "TELNETCONSOLE_ENABLED": False,
        **cfg["settings"],
    }
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(FaultSpider)
    process.crawl(crawler)
    process.start()
    stats = crawler.stats.get_stats()
    out = {"stats": json.loads(json.dumps(stats, default=str)), "items": items,
           "maxrss_mb": _peak_rss_mb()}
    Path(cfg["out"]).write_text(json.dumps(out))


def _peak_rss_mb() -> float:
    """This process's own peak RSS. ru_maxrss is not it: Linux carries the parent's
    peak across fork+exec, so under a big pytest process it would measure pytest."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__" and sys.argv[1:2] == ["run"]:
    _main(sys.argv[2])

"""Benchmark: pages per second of samorzad's crawl against a bare Scrapy spider.

    python benchmarks/bench_crawl_paired.py [--articles 400] [--rounds 5]

(The companion of bench_crawl.py: stdlib ``http.server`` instead of our threaded server,
paired rounds and their median ratio instead of best-of-N.)

Both crawl the same generated static site (listing pages of 20 links with "następna"
pagination, plus article pages) served by ``python -m http.server`` on 127.0.0.1, with the
same concurrency, robots.txt obeyed and no throttling.  Rate = responses / (Scrapy's
finish_time - start_time), so process start-up is left out of both.  Ours includes
everything a real run does: WARC writing, SQLite crawl state, politeness middlewares.
Rounds alternate bare / ours; the median of the per-round ratios ours / bare is
printed (target >= 0.8).
"""
from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere: spiders/ must import
    sys.path.insert(0, str(ROOT))

PER_PAGE = 20
SAME = {"AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 8, "DOWNLOAD_DELAY": 0, "LOG_LEVEL": "WARNING",
        "ROBOTSTXT_OBEY": True, "TELNETCONSOLE_ENABLED": False}


def make_site(root: Path, articles: int) -> None:
    filler = "<p>" + "Gmina realizuje projekt współfinansowany ze środków UE. " * 40 + "</p>"
    (root / "news").mkdir(parents=True)
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /admin/\n")
    pages = (articles + PER_PAGE - 1) // PER_PAGE
    for p in range(1, pages + 1):
        ids = range((p - 1) * PER_PAGE, min(p * PER_PAGE, articles))
        links = "".join(f'<li><a href="/news/a-{i}.html">Artykuł {i}</a></li>' for i in ids)
        nxt = f'<a href="/news/page-{p + 1}.html">następna »</a>' if p < pages else ""
        (root / "news" / f"page-{p}.html").write_text(
            f"<html><body><nav>Menu</nav><ul>{links}</ul>{nxt}</body></html>", encoding="utf-8")
    for i in range(articles):
        (root / "news" / f"a-{i}.html").write_text(
            f"<html><body><h1>Artykuł {i}</h1>{filler}</body></html>", encoding="utf-8")


def _rate(stats: dict) -> tuple[int, float]:
    start = datetime.fromisoformat(str(stats["start_time"]))
    end = datetime.fromisoformat(str(stats["finish_time"]))
    n = int(stats.get("downloader/response_count", 0))
    return n, n / max((end - start).total_seconds(), 1e-6)


def run_ours(base: str, archive: Path) -> tuple[int, float]:
    from spiders.crawl import crawl
    from spiders.sources import Source

    source = Source(id="bench", name="bench", kind="other", start_urls=(f"{base}/news/page-1.html",),
                    allow=(r"/news/a-\d+\.html$",))
    stats = crawl([source], archive, progress=False, settings_overrides=SAME)
    return _rate(stats.per_source["bench"])


def _bare_child(base: str, out: str) -> None:
    import scrapy
    from scrapy.crawler import CrawlerProcess
    from scrapy.linkextractors import LinkExtractor

    from spiders.settings import USER_AGENT

    class Bare(scrapy.Spider):
        name = "bare"
        start_urls = [f"{base}/news/page-1.html"]
        links = LinkExtractor(allow=(r"/news/(a-\d+|page-\d+)\.html$",))

        def parse(self, response):
            if "/page-" in response.url:
                for link in self.links.extract_links(response):
                    yield response.follow(link.url, self.parse)

    process = CrawlerProcess({**SAME, "USER_AGENT": USER_AGENT})
    crawler = process.create_crawler(Bare)
    process.crawl(crawler)
    process.start()
    Path(out).write_text(json.dumps(crawler.stats.get_stats(), default=str))


def run_bare(base: str, tmp: Path) -> tuple[int, float]:
    out = tmp / f"bare-{time.monotonic_ns()}.json"
    subprocess.run([sys.executable, str(Path(__file__).resolve()), "--bare", base, str(out)], check=True)
    return _rate(json.loads(out.read_text()))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--bare", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.bare:
        _bare_child(*args.bare)
        return 0
    with tempfile.TemporaryDirectory(prefix="samorzad-bench-") as tmp:
        tmp = Path(tmp)
        make_site(tmp / "site", args.articles)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                   "--directory", str(tmp / "site")],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(1.0)  # let the server bind
            base = f"http://127.0.0.1:{port}"
            rows = []
            for r in range(args.rounds):  # alternate, fresh archive each time (no 304 shortcut)
                bare = run_bare(base, tmp)
                ours = run_ours(base, tmp / f"archive-{r}")
                rows.append((bare, ours))
                print(f"round {r + 1}: bare {bare[0]} pages {bare[1]:.1f}/s, "
                      f"samorzad {ours[0]} pages {ours[1]:.1f}/s, ratio {ours[1] / bare[1]:.2f}")
        finally:
            server.terminate()
            server.wait()
    # the median of paired rounds: a 2-core machine shared with other work is noisy
    ratios = sorted(o[1] / b[1] for b, o in rows)
    median = ratios[len(ratios) // 2] if len(ratios) % 2 else sum(ratios[len(ratios) // 2 - 1:][:2]) / 2
    print(f"median ratio samorzad/bare over {len(rows)} paired rounds: {median:.2f} (target >= 0.8)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: pages per second of samorzad's crawl against a bare Scrapy spider, same
local multi-site server, paired rounds.

    python benchmarks/bench_crawl_paired.py [--sites 4] [--articles 2400] [--rounds 5] [--json]

``--sites`` municipal-style static sites (listing pages of 20 links with "następna"
pagination, article pages of ~25 kB of varied Polish text, robots.txt), each served by
``python -m http.server`` on its own loopback host (127.0.0.1, 127.0.0.2, ...), together
``--articles`` articles.  The bare spider gets every site's listing as a start URL and
follows listing and article links (with Scrapy's DownloaderAwarePriorityQueue, its advice
for many sites); samorzad crawls one source per site.  Both have the same transport: 16
requests at once in all (4 per host with 4 sites), robots.txt obeyed, no AutoThrottle, no
delay.

Rate = responses / (last finish - first start) from Scrapy's own stats, so process
start-up is left out of both.  Ours includes everything a real run does: WARC writing,
SQLite crawl state, politeness middlewares, redirect archiving.  Rounds alternate bare /
ours with a fresh archive each time; the median of the per-round ratios ours / bare is
the figure (a shared 2-core machine is noisy).  CPU milliseconds per page of each crawl
process (user + system, from the OS, start-up of about 1 s included) are printed too:
they depend less on the load.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere: spiders/ must import
    sys.path.insert(0, str(ROOT))

PER_PAGE = 20
SAME = {"AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS": 16, "DOWNLOAD_DELAY": 0,
        "LOG_LEVEL": "WARNING", "ROBOTSTXT_OBEY": True, "TELNETCONSOLE_ENABLED": False}
WORDS = ("gmina samorząd projekt współpraca partnerski miasto umowa dofinansowanie program "
         "Interreg fundusz europejski rada uchwała wójt burmistrz starosta powiat województwo "
         "mieszkańcy inwestycja drogowa szkoła przedszkole świetlica wymiana młodzieży kultura "
         "sport turystyka ścieżka rowerowa remont budowa kanalizacja złotych euro wartość "
         "realizacja termin zakończenie konferencja spotkanie delegacja Słowacja Czechy Ukraina "
         "Litwa Niemcy porozumienie list intencyjny").split()


def make_site(root: Path, articles: int, seed: int) -> None:
    rng = random.Random(seed)
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
        paras = "".join("<p>" + " ".join(rng.choice(WORDS) for _ in range(60)) + ".</p>\n"
                        for _ in range(40))
        (root / "news" / f"a-{i}.html").write_text(
            f"<html><body><h1>Artykuł {i}</h1>{paras}</body></html>", encoding="utf-8")


def _span(stats: list[dict]) -> tuple[int, float]:
    """(responses, pages per second) over one or several crawlers' stats."""
    start = min(datetime.fromisoformat(str(s["start_time"])) for s in stats)
    end = max(datetime.fromisoformat(str(s["finish_time"])) for s in stats)
    n = sum(int(s.get("downloader/response_count", 0)) for s in stats)
    return n, n / max((end - start).total_seconds(), 1e-6)


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_ours(bases: list[str], archive: Path) -> tuple[int, float, float]:
    from spiders.crawl import crawl
    from spiders.sources import Source

    sources = [Source(id=f"bench-{i}", name=f"bench {i}", kind="other",
                      start_urls=(f"{base}/news/page-1.html",), allow=(r"/news/a-\d+\.html$",))
               for i, base in enumerate(bases)]
    per_host = max(1, SAME["CONCURRENT_REQUESTS"] // len(bases))
    cpu = _cpu()
    stats = crawl(sources, archive, progress=False,
                  settings_overrides={**SAME, "CONCURRENT_REQUESTS": per_host,
                                      "CONCURRENT_REQUESTS_PER_DOMAIN": per_host})
    n, rate = _span(list(stats.per_source.values()))
    return n, rate, (_cpu() - cpu) / max(n, 1) * 1000


def _bare_child(bases: list[str], out: str) -> None:
    import scrapy
    from scrapy.crawler import CrawlerProcess
    from scrapy.linkextractors import LinkExtractor

    from spiders.settings import USER_AGENT

    class Bare(scrapy.Spider):
        name = "bare"
        start_urls = [f"{base}/news/page-1.html" for base in bases]
        links = LinkExtractor(allow=(r"/news/(a-\d+|page-\d+)\.html$",))

        def parse(self, response):
            if "/page-" in response.url:
                for link in self.links.extract_links(response):
                    yield response.follow(link.url, self.parse)

    per_host = max(1, SAME["CONCURRENT_REQUESTS"] // len(bases))
    # Scrapy's advice for crawls of many sites: without it, 16 requests to one host can
    # fill the downloader while the other hosts wait (one samorzad crawler per source
    # never has that problem, so leaving it out would flatter samorzad)
    process = CrawlerProcess({**SAME, "CONCURRENT_REQUESTS_PER_DOMAIN": per_host, "USER_AGENT": USER_AGENT,
                              "SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.DownloaderAwarePriorityQueue"})
    crawler = process.create_crawler(Bare)
    process.crawl(crawler)
    process.start()
    Path(out).write_text(json.dumps(crawler.stats.get_stats(), default=str))


def run_bare(bases: list[str], tmp: Path) -> tuple[int, float, float]:
    out = tmp / f"bare-{time.monotonic_ns()}.json"
    cpu = _cpu()
    subprocess.run([sys.executable, str(Path(__file__).resolve()), "--bare", json.dumps(bases), str(out)],
                   check=True)
    n, rate = _span([json.loads(out.read_text())])
    return n, rate, (_cpu() - cpu) / max(n, 1) * 1000


def _serve(tmp: Path, sites: int, articles: int) -> tuple[list[str], list[subprocess.Popen]]:
    bases, servers = [], []
    for i in range(sites):
        host = f"127.0.0.{i + 1}"
        make_site(tmp / f"site{i}", articles // sites, seed=i)
        with socket.socket() as s:
            s.bind((host, 0))
            port = s.getsockname()[1]
        servers.append(subprocess.Popen(
            [sys.executable, "-m", "http.server", str(port), "--bind", host, "--directory", str(tmp / f"site{i}")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        bases.append(f"http://{host}:{port}")
    for base in bases:  # wait until every server answers
        host, port = base[7:].rsplit(":", 1)
        for _ in range(100):
            try:
                socket.create_connection((host, int(port)), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
    return bases, servers


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sites", type=int, default=4)
    ap.add_argument("--articles", type=int, default=2400, help="articles over all sites")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--json", action="store_true", help="print the result as one JSON line")
    ap.add_argument("--bare", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.bare:
        _bare_child(json.loads(args.bare[0]), args.bare[1])
        return 0
    with tempfile.TemporaryDirectory(prefix="samorzad-bench-") as tmp:
        tmp = Path(tmp)
        bases, servers = _serve(tmp, args.sites, args.articles)
        try:
            rows = []
            for r in range(args.rounds):  # alternate, fresh archive each time (no 304 shortcut)
                bare = run_bare(bases, tmp)
                ours = run_ours(bases, tmp / f"archive-{r}")
                rows.append((bare, ours))
                if not args.json:
                    print(f"round {r + 1}: bare {bare[0]} pages {bare[1]:.1f}/s {bare[2]:.1f} ms CPU/page, "
                          f"samorzad {ours[0]} pages {ours[1]:.1f}/s {ours[2]:.1f} ms CPU/page, "
                          f"ratio {ours[1] / bare[1]:.2f}", flush=True)
        finally:
            for server in servers:
                server.terminate()
                server.wait()
    result = {"sites": args.sites, "articles": args.articles, "rounds": args.rounds,
              "pages_bare": rows[0][0][0], "pages_ours": rows[0][1][0],
              "median_ratio": round(median(o[1] / b[1] for b, o in rows), 3),
              "bare_pages_per_s": round(median(b[1] for b, _ in rows), 1),
              "ours_pages_per_s": round(median(o[1] for _, o in rows), 1),
              "bare_cpu_ms_per_page": round(median(b[2] for b, _ in rows), 2),
              "ours_cpu_ms_per_page": round(median(o[2] for _, o in rows), 2),
              "target": 0.9}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"median ratio samorzad/bare over {len(rows)} paired rounds: {result['median_ratio']:.2f} "
              f"(target >= 0.9); CPU per page: bare {result['bare_cpu_ms_per_page']} ms, "
              f"samorzad {result['ours_cpu_ms_per_page']} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

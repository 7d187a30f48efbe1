"""Crawl the local test site into a fresh archive and check what a user would notice:
every article archived once, listings/sitemaps/feeds archived with their kind, robots.txt
obeyed, the site never left, the User-Agent sent, no URL fetched twice."""
from __future__ import annotations

from collections import Counter
from contextlib import ExitStack

import pytest

from conftest import FAST_CRAWL, serve_site
from spiders.archive import iter_records
from spiders.crawl import crawl
from spiders.news import clean_url, is_pagination, looks_like_trap, normalize_url
from spiders.settings import USER_AGENT
from spiders.sources import load_sources
import sitegen


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("crawl")
    with serve_site(tmp) as site:
        sources = load_sources(site.write_sources(tmp / "sources.toml"))
        stats = crawl(sources, tmp / "archive", progress=False, settings_overrides=FAST_CRAWL)
        yield site, list(iter_records(tmp / "archive")), stats, site.requests()


def test_every_article_archived_exactly_once(crawled):
    site, records, stats, _ = crawled
    articles = Counter(r.url for r in records if r.kind == "article")
    expected = {site.url(a.path) for a in sitegen.ARTICLES}
    assert set(articles) == expected  # listing-only, sitemap-only and legacy-encoded ones alike
    assert set(articles.values()) == {1}
    assert stats.articles == stats.new_articles == len(expected)


def test_bodies_are_archived_as_served_before_compression(crawled):
    site, records, _, _ = crawled
    for rec in records:
        if rec.kind == "article":
            path = rec.url[len(site.base):]
            assert rec.body == (site.root / path.lstrip("/")).read_bytes()
            assert "content-encoding" not in rec.headers


def test_listings_sitemaps_feeds_and_robots_are_archived_with_their_kind(crawled):
    site, records, stats, _ = crawled
    kinds = {r.url: r.kind for r in records}
    listing = site.url(sitegen.LISTING)
    assert kinds[listing] == "listing"
    assert kinds[listing + "?strona=2"] == kinds[listing + "?strona=3"] == "listing"
    assert kinds[site.url("/robots.txt")] == "robots"
    assert kinds[site.url("/sitemap_index.xml")] == kinds[site.url("/sitemap-aktualnosci.xml.gz")] == "sitemap"
    assert kinds[site.url("/rss.xml")] == "feed"
    assert stats.listings == 3 and stats.sitemaps == 2 and stats.feeds == 1 and stats.robots == 1


def test_robots_txt_is_obeyed(crawled):
    _, records, stats, requests = crawled
    paths = [r["path"] for r in requests]
    assert sitegen.DISALLOWED not in paths
    assert not any(p.startswith("/admin/") for p in paths)
    assert not any(sitegen.DISALLOWED in r.url for r in records)
    assert stats.dropped.get("robots", 0) >= 1


def test_never_leaves_the_site_and_skips_non_articles(crawled):
    site, _, stats, requests = crawled
    host = site.base.split("//", 1)[1]
    assert {r["host"] for r in requests} == {host}  # the localhost: alias is another site
    assert stats.dropped.get("offsite", 0) >= 1
    assert not any(r["path"].startswith("/kalendarz/") for r in requests)


def test_user_agent_names_the_project(crawled):
    _, _, _, requests = crawled
    assert {r["user_agent"] for r in requests} == {USER_AGENT}
    assert "samorzad" in USER_AGENT and "https://" in USER_AGENT


def test_no_url_fetched_twice(crawled):
    _, records, _, requests = crawled
    counts = Counter(r["path"] for r in requests)
    assert counts.most_common(1)[0][1] == 1, counts
    assert not any("jsessionid" in r["path"].lower() or "phpsessid" in r["path"].lower() for r in requests)
    assert len({r.url for r in records}) == len(records)


def test_max_pages_caps_the_crawl(tmp_path):
    with serve_site(tmp_path) as site:
        sources = load_sources(site.write_sources(tmp_path / "s.toml", max_pages=3))
        stats = crawl(sources, tmp_path / "archive", progress=False, settings_overrides=FAST_CRAWL)
        fetched = [r["path"] for r in site.requests() if r["path"] != "/robots.txt"]
    assert len(fetched) == 3
    assert stats.dropped.get("max_pages", 0) >= 1


def test_many_sources_in_one_run_each_on_its_own_host(tmp_path):
    with ExitStack() as stack:
        sites = [stack.enter_context(serve_site(tmp_path / f"s{i}", host)) for i, host in
                 enumerate(["127.0.0.1", "127.0.0.2"])]
        toml = "".join(sitegen.sources_toml(s.base, source_id=f"gmina-{i}") for i, s in enumerate(sites))
        (tmp_path / "sources.toml").write_text(toml, encoding="utf-8")
        stats = crawl(load_sources(tmp_path / "sources.toml"), tmp_path / "archive",
                      progress=False, settings_overrides=FAST_CRAWL)
        logs = [s.requests() for s in sites]
    records = [r for r in iter_records(tmp_path / "archive") if r.kind == "article"]
    for i, site in enumerate(sites):
        mine = {r.url for r in records if r.source_id == f"gmina-{i}"}
        assert mine == {site.url(a.path) for a in sitegen.ARTICLES}
        assert {r["host"] for r in logs[i]} == {site.base.split("//", 1)[1]}
    assert stats.sources == 2 and stats.articles == 2 * len(sitegen.ARTICLES)


@pytest.mark.parametrize("url, text, expected", [
    ("https://x.pl/aktualnosci?page=3", "3", True),
    ("https://x.pl/aktualnosci/strona-4", "", True),
    ("https://x.pl/news?start=20", "", True),
    ("https://x.pl/aktualnosci/", "następna »", True),
    ("https://x.pl/lista", "Dalej", True),
    ("https://x.pl/kontakt", "Kontakt", False),
    ("https://x.pl/rok/2023", "2023", True),   # a number link carrying its number
    ("https://x.pl/urzad", "7", False),       # a number that the URL does not carry
    ("https://x.pl/?p=2", "", True),
])
def test_pagination_links(url, text, expected):
    assert is_pagination(url, text) is expected


def test_listing_stem():
    from spiders.news import listing_stem

    assert listing_stem("https://x.pl/aktualnosci/") == "/aktualnosci"
    assert listing_stem("https://x.pl/pl/aktualnosci.html") == "/pl/aktualnosci"
    assert listing_stem("https://x.pl/index.php?option=com_content&id=8") == ""
    assert listing_stem("https://x.pl/news/page-1.html") == "/news"
    assert listing_stem("https://x.pl/aktualnosci/strona/1/") == "/aktualnosci"
    assert listing_stem("https://x.pl/aktualnosci,1.html") == "/aktualnosci"


def test_url_normalisation_and_traps():
    assert normalize_url("http://X.pl/a?b=2&a=1#top") == "http://x.pl/a?a=1&b=2"
    assert normalize_url("http://x.pl/a.html;jsessionid=ABC?id=5") == "http://x.pl/a.html?id=5"
    assert normalize_url("http://x.pl/a.html?PHPSESSID=1&id=5&sid=zz") == "http://x.pl/a.html?id=5"
    # requests keep the site's own parameter order (it is the URL users and datasets see)
    assert clean_url("http://x.pl/index.php?view=article&id=5&sid=1#c") == "http://x.pl/index.php?view=article&id=5"
    assert looks_like_trap("http://x.pl/" + "a" * 500) == "url_too_long"
    assert looks_like_trap("http://x.pl/k?" + "&".join(f"p{i}=1" for i in range(12))) == "too_many_params"
    assert looks_like_trap("http://x.pl/kal/2024/kal/2024/kal/2024/") == "repeated_path"
    assert looks_like_trap("http://x.pl/aktualnosci/2024/a.html") is None


class _Crawler:  # just what NewsSpider.make() and the parsers read
    class settings:
        getint = staticmethod(lambda key, default=None: default or 10_000_000)
        getbool = staticmethod(lambda key, default=False: default)

    class stats:
        inc_value = staticmethod(lambda *a, **k: None)


def _spider(allow=r"/aktualnosci/.+", start="https://x.pl/aktualnosci/"):
    from spiders.news import NewsSpider
    from spiders.sources import Source

    spider = NewsSpider(Source(id="x", name="X", kind="city", start_urls=(start,), allow=(allow,)))
    spider.crawler = _Crawler
    return spider


def test_loose_allow_does_not_turn_listing_pages_into_articles():
    spider = _spider()
    page2 = spider.link("https://x.pl/aktualnosci/?page=2", "2")
    article = spider.link("https://x.pl/aktualnosci/nowy-most-otwarty", "Dalej »")  # read-more link
    offsite = spider.link("https://inna-gmina.pl/aktualnosci/nowy-most")
    assert page2.meta["samorzad_kind"] == "listing"
    assert article.meta["samorzad_kind"] == "article"
    assert offsite is None
    wordpress = _spider(allow=r"/\?p=\d+$", start="https://x.pl/category/aktualnosci/")
    assert wordpress.link("https://x.pl/?p=1234", "Czytaj dalej").meta["samorzad_kind"] == "article"


def test_unreachable_site_is_counted_not_fatal(tmp_path):
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    (tmp_path / "s.toml").write_text(sitegen.sources_toml(f"http://127.0.0.1:{port}"), encoding="utf-8")
    stats = crawl(load_sources(tmp_path / "s.toml"), tmp_path / "archive", progress=False,
                  settings_overrides={**FAST_CRAWL, "RETRY_TIMES": 0})
    assert stats.articles == 0 and stats.responses == 0
    assert stats.errors >= 1 or stats.faults


def test_atom_feed_and_plain_sitemap_yield_articles_of_the_site():
    from scrapy.http import XmlResponse

    spider = _spider(allow=r"/aktualnosci/\d+,[\w-]+\.html$")
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Aktualnosci</title>
<entry><title>A</title><link rel="alternate" href="https://x.pl/aktualnosci/12,most.html"/></entry>
<entry><title>B</title><link href="/aktualnosci/13,droga.html"/></entry>
<entry><title>C</title><link href="https://inna.pl/aktualnosci/14,obce.html"/></entry>
</feed>"""
    feed = XmlResponse("https://x.pl/atom.xml", body=atom, headers={"Content-Type": "application/atom+xml"})
    urls = [r.url for r in spider.parse_feed(feed)]
    assert urls == ["https://x.pl/aktualnosci/12,most.html", "https://x.pl/aktualnosci/13,droga.html"]
    sitemap = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://x.pl/aktualnosci/12,most.html</loc></url>
<url><loc>https://x.pl/aktualnosci/15,szkola.html</loc></url>
<url><loc>https://x.pl/kontakt.html</loc></url></urlset>"""
    resp = XmlResponse("https://x.pl/sitemap.xml", body=sitemap)
    assert [r.url for r in spider.parse_sitemap(resp)] == ["https://x.pl/aktualnosci/15,szkola.html"]


def test_listing_finds_articles_pagination_and_advertised_feed():
    from scrapy.http import HtmlResponse

    spider = _spider(allow=r"/aktualnosci/\d+,[\w-]+\.html$")
    html = """<html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head><body>
<a href="/aktualnosci/1,nowy-most.html#komentarze">Nowy most</a>
<a href="/aktualnosci/2,droga.html;jsessionid=XYZ">Droga</a>
<a href="/kontakt">Kontakt</a><a href="/aktualnosci/strona-2">2</a>
<a href="/aktualnosci/?page=3">następna »</a><a href="https://facebook.com/gmina">FB</a>
<a href="/kalendarz/?miesiac=2024-05">»</a><a href="/kalendarz/strona-2">2</a>
</body></html>""".encode()
    resp = HtmlResponse("https://x.pl/aktualnosci/", body=html, encoding="utf-8")
    got = {r.url: r.meta["samorzad_kind"] for r in spider.parse_listing(resp)}
    assert got == {"https://x.pl/rss": "feed",
                   "https://x.pl/aktualnosci/1,nowy-most.html": "article",
                   "https://x.pl/aktualnosci/2,droga.html": "article",
                   "https://x.pl/aktualnosci/strona-2": "listing",
                   "https://x.pl/aktualnosci/?page=3": "listing"}


def test_start_url_that_is_a_feed_is_read_as_one(tmp_path):
    with serve_site(tmp_path) as site:
        toml = sitegen.sources_toml(site.base).replace(f"{site.base}{sitegen.LISTING}", f"{site.base}/rss.xml")
        (tmp_path / "s.toml").write_text(toml, encoding="utf-8")
        crawl(load_sources(tmp_path / "s.toml"), tmp_path / "archive", progress=False,
              settings_overrides={**FAST_CRAWL, "ROBOTSTXT_OBEY": False})
    records = list(iter_records(tmp_path / "archive"))
    assert {r.kind for r in records if r.url.endswith("/rss.xml")} == {"feed"}
    assert {r.url for r in records if r.kind == "article"} == {
        site.url(a.path) for a in sitegen.ARTICLES if a.in_feed}


def test_article_links_on_articles_are_followed_only_when_asked():
    from scrapy.http import HtmlResponse

    spider = _spider(allow=r"/aktualnosci/\d+,[\w-]+\.html$")
    body = '<a href="/aktualnosci/7,inny.html">Inny</a><a href="/kontakt">Kontakt</a>'.encode()
    resp = HtmlResponse("https://x.pl/aktualnosci/6,ten.html", body=body, encoding="utf-8")
    assert spider.parse_article(resp) is None

    class Follow(_Crawler):
        class settings(_Crawler.settings):
            getbool = staticmethod(lambda key, default=False: key == "SAMORZAD_FOLLOW_ARTICLE_LINKS")

    spider.crawler = Follow
    assert [r.url for r in spider.parse_article(resp)] == ["https://x.pl/aktualnosci/7,inny.html"]


def test_on_site_redirects_are_followed_and_archived_once(tmp_path):
    """A moved article and a listing URL without its slash (301s real sites send daily):
    the article lands once under its final URL, the 301s are kept as kind "other"."""
    import json

    with serve_site(tmp_path) as site:
        moved = sitegen.ARTICLES[0].path
        new_path = moved.replace(".html", "-nowy-adres.html")
        (site.root / moved.lstrip("/")).rename(site.root / new_path.lstrip("/"))
        listing_bare = sitegen.LISTING.rstrip("/")
        (site.root / "_redirects.json").write_text(json.dumps({
            moved: [301, "__BASE__" + new_path], listing_bare: [301, sitegen.LISTING]}))
        sources_file = tmp_path / "sources.toml"
        sources_file.write_text(sitegen.sources_toml(site.base).replace(
            f'"{site.base}{sitegen.LISTING}"', f'"{site.base}{listing_bare}"'))
        stats = crawl(load_sources(sources_file), tmp_path / "archive", progress=False,
                      settings_overrides=FAST_CRAWL)
        records = list(iter_records(tmp_path / "archive"))
    articles = Counter(r.url for r in records if r.kind == "article" and r.status == 200)
    assert articles[site.url(new_path)] == 1
    assert site.url(moved) not in articles
    assert len(articles) == len(sitegen.ARTICLES)  # the listing behind its redirect was read
    redirects = {r.url: r.status for r in records if r.kind == "other"}
    assert redirects[site.url(moved)] == 301 and redirects[site.url(listing_bare)] == 301
    assert stats.listings == 3
    assert not stats.faults


def test_source_written_with_http_stays_on_site_after_its_https_redirect():
    """Many sources list http:// start URLs; the site answers with https:// pages whose
    links must not count as off site (www. or not, default ports alike)."""
    spider = _spider(start="http://x.pl/aktualnosci/")
    assert spider.on_site("https://x.pl/aktualnosci/1,most.html")
    assert spider.on_site("https://www.x.pl/aktualnosci/1,most.html")
    assert spider.on_site("http://x.pl:80/aktualnosci/")
    assert not spider.on_site("https://x.pl:8443/aktualnosci/")
    assert not spider.on_site("https://inna.pl/aktualnosci/1,most.html")

"""The generic news spider: one instance per `Source`.

Discovery only — listings (with pagination), sitemaps (indexes, gzip), RSS/Atom feeds,
and the ``Sitemap:`` lines of robots.txt.  Article pages are fetched (and so archived by
the archive middleware) but never parsed: extraction reads the archive later.

Every URL is normalised (fragment dropped, query sorted, session ids stripped) and seen
once per run; URLs off the source's own hosts, denied, too long or looking like traps
are dropped and counted in the crawl stats under ``samorzad/dropped/<reason>``.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import scrapy
from scrapy.http import TextResponse
from scrapy.utils.sitemap import Sitemap
from w3lib.url import canonicalize_url

from spiders.pipelines import KIND_META, sniff_xml
from spiders.sources import Source

SESSION_PARAMS = ("jsessionid", "phpsessid", "sid", "sessionid", "session_id", "sessid",
                  "aspsessionid", "cfid", "cftoken", "zenid", "oscsid", "s_id")
_SESSION_PATH = re.compile(r";(?:jsessionid|phpsessid|sid|sessionid)=[^/?#]*", re.I)
# words of "next page" links on Polish (and English) sites, compared lower-case, stripped
NEXT_TEXTS = {"następna", "następna strona", "następne", "nastepna", "dalej", "kolejna",
              "starsze", "starsze wpisy", "starsze wiadomości", "»", "›", ">", ">>", "→",
              "next", "next page", "older", "older posts", "więcej aktualności",
              "następna »", "dalej »", "następna ›", "»»"}
# page-number parameters and path parts; strong enough to overrule a loose ``allow``
# (no bare ?p= / /p2: WordPress and others use those for article ids)
STRONG_PAGE_URL = re.compile(
    r"(?:[?&;](?:page|strona|str|pg|paged|start|offset|from|pageno|page_no|pagenum|"
    r"currentpage)=\d+)|(?:/(?:strona|page|str)[-/,_]?\d+(?:[/.?]|$))", re.I)
# weaker signs, for links that are no article anyway: ?p=2, ?s=20, /aktualnosci,2.html
PAGE_URL = re.compile(STRONG_PAGE_URL.pattern + r"|(?:[?&;][ps]=\d+)|(?:,\d+,?(?:\.html?)?$)", re.I)
MAX_QUERY_PARAMS = 8


def clean_url(url: str) -> str:
    """The URL to request: fragment and session ids dropped, everything else as the site wrote it."""
    url = _SESSION_PATH.sub("", url.split("#", 1)[0])
    query = urlsplit(url).query.lower()
    if any(f"{p}=" in query for p in SESSION_PARAMS):
        url = _drop_params(url)
    return url


def normalize_url(url: str) -> str:
    """Dedupe key: ``clean_url`` plus sorted query, lower-case host, escaped path."""
    return canonicalize_url(clean_url(url), keep_fragments=False)


def _drop_params(url: str) -> str:
    parts = urlsplit(url)
    keep = [kv for kv in parts.query.split("&")
            if kv.split("=", 1)[0].lower() not in SESSION_PARAMS]
    return parts._replace(query="&".join(keep)).geturl()


_INDEX_FILE = re.compile(r"/(?:index|default|main)\.(?:php|html?|aspx?|jsp)$", re.I)


def listing_stem(url: str) -> str:
    """Path prefix every page of a listing shares: '/aktualnosci/' -> '/aktualnosci'.

    Pagination links must start with it, so "»" on an events calendar or another
    section is not mistaken for the next page of the news listing.
    """
    path = _INDEX_FILE.sub("/", urlsplit(url).path or "/")
    path = re.sub(r"\.(?:php|html?|aspx?|jsp)$", "", path, flags=re.I)
    # a start URL that is page 1 of its listing: /news/page-1, /aktualnosci/strona/1, /lista,1
    path = re.sub(r"(?:/(?:page|strona|str|p)?|[-_,](?:page|strona|str|p)?)[-_/,]?\d+/?$", "", path, flags=re.I)
    return path.rstrip("/")


def _site_key(host: str) -> str:
    host = (host or "").lower()
    return host[4:] if host.startswith("www.") else host


def _port(parts) -> int | None:
    """The explicit port, or None for the scheme's default: http://x and https://x are one
    site (sites redirect http -> https; links on the https pages must stay on site)."""
    try:
        port = parts.port
    except ValueError:
        return -1
    return None if port == {"http": 80, "https": 443}.get(parts.scheme) else port


def looks_like_trap(url: str, max_length: int = 400) -> str | None:
    """Why ``url`` looks like a crawler trap (endless calendar, growing query), or None."""
    if len(url) > max_length:
        return "url_too_long"
    parts = urlsplit(url)
    if parts.query.count("&") + 1 > MAX_QUERY_PARAMS:
        return "too_many_params"
    segments = [s for s in parts.path.split("/") if s]
    if segments and max(segments.count(s) for s in segments) >= 3:
        return "repeated_path"
    return None


def is_pagination(url: str, text: str, rel: str = "", *, strong: bool = False) -> bool:
    """Does a link look like the next/other page of a listing?

    ``strong``: only the signals that beat an ``allow`` match (rel=next, page-number
    parameters in the URL), for sites whose allow pattern also matches listing pages.
    Link words are not among them: "Dalej »" is often the read-more link of an article.
    """
    if "next" in rel.lower().split() or STRONG_PAGE_URL.search(url):
        return True
    if strong:
        return False
    t = " ".join(text.split()).lower()
    if t in NEXT_TEXTS or t.rstrip(" »›>").strip() in NEXT_TEXTS:
        return True
    if t.isdigit() and len(t) <= 4 and re.search(rf"(?<!\d){t}(?!\d)", url):
        return True  # a page number that the URL carries
    return PAGE_URL.search(url) is not None


class NewsSpider(scrapy.Spider):
    name = "news"
    custom_settings: dict = {}

    def __init__(self, source: Source, max_pages: int | None = None, **kwargs):
        super().__init__(name=source.id, **kwargs)
        self.source = source
        caps = [c for c in (source.max_pages, max_pages) if c]
        self.max_pages = min(caps) if caps else None
        self.sites = {(_site_key(h), _port(urlsplit(u)))
                      for u in (*source.start_urls, *source.sitemaps, *source.feeds,
                                *([source.home] if source.home else []))
                      for h in [urlsplit(u).hostname]}
        self.allowed_domains = sorted({k for k, _ in self.sites})
        self.stems = {listing_stem(u) for u in source.start_urls}
        self.seen: set[str] = set()
        self.scheduled = 0
        self.listing_pages = 0

    # -- request making: every request goes through here ----------------------------------
    def _drop(self, reason: str):
        self.crawler.stats.inc_value(f"samorzad/dropped/{reason}")

    def on_site(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return False
        host, port = _site_key(parts.hostname), _port(parts)
        return any((host == k or host.endswith("." + k)) and port == p for k, p in self.sites)

    def make(self, url: str, kind: str, callback=None, *, priority: int = 0, **meta):
        """A Request for ``url`` or None (dropped: off site, denied, trap, seen, over cap)."""
        url = clean_url(url)
        key = normalize_url(url)
        if not self.on_site(url):
            return self._drop("offsite")
        if self.source.is_denied(url):
            return self._drop("denied")
        settings = self.crawler.settings
        trap = looks_like_trap(url, settings.getint("SAMORZAD_MAX_URL_LENGTH", 400))
        if trap:
            return self._drop(trap)
        refused = self.claim(key, kind)
        if refused == "seen":
            return None
        if refused:
            return self._drop(refused)
        self.crawler.stats.inc_value(f"samorzad/requests/{kind}")
        # no handle_httpstatus_*: Scrapy must follow on-site redirects (http -> https,
        # /aktualnosci -> /aktualnosci/); error answers are archived by the downloader
        # middleware before HttpErrorMiddleware keeps them from the callbacks
        meta[KIND_META] = kind
        return scrapy.Request(url, callback=callback or self.parse_article, priority=priority,
                              meta=meta, dont_filter=False)

    def claim(self, key: str, kind: str) -> str | None:
        """Reserve the normalised URL ``key`` for this run: None when it may be requested,
        else why not ("seen", "max_listing_pages", "max_pages").  The distributed crawl
        (spiders/distributed.py) answers the same question for all workers together."""
        if key in self.seen:
            return "seen"
        if kind == "listing" and self.listing_pages >= self.crawler.settings.getint(
                "SAMORZAD_MAX_LISTING_PAGES", 200):
            return "max_listing_pages"
        if self.max_pages is not None and self.scheduled >= self.max_pages:
            return "max_pages"
        self.seen.add(key)
        self.scheduled += 1
        self.listing_pages += kind == "listing"
        return None

    # discovery first: the next listing page keeps the pipeline full while articles wait
    def article(self, url):
        return self.make(url, "article", self.parse_article)

    def listing(self, url):
        return self.make(url, "listing", self.parse_listing, priority=10)

    def sitemap(self, url):
        return self.make(url, "sitemap", self.parse_sitemap, priority=10)

    def feed(self, url):
        return self.make(url, "feed", self.parse_feed, priority=10)

    def start_requests(self):  # Scrapy < 2.13
        for url in self.source.sitemaps:
            if (req := self.sitemap(url)) is not None:
                yield req
        for url in self.source.feeds:
            if (req := self.feed(url)) is not None:
                yield req
        for url in self.source.start_urls:
            if (req := self.listing(url)) is not None:
                yield req

    async def start(self):  # Scrapy >= 2.13
        for req in self.start_requests():
            yield req

    def link(self, url: str, text: str = "", rel: str = ""):
        """Request for a link found on a listing: article, next listing page, or None."""
        url = clean_url(url)  # allow patterns ending in $ must not trip over #fragments
        if self.source.is_article(url) and not is_pagination(url, text, rel, strong=True):
            return self.article(url)
        if is_pagination(url, text, rel) and ("next" in rel.lower().split() or self.in_listing(url)):
            return self.listing(url)
        return None

    def in_listing(self, url: str) -> bool:
        path = urlsplit(url).path
        return any(path.startswith(stem) for stem in self.stems)

    # -- callbacks --------------------------------------------------------------------------
    def parse_article(self, response):
        """Articles are archived by the middleware; by default nothing is parsed here.

        ``SAMORZAD_FOLLOW_ARTICLE_LINKS`` (off): also take article links found on
        articles, for sites whose listings do not reach every article.
        """
        if (response.status != 200 or not isinstance(response, TextResponse)
                or not self.crawler.settings.getbool("SAMORZAD_FOLLOW_ARTICLE_LINKS")):
            return None  # not a generator: Scrapy then skips its output machinery entirely
        return self._article_links(response)

    def _article_links(self, response):
        for href in response.xpath("//a/@href").getall():
            url = clean_url(response.urljoin(href.strip()))
            if self.source.is_article(url) and not is_pagination(url, "", strong=True):
                if (req := self.article(url)) is not None:
                    yield req

    def robots_fetched(self, response):
        """Called by the archive middleware with every robots.txt answer."""
        for line in response.body.decode("utf-8", "replace").splitlines():
            key, _, value = line.partition(":")
            if key.strip().lower() == "sitemap" and value.strip():
                req = self.sitemap(value.strip())
                if req is not None:
                    self.crawler.engine.crawl(req)

    def parse_listing(self, response):
        if response.status != 200:
            return
        kind = sniff_xml(response.body)
        if kind == "feed":
            yield from self.parse_feed(response)
            return
        if kind == "sitemap":
            yield from self.parse_sitemap(response)
            return
        if not isinstance(response, TextResponse):
            return
        for href in response.xpath(
                "//link[contains(@type, 'rss') or contains(@type, 'atom')]/@href").getall():
            if (req := self.feed(response.urljoin(href))) is not None:
                yield req
        for href in response.xpath("//link[@rel='next']/@href").getall():
            if (req := self.listing(response.urljoin(href))) is not None:
                yield req
        for a in response.xpath("//a[@href]"):
            href = a.attrib["href"].strip()
            if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
                continue
            text = " ".join(a.xpath(".//text()").getall())
            req = self.link(response.urljoin(href), text, a.attrib.get("rel", ""))
            if req is not None:
                yield req

    def parse_sitemap(self, response):
        if response.status != 200:
            return
        body = response.body
        if body[:2] == b"\x1f\x8b":
            try:
                body = _gunzip(body, self.crawler.settings.getint("DOWNLOAD_MAXSIZE"))
            except (OSError, EOFError, ValueError):
                self._drop("bad_sitemap")
                return
        try:
            sm = Sitemap(body)
        except Exception:
            self._drop("bad_sitemap")
            return
        for entry in sm:
            loc = clean_url((entry.get("loc") or "").strip())
            if not loc:
                continue
            if sm.type == "sitemapindex":
                req = self.sitemap(loc)
            elif self.source.is_article(loc) and not is_pagination(loc, "", strong=True):
                req = self.article(loc)  # listing pages in a sitemap are not articles
            else:
                continue
            if req is not None:
                yield req

    def parse_feed(self, response):
        if response.status != 200 or not isinstance(response, TextResponse):
            return
        response.selector.remove_namespaces()
        links = response.xpath("//item/link/text() | //entry/link[not(@rel) or @rel='alternate']/@href"
                               " | //item/guid[not(@isPermaLink='false')]/text()").getall()
        for link in dict.fromkeys(link.strip() for link in links):
            url = clean_url(response.urljoin(link))
            if self.source.is_article(url) and (req := self.article(url)) is not None:
                yield req  # feed items are articles even when they look numbered


def _gunzip(data: bytes, max_size: int) -> bytes:
    """Decompress with a ceiling: a gzip bomb must not take the machine's memory."""
    import zlib
    d = zlib.decompressobj(31)
    out = d.decompress(data, max_size or 0)
    if d.unconsumed_tail:
        raise ValueError("sitemap larger than DOWNLOAD_MAXSIZE after decompression")
    return out

"""Downloader middleware that archives every response before any callback sees it,
and keeps the crawl state (conditional requests, unchanged pages not archived twice).

Kinds travel in ``request.meta["samorzad_kind"]``; requests made by Scrapy itself
(robots.txt) are recognised by their path.
"""
from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from spiders.archive import WarcWriter, body_digest, utc_now
from spiders.state import CrawlState, state_path

log = logging.getLogger(__name__)

KIND_META = "samorzad_kind"
ARCHIVED_FLAG = "samorzad-archived"


def request_kind(request) -> str:
    kind = request.meta.get(KIND_META)
    if kind:
        return kind
    return "robots" if urlsplit(request.url).path == "/robots.txt" else "other"


def sniff_xml(body: bytes) -> str | None:
    """"feed" or "sitemap" when the body is one, whatever the URL or Content-Type say."""
    head = body[:2048].lstrip().lower()
    if not head.startswith((b"<?xml", b"<rss", b"<feed", b"<urlset", b"<sitemapindex", b"<rdf:rdf")):
        return None
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    return None


def _headers(h) -> list[tuple[str, str]]:
    """Scrapy Headers (bytes, multi-valued) -> list of (str, str) pairs, order kept."""
    out = []
    for key, values in h.items():
        for v in values:
            out.append((key.decode("latin-1"), v.decode("latin-1")))
    return out


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _age_days(iso: str | None) -> float:
    if not iso:
        return float("inf")
    try:
        then = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return float("inf")
    if then.tzinfo is None:
        then = then.replace(tzinfo=timezone.utc)
    return (datetime.now(timezone.utc) - then).total_seconds() / 86400


class ArchiveMiddleware:
    """WARC writer + crawl state for one crawler (one source)."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        settings = crawler.settings
        self.archive_dir = Path(settings.get("SAMORZAD_ARCHIVE_DIR"))
        self.run_id = settings.get("SAMORZAD_RUN_ID")
        self.known_policy = settings.get("SAMORZAD_KNOWN_ARTICLES", "conditional")
        self.recheck_days = settings.getfloat("SAMORZAD_RECHECK_DAYS", 30.0)
        self.conditional_after_hours = settings.getfloat("SAMORZAD_CONDITIONAL_AFTER_HOURS", 20.0)
        self.state = CrawlState(state_path(self.archive_dir))
        self.writer: WarcWriter | None = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        # one instance per crawler, shared with RedirectArchiveMiddleware: one WARC writer
        inst = getattr(crawler, "_samorzad_archive", None)
        if inst is None:
            inst = crawler._samorzad_archive = cls(crawler)
        return inst

    def _source_id(self, spider) -> str:
        source = getattr(spider, "source", None)
        return source.id if source is not None else spider.name

    # -- requests: conditional headers for pages we already hold ------------------------
    def process_request(self, request, spider=None):
        if request_kind(request) != "article" or self.known_policy == "refetch":
            return None
        known = self.state.get(request.url)
        if known is None or known.digest is None:
            return None
        if self.known_policy == "skip":
            self.stats.inc_value("samorzad/dropped/known")
            raise IgnoreRequest("known article (SAMORZAD_KNOWN_ARTICLES=skip)")
        age = _age_days(known.last_checked)
        if known.etag or known.last_modified:
            if age * 24 < self.conditional_after_hours:
                # checked this day already (a re-run, a resumed crawl): not even a 304 needed
                self.stats.inc_value("samorzad/dropped/known_recent")
                raise IgnoreRequest("known article, checked recently")
        elif age < self.recheck_days:
            # no validators: a request would download the whole page again, and articles
            # rarely change after publication; look again only after SAMORZAD_RECHECK_DAYS
            self.stats.inc_value("samorzad/dropped/known_recent")
            raise IgnoreRequest("known article without validators, checked recently")
        if known.etag and b"If-None-Match" not in request.headers:
            request.headers[b"If-None-Match"] = known.etag
        if known.last_modified and b"If-Modified-Since" not in request.headers:
            request.headers[b"If-Modified-Since"] = known.last_modified
        return None

    # -- writing: in the event loop's thread, before the response goes on -----------------
    # A record is written (gzipped, hashed) before its response reaches any callback, so
    # nothing is parsed before it is archived and a killed crawl loses at most the record
    # being written.  In the event loop's own thread: a thread of its own for the records
    # cost more than it saved (every hand-over is a wake-up and a fight for the GIL; on the
    # paired crawl benchmark 0.8 ms more CPU per page and a lower rate on a quiet machine,
    # the same rate on a loaded one: docs/crawl.md, 2026-12-08).
    def _write(self, source_id: str, request, response, kind: str, fetched_at: str) -> tuple[str, int]:
        """Write one fetch; returns (warc file, offset)."""
        if self.writer is None:
            self.writer = WarcWriter(self.archive_dir, source_id, run_id=self.run_id)
        return self.writer.write(
            response.url, response.status, _headers(response.headers), response.body, kind=kind,
            request_headers=_headers(request.headers), method=request.method, fetched_at=fetched_at,
            protocol=response.protocol or "HTTP/1.1")

    def archive_redirect(self, request, response) -> None:
        """Archive a 3xx (kind "other"); the page it leads to is archived under its own URL."""
        spider = self.crawler.spider
        source_id = self._source_id(spider)
        now = utc_now()
        self._write(source_id, request, response, "other", now)
        self.stats.inc_value("samorzad/archived")
        self.stats.inc_value("samorzad/archived/other")
        self.stats.inc_value("samorzad/redirects")
        self.state.record(request.url, source_id=source_id, kind="other", status=response.status, at=now)
        response.flags.append(ARCHIVED_FLAG)

    # -- responses: archive first ---------------------------------------------------------
    def process_response(self, request, response, spider=None):
        if ARCHIVED_FLAG in response.flags:  # a 3xx archived above and then not followed
            return response
        spider = spider or self.crawler.spider
        kind = request_kind(request)
        source_id = self._source_id(spider)
        now = utc_now()
        status = response.status
        url = request.url if kind != "robots" else response.url
        self.stats.inc_value(f"samorzad/responses/{kind}")
        etag, lm = _header(response, "ETag"), _header(response, "Last-Modified")
        if status == 304:
            self.stats.inc_value("samorzad/not_modified")
            self.state.record(url, source_id=source_id, kind=kind, status=304, at=now,
                              etag=etag, last_modified=lm)
            return response
        if kind == "listing":  # a start URL may be a feed or a sitemap in disguise
            kind = sniff_xml(response.body) or kind
        digest = body_digest(response.body)
        known = self.state.get(url)
        if known is not None and known.digest == digest and 200 <= status < 300:
            # the site ignored our validators or has none: same bytes, nothing to archive
            self.stats.inc_value("samorzad/unchanged")
            self.state.record(url, source_id=source_id, kind=kind, status=status, at=now,
                              etag=etag, last_modified=lm)
            self._after(spider, kind, response)
            return response
        warc_file, offset = self._write(source_id, request, response, kind, now)
        self.stats.inc_value("samorzad/archived")
        self.stats.inc_value(f"samorzad/archived/{kind}")
        if kind == "article" and 200 <= status < 300:
            self.stats.inc_value("samorzad/article_bytes", len(response.body))
            self.stats.inc_value("samorzad/articles/new" if known is None or known.digest is None
                                 else "samorzad/articles/changed")
        if 200 <= status < 300:
            self.state.record(url, source_id=source_id, kind=kind, status=status, at=now,
                              etag=etag, last_modified=lm, digest=digest,
                              warc_file=warc_file, warc_offset=offset)
        else:
            self.stats.inc_value(f"samorzad/status/{status}")
            self.state.record(url, source_id=source_id, kind=kind, status=status, at=now)
        self._after(spider, kind, response)
        return response

    def _after(self, spider, kind, response):
        # robots.txt is fetched by Scrapy's middleware and never reaches a callback:
        # hand it to the spider here so it can read the Sitemap: lines
        if kind == "robots" and response.status == 200 and hasattr(spider, "robots_fetched"):
            spider.robots_fetched(response)

    def process_exception(self, request, exception, spider=None):
        if isinstance(exception, IgnoreRequest):  # a decision (robots, policy), not a fault
            return None
        self.stats.inc_value(f"samorzad/errors/{type(exception).__name__}")
        return None

    def spider_closed(self, spider, reason):
        if self.writer is not None:
            self.writer.close()
        self.state.close()


class RedirectArchiveMiddleware:
    """Archive 3xx answers Scrapy will follow (they never reach ArchiveMiddleware at 580,
    which sits after RedirectMiddleware on the response path). Runs before the redirect
    guard, so refused redirects (off-site, loops) are archived as evidence too."""

    def __init__(self, archive: ArchiveMiddleware):
        self.archive = archive

    @classmethod
    def from_crawler(cls, crawler):
        return cls(ArchiveMiddleware.from_crawler(crawler))

    def process_response(self, request, response, spider=None):
        if (300 <= response.status < 400 and b"Location" in response.headers
                and not request.meta.get("dont_redirect")
                and response.status not in request.meta.get("handle_httpstatus_list", ())):
            self.archive.archive_redirect(request, response)
        return response

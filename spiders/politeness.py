"""Crawl politeness and fault handling: Scrapy downloader middlewares, one concern each.

Scrapy (checked on 2.19) treats a robots.txt it cannot get (5xx, timeout, refused) as
"allow all", parses robots.txt but ignores its ``Crawl-delay``, retries at once
with no backoff and ignores ``Retry-After``, follows redirects to any allowed domain, and
silently keeps the readable half of a truncated gzip body. These components close those gaps
and record every page they give up on, so a run manifest can list each fault with its URL:

- ``samorzad/dropped/<reason>``     count per reason,
- ``samorzad/faults``               list of ``{"url", "reason", "detail"}`` (first 1000),
- ``samorzad/retry/...``            retries by reason, give-ups, seconds waited,
- ``samorzad/robots/outcomes``      one ``{"url", "status", "outcome", "detail"}`` per host.

Switch them on with ``DOWNLOADER_MIDDLEWARES`` and ``SETTINGS`` below (see docs/crawl.md).
"""
from __future__ import annotations

import email.utils
import logging
import random
import time
import zlib
from urllib.parse import urljoin, urlsplit

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.misc import load_object

logger = logging.getLogger(__name__)

FAULTS_KEY = "samorzad/faults"
MAX_LISTED_FAULTS = 1000

# Where each component sits in the downloader chain (requests go low -> high, responses
# and exceptions high -> low). Scrapy's own: robots 100, retry 550, compression 590,
# redirect 600, stats 850.
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "spiders.politeness.RobotsRfc9309Middleware": 100,          # Scrapy's robots, per RFC 9309
    "spiders.politeness.FaultRecorderMiddleware": 40,           # last to see a failure
    "spiders.politeness.BackoffRetryMiddleware": 550,           # replaces Scrapy's retry
    "spiders.politeness.ContentGuardMiddleware": 585,           # sees the decoded body
    "spiders.politeness.DecompressionGuardMiddleware": 595,     # sees the encoded body
    "spiders.politeness.RedirectGuardMiddleware": 610,          # sees 3xx before redirect
    "spiders.politeness.CrawlDelayMiddleware": 620,             # sees robots.txt responses
}

# Recommended crawl settings; values are the ones tests/test_faults.py runs with unless a
# test must shorten a timeout.
SETTINGS = {
    "DOWNLOAD_TIMEOUT": 30,
    "DOWNLOAD_MAXSIZE": 10 * 1024 * 1024,      # also caps gzip/deflate/br output (Scrapy)
    "DOWNLOAD_WARNSIZE": 2 * 1024 * 1024,
    "DOWNLOAD_FAIL_ON_DATALOSS": True,         # a cut body is retried, then dropped
    "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
    "AUTOTHROTTLE_ENABLED": True,
    "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
    "AUTOTHROTTLE_MAX_DELAY": 60,
    "REDIRECT_MAX_TIMES": 5,
    "RETRY_ENABLED": True,
    "RETRY_TIMES": 3,
    "RETRY_HTTP_CODES": [429, 500, 502, 503, 504],
    "SAMORZAD_BACKOFF_BASE": 1.0,              # first retry waits ~1 s, then 2, 4 ... (jittered)
    "SAMORZAD_BACKOFF_MAX": 60.0,
    "SAMORZAD_RETRY_AFTER_MAX": 120.0,         # a longer Retry-After: give up until next run
    "SAMORZAD_CRAWL_DELAY_MAX": 30.0,          # robots Crawl-delay above this is capped
    "ROBOTSTXT_OBEY": True,
}

_MAGIC = (  # body prefixes that are never an HTML page, whatever the URL or Content-Type says
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"PK\x03\x04", "zip/office"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ms-office"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"\x00\x00\x00 ftyp", "mp4"),
    (b"ID3", "mp3"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!\x1a\x07", "rar"),
)


# ---------------------------------------------------------------- shared helpers

def record_fault(stats, url: str, reason: str, detail: str = "") -> None:
    """Count a page we give up on and list it with its URL (bounded list)."""
    stats.inc_value(f"samorzad/dropped/{reason}")
    faults = stats.get_value(FAULTS_KEY)
    if faults is None:
        faults = []
        stats.set_value(FAULTS_KEY, faults)
    if len(faults) < MAX_LISTED_FAULTS:
        faults.append({"url": url, "reason": reason, "detail": detail[:300]})
    else:
        stats.inc_value("samorzad/faults_not_listed")
    logger.warning("dropped %s: %s %s", url, reason, detail)


def site_of(url: str) -> tuple[str, int | None]:
    """(host without a leading ``www.``, explicit port) — what 'the same site' means here."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return (host[4:] if host.startswith("www.") else host), parts.port


def same_site(a: str, b: str) -> bool:
    """True when ``b`` is on the site of ``a``: same host (www. ignored) or a subdomain of
    it, same explicit port. http -> https upgrades are the same site."""
    (ha, pa), (hb, pb) = site_of(a), site_of(b)
    return pa == pb and (ha == hb or hb.endswith("." + ha) or ha.endswith("." + hb))


def parse_retry_after(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date)."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:  # HTTP dates are GMT; a naive result means no zone was given
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def backoff_delay(attempt: int, base: float, cap: float, rng=random) -> float:
    """Exponential backoff with jitter for retry number ``attempt`` (1, 2, ...)."""
    return min(cap, base * 2 ** (attempt - 1)) * rng.uniform(0.5, 1.5)


def classify_exception(exc: BaseException) -> str:
    """A short, stable reason name for a download failure."""
    name = type(exc).__name__
    text = str(exc)
    if "max size" in text or "maxsize" in text.lower():  # Scrapy's DOWNLOAD_MAXSIZE message
        return "too_big"
    if name == "DownloadCancelledError":
        # Scrapy's HTTP handler cancels a download without a message only when a body
        # without Content-Length grows past DOWNLOAD_MAXSIZE (it logs the size separately)
        return "too_big"
    if "Timeout" in name or "TimedOut" in name:
        return "timeout"
    if name in ("ResponseDataLossError",) or "dataloss" in text.lower():
        return "truncated"
    if "DNS" in name or "Resolve" in name:
        return "dns"
    if "Refused" in name:
        return "connection_refused"
    if name in ("ConnectionLost", "ConnectionDone", "ResponseFailed", "ResponseNeverReceived",
                "DownloadFailedError", "ConnectError", "ConnectionAborted"):
        return "connection_error"
    return name.lower()


def magic_kind(body: bytes) -> str | None:
    """The binary format ``body`` starts with, or None when it may be text/HTML."""
    head = body[:16]
    for prefix, kind in _MAGIC:
        if head.startswith(prefix):
            return kind
    if head[:4] == b"RIFF" and body[8:12] == b"WEBP":
        return "webp"
    return None


def gzip_probe(body: bytes, limit: int, wbits: int = 16 + zlib.MAX_WBITS) -> str | None:
    """Decompress at most ``limit`` + 1 bytes of a gzip/deflate body without keeping them.

    Returns "decompression_bomb" when the output would exceed ``limit``, "truncated_gzip"
    when the stream ends before its end marker, "bad_gzip" when it is not valid, else None.
    """
    d = zlib.decompressobj(wbits)
    produced = 0
    data = body
    chunk = 64 * 1024
    try:
        while True:
            out = d.decompress(data, chunk)
            produced += len(out)
            if limit and produced > limit:
                return "decompression_bomb"
            data = d.unconsumed_tail
            if d.eof:
                return None
            if not data and not out:
                return "truncated_gzip"
    except zlib.error:
        return "bad_gzip"


def _zlib_header(body: bytes) -> bool:
    return len(body) > 1 and body[0] & 0x0F == 8 and (body[0] << 8 | body[1]) % 31 == 0


def _is_robots(request) -> bool:
    return urlsplit(request.url).path == "/robots.txt"


# ---------------------------------------------------------------- robots.txt (RFC 9309)

ROBOTS_KEY = "samorzad/robots/outcomes"


class _DisallowAll:
    """The parser of a robots.txt that could not be had: nothing may be fetched."""

    def allowed(self, url, user_agent) -> bool:
        return False

    def sitemaps(self):
        return iter(())

    def crawl_delay(self, user_agent):
        return None


def robots_outcome(status: int | None) -> str:
    """What RFC 9309 §2.3.1 makes of a robots.txt answer: "parsed" (2xx: its rules),
    "allow" (4xx: no rules, crawl anything), "disallow" (5xx or no answer: crawl
    nothing this run; the next run asks again). 429 "Too Many Requests" is taken as the
    server error it reports, as the big crawlers do: a site that says "slow down" does
    not get crawled without rules."""
    if status is None or status >= 500 or status == 429:
        return "disallow"
    if status >= 400:
        return "allow"
    return "parsed"


def _robots_middleware_base():
    from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
    return RobotsTxtMiddleware


class RobotsRfc9309Middleware(_robots_middleware_base()):
    """Scrapy's RobotsTxtMiddleware with RFC 9309's failure rules and a record per host.

    Scrapy parses a 5xx error page as robots.txt (so: allow all) and allows everything
    when the download fails; RFC 9309 says a server error or an unreachable robots.txt
    means "assume complete disallow". Redirects were already followed (Scrapy, at most
    REDIRECT_MAX_TIMES) and retries of 5xx made (BackoffRetryMiddleware) before the
    answer gets here. Each host's outcome goes to ``samorzad/robots/outcomes`` and a
    robots.txt we could not get is also a fault of the run.
    """

    async def _parse_robots(self, response, netloc, request):
        outcome = robots_outcome(response.status)
        self._note(response.url, response.status, outcome, "")
        if outcome == "disallow":
            self._stats.inc_value("robotstxt/response_count")
            self._stats.inc_value(f"robotstxt/response_status_count/{response.status}")
            self._settle(netloc, _DisallowAll())
            return
        if outcome == "allow":  # no robots.txt: no rules (the body is an error page)
            response = response.replace(body=b"")
        await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc, netloc):
        # Scrapy would settle on None here ("allow all"); RFC 9309 says disallow
        if not isinstance(exc, IgnoreRequest):
            self._stats.inc_value(f"robotstxt/exception_count/{type(exc)}")
        self._note(f"{netloc}/robots.txt", None, "disallow", f"{type(exc).__name__}: {exc}"[:200])
        self._settle(netloc, _DisallowAll())

    def _settle(self, netloc, parser):
        waiting = self._parsers[netloc]
        self._parsers[netloc] = parser
        if hasattr(waiting, "callback"):
            waiting.callback(parser)

    def _note(self, url, status, outcome, detail):
        outcomes = self._stats.get_value(ROBOTS_KEY)
        if outcomes is None:
            outcomes = []
            self._stats.set_value(ROBOTS_KEY, outcomes)
        outcomes.append({"url": url, "status": status, "outcome": outcome, "detail": detail})
        self._stats.inc_value(f"samorzad/robots/{outcome}")
        if outcome == "disallow":
            why = f"HTTP {status}" if status is not None else detail
            record_fault(self._stats, url, "robots_unavailable",
                         f"{why}: nothing of this host is fetched this run (RFC 9309)")


# ---------------------------------------------------------------- robots Crawl-delay

class _Component:
    """Base of the components below: Scrapy builds each from the running crawler."""

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)


class CrawlDelayMiddleware(_Component):
    """Honour ``Crawl-delay`` of robots.txt per download slot (host).

    Scrapy's RobotsTxtMiddleware fetches robots.txt through this chain, so the robots
    response passes here; its delay becomes the floor of that slot's delay, re-applied
    after every response because AutoThrottle lowers slot delays on fast answers.
    Jitter is switched off for such a slot: a randomised delay could dip under the floor.
    """

    def __init__(self, crawler):
        if not crawler.settings.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured
        self.crawler = crawler
        self.user_agent = (crawler.settings.get("ROBOTSTXT_USER_AGENT")
                           or crawler.settings.get("USER_AGENT") or "*")
        self.cap = crawler.settings.getfloat("SAMORZAD_CRAWL_DELAY_MAX", 30.0)
        self.parser_cls = load_object(crawler.settings.get("ROBOTSTXT_PARSER"))
        self.floors: dict[str, float] = {}
        # after AutoThrottle's own response_downloaded handler (extensions connect first)
        crawler.signals.connect(self._reapply, signal=signals.response_downloaded)


    def process_response(self, request, response):
        if _is_robots(request) and response.status == 200 and response.body:
            delay = self._crawl_delay(response.body)
            if delay:
                self._set_floor(request, delay)
        return response

    def _crawl_delay(self, body: bytes) -> float | None:
        try:
            parser = self.parser_cls.from_crawler(self.crawler, body)
            delay = parser.crawl_delay(self.user_agent)
        except Exception as exc:  # a broken robots.txt must not stop the crawl
            logger.warning("cannot read Crawl-delay: %s", exc)
            return None
        return delay if delay and delay > 0 else None

    def _set_floor(self, request, delay: float) -> None:
        stats = self.crawler.stats
        if delay > self.cap:
            stats.inc_value("samorzad/robots/crawl_delay_capped")
            delay = self.cap
        key = self.crawler.engine.downloader.get_slot_key(request)
        self.floors[key] = delay
        stats.set_value(f"samorzad/robots/crawl_delay/{key}", delay)
        self._apply(key)

    def _apply(self, key: str) -> None:
        slot = self.crawler.engine.downloader.slots.get(key)
        if slot is not None:
            slot.jitter = 0.0
            slot.delay = max(slot.delay, self.floors[key])

    def _reapply(self, response, request, spider=None):
        key = request.meta.get("download_slot")
        if key in self.floors:
            self._apply(key)


# ---------------------------------------------------------------- redirects

class RedirectGuardMiddleware(_Component):
    """Refuse redirects that leave the site of the first URL, and redirect loops.

    Runs before Scrapy's RedirectMiddleware sees the 3xx, so the off-site request is never
    scheduled (Scrapy's OffsiteMiddleware would let it through when the target is another
    source's domain). Loops are caught at the first repeated URL instead of after
    REDIRECT_MAX_TIMES hops, and the chain limit itself is counted here too.
    """

    def __init__(self, crawler):
        self.crawler = crawler
        self.max_times = crawler.settings.getint("REDIRECT_MAX_TIMES")


    def process_response(self, request, response):
        if not (300 <= response.status < 400) or b"Location" not in response.headers:
            return response
        if not _will_redirect(request, response, self.crawler.spider):
            return response  # the spider handles this 3xx itself; nothing is followed here
        location = response.headers[b"Location"].decode("latin-1")
        target = urljoin(request.url, location)
        chain = request.meta.get("redirect_urls", [])
        origin = chain[0] if chain else request.url
        stats = self.crawler.stats
        if not same_site(origin, target):
            record_fault(stats, origin, "offsite_redirect", f"-> {target}")
            raise IgnoreRequest(f"offsite redirect {origin} -> {target}")
        if target.split("#")[0] in {u.split("#")[0] for u in (*chain, request.url)}:
            record_fault(stats, origin, "redirect_loop", f"-> {target}")
            raise IgnoreRequest(f"redirect loop at {target}")
        if request.meta.get("redirect_times", 0) >= self.max_times:
            record_fault(stats, origin, "too_many_redirects", f"{len(chain) + 1} hops")
            raise IgnoreRequest(f"more than {self.max_times} redirects from {origin}")
        return response


def _will_redirect(request, response, spider) -> bool:
    """Mirror of the conditions under which Scrapy's RedirectMiddleware follows a 3xx."""
    meta = request.meta
    return not (meta.get("dont_redirect")
                or meta.get("handle_httpstatus_all")
                or response.status in meta.get("handle_httpstatus_list", ())
                or response.status in getattr(spider, "handle_httpstatus_list", ()))


# ---------------------------------------------------------------- content guards

class DecompressionGuardMiddleware(_Component):
    """Drop gzip/deflate bodies that would inflate past DOWNLOAD_MAXSIZE (bombs) or that
    end early (truncated gzip: Scrapy keeps the readable half without a word).

    Sits before HttpCompressionMiddleware on the response path; it only probes (no body
    is kept), so Scrapy still does the one real decompression.
    """

    def __init__(self, crawler):
        self.crawler = crawler
        self.limit = crawler.settings.getint("DOWNLOAD_MAXSIZE")


    def process_response(self, request, response):
        encodings = [e.strip().lower() for e in
                     b",".join(response.headers.getlist(b"Content-Encoding")).split(b",")
                     if e.strip()]
        if not encodings or not response.body:
            return response
        limit = request.meta.get("download_maxsize", self.limit)
        for enc in reversed(encodings):  # only the outermost layer can be probed cheaply
            if enc in (b"gzip", b"x-gzip"):
                problem = gzip_probe(response.body, limit)
            elif enc == b"deflate":  # zlib-wrapped (RFC 1950) or, from some servers, raw
                problem = gzip_probe(response.body, limit,
                                     zlib.MAX_WBITS if _zlib_header(response.body) else -zlib.MAX_WBITS)
            else:
                problem = None
            if problem:
                record_fault(self.crawler.stats, request.url, problem,
                             f"{len(response.body)} encoded bytes, limit {limit}")
                raise IgnoreRequest(f"{problem}: {request.url}")
            break
        return response


class ContentGuardMiddleware(_Component):
    """Drop what is not an HTML page although it was linked as one: binary bodies (PDF,
    images, office files) served as ``.html`` or ``text/html``, and empty 200 answers.

    robots.txt, sitemaps and feeds are left alone (gzip sitemaps are binary on purpose),
    as is anything the request marks with ``meta["samorzad_binary_ok"]``.
    """

    def __init__(self, crawler):
        self.crawler = crawler


    def process_response(self, request, response):
        if response.status != 200 or _is_robots(request) or request.meta.get("samorzad_binary_ok"):
            return response
        stats = self.crawler.stats
        if not response.body.strip():
            record_fault(stats, request.url, "empty", "200 with an empty body")
            raise IgnoreRequest(f"empty body: {request.url}")
        kind = magic_kind(response.body)
        if kind:
            ctype = response.headers.get(b"Content-Type", b"").decode("latin-1")
            record_fault(stats, request.url, "not_html", f"{kind} body, Content-Type {ctype!r}")
            raise IgnoreRequest(f"{kind} body at {request.url}")
        return response


# ---------------------------------------------------------------- retries

class BackoffRetryMiddleware(_Component):
    """Retry 429/5xx answers and connection failures with exponential backoff and jitter.

    ``Retry-After`` (seconds or HTTP date) is a floor for the wait; one longer than
    SAMORZAD_RETRY_AFTER_MAX means "not today": the page is given up and the next run
    fetches it. The wait happens in this middleware (the request holds no download slot
    meanwhile), so other pages of the site keep flowing.
    """

    def __init__(self, crawler):
        s = crawler.settings
        if not s.getbool("RETRY_ENABLED"):
            raise NotConfigured
        self.crawler = crawler
        self.max_times = s.getint("RETRY_TIMES")
        self.codes = {int(c) for c in s.getlist("RETRY_HTTP_CODES")}
        self.base = s.getfloat("SAMORZAD_BACKOFF_BASE", 1.0)
        self.cap = s.getfloat("SAMORZAD_BACKOFF_MAX", 60.0)
        self.retry_after_max = s.getfloat("SAMORZAD_RETRY_AFTER_MAX", 120.0)
        self.priority_adjust = s.getint("RETRY_PRIORITY_ADJUST")
        self.exceptions = tuple(load_object(e) if isinstance(e, str) else e
                                for e in s.getlist("RETRY_EXCEPTIONS"))


    async def process_response(self, request, response):
        if request.meta.get("dont_retry") or response.status not in self.codes:
            return response
        reason = f"http_{response.status}"
        retry_after = parse_retry_after(response.headers.get(b"Retry-After"))
        if retry_after is not None and retry_after > self.retry_after_max:
            self._give_up(request, "retry_after_too_long")
            return response
        return await self._retry(request, reason, retry_after) or response

    async def process_exception(self, request, exception):
        if request.meta.get("dont_retry") or not isinstance(exception, self.exceptions):
            return None
        return await self._retry(request, classify_exception(exception), None)

    async def _retry(self, request, reason: str, retry_after: float | None):
        stats = self.crawler.stats
        attempt = request.meta.get("retry_times", 0) + 1
        max_times = request.meta.get("max_retry_times", self.max_times)
        if attempt > max_times:
            self._give_up(request, reason)
            return None
        wait = backoff_delay(attempt, self.base, self.cap)
        if retry_after is not None:
            wait = max(wait, retry_after)
            stats.inc_value("samorzad/retry/retry_after_honoured")
        stats.inc_value("samorzad/retry/count")
        stats.inc_value(f"samorzad/retry/reason/{reason}")
        stats.inc_value("samorzad/retry/waited_seconds", round(wait, 3))
        logger.info("retry %d/%d of %s in %.1fs (%s)", attempt, max_times, request.url, wait, reason)
        await _sleep(wait)
        retry = request.copy()
        retry.meta["retry_times"] = attempt
        retry.dont_filter = True
        retry.priority = request.priority + self.priority_adjust
        return retry

    def _give_up(self, request, reason: str) -> None:
        # the final failure itself is recorded once, by FaultRecorderMiddleware
        self.crawler.stats.inc_value(f"samorzad/retry/gave_up/{reason}")
        request.meta["samorzad_gave_up"] = reason


async def _sleep(seconds: float) -> None:
    if seconds <= 0:
        return
    try:
        from scrapy.utils.asyncio import sleep
    except ImportError:  # older Scrapy: a Twisted timer
        from twisted.internet import reactor
        from twisted.internet.task import deferLater
        from scrapy.utils.defer import maybe_deferred_to_future
        await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))
        return
    await sleep(seconds)


# ---------------------------------------------------------------- final failures

class FaultRecorderMiddleware(_Component):
    """Record, with URL and reason, every request that finally fails: download errors
    left after retries (timeouts, resets, oversize pages) and HTTP error answers.

    Sits nearest the engine so it sees only what no other component handled; pages the
    guards above drop are already recorded by them (IgnoreRequest is skipped here).
    """

    def __init__(self, crawler):
        self.crawler = crawler


    def process_response(self, request, response):
        if response.status >= 400 and not _is_robots(request):
            record_fault(self.crawler.stats, request.url, f"http_{response.status}",
                         _retries_note(request))
        return response

    def process_exception(self, request, exception):
        # a robots.txt that failed is recorded once, by RobotsRfc9309Middleware
        if not isinstance(exception, IgnoreRequest) and not _is_robots(request):
            detail = f"{type(exception).__name__}: {exception}"[:200] + _retries_note(request)
            record_fault(self.crawler.stats, request.url, classify_exception(exception), detail)
        return None


def _retries_note(request) -> str:
    n = request.meta.get("retry_times", 0)
    return f" after {n} retries" if n else ""

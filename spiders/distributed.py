"""The distributed crawl: N worker processes, on any machines, share one Redis.

Built on scrapy-redis (its Redis scheduler queue and request dupefilter); what it does
not do, politeness across processes, is added here, each part through Redis so that it
holds for all workers together, never per process:

- **Frontier** — one priority queue of requests per source (``scrapy_redis`` queue) and one
  seen-set: the news spider's URL claims (normalised URLs, with the per-source page cap
  and listing cap counted in the same atomic step) plus scrapy-redis' request
  fingerprints (redirect targets).
- **Per-host gate** — before a request goes on the wire (in the download handler, after
  Scrapy's own slot), a Lua script checks and moves the host's "last request" time: two
  requests to a host are at least max(robots ``Crawl-delay``, the AutoThrottle/slot delay
  of either worker) apart, and none is sent before a ``Retry-After`` some worker was told.
  Until some worker has read the host's robots.txt, requests to it go one at a time.
- **End of the crawl** — a worker is "busy" for a source from the moment it claims or
  pops a request until its engine is idle again; a source is finished when its queue is
  empty and no live worker is busy with it (a dead worker's mark expires).

The WARC archive is written by every worker into its own files (``<run>-<worker>-NNNN``),
so workers may share one archive folder; ``iter_records`` reads them all as one.

Library entry points: ``coordinate`` (publish a crawl, work on it, gather every worker's
figures) and ``work`` (join a published crawl).  CLI: ``samorzad crawl --workers-from``
and ``samorzad worker`` (docs/operations.md).
"""
from __future__ import annotations

import json
import logging
import os
import re
import socket
import threading
import time
from pathlib import Path

from scrapy import signals
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.scheduler import Scheduler

from spiders.news import NewsSpider
from spiders.politeness import CrawlDelayMiddleware, _is_robots, _sleep, parse_retry_after

log = logging.getLogger(__name__)

JOB_KEY = "samorzad:job"      # the published crawl: JSON {run, sources, max_pages, settings}
JOB_TTL = 60                  # seconds; the coordinator refreshes it while the crawl runs
BUSY_TTL = 30                 # a worker silent this long counts as dead
HEARTBEAT = 5.0               # how often a live worker renews its busy marks
IDLE_POLL = 0.5               # an idle worker looks for new requests this often
RESULTS_WAIT = 120.0          # how long the coordinator waits for the other workers' figures


class DistributedError(ValueError):
    """Redis cannot be reached, no crawl is published, another crawl runs (one line)."""


# -- Redis: connection, key names, scripts -----------------------------------------------
def connect(url: str):
    """A Redis client for ``redis://HOST:PORT/DB``; one clear error when it is unusable."""
    import redis

    try:
        client = redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10,
                                      retry_on_timeout=True)
        client.ping()
    except ValueError as exc:
        raise DistributedError(f"bad Redis URL {url!r}: {exc}") from exc
    except redis.RedisError as exc:
        raise DistributedError(f"cannot reach Redis at {url}: {exc}") from exc
    return client


def worker_id() -> str:
    """host-pid, safe in file names: tells whose WARC files are whose."""
    host = re.sub(r"[^A-Za-z0-9]+", "-", socket.gethostname().split(".")[0]).strip("-")
    return f"{host or 'host'}-{os.getpid()}"


def _prefix(run: str) -> str:
    return f"samorzad:{run}"


# "now" is Redis' clock (TIME), the same for workers whose own clocks disagree
_NOW = "local t = redis.call('TIME') local now = tonumber(t[1]) + tonumber(t[2]) / 1000000 "

# KEYS: claimed set, counts hash, busy hash
# ARGV: url key, kind, listing cap, page cap (0: none), worker, busy ttl
_CLAIM = _NOW + """
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 'seen' end
local c = redis.call('HMGET', KEYS[2], 'listing', 'scheduled')
if ARGV[2] == 'listing' and tonumber(c[1] or 0) >= tonumber(ARGV[3]) then return 'max_listing_pages' end
if tonumber(ARGV[4]) > 0 and tonumber(c[2] or 0) >= tonumber(ARGV[4]) then return 'max_pages' end
redis.call('SADD', KEYS[1], ARGV[1])
if ARGV[2] == 'listing' then redis.call('HINCRBY', KEYS[2], 'listing', 1) end
redis.call('HINCRBY', KEYS[2], 'scheduled', 1)
redis.call('HSET', KEYS[3], ARGV[5], now + tonumber(ARGV[6]))
return 'ok'
"""

# KEYS: queue zset, busy hash; ARGV: worker, busy ttl.  Pop and mark busy in one step, so
# that no other worker can see an empty queue and nobody busy in between.
_POP = _NOW + """
local r = redis.call('ZRANGE', KEYS[1], 0, 0)
if #r == 0 then return false end
redis.call('ZREM', KEYS[1], r[1])
redis.call('HSET', KEYS[2], ARGV[1], now + tonumber(ARGV[2]))
return r[1]
"""

# KEYS: queue zset, busy hash; ARGV: worker.  This worker is idle; 1 when nobody has work.
_FINISHED = _NOW + """
redis.call('HDEL', KEYS[2], ARGV[1])
if redis.call('ZCARD', KEYS[1]) > 0 then return 0 end
local busy = redis.call('HGETALL', KEYS[2])
local finished = 1
for i = 1, #busy, 2 do
  if tonumber(busy[i + 1]) < now then redis.call('HDEL', KEYS[2], busy[i]) else finished = 0 end
end
return finished
"""

# KEYS: busy hash; ARGV: worker, busy ttl
_RENEW = _NOW + """
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then
  redis.call('HSET', KEYS[1], ARGV[1], now + tonumber(ARGV[2]))
end
return 0
"""

# KEYS: host hash.  ARGV: own delay, margin, probe seconds, robots obeyed (1/0), ttl.
# Returns milliseconds to wait (0: go now, the send time is recorded).
_GATE = _NOW + """
local h = redis.call('HMGET', KEYS[1], 'last', 'last_delay', 'floor', 'pause_until', 'probe_until')
local floor = tonumber(h[3])
if floor == nil then
  if ARGV[4] == '1' then
    -- robots.txt of this host not read yet by anyone: one request at a time (the probe)
    local probe = tonumber(h[5]) or 0
    if probe > now then return math.ceil(math.min(probe - now, 0.1) * 1000) end
    redis.call('HSET', KEYS[1], 'probe_until', now + tonumber(ARGV[3]))
  end
  floor = 0
end
local own = math.max(tonumber(ARGV[1]), floor)
local d = math.max(own, tonumber(h[2]) or 0)
if d > 0 then d = d + tonumber(ARGV[2]) end
local ready = math.max((tonumber(h[1]) or -1e12) + d, tonumber(h[4]) or 0)
if now < ready then return math.ceil((ready - now) * 1000) end
redis.call('HSET', KEYS[1], 'last', now, 'last_delay', own)
redis.call('EXPIRE', KEYS[1], ARGV[5])
return 0
"""

# KEYS: host hash.  The answer came: the delay runs from now at the earliest (a worker
# stalled between the gate and the wire must not shorten the gap the server sees).
_ANSWERED = _NOW + """
local last = tonumber(redis.call('HGET', KEYS[1], 'last')) or 0
if now > last then redis.call('HSET', KEYS[1], 'last', now) end
return 0
"""

# KEYS: host hash; ARGV: seconds from now before the next request (Retry-After), ttl
_PAUSE = _NOW + """
local pause_to = now + tonumber(ARGV[1])
local old = tonumber(redis.call('HGET', KEYS[1], 'pause_until')) or 0
if pause_to > old then redis.call('HSET', KEYS[1], 'pause_until', pause_to) end
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 0
"""


class Frontier:
    """The Redis side of one worker in one run: keys, scripts, this worker's id."""

    _by_settings: dict = {}

    def __init__(self, url: str, run: str, worker: str):
        self.client = connect(url)
        self.run, self.worker = run, worker
        self.prefix = _prefix(run)
        self.scripts = {name: self.client.register_script(src) for name, src in (
            ("claim", _CLAIM), ("pop", _POP), ("finished", _FINISHED), ("renew", _RENEW),
            ("gate", _GATE), ("answered", _ANSWERED), ("pause", _PAUSE))}
        for script in self.scripts.values():  # compiled now: a broken script fails at start
            self.client.script_load(script.script)

    @classmethod
    def of(cls, settings) -> "Frontier":
        """One Frontier per process and run (every crawler of the worker shares it)."""
        key = (settings.get("REDIS_URL"), settings.get("SAMORZAD_REDIS_RUN"),
               settings.get("SAMORZAD_WORKER_ID"))
        if key not in cls._by_settings:
            cls._by_settings[key] = cls(*key)
        return cls._by_settings[key]

    def key(self, source: str, what: str) -> str:
        return f"{self.prefix}:{source}:{what}"

    def host_key(self, host: str) -> str:
        return f"{self.prefix}:host:{host}"

    # frontier and seen-set
    def claim(self, source: str, url_key: str, kind: str, max_listing: int, max_pages: int) -> str | None:
        answer = self.scripts["claim"](
            keys=[self.key(source, "claimed"), self.key(source, "counts"), self.key(source, "busy")],
            args=[url_key, kind, max_listing, max_pages, self.worker, BUSY_TTL])
        answer = answer.decode() if isinstance(answer, bytes) else answer
        return None if answer == "ok" else answer

    def pop(self, queue_key: str, source: str) -> bytes | None:
        return self.scripts["pop"](keys=[queue_key, self.key(source, "busy")],
                                   args=[self.worker, BUSY_TTL])

    def finished(self, queue_key: str, source: str) -> bool:
        return bool(self.scripts["finished"](keys=[queue_key, self.key(source, "busy")],
                                             args=[self.worker]))

    def renew(self, source: str) -> None:
        try:
            self.scripts["renew"](keys=[self.key(source, "busy")], args=[self.worker, BUSY_TTL])
        except Exception as exc:  # noqa: BLE001 - a Redis blip must not stop the heartbeat
            log.warning("cannot renew the busy mark of %s: %s", source, exc)

    # per-host politeness
    def gate(self, host: str, own_delay: float, margin: float, probe: float, obey_robots: bool) -> float:
        ms = self.scripts["gate"](keys=[self.host_key(host)],
                                  args=[own_delay, margin, probe, int(obey_robots), 86400])
        return int(ms) / 1000.0

    def answered(self, host: str) -> None:
        self.scripts["answered"](keys=[self.host_key(host)])

    def set_floor(self, host: str, delay: float) -> None:
        key = self.host_key(host)
        pipe = self.client.pipeline()
        pipe.hset(key, mapping={"floor": delay})
        pipe.hdel(key, "probe_until")
        pipe.expire(key, 86400)
        pipe.execute()

    def pause(self, host: str, seconds: float) -> None:
        self.scripts["pause"](keys=[self.host_key(host)], args=[seconds, 86400])


# -- Scrapy components (switched on by ``scrapy_settings``) -----------------------------
class SharedNewsSpider(NewsSpider):
    """The news spider whose URL claims (seen-set, page and listing caps) are shared."""

    def claim(self, key: str, kind: str) -> str | None:
        settings = self.crawler.settings
        return Frontier.of(settings).claim(
            self.name, key, kind, settings.getint("SAMORZAD_MAX_LISTING_PAGES", 200),
            self.max_pages or 0)


class SharedScheduler(Scheduler):
    """scrapy-redis' scheduler; a pop also marks this worker busy (atomically).

    A worker takes a request only while its downloader holds fewer than
    SAMORZAD_SHARED_PREFETCH (default CONCURRENT_REQUESTS_PER_DOMAIN) of this source:
    requests waiting out a host's delay in one worker's slot are requests the other
    workers cannot have.
    """

    def open(self, spider):
        super().open(spider)
        settings = spider.crawler.settings
        self.frontier = Frontier.of(settings)
        self.downloader = spider.crawler.engine.downloader
        self.prefetch = settings.getint("SAMORZAD_SHARED_PREFETCH",
                                        settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN", 2))

    def next_request(self):
        if len(self.downloader.active) >= self.prefetch:
            return None
        data = self.frontier.pop(self.queue.key, self.spider.name)
        if not data:
            return None
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return self.queue._decode_request(data)


class SharedFrontierExtension:
    """Keeps a worker's spider open while any worker may still add requests, renews its
    busy marks, and lets it close once the source is finished for everybody."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.frontier = Frontier.of(crawler.settings)
        self.loop = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_opened(self, spider):
        from twisted.internet import task

        self.loop = task.LoopingCall(self.frontier.renew, spider.name)
        self.loop.start(HEARTBEAT, now=False)

    def spider_idle(self, spider):
        queue_key = self.crawler.settings.get("SCHEDULER_QUEUE_KEY") % {"spider": spider.name}
        if self.frontier.finished(queue_key, spider.name):
            return  # Scrapy closes the spider
        from twisted.internet import reactor

        # Scrapy looks at the scheduler again only every 5 s when idle: look sooner
        reactor.callLater(IDLE_POLL, self._nudge)
        raise DontCloseSpider

    def _nudge(self):
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is not None and slot.closing is None:
            slot.nextcall.schedule()

    def spider_closed(self, spider, reason):
        if self.loop is not None and self.loop.running:
            self.loop.stop()


class SharedDelayHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP handler behind the per-host gate shared by all workers.

    The gate sits here, after Scrapy's download slot (its concurrency and local delay),
    because only here is the next step the wire: a wait taken earlier could be followed
    by another wait in the slot and the shared timing would no longer hold.  The host's
    delay runs from the later of the request's send and its answer; a ``Retry-After``
    answer (429/5xx) pauses the host for every worker (at most SAMORZAD_RETRY_AFTER_MAX).
    """

    def __init__(self, crawler):
        super().__init__(crawler)
        s = crawler.settings
        self.frontier = Frontier.of(s)
        self.margin = s.getfloat("SAMORZAD_SHARED_DELAY_MARGIN", 0.05)
        self.probe = s.getfloat("DOWNLOAD_TIMEOUT", 30) + 10
        self.obey = s.getbool("ROBOTSTXT_OBEY")
        self.retry_codes = {int(c) for c in s.getlist("RETRY_HTTP_CODES")}
        self.retry_after_max = s.getfloat("SAMORZAD_RETRY_AFTER_MAX", 120.0)

    async def download_request(self, request):
        downloader = self._crawler.engine.downloader
        host = downloader.get_slot_key(request)
        slot = downloader.slots.get(host)
        own = slot.delay if slot is not None else 0.0
        waited = 0.0
        while (wait := self.frontier.gate(host, own, self.margin, self.probe, self.obey)) > 0:
            await _sleep(wait)
            waited += wait
        if waited:
            self._crawler.stats.inc_value("samorzad/shared/waited_seconds", round(waited, 3))
        try:
            response = await super().download_request(request)
        finally:
            self.frontier.answered(host)
        if response.status in self.retry_codes:
            wait = parse_retry_after(response.headers.get(b"Retry-After"))
            if wait:  # the retry itself is BackoffRetryMiddleware's; the pause is everyone's
                self.frontier.pause(host, min(wait, self.retry_after_max))
                self._crawler.stats.inc_value("samorzad/shared/host_paused")
        return response


class SharedCrawlDelayMiddleware(CrawlDelayMiddleware):
    """CrawlDelayMiddleware that also tells every worker the host's delay floor (0 when
    robots.txt has no Crawl-delay or could not be read), which ends the one-at-a-time
    phase of the gate for that host."""

    def __init__(self, crawler):
        super().__init__(crawler)
        self.frontier = Frontier.of(crawler.settings)

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if _is_robots(request):
            key = self.crawler.engine.downloader.get_slot_key(request)
            self.frontier.set_floor(key, self.floors.get(key, 0.0))
        return response

    def process_exception(self, request, exception):
        if _is_robots(request):
            self.frontier.set_floor(self.crawler.engine.downloader.get_slot_key(request), 0.0)
        return None


def scrapy_settings(url: str, run: str, worker: str) -> dict:
    """Settings that turn a samorzad crawl into one worker of the run ``run``."""
    prefix = _prefix(run)
    handler = f"{__name__}.SharedDelayHandler"
    return {
        "SAMORZAD_SPIDER": f"{__name__}.SharedNewsSpider",
        "SCHEDULER": f"{__name__}.SharedScheduler",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "SCHEDULER_QUEUE_KEY": f"{prefix}:%(spider)s:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:%(spider)s:dupefilter",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,   # one worker closing must not empty the shared queue
        "REDIS_URL": url,
        "SAMORZAD_REDIS_RUN": run,
        "SAMORZAD_WORKER_ID": worker,
        "DOWNLOAD_HANDLERS": {"http": handler, "https": handler},
        "EXTENSIONS": {f"{__name__}.SharedFrontierExtension": 500},
        "DOWNLOADER_MIDDLEWARES": {
            "spiders.politeness.CrawlDelayMiddleware": None,
            f"{__name__}.SharedCrawlDelayMiddleware": 620,
        },
    }


# -- the run: publish, work, gather ------------------------------------------------------
def _keepalive(client, run: str, stop: threading.Event) -> None:
    while not stop.wait(JOB_TTL / 4):
        try:
            client.expire(JOB_KEY, JOB_TTL)
        except Exception as exc:  # noqa: BLE001 - Redis blips must not kill the crawl
            log.warning("cannot renew the crawl job in Redis: %s", exc)


def _job_settings(overrides: dict | None) -> dict:
    return json.loads(json.dumps(overrides or {}))  # JSON-safe: it travels through Redis


def coordinate(sources, archive_dir, url: str, *, max_pages: int | None = None,
               progress: bool = True, settings: dict | None = None):
    """Publish a crawl of ``sources`` in Redis, work on it, wait for the other workers'
    figures and return them merged (CrawlStats).  One crawl per Redis database at a time."""
    from spiders.crawl import _reconcile, _run_id

    client = connect(url)
    archive_dir = Path(archive_dir)
    archive_dir.mkdir(parents=True, exist_ok=True)
    recovered = _reconcile(archive_dir)  # before anyone of this run writes here
    run = _run_id()
    job = {"run": run, "sources": [s.to_dict() for s in sources], "max_pages": max_pages,
           "settings": _job_settings(settings)}
    if not client.set(JOB_KEY, json.dumps(job), nx=True, ex=JOB_TTL):
        other = json.loads(client.get(JOB_KEY) or b"{}").get("run", "?")
        raise DistributedError(f"another distributed crawl (run {other}) is using {url}; "
                               f"wait for it to end (its job expires {JOB_TTL} s after its coordinator stops)")
    stop = threading.Event()
    threading.Thread(target=_keepalive, args=(client, run, stop), daemon=True).start()
    try:
        mine = _work_on(job, archive_dir, url, client, progress=progress)
        stop.set()
        client.delete(JOB_KEY)  # no newcomer joins a crawl that is over
        everyone = _gather(client, run, mine)
    finally:
        stop.set()
        client.delete(JOB_KEY)
        _cleanup(client, run)
    from spiders.crawl import summarize

    stats = summarize(everyone)
    stats.run_id, stats.recovered = run, recovered
    stats.seconds = mine.seconds
    return stats


def work(archive_dir, url: str, *, wait: float = 300.0, progress: bool = True):
    """Join the crawl published in Redis (waiting up to ``wait`` seconds for one), work on
    it until every source is finished for all workers; returns this worker's CrawlStats."""
    client = connect(url)
    deadline = time.monotonic() + wait
    while (raw := client.get(JOB_KEY)) is None:
        if time.monotonic() >= deadline:
            raise DistributedError(f"no crawl was published at {url} within {wait:g} s "
                                   "(start `samorzad crawl --workers-from` first)")
        time.sleep(0.2)
    return _work_on(json.loads(raw), Path(archive_dir), url, client, progress=progress)


def _work_on(job: dict, archive_dir: Path, url: str, client, *, progress: bool):
    from spiders.crawl import crawl
    from spiders.sources import _source

    run, me = job["run"], worker_id()
    client.sadd(f"{_prefix(run)}:workers", me)
    settings = dict(job["settings"])
    for key, value in scrapy_settings(url, run, me).items():  # component dicts: merged
        old = settings.get(key)
        settings[key] = {**old, **value} if isinstance(old, dict) and isinstance(value, dict) else value
    try:
        stats = crawl([_source(t) for t in job["sources"]], archive_dir, max_pages=job["max_pages"],
                      progress=progress, settings=settings, run_id=f"{run}-{me}", recover=False)
    except BaseException:
        client.hset(f"{_prefix(run)}:results", me, json.dumps({"failed": True}))
        raise
    client.hset(f"{_prefix(run)}:results", me, json.dumps(stats.per_source, default=str))
    return stats


def _gather(client, run: str, mine) -> dict:
    """Every worker's per-source Scrapy stats, summed per source."""
    prefix = _prefix(run)
    deadline = time.monotonic() + RESULTS_WAIT
    while True:
        workers = {w.decode() for w in client.smembers(f"{prefix}:workers")}
        results = {k.decode(): json.loads(v) for k, v in client.hgetall(f"{prefix}:results").items()}
        if workers <= set(results) or time.monotonic() >= deadline:
            break
        time.sleep(0.5)
    missing = sorted(workers - set(results))
    if missing:
        log.warning("no figures from worker(s) %s; the crawl summary leaves them out", ", ".join(missing))
    merged: dict[str, dict] = {}
    for per_source in results.values():
        for sid, st in per_source.items() if isinstance(per_source, dict) and "failed" not in per_source else ():
            _add_stats(merged.setdefault(sid, {}), st)
    return merged or mine.per_source


def _add_stats(into: dict, st: dict) -> None:
    for k, v in st.items():
        old = into.get(k)
        if isinstance(v, (int, float)) and not isinstance(v, bool) and isinstance(old, (int, float)):
            into[k] = old + v
        elif isinstance(v, list) and isinstance(old, list):
            into[k] = old + v
        elif old is None:
            into[k] = v


def _cleanup(client, run: str) -> None:
    keys = list(client.scan_iter(match=f"{_prefix(run)}:*", count=1000))
    for i in range(0, len(keys), 500):
        client.delete(*keys[i:i + 500])

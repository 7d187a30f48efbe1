"""Run the news spider for many sources in one Scrapy process, in a child process.

Twisted's reactor starts once per Python process, so ``crawl`` launches
``python -m spiders.crawl JOB.json`` and can be called again and again (CLI, tests,
notebooks).  The child prints one line per response on stdout (progress) and writes its
stats to a JSON file; its log goes to ``<archive>/logs/crawl-<run>.log``.

The child dies with its parent: on Linux the kernel sends it SIGKILL when the parent
exits (``PR_SET_PDEATHSIG``), so a SIGKILLed cron run leaves no crawler writing into the
archive behind it; elsewhere it stops itself once it notices it was orphaned.  Its job
files live in ``<archive>/.crawl-*`` (removed afterwards, or by the next crawl).
"""
from __future__ import annotations

import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from spiders.archive import recover_open_files
from spiders.sources import Source
from spiders.state import CrawlState, state_path

_ROOT = Path(__file__).resolve().parent.parent
MANIFEST_MAX_FAULTS = 500
JOB_PREFIX = ".crawl-"
_PR_SET_PDEATHSIG = 1


class CrawlError(RuntimeError):
    """The crawl process failed as a whole (one line)."""


@dataclass
class CrawlStats:
    run_id: str = ""
    sources: int = 0
    requests: int = 0
    responses: int = 0
    archived: int = 0
    articles: int = 0          # article responses archived (new or changed, 2xx)
    new_articles: int = 0
    changed_articles: int = 0
    not_modified: int = 0      # 304 answers to conditional requests
    unchanged: int = 0         # 200 answers with the bytes we already had (not archived)
    listings: int = 0
    sitemaps: int = 0
    feeds: int = 0
    robots: int = 0
    article_bytes: int = 0
    errors: int = 0
    recovered: int = 0         # records kept from a killed run's open WARC files
    answered: int = 0          # 2xx/304 answers other than robots.txt: what the run fetched
    seconds: float = 0.0
    robots_outcomes: list = field(default_factory=list)  # {"source", "url", "status", "outcome", "detail"}
    answered_by_source: dict = field(default_factory=dict)  # source id -> 2xx/304 answers (no robots)
    dropped: dict = field(default_factory=dict)   # reason -> count
    statuses: dict = field(default_factory=dict)  # non-2xx status -> count
    error_types: dict = field(default_factory=dict)
    faults: list = field(default_factory=list)      # {"source", "url", "reason", "detail"}
    per_source: dict = field(default_factory=dict)  # source id -> raw Scrapy stats

    faults_not_listed: int = 0  # faults past the per-source list cap (counted only)

    def to_dict(self) -> dict:
        return asdict(self)

    def summary(self, max_faults: int = MANIFEST_MAX_FAULTS) -> dict:
        """What a run manifest keeps: counts, pages by outcome, each fault with URL and
        reason (at most ``max_faults`` listed) — without the raw Scrapy stats."""
        out = {k: v for k, v in asdict(self).items() if k not in ("per_source", "faults")}
        failed = len(self.faults) + self.faults_not_listed
        out["pages"] = {"new": self.new_articles, "changed": self.changed_articles,
                        "unchanged": self.unchanged + self.not_modified,
                        "skipped_known": sum(self.dropped.get(k, 0) for k in ("known", "known_recent")),
                        "failed": failed}
        out["fault_reasons"] = dict(sorted(Counter(f.get("reason", "?") for f in self.faults).items()))
        out["faults"] = [{k: f.get(k) for k in ("source", "url", "reason", "detail")}
                         for f in self.faults[:max_faults]]
        out["faults_not_listed"] = failed - len(out["faults"])
        return out


def _run_id() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _reconcile(archive_dir: Path) -> int:
    """Close a killed run's WARC files and teach the state the records it had not noted."""
    kept = recover_open_files(archive_dir)
    if not kept:
        return 0
    with CrawlState(state_path(archive_dir)) as state:
        for rec in kept:
            known = state.get(rec.url)
            if 200 <= rec.status < 300 and (known is None or known.digest is None):
                state.record(rec.url, source_id=rec.source_id, kind=rec.kind, status=rec.status,
                             at=rec.fetched_at, etag=rec.headers.get("etag"),
                             last_modified=rec.headers.get("last-modified"), digest=rec.digest,
                             warc_file=rec.warc_file, warc_offset=rec.offset)
    return len(kept)


def crawl(sources: list[Source], archive_dir, *, max_pages: int | None = None,
          progress: bool = True, settings_overrides: dict | None = None,
          settings: dict | None = None, on_start=None, inherit_fds=()) -> CrawlStats:
    """Crawl every source into ``archive_dir`` (gzip WARC + crawl state); returns stats.

    ``settings_overrides`` (alias ``settings``) are Scrapy settings applied over
    ``spiders.settings.SETTINGS``.  Call only when no other crawl writes to the same
    archive (the CLI holds a lock).  ``on_start(popen)`` is called with the child process
    once it runs (for signal forwarding or tests).  ``inherit_fds`` stay open in the child
    (the caller's lock files: the lock lasts as long as any process of the crawl).
    """
    from tqdm import tqdm

    archive_dir = Path(archive_dir)
    archive_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    recovered = _reconcile(archive_dir)
    run_id = _run_id()
    overrides = {**(settings or {}), **(settings_overrides or {})}
    log_dir = archive_dir / "logs"
    log_dir.mkdir(exist_ok=True)
    for old in archive_dir.glob(JOB_PREFIX + "*"):  # job files of a killed crawl
        shutil.rmtree(old, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix=JOB_PREFIX, dir=archive_dir) as tmp:
        job = Path(tmp) / "job.json"
        result = Path(tmp) / "result.json"
        job.write_text(json.dumps({
            "sources": [s.to_dict() for s in sources], "archive_dir": str(archive_dir.resolve()),
            "max_pages": max_pages, "settings": overrides, "run_id": run_id, "parent": os.getpid(),
            "result": str(result)}), encoding="utf-8")
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_ROOT), env.get("PYTHONPATH")]))
        log_path = log_dir / f"crawl-{run_id}.log"
        with open(log_path, "ab") as log_file, tqdm(desc="crawl", unit=" responses", file=sys.stderr,
                                                      disable=not progress) as bar:
            child = subprocess.Popen([sys.executable, "-m", "spiders.crawl", str(job)],
                                     stdout=subprocess.PIPE, stderr=log_file, env=env,
                                     stdin=subprocess.DEVNULL, pass_fds=tuple(inherit_fds))
            try:
                if on_start is not None:
                    on_start(child)
                for _ in child.stdout:
                    bar.update(1)
            except BaseException:  # Ctrl-C in the parent: stop the child too, state is committed
                child.terminate()
                raise
            finally:
                rc = child.wait()
        if rc != 0 or not result.exists():
            tail = [line for line in log_path.read_text("utf-8", "replace").splitlines() if line.strip()]
            raise CrawlError(f"crawl process failed (exit {rc}): {tail[-1] if tail else 'no log'}"
                             f" — see {log_path}")
        raw = json.loads(result.read_text(encoding="utf-8"))
    stats = summarize(raw)
    stats.run_id, stats.recovered = run_id, recovered
    stats.seconds = round(time.monotonic() - started, 3)
    return stats


def _answered(st: dict) -> int:
    """2xx and 304 answers of one source's Scrapy stats, robots.txt not counted."""
    n = 0
    for key, value in st.items():
        if key.startswith("downloader/response_status_count/"):
            code = key.rsplit("/", 1)[1]
            if code.isdigit() and (200 <= int(code) < 300 or code == "304"):
                n += int(value)
    robots_ok = sum(int(v) for k, v in st.items()
                    if k.startswith("robotstxt/response_status_count/2"))
    return max(0, n - robots_ok)


def summarize(per_source: dict[str, dict]) -> CrawlStats:
    """Scrapy stats of every source -> one CrawlStats."""
    out = CrawlStats(sources=len(per_source), per_source=per_source)
    for sid, st in per_source.items():
        out.faults += [{"source": sid, **f} for f in st.get("samorzad/faults") or [] if isinstance(f, dict)]
        g = lambda k: int(st.get(k, 0) or 0)  # noqa: E731
        out.faults_not_listed += g("samorzad/faults_not_listed")
        out.robots_outcomes += [{"source": sid, **r} for r in st.get("samorzad/robots/outcomes") or []
                                if isinstance(r, dict)]
        out.answered_by_source[sid] = _answered(st)
        out.answered += out.answered_by_source[sid]
        out.requests += g("downloader/request_count")
        out.responses += g("downloader/response_count")
        out.archived += g("samorzad/archived")
        out.articles += g("samorzad/archived/article")
        out.new_articles += g("samorzad/articles/new")
        out.changed_articles += g("samorzad/articles/changed")
        out.not_modified += g("samorzad/not_modified")
        out.unchanged += g("samorzad/unchanged")
        out.listings += g("samorzad/responses/listing")
        out.sitemaps += g("samorzad/responses/sitemap")
        out.feeds += g("samorzad/responses/feed")
        out.robots += g("samorzad/responses/robots")
        out.article_bytes += g("samorzad/article_bytes")
        for key, value in st.items():
            if key.startswith("samorzad/dropped/"):
                reason = key.rsplit("/", 1)[1]
                out.dropped[reason] = out.dropped.get(reason, 0) + int(value)
            elif key.startswith("samorzad/status/"):
                code = key.rsplit("/", 1)[1]
                out.statuses[code] = out.statuses.get(code, 0) + int(value)
            elif key.startswith("samorzad/errors/"):
                name = key.rsplit("/", 1)[1]
                out.error_types[name] = out.error_types.get(name, 0) + int(value)
                out.errors += int(value)
        for scrapy_key, reason in (("robotstxt/forbidden", "robots"), ("offsite/filtered", "offsite"),
                                   ("dupefilter/filtered", "duplicate"),
                                   ("retry/max_reached", "retries_exhausted")):
            if st.get(scrapy_key):
                out.dropped[reason] = out.dropped.get(reason, 0) + int(st[scrapy_key])
    return out


# -- the child process -------------------------------------------------------------------
def _die_with_parent(parent: int | None) -> None:
    """Ask the kernel to SIGKILL this process when its parent dies (Linux); exit at once
    when the parent is already gone. Called first thing in the child (no preexec_fn:
    that is unsafe in a parent with threads)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: _stop_when_orphaned still applies
        return
    if parent is not None and os.getppid() != parent:  # it died before prctl took effect
        os._exit(1)


def _stop_when_orphaned(process) -> None:
    """Stop gracefully (WARC files closed) when the parent dies, e.g. a SIGKILLed cron run:
    an orphan writing on would race the next run recovering the same open files."""
    from twisted.internet import task

    parent = os.getppid()

    def check():
        if os.getppid() != parent:
            loop.stop()
            process.stop()

    loop = task.LoopingCall(check)
    loop.start(1.0, now=False)


def _child(job_path: str) -> int:
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    from spiders.news import NewsSpider
    from spiders.settings import SETTINGS
    from spiders.sources import _source

    job = json.loads(Path(job_path).read_text(encoding="utf-8"))
    _die_with_parent(job.get("parent"))
    merged = dict(SETTINGS)
    for key, value in job["settings"].items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    merged["SAMORZAD_ARCHIVE_DIR"] = job["archive_dir"]
    merged["SAMORZAD_RUN_ID"] = job["run_id"]
    process = CrawlerProcess(merged)
    results: dict[str, dict] = {}

    progress_out = [sys.stdout]

    def progress(response, request, spider):
        if not progress_out:
            return
        try:
            progress_out[0].write("r\n")
            progress_out[0].flush()
        except OSError:  # the parent is gone (it also sent SIGTERM): stop reporting
            progress_out.clear()

    crawlers = []
    for table in job["sources"]:
        source = _source(table)
        crawler = process.create_crawler(NewsSpider)
        crawler.signals.connect(progress, signal=signals.response_received)
        crawlers.append((source.id, crawler))
        process.crawl(crawler, source=source, max_pages=job["max_pages"])
    _stop_when_orphaned(process)
    process.start()
    for sid, crawler in crawlers:  # read after the end: finish_time is set by then
        results[sid] = {k: (v.isoformat() if hasattr(v, "isoformat") else v)
                        for k, v in crawler.stats.get_stats().items()}
    Path(job["result"]).write_text(json.dumps(results, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1]))

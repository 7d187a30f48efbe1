"""`samorzad run`: crawl -> extract -> build, cron-ready.

- One lock per archive and per dataset folder (`.samorzad.lock` in each), taken by every
  verb that writes there (crawl: the archive; extract, build, run: both), so `crawl` and
  `run` on one archive never overlap. A lock is held with `flock` and names its holder's
  pid and process start time: it is stale only when that process is gone (a reused pid
  has another start time), and the crawl child keeps it held while it lives.
- A manifest line per run (`runs.jsonl` in the dataset folder): figures, robots.txt
  outcomes, damaged archive records, and the health problems that make cron hear of it.
- Health: a run that fetched nothing, in which more than `max_failed_share` of the pages
  tried failed, or in which a source answered nothing for `silent_runs` runs in a row is
  "unhealthy" (exit status 3 from the CLI).
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
import time
from dataclasses import asdict, dataclass, field, is_dataclass
from datetime import datetime, timezone
from pathlib import Path

LOCK_NAME = ".samorzad.lock"
RUNS_FILE = "runs.jsonl"
MAX_FAILED_SHARE = 0.5  # more than half of the pages tried failed: something is wrong
SILENT_RUNS = 3  # a source that answered nothing this many runs in a row is reported


class RunError(Exception):
    """The run could not be carried out (lock held, bad sources)."""


# --- locks -----------------------------------------------------------------------------

def process_start(pid: int) -> int | None:
    """Start time of process `pid` (clock ticks since boot, /proc/<pid>/stat field 22),
    None when there is no such process (or no /proc to ask)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    try:  # the command name (field 2) may hold spaces and parentheses: split after it
        return int(stat[stat.rindex(")") + 2:].split()[19])
    except (ValueError, IndexError):
        return None


def _holder_alive(holder: dict) -> bool:
    """Is the process a lock file names still the one that wrote it?"""
    pid = holder.get("pid")
    if not isinstance(pid, int) or pid <= 0:
        return False
    if Path("/proc/self/stat").exists():
        start = process_start(pid)
        return start is not None and (holder.get("start") is None or start == holder["start"])
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _parse_holder(text: str) -> dict:
    text = text.strip()
    if not text:
        return {}
    try:
        holder = json.loads(text)
        return holder if isinstance(holder, dict) else {}
    except ValueError:  # the older "PID HOST" form
        parts = text.split()
        try:
            return {"pid": int(parts[0]), "host": parts[1] if len(parts) > 1 else None}
        except (ValueError, IndexError):
            return {}


def _describe(holder: dict) -> str:
    bits = [f"pid {holder.get('pid', '?')}"]
    if holder.get("verb"):
        bits.append(f"samorzad {holder['verb']}")
    if holder.get("since"):
        bits.append(f"since {holder['since']}")
    return ", ".join(bits)


class RunLock:
    """An exclusive lock file: `flock` for mutual exclusion, the holder's pid, process
    start time, host and verb inside for people and for the staleness rule.

    A lock whose file is not flocked but names a live process (same pid *and* start
    time) is still respected (a holder on another host, or of an older version); one
    naming a dead process, or a reused pid, is taken over.
    """

    def __init__(self, path: Path, verb: str = "run"):
        self.path = Path(path)
        self.verb = verb
        self.fd: int | None = None

    def __enter__(self) -> "RunLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _parse_holder(os.pread(fd, 4096, 0).decode("utf-8", "replace"))
                os.close(fd)
                raise RunError(f"another samorzad process ({_describe(holder)}) holds {self.path}; "
                               "not starting") from None
            if not self._still_linked(fd):  # its last holder removed it meanwhile: retry
                os.close(fd)
                continue
            holder = _parse_holder(os.pread(fd, 4096, 0).decode("utf-8", "replace"))
            if holder and holder.get("pid") != os.getpid() and _holder_alive(holder):
                os.close(fd)
                raise RunError(f"another samorzad process ({_describe(holder)}) holds {self.path}; "
                               "not starting")
            me = {"pid": os.getpid(), "start": process_start(os.getpid()), "host": socket.gethostname(),
                  "verb": self.verb, "since": _now()}
            os.ftruncate(fd, 0)
            os.pwrite(fd, (json.dumps(me) + "\n").encode(), 0)
            self.fd = fd
            return self

    def _still_linked(self, fd: int) -> bool:
        try:
            return os.fstat(fd).st_ino == os.stat(self.path).st_ino
        except FileNotFoundError:
            return False

    def __exit__(self, *exc) -> None:
        if self.fd is None:
            return
        self.path.unlink(missing_ok=True)  # while still flocked: no one can slip in between
        os.close(self.fd)
        self.fd = None


@contextlib.contextmanager
def hold(*folders: str | Path | None, verb: str):
    """Take the lock of every folder given (archive, dataset), in a fixed order.

    Yields the open lock file descriptors (hand them to child processes that must keep
    the locks held while they live)."""
    paths = sorted({Path(os.path.realpath(Path(f) / LOCK_NAME)) for f in folders if f is not None})
    with contextlib.ExitStack() as stack:
        fds = [stack.enter_context(RunLock(p, verb)).fd for p in paths]
        yield tuple(fds)


# --- the run ---------------------------------------------------------------------------

@dataclass
class RunManifest:
    started: str
    sources: list[str]
    archive: str
    out: str
    ended: str | None = None
    status: str = "running"  # ok | unhealthy | failed
    error: str | None = None
    problems: list[str] = field(default_factory=list)  # why the run is unhealthy
    durations: dict[str, float] = field(default_factory=dict)
    crawl: dict = field(default_factory=dict)
    extract: dict = field(default_factory=dict)
    build: dict = field(default_factory=dict)
    archive_damage: dict = field(default_factory=dict)  # corrupt records skipped, files quarantined


def as_dict(obj) -> dict:
    if obj is None:
        return {}
    if is_dataclass(obj):
        return asdict(obj)
    if isinstance(obj, dict):
        return obj
    return {k: v for k, v in vars(obj).items() if not k.startswith("_")}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def read_runs(out_dir: str | Path) -> list[dict]:
    """Earlier manifests of `out_dir`, oldest first (unreadable lines skipped)."""
    path = Path(out_dir) / RUNS_FILE
    if not path.exists():
        return []
    runs = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            runs.append(json.loads(line))
        except ValueError:
            continue
    return runs


def health_problems(crawl: dict, history: list[dict], *, max_failed_share: float = MAX_FAILED_SHARE,
                    silent_runs: int = SILENT_RUNS) -> list[str]:
    """What makes a finished run worth an operator's attention (empty: healthy).

    `crawl` is this run's crawl summary, `history` the earlier manifests (oldest first).
    """
    problems = []
    answered = int(crawl.get("answered", 0))
    failed = int((crawl.get("pages") or {}).get("failed", 0))
    blocked = [r["url"] for r in crawl.get("robots_outcomes") or [] if r.get("outcome") == "disallow"]
    if answered == 0:
        why = f"robots.txt unavailable at {', '.join(blocked[:3])}" if blocked else \
            f"none of {crawl.get('requests', 0)} requests got an answer"
        problems.append(f"fetched nothing ({why})")
    elif failed and failed / (failed + answered) > max_failed_share:
        problems.append(f"{failed} of {failed + answered} pages failed "
                        f"(more than {max_failed_share:.0%}; see crawl.fault_reasons)")
    if silent_runs >= 1:
        by_source = crawl.get("answered_by_source") or {}
        crawled = [h for h in history if (h.get("crawl") or {}).get("answered_by_source") is not None]
        for sid, n in sorted(by_source.items()):
            if n:
                continue
            earlier = [h["crawl"]["answered_by_source"].get(sid) for h in crawled
                       if sid in h["crawl"]["answered_by_source"]][-(silent_runs - 1):] if silent_runs > 1 else []
            if len(earlier) == silent_runs - 1 and not any(earlier):
                problems.append(f"source {sid} answered nothing for {silent_runs} runs in a row")
    return problems


def run(sources_path: str | Path, out_dir: str | Path, *, archive_dir: str | Path | None = None,
        max_pages: int | None = None, progress: bool = True, crawl_settings: dict | None = None,
        max_failed_share: float = MAX_FAILED_SHARE, silent_runs: int = SILENT_RUNS,
        keep_builds: int | None = None) -> RunManifest:
    """Crawl every source into the archive, extract what changed, build the dataset.

    Returns the manifest (also appended to ``<out>/runs.jsonl``); its `status` is "ok" or
    "unhealthy" (see `health_problems`; `problems` says why). Raises RunError when the run
    cannot start (lock held); a stage's exception is recorded ("failed") and re-raised.
    """
    from spiders.archive import read_report
    from spiders.crawl import crawl
    from spiders.sources import load_sources
    from transform.build import build
    from transform.io import KEEP_BUILDS

    if crawl_settings is None and os.environ.get("SAMORZAD_CRAWL_SETTINGS"):
        # Scrapy settings as JSON, for tests and unusual deployments (e.g. no politeness
        # delay against a local mirror)
        crawl_settings = json.loads(os.environ["SAMORZAD_CRAWL_SETTINGS"])
    out = Path(out_dir)
    archive = Path(archive_dir) if archive_dir else out / "archive"
    sources = load_sources(sources_path)
    out.mkdir(parents=True, exist_ok=True)
    archive.mkdir(parents=True, exist_ok=True)
    manifest = RunManifest(started=_now(), sources=[s.id for s in sources], archive=str(archive), out=str(out))
    with hold(out, archive, verb="run") as lock_fds:
        try:
            t0 = time.monotonic()
            crawl_stats = crawl(sources, archive, max_pages=max_pages, progress=progress,
                                settings_overrides=crawl_settings, inherit_fds=lock_fds)
            # compact: counts and each fault with URL and reason, not the raw Scrapy stats
            manifest.crawl = crawl_stats.summary()
            t1 = time.monotonic()
            manifest.build = as_dict(build(archive, out, progress=progress,
                                           keep_builds=keep_builds or KEEP_BUILDS))
            manifest.archive_damage = read_report(archive)
            t2 = time.monotonic()
            manifest.durations = {"crawl": round(t1 - t0, 3), "build": round(t2 - t1, 3)}
            manifest.problems = health_problems(manifest.crawl, read_runs(out),
                                                max_failed_share=max_failed_share, silent_runs=silent_runs)
            manifest.status = "unhealthy" if manifest.problems else "ok"
        except BaseException as exc:  # recorded (Ctrl-C too), then re-raised for the CLI to name
            manifest.status = "failed"
            manifest.error = f"{type(exc).__name__}: {exc}"
            raise
        finally:
            manifest.ended = _now()
            _append_manifest(out / RUNS_FILE, manifest)
    return manifest


def _append_manifest(path: Path, manifest: RunManifest) -> None:
    line = json.dumps(asdict(manifest), ensure_ascii=False, default=str) + "\n"
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(line)
    except OSError:
        if manifest.status != "failed":  # else the run's own error says more than this one
            raise

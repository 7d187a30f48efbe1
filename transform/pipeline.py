"""`samorzad run`: crawl -> extract -> build, cron-ready.

One run at a time (a lock file beside the dataset), a manifest line appended per run
(`runs.jsonl` in the dataset folder), exit status non-zero only when the run failed.
"""
from __future__ import annotations

import json
import os
import socket
import time
from dataclasses import asdict, dataclass, field, is_dataclass
from datetime import datetime, timezone
from pathlib import Path


class RunError(Exception):
    """The run could not be carried out (lock held, bad sources, a stage crashed)."""


class RunLock:
    """An exclusive lock file (O_EXCL) naming the holder's pid; a stale lock of a
    dead process is taken over, so a SIGKILLed run does not block the next night."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def __enter__(self) -> "RunLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = _lock_holder(self.path)
                if holder and _alive(holder):
                    raise RunError(f"another run (pid {holder}) holds {self.path}; not starting")
                self.path.unlink(missing_ok=True)  # stale: its process is gone
                continue
            with os.fdopen(fd, "w") as fh:
                fh.write(f"{os.getpid()} {socket.gethostname()}\n")
            return self
        raise RunError(f"could not take the lock {self.path}")

    def __exit__(self, *exc) -> None:
        self.path.unlink(missing_ok=True)


def _lock_holder(path: Path) -> int | None:
    try:
        return int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class RunManifest:
    started: str
    sources: list[str]
    archive: str
    out: str
    ended: str | None = None
    status: str = "running"  # ok | failed
    error: str | None = None
    durations: dict[str, float] = field(default_factory=dict)
    crawl: dict = field(default_factory=dict)
    extract: dict = field(default_factory=dict)
    build: dict = field(default_factory=dict)


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


def run(sources_path: str | Path, out_dir: str | Path, *, archive_dir: str | Path | None = None,
        max_pages: int | None = None, progress: bool = True, crawl_settings: dict | None = None) -> RunManifest:
    """Crawl every source into the archive, extract what changed, build the dataset.

    Returns the manifest (also appended to ``<out>/runs.jsonl``). Raises RunError when
    the run failed as a whole; failures of single pages are counted in the manifest.
    """
    from spiders.crawl import crawl
    from spiders.sources import load_sources
    from transform.build import build

    if crawl_settings is None and os.environ.get("SAMORZAD_CRAWL_SETTINGS"):
        # Scrapy settings as JSON, for tests and unusual deployments (e.g. no politeness
        # delay against a local mirror)
        crawl_settings = json.loads(os.environ["SAMORZAD_CRAWL_SETTINGS"])
    out = Path(out_dir)
    archive = Path(archive_dir) if archive_dir else out / "archive"
    sources = load_sources(sources_path)
    out.mkdir(parents=True, exist_ok=True)
    manifest = RunManifest(started=_now(), sources=[s.id for s in sources], archive=str(archive), out=str(out))
    with RunLock(out / ".samorzad.lock"):
        try:
            t0 = time.monotonic()
            crawl_stats = crawl(sources, archive, max_pages=max_pages, progress=progress,
                                settings_overrides=crawl_settings)
            # compact: counts and each fault with URL and reason, not the raw Scrapy stats
            manifest.crawl = crawl_stats.summary()
            t1 = time.monotonic()
            manifest.build = as_dict(build(archive, out, progress=progress))
            t2 = time.monotonic()
            manifest.durations = {"crawl": round(t1 - t0, 3), "build": round(t2 - t1, 3)}
            manifest.status = "ok"
        except Exception as exc:  # recorded, then re-raised as one line for the CLI
            manifest.status = "failed"
            manifest.error = f"{type(exc).__name__}: {exc}"
            raise RunError(manifest.error) from exc
        finally:
            manifest.ended = _now()
            with open(out / "runs.jsonl", "a", encoding="utf-8") as fh:
                fh.write(json.dumps(asdict(manifest), ensure_ascii=False, default=str) + "\n")
    return manifest

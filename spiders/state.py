"""Crawl state: what we know about every fetched URL, in SQLite inside the archive dir.

Per URL: ETag, Last-Modified, digest of the archived body, first seen, last seen (last
time the site answered 200 or 304 for it), last checked, last status, and where its
current copy sits in the WARC archive.  Every update is committed at once, so a crawl
killed at any moment loses nothing it had archived: the next run sends conditional
requests instead of downloading again.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

STATE_FILE = "crawl-state.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY,
    source_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    digest TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT,
    last_checked TEXT NOT NULL,
    last_changed TEXT,
    last_status INTEGER NOT NULL,
    warc_file TEXT,
    warc_offset INTEGER
)
"""


@dataclass(frozen=True)
class UrlState:
    url: str
    source_id: str
    kind: str
    etag: str | None
    last_modified: str | None
    digest: str | None
    first_seen: str
    last_seen: str | None
    last_checked: str
    last_changed: str | None
    last_status: int
    warc_file: str | None
    warc_offset: int | None


_FIELDS = tuple(UrlState.__dataclass_fields__)


def state_path(archive_dir) -> Path:
    return Path(archive_dir) / STATE_FILE


class CrawlState:
    """One SQLite connection; every write is its own committed transaction."""

    def __init__(self, path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # autocommit: each statement is durable on its own (no half-open transactions)
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(_SCHEMA)

    def get(self, url: str) -> UrlState | None:
        row = self.db.execute(f"SELECT {', '.join(_FIELDS)} FROM urls WHERE url = ?", (url,)).fetchone()
        return UrlState(*row) if row else None

    def record(self, url: str, *, source_id: str, kind: str, status: int, at: str,
               etag: str | None = None, last_modified: str | None = None,
               digest: str | None = None, warc_file: str | None = None,
               warc_offset: int | None = None) -> None:
        """Note one answer of the site for ``url``.

        ``warc_file`` given: a new copy was archived (digest, validators and pointer move).
        200/304 without it: the page is alive and unchanged (last_seen moves).
        Anything else: only last_checked and last_status move; the archived copy stays.
        """
        alive = 200 <= status < 300 or status == 304
        archived = warc_file is not None
        self.db.execute(
            """INSERT INTO urls (url, source_id, kind, etag, last_modified, digest, first_seen,
                                 last_seen, last_checked, last_changed, last_status, warc_file, warc_offset)
               VALUES (:url, :source_id, :kind, :etag, :lm, :digest, :at,
                       CASE WHEN :alive THEN :at END, :at, CASE WHEN :archived THEN :at END,
                       :status, :warc_file, :warc_offset)
               ON CONFLICT(url) DO UPDATE SET
                   source_id = excluded.source_id, kind = excluded.kind,
                   etag = CASE WHEN :archived OR (:alive AND :etag IS NOT NULL) THEN :etag ELSE etag END,
                   last_modified = CASE WHEN :archived OR (:alive AND :lm IS NOT NULL) THEN :lm ELSE last_modified END,
                   digest = CASE WHEN :archived THEN :digest ELSE digest END,
                   last_seen = CASE WHEN :alive THEN :at ELSE last_seen END,
                   last_checked = :at,
                   last_changed = CASE WHEN :archived THEN :at ELSE last_changed END,
                   last_status = :status,
                   warc_file = CASE WHEN :archived THEN :warc_file ELSE warc_file END,
                   warc_offset = CASE WHEN :archived THEN :warc_offset ELSE warc_offset END""",
            {"url": url, "source_id": source_id, "kind": kind, "etag": etag, "lm": last_modified,
             "digest": digest, "at": at, "alive": alive, "archived": archived, "status": status,
             "warc_file": warc_file, "warc_offset": warc_offset})

    def all(self) -> dict[str, UrlState]:
        rows = self.db.execute(f"SELECT {', '.join(_FIELDS)} FROM urls").fetchall()
        return {r[0]: UrlState(*r) for r in rows}

    def close(self):
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def load_state(archive_dir) -> dict[str, UrlState]:
    """Every URL's state (``{}`` when the archive has none yet); read-only use."""
    path = state_path(archive_dir)
    if not path.exists():
        return {}
    with CrawlState(path) as state:
        return state.all()

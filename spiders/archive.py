"""The archive: gzip WARC files, written before anything is parsed.

Layout: ``<archive_dir>/<source_id>/<run-timestamp>-<n>.warc.gz``.  A file being written
is named ``.warc.gz.open`` and renamed when closed, so a crash never leaves a file that
looks complete.  Every record is its own gzip member and is flushed at once, so a killed
crawl loses at most the record it was writing; ``recover_open_files`` cuts that torn tail
off and closes leftovers of a dead run.

Bodies are stored decompressed (Content-Encoding / Transfer-Encoding dropped, Content-Length
set to the stored length) so that any WARC reader gets the page bytes as the site meant them.
"""
from __future__ import annotations

import hashlib
import http
import io
import logging
import os
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

log = logging.getLogger(__name__)

KINDS = ("article", "listing", "sitemap", "feed", "robots", "other")
SOURCE_HEADER = "WARC-Samorzad-Source"
KIND_HEADER = "WARC-Samorzad-Kind"
OPEN_SUFFIX = ".warc.gz.open"
DONE_SUFFIX = ".warc.gz"
ROTATE_BYTES = 100 * 1024 * 1024
# headers that describe the transport encoding of bytes we no longer store that way
_DROP_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}
_SOFTWARE = "samorzad/0.1 (+https://github.com/samorzad-data/samorzad)"

@dataclass(frozen=True)
class ArchivedResponse:
    url: str
    status: int
    headers: dict
    body: bytes
    source_id: str
    kind: str
    fetched_at: str
    warc_file: str
    offset: int
    digest: str

def utc_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

def body_digest(body: bytes) -> str:
    return hashlib.sha1(body).hexdigest()

def _reason(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"

class WarcWriter:
    """Appends response + request record pairs for one source; rotates at ``rotate_bytes``."""

    def __init__(self, archive_dir, source_id: str, *, run_id: str | None = None,
                 rotate_bytes: int = ROTATE_BYTES):
        self.archive_dir = Path(archive_dir)
        self.source_id = source_id
        self.run_id = run_id or datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        self.rotate_bytes = rotate_bytes
        self.dir = self.archive_dir / source_id
        self._n = 0
        self._file = None
        self._writer = None
        self._path: Path | None = None
        self.records = 0

    def _open(self):
        self.dir.mkdir(parents=True, exist_ok=True)
        while True:
            self._n += 1
            stem = f"{self.run_id}-{self._n:04d}"
            path = self.dir / (stem + OPEN_SUFFIX)
            if not path.exists() and not (self.dir / (stem + DONE_SUFFIX)).exists():
                break
        self._path = path
        self._file = open(path, "xb")
        self._writer = WARCWriter(self._file, gzip=True)
        info = self._writer.create_warcinfo_record(
            path.name[: -len(".open")], {"software": _SOFTWARE, "format": "WARC File Format 1.1"})
        self._writer.write_record(info)
        self._file.flush()

    def write(self, url: str, status: int, headers, body: bytes, *, kind: str,
              request_headers=(), method: str = "GET", fetched_at: str | None = None,
              protocol: str = "HTTP/1.1") -> tuple[str, int]:
        """Write one fetch; returns (warc file relative to the archive dir, offset)."""
        if kind not in KINDS:
            raise ValueError(f"unknown record kind {kind!r}")
        if self._file is None:
            self._open()
        fetched_at = fetched_at or utc_now()
        kept = [(k, v) for k, v in headers if k.lower() not in _DROP_HEADERS]
        kept.append(("Content-Length", str(len(body))))
        http_headers = StatusAndHeaders(f"{status} {_reason(status)}", kept, protocol=protocol)
        warc_headers = {"WARC-Date": fetched_at, SOURCE_HEADER: self.source_id, KIND_HEADER: kind}
        resp = self._writer.create_warc_record(
            url, "response", payload=io.BytesIO(body),
            http_headers=http_headers, warc_headers_dict=warc_headers)
        offset = self._file.tell()
        self._writer.write_record(resp)
        self._file.flush()
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        req_headers = list(request_headers)
        if not any(k.lower() == "host" for k, _ in req_headers):
            req_headers.insert(0, ("Host", parts.netloc))
        req = self._writer.create_warc_record(
            url, "request", payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders(f"{method} {target} {protocol}", req_headers,
                                          is_http_request=True),
            warc_headers_dict={"WARC-Date": fetched_at, SOURCE_HEADER: self.source_id,
                               KIND_HEADER: kind,
                               "WARC-Concurrent-To": resp.rec_headers.get_header("WARC-Record-ID")})
        self._writer.write_record(req)
        self._file.flush()
        self.records += 1
        rel = self._path.relative_to(self.archive_dir).as_posix()[: -len(".open")]
        if self._file.tell() >= self.rotate_bytes:
            self.close()
        return rel, offset

    def close(self):
        if self._file is None:
            return
        self._file.close()
        os.replace(self._path, self._path.with_name(self._path.name[: -len(".open")]))
        self._file = self._writer = self._path = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

QUARANTINE_DIR = "quarantine"
MAX_MEMBER_BYTES = 256 * 1024 * 1024  # a member inflating past this is damage (or a bomb)
MAX_LISTED_DAMAGE = 100
_GZIP_MAGIC = b"\x1f\x8b\x08"
_LAST_READ: dict[str, dict] = {}


def _warc_files(archive_dir: Path) -> list[Path]:
    quarantine = archive_dir / QUARANTINE_DIR
    files = [p for p in archive_dir.rglob("*") if p.is_file()
             and (p.name.endswith(DONE_SUFFIX) or p.name.endswith(OPEN_SUFFIX))
             and quarantine not in p.parents]
    return sorted(files, key=lambda p: p.relative_to(archive_dir).as_posix())

def _to_response(record, body: bytes, archive_dir: Path, path: Path, offset: int) -> ArchivedResponse:
    rh = record.rec_headers
    status_line = record.http_headers.get_statuscode() if record.http_headers else "0"
    headers: dict = {}
    for k, v in (record.http_headers.headers if record.http_headers else []):
        key = k.lower()
        headers[key] = f"{headers[key]}, {v}" if key in headers else v
    rel = path.relative_to(archive_dir).as_posix()
    if rel.endswith(".open"):
        rel = rel[: -len(".open")]  # the name it will have once closed or recovered
    return ArchivedResponse(
        url=rh.get_header("WARC-Target-URI"), status=int(status_line or 0), headers=headers,
        body=body, source_id=rh.get_header(SOURCE_HEADER) or "",
        kind=rh.get_header(KIND_HEADER) or "other", fetched_at=rh.get_header("WARC-Date") or "",
        warc_file=rel, offset=offset, digest=body_digest(body))


def _inflate_member(f, start: int) -> tuple[bytes, int]:
    """The decompressed bytes of the gzip member at ``start`` and the offset after it.

    Raises ValueError when the member is damaged, cut short or inflates past
    MAX_MEMBER_BYTES."""
    f.seek(start)
    d = zlib.decompressobj(31)
    out: list[bytes] = []
    size = consumed = 0
    while not d.eof:
        chunk = d.unconsumed_tail or f.read(1 << 16)
        if not chunk:
            raise ValueError("gzip member cut short")
        if not d.unconsumed_tail:
            consumed += len(chunk)
        try:
            piece = d.decompress(chunk, 1 << 20)
        except zlib.error as exc:
            raise ValueError(f"bad gzip data ({exc})") from exc
        size += len(piece)
        if size > MAX_MEMBER_BYTES:
            raise ValueError(f"gzip member inflates past {MAX_MEMBER_BYTES} bytes")
        out.append(piece)
    return b"".join(out), start + consumed - len(d.unused_data)


def _next_member(f, after: int) -> int | None:
    """Offset of the next gzip header after ``after`` (where reading can resume)."""
    pos = after + 1
    while True:
        f.seek(pos)
        block = f.read(1 << 20)
        if len(block) < len(_GZIP_MAGIC):
            return None
        i = block.find(_GZIP_MAGIC)
        if i >= 0:
            return pos + i
        pos += len(block) - len(_GZIP_MAGIC) + 1


def _records_of(raw: bytes):
    """(record, body) of every WARC record in one decompressed member."""
    it = ArchiveIterator(io.BytesIO(raw))
    for record in it:
        if record.rec_type is None:
            raise ValueError("not a WARC record")
        body = record.content_stream().read() if record.rec_type == "response" else b""
        it.read_to_end(record)
        yield record, body


def _scan(path: Path, damage: list | None = None):
    """(record, body, offset, end) for every readable record, in file order.

    Every record is its own gzip member. In a closed file a member that does not inflate
    or parse is skipped — ``(offset, error)`` appended to ``damage`` — and reading resumes
    at the next gzip header. In an ``.open`` file the first broken member is the torn tail
    of a killed writer and ends the scan.
    """
    torn_ends_scan = path.name.endswith(OPEN_SUFFIX)
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        pos = 0
        while pos < size:
            try:
                raw, end = _inflate_member(f, pos)
                records = list(_records_of(raw))
            except Exception as exc:  # zlib, warcio and our own checks: all mean damage here
                if torn_ends_scan:
                    return
                if damage is not None:
                    damage.append((pos, str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__))
                resume = _next_member(f, pos)
                if resume is None:
                    return
                pos = resume
                continue
            for record, body in records:
                yield record, body, pos, end
            pos = end


def _quarantine(archive_dir: Path, path: Path, why: str) -> str | None:
    """Move a WARC file nobody can read out of the way (kept for a human to look at)."""
    rel = path.relative_to(archive_dir)
    target = archive_dir / QUARANTINE_DIR / rel
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
    except OSError as exc:
        log.error("%s: unreadable (%s) and could not be quarantined: %s", path, why, exc)
        return None
    log.error("%s: unreadable (%s); moved to %s", path, why, target)
    return target.relative_to(archive_dir).as_posix()


def _iter_file(archive_dir: Path, path: Path, report: dict) -> Iterator[ArchivedResponse]:
    rel = path.relative_to(archive_dir).as_posix()
    damage: list = []
    good = 0
    end = 0
    try:
        for record, body, offset, end in _scan(path, damage):
            good += 1
            if record.rec_type == "response":
                yield _to_response(record, body, archive_dir, path, offset)
        size = path.stat().st_size
    except OSError as exc:  # cannot even be read (permissions, I/O error)
        moved = _quarantine(archive_dir, path, f"{type(exc).__name__}: {exc}")
        report["quarantined"].append({"file": rel, "moved_to": moved, "error": str(exc)[:200]})
        return
    if path.name.endswith(OPEN_SUFFIX):
        if end < size:
            report["truncated"] += 1
            log.warning("%s: skipped a truncated trailing record", path)
        return
    if damage and good == 0:  # nothing in it could be read: out of the way, for a human
        moved = _quarantine(archive_dir, path, damage[0][1])
        report["quarantined"].append({"file": rel, "moved_to": moved, "error": damage[0][1]})
        return
    for offset, error in damage:
        report["corrupt"] += 1
        if len(report["corrupt_records"]) < MAX_LISTED_DAMAGE:
            report["corrupt_records"].append({"file": rel, "offset": offset, "error": error})
        log.warning("%s: skipped a corrupt record at byte %d (%s)", path, offset, error)


def _empty_report() -> dict:
    return {"truncated": 0, "corrupt": 0, "corrupt_records": [], "quarantined": []}


def iter_records(archive_dir, *, kinds=None, stats: dict | None = None) -> Iterator[ArchivedResponse]:
    """Every archived response in file order; damage is skipped, never fatal.

    - the torn tail of an ``.open`` file (a killed writer) is skipped: ``truncated``;
    - a corrupt record (gzip member) of a closed file is skipped and reading goes on with
      the next one: ``corrupt`` and ``corrupt_records`` (``{"file", "offset", "error"}``);
    - a file that cannot be read at all is moved to ``<archive>/quarantine/``:
      ``quarantined`` (``{"file", "moved_to", "error"}``).

    ``stats`` (optional dict) receives these keys (counts added up over calls); the report
    of the last complete read of an archive is also kept: ``read_report(archive_dir)``.
    """
    archive_dir = Path(archive_dir)
    report = _empty_report()
    for path in _warc_files(archive_dir):
        for rec in _iter_file(archive_dir, path, report):
            if kinds is None or rec.kind in kinds:
                yield rec
    _LAST_READ[str(archive_dir.resolve())] = report
    if stats is not None:
        for key, value in report.items():
            stats[key] = stats.get(key, 0 if isinstance(value, int) else []) + value


def read_report(archive_dir) -> dict:
    """What the last complete read of ``archive_dir`` in this process skipped or moved
    (keys as in ``iter_records``'s stats); empty when it was not read."""
    return dict(_LAST_READ.get(str(Path(archive_dir).resolve()), {}))


def _good_end(path: Path) -> int:
    """Byte offset just after the last complete record of ``path``."""
    end = 0
    for _, _, _, end in _scan(path):
        pass
    return end


def recover_open_files(archive_dir) -> list[ArchivedResponse]:
    """Close ``.open`` files left by a killed run: cut the torn tail, rename to ``.warc.gz``.

    Call only when no crawl is writing to ``archive_dir``.  Returns the responses kept
    (so the crawl state can learn about records written just before the kill).
    """
    archive_dir = Path(archive_dir)
    if not archive_dir.exists():
        return []
    kept = []
    for path in [p for p in _warc_files(archive_dir) if p.name.endswith(OPEN_SUFFIX)]:
        end = _good_end(path)
        if end < path.stat().st_size:
            log.warning("%s: cut %d bytes of a torn record", path, path.stat().st_size - end)
            with open(path, "r+b") as f:
                f.truncate(end)
        done = path.with_name(path.name[: -len(".open")])
        kept += list(_iter_file(archive_dir, path, _empty_report()))
        if end == 0:
            path.unlink()
            continue
        os.replace(path, done)
    return kept


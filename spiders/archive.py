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

def _warc_files(archive_dir: Path) -> list[Path]:
    files = [p for p in archive_dir.rglob("*") if p.is_file()
             and (p.name.endswith(DONE_SUFFIX) or p.name.endswith(OPEN_SUFFIX))]
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

def _complete_end(path: Path) -> int:
    """Byte offset after the last complete gzip member (each record is one member)."""
    end = consumed = 0
    d = zlib.decompressobj(31)
    with open(path, "rb") as f:
        pending = b""
        while True:
            chunk = pending or f.read(1 << 16)
            pending = b""
            if not chunk:
                return end
            try:
                d.decompress(chunk, 1 << 20)
                while d.unconsumed_tail:  # bounded output per call: memory stays flat
                    d.decompress(d.unconsumed_tail, 1 << 20)
            except zlib.error:
                return end
            consumed += len(chunk)
            if d.eof:
                pending = d.unused_data
                consumed -= len(pending)
                end = consumed
                d = zlib.decompressobj(31)


def _scan(path: Path):
    """(record, body, offset, end) for every complete record, in file order.

    Records are gzip members; one whose member is cut short (the tail of a killed
    writer) ends the scan.
    """
    # closed files were finished by their writer: skip the second decompression pass
    limit = _complete_end(path) if path.name.endswith(OPEN_SUFFIX) else float("inf")
    with open(path, "rb") as f:
        it = ArchiveIterator(f)
        try:
            for record in it:
                if record.rec_type is None:
                    return
                body = record.content_stream().read() if record.rec_type == "response" else b""
                it.read_to_end(record)
                offset, length = it.get_record_offset(), it.get_record_length()
                if offset + length > limit:
                    return
                yield record, body, offset, offset + length
        except Exception as exc:  # torn WARC block inside a complete member: corrupt
            log.debug("%s: stopped at a broken record (%s)", path, exc)


def _iter_file(archive_dir: Path, path: Path, torn: list) -> Iterator[ArchivedResponse]:
    end = 0
    for record, body, offset, end in _scan(path):
        if record.rec_type == "response":
            yield _to_response(record, body, archive_dir, path, offset)
    if end < path.stat().st_size:
        if not path.name.endswith(OPEN_SUFFIX):
            raise ValueError(f"{path}: corrupt or truncated WARC record at byte {end}")
        torn.append(path)
        log.warning("%s: skipped a truncated trailing record", path)


def iter_records(archive_dir, *, kinds=None, stats: dict | None = None) -> Iterator[ArchivedResponse]:
    """Every archived response in file order; torn tails of ``.open`` files are skipped.

    ``stats`` (optional dict) receives ``truncated`` = number of torn records skipped.
    """
    archive_dir = Path(archive_dir)
    torn: list = []
    for path in _warc_files(archive_dir):
        for rec in _iter_file(archive_dir, path, torn):
            if kinds is None or rec.kind in kinds:
                yield rec
    if stats is not None:
        stats["truncated"] = stats.get("truncated", 0) + len(torn)

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
        kept += list(_iter_file(archive_dir, path, []))
        if end == 0:
            path.unlink()
            continue
        os.replace(path, done)
    return kept



def read_record(archive_dir, warc_file: str, offset: int) -> ArchivedResponse:
    """The response at ``offset`` of ``warc_file`` (a path relative to ``archive_dir``, as
    ``ArchivedResponse.warc_file`` gives it): what parallel extraction workers read."""
    archive_dir = Path(archive_dir)
    path = archive_dir / warc_file
    if not path.exists() and (archive_dir / (warc_file + ".open")).exists():
        path = archive_dir / (warc_file + ".open")  # still being written, or not yet recovered
    with open(path, "rb") as f:
        f.seek(offset)
        for record in ArchiveIterator(f):
            if record.rec_type == "response":
                return _to_response(record, record.content_stream().read(), archive_dir, path,
                                    offset)
            break
    raise ValueError(f"{path}: no response record at byte {offset}")

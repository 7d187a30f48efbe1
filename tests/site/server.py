"""Static test-site server: ``python server.py ROOT LOG [HOST]`` prints its port, then serves.

Serves files written by sitegen.py: ``/dir/`` -> ``dir/index.html``; a query string
selects the file ``name?query``.  Per-file headers come from ``ROOT/_headers.json``;
``ROOT/_config.json`` may set ``{"conditional": false}`` (ignore validators) or
``{"gzip": false}`` or ``{"validators": false}`` (no ETag / Last-Modified).
``ROOT/_redirects.json`` maps a request path to ``[status, location]`` (``__BASE__`` filled in);
``ROOT/_retry_after.json`` maps a path to seconds: its first request gets 429 + Retry-After.
Sends ETag and Last-Modified, answers 304 to matching conditional
requests, gzips HTML for clients that accept it, and logs every request as one JSON line.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import sys
import threading
import time
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT: Path
LOG = None
LOCK = threading.Lock()
HIT: set[str] = set()  # paths answered once (for _retry_after.json)


def _json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet: the JSON log is the record
        pass

    def _log(self, status: int, nbytes: int):
        entry = {"method": self.command, "path": self.path, "host": self.headers.get("Host"),
                 "user_agent": self.headers.get("User-Agent"),
                 "if_none_match": self.headers.get("If-None-Match"),
                 "if_modified_since": self.headers.get("If-Modified-Since"),
                 "status": status, "bytes": nbytes, "t": time.time()}
        with LOCK:
            LOG.write(json.dumps(entry) + "\n")
            LOG.flush()

    def _file(self) -> Path | None:
        parts = urlsplit(self.path)
        rel = unquote(parts.path).lstrip("/")
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        if parts.query:
            rel += "?" + parts.query
        target = (ROOT / rel).resolve()
        if ROOT not in target.parents or target.name.startswith("_") or not target.is_file():
            return None
        return target

    def do_GET(self):
        busy = _json(ROOT / "_retry_after.json").get(self.path)
        if busy is not None and self._first_hit():
            self._log(429, 0)
            self.send_response(429)
            self.send_header("Retry-After", str(busy))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        moved = _json(ROOT / "_redirects.json").get(self.path)
        if moved:
            status, location = moved
            host = self.headers.get("Host", "")
            location = self._fill(location.encode(), host.rsplit(":", 1)[-1]).decode()
            body = b"<html><body>Przeniesiono</body></html>"
            self._log(status, len(body))
            self.send_response(status)
            self.send_header("Location", location)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        target = self._file()
        if target is None:
            body = b"<html><body><h1>404 - nie znaleziono strony</h1></body></html>"
            self._log(404, len(body))  # logged before answering: no race with the test
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        config = _json(ROOT / "_config.json")
        host = self.headers.get("Host", "")
        port = host.rsplit(":", 1)[-1]
        data = target.read_bytes()
        if target.suffix == ".gz":
            data = gzip.compress(self._fill(gzip.decompress(data), port), mtime=0)
        else:
            data = self._fill(data, port)
        etag = '"%s"' % hashlib.sha1(data).hexdigest()[:16]
        mtime = int(target.stat().st_mtime)
        last_modified = formatdate(mtime, usegmt=True)
        if config.get("conditional", True) and self._not_modified(etag, mtime):
            self._log(304, 0)
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", last_modified)
            self.end_headers()
            return None
        rel = target.relative_to(ROOT).as_posix()
        ctype = _json(ROOT / "_headers.json").get(rel, {}).get("Content-Type")
        if ctype is None:
            ctype = "text/html; charset=utf-8" if ".html" in target.name else "application/octet-stream"
        sent = data
        gz = ("gzip" in self.headers.get("Accept-Encoding", "") and config.get("gzip", True)
              and ctype.startswith("text/html"))
        if gz:
            sent = gzip.compress(data, mtime=0)
        self._log(200, len(sent))
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        if config.get("validators", True):
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", last_modified)
        if gz:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(sent)))
        self.end_headers()
        self.wfile.write(sent)

    def _first_hit(self) -> bool:
        with LOCK:
            first = self.path not in HIT
            HIT.add(self.path)
        return first

    def _fill(self, data: bytes, port: str) -> bytes:
        host = self.server.server_address[0]
        return (data.replace(b"__BASE__", f"http://{host}:{port}".encode())
                    .replace(b"__OTHER__", f"http://localhost:{port}".encode()))

    def _not_modified(self, etag: str, mtime: int) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            return etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                return int(parsedate_to_datetime(ims).timestamp()) >= mtime
            except (TypeError, ValueError):
                return False
        return False


def main():
    global ROOT, LOG
    ROOT = Path(sys.argv[1]).resolve()
    LOG = open(sys.argv[2], "a", encoding="utf-8")
    host = sys.argv[3] if len(sys.argv) > 3 else "127.0.0.1"
    server = ThreadingHTTPServer((host, 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()

"""A fault-injecting HTTP server for crawl tests, run in its own process.

    python tests/faultserver.py [--host 127.0.0.1] [--crawl-delay SECONDS]

prints one line ``<port> <other_port>`` when ready: ``port`` serves the faulty site,
``other_port`` is a second listener in the same process playing "another site" (the
target of the off-site redirect). Every request is logged; ``GET /__log`` returns the
log as JSON (``[{"port", "path", "t"}]``, ``t`` = server ``time.time()``).

``FaultServer`` starts and stops it from a test.

Pages (all linked from ``/``):
  /ok/<n>                  a normal Polish article page (utf-8)
  /status?n=500            always that status
  /flaky?key=K             503 on the first hit, then 200
  /retry-after?n=2         429 + Retry-After: n (seconds) on the first hit, then 200
  /retry-after-date?n=2    503 + Retry-After as an HTTP date on the first hit, then 200
  /retry-after-long        429 + Retry-After: 86400 every time
  /delay?n=S               answers after S seconds
  /reset                   announces 100 kB, sends 2 kB, resets the connection
  /truncated-gzip          Content-Encoding: gzip, stream cut in half
  /bomb                    gzip of 256 MB of zeros (about 250 kB on the wire)
  /big                     50 MB page with Content-Length; /big-stream: 50 MB, no length
  /redirect-loop           a -> b -> a ...
  /redirect-chain?n=9&k=K  nine hops before /ok/end-of-chain-K
  /redirect-ok             301 to /ok/redirected on the same site
  /offsite-redirect        302 to the other listener (another site)
  /nocharset               utf-8 Polish page, no charset anywhere
  /wrongcharset            says iso-8859-2, is windows-1250 ... and says utf-8 in <meta>
  /pdf.html, /image.html   PDF / PNG bytes served as text/html
  /malformed               broken markup, stray NUL bytes
  /empty                   200 with an empty body
  /calendar?month=N        endless "next month" pagination
  /robots.txt              Disallow: /private (+ Crawl-delay when started with it)
"""
from __future__ import annotations

import argparse
import email.utils
import gzip
import json
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

LINKS = [
    "/ok/1", "/ok/2", "/status?n=500", "/status?n=404", "/flaky?key=a", "/retry-after?n=2",
    "/retry-after-date?n=2", "/retry-after-long", "/delay?n=5", "/reset", "/truncated-gzip",
    "/bomb", "/big", "/big-stream", "/redirect-loop", "/redirect-chain?n=3&k=short",
    "/redirect-chain?n=9&k=long", "/redirect-ok",
    "/offsite-redirect", "/nocharset", "/wrongcharset", "/pdf.html", "/image.html",
    "/malformed", "/empty", "/calendar?month=1", "/private/secret",
]

ARTICLE = """<!doctype html><html lang="pl"><head><meta charset="utf-8">
<title>{title}</title></head><body><nav><a href="/">Strona główna</a></nav>
<article><h1>{title}</h1><p>Gmina Zielona Łąka podpisała porozumienie o współpracy
z miastem partnerskim. Wartość projektu wynosi 120 000 zł, a dofinansowanie pochodzi
z programu współpracy transgranicznej. Żółć, gęś, źdźbło — polskie znaki muszą przetrwać.</p>
</article></body></html>"""

_state_lock = threading.Lock()
_seen: dict[str, int] = {}
_log: list[dict] = []
_bomb: bytes | None = None


def _first_hit(key: str) -> bool:
    with _state_lock:
        _seen[key] = _seen.get(key, 0) + 1
        return _seen[key] == 1


def _bomb_body() -> bytes:
    global _bomb
    with _state_lock:
        if _bomb is None:
            # built once, in 1 MB pieces, so the server never holds the inflated size
            comp = __import__("zlib").compressobj(9, 8, 16 + 15)
            block = b"\0" * (1 << 20)
            parts = [comp.compress(block) for _ in range(256)]
            _bomb = b"".join(parts) + comp.flush()
        return _bomb


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else headers/body writes stall on delayed ACKs
    crawl_delay: float = 0.0
    other_port: int = 0

    def log_message(self, *args):  # quiet
        pass

    # -- helpers
    def _send(self, status=200, body=b"", ctype="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _redirect(self, location, status=302):
        self._send(status, b"", None, [("Location", location)])

    def _page(self, title, extra_links=()):
        links = "".join(f'<a href="{u}">{u}</a> ' for u in extra_links)
        return ARTICLE.format(title=title).replace("</body>", f"<p>{links}</p></body>").encode()

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        parts = urlsplit(self.path)
        q = {k: v[0] for k, v in parse_qs(parts.query).items()}
        with _state_lock:
            _log.append({"port": self.server.server_address[1], "path": self.path, "t": time.time()})
        route = getattr(self, "r_" + parts.path.strip("/").split("/")[0].replace("-", "_").replace(".", "_"), None)
        if parts.path == "/":
            return self._send(body=self._page("Aktualności", LINKS))
        if route is None:
            return self._send(404, b"<html><body>nie ma</body></html>")
        return route(parts.path, q)

    # -- routes
    def r___log(self, path, q):
        with _state_lock:
            body = json.dumps(_log).encode()
        self._send(body=body, ctype="application/json")

    def r_robots_txt(self, path, q):
        text = "User-agent: *\nDisallow: /private\n"
        if self.crawl_delay:
            text += f"Crawl-delay: {self.crawl_delay:g}\n"
        self._send(body=text.encode(), ctype="text/plain")

    def r_ok(self, path, q):
        self._send(body=self._page(f"Artykuł {path}"))

    def r_landing(self, path, q):
        self._send(body=self._page("Inna witryna"))

    def r_private(self, path, q):
        self._send(body=self._page("Tajne"))

    def r_status(self, path, q):
        self._send(int(q.get("n", 500)), b"<html><body>blad</body></html>")

    def r_flaky(self, path, q):
        if _first_hit(self.path):
            return self._send(503, b"<html><body>przeciazenie</body></html>")
        self._send(body=self._page("Po awarii"))

    def r_retry_after(self, path, q):
        n = q.get("n", "2")
        if _first_hit(self.path):
            return self._send(429, b"<html><body>za szybko</body></html>", headers=[("Retry-After", n)])
        self._send(body=self._page("Po odczekaniu"))

    def r_retry_after_date(self, path, q):
        if _first_hit(self.path):
            when = email.utils.formatdate(time.time() + float(q.get("n", 2)) + 1, usegmt=True)
            return self._send(503, b"<html><body>przerwa</body></html>", headers=[("Retry-After", when)])
        self._send(body=self._page("Po przerwie"))

    def r_retry_after_long(self, path, q):
        self._send(429, b"<html><body>jutro</body></html>", headers=[("Retry-After", "86400")])

    def r_delay(self, path, q):
        time.sleep(float(q.get("n", 5)))
        try:
            self._send(body=self._page("Powolna strona"))
        except OSError:
            pass

    def r_reset(self, path, q):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        self.wfile.write(b"<html><body>" + b"x" * 2000)
        self.wfile.flush()
        # SO_LINGER 0: close sends RST instead of FIN
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def r_truncated_gzip(self, path, q):
        full = gzip.compress(self._page("Ucięty gzip") * 50)
        self._send(body=full[: len(full) // 2], headers=[("Content-Encoding", "gzip")])

    def r_bomb(self, path, q):
        self._send(body=_bomb_body(), headers=[("Content-Encoding", "gzip")])

    def r_big(self, path, q):
        size, chunk = 50 * 1024 * 1024, b"<p>" + b"a" * 65530 + b"</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        self._stream(size, chunk)

    def r_big_stream(self, path, q):
        size, chunk = 50 * 1024 * 1024, b"<p>" + b"a" * 65530 + b"</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Connection", "close")  # no length: the body ends with the connection
        self.end_headers()
        self._stream(size, chunk)
        self.close_connection = True

    def _stream(self, size, chunk):
        sent = 0
        try:
            while sent < size:
                piece = chunk[: size - sent]
                self.wfile.write(piece)
                sent += len(piece)
        except OSError:  # the crawler hung up, as it should
            self.close_connection = True

    def r_redirect_loop(self, path, q):
        self._redirect("/redirect-loop-b")

    def r_redirect_loop_b(self, path, q):
        self._redirect("/redirect-loop")

    def r_redirect_chain(self, path, q):
        n, k = int(q.get("n", 9)), q.get("k", "")
        self._redirect(f"/redirect-chain?n={n - 1}&k={k}" if n > 0 else f"/ok/end-of-chain-{k}")

    def r_redirect_ok(self, path, q):
        self._redirect("/ok/redirected", 301)

    def r_offsite_redirect(self, path, q):
        self._redirect(f"http://127.0.0.1:{self.other_port}/landing")

    def r_nocharset(self, path, q):
        body = self._page("Bez kodowania").replace(b'<meta charset="utf-8">', b"")
        self._send(body=body, ctype="text/html")

    def r_wrongcharset(self, path, q):
        text = ARTICLE.format(title="Złe kodowanie").replace('charset="utf-8"', 'charset="utf-8"')
        self._send(body=text.encode("cp1250"), ctype="text/html; charset=iso-8859-2")

    def r_pdf_html(self, path, q):
        self._send(body=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    def r_image_html(self, path, q):
        self._send(body=b"\x89PNG\r\n\x1a\n" + b"\0\0\0\rIHDR" + b"\0" * 200)

    def r_malformed(self, path, q):
        body = (b"<html><head><title>Zepsuty <b>tytul</title><body><div><p>Tekst <i>bez"
                b" zamkniec <table><tr><td>kom\x00orka<div></span></p></html><p>po koncu"
                + "żółw".encode() + b"<a href='/ok/from-malformed'>dalej")
        self._send(body=body)

    def r_empty(self, path, q):
        self._send(body=b"")

    def r_calendar(self, path, q):
        month = int(q.get("month", 1))
        self._send(body=self._page(f"Kalendarz {month}", [f"/calendar?month={month + 1}"]))


def serve(host: str, crawl_delay: float) -> None:
    main = ThreadingHTTPServer((host, 0), Handler)
    other = ThreadingHTTPServer((host, 0), Handler)
    main.daemon_threads = other.daemon_threads = True
    Handler.crawl_delay = crawl_delay
    Handler.other_port = other.server_address[1]
    threading.Thread(target=other.serve_forever, daemon=True).start()
    print(main.server_address[1], other.server_address[1], flush=True)
    main.serve_forever()


class FaultServer:
    """Start ``serve`` in a child process; ``url(path)``, ``hits()``; use as a context."""

    def __init__(self, host: str = "127.0.0.1", crawl_delay: float = 0.0):
        self.host, self.crawl_delay = host, crawl_delay
        self.proc = None

    def __enter__(self):
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--host", self.host,
             "--crawl-delay", str(self.crawl_delay)],
            stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline().split()
        if len(line) != 2:
            self.proc.kill()
            raise RuntimeError("fault server did not start")
        self.port, self.other_port = map(int, line)
        return self

    def __exit__(self, *exc):
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def url(self, path: str = "/", port: int | None = None) -> str:
        return f"http://{self.host}:{port or self.port}{path}"

    def hits(self) -> list[dict]:
        with urllib.request.urlopen(self.url("/__log"), timeout=10) as resp:
            log = json.load(resp)
        return [h for h in log if h["path"] != "/__log"]


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--crawl-delay", type=float, default=0.0)
    args = ap.parse_args()
    serve(args.host, args.crawl_delay)

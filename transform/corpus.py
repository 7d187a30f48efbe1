"""The real-page corpus: annotated pages of other sites, kept as URL + hash + gold record.

`datasets/realpages/` holds what is ours: `manifest.jsonl` (one line per page: id, url,
site, fetched, sha256, chars, split) and `gold/<id>.json` (the hand annotation, format of
the evaluation's ANNOTATION.md).  The page texts are other people's and stay out of git, in
a local cache (`~/.cache/samorzad/realpages/<id>.txt`; `SAMORZAD_CACHE` replaces
`~/.cache/samorzad`).  `fetch_corpus` rebuilds the cache from the URLs, `score_corpus` runs
the facts step on the cached texts and scores them with `extract.evaluate`.

A gold record describes one exact text: the manifest's sha256 pins it.  A cached or fetched
text with another hash is "changed" and is never scored against the old annotation.

The split into tuning pages and the frozen blind set is decided by a hash of the site, so
one site never sits on both sides (see `split_for_site`).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urlsplit

from spiders.settings import USER_AGENT
from transform.io import write_bytes_atomic

DEFAULT_ROOT = Path("datasets/realpages")
SPLITS = ("tune", "blind")
BLIND_PERCENT = 30  # share of the hash space (so ~30 % of the sites) that is blind
MANIFEST_KEYS = ("id", "url", "site", "fetched", "sha256", "chars", "split")
MAX_BYTES = 5 * 1024 * 1024
MIN_DELAY = 2.0  # seconds between two requests to one host, more when robots.txt asks


class CorpusError(ValueError):
    """Bad corpus input: an unreadable manifest, a duplicate id, a site on both sides."""


# --- identities: site, id, split, hash ----------------------------------------------

def site_of(url: str) -> str:
    """The host of `url`, lower case, without a leading "www."."""
    host = (urlsplit(url).hostname or "").lower()
    if not host:
        raise CorpusError(f"not an absolute URL: {url!r}")
    return host[4:] if host.startswith("www.") else host


def page_id(url: str) -> str:
    """A stable, readable id: the site with dots as dashes, then 8 hex of the URL's hash.

    No dots, because the scorer joins pages on the file name without extension."""
    slug = re.sub(r"[^a-z0-9]+", "-", site_of(url)).strip("-")
    return f"{slug}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:8]}"


def split_for_site(site: str) -> str:
    """"blind" when the first 8 hex digits of sha256(site), mod 100, are below BLIND_PERCENT."""
    bucket = int(hashlib.sha256(site.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "blind" if bucket < BLIND_PERCENT else "tune"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- where things live ---------------------------------------------------------------

def cache_dir(cache: str | Path | None = None) -> Path:
    """The folder of cached page texts: `cache`, else $SAMORZAD_CACHE/realpages, else
    ~/.cache/samorzad/realpages."""
    if cache:
        return Path(cache)
    base = os.environ.get("SAMORZAD_CACHE")
    return (Path(base) if base else Path.home() / ".cache" / "samorzad") / "realpages"


def manifest_path(root: str | Path) -> Path:
    return Path(root) / "manifest.jsonl"


def gold_dir(root: str | Path) -> Path:
    return Path(root) / "gold"


# --- the manifest ----------------------------------------------------------------------

def load_manifest(root: str | Path = DEFAULT_ROOT) -> list[dict]:
    """Every manifest entry, checked: all keys present, ids unique, a known split, and no
    site on both sides of the split."""
    path = manifest_path(root)
    if not path.is_file():
        raise CorpusError(f"no corpus manifest at {path}")
    entries: list[dict] = []
    seen: set[str] = set()
    sides: dict[str, str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{path}:{n}: not JSON ({exc.msg})") from None
        missing = [k for k in MANIFEST_KEYS if k not in entry]
        if missing:
            raise CorpusError(f"{path}:{n}: missing {', '.join(missing)}")
        if entry["id"] in seen:
            raise CorpusError(f"{path}:{n}: duplicate id {entry['id']}")
        if entry["split"] not in SPLITS:
            raise CorpusError(f"{path}:{n}: split must be one of {SPLITS}, not {entry['split']!r}")
        if sides.setdefault(entry["site"], entry["split"]) != entry["split"]:
            raise CorpusError(f"{path}:{n}: site {entry['site']} is on both sides of the split")
        seen.add(entry["id"])
        entries.append(entry)
    return entries


def _write_manifest(root: str | Path, entries: Iterable[dict]) -> None:
    lines = [json.dumps({k: e[k] for k in MANIFEST_KEYS}, ensure_ascii=False)
             for e in sorted(entries, key=lambda e: e["id"])]
    write_bytes_atomic(("\n".join(lines) + "\n").encode("utf-8"), manifest_path(root))


def add_page(url: str, text: str, gold: dict, *, fetched: str, root: str | Path = DEFAULT_ROOT,
             cache: str | Path | None = None, replace: bool = False) -> dict:
    """Add one annotated page: its manifest line, its gold record, its text in the cache.

    The split comes from the site (`split_for_site`); an existing page is only replaced
    when asked, so an annotation is never overwritten by accident."""
    entries = load_manifest(root) if manifest_path(root).is_file() else []
    pid = page_id(url)
    if any(e["id"] == pid for e in entries) and not replace:
        raise CorpusError(f"page {pid} ({url}) is already in the corpus")
    site = site_of(url)
    entry = {"id": pid, "url": url, "site": site, "fetched": fetched, "sha256": text_sha256(text),
             "chars": len(text), "split": split_for_site(site)}
    record = {"id": pid, "path": f"{pid}.txt", "url": url, **{k: v for k, v in gold.items()
                                                            if k not in ("id", "path", "url")}}
    write_bytes_atomic(dump_gold(record).encode("utf-8"), gold_dir(root) / f"{pid}.json")
    write_bytes_atomic(text.encode("utf-8"), cache_dir(cache) / f"{pid}.txt")
    _write_manifest(root, [e for e in entries if e["id"] != pid] + [entry])
    return entry


def dump_gold(record: dict) -> str:
    """A gold record as JSON with one key per line and one list item per line, so a
    change to one item is one line of the diff."""
    lines = []
    for key, value in record.items():
        if isinstance(value, list) and value:
            items = ",\n".join("    " + json.dumps(v, ensure_ascii=False) for v in value)
            lines.append(f"  {json.dumps(key)}: [\n{items}\n  ]")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def cached_text(entry: dict, cache: str | Path | None = None) -> tuple[str | None, str]:
    """(text, state): state is "ok", "missing" or "changed" (a text whose hash is not the
    manifest's; its text is not returned, the gold record does not describe it)."""
    path = cache_dir(cache) / f"{entry['id']}.txt"
    if not path.is_file():
        return None, "missing"
    text = path.read_bytes().decode("utf-8", "replace")
    if text_sha256(text) != entry["sha256"]:
        return None, "changed"
    return text, "ok"


# --- fetch: rebuild the cache from the URLs ---------------------------------------------

@dataclass
class FetchReport:
    cached: list[str] = field(default_factory=list)    # already in the cache with the right hash
    fetched: list[str] = field(default_factory=list)   # fetched now, hash verified, cached
    changed: list[str] = field(default_factory=list)   # fetched, but the text differs
    failed: list[tuple[str, str]] = field(default_factory=list)  # (id, reason)

    def summary(self) -> str:
        return (f"{len(self.cached)} already cached, {len(self.fetched)} fetched, "
                f"{len(self.changed)} changed, {len(self.failed)} failed")


class _Polite:
    """robots.txt per host (5xx or unreachable means disallow, RFC 9309; 4xx means allow)
    and a delay between two requests to one host."""

    def __init__(self, timeout: float, min_delay: float):
        self.timeout, self.min_delay = timeout, min_delay
        self.robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self.unreachable: dict[str, str] = {}  # host -> why its robots.txt could not be read
        self.last: dict[str, float] = {}

    def get(self, url: str) -> tuple[bytes, dict]:
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        rules = self._robots(host)
        if rules is None:
            # (a machine without the web fails every page here: say so, not "disallowed")
            raise PermissionError(f"robots.txt could not be read ({self.unreachable[host]}): "
                                  "nothing is fetched from the host (RFC 9309)")
        if not rules.can_fetch("samorzad", url):
            raise PermissionError("robots.txt disallows it")
        delay = max(self.min_delay, float(rules.crawl_delay("samorzad") or 0))
        wait = self.last.get(host, 0.0) + delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            return self._open(url)
        finally:
            self.last[host] = time.monotonic()

    def _open(self, url: str) -> tuple[bytes, dict]:
        req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        with urllib.request.urlopen(req, timeout=self.timeout) as resp:
            body = resp.read(MAX_BYTES + 1)
            if len(body) > MAX_BYTES:
                raise ValueError(f"larger than {MAX_BYTES} bytes")
            return body, dict(resp.headers.items())

    def _robots(self, host: str) -> urllib.robotparser.RobotFileParser | None:
        if host not in self.robots:
            rules: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser()
            try:
                body, _ = self._open(host + "/robots.txt")
                rules.parse(body.decode("utf-8", "replace").splitlines())
            except urllib.error.HTTPError as exc:
                if exc.code >= 500:
                    rules, self.unreachable[host] = None, f"HTTP {exc.code}"
                else:
                    rules.parse([])  # no robots.txt: everything allowed
            except (OSError, ValueError) as exc:
                reason = getattr(exc, "reason", None) or exc
                rules, self.unreachable[host] = None, str(reason) or type(exc).__name__
            self.robots[host] = rules
            self.last[host] = time.monotonic()
        return self.robots[host]


def fetch_corpus(root: str | Path = DEFAULT_ROOT, cache: str | Path | None = None, *,
                 timeout: float = 30.0, min_delay: float = MIN_DELAY,
                 progress: Callable[[dict], None] | None = None) -> FetchReport:
    """Fetch every manifest URL whose verified text is not cached yet, take its main text
    with the project's decoding and extraction, and cache it when its hash is the
    manifest's.  A different text goes to `<cache>/changed/<id>.txt` for re-annotation."""
    from extract.page import page_from_html

    report = FetchReport()
    polite = _Polite(timeout, min_delay)
    folder = cache_dir(cache)
    for entry in load_manifest(root):
        if progress:
            progress(entry)
        if cached_text(entry, cache)[1] == "ok":
            report.cached.append(entry["id"])
            continue
        try:
            body, headers = polite.get(entry["url"])
        except (OSError, ValueError) as exc:  # HTTP and network errors are OSErrors
            report.failed.append((entry["id"], str(exc) or type(exc).__name__))
            continue
        text = page_from_html(body, headers=headers, url=entry["url"]).text
        if text_sha256(text) == entry["sha256"]:
            write_bytes_atomic(text.encode("utf-8"), folder / f"{entry['id']}.txt")
            report.fetched.append(entry["id"])
        else:
            write_bytes_atomic(text.encode("utf-8"), folder / "changed" / f"{entry['id']}.txt")
            report.changed.append(entry["id"])
    return report


# --- score: the facts step on the cached texts ------------------------------------------

def score_corpus(root: str | Path = DEFAULT_ROOT, cache: str | Path | None = None,
                 split: str | None = None, progress: Callable[[dict], None] | None = None) -> dict:
    """Run the facts step on every cached page (of `split`, or all) and score it against
    its gold record.  Pages with no verified text are left out of the figures and named
    in `missing` and `changed` of the result."""
    from extract import evaluate as ev
    from extract.facts import extract_facts
    from extract.page import page_from_text

    if split is not None and split not in SPLITS:
        raise CorpusError(f"split must be one of {SPLITS}, not {split!r}")
    entries = [e for e in load_manifest(root) if split is None or e["split"] == split]
    gold_all = ev.load_gold(gold_dir(root)) if gold_dir(root).is_dir() else {}
    gold: dict[str, dict] = {}
    preds: dict[str, dict] = {}
    missing: list[str] = []
    changed: list[str] = []
    no_gold: list[str] = []
    for entry in entries:
        if progress:
            progress(entry)
        if entry["id"] not in gold_all:
            no_gold.append(entry["id"])
            continue
        text, state = cached_text(entry, cache)
        if text is None:
            (missing if state == "missing" else changed).append(entry["id"])
            continue
        record = extract_facts(page_from_text(text, url=entry["url"], path=f"{entry['id']}.txt"))
        record["id"] = entry["id"]
        preds[entry["id"]] = record
        gold[entry["id"]] = gold_all[entry["id"]]
    result = ev.score(gold, preds)
    result.update(split=split or "all", missing=missing, changed=changed, no_gold=no_gold)
    return result


def format_score(result: dict, show_errors: bool = False) -> str:
    """The scorer's table, preceded by what could not be scored."""
    from extract.evaluate import format_report

    lines = [f"split {result['split']}: {result['pages']} page(s) scored"]
    for key, label in (("missing", "not in the cache"), ("changed", "cached text changed"),
                       ("no_gold", "no gold record")):
        if result[key]:
            lines.append(f"{len(result[key])} page(s) {label}: " + ", ".join(result[key]))
    if not result["pages"]:
        lines.append("nothing to score (run `samorzad corpus fetch`)")
        return "\n".join(lines)
    return "\n".join(lines) + "\n" + format_report(result, show_errors=show_errors)

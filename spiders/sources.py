"""The sources file: one ``[[source]]`` TOML table per news site.

``load_sources`` is strict (first problem -> ``SourcesError`` with one line naming file,
source and problem) because a crawl with a silently wrong source wastes a night;
``check_sources`` collects every problem so a human can fix the file in one pass.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

BUNDLED_SOURCES = Path(__file__).with_name("sources.toml")

KINDS = frozenset({
    "city", "commune", "county", "voivodeship", "ministry", "association",
    "foundation", "school", "portal", "agency", "other",
})

_ID_RE = re.compile(r"^[a-z0-9_-]+$")
_REQUIRED = ("id", "name", "kind", "start_urls", "allow")
_OPTIONAL = ("home", "deny", "sitemaps", "feeds", "max_pages", "notes")
_URL_LISTS = ("start_urls", "sitemaps", "feeds")
_REGEX_LISTS = ("allow", "deny")


class SourcesError(ValueError):
    """A sources file that cannot be used; the message is one line."""


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    kind: str
    start_urls: tuple[str, ...]
    allow: tuple[str, ...]
    deny: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    home: str | None = None
    max_pages: int | None = None
    notes: str | None = None
    _allow_re: tuple[re.Pattern, ...] = field(default=(), repr=False, compare=False)
    _deny_re: tuple[re.Pattern, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self):
        # compiled once; frozen dataclass needs object.__setattr__
        object.__setattr__(self, "_allow_re", tuple(re.compile(p) for p in self.allow))
        object.__setattr__(self, "_deny_re", tuple(re.compile(p) for p in self.deny))

    def is_article(self, url: str) -> bool:
        """True when ``url`` matches an ``allow`` pattern and no ``deny`` pattern."""
        return any(r.search(url) for r in self._allow_re) and not self.is_denied(url)

    def is_denied(self, url: str) -> bool:
        return any(r.search(url) for r in self._deny_re)

    @property
    def hosts(self) -> tuple[str, ...]:
        """Host names (lower case, no port) of the start, sitemap, feed and home URLs."""
        urls = [*self.start_urls, *self.sitemaps, *self.feeds, *([self.home] if self.home else [])]
        return tuple(dict.fromkeys((urlsplit(u).hostname or "").lower() for u in urls))

    def to_dict(self) -> dict:
        out = {"id": self.id, "name": self.name, "kind": self.kind,
               "start_urls": list(self.start_urls), "allow": list(self.allow)}
        for key in ("home", "deny", "sitemaps", "feeds", "max_pages", "notes"):
            value = getattr(self, key)
            if value:
                out[key] = list(value) if isinstance(value, tuple) else value
        return out


def _is_url(value) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _problems(table, index: int) -> list[str]:
    """Every problem of one ``[[source]]`` table, each phrased without the file name."""
    if not isinstance(table, dict):
        return [f"source #{index + 1}: not a table"]
    sid = table.get("id")
    who = f"source {sid!r}" if isinstance(sid, str) else f"source #{index + 1}"
    out = []
    for key in table:
        if key not in _REQUIRED and key not in _OPTIONAL:
            out.append(f"{who}: unknown key {key!r}")
    for key in _REQUIRED:
        if key not in table:
            out.append(f"{who}: missing key {key!r}")
    if isinstance(sid, str) and not _ID_RE.match(sid):
        out.append(f"{who}: id must match [a-z0-9_-]+")
    elif "id" in table and not isinstance(sid, str):
        out.append(f"{who}: id must be a string")
    for key in ("name", "notes"):
        if key in table and not (isinstance(table[key], str) and table[key].strip()):
            out.append(f"{who}: {key} must be a non-empty string")
    if "kind" in table and table["kind"] not in KINDS:
        out.append(f"{who}: kind {table['kind']!r} is not one of {', '.join(sorted(KINDS))}")
    if "home" in table and not _is_url(table["home"]):
        out.append(f"{who}: home {table['home']!r} is not an http(s) URL")
    for key in (*_URL_LISTS, *_REGEX_LISTS):
        if key not in table:
            continue
        value = table[key]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            out.append(f"{who}: {key} must be a list of strings")
            continue
        if key in ("start_urls", "allow") and not value:
            out.append(f"{who}: {key} must not be empty")
        for item in value:
            if key in _URL_LISTS and not _is_url(item):
                out.append(f"{who}: {key} entry {item!r} is not an http(s) URL")
            if key in _REGEX_LISTS:
                try:
                    re.compile(item)
                except re.error as exc:
                    out.append(f"{who}: {key} regex {item!r} is invalid ({exc})")
    if "max_pages" in table:
        mp = table["max_pages"]
        if isinstance(mp, bool) or not isinstance(mp, int) or mp < 1:
            out.append(f"{who}: max_pages must be a positive integer")
    return out


def _read(path) -> tuple[Path, list]:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourcesError(f"{path}: file not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourcesError(f"{path}: not valid TOML ({exc})") from None
    extra = sorted(k for k in data if k != "source")
    tables = data.get("source", [])
    if not isinstance(tables, list):
        raise SourcesError(f"{path}: 'source' must be an array of tables ([[source]])")
    if extra:
        raise SourcesError(f"{path}: unknown top-level key(s) {', '.join(map(repr, extra))}")
    return path, tables


def check_sources(path) -> list[str]:
    """Every problem of a sources file, one line each (empty list: the file is fine)."""
    try:
        path, tables = _read(path)
    except SourcesError as exc:
        return [str(exc)]
    problems = []
    if not tables:
        problems.append(f"{path}: no [[source]] tables")
    seen: dict[str, int] = {}
    for i, table in enumerate(tables):
        problems += [f"{path}: {p}" for p in _problems(table, i)]
        sid = table.get("id") if isinstance(table, dict) else None
        if isinstance(sid, str):
            if sid in seen:
                problems.append(f"{path}: source {sid!r}: duplicate id (also source #{seen[sid] + 1})")
            else:
                seen[sid] = i
    return problems


def _source(table: dict) -> Source:
    return Source(
        id=table["id"], name=table["name"].strip(), kind=table["kind"],
        start_urls=tuple(table["start_urls"]), allow=tuple(table["allow"]),
        deny=tuple(table.get("deny", ())), sitemaps=tuple(table.get("sitemaps", ())),
        feeds=tuple(table.get("feeds", ())), home=table.get("home"),
        max_pages=table.get("max_pages"), notes=table.get("notes"),
    )


def load_sources(path=BUNDLED_SOURCES) -> list[Source]:
    """Validated sources of a TOML file; the first problem raises ``SourcesError``."""
    problems = check_sources(path)
    if problems:
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        raise SourcesError(problems[0] + more)
    _, tables = _read(path)
    return [_source(t) for t in tables]


def select_sources(sources: list[Source], ids) -> list[Source]:
    """The sources whose id is in ``ids`` (in file order); unknown ids raise SourcesError."""
    ids = list(ids)
    known = {s.id for s in sources}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise SourcesError(f"unknown source id(s): {', '.join(unknown)}")
    return [s for s in sources if s.id in set(ids)]

"""Stable ids: derived from what a thing is, never from row order or run time.

An id is a short type prefix and 16 hex digits of SHA-1 over the entity type and its
canonical key, so the same page or organisation gets the same id on every run and on
every machine.
"""
from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

PREFIXES = {
    "page": "pg", "fact": "ft", "project": "pr", "organization": "org", "person": "ps",
    "place": "pl", "programme": "pm", "activity": "ac", "role": "rl", "funding": "fd",
    "evidence": "ev",
}
# query parameters that never change the page (campaign tracking, sessions)
_TRACKING = ("utm_", "fbclid", "gclid", "phpsessid", "sessionid", "sid", "jsessionid")


def stable_id(entity_type: str, *key: object) -> str:
    """Id of an entity of `entity_type` with canonical key parts `key` (None allowed)."""
    prefix = PREFIXES[entity_type]
    raw = "\x1f".join([entity_type] + ["\x00" if k is None else str(k) for k in key])
    return f"{prefix}_{hashlib.sha1(raw.encode('utf-8')).hexdigest()[:16]}"


def canonical_url(url: str) -> str:
    """One spelling per page: lower-case scheme and host, no default port, no fragment,
    no tracking parameters, sorted query, no trailing slash on a non-root path."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not k.lower().startswith(_TRACKING))
    return urlunsplit((scheme, host, path, urlencode(query), ""))


def page_id(url: str) -> str:
    return stable_id("page", canonical_url(url))

"""Stage 1: a page as text.  HTML or plain page text -> Page.

All character offsets in the facts record point into ``Page.text``.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Page:
    text: str
    title: str | None = None
    published: str | None = None  # ISO YYYY-MM-DD of the page itself
    url: str | None = None
    path: str | None = None
    encoding: str | None = None
    # spans of ``text`` that are main content; extractors look only inside them
    zones: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.zones:
            self.zones = [(0, len(self.text))]


def page_from_text(text: str, *, url: str | None = None, path: str | None = None) -> Page:
    return Page(text=text, url=url, path=path)


def page_from_html(body: bytes | str, *, headers: dict | None = None, url: str | None = None,
                   path: str | None = None) -> Page:
    import trafilatura

    html = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    text = trafilatura.extract(html, include_comments=False, favor_precision=True) or ""
    meta = trafilatura.extract_metadata(html)
    return Page(text=text, title=meta.title if meta else None, url=url, path=path)

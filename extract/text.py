"""Text helpers shared by the extractors: sentence spans inside content zones."""
from __future__ import annotations

import re

# a sentence ends at . ! ? or a line break, unless the dot closes an abbreviation/number
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-ZĄĆĘŁŃÓŚŹŻ„\"0-9])|\n\s*\n|\n(?=[A-ZĄĆĘŁŃÓŚŹŻ])")
_ABBREV = re.compile(r"\b(?:ul|al|pl|im|św|dr|prof|mgr|inż|hab|tj|tzn|np|m\.in|ok|godz|r|br|ub|pn|tys|mln|mld|nr|zł|ws|m\.st|wg|ds|sp|o\.o|S\.A|Sp|pt|tel|ks|gen|płk|red|oprac)\.$", re.I)


def sentences(text: str, zones: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Split every zone of ``text`` into sentence spans (start, end), stripped of spaces."""
    spans: list[tuple[int, int]] = []
    for zs, ze in [(0, len(text))] if zones is None else zones:
        start = zs
        for m in _BOUNDARY.finditer(text, zs, ze):
            if _ABBREV.search(text[max(start, m.start() - 8):m.start()]) and "\n" not in m.group():
                continue
            _add(text, start, m.start(), spans)
            start = m.end()
        _add(text, start, ze, spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def in_zones(start: int, end: int, zones: list[tuple[int, int]]) -> bool:
    return any(zs <= start and end <= ze for zs, ze in zones)

"""Text helpers shared by the extractors: sentence spans inside content zones."""
from __future__ import annotations

import re
from functools import lru_cache

# a sentence ends at . ! ? or a line break, unless the dot closes an abbreviation/number
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-ZĄĆĘŁŃÓŚŹŻ„\"0-9])|\n\s*\n|\n(?=[A-ZĄĆĘŁŃÓŚŹŻ])")
_ABBREV = re.compile(r"\b(?:ul|al|pl|im|św|dr|prof|mgr|inż|hab|tj|tzn|np|m\.in|ok|godz|r|br|ub|pn|tys|mln|mld|nr|zł|ws|m\.st|wg|ds|sp|o\.o|S\.A|Sp|pt|tel|ks|gen|płk|red|oprac)\.$", re.I)


def sentences(text: str, zones: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Split every zone of ``text`` into sentence spans (start, end), stripped of spaces."""
    key = None if zones is None else tuple((zs, ze) for zs, ze in zones)
    return list(_sentences(text, key))


@lru_cache(maxsize=16)
def _sentences(text: str, zones: tuple | None) -> tuple[tuple[int, int], ...]:
    # cached: several extractors split the same page one after another
    spans: list[tuple[int, int]] = []
    for zs, ze in [(0, len(text))] if zones is None else zones:
        start = zs
        for m in _BOUNDARY.finditer(text, zs, ze):
            if _ABBREV.search(text[max(start, m.start() - 8):m.start()]) and "\n" not in m.group():
                continue
            _add(text, start, m.start(), spans)
            start = m.end()
        _add(text, start, ze, spans)
    return tuple(spans)


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def in_zones(start: int, end: int, zones: list[tuple[int, int]]) -> bool:
    return any(zs <= start and end <= ze for zs, ze in zones)


def copy_items(obj):
    """A deep copy of JSON-like data (dicts, lists, tuples of str/int/float/bool/None),
    several times faster than copy.deepcopy; like it, an object met twice is copied once.
    Any other type is handed to copy.deepcopy, so the result is always a true copy."""
    return _copy(obj, {})


def _copy(obj, memo: dict):
    kind = type(obj)
    if kind in (str, int, float, bool) or obj is None:
        return obj
    if id(obj) in memo:
        return memo[id(obj)]
    if kind is dict:
        out = memo[id(obj)] = {}
        for k, v in obj.items():
            out[_copy(k, memo)] = _copy(v, memo)
    elif kind is list:
        out = memo[id(obj)] = []
        out.extend(_copy(v, memo) for v in obj)
    elif kind is tuple:
        out = memo[id(obj)] = tuple(_copy(v, memo) for v in obj)
    else:
        import copy
        out = memo[id(obj)] = copy.deepcopy(obj)
    return out

"""Words of a page: the one tokeniser every annotator uses (a token is (start, end, word)).

Split once per zone and kept for the page (extract/doc.py builds the Doc's tokens with it);
``span_tokens`` gives a sentence's tokens as a slice of its zone's.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate
from operator import itemgetter

WORD = re.compile(r"m\.\s?st\.|[^\W\d_]+(?:-[^\W\d_]+)*\+?")


# WORD as the separator of re.split: words at the odd places, what lies between at the even
_WORD_SPLIT = re.compile(f"({WORD.pattern})")


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    end = len(text) if end is None else end
    toks = _tokens(text, start, end)
    _remember(text, start, end, toks)
    return list(toks)


@lru_cache(maxsize=1024)
def _tokens(text: str, start: int, end: int) -> tuple[tuple[int, int, str], ...]:
    # cached: orgs and places (twice) split the same zones of a page
    return split_text(text, start, end)


def split_text(text: str, start: int, end: int) -> tuple[tuple[int, int, str], ...]:
    # one C-level split instead of a Match object per word: a word's offset is the summed
    # length of all pieces before it (WORD has no anchors or lookarounds, so slicing
    # equals endpos)
    parts = _WORD_SPLIT.split(text[start:end])
    offsets = list(accumulate(map(len, parts), initial=start))
    return tuple(zip(offsets[1::2], offsets[2::2], parts[1::2]))


# the zones split last, of one text only: a sentence's tokens are a slice of its zone's
_split_zones: list = [None, []]


def _remember(text: str, start: int, end: int, toks: tuple) -> None:
    if _split_zones[0] is not text:
        _split_zones[0], _split_zones[1] = text, []
    if len(_split_zones[1]) < 64:
        _split_zones[1].append([start, end, toks, None])  # None: the tokens' starts, when asked


def span_tokens(text: str, start: int, end: int) -> tuple[tuple[int, int, str], ...]:
    """The tokens of text[start:end], as ``tokens`` gives them (a tuple).  Taken from a
    zone split before when no word of it crosses ``start`` or ``end``: WORD finds the same
    words from any offset between two words, and a word inside the span is not cut."""
    if _split_zones[0] is text:
        for zone in _split_zones[1]:
            zs, ze, toks, starts = zone
            if zs > start or ze < end:
                continue
            if starts is None:
                starts = zone[3] = list(map(itemgetter(0), toks))
            lo = bisect_left(starts, start)
            hi = bisect_left(starts, end, lo)
            if (lo == 0 or toks[lo - 1][1] <= start) and (hi == 0 or toks[hi - 1][1] <= end):
                return toks[lo:hi]
    return _tokens(text, start, end)


def is_cap(word: str) -> bool:
    return word[:1].isupper()


def is_acronym(word: str) -> bool:
    return len(word) >= 2 and sum(c.isupper() for c in word) >= 2 and word[0].isupper() and "-" not in word[1:2]

"""Words of a page: the one tokeniser every annotator uses (a token is (start, end, word)).

The Doc (extract/doc.py) splits each zone once and gives a sentence's words as a slice of
its zone's.
"""
from __future__ import annotations

import re
from itertools import accumulate

WORD = re.compile(r"m\.\s?st\.|[^\W\d_]+(?:-[^\W\d_]+)*\+?")


# WORD as the separator of re.split: words at the odd places, what lies between at the even
_WORD_SPLIT = re.compile(f"({WORD.pattern})")


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """The words of text[start:end] as (start, end, word), in order."""
    return list(split_text(text, start, len(text) if end is None else end))


def split_text(text: str, start: int, end: int) -> tuple[tuple[int, int, str], ...]:
    # one C-level split instead of a Match object per word: a word's offset is the summed
    # length of all pieces before it (WORD has no anchors or lookarounds, so slicing
    # equals endpos)
    parts = _WORD_SPLIT.split(text[start:end])
    offsets = list(accumulate(map(len, parts), initial=start))
    return tuple(zip(offsets[1::2], offsets[2::2], parts[1::2]))


def is_cap(word: str) -> bool:
    return word[:1].isupper()


def is_acronym(word: str) -> bool:
    return len(word) >= 2 and sum(c.isupper() for c in word) >= 2 and word[0].isupper() and "-" not in word[1:2]

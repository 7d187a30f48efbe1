"""Words of a page: the one tokeniser every annotator uses.

A token is a ``Token(start, end, text)`` — a tuple, so ``tok[2]`` is its word — and
carries its morfeusz2 readings: ``tok.readings`` (every whole-word analysis: lemma, POS,
number, case, gender, qualifiers such as nazwa_geograficzna, imię, nazwisko), ``tok.lemmas``,
``tok.pos``, ``tok.cases``, ``tok.quals``.  Readings are looked up lazily, on first use,
through extract/morph.py, which caches them per word form across pages: a word met on
many pages, or many times on one, costs one dictionary look-up.

The Doc (extract/doc.py) splits each zone once and gives a sentence's words as a slice of
its zone's.
"""
from __future__ import annotations

import re
from itertools import accumulate, repeat
from typing import NamedTuple

from extract import morph

WORD = re.compile(r"m\.\s?st\.|[^\W\d_]+(?:-[^\W\d_]+)*\+?")


# WORD as the separator of re.split: words at the odd places, what lies between at the even
_WORD_SPLIT = re.compile(f"({WORD.pattern})")


class Token(NamedTuple):
    """One word of the page text: ``text == page_text[start:end]``."""

    start: int
    end: int
    text: str

    @property
    def readings(self) -> tuple[morph.Analysis, ...]:
        """Every whole-word morfeusz2 analysis of the word as written (none: unknown word)."""
        return morph.analyse(self.text)

    @property
    def lemmas(self) -> frozenset[str]:
        """The lower-cased lemmas of the word's readings."""
        return morph.lemmas(self.text)

    @property
    def pos(self) -> frozenset[str]:
        return frozenset(a.pos for a in morph.analyse(self.text))

    @property
    def cases(self) -> frozenset[str]:
        return frozenset(c for a in morph.analyse(self.text) for c in a.cases)

    @property
    def quals(self) -> frozenset[str]:
        return frozenset(q for a in morph.analyse(self.text) for q in a.quals)

    @property
    def is_cap(self) -> bool:
        return is_cap(self.text)

    @property
    def is_acronym(self) -> bool:
        return is_acronym(self.text)


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The words of text[start:end] as Tokens (start, end, word), in order."""
    return list(split_text(text, start, len(text) if end is None else end))


def split_text(text: str, start: int, end: int) -> tuple[Token, ...]:
    # tuple.__new__ makes the Tokens without a Python call each
    parts, offsets = split_words(_WORD_SPLIT, text, start, end)
    return tuple(map(tuple.__new__, repeat(Token), zip(offsets[1::2], offsets[2::2], parts[1::2])))


def split_words(splitter: re.Pattern, text: str, start: int, end: int) -> tuple[list[str], list[int]]:
    """text[start:end] split by ``splitter`` (a word pattern in one capturing group, with no
    anchors or look-arounds, so splitting the slice finds what ``finditer`` would): the
    pieces, words at the odd places, and the offset of each piece's start (then ``end``).
    One C-level split instead of a Match object per word: an offset is the summed length
    of the pieces before it."""
    parts = splitter.split(text[start:end])
    return parts, list(accumulate(map(len, parts), initial=start))


def is_cap(word: str) -> bool:
    return word[:1].isupper()


def is_acronym(word: str) -> bool:
    return len(word) >= 2 and sum(c.isupper() for c in word) >= 2 and word[0].isupper() and "-" not in word[1:2]

"""The annotated document: one page, read once, with named layers of spans.

A ``Doc`` is built once per page (extract/facts.py).  It holds what every annotator
reads — the page text, its content zones, the sentences of the zones and the tokens of
each zone, each with its morfeusz2 readings (``Token.readings``, ``.lemmas``, ``.cases``,
``.quals``: looked up on first use through extract/morph.py, cached per word form across
pages) — and the ``layers`` the annotators write, one
named list per layer ("orgs", "persons", "cues", "funders", "programmes", ...).  An
annotator is ``annotate(doc) -> None``: it reads the layers of the stages before it and
adds its own, so no stage re-runs another module or re-splits the page.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from extract.page import Page
from extract.text import sentences
from extract.tokens import Token, split_text, tokens


@dataclass(frozen=True)
class Span:
    """A stretch ``text[start:end]`` of the page with what an annotator found it to be."""

    start: int
    end: int
    label: str  # what it is: "funder", "programme_mention", "stated_name", ...
    attrs: dict = field(default_factory=dict, compare=False)
    rule: str = ""  # the rule that made it (shown in the facts record and in debugging)


class Doc:
    """A page with its sentences, words, readings and the annotators' layers."""

    def __init__(self, page: Page):
        self.page = page
        self.text = page.text
        self.zones: list[tuple[int, int]] = [(zs, ze) for zs, ze in page.zones]
        self.title = page.title
        self.published: str | None = page.published
        # the sentences of the content zones (no zone: no sentence)
        self.sentences: list[tuple[int, int]] = sentences(self.text, self.zones) if self.zones else []
        self.layers: dict[str, Any] = {}
        self._words: dict[tuple[int, int], list[Token]] = {}
        self._starts: dict[tuple[int, int], list[int]] = {}
        self._tokens: list[Token] | None = None

    @property
    def tokens(self) -> list[Token]:
        """Every token of the content zones, in text order (each zone split once, shared
        with ``words``); ``tok.readings`` are the word's morfeusz2 readings."""
        if self._tokens is None:
            self._tokens = [t for zs, ze in self.zones for t in self.words(zs, ze)]
        return self._tokens

    def token_at(self, offset: int) -> Token | None:
        """The token of the zones covering text offset ``offset``, or None."""
        toks = self.tokens
        i = bisect_left(toks, offset, key=lambda t: t[1] - 1)
        return toks[i] if i < len(toks) and toks[i][0] <= offset else None

    def words(self, start: int, end: int) -> list[Token]:
        """The tokens (start, end, word) of text[start:end], split once per span."""
        key = (start, end)
        if key not in self._words:
            self._words[key] = tokens(self.text, start, end)
        return self._words[key]

    def span_words(self, start: int, end: int) -> list[Token]:
        """The tokens of text[start:end] (a sentence), sliced from its zone's when the zone
        was split already and no word crosses ``start`` or ``end`` (the tokeniser finds the
        same words from any offset between two words), else split on their own."""
        for (zs, ze), toks in self._words.items():
            if zs > start or ze < end:
                continue
            starts = self._starts.get((zs, ze))
            if starts is None:
                starts = self._starts[(zs, ze)] = [t[0] for t in toks]
            lo = bisect_left(starts, start)
            hi = bisect_left(starts, end, lo)
            if (lo == 0 or toks[lo - 1][1] <= start) and (hi == 0 or toks[hi - 1][1] <= end):
                return toks[lo:hi]
        return list(split_text(self.text, start, end))

    def layer(self, name: str) -> Any:
        """A layer an earlier stage wrote; a missing one is a pipeline order error."""
        try:
            return self.layers[name]
        except KeyError:
            raise KeyError(f"layer {name!r} is read before any annotator wrote it "
                           f"(written so far: {', '.join(self.layers) or 'none'})") from None

    def spans(self, label: str) -> list[Span]:
        return self.layers.get(label, [])

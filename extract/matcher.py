"""The one pattern engine: named regex rules from extract/data/*.toml, compiled once, run
over a text behind one literal prefilter.

A ``Matcher`` holds a list of rules (a name and a regex each).  At build time it reads
from every regex's parse tree

- its *needs*: strings one of which every match contains ("rogram" for a programme
  rule), and
- its *heads*: strings one of which every match starts with ("współprac", "partner").

On a text it lower-cases the text once and finds every need and head in one scan (a trie
of all of them, so the regex engine tries one branch per character).  A rule none of
whose needs occurs is not run; a rule with heads is tried only where one of its heads
begins; any other rule runs as ``finditer``.  The matches are exactly those of
``rule.regex.finditer(text, start, end)`` for every rule: the prefilter only skips work.

This is the only module that reads regex parse trees (``re._parser``); annotators ask it
for matches and never look inside a pattern themselves.
"""
from __future__ import annotations

import re
import re._constants as sre_constants
import re._parser as sre_parse
import weakref
from dataclasses import dataclass
from typing import Iterable, Sequence

# Characters for which lower-casing the text does not keep offsets or does not map a
# character to the letter re.IGNORECASE equates it with: "İ" lower-cases to two
# characters, "ı" and "ſ" match "i"/"I" and "s"/"S" under IGNORECASE but lower-case to
# themselves.  (tests/test_matcher.py checks this over every code point.)  A text holding
# one of them is matched without the prefilter.
FOLDS_APART = frozenset("\u0130\u0131\u017f")
_FOLDS_APART = re.compile("[\u0130\u0131\u017f]")
_WORD_START = r"(?<!\w)"
# up to this many literals, a substring search each beats the trie scan
_FEW = 48
# every character \s matches, read as " " (one character for one: offsets are kept)
_SPACE = re.compile(r"\s")
_OTHER_SPACE = re.compile(r"[^\S ]")


@dataclass(frozen=True)
class Rule:
    name: str  # shown in the facts record or in an explanation
    regex: re.Pattern
    needs: tuple[str, ...] | None  # lower-case: one of them is in every match; None: unknown
    heads: tuple[str, ...] | None  # lower-case: every match starts with one; None: unknown


class Matcher:
    """Named rules run together behind one literal prefilter."""

    # every Matcher built so far (annotators build theirs once, from their data files):
    # what tests/test_matcher.py checks the engine's promise on
    built: "weakref.WeakSet[Matcher]" = weakref.WeakSet()

    def __init__(self, rules: Iterable[tuple[str, str | re.Pattern]], flags: int = 0):
        self.rules: tuple[Rule, ...] = tuple(_rule(name, rx, flags) for name, rx in rules)
        Matcher.built.add(self)
        # the literals that decide whether a rule may match: its heads, else its needs
        keys = [r.heads if r.heads is not None else r.needs for r in self.rules]
        literals = sorted({x for k in keys for x in k or ()})
        # at every offset, the longest literal starting there; with it every literal that
        # is its prefix starts there too
        # when every rule starts at a word start and with a head, only word starts need
        # scanning (lower-casing keeps what is a word character: tests/test_matcher.py)
        at_words = all(r.regex.pattern.startswith(_WORD_START) and r.heads for r in self.rules)
        scan = f"(?=({trie_pattern(literals)}))"
        self._scan = re.compile(_WORD_START + scan if at_words else scan) if literals else None
        self._prefixes = {a: tuple(b for b in literals if a.startswith(b)) for a in literals}
        self._by_literal: dict[str, tuple[int, ...]] = {
            a: tuple(i for i, k in enumerate(keys) if k is not None and a in k) for a in literals}
        self._always = tuple(i for i, k in enumerate(keys) if k is None)
        self._head_sets = [frozenset(r.heads or ()) for r in self.rules]

    def __len__(self) -> int:
        return len(self.rules)

    def _lowered(self, text: str, start: int, end: int) -> str | None:
        """text[start:end] lower-cased, or None where lower-casing cannot stand for
        re.IGNORECASE (a FOLDS_APART character)."""
        if _FOLDS_APART.search(text, start, end):
            return None
        low = text[start:end].lower()
        return _OTHER_SPACE.sub(" ", low) if _OTHER_SPACE.search(low) else low

    def _present(self, low: str) -> set[str]:
        """The literals that occur in ``low``: a substring search each when they are few,
        else one trie scan of ``low`` (faster for hundreds of literals)."""
        if self._scan is None:
            return set()
        if len(self._prefixes) <= _FEW:
            return {a for a in self._prefixes if a in low}
        prefixes = self._prefixes
        return {b for a in set(self._scan.findall(low)) for b in prefixes[a]}

    def candidates(self, text: str, start: int = 0, end: int | None = None) -> list[int]:
        """Indices (in order) of the rules that may match in text[start:end]."""
        end = len(text) if end is None else end
        low = self._lowered(text, start, end)
        if low is None:
            return list(range(len(self.rules)))
        return self._candidates(self._present(low))

    def _candidates(self, present: set[str]) -> list[int]:
        by_literal = self._by_literal
        return sorted(set(self._always).union(*(by_literal[a] for a in present)))

    def matches(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, re.Match]]:
        """(rule index, match) for every match of every rule in text[start:end], rule by
        rule in order: what ``finditer`` gives for each rule."""
        end = len(text) if end is None else end
        low = self._lowered(text, start, end)
        out: list[tuple[int, re.Match]] = []
        if low is None:
            for i, r in enumerate(self.rules):
                out.extend((i, m) for m in r.regex.finditer(text, start, end))
            return out
        present = self._present(low)
        offsets: dict[str, list[int]] = {}  # literal -> where it begins (asked once)
        for i in self._candidates(present):
            r = self.rules[i]
            if r.heads is None:
                out.extend((i, m) for m in r.regex.finditer(text, start, end))
                continue
            places = []
            for h in self._head_sets[i] & present:
                if h not in offsets:
                    offsets[h] = _offsets(low, h, start)
                places += offsets[h]
            if len(places) > 1:
                places = sorted(set(places))
            out.extend((i, m) for m in _at(r.regex, text, end, places))
        return out

    def search(self, text: str) -> bool:
        """Does any rule match somewhere in ``text``?  (Rules in order, stopping at the
        first that matches.)"""
        low = self._lowered(text, 0, len(text))
        rules = self.rules
        for i in range(len(rules)) if low is None else self._candidates(self._present(low)):
            if rules[i].regex.search(text):
                return True
        return False


def _offsets(low: str, literal: str, shift: int) -> list[int]:
    """Every offset (plus ``shift``) where ``literal`` begins in ``low`` (overlaps included)."""
    out = []
    k = low.find(literal)
    while k >= 0:
        out.append(k + shift)
        k = low.find(literal, k + 1)
    return out


def _at(regex: re.Pattern, text: str, end: int, places: list[int]) -> list[re.Match]:
    """``regex.finditer(text, start, end)`` when every match starts at one of ``places``
    (sorted): tried only there, going on from the end of the last match as finditer does."""
    out: list[re.Match] = []
    last = -1
    for p in places:
        if p >= last:
            m = regex.match(text, p, end)
            if m:
                out.append(m)
                last = m.end() if m.end() > m.start() else m.end() + 1
    return out


def _rule(name: str, rx: str | re.Pattern, flags: int) -> Rule:
    regex = rx if isinstance(rx, re.Pattern) else re.compile(rx, flags)
    parsed = sre_parse.parse(regex.pattern, regex.flags)
    seq = list(parsed)
    needs = _required(seq)
    heads = _heads(seq)
    return Rule(name, regex,
                tuple(sorted({_SPACE.sub(" ", x.lower()) for x in needs})) if needs else None,
                tuple(sorted(heads)) if heads else None)


def _required(seq: list) -> set[str] | None:
    """The best set of literals the parse items ``seq`` must contain: one of them is in
    every match (as written; compared lower-cased, which covers IGNORECASE too)."""
    candidates, run = [], ""
    for op, arg in seq + [(None, None)]:
        if op is sre_constants.LITERAL:
            run += chr(arg)
            continue
        if len(run) >= 2:
            candidates.append({run})
        run = ""
        if op is sre_constants.BRANCH:
            alts = [_required(list(alt)) for alt in arg[1]]
            if all(alts):
                candidates.append(set().union(*alts))
        elif op is sre_constants.SUBPATTERN:
            inner = _required(list(arg[3]))
            if inner:
                candidates.append(inner)
    return max(candidates, key=lambda c: (min(map(len, c)), -len(c)), default=None)


# what a head may hold: plain Polish letters (lower-casing the text finds them wherever
# IGNORECASE does) and characters without case; any whitespace stands as one " "
_HEAD_CHARS = re.compile(r"(?:[a-ząćęłńóśźż]|[^\w]|[\d_])*")


def _heads(seq: list) -> tuple[str, ...] | None:
    """Lower-case strings (2+ characters, or one punctuation mark) one of which every match
    of the parse items starts with (whitespace written as " "), or None when some match may
    start otherwise."""
    found = _literal_heads(seq)
    # a beginning of a head is one too: keep what a lower-cased text shows as written
    heads = {_HEAD_CHARS.match(head.lower()).group() for head, _complete in found or ()}
    # a head of one letter would be tried almost everywhere; one punctuation mark is rare
    if not heads or any(len(h) < 2 and (not h or h.isalnum()) for h in heads):
        return None
    # a head that starts with another adds no place to try ("finansowan " after "finansowan");
    # in sorted order a head's prefix comes before it and before anything between them
    kept: list[str] = []
    for h in sorted(heads):
        if not kept or not h.startswith(kept[-1]):
            kept.append(h)
    return tuple(kept)


# more heads than this (a product of alternatives in a row) and a rule is run everywhere
_MAX_HEADS = 4096
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT)


def _literal_heads(seq: list) -> list[tuple[str, bool]] | None:
    """(head, complete) pairs: every match of the parse items ``seq`` starts with one of the
    heads, and is exactly that head when ``complete``; None when there are too many."""
    heads = [("", True)]
    for op, av in seq:
        if not any(complete for _h, complete in heads):
            break
        if op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            continue  # zero-width: the next item starts the match
        options = _options(op, av)
        heads = [(h + o, c) for h, complete in heads for o, c in (options if complete else [("", False)])]
        if len(heads) > _MAX_HEADS:
            return None
    return heads


def _options(op, av) -> list[tuple[str, bool]]:
    """The (head, complete) ways one parse item can begin."""
    if op is sre_constants.LITERAL:
        return [(" " if chr(av).isspace() else chr(av), True)]
    if op is sre_constants.IN:
        if all(o is sre_constants.LITERAL for o, _v in av):
            return [(" " if chr(v).isspace() else chr(v), True) for _o, v in av]
        if av == [(sre_constants.CATEGORY, sre_constants.CATEGORY_SPACE)]:
            return [(" ", True)]  # \s: the text's whitespace is read as " "
        return [("", False)]
    if op is sre_constants.BRANCH:
        options = []
        for alt in av[1]:
            options += _literal_heads(list(alt)) or [("", False)]
        return options
    if op is sre_constants.SUBPATTERN:  # inline flags ((?-i:...)) only narrow what matches
        return _literal_heads(list(av[3])) or [("", False)]
    if op in _REPEATS:
        low, high, item = av
        inner = _literal_heads(list(item)) or [("", False)]
        if high != 1:  # after one pass another may follow: the head stops there
            inner = [(h, False) for h, _c in inner]
        return inner + [("", True)] if low == 0 else inner
    return [("", False)]


def longest_match(pattern: str, flags: int = 0) -> int:
    """The most characters a match of ``pattern`` can take (a window to search a suffix in)."""
    return sre_parse.parse(pattern, flags).getwidth()[1]


def trie_pattern(words: Sequence[str]) -> str:
    """A regex matching the longest of ``words`` (non-empty) at an offset, written as a
    trie so that ``re`` tries one branch per character instead of every word."""
    heads: dict[str, list[str]] = {}
    for w in words:
        heads.setdefault(w[0], []).append(w[1:])
    alts = []
    for ch, tails in sorted(heads.items()):
        rest = [t for t in tails if t]
        sub = trie_pattern(rest) if rest else ""
        # greedy "?": a longer word is preferred to its prefix
        alts.append(re.escape(ch) + (f"(?:{sub})?" if sub and "" in tails else f"(?:{sub})" if sub else ""))
    return "|".join(alts)

"""The one pattern engine: named rules from extract/data/*.toml, compiled once, run over a
text behind one prefilter, their matches given back as one kind of ``Hit``.

A rule is a name and either a regex (over the characters of a text) or a token pattern
(over its words, extract/tokens.py; what a pattern may say is described at "token
patterns" below).  ``Matcher(rules)`` compiles a data file's rules of both kinds together.
On a text its prefilter decides which rules may match, and where:

- regex rules: at build time it reads from every regex's parse tree its *needs* (strings
  one of which every match contains: "rogram" for a programme rule) and its *heads*
  (strings one of which every match starts with: "współprac", "partner").  On a text it
  lower-cases the text once and finds every need and head in one scan (a trie of all of
  them, so the regex engine tries one branch per character).  A rule none of whose needs
  occurs is not run; a rule with heads is tried only where one of them begins; any other
  rule runs as ``finditer``.
- token patterns: the rules that may start at a word are looked up once per word form, in
  one table for all of them (every constraint is a test of one word form, cached, and a
  rule is tried only at the words its first constraint accepts), so a page costs one dict
  look-up per word plus the few places where a rule can start.  (A literal first word is
  one of those tests: a word list needs no scan of the text.)

The hits are exactly those of ``rule.regex.finditer(text, start, end)`` for a regex rule,
and of trying a token pattern at every word for a token rule: the prefilter only skips work
(tests/test_matcher.py checks it for every matcher the pipeline builds).

This is the only module that reads regex parse trees (``re._parser``); annotators ask it
for matches and never look inside a pattern themselves.
"""
from __future__ import annotations

import re
import re._constants as sre_constants
import re._parser as sre_parse
import weakref
from collections import defaultdict
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from typing import Callable, Iterable, NamedTuple, Sequence

from extract import lexicon, morph
from extract.tokens import is_acronym, is_cap, split_text

# Characters for which lower-casing the text does not keep offsets or does not map a
# character to the letter re.IGNORECASE equates it with: "İ" lower-cases to two
# characters, "ı" and "ſ" match "i"/"I" and "s"/"S" under IGNORECASE but lower-case to
# themselves.  (tests/test_matcher.py checks this over every code point.)  A text holding
# one of them is matched without the literal prefilter.
FOLDS_APART = frozenset("\u0130\u0131\u017f")
_FOLDS_APART = re.compile("[\u0130\u0131\u017f]")
# a decimal digit other than 0-9 ("٣", "３"): \d matches it, a head "3" does not; a text
# holding one is matched without the prefilter by a matcher with a head of digits
_OTHER_DIGIT = re.compile(r"[^\D0-9]")
_DIGITS = frozenset("0123456789")
_WORD_START = r"(?<!\w)"
_DIGIT_START = r"(?<!\d)"  # (what follows no word character follows no digit either)
# up to this many literals, a substring search each beats the trie scan (measured on
# sentences and zones: at 43 literals the scan is faster at every length, at 22 slower)
_FEW = 32
# every character \s matches, read as " " (one character for one: offsets are kept)
_SPACE = re.compile(r"\s")
_OTHER_SPACE = re.compile(r"[^\S ]")


class Hit(NamedTuple):
    """One match of one rule."""

    rule: int  # index in Matcher.rules
    name: str  # the rule's name
    start: int  # character offsets in the text
    end: int
    match: re.Match | None  # a regex rule's match (its groups)
    words: tuple[int, int] | None  # a token pattern's first token and end token (exclusive)


@dataclass(frozen=True)
class Rule:
    name: str  # shown in the facts record or in an explanation
    regex: re.Pattern | None  # a regex rule (None: a token pattern)
    specs: tuple[TokenSpec, ...]  # a token pattern's constraints, one per word (() for a regex rule)
    # a regex rule's literals, lower-case: one need is in every match, every match starts
    # with a head (None: unknown)
    needs: tuple[str, ...] | None = None
    heads: tuple[str, ...] | None = None
    firsts: tuple[int, ...] = ()  # the specs a token match can start with (up to the first required one)
    # a regex rule's look-behind in front: _WORD_START (no word character before a match),
    # _DIGIT_START (no digit), or None
    guard: str | None = None
    plain: bool = False  # one word per spec (no op): a token match without backtracking


def _rule(name: str, pattern: str | re.Pattern | Sequence[dict], flags: int = 0) -> Rule:
    """A named rule compiled once: a regex (a string, compiled with ``flags``, or a compiled
    one) or a token pattern (a list of token constraints, TOML tables)."""
    if isinstance(pattern, str | re.Pattern):
        regex = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags)
        seq = list(sre_parse.parse(regex.pattern, regex.flags))
        needs, heads = _required(seq), _heads(seq)
        return Rule(name, regex, (), tuple(sorted({_SPACE.sub(" ", x.lower()) for x in needs})) if needs else None,
                    heads, guard=_guard(seq, regex.flags))
    if not pattern:
        raise ValueError(f"token pattern {name!r}: no tokens")
    if "gap" in pattern[0]:
        raise ValueError(f"token pattern {name!r}: the first token can have no gap")
    specs = tuple(_token_spec(s, name) for s in pattern)
    firsts = []
    for k, s in enumerate(specs):
        firsts.append(k)
        if s.op not in ("?", "*"):
            break
    return Rule(name, None, specs, firsts=tuple(firsts), plain=all(s.op == "" for s in specs))


def _as_rule(entry: Rule | dict | tuple, flags: int) -> Rule:
    if isinstance(entry, Rule):
        return entry
    if not isinstance(entry, dict):
        return _rule(*entry, flags=flags)
    if ("tokens" in entry) == ("regex" in entry):
        raise ValueError(f"pattern {entry.get('name')!r}: give either tokens or regex")
    return _rule(entry["name"], entry["tokens"] if "tokens" in entry else entry["regex"], flags)


class Matcher:
    """Named rules, regexes and token patterns, run together behind one prefilter."""

    # every Matcher built so far (annotators build theirs once, from their data files):
    # what tests/test_matcher.py checks the engine's promise on
    built: "weakref.WeakSet[Matcher]" = weakref.WeakSet()

    def __init__(self, rules: Iterable[Rule | dict | tuple[str, str | re.Pattern | Sequence[dict]]],
                 flags: int = 0):
        """``rules``: (name, regex or token pattern) pairs, the ``[[pattern]]`` tables of a
        data file (``name`` and ``regex`` or ``tokens``), or Rules; ``flags`` compile the
        regexes given as strings."""
        self.rules: tuple[Rule, ...] = tuple(_as_rule(r, flags) for r in rules)
        Matcher.built.add(self)
        self.names = {r.name: i for i, r in enumerate(self.rules)}
        self._subsets: dict[tuple[str, ...], Matcher] = {}
        # the literal stage (regex rules): a rule may match where its heads, else its needs, are
        self._regex = tuple(i for i, r in enumerate(self.rules) if r.regex is not None)
        keys = {i: self.rules[i].heads or self.rules[i].needs for i in self._regex}
        literals = sorted({x for k in keys.values() for x in k or ()})
        # at every offset, the longest literal starting there; with it every literal that
        # is its prefix starts there too
        # when every rule starts with a head and a look-behind that keeps a word character
        # (or a digit) out from before it, only offsets after none need scanning
        # (lower-casing keeps what is a word character: tests/test_matcher.py)
        guards = {self.rules[i].guard if self.rules[i].heads else None for i in self._regex}
        guard = _WORD_START if guards == {_WORD_START} else _DIGIT_START if None not in guards else ""
        self._scan, self._pad = _scan_pattern(literals, guard) if literals else (None, "")
        self._prefixes = {a: tuple(b for b in literals if a.startswith(b)) for a in literals}
        self._by_literal = {a: tuple(i for i, k in keys.items() if k and a in k) for a in literals}
        self._always = tuple(i for i, k in keys.items() if k is None)
        self._head_sets = [frozenset(r.heads or ()) for r in self.rules]
        self._digit_heads = any(h[0] in _DIGITS for hs in self._head_sets for h in hs)
        # longest literal -> the rules one of whose heads begins where it begins (a head
        # there is one of its prefixes): where each rule is tried, read off the one scan
        rules_at = {a: tuple(i for i, hs in enumerate(self._head_sets) if hs.intersection(pre))
                    for a, pre in self._prefixes.items()}
        # for _scanned, worked out once instead of per text: rules tried at the same longest
        # literals share their offsets (the date rules: 25 rules, 12 such groups), and the
        # rules that may match where a longest literal is (through any of its prefixes)
        triggers: dict[int, set[str]] = {}
        for a, rules_there in rules_at.items():
            for i in rules_there:
                triggers.setdefault(i, set()).add(a)
        groups: dict[frozenset[str], list[int]] = {}
        for i, lits in triggers.items():
            groups.setdefault(frozenset(lits), []).append(i)
        self._group_rules = [tuple(rules_there) for rules_there in groups.values()]
        self._groups_at = {a: tuple(g for g, lits in enumerate(groups) if a in lits) for a in self._prefixes}
        self._may_match_at = {a: frozenset(self._always).union(*(self._by_literal[b] for b in pre))
                              for a, pre in self._prefixes.items()}
        # the word stage (token patterns): word form -> the rules that may start at it; a
        # rule that may match no word at all (every spec optional) is tried at every word
        self._tokens = tuple(i for i, r in enumerate(self.rules) if r.regex is None)
        self._everywhere = frozenset(i for i in self._tokens if all(s.op in ("?", "*") for s in self.rules[i].specs))
        self._starts = _WordCache(self._rules_starting)

    def __len__(self) -> int:
        return len(self.rules)

    # --- what callers ask ---------------------------------------------------------------
    # text[start:end] is searched; ``toks``: its words (extract/tokens.py) when split
    # already, else a matcher with token patterns splits it

    def matches(self, text: str, start: int = 0, end: int | None = None, toks: Sequence[tuple] | None = None
                ) -> list[Hit]:
        """Every match of every rule in text[start:end], rule by rule in order, each rule's
        in text order: what ``finditer`` gives for a regex rule, the longest match from each
        word where one starts for a token pattern."""
        end, toks, where, starts = self._prefilter(text, start, end, toks, True)
        out: list[Hit] = []
        for i, at in where:
            r = self.rules[i]
            name = r.name
            found = r.regex.finditer(text, start, end) if at is None else _at(r.regex, text, end, at)
            out += [_new(Hit, (i, name, m.start(), m.end(), m, None)) for m in found]
        if starts:
            out += self._token_hits(text, toks, _nonempty(starts))
            if len(out) > 1:
                out.sort(key=_RULE)  # rule by rule (a stable sort: each rule's in text order)
        return out

    def found(self, text: str, start: int = 0, end: int | None = None, toks: Sequence[tuple] | None = None
              ) -> list[str]:
        """Names (in rule order) of the rules that match somewhere in text[start:end]."""
        end, toks, where, starts = self._prefilter(text, start, end, toks, False)
        rules = self.rules
        hit = {i for i, _at in where if rules[i].regex.search(text, start, end)}
        if starts:
            hit.update(h.rule for h in self._token_hits(text, toks, _nonempty(starts)))
        return [rules[i].name for i in sorted(hit)]

    def search(self, text: str, start: int = 0, end: int | None = None, toks: Sequence[tuple] | None = None
               ) -> bool:
        """Does any rule match somewhere in text[start:end]?  (Regex rules in order,
        stopping at the first that matches.)"""
        end, toks, where, starts = self._prefilter(text, start, end, toks, False)
        for i, _at in where:
            if self.rules[i].regex.search(text, start, end):
                return True
        return bool(starts and self._token_hits(text, toks, _nonempty(starts)))

    def candidates(self, text: str, start: int = 0, end: int | None = None, toks: Sequence[tuple] | None = None
                   ) -> list[int]:
        """Indices (in order) of the rules that may match in text[start:end]: the
        prefilter's answer alone."""
        _end, _toks, where, starts = self._prefilter(text, start, end, toks, False)
        return sorted({i for i, _at in where}.union(*starts))

    def match_at(self, name: str, text: str, toks: Sequence[tuple], i: int) -> Hit | None:
        """The match of rule ``name`` that starts at the word toks[i] (a token pattern's
        longest), or None."""
        n = self.names[name]
        r = self.rules[n]
        if r.regex is not None:
            m = r.regex.match(text, toks[i][0])
            return m and _new(Hit, (n, name, m.start(), m.end(), m, None))
        hits = self._token_hits(text, toks, [(i, (n,))], tested=0)
        return hits[0] if hits else None

    def accepts(self, name: str, word: str) -> bool:
        """Does the one-word token pattern ``name`` accept ``word``?  (A word test kept as data.)"""
        specs = self.rules[self.names[name]].specs
        if len(specs) != 1:
            raise ValueError(f"token pattern {name!r} is not one word long")
        return specs[0].test(word)

    def subset(self, *names: str) -> Matcher:
        """A Matcher of some of the rules (built once): what a stage runs over a whole text,
        leaving the others to match_at and accepts."""
        if names not in self._subsets:
            self._subsets[names] = Matcher(self.rules[self.names[n]] for n in names)
        return self._subsets[names]

    # --- the prefilter --------------------------------------------------------------------

    def _prefilter(self, text: str, start: int, end: int | None, toks, places: bool):
        """(end, toks, where, starts), the prefilter's answer for text[start:end]: ``where``
        pairs every regex rule that may match (in rule order) with the offsets it may start
        at (None: anywhere, a ``finditer``; always None with ``places=False``: which rules,
        not where); ``starts`` holds for every word the token patterns that may start there."""
        end = len(text) if end is None else end
        where: dict[int, list[int] | None] = {}
        if self._regex:
            low = self._lowered(text, start, end)
            if low is None:
                where = dict.fromkeys(self._regex)
            elif places and len(self._prefixes) > _FEW:
                where = self._scanned(low, start)
            else:
                present = self._present(low)
                where = dict.fromkeys(self._candidates(present))
                if places:
                    self._head_places(where, low, present, start)
        starts: list[tuple[int, ...]] = []
        if self._tokens:
            toks = split_text(text, start, end) if toks is None else toks
            starts = list(map(self._starts.__getitem__, map(itemgetter(2), toks)))  # a look-up per word
        return end, toks, where.items(), starts

    def _lowered(self, text: str, start: int, end: int) -> str | None:
        """text[start:end] lower-cased, or None where lower-casing cannot stand for
        re.IGNORECASE (a FOLDS_APART character)."""
        if self._digit_heads and _OTHER_DIGIT.search(text, start, end):
            return None
        return _lower(text, start, end)

    def _present(self, low: str) -> set[str]:
        """The literals that occur in ``low``: a substring search each when they are few,
        else one trie scan of ``low`` (faster for hundreds of literals)."""
        if self._scan is None:
            return set()
        if len(self._prefixes) <= _FEW:
            return set(filter(low.__contains__, self._prefixes))  # (a C loop)
        prefixes = self._prefixes
        return {b for a in set(self._scan.findall(self._pad + low)) for b in prefixes[a]}

    def _candidates(self, present: set[str]) -> list[int]:
        by_literal = self._by_literal
        return sorted(set(self._always).union(*(by_literal[a] for a in present)))

    def _head_places(self, where: dict, low: str, present: set[str], start: int) -> None:
        """Where each rule of ``where`` with heads may start: where one of its heads (those
        present) begins, each head searched for once."""
        offsets: dict[str, list[int]] = {}
        for i in where:
            heads = self._head_sets[i] & present
            if not heads:
                continue  # a rule without heads runs as finditer
            at = []
            for h in heads:
                if h not in offsets:
                    offsets[h] = _offsets(low, h, start)
                at += offsets[h]
            where[i] = sorted(set(at)) if len(at) > 1 else at

    def _scanned(self, low: str, start: int) -> dict[int, list[int] | None]:
        """``where`` for a matcher of many literals: the trie scan (the longest literal at
        every offset, every literal there being a prefix of it) gives the literals present
        and, at once, where each rule's heads begin, in order, so no literal is searched
        for again.  (A scan of word starts only misses heads inside words, where those
        rules, which begin with a look-behind for a non-word character, cannot match; one
        of offsets after no digit likewise.)"""
        at: defaultdict[str, list[int]] = defaultdict(list)  # longest literal -> its offsets
        for m in self._scan.finditer(self._pad + low):
            at[m.group(1)].append(m.start())
        if not at:
            return dict.fromkeys(self._always)  # (most sentences)
        # then per group of rules, the offsets of the literals its heads begin (one list per
        # literal, not one append per rule and offset: a digit head begins at every digit)
        lits: dict[int, list[str]] = {}
        groups_at = self._groups_at
        for a in at:
            for g in groups_at[a]:
                lits.setdefault(g, []).append(a)
        places: dict[int, list[int]] = {}
        for g, a in lits.items():
            offsets = at[a[0]] if len(a) == 1 else sorted(chain.from_iterable(map(at.__getitem__, a)))
            if start:
                offsets = [p + start for p in offsets]
            for i in self._group_rules[g]:
                places[i] = offsets
        may_match = frozenset().union(*map(self._may_match_at.__getitem__, at))
        return {i: places.get(i) for i in sorted(may_match)}

    def _rules_starting(self, word: str) -> tuple[int, ...]:
        return tuple(i for i in self._tokens if i in self._everywhere
                     or any(self.rules[i].specs[k].test(word) for k in self.rules[i].firsts))

    # --- running a rule where the prefilter lets it ----------------------------------------

    def _token_hits(self, text: str, toks, starts: Iterable[tuple[int, tuple[int, ...]]], tested: int = 1
                    ) -> list[Hit]:
        """The matches of token patterns from the words of ``starts`` (a word's index, the
        rules to try there), in text order; a plain pattern's first word passed the
        prefilter there (unless ``tested=0``)."""
        out = []
        rules, count = self.rules, len(toks)
        for k, ids in starts:
            if not ids:  # (most words)
                continue
            for i in ids:
                r = rules[i]
                specs = r.specs
                if not r.plain:
                    j = _match(specs, 0, text, toks, k, k)
                elif k + len(specs) > count:
                    continue
                else:  # one word per spec: a test each, no backtracking
                    j = k + len(specs)
                    for q in range(k + tested, j):
                        s = specs[q - k]
                        if not s.test(toks[q][2]) or \
                                (s.gap is not None and (q == k or text[toks[q - 1][1]:toks[q][0]] not in s.gap)):
                            j = None
                            break
                if j is not None:
                    out.append(_new(Hit, (i, r.name, toks[k][0], toks[j - 1][1] if j > k else toks[k][0], None, (k, j))))
        return out


def _scan_pattern(literals: list[str], guard: str) -> tuple[re.Pattern, str]:
    """The one scan of a lower-cased text for the longest literal at each offset where one
    may start, and the text to put in front of what it reads (its offsets stay the text's)."""
    trie = trie_pattern(literals)
    if guard == _WORD_START:
        # a word start follows a non-word character: a scan that consumes it lets re skip
        # to the next one in C (a look-behind in front is tried at every offset); over the
        # text after a space, a match starts at its literal's offset in the text
        return re.compile(rf"\W(?=({trie}))"), " "
    # the set of first characters in front: re then skips the other offsets in C
    firsts = "".join(sorted({re.escape(a[0]) for a in literals}))
    return re.compile(f"{guard}(?=[{firsts}])(?=({trie}))"), ""


# the stretches lower-cased last, shared by every matcher: most stretches are read by
# several (a sentence by both of programmes' matchers and by projects' cue words, a page by
# the tribute test and search), each of which lower-cased it anew (14k times for 3.3k
# stretches per 300 pages); emptied when full, so it holds a few pages at most
_LOWER_CACHE: dict[tuple[str, int, int], str | None] = {}
_LOWER_CACHE_SIZE = 64


def _lower(text: str, start: int, end: int) -> str | None:
    """text[start:end] lower-cased with every white space as " ", or None when it holds a
    FOLDS_APART character."""
    key = (text, start, end)
    low = _LOWER_CACHE.get(key, False)
    if low is False:
        if len(_LOWER_CACHE) >= _LOWER_CACHE_SIZE:
            _LOWER_CACHE.clear()
        low = None if _FOLDS_APART.search(text, start, end) else text[start:end].lower()
        if low is not None and _OTHER_SPACE.search(low):
            low = _OTHER_SPACE.sub(" ", low)
        _LOWER_CACHE[key] = low
    return low


def _nonempty(starts: list[tuple[int, ...]]) -> Iterable[tuple[int, tuple[int, ...]]]:
    """(index, rules) of the words where some token pattern may start, picked in C (most
    words start none)."""
    return filter(_RULES_OF, enumerate(starts))


_RULES_OF = itemgetter(1)
_new = tuple.__new__  # a Hit without a Python-level __new__ call (a page has hundreds)
_RULE = itemgetter(0)  # a Hit's rule


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
    match = regex.match  # (a page tries tens of thousands of places)
    for p in places:
        if p >= last:
            m = match(text, p, end)
            if m:
                out.append(m)
                last = m.end()
                if last == p:
                    last += 1  # (an empty match: the next one starts after it)
    return out


def _guard(seq: list, flags: int) -> str | None:
    """_WORD_START or _DIGIT_START when the parse items open with a look-behind that keeps
    every word character (or every digit) out from before a match."""
    if not seq or seq[0][0] is not sre_constants.ASSERT_NOT or seq[0][1][0] != -1 or flags & re.ASCII:
        return None
    inner = list(seq[0][1][1])
    if len(inner) != 1 or inner[0][0] is not sre_constants.IN:
        return None
    kinds = {v for o, v in inner[0][1] if o is sre_constants.CATEGORY}
    return _WORD_START if sre_constants.CATEGORY_WORD in kinds else \
        _DIGIT_START if sre_constants.CATEGORY_DIGIT in kinds else None


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
    """Lower-case strings (2+ characters, or one digit or punctuation mark) one of which
    every match of the parse items starts with (whitespace written as " "), or None when
    some match may start otherwise.  When what the match consumes gives none, a lookahead
    it opens with may: "(?=rok|lat)..." starts where "rok" or "lat" does."""
    found = _literal_heads(seq)
    # a beginning of a head is one too: keep what a lower-cased text shows as written
    heads = {_HEAD_CHARS.match(head.lower()).group() for head, _complete in found or ()}
    # a head of one letter would be tried almost everywhere; a digit or punctuation mark is rare
    if not heads or any(len(h) < 2 and (not h or (h.isalnum() and h not in _DIGITS)) for h in heads):
        return _lookahead_heads(seq)
    # a head that starts with another adds no place to try ("finansowan " after "finansowan");
    # in sorted order a head's prefix comes before it and before anything between them
    kept: list[str] = []
    for h in sorted(heads):
        if not kept or not h.startswith(kept[-1]):
            kept.append(h)
    return tuple(kept)


def _lookahead_heads(seq: list) -> tuple[str, ...] | None:
    """The heads of the first lookahead among the zero-width items a match opens with."""
    for op, av in seq:
        if op is sre_constants.ASSERT and av[0] == 1:  # (?=...): its match starts here
            return _heads(list(av[1]))
        if op not in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            return None
    return None


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
        chars = _set_chars(av)
        if chars is not None:
            # after a digit range or \\d the head stops: "1", not "1.01" ... "39.99"
            complete = all(o is sre_constants.LITERAL for o, _v in av)
            return [(" " if ch.isspace() else ch, complete) for ch in chars]
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


def _set_chars(items) -> list[str] | None:
    """The characters a set ([...]) of literals, digit ranges and \\d matches, or None.
    (\\d stands for 0-9: a text with another digit is matched without the prefilter.)"""
    chars = []
    for o, v in items:
        if o is sre_constants.LITERAL:
            chars.append(chr(v))
        elif o is sre_constants.RANGE and chr(v[0]) in _DIGITS and chr(v[1]) in _DIGITS:
            chars += [chr(c) for c in range(v[0], v[1] + 1)]
        elif o is sre_constants.CATEGORY and v is sre_constants.CATEGORY_DIGIT:
            chars += sorted(_DIGITS)
        else:
            return None
    return chars


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


# --- token patterns ------------------------------------------------------------------
#
# A token pattern is a rule over the words of a text (extract/tokens.py) rather than its
# characters, in the manner of spaCy's Matcher: a sequence of token constraints, each a
# TOML table, e.g. a function word and a capitalised pair of words
#
#     [[pattern]]
#     name = "person:after_function"
#     tokens = [{ in = "function" }, { cap = true, op = "?" }, { cap = true, gap = [" "] }]
#
# What one constraint may say (all that it says must hold):
#   text, lower     the word as written / lower-cased is one of a list (literals)
#   lemma           one of the word's readings has one of these lemmas (lower-cased);
#   pos, case, number, gender, qual
#                   ... and that same reading has one of these parts of speech, cases,
#                   numbers, genders, qualifiers (nazwa_geograficzna, imię, nazwisko, ...);
#                   the readings are morfeusz2's (extract/morph.py), of the word as
#                   written, or of the lower-cased word with read = "lower"
#   all_pos         every reading of the word has one of these parts of speech (and it
#                   has one): "fin"/"praet" only, no noun reading
#   cap, upper, acronym, known
#                   true/false: capitalised, all capitals, an acronym, known to morfeusz2
#   in, not_in      the word is / is not in a named lexicon (or in any of a list of them)
#                   of extract/lexicon.py
#                   (lexicon.WORD_TESTS: "function", "org_head", "title", "place", ...)
#   gap             the text between the previous word and this one is one of a list
#                   (" ", ". ", ", "); not allowed on the first constraint
#   op              "?" optional, "*" any number, "+" one or more (greedy; default once)
# A list (lower, lemma) may name a lexicon instead: "@functions" (lexicon.WORD_LISTS).
#
# Every constraint is a test of one word form (and of the gap before it), so its answer is
# cached per word form: a word met on many pages is tested once (and the Matcher's word
# stage asks the first constraints only).

_SPEC_KEYS = frozenset({"text", "lower", "lemma", "pos", "case", "number", "gender", "qual", "read", "all_pos",
                        "cap", "upper", "acronym", "known", "in", "not_in", "gap", "op"})
_READING_KEYS = ("lemma", "pos", "case", "number", "gender", "qual")
_OPS = ("", "?", "*", "+")


@dataclass(frozen=True)
class TokenSpec:
    """One compiled token constraint."""

    test: "Callable[[str], bool]"  # the word test (cached per word form)
    gap: frozenset[str] | None  # allowed text before the word (None: anything)
    op: str  # "", "?", "*", "+"


class _WordCache(dict):
    """word -> the word test's answer; emptied when full (a page's words are few)."""

    def __init__(self, test):
        super().__init__()
        self.test = test

    def __missing__(self, word: str) -> bool:
        if len(self) >= 200_000:
            self.clear()
        answer = self[word] = self.test(word)
        return answer


def _word_list(value, key: str, rule: str) -> frozenset[str]:
    if isinstance(value, str) and value.startswith("@"):
        if value[1:] not in lexicon.WORD_LISTS:
            raise ValueError(f"token pattern {rule!r}: no word list {value!r} "
                             f"(known: {', '.join('@' + n for n in sorted(lexicon.WORD_LISTS))})")
        return lexicon.WORD_LISTS[value[1:]]()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"token pattern {rule!r}: {key} must be a list of words or '@lexicon'")
    return frozenset(v.lower() for v in value) if key in ("lower", "lemma") else frozenset(value)


def _token_spec(spec: dict, rule: str = "?") -> TokenSpec:
    """A token constraint (a TOML table, see above) as a cached word test."""
    unknown = set(spec) - _SPEC_KEYS
    if unknown:
        raise ValueError(f"token pattern {rule!r}: unknown key(s) {', '.join(sorted(unknown))}")
    op = spec.get("op", "")
    if op not in _OPS:
        raise ValueError(f"token pattern {rule!r}: op must be one of '?', '*', '+', not {op!r}")
    if spec.get("read", "lower") != "lower":
        raise ValueError(f"token pattern {rule!r}: read can only be \"lower\", not {spec['read']!r}")
    tests = []
    if "text" in spec:
        forms = _word_list(spec["text"], "text", rule)
        tests.append(forms.__contains__)
    if "lower" in spec:
        lowers = _word_list(spec["lower"], "lower", rule)
        tests.append(lambda w: w.lower() in lowers)
    for key, check in (("cap", is_cap), ("upper", str.isupper), ("acronym", is_acronym),
                       ("known", lambda w: bool(morph.analyse(w)))):
        if key in spec:
            want = bool(spec[key])
            tests.append(lambda w, check=check, want=want: check(w) == want)
    for key, want in (("in", True), ("not_in", False)):
        for name in [spec[key]] if isinstance(spec.get(key), str) else spec.get(key, ()):
            if name not in lexicon.WORD_TESTS:
                raise ValueError(f"token pattern {rule!r}: no lexicon {name!r} "
                                 f"(known: {', '.join(sorted(lexicon.WORD_TESTS))})")
            word_test = lexicon.WORD_TESTS[name]
            tests.append(lambda w, t=word_test, want=want: bool(t(w)) == want)
    wanted = {k: _word_list(spec[k], k, rule) for k in _READING_KEYS if k in spec}
    if "lemma" in wanted:
        forms = morph.forms_of(wanted["lemma"])
        if forms is not None:  # a word no lemma has as a form is not analysed to find that out
            tests.append(lambda w: morph.may_read_as(w, forms))
    if wanted:
        lower = spec.get("read", "") == "lower"
        tests.append(lambda w: any(_reading_fits(a, wanted) for a in morph.analyse(w.lower() if lower else w)))
    if "all_pos" in spec:
        only = _word_list(spec["all_pos"], "all_pos", rule)
        lower = spec.get("read", "") == "lower"
        tests.append(lambda w: bool(an := morph.analyse(w.lower() if lower else w)) and all(a.pos in only for a in an))
    gap = spec.get("gap")
    cache = _WordCache(lambda w: all(t(w) for t in tests))
    return TokenSpec(cache.__getitem__, frozenset(_word_list(gap, "gap", rule)) if gap is not None else None, op)


def _reading_fits(a: morph.Analysis, wanted: dict[str, frozenset[str]]) -> bool:
    for key, values in wanted.items():
        if key == "lemma":
            if a.lemma.lower() not in values:
                return False
        elif key == "pos":
            if a.pos not in values:
                return False
        elif values.isdisjoint(a.quals if key == "qual" else a.cases if key == "case"
                               else a.numbers if key == "number" else a.genders):
            return False
    return True




def _match(specs: tuple[TokenSpec, ...], k: int, text: str, toks, i: int, first: int) -> int | None:
    """Longest match of specs[k:] from toks[i] (greedy repeats with backtracking)."""
    if k == len(specs):
        return i
    s = specs[k]
    # how far the spec can repeat from i
    reach = i
    limit = 1 if s.op in ("", "?") else len(toks)
    while reach < len(toks) and reach - i < limit and s.test(toks[reach][2]) and \
            (s.gap is None or (reach > first and text[toks[reach - 1][1]:toks[reach][0]] in s.gap)):
        reach += 1
    least = 0 if s.op in ("?", "*") else 1
    for n in range(reach, i + least - 1, -1):
        end = _match(specs, k + 1, text, toks, n, first)
        if end is not None:
            return end
    return None

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
from operator import itemgetter
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from extract import lexicon, morph
from extract.tokens import is_acronym, is_cap

# Characters for which lower-casing the text does not keep offsets or does not map a
# character to the letter re.IGNORECASE equates it with: "İ" lower-cases to two
# characters, "ı" and "ſ" match "i"/"I" and "s"/"S" under IGNORECASE but lower-case to
# themselves.  (tests/test_matcher.py checks this over every code point.)  A text holding
# one of them is matched without the prefilter.
FOLDS_APART = frozenset("\u0130\u0131\u017f")
_FOLDS_APART = re.compile("[\u0130\u0131\u017f]")
_WORD_START = r"(?<!\w)"
# up to this many literals, a substring search each beats the trie scan (measured on
# sentences and zones: at 43 literals the scan is faster at every length, at 22 slower)
_FEW = 32
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
        # longest literal -> the rules one of whose heads begins where it begins (a head
        # there is one of its prefixes): where each rule is tried, read off the one scan
        self._rules_at = {a: tuple(i for i, hs in enumerate(self._head_sets) if hs.intersection(pre))
                          for a, pre in self._prefixes.items()}

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
        if len(self._prefixes) > _FEW:
            return self._scanned_matches(text, start, end, low)
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

    def _scanned_matches(self, text: str, start: int, end: int, low: str) -> list[tuple[int, re.Match]]:
        """``matches`` for a matcher of many literals: the trie scan (the longest literal
        at every offset, every literal there being a prefix of it) gives the literals
        present and, at once, where each rule's heads begin, in order, so no literal is
        searched for again.  (A scan of word starts only misses heads inside words, where
        those rules, which begin with a look-behind for a non-word character, cannot match.)"""
        prefixes, rules_at = self._prefixes, self._rules_at
        longest: set[str] = set()
        places: dict[int, list[int]] = {}
        for m in self._scan.finditer(low):
            a = m.group(1)
            longest.add(a)
            for i in rules_at[a]:
                if i in places:
                    places[i].append(m.start() + start)
                else:
                    places[i] = [m.start() + start]
        out: list[tuple[int, re.Match]] = []
        for i in self._candidates({b for a in longest for b in prefixes[a]}):
            r = self.rules[i]
            if r.heads is None:
                out.extend((i, m) for m in r.regex.finditer(text, start, end))
            else:
                out.extend((i, m) for m in _at(r.regex, text, end, places[i]))
        return out

    def found(self, text: str, start: int = 0, end: int | None = None) -> list[str]:
        """Names (in rule order) of the rules that match somewhere in text[start:end]."""
        end = len(text) if end is None else end
        rules = self.rules
        return [rules[i].name for i in self.candidates(text, start, end) if rules[i].regex.search(text, start, end)]

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
# cached per word form: a word met on many pages is tested once.  The prefilter: a rule is
# tried only at the tokens that its first constraint accepts (looked up once per word form
# in one dict for all rules of a TokenMatcher), so a page costs one dict look-up per token
# plus the few places where a rule can start.

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


@dataclass(frozen=True)
class TokenRule:
    name: str
    specs: tuple[TokenSpec, ...]
    firsts: tuple[int, ...]  # the specs a match can start with (those before the first required one)
    plain: bool  # one word per spec (no op): matched without backtracking


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


def compile_token(spec: dict, rule: str = "?") -> TokenSpec:
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


def token_rule(name: str, specs: Sequence[dict]) -> TokenRule:
    """A named token pattern compiled once."""
    if not specs:
        raise ValueError(f"token pattern {name!r}: no tokens")
    if "gap" in specs[0]:
        raise ValueError(f"token pattern {name!r}: the first token can have no gap")
    compiled = tuple(compile_token(s, name) for s in specs)
    firsts = []
    for k, s in enumerate(compiled):
        firsts.append(k)
        if s.op not in ("?", "*"):
            break
    return TokenRule(name, compiled, tuple(firsts), all(s.op == "" for s in compiled))


def token_rules(entries: Iterable[dict]) -> list[TokenRule]:
    """``[[pattern]]`` tables of a data file (name, tokens) as TokenRules."""
    return [token_rule(e["name"], e["tokens"]) for e in entries]


class TokenMatcher:
    """Named token patterns run together over a list of tokens."""

    # every TokenMatcher built so far: what tests/test_matcher.py checks the prefilter on
    built: "weakref.WeakSet[TokenMatcher]" = weakref.WeakSet()

    def __init__(self, rules: Iterable[TokenRule]):
        self.rules: tuple[TokenRule, ...] = tuple(rules)
        TokenMatcher.built.add(self)
        self._subsets: dict[tuple[str, ...], TokenMatcher] = {}
        self.names = {r.name: i for i, r in enumerate(self.rules)}
        # a rule that may match the empty sequence (every spec optional) is tried everywhere
        self._everywhere = tuple(i for i, r in enumerate(self.rules)
                                 if all(s.op in ("?", "*") for s in r.specs))
        self._starts = _WordCache(self._rules_starting)

    def _rules_starting(self, word: str) -> tuple[int, ...]:
        return tuple(i for i, r in enumerate(self.rules)
                     if i in self._everywhere or any(r.specs[k].test(word) for k in r.firsts))

    def subset(self, *names: str) -> "TokenMatcher":
        """A TokenMatcher of some of the rules (built once): what a stage runs over every
        token, leaving the rest to match_at."""
        if names not in self._subsets:
            self._subsets[names] = TokenMatcher(self.rules[self.names[n]] for n in names)
        return self._subsets[names]

    def accepts(self, name: str, word: str) -> bool:
        """Does the one-word rule ``name`` accept ``word``?  (A word test kept as data.)"""
        specs = self.rules[self.names[name]].specs
        if len(specs) != 1:
            raise ValueError(f"token pattern {name!r} is not one word long")
        return specs[0].test(word)

    def starts(self, toks: Sequence[tuple]) -> list[tuple[int, tuple[int, ...]]]:
        """(token index, rules that may start there) for every token where one may: the
        prefilter, one dict look-up per token."""
        return [(i, ids) for i, ids in enumerate(map(self._starts.__getitem__, map(itemgetter(2), toks))) if ids]

    def match_at(self, rule: int, text: str, toks: Sequence[tuple], i: int) -> int | None:
        """The end (exclusive token index) of the longest match of rule ``rule`` starting at
        toks[i], or None."""
        r = self.rules[rule]
        return _plain(r.specs, text, toks, i) if r.plain else _match(r.specs, 0, text, toks, i, i)

    def matches(self, text: str, toks: Sequence[tuple]) -> list[tuple[int, int, int]]:
        """(rule index, first token, end token) of every rule matching at every token, in
        token order (rules in order at one token); each the longest match from its start."""
        out = []
        rules = self.rules
        words = list(map(itemgetter(2), toks))
        count = len(words)
        for i, ids in enumerate(map(self._starts.__getitem__, words)):
            if not ids:
                continue
            for r in ids:
                rule = rules[r]
                if not rule.plain:
                    j = _match(rule.specs, 0, text, toks, i, i)
                    if j is not None:
                        out.append((r, i, j))
                    continue
                # one word per spec, the first passed the prefilter: test the rest in line
                specs = rule.specs
                end = i + len(specs)
                if end > count:
                    continue
                for k in range(i + 1, end):
                    s = specs[k - i]
                    if not s.test(words[k]) or (s.gap is not None and text[toks[k - 1][1]:toks[k][0]] not in s.gap):
                        break
                else:
                    out.append((r, i, end))
        return out


def _plain(specs: tuple[TokenSpec, ...], text: str, toks, i: int, tested: int = 0) -> int | None:
    """The match of specs (one word each) from toks[i]: one test per word, no backtracking
    (the first ``tested`` words are known to pass)."""
    end = i + len(specs)
    if end > len(toks):
        return None
    for k, s in enumerate(specs[tested:], i + tested):
        if not s.test(toks[k][2]) or (s.gap is not None and (k == i or text[toks[k - 1][1]:toks[k][0]] not in s.gap)):
            return None
    return end


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

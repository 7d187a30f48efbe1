"""Named initiatives: projects, seminars, conferences, trainings, competitions...

A name is found next to a cue noun (extract/data/projects.toml): in quotes of any style
("projekt „X”", "projektu pn. :X”"), after a strong connector running to the end of its
clause ("seminarium: Polskie doświadczenia w reformie samorządowej"), as a chain of
capitalised words ("konkursu Samorządowy Lider Zarządzania 2012 - Usługi Techniczne"),
or before "to projekt" at the start of a sentence. Variants of one name are merged.
"""
from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extract.text import sentences

DATA = Path(__file__).parent / "data" / "projects.toml"

UPPER = "A-ZĄĆĘŁŃÓŚŹŻ"
OPEN_QUOTES = "„\"“‘«‚"
CLOSE_QUOTES = "”\"“’»"
# a capitalised word (hyphenated parts and a trailing "+" allowed: "Erasmus+")
CAP = rf"[{UPPER}][\w+]*(?:-[\w+]+)*"
# the next token of a name: a capitalised word or a year, optionally after a short joiner
_NEXT = rf"(?:\s+(?:(?:i|w|z|ze|na|dla|do|o|od|im\.|-|–|—|&)\s+)?(?:{CAP}|\d{{4}}(?:\s?r\.)?(?=\s|$|[,;:)]|\.\s|\.$)))"
CHAIN = re.compile(rf"{CAP}{_NEXT}*")
_YEAR_ONLY = re.compile(r"^\d{4}(?:\s?r\.)?$")
_JOINERS = {"i", "w", "z", "ze", "na", "dla", "do", "o", "od", "im.", "-", "–", "—", "&"}


@dataclass(frozen=True)
class Rules:
    cue: re.Pattern
    kinds: dict[str, str]
    after: re.Pattern
    strong: re.Pattern
    to_cue: re.Pattern
    clause_end: re.Pattern
    org_prefixes: re.Pattern
    stop: frozenset[str]


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    kinds = {}
    for cue in data["cue"]:
        for form in cue["forms"]:
            kinds[form.lower()] = cue["kind"]
    forms = sorted(kinds, key=len, reverse=True)
    cue_re = r"(?<!\w)(?:" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms) + r")(?!\w)"
    conn = data["connectors"]
    strong = "|".join(conn["strong"])
    weak = "|".join(conn["weak"])
    # after the cue: adjectives, then connectors; groups tell what was crossed
    after = re.compile(
        rf"(?P<fill>(?:\s+(?:{conn['filler']})){{0,3}})"
        rf"(?P<conn>(?:\s*(?:{strong}|{weak}))*)\s*"
    )
    strong_re = re.compile(rf"(?:{strong})\s*$")
    # "X to projekt", "„X” - to ogólnopolski projekt" at the start of a sentence
    to_cue = re.compile(
        rf"^(?:\([^()]{{1,30}}\)\s*)?(?P<name>[{OPEN_QUOTES}][^{OPEN_QUOTES}{CLOSE_QUOTES}\n]{{2,200}}[{CLOSE_QUOTES}]|{CHAIN.pattern})"
        rf"(?P<rest>(?:\s+[\w.]+){{0,4}}?)\s*[-–—]?\s*to\s+(?:[a-ząćęłńóśźż]+\s+){{0,2}}(?P<cue>{cue_re})",
    )
    names = data["names"]
    rules_ = Rules(
        cue=re.compile(cue_re, re.I),
        kinds=kinds,
        after=after,
        strong=strong_re,
        to_cue=to_cue,
        clause_end=re.compile("|".join(names["clause_end"])),
        org_prefixes=re.compile(r"(?:" + "|".join(names["org_prefixes"]) + r")\w{0,4}(?!\w)"),
        stop=frozenset(_norm(s) for s in names["stop"]),
    )
    return rules_


def find_projects(page) -> list[dict]:
    """Named initiatives the page reports on, one item per initiative (variants merged)."""
    text = page.text
    r = rules()
    found: list[dict] = []
    for s, e in sentences(text, page.zones):
        found.extend(_in_sentence(text, s, e, r))
    items = _merge(found)
    return _drop_programmes(page, items)


def _in_sentence(text: str, s: int, e: int, r: Rules) -> list[dict]:
    sent = text[s:e]
    shouting = _is_shouting(sent)
    out = []
    for m in r.cue.finditer(sent):
        kind = r.kinds[_space(m.group()).lower()]
        if kind == "programme" and _funding_context(sent):
            continue  # a programme that pays: extract/programmes.py
        span = _name_after(sent, m.end(), r, shouting)
        if span:
            out.append(_item(text, s + span[0], s + span[1], kind, span[2]))
    m = r.to_cue.match(sent)
    if m and not (shouting and m.group("name")[0] not in OPEN_QUOTES):
        a, b = m.span("name")
        rule = "quoted_to_cue" if sent[a] in OPEN_QUOTES else "name_to_cue"
        if rule == "quoted_to_cue":
            a, b = a + 1, b - 1
        kind = r.kinds[_space(m.group("cue")).lower()]
        span = _trim(sent, a, b)
        if span and _valid(sent[span[0]:span[1]], r, quoted=rule == "quoted_to_cue"):
            out.append(_item(text, s + span[0], s + span[1], kind, rule))
    return out


def _name_after(sent: str, pos: int, r: Rules, shouting: bool):
    """(start, end, rule) of the name that follows a cue noun ending at ``pos``, or None."""
    m = r.after.match(sent, pos)
    filled, connected = bool(m.group("fill").strip()), m.group("conn").strip()
    at = m.end()
    if at >= len(sent):
        return None
    if sent[at] in OPEN_QUOTES:
        close = _closing_quote(sent, at + 1)
        if close is None:
            return None
        span = _trim(sent, at + 1, close)
        if span and _valid(sent[span[0]:span[1]], r, quoted=True):
            return span + ("quoted_after_cue",)
        return None
    if not re.match(rf"[{UPPER}0-9]", sent[at]):
        return None
    # a name whose opening quote was lost (":X”"): a closing quote ends it
    close = _closing_quote(sent, at)
    if close is not None and close - at <= 150 and not any(q in sent[at:close] for q in OPEN_QUOTES):
        span = _trim(sent, at, close)
        if span and _valid(sent[span[0]:span[1]], r, quoted=True):
            return span + ("broken_quote_after_cue",)
    if filled or shouting:
        return None
    if connected and r.strong.search(m.group("conn")):
        end = r.clause_end.search(sent, at)
        stop = end.start() if end else len(sent)
        span = _trim(sent, at, stop)
        if span and span[1] - span[0] <= 200 and _valid(sent[span[0]:span[1]], r, quoted=False, chain=False):
            return span + ("clause_after_connector",)
    c = CHAIN.match(sent, at)
    if c:
        span = _trim(sent, c.start(), c.end())
        if span and _valid(sent[span[0]:span[1]], r, quoted=False):
            return span + ("capitalised_after_cue",)
    return None


def _closing_quote(sent: str, start: int) -> int | None:
    """Index of the quote closing a name that starts at ``start`` (a closing quote
    followed by a non-letter, so an apostrophe inside a word does not end it)."""
    for i in range(start, min(len(sent), start + 300)):
        ch = sent[i]
        if ch in CLOSE_QUOTES and (i + 1 == len(sent) or not sent[i + 1].isalpha()):
            return i if i > start else None
        if ch == "\n":
            return None
    return None


def _trim(sent: str, a: int, b: int):
    """Shrink (a, b) past spaces, stray punctuation and a leading "projekt"/"pn."."""
    while a < b and (sent[a].isspace() or sent[a] in ":;,-–—" + OPEN_QUOTES):
        a += 1
    lead = re.match(r"(?:projekt|pn\.|pt\.)\s*:?\s+", sent[a:b], re.I)
    if lead and b - a > lead.end() + 2:
        a += lead.end()
    while b > a and (sent[b - 1].isspace() or sent[b - 1] in ",;:-–—" + CLOSE_QUOTES):
        b -= 1
    # a final dot belongs to the sentence unless it closes "r." or an abbreviation
    if b > a and sent[b - 1] == "." and not re.search(r"\b(?:r|im|św|nr)\.$", sent[a:b]):
        b -= 1
    return (a, b) if b - a >= 3 else None


def _valid(name: str, r: Rules, *, quoted: bool, chain: bool = True) -> bool:
    if not re.search(r"[^\W\d_]{2}", name) or _norm(name) in r.stop:
        return False
    if quoted:
        return len(name) <= 250
    if r.org_prefixes.match(name):
        return False
    words = [w for w in name.split() if w not in _JOINERS and not _YEAR_ONLY.match(w)]
    if chain:
        # one capitalised word after a cue is a place, a person or an acronym, not a name;
        # so are chains of places and persons ("partnerstwa Kielc i Winnicy")
        return len(words) >= 2 and not all(w.isupper() for w in words) and not all(map(_proper, words))
    return len(words) >= 2


@lru_cache(maxsize=1)
def _morfeusz():
    import morfeusz2

    return morfeusz2.Morfeusz()


@lru_cache(maxsize=4096)
def _proper(word: str) -> bool:
    """Can the word be a place or a person's name (morfeusz2 lemma tags)?"""
    tags = {"nazwa_geograficzna", "imię", "nazwisko"}
    return any(set(a[2][3]) & tags for a in _morfeusz().analyse(word.strip(".,")))


def _item(text: str, a: int, b: int, kind: str, rule: str) -> dict:
    name = _space(text[a:b])
    return {"name": name, "kind": kind, "text": text[a:b], "start": a, "end": b,
            "evidence": [a, b], "rule": rule}


def _merge(items: list[dict]) -> list[dict]:
    """One item per initiative: variants (with/without a year, longer/shorter) grouped,
    named by the most complete form, kind by majority of the cues that named it."""
    groups: list[list[dict]] = []
    for item in items:
        for group in groups:
            if any(_same(item["name"], other["name"]) for other in group):
                group.append(item)
                break
        else:
            groups.append([item])
    merged = []
    for group in groups:
        best = max(group, key=lambda it: (len(_norm(it["name"])), -it["start"]))
        kinds = Counter(it["kind"] for it in group)
        kind = max(kinds, key=lambda k: (kinds[k], -min(it["start"] for it in group if it["kind"] == k)))
        merged.append({**best, "kind": kind})
    return sorted(merged, key=lambda it: it["start"])


def _same(a: str, b: str) -> bool:
    na, nb = _norm(a), _norm(b)
    if na == nb:
        return True
    short, long_ = sorted((na, nb), key=len)
    if long_.startswith(short) and not long_[len(short)].isalnum():
        return True
    return difflib.SequenceMatcher(None, na, nb).ratio() >= 0.9


def _drop_programmes(page, items: list[dict]) -> list[dict]:
    """A funding programme found by extract/programmes.py is not also a project."""
    from extract.programmes import find_programmes

    names = [p["name"] for p in find_programmes(page)] + [p["text"] for p in find_programmes(page)]
    return [it for it in items if not any(_same(it["name"], n) for n in names)]


_FUNDING = re.compile(r"finansow|dofinansow|współfinansow|środk|dotacj|grant|subwencj|fundusz|pożyczk|wsparci", re.I)


def _funding_context(sent: str) -> bool:
    return bool(_FUNDING.search(sent))


def _is_shouting(sent: str) -> bool:
    letters = [c for c in sent if c.isalpha()]
    return len(letters) >= 6 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _space(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


_QUOTES = re.compile(r"[\"'„”“«»‚‘’()\[\]{}]")


def _norm(name: str) -> str:
    """The scorer's normal form: NFC, lower case, no quotes/brackets, one dash, one space."""
    text = unicodedata.normalize("NFC", name).lower()
    text = _QUOTES.sub("", text)
    text = re.sub(r"[‐‑‒–—−]", "-", text)
    return re.sub(r"\s+", " ", text).strip().rstrip(".,;: ").strip()

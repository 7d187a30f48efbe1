"""Funders implied by the programme or fund that pays: a page that says its project was
"współfinansowany ze środków Norweskiego Mechanizmu Finansowego" or "zrealizowany w
ramach programu Study Tours to Poland" names who pays without naming the body: Norway;
the Polish-American Freedom Foundation.  Who pays for what is knowledge, not text: the
programme -> donors and fund -> funder tables of extract/data/knowledge/ (docs/knowledge.md).

A known programme, fund or funder named in a sentence credits its funder(s) when the page
says it pays: a funder cue reaches it (the cues and scopes of extract/roles.py), it lies
inside a funder the roles stage found, the programmes stage read it as the programme the
money comes through, or the page says the activity was done within it ("w ramach
programu X") or names the programme after its paying owner ("Programu Polsko-Amerykańskiej
Fundacji Wolności „Study Tours to Poland”").  A mechanism is named as its one donor state
("Szwajcarsko-Polski Program Współpracy" -> Switzerland) or, paid by several, as the
mechanism with the donors among its aliases (the EEA Grants: Norway, Iceland and
Liechtenstein); a mechanism the roles stage already found keeps the page's name and takes
those as aliases; a fund credits the body behind it with the fund's names as aliases
("EFRR" -> the European Union).

Reads the layers "cues", "orgs", "funders", "funder_spans", "programmes",
"programme_mentions"; rewrites "funders" (the funders the roles stage found that are
known programmes or funds are named as the knowledge table names them, one item per
funder) and adds the mentions to "funder_spans" (a programme's name is no place).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from pathlib import Path

from extract import knowledge
from extract.doc import Span
from extract.items import named
from extract.matcher import trie_pattern
from extract.roles import roles_at
from extract.tokens import split_words

DATA = Path(__file__).parent / "data" / "implied_funders.toml"

# a word of a programme's or funder's name: letters and digits ("Horyzont 2020"), inner
# hyphens ("U-LEAD"), a closing plus ("Erasmus+", "EFS+")
_WORD = re.compile(r"[^\W_]+(?:[-‐‑][^\W_]+)*\+?")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")


@dataclass(frozen=True)
class _Entry:
    funders: frozenset[str]
    programmes: frozenset[str]
    acronym: bool  # known only in capitals: "DOBRE", "LIFE" are no ordinary words
    capital: bool  # every known form starts with a capital: "rozwoju lokalnego" is no programme


@dataclass(frozen=True)
class _Rules:
    within: re.Pattern  # "w ramach", right before the mention: the activity is done within it
    owner: re.Pattern  # "Programu", right before a funder's name: the programme's owner pays
    support_before: re.Pattern  # a support verb right before a known funder ("wspiera X")
    support_after: re.Pattern  # ... or right after it ("X wspiera projekt")
    acts_for: dict[str, str]  # funder id -> the funder whose money it pays out ("ec" -> "eu")
    not_credited: frozenset[str]  # programme ids that name money in general, never one payer


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    return _Rules(within=re.compile(rf"(?:{data['within']})\s*[„\"“«]?$", re.I),
                  owner=re.compile(rf"(?:{data['owner']})\s*$"),
                  support_before=re.compile(rf"(?<!\w)(?:{data['support']})\s+$", re.I),
                  support_after=re.compile(rf"[\s,]*(?:{data['support']})(?!\w)", re.I),
                  acts_for=dict(data["acts_for"]),
                  not_credited=frozenset(data["not_credited"]))


def _key(words, dashes: bool = True) -> tuple[str, ...]:
    """The look-up key of a run of words: folded, the hyphen variants unified.
    ``dashes=False``: the caller knows no word holds one (then one C-level map)."""
    folded = map(str.casefold, words)
    return tuple(w.replace("‐", "-").replace("‑", "-") for w in folded) if dashes else tuple(folded)


@lru_cache(maxsize=1)
def _index() -> tuple[dict[tuple[str, ...], _Entry], dict[str, int]]:
    """(word key of every known form -> entry, first word -> longest form in words)."""
    raw: dict[tuple[str, ...], list] = {}
    for form, table, ident in knowledge.name_forms():
        words = _WORD.findall(form)
        if not words:
            continue
        e = raw.setdefault(_key(words), [set(), set(), True, True])
        e[0 if table == "funder" else 1].add(ident)
        e[2] = e[2] and form == form.upper() and any(c.isalpha() for c in form)
        e[3] = e[3] and form[:1].isupper()
    entries = {k: _Entry(frozenset(f), frozenset(p), a, c) for k, (f, p, a, c) in raw.items()}
    longest: dict[str, int] = {}
    for k in entries:
        longest[k[0]] = max(longest.get(k[0], 0), len(k))
    return entries, longest


@lru_cache(maxsize=1)
def _first_words() -> re.Pattern:
    """The first words of the known names as whole words, for a one-scan test of a stretch
    of text (folded like the word keys, after a space) before it is split into words.
    (The character before the word is matched, not looked behind at: re then skips to the
    next such character in C instead of trying every offset.)"""
    return re.compile(r"[\W_](?:" + trie_pattern(sorted(_index()[1])) + r")(?![^\W_])")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    entry: _Entry


def mentions(text: str, start: int, end: int) -> list[Mention]:
    """Known programme, fund and funder names in text[start:end], longest first at each
    word, as whole words; a dict look-up per word that starts a known name."""
    entries, longest = _index()
    if not _first_words().search(" " + _key((text[start:end],))[0]):
        return []  # no word of the stretch can start a known name: most sentences
    # (one C-level split, not a Match object per word: _WORD has no look-arounds)
    parts, offsets = split_words(_WORD_SPLIT, text, start, end)
    words = parts[1::2]
    starts, ends = offsets[1::2], offsets[2::2]
    stretch = text[start:end]
    keys = _key(words, dashes="‐" in stretch or "‑" in stretch)
    out: list[Mention] = []
    i = 0
    # only the words that start a known name are tried (picked by C loops: most do not)
    for k in compress(range(len(keys)), map(longest.__contains__, keys)):
        if k < i:
            continue  # inside the mention found last
        i = k
        n = min(longest[keys[i]], len(words) - i)
        found = None
        for length in range(n, 0, -1):
            entry = entries.get(keys[i:i + length])
            if entry is None:
                continue
            written = text[starts[i]:ends[i + length - 1]]
            if entry.acronym and written != written.upper():
                continue
            if entry.capital and not written[:1].isupper():
                continue
            found = Mention(starts[i], ends[i + length - 1], entry)
            break
        if found:
            out.append(found)
            i += length
    return out


def annotate(doc) -> None:
    text = doc.text
    cues, orgs = doc.layer("cues"), doc.layer("orgs")
    funders = doc.layer("funders")
    paying_spans = [(it["start"], it["end"]) for it in funders]
    money_programmes = [(it["start"], it["end"]) for it in doc.layer("programme_mentions")
                        if it["rule"] == "funding_programme_after_cue"]
    implied: list[dict] = []
    spans: list[Span] = []
    for s, e in doc.sentences:
        found = mentions(text, s, e)
        if not found:
            continue
        # a cue that began on the line before ("współfinansowany\nProjekt współfinansowany
        # jest ze środków") still governs what follows it
        in_sentence = [c for c in cues if s < c.end <= e]
        mention_spans = [(o.start, o.end) for o in orgs if s <= o.start and o.end <= e] + \
            [(m.start, m.end) for m in found]
        credited_programme = False
        for m in found:
            if (m.start, m.end) in paying_spans:
                # a funder the roles stage found by this very name: _renamed names it
                credited_programme = credited_programme or _is_programme(m.entry)
                continue
            if not _pays(text, m, s, in_sentence, mention_spans, paying_spans, money_programmes):
                continue
            if _is_programme(m.entry) and credited_programme:
                # "ze środków EFRR w ramach Programu X", "Programu Y Działanie 1 Z": a later
                # programme is the channel or a part of the money named first
                continue
            items = _credited(m.entry, text[m.start:m.end], m.start, m.end)
            if items:
                credited_programme = credited_programme or _is_programme(m.entry)
                implied.extend(items)
                spans.append(Span(m.start, m.end, "funder", rule="implied_funder"))
    doc.layers["funders"] = _merged([_renamed(it) for it in funders] + implied)
    doc.layers["funder_spans"] = doc.layer("funder_spans") + spans


def _pays(text: str, m: Mention, s: int, cues, mention_spans, paying_spans, money_programmes) -> bool:
    """The page says the named programme, fund or funder pays for what it reports."""
    if any(a <= m.start and m.end <= b for a, b in paying_spans + money_programmes):
        return True
    if "funder" in roles_at(cues, m.start, m.end, s, mention_spans, text):
        return True
    before = text[max(s, m.start - 40):m.start]
    if m.entry.programmes and _rules().within.search(before):
        return True  # "w ramach programu Study Tours to Poland": done within it, paid by it
    if not m.entry.funders:
        return False
    # "Programu Polsko-Amerykańskiej Fundacji Wolności": a programme's owner pays;
    # "Projekt wspiera National Endowment for Democracy": a grant-maker supports with money
    after = text[m.end:m.end + 30]
    return bool(_rules().owner.search(before)) or \
        bool(_rules().support_before.search(before) or _rules().support_after.match(after))


def _is_programme(entry: _Entry) -> bool:
    """A programme, fund or mechanism, not a body: the way money comes."""
    return bool(entry.programmes) or any(knowledge.funders()[f].kind in ("mechanism", "programme")
                                         for f in entry.funders)


def _credited(entry: _Entry, written: str, start: int, end: int) -> list[dict]:
    """The funder items a mention credits: a funder named directly as itself; a programme's
    or fund's credited funder, or its donors when that is a programme or mechanism."""
    table = knowledge.funders()
    ids = sorted(entry.programmes - _rules().not_credited)
    if entry.funders:
        f = table[sorted(entry.funders)[0]]
        if f.kind not in ("mechanism", "programme"):
            return [_item(f.record(), written, start, end)]
        if not ids:
            return _donors(f.id, written, start, end)
    if not ids:
        return []
    p = knowledge.programmes()[ids[0]]
    credit = table[p.credit]
    if credit.kind in ("mechanism", "programme"):
        return _donors_of_programme(p, credit, written, start, end)
    return [_item(credit.record(p.credit_aliases), written, start, end)]


def _donors_of_programme(p, credit, written: str, start: int, end: int) -> list[dict]:
    """One payer: the donor ("Norweski Mechanizm Finansowy" -> Norwegia), the mechanism's
    names as aliases; several: one item for the mechanism ("Fundusze EOG"), each donor's
    name among its aliases (a page rarely means three payers by one name)."""
    table = knowledge.funders()
    names = (credit.name, *credit.aliases, p.name, *p.aliases)
    if len(p.donors) == 1:
        return [_item(table[p.donors[0]].record(names), written, start, end)]
    donors = tuple(table[d].name for d in p.donors)
    return [_item(credit.record((*donors, p.name, *p.aliases)), written, start, end)]


def _donors(funder_id: str, written: str, start: int, end: int) -> list[dict]:
    """A mechanism named as a funder: the donors of the programmes it credits."""
    credit = knowledge.funders()[funder_id]
    for p in knowledge.programmes().values():
        if p.credit == funder_id:
            return _donors_of_programme(p, credit, written, start, end)
    return []


def _item(record: dict, written: str, start: int, end: int) -> dict:
    item = named(record["name"], written, start, end, "implied_funder")
    aliases = [a for a in record["aliases"] if a != record["name"]]
    if aliases:
        item["aliases"] = aliases
    return item


def _renamed(item: dict) -> dict:
    """A funder the roles stage found that is a known programme, fund or funder, named
    as the knowledge table names it ("Mechanizmu Finansowego EOG" -> the donors)."""
    found = mentions(item["text"], 0, len(item["text"]))
    whole = [m for m in found if m.start == 0 and m.end == len(item["text"])]
    if not whole:
        return item
    entry = whole[0].entry
    if entry.funders and knowledge.funders()[sorted(entry.funders)[0]].kind not in ("mechanism", "programme"):
        # a body named directly keeps the page's name; the table's names become aliases
        record = knowledge.funders()[sorted(entry.funders)[0]].record()
        aliases = [a for a in [record["name"], *record["aliases"], *item.get("aliases", [])] if a != item["name"]]
        return {**item, "aliases": list(dict.fromkeys(aliases))}
    credited = _credited(entry, item["text"], item["start"], item["end"])
    if not credited:
        return item
    if _is_mechanism(entry):
        # "Fundusze Norweskie" as the page names them stay so; the donors and the
        # mechanism's other names become aliases (the record's name first: one payer)
        c = credited[0]
        aliases = [a for a in [c["name"], *c.get("aliases", []), *item.get("aliases", [])] if a != item["name"]]
        return {**item, "aliases": list(dict.fromkeys(aliases))}
    for c in credited:
        c["rule"] = item["rule"]
    return credited if len(credited) > 1 else credited[0]


def _is_mechanism(entry: _Entry) -> bool:
    """Money of a mechanism or a programme that credits one (the EEA Grants, the Swiss
    contribution), not of a fund behind a body (EFRR -> the European Union)."""
    table, programmes = knowledge.funders(), knowledge.programmes()
    ids = sorted(entry.programmes - _rules().not_credited)
    if ids:
        return table[programmes[ids[0]].credit].kind in ("mechanism", "programme")
    return any(table[f].kind in ("mechanism", "programme") for f in entry.funders)


def _merged(items: list) -> list[dict]:
    """One item per funder, the first mention's evidence, the aliases of all; money
    credited to a body that another funder of the page pays out is already named."""
    flat = [it for x in items for it in (x if isinstance(x, list) else [x])]
    ids = {_funder_id(it["name"]) for it in flat} - {None}
    acts_for = _rules().acts_for
    covered = {acts_for[i] for i in ids if i in acts_for}
    out: dict[str, dict] = {}
    for it in sorted(flat, key=lambda it: it["start"]):
        if it["rule"] == "implied_funder" and _funder_id(it["name"]) in covered:
            continue
        key = next((i for i in map(_funder_id, [it["name"], *it.get("aliases", [])[:1]]) if i), None) \
            or it["name"].casefold()
        if key not in out:
            out[key] = dict(it)
            continue
        merged = out[key].get("aliases", []) + [a for a in it.get("aliases", []) if a not in out[key].get("aliases", [])]
        if merged:
            out[key]["aliases"] = merged
    return sorted(out.values(), key=lambda it: it["start"])


def _funder_id(name: str) -> str | None:
    f = knowledge.funder(name)
    return f.id if f else None

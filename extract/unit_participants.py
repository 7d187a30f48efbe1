"""Polish local-government units named on the page with no role cue: they take part.

A news page about cooperation names the gminas, powiats and their offices that act in
it — laureates, members of a network, partners of a twinning, offices visited on a study
tour ("odwiedzili Urząd Marszałkowski, Starostwo Powiatowe w ...") — often with no cue
word the roles stage could read.  A body that the TERYT table (extract/data/knowledge/
lgu.tsv) knows as a unit or its office is a participant of the page unless the words
around it say it is only where something is ("w powiecie gorlickim", "na terenie gminy
X") or whose head a person is ("burmistrz Rypina": the person takes part, extract/roles.py
decides for the town).  The words for "where" and for "whose office" are data
(extract/data/unit_participants.toml).

Reads the layers "orgs", "participants", "funders"; adds to "participants" (role
"participant", kind "organization", the unit's official names and office as aliases).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from pathlib import Path

from extract import knowledge, morph
from extract.items import named
from extract.lexicon import actor_tables
from extract.matcher import trie_pattern
from extract.tokens import split_words

DATA = Path(__file__).parent / "data" / "unit_participants.toml"


@dataclass(frozen=True)
class _Rules:
    location: re.Pattern  # right before a unit: it is where, not who
    kinds: frozenset[str]  # TERYT kinds a unit may take part as
    not_bodies: frozenset[str]  # first words of names that are areas, not bodies
    members: frozenset[str]  # functions that say a unit belongs, not who heads it
    foreign_levels: frozenset[str]  # levels of foreign units that take part (foreign_units.tsv)
    foreign_skip: frozenset[str]  # their words that name Polish units too ("gmina": TERYT's)
    list_head: re.Pattern  # a plural kind's word that opens a list of units ("gminy:")
    list_kinds: dict[str, tuple[str, ...]]  # its first four letters -> the TERYT kinds listed
    not_place_adjectives: frozenset[str]  # adjectives in -ski that name no place ("partnerski")


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    return _Rules(location=re.compile(rf"(?:{data['location']})\s*$", re.I),
                  kinds=frozenset(data["kinds"]), not_bodies=frozenset(data["not_bodies"]),
                  members=frozenset(data["members"]), foreign_levels=frozenset(data["foreign_levels"]),
                  foreign_skip=frozenset(data["foreign_skip"]),
                  list_head=re.compile(rf"(?<!\w)({data['list_head']})(?!\w)", re.I),
                  list_kinds={k: tuple(v) for k, v in data["list_kinds"].items()},
                  not_place_adjectives=frozenset(data["not_place_adjectives"]))


def annotate(doc) -> None:
    text = doc.text
    unit_names = [(a, b) for s, e in doc.zones for a, b in unit_spans(text, s, e)]
    participants = [_whole(text, it, unit_names) for it in doc.layer("participants")]
    taken = _codes([*participants, *doc.layer("funders")])
    spans = [(it["start"], it["end"]) for it in participants + doc.layer("funders")]
    added: dict[str, dict] = {}  # org key -> item
    # the organisations the orgs stage found, then unit names it missed or cut ("Gminę
    # Kocierzew Południowy", "Gmina Radomyśl nad Sanem" in a list)
    # ("gminy Puńsk" in lower case is a unit's area more often than the body: "mieszkańcy
    # gminy Puńsk"; the body is written with a capital or listed)
    candidates = [(o.key, o.name, o.text, o.start, o.end, o.by_function) for o in doc.layer("orgs")
                  if not o.text[:1].islower()]
    candidates += [(None, None, text[a:b], a, b, False) for a, b in unit_names]
    for s, e in doc.zones:
        candidates += [(None, None, text[a:b], a, b, False) for a, b in listed_units(text, s, e)]
        candidates += [(None, name, text[a:b], a, b, False) for a, b, name in foreign_units(text, s, e)]
    for key, name, written, start, end, by_function in candidates:
        if key in added or any(a < end and start < b for a, b in spans):
            continue
        foreign = key is None and name is not None
        units = [] if foreign else [u for u in _lgu(name or written) if u.kind in _rules().kinds]
        if not (units or foreign) or not _acts(text, name or written, written, start, by_function):
            continue
        codes = {u.teryt for u in units} or {name.casefold()}
        if codes & taken:
            continue  # the body is already a participant or a funder under another name
        taken |= codes
        name = name or _nominative(written, units)
        rule = "unit:foreign" if foreign else "unit:teryt"
        item = named(name, written, start, end, rule, role="participant", kind="organization")
        aliases = [a for u in units for a in [u.record()["name"], *u.record()["aliases"]] if a != name]
        if aliases:
            item["aliases"] = list(dict.fromkeys(aliases))
        added[key or f"@{start}"] = item
        spans.append((start, end))
    doc.layers["participants"] = sorted(participants + list(added.values()), key=lambda it: it["start"])


def _whole(text: str, item: dict, unit_names: list[tuple[int, int]]) -> dict:
    """A participant whose name was cut inside a unit's name the table knows ("Gminę
    Kocierzew" of "Gminę Kocierzew Południowy") takes the whole name."""
    if item.get("kind") != "organization":
        return item
    for a, b in unit_names:
        if a == item["start"] and b > item["end"] and not _lgu(item["name"]):
            units = [u for u in _lgu(text[a:b]) if u.kind in _rules().kinds]
            if units:
                name = _nominative(text[a:b], units)
                return {**item, "name": name, "text": text[a:b], "end": b, "evidence": [a, b],
                        "aliases": [x for x in [item["name"], *item.get("aliases", [])] if x != name]}
    return item


_WORD = re.compile(r"[^\W\d_]+(?:-\s?[^\W\d_]+)*")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
# the first word of a unit's body or office name as pages write it, in any case
_HEADS = ("gmin", "powiat", "miast", "urząd", "urzęd", "starostw")
_LONGEST = 7  # words in the longest unit or office name looked up
# where a head word can begin: a capital, then the rest of a head in any case (one scan
# of the stretch tells whether the word-by-word look-up has anything to find)
_HEAD_START = re.compile("|".join(f"{h[0].upper()}(?i:{h[1:]})" for h in _HEADS))


@lru_cache(maxsize=8)
def _zone_words(text: str, start: int, end: int) -> tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...]]:
    """(starts, ends, words) of the words (_WORD) of text[start:end]: split once for both
    unit_spans and foreign_units, which read the same zones (tuples: the cache hands them
    to both)."""
    parts, offsets = split_words(_WORD_SPLIT, text, start, end)
    return tuple(offsets[1::2]), tuple(offsets[2::2]), tuple(parts[1::2])


def unit_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of capitalised unit and office names ("Gminie Kocierzew Południowy",
    "Starostwie Powiatowym w Gorlicach") in text[start:end]: at each head word, the
    longest run of words the TERYT table knows."""
    heads = [m.start() for m in _HEAD_START.finditer(text, start, end)]
    if not heads:
        return []  # no capitalised head word in the stretch: nothing to look up
    starts, ends, _words = _zone_words(text, start, end)
    words = list(zip(starts, ends))
    index = dict(zip(starts, range(len(words))))
    out: list[tuple[int, int]] = []
    after = 0  # the first word not inside a name found already
    # only the words that open with a head are looked at (one scan found them)
    for i in [index[p] for p in heads if p in index]:
        if i < after:
            continue
        a = words[i][0]
        for n in range(min(_LONGEST, len(words) - i), 1, -1):
            stop = words[i + n - 1][1]
            if "\n" in text[a:stop] or not _lgu(text[a:stop]):
                continue
            out.append((a, stop))
            after = i + n
            break
    return out


_LIST_ITEM = re.compile(r"\s*(?::\s*)?([A-ZĄĆĘŁŃÓŚŹŻ][^\W\d_]*(?:-\s?[A-ZĄĆĘŁŃÓŚŹŻ]?[^\W\d_]+)*"
                        r"(?:\s+(?:nad|pod)?\s*[A-ZĄĆĘŁŃÓŚŹŻ][^\W\d_]+)?)")
_LIST_GLUE = re.compile(r"\s*(?:,|\bi\b|\boraz\b)\s*")


def listed_units(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Gminas listed after their kind's word ("gminy: Sejny, Giby, Szypliszki i Wiżajny",
    "miasta Rumia i Dęblin"): each name of a list of two or more that the TERYT table knows
    as a gmina or a town, up to the first that it does not."""
    out: list[tuple[int, int]] = []
    for m in _rules().list_head.finditer(text, start, end):
        kinds = _rules().list_kinds[m.group(1).lower()[:4]]
        pos = m.end()
        listed: list[tuple[int, int]] = []
        while True:
            item = _LIST_ITEM.match(text, pos, end)
            if not item:
                break
            a, b = item.span(1)
            units = [u for u in _lgu(text[a:b].replace("- ", "-")) if u.kind in kinds]
            if not units:
                break
            listed.append((a, b))
            glue = _LIST_GLUE.match(text, b, end)
            if not glue or glue.end() == b:
                break
            pos = glue.end()
        # one name after "gminy" or "miasta" is the singular ("wójt gminy Sejny"): the
        # person's office, not a list
        out += listed if len(listed) > 1 else []
    return out


_ADJ_ENDINGS = (("skiego", "sk"), ("skiemu", "sk"), ("skim", "sk"), ("skiej", "sk"), ("ską", "sk"), ("ski", "sk"),
                ("ska", "sk"), ("ckiego", "ck"), ("ckiemu", "ck"), ("ckim", "ck"), ("ckiej", "ck"), ("cką", "ck"),
                ("cki", "ck"), ("cka", "ck"))


_PLACE_ADJ = ("ski", "cki", "dzki")


@lru_cache(maxsize=1)
def _foreign_words() -> dict[str, list]:
    """Every one-word form of the foreign units' words that take part -> their terms: one
    dict look-up per word of the page."""
    out: dict[str, list] = {}
    for t in knowledge.foreign_unit_terms():
        if t.level in _rules().foreign_levels and t.term not in _rules().foreign_skip:
            for form in t.forms or (t.term,):
                if " " not in form:
                    out.setdefault(form.casefold(), []).append(t)
    return out


@lru_cache(maxsize=1)
def _foreign_scan() -> re.Pattern:
    """The kinds' words as whole words of folded text: one scan before splitting."""
    return re.compile(r"(?<![^\W\d_])(?:" + trie_pattern(sorted(_foreign_words())) + r")(?![^\W\d_])")


def foreign_units(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Municipalities and districts abroad named by their kind's word and their own name
    or adjective ("rejonu wileńskiego" -> "Rejon Wileński", "hromadzie Kalinówka" ->
    "Hromada Kalinówka"): (start, end, nominative name).  The kinds' words in every case
    come from extract/data/knowledge/foreign_units.tsv; regions ("obwód", "kraj") are
    places, not partners, and are left to the places stage."""
    kinds = _foreign_words()
    if not _foreign_scan().search(text[start:end].casefold()):
        return []  # no kind's word in the stretch
    starts, ends, words = _zone_words(text, start, end)
    out = []
    # only the words that are a kind's word (picked by C loops: few are)
    for k in compress(range(len(words) - 1), map(kinds.__contains__, map(str.casefold, words))):
        a, b, word = starts[k], ends[k], words[k]
        c, d, nxt = starts[k + 1], ends[k + 1], words[k + 1]
        terms = kinds[word.casefold()]
        if not terms or text[b:c] not in (" ", "\u00a0"):
            continue
        head = terms[0].term[:1].upper() + terms[0].term[1:]
        feminine = terms[0].term.endswith("a")
        adj = [x.lemma for x in morph.analyse(nxt) if x.pos == "adj"]
        if adj:
            # a place's adjective ("wileński", "trocki"), not a kind ("partnerski", "wiejski")
            # nor a country's ("ukraiński": the country, not a unit)
            name = adj[0]
            if not name.endswith(_PLACE_ADJ) or name in _rules().not_place_adjectives \
                    or knowledge.country_of(name, ("adjective",)):
                continue
        elif nxt.lower().endswith(tuple(e for e, _ in _ADJ_ENDINGS)) and not morph.analyse(nxt):
            ending, stem = next((e, st) for e, st in _ADJ_ENDINGS if nxt.lower().endswith(e))
            name = nxt[:len(nxt) - len(ending)] + stem + ("a" if feminine else "i")
        elif nxt[:1].isupper():
            out.append((a, d, f"{head} {nxt}"))
            continue
        else:
            continue
        out.append((a, d, f"{head} {name[:1].upper()}{name[1:]}"))
    return out


def _nominative(written: str, units) -> str:
    """The name a unit's mention stands for, in the nominative: its office when the words
    name the office, else its usual body name."""
    key = knowledge.office_key(written)
    for u in units:
        for office in u.offices:
            if knowledge.normalise(office) == key:
                return office
    return units[0].record()["name"]


def _acts(text: str, name: str, written: str, start: int, by_function: bool) -> bool:
    """The unit is named as a body that acts, not as a place or through its head."""
    if name.split(" ", 1)[0] in _rules().not_bodies:
        return False
    before = text[max(0, start - 40):start]
    if _rules().location.search(before):
        return False
    # "burmistrz Rypina", "Zastępca wójta Gminy X", "Starosta Buski": the person who
    # holds the office takes part; whether the unit does too, roles decides
    words = before.split()[-1:] + (written.split()[:1] if by_function else [])
    return not any(_function(w.strip(",.:;–-")) for w in words)


def _function(word: str) -> bool:
    functions = actor_tables().functions - _rules().members
    return word.lower() in functions or any(a.lemma.lower() in functions for a in morph.analyse(word))


@lru_cache(maxsize=100_000)
def _lgu(name: str) -> tuple:
    """knowledge.lgu, remembered across pages (a page's words and names recur)."""
    return tuple(knowledge.lgu(name))


def _codes(items: list[dict]) -> set[str]:
    """TERYT codes of the units that items already name (by name or alias)."""
    out: set[str] = set()
    for it in items:
        for name in [it["name"], *it.get("aliases", [])]:
            out |= {u.teryt for u in _lgu(name)}
    return out

"""Organisation mentions: multiword names headed by an organisation noun, and acronyms.

A name is a capitalised noun whose lemma is an organisation head ("Urzędu", "Fundacji"),
with the capitalised adjectives right before it ("Krajowej Szkoły"), and what follows it
as part of a name: capitalised words ("Spraw Zagranicznych"), "i"/"w"/"im."/"ds."
links ("Organizacji Bezpieczeństwa i Współpracy w Europie", "Starostwa Powiatowego w
Otwocku"), "m.st. Warszawy" and acronyms ("RP").  The name is brought to the nominative
(extract.morph) and looked up in the alias table (extract/data/aliases.toml).
An organ named after its body ("Zarządu Związku X") reports the body; a town's office
without a body's name ("burmistrz Szczecinka", "w miastach: Arendal, Trondheim") names
the local unit (Miasto Szczecinek; a foreign one by its town: Trondheim).
"""
from __future__ import annotations

import os
import re
import tomllib
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import compress
from operator import itemgetter
from pathlib import Path

from extract import morph
from extract.lexicon import actor_tables as _tables, city_names, country_of, foreign_nominative, head_lemma, \
    lookup as place_lookup, name_connectors
from extract.matcher import Matcher
from extract.tokens import is_acronym, is_cap, split_text, tokens

DATA = Path(__file__).parent / "data"

_MST = re.compile(r"m\.\s?st\.")
_CITY_ADJ = re.compile(r"\b([a-ząćęłńóśźż]+(?:ck|sk|dzk|k)(?:i|iego|iemu|im|a|iej|ą))\s+"
                       r"(magistrat\w*|ratusz\w*|urz[ęą]d\w*\s+miasta|urz[ęą]d\w*\s+miejsk\w+)\b")
# where a match of _CITY_ADJ can begin its noun; the letters of its adjective
_CITY_NOUN = re.compile(r"(?<=\s)(?:magistrat|ratusz|urz[ęą]d)")
_CITY_ADJ_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyząćęłńóśźż")


@dataclass(frozen=True)
class Org:
    name: str  # nominative, full (alias table applied)
    text: str  # as written
    start: int
    end: int
    key: str  # identity for merging mentions of one body
    aliases: tuple[str, ...] = field(default=())
    group: str | None = None  # alias-table group (EU funds...)
    by_function: bool = False  # named only through an office ("burmistrz Szczecinka")
    role: str | None = None  # the role the words naming it give ("partnerskie Uffenheim")


@lru_cache(maxsize=100_000)  # pure, and asked again for every mention
def _agrees(adj: str, noun: str, lemma: str) -> bool:
    """``adj`` can be an adjective agreeing with the head ``noun`` (Krajowej Szkoły)."""
    if any(a.pos == "adja" for a in morph.analyse(adj)):  # Polsko-(Amerykańska)
        return True
    nouns = [a for a in morph.analyse(noun) if a.pos in ("subst", "depr") and a.lemma.lower() == lemma]
    return any(a.pos == "adj" and set(a.tag[0]) & set(n.tag[0]) and set(a.tag[1]) & set(n.tag[1])
               and set(a.tag[2]) & set(n.tag[2]) for a in morph.analyse(adj) for n in nouns)


def _postposed(text: str, toks, k: int) -> bool:
    """The adjective toks[k] follows a capitalised noun it agrees with ("Zgromadzeniu
    Ogólnym Związku", "Radzie Naczelnej Związku"): it belongs to that noun, not to
    the head after it."""
    if k == 0 or _gap(text, toks, k) != " " or not is_cap(toks[k - 1][2]) or _function_word(toks[k - 1][2].lower()):
        return False  # (a function is a person's: "Prezes Najwyższej Izby")
    return _agrees_any_noun(toks[k][2], toks[k - 1][2])


@lru_cache(maxsize=100_000)  # pure, and asked again for every mention
def _agrees_any_noun(adj: str, noun: str) -> bool:
    nouns = [a for a in morph.analyse(noun) if a.pos == "subst"]
    if not nouns or _is_adj(noun):
        return False
    return any(a.pos == "adj" and set(a.tag[0]) & set(n.tag[0]) and set(a.tag[1]) & set(n.tag[1])
               and set(a.tag[2]) & set(n.tag[2]) for a in morph.analyse(adj) for n in nouns)


def _compound_prefix(text: str, toks, k: int) -> bool:
    """toks[k-1] is the first half of a compound adjective broken after its hyphen
    ("Polsko- Amerykańskiej")."""
    return _gap(text, toks, k).startswith("-") and toks[k - 1][2].endswith("o")


@lru_cache(maxsize=100_000)  # pure, and asked again for every mention
def _is_place(word: str) -> bool:
    return bool(morph.place_lemmas(word))


@lru_cache(maxsize=100_000)  # pure, and asked again for every mention
def _is_first_name(word: str, nxt: str | None) -> bool:
    """A first name starting a person's name after an office ("Gminy Poraj Katarzyna
    Kaźmierczak"); a patron in the genitive ("Fundacja Roberta Boscha") is part of the name."""
    if nxt is None or not is_cap(nxt) or head_lemma(word):
        return False
    names = [a for a in morph.analyse(word) if "imię" in a.quals]
    return bool(names) and not all("gen" in a.tag[1] and "nom" not in a.tag[1] for a in names)


def annotate(doc) -> None:
    """Layer "orgs": every organisation mention of the content zones (``Org``), in text order."""
    doc.layers["orgs"] = find_orgs(doc.text, doc.zones, doc.words)


def find_orgs(text: str, zones: list[tuple[int, int]], words=None) -> list[Org]:
    """Organisation mentions inside ``zones``, in text order; ``words(start, end)`` gives a
    zone's tokens (the Doc's, split once per page; by default split here)."""
    words = words or (lambda start, end: tokens(text, start, end))
    out: list[Org] = []
    for zs, ze in zones:
        toks = words(zs, ze)
        kinds = list(map(_KINDS.__getitem__, map(itemgetter(2), toks)))
        i = 0
        # _name_at needs a head word, _acronym_at one of _acronym_words(): at any other
        # token both return None at once
        for k in _marked(kinds, _HEAD | _ACRONYM):
            if k < i:
                continue  # inside the name found last
            found = _name_at(text, toks, k) or _acronym_at(text, toks, k)
            if found:
                org, i = found
                if _TERRITORY.search(text, max(0, org.start - 16), org.start) and head_lemma(toks[k][2]) in _UNITS_WITHOUT_SEAT:
                    continue  # "na terenie województwa X", "z obszaru powiatu X": a territory, no body
                out.extend(_colon_list(text, toks, org, k) or _split_plural(text, toks, org, i))
        out.extend(_city_adjective_orgs(text, zs, ze, toks))
        out.extend(_function_town_orgs(text, toks, out, kinds))
        out.extend(_town_actors(text, zs, ze, toks, out))
        out.extend(_hromada_orgs(text, zs, ze))
    out.sort(key=lambda o: o.start)
    out = _bare_heads(text, zones, out, words)
    return _defined_acronyms(text, zones, _join_dashed(text, out))


def _in_quotes(text: str, at: int) -> bool:
    back = text[max(0, at - 80):at]
    o = max(back.rfind("„"), back.rfind("«"), back.rfind("“"))
    return o >= 0 and back.find("”", o) < 0 and back.find("»", o) < 0


def _bare_heads(text: str, zones, orgs: list[Org], words) -> list[Org]:
    """"W 2019 roku Fundacja Rozwoju Demokracji Lokalnej obchodzi 30-lecie. Z tej okazji
    Fundacja organizuje konkurs": a capitalised bare head in the singular names the one
    body with that head named before it on the page."""
    named: dict[str, list[Org]] = {}
    for o in orgs:
        lemma = next((head_lemma(w) for w in o.name.split() if head_lemma(w)), None)
        if lemma in _tables().bare_heads and not o.by_function and " " in o.name:
            named.setdefault(lemma, []).append(o)
    if not named:
        return orgs
    taken = [(o.start, o.end) for o in orgs]
    found = []
    for zs, ze in zones:
        toks = words(zs, ze)
        # only words with a head lemma can be one (the per-word table answers in C loops)
        for k in _marked(list(map(_KINDS.__getitem__, map(itemgetter(2), toks))), _HEAD):
            s, e, w = toks[k]
            lemma = head_lemma(w) if is_cap(w) and not w.isupper() else None
            if lemma not in named or any(a <= s < b for a, b in taken) or not _can_be(w, "sg", "nom"):
                continue
            if (k > 0 and is_cap(toks[k - 1][2]) and _gap(text, toks, k) == " ") or \
                    (k + 1 < len(toks) and is_cap(toks[k + 1][2])) or _in_quotes(text, s):
                continue  # part of a title: „Przyjazna Gmina 2024”
            before = {o.key: o for o in named[lemma] if o.end <= s}
            if len(before) == 1:
                o = next(iter(before.values()))
                found.append(Org(o.name, w, s, e, o.key, o.aliases, o.group))
    return sorted(orgs + found, key=lambda o: o.start) if found else orgs


_HEAD, _ACRONYM, _UNIT = 1, 2, 4


class _WordKinds(dict):
    """word -> bits of the per-word tests the scans of a zone start from: _HEAD
    (head_lemma), _ACRONYM (an acronym entry starts with it), _UNIT (_unit_word).  A dict,
    so one C-level look-up per token answers all three; emptied when full."""

    def __missing__(self, word: str) -> int:
        if len(self) >= 200_000:
            self.clear()
        kind = (_HEAD if head_lemma(word) else 0) | (_ACRONYM if word in _acronym_words() else 0) \
            | (_UNIT if _unit_word(word) else 0)
        self[word] = kind
        return kind


_KINDS = _WordKinds()


def _marked(kinds: list[int], bits: int) -> list[int]:
    """Indices of the tokens whose kind has one of ``bits``, in order."""
    return list(compress(range(len(kinds)), map(bits.__and__, kinds)))


_BRACKET_ACRONYM = re.compile(r"\s?\(([A-ZĄĆĘŁŃÓŚŹŻ][A-Za-ząćęłńóśźżĄĆĘŁŃÓŚŹŻ]*(?: RP)?)\)")


def _defined_acronyms(text: str, zones, orgs: list[Org]) -> list[Org]:
    """"Gminna Biblioteka (GBiDK) ... GBiDK": an acronym defined in brackets after a name
    is that body's alias, and its later mentions are the body's."""
    defined: dict[str, Org] = {}
    for o in orgs:
        m = _BRACKET_ACRONYM.match(text, o.end)
        if not m and "(" in o.text:  # the acronym inside the name, before its seat
            m = _BRACKET_ACRONYM.search(text, o.start, o.end)
        if m and is_acronym(m.group(1)) and m.group(1) not in _tables().acronyms:
            defined.setdefault(m.group(1), o)
    if not defined:
        return orgs
    alias_of = {id(f): a for a, f in defined.items()}
    out = [replace(o, aliases=o.aliases + (alias_of[id(o)],)) if id(o) in alias_of else o for o in orgs]
    taken = [(o.start, o.end) for o in orgs]
    rx = re.compile(r"(?<![\w(])(" + "|".join(re.escape(a) for a in defined) + r")(?![\w)])")
    for zs, ze in zones:
        for m in rx.finditer(text, zs, ze):
            if any(a <= m.start() < b for a, b in taken):
                continue
            o = defined[m.group(1)]
            out.append(Org(o.name, m.group(1), m.start(), m.end(), o.key, o.aliases + (m.group(1),), o.group))
    out.sort(key=lambda o: o.start)
    return out


def _heads_share_case(a: str, b: str) -> bool:
    """The heads of two names as written can be in one case and number: a second name
    of one body stands in apposition ("Narodowego Instytutu ... – Centrum ..."), while
    "Związek Miast Polskich – Sieci Wymiany" names another thing."""
    ha = next((w for w in a.split() if head_lemma(w)), None)
    hb = next((w for w in b.split() if head_lemma(w)), None)
    if not ha or not hb:
        return True
    return bool(_case_numbers(ha) & _case_numbers(hb))


@lru_cache(maxsize=100_000)  # pure, and asked again for every mention
def _case_numbers(word: str) -> frozenset[tuple[str, str]]:
    # singular readings only: a body is one ("Związek" is also "związka" pl. gen.)
    return frozenset(c for a in morph.analyse(word) if a.pos in ("subst", "depr")
                     and a.lemma in _tables().heads and "sg" in a.tag[0] for c in a.tag[1])


@lru_cache(maxsize=100_000)  # pure, and asked again for every mention
def _caps_word(word: str) -> bool:
    """A common word written in capitals ("EMPIRIE"), not an acronym ("PCPR")."""
    return len(word) >= 4 and word.isupper() and any(
        a.pos == "subst" and a.lemma.islower() for a in morph.analyse(word.lower()))


def _join_dashed(text: str, orgs: list[Org]) -> list[Org]:
    """"Narodowy Instytut Wolności – Centrum Rozwoju Społeczeństwa Obywatelskiego" is
    one body written with its second name after a dash."""
    out: list[Org] = []
    for o in orgs:
        if out and text[out[-1].end:o.start] in (" – ", " - ", " — ") and not out[-1].group and not o.group \
                and _heads_share_case(out[-1].text, o.text):
            a = out.pop()
            name = f"{a.name} – {o.name}"
            out.append(Org(name, text[a.start:o.end], a.start, o.end, body_key(name), (a.name,) + a.aliases))
        else:
            out.append(o)
    return out


def _gap(text: str, toks, j: int) -> str:
    return text[toks[j - 1][1]:toks[j][0]]


def _name_at(text: str, toks, i: int):
    """An organisation name whose head is toks[i] (with adjectives before it)."""
    s, e, w = toks[i]
    lemma = head_lemma(w)
    if not lemma:
        return None
    # capitalised adjectives right before the head ("Krajowej Szkoły")
    first = i
    while is_cap(w) and first > 0 and _gap(text, toks, first) in (" ", "- ", "-\xa0") and is_cap(toks[first - 1][2]) \
            and (_agrees(toks[first - 1][2], w, lemma) or _compound_prefix(text, toks, first)
                 or _unknown_adjective_agrees(toks[first - 1][2], w)) \
            and not head_lemma(toks[first - 1][2]) and not _postposed(text, toks, first - 1) \
            and not _function_word(toks[first - 1][2].lower()):  # "Przewodniczących Rad": persons
        first -= 1
    if first > 0 and lemma in _NUMBERED_HEADS and _ROMAN.fullmatch(toks[first - 1][2]) \
            and _gap(text, toks, first) == " ":
        first -= 1  # "XVIII Dzielnica Budapesztu": the district's number is its name's
    found = _unit_adjective_at(text, toks, i, lemma)
    if found:
        return found
    if not is_cap(w) and lemma in _tables().proper_only:
        return None
    if not is_cap(w):
        # a lower-case head ("fundacji Batorego") names a body only with a proper name
        j = i + 1
        while j < len(toks) and _gap(text, toks, j) == " " and toks[j][2] in _tables().inner_lower:
            j += 1
        if not (j < len(toks) and _gap(text, toks, j) == " " and is_cap(toks[j][2])):
            return None
    if _inside_other_name(text, toks, first, lemma) or _numbered_event(text, toks[first][0], lemma):
        return None
    last = _extend(text, toks, i)
    if first == i and last > i and (lemma in _tables().organs or lemma in _tables().unit_organs):
        inner = head_lemma(toks[i + 1][2])
        if inner and inner not in _tables().local and is_cap(toks[i + 1][2]) and lemma in _tables().organs:
            # "Zarządu Związku Gmin Wiejskich", "w biurze Związku": the organ of a body
            # acts for the body, which is the name to report
            if last == i + 1:
                return None
            return _make(text, toks, i + 1, last, i + 1), last + 1
        if inner in _tables().local and lemma in _tables().unit_organs and is_cap(toks[i + 1][2]):
            # "delegacja Samorządu Gminy Czermin": the self-government of a unit is the unit
            return _make(text, toks, i + 1, last, i + 1), last + 1
    if last == i and first == i:  # a bare head ("Gmina", "Urząd") is no name
        words = [w]
        if w.lower() not in _tables().variants and morph.nominative_phrase(words, 0)[0].lower() \
                not in _tables().variants:
            return None
    return _make(text, toks, first, last, i), last + 1


def _unit_adjective_at(text: str, toks, i: int, lemma: str):
    """"powiat bielski", "z powiatem poznańskim", "budżetu województwa podlaskiego": a
    county or region named by its lower-case adjective (which must agree with the unit
    noun) is the body Powiat Bielski, Województwo Podlaskie."""
    unit = _tables().adjective_units.get(lemma)
    j = i + 1
    if not unit or j >= len(toks) or _gap(text, toks, j) != " ":
        return None
    adj = toks[j][2]
    *compound, last = adj.split("-")  # "warmińsko-mazurskiego"
    if not adj.islower() or not _TERRITORIAL.search(last) or not _agrees(last, toks[i][2], lemma):
        return None
    prev = toks[i - 1][2] if i > 0 else ""
    if _function_word(prev.lower()) or (unit == "Województwo" and prev in ("z", "ze")) or _plural_noun(prev):
        # "marszałek województwa X" acts as a person; "urzędy z województwa X" come from
        # a region that does not act itself; "gminy powiatu X" are the actors, not the county
        return None
    nom = morph.adjective_nominative(last, _UNIT_GENDER[unit])
    if not nom or nom in _tables().not_territorial:
        return None  # "powiat grodzki", "miasto partnerskie": a kind of unit, not one unit
    nom = "-".join(compound + [nom])
    name = f"{unit} {'-'.join(p[:1].upper() + p[1:] for p in nom.split('-'))}"
    return Org(name, text[toks[i][0]:toks[j][1]], toks[i][0], toks[j][1], body_key(name)), j + 1


@lru_cache(maxsize=20_000)  # pure, and asked again for every mention
def is_generic(name: str) -> bool:
    """Every word is a common word of local government ("Zarząd Powiatu", "Partnerskie
    Miasto"): the name says what kind of body, and no proper name says which one.  A
    name of the alias table ("Rada Europy") is never generic."""
    generic = _tables().generic
    words = name.split()
    if len(words) < 2 or name.lower() in _tables().variants:
        return False
    return all(w.lower() in generic or any(a.lemma.lower() in generic for a in morph.analyse(w)) for w in words)


@lru_cache(maxsize=100_000)  # pure, and asked again for every mention
def _function_word(word: str, number: str = "") -> bool:
    """A person's function ("marszałek", "staroście"): the unit after it is their office
    (``number`` "sg": one person, not "Konwent Wójtów")."""
    fns = _tables().functions
    return (not number and word in fns) or any(a.lemma.lower() in fns and (not number or number in a.tag[0])
                                                for a in morph.analyse(word) if a.pos in ("subst", "depr"))


@lru_cache(maxsize=100_000)  # pure, and asked again for every mention
def _plural_noun(word: str) -> bool:
    """A lower-case noun that can only be plural ("gminami", "mieszkańców")."""
    an = [a for a in morph.analyse(word) if a.pos in ("subst", "depr")]
    return word.islower() and bool(an) and all("pl" in a.tag[0] for a in an) and \
        not any(a.pos not in ("subst", "depr", "ign") for a in morph.analyse(word))


# adjectives of territory end in -ski, -cki, -dzki ("bielskiego", "poznańskim")
_TERRITORIAL = re.compile(r"(?:sk|ck|dzk)(?:i|iego|iemu|im|a|iej|ą|ie)$")


def _extend(text: str, toks, i: int) -> int:
    """Index of the last token of the name headed at toks[i]."""
    last = i
    j = i + 1
    inner = _tables().inner_lower
    place_words = -1  # words taken after "w <Place>"; -1 before any
    n = len(toks)
    while j < n:
        tok = toks[j]
        gap = text[toks[j - 1][1]:tok[0]]
        w = tok[2]
        if j + 1 < n:
            nxt = toks[j + 1][2]
            gap_next = text[tok[1]:toks[j + 1][0]]
        else:
            nxt, gap_next = None, ""
        if place_words >= 0:
            # "Starostwo Powiatowe w Gnieźnie" ends with its seat, which may have two
            # words ("w Czarnej Białostockiej"), never a list after it
            if gap == " " and is_cap(w) and place_words < 1 and not head_lemma(w) and \
                    (_is_place(w) or _is_adj(w) or not morph.analyse(w)):
                last, place_words, j = j, place_words + 1, j + 1
                continue
            break
        if gap == " " and w in inner and j == last + 1 and nxt and gap_next == " " and is_cap(nxt):
            j += 1
            continue
        if gap in (" „", " \"", " «", " “") and is_cap(w) and head_lemma(toks[i][2]) in _tables().quoted and \
                (all(is_acronym(t[2]) for t in toks[i + 1:j]) or
                 any(head_lemma(t[2]) in _tables().quoted for t in toks[i + 1:j]) or
                 (is_cap(toks[i][2]) and _short_quote(text, toks[j][0]))):
            # right after the head, an acronym or an apposition ("Lokalna Grupa
            # Działania"), or a short name after a full one ("Centrum Partnerstwa
            # Społecznego „Dialog”"); after "fundacji Terra Humana" a title follows
            # a quoted proper name: Stowarzyszenie LGD „Kluczborska Wieś”
            close = _closing_quote(text, toks[j][0])
            if close is None:
                break
            while j + 1 < len(toks) and toks[j + 1][0] < close:
                j += 1
            last = j
            j += 1
            continue
        if gap == " (" and is_acronym(w) and text[toks[j][1]:toks[j][1] + 2] == ") " and nxt in ("w", "we") \
                and j + 2 < len(toks) and (_is_place(toks[j + 2][2]) or _foreign(toks[j + 2][2])):
            j += 1  # "Gminna Biblioteka (GBP) w Zatorze": the seat follows the defined acronym
            continue
        if gap == ", " and j == last + 1 and head_lemma(toks[i][2]) == "ministerstwo" and \
                _portfolio_list(text, toks, j):
            last, j = j, j + 1  # "Ministerstwa Kultury, Dziedzictwa Narodowego i Sportu"
            continue
        if gap == ", " and toks[j - 1][2].lower() in _tables().listed_offices and j == last + 1 \
                and w.lower() in _tables().listed_offices:
            last, j = j, j + 1  # "Zrzeszenie Prezydentów, Burmistrzów i Wójtów ..."
            continue
        if gap.strip() in ("–", "-", "—") and j == last + 1 and j > i + 1 and is_cap(w) \
                and (_country(toks[j - 1][2]) and _country(w) or _town_part(toks[j - 1][2]) and _town_part(w)
                     and not (morph.analyse(toks[j - 1][2]) and morph.analyse(w))  # (one part foreign)
                     or _two_word_town(toks[j - 1][2], w)):  # "Bielsk – Podlaski"
            # "Gminą Iwano – Frankowo": one town's name with a spaced dash; "Stowarzyszenie
            # Polska – Białoruś": a pair of countries
            last, j = j, j + 1
            continue
        if gap not in (" ", ") ") and not (toks[j - 1][2].lower() == "nr" and _NUMBER_GAP.fullmatch(gap)):
            break
        if gap == ") " and not (j >= 2 and _gap(text, toks, j - 1) == " (" and w in ("w", "we")):
            break
        if w[:2] == "m." and _MST.fullmatch(w):
            if nxt and is_cap(nxt) and gap_next == " ":
                last = j + 1
                j += 2
                continue
            break
        if w in _HONORIFICS:
            break  # "Wójta Gminy Wólka Pana Edwina Gortata": a person follows the office
        legal = _LEGAL_FORM.match(text, tok[0]) if w in _LEGAL_STARTS else None
        if legal:
            # "Wodociągi Miejskie S.A.", "Doradztwo Sp. z o.o.": the company's legal form
            # ends its name (the tokenizer drops the dots, so the form is read on the text)
            while j + 1 < n and toks[j + 1][1] <= legal.end():
                j += 1
            last = j
            break
        if w.lower() == "nr" and _NUMBER_AFTER.match(text, tok[1]):
            last, j = j, j + 1  # "Szkoła Podstawowa nr 3 im. ...": the number is the name's
            continue
        if len(w) == 1 and w.isupper() and text[tok[1]:tok[1] + 1] == "." and j > i:
            break  # "przedstawiciel Ambasady J. Nowak": an initial begins a person
        if j == i + 1 and _ROMAN.fullmatch(w) and nxt and nxt.islower() and gap_next == " ":
            break  # "uniwersytetu III wieku": a kind of school, no name
        if is_cap(w) and j > i + 1 and not w.isupper() and _country(w) and _can_be(w, "", "nom") \
                and not _can_be(w, "", "gen") \
                and not (nxt and gap_next.strip() in ("–", "-", "—") and _country(nxt)):
            # "Wspólnoty Europejskiej Polska i Litwa": a country in the nominative begins a
            # new clause (a genitive is the name's: "Związku Miast Ukrainy"; so is a pair of
            # countries: "Stowarzyszenia Polska – Białoruś")
            break
        if is_cap(w):
            # a person after an office ("Gminy Poraj Katarzyna Kaźmierczak"); right after
            # the head a name is the patron ("Fundacja Roberta Boscha"), and after "im."
            if toks[j - 1][2] != "im" and (j - 2 < 0 or toks[j - 2][2] != "im") and \
                    (j > i + 1 or not _can_be(toks[i][2], "sg", "nom")) and \
                    _is_first_name(w, nxt if gap_next == " " else None):
                break  # (a nominative name after a genitive head is its holder: "Ministra ... Jan Nowak")
            if j > i + 1 and _caps_word(w) and not toks[j - 1][2].isupper():
                break  # "Związek Miast Polskich EMPIRIE": a title in capitals follows the name
            if "program" in _lemma_set(w):
                break  # a programme's name begins ("Krajowa Sieć ... Programu Rozwoju ...")
            # a head right after the head is an apposition ("Fundacja Wspólnota Lokalna");
            # later, a head in the head's own case starts a new name
            if j > i + 1 and head_lemma(w) and _same_case_head(toks[i][2], w) and \
                    not all(_agrees(t[2], w, head_lemma(w)) for t in toks[i + 1:j]):
                break  # (but "Stowarzyszenie Lokalna Grupa Działania" is one name)
            last = j
            j += 1
            continue
        if w == "dla" and nxt and gap_next == " " and is_cap(nxt) and not _is_place(nxt) and not head_lemma(nxt):
            last, j = j + 1, j + 2  # "Fundacja Edukacja dla Demokracji"
            continue
        if w == "o" and head_lemma(toks[i][2]) in _ABOUT_HEADS and nxt and is_cap(nxt) and gap_next == " ":
            last, j = j + 1, j + 2  # "Lokalny Punkt Informacyjny o Funduszach Europejskich"
            continue
        if w in ("i", "w", "we", "ds", "im", "do", "na") and nxt and is_cap(nxt) and gap_next in (" ", ". "):
            if w in ("w", "we"):
                if head_lemma(toks[i][2]) in _UNITS_WITHOUT_SEAT and last == i + 1:
                    break  # "Województwa Lubuskiego w Brukseli": a unit is where it is, no seat
                if not (_is_place(nxt) or is_acronym(nxt) or _foreign(nxt)) or _country(nxt) or \
                        (j + 2 < len(toks) and _is_adj(nxt) and _foreign(toks[j + 2][2])):
                    break  # "miasta Arendal w Norwegii", "powiatu X w Dolnej Saksonii": the
                    # country or region is no part of the name
                last, place_words, j = j + 1, 0, j + 2
                continue
            if w == "i" and not _and_continues(toks, i, j):
                break
            if w in ("ds", "im") and text[toks[j][1]:toks[j][1] + 1] != ".":
                break
            if w == "do" and not nxt.lower().startswith("spraw"):
                break
            if w == "na" and not nxt.lower().startswith("rzecz"):
                break
            last = j + 1
            j += 2
            continue
        if w in ("do", "na") and nxt in ("spraw", "rzecz"):
            j += 1
            continue
        break
    return last


@lru_cache(maxsize=10_000)
def _town_part(word: str) -> bool:
    """Can the word be part of a town's name: a place, or a word morfeusz does not know,
    and no country ("Iwano", "Frankowo"; not "Polska", "Dzielnica")?"""
    return not _country(word) and (not morph.analyse(word) or _is_place(word))


@lru_cache(maxsize=10_000)
def _singular_adj(word: str) -> bool:
    """Is the word only ever a singular adjective ("Rewizyjnej"; not "Małopolski", also a
    region's genitive, nor "Polskich")?"""
    an = morph.analyse(word)
    return bool(an) and all(a.pos == "adj" and "pl" not in a.tag[0] for a in an)


@lru_cache(maxsize=10_000)
def _two_word_town(a: str, b: str) -> bool:
    """Are the two words one town's name, noun and adjective ("Bielsk", "Podlaski")?"""
    return _is_adj(b) and _is_place(b) and _is_place(a)


@lru_cache(maxsize=1)
def _field_heads() -> frozenset[str]:
    """Heads of faculties and departments (actors.toml [orgs] field_heads)."""
    return frozenset(tomllib.loads((DATA / "actors.toml").read_text(encoding="utf-8"))["orgs"]["field_heads"])


# legal forms of companies, which a name may end with: "S.A.", "Sp. z o.o.", "sp.j.", "s.c."
_LEGAL_STARTS = frozenset({"S", "Sp", "sp", "s"})
_LEGAL_LAST = frozenset({"A", "o", "j", "k", "c", "C"})
_LEGAL_FORM = re.compile(r"(?:S\.\s?A\.?|[Ss]p\.\s?z\s?o\.\s?o\.?|[Ss]p\.\s?[jk]\.?|[Ss]\.\s?[Cc]\.?)(?!\w)")
_NUMBER_AFTER = re.compile(r"\.?\s?\d{1,4}[a-z]?\b")
_NUMBER_GAP = re.compile(r"\.?\s?\d{1,4}[a-z]?\s")
_ROMAN = re.compile(r"[IVXL]+")


def _portfolio_list(text: str, toks, j: int) -> bool:
    """toks[j], after a comma, opens one more portfolio of a ministry: a capitalised
    genitive (no body's head, no place) in a list that "i" + a capitalised genitive
    closes before any other punctuation ("Rozwoju, Pracy i Technologii")."""
    for k in range(j, min(j + 6, len(toks) - 1)):
        w, gap = toks[k][2], _gap(text, toks, k)
        if k > j and gap not in (" ", ", "):
            return False
        if w == "i":
            nxt = toks[k + 1][2]
            # (a head may be a portfolio, "Administracji", but not a body's own: "Urzędu")
            return k > j and _gap(text, toks, k + 1) == " " and is_cap(nxt) and _common_gen(nxt) \
                and head_lemma(nxt) not in _tables().bare_heads | _tables().local
        if not is_cap(w) or head_lemma(w) or not (_common_gen(w) or _is_adj(w)):
            return False
    return False


@lru_cache(maxsize=100_000)  # pure, and asked again for every mention
def _common_gen(word: str) -> bool:
    """A common noun that can be genitive ("Pracy"), not a town ("Warszawy")."""
    return any(a.pos == "subst" and a.lemma.islower() and "gen" in a.tag[1] for a in morph.analyse(word))


_DASHES = ("-", "–", "—", ":")
_HONORIFICS = frozenset(("Pan", "Pana", "Panu", "Panem", "Pani", "Panią", "Państwo", "Państwa"))


@lru_cache(maxsize=100_000)
def _lemma_set(word: str) -> frozenset[str]:
    return frozenset(a.lemma.lower() for a in morph.analyse(word))


def _inside_other_name(text: str, toks, first: int, lemma: str) -> bool:
    """A head inside a quoted title („Przyjazna Gmina 2024”) or a local unit inside a
    programme's name ("Regionalnego Programu Operacyjnego Województwa ...") names no
    body (a foundation after a programme is its owner: "Pracownia Fundacji Batorego")."""
    s = toks[first][0]
    back = text[max(0, s - 120):s]
    # (a match of _PROGRAMME_DASH ends ``back`` but for white space: test that first)
    if back.rstrip()[-1:] in _DASHES and _PROGRAMME_DASH.search(back):
        return True  # "Rządowego Programu – Fundusz Inicjatyw Obywatelskich": the programme's name
    o = max(back.rfind("„"), back.rfind("«"))  # the last opening quote
    if o >= 0 and back.find("”", o) < 0 and back.find("»", o) < 0 and "\n" not in back[o:]:
        return True
    k = first - 1
    while k >= 0 and first - k <= 4 and not _gap(text, toks, k + 1).strip():
        lemmas = _lemma_set(toks[k][2])
        if "program" in lemmas:  # "programu Interreg V-A Republika Czeska - Polska"
            return True
        if not is_cap(toks[k][2]):
            break
        if (lemma in _tables().local and lemmas & _tables().blocking) or \
                (k == first - 1 and lemmas & _tables().blocking_all):
            return True  # "Dzień Samorządu Terytorialnego" names a day, not a body
        k -= 1
    return _border_pair(text, toks, first)


_ORDINAL = re.compile(r"(?<!\w)(?:[IVXL]+|\d{1,3}\.)\s+$")
_PROGRAMME_DASH = re.compile(r"(?<!\w)program\w*\s*[-–—:]\s*$", re.I)


def _numbered_event(text: str, start: int, lemma: str) -> bool:
    """"IV Kongres Miast Polskich", "XV Forum Gmin": a numbered meeting, not a body."""
    return lemma in _tables().event_heads and bool(_ORDINAL.search(text[max(0, start - 8):start]))


_DASH_COUNTRY = re.compile(r"\s*[-–—]\s*(?:Polska|Polski|Polsce)\b|^(?:Polska|Polski)\s*[-–—]\s*$")


_ONE_OR_TWO_WORDS = re.compile(r"[^\W\d_]+(?:\s+[^\W\d_]+)?")


def _border_pair(text: str, toks, first: int) -> bool:
    """"Republika Czeska – Polska", "Polska – Słowacja": a border programme's name."""
    s = toks[first][0]
    if not _DASH.search(text, max(0, s - 12), s + 60):
        return False  # every match of _DASH_COUNTRY holds a dash: most names have none near
    after = text[s:s + 60]
    m = _ONE_OR_TWO_WORDS.match(after)
    return bool(m and _DASH_COUNTRY.match(after, m.end())) or bool(_DASH_COUNTRY.search(text[max(0, s - 12):s]))


_DASH = re.compile("[-–—]")


def _short_quote(text: str, start: int) -> bool:
    close = _closing_quote(text, start)
    return close is not None and len(text[start:close].split()) <= 3


def _closing_quote(text: str, start: int) -> int | None:
    m = _CLOSING_QUOTE.search(text, start, start + 80)
    return m.start() if m else None


_CLOSING_QUOTE = re.compile(r"[”\"»]")


def _and_continues(toks, i: int, j: int) -> bool:
    """Does "i" at toks[j] join two complements of one name ("Bezpieczeństwa i
    Współpracy", "Gmin i Powiatów") rather than two names ("Związkiem Miast Polskich i
    Związkiem Powiatów", "Dobrego Miasta i Pisza")?"""
    nxt = toks[j + 1][2]
    after = toks[j + 2][2] if j + 2 < len(toks) else ""
    if _function_word(nxt.lower(), "sg"):
        return False  # "Powiatu Raciborskiego i Starosta Powiatu X": a person joins
    if head_lemma(nxt):
        # only a plural genitive after a plural genitive continues: "Gmin i Powiatów"
        # (as the head noun itself: "Związek" is also "związka" pl. gen., a tie)
        # (not "Powiatów Polskich i Komisji Rewizyjnej": a singular adjective makes it singular)
        if _head_pl_gen(nxt) and _can_be(toks[j - 1][2], "pl", "gen") and j - 1 > i and not _singular_adj(after):
            return True
        # a second complement of the head ("Komisja Wspólna Rządu i Samorządu
        # Terytorialnego"): a genitive of another, non-local head after a complement noun;
        # "Urzędu Gminy i Urzędu Miasta" or "Ministerstwa X i Ministerstwa Y" are two bodies
        lemma, other = head_lemma(toks[i][2]), head_lemma(nxt)
        if lemma in _field_heads() and j - 1 > i and _can_be(nxt, "sg", "gen") \
                and _can_be(toks[j - 1][2], "sg", "gen"):
            return True  # "Wydziału Prawa i Administracji": a faculty of two fields
        if other in _tables().bare_heads and _shares_case(toks[i][2], nxt):
            return False  # "Fundacji X i Związku Y": a body's own head in the first head's case
        # ("Związku Powiatów Polskich i Komisji Rewizyjnej": a plural complement, then a body)
        return other != lemma and other not in _tables().local and _can_be(nxt, "sg", "gen") \
            and _can_be(toks[j - 1][2], "sg", "gen") and _has_complement_noun(toks, i, j)
    if _is_adj(nxt) and after and head_lemma(after) and _agrees(nxt, after, head_lemma(after)):
        return False  # "... i Powiatowego Centrum ..." (but "Władz Lokalnych i Regionalnych Rady")
    if (j - 1 == i and _proper(nxt)) or not _shares_case(toks[j - 1][2], nxt):
        # "z Dobrym Miastem i Kostopolem": the head itself coordinated, or a word in
        # another case ("Obwodu Lwowskiego i Lvem ..."), is a second actor, no complement
        return False
    if nxt.lower() in ("pan", "pani", "panem", "panią", "państwo") or (morph.first_name(nxt) and is_cap(after)):
        return False  # "Wójt Gminy i Pani Ewa ...": a person joins, not a complement
    places = morph.place_lemmas(nxt)
    if places and not any("nazwa_pospolita" in a.quals for a in morph.analyse(nxt)):
        return False  # a town after "i" is a second body's
    return True


_INST_ENDING = ("em", "ym", "im", "ą")
# words before a unit that name its territory, not the body
_TERRITORY = re.compile(r"\b(?:teren\w*|obszar\w*|obręb\w*)\s+$", re.I)
# local-government units (not their offices: "Starostwo Powiatowe w X" has a seat)
_UNITS_WITHOUT_SEAT = frozenset({"województwo", "powiat", "gmina", "miasto", "euroregion"})
# heads whose name may go on with "o": an information point about something
_ABOUT_HEADS = frozenset({"punkt"})
# heads numbered by a Roman ordinal before them ("XVIII Dzielnica Budapesztu", "II Liceum")
_NUMBERED_HEADS = frozenset({"dzielnica", "liceum", "gimnazjum", "oddział"})
# units named by an adjective of territory ("Powiat Lęborski", "Województwo Podlaskie")
_UNIT_ADJ_HEADS = frozenset({"powiat", "województwo"})


@lru_cache(maxsize=100_000)  # pure, and asked again for every mention
def _cases(word: str) -> frozenset[str]:
    """Cases ``word`` can be in; a word morfeusz lacks (a foreign name) by its ending:
    "-em" is instrumental ("Kostopolem"), never a genitive complement."""
    an = [a for a in morph.analyse(word) if a.pos in ("subst", "depr", "adj")]
    if an:
        return frozenset(c for a in an for c in a.tag[1])
    if word.endswith(_INST_ENDING):
        return frozenset(("inst",))
    return frozenset()  # unknown: no evidence either way


def _shares_case(a: str, b: str) -> bool:
    ca, cb = _cases(a), _cases(b)
    return not ca or not cb or bool(ca & cb)


@lru_cache(maxsize=100_000)  # pure, and asked again for every mention
def _head_pl_gen(word: str) -> bool:
    heads = _tables().heads
    return any(a.pos == "subst" and a.lemma in heads and "pl" in a.tag[0] and "gen" in a.tag[1]
               for a in morph.analyse(word))


def _has_complement_noun(toks, i: int, j: int) -> bool:
    """A noun stands between the head toks[i] and toks[j] (not only its adjectives)."""
    return any(any(a.pos == "subst" for a in t.readings) and not _is_adj(t[2]) for t in toks[i + 1:j])


@lru_cache(maxsize=100_000)  # pure, and asked again for every mention
def _can_be(word: str, number: str, case: str) -> bool:
    return any(a.pos in ("subst", "depr", "adj") and (not number or number in a.tag[0]) and case in a.tag[1]
               for a in morph.analyse(word))


@lru_cache(maxsize=100_000)  # pure, and asked again for every mention
def _is_adj(word: str) -> bool:
    return any(a.pos in ("adj", "adja") for a in morph.analyse(word))


@lru_cache(maxsize=100_000)  # pure, and asked again for every mention
def _foreign(word: str) -> bool:
    return place_lookup(word) is not None


@lru_cache(maxsize=100_000)  # pure, and asked again for every mention
def _country(word: str) -> bool:
    found = place_lookup(word)
    return bool(found) and found not in city_names()


@lru_cache(maxsize=100_000)  # pure, and asked again for every mention
def _same_case_head(head: str, other: str) -> bool:
    """True when ``other`` is a head in a case ``head`` can be in: a new name begins
    ("Ministerstwo Gospodarki Ministerstwo Finansów"), not a genitive complement."""
    hc = {c for a in morph.analyse(head) if a.pos == "subst" for c in a.tag[1]}
    oc = {c for a in morph.analyse(other) if a.pos == "subst" and a.lemma.lower() in _tables().heads
          for c in a.tag[1]}
    return bool(hc & oc) and "gen" not in oc


def _end(tok: tuple[int, int, str]) -> int:
    return tok[1]


_COLON_QUOTES = re.compile(r":\s*„[^”\n]{1,50}”(?:(?:,\s*|\s+(?:i|oraz)\s+)„[^”\n]{1,50}”)+")
_QUOTED = re.compile(r"„([^”\n]{1,50})”")


def _colon_list(text: str, toks, org: Org, head: int) -> list[Org] | None:
    """"dwie Lokalne Grupy Działania: „Dolina Bugu” i „Nad Wartą”": a plural kind of body
    and a colon before quoted names is one body of that kind per name."""
    m = _COLON_QUOTES.match(text, org.end)
    if not m:
        return None
    word = toks[head][2]
    lemma = head_lemma(word)
    heads = [a for a in morph.analyse(word) if a.pos == "subst" and a.lemma.lower() == lemma and "pl" in a.tag[0]]
    if not heads or toks[head][0] < org.start:
        return None
    gender = heads[0].tag[2][0]
    single = next((f for f, tag, _q in morph.generate(lemma) if ":sg:nom" in tag), lemma)
    words = []
    for t in toks:
        if org.start <= t[0] and t[1] <= toks[head][0]:  # adjectives before the head
            words.append(morph.adjective_nominative(t[2], gender) or t[2])
    prefix = " ".join(w[:1].upper() + w[1:] for w in words + [single])
    rest = text[toks[head][1]:org.end]  # the complement stays as written ("Działania")
    out = []
    for q in _QUOTED.finditer(text, m.start(), m.end()):
        name = f"{prefix}{rest} „{q.group(1)}”"
        out.append(Org(name, q.group(0), q.start(), q.end(), body_key(name)))
    return out


def _split_plural(text: str, toks, org: Org, nxt: int) -> list[Org]:
    """"gmin Gori i Kaspi" -> Gmina Gori, Gmina Kaspi: a plural head before towns
    joined by "i" names one body per town.  ``nxt``: the index of the token after the
    name (every reading ends its name at a token's end, or at a closing quote no token
    holds, and starts it at a token's start)."""
    first = nxt - 1
    while first > 0 and toks[first - 1][0] >= org.start:
        first -= 1
    if nxt - first == 2 and nxt + 1 < len(toks) and toks[nxt][2] == "i" and _gap(text, toks, nxt) == " " \
            and _gap(text, toks, nxt + 1) == " " and is_cap(toks[nxt + 1][2]) and _proper(toks[nxt + 1][2]):
        nxt += 2  # "gminami Seeshaupt i Krzyżanowice": the name stopped before the second town
    if nxt - first < 4:
        return [org]
    parts = toks[first:nxt]
    words = [t[2] for t in parts]
    if "i" not in words or "w" in words:
        return [org]
    head = parts[0][2]
    lemma = head_lemma(head)
    if not lemma or not any(a.pos == "subst" and "pl" in a.tag[0] and a.lemma.lower() == lemma
                            for a in morph.analyse(head)):
        return [org]
    k = words.index("i")
    groups = [parts[1:k], parts[k + 1:]]
    # (a unit's territorial adjective will do: "powiatów Lęborskiego i Giżyckiego")
    if not all(g and all(is_cap(t[2]) for t in g) and any(_proper(t[2]) or lemma in _UNIT_ADJ_HEADS and len(g) == 1
                                                          and _TERRITORIAL.search(t[2]) for t in g) for g in groups):
        return [org]
    single = next((f for f, tag, _q in morph.generate(lemma) if ":sg:nom" in tag), lemma)
    single = single[:1].upper() + single[1:]
    gender = _UNIT_GENDER.get(single)
    out = []
    for g in groups:
        written = text[g[0][0]:g[-1][1]]
        adjective = gender and len(g) == 1 and _is_adj(written) and morph.adjective_nominative(written, gender)
        # "powiatów Lęborskiego i Giżyckiego": each county by its adjective, in the nominative
        name = single + " " + (adjective[:1].upper() + adjective[1:] if adjective else written)
        out.append(Org(name, written, g[0][0], g[-1][1], body_key(name)))
    return out


@lru_cache(maxsize=100_000)  # pure, and asked again for every mention
def _proper(word: str) -> bool:
    """A word that can only be a proper name: a place, a surname, or unknown."""
    an = morph.analyse(word)
    return not an or bool(morph.place_lemmas(word)) or \
        all(a.pos not in ("adj", "adja") and "nazwa_pospolita" not in a.quals for a in an)


def _prefix_acronym_at(text: str, toks, i: int):
    """"UM Kielce" -> Urząd Miasta Kielce, "GOPS w Porąbce" -> Gminny Ośrodek Pomocy
    Społecznej w Porąbce: an office's acronym before its town."""
    s, e, w = toks[i]
    full = _tables().prefix_acronyms.get(w)
    if not full:
        return None
    j = i + 1
    if full.endswith(" w") and j < len(toks) and toks[j][2] in ("w", "we"):
        j += 1
    if j >= len(toks) or text[toks[j - 1][1]:toks[j][0]] != " " or not _is_place(toks[j][2]):
        return None
    last = j
    if last + 1 < len(toks) and text[toks[last][1]:toks[last + 1][0]] == " " and is_cap(toks[last + 1][2]) \
            and not head_lemma(toks[last + 1][2]) and not is_acronym(toks[last + 1][2]):
        last += 1  # a two-word town ("UG Czarny Dunajec")
    town = text[toks[j][0]:toks[last][1]]
    if full.endswith(" w"):
        name = f"{full} {town}"  # the seat stays in the locative, as written
    else:
        nom = morph.place_nominative(town.split(), ("nom", "gen"), as_written=True)
        name = f"{full} {nom or town}"
    return Org(name, text[s:toks[last][1]], s, toks[last][1], body_key(name), (text[s:toks[last][1]],)), last + 1


def _quoted_acronym_at(text: str, toks, i: int):
    """"TK „Echo Pyzdr”", "KGW „Zalesianki”": a kind of body's acronym and its quoted name."""
    s, e, w = toks[i]
    full = _tables().quoted_acronyms.get(w)
    if not full or i + 1 >= len(toks) or _gap(text, toks, i + 1) not in (" „", " \"", " “") \
            or not is_cap(toks[i + 1][2]) or not _short_quote(text, toks[i + 1][0]):
        return None
    close = _closing_quote(text, toks[i + 1][0])
    last = i + 1
    while last + 1 < len(toks) and toks[last + 1][0] < close:
        last += 1
    proper = text[toks[i + 1][0]:close]
    name = f"{full} „{proper}”"
    written = text[s:close + 1]
    return Org(name, written, s, close + 1, body_key(name), (f"{w} {proper}",)), last + 1


@lru_cache(maxsize=1)
def _acronym_words() -> frozenset[str]:
    """Every word an acronym reading can start with: most tokens are none of them."""
    t = _tables()
    return frozenset(t.prefix_acronyms) | frozenset(t.quoted_acronyms) | \
        frozenset(k.split(" ", 1)[0] for k in t.acronyms)


def _acronym_at(text: str, toks, i: int):
    s, e, w = toks[i]
    if w not in _acronym_words():
        return None
    found = _prefix_acronym_at(text, toks, i) or _quoted_acronym_at(text, toks, i)
    if found:
        return found
    acr = _tables().acronyms
    if i + 1 < len(toks) and _gap(text, toks, i + 1) == " " and f"{w} {toks[i + 1][2]}" in acr:
        entry, last = acr[f"{w} {toks[i + 1][2]}"], i + 1
    elif w in acr:
        entry, last = acr[w], i
    else:
        return None
    end = toks[last][1]
    written = text[s:end]
    return Org(entry["name"], written, s, end, body_key(entry["name"]), entry["aliases"] + (written,),
               entry["group"]), last + 1


def _make(text: str, toks, first: int, last: int, head: int) -> Org:
    start, end = toks[first][0], toks[last][1]
    if toks[last][2] in _LEGAL_LAST and text[end:end + 1] == "." and _LEGAL_FORM.search(text, start, end + 1):
        end += 1  # "S.A.": the form's last dot is no token
    elif toks[last][2].lower() == "nr":
        end = _NUMBER_AFTER.match(text, end).end()  # "Szkoła Podstawowa nr 3": digits are no tokens
    written = text[start:end]
    o = _made(written, text[start - 1:start], text[end:end + 1], head - first)
    return Org(o.name, written, start, end, o.key, o.aliases, o.group)


@lru_cache(maxsize=20_000)
def _made(written: str, before: str, after: str, head: int) -> Org:
    """The Org of _make without its place: the name is a function of the words as written
    and the characters right around them (cached: a page names the same bodies again and
    again).  ``written`` runs from a token's start to a token's end, so splitting it alone
    gives the same tokens, and gaps between them, as splitting the zone."""
    span = split_text(written, 0, len(written))
    words = tuple(t[2] for t in span)
    gaps = tuple(written[a[1]:b[0]] for a, b in zip(span, span[1:]))
    # nominative on the words; spacing and "m.st." kept as written
    nom = morph.nominative_phrase(list(words), head, head_lemma(words[head]))
    if head > 0 and nom[head] != words[head] and nom[head - 1] == words[head - 1]:
        # "Preszowskiego Kraju": the same before the head
        nom = nom[:head - 1] + [_unknown_adjective_nominative(words[head - 1], words[head])] + nom[head:]
    if head + 1 < len(words) and nom[head] != words[head] and nom[head + 1] == words[head + 1]:
        # "Kraju Preszowskiego", "Rejonem Wyżnickim": a foreign region's adjective morfeusz
        # does not know agrees with the head, and goes to the nominative by its ending
        nom = nom[:head + 1] + [_unknown_adjective_nominative(words[head + 1], words[head])] + nom[head + 2:]
    if head > 0 and nom[head] == words[head]:
        # an indeclinable head ("Centrum") takes its case from the adjective before it
        nom = morph.nominative_phrase(list(words[: head + 1][::-1]), 0, head_lemma(words[head]))[::-1] \
            + nom[head + 1:]
    parts = []
    for k, new in enumerate(nom):
        # the character before and after the token (an empty gap: a letter of a word)
        prev = gaps[k - 1][-1:] if k > 0 else before
        nxt = gaps[k][:1] if k < len(gaps) else after
        if prev == "(" and nxt == ")":
            continue  # an acronym defined inside the name: "Biblioteka (GBP) w Zatorze"
        parts.append(new)
        if k < len(gaps):
            gap = gaps[k]
            if gap == " (":
                parts.append(" ")
                continue
            parts.append(" " if gap == ") " else "-" if gap.strip() == "-" else gap)  # "Polsko- Amerykańska"
    # what follows the last token is the name's too: the dot of "S.A.", the number of "nr 3"
    parts.append(written[span[-1][1]:] if span else "")
    name = _close_quotes("".join(parts))
    name = name[:1].upper() + name[1:]
    return _normalised(_town_in_nominative(name), "", 0, 0)


# endings of an adjective in -ski/-cki/-dzki in an oblique case
_OBLIQUE_ADJ = re.compile(r"^(?P<stem>[A-ZĄĆĘŁŃÓŚŹŻ]\w+(?:sk|ck|dzk))(?:iego|iemu|im|iej|ą)$")
_NOM_ENDING = {"m": "i", "f": "a", "n": "ie"}


@lru_cache(maxsize=10_000)
def _unknown_adjective_nominative(word: str, head_form: str) -> str:
    """``word`` in the nominative when morfeusz does not know it and it ends like an
    adjective in an oblique case ("Preszowskiego" after "Kraju" -> "Preszowski"), else as is."""
    m = _OBLIQUE_ADJ.match(word)
    if not m or morph.analyse(word):
        return word
    genders = {g[0] for a in morph.analyse(head_form) if a.pos == "subst" and "sg" in a.tag[0] for g in a.tag[2]}
    if len(genders) != 1:
        return word
    return m.group("stem") + _NOM_ENDING[genders.pop()]


# the case endings of an adjective in -ski that agree with a singular noun's case
_ADJ_CASE_ENDINGS = {"nom": ("i", "a", "ie"), "gen": ("iego", "iej"), "dat": ("iemu", "iej"),
                     "acc": ("i", "iego", "ą", "ie"), "inst": ("im", "ą"), "loc": ("im", "iej"), "voc": ("i", "a", "ie")}
_ADJ_SHAPE = re.compile(r"^[A-ZĄĆĘŁŃÓŚŹŻ]\w+(?:sk|ck|dzk)(?P<end>i|a|ie|iego|iej|iemu|im|ą)$")


@lru_cache(maxsize=10_000)
def _unknown_adjective_agrees(adj: str, noun: str) -> bool:
    """Can ``adj``, a word morfeusz does not know shaped like an adjective in -ski, agree
    with the singular ``noun`` ("Preszowski Kraj", "Preszowskiego Kraju")?"""
    m = _ADJ_SHAPE.match(adj)
    if not m or morph.analyse(adj):
        return False
    cases = {c for a in morph.analyse(noun) if a.pos == "subst" and "sg" in a.tag[0] for c in a.tag[1]}
    return any(m.group("end") in _ADJ_CASE_ENDINGS.get(c, ()) for c in cases)


def _close_quotes(name: str) -> str:
    """"Towarzystwo „Echo Pyzdr": the name's tokens stop before its closing quote."""
    name = name.replace("“", "„")  # one spelling, one body: „Echo” and “Echo”
    for o, c in (("„", "”"), ("«", "»")):
        if name.count(o) > name.count(c):
            return name + c
    return name + '"' if name.count('"') % 2 else name


def _town_in_nominative(name: str) -> str:
    """"Miasto Pińczowa" -> "Miasto Pińczów": a unit named by its town takes the town in
    the nominative; a town that can be read as written stays ("Gmina Dobra", "Miasto Kielce")."""
    head, _, town = name.partition(" ")
    if head not in ("Miasto", "Gmina") or not town or " " in town or not town[:1].isupper():
        return name
    if morph.place_nominative([town], ("nom",), as_written=True) == town:
        return name
    nom = morph.place_nominative([town], ("gen",))
    return f"{head} {nom}" if nom else name


def _normalised(name: str, written: str, start: int, end: int) -> Org:
    t = _tables()
    if name.split(" ", 1)[0] in t.strip_for_heads:
        for suf in t.strip_suffixes:
            if name.endswith(suf):
                name = name[: -len(suf)]
                break
    entry = t.variants.get(name.lower())
    if entry:
        return Org(entry["name"], written, start, end, body_key(entry["name"]), entry["aliases"], entry["group"])
    return Org(name, written, start, end, body_key(name))


_LOCAL_PREFIX = re.compile(r"^(?:urząd\s+(?:miasta(?:\s+i\s+gminy)?|gminy|miejski\s+w|gminy\s+w|miasta\s+w)|"
                           r"miasto(?:\s+i\s+gmina)?|gmina(?:\s+miejska|\s+miasto|\s+wiejska)?)\s+(.+)$", re.I)


@lru_cache(maxsize=100_000)  # pure, and asked again for every mention (and by decide, per page)
def body_key(name: str) -> str:
    """Identity of a body: "Urząd Miasta Kielce", "Miasto Kielce", "Gmina Kielce" are one."""
    m = _LOCAL_PREFIX.match(name)
    if m:
        rest = m.group(1)
        if rest.startswith(("w ", "we ")):  # "Urząd Gminy w Lidzbarku Warmińskim": the seat
            rest = rest.split(" ", 1)[1]
        words = rest.split()
        place = morph.place_nominative(words) if len(words) <= 2 else None
        if not place and len(words) == 2:  # "Lidzbarku Warmińskim": a noun and its adjective
            place = morph.place_with_adjective(words, 1) or morph.place_with_adjective(words, 0)
        return "jst:" + (place or rest).lower()
    return name.lower()


def _city_adj_matches(text: str, zs: int, ze: int):
    """The matches of _CITY_ADJ.finditer(text, zs, ze), trying the regex only at the
    lower-case word before each of its nouns instead of at every word: a match is that
    word, white space and the noun phrase, and the nouns cannot overlap (each follows
    white space and holds none)."""
    end = zs
    for noun in _CITY_NOUN.finditer(text, zs, ze):
        a = noun.start()
        while a > zs and text[a - 1].isspace():  # \s is str.isspace
            a -= 1
        while a > zs and text[a - 1] in _CITY_ADJ_LETTERS:
            a -= 1
        if a < end:
            continue  # inside the match before (finditer goes on after its end)
        m = _CITY_ADJ.match(text, a, ze)
        if m:
            end = m.end()
            yield m


def _city_adjective_orgs(text: str, zs: int, ze: int, toks) -> list[Org]:
    """"kielecki magistrat", "kieleckiego urzędu miasta" -> Urząd Miasta Kielce, when a
    town of that adjective is named in the zone."""
    out = []
    towns = None
    for m in _city_adj_matches(text, zs, ze):
        if towns is None:
            towns = {}
            for _, _, w in toks:
                if is_cap(w):
                    for lemma, _a in morph.place_lemmas(w):
                        towns.setdefault(lemma, None)
        adj = m.group(1)
        lemma = next((a.lemma for a in morph.analyse(adj) if a.pos == "adj"), adj)
        stem = re.sub(r"(?:ck|sk|dzk|k)i$", "", lemma)
        # the adjective's stem alternates (Lublin: lubelski, Kielce: kielecki), so the
        # town of the page sharing the longest head with it (at least 3 letters) wins
        town, best = None, 2
        for t in towns:
            n = len(os.path.commonprefix([t.lower(), stem]))
            if n > best:
                town, best = t, n
        if town:
            name = f"Urząd Miasta {town}"
            out.append(Org(name, m.group(0), m.start(), m.end(), body_key(name)))
    return out


@lru_cache(maxsize=100_000)
def _unit_function(word: str) -> str | None:
    """"Burmistrzowie" -> "Miasto": the local unit a function word heads."""
    units = _tables().units
    if word.lower() in units:
        return units[word.lower()]
    if not morph.may_read_as(word, morph.forms_of(frozenset(units))):
        return None  # no form of a unit's function word: not analysed to find that out
    return next((units[a.lemma.lower()] for a in morph.analyse(word.lower())
                 if a.pos == "subst" and a.lemma.lower() in units), None)


@lru_cache(maxsize=100_000)
def _unit_word(word: str) -> str | None:
    return _unit_function(word) if word[:1].lower() in "wbpsm" else None


def _function_starts(text: str, toks, kinds: list[int]) -> list[int]:
    """Indices of the tokens _function_town_orgs can start at: a function word, or a
    word right before ": " (a list of towns); at any other token ``unit`` stays None."""
    if not toks:
        return []
    at = set(_marked(kinds, _UNIT))
    p = text.find(": ", toks[0][0], toks[-1][1])
    while p >= 0:
        i = bisect_left(toks, p, key=_end)
        if i < len(toks) and toks[i][1] == p:
            at.add(i)
        p = text.find(": ", p + 1, toks[-1][1])
    return sorted(at)


def _function_town_orgs(text: str, toks, found: list[Org], kinds: list[int]) -> list[Org]:
    """"burmistrz Szczecinka", "Burmistrzowie Szczecinka i szwedzkiego Söderhamn": the
    office names its town, and through it the local unit (Miasto Szczecinek)."""
    out = []
    taken = [(o.start, o.end) for o in found]
    for i in _function_starts(text, toks, kinds):
        w = toks[i][2]
        unit = _unit_word(w)
        if unit and w[:1].isupper() and any(a.lemma in _tables().town_units for a in morph.analyse(w.lower())):
            unit = None  # "Dzień Samorządu Terytorialnego": a name, not a town's government
        listed = False
        if not unit and w.islower() and i + 1 < len(toks) and _gap(text, toks, i + 1) == ": ":
            # "w miastach: Arendal, Trondheim i Levanger": a list of units by their towns
            unit = next(("Miasto" if a.lemma == "miasto" else "Gmina" for a in morph.analyse(w)
                         if a.pos == "subst" and a.lemma in ("miasto", "gmina") and "pl" in a.tag[0]), None)
            listed = True
        if not unit:
            continue
        j = i + 1
        while j < len(toks) and (_gap(text, toks, j) == " " or (listed and _gap(text, toks, j) in (": ", ", "))):
            town = _unit_name(unit, toks[j][2], ("nom",) if listed else ("gen",))
            if not town or any(a <= toks[j][0] < b for a, b in taken) or \
                    (j + 1 < len(toks) and _gap(text, toks, j + 1) in (" ", "-") and is_cap(toks[j + 1][2])
                     and toks[j + 1].readings and not morph.first_name(toks[j + 1][2])):
                break  # a town of two words ("Starego Sącza") is the place finder's; a name may follow
                    # a foreign municipality goes by its town's name alone ("Söderhamn")
            name = town if country_of(town) != "PL" else f"{unit} {town}"
            key = "jst:" + town.lower() if name == town else body_key(name)  # merges with "Urząd Miasta X"
            out.append(Org(name, toks[j][2], toks[j][0], toks[j][1], key, by_function=True))
            # "... i (szwedzkiego) Söderhamn": a second town of the same office
            k = j + 1
            if listed and k < len(toks) and _gap(text, toks, k) == ", ":
                j = k
                continue
            if k < len(toks) and toks[k][2] in ("i", "oraz") and _gap(text, toks, k) == " ":
                k += 1
                if k < len(toks) and toks[k][2].islower() and _is_adj(toks[k][2]) and _gap(text, toks, k) == " ":
                    k += 1
                j = k
                continue
            break
    return out


def _town_genitive(word: str, cases: tuple[str, ...] = ("gen",)) -> str | None:
    """The nominative of a town named in the genitive ("Szczecinka" -> "Szczecinek"), or
    of a foreign town from the table."""
    if not is_cap(word) or word.isupper() or head_lemma(word) or \
            any("imię" in a.quals and "sg" in a.tag[0] for a in morph.analyse(word)):
        return None  # ("marszałek Władysław Nowak": a name, not a town)
    found = place_lookup(word)
    if found:
        return found if country_of(found) != "PL" or found in city_names() else None
    return morph.place_nominative([word], cases)


_UNIT_GENDER = {"Powiat": "m3", "Gmina": "f", "Miasto": "n", "Województwo": "n"}


@lru_cache(maxsize=100_000)  # pure, and asked again for every mention
def _unit_name(unit: str, word: str, cases: tuple[str, ...]) -> str | None:
    """"Starosty Nowosądeckiego" -> Powiat Nowosądecki (an adjective agrees with the
    unit); "burmistrza Szczecinka" -> Szczecinek (a town)."""
    if _is_adj(word) and (unit in ("Powiat", "Województwo") or not morph.place_lemmas(word)):
        if unit not in ("Powiat", "Województwo"):
            return None  # a town's office takes a town, not an adjective
        if not (is_cap(word) or _TERRITORIAL.search(word)):
            return None  # "z rąk Starosty symboliczne upominki": a lower-case unit's adjective is -ski, -cki
        adj = morph.adjective_nominative(word, _UNIT_GENDER.get(unit, "n"))
        return adj[:1].upper() + adj[1:] if adj else None
    return _town_genitive(word, cases)


@lru_cache(maxsize=1)
def _town_triggers() -> Matcher:
    """The town triggers of actors.toml as one Matcher (rule i = trigger group i)."""
    return Matcher((f"town_trigger:{role}", rx) for rx, role in _tables().town_triggers)


def _town_actors(text: str, zs: int, ze: int, toks, found: list[Org]) -> list[Org]:
    """"do partnerskiego Uffenheim", "delegacja z Plunge", "partnerstwo z francuskim
    Meudon, niemieckim Haldensleben i słowackim Breznem", "odwiedziła Jasło": a town
    named bare where a body is expected (after a trigger of actors.toml [orgs.town_triggers])
    stands for its local government.  A foreign town goes by its name alone, a Polish one
    merges with "Miasto X", "Gmina X" on the page."""
    out: list[Org] = []
    triggers = _town_triggers()
    hits = [(h.end, _tables().town_triggers[h.rule][1]) for h in triggers.matches(text, zs, ze)
            if _CAPITAL_NEXT.match(text, h.end, ze)]
    if not hits:
        return out
    taken = [(o.start, o.end) for o in found]
    for at, role in hits:
        j = bisect_left(toks, at, key=itemgetter(0))
        while j < len(toks) and toks[j][0] >= at:  # (None ends the list)
            inst = False
            if toks[j][2].islower() and _TERRITORIAL.search(toks[j][2]) and j + 1 < len(toks) \
                    and _gap(text, toks, j + 1) == " ":
                inst = toks[j][2].endswith(("im", "ym"))
                j += 1  # a country's adjective: "z francuskim Meudon"
            town = _bare_town(text, toks, j)
            if town is None or any(a < toks[town[1]][1] and toks[j][0] < b for a, b in taken):
                break
            name, last = town
            if inst and last == j and not morph.analyse(name):
                name = foreign_nominative(name, ("inst",))  # "z chorwackim Splitem": Split
            s, e = toks[j][0], toks[last][1]
            out.append(Org(name, text[s:e], s, e, "jst:" + name.lower(), role=role))
            taken.append((s, e))
            j = _next_listed(text, toks, last)
            if j is None:
                break
    return out


# a trigger is followed by a capitalised word, or by a lower-case adjective of territory and one
_CAPITAL_NEXT = re.compile(r"(?:[a-ząćęłńóśźż]+(?:sk|ck|dzk)(?:i|iego|iemu|im|a|iej|ą|ie)\s)?[A-ZĄĆĘŁŃÓŚŹŻ]")


_LIST_NEXT = re.compile(r"(?:\s*\([^()\n]{1,40}\)|\s+ze?\s+[A-ZĄĆĘŁŃÓŚŹŻ]\w+)?(?:,\s*|\s+(?:i|oraz)\s+)")


def _next_listed(text: str, toks, last: int) -> int | None:
    """Index of the next item of a list of towns ("Meudon (40-lecie), niemieckim
    Haldensleben", "Vejle z Danii oraz Kolding"), or None."""
    m = _LIST_NEXT.match(text, toks[last][1])
    if not m:
        return None
    k = bisect_left(toks, m.end(), key=itemgetter(0))
    return k if k < len(toks) and toks[k][0] == m.end() else None


def _bare_town(text: str, toks, j: int) -> tuple[str, int] | None:
    """(nominative, index of its last token) of a town named at toks[j], or None."""
    if j is None or j >= len(toks):
        return None
    w = toks[j][2]
    if not is_cap(w) or w.isupper() or head_lemma(w) or _function_word(w.lower()) or _country(w) \
            or morph.first_name(w):
        return None
    if j + 1 < len(toks) and _gap(text, toks, j + 1) in (" ", "-") and is_cap(toks[j + 1][2]):
        two = morph.place_nominative([w, toks[j + 1][2]])
        if two:  # "Środy Wielkopolskiej", "Tomaszowa Lubelskiego"
            return two, j + 1
        if not head_lemma(toks[j + 1][2]):
            return None  # two capitalised words that are no town: a person, a title
    found = place_lookup(w)
    if found:
        name = found if found in city_names() else None
    else:
        name = morph.place_nominative([w]) or (w if not morph.analyse(w) else None)
    if name and j + 2 < len(toks) and toks[j + 1][2] in ("nad", "pod") and _gap(text, toks, j + 1) == " " \
            and _gap(text, toks, j + 2) == " " and is_cap(toks[j + 2][2]):
        return f"{name} {toks[j + 1][2]} {toks[j + 2][2]}", j + 2  # "Rychnov nad Kněžnou"
    if name and not found and not morph.analyse(w):
        # "Rosbach vor der Höhe", "Bernau bei Berlin": a foreign town's connectors and the
        # words after them are its name
        k, connectors = j + 1, name_connectors()
        while k < len(toks) and toks[k][2] in connectors and _gap(text, toks, k) == " ":
            k += 1
        if k > j + 1 and k < len(toks) and _gap(text, toks, k) == " " and is_cap(toks[k][2]):
            return text[toks[j][0]:toks[k][1]], k
    return (name, j) if name else None


# a Ukrainian hromada, a word morfeusz does not know: "Makarowskiej hromady" (named by its
# adjective) or "hromady Makarów" (by its town)
_HROMADA = re.compile(r"(?:(?<!\w)([A-ZĄĆĘŁŃÓŚŹŻ]\w*?(?:sk|ck|dzk))(?:a|iej|ą|iemu|ie)\s+)?(?<!\w)"
                      r"([hH]romad(?:a|y|zie|ę|ą|om|ami|ach)?)(?!\w)(?:\s+([A-ZĄĆĘŁŃÓŚŹŻ][\w-]+))?")


def _hromada_orgs(text: str, zs: int, ze: int) -> list[Org]:
    out = []
    first = text.find("romad", zs, ze)
    if first < 0:
        return out
    # no match starts before the word in front of the first "hromad" (its adjective), so the
    # scan, which tries every offset, starts there (\s is str.isspace, \w str.isalnum or "_")
    at = first - 1
    while at > zs and text[at - 1].isspace():
        at -= 1
    while at > zs and (text[at - 1].isalnum() or text[at - 1] == "_"):
        at -= 1
    for m in _HROMADA.finditer(text, max(zs, at), ze):
        adj, town = m.group(1), m.group(3)
        if adj:
            name, s, e = f"{adj}a hromada", m.start(), m.end(2)
        elif town and not morph.first_name(town) and not head_lemma(town) and not _function_word(town.lower()):
            town = morph.place_nominative([town], ("nom",), as_written=True) or town
            name, s, e = f"Hromada {town}", m.start(2), m.end(3)
        else:
            continue  # "ukraińskich hromad": hromadas in general
        # "Makarowska hromada" and "hromada Makarów" are one body: keyed on the stem
        stem = (adj or town).lower().translate(_PLAIN)[:5]
        out.append(Org(name, text[s:e], s, e, "hromada:" + stem))
    return out


_PLAIN = str.maketrans("ąćęłńóśźż", "acelnoszz")

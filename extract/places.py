"""Places in the nominative with an ISO 3166-1 alpha-2 country code.

Capitalised words (and ALL-CAPS headings) that morfeusz reads as geographical names,
alone or in pairs ("Tarnowskich Gór"), plus the countries and foreign towns of
extract/data/places.toml (which also gives every country code; a name in no table is
Polish).  Street names, parts of persons' names, the home country named on its own and
places inside a funder's name ("... w Europie") are not reported.
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from extract import morph
from extract.orgs import tokens

DATA = Path(__file__).parent / "data"

_STREET = re.compile(r"(?:\b(?:ul|al|pl|os|ulica|ulicy|ulicą|ulicę|aleja|alei|aleję|osiedle|osiedlu|placu|plac|rondo|ronda|"
                     r"skwer|skweru|most|mostu|park|parku|hala|hali|stadion|stadionie|Galeria|Galerii|"
                     r"Hotel|Hotelu|hotel|hotelu|Kino|Kina|Teatr|Teatru|Klub|Klubu)\.?\s*)$")
# words before a town's name that make it one ("Miasta Kielce", "wójt Poraja", "m.st. Warszawy")
_LOCAL = frozenset({"miasto", "gmina", "powiat", "m.st.", "wójt", "burmistrz", "prezydent", "starosta",
                    "sołectwo", "okolica", "mieszkaniec", "urząd", "samorząd", "partnerstwo", "delegacja"})
# prepositions before a place name, and the cases they take
_PREPS = {"w": ("loc",), "we": ("loc",), "z": ("gen",), "ze": ("gen",), "do": ("gen",), "od": ("gen",),
          "na": ("loc", "acc"), "pod": ("inst",), "koło": ("gen",), "dla": ("gen",), "spod": ("gen",)}


@lru_cache(maxsize=1)
def _tables() -> dict:
    data = tomllib.loads((DATA / "places.toml").read_text("utf-8"))
    codes = {**data["cities"], **data["countries"]}
    forms: dict[str, str] = {}
    for name in codes:
        forms[name] = name
        head, _, last = name.rpartition("-") if "-" in name else ("", "", name)
        if " " in name:
            continue
        for form, tag, quals in morph.generate(last):
            if ":sg:" in tag or ":pl:" in tag:
                forms.setdefault((head + "-" if head else "") + morph.match_case(form, last), name)
        # towns morfeusz does not know still take the common endings (Nur-Sułtanie)
        if not morph.generate(last) and last[-1] not in "aeiouy":
            for suf in ("u", "ie", "em", "a", "owi"):
                forms.setdefault(name + suf, name)
    return {
        "codes": codes,
        "forms": forms,
        "skip": frozenset(data["settings"]["skip"]),
        "home": data["settings"]["home_country"],
        "report_home": data["settings"]["report_home_country"],
    }


def lookup(word: str) -> str | None:
    """Nominative of a country or foreign town in the table, from any form, or None."""
    return _tables()["forms"].get(word) or _tables()["forms"].get(word.title() if word.isupper() else word)


def country_of(name: str) -> str:
    return _tables()["codes"].get(name, "PL")


def _cap(word: str) -> bool:
    return word[0].isupper()


def _first_name(word: str) -> bool:
    return _cap(word) and not word.isupper() and morph.first_name(word) is not None


def find_places(page) -> list[dict]:
    return [dict(p) for p in _find_places(page.text, tuple(tuple(z) for z in page.zones))]


@lru_cache(maxsize=256)
def _find_places(text: str, zones: tuple[tuple[int, int], ...]) -> tuple[dict, ...]:
    from extract.roles import funder_spans  # a funder's name says nothing of where work happens
    skip_spans = funder_spans(text, zones)
    t = _tables()
    seen: dict[str, dict] = {}
    strong: set[str] = set()
    for zs, ze in zones:
        toks = tokens(text, zs, ze)
        i = 0
        while i < len(toks):
            hit = _place_at(text, toks, i)
            if hit is None:
                i += 1
                continue
            name, last, rule, sure = hit
            s, e = toks[i][0], toks[last][1]
            i = last + 1
            if name in t["skip"] or any(a <= s and e <= b for a, b in skip_spans):
                continue
            country = country_of(name)
            if name in t["codes"] and country == t["home"] and not t["report_home"]:
                continue
            if sure:
                strong.add(name)
            seen.setdefault(name, {"name": name, "country": country, "text": text[s:e], "start": s, "end": e,
                                   "evidence": [s, e], "rule": rule})
    # a name that is also a common word or an adjective ("Tygrysy", "Mazowieckiego")
    # counts only if one of its mentions has a place's context somewhere on the page
    return tuple(sorted((p for n, p in seen.items() if n in strong), key=lambda p: p["start"]))


def _place_at(text: str, toks, i: int):
    """(name, index of last token, rule, sure) of a place starting at toks[i], or None;
    ``sure`` when the word can be nothing but a place or its context makes it one."""
    s, e, w = toks[i]
    if not _cap(w) or len(w) < 2:
        return None
    before = text[max(0, s - 12):s]
    if _STREET.search(before):
        return None
    prev = toks[i - 1][2] if i > 0 and text[toks[i - 1][1]:s] in (" ", "\xa0") else None
    nxt = toks[i + 1][2] if i + 1 < len(toks) and text[e:toks[i + 1][0]] == " " else None
    if prev and _first_name(prev) and not prev.isupper():
        return None  # a surname ("Anna Kalisz")
    if nxt and _cap(nxt) and not nxt.isupper() and _first_name(w) and not lookup(w):
        return None  # a first name ("Katarzyna Kaźmierczak")
    cases = _PREPS.get((prev or "").lower(), ())
    word = w.title() if w.isupper() and len(w) > 2 else w
    if w.isupper() and len(w) <= 2:
        return None
    context = bool(cases) or _local_word(prev)
    found = lookup(w)
    if found:
        return found, i, "table", True
    # two-word names ("Tarnowskich Gór", "Zielonej Górze", "Jastrzębia Zdroju")
    if nxt and _cap(nxt) and not lookup(nxt):
        pair = morph.place_nominative([word, nxt.title() if nxt.isupper() else nxt], cases)
        if pair and _two_word_ok(word, nxt):
            return pair, i + 1, "morfeusz:pair", True
    name = morph.place_nominative([word], cases)
    if not name:
        return None
    return name, i, "morfeusz", context or not _common_reading(word)


def _local_word(word: str | None) -> bool:
    if not word:
        return False
    return word.lower() in _LOCAL or any(a.lemma.lower() in _LOCAL for a in morph.analyse(word))


def _two_word_ok(first: str, second: str) -> bool:
    """Both words are parts of one name: the second is a name part or the pair is a
    fixed geographical name, not two places side by side."""
    return any(morph.GEO_PART in a.quals for a in morph.analyse(second)) or \
        any(a.pos == "adj" for a in morph.analyse(first.lower())) and \
        any(morph.GEO in a.quals for a in morph.analyse(first))


def _common_reading(word: str) -> bool:
    return any("nazwa_pospolita" in a.quals for a in morph.analyse(word)) or \
        any(a.pos == "adj" for a in morph.analyse(word.lower()))

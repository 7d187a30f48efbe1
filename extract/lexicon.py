"""Lexicons: the word lists of extract/data/*.toml loaded once into look-up tables.

Annotators read their words through these functions, never by opening a TOML file of
another annotator: the organisation lexicon (heads, aliases, units), the gazetteer
(countries and foreign towns in every form) and the small shared patterns.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extract import morph

DATA = Path(__file__).parent / "data"
# letters a case-insensitive regex reads as "s" and "i" but lower() keeps apart
_FOLD = str.maketrans({"ſ": "s", "ı": "i", "İ": "i"})


def fold(word: str) -> str:
    """A word matched case-insensitively as the lexicons key it: lower case, and "ſ", "ı",
    "İ" as "s", "i", "i" (so "tyſ." is "tys.", not a missing key)."""
    return word.translate(_FOLD).lower()


@dataclass(frozen=True)
class ActorLexicon:
    """Organisation and person words (actors.toml, aliases.toml)."""

    heads: frozenset[str]  # lemmas that head an organisation's name ("gmina", "fundacja")
    local: frozenset[str]
    inner_lower: frozenset[str]
    proper_only: frozenset[str]
    blocking: frozenset[str]
    blocking_all: frozenset[str]
    organs: frozenset[str]
    quoted: frozenset[str]
    listed_offices: frozenset[str]
    event_heads: frozenset[str]
    adjective_units: dict[str, str]
    not_territorial: frozenset[str]
    functions: frozenset[str]  # persons' functions ("wójt", "dyrektor")
    town_triggers: tuple[tuple[re.Pattern, str], ...]
    generic: frozenset[str]
    unit_organs: frozenset[str]
    bare_heads: frozenset[str]
    acronyms: dict[str, dict]  # "MSZ" -> alias entry
    variants: dict[str, dict]  # lower-cased name or alias -> alias entry
    prefix_acronyms: dict
    quoted_acronyms: dict
    units: dict[str, str]
    town_units: frozenset[str]
    strip_suffixes: tuple[str, ...]
    strip_for_heads: tuple[str, ...]
    function_units: dict[str, str]  # a function's word -> the unit its holder heads ("wójt" -> "Gmina")
    paying: frozenset[str]  # heads of bodies whose support is money (a fund, a ministry)
    tribute: tuple[str, ...]  # patterns of a tribute to the dead
    leaders: frozenset[str]
    inner_bodies: frozenset[str]


@dataclass(frozen=True)
class Gazetteer:
    """Countries and foreign towns (places.toml) with every form of their names."""

    codes: dict[str, str]  # nominative -> ISO 3166-1 alpha-2
    cities: frozenset[str]  # the towns of the table (the rest are countries)
    countries: dict[str, str]  # country -> its code
    forms: dict[str, str]  # any form -> nominative
    multi: dict[str, list]  # first word's lemma -> (lemma sets, name) of names of several words
    adjectives: list[tuple[str, str]]  # adjective stem -> country code, longest first
    same: dict[str, str]  # one town under two spellings -> the first
    skip: frozenset[str]
    name_parts: frozenset[str]
    name_bodies: frozenset[str]
    unit_countries: dict[str, str]
    village_body: re.Pattern
    units: frozenset[str]  # words after which a town's name stands in the nominative
    between: frozenset[str]  # words between a country's adjective and a town's name
    partner: frozenset[str]  # adjectives that make a town a partner
    name_prefixes: frozenset[str]  # first words of foreign towns' names ("Bad")
    home: str
    report_home: bool


@lru_cache(maxsize=1)
def actor_tables() -> ActorLexicon:
    """The organisation and person lexicon: head nouns, alias table, units (actors.toml, aliases.toml)."""
    actors = tomllib.loads((DATA / "actors.toml").read_text("utf-8"))
    aliases = tomllib.loads((DATA / "aliases.toml").read_text("utf-8"))
    acronyms: dict[str, dict] = {}
    variants: dict[str, dict] = {}
    for org in aliases["org"]:
        entry = {"name": org["name"], "aliases": tuple(org.get("aliases", ())), "group": org.get("group")}
        variants[org["name"].lower()] = entry
        for a in org.get("aliases", ()):
            if re.fullmatch(r"[A-ZĄĆĘŁŃÓŚŹŻ][A-Za-ząćęłńóśźżĄĆĘŁŃÓŚŹŻ+\-]*[A-ZĄĆĘŁŃÓŚŹŻ+]( RP)?", a) and len(a) <= 10:
                acronyms[a] = entry
            else:
                variants[a.lower()] = entry
    return ActorLexicon(
        heads=frozenset(actors["orgs"]["heads"]),
        local=frozenset(actors["orgs"]["local"]),
        inner_lower=frozenset(actors["orgs"]["inner_lower"]),
        proper_only=frozenset(actors["orgs"]["proper_only"]),
        blocking=frozenset(actors["orgs"]["blocking"]),
        blocking_all=frozenset(actors["orgs"]["blocking_all"]),
        organs=frozenset(actors["orgs"]["organs"]),
        quoted=frozenset(actors["orgs"]["quoted"]),
        listed_offices=frozenset(actors["orgs"]["listed_offices"]),
        event_heads=frozenset(actors["orgs"]["event_heads"]),
        adjective_units=actors["orgs"]["adjective_units"],
        not_territorial=frozenset(actors["orgs"]["not_territorial"]),
        functions=frozenset(actors["persons"]["functions"]),
        town_triggers=tuple((re.compile(rf"(?<!\w)(?:{'|'.join(t['patterns'])})\s+", re.I), t["role"])
                               for t in actors["orgs"]["town_triggers"]),
        generic=frozenset(actors["orgs"]["generic"]),
        unit_organs=frozenset(actors["orgs"]["unit_organs"]),
        bare_heads=frozenset(actors["orgs"]["bare_heads"]),
        acronyms=acronyms,
        variants=variants,
        prefix_acronyms=aliases.get("prefix_acronyms", {}),
        quoted_acronyms=aliases.get("quoted_acronyms", {}),
        units={**actors["persons"]["units"], **actors["orgs"]["town_units"]},
        town_units=frozenset(actors["orgs"]["town_units"]),
        strip_suffixes=tuple(aliases["normalise"]["strip_suffixes"]),
        strip_for_heads=tuple(aliases["normalise"]["strip_for_heads"]),
        function_units=actors["persons"]["units"],
        paying=frozenset(actors["orgs"]["paying"]),
        tribute=tuple(actors["orgs"]["tribute"]),
        leaders=frozenset(actors["persons"]["leaders"]),
        inner_bodies=frozenset(actors["persons"]["inner_bodies"]),
    )


@lru_cache(maxsize=100_000)
def head_lemma(word: str) -> str | None:
    """The organisation-head lemma ``word`` is a form of, or None."""
    if not morph.may_read_as(word, morph.forms_of(actor_tables().heads)):
        return None  # most words of a page: no analysis needed (a new word costs one)
    heads = actor_tables().heads
    for a in morph.analyse(word):
        if a.pos in ("subst", "depr") and a.lemma.lower() in heads:
            return a.lemma.lower()
    return None



_SOFT = {"ń": "ni", "ś": "si", "ć": "ci", "ź": "zi"}


_OBLIQUE = {"loc": (("dzie", "d"), ("mie", "m"), ("nie", "n"), ("rze", "r"), ("bie", "b"), ("wie", "w"), ("ce", "ka")),
            "gen": (("u", ""), ("a", ""))}
# after "gminy", "miasta" a foreign name stands as written or in the genitive in -u
# ("miasta Česka Skalica", "gminami Ammerlandu")
_UNIT_OBLIQUE = (("u", ""),)
_CONSONANT = re.compile(r"[bcdfghjklłmnprstwzż]$")


def foreign_nominative(name: str, cases: tuple[str, ...]) -> str:
    """The nominative of a foreign name as written in an oblique case, as far as its
    ending tells it ("Ammerlandzie" -> "Ammerland", "z Samtredii" -> "Samtredia"); read by the
    places and by the bodies named after their towns."""
    if " " in name:
        return name
    if name.endswith("ii") and (not cases or set(cases) & {"gen", "loc", "dat"}):
        return name[:-1] + "a"
    if not cases:
        endings = _UNIT_OBLIQUE
    elif cases in (("loc",), ("gen",), ("loc", "acc")):
        endings = _OBLIQUE[cases[0]]
    elif cases == ("inst",) and name.endswith("em") and not name.endswith("iem"):
        # a neuter in -o after a consonant and n, m, l, r ("Breznem" -> "Brezno", as Brno,
        # Gniezno), else a masculine ("Uffenheimem" -> "Uffenheim", "Ebersdorfem")
        stem = name[:-2]
        return stem + "o" if stem[-1:] in "nmlr" and _CONSONANT.search(stem[:-1]) else stem
    else:
        endings = ()
    for end, repl in endings:
        stem = name[:-len(end)] + repl
        if name.endswith(end) and len(stem) >= 4 and (_CONSONANT.search(stem) or end == "ce"):
            return stem
    return name


@lru_cache(maxsize=1)
def name_connectors() -> frozenset[str]:
    """Lower-case words inside foreign towns' names ("Rosbach vor der Höhe", "Bernau bei
    Berlin"; places.toml [cues] name_connectors), read by the places and the bodies named
    after their towns."""
    return frozenset(tomllib.loads((DATA / "places.toml").read_text("utf-8"))["cues"]["name_connectors"])


@lru_cache(maxsize=1)
def place_tables() -> Gazetteer:
    """The gazetteer: countries and foreign towns with their codes and forms (places.toml)."""
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
        # towns morfeusz does not know still take the common endings (Nur-Sułtanie,
        # z Karviny)
        unknown = all(tag == "ign" for _f, tag, _q in morph.generate(last))
        if unknown and last[-1] in _SOFT:
            # "Chersoń": z Chersonia, w Chersoniu
            for suf in ("a", "u", "em", "owi"):
                forms.setdefault(name[:-1] + _SOFT[last[-1]] + suf, name)
        elif unknown and last[-1] not in "aeiouyáéíóúý":
            for suf in ("u", "ie", "em", "a", "owi"):
                forms.setdefault(name + suf, name)
        elif unknown and last[-1] == "a":
            for suf in ("y", "ie", "ę", "ą"):
                forms.setdefault(name[:-1] + suf, name)
        elif unknown and last[-1] == "e":  # a plural name: w Łoździejach
            for suf in ("ach", "ami", "om"):
                forms.setdefault(name[:-1] + suf, name)
    # names of several words, matched word by word on lemmas, so in any case ("w Dolnej
    # Saksonii", "Nowego Jorku"); words morfeusz does not know match as written ("Hradec
    # Králové")
    multi: dict[str, list[tuple[tuple[frozenset[str], ...], str]]] = {}
    for name in codes:
        if " " in name:
            words = tuple(word_lemmas(w) for w in name.split())
            for first in words[0]:
                multi.setdefault(first, []).append((words, name))
    for v in multi.values():
        v.sort(key=lambda x: -len(x[0]))
    return Gazetteer(
        codes=codes,
        cities=frozenset(data["cities"]),
        countries=data["countries"],
        forms=forms,
        multi=multi,
        adjectives=sorted(data.get("adjectives", {}).items(), key=lambda kv: -len(kv[0])),
        same={n: group[0] for group in data.get("same", {}).get("groups", ()) for n in group},
        skip=frozenset(data["settings"]["skip"]),
        name_parts=frozenset(data["settings"]["name_parts"]),
        name_bodies=frozenset(data["settings"]["name_bodies"]),
        unit_countries=data.get("unit_countries", {}),
        village_body=re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, data["cues"]["village_bodies"])) +
                                   r")(?:\s*[„\"][^”\"]{1,40}[”\"])?\s+(?:z|ze|w|we)\s+$"),
        # words after which a town's name stands in the nominative ("gmina Sękowa")
        units=frozenset(data["cues"]["units"]),
        # words between a country's adjective and a town's name ("niemieckiego miasta X")
        between=frozenset(data["cues"]["between"]),
        # adjectives that make a town a partner, so foreign when morfeusz does not know it
        partner=frozenset(data["cues"]["partner"]),
        # first words of foreign towns' names that morfeusz reads otherwise ("Bad Kissingen")
        name_prefixes=frozenset(data["cues"]["name_prefixes"]),
        home=data["settings"]["home_country"],
        report_home=data["settings"]["report_home_country"],
    )


@lru_cache(maxsize=100_000)  # pure in the word; called for every capitalised word
def word_lemmas(word: str) -> frozenset[str]:
    """The word as written and its lemmas, lower-cased (no lemma: the word itself)."""
    w = word.title() if word.isupper() and len(word) > 2 else word
    return frozenset({w.lower()} | {a.lemma.lower() for a in morph.analyse(w) + morph.analyse(w.lower())})


@lru_cache(maxsize=100_000)  # pure in the word; called several times for every capitalised word
def lookup(word: str) -> str | None:
    """Nominative of a country or foreign town in the table, from any form, or None."""
    if "-" in word and all(place_tables().forms.get(p) in place_tables().codes for p in word.split("-")):
        return None  # "Polska-Słowacja" names a border programme, not a place
    return place_tables().forms.get(word) or place_tables().forms.get(word.title() if word.isupper() else word)


@lru_cache(maxsize=1)
def city_names() -> frozenset[str]:
    """Towns of the table (not countries)."""
    return place_tables().cities


def country_of(name: str) -> str:
    return place_tables().codes.get(name, "PL")


@lru_cache(maxsize=1)
def funding_pattern() -> re.Pattern:
    """Words that speak of money in a sentence ("finansowany", "ze środków", ...), shared
    by programmes (a programme after them carries money) and projects (such a sentence
    names a programme, not a project)."""
    data = tomllib.loads((DATA / "programmes.toml").read_text(encoding="utf-8"))
    return re.compile(data["generic"]["funding"])


@dataclass(frozen=True)
class MonthWords:
    """Month names and date words (dates.toml): every form, lower-cased, to its number."""

    month_of: dict[str, int]  # "stycznia", "styczeń", ... -> 1
    abbrev_of: dict[str, int]  # "sty.", "I" ... -> 1
    relative: dict[str, int]  # "br." (this year) -> 0, "ub.r." -> -1: years from the publication


@lru_cache(maxsize=1)
def month_words() -> MonthWords:
    data = tomllib.loads((DATA / "dates.toml").read_text(encoding="utf-8"))
    return MonthWords(
        month_of={f.lower(): int(num) for num, forms in data["months"].items() for f in forms},
        abbrev_of={f.lower(): int(num) for num, forms in data["abbrev"].items() for f in forms},
        relative={k.lower(): v for k, v in data["relative"].items()},
    )


@dataclass(frozen=True)
class CurrencyWords:
    """Currency words and multipliers (money.toml), lower-cased, to ISO 4217 codes / factors."""

    currency_of: dict[str, str]  # a word after the number ("zł", "euro") -> code
    prefix_of: dict[str, str]  # a sign before the number ("€", "USD") -> code
    factor_of: dict[str, int]  # "tys." -> 1000, "mln" -> 1000000


@lru_cache(maxsize=1)
def currency_words() -> CurrencyWords:
    data = tomllib.loads((DATA / "money.toml").read_text(encoding="utf-8"))
    return CurrencyWords(
        currency_of={w.lower(): code for code, ws in data["currencies"].items() for w in ws},
        prefix_of={w.lower(): code for code, ws in data["prefix"].items() for w in ws},
        factor_of={w.lower(): int(f) for f, ws in data["multipliers"].items() for w in ws},
    )


# --- persons' words ----------------------------------------------------------------------

@lru_cache(maxsize=1)
def _persons_data() -> dict:
    return tomllib.loads((DATA / "persons.toml").read_text("utf-8"))


@lru_cache(maxsize=1)
def person_functions() -> frozenset[str]:
    """Lemmas of persons' functions ("wójt", "dyrektor"): actors.toml [persons] functions
    and the ones persons.toml adds ("odpowiednik", "bürgermeister")."""
    return actor_tables().functions | frozenset(_persons_data()["functions"])


@lru_cache(maxsize=1)
def person_titles() -> frozenset[str]:
    """Honorifics and degrees before a name ("pan", "dr"), lower-cased (persons.toml)."""
    return frozenset(_persons_data()["titles"])


@lru_cache(maxsize=1)
def function_links() -> frozenset[str]:
    """Lower-case words inside a function's complement ("ds.", "w", "obu": persons.toml)."""
    return frozenset(_persons_data()["links"])


@lru_cache(maxsize=100_000)
def function_lemma(word: str) -> str | None:
    """The function ``word`` names ("Wójtem" -> "wójt"): the lower-cased word itself or
    the lemma of a noun or adjective reading of it, when it is one of person_functions()."""
    fns = person_functions()
    low = word.lower()
    if low in fns:
        return low
    if not morph.may_read_as(low, morph.forms_of(frozenset(fns))):
        return None  # no form of a function: not analysed to find that out
    for a in morph.analyse(low):
        if a.lemma.lower() in fns and a.pos in ("subst", "depr", "adj"):
            return a.lemma.lower()
    return None


def place_pair(word: str) -> bool:
    """"Polska-Saksonia", "Czechy-Polska": a hyphenated pair of countries or towns of the
    gazetteer (a cross-border programme's name, no double surname)."""
    parts = word.split("-")
    return len(parts) > 1 and all(lookup(p) for p in parts)


# --- named lexicons for token patterns (extract/matcher.py) ------------------------------

# "@name" in a pattern's list: the words of a lexicon
WORD_LISTS = {
    "functions": person_functions,
    "titles": person_titles,
    "links": function_links,
    "org_heads": lambda: actor_tables().heads,
    "leaders": lambda: actor_tables().leaders,
}

# in = "name" in a pattern: a word test of a lexicon (the word or one of its readings is in it)
WORD_TESTS = {
    "function": function_lemma,  # a person's function ("burmistrzem", "Bürgermeister")
    "org_head": head_lemma,  # an organisation's head noun ("Fundacji", "gminą")
    "title": lambda w: w.lower() in person_titles(),  # an honorific or degree ("Pan", "dr")
    "place": lookup,  # a country or foreign town of the gazetteer, in any form
    "place_pair": place_pair,  # "Polska-Saksonia": every part of the word is a place
}

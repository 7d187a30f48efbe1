"""Knowledge tables as typed objects: who pays for a programme, which Polish
local-government unit a name is, which country a word names.

Pure data access over the TSV tables in extract/data/knowledge/ (built by
``python -m extract.knowledge_build``; docs/knowledge.md says from what).  Every lookup
takes a surface form as a page writes it, in any grammatical case, and compares it
case-insensitively with whitespace and dashes normalised.  No extraction logic here:
callers decide which words to look up.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

KNOWLEDGE_DIR = Path(__file__).parent / "data" / "knowledge"


@dataclass(frozen=True)
class Funder:
    id: str
    name: str  # nominative, in full, as a facts record names it
    aliases: tuple[str, ...]
    kind: str  # state, ministry, agency, foundation, international, fund, mechanism, programme, self-government
    country: str  # ISO 3166-1 alpha-2 of the seat, "" for international bodies

    def record(self, extra_aliases: tuple[str, ...] = ()) -> dict:
        """The funder as a facts-record item (name + aliases)."""
        return {"name": self.name, "aliases": list(dict.fromkeys(self.aliases + extra_aliases))}


@dataclass(frozen=True)
class Programme:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str  # fund, mechanism, programme
    donors: tuple[str, ...]  # funder ids: who provides the money
    credit: str  # funder id a facts record names for this money
    credit_aliases: tuple[str, ...]  # the fund's names added to that record ("EFRR")


@dataclass(frozen=True)
class Unit:
    teryt: str  # 2 digits voivodeship, 4 powiat, 7 gmina/town (with the TERC kind digit)
    kind: str  # województwo, powiat, miasto na prawach powiatu, gmina miejska, gmina wiejska,
    #            gmina miejsko-wiejska, miasto, dzielnica, delegatura
    name: str  # as in TERC: "Krasnobród", "gorlicki", "podkarpackie"
    official: tuple[str, ...]  # how a page names it as a body: "Gmina Krasnobród", "Powiat Gorlicki"
    offices: tuple[str, ...]  # its office: "Urząd Miejski w Krasnobrodzie", "Starostwo Powiatowe w Gorlicach"
    seat: str  # a powiat's seat ("Gorlice"), "" for other units
    voivodeship: str
    powiat: str

    def record(self) -> dict:
        """The unit as a facts-record item: its usual body name, and as aliases its other
        names, its office and its bare name ("Gmina Krasnobród"; "Urząd Miejski w
        Krasnobrodzie", "Krasnobród", ...)."""
        name, aliases = self._names
        return {"name": name, "aliases": list(aliases)}

    @cached_property
    def _names(self) -> tuple[str, tuple[str, ...]]:
        # worked out once per unit: a village's name is shared by dozens of units, and
        # each page naming it asks for all of their records
        bare = {"powiat": f"powiat {self.name}", "województwo": f"województwo {self.name}"}.get(self.kind, self.name)
        return self.official[0], tuple(dict.fromkeys((*self.official[1:], *self.offices, bare)))


@dataclass(frozen=True)
class Country:
    iso: str
    name: str  # Polish nominative
    cases: dict  # gen, dat, acc, inst, loc -> form
    aliases: tuple[str, ...]
    adjective: str  # "ukraiński", "" when none is curated
    inhabitants: tuple[str, ...]  # ("Ukrainiec", "Ukrainka")


@dataclass(frozen=True)
class ForeignUnitTerm:
    term: str
    language: str
    countries: tuple[str, ...]
    level: str  # municipality, district, region, council, association
    polish: str
    forms: tuple[str, ...]


# --- normalisation and reading --------------------------------------------------------------

_SPACED_DASH = re.compile(r"\s+[-‐‑‒–—−]\s*|\s*[-‐‑‒–—−]\s+")
_DASH = re.compile(r"[‐‑‒–—−]")
_QUOTES = re.compile(r"[„”“\"«»‚’']")


def _clean(text: str) -> str:
    """NFC, quotes dropped, dashes unified, spaces collapsed, trailing punctuation removed."""
    text = unicodedata.normalize("NFC", text)
    text = _QUOTES.sub("", text)
    text = _DASH.sub("-", _SPACED_DASH.sub(" – ", text))
    return " ".join(text.split()).strip(" .,;:")


@lru_cache(maxsize=100_000)  # pure; every table look-up of every mention asks
def normalise(text: str) -> str:
    """The lookup key of a surface form: cleaned (`_clean`) and case-folded."""
    return _clean(text).casefold()


def _rows(name: str) -> list[dict[str, str]]:
    path = KNOWLEDGE_DIR / name
    with open(path, encoding="utf-8", newline="") as f:
        lines = [ln for ln in f if not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _split(cell: str) -> tuple[str, ...]:
    return tuple(v for v in cell.split("|") if v)


# --- funders and programmes ---------------------------------------------------------------

@lru_cache(maxsize=1)
def funders() -> dict[str, Funder]:
    return {r["id"]: Funder(r["id"], r["name"], _split(r["aliases"]), r["kind"], r["country"])
            for r in _rows("funders.tsv")}


@lru_cache(maxsize=1)
def programmes() -> dict[str, Programme]:
    return {r["id"]: Programme(r["id"], r["name"], _split(r["aliases"]), r["kind"], _split(r["donors"]),
                               r["credit"], _split(r["credit_aliases"]))
            for r in _rows("programmes.tsv")}


def _is_acronym(form: str) -> bool:
    return any(c.isalpha() for c in form) and form == form.upper()


@lru_cache(maxsize=1)
def _funder_forms() -> dict[str, tuple[set[str], set[str]]]:
    """normalised form -> (funder ids, programme ids)."""
    out: dict[str, tuple[set[str], set[str]]] = {}
    for r in _rows("funder_forms.tsv"):
        entry = out.setdefault(normalise(r["form"]), (set(), set()))
        entry[0 if r["table"] == "funder" else 1].add(r["id"])
    return out


@lru_cache(maxsize=1)
def _acronyms() -> frozenset[str]:
    """Normalised forms known only in capitals ("DOBRE", "RITA", "LIFE", "EFS"): they name a
    programme or body only when written in capitals, not the ordinary word "dobre"."""
    written: dict[str, bool] = {}
    for r in _rows("funder_forms.tsv"):
        key = normalise(r["form"])
        written[key] = written.get(key, True) and _is_acronym(r["form"])
    return frozenset(k for k, only_caps in written.items() if only_caps)


def _known(key: str, written: str) -> tuple[set[str], set[str]] | None:
    """The entry of ``key`` unless it is an acronym written otherwise than in capitals."""
    entry = _funder_forms().get(key)
    if entry and key in _acronyms() and not _is_acronym(written):
        return None
    return entry


@lru_cache(maxsize=2)
def _forms_pattern(ids: int) -> re.Pattern:
    """One alternation of the known forms of funders (0) or programmes (1), longest first,
    so a scan finds the longest form at each place."""
    forms = sorted((f for f, entry in _funder_forms().items() if entry[ids]), key=lambda f: (-len(f), f))
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)")


def _contained(text: str, ids: int) -> list[str]:
    """Ids (0 funders, 1 programmes) of the known forms inside ``text``, leftmost and
    longest first, as whole words: "Polska pomoc rozwojowa 2018" holds "Polska pomoc
    rozwojowa"."""
    written = _clean(text)
    key = written.casefold()
    exact = _known(key, written)
    if exact and exact[ids]:
        return sorted(exact[ids])
    if len(key) != len(written):  # case folding changed the length ("ß"): compare folded
        written = key.upper()
    found: list[str] = []
    for m in _forms_pattern(ids).finditer(key):
        entry = _known(m.group(), written[m.start():m.end()])
        found += [i for i in sorted(entry[ids]) if i not in found] if entry else []
    return found


def name_forms() -> list[tuple[str, str, str]]:
    """Every case form of every funder and programme name and alias, as written:
    (form, "funder" | "programme", id); for annotators that find them in running text."""
    return [(r["form"], r["table"], r["id"]) for r in _rows("funder_forms.tsv")]


def programme(text: str) -> Programme | None:
    """The programme or fund ``text`` names (any case, with a year or period around it)."""
    ids = _contained(text, 1)
    return programmes()[ids[0]] if ids else None


def donors_of(programme_text: str) -> list[Funder]:
    """Who provides the money of the programme or fund named in ``programme_text``:
    "Funduszy EOG" -> Norway, Iceland, Liechtenstein; "EFRR" -> the European Union."""
    found = programme(programme_text)
    return [funders()[d] for d in found.donors] if found else []


def credited_funder(programme_text: str) -> dict | None:
    """The funder item a facts record names for money from the programme: the EU with the
    fund as alias ("EFRR"), the EEA Grants with their donors as aliases, the MSZ for Polish
    Aid; None for a text that names no known programme."""
    found = programme(programme_text)
    if found is None:
        return None
    return funders()[found.credit].record(found.credit_aliases)


def funder_of_fund(name: str) -> dict | None:
    """A funder named directly or through its fund, as a facts-record item:
    "Europejskiego Funduszu Społecznego" -> Unia Europejska (aliases EFS, ...),
    "Ministerstwa Spraw Zagranicznych" -> Ministerstwo Spraw Zagranicznych."""
    direct = funder(name)
    if direct is not None:
        return direct.record()
    return credited_funder(name)


def funder(name: str) -> Funder | None:
    """The funder ``name`` is (any case form of its name or an alias), matched whole."""
    entry = _known(normalise(name), name)
    if entry and entry[0]:
        return funders()[sorted(entry[0])[0]]
    return None


# --- local-government units -----------------------------------------------------------------

@lru_cache(maxsize=1)
def units() -> dict[str, Unit]:
    return {r["teryt"]: Unit(r["teryt"], r["kind"], r["name"], _split(r["official"]), _split(r["offices"]),
                             r["seat"], r["voivodeship"], r["powiat"])
            for r in _rows("lgu.tsv")}


@lru_cache(maxsize=1)
def _unit_forms() -> dict[str, tuple[str, ...]]:
    out: dict[str, set[str]] = {}
    for r in _rows("lgu_forms.tsv"):
        out.setdefault(normalise(r["form"]), set()).update(_split(r["teryt"]))
    for u in units().values():  # "Gmina Krasnobród", "Starostwo Powiatowe w Gorlicach" as written on pages
        for name in u.official + u.offices:
            out.setdefault(normalise(name), set()).add(u.teryt)
    return {k: tuple(sorted(v)) for k, v in out.items()}


@lru_cache(maxsize=1)
def _office_prefixes() -> tuple[tuple[str, str], ...]:
    """(normalised case form, normalised nominative) of office words, longest first."""
    pairs = {(normalise(r["form"]), normalise(r["nominative"])) for r in _rows("office_prefixes.tsv")}
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p)))


def _office_nominative(key: str) -> str:
    """"urzędzie gminy kobylnica" -> "urząd gminy kobylnica": the office words back in the
    nominative; the unit's name after them is written as its office name writes it."""
    for form, nominative in _office_prefixes():
        if key.startswith(form + " "):
            return nominative + key[len(form):]
    return key


def office_key(name: str) -> str:
    """The lookup key of an office name with its office words in the nominative:
    "Urzędzie Gminy Kobylnica" -> "urząd gminy kobylnica" (compare with ``normalise``)."""
    return _office_nominative(normalise(name))


@lru_cache(maxsize=1)
def _form_readings() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for table in ("lgu_forms.tsv", "country_forms.tsv"):
        for r in _rows(table):
            out.setdefault(normalise(r["form"]), set()).update(_split(r["also"]))
    return out


def other_readings(form: str) -> tuple[str, ...]:
    """What else SGJP reads a place or country form as: "common" (an ordinary word:
    "Dobra", "Czad"), "person" (a first name or surname: "Żywiec").  A caller deciding
    whether a capitalised word is a place weighs these; () for forms with no other reading."""
    return tuple(sorted(_form_readings().get(normalise(form), ())))


# words that name a unit's kind before its name, in the cases pages use them; what follows
# keeps its nominative ("w gminie Krasnobród") or inflects with it ("w mieście Krasnobrodzie")
_KIND_WORDS = {
    "gmina": ("gmina miejska", "gmina wiejska", "gmina miejsko-wiejska"),
    "gminy": ("gmina miejska", "gmina wiejska", "gmina miejsko-wiejska"),
    "gminie": ("gmina miejska", "gmina wiejska", "gmina miejsko-wiejska"),
    "gminę": ("gmina miejska", "gmina wiejska", "gmina miejsko-wiejska"),
    "gminą": ("gmina miejska", "gmina wiejska", "gmina miejsko-wiejska"),
    "miasto": ("miasto", "gmina miejska", "miasto na prawach powiatu"),
    "miasta": ("miasto", "gmina miejska", "miasto na prawach powiatu"),
    "mieście": ("miasto", "gmina miejska", "miasto na prawach powiatu"),
    "miastem": ("miasto", "gmina miejska", "miasto na prawach powiatu"),
    "miastu": ("miasto", "gmina miejska", "miasto na prawach powiatu"),
    "miasto i gmina": ("gmina miejsko-wiejska",),
    "miasta i gminy": ("gmina miejsko-wiejska",),
    "mieście i gminie": ("gmina miejsko-wiejska",),
}


# (longest first: "miasto i gmina" before "miasto")
_KIND_WORDS_LONGEST_FIRST = tuple(sorted(_KIND_WORDS.items(), key=lambda kv: -len(kv[0])))


def lgu(name: str) -> list[Unit]:
    """Polish local-government units ``name`` may mean, most specific kind first:
    "Krasnobrodzie" -> the town and its urban-rural gmina, "powiatu gorlickiego" -> the
    powiat, "gminy Dobra" -> the gminas named Dobra, "Podkarpacia" -> the voivodeship,
    "Starostwie Powiatowym w Gorlicach" -> the powiat whose office that is."""
    return list(_lgu(name))


@lru_cache(maxsize=50_000)  # pure (the tables are loaded once); a page names its towns again and again
def _lgu(name: str) -> tuple[Unit, ...]:
    key = normalise(name)
    codes = _unit_forms().get(key) or _unit_forms().get(_office_nominative(key))
    kinds: tuple[str, ...] = ()
    if not codes:
        for word, word_kinds in _KIND_WORDS_LONGEST_FIRST:
            if key.startswith(word + " "):
                codes, kinds = _unit_forms().get(key[len(word) + 1:]), word_kinds
                break
    found = [units()[c] for c in codes or ()]
    if kinds:
        found = [u for u in found if u.kind in kinds]
    # a city with powiat rights is one body: its gmina row (same code start) goes
    cities = {u.teryt for u in found if u.kind == "miasto na prawach powiatu"}
    found = [u for u in found if not (u.kind == "gmina miejska" and u.teryt[:4] in cities)]
    return tuple(sorted(found, key=lambda u: (_KIND_ORDER.get(u.kind, 9), u.teryt)))


_KIND_ORDER = {"gmina miejska": 0, "gmina wiejska": 0, "gmina miejsko-wiejska": 0, "miasto na prawach powiatu": 0,
               "miasto": 1, "powiat": 2, "województwo": 3, "dzielnica": 4, "delegatura": 5}


# --- countries ------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    out = {}
    for r in _rows("countries.tsv"):
        people = tuple(p for p in (r["inhabitant_m"], r["inhabitant_f"]) if p)
        out[r["iso"]] = Country(r["iso"], r["name"], {c: r[c] for c in ("gen", "dat", "acc", "inst", "loc")},
                                _split(r["aliases"]), r["adjective"], people)
    return out


@lru_cache(maxsize=1)
def _country_forms() -> dict[str, dict[str, set[str]]]:
    """normalised form -> {what: ISO codes}; what is name, adjective or inhabitant."""
    out: dict[str, dict[str, set[str]]] = {}
    for r in _rows("country_forms.tsv"):
        out.setdefault(normalise(r["form"]), {}).setdefault(r["what"], set()).add(r["iso"])
    return out


def country_of(form: str, what: tuple[str, ...] = ("name", "adjective", "inhabitant")) -> str | None:
    """ISO 3166-1 alpha-2 of the country ``form`` names, in any case: its name
    ("Ukrainie"), adjective ("ukraińskiego") or inhabitants ("Ukraińców"); None when the
    form names no country or several (unless one of them is its name)."""
    entry = _country_forms().get(normalise(form), {})
    for kind in what:
        codes = entry.get(kind, set())
        if len(codes) == 1:
            return next(iter(codes))
    return None


# --- foreign local-government terms -----------------------------------------------------------

@lru_cache(maxsize=1)
def foreign_unit_terms() -> tuple[ForeignUnitTerm, ...]:
    return tuple(ForeignUnitTerm(r["term"], r["language"], _split(r["countries"]), r["level"], r["polish"],
                                 _split(r["forms"]))
                 for r in _rows("foreign_units.tsv"))


@lru_cache(maxsize=1)
def _foreign_forms() -> dict[str, tuple[ForeignUnitTerm, ...]]:
    out: dict[str, list[ForeignUnitTerm]] = {}
    for t in foreign_unit_terms():
        for key in dict.fromkeys(normalise(f) for f in t.forms or (t.term,)):
            out.setdefault(key, []).append(t)
    return {k: tuple(v) for k, v in out.items()}


def foreign_unit(word: str) -> tuple[ForeignUnitTerm, ...]:
    """The foreign local-government terms ``word`` is a form of ("hromadzie" -> hromada)."""
    return _foreign_forms().get(normalise(word), ())

"""Places in the nominative with an ISO 3166-1 alpha-2 country code.

Capitalised words (and ALL-CAPS headings) that morfeusz reads as geographical names,
alone or in pairs ("Tarnowskich Gór"), plus the countries and foreign towns of
extract/data/places.toml (which also gives every country code; a name in no table is
Polish).  Street names, parts of persons' names, the home country named on its own and
places inside a funder's name ("... w Europie") are not reported, nor countries of a
border programme ("Polska – Słowacja") or at war ("wojna przeciwko Ukrainie").  A
town morfeusz does not know takes its country from the page or from its letters (ř: CZ);
the context of a place passes on along an enumeration ("w Kielcach, Radomiu i Opolu").
"""
from __future__ import annotations

import bisect
import re
import tomllib
from functools import lru_cache
from itertools import compress
from operator import itemgetter
from pathlib import Path

from extract import morph
from extract.orgs import head_lemma, tokens

DATA = Path(__file__).parent / "data"

# words before a name that make it a street's or a building's
_STREET_WORDS = ("ul", "al", "pl", "os", "ulica", "ulicy", "ulicą", "ulicę", "aleja", "alei", "aleję", "osiedle",
                 "osiedlu", "placu", "plac", "rondo", "ronda", "skwer", "skweru", "most", "mostu", "park", "parku",
                 "hala", "hali", "stadion", "stadionie", "Galeria", "Galerii", "Hotel", "Hotelu", "hotel", "hotelu",
                 "Kino", "Kina", "Teatr", "Teatru", "Klub", "Klubu")
_STREET = re.compile(r"(?:\b(?:" + "|".join(_STREET_WORDS) + r")\.?\s*)$")
# a country a war is waged against or in is the news' background, not a place of the
# activity ("rosyjska wojna przeciwko Ukrainie", "agresja na Ukrainę")
_WAR_STEMS = ("wojn", "agresj", "inwazj", "napaś", "napad", "atak")
_WAR = re.compile(r"(?:\b(?:" + "|".join(_WAR_STEMS) + r")\w*\s+(?:\w+\s+)?(?:w|we|na|przeciw|przeciwko)|"
                  r"\bprzeciw(?:ko)?)\s+$", re.I)
# every match of _WAR contains one of these (a zone without any is not searched per word)
_WAR_HINT = _WAR_STEMS + ("przeciw",)
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
        # towns morfeusz does not know still take the common endings (Nur-Sułtanie,
        # z Karviny)
        unknown = all(tag == "ign" for _f, tag, _q in morph.generate(last))
        if unknown and last[-1] not in "aeiouyáéíóúý":
            for suf in ("u", "ie", "em", "a", "owi"):
                forms.setdefault(name + suf, name)
        elif unknown and last[-1] == "a":
            for suf in ("y", "ie", "ę", "ą"):
                forms.setdefault(name[:-1] + suf, name)
    # names of several words, matched as written ("Hradec Králové", "Zlaté Hory")
    multi: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for name in codes:
        if " " in name:
            words = tuple(name.split())
            multi.setdefault(words[0], []).append((words, name))
    for v in multi.values():
        v.sort(key=lambda x: -len(x[0]))
    return {
        "codes": codes,
        "forms": forms,
        "multi": multi,
        "same": {n: group[0] for group in data.get("same", {}).get("groups", ()) for n in group},
        "skip": frozenset(data["settings"]["skip"]),
        "home": data["settings"]["home_country"],
        "report_home": data["settings"]["report_home_country"],
    }


@lru_cache(maxsize=100_000)  # pure in the word; called several times for every capitalised word
def lookup(word: str) -> str | None:
    """Nominative of a country or foreign town in the table, from any form, or None."""
    if "-" in word and all(_tables()["forms"].get(p) in _tables()["codes"] for p in word.split("-")):
        return None  # "Polska-Słowacja" names a border programme, not a place
    return _tables()["forms"].get(word) or _tables()["forms"].get(word.title() if word.isupper() else word)


@lru_cache(maxsize=1)
def city_names() -> frozenset[str]:
    """Towns of the table (not countries)."""
    return frozenset(tomllib.loads((DATA / "places.toml").read_text("utf-8"))["cities"])


def country_of(name: str) -> str:
    return _tables()["codes"].get(name, "PL")


def _cap(word: str) -> bool:
    return word[0].isupper()


@lru_cache(maxsize=100_000)  # pure in the word; called for every capitalised word
def _first_name(word: str) -> bool:
    """A word read as one person's first name ("Krystyna"; not "Kraków", read as the
    plural of a rare name)."""
    if word.isupper():
        word = word.title()
    return _cap(word) and any("imię" in a.quals and a.pos == "subst" and "sg" in a.tag[0]
                              for a in morph.analyse(word))


def find_places(page) -> list[dict]:
    # not cached: extract/facts.py asks once per page, and fresh items need no copying
    return list(_find_places(page.text, tuple(tuple(z) for z in page.zones)))


def _find_places(text: str, zones: tuple[tuple[int, int], ...]) -> tuple[dict, ...]:
    from extract.roles import funder_spans  # a funder's name says nothing of where work happens
    skip_spans = funder_spans(text, zones)
    t = _tables()
    seen: dict[str, dict] = {}
    strong: set[str] = set()
    unknown: dict[str, tuple[int, int]] = {}
    for zs, ze in zones:
        toks = tokens(text, zs, ze)
        starts, if_carried = _candidates(text, toks)
        war = _war_hint(text[max(0, zs - 40):ze])  # every window _place_at searches is inside
        i = 0
        carry: tuple[int, tuple[str, ...]] = (-1, ())  # (token index, cases) an enumeration passes on
        while i < len(toks):
            k = bisect.bisect_left(starts, i)
            if k == len(starts):
                break
            i = starts[k]  # the tokens skipped could start no place
            carried = carry[1] if carry[0] == i else ()
            hit = _place_at(text, toks, i, carried, war) if carried or i not in if_carried else None
            if hit is None:
                i += 1
                continue
            name, last, rule, sure = hit
            first = i
            s, e = toks[i][0], toks[last][1]
            i = last + 1
            # "w Kielcach, Radomiu i Opolu", "odwiedzi Warszawę i Lublin": the next
            # conjunct stands in the same context
            cases = _context_cases(text, toks, first) or (carry[1] if carry[0] == first else ())
            if cases and i < len(toks):
                gap = text[toks[i - 1][1]:toks[i][0]]
                if gap == ", ":
                    carry = (i, cases)
                elif gap == " " and toks[i][2] in ("i", "oraz", "lub") and i + 1 < len(toks):
                    carry = (i + 1, cases)
            if name in t["skip"] or any(a <= s and e <= b for a, b in skip_spans):
                continue
            country = country_of(name)
            if name in t["codes"] and country == t["home"] and not t["report_home"]:
                continue
            if rule == "unknown":
                unknown.setdefault(name, (s, e))
                continue
            if sure:
                strong.add(name)
            # one town under two spellings ("Budziszyn (Bautzen)") is one place
            seen.setdefault(t["same"].get(name, name), {"name": name, "country": country, "text": text[s:e], "start": s, "end": e,
                                   "evidence": [s, e], "rule": rule})
    # a name that is also a common word or an adjective ("Tygrysy", "Mazowieckiego")
    # counts only if one of its mentions has a place's context somewhere on the page
    out = [p for n, p in seen.items() if p["name"] in strong]
    # towns morfeusz does not know ("w Langenhagen") are foreign: they count when the
    # page names exactly one foreign country (by name or adjective: "gruzińskich")
    foreign = _foreign_countries(text, zones, out)
    for name, (s, e) in list(unknown.items()):
        code = _letters_country(name)
        if code:
            out.append({"name": name, "country": code, "text": text[s:e], "start": s, "end": e,
                        "evidence": [s, e], "rule": "unknown+letters"})
            del unknown[name]
    if len(foreign) == 1 and unknown:
        (code,) = foreign
        for name, (s, e) in unknown.items():
            out.append({"name": name, "country": code, "text": text[s:e], "start": s, "end": e,
                        "evidence": [s, e], "rule": "unknown+country"})
    return tuple(sorted(out, key=lambda p: p["start"]))


@lru_cache(maxsize=1)
def _country_stems() -> dict[str, str]:
    """Stem of each country's adjective-forming name: "gruz" -> GE, "norw" -> NO."""
    t = _tables()
    return {name.lower()[:4]: code for name, code in tomllib.loads((DATA / "places.toml").read_text("utf-8"))
            ["countries"].items() if " " not in name and code != t["home"]}


def _foreign_countries(text: str, zones, found: list[dict]) -> set[str]:
    t = _tables()
    codes = {p["country"] for p in found if p["country"] != t["home"]}
    stems = _country_stems()
    for zs, ze in zones:
        words = list(map(itemgetter(2), tokens(text, zs, ze)))
        # the words starting with a stem, picked by C loops (map, compress): few do
        for w in compress(words, map(stems.__contains__, map(itemgetter(slice(0, 4)), words))):
            if len(w) > 5 and w[0].islower() and _adjective(w):
                codes.add(stems[w[:4]])
    return codes


# a verb of visiting whose object is a town: "odwiedzi Warszawę"
_PLACE_VERB = re.compile(r"odwiedz\w*|odwiedzi\w*", re.I)  # not "zwiedzili Wawel": a sight


def _border_programme(text: str, toks, i: int) -> bool:
    """A country joined to another by a dash ("Polska – Słowacja", "Republika Czeska - Polska")."""
    def country(k: int) -> bool:
        return 0 <= k < len(toks) and (lookup(toks[k][2]) or "") in _tables()["codes"] and \
            (lookup(toks[k][2]) or "") not in city_names()
    dash = {"–", "-", "—"}
    return (i + 1 < len(toks) and text[toks[i][1]:toks[i + 1][0]].strip() in dash and country(i + 1)) or \
        (i > 0 and text[toks[i - 1][1]:toks[i][0]].strip() in dash and country(i - 1))


def _context_cases(text: str, toks, i: int) -> tuple[str, ...]:
    """The cases the word before toks[i] lets a place stand in (a preposition, a verb of visiting)."""
    if i == 0 or text[toks[i - 1][1]:toks[i][0]] not in (" ", "\xa0"):
        return ()
    prev = toks[i - 1][2]
    return _PREPS.get(prev.lower(), ()) or (("acc",) if _PLACE_VERB.fullmatch(prev) else ())


def _candidates(text: str, toks) -> tuple[list[int], set[int]]:
    """Indices of the tokens _place_at may find a place at, as far as the word and its
    neighbours tell (see _word_gate), and those of them where it may only in an enumeration
    (given cases carried on): most words are not capitalised or cannot start a place, and
    calling _place_at on every token is slow."""
    words = list(map(itemgetter(2), toks))
    out, if_carried = [], set()
    # the capitalised words, picked by C loops (map, compress): most words are not
    for k in compress(range(len(words)), map(str.isupper, map(itemgetter(0), words))):
        w = words[k]
        if len(w) < 2 or (len(w) <= 2 and w.isupper()):
            continue  # _place_at rejects these first
        when, first_name = _word_gate(w)
        if when == "never":
            continue
        # followed by a capitalised word after one space (as a two-word name needs)
        pair = k + 1 < len(words) and words[k + 1][0].isupper() and text[toks[k][1]:toks[k + 1][0]] == " "
        if (first_name and pair and not words[k + 1].isupper()) or (when == "pair" and not pair):
            continue  # _place_at: a first name ("Katarzyna Kaźmierczak"); no pair
        if when == "context" and not pair and not _context_before(text, toks, k):
            if_carried.add(k)  # no preposition or body's word before it (cases, unit_nominative)
        out.append(k)
    return out, if_carried


def _context_before(text: str, toks, i: int) -> bool:
    """Does the word before toks[i] give _place_at cases or unit_nominative?"""
    if i == 0 or text[toks[i - 1][1]:toks[i][0]] not in (" ", "\xa0"):
        return False
    return bool(_context_cases(text, toks, i)) or _unit_word(toks[i - 1][2])


@lru_cache(maxsize=100_000)  # pure in the word; called for every capitalised word
def _word_gate(w: str) -> tuple[str, bool]:
    """(when, first_name): when can _place_at find a place at the word ``w``?
    "always": maybe; "context": only after a preposition or a body's word, in an
    enumeration, or as the first of two words; "pair": only as the first of two words;
    "never".  It returns a place only from the multi-word table, from lookup(), and, unless
    the word is a body's head ("Gmina"), from a pair of words, from place readings of all
    its parts (morph.place_nominative; an adjective needs the context) or as a word morfeusz
    does not know (needs the context); a pair (morph.place_nominative, place_with_adjective)
    needs a place reading of the word or the word as a proper adjective (_proper_adj).
    ``first_name``: a first name, no place when a capitalised word follows."""
    word = w.title() if w.isupper() and len(w) > 2 else w
    first_name = not w.isupper() and _first_name(w) and not lookup(w)
    if w in _tables()["multi"] or lookup(w):  # keys as _multi_at looks them up
        return "always", first_name
    if head_lemma(word):
        return "never", first_name
    if all(morph.place_lemmas(part) for part in word.split("-")):
        return ("context" if _adjective(word) else "always"), first_name
    if not morph.analyse(word) and not word.isupper():
        return "context", first_name
    # a pair needs a place reading of the word, or the word as an adjective before a noun
    if morph.place_lemmas(word) or _proper_adj(word):
        return "pair", first_name
    return "never", first_name


def _place_at(text: str, toks, i: int, carried: tuple[str, ...] = (), war: bool = True):
    """(name, index of last token, rule, sure) of a place starting at toks[i], or None;
    ``sure`` when the word can be nothing but a place or its context makes it one.
    ``war``: False when the text before the word holds none of _WAR_HINT."""
    s, e, w = toks[i]
    if not _cap(w) or len(w) < 2:
        return None
    if _after_street(text[max(0, s - 12):s]) or (war and _WAR.search(text[max(0, s - 40):s])):
        return None
    prev = toks[i - 1][2] if i > 0 and text[toks[i - 1][1]:s] in (" ", "\xa0") else None
    nxt = toks[i + 1][2] if i + 1 < len(toks) and text[e:toks[i + 1][0]] == " " else None
    if prev and _first_name(prev) and not prev.isupper():
        return None  # a surname ("Anna Kalisz")
    if nxt and _cap(nxt) and not nxt.isupper() and not w.isupper() and _first_name(w) and not lookup(w):
        return None  # a first name ("Katarzyna Kaźmierczak")
    cases = _context_cases(text, toks, i) or carried
    if not cases and prev and _unit_word(prev):
        # an official name gives the town in the nominative: "Urząd Gminy Sękowa", "Gmina Poraj"
        unit_nominative = True
    else:
        unit_nominative = False
    word = w.title() if w.isupper() and len(w) > 2 else w
    if w.isupper() and len(w) <= 2:
        return None
    context = bool(cases) or _local_word(prev)
    if "-" in w and all(_tables()["forms"].get(p) in _tables()["codes"] for p in w.split("-")):
        return None  # "Polska-Słowacja" names a border programme, not a place
    multi = _multi_at(text, toks, i)
    if multi:
        return multi[0], multi[1], "table", True
    found = lookup(w)
    if found and found not in city_names() and _border_programme(text, toks, i):
        return None  # "Interreg Polska – Słowacja": a programme's name, not a place
    if found:
        return found, i, "table", True
    if head_lemma(word):
        return None  # "Miasto", "Gmina": the body, not the place
    # two-word names ("Tarnowskich Gór", "Lipnicy Murowanej", "Nowym Targu", "Jastrzębia Zdroju")
    if nxt and _cap(nxt) and not lookup(nxt) and not head_lemma(nxt):
        nxt_word = nxt.title() if nxt.isupper() else nxt
        if word.lower().startswith(("święt", "św")) and not cases and morph.first_name(nxt_word):
            return None  # a saint ("Hospicjum Świętego Łazarza"), not a place
        pair = None
        # the adjective of a town's name is a proper name part too (Murowana, Dolne,
        # Wielkopolski); "Samorządowe Tygrysy" or "Ochotnicza Straż" are no places
        if _proper_adj(nxt_word) and _noun_ok(word, cases or context):
            pair = morph.place_with_adjective([word, nxt_word], 1)
        if not pair and _proper_adj(word) and _noun_ok(nxt_word, cases or context) and not (prev and _cap(prev)):
            pair = morph.place_with_adjective([word, nxt_word], 0)
        if pair:
            return pair, i + 1, "morfeusz:adjective", True
        pair = morph.place_nominative([word, nxt_word], cases)
        if pair and _two_word_ok(word, nxt):
            return pair, i + 1, "morfeusz:pair", True
    if _adjective(word) and nxt and _cap(nxt) and \
            any(a.lemma.lower() in ("miasto", "wieś") for a in morph.analyse(nxt)):
        return None  # "Dobrego Miasta", "Nowej Wsi": part of a longer name, not a place of its own
    if _adjective(word) and not cases and (not prev or _agrees_with(word, prev) or not unit_nominative):
        return None  # "Gmin Pomorskich", "Województwa Mazowieckiego": an adjective, not a place
    name = morph.place_nominative([word], cases, as_written=unit_nominative)
    if not name:
        if (cases or unit_nominative) and not morph.analyse(word) and not word.isupper():
            # a foreign town ("w Langenhagen", "Gmina Hať"), kept if the page names its
            # country or its letters tell it; a run of unknown words is one name
            last = i
            while last + 1 < len(toks) and text[toks[last][1]:toks[last + 1][0]] == " " and \
                    _cap(toks[last + 1][2]) and not toks[last + 1][2].isupper() and \
                    not morph.analyse(toks[last + 1][2]) and not lookup(toks[last + 1][2]):
                last += 1
            name = text[s:toks[last][1]]
            if last == i and name.endswith("ii") and set(cases) & {"gen", "loc", "dat"}:
                name = name[:-1] + "a"  # "z Samtredii": the Polish oblique case of a name in -ia
            return name, last, "unknown", False
        return None
    sure = (context and not _first_name(word)) or not (_common_reading(word) or _first_name(word))
    return name, i, "morfeusz", sure


def _war_hint(text: str) -> bool:
    """Might _WAR match somewhere in ``text``?  It matches IGNORECASE, which for the letters
    of _WAR_HINT is ``str.lower()`` except for "İ", "ı" and "ſ" (i, i, s)."""
    low = text.lower()
    return any(h in low for h in _WAR_HINT) or any(c in text for c in "İıſ")


def _after_street(before: str) -> bool:
    """_STREET.search(before), run only when ``before`` ends with a street word (and an
    optional dot and spaces; rstrip() strips what \\s matches), which every match does."""
    stem = before.rstrip()
    return (stem.endswith(_STREET_WORDS) or stem.endswith(".") and stem[:-1].endswith(_STREET_WORDS)) \
        and bool(_STREET.search(before))


def _multi_at(text: str, toks, i: int) -> tuple[str, int] | None:
    """A table name of several words starting at toks[i] ("Hradec Králové")."""
    # _word_gate relies on this: a word that is no key of "multi" starts no such name
    for words, name in _tables()["multi"].get(toks[i][2], ()):
        n = len(words)
        if i + n <= len(toks) and all(toks[i + k][2] == words[k] and text[toks[i + k - 1][1]:toks[i + k][0]] == " "
                                      for k in range(1, n)):
            return name, i + n - 1
    return None


# letters that only one neighbour's language writes: a town morfeusz does not know
# with them is in that country ("Gmina Šilheřovice", "Tromsø")
_LETTERS = (("řěů", "CZ"), ("ťďň", "CZ"), ("ľĺŕô", "SK"), ("øæ", "NO"), ("ß", "DE"), ("őű", "HU"))


def _letters_country(name: str) -> str | None:
    low = name.lower()
    for letters, code in _LETTERS:
        if any(ch in low for ch in letters):
            return code
    return None


@lru_cache(maxsize=100_000)  # pure in the word; called for every capitalised word
def _unit_word(word: str) -> bool:
    return any(a.lemma.lower() in ("gmina", "miasto") for a in morph.analyse(word))


@lru_cache(maxsize=100_000)  # pure in the word; called for every capitalised word
def _local_word(word: str | None) -> bool:
    if not word:
        return False
    return word.lower() in _LOCAL or any(a.lemma.lower() in _LOCAL for a in morph.analyse(word))


@lru_cache(maxsize=100_000)  # pure in the word; called for every capitalised word
def _two_word_ok(first: str, second: str) -> bool:
    """Both words are parts of one name: the second is a name part or the pair is a
    fixed geographical name, not two places side by side."""
    return any(morph.GEO_PART in a.quals for a in morph.analyse(second)) or \
        any(a.pos == "adj" for a in morph.analyse(first.lower())) and \
        any(morph.GEO in a.quals for a in morph.analyse(first))


@lru_cache(maxsize=100_000)  # pure in the word; called for every capitalised word
def _agrees_with(adj: str, noun: str) -> bool:
    nouns = [a for a in morph.analyse(noun) if a.pos in ("subst", "depr")]
    return any(a.pos == "adj" and set(a.tag[0]) & set(n.tag[0]) and set(a.tag[1]) & set(n.tag[1])
               and set(a.tag[2]) & set(n.tag[2]) for a in morph.analyse(adj.lower()) for n in nouns)


@lru_cache(maxsize=100_000)  # pure in the word; called for every capitalised word
def _proper_adj(word: str) -> bool:
    return any(a.pos == "adj" for a in morph.analyse(word.lower())) and \
        any(q in a.quals for a in morph.analyse(word) for q in ("nazwisko", morph.GEO, morph.GEO_PART))


@lru_cache(maxsize=100_000)  # pure in the word; called for every capitalised word
def _noun_ok(word: str, cases) -> bool:
    """``word`` can head a place's name: a geographical noun, outside the skip list,
    and not a common noun unless a preposition makes it a place."""
    lemmas = morph.place_lemmas(word)
    if not lemmas or all(lm in _tables()["skip"] for lm, _a in lemmas):
        return False
    return bool(cases) or not any("nazwa_pospolita" in a.quals for a in morph.analyse(word))


@lru_cache(maxsize=100_000)  # pure in the word; called for every capitalised word
def _adjective(word: str) -> bool:
    return any(a.pos == "adj" for a in morph.analyse(word.lower()))


@lru_cache(maxsize=100_000)  # pure in the word; called for every capitalised word
def _common_reading(word: str) -> bool:
    return any("nazwa_pospolita" in a.quals for a in morph.analyse(word)) or \
        any(a.pos == "adj" for a in morph.analyse(word.lower()))

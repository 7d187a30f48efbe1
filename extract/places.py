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
from functools import lru_cache
from itertools import compress
from operator import itemgetter

from extract import morph
from extract.items import named
from extract.lexicon import city_names, country_of, foreign_nominative as _uninflected, head_lemma, lookup, \
    name_connectors, place_tables as _tables, word_lemmas as _lemmas
from extract.matcher import Matcher


# words before a name that make it a street's or a building's
_STREET_WORDS = ("ul", "al", "pl", "os", "ulica", "ulicy", "ulicą", "ulicę", "aleja", "alei", "aleję", "osiedle",
                 "osiedlu", "placu", "plac", "rondo", "ronda", "skwer", "skweru", "most", "mostu", "park", "parku",
                 "hala", "hali", "stadion", "stadionie", "Galeria", "Galerii", "Hotel", "Hotelu", "hotel", "hotelu",
                 "Kino", "Kina", "Teatr", "Teatru", "Klub", "Klubu",
                 # venues and landmarks named after a place or a person ("Bistro Wrząca Woda",
                 # "w Dworze Konopków", "pod Pomnikiem X")
                 "Bistro", "Restauracja", "Restauracji", "Kawiarnia", "Kawiarni", "Karczma", "Karczmie",
                 "Zajazd", "Zajeździe", "Pensjonat", "Pensjonacie", "Pałac", "Pałacu", "Zamek", "Zamku",
                 "Pomnik", "Pomnika", "Pomniku", "Klasztor", "Klasztorze",
                 # a euroregion's name ("Euroregionu Śląsk Cieszyński") is no place of its own
                 "Euroregion", "Euroregionu", "Euroregionie", "Euroregionem", "euroregion", "euroregionu",
                 "euroregionie", "euroregionem")
_STREET = re.compile(r"(?:\b(?:" + "|".join(_STREET_WORDS) + r")\.?\s*)$")
# a country a war is waged against or in is the news' background, not a place of the
# activity ("rosyjska wojna przeciwko Ukrainie", "agresja na Ukrainę")
_WAR_STEMS = ("wojn", "agresj", "inwazj", "napaś", "napad", "atak")
_WAR = re.compile(r"(?:\b(?:" + "|".join(_WAR_STEMS) + r")\w*\s+(?:\w+\s+)?(?:w|we|na|przeciw|przeciwko)|"
                  r"\bprzeciw(?:ko)?)\s+$", re.I)
# a country a town borders on is a landmark, not a place of the activity ("położona przy
# granicy z Holandią"); a country's government pays or asks, it is no place ("ze
# środków rządu Szwajcarii")
_BORDER = re.compile(r"\bgranic\w*\s+(?:z|ze)\s+$|\brząd(?:u|em|owi|zie|y|ów|om|ami|ach)?\s+"
                     r"(?:[A-ZĄĆĘŁŃÓŚŹŻ]\w+\s+(?:i|oraz)\s+)?$", re.I)  # ("rządom Polski i Słowacji")
# a zone none of whose words can start a match of _WAR is not searched per word
_WAR_RULES = Matcher([("war", _WAR)])
# words before a town's name that make it one ("Miasta Kielce", "wójt Poraja", "m.st. Warszawy")
_LOCAL = frozenset({"miasto", "gmina", "powiat", "m.st.", "wójt", "burmistrz", "prezydent", "starosta",
                    "sołectwo", "okolica", "mieszkaniec", "urząd", "samorząd", "partnerstwo", "delegacja",
                    "stołeczny"})
# words before a name that make it no place of the page: a former name, a nickname
_NOT_THIS_PLACE = frozenset({"dawny", "dawna", "dawne", "dawnego", "dawnej", "dawnym", "dawniej", "tzw", "tzw.",
                             "zwany", "zwana", "zwanej", "zwanego", "zwanym"})
# prepositions before a place name, and the cases they take
_PREPS = {"w": ("loc",), "we": ("loc",), "z": ("gen",), "ze": ("gen",), "do": ("gen",), "od": ("gen",),
          "na": ("loc", "acc"), "pod": ("inst",), "koło": ("gen",), "dla": ("gen",), "spod": ("gen",)}


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


def annotate(doc) -> None:
    """Layer "places": the places of the page, from its words, the gazetteer and the
    layers "orgs" (a place inside a body's name is part of the name) and "funder_spans"
    (a funder's name says nothing of where the work happens)."""
    # (nor does a programme's: "Programu Współpracy Polska – Saksonia")
    skip_spans = [(f.start, f.end) for f in doc.layer("funder_spans")] + _body_name_spans(doc.text, doc.layer("orgs")) \
        + [(m["start"], m["end"]) for m in doc.layer("programme_mentions") if m["rule"] in _PROGRAMME_NAMES] \
        + _quoted_body_names(doc.text, doc.zones, doc.layer("orgs"))
    doc.layers["places"] = _find_places(doc.text, doc.zones, skip_spans, doc.words)


# programmes named by their family ("Interreg Polska – Saksonia"): their places name the
# programme's area (a quoted initiative, "„Reforma samorządu na Ukrainie”", says where it works)
_PROGRAMME_NAMES = frozenset({"programme_family", "known_programme"})
# a quoted name and the word right before it
# (from a word's start only: "\w+" tried at every letter of the page was most of the
# scan, and a match starting inside a word also matches from the word's start)
_QUOTED_AFTER = re.compile(r"(?<!\w)(\w+)[.:]?\s[„\"“«]([^”\"“»\n]{1,80})[”\"“»]")


def _quoted_body_names(text: str, zones, orgs) -> list[tuple[int, int]]:
    """Spans of quoted names of bodies: a group's, a band's, an association's name after its
    acronym or head noun ("SRLGD „Morze i Parsęta”", "zespół „Issa”", "Lokalna Grupa
    Działania „Północne Mazowsze”"): the places in them are no places of the activity."""
    if not any(q in text for q in "„\"“«"):
        return []
    ends = {o.end for o in orgs} | {o.start for o in orgs}  # an org ending at the quote, or holding it
    out = []
    for zs, ze in zones:
        for m in _QUOTED_AFTER.finditer(text, zs, ze):
            word = m.group(1)
            if (word.isupper() and 2 <= len(word) <= 6) or head_lemma(word) or m.end(1) in ends \
                    or any(o.start < m.start(2) < o.end for o in orgs):
                out.append(m.span(2))
    return out


def _find_places(text: str, zones: list[tuple[int, int]], skip_spans: list[tuple[int, int]], words) -> list[dict]:
    t = _tables()
    seen: dict[str, dict] = {}
    strong: set[str] = set()
    unknown: dict[str, tuple[int, int]] = {}
    partner: dict[str, tuple[int, int]] = {}  # foreign by their context, country not named
    countries: list[tuple[str, int, int]] = []  # every mention of a country, in order
    for zs, ze in zones:
        toks = words(zs, ze)
        starts, if_carried = _candidates(text, toks)
        war = _war_hint(text[max(0, zs - 40):ze])  # every window _place_at searches is inside
        i = 0
        carry: tuple[int, tuple[str, ...]] = (-1, ())  # (token index, cases) an enumeration passes on
        village_carry = -1  # the token a skipped village passes its enumeration on to
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
            # "KGW „Jarzębinki” z Wólki", "strażacy z OSP w Pcimiu i Stróży": the villages of
            # local groups are no places of the page's activity, nor their conjuncts
            village = village_carry == first or _village_body(text, s)
            if cases and i < len(toks):
                gap = text[toks[i - 1][1]:toks[i][0]]
                if gap == ", ":
                    carry = (_after_also(text, toks, i), cases)
                elif gap == " " and toks[i][2] in ("i", "oraz", "lub") and i + 1 < len(toks):
                    carry = (i + 1, cases)
            if village:
                village_carry = carry[0]
                continue
            if name in t.skip or any(a <= s and e <= b for a, b in skip_spans):
                continue
            if s > 4 and text[s - 4:s] == "nad ":
                continue  # "Grabów nad Pilicą", "nad Wisłą": a river, by a town or alone
            country = country_of(name)
            if name in t.codes and name not in city_names():
                countries.append((name, s, e))  # (the home country too: it is part of a list)
            if name in t.codes and name not in city_names() and country == t.home and not t.report_home:
                continue
            if rule == "unknown":
                unknown.setdefault(name, (s, e))
                continue
            if rule == "cue:?":
                partner.setdefault(name, (s, e))
                continue
            if rule.startswith(("cue:", "unknown+", "unit+")):
                country = rule[-2:]
            if sure:
                strong.add(name)
            # one town under two spellings ("Budziszyn (Bautzen)") is one place
            seen.setdefault(t.same.get(name, name), named(name, text[s:e], s, e, rule, country=country))
    # a name that is also a common word or an adjective ("Tygrysy", "Mazowieckiego")
    # counts only if one of its mentions has a place's context somewhere on the page
    listed = _listed_only(text, countries)
    out = [p for n, p in seen.items() if p["name"] in strong and p["name"] not in listed]
    # towns morfeusz does not know ("w Langenhagen") are foreign: they count when the
    # page names exactly one foreign country (by name or adjective: "gruzińskich")
    foreign = _foreign_countries(text, zones, out, words)
    for name, (s, e) in list(unknown.items()):
        code = _letters_country(name)
        if code:
            out.append(named(name, text[s:e], s, e, "unknown+letters", country=code))
            del unknown[name]
    if len(foreign) == 1 and unknown:
        (code,) = foreign
        for name, (s, e) in unknown.items():
            if e == len(text) and text[-1].isalpha():
                continue  # "przyjechali do Zielo": a word the end of the text cut off
            out.append(named(name, text[s:e], s, e, "unknown+country", country=code))
    # "z partnerskiego Uffenheim": foreign for sure; its country is the nearest foreign
    # country the page names
    abroad = [p for p in out if p["country"] != t.home]
    for name, (s, e) in partner.items():
        near = min(abroad, key=lambda p: abs(p["start"] - s), default=None)
        code = _letters_country(name) or (near["country"] if near else None)
        if code:
            out.append(named(name, text[s:e], s, e, "cue:partner", country=code))
    return sorted(_merged([_as_on_page(text, p) for p in out]), key=lambda p: p["start"])


def _as_on_page(text: str, place: dict) -> dict:
    """Of two towns a form can belong to, the one the page writes in the nominative
    ("w Krośnie" and "Miasto Krosno": Krosno, not Krosna)."""
    if not place["rule"].startswith("morfeusz") or not place["text"].isalpha():
        return place
    lemmas = {lm for lm, _a in _readings(place["text"])}

    def nominative_on_page(lemma: str) -> bool:
        # written, and not as a form of the other town ("Krosna" is also Krosno's genitive)
        return _written(text, lemma) and not {lm for lm, a in _readings(lemma) if set(a.tag[1]) - {"voc"}} & \
            lemmas - {lemma}

    if nominative_on_page(place["name"]):
        return place
    for lemma in sorted(lemmas - {place["name"]}):
        if nominative_on_page(lemma):
            return {**place, "name": lemma}
    return place


def _written(text: str, word: str) -> bool:
    """``word`` stands on its own somewhere in ``text`` (no regex compiled per name)."""
    k = text.find(word)
    while k >= 0:
        end = k + len(word)
        if (k == 0 or not text[k - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return True
        k = text.find(word, k + 1)
    return False


_LIST_GAP = re.compile(r"\s*(?:,|;|i|oraz|,\s*a także)\s*")


def _listed_only(text: str, countries: list[tuple[str, int, int]]) -> set[str]:
    """Countries named only in a list of four or more ("miasta partnerskie miasta X:
    Niemiec, Słowacji, Ukrainy, Gruzji"): a background of the news, not where its activity
    happens."""
    runs, run = [], countries[:1]
    for prev, cur in zip(countries, countries[1:]):
        if _LIST_GAP.fullmatch(text[prev[2]:cur[1]]):
            run.append(cur)
        else:
            runs.append(run)
            run = [cur]
    runs.append(run)
    # "delegacje z Ukrainy, Mołdawii, Gruzji i Armenii": after a preposition the list names
    # where participants come from
    # ("granic trzech państw: Polski, Litwy oraz Rosji": three after a colon are a list too)
    inside = {(n, s) for r in runs if (len(r) >= 4 or len(r) == 3 and text[:r[0][1]].rstrip().endswith(":"))
              and not _after_preposition(text, r[0][1]) for n, s, _e in r}
    return {n for n, s in inside} - {n for n, s, _e in countries if (n, s) not in inside}


def _after_preposition(text: str, start: int) -> bool:
    before = text[max(0, start - 4):start]
    return any(before.endswith(" " + p + " ") or before == p + " " for p in _PREPS)


def _merged(found: list[dict]) -> list[dict]:
    """One place per name, and a name that starts a longer one found on the page is that
    place ("Frankfurt" beside "Frankfurt nad Odrą", "Jelenia" beside "Jelenia Góra")."""
    names = {p["name"] for p in found}
    # every part of a name before a space or a dash ("Jelenia", "Nowe Miasto", "Golub"):
    # x starts a longer name (x + " ", x + "-") exactly when it is one of them
    first_parts = {n[:k] for n in names for k, ch in enumerate(n) if ch in " -"}
    out, seen = [], set()
    for p in sorted(found, key=lambda p: p["start"]):
        key = p["name"].replace("-", " ")  # "Golub Dobrzyń" is Golub-Dobrzyń
        # the word as written may be read as the first part of the longer name ("w Golubiu":
        # Golubie, or Golub of Golub-Dobrzyń)
        starts = {p["name"]} | ({lm for lm, _a in _readings(p["text"])} if p["rule"] == "morfeusz" else set())
        if key in seen or not first_parts.isdisjoint(starts):
            continue
        seen.add(key)
        out.append(p)
    return out


def _village_body(text: str, start: int) -> bool:
    """Does a local group's name with "z"/"w" end right before ``start``?"""
    return _tables().village_body.search(text, max(0, start - 70), start) is not None


def _after_also(text: str, toks, i: int) -> int:
    """The index of the next conjunct after a comma: "Winnicę, a także Warszawę"."""
    k = i
    while k + 1 < len(toks) and k - i < 2 and toks[k][2] in ("a", "także", "również", "oraz", "i") and \
            text[toks[k][1]:toks[k + 1][0]] == " ":
        k += 1
    return k


def _body_name_spans(text: str, orgs) -> list[tuple[int, int]]:
    """Spans of the names of associations, foundations, unions... ("Stowarzyszenie Gmin
    Biała Orawa", "Fundacja Miasta Przyszłości", "Związek Gmin Zalewu Zegrzyńskiego"): a
    place in such a name is part of the name; only a seat after a preposition ("Fundacja
    Rozwoju w Kielcach") is left outside the span."""
    bodies = _tables().name_bodies
    out = []
    for o in orgs:
        if o.key.startswith("jst:") or o.by_function or o.name.split(" ", 1)[0].lower() not in bodies:
            continue
        seat = _SEAT.search(text, o.start, o.end)
        out.append((o.start, seat.start() if seat else o.end))
    return out


# a preposition inside a body's name that introduces its seat ("Fundacja X w Kielcach")
_SEAT = re.compile(r"\s(?:w|we|z|ze|na|pod)\s")


@lru_cache(maxsize=1)
def _country_stems() -> dict[str, tuple[tuple[str, str], ...]]:
    """First four letters -> (stem, code), longest stem first, of the stems of countries'
    adjectives: those of the adjectives table ("czesk" -> CZ) and the starts of the
    countries' names ("gruz" -> GE, "norw" -> NO)."""
    t = _tables()
    pairs = list(t.adjectives) + [(name.lower()[:4], code) for name, code in t.countries.items()
                                  if " " not in name and code != t.home]
    out: dict[str, list[tuple[str, str]]] = {}
    for stem, code in sorted(pairs, key=lambda sc: -len(sc[0])):
        out.setdefault(stem[:4], []).append((stem, code))
    return {k: tuple(v) for k, v in out.items()}


def _foreign_countries(text: str, zones, found: list[dict], zone_words) -> set[str]:
    t = _tables()
    codes = {p["country"] for p in found if p["country"] != t.home}
    stems = _country_stems()
    for zs, ze in zones:
        words = list(map(itemgetter(2), zone_words(zs, ze)))
        # "polsko-czeską współpracę": the last part of a compound adjective
        words += [w.rsplit("-", 1)[1] for w in words if "-" in w]
        # the words starting with a stem, picked by C loops (map, compress): few do
        for w in compress(words, map(stems.__contains__, map(itemgetter(slice(0, 4)), words))):
            if len(w) > 5 and w[0].islower() and _adjective(w):
                code = next((c for stem, c in stems[w[:4]] if w.startswith(stem)), None)
                if code:
                    codes.add(code)
    return codes


# a verb of visiting whose object is a town: "odwiedzi Warszawę"
_PLACE_VERB = re.compile(r"odwiedz\w*|odwiedzi\w*", re.I)  # not "zwiedzili Wawel": a sight


def _border_programme(text: str, toks, i: int) -> bool:
    """A country joined to another by a dash ("Polska – Słowacja", "Republika Czeska - Polska")."""
    def country(k: int) -> bool:
        return 0 <= k < len(toks) and (lookup(toks[k][2]) or "") in _tables().codes and \
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
    """Does the word before toks[i] give _place_at cases, unit_nominative or a foreign
    town's cue (_foreign_cue), or the words after it the town's country (_country_after)?"""
    if i == 0 or text[toks[i - 1][1]:toks[i][0]] not in (" ", "\xa0"):
        return _country_after(text, toks, i) is not None or _foreign_cue(text, toks, i) is not False
    return bool(_context_cases(text, toks, i)) or _unit_word(toks[i - 1][2]) or \
        _foreign_cue(text, toks, i) is not False or _country_after(text, toks, i) is not None


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
    if _lemmas(w) & _tables().multi.keys() or lookup(w):  # keys as _multi_at looks them up
        return "always", first_name
    if head_lemma(word):
        return "never", first_name
    if all(morph.place_lemmas(part) for part in word.split("-")):
        return ("context" if _adjective(word) else "always"), first_name
    if not morph.analyse(word) and not word.isupper() or _surname_only(word) or w in _tables().name_prefixes:
        return "context", first_name
    # a pair needs a place reading of the word, or the word as an adjective before a noun
    if morph.place_lemmas(word) or _adjective(word):  # _proper_adj, or before Miasto/Wieś
        return "pair", first_name
    return "never", first_name


def _place_at(text: str, toks, i: int, carried: tuple[str, ...] = (), war: bool = True):
    """(name, index of last token, rule, sure) of a place starting at toks[i], or None;
    ``sure`` when the word can be nothing but a place or its context makes it one.
    ``war``: False when _WAR cannot match in the text before the word (_war_hint)."""
    s, e, w = toks[i]
    if not _cap(w) or len(w) < 2:
        return None
    if _after_street(text[max(0, s - 12):s]) or (war and _WAR.search(text[max(0, s - 40):s])):
        return None
    prev = toks[i - 1][2] if i > 0 and text[toks[i - 1][1]:s] in (" ", "\xa0") else None
    nxt = toks[i + 1][2] if i + 1 < len(toks) and text[e:toks[i + 1][0]] == " " else None
    if prev and _first_name(prev) and not prev.isupper():
        return None  # a surname ("Anna Kalisz")
    if prev and _cap(prev) and not prev.isupper() and _adjective(prev) and not _local_word(prev) \
            and _agrees_with(prev.lower(), w):
        return None  # "Europejska Partia Ludowa": a capitalised adjective makes it a longer name
    if prev and (prev in name_connectors() and i > 1 and _cap(toks[i - 2][2]) or prev.lower() in _NOT_THIS_PLACE):
        # "Bernau bei Berlin": part of a town's name; "(dawny Stanisławów)", "tzw. Zielonej
        # Wenecji": a former name, a nickname
        return None
    if nxt and _cap(nxt) and not nxt.isupper() and not w.isupper() and _first_name(w) and not lookup(w):
        return None  # a first name ("Katarzyna Kaźmierczak")
    if prev and _cap(prev) and not prev.isupper() and not morph.analyse(prev) and _surname(w) \
            and i > 1 and text[toks[i - 2][1]:toks[i - 1][0]] == " " and toks[i - 2][2][0].islower():
        return None  # a surname after a foreign first name ("starosta Heiner Janik")
    cases = _context_cases(text, toks, i) or carried
    if not cases and prev and _unit_word(prev):
        # an official name gives the town in the nominative: "Urząd Gminy Sękowa", "Gmina Poraj"
        unit_nominative = True
    else:
        unit_nominative = False
    word = w.title() if w.isupper() and len(w) > 2 else w
    if w.isupper() and len(w) <= 2:
        return None
    context = bool(cases) or _local_word(prev) or unit_nominative
    if "-" in w and all(_tables().forms.get(p) in _tables().codes for p in w.split("-")):
        return None  # "Polska-Słowacja" names a border programme, not a place
    multi = _multi_at(text, toks, i)
    if multi:
        return multi[0], multi[1], "table", True
    found = lookup(w)
    if found and found not in city_names() and (_border_programme(text, toks, i) or
                                                 _BORDER.search(text[max(0, s - 40):s])):
        return None  # "Interreg Polska – Słowacja": a programme's name, not a place
    if found and nxt and _cap(nxt) and not nxt.isupper() and found in city_names() and _adjective(nxt):
        pair = _with_adjective((word, nxt), 1)
        if pair:  # "Bukowina Tatrzańska" is a Polish village, not the Ukrainian region
            return pair, i + 1, "morfeusz:adjective", True
    if found:
        return found, i, "table", True
    cue = _foreign_cue(text, toks, i) if not w.isupper() else False
    # (a word morfeusz does not know: _word_gate lets no other word without a place reading
    # through)
    if cue is not False and (not morph.analyse(word) or w in _tables().name_prefixes and nxt and
                             not morph.analyse(nxt)) and _foreign_shape(w):
        # "z francuskim Meudon", "niemieckiego miasta Wunsiedel", "partnerskiego Uffenheim":
        # a town morfeusz does not know, named with its country (None: the page's)
        last = _name_run(text, toks, i)
        cue = cue or _country_after(text, toks, last)
        # "słowackim Breznem": the adjective before tells the case
        inst = prev and any(a.pos == "adj" and "inst" in a.tag[1] for a in morph.analyse(prev.lower()))
        return _uninflected(text[s:toks[last][1]], ("inst",) if inst else cases), last, "cue:" + (cue or "?"), True
    if head_lemma(word):
        return None  # "Miasto", "Gmina": the body, not the place
    third = nxt and _cap(nxt) and not nxt.isupper() and _adjective(word) and _town_noun(nxt) and \
        _agrees_with(word.lower(), nxt) and _third_adjective(text, toks, i + 1)
    if third and _agrees_with(third.lower(), nxt):
        # "w Nowym Mieście Lubawskim", "z Nowej Wsi Lęborskiej" (but "Dobrego Miasta", "Super
        # Miasto" alone are too often no town's name)
        noun = "Miasto" if _town_noun(nxt) == "miasto" else "Wieś"
        gender = "n" if noun == "Miasto" else "f"
        adj, tail = morph.adjective_nominative(word, gender), morph.adjective_nominative(third, gender)
        if adj and tail:
            return adj[:1].upper() + adj[1:] + " " + noun + " " + tail[:1].upper() + tail[1:], i + 2, \
                "morfeusz:adjective", True
    # two-word names ("Tarnowskich Gór", "Lipnicy Murowanej", "Nowym Targu", "Jastrzębia Zdroju")
    if nxt and _cap(nxt) and not lookup(nxt) and not head_lemma(nxt):
        nxt_word = nxt.title() if nxt.isupper() else nxt
        if word.lower().startswith(("święt", "św")) and not cases and morph.first_name(nxt_word):
            return None  # a saint ("Hospicjum Świętego Łazarza"), not a place
        pair = None
        # the adjective of a town's name is a proper name part too (Murowana, Dolne,
        # Wielkopolski); "Samorządowe Tygrysy" or "Ochotnicza Straż" are no places
        if _proper_adj(nxt_word) and _noun_ok(word, cases or context, nxt_word):
            pair = _with_adjective((word, nxt_word), 1)
        if not pair and _proper_adj(word) and _noun_ok(nxt_word, cases or context, word) and \
                not (prev and _cap(prev) and _first_name(nxt_word)):  # not "Starosta Krakowski Wojciech"
            pair = _with_adjective((word, nxt_word), 0)
            third = pair and _third_adjective(text, toks, i + 1)
            tail = third and _with_adjective((nxt_word, third), 1)
            if tail:  # "Nowego Dworu Mazowieckiego"
                return pair.split(" ")[0] + " " + tail, i + 2, "morfeusz:adjective", True
        if pair:
            return pair, i + 1, "morfeusz:adjective", True
        pair = _nominative((word, nxt_word), cases)
        if pair and (_two_word_ok(word, nxt) or cases and _place_only(nxt_word)):
            # "w Bornem Sulinowie": two place nouns in the context's case are one name
            return pair, i + 1, "morfeusz:pair", True
        if _adjective(nxt_word) and _agrees_with(nxt_word.lower(), word):
            return None  # "Zalewu Zegrzyńskiego": a lake, a forest... named by a noun and its adjective
    if _adjective(word) and nxt and _cap(nxt) and not nxt.isupper():
        # "Dobrego Miasta", "w Nowym Ratuszu", "Małych Grantów", "Dolnośląskim Urzędzie":
        # an adjective before a capitalised word is part of a longer name, not a place
        return None
    if _adjective(word) and not cases and (not prev or _agrees_with(word, prev) or not unit_nominative) and \
            not (unit_nominative and _nominative((word,), ("nom",), True) == word):
        # "Gmin Pomorskich", "Województwa Mazowieckiego": an adjective, not a place; but
        # "Gmina Dobra" names a town in the nominative
        return None
    # "Urząd Gminy Sękowa" names the gmina in the nominative, "Urząd Miasta Tarnowa" the
    # town in the genitive as often as not
    genitive_too = unit_nominative and _city_word(prev)
    if nxt and _cap(nxt) and not nxt.isupper() and _common_reading(word) and not lookup(nxt) \
            and not _readings(nxt) and not unit_nominative:
        return None  # "pod Wieżą Eiffla", "w Dworze Konopków": a landmark named after someone
    if _part_only(word):
        return None  # "w Dworze Konopków", "Polonii": a part of a geographical name, alone no place
    name = _nominative((word,), ("nom", "gen") if genitive_too else cases, unit_nominative and not genitive_too)
    if not name and unit_nominative and _surname_only(word) and not _first_name(word):
        # "hromady Makarów": a town morfeusz knows only as a surname, in the nominative
        name = word
        code = _tables().unit_countries.get(_unit_head(prev))
        return name, i, ("unit+" + code) if code else "morfeusz", True
    if not name:
        if (cases or unit_nominative or _country_after(text, toks, i)) and not morph.analyse(word) and \
                _foreign_shape(w):
            # a foreign town ("w Langenhagen", "Gmina Hať"), kept if the page names its
            # country or its letters tell it; a run of unknown words is one name
            last = _name_run(text, toks, i)
            if last - i >= 2 and not cases and not any(toks[k][2] in name_connectors() for k in range(i, last)):
                last = i  # "Rady Rejonu Cahul Ion Cernat": a town, then a person's name
            name = _uninflected(text[s:toks[last][1]], cases)
            code = _country_after(text, toks, last)
            if code:  # "w Rastede (Niemcy)", "w Sunnfjord w Norwegii"
                return name, last, "unknown+" + code, True
            return name, last, "unknown", False
        return None
    code = _tables().unit_countries.get(_unit_head(prev)) if unit_nominative else None
    if code:  # "hromady Makarów": a Ukrainian town even where a Polish one has its name
        return name, i, "unit+" + code, True
    if cue:  # "z francuskim Calais": a foreign town morfeusz knows, in its country
        return name, i, "cue:" + cue, True
    sure = (context and not _first_name(word)) or not (_common_reading(word) or _first_name(word)) or \
        "-" in word  # "Jastrzębie-Zdrój": both parts read as places, no common word
    return name, i, "morfeusz", sure


_readings = morph.town_lemmas
_genders = morph.genders
_GENDER_RANK = morph.GENDER_RANK


def _nominative(words: tuple[str, ...], cases: tuple[str, ...] = (), as_written: bool = False) -> str | None:
    """("Bornem", "Sulinowie") -> "Borne Sulinowo": morph.place_nominative read as a town."""
    return morph.place_nominative(words, cases, as_written, towns=True)


@lru_cache(maxsize=50_000)
def _with_adjective(words: tuple[str, str], adj_index: int) -> str | None:
    """A place named by a noun and an adjective agreeing with it, in the nominative:
    ("Lipnicy", "Murowanej") -> "Lipnica Murowana"; of two readings of the noun the
    likelier town wins as in _nominative ("Tomaszowa Lubelskiego": Tomaszów Lubelski)."""
    noun, adj = words[1 - adj_index], words[adj_index]
    adjs = [a for a in morph.analyse(adj.lower()) if a.pos == "adj"]
    def rank(la) -> tuple[bool, int]:
        return morph.GEO not in la[1].quals, -max((_GENDER_RANK.get(g, 0) for g in _genders(la[1])), default=0)

    ranked = sorted(_readings(noun), key=rank)
    for lemma, a in ranked:
        for b in adjs:
            genders = set(_genders(a)) & set(b.tag[2])
            if a.tag[0][0] in b.tag[0] and set(a.tag[1]) & set(b.tag[1]) and genders:
                gender = next(g for g in _genders(a) if g in genders)
                adj_nom = morph.adjective_nominative(adj, gender, a.tag[0][0])
                if not adj_nom:
                    continue
                adj_nom = adj_nom[:1].upper() + adj_nom[1:]
                return f"{adj_nom} {lemma}" if adj_index == 0 else f"{lemma} {adj_nom}"
    return None


def _foreign_shape(word: str) -> bool:
    """An unknown word that can be a foreign town's name: not an acronym ("KGW"), not a
    Polish inflected ending ("Merią", "Karczmiskiej")."""
    return not word.isupper() and not word.endswith(("ą", "ę")) and not _ADJ_END.search(word)


_ADJ_END = re.compile(r"(?:sk|ck|dzk)(?:iej|im|iego|ich|ą)$")
# oblique endings a Polish text puts on a foreign name whose stem ends in a consonant:
# "w Ammerlandzie", "w Uffenheimie", "z Rendsburga", and of a Slavic one in -ka: "w
# Mostence" (the longest ending first)
_RUN_GAPS = frozenset({" ", " – ", " - ", "-"})


def _name_run(text: str, toks, i: int) -> int:
    """The last token of a foreign name starting at toks[i]: a run of at most three
    capitalised words ("Bad Zwischenahn", "Česka Skalica"), not a table name, a first
    name ("Cahul Ion") or a body's word ("Tauragė Burmistrz")."""
    last, words = i, 0
    connectors = name_connectors()
    while last + 1 < len(toks) and words < 2 and text[toks[last][1]:toks[last + 1][0]] in _RUN_GAPS:
        w = toks[last + 1][2]
        if text[toks[last][1]:toks[last + 1][0]] != " " and (not _cap(w) or lookup(w) or head_lemma(w)):
            break  # "Iwano – Frankowo": a dash joins two parts of one name, nothing else
        if w in connectors:
            # "Rosbach vor der Höhe", "Aixe sur Vienne", "Bernau bei Berlin": the words after
            # a connector are the name's, whatever else they name
            k = last + 1
            while k + 1 < len(toks) and toks[k + 1][2] in connectors and text[toks[k][1]:toks[k + 1][0]] == " ":
                k += 1
            if k + 1 < len(toks) and text[toks[k][1]:toks[k + 1][0]] == " " and _cap(toks[k + 1][2]) \
                    and not toks[k + 1][2].isupper():
                last, words = k + 1, words + 1
                continue
            break
        if not _cap(w) or w.isupper() or lookup(w) or _first_name(w) or head_lemma(w) or \
                (toks[last + 1].readings and not _readings(w) and _local_word(w)):
            break
        last, words = last + 1, words + 1
    return last


@lru_cache(maxsize=20_000)
def _adjective_country(word: str) -> str | None:
    """The country of a country's adjective ("niemieckim" -> DE), else None."""
    low = word.lower()
    for stem, code in _tables().adjectives:
        if low.startswith(stem):
            return code
    return None




def _foreign_cue(text: str, toks, i: int) -> str | None | bool:
    """The country that the words right before toks[i] give a town: a country's adjective
    ("z francuskim Meudon", "niemieckiego miasta X") -> its code; "partnerskiego X" ->
    None (the town is foreign, its country the page's); no cue -> False."""
    k, partner = i - 1, False
    for _ in range(3):
        if k < 0 or text[toks[k][1]:toks[k + 1][0]] not in (" ", "\xa0"):
            break
        w = toks[k][2]
        lemmas = _lemmas(w)
        if not w[0].islower() and not lemmas & _tables().between:  # "z niemieckim Miastem Rendsburg"
            break
        code = _adjective_country(w)
        if code:
            return code
        if lemmas & _tables().partner:
            partner = True
        elif not lemmas & _tables().between:
            break
        k -= 1
    # "miasta partnerskie: Bad Kissingen, Szentendre i Vrútky"
    return None if partner or _partner_list_before(text, toks[i][0]) else False


def _partner_list_before(text: str, pos: int) -> bool:
    # the regex is anchored at the end but tried from every offset of the window: run it
    # only when the window holds both things every match must contain
    window = text[max(0, pos - 160):pos]
    if ":" not in window or "partnersk" not in window.lower():
        return False
    return bool(_PARTNER_LIST.search(text, max(0, pos - 160), pos))


_PARTNER_LIST = re.compile(r"\bpartnersk\w*(?:\s+\w+){0,3}\s*:[^.:;!?\n]*$", re.I)


def _country_after(text: str, toks, last: int) -> str | None:
    """A country named right after a town: "Rastede (Niemcy)", "Sunnfjord w Norwegii"
    (not "X z Niemiec": a partner listed in passing)."""
    j = last + 1
    if j < len(toks) and text[toks[last][1]:toks[j][0]].strip() == "(":
        found = lookup(toks[j][2])
    elif j + 1 < len(toks) and toks[j][2] in ("w", "we", "na") and \
            text[toks[j][1]:toks[j + 1][0]] == " " and text[toks[last][1]:toks[j][0]] == " ":
        found = lookup(toks[j + 1][2])
    else:
        return None
    code = country_of(found) if found else None
    return code if code and code != _tables().home else None


def _multi_at(text: str, toks, i: int) -> tuple[str, int] | None:
    """A table name of several words starting at toks[i] ("Hradec Králové", "Dolnej Saksonii")."""
    multi = _tables().multi
    for first in _lemmas(toks[i][2]):
        for words, name in multi.get(first, ()):
            n = len(words)
            if i + n <= len(toks) and all(_cap(toks[i + k][2]) == _cap(name.split()[k]) and
                                          words[k] & _lemmas(toks[i + k][2]) and
                                          text[toks[i + k - 1][1]:toks[i + k][0]] == " " for k in range(1, n)):
                return name, i + n - 1
    return None


def _war_hint(text: str) -> bool:
    """Might _WAR match somewhere in ``text``?"""
    return bool(_WAR_RULES.candidates(text))


def _after_street(before: str) -> bool:
    """_STREET.search(before), run only when ``before`` ends with a street word (and an
    optional dot and spaces; rstrip() strips what \\s matches), which every match does."""
    stem = before.rstrip()
    return (stem.endswith(_STREET_WORDS) or stem.endswith(".") and stem[:-1].endswith(_STREET_WORDS)) \
        and bool(_STREET.search(before))


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
    """A word after which a town's name stands in the nominative ("gmina Sękowa", "w
    miejscowości Sarny")."""
    return word.lower() in _tables().units or any(a.lemma.lower() in _tables().units for a in morph.analyse(word))


@lru_cache(maxsize=100_000)  # pure in the word
def _town_noun(word: str) -> str | None:
    """"miasto" or "wieś" when ``word`` is a form of one of them, else None."""
    return next((a.lemma.lower() for a in morph.analyse(word) if a.lemma.lower() in ("miasto", "wieś")), None)


def _third_adjective(text: str, toks, j: int) -> str | None:
    """The capitalised proper adjective right after toks[j] ("Lubawskim"), else None."""
    if j + 1 < len(toks) and text[toks[j][1]:toks[j + 1][0]] == " ":
        w = toks[j + 1][2]
        if _cap(w) and not w.isupper() and _proper_adj(w):
            return w
    return None


@lru_cache(maxsize=100_000)  # pure in the word
def _unit_head(word: str | None) -> str | None:
    """The lemma of a unit word ("hromady" -> hromada), else None."""
    if not word:
        return None
    if word.lower().startswith("hromad"):  # morfeusz does not know the Ukrainian word
        return "hromada"
    return next((a.lemma.lower() for a in morph.analyse(word) if a.lemma.lower() in _tables().units), None)


@lru_cache(maxsize=100_000)  # pure in the word
def _city_word(word: str) -> bool:
    return any(a.lemma.lower() == "miasto" for a in morph.analyse(word))




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
def _surname(word: str) -> bool:
    return any("nazwisko" in a.quals for a in morph.analyse(word))


@lru_cache(maxsize=100_000)  # pure in the word; called for every capitalised word
def _surname_only(word: str) -> bool:
    """Every reading of the word is a surname's ("Makarów")."""
    an = morph.analyse(word) + morph.analyse(word.lower())
    return bool(an) and all("nazwisko" in a.quals for a in an)


@lru_cache(maxsize=100_000)  # pure in the word; called for every capitalised word
def _place_only(word: str) -> bool:
    """Every reading of the word is a place's ("Sulinowie"): no common word, no first name."""
    an = morph.analyse(word) + morph.analyse(word.lower())
    return bool(_readings(word)) and not any("nazwa_pospolita" in a.quals or "imię" in a.quals or
                                              a.pos not in ("subst", "depr") for a in an)


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
def _noun_ok(word: str, cases, adj: str = "") -> bool:
    """``word`` can head a place's name with the adjective ``adj``: a geographical noun,
    outside the skip list unless a usual part of a town's name ("Jelenia Góra"), and not
    a common noun unless a preposition or a geographical adjective makes it a place
    ("Środa Wielkopolska")."""
    lemmas = _readings(word)
    t = _tables()
    if not lemmas or all(lm in t.skip and lm not in t.name_parts for lm, _a in lemmas):
        return False
    return bool(cases) or not any("nazwa_pospolita" in a.quals for a in morph.analyse(word)) or \
        any(q in a.quals for a in morph.analyse(adj) for q in (morph.GEO, morph.GEO_PART))


@lru_cache(maxsize=100_000)  # pure in the word; called for every capitalised word
def _adjective(word: str) -> bool:
    return any(a.pos == "adj" for a in morph.analyse(word.lower()))


@lru_cache(maxsize=100_000)  # pure in the word; called for every capitalised word
def _common_reading(word: str) -> bool:
    return any("nazwa_pospolita" in a.quals for a in morph.analyse(word)) or \
        any(a.pos in _COMMON_POS for a in morph.analyse(word.lower()))


# parts of speech of a capitalised word that may be a common word ("Karpaty Łączą"; "Obie
# strony": a numeral at a sentence's start, no river Ob)
_COMMON_POS = frozenset({"adj", "fin", "praet", "impt", "inf", "bedzie", "pact", "ppas", "pcon", "pant", "adv",
                         "num", "ppron12", "ppron3", "conj", "comp", "qub", "prep", "interj"})


@lru_cache(maxsize=100_000)  # pure in the word; called for every capitalised word
def _part_only(word: str) -> bool:
    """Are all the word's geographical readings parts of a longer name ("Dworze": Nowy
    Dwór, "Polonii": Polonia of a club's name), none a place's name of its own?"""
    found = morph.place_lemmas(word)
    return bool(found) and not any(morph.GEO in a.quals for _lemma, a in found)

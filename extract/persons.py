"""Named persons: "First Surname" after a function ("wójt Gminy Poraj Katarzyna
Kaźmierczak", "przewodniczący ZGW RP Krzysztof Iwaniuk"), after a title or honorific ("dr
hab. Piotr Nowak", "Pani Anna Lis", "Ksiądz Kardynał Jan ..."), before a function after a
comma, a dash or nothing ("Nino Beridze, przewodnicząca rady gminy", "Jan Lis Burmistrz
Miasta"), or bare ("Anna
Kowalczyk", a known first name and a surname).  The name goes to the nominative; the
function is kept apart, as written.  Foreign first names that morfeusz does not know
count after a function or title.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extract import morph
from extract.lexicon import actor_tables, function_lemma, function_links, lookup as place_lookup, \
    person_titles
from extract.matcher import Matcher
from extract.tokens import is_cap, split_text

DATA = Path(__file__).parent / "data"

# words inside a function's complement ("konsul Republiki Mołdawii w Polsce", "ds. dostępności")
_LINKS = function_links()
_BOTH = frozenset({"obu", "obydwu", "obydwóch"})
# words joining two persons ("Jan Lis – wójt gminy X i Anna Nowak – ...")
_AND = frozenset({"i", "oraz", "a"})
# a name right after these is a byline or a photo credit, not a participant
_BYLINE = re.compile(r"(?:fot|foto|autor|autorka|oprac|opracowanie|tekst|źródło|zdjęcia|red|rys)\.?\s*:?\s*$", re.I)
# "p." (pan/pani) before a name; degrees (the last of a chain is enough: "dr. hab. prof. UW Marcina ..."), honorifics
# ("Pan Jan ...", "Panią Annę ...") and church titles ("Ksiądz Kardynał Jan ...")
_TITLES = re.compile(r"(?:(?<!\w)p\.|(?<!\w)(?:dr|prof|mgr|inż|mec|ks|doc|hab|lek|płk|gen)\.?(?:\s+[A-ZŁŚŻ]{2,4})?|"
                     r"(?<!\w)(?:[Pp]an|[Pp]ani|[Pp]anem|[Pp]anią|[Pp]anu|[Pp]ana|[Kk]siądz|[Kk]sięd\w+|"
                     r"[Kk]ardynał\w*|[Bb]iskup\w*|[Aa]rcybiskup\w*|[Oo]jciec|[Ss]iostra)\s*[:,]?)\s+$")


@dataclass(frozen=True)
class Person:
    name: str  # nominative "Katarzyna Kaźmierczak" or "K. Kaźmierczak"
    text: str  # the whole mention as written, function included
    start: int
    end: int
    function: str  # "Wójt Gminy Poraj", as written ("" for a bare name)
    key: str  # "person:kaźmierczak"
    name_start: int
    name_end: int
    bare: bool = False  # no function and no title: a role cue must back it


@lru_cache(maxsize=1)
def _data() -> dict:
    return tomllib.loads((DATA / "persons.toml").read_text("utf-8"))


@lru_cache(maxsize=1)
def _acting() -> re.Pattern:
    words = sorted(_data()["acting"], key=len, reverse=True)
    return re.compile(r"(?:%s)\s*" % "|".join(re.escape(w) for w in words), re.I)


_titles = person_titles


@lru_cache(maxsize=1)
def _patterns() -> Matcher:
    """The token patterns of persons.toml ([[pattern]]), compiled once."""
    return Matcher(_data()["pattern"])


@lru_cache(maxsize=100_000)  # asked for every capitalised word, often twice
def _known_first(word: str) -> bool:
    """A first name morfeusz2 knows (the pattern "person:first_name")."""
    return _patterns().accepts("person:first_name", word)


@lru_cache(maxsize=100_000)
def _unknown(word: str) -> bool:
    """A capitalised word morfeusz2 does not know, no foreign town (the pattern
    "person:unknown_word": "sekretarz Urzędu Amt Anklam Land" has no first name)."""
    return _patterns().accepts("person:unknown_word", word)


@lru_cache(maxsize=100_000)
def _foreign_word(word: str) -> bool:
    """A word of a foreign person's name: capitalised, and morfeusz knows it as nothing but
    a first name or a surname ("Béla", "Marton"), or not at all ("Lilleaasen")."""
    return is_cap(word) and not word.isupper() and len(word) > 1 and not function_lemma(word) \
        and word.lower() not in _titles() and not place_lookup(word) \
        and all(a.pos == "subst" and ("imię" in a.quals or "nazwisko" in a.quals) for a in morph.analyse(word))


@lru_cache(maxsize=100_000)
def _cases_of(word: str) -> tuple[str, ...]:
    """The cases a name right after ``word`` is in: those of a singular function word or
    honorific ("posłem": inst, "ministra": gen/acc, "Panem": inst) or a preposition's
    ("z": inst); () when the word says nothing."""
    low = word.lower()
    preps = _data()["prepositions"]
    if low in preps:
        return tuple(preps[low])
    lemmas = {function_lemma(word), "pan", "pani"} - {None}
    readings = [a for a in morph.analyse(low) if a.pos in ("subst", "depr", "adj") and a.lemma.lower() in lemmas]
    # a plural office ("burmistrzów Larsa X i Jana Y") gives each name its case
    number = "sg" if any("sg" in a.tag[0] for a in readings) else "pl"
    return tuple(sorted({c for a in readings if number in a.tag[0] for c in a.tag[1]}))


def _cases_before(text: str, toks, j: int) -> tuple[str, ...]:
    """Cases of the word before a name at toks[j], over degrees ("z dr. Janem Nowakiem")."""
    k = j - 1
    while k >= 0 and toks[k][2].lower() in _titles() and not _cases_of(toks[k][2]):
        k -= 1
    if k < 0:
        return ()
    return _cases_of(toks[k][2])


# a foreign name in the instrumental or dative: both words carry the ending ("z
# Christophem Göbelem", "Vidmantasowi Blužasowi")
_ENDING_CASES = (("em", ("inst",)), ("owi", ("dat",)))


def _ending_cases(first: str, surname: str) -> tuple[str, ...]:
    for ending, cases in _ENDING_CASES:
        if first.endswith(ending) and surname.endswith(ending):
            return cases
    return ()


@lru_cache(maxsize=100_000)
def _surname_ok(word: str) -> bool:
    """A word that can be a surname (the pattern "person:surname")."""
    return _patterns().accepts("person:surname", word)


@lru_cache(maxsize=20_000)
def _nominative(first: str, surname: str, cases: tuple[str, ...] = ()) -> str:
    """"First Surname" in the nominative; ``cases``: what the word before the name says
    its case is (() when nothing does)."""
    if len(first) == 1:
        return f"{first}. {surname}"
    a = morph.first_name(first)
    if a is None and first[-1] in "ąę" and _unknown(first):
        # a foreign woman's name in the instrumental or accusative ("z Oksaną Picyk")
        return f"{first[:-1]}a {surname}"
    if a is None:
        # a foreign name declined like a Polish one ("posłem Antanasem ..."); both words
        # with one ending say the case better than the context ("i Lvem X-em – p.o. dyrektora")
        cases = _ending_cases(first, surname) or cases
        return morph.person_nominative_in([first, surname], cases) if cases else f"{first} {surname}"
    # a foreign name read as a Polish vocative ("Nino") stays as written; "Katarzyny" is a
    # plural too, but a name is singular
    sg = _singular_first(first)
    if not sg or all(x.tag[1] == ("voc",) for x in sg):
        return f"{first} {surname}"
    return morph.person_nominative_in([first, surname], cases)


@lru_cache(maxsize=100_000)
def _singular_first(word: str) -> tuple:
    return tuple(a for a in morph.analyse(word) if "imię" in a.quals and a.pos == "subst" and "sg" in a.tag[0])


def annotate(doc) -> None:
    """Layer "persons": the persons of every sentence of the content zones, by sentence
    span (extract/roles.py gives them their roles sentence by sentence)."""
    doc.layers["persons"] = {(s, e): find_persons(doc.text, s, e, doc.span_words(s, e)) for s, e in doc.sentences}


def find_persons(text: str, start: int, end: int, toks=None) -> list[Person]:
    """Persons inside text[start:end], in text order (``toks``: its Tokens, if split already)."""
    toks = split_text(text, start, end) if toks is None else toks
    out: list[Person] = []
    taken = -1
    for i, kind in _person_starts(text, toks):
        if i <= taken:
            continue
        found = _after_function(text, toks, i) if kind & _FUNCTION else None
        # the other three readings all start with a name pair at i: test it once
        if not found and kind & _PAIR and _name_pair(text, toks, i, known_only=False):
            found = _after_title(text, toks, i) or _before_function(text, toks, i) or _bare(text, toks, i)
        if found:
            out.append(found[0])
            taken = found[1]
            if found[0].function and _plural_function(found[0].function):
                # "burmistrzowie: Jan Lis (Zator), Anna Nowak i Karl Weber": all hold the office
                for p, last in _coordinated(text, toks, found[0]):
                    out.append(p)
                    taken = last
    return out


# what may stand between two names of a list: a bracket ("(Zator)", "(burmistrz Zatora)"),
# then a comma, "i" or "oraz"
_LIST_GAP = re.compile(r"\s*(?:\([^()\n]{0,80}\))?\s*(?:,|\bi\b|\boraz\b)\s*")
_WORD = re.compile(r"\w+")


def _own_function(between: str) -> bool:
    """A function word in the text between two names of a list ("(wiceburmistrz Zatora), ")
    or right after a name (" – wójt"): that name has an office of its own."""
    return any(function_lemma(w) for w in _WORD.findall(between))


@lru_cache(maxsize=20_000)  # pure; asked for every person found with a function
def _plural_function(function: str) -> bool:
    """An office held by several: a plural head ("burmistrzowie") or "obu" ("przewodniczący
    obu rad")."""
    words = function.split()
    if any(w.lower() in _BOTH for w in words):
        return True
    lemma = function_lemma(words[0])
    an = [a for a in morph.analyse(words[0].lower()) if a.lemma.lower() == lemma]
    return bool(an) and all(a.tag[0] == ("pl",) for a in an)


def _coordinated(text: str, toks, p: Person) -> list[tuple[Person, int]]:
    """The names listed after ``p`` (comma, "i", "oraz"), each with p's function."""
    starts = {t[0]: n for n, t in enumerate(toks)}
    out = []
    pos = p.name_end
    while len(out) < 12:
        m = _LIST_GAP.match(text, pos)
        k = starts.get(m.end()) if m else None
        if k is None or not (_name_pair(text, toks, k, known_only=False) or _foreign_pair(text, toks, k)) \
                or _own_function(m.group()):
            break
        j, begin = _double_first(text, toks, k)
        if j + 2 < len(toks) and _own_function(text[toks[j + 1][1]:toks[j + 2][1]]):
            break  # "..., Jan Lis – wójt gminy Zator": the next one has an office of their own
        q = _person(text, toks, None, None, j, cases=_cases_of(p.function.split()[0]), begin=begin)[0]
        out.append((Person(q.name, q.text, q.start, q.end, p.function, q.key, q.name_start, q.name_end), j + 1))
        pos = q.name_end
    return out


_FUNCTION, _PAIR = 1, 4


def _person_starts(text: str, toks) -> list[tuple[int, int]]:
    """(index, kind) of the tokens a person can be read at (patterns "person:function"
    and "person:pair"): _after_function needs a function word (kind _FUNCTION), every
    other reading a name pair, i.e. two capitalised words (kind _PAIR; _known_first,
    _unknown and _surname_ok all test is_cap, and so does a one-letter initial's isupper)."""
    kinds: dict[int, int] = {}
    for hit in _patterns().subset("person:function", "person:pair").matches(text, toks=toks):
        i = hit.words[0]
        kinds[i] = kinds.get(i, 0) | (_FUNCTION if hit.name == "person:function" else _PAIR)
    return sorted(kinds.items())


def _gap(text: str, toks, j: int) -> str:
    return text[toks[j - 1][1]:toks[j][0]]


def _name_pair(text: str, toks, j: int, known_only: bool) -> bool:
    """toks[j], toks[j+1] read as "First Surname" (or "F. Surname")."""
    if j + 1 >= len(toks):
        return False
    first, surname = toks[j][2], toks[j + 1][2]
    gap = text[toks[j][1]:toks[j + 1][0]]
    if len(first) == 1 and first.isupper():
        return gap == ". " and _surname_ok(surname)
    if gap != " " or not _surname_ok(surname):
        return False
    # a first name morfeusz knows only as a surname ("Lukas") is a foreign one
    return _known_first(first) or (not known_only and (
        _unknown(first) or (_foreign_word(first) and _closed(text, toks, j + 1))))


def _person(text: str, toks, fstart: int | None, fend: int | None, j: int,
            bare: bool = False, cases: tuple[str, ...] = (), begin: int | None = None) -> tuple[Person, int]:
    """The person whose first name is toks[j] and surname toks[j+1]; the function runs
    over toks[fstart..fend]; ``cases``: the case the context gives the name.  A second
    first name right before ("Maria Jolanta Batycka-Wąsik"), or at ``begin`` ("Karl
    Heinz Linck"), belongs to the name."""
    first, surname = toks[j][2], toks[j + 1][2]
    last = j + 1
    if _spaced_double(text, toks, j + 1):
        surname, last = f"{surname}-{toks[j + 2][2]}", j + 2
    name = _nominative(first, surname, cases)
    if begin is None:
        begin = j
        if j > 0 and (fend is None or fend < j - 1) and (fstart is None or fstart < j - 1) \
                and text[toks[j - 1][1]:toks[j][0]] == " " and _same_case_names(toks[j - 1][2], first):
            begin = j - 1
    if begin < j:
        name = _nominative(toks[begin][2], surname, cases).split(" ", 1)[0] + " " + name
    name_start, name_end = toks[begin][0], toks[last][1]
    start = min(toks[fstart][0], name_start) if fstart is not None else name_start
    end = max(name_end, toks[fend][1]) if fend is not None else name_end
    function = text[toks[fstart][0]:toks[fend][1]] if fstart is not None else ""
    return Person(name=name, text=text[start:end], start=start, end=end, function=function,
                  key=_person_key(name), name_start=name_start,
                  name_end=name_end, bare=bare), max(last, fend if fend is not None else last)


_DASHES = frozenset({" – ", " - ", " — "})


def _spaced_double(text: str, toks, k: int) -> bool:
    """A double surname written with a spaced dash ("Anna Lis – Nowak zabrała głos"): one
    surname-like word after the dash, no function, no place, and nothing capitalised after."""
    return k + 1 < len(toks) and _gap(text, toks, k + 1) in _DASHES \
        and _surname_ok(toks[k + 1][2]) and not place_lookup(toks[k + 1][2]) \
        and not _known_first(toks[k + 1][2]) and _closed(text, toks, k + 1)


def _person_key(name: str) -> str:
    """Identity of a person on a page: first initial and surname ("Katarzyna
    Kaźmierczak" and "K. Kaźmierczak" are one; "Jan Nowak" and "Anna Nowak" two)."""
    parts = name.split()
    return f"person:{parts[0][0].lower()}.{parts[-1].lower()}"


def _after_function(text: str, toks, i: int):
    """function (+ complement of up to 8 words) + "First Surname": the name is the last
    pair of capitalised words before the complement ends."""
    if not function_lemma(toks[i][2]):
        return None
    last_pair = fend = None
    for j in range(i + 1, min(i + 10, len(toks))):
        sep = _gap(text, toks, j).strip(" ")
        if sep in ("–", "-", "—", ",", ":"):
            # "Wójt Gminy Zator – Jan Kowalski", "Burmistrz Miasta X, Anna Lis", "burmistrz
            # partnerskiej gminy, Pan dr Jan Lis", "zastępca burmistrza X, Anne Lilleaasen"
            k = _skip_titles(text, toks, j)
            if ((j > i + 1 or sep == ":") and _name_pair(text, toks, k, known_only=True)) or _foreign_pair(text, toks, k):
                last_pair, fend = k, j - 1
                break
        if sep not in ("", "."):
            break
        if sep == "." and len(toks[j - 1][2]) > 3:
            break  # a sentence ends ("... z gminy Zator. Fot. Jan ..."), not an abbreviation
        w = toks[j][2]
        if is_cap(w):
            if _name_pair(text, toks, j, known_only=False) and (
                    j + 2 >= len(toks) or not is_cap(toks[j + 2][2]) or _gap(text, toks, j + 2).strip(" ")) \
                    and not _title_follows(text, toks, j + 2):
                last_pair = j
                break
            continue
        if w.lower() in _LINKS or _complement_word(w) or (w.islower() and not toks[j].readings) \
                or toks[j - 1][2].lower() in _BOTH:  # "przewodniczący obu rad, ..."
            continue
        break
    if last_pair is None:
        return None
    if fend is None:
        fend = last_pair - 1 if last_pair > i + 1 else i
    if fend > i and _same_case_names(toks[fend][2], toks[last_pair][2]) and \
            text[toks[fend][1]:toks[last_pair][0]] == " ":
        fend -= 1  # "wójt Gminy Lesznowola Maria Jolanta ...": Maria is a name, not the function
    # the name stands in apposition to the function and takes its case ("posłem Antanasem X")
    return _person(text, toks, i, fend, last_pair, cases=_cases_of(toks[i][2]))


def _skip_titles(text: str, toks, j: int) -> int:
    """The first token at or after j that is no honorific or degree ("Pan dr Jan ...")."""
    while j + 1 < len(toks) and toks[j][2].lower() in _titles() and _gap(text, toks, j + 1).strip(" ") in ("", "."):
        j += 1
    return j


def _title_follows(text: str, toks, j: int) -> bool:
    """", Pan Jan Lis" at toks[j]: the capitalised words before were the function's
    complement ("sekretarz Urzędu Amt Anklam Land, Pan ..."), the person comes now."""
    return j < len(toks) and _gap(text, toks, j).strip(" ") == "," and toks[j][2].lower() in _titles()


def _closed(text: str, toks, k: int) -> bool:
    """No capitalised word runs on after toks[k]."""
    return k + 1 >= len(toks) or bool(_gap(text, toks, k + 1).strip(" ")) or not is_cap(toks[k + 1][2])


def _foreign_pair(text: str, toks, j: int) -> bool:
    """toks[j], toks[j+1] read as a foreign name ("Anne Lilleaasen", "Marton Béla") where
    the context expects a name: two name-like words and nothing capitalised after."""
    return j + 1 < len(toks) and _gap(text, toks, j + 1) == " " and _foreign_word(toks[j][2]) \
        and _foreign_word(toks[j + 1][2]) and _surname_ok(toks[j + 1][2]) and _closed(text, toks, j + 1)


def _after_title(text: str, toks, i: int):
    if not _name_pair(text, toks, i, known_only=False):
        return None
    m = _TITLES.search(text[max(0, toks[i][0] - 20):toks[i][0]])
    if not m:
        return None
    j, begin = _double_first(text, toks, i)
    p = _person(text, toks, None, None, j, cases=_cases_before(text, toks, i), begin=begin)
    # "Kancelaria dr Jan Lis & Partnerzy", "dr Jan Lis i Wspólnicy": a firm's name
    return None if _FIRM.match(text, p[0].name_end) else p


_FIRM = re.compile(r"\s*(?:&|\bi\s+[Ww]spólni|\bi\s+[Ss]ynowie|\bsp\.\s*[jkz]\b)")


def _before_function(text: str, toks, i: int):
    """"Nino Beridze, przewodnicząca rady gminy Gori" """
    if not _name_pair(text, toks, i, known_only=False) or i + 2 >= len(toks):
        return None
    j, begin = _double_first(text, toks, i)  # "Karl Heinz Linck (koordynator ...)"
    if j + 2 >= len(toks):
        return None
    gap = _gap(text, toks, j + 2)
    # the function after a comma, a dash, a bracket, or (capitalised) right after the name:
    # "Jan Nowak, wójt gminy", "Jan Nowak – Wójt Gminy", "Jan Nowak (burmistrz Zatora)",
    # "Jan Nowak Burmistrz Miasta"
    if gap not in (", ", " – ", " - ", " — ", " (") and not (gap == " " and is_cap(toks[j + 2][2])):
        return None
    k = j + 2
    if k + 1 < len(toks) and _patterns().match_at("person:former", text, toks, k):
        k += 1
    acting = _acting().match(text, toks[k][0])
    if acting:
        k = next((n for n in range(k, len(toks)) if toks[n][0] >= acting.end()), k)
    if not function_lemma(toks[k][2]):
        return None
    p = _person(text, toks, None, None, j, cases=_cases_before(text, toks, i) or _cases_of(toks[k][2]),
                begin=begin)[0]
    # the function's complement runs to the next comma ("sekretarz Miasta Tarnowa,")
    while k + 1 < len(toks) and k - j < 8 and (_gap(text, toks, k + 1) == " " or _abbreviation(text, toks, k)) and \
            (is_cap(toks[k + 1][2]) or toks[k + 1][2].lower() in _LINKS or _complement_word(toks[k + 1][2])) \
            and not (toks[k + 1][2] in _AND and _name_pair(text, toks, k + 2, known_only=False)):
        k += 1
    fn = text[toks[j + 2][0]:toks[k][1]]
    return Person(p.name, text[p.start:toks[k][1]], p.start, toks[k][1], fn, p.key, p.name_start,
                  p.name_end), k


_NAME_ENDINGS = ("owi", "em", "a", "ego")  # oblique endings two foreign first names share


@lru_cache(maxsize=20_000)
def _same_case_names(a: str, b: str) -> bool:
    """Two first names in one case ("Maria Jolanta"; not "Sambora Jurij", a town's
    genitive before a name).  Foreign first names morfeusz does not know count when they
    carry the same oblique ending ("Ernstowi Walterowi", "Clausa Petera") or when a known
    first name stands before a foreign one ("Klaus Peters")."""
    if not (_known_first(a) and _known_first(b)):
        return _foreign_first_pair(a, b)
    if any(q in x.quals for x in morph.analyse(a) for q in ("nazwa_pospolita", morph.GEO_PART)):
        return False  # "gminy Wielka Wieś Krzysztof ...": a place's word, not a second name
    ca = {c for x in morph.analyse(a) if "imię" in x.quals and "sg" in x.tag[0] for c in x.tag[1]}
    cb = {c for x in morph.analyse(b) if "imię" in x.quals and "sg" in x.tag[0] for c in x.tag[1]}
    return bool(ca & cb)


@lru_cache(maxsize=20_000)
def _foreign_first_pair(a: str, b: str) -> bool:
    if not (is_cap(a) and is_cap(b)) or a.isupper() or b.isupper() or function_lemma(a) \
            or a.lower() in _titles() or morph.place_nominative([a]):
        return False
    if _known_first(a) and not _known_first(b):
        return _foreign_word(b) or _unknown(b)
    if not (_unknown(a) or _foreign_word(a)):
        return False
    return any(a.endswith(e) and b.endswith(e) and len(a) > len(e) + 2 for e in _NAME_ENDINGS)


def _double_first(text: str, toks, i: int) -> tuple[int, int | None]:
    """(index of the name word that precedes the surname, index of the name's first word):
    (i, i), or (i+1, i) in "Anna Maria Nowak" and in "Karl Heinz Linck" (a known first
    name, a name-like word, a surname, and nothing capitalised after)."""
    if i + 2 < len(toks) and _gap(text, toks, i + 2) == " " and _surname_ok(toks[i + 2][2]):
        if _same_case_names(toks[i][2], toks[i + 1][2]):
            return i + 1, None
        if _known_first(toks[i][2]) and _foreign_word(toks[i + 1][2]) and _foreign_word(toks[i + 2][2]) \
                and _closed(text, toks, i + 2):
            return i + 1, i
    return i, None


def _bare(text: str, toks, i: int):
    if len(toks[i][2]) == 1 or not (_name_pair(text, toks, i, known_only=True) or (
            _name_pair(text, toks, i, known_only=False) and _affiliated(text, toks, i + 1))):
        return None
    j, begin = _double_first(text, toks, i)
    if j + 2 < len(toks) and _gap(text, toks, j + 2) == " " and is_cap(toks[j + 2][2]):
        return None  # a longer capitalised run is a name of something else
    if i > 0 and _gap(text, toks, i) == " " and is_cap(toks[i - 1][2]):
        return None
    if _BYLINE.search(text[max(0, toks[i][0] - 16):toks[i][0]]) or text[max(0, toks[i][0] - 4):toks[i][0]] == "im. ":
        return None  # a byline, a photo credit or a patron ("Szkoła im. Jana Pawła")
    # a name "z Urzędu Miasta" speaks for that body: it takes part like a named office holder
    if _FIRM.match(text, toks[j + 1][1]):
        return None
    return _person(text, toks, None, None, j, bare=not _affiliated(text, toks, j + 1),
                   cases=_cases_before(text, toks, i), begin=begin)


def _affiliated(text: str, toks, k: int) -> bool:
    """The surname toks[k] is followed by "z"/"ze" and a body's name in the genitive ("Anna
    Lis z Najwyższej Izby Kontroli", "Jan Nowak z wydziału promocji"; not "z Radą Gminy",
    the instrumental: with whom, nor "z Krakowa": where from): the patterns
    "person:affiliated" and "person:affiliated_adjective"."""
    match_at = _patterns().match_at
    return bool(match_at("person:affiliated", text, toks, k) or match_at("person:affiliated_adjective", text, toks, k))


@lru_cache(maxsize=1)
def _units() -> dict[str, str]:
    return actor_tables().function_units


def unit_of_function(function: str) -> str | None:
    """The kind of local unit a function heads ("burmistrz" -> "Miasto"), or None."""
    first = function.split(" ", 1)[0]
    return _units().get(function_lemma(first) or "")


def _abbreviation(text: str, toks, k: int) -> bool:
    """toks[k] is a function's abbreviation followed by its dot ("koordynator ds. sportu"):
    the pattern "person:abbreviation"."""
    return _patterns().match_at("person:abbreviation", text, toks, k) is not None


def _complement_word(word: str) -> bool:
    """A lower-case word that can stand in a function's complement ("miasta", "otwocki"):
    the pattern "person:complement"."""
    return _patterns().accepts("person:complement", word)

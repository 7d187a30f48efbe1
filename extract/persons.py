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
from itertools import compress
from operator import and_, itemgetter, or_
from pathlib import Path

from extract import morph
from extract.orgs import head_lemma, is_cap, span_tokens

DATA = Path(__file__).parent / "data"

# words inside a function's complement ("konsul Republiki Mołdawii w Polsce", "ds. dostępności")
_LINKS = frozenset({"w", "we", "ds", "do", "spraw", "i", "na", "z", "ze", "dla", "stanu", "rp", "m", "st"})
# a name right after these is a byline or a photo credit, not a participant
_BYLINE = re.compile(r"(?:fot|foto|autor|autorka|oprac|opracowanie|tekst|źródło|zdjęcia|red|rys)\.?\s*:?\s*$", re.I)
# degrees (the last of a chain is enough: "dr. hab. prof. UW Marcina ..."), honorifics
# ("Pan Jan ...", "Panią Annę ...") and church titles ("Ksiądz Kardynał Jan ...")
_TITLES = re.compile(r"(?:(?<!\w)(?:dr|prof|mgr|inż|mec|ks|doc|hab|lek|płk|gen)\.?(?:\s+[A-ZŁŚŻ]{2,4})?|"
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
def _functions() -> frozenset[str]:
    return frozenset(tomllib.loads((DATA / "actors.toml").read_text("utf-8"))["persons"]["functions"])


@lru_cache(maxsize=100_000)
def function_lemma(word: str) -> str | None:
    fns = _functions()
    low = word.lower()
    if low in fns:
        return low
    for a in morph.analyse(low):
        if a.lemma.lower() in fns and a.pos in ("subst", "depr", "adj"):
            return a.lemma.lower()
    return None


@lru_cache(maxsize=100_000)
def _known_first(word: str) -> bool:
    return is_cap(word) and not word.isupper() and morph.first_name(word) is not None


@lru_cache(maxsize=100_000)
def _unknown(word: str) -> bool:
    return is_cap(word) and not word.isupper() and not morph.analyse(word)


@lru_cache(maxsize=100_000)
def _surname_ok(word: str) -> bool:
    return is_cap(word) and not word.isupper() and len(word) > 1 and not head_lemma(word) \
        and not function_lemma(word)


@lru_cache(maxsize=20_000)
def _nominative(first: str, surname: str) -> str:
    if len(first) == 1:
        return f"{first}. {surname}"
    a = morph.first_name(first)
    if a is None and first[-1] in "ąę" and _unknown(first):
        # a foreign woman's name in the instrumental or accusative ("z Oksaną Picyk")
        return f"{first[:-1]}a {surname}"
    # a foreign name read as a Polish vocative ("Nino") stays as written
    if a is None or a.tag[1] == ("voc",) or "sg" not in a.tag[0]:
        return f"{first} {surname}"
    return morph.person_nominative([first, surname])


def find_persons(text: str, start: int, end: int) -> list[Person]:
    """Persons inside text[start:end], in text order."""
    toks = span_tokens(text, start, end)
    out: list[Person] = []
    taken = -1
    for i, kind in _person_starts(toks):
        if i <= taken:
            continue
        found = _after_function(text, toks, i) if kind & _FUNCTION else None
        # the other three readings all start with a name pair at i: test it once
        if not found and kind & _PAIR and _name_pair(text, toks, i, known_only=False):
            found = _after_title(text, toks, i) or _before_function(text, toks, i) or _bare(text, toks, i)
        if found:
            out.append(found[0])
            taken = found[1]
    return out


_FUNCTION, _CAP, _PAIR = 1, 2, 4


class _WordKinds(dict):
    """word -> _FUNCTION (function_lemma) | _CAP (is_cap): one C-level look-up per token;
    emptied when full."""

    def __missing__(self, word: str) -> int:
        if len(self) >= 200_000:
            self.clear()
        kind = (_FUNCTION if function_lemma(word) else 0) | (_CAP if is_cap(word) else 0)
        self[word] = kind
        return kind


_KINDS = _WordKinds()


def _person_starts(toks) -> list[tuple[int, int]]:
    """(index, kind) of the tokens a person can be read at: _after_function needs a
    function word (kind _FUNCTION), every other reading a name pair, i.e. two capitalised
    words (kind _PAIR; _known_first, _unknown and _surname_ok all test is_cap, and so does
    a one-letter initial's isupper)."""
    kinds = list(map(_KINDS.__getitem__, map(itemgetter(2), toks)))
    pairs = map(_CAP.__and__, map(and_, kinds, kinds[1:] + [0]))  # _CAP at i and at i+1
    marks = list(map(or_, map(_FUNCTION.__and__, kinds), map((2).__mul__, pairs)))  # 2 * _CAP == _PAIR
    return list(compress(zip(range(len(marks)), marks), marks))


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
    return _known_first(first) or (not known_only and _unknown(first))


def _person(text: str, toks, fstart: int | None, fend: int | None, j: int,
            bare: bool = False) -> tuple[Person, int]:
    """The person whose first name is toks[j] and surname toks[j+1]; the function runs
    over toks[fstart..fend].  A second first name right before ("Maria Jolanta
    Batycka-Wąsik") belongs to the name."""
    first, surname = toks[j][2], toks[j + 1][2]
    name = _nominative(first, surname)
    begin = j
    if j > 0 and (fend is None or fend < j - 1) and (fstart is None or fstart < j - 1) \
            and text[toks[j - 1][1]:toks[j][0]] == " " and _same_case_names(toks[j - 1][2], first):
        begin = j - 1
        name = _nominative(toks[begin][2], surname).split(" ", 1)[0] + " " + name
    name_start, name_end = toks[begin][0], toks[j + 1][1]
    start = min(toks[fstart][0], name_start) if fstart is not None else name_start
    end = max(name_end, toks[fend][1]) if fend is not None else name_end
    function = text[toks[fstart][0]:toks[fend][1]] if fstart is not None else ""
    return Person(name=name, text=text[start:end], start=start, end=end, function=function,
                  key=_person_key(name), name_start=name_start,
                  name_end=name_end, bare=bare), max(j + 1, fend if fend is not None else j + 1)


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
    last_pair = None
    for j in range(i + 1, min(i + 10, len(toks))):
        sep = _gap(text, toks, j).strip(" ")
        if sep in ("–", "-", "—", ",") and j > i + 1 and _name_pair(text, toks, j, known_only=True):
            last_pair = j  # "Wójt Gminy Zator – Jan Kowalski", "Burmistrz Miasta X, Anna Lis"
            break
        if sep not in ("", "."):
            break
        if sep == "." and len(toks[j - 1][2]) > 3:
            break  # a sentence ends ("... z gminy Zator. Fot. Jan ..."), not an abbreviation
        w = toks[j][2]
        if is_cap(w):
            if _name_pair(text, toks, j, known_only=False) and (
                    j + 2 >= len(toks) or not is_cap(toks[j + 2][2]) or _gap(text, toks, j + 2).strip(" ")):
                last_pair = j
                break
            continue
        if w.lower() in _LINKS or _complement_word(w) or (w.islower() and not morph.analyse(w)):
            continue
        break
    if last_pair is None:
        return None
    fend = last_pair - 1 if last_pair > i + 1 else i
    if fend > i and _same_case_names(toks[fend][2], toks[last_pair][2]) and \
            text[toks[fend][1]:toks[last_pair][0]] == " ":
        fend -= 1  # "wójt Gminy Lesznowola Maria Jolanta ...": Maria is a name, not the function
    return _person(text, toks, i, fend, last_pair)


def _after_title(text: str, toks, i: int):
    if not _name_pair(text, toks, i, known_only=False):
        return None
    m = _TITLES.search(text[max(0, toks[i][0] - 20):toks[i][0]])
    if not m:
        return None
    return _person(text, toks, None, None, _double_first(text, toks, i))


def _before_function(text: str, toks, i: int):
    """"Nino Beridze, przewodnicząca rady gminy Gori" """
    if not _name_pair(text, toks, i, known_only=False) or i + 2 >= len(toks):
        return None
    gap = _gap(text, toks, i + 2)
    # the function after a comma, a dash, or (capitalised) right after the name:
    # "Jan Nowak, wójt gminy", "Jan Nowak – Wójt Gminy", "Jan Nowak Burmistrz Miasta"
    if gap not in (", ", " – ", " - ", " — ") and not (gap == " " and is_cap(toks[i + 2][2])):
        return None
    k = i + 2
    if toks[k][2] in ("była", "były", "obecny", "obecna") and k + 1 < len(toks):
        k += 1
    if not function_lemma(toks[k][2]):
        return None
    p = _person(text, toks, None, None, i)[0]
    # the function's complement runs to the next comma ("sekretarz Miasta Tarnowa,")
    while k + 1 < len(toks) and k - i < 8 and _gap(text, toks, k + 1) == " " and \
            (is_cap(toks[k + 1][2]) or toks[k + 1][2].lower() in _LINKS or _complement_word(toks[k + 1][2])):
        k += 1
    fn = text[toks[i + 2][0]:toks[k][1]]
    return Person(p.name, text[p.start:toks[k][1]], p.start, toks[k][1], fn, p.key, p.name_start,
                  p.name_end), k


@lru_cache(maxsize=20_000)
def _same_case_names(a: str, b: str) -> bool:
    """Two first names in one case ("Maria Jolanta"; not "Sambora Jurij", a town's
    genitive before a name)."""
    if not (_known_first(a) and _known_first(b)):
        return False
    if any(q in x.quals for x in morph.analyse(a) for q in ("nazwa_pospolita", morph.GEO_PART)):
        return False  # "gminy Wielka Wieś Krzysztof ...": a place's word, not a second name
    ca = {c for x in morph.analyse(a) if "imię" in x.quals and "sg" in x.tag[0] for c in x.tag[1]}
    cb = {c for x in morph.analyse(b) if "imię" in x.quals and "sg" in x.tag[0] for c in x.tag[1]}
    return bool(ca & cb)


def _double_first(text: str, toks, i: int) -> int:
    """Index of the first name that precedes the surname: i, or i+1 in "Anna Maria Nowak"."""
    if i + 2 < len(toks) and _gap(text, toks, i + 2) == " " and _surname_ok(toks[i + 2][2]) \
            and _same_case_names(toks[i][2], toks[i + 1][2]):
        return i + 1
    return i


def _bare(text: str, toks, i: int):
    if not _name_pair(text, toks, i, known_only=True) or len(toks[i][2]) == 1:
        return None
    j = _double_first(text, toks, i)
    if j + 2 < len(toks) and _gap(text, toks, j + 2) == " " and is_cap(toks[j + 2][2]):
        return None  # a longer capitalised run is a name of something else
    if i > 0 and _gap(text, toks, i) == " " and is_cap(toks[i - 1][2]):
        return None
    if _BYLINE.search(text[max(0, toks[i][0] - 16):toks[i][0]]) or text[max(0, toks[i][0] - 4):toks[i][0]] == "im. ":
        return None  # a byline, a photo credit or a patron ("Szkoła im. Jana Pawła")
    return _person(text, toks, None, None, j, bare=True)


@lru_cache(maxsize=1)
def _units() -> dict[str, str]:
    return tomllib.loads((DATA / "actors.toml").read_text("utf-8"))["persons"]["units"]


def unit_of_function(function: str) -> str | None:
    """The kind of local unit a function heads ("burmistrz" -> "Miasto"), or None."""
    first = function.split(" ", 1)[0]
    return _units().get(function_lemma(first) or "")


def _complement_word(word: str) -> bool:
    """A lower-case word that can stand in a function's complement ("miasta", "otwocki")."""
    an = morph.analyse(word)
    return bool(an) and all(a.pos in ("subst", "adj", "depr", "ger") for a in an)

"""Named persons: "First Surname" after a function ("wójt Gminy Poraj Katarzyna
Kaźmierczak", "przewodniczący ZGW RP Krzysztof Iwaniuk"), after a title ("dr hab. Piotr
Nowak"), before a function ("Nino Beridze, przewodnicząca rady gminy"), or bare ("Anna
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
from extract.orgs import head_lemma, is_cap, tokens

DATA = Path(__file__).parent / "data"

# words inside a function's complement ("konsul Republiki Mołdawii w Polsce", "ds. dostępności")
_LINKS = frozenset({"w", "we", "ds", "do", "spraw", "i", "na", "z", "ze", "dla", "stanu", "rp", "m", "st"})
# a name right after these is a byline or a photo credit, not a participant
_BYLINE = re.compile(r"(?:fot|foto|autor|autorka|oprac|opracowanie|tekst|źródło|zdjęcia|red|rys)\.?\s*:?\s*$", re.I)
_TITLES = re.compile(r"(?:dr\.?(?:\s+hab\.)?(?:\s+inż\.)?|prof\.(?:\s+dr\s+hab\.)?|mgr(?:\s+inż\.)?|inż\.|mec\.|"
                     r"ks\.|doc\.|hab\.)\s+$")


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


def _surname_ok(word: str) -> bool:
    return is_cap(word) and not word.isupper() and len(word) > 1 and not head_lemma(word) \
        and not function_lemma(word)


def _nominative(first: str, surname: str) -> str:
    if len(first) == 1:
        return f"{first}. {surname}"
    a = morph.first_name(first)
    # a foreign name read as a Polish vocative ("Nino") stays as written
    if a is None or a.tag[1] == ("voc",):
        return f"{first} {surname}"
    return morph.person_nominative([first, surname])


def find_persons(text: str, start: int, end: int) -> list[Person]:
    """Persons inside text[start:end], in text order."""
    toks = tokens(text, start, end)
    out: list[Person] = []
    taken = -1
    for i, (s, e, w) in enumerate(toks):
        if i <= taken:
            continue
        found = _after_function(text, toks, i) or _after_title(text, toks, i) or _before_function(text, toks, i) \
            or _bare(text, toks, i)
        if found:
            out.append(found[0])
            taken = found[1]
    return out


def _gap(text: str, toks, j: int) -> str:
    return text[toks[j - 1][1]:toks[j][0]]


def _name_pair(text: str, toks, j: int, known_only: bool) -> bool:
    """toks[j], toks[j+1] read as "First Surname" (or "F. Surname")."""
    if j + 1 >= len(toks):
        return False
    first, surname = toks[j][2], toks[j + 1][2]
    gap = _gap(text, toks, j + 1)
    if len(first) == 1 and first.isupper():
        return gap == ". " and _surname_ok(surname)
    if gap != " " or not _surname_ok(surname):
        return False
    return _known_first(first) or (not known_only and _unknown(first))


def _person(text: str, toks, fstart: int, fend: int, j: int, bare: bool = False) -> tuple[Person, int]:
    first, surname = toks[j][2], toks[j + 1][2]
    name = _nominative(first, surname)
    start = min(toks[fstart][0], toks[j][0]) if fstart is not None else toks[j][0]
    end = max(toks[j + 1][1], toks[fend][1]) if fend is not None else toks[j + 1][1]
    function = text[toks[fstart][0]:toks[fend][1]] if fstart is not None else ""
    return Person(name=name, text=text[start:end], start=start, end=end, function=function,
                  key="person:" + name.rsplit(" ", 1)[-1].lower(), name_start=toks[j][0],
                  name_end=toks[j + 1][1], bare=bare), max(j + 1, fend if fend is not None else j + 1)


def _after_function(text: str, toks, i: int):
    """function (+ complement of up to 8 words) + "First Surname": the name is the last
    pair of capitalised words before the complement ends."""
    if not function_lemma(toks[i][2]):
        return None
    last_pair = None
    for j in range(i + 1, min(i + 10, len(toks))):
        if _gap(text, toks, j).strip(" ") not in ("", "."):
            break
        w = toks[j][2]
        if is_cap(w):
            if _name_pair(text, toks, j, known_only=False) and (
                    j + 2 >= len(toks) or not is_cap(toks[j + 2][2]) or _gap(text, toks, j + 2).strip(" ")):
                last_pair = j
                break
            continue
        if w.lower() in _LINKS or _complement_word(w):
            continue
        break
    if last_pair is None:
        return None
    return _person(text, toks, i, last_pair - 1 if last_pair > i + 1 else i, last_pair)


def _after_title(text: str, toks, i: int):
    if not _name_pair(text, toks, i, known_only=False):
        return None
    m = _TITLES.search(text[max(0, toks[i][0] - 20):toks[i][0]])
    if not m:
        return None
    p, last = _person(text, toks, None, None, i)
    return p, last


def _before_function(text: str, toks, i: int):
    """"Nino Beridze, przewodnicząca rady gminy Gori" """
    if not _name_pair(text, toks, i, known_only=False) or i + 2 >= len(toks):
        return None
    if _gap(text, toks, i + 2) != ", ":
        return None
    k = i + 2
    if toks[k][2] in ("była", "były", "obecny", "obecna") and k + 1 < len(toks):
        k += 1
    if not function_lemma(toks[k][2]):
        return None
    p = _person(text, toks, None, None, i)[0]
    fn = text[toks[i + 2][0]:toks[k][1]]
    return Person(p.name, text[p.start:toks[k][1]], p.start, toks[k][1], fn, p.key, p.name_start,
                  p.name_end), k


def _bare(text: str, toks, i: int):
    if not _name_pair(text, toks, i, known_only=True) or len(toks[i][2]) == 1:
        return None
    if i + 2 < len(toks) and _gap(text, toks, i + 2) == " " and is_cap(toks[i + 2][2]):
        return None  # a longer capitalised run is a name of something else
    if i > 0 and _gap(text, toks, i) == " " and is_cap(toks[i - 1][2]):
        return None
    if _BYLINE.search(text[max(0, toks[i][0] - 16):toks[i][0]]):
        return None
    return _person(text, toks, None, None, i, bare=True)


def _complement_word(word: str) -> bool:
    """A lower-case word that can stand in a function's complement ("miasta", "otwocki")."""
    an = morph.analyse(word)
    return bool(an) and all(a.pos in ("subst", "adj", "depr", "ger") for a in an)

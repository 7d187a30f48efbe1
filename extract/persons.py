"""Named persons acting for an institution: a function noun, an optional genitive
complement, then a first name and a surname ("wójt Gminy Poraj Katarzyna Kaźmierczak",
"burmistrza Jana Kowalskiego").  The name goes to the nominative; the function is kept
apart, as written.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extract import morph
from extract.orgs import is_cap, tokens

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Person:
    name: str  # nominative "Katarzyna Kaźmierczak" or "K. Kaźmierczak"
    text: str  # the whole mention as written, function included
    start: int
    end: int
    function: str  # "Wójt Gminy Poraj", as written
    key: str  # "person:kaźmierczak"
    name_start: int
    name_end: int


@lru_cache(maxsize=1)
def _functions() -> frozenset[str]:
    return frozenset(tomllib.loads((DATA / "actors.toml").read_text("utf-8"))["persons"]["functions"])


@lru_cache(maxsize=100_000)
def _function_lemma(word: str) -> str | None:
    fns = _functions()
    if word.lower() in fns:
        return word.lower()
    for a in morph.analyse(word):
        if a.lemma.lower() in fns and a.pos in ("subst", "depr", "adj"):
            return a.lemma.lower()
    return None


def _is_first_name(word: str) -> bool:
    return is_cap(word) and morph.first_name(word) is not None


def _complement_word(word: str) -> bool:
    """A lower-case word that can stand in a function's complement ("miasta", "otwocki")."""
    an = morph.analyse(word)
    return bool(an) and all(a.pos in ("subst", "adj", "depr") for a in an)


def _surname_ok(word: str) -> bool:
    return is_cap(word) and not word.isupper()


def find_persons(text: str, start: int, end: int) -> list[Person]:
    """Persons with a function inside text[start:end]."""
    toks = tokens(text, start, end)
    out = []
    i = 0
    while i < len(toks):
        if not _function_lemma(toks[i][2]):
            i += 1
            continue
        # up to four words of complement ("Gminy Poraj", "Miasta Kielce", "Poraja")
        # before "First Surname" or "F. Surname"
        hit = None
        for j in range(i + 1, min(i + 6, len(toks))):
            gap = text[toks[j - 1][1]:toks[j][0]]
            if gap.strip(" ") not in ("", "."):
                break
            w = toks[j][2]
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            if nxt is None or text[toks[j][1]:nxt[0]] not in (" ", ". "):
                break
            if _is_first_name(w) and _surname_ok(nxt[2]) and text[toks[j][1]:nxt[0]] == " ":
                hit = (j, j + 1, morph.person_nominative([w, nxt[2]]))
                break
            if len(w) == 1 and w.isupper() and text[toks[j][1]:nxt[0]] == ". " and _surname_ok(nxt[2]):
                hit = (j, j + 1, f"{w}. {nxt[2]}")
                break
            if not is_cap(w) and not _complement_word(w):
                break
        if hit is None:
            i += 1
            continue
        j, k, name = hit
        surname = name.rsplit(" ", 1)[-1]
        out.append(Person(name=name, text=text[toks[i][0]:toks[k][1]], start=toks[i][0], end=toks[k][1],
                          function=text[toks[i][0]:toks[j - 1][1]], key="person:" + surname.lower(),
                          name_start=toks[j][0], name_end=toks[k][1]))
        i = k + 1
    return out

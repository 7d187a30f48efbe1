"""Places a journalist can trust: no person's name taken for a town, no inhabitants'
word taken for a village, one row per town across its inflected forms, a town abroad
with its country.

The places stage (extract/places.py) reads capitalised words as places; this stage reviews
its layer against what other stages and the knowledge tables know:

- a place inside a person's name (layer "persons": "Claudii Bejenaru", "Ralph Hartner") is
  the person;
- a form the countries table reads as a country's inhabitants ("Polakami") is people;
- a town written in a case the places stage could not undo ("Sołecznikach" beside
  "Sołeczniki", "Kiejdanach") is one town, named in the nominative (the case endings as
  data: extract/data/place_review.toml);
- a town that is no Polish unit and whose sentence names one foreign country ("w
  ukraińskim Borszczowie", "Kiejdany (Litwa)") takes that country, not PL.

Reads "places", "persons"; rewrites "places".
"""
from __future__ import annotations

import os
import tomllib
import unicodedata
from functools import lru_cache
from pathlib import Path

from extract import knowledge, morph

DATA = Path(__file__).parent / "data" / "place_review.toml"


@lru_cache(maxsize=1)
def _data() -> dict:
    return tomllib.loads(DATA.read_text(encoding="utf-8"))


def annotate(doc) -> None:
    text = doc.text
    persons = [p for found in doc.layer("persons").values() for p in found]
    names = [(p.name_start, p.name_end) for p in persons]
    # the persons' full names by their number of words (_same_words compares only names
    # of as many words as the place's: most places have one word, most names two)
    full: dict[int, list[list[str]]] = {}
    for p in persons:
        if " " in p.name and "." not in p.name:
            full.setdefault(len(p.name.split()), []).append(p.name.split())
    places = [p for p in doc.layer("places")
              if not any(a < p["end"] and p["start"] < b for a, b in names)
              and not any(_same_words(p["text"].split(), n) for n in full.get(len(p["text"].split()), ()))
              and not _people(p["text"])]
    places = [_nominative(text, p) for p in places]
    places = _one_per_town(places)
    doc.layers["places"] = [_with_country(text, doc.sentences, p) for p in places]


def _same_words(words: list[str], name: list[str]) -> bool:
    """"Davitem Oniashvilim" is "Davit Oniashvili" in another case: the person named again."""
    return len(words) == len(name) and all(_common(a, b) >= max(3, max(len(a), len(b)) - 3)
                                           for a, b in zip(words, name))


def _common(a: str, b: str) -> int:
    return len(os.path.commonprefix([a, b]))


def _people(written: str) -> bool:
    """"Polakami", "Ukraińców": the inhabitants of a country, not a place."""
    return " " not in written and knowledge.country_of(written, ("inhabitant",)) is not None \
        and knowledge.country_of(written, ("name",)) is None


def _unknown(word: str) -> bool:
    return not morph.analyse(word) and not knowledge.lgu(word)


def _nominative(text: str, place: dict) -> dict:
    """A foreign town morfeusz does not know, left in the case the page wrote it in
    ("w Sołecznikach", "z Iwano-Frankowskiem"), back in the nominative by its ending."""
    name = place["name"]
    if place.get("country") == "PL" or " " in name or not _unknown(name):
        return place
    before = text[max(0, place["start"] - 12):place["start"]].split()
    if not before or before[-1].lower() not in _data()["prepositions"]:
        return place
    for ending, nominatives in _data()["endings"].items():
        if name.endswith(ending) and len(name) - len(ending) >= 3:
            stem = name[:-len(ending)]
            for after, nominative in nominatives:
                if stem.endswith(tuple(after)):
                    return {**place, "name": stem + nominative}
    return place


def _one_per_town(places: list[dict]) -> list[dict]:
    """Places whose names differ only in a case ending are one town: the first in the
    nominative (a name the tables know, else the shortest) names it."""
    out: list[dict] = []
    for p in places:
        same = next((q for q in out if q.get("country") == p.get("country") and _variants(q["name"], p["name"])
                     or _one_country(q, p) or _same_letters(q["name"], p["name"])), None)
        if same is None:
            out.append(p)
            continue
        # a town written once with and once without its diacritics ("Borszczów",
        # "Borszczow") keeps the country found abroad: PL was only the default
        country = same.get("country") if same.get("country") != "PL" else p.get("country")
        if _better(p["name"], same["name"]):
            same = {**p, "start": same["start"], "end": same["end"], "text": same["text"],
                    "evidence": same["evidence"], "name": p["name"]}
        out[next(i for i, q in enumerate(out) if q["start"] == same["start"])] = {**same, "country": country}
    return out


def _one_country(a: dict, b: dict) -> bool:
    """Two names of one country ("Mołdawia", "Mołdowa"): one row, the first name."""
    code = a.get("country")
    return code == b.get("country") and _country_named(a["name"]) == code and _country_named(b["name"]) == code


@lru_cache(maxsize=10_000)
def _country_named(name: str) -> str | None:
    return knowledge.country_of(name, ("name",))


def _same_letters(a: str, b: str) -> bool:
    """Do the names differ only in diacritics ("Borszczów", "Borszczow")?"""
    return a != b and _plain(a) == _plain(b)


@lru_cache(maxsize=10_000)
def _plain(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name.replace("ł", "l").replace("Ł", "L"))
                   if not unicodedata.combining(c))


def _variants(a: str, b: str) -> bool:
    if a == b or " " in a or " " in b:
        return a == b
    if a[:5] != b[:5]:
        return False  # a common prefix shorter than 5 (most pairs: compared before the full prefix)
    common = _common(a, b)
    return common >= 5 and common >= max(len(a), len(b)) - _data()["max_ending"]


def _better(a: str, b: str) -> bool:
    """``a`` is the better nominative of one town than ``b``."""
    known_a, known_b = not _unknown(a), not _unknown(b)
    if known_a != known_b:
        return known_a
    if _same_letters(a, b):
        return a != _plain(a)  # the spelling with its diacritics
    return len(a) < len(b)


def _with_country(text: str, sentences: list[tuple[int, int]], place: dict) -> dict:
    """A town the page places abroad takes that country: a town no Polish table knows, from
    its sentence's one foreign country; a name that is also a Polish village ("Żejmy"),
    only from a country's words right around it ("litewskim miastem Żejmy", "Żejmy na
    Litwie")."""
    if place.get("country") != "PL" or " " in place["name"] or knowledge.lgu(place["name"]):
        return place
    sentence = next(((s, e) for s, e in sentences if s <= place["start"] < e), None)
    if sentence is None:
        return place
    if _unknown(place["text"]):
        found = {knowledge.country_of(_bare(w)) for w in text[sentence[0]:sentence[1]].split()}
    else:
        # "litewskim miastem Żejmy": a country's adjective just before; "Żejmy na Litwie",
        # "Żejmy (Litwa)": its name just after
        before = text[sentence[0]:place["start"]].split()[-_data()["adjective_before"]:]
        after = text[place["end"]:sentence[1]].split()[:2]
        found = {knowledge.country_of(_bare(w), ("adjective",)) for w in before}
        if after and after[0].startswith("("):
            found.add(knowledge.country_of(_bare(after[0]), ("name",)))
        elif len(after) == 2 and after[0].lower() in ("na", "w", "we"):
            found.add(knowledge.country_of(_bare(after[1]), ("name",)))
    found -= {None, "PL"}
    return {**place, "country": found.pop()} if len(found) == 1 else place


def _bare(word: str) -> str:
    return word.strip(".,;:()„”\"")

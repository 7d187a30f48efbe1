"""Polish local-government units named on the page with no role cue: they take part.

A news page about cooperation names the gminas, powiats and their offices that act in
it — laureates, members of a network, partners of a twinning, offices visited on a study
tour ("odwiedzili Urząd Marszałkowski, Starostwo Powiatowe w ...") — often with no cue
word the roles stage could read.  A body that the TERYT table (extract/data/knowledge/
lgu.tsv) knows as a unit or its office is a participant of the page unless the words
around it say it is only where something is ("w powiecie gorlickim", "na terenie gminy
X") or whose head a person is ("burmistrz Rypina": the person takes part, extract/roles.py
decides for the town).  The words for "where" and for "whose office" are data
(extract/data/unit_participants.toml).

Reads the layers "orgs", "participants", "funders"; adds to "participants" (role
"participant", kind "organization", the unit's official names and office as aliases).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extract import knowledge, morph
from extract.items import named
from extract.lexicon import actor_tables

DATA = Path(__file__).parent / "data" / "unit_participants.toml"


@dataclass(frozen=True)
class _Rules:
    location: re.Pattern  # right before a unit: it is where, not who
    kinds: frozenset[str]  # TERYT kinds a unit may take part as
    not_bodies: frozenset[str]  # first words of names that are areas, not bodies
    members: frozenset[str]  # functions that say a unit belongs, not who heads it


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    return _Rules(location=re.compile(rf"(?:{data['location']})\s*$", re.I),
                  kinds=frozenset(data["kinds"]), not_bodies=frozenset(data["not_bodies"]),
                  members=frozenset(data["members"]))


def annotate(doc) -> None:
    text = doc.text
    participants = doc.layer("participants")
    taken = _codes([*participants, *doc.layer("funders")])
    spans = [(it["start"], it["end"]) for it in participants + doc.layer("funders")]
    added: dict[str, dict] = {}  # org key -> item
    # the organisations the orgs stage found, then unit names it missed or cut ("Gminę
    # Kocierzew Południowy", "Gmina Radomyśl nad Sanem" in a list)
    candidates = [(o.key, o.name, o.text, o.start, o.end, o.by_function) for o in doc.layer("orgs")]
    for s, e in doc.zones:
        candidates += [(None, None, text[a:b], a, b, False) for a, b in unit_spans(text, s, e)]
    for key, name, written, start, end, by_function in candidates:
        if key in added or any(a < end and start < b for a, b in spans):
            continue
        units = [u for u in knowledge.lgu(name or written) if u.kind in _rules().kinds]
        if not units or not _acts(text, name or written, written, start, by_function):
            continue
        codes = {u.teryt for u in units}
        if codes & taken:
            continue  # the body is already a participant or a funder under another name
        taken |= codes
        name = name or _nominative(written, units)
        item = named(name, written, start, end, "unit:teryt", role="participant", kind="organization")
        aliases = [a for u in units for a in [u.record()["name"], *u.record()["aliases"]] if a != name]
        if aliases:
            item["aliases"] = list(dict.fromkeys(aliases))
        added[key or f"@{start}"] = item
        spans.append((start, end))
    if added:
        doc.layers["participants"] = sorted(participants + list(added.values()), key=lambda it: it["start"])


_WORD = re.compile(r"[^\W\d_]+(?:-\s?[^\W\d_]+)*")
# the first word of a unit's body or office name as pages write it, in any case
_HEADS = ("gmin", "powiat", "miast", "urząd", "urzęd", "starostw")
_LONGEST = 7  # words in the longest unit or office name looked up


def unit_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of capitalised unit and office names ("Gminie Kocierzew Południowy",
    "Starostwie Powiatowym w Gorlicach") in text[start:end]: at each head word, the
    longest run of words the TERYT table knows."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        a, b = words[i]
        head = text[a:b]
        if not (head[:1].isupper() and head.casefold().startswith(_HEADS)):
            i += 1
            continue
        for n in range(min(_LONGEST, len(words) - i), 1, -1):
            stop = words[i + n - 1][1]
            if "\n" in text[a:stop] or not knowledge.lgu(text[a:stop]):
                continue
            out.append((a, stop))
            i += n - 1
            break
        i += 1
    return out


def _nominative(written: str, units) -> str:
    """The name a unit's mention stands for, in the nominative: its office when the words
    name the office, else its usual body name."""
    key = knowledge.office_key(written)
    for u in units:
        for office in u.offices:
            if knowledge.normalise(office) == key:
                return office
    return units[0].record()["name"]


def _acts(text: str, name: str, written: str, start: int, by_function: bool) -> bool:
    """The unit is named as a body that acts, not as a place or through its head."""
    if name.split(" ", 1)[0] in _rules().not_bodies:
        return False
    before = text[max(0, start - 40):start]
    if _rules().location.search(before):
        return False
    # "burmistrz Rypina", "Zastępca wójta Gminy X", "Starosta Buski": the person who
    # holds the office takes part; whether the unit does too, roles decides
    words = before.split()[-1:] + (written.split()[:1] if by_function else [])
    return not any(_function(w.strip(",.:;–-")) for w in words)


def _function(word: str) -> bool:
    functions = actor_tables().functions - _rules().members
    return word.lower() in functions or any(a.lemma.lower() in functions for a in morph.analyse(word))


def _codes(items: list[dict]) -> set[str]:
    """TERYT codes of the units that items already name (by name or alias)."""
    out: set[str] = set()
    for it in items:
        for name in [it["name"], *it.get("aliases", [])]:
            out |= {u.teryt for u in knowledge.lgu(name)}
    return out

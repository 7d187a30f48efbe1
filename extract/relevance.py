"""Is the page about local-government cooperation, knowledge transfer or capacity building?

Weighted cue words (extract/data/relevance.toml) are counted in the content zones and the
title; cooperation cues are required, the local-government setting and project money
support them, infrastructure/event/administrative/personal cues count against, and the
extracted record (named initiatives, programmes, funders, participants) adds a little.
So a road repair paid from EU funds stays irrelevant: money is only supporting evidence
and the infrastructure words outweigh it. ``explain`` shows every matched cue.
"""
from __future__ import annotations

import bisect
import math
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extract.text import sentences

DATA = Path(__file__).parent / "data" / "relevance.toml"
GROUPS = ("coop", "gov", "support", "negative")
# kinds of named initiative that are themselves cooperation or capacity building
_COOP_KINDS = {"project", "programme", "seminar", "conference", "training", "study_visit",
               "workshop", "competition", "partnership"}


@dataclass(frozen=True)
class Cue:
    group: str  # coop | gov | support | negative
    label: str  # the regex as written in the data file (shown by ``explain``)
    pattern: re.Pattern
    weight: float
    # literal beginnings of the alternatives (lower case); a cue none of them is in is skipped
    # without running the regex (speed: ~150 cues per page)
    anchors: tuple[str, ...] = ()
    # every match starts with one of the anchors (no quantifier right after one), so the
    # pattern is tried only where an anchor starts (speed: see _at_anchors)
    prefix: bool = False


@lru_cache(maxsize=1)
def _config() -> tuple[tuple[Cue, ...], dict]:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    cues = []
    for group in ("coop", "gov", "support"):
        cues += [_cue(group, k, w) for k, w in data[group].items()]
    for sub, table in data["negative"].items():
        cues += [_cue("negative", k, w) for k, w in table.items()]
    if not cues:
        raise ValueError(f"{DATA}: no cue words")
    return tuple(cues), data["combine"]


def _cue(group: str, regex: str, weight: float) -> Cue:
    anchors = _anchors(regex)
    return Cue(group, regex, re.compile(rf"(?<!\w)(?:{regex})", re.I), float(weight), anchors,
               _prefix(regex, anchors))


_PLAIN = re.compile(r"[a-ząćęłńóśźż]+")


def _prefix(regex: str, anchors: tuple[str, ...]) -> bool:
    """Is each anchor a literal beginning every match of its alternative starts with?
    Only for plain Polish letters, no alternatives hidden in brackets or escapes."""
    if not anchors or re.search(r"\[[^\]]*\||\\[|()]", regex):
        return False
    alts = []
    at, depth = 0, 0
    for i, ch in enumerate(regex + "|"):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "|" and depth == 0:
            alts.append(regex[at:i])
            at = i + 1
    return len(alts) == len(anchors) and all(
        _PLAIN.fullmatch(a) and alt.lower().startswith(a) and alt[len(a):len(a) + 1] not in ("?", "*", "{")
        for alt, a in zip(alts, anchors))


def _anchors(regex: str) -> tuple[str, ...]:
    """Literal lower-case beginnings of the top-level alternatives, or () when one of
    them starts with a construct (then the regex always runs)."""
    alts, depth, cur = [], 0, ""
    for ch in regex:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "|" and depth == 0:
            alts.append(cur)
            cur = ""
        else:
            cur += ch
    alts.append(cur)
    out = []
    for alt in alts:
        m = re.match(r"[^\W\d_]{2,}", alt)
        if not m:
            return ()
        out.append(m.group().lower())
    return tuple(out)


def score(page, record) -> float:
    """Relevance in 0..1; the orchestrator marks the page relevant at >= 0.5."""
    return explain(page, record)["score"]


def explain(page, record) -> dict:
    """The relevance decision in full: matched cues per group, the parts and the score."""
    cues, c = _config()
    body, starts, factors = _body(page, c["short_line_weight"])
    title = page.title or ""
    lower = body.lower() + "\n" + title.lower()
    matched: dict[str, dict[str, float]] = {g: {} for g in GROUPS}
    sums = dict.fromkeys(GROUPS, 0.0)
    lower_body = lower[:len(body)]
    # positions in ``lower`` are those in ``body`` only when lower() keeps every character
    # one character long, and IGNORECASE matches "ı" and "ſ" with "i" and "s" (lower() not)
    aligned = len(lower) == len(body) + 1 + len(title) and "ı" not in body and "ſ" not in body
    for cue in cues:
        if cue.anchors and not any(a in lower for a in cue.anchors):
            continue
        found = _at_anchors(cue, body, lower_body) if aligned and cue.prefix else cue.pattern.finditer(body)
        n = sum(factors[bisect.bisect_right(starts, m.start()) - 1] for m in found)
        n += c["title_weight"] * len(cue.pattern.findall(title))
        if n > 0:
            value = cue.weight * math.sqrt(min(n, 3))
            matched[cue.group][cue.label] = round(value, 2)
            sums[cue.group] += value
    bonus = _record_bonus(record or {}, c)
    raw = (sums["coop"]
           + c["gov_share"] * min(sums["gov"], c["gov_cap"])
           + c["support_share"] * min(sums["support"], c["support_cap"])
           + bonus
           - c["negative_share"] * sums["negative"])
    capped = sums["coop"] < c["min_coop"]
    if capped:
        # no cooperation, knowledge transfer or capacity building in sight
        raw = min(raw, c["cap_raw"])
    value = 1.0 / (1.0 + math.exp(-(raw - c["threshold"])))
    return {"score": value, "raw": round(raw, 3), "sums": {k: round(v, 3) for k, v in sums.items()},
            "record_bonus": bonus, "capped": capped, "matched": matched}


def _at_anchors(cue: Cue, body: str, lower_body: str):
    """The matches ``cue.pattern.finditer(body)`` yields, tried only where an anchor starts
    (every match does, see Cue.prefix): scanning the whole body per cue is slow."""
    positions = set()
    for a in cue.anchors:
        i = lower_body.find(a)
        while i >= 0:
            positions.add(i)
            i = lower_body.find(a, i + 1)
    end = 0
    for at in sorted(positions):
        if at >= end:
            m = cue.pattern.match(body, at)
            if m:
                end = m.end()  # never empty: an anchor has 2+ letters
                yield m


def _body(page, short_weight: float) -> tuple[str, list[int], list[float]]:
    """The content zones as one string of sentences, with the start of each sentence and
    its weight: a short line without final punctuation (a menu item, a link, a label)
    counts for less than a sentence of prose, so a site menu with "Miasta partnerskie" does
    not make every page of the site relevant."""
    parts, starts, factors, at = [], [], [], 0
    for s, e in sentences(page.text, page.zones) if page.zones else []:
        chunk = page.text[s:e]
        prose = len(chunk.split()) >= 6 or chunk.rstrip()[-1:] in ".!?:;"
        parts.append(chunk)
        starts.append(at)
        factors.append(1.0 if prose else short_weight)
        at += len(chunk) + 1
    return "\n".join(parts), starts or [0], factors or [0.0]


def _record_bonus(record: dict, c: dict) -> float:
    bonus = 0.0
    if any(p.get("kind") in _COOP_KINDS for p in record.get("projects") or []):
        bonus += c["project_bonus"]
    if record.get("programmes"):
        bonus += c["programme_bonus"]
    if record.get("funders"):
        bonus += c["funder_bonus"]
    if len(record.get("participants") or []) >= 2:
        bonus += c["participants_bonus"]
    return bonus

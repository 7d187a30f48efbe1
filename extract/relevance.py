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

from extract.matcher import Matcher
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


@lru_cache(maxsize=1)
def _config() -> tuple[tuple[Cue, ...], dict, Matcher]:
    """(the cues, the combining constants, the cues as one Matcher, rule i = cue i)."""
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    cues = []
    for group in ("coop", "gov", "support"):
        cues += [_cue(group, k, w) for k, w in data[group].items()]
    for sub, table in data["negative"].items():
        cues += [_cue("negative", k, w) for k, w in table.items()]
    if not cues:
        raise ValueError(f"{DATA}: no cue words")
    return tuple(cues), data["combine"], Matcher((f"{cue.group}:{cue.label}", cue.pattern) for cue in cues)


def _cue(group: str, regex: str, weight: float) -> Cue:
    return Cue(group, regex, re.compile(rf"(?<!\w)(?:{regex})", re.I), float(weight))


def score(page, record, sentences: list[tuple[int, int]] | None = None) -> float:
    """Relevance in 0..1; the orchestrator marks the page relevant at >= 0.5."""
    return explain(page, record, sentences)["score"]


def explain(page, record, sentences: list[tuple[int, int]] | None = None) -> dict:
    """The relevance decision in full: matched cues per group, the parts and the score."""
    return combine(cue_evidence(page, sentences), record)


def cue_evidence(page, sentences: list[tuple[int, int]] | None = None) -> dict:
    """The page's cue words, matched and summed per group: everything of the decision but
    the record's part, found with one scan of the content zones and the title."""
    cues, c, matcher = _config()
    body, starts, factors = _body(page, c["short_line_weight"], sentences)
    title = page.title or ""
    matched: dict[str, dict[str, float]] = {g: {} for g in GROUPS}
    sums = dict.fromkeys(GROUPS, 0.0)
    in_body = _starts_by_rule(matcher, body)
    in_title = _starts_by_rule(matcher, title)
    for i in sorted(in_body.keys() | in_title.keys()):  # the cues found, in cue order
        cue = cues[i]
        n = sum([factors[bisect.bisect_right(starts, p) - 1] for p in in_body.get(i, ())])
        n += c["title_weight"] * len(in_title.get(i, ()))
        if n > 0:
            value = cue.weight * math.sqrt(min(n, 3))
            matched[cue.group][cue.label] = round(value, 2)
            sums[cue.group] += value
    return {"sums": sums, "matched": matched}


def combine(evidence: dict, record: dict | None) -> dict:
    """The decision from the cue evidence and what the extracted record adds."""
    c = _config()[1]
    bonus = _record_bonus(record or {}, c)
    value, raw, capped = _score(evidence["sums"], bonus, c)
    sums = evidence["sums"]
    return {"score": value, "raw": round(raw, 3), "sums": {k: round(v, 3) for k, v in sums.items()},
            "record_bonus": bonus, "capped": capped, "matched": evidence["matched"]}


def ceiling(evidence: dict) -> float:
    """The highest score any extracted record could give a page with this cue evidence:
    below the threshold, the page is not relevant whatever its facts would be."""
    c = _config()[1]
    best = c["project_bonus"] + c["programme_bonus"] + c["funder_bonus"] + c["participants_bonus"]
    return _score(evidence["sums"], best, c)[0]


def _score(sums: dict, bonus: float, c: dict) -> tuple[float, float, bool]:
    raw = (sums["coop"]
           + c["gov_share"] * min(sums["gov"], c["gov_cap"])
           + c["support_share"] * min(sums["support"], c["support_cap"])
           + bonus
           - c["negative_share"] * sums["negative"])
    capped = sums["coop"] < c["min_coop"]
    if capped:
        # no cooperation, knowledge transfer or capacity building in sight
        raw = min(raw, c["cap_raw"])
    return 1.0 / (1.0 + math.exp(-(raw - c["threshold"]))), raw, capped


def _starts_by_rule(matcher: Matcher, text: str) -> dict[int, list[int]]:
    """Rule index -> starts of its matches in ``text``."""
    out: dict[int, list[int]] = {}
    for hit in matcher.matches(text):
        out.setdefault(hit.rule, []).append(hit.start)
    return out


def _body(page, short_weight: float, spans: list[tuple[int, int]] | None) -> tuple[str, list[int], list[float]]:
    """The content zones as one string of sentences, with the start of each sentence and
    its weight: a short line without final punctuation (a menu item, a link, a label)
    counts for less than a sentence of prose, so a site menu with "Miasta partnerskie" does
    not make every page of the site relevant.  ``spans``: the sentences of the zones when
    they are known already (the Doc's)."""
    if spans is None:
        spans = sentences(page.text, page.zones) if page.zones else []
    parts, starts, factors, at = [], [], [], 0
    for s, e in spans:
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

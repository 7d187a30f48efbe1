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
import re._constants as sre_constants
import re._parser as sre_parse
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extract.programmes import trie_pattern
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
    # lower-case strings every match starts with (read from the regex parse tree), so the
    # pattern is tried only where one of them starts (speed: see _matches); () when unknown
    starts: tuple[str, ...] = ()


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
    return Cue(group, regex, re.compile(rf"(?<!\w)(?:{regex})", re.I), float(weight), _anchors(regex),
               _starts_of(regex))


_PLAIN = re.compile(r"[a-ząćęłńóśźż]*")


def _starts_of(regex: str) -> tuple[str, ...]:
    """Lower-case strings of 2+ plain Polish letters one of which every match of ``regex``
    starts with, read from its parse tree; () when some match may start otherwise."""
    found = _literal_heads(list(sre_parse.parse(regex)))
    # a beginning of a head is one too: keep its plain letters ("polsko" of "polsko-")
    heads = {_PLAIN.match(head.lower()).group() for head, _complete in found or ()}
    return tuple(sorted(heads)) if heads and min(map(len, heads)) >= 2 else ()


def _literal_heads(seq: list) -> list[tuple[str, bool]] | None:
    """(head, complete) pairs: every match of the parse items ``seq`` starts with one of the
    heads, and is exactly that head when ``complete``; None when there are too many."""
    heads = [("", True)]
    for op, av in seq:
        if not any(complete for _h, complete in heads):
            break
        if op is sre_constants.LITERAL:
            options = [(chr(av), True)]
        elif op is sre_constants.IN and all(o is sre_constants.LITERAL for o, _v in av):
            options = [(chr(v), True) for _o, v in av]
        elif op is sre_constants.BRANCH:
            options = []
            for alt in av[1]:
                options += _literal_heads(list(alt)) or [("", False)]
        elif op is sre_constants.SUBPATTERN and not av[1] and not av[2]:  # no inline flags
            options = _literal_heads(list(av[3])) or [("", False)]
        else:
            options = [("", False)]
        heads = [(h + o, c) for h, complete in heads for o, c in (options if complete else [("", False)])]
        if len(heads) > 64:
            return None
    return heads


@lru_cache(maxsize=1)
def _anchor_scan() -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    """One regex finding, at every offset, the longest anchor or start of any cue beginning
    there, and for each of them those that are its prefixes (so begin there too).  One
    scan of the page replaces a substring search per anchor (~300 per page)."""
    anchors = sorted({a for cue in _config()[0] for a in cue.anchors + cue.starts})
    closure = {a: tuple(b for b in anchors if a.startswith(b)) for a in anchors}
    return re.compile(f"(?=({trie_pattern(anchors)}))"), closure


@lru_cache(maxsize=1)
def _word_scan() -> re.Pattern:
    """_anchor_scan at the starts of words only, where every match of a cue starts."""
    return re.compile(r"(?<!\w)" + _anchor_scan()[0].pattern)


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
    # positions in ``lower`` are those in ``body`` and ``title`` only when lower() keeps every
    # character one character long, and IGNORECASE matches "ı" and "ſ" with "i" and "s"
    # (lower() not); no other character IGNORECASE matches with a Polish letter differs
    aligned = len(lower) == len(body) + 1 + len(title) and "ı" not in body and "ſ" not in body
    title_aligned = aligned and "ı" not in title and "ſ" not in title
    if title_aligned:
        at = _anchor_positions(lower, _word_scan())
        active = _started(cues, at, lower)
    else:
        at = _anchor_positions(lower, _anchor_scan()[0])
        active = _present(cues, at)
    cut = len(body)
    for cue in active:
        if aligned and cue.starts:
            places = _places(cue, [p for a in cue.starts for p in at.get(a, ()) if p < cut])
            found = _matches(cue.pattern, body, places)
        else:
            found = [m.start() for m in cue.pattern.finditer(body)]
        n = sum([factors[bisect.bisect_right(starts, p) - 1] for p in found])
        if title_aligned and cue.starts:
            places = _places(cue, [p - cut - 1 for a in cue.starts for p in at.get(a, ()) if p > cut])
            n += c["title_weight"] * len(_matches(cue.pattern, title, places))
        else:
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


def _present(cues: tuple[Cue, ...], at: dict[str, list[int]]) -> list[Cue]:
    """The cues (in order) without anchors or with one in ``at``, which holds every anchor
    found in the page: a cue none of whose anchors occurs cannot match."""
    by_anchor, always = _cue_index()
    return [cues[i] for i in sorted(always.union(*(by_anchor.get(a, ()) for a in at)))]


def _started(cues: tuple[Cue, ...], at: dict[str, list[int]], lower: str) -> list[Cue]:
    """The cues (in order) _present would keep, as far as they can match: those with one of
    their starts at a word start (``at``; when each start begins with one of the cue's
    anchors, a cue that matches is one _present keeps), the others as _present does."""
    by_start, others = _start_index()
    found = set().union(*(by_start.get(a, ()) for a in at))
    found.update(i for i in others if not cues[i].anchors or any(a in lower for a in cues[i].anchors))
    return [cues[i] for i in sorted(found)]


@lru_cache(maxsize=1)
def _start_index() -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """Positions of the cues in _config() by start, for cues whose starts all begin with
    one of their anchors, and the positions of the other cues."""
    by_start: dict[str, list[int]] = {}
    others = []
    for i, cue in enumerate(_config()[0]):
        if cue.starts and (not cue.anchors or all(st.startswith(cue.anchors) for st in cue.starts)):
            for st in cue.starts:
                by_start.setdefault(st, []).append(i)
        else:
            others.append(i)
    return {a: tuple(v) for a, v in by_start.items()}, tuple(others)


@lru_cache(maxsize=1)
def _cue_index() -> tuple[dict[str, tuple[int, ...]], frozenset[int]]:
    """Positions of the cues in _config() by anchor, and of the cues without anchors."""
    by_anchor: dict[str, list[int]] = {}
    cues = _config()[0]
    for i, cue in enumerate(cues):
        for a in cue.anchors:
            by_anchor.setdefault(a, []).append(i)
    return {a: tuple(v) for a, v in by_anchor.items()}, frozenset(i for i, c in enumerate(cues) if not c.anchors)


def _anchor_positions(lower: str, scan: re.Pattern) -> dict[str, list[int]]:
    """Every offset of ``lower`` ``scan`` tries where each cue anchor or start begins (in
    increasing order)."""
    closure = _anchor_scan()[1]
    at: dict[str, list[int]] = {}
    for m in scan.finditer(lower):
        p = m.start()
        for a in closure[m.group(1)]:
            at.setdefault(a, []).append(p)
    return at


def _places(cue: Cue, places: list[int]) -> list[int]:
    return sorted(set(places)) if len(cue.starts) > 1 else places


def _matches(pattern: re.Pattern, text: str, places: list[int]) -> list[int]:
    """Starts of the matches ``pattern.finditer(text)`` yields when every match starts at one
    of ``places`` (sorted offsets where one of Cue.starts begins): trying only there is
    much faster than scanning the whole text per cue."""
    out, end = [], 0
    for at in places:
        if at >= end:
            m = pattern.match(text, at)
            if m:
                end = m.end()  # never empty: a start has 2+ letters
                out.append(at)
    return out


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

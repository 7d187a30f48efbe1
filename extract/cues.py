"""Role cues: the phrases that give organisations and persons their roles
(extract/data/actors.toml, one group of patterns per role and side).

A cue with side "right" gives its role to the bodies after it, "left" to those before
it, "both" to those before it or, as an active verb whose subject follows ("Spotkanie
zorganizowała Gmina X"), to those after it when none stands before it.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extract.matcher import Matcher

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    right: str | None  # role of the bodies after the cue
    left: str | None  # role of the bodies before it
    # role of the bodies after the cue when none stands before it: an active verb whose
    # subject may follow it ("Spotkanie zorganizowała Gmina X")
    inverted: str | None = None


@lru_cache(maxsize=1)
def _cue_rules() -> tuple[Matcher, tuple[tuple[str, str], ...]]:
    """(the cue groups as one Matcher, (role, side) of each group), in the data's order."""
    data = tomllib.loads((DATA / "actors.toml").read_text("utf-8"))
    rules, roles = [], []
    for cue in data["cue"]:
        if cue["side"] not in ("left", "right", "both"):
            raise ValueError(f"actors.toml: cue side must be left, right or both, not {cue['side']!r}")
        # one alternation per cue group: a page is scanned once per group, not per pattern
        alt = "|".join(f"(?:{p})" for p in cue["patterns"])
        rules.append((f"cue:{cue['role']}:{cue['side']}", rf"(?<!\w)(?:{alt})(?!\w)"))
        roles.append((cue["role"], cue["side"]))
    return Matcher(rules, re.I), tuple(roles)


def annotate(doc) -> None:
    """Layer "cues": the role cues of every content zone, in text order."""
    doc.layers["cues"] = [c for zs, ze in doc.zones for c in find_cues(doc.text, zs, ze)]


def find_cues(text: str, start: int, end: int) -> list[Cue]:
    """Role cues in text[start:end]; overlapping matches merge into one cue that keeps
    the longest match of each side."""
    matcher, groups = _cue_rules()
    raw = [(h.start, h.end, h.rule) for h in matcher.matches(text, start, end)]
    # by start, longer first, then in the order of the groups in actors.toml
    raw.sort(key=lambda r: (r[0], r[0] - r[1], r[2]))
    cues: list[list] = []  # [start, end, right, right_len, left, left_len, inverted, inv_len]
    for s, e, i in raw:
        _, side = groups[i]
        role = groups[i][0]
        if cues and s < cues[-1][1]:
            c = cues[-1]
            c[1] = max(c[1], e)
        else:
            c = [s, e, None, 0, None, 0, None, 0]
            cues.append(c)
        for slot in _SLOTS[side]:
            if e - s > c[slot + 1]:
                c[slot], c[slot + 1] = role, e - s
    return [Cue(c[0], c[1], c[2], c[4], c[6]) for c in cues]


_SLOTS = {"right": (2,), "left": (4,), "both": (4, 6)}

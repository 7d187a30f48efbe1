"""The one builder of facts items (the lists of the facts record, ANNOTATION.md).

A named item is: ``name`` (nominative, full form), the attributes that say what it is
(``kind`` of a project, ``country`` of a place), ``text`` (the words as written),
``start``/``end`` and ``evidence`` (the same character offsets into the page text) and
``rule`` (the rule that made it).  Annotators call ``named`` instead of writing the dict
themselves, so every field of every list keeps one order and one meaning.
"""
from __future__ import annotations


def named(name: str, written: str, start: int, end: int, rule: str, **what) -> dict:
    """A named item; ``what`` (kind=..., country=...) comes right after the name."""
    return {"name": name, **what, "text": written, "start": start, "end": end, "evidence": [start, end], "rule": rule}

"""Named funding programmes: the programmes the money of an initiative comes through.

Three rules, all data in extract/data/programmes.toml: well-known programmes by name or
acronym in any case ("Programu Operacyjnego Kapitał Ludzki", "PO WER", "Erasmus+"),
families with a distinguishing tail ("Regionalnego Programu Operacyjnego Województwa
Śląskiego" -> "Regionalny Program Operacyjny Województwa Śląskiego"), and "program(u) X"
in a sentence that speaks of money ("finansowany ... w ramach programu „X”", "z programu
2/POKL/5.2.1/2009 X" -> X without its code).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extract import projects as _p
from extract.text import sentences

DATA = Path(__file__).parent / "data" / "programmes.toml"


@dataclass(frozen=True)
class Rules:
    known: list[tuple[str, re.Pattern]]
    any_named: re.Pattern  # any known or family pattern: a sentence without one skips both loops
    families: list[tuple[str, re.Pattern, bool]]  # name, pattern, may stand without a tail
    cue: re.Pattern
    funding: re.Pattern
    lead: re.Pattern
    clause_end: re.Pattern
    stop: frozenset[str]
    period: re.Pattern


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    known = [(k["name"], re.compile("|".join(f"(?:{p})" for p in k["patterns"]))) for k in data["known"]]
    families = [(f["name"], re.compile(rf"(?P<head>{f['head']})(?P<tail>{f['tail']})?"), f.get("bare", False))
                for f in data["family"]]
    g = data["generic"]
    any_named = re.compile("|".join([p.pattern for _, p in known] + [p.pattern.replace("(?P<head>", "(?:").replace("(?P<tail>", "(?:") for _, p, _ in families]))
    return Rules(
        known=known,
        any_named=any_named,
        families=families,
        cue=re.compile(g["cue"]),
        funding=re.compile(g["funding"]),
        # after the cue: connectors, then an optional programme code
        lead=re.compile(rf"{g['connectors']}\s*(?P<code>{g['code']})?\s*"),
        clause_end=re.compile(g["clause_end"]),
        stop=frozenset(_p._norm(s) for s in g["stop"]),
        period=re.compile(data["period"]["pattern"]),
    )


_LAST: list = [None, None]  # (key, result) of the last page: projects.py asks again


def find_programmes(page) -> list[dict]:
    """Named funding programmes in the page's content zones, variants merged."""
    key = (page.text, tuple(page.zones))  # programmes depend on nothing else
    if _LAST[0] == key:
        return [dict(it) for it in _LAST[1]]
    result = _find(page)
    _LAST[:] = [key, result]
    return [dict(it) for it in result]


def _find(page) -> list[dict]:
    text = page.text
    r = rules()
    found: list[dict] = []
    for s, e in _p.sentence_spans(page):
        found.extend(_in_sentence(text, s, e, r))
    return _merge(found)


def _in_sentence(text: str, s: int, e: int, r: Rules) -> list[dict]:
    sent = text[s:e]
    out: list[dict] = []
    taken: list[tuple[int, int]] = []

    def add(a: int, b: int, name: str, rule: str) -> None:
        if any(a < tb and ta < b for ta, tb in taken):
            return
        taken.append((a, b))
        out.append({"name": name, "text": text[s + a:s + b], "start": s + a, "end": s + b,
                    "evidence": [s + a, s + b], "rule": rule})

    named = bool(r.any_named.search(sent))
    for name, pattern in r.known if named else ():
        for m in pattern.finditer(sent):
            add(m.start(), *_with_period(sent, m.end(), name, r), "known_programme")
    for name, pattern, bare in r.families if named else ():
        for m in pattern.finditer(sent):
            tail = m.group("tail")
            if tail:
                add(m.start(), *_with_period(sent, m.end(), _clean(f"{name} {tail}"), r), "programme_family")
            elif bare:
                add(m.start(), *_with_period(sent, m.end(), name, r), "programme_family")
    if r.funding.search(sent):
        for m in r.cue.finditer(sent):
            span = _name_after(sent, m.end(), r)
            if span:
                a, b = span
                add(a, b, _clean(sent[a:b]), "funding_programme_after_cue")
    return out


def _with_period(sent: str, end: int, name: str, r: Rules) -> tuple[int, str]:
    """(end, name) extended by a programming period written right after the name."""
    period = None if re.search(r"\d{4}$", name) else r.period.match(sent, end)
    if not period:
        return end, name
    return period.end(), f"{name} {' '.join(period.group().split())}"


def _name_after(sent: str, pos: int, r: Rules):
    m = r.lead.match(sent, pos)
    at, coded = m.end(), bool(m.group("code"))
    if at >= len(sent):
        return None
    if sent[at] in _p.OPEN_QUOTES:
        close = _p._closing_quote(sent, at + 1)
        span = close is not None and _p._trim(sent, at + 1, close)
    elif coded and re.match(rf"[{_p.UPPER}]", sent[at]):
        end = r.clause_end.search(sent, at)
        span = _p._trim(sent, at, end.start() if end else len(sent))
    elif sent[pos - 1].isupper() or sent[pos - len("program")].isupper() and pos > len("program"):
        return None  # "Kanadyjskiego Programu Wsparcia Miast": a titled name (projects)
    else:
        c = _p.CHAIN.match(sent, at)
        span = c and _p._trim(sent, c.start(), c.end())
        if span and not _p._valid(sent[span[0]:span[1]], _p.rules(), quoted=False):
            return None
    if not span or _p._norm(sent[span[0]:span[1]]) in r.stop or span[1] - span[0] > 200:
        return None
    return span


def _clean(name: str) -> str:
    name = re.sub(r"[„”\"“«»]", "", name)
    return re.sub(r"\s+", " ", name).strip(" ,;:-–")


def _merge(items: list[dict]) -> list[dict]:
    """One item per programme: the most complete name of each group of variants."""
    groups: list[list[dict]] = []
    for item in items:
        for group in groups:
            if any(_p._same(item["name"], other["name"]) for other in group):
                group.append(item)
                break
        else:
            groups.append([item])
    best = [max(g, key=lambda it: (len(it["name"]), -it["start"])) for g in groups]
    return sorted(best, key=lambda it: it["start"])

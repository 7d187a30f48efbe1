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
from extract.items import named
from extract.matcher import Matcher

DATA = Path(__file__).parent / "data" / "programmes.toml"
# rules that find programmes an organisation runs (also listed as projects)
INITIATIVE_RULES = frozenset({"initiative_programme", "titled_programme", "known_initiative"})


@dataclass(frozen=True)
class Rules:
    known: list[tuple[str, bool]]  # name, an initiative (also a project)
    families: list[tuple[str, bool]]  # name, may stand without a tail
    # known + family patterns, then the cue ("program(u)", "w ramach konkursu" ...), behind
    # the matcher's literal prefilter: a pattern none of whose literals is in a sentence is
    # not run there (~40 patterns, ~10 sentences a page); one matcher, so each sentence is
    # lower-cased and scanned once for both
    named: Matcher
    funding: re.Pattern
    lead: re.Pattern
    clause_end: re.Pattern
    stop: frozenset[str]
    period: re.Pattern


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    known = [(k["name"], "|".join(f"(?:{p})" for p in k["patterns"])) for k in data["known"]]
    families = [(f["name"], rf"(?P<head>{f['head']})(?P<tail>{f['tail']})?") for f in data["family"]]
    g = data["generic"]
    return Rules(
        known=[(k["name"], k.get("initiative", False)) for k in data["known"]],
        families=[(f["name"], f.get("bare", False)) for f in data["family"]],
        named=Matcher(known + families + [("programme_cue", g["cue"])]),
        funding=re.compile(g["funding"]),
        # after the cue: connectors, then an optional programme code
        lead=re.compile(rf"{g['connectors']}\s*(?P<code>{g['code']})?\s*"),
        clause_end=re.compile(g["clause_end"]),
        stop=frozenset(_p._norm(s) for s in g["stop"]),
        period=re.compile(data["period"]["pattern"]),
    )


def annotate(doc) -> None:
    """Layer "programmes": named funding programmes in the content zones, variants merged;
    layer "programme_mentions": every mention before variants are merged ("Polskiej
    Pomocy" in quotes after "programu polskiej współpracy rozwojowej" named it first): a
    project found at one of them is that programme (extract/reconcile.py)."""
    text, r = doc.text, rules()
    found: list[dict] = []
    titled = doc.layer("titled")
    for s, e in doc.layer("name_sentences"):
        found.extend(_in_sentence(text, s, e, r, titled[(s, e)]))
    doc.layers["programmes"] = _kind_of_quoted(text, found, _merge(found))
    doc.layers["programme_mentions"] = found


def _in_sentence(text: str, s: int, e: int, r: Rules, titled: list[dict]) -> list[dict]:
    sent = text[s:e]
    out: list[dict] = []
    taken: list[tuple[int, int]] = []

    def add(a: int, b: int, name: str, rule: str) -> None:
        if any(a < tb and ta < b for ta, tb in taken):
            return
        taken.append((a, b))
        out.append(named(name, text[s + a:s + b], s + a, s + b, rule))

    n_known, n_named = len(r.known), len(r.known) + len(r.families)
    hits = r.named.matches(sent)  # rule by rule: known patterns, families (in data order), the cue
    for hit in hits:
        i, m = hit.rule, hit.match
        if i == n_named:
            break  # the cue's matches come last
        if i < n_known:
            name, initiative = r.known[i]
            add(m.start(), *_with_period(sent, m.end(), name, r), "known_initiative" if initiative else "known_programme")
            continue
        name, bare = r.families[i - n_known]
        tail = m.group("tail")
        if tail:
            add(m.start(), *_with_period(sent, m.end(), _clean(f"{name} {tail}"), r), "programme_family")
            _alias_as_written(out[-1], name)
        elif bare:
            add(m.start(), *_with_period(sent, m.end(), name, r), "programme_family")
    for hit in hits:
        if hit.rule != n_named:
            continue
        m = hit.match
        money = bool(r.funding.search(sent, 0, m.start()))
        if not money and not m.group().lower().startswith("program"):
            continue  # "w ramach konkursu X" is a grant call only when money came first
        if not money and _TAKING_PART.search(sent, 0, m.start()):
            continue  # "udział w programie „Akademia Radnych”": a course people attend (a project)
        span = _name_after(sent, m.start(), m.end(), r)
        if not span and money:  # "programu finansowanego przez UE – „X”": the name further on
            far = _p._named_further(sent, m.end(), [], _p.rules())
            span = far and far[:2]
        if span:
            a, b = span
            add(a, b, _clean(sent[a:b]), "funding_programme_after_cue" if money else "initiative_programme")
    # "Ponadlokalnego Programu Rewitalizacji ..." (a programme named with its head noun)
    quoted = [(q.start(), q.end()) for q in _QUOTED.finditer(sent)] if titled else []
    for it in titled:
        inside = any(a <= it["start"] - s and it["end"] - s <= b for a, b in quoted)
        if it["kind"] == "programme" and not inside \
                and not _TAKING_PART.search(sent, 0, it["start"] - s):  # "absolwenci Programu X"
            add(it["start"] - s, it["end"] - s, it["name"], "titled_programme")
    return out


def _alias_as_written(item: dict, family: str) -> None:
    """A family's name written in full in the nominative ("Program Współpracy Interreg Polska
    – Saksonia 2014-2020" for "Interreg Polska – Saksonia 2014-2020") is its alias: the
    reader may know the programme by either."""
    first, _, rest = _clean(item["text"]).partition(" ")
    # ("Programu Współpracy Interreg ...": the head to the nominative, its genitives stay)
    written = f"Program {rest}"
    if _PROGRAM_FORM.fullmatch(first) and rest and written != item["name"] and family.split()[0] != "Program":
        item["aliases"] = [written]


_PROGRAM_FORM = re.compile(r"Program(?:u|owi|em|ie)?")


def _kind_of_quoted(text: str, found: list[dict], merged: list[dict]) -> list[dict]:
    """Without a titled programme that the page writes elsewhere right before a quoted
    programme name: "Operatorem Programu Regionalnego jest ..." after "w ramach Programu
    Regionalnego „Rozwój miast”" speaks of that one programme, "Regionalny" is its kind."""
    titled = {it["name"] for it in merged if it["rule"] == "titled_programme"}
    if not titled:
        return merged
    starts = {it["start"] for it in found}
    kinds = set()
    for it in found:
        if it["name"] in titled and it["rule"] == "titled_programme":
            after = re.compile(re.escape(it["text"]) + rf"\s*[{_p.OPEN_QUOTES}]")
            if any(m.end() in starts for m in after.finditer(text)):
                kinds.add(it["name"])
    return [it for it in merged if it["name"] not in kinds or it["rule"] != "titled_programme"]


# a programme people take part in, right before the cue
# (also across "m.in.": "z absolwentami, m.in. programu X")
# ("edycji programu X": a programme held in editions is a course or a contest)
_TAKING_PART = re.compile(r"(?:\budzia\w+\s+w|\buczestni\w+|\babsolwen\w+|\bzakwalifikowa\w+\s+do|\bedycj\w+)"
                          r"[\s,]+(?:(?:m\.\s?in\.|np\.|w\s+tym)\s+)?(?:\w+\s+)?$", re.I)
_QUOTED = re.compile(rf"[{_p.OPEN_QUOTES}][^{_p.OPEN_QUOTES}{_p.CLOSE_QUOTES}]+[{_p.CLOSE_QUOTES}]")
# compiled once: re.match/re.sub with a string look the pattern up on every call
_YEAR_END = re.compile(r"\d{4}$")
_UPPER = re.compile(rf"[{_p.UPPER}]")
_QUOTE_MARK = re.compile(r"[„”\"“«»]")
_SPACES = re.compile(r"\s+")


def _with_period(sent: str, end: int, name: str, r: Rules) -> tuple[int, str]:
    """(end, name) extended by a programming period written right after the name."""
    period = None if _YEAR_END.search(name) else r.period.match(sent, end)
    if not period:
        return end, name
    return period.end(), f"{name} {' '.join(period.group().split())}"


def _name_after(sent: str, cue_start: int, pos: int, r: Rules):
    m = r.lead.match(sent, pos)
    at, coded = m.end(), bool(m.group("code"))
    if at >= len(sent):
        return None
    owner = _p._OWNER.match(sent, at)  # "w ramach programu Fundacji Batorego „Lokalne Dialogi”"
    titled = cue_start > 0 and sent[cue_start].isupper()
    # "Programu Regionalnego „X”": one adjective agreeing with the cue is X's kind, not an owner
    kind = titled and owner and " " not in owner.group().strip() \
        and _p._agrees(sent[cue_start:pos], owner.group().strip(), "m3")
    # ("Programu Polsko-Amerykańskiej Fundacji Wolności „X”": an organisation owns X)
    if owner and (not titled or kind or _p._ORG_WORD.search(owner.group())) and _p._opens_quote(sent, owner.end()) \
            and not _p.rules().doc_prefixes.match(owner.group()):
        at = owner.end()
    if _p._opens_quote(sent, at):
        close = _p._closing_quote(sent, at + 1)
        span = close is not None and _p._trim(sent, at + 1, close)
        if span and _p._genitive_only(sent[span[0]:span[1]]):
            return None  # "programów „Festiwalu Miast”": the festival's agenda
    elif coded and _UPPER.match(sent[at]):
        end = r.clause_end.search(sent, at)
        span = _p._trim(sent, at, end.start() if end else len(sent))
    elif cue_start > 0 and sent[cue_start].isupper():
        return None  # "Kanadyjskiego Programu Wsparcia Miast": a titled name (_titled)
    else:
        c = _p.CHAIN.match(sent, at)
        span = c and _p._trim(sent, c.start(), _p._subtitle_end(sent, c.start(), _p._cut_owner(sent, c.start(), c.end())))
        if span and not _valid_unquoted(sent[span[0]:span[1]]):
            return None
    if not span or _p._norm(sent[span[0]:span[1]]) in r.stop or span[1] - span[0] > 200:
        return None
    return span


def _valid_unquoted(name: str) -> bool:
    """A capitalised programme name; one word will do when it is not a place, a person or
    a bare acronym ("Visegrad+", "Erasmus+", but not "MSZ" or "Kielce")."""
    if _p._valid(name, _p.rules(), quoted=False):
        return True
    words = name.split()
    return (len(words) == 1 and len(name) >= 4 and not name.isupper() and not _p._proper(name)
            and not _p.rules().org_prefixes.match(name) and _p._norm(name) not in _p.rules().stop)


def _clean(name: str) -> str:
    name = _QUOTE_MARK.sub("", name)
    return _SPACES.sub(" ", name).strip(" ,;:-–")


def _merge(items: list[dict]) -> list[dict]:
    """One item per programme: the most complete name of each group of variants."""
    groups = _p.merge_groups(items)
    best = [max(g, key=lambda it: (len(it["name"]), -it["start"])) for g in groups]
    return sorted(best, key=lambda it: it["start"])

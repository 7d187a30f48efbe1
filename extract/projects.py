"""Named initiatives: projects, seminars, conferences, trainings, competitions...

A name is found next to a cue noun (extract/data/projects.toml): in quotes of any style
("projekt „X”", "projektu pn. :X”", "projekty: „A” i „B”"), after a strong connector
running to the end of its clause ("seminarium: Polskie doświadczenia w reformie
samorządowej"), as a chain of capitalised words ("konkursu Samorządowy Lider Zarządzania
2012 - Usługi Techniczne"), headed by a capitalised cue ("w Europejskim Kongresie
Samorządów" -> "Europejski Kongres Samorządów"), before "to projekt" at the start of a
sentence, or as a title/heading over "Projekt jest ...". Also: a quoted name behind its
owner ("w projekcie fundacji X „Y”"), a prize in quotes ("Nagród „Lider 2016″"), a
sentence-case name closed by a relative clause ("projektu Dobre zarządzanie, w ramach
którego"), and a heading headed by a cue noun ("Seminarium Gratulacyjne"). Variants of one
name (with or without a year or an edition number, in two cases, behind an adjective or
"Program", with an acronym for its tail) are merged under the most complete nominative form.
A programme that only carries the money ("finansowany ... w ramach programu X") is left
to extract/programmes.py; one that an organisation runs is both a project and a programme;
one the page states as its own initiative ("X to jeden z programów") is a project only.
"""
from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extract import morph
from extract.doc import Span
from extract.items import named
from extract.lexicon import fold, funding_pattern, head_lemma
from extract.matcher import Matcher, longest_match

DATA = Path(__file__).parent / "data" / "projects.toml"

UPPER = "A-ZĄĆĘŁŃÓŚŹŻ"
OPEN_QUOTES = "„\"“‘«‚"
# "″" (a double prime) closes names on pages typed with the wrong key: „Lider 2016″
CLOSE_QUOTES = "”\"“’»″"
# a capitalised word (hyphenated parts and a trailing "+" allowed: "Erasmus+")
# (also a jubilee, "XXV-lecia", "XXV - lecia", "10-lecia": a number and "-lecie" in one word)
CAP = rf"(?:(?:[IVXLC]+|\d{{1,3}})\s?[-–]\s?leci\w+|[{UPPER}][\w+]*(?:-[\w+]+)*)"
# the next token of a name: a capitalised word or a year, optionally after a short joiner
_NEXT = rf"(?:\s+(?:(?:i|w|z|ze|na|dla|do|o|od|im\.|-|–|—|&|with|for|to|of|and|the|in|on)\s+)?(?:{CAP}|\d{{4}}(?:\s?r\.)?(?=\s|$|[,;:)]|\.\s|\.$)))"
CHAIN = re.compile(rf"{CAP}{_NEXT}*")
_YEAR_ONLY = re.compile(r"^\d{4}(?:\s?r\.)?$")
_JOINERS = {"i", "w", "z", "ze", "na", "dla", "do", "o", "od", "im.", "-", "–", "—", "&",
            "with", "for", "to", "of", "and", "the", "in", "on"}
@dataclass(frozen=True)
class Rules:
    cue: re.Pattern
    cues: Matcher  # ``cue`` behind the matcher's prefilter (one rule)
    kinds: dict[str, str]
    strict: frozenset[str]  # cue forms that need a connector and quotes
    quoted_only: frozenset[str]  # cue forms that need quotes ("nagrody „X”")
    in_name: frozenset[str]  # cue forms that, capitalised, begin the name ("Study Tour To Poland")
    programme_bodies: re.Pattern  # "Punkt Kontaktowy Programu X": X is a funding programme
    after: re.Pattern
    strong: re.Pattern
    to_cue: re.Pattern
    clause_end: re.Pattern
    org_prefixes: re.Pattern  # organisations and documents
    doc_prefixes: re.Pattern
    not_after: re.Pattern
    titled: re.Pattern
    any_head: re.Pattern  # the head forms of ``titled``: a sentence without one has no match
    titled_heads: dict[str, tuple[str, str, str]]  # form -> (nominative head, kind, gender)
    titled_owned: frozenset[str]  # heads whose names hold an organisation ("Zgromadzenie ... Związku")
    titled_quoted: frozenset[str]  # heads named only with a quoted part ("Sieć X „Y”")
    titled_chain: dict[str, tuple[re.Pattern | None, re.Pattern | None]]  # head -> (must, must not)
    titled_not: dict[str, re.Pattern]  # head -> words of a whole name that make it a body ("Ludowy Kongres")
    ordinal_lower: re.Pattern  # "VII Forum działalności zagranicznej samorządów, ...": an edition in sentence case
    stop: frozenset[str]
    headline_heads: frozenset[str]  # a heading that starts so reports an event, not a name
    heading_follow: re.Pattern  # words before the cue under a heading ("Głównym celem projektu")
    numbered: re.Pattern  # nouns a number belongs to ("Działania 2."): no ordinal of the next name
    not_project: re.Pattern  # names never a project ("Program Regionalny": a region's funding)
    body_of: re.Pattern  # words before a name that make it a standing body ("prezes X")
    body_after: re.Pattern  # words after a name that make it one ("X, działającego przy Y")
    deictic: frozenset[str]  # adjective lemmas that say which edition ("Tegoroczny Kongres")
    cut_tails: frozenset[str]  # bare genitives that end a name cut from its owner's ("... Związku")


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    kinds, strict, quoted_only, in_name = {}, set(), set(), set()
    for cue in data["cue"]:
        for form in cue["forms"]:
            kinds[form.lower()] = cue["kind"]
            if cue.get("in_name"):
                in_name.add(form.lower())
            if cue.get("strict"):
                strict.add(form.lower())
            if cue.get("quoted"):
                quoted_only.add(form.lower())
    forms = sorted(kinds, key=len, reverse=True)
    cue_re = r"(?<!\w)(?:" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms) + r")(?!\w)"
    conn = data["connectors"]
    strong = "|".join(conn["strong"])
    weak = "|".join(conn["weak"])
    # after the cue: adjectives, then connectors; groups tell what was crossed
    after = re.compile(
        rf"(?P<fill>(?:\s+(?:{conn['filler']})(?!\w)){{0,3}})"
        # "mikroprojektu PL.3.22/3.3.04/14.04414 pt. X": a registry number before the name
        rf"(?P<code>\s+(?:nr\s+)?{conn['code']})?"
        rf"(?P<conn>(?:\s*(?:{strong}|{weak}))*)\s*"
    )
    strong_re = re.compile(rf"(?:{strong})\s*$")
    # "X to projekt", "„X” - to ogólnopolski projekt" at the start of a sentence
    to_cue = re.compile(
        rf"^(?:\([^()]{{1,30}}\)\s*)?(?P<name>[{OPEN_QUOTES}][^{OPEN_QUOTES}{CLOSE_QUOTES}\n]{{2,200}}[{CLOSE_QUOTES}]|{CHAIN.pattern})"
        # ("Study Tours to Poland (STP) to wizyty studyjne": its acronym in brackets)
        rf"(?:\s*\([{UPPER}0-9-]{{2,10}}\))?"
        rf"(?P<rest>(?:\s+[\w.]+){{0,4}}?)\s*[-–—]?\s*to\s+(?P<between>(?:[a-ząćęłńóśźż]+\s+){{0,2}})(?P<cue>(?i:{cue_re}))"
        # "„X” – podsumowanie projektu", "„X”: konferencja w Lublinie", "„X” jako projekt ..."
        rf"|^(?:\([^()]{{1,30}}\)\s*)?(?P<qname>[{OPEN_QUOTES}][^{OPEN_QUOTES}{CLOSE_QUOTES}\n]{{2,200}}[{CLOSE_QUOTES}])"
        rf"(?:\s*[-–—:]\s*|\s+jako\s+)(?:[a-ząćęłńóśźżA-ZĄĆĘŁŃÓŚŹŻ]+\s+){{0,3}}?(?P<qcue>(?i:{cue_re}))",
    )
    names = data["names"]
    heads = {}
    for head, spec in data["titled"].items():
        for form in spec["forms"]:
            heads[form] = (head, spec["kind"], spec["gender"])
    titled = re.compile(
        rf"(?P<adj>(?:(?<![\w-])[{UPPER}][\w-]+\s+){{0,2}})(?<!\w)(?P<head>{'|'.join(sorted(heads, key=len, reverse=True))})"
        rf"\s+(?P<chain>{CHAIN.pattern})")
    rules_ = Rules(
        cue=re.compile(cue_re, re.I),
        cues=Matcher([("cue", cue_re)], re.I),
        kinds=kinds,
        strict=frozenset(strict),
        quoted_only=frozenset(quoted_only),
        in_name=frozenset(in_name),
        programme_bodies=re.compile(r"(?:" + "|".join(names["programme_bodies"]) + r")\s+$"),
        after=after,
        strong=strong_re,
        to_cue=to_cue,
        clause_end=re.compile("|".join(names["clause_end"])),
        not_after=re.compile(r"(?:^|\s)(?:" + "|".join(names["not_after"]) + r")\s*$", re.I),
        titled=titled,
        any_head=re.compile("|".join(sorted(heads, key=len, reverse=True))),
        titled_heads=heads,
        titled_owned=frozenset(h for h, spec in data["titled"].items() if spec.get("owned")),
        titled_quoted=frozenset(h for h, spec in data["titled"].items() if spec.get("quoted_tail")),
        titled_chain={h: tuple(re.compile(spec[k]) if k in spec else None for k in ("chain_must", "chain_not"))
                      for h, spec in data["titled"].items()},
        titled_not={h: re.compile(spec["name_not"]) for h, spec in data["titled"].items() if "name_not" in spec},
        ordinal_lower=re.compile(
            rf"(?<![\w.])(?P<ord>[IVXL]+|\d{{1,3}}\.)\s+(?P<head>{'|'.join(sorted(heads, key=len, reverse=True))})"
            r"(?P<tail>(?:\s+[a-ząćęłńóśźż-]{2,}){2,8})"
            r"(?=\s*[,;:(]|\.(?:\s|$)|\s+(?:zorganizowan|któr|odbył|odbędzie|w\s+dniach|w\s+\d|w\s+[A-ZĄĆĘŁŃÓŚŹŻ]))"),
        org_prefixes=re.compile(r"(?:" + "|".join(names["org_prefixes"] + names["doc_prefixes"]) + r")\w{0,4}(?!\w)"),
        doc_prefixes=re.compile(r"(?:" + "|".join(names["doc_prefixes"]) + r")\w{0,4}(?!\w)"),
        stop=frozenset(_norm(s) for s in names["stop"]),
        headline_heads=frozenset(w.lower() for w in names["headline_heads"]),
        heading_follow=re.compile(r"(?:(?:" + "|".join(names["heading_follow"]) + r")\s+)?", re.I),
        numbered=re.compile(r"(?:" + "|".join(names["numbered"]) + r")\w*$"),
        not_project=re.compile("|".join(names["not_project"])),
        body_of=re.compile(r"(?:" + "|".join(names["body_of"]) + r")\s+$", re.I),
        body_after=re.compile("|".join(names["body_after"]), re.I),
        deictic=frozenset(names["deictic"]),
        cut_tails=frozenset(names["cut_tails"]),
    )
    return rules_


def annotate_sentences(doc) -> None:
    """Layer "name_sentences": the sentences names are read from (``joined_sentences``);
    layer "titled": for each of them, the names headed by a capitalised cue noun
    ("Europejskim Kongresie Samorządów", "Ponadlokalnego Programu Rewitalizacji"), which
    this module and extract/programmes.py both read."""
    text, r = doc.text, rules()
    spans = joined_sentences(text, doc.sentences)
    doc.layers["name_sentences"] = spans
    doc.layers["titled"] = {(s, e): _titled(text, s, text[s:e], r) for s, e in spans}


def annotate(doc) -> None:
    """Layer "projects": named initiatives the page reports on, one item per initiative
    (variants merged); layer "stated_names": the names the page states as its own
    initiatives (STATED_RULES), which extract/reconcile.py keeps from being programmes.
    Programmes are not yet told apart: extract/reconcile.py does that."""
    text, r = doc.text, rules()
    in_sentences: list[dict] = []
    titled = doc.layer("titled")
    for s, e in doc.layer("name_sentences"):
        in_sentences.extend(_in_sentence(text, s, e, r, titled[(s, e)]))
    titles = _title_is_name(doc.page, doc.sentences, r)
    # a title over "Projekt jest ..." states its name whichever rule read it
    stated = titles + [it for it in in_sentences if it["rule"] in STATED_RULES]
    doc.layers["stated_names"] = [Span(it["start"], it["end"], "stated_name", {"name": it["name"]}, it["rule"])
                                  for it in stated]
    doc.layers["projects"] = _initiatives(text, in_sentences + titles, r)


def _initiatives(text: str, found: list[dict], r: Rules) -> list[dict]:
    # a name running into the very end of the text was cut off with it ("Konwent Współpracy
    # Samorządo"): no name is better than a broken one
    found = [it for it in found if (it["end"] < len(text) or not text[-1].isalnum())
             and not r.not_project.match(it["name"])]
    # "prezes Konwentu X": what has a president is a standing body (a participant), so
    # every mention of X is
    # "... Zgromadzenie Ogólne Związku": a chain cut from its owner's name names nothing
    found = [_undoubled(it) for it in found if it["rule"] not in _CHAIN_RULES
             or it["name"].split()[-1] not in r.cut_tails]
    bodies = [it["name"] for it in found if it["rule"] == "titled_cue"
              and r.body_of.search(text, max(0, it["start"] - 40), it["start"])
              # "Forum X, działającego przy Y": a body that acts, whichever rule read it
              or r.body_after.match(text, it["end"])]
    found = [it for it in found if not any(_same(it["name"], b) for b in bodies)]
    return _merge(_outermost(found))


_CHAIN_RULES = frozenset({"titled_cue", "capitalised_after_cue", "titled_heading"})


def _undoubled(item: dict) -> dict:
    """A heading run into its own first line reads one name twice ("XVII Kongres Gmin
    XVII Kongres Gmin"): the name once."""
    words = item["name"].split()
    half = len(words) // 2
    if len(words) >= 4 and len(words) % 2 == 0 and words[:half] == words[half:]:
        return {**item, "name": " ".join(words[:half])}
    return item


_ORDINAL_END = re.compile(r"\s\d{1,2}\.$")
_DANGLING_WORDS = r"(?:\bpn\.|\bpt\.|\bp\.\s?n\.|pod nazwą|pod tytułem|o nazwie|:)"
_DANGLING = re.compile(_DANGLING_WORDS + r"\s*$", re.I)
# the longest match of _DANGLING_WORDS: a match of _DANGLING ends in trailing spaces, so it
# starts no further than this before them
_DANGLING_REACH = longest_match(_DANGLING_WORDS, re.I)


def _dangling(sent: str) -> bool:
    """``_DANGLING.search(sent)``, trying only the offsets a match can start at."""
    return bool(_DANGLING.search(sent, max(0, len(sent.rstrip()) - _DANGLING_REACH - 1)))


def joined_sentences(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences ``spans`` of the content zones, where one that ends with "pn." or a
    colon is joined with the next one, which holds the name ("projektu pn.\\nMiędzysektorowa ...")."""
    heads = rules().titled_heads
    out: list[tuple[int, int]] = []
    for s, e in spans:
        prev = text[out[-1][0]:out[-1][1]] if out else ""
        if out and "\n\n" not in text[out[-1][1]:s] and (
                _dangling(prev) or _quote_open(prev)
                # "gościem 5. Kongresu ...": the dot of an ordinal is no sentence end
                or (_ORDINAL_END.search(prev) and text[s:e].split(maxsplit=1)[0] in heads)):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _quote_open(sent: str) -> bool:
    """Does the sentence end inside a quotation ("„Świadomi mieszkańcy - aktywna wieś.")?"""
    if len(sent) >= 600:
        return False  # (a quotation open at its end is no name then)
    depth = 0
    # the depth only moves at a quote mark: only those are looked at (one regex scan)
    for m in _QUOTE_MARK.finditer(sent):
        i, ch = m.start(), m.group()
        if ch in "„«":
            depth += 1
        elif ch in "”»":
            depth = max(0, depth - 1)
        elif ch in "\"“":
            # a straight quote opens after a space or at the start, closes otherwise
            if i == 0 or sent[i - 1].isspace() or sent[i - 1] in "(:":
                depth += 1
            else:
                depth = max(0, depth - 1)
    return depth > 0


_QUOTE_MARK = re.compile("[„«”»\"“]")
_TITLE_WORDS = re.compile(r"\S+")


def _title_is_name(page, spans: list[tuple[int, int]], r: Rules) -> list[dict]:
    """A title or heading is the initiative's name when the text right under it speaks of
    "the project" without naming it ("Projekt jest przedsięwzięciem partnerskim ...")."""
    text = page.text
    candidates = []
    title = (page.title or "").strip()
    at = text.find(title) if title else -1
    if at >= 0 and any(zs <= at < ze for zs, ze in page.zones):
        candidates.append((at, at + len(title)))
    # heading lines: a sentence that is a whole line of its own
    for s, e in spans:
        if (s == 0 or text[s - 1] == "\n") and (e == len(text) or text[e] == "\n"):
            candidates.append((s, e))
    # ... or a short line of two sentences ("Nowe zadania gmin. Rola związków (2016)")
    for zs, ze in page.zones:
        for line in _LINE.finditer(text, zs, ze):
            if line.end() - line.start() <= 160 and text.count(". ", line.start(), line.end()) == 1:
                candidates.append(line.span())
    out = []
    for s, e in dict.fromkeys(candidates):
        named = _heading_titled(text, s, e, r)
        if named:
            out.append(named)
            continue
        year = _YEAR_AFTER.search(text, s, e)  # "... (2016)": when, not part of the name
        e = year.start() if year else e
        # "„Name” (sierpień – grudzień 2007)": a quoted title ends at its quote; so does one
        # whose opening quote was lost ("Name” (2007)"); quoted, it may hold a verb
        quoted = None
        if text[s] in OPEN_QUOTES:
            quoted = _closing_quote(text, s + 1)
        elif not _OPENERS.search(text, s, e):
            end = _QUOTE_END.search(text, s, e)
            quoted = end and end.start()
        if quoted is not None and quoted < e:
            e = quoted + 1
        nxt = next((sp for sp in spans if sp[0] >= e and not (s <= sp[0] < e)), None)
        if nxt is None or "\n\n\n" in text[e:nxt[0]] or "\n" not in text[e:nxt[0]]:
            continue
        first = text[nxt[0]:nxt[1]]
        # "Projekt jest ...", "Głównym celem projektu jest ...": the project under the heading
        m = r.cue.match(first, r.heading_follow.match(first).end())
        weak = m and _cue_form(m.group()) in r.strict | r.quoted_only  # "Nagrodę odebrał ..."
        # "Seminarium to było adresowane ...": "to" points back to an event named before the
        # line above (an advert, a caption), which is then not its name
        weak = weak or (m and _ANAPHORA.match(first, m.end()) and m.group()[:5].lower() in text[:s].lower())
        if not m or weak or not re.match(r"\s+[a-ząćęłńóśźż]", first[m.end():]) or not _heading_name(text[s:e], r, quoted=bool(quoted)):
            continue
        span = _trim(text, s, e)
        if span:
            out.append(_item(text, span[0], span[1], r.kinds[_cue_form(m.group())], "title_is_name"))
    return out


_LINE = re.compile(r"(?m)^[^\n]+$")
_OPENERS = re.compile("[„«‚]")
# a closing quote at the end of a line, a bracketed period after it ("...” (maj 2008)")
_QUOTE_END = re.compile(rf"[{CLOSE_QUOTES}]\s*(?:\([^()\n]{{0,40}}\))?\s*$")
_ANAPHORA = re.compile(r"\s+(?:ten|ta|tego|tej|tym|to\s+(?:był|była|było|jest|został|zostało|została|odbył|odbyło|odbyła|ma|miało|miał|miała)\b)")
_YEAR_AFTER = re.compile(r"\s*\(\d{4}(?:\s*[-–]\s*\d{4})?\)\s*$")


_CAPITAL_JOINER = re.compile(r"(?:W|We|Z|Ze|Na|Dla|Do|O|Od|I|Oraz|Po|Przez|Jak|Czy)")


def _heading_titled(text: str, s: int, e: int, r: Rules) -> dict | None:
    """A heading that is a name headed by a cue noun in the nominative ("Seminarium
    Gratulacyjne", "Forum Wójtów 2024"); a headline in Title Case ("Konferencja Na Temat
    Budżetu") or with a verb is not."""
    span = _trim(text, s, e)
    if not span:
        return None
    heading = text[span[0]:span[1]]
    m = r.titled.match(heading)
    if not m or m.group("adj") or m.end() != len(heading):
        return None
    head, kind, _ = r.titled_heads[m.group("head")]
    words = heading.split()
    if m.group("head") != head or len(words) > 6 or _has_verb(words) or _participle(words) or _is_shouting(heading) \
            or any(_CAPITAL_JOINER.fullmatch(w) for w in words[1:]):
        return None
    chain = m.group("chain")
    must, must_not = r.titled_chain[head]
    content = [w for w in chain.split() if w not in _JOINERS and not _YEAR_ONLY.match(w)]
    if (must and not must.search(chain)) or (must_not and must_not.search(chain)) or not content \
            or all(map(_only_proper, content)) or (head not in r.titled_owned and _ORG_WORD.search(chain)):
        return None
    return _item(text, span[0], span[1], kind, "titled_heading")


def _heading_name(heading: str, r: Rules, quoted: bool = False) -> bool:
    """Could this heading be a name (not a headline, a label or a section title)? A
    headline has a verb; a quoted title may ("„Nikt za nas tego nie zrobi”")."""
    heading = _space(heading)
    words = _TITLE_WORDS.findall(heading)
    if words and words[0].endswith(":") and _proper(words[0][:-1]):
        return False  # "Kolbuszowa: Polak, Węgier dwa bratanki": a town's news headline
    # (two commas make a list of topics, "Aktywizacja, Ekologia, Turystyka", not a name)
    return (1 < len(words) <= 14 and words[0].lower() not in r.headline_heads and heading[-1] not in ".!?:;,"
            and heading.count(",") < 2 and not _is_shouting(heading)
            and bool(re.match(rf"[{UPPER}„\"]", heading)) and not r.cue.search(heading)
            and (quoted or not _has_verb(words)) and _valid(heading, r, quoted=True))


def _participle(words: list[str]) -> bool:
    """Is one of the words only a participle ("Konkurs Rozstrzygnięty": a headline)?"""
    return any(t and t <= {"ppas", "pact", "ger", "fin", "praet"} for t in map(_pos, words))


def _has_verb(words: list[str]) -> bool:
    """Does a title contain a finite verb or participle-like predicate (a headline)?"""
    verbal = {"fin", "praet", "impt", "imps", "bedzie", "pred", "inf"}
    return any(t and t <= verbal for t in map(_pos, words))


@lru_cache(maxsize=8192)
def _pos(word: str) -> frozenset[str]:
    """The parts of speech morfeusz2 gives a word (punctuation around it stripped)."""
    return frozenset(a.tag.split(":")[0] for a in morph.segments(word.strip(".,;:!?\"„”")))


def _cue_spans(sent: str, r: Rules) -> list[tuple[int, int]]:
    """Spans of the matches of ``r.cue`` in ``sent``."""
    return [(h.start, h.end) for h in r.cues.matches(sent)]


def _in_sentence(text: str, s: int, e: int, r: Rules, titled: list[dict]) -> list[dict]:
    """Names in the sentence text[s:e]; ``titled``: its names headed by a capitalised cue
    (layer "titled")."""
    sent = text[s:e]
    shouting = _is_shouting(sent)
    out = []
    cues = _cue_spans(sent, r)
    for cs, ce in cues:
        kind = r.kinds[_cue_form(sent[cs:ce])]
        if kind in ("programme", "competition") and _funding_context(sent[:cs]):
            continue  # "finansowany ... w ramach programu X": the money's way, extract/programmes.py
        if cs > 0 and sent[cs - 1] in OPEN_QUOTES:
            continue  # "wykład pt. „Partnerstwo publiczno-prywatne”": the cue opens a quoted name
        if kind == "programme" and r.programme_bodies.search(sent, max(0, cs - 40), cs):
            continue  # "Punkt Kontaktowy Programu „X”": a programme with such bodies pays
        span = _name_after(sent, cs, ce, r, shouting)
        form = _cue_form(sent[cs:ce])
        if span and form in r.strict and not (
                span[2] == "quoted_after_cue" and r.strong.search(r.after.match(sent, ce).group("conn"))):
            continue  # "spotkanie" names an event only as "spotkanie pt. „X”"
        if span and kind == "programme" and span[2] in _QUOTED_RULES and _genitive_only(sent[span[0]:span[1]]):
            continue  # "programów „Festiwalu Miast”": the festival's agenda, no programme's name
        if span and form in r.quoted_only and span[2] not in _QUOTED_RULES:
            continue  # "nagroda" names a prize only in quotes: "Nagrody „Lider Samorządu”"
        if span and form in r.in_name and sent[cs].isupper() and span[2] == "capitalised_after_cue":
            span = (cs, span[1], span[2])  # "Study Tour To Poland": the cue begins the name
        elif span and span[2] not in _QUOTED_RULES + ("clause_after_connector",) \
                and cs > 0 and sent[cs].isupper():
            # (but "Konferencji programowej: X": a connector says the name follows)
            # "Kongresie Regionów" heads its own name (_titled); "Centrum Projektów Polska
            # Cyfrowa" is a name with the cue inside
            continue
        if not span and form not in r.strict | r.quoted_only:
            span = _named_further(sent, ce, cues, r)
        if span:
            item = _item(text, s + span[0], s + span[1], kind, span[2])
            if span[2] == "capitalised_after_cue":
                item["name"] = _nominative(item["name"])
            out.append(item)
        if span and span[2] in ("quoted_after_cue", "quoted_after_owner"):
            out.extend(_item(text, s + a, s + b, kind, "quoted_list_after_cue")
                       for a, b in _quoted_list(sent, span[1], r))
    if r.any_head.search(sent):  # (every match of ordinal_lower holds a head form)
        out.extend(_ordinal_lower(text, s, sent, r))
    if not shouting:
        # "dofinansowany ... w ramach Programu Kultura": the money's way (extract/programmes.py)
        # ("Komitet Sterujący Programu X": a programme with such bodies pays)
        out.extend(it for it in titled
                   if it["kind"] != "programme" or not (_funding_context(sent[:it["start"] - s]) or (
                       _funding_context(sent[it["end"] - s:]) and not _FINANCED.match(sent, it["end"] - s))
                       or r.programme_bodies.search(text, max(0, it["start"] - 40), it["start"])))
    # both branches of to_cue hold a cue: a sentence without one cannot match
    m = r.to_cue.match(sent) if cues else None
    group = "name" if m and m.group("name") else "qname"
    if m and not (shouting and m.group(group)[0] not in OPEN_QUOTES):
        a, b = m.span(group)
        rule = "quoted_to_cue" if sent[a] in OPEN_QUOTES else "name_to_cue"
        if rule == "quoted_to_cue":
            a, b = a + 1, b - 1
        kind = r.kinds[_cue_form(m.group("cue" if group == "name" else "qcue"))]
        span = _trim(sent, a, b)
        # "Szkoła Liderów to jeden z programów", "X to projekt": the sentence says what the
        # name is, so a name that starts like an institution's may stand
        says = group == "name" and (_ONE_OF.fullmatch(m.group("between")) or (
            not m.group("between") and _nominative_first(m.group("cue")) == 2))
        if span and _valid(sent[span[0]:span[1]], r, quoted=rule == "quoted_to_cue", org_ok=bool(says)):
            out.append(_item(text, s + span[0], s + span[1], kind, rule))
    return out


_ONE_OF = re.compile(r"jed(?:en|na|no)\s+z\s+")
# "Programu X, finansowanego ze środków Y": X is financed, an initiative (money after a name
# otherwise says the programme pays: "Program X przewiduje połowę środków")
_FINANCED = re.compile(r"[\s,]*(?:\w+\s+)?(?:współ|do|s)?finansowan", re.I)
# "projekcie realizowanym przez Zrzeszenie X pt. „Y”": a naming connector and a quote
# further on, past the words that say who runs it
# ("w ramach programu finansowanego przez UE – „X”": a dash before the quote does as well)
_NAMED_FURTHER = re.compile(r"(?<!\w)(?:pt|pn|p\.\s?t|p\.\s?n)\.?\s*:?\s*(?=[„\"“])|(?<!\w)pod\s+(?:nazwą|tytułem|hasłem)\s*:?\s*(?=[„\"“])"
                            r"|(?<=\s)[-–—]\s*(?=[„\"“])")


def _named_further(sent: str, ce: int, cues: list[tuple[int, int]], r: Rules):
    """(start, end, rule) of a quoted name announced by a naming connector up to 150
    characters after the cue ending at ``ce``, with no other cue or sentence end between."""
    stop = min([cs for cs, _ in cues if cs >= ce] + [ce + 150, len(sent)])
    m = _NAMED_FURTHER.search(sent, ce, stop)
    if not m or any(ch in sent[ce:m.start()] for ch in ".;!?\n"):
        return None
    close = _closing_quote(sent, m.end() + 1)
    span = close is not None and _trim(sent, m.end() + 1, close)
    if span and _valid(sent[span[0]:span[1]], r, quoted=True):
        return span + ("quoted_after_connector",)
    return None


def _name_after(sent: str, cue_start: int, pos: int, r: Rules, shouting: bool):
    """(start, end, rule) of the name that follows a cue noun ending at ``pos``, or None."""
    m = r.after.match(sent, pos)
    filled, connected = bool(m.group("fill").strip()), m.group("conn").strip()
    at = m.end()
    if at >= len(sent):
        return None
    if _opens_quote(sent, at):
        close = _closing_quote(sent, at + 1)
        if close is None:
            return None
        span = _trim(sent, at + 1, close)
        if span and _valid(sent[span[0]:span[1]], r, quoted=True):
            return span + ("quoted_after_cue",)
        return None
    if not re.match(rf"[{UPPER}0-9]", sent[at]):
        return None
    # "w projekcie fundacji Terra Humana „X”": the owner's name stands between cue and quote
    owner = _OWNER.match(sent, at)
    inside_name = re.search(rf"{CAP}\s+$", sent[:cue_start])  # "Centrum Partnerstwa Społecznego „Dialog”"
    if owner and not inside_name and not r.doc_prefixes.match(owner.group()) and _opens_quote(sent, owner.end()):
        close = _closing_quote(sent, owner.end() + 1)
        span = close is not None and _trim(sent, owner.end() + 1, close)
        if span and _valid(sent[span[0]:span[1]], r, quoted=True):
            return span + ("quoted_after_owner",)
    # a name whose opening quote was lost (":X”"): a closing quote ends it
    close = _closing_quote(sent, at)
    # (not when the cue stands inside a quotation the quote closes: "działania „Wsparcie ...
    # w ramach inicjatywy LEADER” Programu X")
    if close is not None and close - at <= 150 and not any(q in sent[at:close] for q in OPEN_QUOTES) \
            and not _quote_open(sent[:cue_start]):
        span = _trim(sent, at, close)
        if span and _valid(sent[span[0]:span[1]], r, quoted=True):
            return span + ("broken_quote_after_cue",)
    # "projektu stażowego Dobre zarządzanie, w ramach którego ...": a sentence-case name
    # closed by a comma and a relative clause about the initiative
    rel = _BEFORE_RELATIVE.match(sent, at)
    if rel and not shouting and not r.not_after.search(sent[:cue_start]):
        span = _trim(sent, at, rel.end("name"))
        name = span and sent[span[0]:span[1]]
        if name and _valid(name, r, quoted=False, chain=False) and not _only_proper(name.split()[0]) \
                and not _has_verb(name.split()):
            return span + ("name_before_relative",)
    strong = connected and r.strong.search(m.group("conn"))
    # ("projektu współpracy pod nazwą X": words between the cue and a strong connector)
    if (filled and not strong) or shouting:
        return None
    if strong and not r.not_after.search(sent[:cue_start]) and sent[at].isupper():
        end = r.clause_end.search(sent, at)
        stop = _verb_stop(sent, at, end.start() if end else len(sent))
        joiner = _TRAILING_JOINER.search(sent, at, stop)
        stop = joiner.start() if joiner else stop  # "X – MULTICEL i miała": the joiner is the clause's
        span = _trim(sent, at, stop)
        # (a conference's title may be long: up to 300 characters)
        if span and span[1] - span[0] <= 300 and _valid(sent[span[0]:span[1]], r, quoted=False, chain=False):
            return span + ("clause_after_connector",)
    c = CHAIN.match(sent, at)
    if c and not _plural_genitive(c.group().split()[:2]):
        span = _trim(sent, c.start(), _subtitle_end(sent, c.start(), _cut_owner(sent, c.start(), _cut_place(sent, c.start(), c.end()))))
        span = span and _trim(sent, span[0], _cut_person(sent, *span))
        if span and _valid(sent[span[0]:span[1]], r, quoted=False):
            return span + ("capitalised_after_cue",)
    return None


def _plural_genitive(words: list[str]) -> bool:
    """Are the first words of a chain only ever plural (genitive or locative)? "seminarium
    Lokalnych Grup Działania" names who meets (a body in the plural), not the event."""
    return len(words) == 2 and all(map(_only_plural, words))


@lru_cache(maxsize=4096)
def _only_plural(word: str) -> bool:
    tags = [a.tag.split(":") for a in morph.segments(word)]
    nominal = [t for t in tags if t[0] in ("subst", "adj") and len(t) > 2]
    return bool(nominal) and all(t[1] == "pl" and set(t[2].split(".")) <= {"gen", "loc", "acc"} for t in nominal)


_WORD_AT = re.compile(r"\s+([^\W\d_]+)")
_VERBAL = frozenset({"fin", "praet", "bedzie", "imps"})


def _verb_stop(sent: str, at: int, stop: int) -> int:
    """End of an unquoted name before the clause's verb: "projekt pn. Wspólne drogi gmin
    jest realizowany" -> "Wspólne drogi gmin" (a word that can only be a finite verb)."""
    for m in _WORD_AT.finditer(sent, sent.find(" ", at) if " " in sent[at:stop] else stop, stop):
        tags = _pos(m.group(1))
        if tags and tags <= _VERBAL:
            return m.start()
    return stop


_TRAILING_JOINER = re.compile(r"\s+(?:i|oraz|a|lecz|ale)\s*$")
_BEFORE_RELATIVE = re.compile(
    rf"(?P<name>[{UPPER}][a-ząćęłńóśźż]+(?:\s+[a-ząćęłńóśźż-]+){{1,5}}),\s+(?:w\s+ramach\s+|dzięki\s+|w\s+)?któr")
_QUOTED_RULES = ("quoted_after_cue", "broken_quote_after_cue", "quoted_after_owner", "quoted_after_connector")
# an organisation's capitalised name (up to six words) right before a quoted name
_OWNER = re.compile(rf"{CAP}(?:\s+(?:(?:i|w|im\.)\s+)?{CAP}){{0,5}}\s*(?=[{OPEN_QUOTES}”])")


def _opens_quote(sent: str, at: int) -> bool:
    """Does a quoted name open at ``at``? Also "pn.”Liderzy zmian”": a closing quote typed
    as the opener, right before a word."""
    if at >= len(sent):
        return False
    # (",,X”": an opening quote typed as two commas, the second one opens the name)
    return sent[at] in OPEN_QUOTES or sent.startswith(",,", at) or (
        sent[at] == "”" and at + 1 < len(sent) and sent[at + 1].isalnum()
        and (at == 0 or not sent[at - 1].isalnum()))


_SUBTITLE = re.compile(r"(?:\s+[a-ząćęłńóśźż]+){1,5}(?=\s*(?:[.,;:]\s|[.,;:]?$))")


def _subtitle_end(sent: str, a: int, b: int) -> int:
    """A subtitle after a dash is written in sentence case and runs to the end of the
    clause: "programu RITA – Przemiany w regionie." """
    if re.search(r"\s[-–—]\s+\S+$", sent[a:b]):
        m = _SUBTITLE.match(sent, b)
        if m:
            return m.end()
    return b


def _titled(text: str, s: int, sent: str, r: Rules) -> list[dict]:
    """Names headed by a capitalised cue noun: "w Kongresie Regionów" -> "Kongres Regionów"."""
    out = []
    if not r.any_head.search(sent):
        return out  # every match holds a head form; this finds one much faster than ``titled``
    for m in r.titled.finditer(sent):
        # (not the dot of an ordinal: "5. Kongresu")
        if not sent[:m.start("head")].strip(" (") or re.search(r"(?:(?<!\d)[.!?]|\))\s*$", sent[:m.start("head")]):
            continue  # a capital at the start of a sentence says nothing
        head, kind, gender = r.titled_heads[m.group("head")]
        span = _trim(sent, m.start("chain"), _cut_place(sent, m.start("chain"), m.end("chain")))
        span = span and _trim(sent, span[0], _cut_person(sent, *span))
        if not span:
            continue
        span = (span[0], _drop_trailing_word(sent, *span))
        span = (span[0], _listed_end(sent, span[1], r))
        cut = _next_name(sent, m.group("head"), *span, r)
        if cut < span[1]:  # the second name is read on its own
            out.extend(_titled(text, s + cut, sent[cut:], r))
            joined = _JOINED.match(sent, cut).group(1)
            if joined not in r.titled_heads and not joined.isupper():
                continue  # "pomiędzy Kongresem X i Sejmikiem Y": paired with a body, a body too
            span = (span[0], cut)
        chain = sent[span[0]:span[1]]
        words = [w for w in chain.split() if w not in _JOINERS and not _YEAR_ONLY.match(w)]
        quoted = re.match(r"\s*[-–—:]?\s*[" + OPEN_QUOTES + "]", sent[span[1]:])
        if quoted and head in r.titled_quoted and not _ORG_WORD.search(chain):
            close = _closing_quote(sent, span[1] + quoted.end())
            if close is not None:  # "Sieci Wymiany Doświadczeń „Miasto cyfrowe”": one name
                span, quoted = (span[0], close + 1), None
                chain = sent[span[0]:span[1]]
        if quoted or (head not in r.titled_owned and _ORG_WORD.search(chain)) or (
                head in r.titled_quoted and sent[span[1] - 1] not in CLOSE_QUOTES):
            # ("Sieci Miast Cittaslow" without a quoted part is a body of towns, a participant)
            continue  # "Programu Fundacji X „Y”": the programme's name is Y, X runs it
        if not words or all(map(_only_proper, words)) or all(w.isupper() for w in words):
            continue
        must, must_not = r.titled_chain[head]
        if (must and not must.search(chain)) or (must_not and must_not.search(chain)):
            continue  # "Zgromadzenie Wspólników", "Nagroda Marszałka": not an initiative
        before = list(re.finditer(r"\S+", m.group("adj")))
        while before and (_ORDINAL.fullmatch(before[0].group()) or _deictic(before[0].group(), r)):
            # "III Europejskiego": a leading ordinal is read below; "Tegoroczny Kongres X"
            # is "Kongres X" this year
            before.pop(0)
        # an ordinal between the adjectives stays where it is: "Jubileuszowego XX Kongresu"
        # (an adjective must agree with the head's case: "Przewodniczący Konwentu" is a
        # function, the chair of the convention, not part of its name)
        adjectives = [w.group() if _ORDINAL.fullmatch(w.group()) else
                      _agrees(m.group("head"), w.group(), gender) and _adj_nominative(w.group(), gender)
                      for w in before]
        start = m.start("head")
        if adjectives and all(adjectives):
            start = m.start("adj") + before[0].start()
        else:
            adjectives = []
        lead = _ORDINAL_BEFORE.search(sent, 0, start)  # "XXVIII Zgromadzeniu", "III Europejskiego"
        if lead and lead.group(1)[0].isdigit() and _counted(sent[:lead.start(1)], r):
            lead = None  # "w ramach Działania 2. Programu Kultura": the number is the measure's
        ordinal = [lead.group(1)] if lead else []
        start = lead.start(1) if lead else start
        chain_name = _agreeing(m.group("head"), _space(chain), gender)
        if head == "Program" and not adjectives and _apposition(m.group("head"), chain.split()[0]) \
                and len(words) > 1:
            # "Programu Rozwój Lokalny": a name in the nominative beside the head is the
            # programme's own name ("Programu Rozwoju Lokalnego" is not); one common word
            # is no name without its head ("Programu Kultura": Program Kultura)
            start, name = span[0], _space(chain)
        else:
            name = " ".join(ordinal + adjectives + [head, chain_name])
        if head in r.titled_not and r.titled_not[head].search(name):
            continue  # "Ludowy Kongres Prowincji X": a legislature, a body
        out.append({**_item(text, s + start, s + span[1], kind, "titled_cue"), "name": name})
    return out


def _ordinal_lower(text: str, s: int, sent: str, r: Rules) -> list[dict]:
    """An edition number before a cue noun heads a name even when the rest is in sentence
    case: "VII Forum działalności zagranicznej samorządów lokalnych, zorganizowanego ..."
    (the complements stay as written; no verb among them)."""
    out = []
    for m in r.ordinal_lower.finditer(sent):
        head, kind, _ = r.titled_heads[m.group("head")]
        tail = m.group("tail").split()
        must, must_not = r.titled_chain[head]
        if _has_verb(tail) or any(_pos(w) <= {"conj", "prep", "qub", "adv"} for w in tail[:1]) \
                or (must and not must.search(" ".join(tail))) or (must_not and must_not.search(" ".join(tail))):
            continue
        name = f"{m.group('ord')} {head} {' '.join(tail)}"
        out.append({**_item(text, s + m.start(), s + m.end(), kind, "ordinal_lower"), "name": name})
    return out


def _deictic(word: str, r: Rules) -> bool:
    """Is the word an adjective that says which edition ("Tegorocznym", "Kolejny")?"""
    return any(a.lemma.split(":")[0].lower() in r.deictic for a in morph.segments(word.lower()) if a.tag.startswith("adj"))


_JOINED = re.compile(r"\s+(?:i|oraz)\s+(?:[IVXL]+\s+|\d{1,3}\.\s+)?(\w+)")


def _next_name(sent: str, head_form: str, a: int, b: int, r: Rules) -> int:
    """End of a chain before a second name joined to it: "Forum Przewodniczących Rad i VI
    Forum Skarbników" (a cue noun after "i"), "Kongresem Prowincji X i Sejmikiem
    Województwa Y" (a body's head noun in the head's case; not "Rad Gmin i Sejmików
    Województw", genitives of the name)."""
    for m in _JOINED.finditer(sent, a, b):
        word = m.group(1)
        if (word in r.titled_heads or (word[0].isupper() and head_lemma(word))) and _same_case(head_form, word):
            return m.start()
        if len(word) >= 3 and word.isupper() and m.start() > a:
            return m.start()  # "Programu Aktywizacji Obszarów Wiejskich i SAPARD": a second programme
    return b


@lru_cache(maxsize=4096)
def _same_case(head_form: str, word: str) -> bool:
    """Can ``word`` be a singular noun in a case of the singular noun ``head_form``?"""
    def cases(w: str) -> set[str]:
        return {c for a in morph.segments(w) if a.tag.startswith(("subst:sg", "ger:sg"))
                for c in a.tag.split(":")[2].split(".")}
    return bool(cases(head_form) & cases(word))


# (the last item may take its own genitives: "..., Powiatów i Sejmików Województw")
_LISTED = re.compile(rf"((?:,\s+{CAP})+)\s+(?:i|oraz)\s+({CAP}(?:\s+{CAP}){{0,2}})(?!\s+{CAP})")


def _listed_end(sent: str, end: int, r: Rules) -> int:
    """End of a name whose last part is a list of single capitalised genitives: "Konwent
    Starosty, Burmistrzów i Wójta" (the chain stopped at the first comma)."""
    m = _LISTED.match(sent, end)
    if not m:
        return end
    items = re.findall(r"\S+", m.group(1).replace(",", " ")) + m.group(2).split()
    if any(w in r.titled_heads or not _genitive(w) for w in items):
        return end  # "Forum Miast, Kongres Regionów i ...": two names; "..., Kielce i Radom": a new clause
    return m.end()


@lru_cache(maxsize=4096)
def _genitive(word: str) -> bool:
    """Can the word be a genitive (a complement of the name's head: "Burmistrzów")?"""
    return any(len(t) > 2 and "gen" in t[2].split(".") for t in (a.tag.split(":") for a in morph.segments(word)))


def _counted(before: str, r: Rules) -> bool:
    """Does an arabic number belong to the word before it ("Działania 2.", "priorytetu 4.")
    rather than count the event after it ("podczas 5. Kongresu")?"""
    m = _LAST_WORD.search(before)
    if not m:
        return False
    word = m.group(1)
    # a capitalised noun ("Działania 2."), not a capitalised preposition ("Podczas 5.")
    return bool(r.numbered.match(word.lower())) or (word[0].isupper() and bool(_pos(word) & {"subst", "ger"}))


_LAST_WORD = re.compile(r"(\w+)\s+$")


def _apposition(head_form: str, word: str) -> bool:
    """Is ``word`` a nominative in apposition to the head, not its genitive complement or an
    adjective agreeing with it? After a head form that is not nominative any nominative
    will do ("Programu Lokalne Dialogi"); after "Program" only a noun that cannot be a
    genitive ("Program Kultura", not "Program Rozwoju" nor "Program Operacyjny")."""
    tags = [a.tag.split(":") for a in morph.segments(word)]
    nominative = [t for t in tags if len(t) > 2 and t[0] in ("subst", "adj") and "nom" in t[2].split(".")]
    if not nominative:
        return False
    if head_form != "Program":
        return True
    return all(t[0] == "subst" for t in nominative) and not any(
        len(t) > 2 and "gen" in t[2].split(".") for t in tags)


_ORDINAL = re.compile(r"[IVXL]+|\d{1,3}\.")
_ORDINAL_BEFORE = re.compile(r"(?<![\w.])([IVXL]+|\d{1,3}\.)\s+$")


@lru_cache(maxsize=4096)  # pure in its strings; pages repeat their names
def _agreeing(head_form: str, chain: str, gender: str) -> str:
    """The chain with the adjectives that agree with the head in the nominative:
    "Zgromadzeniu Ogólnym Związku" -> "Ogólne Związku" (a genitive complement stays)."""
    words = chain.split()
    cases = {c for a in morph.segments(head_form) if a.tag.startswith("subst:sg")
             for c in a.tag.split(":")[2].split(".")}
    for i, w in enumerate(words):
        agree = any(t[0] == "adj" and t[1] == "sg" and cases & set(t[2].split(".")) and gender in t[3].split(".")
                    for t in (a.tag.split(":") for a in morph.segments(w)))
        nominative = agree and _adj_nominative(w, gender)
        if not nominative:
            break
        words[i] = nominative
    return " ".join(words)


@lru_cache(maxsize=4096)
def _agrees(head_form: str, word: str, gender: str) -> bool:
    """Can ``word`` be an adjective agreeing with the noun form ``head_form`` (same case,
    singular, ``gender``)? "Europejskim Kongresie" agrees, "Przewodniczący Konwentu" not."""
    cases = {c for a in morph.segments(head_form) if a.tag.startswith("subst:sg")
             for c in a.tag.split(":")[2].split(".")}
    return any(t[0] in ("adj", "pact", "ppas") and t[1] == "sg" and cases & set(t[2].split("."))
               and gender in t[3].split(".") for t in (a.tag.split(":") for a in morph.segments(word)))


_PERSON = re.compile(rf"(?<!im\.)\s+([{UPPER}][a-ząćęłńóśźż]+)\s+([{UPPER}][a-ząćęłńóśźż-]+)")


def _cut_person(sent: str, a: int, b: int) -> int:
    """End of a chain without a person's name glued after it: "prezes Konwentu Współpracy
    X Stanisław Nowak" (a first name, then a surname, names who holds the function)."""
    for m in _PERSON.finditer(sent, a, b):
        if m.start() > a and _name_tag(m.group(1), "imię") and _name_tag(m.group(2), "nazwisko"):
            return m.start()
    return b


@lru_cache(maxsize=4096)
def _name_tag(word: str, tag: str) -> bool:
    """Is ``word`` (nominative) tagged as a first name / surname by morfeusz2?"""
    return any(tag in a.quals and ":nom" in a.tag for a in morph.segments(word))


def _drop_trailing_word(sent: str, a: int, b: int) -> int:
    """End of a chain without a shouted common word after it ("... Polskich TUTAJ")."""
    m = re.search(r"\s+(\w+)$", sent[a:b])
    if m and m.group(1).isupper() and len(m.group(1)) > 2:
        tags = {x.tag.split(":")[0] for x in morph.segments(m.group(1).lower())}
        if tags and tags <= {"adv", "qub", "conj", "comp", "prep", "interj", "fin", "impt", "praet", "inf"}:
            return a + m.start()
    return b


@lru_cache(maxsize=4096)
def _only_proper(word: str) -> bool:
    """Is the word only ever a place or a person's name ("Kielc", not "Sołtysa")?"""
    analyses = morph.segments(word.strip(".,"))
    tags = {"nazwa_geograficzna", "imię", "nazwisko"}
    return bool(analyses) and all(set(a.quals) & tags for a in analyses)


def _cut_place(sent: str, a: int, b: int) -> int:
    """End of a capitalised chain without a trailing place ("... Samorządów w Mikołajkach")."""
    m = re.search(r"\s+(?:w|we|z|ze|na|do|od)\s+(?P<rest>[^\s].*)$", sent[a:b])
    if m and all(_proper(w) for w in m.group("rest").split() if w not in _JOINERS):
        return a + m.start()
    return b


def _cut_owner(sent: str, a: int, b: int) -> int:
    """End of a capitalised chain before the organisation that runs it: "programu Masz Głos
    Fundacji Batorego" -> "Masz Głos" (the owner's name is no part of the initiative's)."""
    m = _ORG_WORD.search(sent, a + 1, b)
    return m.start() if m and sent[m.start() - 1] == " " else b


_ORG_WORD = re.compile(r"\b(?:Fundacj|Stowarzyszeni|Ministerstw|Urzęd|Agencj|Instytut|Uniwersytet|Związk|Towarzystw|Ambasad|Konsulat)\w*|Narodów\s+Zjednoczonych")


@lru_cache(maxsize=2048)
def _adj_nominative(word: str, gender: str) -> str | None:
    """A capitalised adjective in the nominative singular of ``gender``, or None
    ("Szwajcarsko-Ukraińskiego" -> "Szwajcarsko-Ukraiński": only the last part inflects)."""
    if "-" in word:
        head, _, last = word.rpartition("-")
        tail = _adj_nominative(last, gender)
        return tail and f"{head}-{tail[0].lower() + tail[1:] if last[0].islower() else tail}"
    lemmas = {a.lemma for a in morph.segments(word) if a.tag.startswith("adj:")}
    for lemma in sorted(lemmas):
        for form, tag, _quals in morph.generate(lemma):
            parts = tag.split(":")
            if len(parts) > 3 and parts[1] == "sg" and "nom" in parts[2].split(".") \
                    and gender in parts[3].split(".") and parts[-1] == "pos":
                return form[0].upper() + form[1:]
    return None


_LIST_JOINER = re.compile(rf"[{CLOSE_QUOTES}]?\s*(?:,|;|\bi\b|\boraz\b|\ba\s+także\b)\s*(?=[{OPEN_QUOTES}])")


def _quoted_list(sent: str, end: int, r: Rules) -> list[tuple[int, int]]:
    """Further quoted names listed after the first: "projekty: „A”, „B” i „C”"."""
    out = []
    while True:
        m = _LIST_JOINER.match(sent, end)
        if not m:
            return out
        close = _closing_quote(sent, m.end() + 1)
        span = close is not None and _trim(sent, m.end() + 1, close)
        if not span or not _valid(sent[span[0]:span[1]], r, quoted=True):
            return out
        if not out and "," in m.group() and _foreign(sent[span[0]:span[1]]) \
                and not _LIST_JOINER.match(sent, span[1]):
            return out  # "„Przyjdźcie na …”, „Zveme Vás na …”": the name in the partner's language
        out.append(span)
        end = span[1]


def _genitive_only(name: str) -> bool:
    """Is the name's first word a genitive and never a nominative ("Festiwalu ...", "Dni
    ...", not "Senior+" nor "Rozwój ...")? Such a quoted phrase complements the noun before
    it ("program „Festiwalu X”": the festival's agenda) instead of naming it."""
    tags = [a.tag.split(":") for a in morph.segments(name.split()[0].strip(OPEN_QUOTES + ",.:"))]
    cases = {c for t in tags if len(t) > 2 and t[0] in ("subst", "adj", "ger") for c in t[2].split(".")}
    return "gen" in cases and "nom" not in cases and not any(t[0] == "ign" for t in tags)


def _foreign(name: str) -> bool:
    """Are at least half of the name's words unknown to morfeusz2 (not Polish)?"""
    words = re.findall(r"[^\W\d_]{2,}", name)
    return bool(words) and 2 * sum(_pos(w) == {"ign"} for w in words) >= len(words)


def _closing_quote(sent: str, start: int) -> int | None:
    """Index of the quote closing a name that starts at ``start`` (a closing quote
    followed by a non-letter, so an apostrophe inside a word does not end it), within 300
    characters and on the same line."""
    # (the quotes and line ends found by one regex scan, not a Python loop per character)
    for m in _QUOTE_OR_LINE_END.finditer(sent, start, min(len(sent), start + 300)):
        i = m.start()
        if sent[i] == "\n":
            return None
        if i + 1 == len(sent) or not sent[i + 1].isalpha():
            return i if i > start else None
    return None


_QUOTE_OR_LINE_END = re.compile(f"[{re.escape(CLOSE_QUOTES)}\n]")


def _trim(sent: str, a: int, b: int):
    """Shrink (a, b) past spaces, stray punctuation and a leading "projekt"/"pn."."""
    while a < b and (sent[a].isspace() or sent[a] in ":;,-–—" + OPEN_QUOTES):
        a += 1
    lead = _LEAD.match(sent[a:b])
    if lead and b - a > lead.end() + 2:
        a += lead.end()
    while b > a and (sent[b - 1].isspace() or sent[b - 1] in ",;:-–—" + CLOSE_QUOTES):
        b -= 1
    # a final dot belongs to the sentence unless it closes "r." or an abbreviation
    if b > a and sent[b - 1] == "." and not _ABBREVIATION_END.search(sent[a:b]):
        b -= 1
    return (a, b) if b - a >= 3 else None


# (compiled once: _trim runs for every name candidate)
_LEAD = re.compile(r"(?:projekt|pn\.|pt\.)\s*:?\s+", re.I)
_ABBREVIATION_END = re.compile(r"\b(?:r|im|św|nr)\.$")


_COUNT = re.compile(r"\s*\(\d+\)\s*$")


def _valid(name: str, r: Rules, *, quoted: bool, chain: bool = True, org_ok: bool = False) -> bool:
    # ("Galeria zdjęć (51)": a stop phrase with its count)
    if not re.search(r"[^\W\d_]{2}", name) or _norm(_COUNT.sub("", name)) in r.stop:
        return False
    if quoted:
        # "projekt jako „best practice”": a foreign phrase in quotes, not a name (a name
        # has a capital letter somewhere: „Smart City”, „mObywatel”); nor is one lower-case
        # word ("cykl konferencji „transgranicznych”": a word set off, an adjective)
        return len(name) <= 250 and not (name == name.lower() and (_foreign(name) or " " not in name))
    if r.org_prefixes.match(name) and not org_ok:
        return False
    words = [w for w in name.split() if w not in _JOINERS and not _YEAR_ONLY.match(w)]
    if chain and (_CAPITAL_JOINER.fullmatch(words[0] if words else "") or _has_verb(words)):
        return False  # "Konferencja Na Temat Budżetu", "Kongres Odbył Się": a Title Case headline
    if chain:
        # one capitalised word after a cue is a place, a person or an acronym, not a name;
        # so are chains of places and persons ("partnerstwa Kielc i Winnicy")
        # (a name the sentence states as such only must not be all place/person names)
        proper = _only_proper if org_ok else _proper
        return len(words) >= 2 and not all(w.isupper() for w in words) and not all(map(proper, words))
    return len(words) >= 2


@lru_cache(maxsize=4096)
def _proper(word: str) -> bool:
    """Can the word be a place or a person's name (morfeusz2 lemma tags)?"""
    tags = {"nazwa_geograficzna", "imię", "nazwisko"}
    return any(set(a.quals) & tags for a in morph.segments(word.strip(".,")))


def _item(text: str, a: int, b: int, kind: str, rule: str) -> dict:
    name = _space(text[a:b])
    return named(name, text[a:b], a, b, rule, kind=kind)


def _outermost(items: list[dict]) -> list[dict]:
    """Drop names found inside another name ("Program Rozwoju" inside „Kierunek Przyszłość –
    Starachowicki Program Rozwoju Lokalnego”)."""
    return [it for it in items if not any(
        o is not it and o["start"] <= it["start"] and it["end"] <= o["end"]
        and (o["end"] - o["start"]) > (it["end"] - it["start"]) for o in items)]


def _merge(items: list[dict]) -> list[dict]:
    """One item per initiative: variants (with/without a year, longer/shorter) grouped,
    named by the most complete form, kind by majority of the cues that named it."""
    groups = merge_groups(items)
    merged = []
    for group in groups:
        best = max(group, key=lambda it: (_nominative_first(it["name"]), len(_norm(it["name"])), -it["start"]))
        kinds: Counter = Counter()
        for it in group:  # a cue noun that heads the name says less than one before it
            kinds[it["kind"]] += 0.5 if it["rule"] == "titled_cue" else 1.0
        kind = max(kinds, key=lambda k: (kinds[k], -min(it["start"] for it in group if it["kind"] == k)))
        merged.append({**best, "kind": kind})
    return sorted(merged, key=lambda it: it["start"])


_YEARS = re.compile(r"\s*\b\d{4}(?:\s?r\.)?(?!\w)")


def merge_groups(items: list[dict]) -> list[list[dict]]:
    """Items grouped by name variants; an item that matches two groups joins them."""
    groups: list[list[dict]] = []
    for item in items:
        hits = [g for g in groups if any(_same(item["name"], other["name"]) for other in g)]
        for g in hits[1:]:
            hits[0].extend(g)
            groups.remove(g)
        if hits:
            hits[0].append(item)
        else:
            groups.append([item])
    return groups


@lru_cache(maxsize=8192)
def _same(a: str, b: str) -> bool:
    (na, stems_a, ya, year_stems_a), (nb, stems_b, _, year_stems_b) = _variant_keys(a), _variant_keys(b)
    if na == nb or stems_a == stems_b:
        return True
    if " " in ya and year_stems_a == year_stems_b:
        return True  # „Lider Samorządu” and „Lider Samorządów 2016”
    short, long_ = sorted((na, nb), key=len)
    if long_.startswith(short) and not long_[len(short)].isalnum():
        return True
    # "Kongres Samorządów" in "III Europejski Kongres Samorządów", "Rozwój Lokalny" in
    # "Program Rozwój Lokalny": a name behind at most two words (ordinals, adjectives, the
    # cue noun); a one-word name is too weak a witness
    if " " in short and long_.endswith(" " + short) and len(long_[: -len(short)].split()) <= 2:
        return True
    if _acronym_of(a, b) or _acronym_of(b, a):
        return True
    # real_quick_ratio() (computed here without building the matcher, the same float) and
    # quick_ratio() are upper bounds of ratio(): most pairs are ruled out without it
    total = len(na) + len(nb)
    if total and 2.0 * min(len(na), len(nb)) / total < 0.9:
        return False
    matcher = difflib.SequenceMatcher(None, na, nb)
    return matcher.quick_ratio() >= 0.9 and matcher.ratio() >= 0.9


@lru_cache(maxsize=8192)
def _variant_keys(name: str) -> tuple[str, tuple[str, ...], str, tuple[str, ...]]:
    """What ``_same`` compares of a name, worked out once per name: its normal form without
    an edition number ("XXVIII Zgromadzenie ..."; it says which time, not which
    initiative), that form's stems, and both without years."""
    n = _norm(" ".join(_strip_ordinal(name.split())))  # (before lower-casing: "XX", not "xx")
    # "... na lata 2014 – 2020" and "... 2014-2020": one programming period, written two ways
    n = _PERIOD_WORDS.sub(r"\1-\2", n)
    n = _DASH_SPACES.sub("-", n)  # "Polska - Saksonia" and "Polska-Saksonia": one name
    y = _YEARS.sub("", n).strip()
    return n, _stems(n), y, _stems(y)


_DASH_SPACES = re.compile(r"\s*-\s*")
_PERIOD_WORDS = re.compile(r"(?:\b(?:na\s+lata|w\s+latach|lata)\s+)?(\d{4})\s*-\s*(\d{4})")


def _strip_ordinal(words: list[str]) -> list[str]:
    return words[1:] if words and _ORDINAL.fullmatch(words[0]) else words


def _acronym_of(short: str, long_: str) -> bool:
    """"Zgromadzenie Ogólne ZPP" for "Zgromadzenie Ogólne Związku Powiatów Polskich": the
    same beginning, then an acronym of the rest's capitalised words."""
    sw, lw = (_strip_ordinal(n.split()) for n in (short, long_))
    if len(sw) < 2 or len(sw) > len(lw) or not (sw[-1].isupper() and len(sw[-1]) >= 2):
        return False
    if [_norm(w) for w in sw[:-1]] != [_norm(w) for w in lw[:len(sw) - 1]]:
        return False
    initials = "".join(w[0] for w in lw[len(sw) - 1:] if w[0].isupper())
    return initials == sw[-1]


def _nominative(name: str) -> str:
    """A capitalised name read after its cue in another case ("konferencja Partnerskiej
    Inicjatywy Miast") in the nominative: its first noun phrase goes to the nominative
    (extract/morph.py), genitive complements stay as written."""
    if _nominative_first(name):
        return name
    words = name.split()
    for i, w in enumerate(words[:3]):
        tags = [a.tag.split(":")[0] for a in morph.segments(w)]
        if i == 0 and ("fin" in tags or "impt" in tags):
            return name  # "Masz Głos": a name that opens with a verb is a slogan, as written
        if "subst" in tags:
            # an adjective before the noun fixes its number and case: convert only up to
            # the noun, so "Partnerskiej Sieci Małych Miast" keeps "Małych Miast"
            upto = i + 1 if i else len(words)
            return " ".join(morph.nominative_phrase(words[:upto], i) + words[upto:])
        if "adj" not in tags:
            break
    return name


def _stems(norm: str) -> tuple[str, ...]:
    """Word beginnings: one name in two cases ("partnerskiej inicjatywy miast" and
    "partnerska inicjatywa miast") has the same."""
    return tuple(w if w.isdigit() else w[:max(3, min(5, len(w) - 2))] for w in norm.split())


@lru_cache(maxsize=4096)
def _nominative_first(name: str) -> int:
    """How surely is the name's first word in the nominative (morfeusz2)? 2: singular
    nominative ("Sieć"), 1: plural or not a noun/adjective ("Tygrysy", "RITA"), 0: not."""
    word = _strip_ordinal(name.split())[0].strip("„\"“«") if len(name.split()) > 1 else name.strip("„\"“«")
    tags = [a.tag for a in morph.segments(word)]
    if any(re.search(r":sg:(?:\w+\.)*nom", t) for t in tags):
        return 2
    if any(re.search(r":(?:\w+\.)*nom", t) for t in tags) or not any(
            t.split(":")[0] in ("subst", "adj") for t in tags):
        return 1
    return 0


# rules where the page says what the name is ("X to jeden z programów", a title over
# "Projekt jest ..."): such an initiative is the page's subject, not only its money's way
STATED_RULES = frozenset({"name_to_cue", "quoted_to_cue", "title_is_name"})


def _prefixed(name: str, programme: str) -> bool:
    """"FSM Polska Pomoc": a programme's name behind one word (an acronym, an owner)."""
    n, p = _norm(name), _norm(programme)
    return n.endswith(" " + p) and len(n[: -len(p)].split()) <= 1


def _funding_context(sent: str) -> bool:
    return bool(funding_pattern().search(sent))


def _is_shouting(sent: str) -> bool:
    letters = list(filter(str.isalpha, sent))  # filter/map: C loops, a hot spot per sentence
    return len(letters) >= 6 and sum(map(str.isupper, letters)) / len(letters) > 0.8


@lru_cache(maxsize=4096)  # pure; a page writes the same few cue words again and again
def _cue_form(written: str) -> str:
    """The cue form (a key of Rules.kinds) that a cue as written matched."""
    return fold(_space(written))


def _space(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


_QUOTES = re.compile(r"[\"'„”“«»‚‘’()\[\]{}]")


@lru_cache(maxsize=8192)
def _norm(name: str) -> str:
    """The scorer's normal form: NFC, lower case, no quotes/brackets, one dash, one space."""
    text = unicodedata.normalize("NFC", name).lower()
    text = _QUOTES.sub("", text)
    text = re.sub(r"[‐‑‒–—−]", "-", text)
    return re.sub(r"\s+", " ", text).strip().rstrip(".,;: ").strip()

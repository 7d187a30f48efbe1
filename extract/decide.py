"""The decision stage: which candidate participants and funders the record keeps.

The rule stages (extract/roles.py, unit_participants.py, implied_funders.py) name the
bodies a cue or a knowledge table gives a role; the orgs and persons stages find many
more that no cue reaches ("Organizatorem było Stowarzyszenie X" aside, a page names its
organisers as the subject of a sentence, lists the bodies a study tour visited, ...).
Every one of them is a candidate here: the rules' items, the organisations of the "orgs"
layer that no rule took, the towns of the "places" layer no rule named as a body, and
persons named bare (no function).  Each candidate is
described by NAMED binary features computed from the Doc and its layers only
("src=cue:participant", "sent_cue=funder", "prev=w", "is_lgu", "in_title", ...), and a
logistic model per field scores it: p = sigmoid(bias + sum of the weights of its
features); a rule's item stays when p >= the field's threshold_rules, a new candidate is
added when p >= its threshold_new.

The weights and thresholds are FITTED on the tuning pages of the real-page corpus by
`samorzad train` (transform/train.py, scikit-learn) and stored, readable (feature name ->
weight), in extract/data/decide.json; inference here is pure Python.  With no weights
file (or a field the file has no model for) the rules' items stand as they are.
SAMORZAD_DECIDE_WEIGHTS names another weights file (to try a model before installing it).

Reads the layers "orgs", "persons", "cues", "places", "participants", "funders"; rewrites
"participants" and "funders" (a field the decisions leave as it was is not touched).
"""
from __future__ import annotations

import json
import math
import os
import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from urllib.parse import urlsplit

from extract import knowledge
from extract.items import named
from extract.lexicon import funding_pattern, head_lemma
from extract.matcher import Matcher
from extract.orgs import body_key, is_generic

WEIGHTS = Path(__file__).parent / "data" / "decide.json"
FIELDS = ("participants", "funders")
# the previous word is a feature when it is one of the short words that say how a name
# stands in its sentence (a closed class: prepositions, conjunctions, "być")
_PREV_WORDS = frozenset("w we z ze do dla przez od na przy i oraz a o po u pod nad za jak jako przed między "
                        "wraz lub jest są był była było byli były pan pani".split())
# words of a sentence that speak of bodies acting together; each group is one feature
# ("sent_word=partner"), so the model weighs how much each says
_SENTENCE_WORDS = {
    "partner": r"partner\w*", "cooperation": r"współprac\w*", "agreement": r"porozumie\w*|umow\w*|podpis\w*",
    "visit": r"wizyt\w*|delegacj\w*|gości\w*|odwiedzi\w*", "meeting": r"spotkani\w*|konferencj\w*|szkoleni\w*",
    "award": r"laureat\w*|nagrod\w*|wyróżni\w*|konkurs\w*", "member": r"członk\w*|zrzesz\w*|sieci\w*",
    "project": r"projekt\w*|realizow\w*|realizuj\w*",
}
_SENTENCE_RES = {k: re.compile(rf"(?<!\w)(?:{v})", re.I) for k, v in _SENTENCE_WORDS.items()}
# the same groups behind the pattern engine's literal prefilter: a sentence is searched
# only for the groups whose words it can hold (most sentences hold one or two groups)
_SENTENCE_MATCHER = Matcher(_SENTENCE_RES.items())


def _word_before(before: str) -> str | None:
    r"""The last word (letters only) or mark before the trailing white space of ``before``,
    None when a digit or "_" ends it: what ``re.search(r"([^\W\d_]+|[^\w\s])\s*$",
    before).group(1)`` gives, read from the end (the search tries every offset).
    (\s is str.isspace, \w str.isalnum or "_", \d str.isdecimal.)"""
    t = before.rstrip()
    if not t:
        return None
    if t[-1].isalnum() and not t[-1].isdecimal():  # a letter: the run of them is the word
        k = len(t) - 1
        while k > 0 and t[k - 1].isalnum() and not t[k - 1].isdecimal():
            k -= 1
        return t[k:]
    return t[-1] if not t[-1].isalnum() and t[-1] != "_" else None


@dataclass
class Candidate:
    """One item a field may keep, with the features the model reads."""

    field: str
    item: dict
    existing: bool  # a rule stage emitted it (the record without the model keeps it)
    features: list[str] = field(default_factory=list)
    mentions: list = field(default_factory=list)  # an organisation's mentions on the page
    extra: list[str] = field(default_factory=list)  # features its source alone knows


# --- the model -------------------------------------------------------------------------

@dataclass(frozen=True)
class FieldModel:
    """A field's logistic model.  Two thresholds, both fitted: a rule's item is dropped
    below ``threshold_rules``, a candidate no rule named is added from ``threshold_new``
    up (dropping what a rule found and adding what none found are different bets)."""

    bias: float
    threshold_rules: float
    threshold_new: float
    weights: dict[str, float]

    def probability(self, features: list[str]) -> float:
        z = self.bias + sum(map(self.weights.get, features, repeat(0.0)))  # (a C loop; same sum, same order)
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def keep(self, features: list[str], existing: bool) -> bool:
        return self.probability(features) >= (self.threshold_rules if existing else self.threshold_new)


def load_models(path: str | Path) -> dict[str, FieldModel]:
    """The per-field models of a weights file (the format `samorzad train` writes)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {name: FieldModel(float(m["bias"]), float(m["threshold_rules"]), float(m["threshold_new"]),
                             {k: float(v) for k, v in m["weights"].items()})
            for name, m in data.get("fields", {}).items() if name in FIELDS}


@lru_cache(maxsize=4)
def _models_at(path: str) -> dict[str, FieldModel]:
    return load_models(path) if Path(path).is_file() else {}


def models() -> dict[str, FieldModel]:
    return _models_at(os.environ.get("SAMORZAD_DECIDE_WEIGHTS") or str(WEIGHTS))


def annotate(doc) -> None:
    found = models()
    if not found:
        return  # no fitted model: the rules' items stand

    def settled(c: Candidate) -> bool:
        """A candidate whose fate no feature can change: a rule's item of a field whose
        model never drops one (or that has no model)."""
        model = found.get(c.field)
        return c.existing and (model is None or model.threshold_rules <= 0)

    by_field: dict[str, list[dict]] = {f: [] for f in FIELDS}
    for c in candidates(doc, skip=settled):
        model = found.get(c.field)
        if c.existing if settled(c) or model is None else model.keep(c.features, c.existing):
            by_field[c.field].append(c.item)
    for name, items in by_field.items():
        if [id(it) for it in items] != [id(it) for it in doc.layer(name)]:
            doc.layers[name] = sorted(items, key=lambda it: it["start"])


# --- candidates --------------------------------------------------------------------------

def candidates(doc, skip=None) -> list[Candidate]:
    """Every candidate of both fields, the rules' items first (in layer order), then the
    bodies and persons no rule gave a role, with their features (not worked out for the
    candidates ``skip`` says need none)."""
    ctx = _Context(doc)
    out = [Candidate("participants", it, True) for it in doc.layer("participants")]
    out += [Candidate("funders", it, True) for it in doc.layer("funders")]
    out += _new_orgs(doc, ctx) + _new_persons(doc, ctx) + _new_towns(doc, ctx)
    for c in out:
        if skip is None or not skip(c):
            c.features = features(c, ctx)
    return out


class _Context:
    """What the features of every candidate of a page read: sentences, cues, names."""

    def __init__(self, doc):
        self.doc = doc
        self.text = doc.text
        self.title = (doc.title or "").casefold()
        self.sent_starts = [s for s, _ in doc.sentences]
        self.cues = sorted(doc.layer("cues"), key=lambda c: c.start)
        self.cue_starts = [c.start for c in self.cues]
        self._sentences: dict[tuple[int, int], tuple[list, tuple[str, ...]]] = {}
        self.orgs = doc.layer("orgs")
        self.person_spans = [(p.start, p.end) for ps in doc.layer("persons").values() for p in ps]
        spans = [(o.start, o.end) for o in self.orgs] + [(p.name_start, p.name_end)
                                                          for ps in doc.layer("persons").values() for p in ps]
        self.mention_starts = sorted(a for a, _ in spans)
        self.mention_ends = sorted(b for _, b in spans)
        self.names = {f: _names_of(doc.layer(f)) for f in FIELDS}
        # the bodies and units the rules named already, under any of their names
        named_already = [n for f in FIELDS for it in doc.layer(f) for n in [it["name"], *it.get("aliases", [])]]
        self.keys = {body_key(n) for n in named_already}
        self.codes = {u.teryt for n in named_already for u in _units(n)}
        self.named_words = {w[:5] for n in named_already for w in _proper_words(n)}
        self.text_len = max(1, len(self.text))
        self.n_funders = len(doc.layer("funders"))
        self.n_orgs = len({o.key for o in self.orgs})
        # the publisher's host name ("czluchow.eu", "gminakoscielisko.pl"), letters only:
        # a municipality writing about its own cooperation takes part in it
        self.host = _fold(urlsplit(doc.page.url or "").hostname or "")
        self.place_counts: dict[str, int] = {}
        for pl in doc.layer("places"):
            self.place_counts[pl["name"]] = self.place_counts.get(pl["name"], 0) + 1

    def sentence_facts(self, s: int, e: int) -> tuple[list, tuple[str, ...]]:
        """(the cues of the sentence, its word features), worked out once per sentence."""
        if (s, e) not in self._sentences:
            i = bisect_left(self.cue_starts, s)
            cues = []
            while i < len(self.cues) and self.cues[i].start < e:
                if self.cues[i].end <= e:
                    cues.append(self.cues[i])
                i += 1
            words = [f"sent_word={name}" for name in _SENTENCE_MATCHER.found(self.text, s, e)]
            if funding_pattern().search(self.text, s, e):
                words.append("sentence_has_funding_cue")
            self._sentences[(s, e)] = (cues, tuple(words))
        return self._sentences[(s, e)]

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.sent_starts, pos) - 1
        if i >= 0 and pos < self.doc.sentences[i][1]:
            return self.doc.sentences[i]
        return (pos, pos)


def _names_of(items: list[dict]) -> set[str]:
    return {_norm(n) for it in items for n in [it["name"], *it.get("aliases", [])]}


@lru_cache(maxsize=50_000)  # pure; every candidate's names and the page's are compared again and again
def _norm(name: str) -> str:
    return " ".join(name.casefold().split())


def _new_orgs(doc, ctx: _Context) -> list[Candidate]:
    """One participant candidate per organisation of the "orgs" layer no rule named:
    its mentions grouped by body key, named by its most used nominative."""
    taken = ctx.names["participants"] | ctx.names["funders"]
    spans = [(it["start"], it["end"]) for f in FIELDS for it in doc.layer(f)]
    groups: dict[str, list] = {}
    for o in ctx.orgs:
        groups.setdefault(o.group or o.key, []).append(o)
    out = []
    for mentions in groups.values():
        names = [o.name for o in mentions]
        if {_norm(n) for n in names} & taken or {o.key for o in mentions} & ctx.keys or \
                {u.teryt for n in names for u in _units(n)} & ctx.codes or \
                any(a < o.end and o.start < b for o in mentions for a, b in spans):
            continue
        name = max(names, key=lambda n: (names.count(n), -names.index(n)))
        first = mentions[0]
        item = named(name, first.text, first.start, first.end, "decide:org", role="participant",
                     kind="organization")
        aliases = sorted({n for n in names if n != name} | {a for o in mentions for a in o.aliases if a != name})
        if aliases:
            item["aliases"] = aliases
        out.append(Candidate("participants", item, False, mentions=mentions))
    return out


def _new_persons(doc, ctx: _Context) -> list[Candidate]:
    """Persons named bare ("Anna Kowalczyk") that no rule gave a role."""
    taken = ctx.names["participants"] | ctx.names["funders"]
    out, seen = [], set()
    for found in doc.layer("persons").values():
        for p in found:
            if not p.bare or p.key in seen or _norm(p.name) in taken:
                continue
            seen.add(p.key)
            item = named(p.name, doc.text[p.name_start:p.name_end], p.name_start, p.name_end, "decide:person",
                         role="participant", kind="person")
            out.append(Candidate("participants", item, False))
    return out


def _new_towns(doc, ctx: _Context) -> list[Candidate]:
    """Towns of the "places" layer that no rule named as a body: a twinned town, a town
    of a list of laureates ("Lublin, Lwów i Tarnopol") acts through its municipality.
    A Polish town carries its units' names (Gmina X, Urząd Miasta X) as aliases."""
    out, seen = [], set()
    for pl in doc.layer("places"):
        name = pl["name"]
        if name in seen or knowledge.country_of(name, ("name",)) or _norm(name) in ctx.names["participants"]:
            continue
        seen.add(name)
        units = _units(name) if pl.get("country", "PL") == "PL" else ()
        if {u.teryt for u in units} & ctx.codes or body_key(name) in ctx.keys or f"jst:{name.lower()}" in ctx.keys:
            continue
        item = named(name, pl["text"], pl["start"], pl["end"], "decide:town", role="participant", kind="organization")
        aliases = [a for u in units for a in [u.record()["name"], *u.record()["aliases"]] if a != name]
        if aliases:
            item["aliases"] = list(dict.fromkeys(aliases))
        out.append(Candidate("participants", item, False,
                             extra=["town_pl" if pl.get("country", "PL") == "PL" else "town_abroad"]))
    return out


# --- features ---

def _fold(text: str) -> str:
    """Lower case ASCII letters only ("Człuchów" -> "czluchow"), as host names write."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.casefold().replace("ł", "l"))
                   if "a" <= ch <= "z")


@lru_cache(maxsize=20_000)
def _proper_words(name: str) -> tuple[str, ...]:
    """The words of a name that say which body, not what kind ("Kielce" of "Urząd Miasta
    Kielce"), folded, five letters or more."""
    return tuple(_fold(w) for w in name.split() if w[:1].isupper() and len(w) >= 5 and not head_lemma(w))


def _in_host(host: str, names: list[str]) -> bool:
    """A proper word of a name (not its kind: "Gmina", "Urząd") stands in the page's host."""
    if not host:
        return False
    for name in names:
        for word in name.split():
            w = _fold(word)
            if len(w) >= 4 and word[:1].isupper() and not head_lemma(word) and w[:-1] in host:
                return True
    return False


def features(c: Candidate, ctx: _Context) -> list[str]:
    """The named features of a candidate (binary: a feature is present or not)."""
    it = c.item
    text, start, end, name = ctx.text, it["start"], it["end"], it["name"]
    s, e = ctx.sentence(start)
    out = [f"src={it.get('rule', '')}", f"kind={it.get('kind', 'organization')}"]
    out += _name_features(name, it.get("text", ""))
    out += _sentence_features(ctx, s, e, start, end)
    out += _position_features(ctx, s, e, start, end)
    mentions = c.mentions
    count = len(mentions) if mentions else ctx.place_counts.get(name) if it["rule"] == "decide:town" \
        else max(1, text.count(it.get("text") or name))
    out.append("mentions=1" if count == 1 else "mentions=2" if count == 2 else "mentions=3+")
    if any(n in ctx.title for n in {name.casefold(), (it.get("text") or "").casefold()} if n):
        out.append("in_title")
    other = "funders" if c.field == "participants" else "participants"
    if _names_of([it]) & ctx.names[other]:
        out.append("also_other_field")
    if _in_host(ctx.host, [name, *it.get("aliases", [])]):
        out.append("in_site_host")
    if not c.existing and {w[:5] for w in _proper_words(name)} & ctx.named_words:
        out.append("shares_word_with_named")  # "Gmina Partnerskich X" beside "Gmina X": one body
    if it.get("function"):
        out.append("has_function")
    out += c.extra
    if c.field == "funders" and _norm(name) not in _norm(it.get("text", "")):
        out.append("named_by_knowledge")  # the written words are a programme or a fund
    out.append("page_funders=0" if not ctx.n_funders else "page_funders=1" if ctx.n_funders == 1
               else "page_funders=2+")
    out.append("page_orgs<5" if ctx.n_orgs < 5 else "page_orgs<15" if ctx.n_orgs < 15 else "page_orgs15+")
    out = sorted(set(out))
    # what a feature says of a body no rule named is not what it says of a rule's item:
    # each feature also in a copy of its own for the new candidates
    return out if c.existing else out + [f"new&{f}" for f in out]


@lru_cache(maxsize=20_000)
def _name_features(name: str, written: str) -> tuple[str, ...]:
    words = name.split()
    out = [f"name_words={min(len(words), 5)}"]
    head = head_lemma(words[0]) if words else None
    out.append(f"head={head or 'none'}")
    if _lgu(name):
        out.append("is_lgu")
    if knowledge.funder(name) is not None:
        out.append("known_funder")
    if len(words) > 1 and is_generic(name):
        out.append("generic_head")
    if name.isupper() and len(name) > 1:
        out.append("acronym")
    if " " in written and written.isupper():
        out.append("written_in_capitals")
    if written[:1].islower():
        out.append("written_lower")
    return tuple(out)


@lru_cache(maxsize=100_000)
def _units(name: str) -> tuple:
    return tuple(knowledge.lgu(name))


def _lgu(name: str) -> bool:
    return bool(_units(name))


def _sentence_features(ctx: _Context, s: int, e: int, start: int, end: int) -> list[str]:
    cues, words = ctx.sentence_facts(s, e)
    out = list(words)
    nearest = None
    for cue in cues:
        out += [f"sent_cue={role}" for role in {cue.right, cue.left, cue.inverted} - {None}]
        gap = cue.start - end if cue.start >= end else start - cue.end if cue.end <= start else 0
        nearest = gap if nearest is None else min(nearest, gap)
    if nearest is None:
        out.append("no_cue_in_sentence")
    else:
        out.append("cue_dist<10" if nearest < 10 else "cue_dist<40" if nearest < 40 else "cue_dist<120"
                   if nearest < 120 else "cue_dist120+")
    return out


def _position_features(ctx: _Context, s: int, e: int, start: int, end: int) -> list[str]:
    text = ctx.text
    out = []
    before = text[max(s, start - 30):start]
    w = _word_before(before)
    if w is None:
        out.append("prev=start")
    else:
        out.append(f"prev={w.lower()}" if w.lower() in _PREV_WORDS or not w.isalpha()
                   else "prev=Cap" if w[:1].isupper() else "prev=word")
    if start - s < 3:
        out.append("starts_sentence")
    if e - s < 80:
        out.append("short_line")
    if start / ctx.text_len < 0.2:
        out.append("first_fifth")
    if ":" in text[s:start] and "\n" not in text[text.rfind(":", s, start):start]:
        out.append("after_colon")
    if _listed(ctx, start, end):
        out.append("listed")
    # a body named in a person's function ("Członek Zarządu Województwa X", "Wójt Gminy Y")
    if any(a <= start and end <= b for a, b in ctx.person_spans):
        out.append("in_person_function")
    return out


_JOINERS = frozenset({",", ";", "i", "oraz", "a także"})


def _listed(ctx: _Context, start: int, end: int) -> bool:
    """Another mention stands right before or after this one, joined by a comma or "i"
    (a list of bodies: laureates, members, the offices a tour visited)."""
    text = ctx.text
    i = bisect_left(ctx.mention_starts, end)
    while i < len(ctx.mention_starts) and ctx.mention_starts[i] - end < 12:
        if text[end:ctx.mention_starts[i]].strip() in _JOINERS:
            return True
        i += 1
    i = bisect_right(ctx.mention_ends, start) - 1
    while i >= 0 and start - ctx.mention_ends[i] < 12:
        if text[ctx.mention_ends[i]:start].strip() in _JOINERS:
            return True
        i -= 1
    return False

"""Funders and participants: organisation and person mentions given a role by the cue
phrases of their sentence (extract/data/actors.toml).

A cue with side "right" gives its role to the bodies after it, up to the next cue; a
cue with side "left" to the bodies before it, back to the previous cue.  An organisation
named with no cue around it is left out: pages name many bodies in passing (logos,
links, "na przykładzie ..."), and the dataset prefers a missing participant to a wrong
one.  A person named with a function ("wójt Jan Nowak") acts for an institution and is
a participant even without a cue.  The dead honoured in a tribute take no part, and
money talked about in general ("pozyskiwania środków z UE") names no funder.
"""
from __future__ import annotations

import re
import tomllib
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from extract import morph
from extract.cues import Cue
from extract.cues import annotate as annotate_cues
from extract.doc import Doc, Span
from extract.items import named
from extract.lexicon import actor_tables, head_lemma
from extract.orgs import Org, body_key, is_generic
from extract.orgs import annotate as annotate_orgs
from extract.persons import Person, unit_of_function
from extract.persons import annotate as annotate_persons
from extract.matcher import Matcher

ROLE_ORDER = ("organizer", "partner", "host", "trainer", "participant", "other")
# a right-hand cue reaches this far at most (a long sentence names other things later)
MAX_REACH = 320
# a line under a heading ("Partnerzy projektu:") is a list item up to this length
MAX_ITEM = 120
# a person named with a function (wójt, burmistrz, dyrektor ...) acts for an institution:
# a participant even without a role cue
DEFAULT_PERSON = True


@lru_cache(maxsize=1)
def _patterns() -> Matcher:
    """The token patterns of roles.toml, compiled once."""
    data = tomllib.loads((Path(__file__).parent / "data" / "roles.toml").read_text("utf-8"))
    return Matcher(data["pattern"])


@lru_cache(maxsize=1)
def _tribute() -> Matcher:
    words = actor_tables().tribute
    return Matcher([("tribute", r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)")], re.I)


@lru_cache(maxsize=1)
def _paying_heads() -> frozenset[str]:
    return actor_tables().paying


def _expand(roles: list[str], m) -> list[str]:
    """"funder+partner" -> ["funder", "partner"], or just "funder" for a body whose
    support is money (a foundation, a fund, a ministry)."""
    out = []
    for role in roles:
        parts = role.split("+")
        if "funder" in parts and len(parts) > 1 and isinstance(m, Org) and \
                any(head_lemma(w) in _paying_heads() for w in m.name.split()):
            parts = ["funder"]
        out.extend(parts)
    return out


def _adjacent(text: str | None, a: int, b: int) -> bool:
    """An inverted subject follows its verb closely, in the same clause."""
    if text is None:
        return True
    between = text[a:b]
    return len(between) <= 60 and not any(ch in between for ch in ",–—;:()")


_LOWER_WORD = re.compile(r"(?<!\w)[a-ząćęłńóśźż]{3,}(?!\w)")


def _verb_between(text: str | None, a: int, b: int) -> bool:
    """"dzięki wsparciu z MSZ udało się utworzyć Centrum X": a verb after the payer
    starts what was done with the money; the bodies there do not pay."""
    if text is None:
        return False
    accepts = _patterns().accepts
    for m in _LOWER_WORD.finditer(text, a, b):
        if accepts("role:infinitive", m.group()) or accepts("role:finite_verb", m.group()):
            return True
    return False


def _named_before_colon(text: str | None, a: int, b: int, mentions) -> bool:
    """"dofinansowane ze środków UE: Gród X, Ośrodek Y": once the payer is named, a colon
    opens a list of what was paid for; the bodies listed there do not pay."""
    if text is None:
        return False
    colon = text.rfind(":", a, b)
    return colon >= 0 and any(a <= s and e <= colon for s, e in mentions)


_PLURAL_VERB = re.compile(r"(?:li|ły)$")


def _plural_verb_lone_object(text: str | None, c: Cue, start: int, end: int, mentions) -> bool:
    """"X wraz z Y zorganizowały Kongres Z": a plural verb with one body after it has its
    subject elsewhere (a title, a newspaper); the body is what was organised."""
    if text is None or not _PLURAL_VERB.search(text[c.start:c.end]):
        return False
    later = sorted((s, e) for s, e in mentions if s >= end)
    return not (later and _LIST_GLUE.fullmatch(text[end:later[0][0]])) and \
        not any(e <= start and s >= c.end for s, e in mentions)


def _in_clause(text: str | None, a: int, b: int) -> bool:
    """The partner phrase follows its subject at once, in one clause (no ", a ...")."""
    return text is not None and b - a <= 40 and not any(ch in text[a:b] for ch in ",;:–—")


_LIST_GLUE = re.compile(r"(?:\s*(?:,|\bi\b|\boraz\b|\ba\s+także\b)\s*)+")


def _listed(text: str | None, a: int, b: int, mentions) -> bool:
    """"Spotkanie przygotowali X, Y i Z": a later item of a list of subjects right
    after the verb is as much its subject as the first."""
    if text is None:
        return False
    inner = sorted((s, e) for s, e in mentions if a <= s and e <= b)
    if not inner:
        return False
    pos = a
    for s, e in inner:
        gap = text[pos:s]
        if pos == a:
            if not _adjacent(text, a, s):
                return False
        elif not _LIST_GLUE.fullmatch(gap):
            return False
        pos = e
    return bool(_LIST_GLUE.fullmatch(text[pos:b]))


def roles_at(cues: list[Cue], start: int, end: int, sentence_start: int = 0,
             mentions: list[tuple[int, int]] = (), text: str | None = None) -> list[str]:
    """The roles the cues of a sentence give to a mention at [start, end); ``mentions``
    are all mention spans of the sentence.  A "stop" cue (a relative clause, "w ramach")
    ends a right-hand scope but is invisible to a left-hand one."""
    roles = []
    before = [c for c in cues if c.end <= start]
    # "finansowany ... w ramach programu X Ministerstwa Y" (or "w ramach polskiej
    # współpracy rozwojowej MSZ"): the programme's owner pays,
    # so a funder's scope runs on through "w ramach"; every other scope ends there
    if len(before) > 1 and before[-1].right == "soft_stop" and before[-2].right == "funder" \
            and (text is None or re.search(r"\b(?:program\w*|przez|współprac\w*)\b", text[before[-1].end:start], re.I)):
        before = before[:-1]
    if before and start - before[-1].end <= MAX_REACH:
        c = before[-1]
        if c.right and c.right not in ("stop", "soft_stop"):
            if not ("funder" in c.right and (_verb_between(text, c.end, start)
                                             or _named_before_colon(text, c.end, start, mentions))):
                roles.append(c.right)
        elif c.inverted and (_adjacent(text, c.end, start) or _listed(text, c.end, start, mentions)):
            prev = [b for b in before[:-1] if b.right not in ("stop", "soft_stop")]
            left_from = prev[-1].end if prev else sentence_start
            # bodies before the verb that an earlier cue already claims are not its subject
            claimed = bool(prev) and prev[-1].right not in (None, "stop", "soft_stop")
            if (claimed or not any(left_from <= s and e <= c.start for s, e in mentions)) and \
                    not _plural_verb_lone_object(text, c, start, end, mentions):
                roles.append(c.inverted)
    after = [c for c in cues if c.start >= end and c.right not in ("stop", "soft_stop")]
    # "X przy współpracy z Y zorganizowało ...": the verb's subject stands before the
    # partner phrase, which has no left side of its own
    while not roles and len(after) > 1 and after[0].right == "partner" and not after[0].left \
            and not after[0].inverted and _in_clause(text, end, after[0].start):
        after = after[1:]
    if after and after[0].left and after[0].left != "stop":
        between = any(end <= s and e <= after[0].start for s, e in mentions)
        # a body already given a role keeps it, unless the verb after it says it pays
        # ("Partnerem był Bank X, który ufundował nagrody")
        if not roles or ("funder" in after[0].left and not between):
            roles.append(after[0].left)
    return roles


@dataclass
class _Entity:
    key: str
    kind: str
    mentions: list  # every Org/Person mention of the body on the page
    roles: list  # (role, mention)
    by_function: bool = False  # a person taken for the function alone, with no cue


def annotate(doc) -> None:
    """Layers "funders" and "participants" (facts items, one per distinct body or person)
    from the layers "orgs", "persons" and "cues" (cues x mentions, sentence by sentence); layer
    "funder_spans": every mention of a body that is only a funder on the page (a funder's
    name says nothing of where the work happens: extract/places.py)."""
    funders, participants, spans = _actors(doc.text, doc.zones, doc.sentences, doc.layer("orgs"),
                                           doc.layer("persons"), doc.layer("cues"))
    doc.layers["funders"] = funders
    doc.layers["participants"] = participants
    doc.layers["funder_spans"] = [Span(a, b, "funder") for a, b in spans]


def find_actors(page) -> tuple[list[dict], list[dict]]:
    """(funders, participants) of a page, one item per distinct body or person."""
    doc = Doc(page)
    for stage in (annotate_orgs, annotate_persons, annotate_cues, annotate):
        stage(doc)
    return doc.layers["funders"], doc.layers["participants"]


def _actors(text: str, zones: list[tuple[int, int]], sentence_spans: list[tuple[int, int]],
            found_orgs: list[Org], found_persons: dict[tuple[int, int], list[Person]], found_cues: list[Cue]):
    # a name running into the very end of the text was cut with it ("... dofinansowanie z
    # Fundacji Wsp"): an excerpt's last word is no name
    # a multiword name in capitals comes from a headline in capitals ("POROZUMIENIE ...
    # POMIĘDZY GMINĄ X W POWIECIE Y W WOJEWÓDZTWIE Z"), where every word looks like a
    # name's word: the article repeats the bodies in running text
    orgs = [o for o in _foreign_forms_merged(found_orgs)
            if (text[o.end:].strip() or not text[o.end - 1:o.end].isalpha())
            and not (" " in text[o.start:o.end].strip() and text[o.start:o.end].isupper())]
    entities: dict[str, _Entity] = {}
    groups: dict[str, str] = {}  # alias group -> key of the first body of the group met
    for o in orgs:
        key = groups.setdefault(o.group, o.key) if o.group else o.key
        entities.setdefault(key, _Entity(key, "organization", [], [])).mentions.append(o)
    all_cues, org_list = _ByStart(found_cues), _ByStart(orgs)
    heading: tuple[str, int] | None = None  # (role, end of the list) after "Partnerzy:"
    # a page none of whose sentences can hold a tribute is not searched sentence by sentence
    mourning = bool(_tribute().candidates(text))
    for s, e in sentence_spans:
        cues = all_cues.within(s, e)
        if heading and (s >= heading[1] or e - s > MAX_ITEM):
            heading = None  # the list has ended: a blank line, or running prose
        if heading and not cues:
            cues = [Cue(s, s, heading[0], None)]  # a line of the list under the heading
        if cues and cues[-1].right not in (None, "stop", "soft_stop") \
                and text[cues[-1].end:e].strip(" :") == "" and text[e - 1:e] == ":":
            heading = (cues[-1].right, _list_end(text, e))
        in_sentence = org_list.within(s, e)
        # a name inside an organisation's name is its patron ("im. Jerzego Regulskiego")
        persons = [p for p in found_persons[(s, e)]
                   if not any(o.start <= p.name_start and p.name_end <= o.end and o.end > p.name_end
                              for o in in_sentence)]
        if mourning and _tribute().search(text, s, e):
            # the dead named in a tribute (and the towns of their offices) take no part
            persons = []
            in_sentence = [o for o in in_sentence if not o.by_function]
        # a county or region "w Województwie X" is where, not who
        in_sentence = [o for o in in_sentence if not _seat(text, o)]
        cut = [_cut_at_person(text, o, persons) for o in in_sentence]
        for old, new in zip(in_sentence, cut):
            if new is not old:
                ent = entities.get(groups.get(old.group, old.key) if old.group else old.key)
                if ent and old in ent.mentions:
                    ent.mentions.remove(old)
                entities.setdefault(new.key, _Entity(new.key, "organization", [], [])).mentions.append(new)
        in_sentence = cut
        for p in persons:
            entities.setdefault(p.key, _Entity(p.key, "person", [], [])).mentions.append(p)
        # "Wójt Gminy Poraj Katarzyna ..." is one mention, the person's; a local unit
        # in the function of its head ("burmistrzem Gminy Kórnik") takes the person's roles
        acting_for: dict[int, list] = {}
        for p in persons:
            acting_for[id(p)] = [o for o in in_sentence if p.start <= o.start and o.end <= p.end
                                 and (o.end <= p.name_start or o.start >= p.name_end)]
        inside = {id(o) for v in acting_for.values() for o in v}
        here = [o for o in in_sentence if id(o) not in inside] + persons
        spans = [(m.start, m.end) for m in here]
        for m in here:
            roles = _expand(roles_at(cues, m.start, m.end, s, spans, text), m)
            if not roles and isinstance(m, Org) and m.role:
                roles = [m.role]  # "do partnerskiego Uffenheim": the words naming it say
            if DEFAULT_PERSON and isinstance(m, Person) and not m.bare and not set(roles) - {"funder"}:
                roles = ["participant"]  # a person named with a function takes part
                entities[m.key].by_function = True
            key = m.key if isinstance(m, Person) else (groups.get(m.group, m.key) if m.group else m.key)
            for role in roles:
                entities[key].roles.append((role, m))
                for o in acting_for.get(id(m), ()) if role != "funder" and isinstance(m, Person) else ():
                    if not (_heads_unit(m) or _leads_body(text, m, o)):
                        continue
                    if o.by_function and role == "participant":
                        # a town named only through a person's office ("Jan Nowak –
                        # Burmistrz Choroszczy") takes part with them only when it acts
                        # as a body: signing, organising, hosting
                        continue
                    okey = groups.get(o.group, o.key) if o.group else o.key
                    entities[okey].roles.append((role, o))
    funders, participants = [], []
    names: dict[str, str] = {}  # entity key -> _best_name, worked out once
    for key, ent in entities.items():
        if not ent.roles or not ent.mentions:
            continue
        names[key] = _best_name(ent)
        if ent.kind == "organization" and is_generic(names[key]):
            continue  # "Rada Miejska", "Koła Gospodyń Wiejskich": a kind of body, not one body
        roles = [r for r, _ in ent.roles]
        if "funder" in roles and ent.kind == "organization":
            funders.append(_item(ent, names[key], next(m for r, m in ent.roles if r == "funder"), "funder", None))
        acting = [r for r in roles if r != "funder"]
        if acting and not _money_only(ent):
            role = min(acting, key=ROLE_ORDER.index)
            first = next(m for r, m in ent.roles if r == role)
            rule = "person:function" if ent.by_function and set(acting) == {"participant"} else f"cue:{role}"
            participants.append(_item(ent, names[key], first, rule, role))
    funders.sort(key=lambda it: it["start"])
    participants.sort(key=lambda it: it["start"])
    paying = {it["name"] for it in funders} - {it["name"] for it in participants}
    spans = [(m.start, m.end) for key, ent in entities.items() if paying and ent.kind == "organization"
             and ent.mentions and (names.get(key) or _best_name(ent)) in paying for m in ent.mentions]
    return funders, participants, spans


class _ByStart:
    """A page's cues or mentions, asked sentence by sentence for those inside it: found
    by bisection of their starts, not by a test of every item of the page per sentence
    (a list not in text order is read whole, so the items keep their order either way)."""

    def __init__(self, items: list):
        self.items = items
        starts = [x.start for x in items]
        self.starts = starts if all(a <= b for a, b in zip(starts, starts[1:])) else None

    def within(self, s: int, e: int) -> list:
        """The items with s <= start and end <= e, in list order."""
        if self.starts is None:
            return [x for x in self.items if s <= x.start and x.end <= e]
        return [x for x in self.items[bisect_left(self.starts, s):bisect_right(self.starts, e)] if x.end <= e]


def _foreign_forms_merged(orgs: list[Org]) -> list[Org]:
    """"w mieście Taurage", "z gminą Tauragi": a foreign town morfeusz does not know is
    declined by the page's author, so local units whose towns differ only in the last
    letter (and are unknown words) are one body."""
    towns = {o.key[4:]: o.key for o in orgs if o.key.startswith("jst:") and " " not in o.key
             and len(o.key) >= 9 and not morph.analyse(o.key[4:].capitalize())}
    if len(towns) < 2:
        return orgs
    canon: dict[str, str] = {}
    for town in sorted(towns):
        first = next((c for c in canon.values() if c[4:-1] == town[:-1]), None)
        canon[towns[town]] = first or towns[town]
    return [replace(o, key=canon[o.key]) if canon.get(o.key, o.key) != o.key else o for o in orgs]


def _money_only(ent: _Entity) -> bool:
    """The EU and its funds (alias groups "eu", "eog") pay or are talked about; they
    take no part in a local activity ("pytania dotyczyły Unii Europejskiej")."""
    return ent.kind == "organization" and any(isinstance(m, Org) and m.group for m in ent.mentions)


_NEWLINE = re.compile("\n")


def _list_end(text: str, start: int) -> int:
    """A list under a heading runs to the next blank line (at most a dozen lines)."""
    blank = text.find("\n\n", start)
    end = len(text) if blank < 0 else blank
    lines = [m.start() for m in _NEWLINE.finditer(text, start, end)]
    return lines[12] if len(lines) > 12 else end


def _seat(text: str, o: Org) -> bool:
    """"w Województwie Podkarpackim", "w Powiecie Gorlickim": a region as a location."""
    # (the name first: most bodies are neither, and the tests are pure)
    return o.name.split(" ", 1)[0] in ("Województwo", "Powiat") and \
        bool(re.search(r"(?<!\w)we?\s+$", text[max(0, o.start - 4):o.start])) and \
        not _VISIT_BEFORE.search(text, max(0, o.start - 40), o.start)


# "wizyty studyjne w Powiecie X": the county visited is the host, not a location
_VISIT_BEFORE = re.compile(r"(?<!\w)wizyt\w*(?:\s+\w+)?\s+we?\s+$", re.I)


def _leads_body(text: str, p: Person, o: Org) -> bool:
    """"prezes Banku Gospodarstwa Krajowego": the head of a named body (not of a town,
    nor of a council: "przewodnicząca rady gminy X") brings the body along."""
    inner = _inner_bodies()
    first = p.function.split()[0].lower() if p.function else ""
    before = text[max(p.start, o.start - 30):o.start].split()
    return bool(first) and not o.by_function and _patterns().accepts("role:leader", first) \
        and head_lemma(o.name.split(" ", 1)[0]) not in inner | _local_heads() \
        and not (before and head_lemma(before[-1]) in inner - {None})


@lru_cache(maxsize=1)
def _local_heads() -> frozenset[str]:
    return actor_tables().local


@lru_cache(maxsize=1)
def _inner_bodies() -> frozenset:
    return actor_tables().inner_bodies | {None}


def _heads_unit(p: Person) -> bool:
    return bool(p.function) and unit_of_function(p.function) is not None


def _cut_at_person(text: str, o: Org, persons: list[Person]) -> Org:
    """An office name that ran into the name of its head ("Rady Rejonu Cahul Ion
    Cernat") ends before the person."""
    for p in persons:
        if o.start < p.name_start < o.end:
            dropped = len(text[p.name_start:o.end].split())
            name = " ".join(o.name.split()[:-dropped]) if dropped < len(o.name.split()) else o.name
            end = o.start + len(text[o.start:p.name_start].rstrip())
            return Org(name, text[o.start:end], o.start, end, body_key(name), o.aliases, o.group)
    return o


def _item(ent: _Entity, name: str, m: Org | Person, rule: str, role: str | None) -> dict:
    if isinstance(m, Person):
        start, end = m.name_start, m.name_end
    else:
        start, end = m.start, m.end
    item = named(name, m.text if isinstance(m, Org) else m.text[start - m.start:end - m.start], start, end, rule)
    aliases = sorted({x.name for x in ent.mentions if x.name != name}
                     | {a for x in ent.mentions if isinstance(x, Org) for a in x.aliases if a != name})
    if aliases:
        item["aliases"] = aliases
    if role:
        item["role"] = role
        item["kind"] = ent.kind
        if isinstance(m, Person):
            item["function"] = m.function
    return item


def _best_name(ent: _Entity) -> str:
    """The most used name of a body (ties: the first met); a person's full first name
    beats an initial."""
    if len(ent.mentions) == 1:  # the common case; what the counting below gives for one
        name = ent.mentions[0].name
        return _heading_case(name) if ent.kind != "person" and name.isupper() else name
    if ent.kind == "person":
        full = [m.name for m in ent.mentions if "." not in m.name.split(" ", 1)[0]]
        return Counter(full).most_common(1)[0][0] if full else ent.mentions[0].name
    # a heading in capitals is a poor source of a name's spelling
    mentions = [m for m in ent.mentions if not m.text.isupper()] or ent.mentions
    counts = Counter(m.name for m in mentions)
    best = max(counts.values())
    name = next(m.name for m in mentions if counts[m.name] == best)
    if name.isupper():  # only a heading named it: "POWIAT GORLICKI" -> "Powiat Gorlicki"
        name = _heading_case(name)
    return name


def _heading_case(name: str) -> str:
    return " ".join(w.capitalize() if len(w) > 3 else w for w in name.split())

"""Entity resolution: the facts' names -> one row per real-world thing.

Names are compared through a *lemma key*: every word replaced by its lemma (morfeusz2),
so "Ministerstwa Spraw Zagranicznych" and "Ministerstwo Spraw Zagranicznych" share one key.
Candidate pairs come from exact keys, the curated alias table
(`extract/data/aliases.toml`: acronyms and official variants), acronym ↔ initials, and
rapidfuzz blocking (names compared only within a block of the same first lemma, with
`process.cdist`); a candidate pair is merged only when a rule says so (`same_entity`).
Merges are closed transitively with union-find. The canonical name of a cluster is the
alias table's name, else its most frequent full name; the id is a hash of the entity
type and the lemma key of that canonical name.

`resolve(pages_file, facts_file) -> {table name: pyarrow.Table}` builds projects,
organizations, people, places, programmes, activities, roles, fundings and evidence.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from transform import schema as S
from transform.ids import stable_id

DATA = Path(__file__).parent / "data" / "entities.toml"
ALIASES = Path(__file__).parent.parent / "extract" / "data" / "aliases.toml"

_QUOTES = re.compile(r"[\"'„”“‚‘’«»()\[\]{}]")
_DASHES = re.compile(r"[‐‑‒–—―-]+")
# hyphenated names are compared part by part ("Polska-Ukraina" vs "Polska-Gruzja")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*\+?", re.U)


@lru_cache(maxsize=1)
def rules() -> dict:
    with open(DATA, "rb") as fh:
        return tomllib.load(fh)


# --- names ----------------------------------------------------------------------------

def normalise(name: str) -> str:
    """NFC, lower case, no quotes or brackets, one kind of dash, single spaces."""
    s = unicodedata.normalize("NFC", name)
    s = _DASHES.sub("-", _QUOTES.sub(" ", s)).lower()
    return " ".join(s.split()).strip(" .,;:")


def fold(s: str) -> str:
    """Without diacritics (ł -> l too): pages sometimes lose their Polish letters."""
    s = s.replace("ł", "l").replace("Ł", "L")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _morfeusz():
    try:
        import morfeusz2
    except ImportError:  # without the analyser every word is its own lemma
        return None
    return morfeusz2.Morfeusz(generate=False, expand_tags=False)


# names are made of nouns and adjectives: a verb reading ("Spraw" -> sprawić) is a last resort
_NOMINAL = ("subst", "adj", "depr", "brev", "num", "ppas", "pact", "adja", "adjp")


@lru_cache(maxsize=200_000)
def _analyses(word: str) -> frozenset[tuple[str, bool]]:
    """(lemma in lower case, is nominal) for every morfeusz2 reading; the word if none."""
    w = word.lower()
    m = _morfeusz()
    out = set()
    if m is not None and not w.isdigit():
        for _, _, interp in m.analyse(word):
            lemma_, tag = interp[1], interp[2]
            if not tag.startswith("ign"):
                out.add((lemma_.split(":")[0].lower(), tag.split(":")[0] in _NOMINAL))
    return frozenset(out or {(w, True)})


def lemmas(word: str) -> frozenset[str]:
    """Every lemma morfeusz2 offers for `word` (lower case); the word itself if none."""
    return frozenset(lem for lem, _ in _analyses(word))


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """One lemma per word, chosen the same way every time: a noun or adjective reading
    first, then the shortest (Jana -> jan, Gdańsku -> gdańsk, not gdański), then the
    one sharing the longest prefix with the word, then A-Z."""
    w = word.lower()
    readings = _analyses(word)
    cands = {lem for lem, nominal in readings if nominal} or {lem for lem, _ in readings}

    def shared(c: str) -> int:
        n = 0
        for a, b in zip(c, w):
            if a != b:
                break
            n += 1
        return n
    return min(cands, key=lambda c: (len(c), -shared(c), c))


def words(name: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", name))


@lru_cache(maxsize=200_000)
def lemma_key(name: str) -> str:
    """Name -> space-joined lemmas of its words, stop words dropped: the merge key."""
    stop = set(rules()["resolve"]["stop_words"])
    toks = [lemma(w) for w in words(name)]
    return " ".join(t for t in toks if t not in stop) or normalise(name)


def is_acronym(name: str) -> bool:
    w = name.replace(" ", "")
    return 2 <= len(w) <= 10 and sum(c.isupper() for c in w) >= 2 and \
        sum(c.isupper() for c in w) * 2 >= len(re.sub(r"\W", "", w)) and " " not in name.strip()


def initials(name: str) -> str:
    """Upper-case initials of the name's content words: the acronym it would have."""
    stop = set(rules()["resolve"]["stop_words"])
    return "".join(w[0] for w in words(name) if w.lower() not in stop).upper()


# --- the alias table ------------------------------------------------------------------

@dataclass
class AliasTable:
    canonical: dict[str, str] = field(default_factory=dict)  # lemma key or acronym -> name
    suffixes: tuple[str, ...] = ()
    suffix_heads: tuple[str, ...] = ()
    # first letters of the first word -> (content words, canonical name): for forms whose
    # lemma key differs from the entry's (a word with two readings)
    blocks: dict[str, list[tuple[list[str], str]]] = field(default_factory=dict)

    def lookup(self, name: str) -> str | None:
        if is_acronym(name):
            hit = self.canonical.get("#" + name.strip())
            if hit:
                return hit
        stripped = self.strip(name)
        hit = self.canonical.get(lemma_key(stripped))
        if hit or not self.blocks:
            return hit
        ws = content_words(stripped)
        for entry, canon in self.blocks.get(_block(ws), ()):
            if _words_match(ws, entry):
                return canon
        return None

    def add(self, alias: str, name: str) -> None:
        if is_acronym(alias):  # acronyms are matched as written (case-sensitive)
            self.canonical.setdefault("#" + alias, name)
            return
        self.canonical.setdefault(lemma_key(alias), name)
        ws = content_words(alias)
        self.blocks.setdefault(_block(ws), []).append((ws, name))

    def strip(self, name: str) -> str:
        """Drop a state suffix ("... RP") from names whose head takes none."""
        if self.suffix_heads and any(name.startswith(h) for h in self.suffix_heads):
            for suf in self.suffixes:
                if name.endswith(suf):
                    return name[: -len(suf)]
        return name


@lru_cache(maxsize=1)
def alias_table(path: str | None = None) -> AliasTable:
    p = Path(path) if path else ALIASES
    table = AliasTable()
    if not p.exists():
        return table
    with open(p, "rb") as fh:
        data = tomllib.load(fh)
    norm = data.get("normalise", {})
    table.suffixes = tuple(norm.get("strip_suffixes", ()))
    table.suffix_heads = tuple(norm.get("strip_for_heads", ()))
    for entry in data.get("org", []):
        for alias in [entry["name"]] + list(entry.get("aliases", [])):
            table.add(alias, entry["name"])
    return table


# --- merging --------------------------------------------------------------------------

class UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:  # the smaller index is the root: the result does not depend on order
            self.parent[max(ra, rb)] = min(ra, rb)


@lru_cache(maxsize=500_000)
def _tokens_match(a: str, b: str) -> bool:
    return a == b or fold(a.lower()) == fold(b.lower()) or bool(lemmas(a) & lemmas(b))


@lru_cache(maxsize=200_000)
def content_words(name: str) -> tuple[str, ...]:
    stop = set(rules()["resolve"]["stop_words"])
    return tuple(w for w in words(name) if w.lower() not in stop)


def _block(ws: list[str]) -> str:
    return fold(ws[0].lower())[:3] if ws else ""


def _words_match(wa, wb) -> bool:
    return len(wa) == len(wb) and all(_tokens_match(x, y) for x, y in zip(wa, wb))


def same_entity(a: str, b: str, aliases: AliasTable | None = None) -> bool:
    """The merge rule for two names of one entity type (symmetric, no side effects)."""
    aliases = aliases if aliases is not None else alias_table()
    ca, cb = aliases.lookup(a), aliases.lookup(b)
    if ca and cb:
        return ca == cb
    if ca or cb:  # one is a known body: the other must be a form of its name
        known, other = (ca, b) if ca else (cb, a)
        return not is_acronym(other) and same_entity(known, aliases.strip(other), AliasTable())
    if is_acronym(a) or is_acronym(b):
        short, long_ = (a, b) if is_acronym(a) else (b, a)
        return not is_acronym(long_) and initials(long_) == short.replace(" ", "").upper() \
            or normalise(a) == normalise(b)
    sa, sb = aliases.strip(a), aliases.strip(b)
    if lemma_key(sa) == lemma_key(sb):
        return True
    wa, wb = content_words(sa), content_words(sb)
    return _words_match(wa, wb) or _one_typo(wa, wb)


def _prefix(w: str) -> str:
    # short enough that inflection keeps it: Ewa/Ewy -> "ew", Urząd/Urzędu -> "urz"
    f = fold(w.lower())
    return f[:max(1, min(3, len(f) - 1))]


def _blocks(name: str) -> list[tuple]:
    """Blocking keys of a name. The non-alias rules compare names word by word, so two
    names can merge only with as many words; all words match but at most one, so they share
    the first and last word's prefixes, or every word but the first, or every word but
    the last."""
    ws = content_words(name) or (name,)
    n, lem = len(ws), [fold(lemma(w)) for w in ws]
    # numbers must agree exactly ("Akademia 2022" is not "Akademia 2023"): part of every key
    nums = tuple(w for w in ws if w.isdigit())
    return [("edges", n, nums, _prefix(ws[0]), _prefix(ws[-1])),
            ("head", n, nums, " ".join(lem[:-1])), ("tail", n, nums, " ".join(lem[1:]))]


def _one_typo(wa, wb) -> bool:
    """Same words but one, and that one a single-letter slip in a long word (no digits:
    "2022" vs "2023" are two editions, not a typo)."""
    from rapidfuzz.distance import Levenshtein

    if len(wa) != len(wb) or len(wa) < 2:
        return False
    diff = [(x, y) for x, y in zip(wa, wb) if not _tokens_match(x, y)]
    if len(diff) != 1:
        return False
    x, y = (fold(t.lower()) for t in diff[0])
    min_len = rules()["resolve"]["typo_min_length"]
    return min(len(x), len(y)) >= min_len and not any(c.isdigit() for c in x + y) and \
        Levenshtein.distance(x, y) <= 1


def cluster(names: list[str], *, acronyms: bool = True, fuzzy: bool = True,
            aliases: AliasTable | None = None) -> list[int]:
    """Cluster label (index of the cluster's first name) for every name in `names`."""
    from rapidfuzz import fuzz, process

    aliases = aliases or alias_table()
    n = len(names)
    uf = UnionFind(n)
    keys = [lemma_key(aliases.strip(x)) for x in names]
    by_key: dict[str, int] = {}
    by_canon: dict[str, int] = {}
    for i, (name, key) in enumerate(zip(names, keys)):
        uf.union(i, by_key.setdefault(key, i))
        canon = aliases.lookup(name)
        if canon:
            uf.union(i, by_canon.setdefault(canon, i))
            uf.union(i, by_key.setdefault(lemma_key(canon), i))
    if acronyms:  # an acronym joins the one full name whose initials it spells
        by_initials: dict[str, set[str]] = defaultdict(set)
        for i, name in enumerate(names):
            if not is_acronym(name) and len(words(name)) >= 2:
                by_initials[initials(name)].add(keys[i])
        for i, name in enumerate(names):
            if is_acronym(name) and not aliases.lookup(name):
                hits = by_initials.get(name.replace(" ", "").upper(), set())
                if len(hits) == 1:
                    uf.union(i, by_key[next(iter(hits))])
    if fuzzy:  # blocking: only names that could pass a rule are compared (see _blocks)
        blocks: dict[tuple, list[int]] = defaultdict(list)
        for key, i in by_key.items():
            for b in _blocks(names[i]):
                blocks[b].append(i)
        cutoff = rules()["resolve"]["fuzzy_cutoff"]
        for members in blocks.values():
            if len(members) < 2:
                continue
            folded = [fold(keys[i]) for i in members]
            scores = process.cdist(folded, folded, scorer=fuzz.token_sort_ratio,
                                   score_cutoff=cutoff, workers=1)
            for a, b in zip(*scores.nonzero()):
                i, j = members[a], members[b]
                if a < b and uf.find(i) != uf.find(j) and same_entity(names[i], names[j], aliases):
                    uf.union(i, j)
    return [uf.find(i) for i in range(n)]


# --- organisation kind, level, country ------------------------------------------------

def _phrase_at(ws: list[str], phrase: list[str], i: int) -> bool:
    return i + len(phrase) <= len(ws) and all(
        p in lemmas(ws[i + k]) or p == fold(ws[i + k].lower()) for k, p in enumerate(phrase))


def org_kind(name: str) -> str:
    ws = [w for w in words(name) if w.lower() not in ("i",)] or [name]
    for rule in rules()["kind"]:
        for phrase in rule["phrases"]:
            ph = phrase.split()
            starts = range(len(ws)) if rule.get("anywhere") else range(1)
            if any(_phrase_at(ws, ph, i) for i in starts):
                return rule["kind"]
    return "inne"


def org_country(name: str, kind: str) -> str | None:
    cues = rules()["country"]["lemmas"]
    ws = words(name)
    for i, w in enumerate(ws):
        for cand in sorted(lemmas(w)):
            two = f"{cand} {lemma(ws[i + 1])}" if i + 1 < len(ws) else None
            if two and two in cues:
                return cues[two]
            if cand in cues:
                return cues[cand]
    if kind in rules()["country"]["polish_kinds"]:
        return "PL"
    return None


def org_level(kind: str) -> str | None:
    return rules()["levels"].get(kind)


# --- tables -----------------------------------------------------------------------------

_FACT_COLUMNS = ["fact_id", "page_id", "field", "name", "text", "start", "role", "kind", "value",
                 "currency", "date_start", "date_end", "country"]


@dataclass
class Entities:
    """Resolved entities of one type: rows, and the entity id of every mention."""
    rows: list[dict]
    of_fact: dict[int, str]  # index of the fact row -> entity id


def _canonical(names: Counter, aliases: AliasTable) -> str:
    for name, _ in sorted(names.items(), key=lambda kv: (-kv[1], kv[0])):
        canon = aliases.lookup(name)
        if canon:
            return canon
    full = [n for n in names if not is_acronym(n)] or list(names)
    # most often written, then the shortest (a suffix-free form), then A-Z
    return min(full, key=lambda n: (-names[n], len(n), n))


def _strip_titles(name: str) -> str:
    titles = set(rules()["resolve"]["person_titles"])
    ws = name.split()
    while len(ws) > 1 and ws[0].lower().rstrip(".") in titles:
        ws = ws[1:]
    return " ".join(ws)


def resolve_names(etype: str, idx: list[int], names: list[str], texts: list[str],
                  page_of: list[str], day_of: dict, *, aliases: AliasTable | None = None,
                  acronyms: bool = True, fuzzy: bool = True) -> Entities:
    aliases = aliases if aliases is not None else AliasTable()
    unique = sorted({names[i] for i in idx})
    labels = cluster(unique, acronyms=acronyms, fuzzy=fuzzy, aliases=aliases)
    label_of = dict(zip(unique, labels))
    members: dict[int, list[int]] = defaultdict(list)
    for i in idx:
        members[label_of[names[i]]].append(i)
    rows, of_fact = [], {}
    for group in members.values():
        counts = Counter(names[i] for i in group)
        canon = _canonical(counts, aliases)
        eid = stable_id(etype, lemma_key(aliases.strip(canon)))
        pages = sorted({page_of[i] for i in group})
        days = sorted(day_of[p] for p in pages if day_of.get(p) is not None)
        written = {names[i] for i in group} | {texts[i] for i in group}
        rows.append({"id": eid, "name": canon, "aliases": sorted(written - {canon}),
                     "n_pages": len(pages), "first_seen": days[0] if days else None,
                     "last_seen": days[-1] if days else None, "members": group})
        for i in group:
            of_fact[i] = eid
    # two clusters with one canonical key are one entity (e.g. split by blocking)
    merged: dict[str, dict] = {}
    for r in rows:
        if r["id"] in merged:
            m = merged[r["id"]]
            m["aliases"] = sorted(set(m["aliases"]) | set(r["aliases"]) | {r["name"]} - {m["name"]})
            m["members"] += r["members"]
            pages = {page_of[i] for i in m["members"]}
            days = sorted(day_of[p] for p in pages if day_of.get(p) is not None)
            m.update(n_pages=len(pages), first_seen=days[0] if days else None,
                     last_seen=days[-1] if days else None)
        else:
            merged[r["id"]] = r
    return Entities(sorted(merged.values(), key=lambda r: r["id"]), of_fact)


def _table(name: str, rows: list[dict]) -> pa.Table:
    schema = S.arrow_schema(name)
    return pa.Table.from_pylist([{k: r.get(k) for k in schema.names} for r in rows], schema=schema)


def _most_common(values: list) -> object:
    vals = [v for v in values if v is not None]
    if not vals:
        return None
    c = Counter(vals)
    return min(c, key=lambda v: (-c[v], str(v)))


def resolve(pages_file: str | Path, facts_file: str | Path) -> dict[str, pa.Table]:
    """Entity tables from the pages and facts tables (Parquet files)."""
    pages = pq.read_table(pages_file, columns=["page_id", "published", "fetched_at"])
    day_of = {}
    for pid, pub, fetched in zip(*(pages.column(c).to_pylist() for c in pages.column_names)):
        day_of[pid] = pub or (fetched.date() if fetched else None)
    del pages
    f = pq.read_table(facts_file, columns=_FACT_COLUMNS)
    col = {c: f.column(c).to_pylist() for c in _FACT_COLUMNS}
    del f
    n = len(col["fact_id"])
    names = [col["name"][i] or col["text"][i] for i in range(n)]
    page_of, field_ = col["page_id"], col["field"]
    by_field: dict[str, list[int]] = defaultdict(list)
    for i in range(n):
        by_field[field_[i]].append(i)
    people_idx = [i for i in by_field["participants"] if col["kind"][i] == "person"]
    org_idx = sorted(by_field["funders"] + [i for i in by_field["participants"]
                                            if col["kind"][i] != "person"])
    person_names = [_strip_titles(x) if x else x for x in names]
    common = dict(page_of=page_of, day_of=day_of)
    orgs = resolve_names("organization", org_idx, names, col["text"], aliases=alias_table(),
                         **common)
    people = resolve_names("person", people_idx, person_names, col["text"], acronyms=False,
                           **common)
    places = resolve_names("place", by_field["places"], names, col["text"], acronyms=False,
                           **common)
    progs = resolve_names("programme", by_field["programmes"], names, col["text"], **common)
    projs = resolve_names("project", by_field["projects"], names, col["text"], acronyms=False,
                          **common)

    evidence: dict[str, dict] = {}

    def cite(etype: str, eid: str, i: int) -> None:
        evid = stable_id("evidence", etype, eid, col["fact_id"][i])
        evidence[evid] = {"entity_type": etype, "entity_id": eid, "fact_id": col["fact_id"][i],
                          "page_id": page_of[i], "evidence_id": evid}

    out: dict[str, list[dict]] = {}
    for etype, ents in (("organization", orgs), ("person", people), ("place", places),
                        ("programme", progs), ("project", projs)):
        for r in ents.rows:
            for i in r["members"]:
                cite(etype, r["id"], i)
    for r in orgs.rows:
        kind = org_kind(r["name"])
        r.update(org_id=r["id"], kind=kind, level=org_level(kind), country=org_country(r["name"], kind))
    for r in people.rows:
        r["person_id"] = r["id"]
    for r in places.rows:
        r.update(place_id=r["id"], country=_most_common([col["country"][i] for i in r["members"]]))
    for r in progs.rows:
        r["programme_id"] = r["id"]
    for r in projs.rows:
        order = sorted({(day_of.get(page_of[i]) or S_MAX_DAY, page_of[i]) for i in r["members"]})
        r.update(project_id=r["id"], first_page_id=order[0][1], last_page_id=order[-1][1],
                 kind=_most_common([col["kind"][i] for i in r["members"]]) or "other")
    out.update(organizations=orgs.rows, people=people.rows, places=places.rows,
               programmes=progs.rows, projects=projs.rows)

    # per page: its main project (the first named), its places, its amounts
    on_page: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i in range(n):
        on_page[page_of[i]][field_[i]].append(i)
    activities: dict[str, dict] = {}
    roles: dict[str, dict] = {}
    fundings: dict[str, dict] = {}
    for pid in sorted(on_page):
        fs = on_page[pid]
        main = min(fs["projects"], key=lambda i: (col["start"][i], col["fact_id"][i])) \
            if fs["projects"] else None
        project_id = projs.of_fact[main] if main is not None else None
        page_places = sorted({places.of_fact[i] for i in fs["places"]})
        if project_id:
            for i in fs["dates"]:
                key = (project_id, col["date_start"][i], col["date_end"][i])
                aid = stable_id("activity", *key)
                a = activities.setdefault(aid, {"activity_id": aid, "project_id": project_id,
                                                "date_start": key[1], "date_end": key[2],
                                                "pages": set(), "places": []})
                a["pages"].add(pid)
                if len(page_places) == 1:
                    a["places"].append(page_places[0])
                cite("activity", aid, i)
                cite("activity", aid, main)
        target = dict(project_id=project_id, page_id=None if project_id else pid)
        actors = [("organization", orgs.of_fact[i], "funder", i) for i in fs["funders"]]
        for i in fs["participants"]:
            kind = "person" if col["kind"][i] == "person" else "organization"
            ent = people if kind == "person" else orgs
            actors.append((kind, ent.of_fact[i], col["role"][i] or "other", i))
        for kind, aid, role, i in actors:
            rid = stable_id("role", aid, project_id or pid, role)
            r = roles.setdefault(rid, {"role_id": rid, "actor_type": kind, "actor_id": aid,
                                       "role": role, "pages": set(), **target})
            r["pages"].add(pid)
            cite("role", rid, i)
        funders = sorted({orgs.of_fact[i]: i for i in fs["funders"]}.items())
        progs_here = sorted(fs["programmes"], key=lambda i: (col["start"][i], col["fact_id"][i]))
        prog = (progs.of_fact[progs_here[0]], progs_here[0]) if progs_here else (None, None)
        amounts = [i for i in fs["amounts"] if col["value"][i] is not None]
        top = max(amounts, key=lambda i: (col["value"][i], col["fact_id"][i])) if amounts else None
        pairs = [(f, fi, prog[0], prog[1]) for f, fi in funders] or \
            ([(None, None, prog[0], prog[1])] if prog[0] else [])
        for fid, fi, pgid, pgi in pairs:
            key = stable_id("funding", fid, pgid, project_id or pid)
            fr = fundings.setdefault(key, {"funding_id": key, "funder_id": fid, "programme_id": pgid,
                                           "amount": None, "currency": None, "pages": set(),
                                           **target})
            fr["pages"].add(pid)
            if top is not None and (fr["amount"] is None or col["value"][top] > fr["amount"]):
                fr["amount"], fr["currency"] = col["value"][top], col["currency"][top]
            for i in (fi, pgi, top):
                if i is not None:
                    cite("funding", key, i)
    for rows in (activities, roles, fundings):
        for r in rows.values():
            r["n_pages"] = len(r.pop("pages"))
    for a in activities.values():
        a["place_id"] = _most_common(a.pop("places"))
    out.update(activities=list(activities.values()), roles=list(roles.values()),
               fundings=list(fundings.values()), evidence=list(evidence.values()))
    return {name: _table(name, _sorted(name, rows)) for name, rows in out.items()}


S_MAX_DAY = __import__("datetime").date.max


def _sorted(name: str, rows: list[dict]) -> list[dict]:
    keys = S.TABLES[name].sort_by or (S.TABLES[name].primary_key,)
    return sorted(rows, key=lambda r: tuple(r[k] for k in keys))


# --- measuring -------------------------------------------------------------------------

# how each entity type is clustered by `resolve` (alias table, acronyms, fuzzy rules)
MODES = {
    "organization": dict(acronyms=True, fuzzy=True, use_aliases=True),
    "programme": dict(acronyms=True, fuzzy=True, use_aliases=False),
    "project": dict(acronyms=False, fuzzy=True, use_aliases=False),
    "person": dict(acronyms=False, fuzzy=True, use_aliases=False),
    "place": dict(acronyms=False, fuzzy=True, use_aliases=False),
}


def merged(etype: str, a: str, b: str) -> bool:
    """Whether `resolve` puts names `a` and `b` of type `etype` into one entity."""
    mode = MODES[etype]
    aliases = alias_table() if mode["use_aliases"] else AliasTable()
    if etype == "person":
        a, b = _strip_titles(a), _strip_titles(b)
    labels = cluster([a, b], acronyms=mode["acronyms"], fuzzy=mode["fuzzy"], aliases=aliases)
    return labels[0] == labels[1]


def evaluate_pairs(path: str | Path) -> dict:
    """Precision and recall of merges on a labelled CSV (type, a, b, same), per type and
    overall, with the misjudged pairs."""
    import csv

    per: dict[str, Counter] = defaultdict(Counter)
    errors = []
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            got, want = merged(row["type"], row["a"], row["b"]), row["same"] == "1"
            cell = ("tp" if want else "fp") if got else ("fn" if want else "tn")
            per[row["type"]][cell] += 1
            per["all"][cell] += 1
            if got != want:
                errors.append((row["type"], row["a"], row["b"], cell))

    def pr(c: Counter) -> dict:
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        return {"pairs": sum(c.values()), **dict(c), "precision": round(p, 3), "recall": round(r, 3)}
    return {"by_type": {t: pr(c) for t, c in sorted(per.items())}, "errors": errors}

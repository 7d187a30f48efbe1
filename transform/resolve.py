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

`resolve(pages_file, facts_file, out_dir) -> {table name: rows}` writes projects,
organizations, people, places, programmes, activities, roles, fundings and evidence.
An entity's first_seen/last_seen are the publication dates of its pages (null when none
of them has one; the crawl date is never used).
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
#
# Two passes over facts.parquet, never holding it whole: pass 1 counts the distinct names
# (small), which are clustered; pass 2 streams the facts page by page (the file is sorted
# by page_id, and so is pages.parquet, read alongside for the publication dates), links
# every mention to its entity, writes `evidence` as it goes and keeps only per-entity
# accumulators. The activities, roles and fundings each page reports are spilled to
# Parquet and merged across pages by DuckDB (`LinkSpill`), out of core. Memory grows with
# the number of distinct names, not with pages, facts or links.

_NAME_FIELDS = ("funders", "participants", "places", "programmes", "projects")
_BATCH = 65_536
S_MAX_DAY = __import__("datetime").date.max


def entity_type(fld: str, kind: str | None) -> str | None:
    """Which entity table a fact of `fld` (and participant `kind`) belongs to."""
    if fld == "funders":
        return "organization"
    if fld == "participants":
        return "person" if kind == "person" else "organization"
    return {"places": "place", "programmes": "programme", "projects": "project"}.get(fld)


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


@dataclass
class Entity:
    id: str
    name: str
    aliases: set = field(default_factory=set)
    n_pages: int = 0
    last_page: str | None = None
    first_seen: object = None
    last_seen: object = None
    first_page: tuple | None = None  # (day, page_id) of the first and last mention
    last_page_key: tuple | None = None
    kinds: Counter = field(default_factory=Counter)
    countries: Counter = field(default_factory=Counter)

    def mention(self, pid: str, day, written: str, kind=None, country=None) -> None:
        self.aliases.add(written)
        if kind:
            self.kinds[kind] += 1
        if country:
            self.countries[country] += 1
        if pid == self.last_page:  # facts come sorted by page: a page is counted once
            return
        self.last_page = pid
        self.n_pages += 1
        if day is not None:
            self.first_seen = day if self.first_seen is None else min(self.first_seen, day)
            self.last_seen = day if self.last_seen is None else max(self.last_seen, day)
        key = (day or S_MAX_DAY, pid)
        self.first_page = key if self.first_page is None else min(self.first_page, key)
        self.last_page_key = key if self.last_page_key is None else max(self.last_page_key, key)

    def row(self) -> dict:
        return {"name": self.name, "aliases": sorted(self.aliases - {self.name}),
                "n_pages": self.n_pages, "first_seen": self.first_seen,
                "last_seen": self.last_seen}


MODES = {
    "organization": dict(acronyms=True, fuzzy=True, use_aliases=True),
    "programme": dict(acronyms=True, fuzzy=True, use_aliases=False),
    "project": dict(acronyms=False, fuzzy=True, use_aliases=False),
    "person": dict(acronyms=False, fuzzy=True, use_aliases=False),
    "place": dict(acronyms=False, fuzzy=True, use_aliases=False),
}


def _name_of(etype: str, name: str) -> str:
    return _strip_titles(name) if etype == "person" else name


def resolve_names(etype: str, counts: Counter) -> tuple[dict[str, str], dict[str, Entity]]:
    """(name as extracted -> entity id, entity id -> Entity) for one entity type."""
    mode = MODES[etype]
    aliases = alias_table() if mode["use_aliases"] else AliasTable()
    unique = sorted(counts)
    labels = cluster([_name_of(etype, n) for n in unique], acronyms=mode["acronyms"],
                     fuzzy=mode["fuzzy"], aliases=aliases)
    groups: dict[int, list[str]] = defaultdict(list)
    for name, label in zip(unique, labels):
        groups[label].append(name)
    id_of, entities = {}, {}
    for members in groups.values():
        canon = _canonical(Counter({_name_of(etype, n): counts[n] for n in members}), aliases)
        eid = stable_id(etype, lemma_key(aliases.strip(canon)))
        # two clusters with one canonical key are one entity
        entities.setdefault(eid, Entity(eid, canon))
        for n in members:
            id_of[n] = eid
    return id_of, entities


def _fact_batches(facts_file: Path, columns: list[str]):
    for batch in pq.ParquetFile(facts_file).iter_batches(batch_size=_BATCH, columns=columns):
        yield from batch.to_pylist()


def _pages_of(facts_file: Path, columns: list[str]):
    """Facts grouped by page, in page order (the facts table is sorted by page_id)."""
    page, rows = None, []
    for r in _fact_batches(facts_file, columns):
        if r["page_id"] != page and rows:
            yield page, rows
            rows = []
        page = r["page_id"]
        rows.append(r)
    if rows:
        yield page, rows


def _first(rows: list[dict]) -> dict | None:
    return min(rows, key=lambda r: (r["start"], r["fact_id"])) if rows else None


def _page_days(pages_file: Path):
    """A function pid -> the page's publication date (None when unknown: the crawl date
    says when we looked, not when it happened), for pids asked in ascending order: a merge
    walk along pages.parquet (sorted by page_id), so no map of every page is held."""
    batches = pq.ParquetFile(pages_file).iter_batches(batch_size=_BATCH,
                                                      columns=["page_id", "published"])
    rows: list = []
    pos = 0

    def day(pid: str):
        nonlocal rows, pos
        while True:
            while pos < len(rows) and rows[pos][0] < pid:
                pos += 1
            if pos < len(rows):
                return rows[pos][1] if rows[pos][0] == pid else None
            batch = next(batches, None)
            if batch is None:
                return None
            rows, pos = list(zip(*(batch.column(i).to_pylist() for i in range(2)))), 0
    return day


def resolve(pages_file: str | Path, facts_file: str | Path, out_dir: str | Path,
            scratch: str | Path | None = None) -> dict[str, int]:
    """Write the entity tables (and `evidence`) into `out_dir`; return their row counts.
    `scratch` (default: a temporary folder in `out_dir`) holds the spilled link rows."""
    import tempfile

    out_dir = Path(out_dir)
    with tempfile.TemporaryDirectory(prefix=".resolve-", dir=scratch or out_dir) as tmp:
        return _resolve(Path(pages_file), Path(facts_file), out_dir, Path(tmp))


def _resolve(pages_file: Path, facts_file: Path, out_dir: Path, tmp: Path) -> dict[str, int]:
    from transform.io import AtomicParquetWriter, write_table_atomic

    # pass 1: distinct names per entity type
    counts: dict[str, Counter] = defaultdict(Counter)
    for r in _fact_batches(facts_file, ["field", "name", "text", "kind"]):
        et = entity_type(r["field"], r["kind"])
        if et:
            counts[et][r["name"] or r["text"]] += 1
    resolved = {et: resolve_names(et, counts[et]) for et in MODES}
    del counts

    # pass 2: stream the facts page by page
    day_of = _page_days(pages_file)
    links = LinkSpill(tmp)
    cols = ["fact_id", "page_id", "field", "name", "text", "start", "role", "kind", "value",
            "currency", "date_start", "date_end", "country"]
    ev_schema = S.arrow_schema("evidence")
    with AtomicParquetWriter(out_dir / S.EVIDENCE.file, ev_schema) as ev_writer:
        buffer: list[dict] = []
        for pid, rows in _pages_of(facts_file, cols):
            day = day_of(pid)
            cited: dict[str, dict] = {}

            def cite(etype: str, eid: str, r: dict) -> None:
                evid = stable_id("evidence", etype, eid, r["fact_id"])
                cited[evid] = {"entity_type": etype, "entity_id": eid, "fact_id": r["fact_id"],
                               "page_id": pid, "evidence_id": evid}

            by_field: dict[str, list[dict]] = defaultdict(list)
            for r in rows:
                by_field[r["field"]].append(r)
                et = entity_type(r["field"], r["kind"])
                if et:
                    id_of, ents = resolved[et]
                    name = r["name"] or r["text"]
                    r["eid"] = id_of[name]
                    ents[r["eid"]].mention(pid, day, r["text"], kind=r["kind"] if et == "project"
                                           else None, country=r["country"])
                    ents[r["eid"]].aliases.add(_name_of(et, name))
                    cite(et, r["eid"], r)
            _page_links(pid, by_field, links, cite)
            buffer.extend(cited[k] for k in sorted(cited))
            if len(buffer) >= _BATCH:
                ev_writer.write(pa.Table.from_pylist(buffer, schema=ev_schema))
                buffer = []
        ev_writer.write(pa.Table.from_pylist(buffer, schema=ev_schema))
        counts_out = {"evidence": ev_writer.rows}
    links.close()

    orgs = resolved["organization"][1]
    tables = {
        "organizations": [{"org_id": e.id, **e.row(), "kind": (k := org_kind(e.name)),
                           "level": org_level(k), "country": org_country(e.name, k)}
                          for e in orgs.values() if e.n_pages],
        "people": [{"person_id": e.id, **e.row()} for e in resolved["person"][1].values() if e.n_pages],
        "places": [{"place_id": e.id, **e.row(), "country": _most_common(e.countries)}
                   for e in resolved["place"][1].values() if e.n_pages],
        "programmes": [{"programme_id": e.id, **e.row()}
                       for e in resolved["programme"][1].values() if e.n_pages],
        "projects": [{"project_id": e.id, **e.row(), "kind": _most_common(e.kinds) or "other",
                      "first_page_id": e.first_page[1], "last_page_id": e.last_page_key[1]}
                     for e in resolved["project"][1].values() if e.n_pages],
    }
    for name, rows in tables.items():
        write_table_atomic(_table(name, _sorted(name, rows)), out_dir / S.TABLES[name].file,
                           S.arrow_schema(name))
        counts_out[name] = len(rows)
    counts_out.update(links.aggregate(out_dir))
    return counts_out


class LinkSpill:
    """The activities, roles and fundings each page reports, one row per (link, page),
    spilled to Parquet; `aggregate` merges them across pages in DuckDB (out of core), so
    memory does not grow with the number of links."""

    SCHEMAS = {
        "activities": {"activity_id": pa.string(), "project_id": pa.string(),
                       "date_start": pa.string(), "date_end": pa.string(),
                       "place_id": pa.string(), "page": pa.string()},
        "roles": {"role_id": pa.string(), "actor_type": pa.string(), "actor_id": pa.string(),
                  "role": pa.string(), "project_id": pa.string(), "page_id": pa.string(),
                  "page": pa.string()},
        "fundings": {"funding_id": pa.string(), "funder_id": pa.string(),
                     "programme_id": pa.string(), "project_id": pa.string(),
                     "page_id": pa.string(), "amount": pa.float64(), "currency": pa.string(),
                     "page": pa.string()},
    }
    # merged across pages: n_pages counts the pages (one row per page each); an activity's
    # place is the one most of its pages name alone (ties: smallest id); a funding's amount
    # is the largest any page gives, its currency that of the first page (by id) giving it
    SQL = {
        "activities": """
            WITH a AS (SELECT activity_id, any_value(project_id) AS project_id,
                              any_value(date_start) AS date_start,
                              any_value(date_end) AS date_end, count(*) AS n_pages
                       FROM {src} GROUP BY activity_id),
                 p AS (SELECT activity_id, place_id, count(*) AS c FROM {src}
                       WHERE place_id IS NOT NULL GROUP BY activity_id, place_id
                       QUALIFY row_number() OVER (PARTITION BY activity_id
                                                  ORDER BY c DESC, place_id) = 1)
            SELECT a.*, p.place_id FROM a LEFT JOIN p USING (activity_id)
            ORDER BY activity_id""",
        "roles": """
            SELECT role_id, any_value(actor_type) AS actor_type, any_value(actor_id) AS actor_id,
                   any_value(role) AS role, any_value(project_id) AS project_id,
                   any_value(page_id) AS page_id, count(*) AS n_pages
            FROM {src} GROUP BY role_id ORDER BY role_id""",
        "fundings": """
            SELECT funding_id, any_value(funder_id) AS funder_id,
                   any_value(programme_id) AS programme_id, any_value(project_id) AS project_id,
                   any_value(page_id) AS page_id, max(amount) AS amount,
                   first(currency ORDER BY amount DESC NULLS LAST, page) AS currency,
                   count(*) AS n_pages
            FROM {src} GROUP BY funding_id ORDER BY funding_id""",
    }

    FLUSH = 16_384  # rows kept per table before they go to disk

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.rows: dict[str, list[dict]] = {t: [] for t in self.SCHEMAS}
        self.writers: dict[str, pq.ParquetWriter] = {}

    def add(self, table: str, row: dict) -> None:
        rows = self.rows[table]
        rows.append(row)
        if len(rows) >= self.FLUSH:
            self._flush(table)

    def _flush(self, table: str) -> None:
        schema = pa.schema(self.SCHEMAS[table])
        if table not in self.writers:
            self.writers[table] = pq.ParquetWriter(self.tmp / f"{table}.parquet", schema)
        self.writers[table].write_table(pa.Table.from_pylist(self.rows[table], schema=schema))
        self.rows[table] = []

    def close(self) -> None:
        for table in self.SCHEMAS:
            self._flush(table)  # an empty table still gets its (empty) file
            self.writers.pop(table).close()

    def aggregate(self, out_dir: Path) -> dict[str, int]:
        from transform import spill
        from transform.io import ROW_GROUP_SIZE, AtomicParquetWriter

        counts = {}
        con = spill.connect([self.tmp, out_dir])
        try:
            for table, sql in self.SQL.items():
                query = sql.format(src=spill.read(self.tmp / f"{table}.parquet"))
                with AtomicParquetWriter(out_dir / S.TABLES[table].file,
                                         S.arrow_schema(table)) as w:
                    for chunk in spill.batches(con, query, ROW_GROUP_SIZE):
                        w.write(chunk)
                counts[table] = w.rows
        finally:
            con.close()
        return counts


def _page_links(pid: str, fs: dict[str, list[dict]], links: LinkSpill, cite) -> None:
    """Activities, roles and fundings that one page reports, one row per link for this
    page (merged across pages by `LinkSpill.aggregate`)."""
    main = _first(fs["projects"])  # the page's own project: the first it names
    project_id = main["eid"] if main else None
    places = sorted({r["eid"] for r in fs["places"]})
    acts: dict[str, dict] = {}
    if main:
        for r in fs["dates"]:
            aid = stable_id("activity", project_id, r["date_start"], r["date_end"])
            acts.setdefault(aid, {"activity_id": aid, "project_id": project_id,
                                  "date_start": r["date_start"], "date_end": r["date_end"],
                                  "place_id": places[0] if len(places) == 1 else None,
                                  "page": pid})
            cite("activity", aid, r)
            cite("activity", aid, main)
    target = {"project_id": project_id, "page_id": None if project_id else pid}
    actors = [("organization", r, "funder") for r in fs["funders"]]
    actors += [("person" if r["kind"] == "person" else "organization", r, r["role"] or "other")
               for r in fs["participants"]]
    roles: dict[str, dict] = {}
    for kind, r, role in actors:
        rid = stable_id("role", r["eid"], project_id or pid, role)
        roles.setdefault(rid, {"role_id": rid, "actor_type": kind, "actor_id": r["eid"],
                               "role": role, "page": pid, **target})
        cite("role", rid, r)
    funders = {}
    for r in sorted(fs["funders"], key=lambda r: (r["start"], r["fact_id"])):
        funders.setdefault(r["eid"], r)
    prog = _first(fs["programmes"])
    amounts = [r for r in fs["amounts"] if r["value"] is not None]
    top = max(amounts, key=lambda r: (r["value"], r["fact_id"])) if amounts else None
    pairs = [(f, prog) for f in funders.values()] or ([(None, prog)] if prog else [])
    funds: dict[str, dict] = {}
    for f, p in pairs:
        fid = stable_id("funding", f and f["eid"], p and p["eid"], project_id or pid)
        funds.setdefault(fid, {"funding_id": fid, "funder_id": f and f["eid"],
                               "programme_id": p and p["eid"],
                               "amount": top and top["value"], "currency": top and top["currency"],
                               "page": pid, **target})
        for r in (f, p, top):
            if r is not None:
                cite("funding", fid, r)
    for table, rows in (("activities", acts), ("roles", roles), ("fundings", funds)):
        for row in rows.values():
            links.add(table, row)


def _table(name: str, rows: list[dict]) -> pa.Table:
    schema = S.arrow_schema(name)
    return pa.Table.from_pylist([{k: r.get(k) for k in schema.names} for r in rows], schema=schema)


def _most_common(c: Counter) -> object:
    return min(c, key=lambda v: (-c[v], str(v))) if c else None


def _sorted(name: str, rows: list[dict]) -> list[dict]:
    keys = S.TABLES[name].sort_by or (S.TABLES[name].primary_key,)
    return sorted(rows, key=lambda r: tuple(r[k] for k in keys))


# --- measuring -------------------------------------------------------------------------


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


if __name__ == "__main__":  # python -m transform.resolve tests/data/name_pairs_holdout.csv
    import sys

    for path in sys.argv[1:]:
        result = evaluate_pairs(path)
        print(f"{path}\n| type | pairs | precision | recall |\n| --- | ---: | ---: | ---: |")
        for t, v in result["by_type"].items():
            print(f"| {t} | {v['pairs']} | {v['precision']:.3f} | {v['recall']:.3f} |")
        for e in result["errors"]:
            print("misjudged:", *e)

"""Build the knowledge tables under extract/data/knowledge/ from their seeds.

    python -m extract.knowledge_build [--seeds DIR] [--out DIR] [funders|lgu|countries|all]

Seeds (hand-curated or official lists, with source notes) live in
extract/data/knowledge/seeds/; this script expands them into the tables the loader
(extract/knowledge.py) reads: every name in every case (morfeusz2 generates the forms),
country names from babel's CLDR data, local-government units from the TERYT TERC
register.  Output is deterministic: rows sorted, one fixed line format, so re-running on
unchanged seeds and library versions rewrites identical files.  Building needs babel
(`pip install -e '.[knowledge]'`); reading the tables needs nothing beyond the stdlib.
"""
from __future__ import annotations

import csv
import io
import os
import sys
import tempfile
import tomllib
from functools import lru_cache
from pathlib import Path

from extract import morph
from extract.morph import match_case

KNOWLEDGE_DIR = Path(__file__).parent / "data" / "knowledge"
SEEDS = KNOWLEDGE_DIR / "seeds"
OUT = KNOWLEDGE_DIR  # --out DIR writes elsewhere (to compare a fresh build with the tables)
CASES = ("nom", "gen", "dat", "acc", "inst", "loc")
_NOMINAL = ("subst", "adj", "ppas", "pact")


class BuildError(Exception):
    """A seed that cannot be built (unknown id, bad row): one line for the user."""


# --- inflection -------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _analyses(word: str) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """(lemma, tag fields, name classes) of ``word`` read as one token."""
    return tuple((seg.lemma, tuple(seg.tag.split(":")), seg.quals) for seg in morph.whole_word_segments(word))


@lru_cache(maxsize=None)
def _generate(lemma: str) -> tuple[tuple[str, tuple[str, ...], bool], ...]:
    """(form, tag fields, plain) of every form of ``lemma``; plain = no usage qualifier
    (rare, archaic or incorrect forms are kept only when nothing plain exists)."""
    return tuple((f, tuple(tag.split(":")), not _UNUSUAL & set(",".join(labels).split(",")))
                 for f, tag, _q, labels in morph.generate_labelled(lemma))


# SGJP usage qualifiers of forms a page of today hardly writes
_UNUSUAL = {"arch.", "daw.", "przest.", "niepopr.", "rzad.", "gwar.", "reg.", "pot.", "środ.", "poet.", "książk."}


def _nominatives(word: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return [a for a in _analyses(word) if a[1][0] in _NOMINAL and len(a[1]) > 3 and "nom" in a[1][2].split(".")]


def _genders(tag: tuple[str, ...]) -> list[str]:
    return tag[3].split(".")


def _agree(adj: tuple[str, ...], noun: tuple[str, ...]) -> bool:
    return adj[1] == noun[1] and bool(set(_genders(adj)) & set(_genders(noun)))


def _noun_reading(word: str):
    """The nominative noun reading of ``word``: a proper name when the word is capitalised."""
    best = None
    for lemma, tag, quals in _nominatives(word):
        if tag[0] != "subst":
            continue
        # places before common nouns before persons' names: these are names of places and bodies
        # (and a singular before a plural: "Starostwo" is the office, not the starosta's couple)
        score = ("nazwa_geograficzna" in quals, "nazwa_pospolita" in quals,
                 word[:1].isupper() == lemma[:1].isupper(), tag[1] == "sg")
        if best is None or score > best[0]:
            best = (score, (lemma, tag))
    return None if best is None else best[1]


def _adj_reading(word: str, noun: tuple[str, ...] | None):
    for lemma, tag, _q in _nominatives(word):
        if tag[0] != "subst" and (noun is None or _agree(tag, noun)):
            return lemma, tag
    return None


def _has_genitive(word: str) -> bool:
    return any(t[0] == "subst" and len(t) > 2 and "gen" in t[2].split(".") for _l, t, _q in _analyses(word))


def _geographic(word: str) -> bool:
    return any("nazwa_geograficzna" in q or "człon_nazwy_geograficznej" in q for _l, _t, q in _analyses(word))


def _common(word: str) -> bool:
    return any("nazwa_pospolita" in q for _l, _t, q in _analyses(word))


def _inflects_after_head(i: int, parts: list[str], noun, head, joined: set[int]) -> bool:
    """Whether a noun after the head inflects with it: the second half of a hyphenated town
    name ("Boguszowie-Gorcach"), a coordinated place ("Bośnia i Hercegowina") or a place in
    apposition ("Góra Kalwaria"); not a genitive complement ("Fundacja Wolności") nor a
    title ("Program Operacyjny Wiedza Edukacja Rozwój")."""
    p = parts[i]
    if i in joined:
        return _geographic(p) or _common(p)
    if i > 0 and any(t[0] == "conj" for _l, t, _q in _analyses(parts[i - 1])):
        return _geographic(p)
    return noun[1][1] == head[1][1] and not _has_genitive(p) and _geographic(p)


def _readings(parts: list[str], prefixes: set[int], joined: set[int] = frozenset()) -> list[tuple[str, tuple[str, ...]] | None]:
    """Which parts of a nominative phrase inflect, and how: adjectives agree with the
    nearest noun, the first noun is the head, a later noun inflects as
    `_inflects_after_head` says, and the first part that does not (a genitive complement,
    a preposition, a title) freezes the rest ("Rozwoju Regionalnego", "nad Pilicą")."""
    nouns = [_noun_reading(p) for p in parts]
    out: list = [None] * len(parts)
    agrees_with_next: set[int] = set()
    head = None
    for i, p in enumerate(parts):
        if i in prefixes:  # "kujawsko-" of "kujawsko-pomorskie", "Polsko-" of "Polsko-Amerykańska"
            continue
        if not p or any(t[0] == "prep" for _l, t, _q in _analyses(p)) and not _nominatives(p):
            break
        before = next((j for j in range(i - 1, -1, -1) if j not in prefixes), -1)
        j = next((j for j in (i + 1, before) if 0 <= j < len(parts) and nouns[j]
                  and _adj_reading(p, nouns[j][1])), None)
        if j is not None:
            out[i] = _adj_reading(p, nouns[j][1])
            if j == i + 1:
                agrees_with_next.add(i)
        elif nouns[i] is not None:
            if head is not None and not _inflects_after_head(i, parts, nouns[i], head, joined):
                if i - 1 in agrees_with_next:
                    out[i - 1] = None  # "Polski" of "Fundusz Polski Ład" belonged to the frozen title
                break
            out[i] = nouns[i]
            head = head or nouns[i]
        elif _nominatives(p) and head is not None:  # an adjective after its noun ("Kamień Pomorski")
            out[i] = _adj_reading(p, head[1])
        elif any(t[0] in ("conj", "adja") for _l, t, _q in _analyses(p)) or head is None:
            continue
        else:
            break
    return out


def _case_forms(part: str, reading: tuple[str, tuple[str, ...]], case: str,
                agree_with: tuple[str, ...] | None) -> list[str]:
    lemma, tag = reading
    number = agree_with[1] if agree_with and tag[0] != "subst" else tag[1]
    genders = set(_genders(agree_with if agree_with and tag[0] != "subst" else tag)[:1])
    found: list[tuple[bool, str]] = []
    for form, t, plain in _generate(lemma):
        if t[0] != tag[0] or len(t) < 4 or t[1] != number or case not in t[2].split("."):
            continue
        if not genders & set(_genders(t)):
            continue
        if t[0] == "adj" and t[-1] != tag[-1] or t[0] in ("ppas", "pact") and t[-1] != "aff":
            continue
        found.append((plain, match_case(form, part)))
    plain = [f for p, f in found if p] or [f for _p, f in found]
    return list(dict.fromkeys(plain))


def phrase_forms(name: str) -> dict[str, list[str]]:
    """{case: forms} of a name given in the nominative; parts that do not inflect
    (acronyms, genitive complements, foreign words) stay as written."""
    words = name.split(" ")
    parts, prefixes, joined = [], set(), set()
    for w in words:
        pieces = w.split("-")
        for k, p in enumerate(pieces):
            if k < len(pieces) - 1 and p[-1:] == "o" and not _nominatives(p):
                prefixes.add(len(parts))
            elif k > 0 and len(parts) - 1 not in prefixes:
                joined.add(len(parts))
            parts.append(p)
    readings = _readings(parts, prefixes, joined)
    noun_tags = [r[1] if r and r[1][0] == "subst" else None for r in readings]
    out: dict[str, list[str]] = {}
    for case in CASES:
        options: list[list[str]] = []
        for i, (p, r) in enumerate(zip(parts, readings)):
            if r is None or case == "nom":
                options.append([p])
                continue
            near = [j for j, t in enumerate(noun_tags) if t is not None]
            agree = noun_tags[min(near, key=lambda j: (abs(j - i), j < i))] if near and r[1][0] != "subst" else None
            options.append(_case_forms(p, r, case, agree) or [p])
        primary = [o[0] for o in options]
        variants = [primary] + [primary[:i] + [alt] + primary[i + 1:]
                                for i, o in enumerate(options) for alt in o[1:]]
        out[case] = list(dict.fromkeys(_rejoin(words, v) for v in variants))
    return out


def _rejoin(words: list[str], parts: list[str]) -> str:
    out, k = [], 0
    for w in words:
        n = w.count("-") + 1
        out.append("-".join(parts[k:k + n]))
        k += n
    return " ".join(out)


def all_forms(name: str) -> list[str]:
    """Every case form of ``name`` (nominative first), each once."""
    if _is_acronym(name):
        return [name]
    return list(dict.fromkeys(f for forms in phrase_forms(name).values() for f in forms))


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return " " not in name and sum(c.isupper() for c in letters) >= 2 and len(name) <= 12


def word_forms(lemma: str, pos: str) -> list[str]:
    """Every plain form of a one-word common lemma (an adjective, a noun for people)."""
    ids = {lid for lid, t, quals in _analyses(lemma) if t[0] == pos and "nom" in t[2].split(".")
           and (pos != "subst" or "nazwa_pospolita" in quals) and lid.split(":")[0] == lemma}
    forms = [f for lid in sorted(ids) for f, t, plain in _generate(lid)
             if t[0] == pos and plain and not (pos == "adj" and t[-1] != "pos")]
    return sorted(set(forms))


def generated_lemma(lemma: str, pos: str) -> bool:
    return bool(word_forms(lemma, pos))


# --- output -----------------------------------------------------------------------------

def write_tsv(path: Path, header: list[str], rows: list[list[str]], comment: str) -> None:
    """Atomically write a sorted TSV with a leading ``#`` comment line."""
    for row in rows:
        for cell in row:
            if "\t" in cell or "\n" in cell:
                raise BuildError(f"{path.name}: a cell holds a tab or newline: {cell!r}")
    buf = io.StringIO()
    buf.write(f"# {comment}\n")
    buf.write("\t".join(header) + "\n")
    for row in sorted(set(tuple(r) for r in rows)):
        buf.write("\t".join(row) + "\n")
    _write_atomic(path, buf.getvalue())


def _write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path`` and rename it over ``path``."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600 files
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _join(values) -> str:
    return "|".join(values)


def _load_toml(name: str) -> dict:
    try:
        with open(SEEDS / name, "rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise BuildError(f"seed {name}: {e}") from None


# --- funders and programmes -------------------------------------------------------------

FUNDER_KINDS = {"state", "ministry", "agency", "foundation", "international", "fund", "mechanism",
                "programme", "self-government"}
PROGRAMME_KINDS = {"fund", "mechanism", "programme"}


def _voivodeship_funders() -> list[dict]:
    """The sixteen voivodeship self-governments, funders of regional programmes and grants."""
    out = []
    for unit in _terc_units():
        if unit["kind"] != "województwo":
            continue
        adj = unit["name"]
        gen = _adjective_phrase("Województwo", adj, "gen")
        out.append({"id": f"woj_{unit['teryt']}", "name": f"Samorząd {gen}",
                    "aliases": [f"Województwo {_title(adj)}", f"Urząd Marszałkowski {gen}", f"Zarząd {gen}"],
                    "kind": "self-government", "country": "PL",
                    "note": "generated from the TERYT TERC register"})
    return out


def _title(adjective: str) -> str:
    """"kujawsko-pomorskie" -> "Kujawsko-Pomorskie" (names of units are title-cased)."""
    return "-".join(p[:1].upper() + p[1:] for p in adjective.split("-"))


def _adjective_phrase(noun: str, adjective: str, case: str) -> str:
    """"Województwo", "podkarpackie", gen -> "Województwa Podkarpackiego"."""
    return phrase_forms(f"{noun} {_title(adjective)}")[case][0]


def build_funders() -> dict[str, int]:
    seed = _load_toml("funders.toml")
    funders = list(seed.get("funder", [])) + _voivodeship_funders()
    programmes = list(seed.get("programme", []))
    ids = {}
    for f in funders:
        if f.get("kind") not in FUNDER_KINDS:
            raise BuildError(f"funder {f.get('id')}: unknown kind {f.get('kind')!r}")
        if f["id"] in ids:
            raise BuildError(f"funder {f['id']}: id used twice")
        ids[f["id"]] = f
    by_programme = {p["id"]: p for p in programmes}
    prows, frows, forms = [], [], []
    for f in funders:
        frows.append([f["id"], f["name"], _join(f.get("aliases", [])), f["kind"], f.get("country", ""),
                      f.get("note", "")])
        for name in [f["name"], *f.get("aliases", [])]:
            forms += [[form, "funder", f["id"]] for form in all_forms(name)]
    for p in programmes:
        if p.get("kind") not in PROGRAMME_KINDS:
            raise BuildError(f"programme {p.get('id')}: unknown kind {p.get('kind')!r}")
        unknown = [d for d in [*p["donors"], p.get("credit", "")] if d and d not in ids]
        if unknown:
            raise BuildError(f"programme {p['id']}: unknown funder id {unknown[0]!r}")
        credit, credit_aliases = _credit(p, by_programme)
        prows.append([p["id"], p["name"], _join(p.get("aliases", [])), p["kind"], _join(p["donors"]),
                      credit, _join(credit_aliases), p.get("note", "")])
        for name in [p["name"], *p.get("aliases", [])]:
            forms += [[form, "programme", p["id"]] for form in all_forms(name)]
    write_tsv(OUT / "funders.tsv", ["id", "name", "aliases", "kind", "country", "note"], frows,
              "Funders: built by `python -m extract.knowledge_build funders` from seeds/funders.toml and seeds/terc.tsv")
    write_tsv(OUT / "programmes.tsv",
              ["id", "name", "aliases", "kind", "donors", "credit", "credit_aliases", "note"], prows,
              "Programmes and funds -> donors and the funder a record names: built from seeds/funders.toml")
    write_tsv(OUT / "funder_forms.tsv", ["form", "table", "id"], forms,
              "Every case form of every funder and programme name and alias (morfeusz2)")
    return {"funders.tsv": len(frows), "programmes.tsv": len(prows), "funder_forms.tsv": len(set(map(tuple, forms)))}


def _credit(p: dict, by_programme: dict[str, dict]) -> tuple[str, list[str]]:
    """The funder a facts record names for money from ``p``, and the aliases it takes
    from the programme: an EU fund is credited to the EU under the fund's names."""
    if p.get("credit"):
        return p["credit"], []
    if p["donors"] == ["eu"]:
        fund = p if p["kind"] == "fund" else by_programme.get(p.get("credit_fund", ""))
        if p.get("credit_fund") and fund is None:
            raise BuildError(f"programme {p['id']}: unknown credit_fund {p['credit_fund']!r}")
        return "eu", ([fund["name"], *fund.get("aliases", [])] if fund else [])
    return p["donors"][0], []


# --- local-government units ---------------------------------------------------------------

_KINDS = {"gmina miejska, miasto stołeczne": "gmina miejska",
          "miasto stołeczne, na prawach powiatu": "miasto na prawach powiatu"}


@lru_cache(maxsize=1)
def _terc_units() -> tuple[dict, ...]:
    """Units of the TERC seed: teryt code, kind, name, parent codes."""
    units, woj_names, pow_names = [], {}, {}
    try:
        lines = (SEEDS / "terc.tsv").read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise BuildError(f"seed terc.tsv: {e.strerror}") from None
    rows = list(csv.reader((ln for ln in lines if not ln.startswith("#")), delimiter="\t"))
    for woj, pow_, gmi, rodz, name, kind in rows[1:]:
        kind = _KINDS.get(kind, kind)
        if kind == "województwo":
            name = name.lower()
            woj_names[woj] = name
            code = woj
        elif not gmi:
            pow_names[woj + pow_] = name
            code = woj + pow_
        else:
            code = woj + pow_ + gmi + rodz
        units.append({"teryt": code, "kind": kind, "name": name,
                      "voivodeship": woj_names.get(woj, ""), "powiat": pow_names.get(woj + pow_, "") if gmi else ""})
    return tuple(units)


def _official_names(unit: dict) -> list[str]:
    """How pages name the unit as a body, the usual name first: "Gmina X", "Miasto X",
    "Powiat Gorlicki", "Województwo Podkarpackie"."""
    name, kind = unit["name"], unit["kind"]
    if kind == "województwo":
        return [f"Województwo {_title(name)}", f"Samorząd {_adjective_phrase('Województwo', name, 'gen')}"]
    if kind == "powiat":
        return [f"Powiat {_title(name)}"]
    if kind == "miasto na prawach powiatu":
        return [f"Miasto {name}", f"Gmina Miasto {name}", f"Gmina Miejska {name}", f"Miasto na prawach powiatu {name}"]
    if kind == "gmina miejska":
        return [f"Miasto {name}", f"Gmina Miejska {name}", f"Gmina Miasto {name}", f"Gmina {name}"]
    if kind == "gmina miejsko-wiejska":
        return [f"Gmina {name}", f"Miasto i Gmina {name}", f"Gmina Miejsko-Wiejska {name}"]
    if kind == "gmina wiejska":
        return [f"Gmina {name}", f"Gmina Wiejska {name}"]
    if kind == "miasto":
        return [f"Miasto {name}"]
    return [name]


def _unit_forms(unit: dict) -> list[str]:
    """Forms a page writes the unit's own name in: a town in every case ("w Krasnobrodzie"),
    a powiat or voivodeship as "powiat gorlicki" / "województwo podkarpackie" in every case
    (their bare adjectives are ordinary words), a voivodeship also by its adjective in the
    neuter ("podkarpackie", "w podkarpackiem" is archaic and left out)."""
    name, kind = unit["name"], unit["kind"]
    if kind == "powiat":
        return all_forms(f"powiat {name}")
    if kind == "województwo":
        adjective = [f for forms in phrase_forms(f"województwo {name}").values() for f in forms[:1]]
        bare = [f.split(" ", 1)[1] for f in adjective]
        return list(dict.fromkeys(all_forms(f"województwo {name}") + bare))
    return all_forms(name)


def _fold(text: str) -> str:
    import unicodedata
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c)).replace("ł", "l")


def _seats(units: tuple[dict, ...], overrides: dict[str, str]) -> dict[str, dict]:
    """The seat of every powiat: the town of the powiat (or the city county of its
    voivodeship) whose name shares the longest beginning with the powiat's adjective
    ("gorlicki" -> Gorlice, "krakowski" -> Kraków); [seats] in lgu.toml names the seats
    that do not share it ("tatrzański" -> Zakopane) or share it with the wrong town."""
    towns: dict[str, list[dict]] = {}
    for u in units:
        if u["kind"] in ("gmina miejska", "miasto"):
            towns.setdefault(u["teryt"][:4], []).append(u)
        elif u["kind"] == "miasto na prawach powiatu":
            towns.setdefault(u["teryt"][:2], []).append(u)
    out = {}
    for p in (u for u in units if u["kind"] == "powiat"):
        candidates = towns.get(p["teryt"], []) + towns.get(p["teryt"][:2], [])
        if p["teryt"] in overrides:
            chosen = [t for t in candidates if t["name"] == overrides[p["teryt"]]]
            if not chosen:
                raise BuildError(f"lgu.toml [seats]: no town {overrides[p['teryt']]!r} in powiat {p['teryt']}")
            out[p["teryt"]] = chosen[0]
            continue
        adjective = _fold(p["name"])
        scored = [(len(os.path.commonprefix([_fold(t["name"]), adjective])), t) for t in candidates]
        best = max(scored, key=lambda st: st[0], default=(0, None))
        if best[0] < 3:
            raise BuildError(f"lgu.toml [seats]: powiat {p['teryt']} {p['name']!r} needs its seat named")
        out[p["teryt"]] = best[1]
    return out


def _offices(unit: dict, seat: dict | None) -> list[str]:
    """The names of the unit's office as pages write them ("Urząd Gminy Sośnie",
    "Urząd Miejski w Krasnobrodzie", "Starostwo Powiatowe w Gorlicach")."""
    name, kind = unit["name"], unit["kind"]
    if kind == "województwo":
        return [f"Urząd Marszałkowski {_adjective_phrase('Województwo', name, 'gen')}"]
    if kind == "powiat":
        return [f"Starostwo Powiatowe w {phrase_forms(seat['name'])['loc'][0]}"] if seat else []
    gen, loc = phrase_forms(name)["gen"][0], phrase_forms(name)["loc"][0]
    if kind in ("gmina miejska", "miasto na prawach powiatu"):
        return [f"Urząd Miasta {gen}", f"Urząd Miasta {name}", f"Urząd Miejski w {loc}"]
    if kind == "gmina miejsko-wiejska":
        return [f"Urząd Miasta i Gminy {name}", f"Urząd Miejski w {loc}", f"Urząd Gminy {name}"]
    if kind == "gmina wiejska":
        return [f"Urząd Gminy {name}"]
    return []


# the office words before a unit's name, whose case forms the loader turns back into the
# nominative ("Starostwie Powiatowym w" -> "Starostwo Powiatowe w")
OFFICE_PREFIXES = ("Urząd Gminy", "Urząd Miasta", "Urząd Miasta i Gminy", "Urząd Miejski w",
                   "Starostwo Powiatowe w", "Urząd Marszałkowski")


def _office_prefix_rows() -> list[list[str]]:
    rows = []
    for prefix in OFFICE_PREFIXES:
        head, tail = (prefix.rsplit(" ", 1) if prefix.endswith(" w") else (prefix, ""))
        for form in all_forms(head):
            rows.append([f"{form} {tail}".strip(), prefix])
    return rows


def also_reads(form: str) -> str:
    """What else a one-word form is to morfeusz2: "common" (an ordinary word: "Dobra",
    "Czad"), "person" (a first name or surname in SGJP: "Żywiec", "Czech"); "" if nothing."""
    if " " in form:
        return ""
    kinds = set()
    for lemma, tag, quals in _analyses(form):
        if tag[0] == "ign":
            continue
        if "imię" in quals or "nazwisko" in quals:
            kinds.add("person")
        elif not quals or "nazwa_pospolita" in quals:
            if lemma[:1].islower() or tag[0] != "subst":
                kinds.add("common")
    return _join(sorted(kinds))


def build_lgu() -> dict[str, int]:
    seed = _load_toml("lgu.toml")
    units = _terc_units()
    seats = _seats(units, seed.get("seats", {}))
    rows, forms = [], {}
    for u in units:
        seat = seats.get(u["teryt"])
        rows.append([u["teryt"], u["kind"], u["name"], _join(_official_names(u)), _join(_offices(u, seat)),
                     seat["name"] if seat else "", u["voivodeship"], u["powiat"]])
        for form in _unit_forms(u):
            forms.setdefault(form, set()).add(u["teryt"])
    woj_by_name = {u["name"]: u["teryt"] for u in units if u["kind"] == "województwo"}
    for adjective, regions in sorted(seed.get("regions", {}).items()):
        if adjective not in woj_by_name:
            raise BuildError(f"lgu.toml [regions]: {adjective!r} is no voivodeship")
        for region in regions:
            for form in all_forms(region):
                forms.setdefault(form, set()).add(woj_by_name[adjective])
    frows = [[form, _join(sorted(codes)), also_reads(form)] for form, codes in forms.items()]
    foreign = []
    for t in seed.get("foreign", []):
        for key in ("term", "language", "countries", "level", "polish"):
            if key not in t:
                raise BuildError(f"lgu.toml [[foreign]] {t.get('term')!r}: no {key!r}")
        inflected = t.get("forms") or (all_forms(t["term"]) if t["language"] == "pl" else [t["term"]])
        foreign.append([t["term"], t["language"], _join(t["countries"]), t["level"], t["polish"],
                        _join(inflected)])
    write_tsv(OUT / "lgu.tsv", ["teryt", "kind", "name", "official", "offices", "seat", "voivodeship", "powiat"], rows,
              "Polish local-government units (TERYT TERC 2024-01-01): built by `python -m extract.knowledge_build lgu`")
    write_tsv(OUT / "lgu_forms.tsv", ["form", "teryt", "also"], frows,
              "Case forms of unit names (towns bare, powiats/voivodeships with their noun) -> TERYT codes; "
              "also: what else morfeusz2 reads the form as (common word, person's name)")
    write_tsv(OUT / "office_prefixes.tsv", ["form", "nominative"], _office_prefix_rows(),
              "Case forms of the office words before a unit's name -> their nominative")
    write_tsv(OUT / "foreign_units.tsv", ["term", "language", "countries", "level", "polish", "forms"],
              foreign, "Words for local-government units abroad, from seeds/lgu.toml")
    return {"lgu.tsv": len(rows), "lgu_forms.tsv": len(frows), "foreign_units.tsv": len(foreign),
            "office_prefixes.tsv": len(_office_prefix_rows())}


# --- countries ----------------------------------------------------------------------------

def _babel_names() -> dict[str, str]:
    try:
        from babel import Locale
    except ImportError:
        raise BuildError("building the countries table needs babel: pip install -e '.[knowledge]'") from None
    return dict(Locale("pl").territories)


def build_countries() -> dict[str, int]:
    seed = _load_toml("countries.toml")
    skip = set(seed.get("skip", []))
    names = {iso: name for iso, name in _babel_names().items()
             if len(iso) == 2 and iso.isalpha() and iso not in skip}
    rows, forms = [], []
    for iso in sorted(names):
        cases = phrase_forms(names[iso])
        people = seed.get("people", {}).get(iso, ["", "", ""])
        for lemma, pos in zip(people, ("adj", "subst", "subst")):
            if lemma and not generated_lemma(lemma, pos):
                raise BuildError(f"countries.toml [people] {iso}: morfeusz2 does not know {lemma!r}")
        rows.append([iso, names[iso], *(cases[c][0] for c in CASES[1:]), _join(seed.get("aliases", {}).get(iso, [])),
                     *people])
        for name in [names[iso], *seed.get("aliases", {}).get(iso, [])]:
            forms += [[f, iso, "name"] for f in all_forms(name)]
        forms += [[f, iso, "name"] for f in seed.get("forms", {}).get(iso, [])]
        if people[0]:
            forms += [[f, iso, "adjective"] for f in word_forms(people[0], "adj")]
        for lemma in people[1:]:
            if lemma:
                forms += [[f, iso, "inhabitant"] for f in word_forms(lemma, "subst") if f[:1].isupper()]
    unknown = (set(seed.get("aliases", {})) | set(seed.get("forms", {}))) - set(names)
    if unknown:
        raise BuildError(f"countries.toml [aliases]: unknown ISO code {sorted(unknown)[0]!r}")
    write_tsv(OUT / "countries.tsv",
              ["iso", "name", "gen", "dat", "acc", "inst", "loc", "aliases", "adjective", "inhabitant_m", "inhabitant_f"],
              rows, "Countries: Polish names (babel CLDR) in every case (morfeusz2); seeds/countries.toml adds the rest")
    forms = [[f, iso, what, also_reads(f) if what == "name" else ""] for f, iso, what in forms]
    write_tsv(OUT / "country_forms.tsv", ["form", "iso", "what", "also"], forms,
              "Every form of a country's names, adjective and inhabitants -> ISO 3166-1 alpha-2")
    return {"countries.tsv": len(rows), "country_forms.tsv": len(set(map(tuple, forms)))}


# --- command line ---------------------------------------------------------------------------

BUILDERS = {"funders": build_funders, "lgu": build_lgu, "countries": build_countries}


def _write_manifest() -> None:
    """Record the library versions the forms came from: a different SGJP dictionary may
    inflect differently, and the tables should say which one made them."""
    import importlib.metadata as md
    lines = ["# Versions the knowledge tables were built with (python -m extract.knowledge_build)"]
    for pkg in ("morfeusz2", "babel"):
        try:
            lines.append(f"{pkg} = {md.version(pkg)!r}".replace("'", '"'))
        except md.PackageNotFoundError:
            lines.append(f"# {pkg}: not installed")
    lines.append(f'sgjp = "{morph.dictionary_id()}"')
    _write_atomic(OUT / "VERSIONS.toml", "\n".join(lines) + "\n")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if any(a in ("-h", "--help") for a in args):
        print(__doc__.strip())
        return 0
    global SEEDS, OUT
    saved = SEEDS, OUT
    try:
        while args[:1] and args[0] in ("--seeds", "--out"):
            if len(args) < 2 or not Path(args[1]).is_dir():
                print(f"knowledge_build: {args[0]} needs an existing directory", file=sys.stderr)
                return 2
            if args[0] == "--seeds":
                SEEDS = Path(args[1])
            else:
                OUT = Path(args[1])
            args = args[2:]
        _terc_units.cache_clear()
        return _build(args or ["all"])
    finally:
        SEEDS, OUT = saved
        _terc_units.cache_clear()


def _build(targets: list[str]) -> int:
    unknown = [t for t in targets if t != "all" and t not in BUILDERS]
    if unknown:
        print(f"knowledge_build: unknown table {unknown[0]!r} (choose from {', '.join(BUILDERS)}, all)", file=sys.stderr)
        return 2
    names = list(BUILDERS) if "all" in targets else targets
    try:
        for name in names:
            for table, count in BUILDERS[name]().items():
                print(f"{table}\t{count} rows")
        _write_manifest()
    except BuildError as e:
        print(f"knowledge_build: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

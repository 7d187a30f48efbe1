"""Polish morphology on top of morfeusz2: analyses, generation and nominative forms.

One ``Morfeusz`` instance per process; every analyse/generate call is cached, so a
word met on many pages costs one dictionary look-up.
"""
from __future__ import annotations

import re

from functools import lru_cache
from itertools import product
from typing import NamedTuple

import morfeusz2

CASES = ("nom", "gen", "dat", "acc", "inst", "loc", "voc")


class Analysis(NamedTuple):
    lemma: str  # without morfeusz's ":Sf~i"-style homonym marks
    pos: str  # subst, adj, ...
    tag: tuple[tuple[str, ...], ...]  # the tag fields after pos, each split on "."
    quals: tuple[str, ...]  # nazwa_geograficzna, imię, nazwisko, nazwa_pospolita, ...

    # the grammatical categories by name (where the tag of the part of speech has them)
    @property
    def numbers(self) -> tuple[str, ...]:
        """"sg"/"pl" readings of the number; () for a part of speech without number."""
        i = _FIELDS.get(self.pos, _NONE)[0]
        return self.tag[i] if i is not None and i < len(self.tag) else ()

    @property
    def cases(self) -> tuple[str, ...]:
        """"nom", "gen", ... ; () for a part of speech without case."""
        i = _FIELDS.get(self.pos, _NONE)[1]
        return self.tag[i] if i is not None and i < len(self.tag) else ()

    @property
    def genders(self) -> tuple[str, ...]:
        """"m1", "m2", "m3", "f", "n"; () for a part of speech without gender."""
        i = _FIELDS.get(self.pos, _NONE)[2]
        return self.tag[i] if i is not None and i < len(self.tag) else ()


# where number, case and gender stand in the tag (after the part of speech) of each part
# of speech of the NKJP tagset morfeusz2 writes
_NOMINAL = (0, 1, 2)
_FIELDS: dict[str, tuple[int | None, int | None, int | None]] = {
    **dict.fromkeys(("subst", "depr", "adj", "num", "ppas", "pact", "ger", "ppron12", "ppron3"), _NOMINAL),
    "prep": (None, 0, None), "siebie": (None, 0, None),
    "praet": (0, None, 1), "fin": (0, None, None), "impt": (0, None, None), "bedzie": (0, None, None),
    "winien": (0, None, 1),
}
_NONE = (None, None, None)


@lru_cache(maxsize=1)
def _morfeusz() -> morfeusz2.Morfeusz:
    return morfeusz2.Morfeusz()


def _whole_word_readings(word: str) -> list[tuple[str, str, list[str]]]:
    """(lemma, tag, qualifiers) of the readings of ``word`` as one segment.  Read from
    morfeusz2's SWIG object when the wrapper exposes it: the wrapper's analyse() converts
    every reading of every segment to a tuple first, which costs about as much again as
    the analysis (each new word of a page is analysed once)."""
    m = _morfeusz()
    raw = getattr(m, "_morfeusz_obj", None)
    if raw is None:
        return [(lemma, tag, quals) for start, end, (_, lemma, tag, quals, _q) in m.analyse(word)
                if start == 0 and end == 1]
    return [(i.lemma, i.getTag(raw), i.getName(raw)) for i in raw.analyse(word)
            if i.startNode == 0 and i.endNode == 1]


@lru_cache(maxsize=200_000)
def analyse(word: str) -> tuple[Analysis, ...]:
    """Whole-word analyses of ``word`` (a hyphenated word is analysed by its last part)."""
    if "-" in word:
        word = word.rsplit("-", 1)[1]
    if not word:
        return ()
    out = []
    for lemma, tag, quals in _whole_word_readings(word):
        parts = tag.split(":")
        if parts[0] == "ign":
            continue
        out.append(Analysis(lemma.split(":")[0], parts[0], tuple(tuple(p.split(".")) for p in parts[1:]),
                            tuple(quals)))
    return tuple(out)


@lru_cache(maxsize=None)
def forms_of(lemmas: frozenset[str]) -> frozenset[str] | None:
    """Every form of the lemmas, lower-cased, as morfeusz2 generates them; None when one
    of them generates nothing (a lemma the dictionary writes otherwise)."""
    forms: set[str] = set()
    for lemma in lemmas:
        generated = generate(lemma)
        if not generated:
            return None
        forms.update(f.lower() for f, _tag, _q in generated)
    return frozenset(forms)


def may_read_as(word: str, forms: frozenset[str] | None) -> bool:
    """Can analyse(word) give a reading whose lemma generated ``forms``?  False only when
    it cannot: a plain word (letters, hyphens) whose analysed part is none of the forms.
    Word tests by lemma ask this first, so most words of a page are never analysed."""
    return forms is None or word.rsplit("-", 1)[-1].lower() in forms or not word.replace("-", "").isalpha()


@lru_cache(maxsize=200_000)
def lemmas(word: str) -> frozenset[str]:
    """The lower-cased lemmas of ``word``'s whole-word readings (none for an unknown word)."""
    return frozenset(a.lemma.lower() for a in analyse(word))


class Segment(NamedTuple):
    """One reading of one segment of a word, as morfeusz2 gives it."""

    lemma: str  # with morfeusz's homonym mark ("nowy:A")
    tag: str  # the whole tag ("adj:sg:nom.voc:m1.m2.m3:pos")
    quals: tuple[str, ...]


@lru_cache(maxsize=100_000)
def segments(word: str) -> tuple[Segment, ...]:
    """Every reading of every segment of ``word`` (unknown words: tag "ign"), in
    morfeusz2's order: for rules that look at a word's tags as written, not only at its
    whole-word analyses."""
    return tuple(Segment(lemma, tag, tuple(quals)) for _s, _e, (_f, lemma, tag, quals, _q) in _morfeusz().analyse(word))


def whole_word_segments(word: str) -> tuple[Segment, ...]:
    """The readings of ``word`` read as one segment, tags as written (unknown: "ign")."""
    return tuple(Segment(lemma, tag, tuple(quals))
                 for s, e, (_f, lemma, tag, quals, _q) in _morfeusz().analyse(word) if (s, e) == (0, 1))


def generate_labelled(lemma: str) -> tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...]:
    """(form, tag, quals, labels) of every form of ``lemma``; labels are morfeusz2's usage
    qualifiers (rare, archaic, ...). Empty for a lemma it does not know."""
    try:
        return tuple((f, tag, tuple(q), tuple(labels)) for f, _l, tag, q, labels in _morfeusz().generate(lemma))
    except RuntimeError:  # unknown lemma
        return ()


@lru_cache(maxsize=50_000)
def generate(lemma: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(form, tag, quals) of every form of ``lemma``."""
    return tuple((f, tag, q) for f, tag, q, _labels in generate_labelled(lemma))


def dictionary_id() -> str:
    """The SGJP dictionary morfeusz2 reads (written beside tables built from it)."""
    return _morfeusz().dict_id()


def has_qual(word: str, qual: str) -> bool:
    return any(qual in a.quals for a in analyse(word))


def match_case(word: str, word_form: str) -> str:
    """``word`` written with the capitalisation of ``word_form``."""
    if word_form.isupper() and len(word_form) > 1:
        return word.upper()
    if word_form[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _form(lemma: str, pos: str, number: str, case: str, gender: str, quals: tuple[str, ...] = (),
          degree: str = "pos") -> str | None:
    """The form of ``lemma`` with the given number/case/gender, or None."""
    for form, tag, q in generate(lemma):
        parts = [p.split(".") for p in tag.split(":")]
        if parts[0][0] != pos or len(parts) < 4:
            continue
        if quals and not set(quals) & set(q):
            continue
        if number in parts[1] and case in parts[2] and gender in parts[3]:
            if pos == "adj" and (len(parts) < 5 or parts[4][0] != degree):
                continue
            return form
    return None


def _genders(a: Analysis) -> tuple[str, ...]:
    return a.tag[2] if len(a.tag) > 2 else ()


genders = _genders  # the genders of one analysis, for the place finder


def nominative_phrase(words: list[str], head: int, lemma: str | None = None) -> list[str]:
    return list(_nominative_phrase_cached(tuple(words), head, lemma))


@lru_cache(maxsize=50_000)
def _nominative_phrase_cached(words: tuple[str, ...], head: int, lemma: str | None) -> tuple[str, ...]:
    # cached: a page names the same bodies again and again
    return tuple(_nominative_phrase(list(words), head, lemma))


def _nominative_phrase(words: list[str], head: int, lemma: str | None = None) -> list[str]:
    """Nominative of a noun phrase: ``words[head]`` (a noun) and the adjectives that
    agree with it right before and right after it go to the nominative, keeping number
    and gender; genitive complements and everything after them stay as written."""
    head_an = [a for a in analyse(words[head]) if a.pos in ("subst", "depr") and len(a.tag) >= 3
               and (lemma is None or a.lemma.lower() == lemma)]
    if not head_an:
        return list(words)
    # prefer common-noun readings (org heads), then singular
    head_an.sort(key=lambda a: ("nazwa_pospolita" not in a.quals, a.tag[0] != ("sg",)))
    # the head's case: one shared with the adjective right after it, if there is one
    follow = [a for a in analyse(words[head + 1])] if head + 1 < len(words) else []
    choice = None
    for a in head_an:
        for case in a.tag[1]:
            if any(f.pos == "adj" and case in f.tag[1] and a.tag[0][0] in f.tag[0]
                   and set(_genders(a)) & set(f.tag[2]) for f in follow):
                choice = (a, case)
                break
        if choice:
            break
    if choice is None:
        choice = (head_an[0], head_an[0].tag[1][0])
    a, case = choice
    if case == "nom":
        return list(words)
    number, gender = a.tag[0][0], _genders(a)[0]
    out = list(words)
    new_head = _form(a.lemma, a.pos if a.pos == "subst" else "subst", number, "nom", gender)
    if new_head:
        out[head] = match_case(new_head, words[head])
    for i in _agreeing(words, head, number, case, gender):
        out[i] = _adj_nominative(words[i], number, case, gender)
    return out


def _agreeing(words: list[str], head: int, number: str, case: str, gender: str) -> list[int]:
    idx = []
    for rng in (range(head - 1, -1, -1), range(head + 1, len(words))):
        run = []
        for i in rng:
            if not any(a.pos == "adj" and number in a.tag[0] and case in a.tag[1] and gender in a.tag[2]
                       for a in analyse(words[i])):
                break
            run.append(i)
        if rng.step == 1 and len(run) >= 2 and run[-1] + 1 < len(words) and _modifies_next(words, run[-1]):
            run.pop()  # "Mechanizmu Finansowego Europejskiego Obszaru": the last one is the noun's
        idx.extend(run)
    return idx


def _modifies_next(words: list[str], i: int) -> bool:
    """The adjective words[i] agrees with the noun right after it."""
    nouns = [a for a in analyse(words[i + 1]) if a.pos == "subst"]
    return any(adj.pos == "adj" and n.tag[0][0] in adj.tag[0] and set(n.tag[1]) & set(adj.tag[1])
               and set(_genders(n)) & set(adj.tag[2]) for adj in analyse(words[i]) for n in nouns)


def _adj_nominative(word: str, number: str, case: str, gender: str) -> str:
    prefix = word.rsplit("-", 1)[0] + "-" if "-" in word else ""
    last = word.rsplit("-", 1)[-1]
    for a in analyse(last):
        if a.pos == "adj" and case in a.tag[1]:
            # "Najwyższą Radą" keeps its degree: Najwyższa, not Wysoka
            degree = a.tag[3][0] if len(a.tag) > 3 else "pos"
            form = _form(a.lemma, "adj", number, "nom", gender, degree=degree)
            if form:
                return prefix + match_case(form, last)
    return word


def adjective_nominative(word: str, gender: str, number: str = "sg") -> str | None:
    """"gorlickiego" -> "gorlicki" (m3), "dolnośląskiego" -> "dolnośląskie" (n)."""
    for a in analyse(word.lower()):
        if a.pos == "adj":
            return _form(a.lemma, "adj", number, "nom", gender)
    return None


# --- places -----------------------------------------------------------------------

GEO = "nazwa_geograficzna"
GEO_PART = "człon_nazwy_geograficznej"


def place_lemmas(word: str) -> list[tuple[str, Analysis]]:
    """Nominative names of places that ``word`` can be a form of (geographical readings)."""
    out = []
    for a in analyse(word):
        if (GEO in a.quals or GEO_PART in a.quals) and a.pos == "subst":
            out.append((match_case(a.lemma, word if not word.isupper() else word.title()), a))
    return out


def town_lemmas(word: str) -> tuple[tuple[str, Analysis], ...]:
    """place_lemmas less the plural forms of a name that has a singular: a town is one
    town, so "Wronkach" is Wronki, not Wronka, "Babic" is Babice, and "Targach" is no
    place at all."""
    return _town_lemmas(word)


@lru_cache(maxsize=100_000)  # pure in the word; called for every capitalised word
def _town_lemmas(word: str) -> tuple[tuple[str, Analysis], ...]:
    return tuple((lm, a) for lm, a in place_lemmas(word)
                 if "sg" in a.tag[0] or (len(a.tag) > 3 and "pt" in a.tag[3]))


def place_nominative(words: list[str], cases: tuple[str, ...] = (), as_written: bool = False,
                     towns: bool = False) -> str | None:
    """"Kielcach" -> "Kielce", ["Tarnowskich", "Gór"] -> "Tarnowskie Góry",
    ["Jastrzębia", "Zdroju"] -> "Jastrzębie-Zdrój"; None when a word is no place part.
    ``cases``: the cases the context allows (after "w" a locative, after "z" a genitive);
    ``as_written``: the context wants the nominative, so a reading equal to the word wins;
    ``towns``: read the words as one town's name (town_lemmas), and with no case from the
    context prefer a plurale tantum written in the nominative ("Bieliny", not the genitive
    of Bielina) — what the place finder wants."""
    return _place_nominative(tuple(words), tuple(cases), as_written, towns)


@lru_cache(maxsize=50_000)  # the place finder tries every capitalised word of a page
def _place_nominative(words: tuple[str, ...], cases: tuple[str, ...], as_written: bool,
                      towns: bool) -> str | None:
    if len(words) == 1 and "-" in words[0].strip("-"):
        name = _place_nominative(tuple(words[0].split("-")), cases, as_written, towns)
        return name.replace(" ", "-") if name else None
    readings = [(town_lemmas if towns else place_lemmas)(w) for w in words]
    if not all(readings):
        return None
    best, best_score = None, None
    for combo in product(*readings):
        first = combo[0][1]
        shared = set(first.tag[1])
        for _, b in combo[1:]:
            if b.tag[0] != first.tag[0]:
                shared = set()
            shared &= set(b.tag[1])
        if not shared:
            continue
        score = (
            as_written and all(lm == w for (lm, _), w in zip(combo, words)),
            -sum(GEO not in b.quals for _, b in combo) if len(combo) == 1 else
            sum(GEO_PART in b.quals for _, b in combo),
            towns and not cases and all(lm == w and len(b.tag) > 3 and "pt" in b.tag[3]
                                        for (lm, b), w in zip(combo, words)),
            bool(not cases or shared & set(cases)),
            sum(len(set(_genders(b)) & set(_genders(first))) > 0 for _, b in combo),
            # a town's name read as the oblique form of another (Cieszyna: Cieszyn, not
            # Cieszyna; Józefowa: Józefów) is the likelier reading
            max(GENDER_RANK.get(g, 0) for g in _genders(first)),
            -sum(len(lm) for lm, _ in combo),  # Łodzi: Łódź rather than Łodzia
        )
        if best_score is None or score > best_score:
            names = [lm for lm, _ in combo]
            sep = "-" if len(names) > 1 and names[-1] in ("Zdrój",) else " "
            best, best_score = sep.join(names), score
    return best


# a town whose name reads as the oblique form of another: the likelier gender first
GENDER_RANK = {"m3": 3, "f": 2, "n": 1}


def place_with_adjective(words: list[str], adj_index: int) -> str | None:
    """A place named by a noun and an adjective agreeing with it, in the nominative:
    ["Lipnicy", "Murowanej"] -> "Lipnica Murowana", ["Nowym", "Targu"] -> "Nowy Targ"."""
    noun = words[1 - adj_index]
    adj = words[adj_index]
    adjs = [a for a in analyse(adj.lower()) if a.pos == "adj"]
    for lemma, a in sorted(place_lemmas(noun), key=lambda la: GEO not in la[1].quals):
        for b in adjs:
            if a.tag[0][0] in b.tag[0] and set(a.tag[1]) & set(b.tag[1]) and set(_genders(a)) & set(b.tag[2]):
                number, gender = a.tag[0][0], _genders(a)[0]
                noun_nom = match_case(lemma, noun if not noun.isupper() else noun.title())
                adj_nom = _form(b.lemma, "adj", number, "nom", gender)
                if not adj_nom:
                    continue
                adj_nom = adj_nom[:1].upper() + adj_nom[1:]
                return f"{adj_nom} {noun_nom}" if adj_index == 0 else f"{noun_nom} {adj_nom}"
    return None


# --- persons ----------------------------------------------------------------------

def first_name(word: str) -> Analysis | None:
    names = [a for a in analyse(word) if "imię" in a.quals and a.pos == "subst"]
    # a name already in the nominative reads as itself (Mirosław, not a form of Mirosława)
    names.sort(key=lambda a: (a.lemma != word, "nom" not in a.tag[1]))
    return names[0] if names else None


def person_nominative(words: list[str]) -> str:
    """["Katarzynę", "Kaźmierczak"] -> "Katarzyna Kaźmierczak"; the gender comes from the
    first name, surnames without a dictionary reading stay as written."""
    return _person_nominative(words, first_name(words[0]))


def _person_nominative(words: list[str], first: Analysis | None) -> str:
    """person_nominative with the first name's reading given."""
    if first is None:
        return " ".join(words)
    gender = _genders(first)[0]
    out = [match_case(first.lemma, words[0])]
    for w in words[1:]:
        if "-" in w.strip("-"):  # Batycka-Wąsik: each part on its own
            # with the reading given, not the word's first one ("Katarzyny": a plural too)
            out.append("-".join(_person_nominative([words[0], part], first).split(" ", 1)[1]
                                for part in w.split("-")))
            continue
        cands = [a for a in analyse(w) if "nazwisko" in a.quals and a.pos == "subst"
                 and gender in _genders(a) and set(a.tag[1]) & set(first.tag[1])]
        if not cands:  # an adjectival surname (Kowalskiego) is an adjective too
            cands = [a for a in analyse(w) if a.pos == "adj" and set(a.tag[1]) & set(first.tag[1])]
            if cands and gender in ("f",):
                form = _form(cands[0].lemma, "adj", "sg", "nom", "f")
                out.append(match_case(form, w) if form else w)
                continue
        if not cands and not analyse(w) and gender != "f" and "nom" not in first.tag[1]:
            out.append(_adjectival_surname(w))  # "Tomasza Chróstnego": unknown, but declined
            continue
        out.append(match_case(cands[0].lemma, w) if cands else w)
    return " ".join(out)


_ADJ_SURNAME = re.compile(r"(?<=[kg])(?:iego|iemu|im)$|(?:ego|emu|ym)$")


def _adjectival_surname(word: str) -> str:
    """A surname morfeusz does not know, in an adjective's oblique case after a man's
    first name: "Chróstnego" -> "Chróstny", "Zawiślakiego"... -> "-i" after k/g."""
    m = _ADJ_SURNAME.search(word)
    if not m or len(word) - len(m.group()) < 3:
        return word
    return word[:m.start()] + ("i" if m.group().startswith("i") else "y")


def person_nominative_in(words: list[str], cases: tuple[str, ...] = ()) -> str:
    """The nominative of a person's name whose case the context tells (``cases``: the cases
    of the function or preposition before it; empty when unknown).  Unlike
    person_nominative, the first name's reading must fit the context and agree with the
    surname (["Franciszka", "Gutowskiego"] -> "Franciszek Gutowski", not the woman's name
    Franciszka), and words morfeusz does not know (foreign names) lose the Polish case
    ending the context asks for (["Christophem", "Göbelem"], ("inst",) -> "Christoph
    Göbel")."""
    return _person_nominative_in(tuple(words), tuple(cases))


@lru_cache(maxsize=20_000)
def _person_nominative_in(words: tuple[str, ...], cases: tuple[str, ...]) -> str:
    readings = [a for a in analyse(words[0]) if "imię" in a.quals and a.pos == "subst" and "sg" in a.tag[0]]
    if not readings:
        # a foreign first name: every word on its own, by the context's case
        gender = "m" if _MASCULINE_ONLY.search(words[0]) else None
        if cases and "nom" not in cases and "gen" in cases and _WOMANS_GENITIVE.search(words[0]):
            # "starosty Iryny Kowalczuk", "koordynatorki Oksany Selskiej": a woman's name
            return " ".join([words[0][:-1] + "a"] + [_surname_in(w, cases, "f") for w in words[1:]])
        return " ".join(_surname_in(w, cases, gender) for w in words)
    surname = words[-1]
    best = max(readings, key=lambda a: (not cases or bool(set(a.tag[1]) & set(cases)),
                                        _agrees(a, surname), a.lemma == words[0], "nom" in a.tag[1]))
    out = _person_nominative(list(words), best).split(" ")
    if len(out) != len(words):
        return " ".join(out)
    gender = "f" if "f" in _genders(best) else "m"
    own_cases = tuple(c for c in best.tag[1] if not cases or c in cases) or best.tag[1]
    # a surname left as written that morfeusz does not know: the first name's case ending off
    return " ".join([out[0]] + [_surname_in(w, own_cases, gender) if o == w and not analyse(w) else
                                foreign_name_nominative(w, own_cases, gender) if o == w and not _surname_like(w)
                                else _noun_in_a(w, o) for w, o in zip(words[1:], out[1:])])


def _surname_like(word: str) -> bool:
    """morfeusz knows ``word`` as a surname, a first name or an adjective; a surname it
    knows only as a place or a common noun ("Brzezinem": the village Brzezin) is declined
    like a foreign one."""
    return "-" in word or any(a.pos == "adj" or "nazwisko" in a.quals or "imię" in a.quals for a in analyse(word))


def _noun_in_a(word: str, lemma: str) -> str:
    """A surname in "-ą"/"-ę" read as one in "-o" ("Golanką" -> Golanko) or left as written
    ("Golankę") when the same word is also a form of a noun in "-a" (a place Golanka): Polish
    surnames in "-a" (Pałka, Sroka) far outnumber those in "-o", and morfeusz lists some only
    in "-o" or not as surnames at all."""
    if word[-1:] not in ("ą", "ę") or not (lemma.endswith("o") or lemma == word):
        return lemma
    alt = match_case(word[:-1] + "a", word)
    return alt if any(a.lemma == alt for a in analyse(word)) else lemma


def _agrees(first: Analysis, surname: str) -> bool:
    """A surname reading (a surname noun or an adjective) in the first name's case and gender;
    an unknown adjectival surname ("Zawiślakiego") agrees with a man's oblique case."""
    genders = set(_genders(first))
    if not analyse(surname) and _ADJ_SURNAME.search(surname):
        return "m1" in genders and "nom" not in first.tag[1]
    return any(set(a.tag[1]) & set(first.tag[1]) and "sg" in a.tag[0] and set(_genders(a)) & genders
               for a in analyse(surname)
               if (a.pos == "subst" and "nazwisko" in a.quals) or a.pos == "adj")


def _surname_in(word: str, cases: tuple[str, ...], gender: str | None) -> str:
    """A known surname's lemma in one of ``cases``, else foreign_name_nominative; a
    double surname part by part ("Uwe-Weber" keeps "Uwe")."""
    if "-" in word.strip("-"):
        return "-".join(_surname_in(part, cases, gender) for part in word.split("-"))
    for a in analyse(word):
        if a.pos == "subst" and ("nazwisko" in a.quals or "imię" in a.quals) and set(a.tag[1]) & set(cases) \
                and (gender is None or (gender == "f") == ("f" in _genders(a))):
            return match_case(a.lemma, word)
    if analyse(word):
        return word
    return foreign_name_nominative(word, cases, gender)


# endings of a foreign name declined like a Polish noun: (ending, replacement, cases, gender)
# "m": a man's name (Christophem, Vidmantasowi, Micheila), "any": also a woman's or a
# man's name in -a (Jejelawę, Golanką)
_FOREIGN_ENDINGS = (
    # Ukrainian "-enko" surnames decline like "-a" nouns: Ślusarenki, Ślusarence, Ślusarenką
    ("enki", "enko", ("gen",), "m"), ("ence", "enko", ("dat", "loc"), "m"),
    ("enką", "enko", ("inst",), "m"), ("enkę", "enko", ("acc",), "m"),
    ("kiem", "k", ("inst",), "m"), ("giem", "g", ("inst",), "m"),
    ("em", "", ("inst",), "m"),
    ("ym", "y", ("inst", "loc"), "m"),  # a surname in "-y" declined like an adjective (Levym)
    ("owi", "", ("dat",), "m"),
    # a woman's adjectival surname ("Selskiej", "Dubrowskiej" -> "-ska")
    ("kiej", "ka", ("gen", "dat", "loc"), "f"), ("giej", "ga", ("gen", "dat", "loc"), "f"),
    ("ą", "a", ("inst", "acc"), "any"),
    ("ę", "a", ("acc",), "any"),
    ("a", "", ("gen", "acc"), "m"),
)
_VOWELS = frozenset("aeiouyąęóáéíöüőűåäø")
_MASCULINE_ONLY = re.compile(r"(?:em|owi)$")
# a foreign woman's first name in the genitive: "-a" after a single consonant turned "-y"
# ("Iryny", "Oksany", "Tetiany"; not "Harry", "Billy")
_WOMANS_GENITIVE = re.compile(r"[aeiouyąęó](?:[bcdfhłmnprstwz]|[bcdfhłmnprstwz]{2}(?<!bb|dd|ll|mm|nn|rr|ss|tt))y$")


def foreign_name_nominative(word: str, cases, gender: str | None = None) -> str:
    """A name morfeusz does not know, declined like a Polish noun, back in the nominative
    when its ending fits one of ``cases``: ("Christophem", inst) -> "Christoph",
    ("Vidmantasowi", dat) -> "Vidmantas", ("Micheila", gen) -> "Micheil", ("Jejelawę", acc)
    -> "Jejelawa".  ``gender`` "f" keeps a man's endings off a woman's name ("Anne" stays);
    None allows both.  Anything else stays as written."""
    if "nom" in cases:
        return word  # the context allows the nominative: nothing to undo ("Pani Anastasija")
    for ending, repl, ending_cases, ending_gender in _FOREIGN_ENDINGS:
        if not word.endswith(ending) or not set(ending_cases) & set(cases):
            continue
        if (ending_gender == "m" and gender == "f") or (ending_gender == "f" and gender != "f"):
            continue
        stem = word[:len(word) - len(ending)]
        if ending == "em" and len(stem) >= 2 and not _VOWELS & set(stem.lower()):
            stem = stem[:-1] + "e" + stem[-1]  # a fleeting "e": "Lvem" -> "Lev", as "Lwem" -> "Lew"
        # a man's ending follows a consonant ("Göbel-em", not "Wilhelmin-em"?): the stem must be
        # a plausible name on its own
        if len(stem) < 3 or (ending in ("em", "owi") and stem[-1].lower() in _VOWELS):
            continue
        if ending == "a" and stem[-1].lower() in "ijy":
            continue  # "Ilia", "Andrija": a name in "-a" left undeclined, not a genitive
        return stem + repl
    return word

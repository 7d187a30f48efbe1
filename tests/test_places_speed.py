"""The fast paths of places, programmes and relevance find what the plain scans find.

Each test compares a shortcut (a gate, a literal prefilter, an anchor scan) with the slow
computation it replaces, on sentences written for this file, so a change of a rule that
the shortcut does not follow shows up here rather than as a silently missed fact.
"""
import math
import re

import pytest

from extract import places, programmes, relevance
from extract.tokens import tokens
from extract.facts import annotate
from extract.page import Page

PLACE_TEXTS = [
    "Delegacja z Nowego Targu odwiedziła Lipnicę Murowaną, Bochnię i Tarnowskie Góry.",
    "Burmistrz Wadowic Jan Kowalski podpisał umowę z partnerami z Trenczyna i Koszyc.",
    "Anna Nowak z Opola oraz Katarzyna Zielińska przyjechały do Krzywego Rogu i Nowego Jorku.",
    "Spotkanie w Langenhagen i Bückeburgu zorganizowała Gmina Zbójno wraz z Urzędem Gminy Kikół.",
    "Siedziba przy ul. Warszawskiej 5 i al. Krakowskiej, obok Hotelu Polonia i Teatru Ludowego.",
    "Rosyjska wojna przeciwko Ukrainie i agresja na Gruzję zmieniły plany wyjazdu do Tbilisi.",
    "Program Interreg Polska – Słowacja objął powiaty Województwa Małopolskiego i Gmin Pomorskich.",
    "KĘDZIERZYN-KOŹLE / BIELSKO-BIAŁA\nWIZYTA W NOWYM SĄCZU\nHradec Králové, Zlaté Hory, Český Těšín",
    "Goście odwiedzili Dobre Miasto, Nową Wieś i Jastrzębie-Zdrój; wcześniej byli w Šilheřovicach.",
    "Hospicjum Świętego Łazarza w Krakowie i Bazylika Świętej Anny w Lubartowie przyjęły wolontariuszy.",
    "Partnerem gminy jest Spiska Nowa Wieś na Słowacji, a od wiosny także Czeski Cieszyn.",
]


def _plain_hits(text, toks, i):
    """_place_at at toks[i] in every context an enumeration may carry, and without one."""
    return [(carried, places._place_at(text, toks, i, carried))
            for carried in ((), ("loc",), ("gen",), ("acc",), ("loc", "acc"), ("inst",))]


@pytest.mark.parametrize("text", PLACE_TEXTS)
def test_place_gate_skips_only_words_that_start_no_place(text):
    toks = tokens(text, 0, len(text))
    starts, if_carried = places._candidates(text, toks)
    war = places._war_hint(text)
    for i in range(len(toks)):
        for carried, hit in _plain_hits(text, toks, i):
            if hit is None:
                continue
            assert i in starts, (toks[i], hit)
            assert carried or i not in if_carried, (toks[i], hit)
            assert places._place_at(text, toks, i, carried, war) == hit  # the war hint changes nothing


def test_multi_word_table_names_pass_the_gate():
    # "Spiska" alone is no place and no proper adjective: only the table of names of several
    # words makes it the start of one
    found = [(p["name"], p["rule"]) for p in annotate(Page(text=PLACE_TEXTS[-1])).layers["places"]]
    assert ("Spiska Nowa Wieś", "table") in found


def test_places_found_through_the_gate():
    text = PLACE_TEXTS[0] + " " + PLACE_TEXTS[2]
    found = [p["name"] for p in annotate(Page(text=text)).layers["places"]]
    assert found[:4] == ["Nowy Targ", "Lipnica Murowana", "Bochnia", "Tarnowskie Góry"]
    assert "Opole" in found and "Nowy Jork" in found
    assert "Anna" not in found and "Katarzyna" not in found  # first names before a surname


@pytest.mark.parametrize("before", ["przy ul. ", "al.", "obok Hotelu\xa0", "w parku  ", "róg ulicy", "Klub", "naul. "])
def test_street_prefilter_agrees_with_the_regex(before):
    assert places._after_street(before) == bool(places._STREET.search(before))


@pytest.mark.parametrize("window", ["wojna przeciwko ", "AGRESJA NA ", "atak na ", "inwazja na ", "spotkanie w ",
                                    "PRZECİWKO ", "agreſja na "])
def test_war_hint_is_true_wherever_the_war_rule_matches(window):
    if places._WAR.search(window):
        assert places._war_hint(window)


RELEVANCE_TEXTS = [
    ("Wizyta studyjna samorządowców", "Wizyta studyjna w ramach współpracy partnerskiej miast. "
     "Szkolenie dla pracowników urzędów gmin i seminarium o wymianie doświadczeń."),
    ("WSPÓŁPRACA", "WSPÓŁPRACA MIAST PARTNERSKICH\nKonferencja polsko-ukraińska o decentralizacji."),
    ("Przebudowa drogi", "Remont drogi gminnej i budowa chodnika; nabór na wolne stanowisko."),
    ("Wymıana", "Wymıana doświadczeń i ſzkolenia dla radnych (ı i ſ w tekście)."),
    ("İstanbul", "Partnerstwo z İstanbulem: współpraca, warsztaty i współpracownicy."),
    ("", "niewspółpraca, przedszkolenie i superkonferencja to słowa ze środka wyrazu."),
]


def _plain_explain(page, record):
    """relevance.explain as a whole-text scan per cue (no anchor positions)."""
    cues, c = relevance._config()
    body, starts, factors = relevance._body(page, c["short_line_weight"])
    title = page.title or ""
    lower = body.lower() + "\n" + title.lower()
    matched = {g: {} for g in relevance.GROUPS}
    for cue in cues:
        if cue.anchors and not any(a in lower for a in cue.anchors):
            continue
        n = sum(factors[relevance.bisect.bisect_right(starts, m.start()) - 1] for m in cue.pattern.finditer(body))
        n += c["title_weight"] * len(cue.pattern.findall(title))
        if n > 0:
            matched[cue.group][cue.label] = round(cue.weight * math.sqrt(min(n, 3)), 2)
    return matched


@pytest.mark.parametrize("title,text", RELEVANCE_TEXTS)
def test_relevance_cues_match_as_a_whole_text_scan(title, text):
    page = Page(text=text, title=title, zones=[(0, len(text))])
    assert relevance.explain(page, {})["matched"] == _plain_explain(page, {})


def test_every_cue_match_starts_with_one_of_its_starts():
    # not for "ı", "ſ", "İ", which IGNORECASE matches with "i", "s" but lower() does not
    # turn into them (explain then scans the whole text)
    plain = [text for _title, text in RELEVANCE_TEXTS if not set(text) & set("ıſİ")]
    for cue in relevance._config()[0]:
        assert cue.starts, cue.label  # all cues of the data file take the fast path
        for text in plain:
            for m in cue.pattern.finditer(text):
                assert m.group().lower().startswith(cue.starts), (cue.label, m.group())


def test_trie_pattern_finds_the_longest_word_at_an_offset():
    scan = re.compile(f"(?=({programmes.trie_pattern(['gmin', 'gmina', 'gminy', 'miast', 'mi', 'a+b'])}))")
    assert [m.group(1) for m in scan.finditer("gminami, miasto; a+b")] == ["gmina", "mi", "mi", "miast", "a+b"]


PROGRAMME_TEXTS = [
    "Projekt sfinansowano ze środków Programu Operacyjnego Wiedza Edukacja Rozwój (PO WER) 2014-2020.",
    "Gmina otrzymała dotację z Rządowego Funduszu Inwestycji Lokalnych oraz z programu „Razem bezpieczniej”.",
    "Wyjazd był możliwy dzięki programowi Erasmus+ i wsparciu Funduszu Inicjatyw Obywatelskich NOWEFIO.",
    "Zadanie współfinansowane z Regionalnego Programu Operacyjnego Województwa Lubuskiego na lata 2021-2027.",
    "Mieszkańcy wzięli udział w programie „Akademia Liderów” bez żadnego finansowania.",
    "Spotkanie o sporcie i kulturze w domu kultury, bez nazw programów.",
]


@pytest.mark.parametrize("text", PROGRAMME_TEXTS)
def test_programme_literal_prefilter_changes_nothing(text, monkeypatch):
    r = programmes.rules()
    fast = programmes._in_sentence(text, 0, len(text), r)
    everything = list(range(len(r.known) + len(r.families)))
    monkeypatch.setattr(programmes.Literals, "candidates", lambda self, sent: everything)
    slow = programmes._in_sentence(text, 0, len(text), programmes.Rules(**{**r.__dict__, "cue_literals": None}))
    assert fast == slow

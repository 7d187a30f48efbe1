"""The pattern engine (extract/matcher.py): its literal prefilter only skips work.

Every Matcher the annotators build from extract/data/*.toml must find exactly what its
rules' regexes find one by one, whatever the text: mixed case, odd letters that
IGNORECASE and lower() read differently, whitespace of every kind, sub-ranges.
"""
import random
import re
from pathlib import Path

import pytest

from extract.facts import extract_facts
from extract.matcher import FOLDS_APART, Matcher
from extract.page import page_from_html

GOLD = Path(__file__).parent / "gold" / "pages"

TEXTS = [
    "Projekt współfinansowany ze środków Unii Europejskiej zorganizowała Gmina Kozy "
    "wspólnie z Fundacją Wspólna Europa, a partnerem było Stowarzyszenie Razem.",
    "SPOTKANIE ZORGANIZOWAŁ URZĄD MIASTA; W RAMACH PROGRAMU Dzięki Wsparciu Fundacji X.",
    "Delegację z Kijowa przyjął wójt,\u00a0który oprowadził gości po Urzędzie Gminy Zawoja.",
    "Warsztaty poprowadziła Anna Nowak z Fundacji Pracownia Rozwoju (prowadzący: Jan Lis).",
    "Dofinansowanie w kwocie 12 500,00 zł z\tbudżetu Województwa otrzymała Gmina Baćkowice.",
    "Kısa wizyta: ſpotkanie w ramach projektu finansowanego przez İnstytut KİT.",
    "Wymıana doświadczeń i ſzkolenia dla radnych; współpraca z İstanbulem.",
    "Projekt sfinansowano ze środków Programu Operacyjnego Wiedza Edukacja Rozwój (PO WER) 2014-2020.",
    "Zadanie współfinansowane z Regionalnego Programu Operacyjnego Województwa Lubuskiego na lata 2021-2027.",
    "Rosyjska wojna przeciwko Ukrainie, agreſja na Gruzję i PRZECİWKO Mołdawii.",
    "Polub nas na Facebooku | Drukuj | Udostępnij\nWszelkie prawa zastrzeżone © 2024 Urząd Gminy",
]


def _fuzz(n: int) -> list[str]:
    """Sentences glued from cue words in mixed case, names, punctuation and odd spaces."""
    words = ["finansowany", "przez", "ze", "środków", "W", "ramach", "wraz", "z", "Gmina", "Kozy",
             "zorganizowała", "partnerem", "jest", "oraz", "którego", ",", ";", "a", "także", "przy",
             "wsparciu", "finansowym", "ORGANIZATOREM", "był", "udział", "wzięli", "przedstawiciele",
             "odwiedzili", "Urząd", "programu", "Programu", "współpracy", "partnerskich", "wizyta",
             "studyjna", "\n", "  ", "\u00a0", "\t", "ſ", "ı", "İ"]
    rnd = random.Random(5)
    return [" ".join(w.upper() if rnd.random() < 0.2 else w for w in
                     (rnd.choice(words) for _ in range(rnd.randint(1, 16)))) for _ in range(n)]


@pytest.fixture(scope="module")
def matchers():
    """Every Matcher the pipeline builds: one HTML page through the whole facts step."""
    html = "<html><body><nav>Strona główna | Kontakt</nav><article><h1>Wizyta</h1>" \
           "<p>Delegacja z Winnicy odwiedziła gminę w ramach programu Erasmus+.</p></article></body></html>"
    extract_facts(page_from_html(html))
    built = list(Matcher.built)
    assert len(built) >= 8 and sum(len(m) for m in built) > 300
    return built


def _texts() -> list[str]:
    return TEXTS + _fuzz(400) + [p.read_text(encoding="utf-8") for p in sorted(GOLD.glob("*.txt"))]


def test_matches_are_those_of_every_rule_run_alone(matchers):
    for text in _texts():
        for start, end in ((0, len(text)), (3, max(3, len(text) - 5))):
            for m in matchers:
                want = [(i, hit.span()) for i, r in enumerate(m.rules) for hit in r.regex.finditer(text, start, end)]
                got = [(i, hit.span()) for i, hit in m.matches(text, start, end)]
                assert got == want, (text[:80], [m.rules[i].name for i, _ in set(want) ^ set(got)])


def test_candidates_never_leave_out_a_rule_that_matches(matchers):
    for text in _texts():
        for m in matchers:
            may = set(m.candidates(text))
            assert all(i in may for i, r in enumerate(m.rules) if r.regex.search(text)), text[:80]
            assert m.search(text) == any(r.regex.search(text) for r in m.rules)


def test_the_prefilter_skips_most_rules_on_a_page(matchers):
    text = sorted(GOLD.glob("*.txt"))[0].read_text(encoding="utf-8")
    biggest = max(matchers, key=len)
    assert len(biggest.candidates(text)) < len(biggest) / 2


def test_folds_apart_lists_every_character_lower_cannot_stand_for(matchers):
    """Over every code point: a character that IGNORECASE equates with a character of some
    rule's literals lower-cases to that character's lower case (so a lower-cased text shows
    every place a literal can be), unless it is one of FOLDS_APART, which turn the
    prefilter off for the text they are in; and lower() keeps length except for them."""
    letters = {ch for m in matchers for r in m.rules for x in (r.needs or ()) + (r.heads or ()) for ch in x}
    letters = {ch for ch in letters if ch.lower() != ch.upper()}
    assert letters
    every = "".join(map(chr, range(0x110000)))
    folded = re.compile("[" + "".join(sorted(letters)) + "]", re.I)
    for ch in folded.findall(every):
        assert ch.lower() in letters or ch in FOLDS_APART, repr(ch)
    assert {ch for ch in every if len(ch.lower()) != 1} <= FOLDS_APART
    # a word start in the lower-cased text is one in the text
    word = re.compile(r"\w")
    assert all(bool(word.match(ch)) == bool(word.match(ch.lower())) for ch in every if ch not in FOLDS_APART)


def test_rules_keep_their_names_and_an_optional_start_still_gives_heads():
    m = Matcher([("funding", r"(?<!\w)(?:współ|do)?finansowan\w*\s+przez"), ("any_adjective", r"\w+ski\b")], re.I)
    assert [r.name for r in m.rules] == ["funding", "any_adjective"]
    assert m.rules[0].heads == ("dofinansowan", "finansowan", "współfinansowan")
    assert m.rules[1].heads is None  # a rule that may start anywhere runs as a plain scan
    text = "Zadanie WSPÓŁFINANSOWANE\u00a0przez Urząd Marszałkowski i finansowany przez Fundusz Polski."
    assert [(m.rules[i].name, hit.group()) for i, hit in m.matches(text)] == [
        ("funding", "WSPÓŁFINANSOWANE\u00a0przez"), ("funding", "finansowany przez"),
        ("any_adjective", "Marszałkowski"), ("any_adjective", "Polski")]

"""The one pattern engine (extract/matcher.py): its prefilter only skips work.

Every Matcher the annotators build from extract/data/*.toml must find exactly what its
rules find one by one — a regex rule what its regex's finditer finds, a token pattern
what trying it at every word finds — whatever the text: mixed case, odd letters that
IGNORECASE and lower() read differently, whitespace of every kind, sub-ranges.
"""
import random
import re
import tomllib
from pathlib import Path

import pytest

from extract.facts import extract_facts
from extract.matcher import FOLDS_APART, Matcher
from extract.page import page_from_html
from extract.persons import find_persons
from extract.tokens import tokens

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
    # dates: rules that start at digits, also beside digits \d matches and 0-9 do not
    "Od 5 do 18 października 2021 r. (nr 12019), w dn. 01.02.2016-30.11.2016 oraz w latach 2019-2020.",
    "Spotkanie ٣ maja ٢٠١٩ r. i 3 Maja 2019, potem ３ czerwca 2020 oraz 2020-06-03; latem 2008 roku.",
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
    assert len(built) >= 10 and sum(len(m) for m in built) > 300
    assert {r.regex is None for m in built for r in m.rules} == {True, False}  # both kinds of rule
    return built


def _texts() -> list[str]:
    return TEXTS + _fuzz(400) + [p.read_text(encoding="utf-8") for p in sorted(GOLD.glob("*.txt"))]


def _alone(m: Matcher, text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """(rule, start, end) of every match of every rule of ``m`` run alone, with no
    prefilter: a regex rule's finditer, a token pattern tried at every word."""
    toks = tokens(text, start, end)
    out = []
    for i, r in enumerate(m.rules):
        if r.regex is not None:
            out += [(i, *hit.span()) for hit in r.regex.finditer(text, start, end)]
        else:
            out += [(i, hit.start, hit.end) for k in range(len(toks)) if (hit := m.match_at(r.name, text, toks, k))]
    return out


def test_matches_are_those_of_every_rule_run_alone(matchers):
    for text in _texts():
        for start, end in ((0, len(text)), (3, max(3, len(text) - 5))):
            for m in matchers:
                want = _alone(m, text, start, end)
                got = [(hit.rule, hit.start, hit.end) for hit in m.matches(text, start, end)]
                assert got == want, (text[:80], [m.rules[i].name for i, *_ in set(want) ^ set(got)])


def test_candidates_never_leave_out_a_rule_that_matches(matchers):
    for text in _texts():
        for m in matchers:
            matching = [i for i, *_ in _alone(m, text, 0, len(text))]
            assert set(matching) <= set(m.candidates(text)), text[:80]
            assert m.search(text) == bool(matching)
            assert m.found(text, 3) == [m.rules[i].name for i in sorted({i for i, *_ in _alone(m, text, 3, len(text))})]


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


def test_a_rule_starting_with_a_digit_finds_every_digit_that_regex_calls_one():
    """A rule that starts with \\d, a digit range or a lookahead is tried only where it may
    start, and still finds what finditer finds: digits other than 0-9 included."""
    m = Matcher([("kwota", r"\d[\d ]*\s*zł"), ("dzień", r"(?<!\d)[1-3]?[0-9]\.\d\d"),
                 ("rok", r"(?=rok|lat)\w+ \d{4}")])
    text = "Kwoty: ٣٠ zł, ３ zł i 30 zł; dnia 5.05 i ٥.٠٥, w latach 2019 i roku 2020."
    for start, end in ((0, len(text)), (7, 40)):
        got = [(h.name, text[h.start:h.end]) for h in m.matches(text, start, end)]
        want = [(r.name, x.group()) for r in m.rules for x in r.regex.finditer(text, start, end)]
        assert got == want
    assert ("kwota", "٣٠ zł") in [(h.name, text[h.start:h.end]) for h in m.matches(text)]


def test_rules_keep_their_names_and_an_optional_start_still_gives_heads():
    m = Matcher([("funding", r"(?<!\w)(?:współ|do)?finansowan\w*\s+przez"), ("any_adjective", r"\w+ski\b")], re.I)
    assert [r.name for r in m.rules] == ["funding", "any_adjective"]
    assert m.rules[0].heads == ("dofinansowan", "finansowan", "współfinansowan")
    assert m.rules[1].heads is None  # a rule that may start anywhere runs as a plain scan
    text = "Zadanie WSPÓŁFINANSOWANE\u00a0przez Urząd Marszałkowski i finansowany przez Fundusz Polski."
    assert [(hit.name, hit.match.group()) for hit in m.matches(text)] == [
        ("funding", "WSPÓŁFINANSOWANE\u00a0przez"), ("funding", "finansowany przez"),
        ("any_adjective", "Marszałkowski"), ("any_adjective", "Polski")]


# --- token patterns -------------------------------------------------------------------

def _token_matcher(toml_text: str) -> Matcher:
    return Matcher(tomllib.loads(toml_text)["pattern"])


def _found(m: Matcher, text: str) -> list[tuple[str, str]]:
    return [(hit.name, text[hit.start:hit.end]) for hit in m.matches(text)]


OFFICE_AND_NAME = """
[[pattern]]
name = "mayor_named"
tokens = [{ lemma = ["wójt", "burmistrz"] },
          { gap = [" "], cap = true, pos = ["subst"], qual = ["imię"] },
          { gap = [" "], cap = true }]
"""


@pytest.mark.parametrize("sentence, found", [
    ("Gości powitał wójt Jan Nowak.", "wójt Jan Nowak"),
    ("Rozmawiano z wójtem Janem Nowakiem o drogach.", "wójtem Janem Nowakiem"),
    ("List podpisali burmistrzowie Anna Lis i Piotr Wrona.", "burmistrzowie Anna Lis"),
    ("Spotkanie otworzył Burmistrz Katarzyna Mazur.", "Burmistrz Katarzyna Mazur"),
])
def test_a_lemma_pattern_matches_every_form_of_its_words(sentence, found):
    assert _found(_token_matcher(OFFICE_AND_NAME), sentence) == [("mayor_named", found)]


@pytest.mark.parametrize("sentence", [
    "Gości powitał wójt gminy Nowak.",  # no first name
    "Gości powitał wójt, Jan Nowak.",  # a comma where a space must be
    "Gości powitał sołtys Jan Nowak.",  # another office
    "Gości powitał wójt Tarnów Nowak.",  # a town, not a first name
    "Gości powitał wójt Jan nowak.",  # no capital
])
def test_a_lemma_pattern_does_not_match_other_words(sentence):
    assert _found(_token_matcher(OFFICE_AND_NAME), sentence) == []


def test_a_case_constraint_tells_with_whom_from_where_from():
    m = _token_matcher("""
[[pattern]]
name = "with_body"
tokens = [{ lower = ["z", "ze"] }, { gap = [" "], lemma = ["gmina", "fundacja"], case = ["inst"] }]
""")
    text = "Umowę z Gminą Kozy podpisano, a ze fundacją także; goście przyjechali z Gminy Zator."
    assert _found(m, text) == [("with_body", "z Gminą"), ("with_body", "ze fundacją")]


def test_optional_and_repeated_words_take_the_longest_match():
    m = _token_matcher("""
[[pattern]]
name = "foundation"
tokens = [{ lemma = ["fundacja"] }, { lower = ["na", "rzecz"], op = "*" }, { cap = true, op = "+" }]

[[pattern]]
name = "function_word"
tokens = [{ in = "function" }]
""")
    text = "Warsztaty prowadziła Fundacja na rzecz Rozwoju Wsi Polskiej, a otworzył je Burmistrzem Anna."
    assert _found(m, text) == [("foundation", "Fundacja na rzecz Rozwoju Wsi Polskiej"),
                                ("function_word", "Burmistrzem")]
    assert m.accepts("function_word", "wojewodą") and not m.accepts("function_word", "wojewódzki")


def test_one_data_file_holds_regex_rules_and_token_patterns_run_by_one_matcher():
    m = _token_matcher("""
[[pattern]]
name = "funded_by"
regex = '(?i)(?<!\\w)(?:współ)?finansowan\\w*\\s+przez'

[[pattern]]
name = "mayor_named"
tokens = [{ lemma = ["wójt", "burmistrz"] }, { gap = [" "], cap = true, qual = ["imię"] }, { gap = [" "], cap = true }]
""")
    text = "Wójt Jan Nowak podziękował: zadanie WSPÓŁFINANSOWANE przez Gminę Kozy."
    funded, mayor = m.matches(text)
    assert (funded.name, text[funded.start:funded.end], funded.match.group(), funded.words) == \
        ("funded_by", "WSPÓŁFINANSOWANE przez", "WSPÓŁFINANSOWANE przez", None)
    assert (mayor.name, text[mayor.start:mayor.end], mayor.match, mayor.words) == \
        ("mayor_named", "Wójt Jan Nowak", None, (0, 3))
    assert m.found(text) == ["funded_by", "mayor_named"] and m.found(text, 10) == ["funded_by"]
    toks = tokens(text)
    assert m.match_at("mayor_named", text, toks, 0) == mayor and m.match_at("mayor_named", text, toks, 1) is None
    assert m.match_at("funded_by", text, toks, 5).match.group() == "WSPÓŁFINANSOWANE przez"
    with pytest.raises(ValueError, match="either tokens or regex"):
        Matcher([{"name": "empty"}])


@pytest.mark.parametrize("spec, message", [
    ({"lema": ["wójt"]}, "unknown key"),
    ({"in": "nowhere"}, "no lexicon 'nowhere'"),
    ({"op": "{2}"}, "op must be"),
    ({"lemma": "@nowhere"}, "no word list '@nowhere'"),
    ({"read": "upper", "case": ["gen"]}, "read can only be"),
])
def test_a_mistyped_pattern_is_refused_with_its_name(spec, message):
    with pytest.raises(ValueError, match=message) as err:
        Matcher([("my:rule", [spec])])
    assert "my:rule" in str(err.value)


@pytest.mark.parametrize("sentence, function", [
    ("W spotkaniu wziął udział Jan Lis, były wójt gminy Zator.", "były wójt gminy Zator"),
    ("W spotkaniu wziął udział Jan Lis, ówczesny wójt gminy Zator.", "ówczesny wójt gminy Zator"),
    ("Rozmawiano z Janem Lisem, byłym wójtem gminy Zator.", "byłym wójtem gminy Zator"),
    ("Podziękowano Annie Nowak, obecnej dyrektor szkoły.", "obecnej dyrektor szkoły"),
])
def test_a_former_office_in_any_case_is_the_persons_function(sentence, function):
    """persons.toml "person:former" is a lemma pattern: every form of były/ówczesny/obecny."""
    assert [p.function for p in find_persons(sentence, 0, len(sentence))] == [function]

"""Words of a page (extract/tokens.py) and what reads them sentence by sentence."""
import itertools

from extract.doc import Doc
from extract.orgs import find_orgs
from extract.page import Page
from extract.persons import find_persons
from extract.tokens import split_text, tokens

PAGE = ("Wójt Gminy Zator Jan Kowalski podpisał umowę z m. st. Warszawą i Polsko-Amerykańską Fundacją "
        "Wolności. Kieleckiego urzędu miejskiego ratusza nie było, a kielecki magistrat milczał.\n"
        "Anna Nowak, sekretarz Miasta Kielce, przyjęła gości z gmin Gori i Kaspi (Gruzja).")


def test_a_span_inside_a_zone_has_the_tokens_of_a_fresh_split():
    text = PAGE + " "
    doc = Doc(Page(text=text))
    doc.words(0, len(text))  # the zone, as the annotators split it
    cuts = sorted({0, len(text)} | {i for i, c in enumerate(text) if not c.isalpha()}
                  | {5, 13, 17, 50, 52, 54})  # a few cuts inside words ("Zat|or", "m. |st.")
    for start, end in itertools.combinations(cuts, 2):
        assert doc.span_words(start, end) == list(split_text(text, start, end)), (start, end)


def test_hyphenated_words_and_the_capital_city_abbreviation_are_one_token():
    words = [w for _s, _e, w in tokens(PAGE)]
    assert "Polsko-Amerykańską" in words and "m. st." in words


def test_persons_read_from_the_zone_split_are_those_of_a_cold_read():
    text = PAGE + "  "
    sentences = [(0, 97), (98, 172), (173, len(text))]
    cold = [find_persons(text, s, e) for s, e in sentences]
    doc = Doc(Page(text=text))
    find_orgs(text, doc.zones, doc.words)  # splits the zone; persons now slice its tokens
    warm = [find_persons(text, s, e, doc.span_words(s, e)) for s, e in sentences]
    assert warm == cold
    assert [p.name for ps in warm for p in ps] == ["Jan Kowalski", "Anna Nowak"]


def test_a_city_office_named_by_the_city_adjective_is_a_body():
    found = find_orgs(PAGE, [(0, len(PAGE))])
    assert "kielecki magistrat" in [o.text for o in found]


def test_one_body_named_twice_keeps_each_mention_where_it_is_written():
    text = ("Gminna Biblioteka Publiczna (GBP) w Zatorze ogłosiła konkurs. Nagrody wręczyła "
            "Gminna Biblioteka Publiczna w Zatorze.")
    found = find_orgs(text, [(0, len(text))])
    first, second = found[0], found[-1]
    assert first.name == second.name == "Gminna Biblioteka Publiczna w Zatorze"
    assert text[second.start:second.end] == second.text == "Gminna Biblioteka Publiczna w Zatorze"
    assert first.start == 0 and second.start > first.end


def test_a_plural_head_before_two_towns_still_names_two_units():
    text = "Delegacja gmin Gori i Kaspi przyjechała do Polski."
    assert [o.name for o in find_orgs(text, [(0, len(text))])] == ["Gmina Gori", "Gmina Kaspi"]

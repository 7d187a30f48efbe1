"""Nominative forms of organisation names, places and persons (extract.morph)."""
import pytest

from extract import morph


@pytest.mark.parametrize("phrase, head, expected", [
    ("Ministerstwa Spraw Zagranicznych", 0, "Ministerstwo Spraw Zagranicznych"),
    ("Urzędu Miasta Kielce", 0, "Urząd Miasta Kielce"),
    ("Starostwa Powiatowego w Otwocku", 0, "Starostwo Powiatowe w Otwocku"),
    ("Związkiem Powiatów Polskich", 0, "Związek Powiatów Polskich"),
    ("Krajowej Szkoły Administracji Publicznej", 1, "Krajowa Szkoła Administracji Publicznej"),
    ("Urzędu Marszałkowskiego Województwa Mazowieckiego", 0, "Urząd Marszałkowski Województwa Mazowieckiego"),
    ("Kancelarię Prezydenta Kazachstanu", 0, "Kancelaria Prezydenta Kazachstanu"),
    ("Ambasadą RP", 0, "Ambasada RP"),
    ("Polsko-Amerykańskiej Fundacji Wolności", 1, "Polsko-Amerykańska Fundacja Wolności"),
    ("Europejskiego Funduszu Społecznego", 1, "Europejski Fundusz Społeczny"),
    ("Urzędzie Gminy Poraj", 0, "Urząd Gminy Poraj"),
])
def test_org_names_go_to_the_nominative(phrase, head, expected):
    assert " ".join(morph.nominative_phrase(phrase.split(), head)) == expected


def test_head_lemma_chooses_the_organisation_reading():
    # "Gminie" is also a form of the noun "gmin"; the organisation head is "gmina"
    assert morph.nominative_phrase(["Gminie", "Kielce"], 0, "gmina") == ["Gmina", "Kielce"]


def test_a_nominative_name_is_left_as_written():
    assert morph.nominative_phrase(["Ministerstwo", "Finansów"], 0) == ["Ministerstwo", "Finansów"]


@pytest.mark.parametrize("words, expected", [
    (["Kielcach"], "Kielce"),
    (["Winnicy"], "Winnica"),
    (["Kazachstanu"], "Kazachstan"),
    (["Otwocku"], "Otwock"),
    (["Józefowa"], "Józefów"),
    (["Jastrzębia", "Zdroju"], "Jastrzębie-Zdrój"),
    (["Tarnowskich", "Gór"], "Tarnowskie Góry"),
    (["Zielonej", "Górze"], "Zielona Góra"),
    (["KRAKÓW"], "Kraków"),
])
def test_places_go_to_the_nominative(words, expected):
    assert morph.place_nominative(words) == expected


def test_a_common_word_is_no_place():
    assert morph.place_nominative(["szkolenie"]) is None


@pytest.mark.parametrize("words, expected", [
    (["Katarzynę", "Kaźmierczak"], "Katarzyna Kaźmierczak"),
    (["Jana", "Kowalskiego"], "Jan Kowalski"),
    (["Annę", "Kowalską"], "Anna Kowalska"),
    (["Mirosław", "Pszonka"], "Mirosław Pszonka"),
])
def test_persons_go_to_the_nominative(words, expected):
    assert morph.person_nominative(words) == expected


def test_capitalisation_follows_the_written_word():
    assert morph.match_case("kraków", "KRAKOWA") == "KRAKÓW"
    assert morph.match_case("urząd", "Urzędu") == "Urząd"
    assert morph.match_case("urząd", "urzędu") == "urząd"


def test_second_adjective_after_the_head_belongs_to_the_noun_after_it():
    words = "Mechanizmu Finansowego Europejskiego Obszaru Gospodarczego".split()
    assert " ".join(morph.nominative_phrase(words, 0)) == \
        "Mechanizm Finansowy Europejskiego Obszaru Gospodarczego"
    # one adjective after the head stays the head's
    assert " ".join(morph.nominative_phrase("Urzędu Marszałkowskiego Województwa".split(), 0)) == \
        "Urząd Marszałkowski Województwa"


def test_unknown_adjectival_surname_after_a_mans_name_goes_to_the_nominative():
    assert morph.person_nominative(["Tomasza", "Chróstnego"]) == "Tomasz Chróstny"
    assert morph.person_nominative(["Pawłowi", "Wierzbnickiemu"]) == "Paweł Wierzbnicki"
    # a noun-like surname morfeusz does not know stays as written
    assert morph.person_nominative(["Janem", "Brzęczyszczykiewiczem"]) == "Jan Brzęczyszczykiewiczem"

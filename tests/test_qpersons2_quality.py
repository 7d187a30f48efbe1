"""Person names from real news sentences: inflected names back in the nominative
(two first names, women's names in the genitive, double surnames, foreign names)."""
from extract.morph import foreign_name_nominative
from extract.persons import find_persons


def _names(text: str) -> list[str]:
    return [p.name for p in find_persons(text, 0, len(text))]


def test_two_first_names_and_a_place_like_surname_in_the_instrumental():
    s = "Delegacja spotkała się z Tadeuszem Piotrem Brzezinem, starostą powiatu."
    assert _names(s) == ["Tadeusz Piotr Brzezin"]


def test_womans_name_in_the_genitive_with_a_double_surname():
    s = "W obradach wzięli udział przedstawiciele samorządów oraz Wiceminister Barbary Pełczyńskiej-Nałęcz."
    assert _names(s) == ["Barbara Pełczyńska-Nałęcz"]


def test_womans_unknown_adjectival_surname_in_the_genitive():
    s = "Gościem była delegacja z udziałem koordynatorki ds. kultury – Olgi Dembrowskiej, z Tarnopola."
    assert _names(s) == ["Olga Dembrowska"]


def test_foreign_double_surname_is_kept_whole():
    s = "Następnie Landrat Goslar Jens Uwe-Kramer podziękował za zaproszenie."
    assert _names(s) == ["Jens Uwe-Kramer"]


def test_foreign_name_with_a_fleeting_e_in_the_instrumental():
    assert foreign_name_nominative("Lvem", ("inst",)) == "Lev"
    s = "Wicemarszałek spotkał się z Lvem Hordijczukiem, dyrektorem departamentu rozwoju."
    assert _names(s) == ["Lev Hordijczuk"]


def test_womans_ending_never_applies_to_a_man():
    assert foreign_name_nominative("Selskiej", ("gen",), "m") == "Selskiej"
    assert foreign_name_nominative("Selskiej", ("gen",), "f") == "Selska"


def test_acting_function_after_a_coordinated_foreign_name():
    s = ("Marszałek przyjął gości z Czerniowiec: Mykołą Hnatiukiem – zastępcą gubernatora obwodu "
         "i Lvem Tkaczukiem – p.o. dyrektora departamentu współpracy.")
    assert "Lev Tkaczuk" in _names(s)


def test_double_surname_with_a_spaced_dash_is_one_person():
    s = "Na festynie burmistrzowie Andrzej Kołodziej oraz Dirk Hans – Meyer wręczyli nagrody."
    names = _names(s)
    assert "Dirk Hans-Meyer" in names and "Dirk Hans" not in names


def test_function_after_a_dash_is_no_second_surname():
    s = "Głos zabrał Tomasz Wierzbicki – Burmistrz Miasta Dębicy, a potem goście."
    assert _names(s) == ["Tomasz Wierzbicki"]


def test_p_dot_is_an_honorific_before_a_name():
    s = "Warsztaty poprowadził p. Grzegorz Wilczyński z Krosna."
    assert [p.bare for p in find_persons(s, 0, len(s))] == [False]


def test_name_inside_a_firm_is_no_person():
    s = "Opinię przygotowała Kancelaria Radcowska dr Marta Zielonka & Partnerzy z Opola."
    assert _names(s) == []


def test_foreign_womans_first_name_in_the_genitive():
    s = "Delegacja z Sanoka gościła u mera Tetiany Hordijenko przez trzy dni."
    assert _names(s) == ["Tetiana Hordijenko"]
    s = "List od burmistrza Harry Kane'a nadszedł w piątek."
    assert "Hara Kane" not in _names(s)


def test_foreign_surname_in_y_declined_like_an_adjective():
    assert foreign_name_nominative("Sadowym", ("inst",)) == "Sadowy"
    assert foreign_name_nominative("Sadowym", ("gen",)) == "Sadowym"

"""Persons on pages of sites we have never seen: names in the nominative whatever their
case or origin, honorifics and towns kept out of names (extract.persons, extract.morph)."""
import pytest

from extract import morph
from extract.page import Page
from extract.persons import find_persons
from extract.roles import find_actors
from extract.morph import foreign_name_nominative


def persons(text):
    return find_persons(text, 0, len(text))


def names(text):
    return [p.name for p in persons(text)]


def person_participants(text):
    _, participants = find_actors(Page(text=text, zones=[(0, len(text))]))
    return sorted(p["name"] for p in participants if p["kind"] == "person")


# --- honorifics -------------------------------------------------------------------

def test_honorific_after_a_function_is_no_first_name():
    text = "Delegacja spotkała się z Przewodniczącym Rady Miejskiej, Panem Tadeuszem Wróblewskim."
    [p] = persons(text)
    assert p.name == "Tadeusz Wróblewski"
    assert p.function == "Przewodniczącym Rady Miejskiej"
    assert text[p.name_start:p.name_end] == "Tadeuszem Wróblewskim"


def test_honorific_and_degree_between_function_and_a_foreign_name():
    text = "Gości reprezentował burmistrz gminy partnerskiej, Pan dr Ute Krüger."
    [p] = persons(text)
    assert p.name == "Ute Krüger"
    assert p.function == "burmistrz gminy partnerskiej"


def test_capitalised_words_before_a_comma_and_an_honorific_are_the_complement():
    # "Pasewalk" is a town of the places table: "Pasewalk Land" names an office's area, and
    # the person follows the comma and the honorific
    text = "Przyjechał sekretarz Urzędu Amt Pasewalk Land, Pan Jens Becker."
    assert names(text) == ["Jens Becker"]


# --- foreign names after a function and a comma or dash ----------------------------

def test_foreign_name_after_a_function_and_a_comma_takes_part():
    text = ("W czwartek zastępczyni burmistrza duńskiego Skagen, Mette Sørensen, podpisała "
            "porozumienie o współpracy.")
    assert "Mette Sørensen" in person_participants(text)


def test_surname_first_name_order_after_a_dash():
    text = "Gości przyjął burmistrz miasta - Kovács Attila, który odwiedził nas wiosną."
    [p] = persons(text)
    assert p.name == "Kovács Attila"


def test_counterpart_named_after_a_comma_in_the_instrumental():
    text = "Wójt spotkał się ze swoim bawarskim odpowiednikiem, Matthiasem Kreuzbergerem."
    [p] = persons(text)
    assert p.name == "Matthias Kreuzberger"
    assert person_participants(text) == ["Matthias Kreuzberger"]


def test_two_countries_joined_by_a_hyphen_are_no_surname():
    text = "Program jest odpowiednikiem programu współpracy Interreg Litwa-Polska."
    assert persons(text) == []


# --- names in oblique cases ---------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # the function's case tells the name's: instrumental, dative, genitive
    ("Rozmawiano z posłem Gintarasem Petrauskasem o współpracy.", "Gintaras Petrauskas"),
    ("Podziękowano burmistrzowi Gintarasowi Petrauskasowi za gościnę.", "Gintaras Petrauskas"),
    ("Na zaproszenie ministra Temura Kobachidze przyjechali goście.", "Temur Kobachidze"),
    # Ukrainian "-enko" surnames decline like nouns in "-a"
    ("Delegacji przewodniczył zespół wiceministra Wasyla Kuczerenki.", "Wasyl Kuczerenko"),
    # "Franciszka" is also a woman's name: the surname's case and gender choose the man's
    ("Na zaproszenie starosty Franciszka Lisowskiego przyjechali goście.", "Franciszek Lisowski"),
])
def test_names_after_a_function_go_to_the_nominative(text, expected):
    assert names(text) == [expected]


def test_one_person_in_two_cases_is_one_participant():
    text = ("Delegację przyjął burmistrz Gintaras Petrauskas. Dziękujemy burmistrzowi "
            "Gintarasowi Petrauskasowi za gościnę.")
    assert person_participants(text) == ["Gintaras Petrauskas"]


def test_foreign_womans_name_after_pani_stays_as_written():
    # "Pani" allows the nominative: a name in "-a" is not a man's genitive
    text = "W skład delegacji wchodziły: Pani Ieva Jankauskaitė – Doradca Mera, Pani Gintarė Vaitkutė."
    assert names(text) == ["Ieva Jankauskaitė", "Gintarė Vaitkutė"]


# --- longer names and functions in brackets -------------------------------------------

def test_second_given_name_of_a_foreign_guest_belongs_to_the_name():
    text = "W skład delegacji weszli: Hans Peter Wollmeiner (koordynator ds. sportu) oraz inni."
    [p] = persons(text)
    assert p.name == "Hans Peter Wollmeiner"
    assert p.function == "koordynator ds. sportu"


def test_function_in_brackets_after_the_name():
    text = "Na zdjęciu: Anna Kowalczyk (wójt gminy Lipowa) i Jan Lis."
    p = persons(text)[0]
    assert p.name == "Anna Kowalczyk"
    assert p.function == "wójt gminy Lipowa"
    assert not p.bare


# --- morph: the new functions and the old one's behaviour -----------------------------

@pytest.mark.parametrize("word, cases, gender, expected", [
    ("Christophem", ("inst",), None, "Christoph"),
    ("Frankiem", ("inst",), "m", "Frank"),
    ("Vidasowi", ("dat",), None, "Vidas"),
    ("Zuraba", ("gen",), None, "Zurab"),
    ("Jejelawę", ("acc",), None, "Jejelawa"),
    ("Ilia", ("gen", "acc"), None, "Ilia"),  # an undeclined name in "-ia"
    ("Anne", ("inst",), "f", "Anne"),  # no ending of the case: as written
    ("Mette", ("gen", "nom"), None, "Mette"),
    ("Christophem", ("nom",), None, "Christophem"),  # the nominative context undoes nothing
])
def test_foreign_name_nominative(word, cases, gender, expected):
    assert morph.foreign_name_nominative(word, cases, gender) == expected


def test_person_nominative_in_chooses_the_first_names_reading_by_the_surname():
    assert morph.person_nominative_in(["Franciszka", "Zawiślakiego"]) == "Franciszek Zawiślaki"
    assert morph.person_nominative_in(["Franciszka", "Kowalska"]) == "Franciszka Kowalska"
    assert morph.person_nominative_in(["Janem", "Brzęczyszczykiewiczem"]) == "Jan Brzęczyszczykiewicz"
    # the old function keeps its behaviour for its callers
    assert morph.person_nominative(["Janem", "Brzęczyszczykiewiczem"]) == "Jan Brzęczyszczykiewiczem"


# --- lists of office holders, complements -------------------------------------------

def test_plural_function_gives_its_office_to_every_name_of_the_list():
    text = "W naradzie uczestniczyli wójtowie: Adam Pawlak (Lipowa), Ewa Sowa i Dieter Krumbholz."
    found = persons(text)
    assert [p.name for p in found] == ["Adam Pawlak", "Ewa Sowa", "Dieter Krumbholz"]
    assert all(p.function == "wójtowie" and not p.bare for p in found)


def test_list_stops_at_a_name_with_an_office_of_its_own():
    text = "Obecni byli burmistrzowie: Adam Pawlak, Ewa Sowa – wójt gminy Lipowa."
    found = persons(text)
    assert [(p.name, p.function) for p in found] == [("Adam Pawlak", "burmistrzowie"),
                                                     ("Ewa Sowa", "wójt gminy Lipowa")]


def test_both_councils_chairs_named_after_a_comma():
    text = "Obrady prowadzili przewodniczący obu rad, Tomasz Wrona i Jürgen Haase."
    assert [(p.name, p.bare) for p in persons(text)] == [("Tomasz Wrona", False), ("Jürgen Haase", False)]


def test_function_complement_ends_before_the_next_listed_person():
    text = "Porozumienie podpisali: Jan Lis – wójt gminy Lipowa i Mihai Ionescu – burmistrz miasta Orhei."
    assert [(p.name, p.function) for p in persons(text)] == [
        ("Jan Lis", "wójt gminy Lipowa"), ("Mihai Ionescu", "burmistrz miasta Orhei")]


def test_town_on_a_river_inside_the_function():
    text = "Przyjechał burmistrz Nowego Miasta nad Pilicą Jerzy Baran."
    [p] = persons(text)
    assert (p.name, p.function) == ("Jerzy Baran", "burmistrz Nowego Miasta nad Pilicą")


def test_foreign_office_word_as_written():
    text = "Przemawiał Bürgermeister Lukas Hofbauer z Bawarii."
    [p] = persons(text)
    assert (p.name, p.function) == ("Lukas Hofbauer", "Bürgermeister")


def test_plural_office_in_the_genitive_gives_each_name_its_case():
    text = "Umowę podpisaną przez burmistrzów Torgeira Haugena i Jana Lisa przekazano do archiwum."
    assert names(text) == ["Torgeir Haugen", "Jan Lis"]


def test_name_from_a_body_speaks_for_it():
    text = "Szkolenie poprowadziła Agata Wilk z Regionalnej Izby Obrachunkowej."
    [p] = persons(text)
    assert p.name == "Agata Wilk" and not p.bare
    assert "Agata Wilk" in person_participants(text)
    # a foreign first name morfeusz does not know counts too
    assert names("Opiekę sprawowała Frauke Lindqvist z wydziału współpracy zagranicznej.") == ["Frauke Lindqvist"]


def test_name_with_a_town_or_with_whom_is_no_affiliation():
    assert [p.bare for p in persons("Na spotkanie przyjechała Agata Wilk z Krakowa.")] == [True]
    assert [p.bare for p in persons("Wczoraj rozmawiała Agata Wilk z Radą Gminy Zator.")] == [True]


def test_surname_in_a_that_morfeusz_lists_in_o_or_as_a_place():
    # "Golanką": morfeusz knows a surname Golanko and a place Golanka; "-a" surnames are the rule
    assert morph.person_nominative_in(["Mirosławem", "Golanką"]) == "Mirosław Golanka"
    assert morph.person_nominative_in(["Annę", "Golankę"]) == "Anna Golanka"
    # a surname known only in "-o" keeps it
    assert morph.person_nominative_in(["Tadeuszem", "Kościuszką"]) == "Tadeusz Kościuszko"


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

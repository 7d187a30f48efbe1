"""Places in the nominative with ISO country codes (extract.places)."""
from extract.facts import annotate
from extract.page import Page


def find_places(page):
    """The page's places as the whole pipeline gives them (extract/facts.py)."""
    return annotate(page).layers["places"]


def places(text, zones=None):
    return [(p["name"], p["country"]) for p in find_places(Page(text=text, zones=zones))]


def test_polish_and_foreign_places_in_the_nominative():
    text = "Delegacja z Winnicy i Lwowa przyjechała do Kielc. Wcześniej samorządowcy byli w Kazachstanie."
    assert places(text) == [("Winnica", "UA"), ("Lwów", "UA"), ("Kielce", "PL"), ("Kazachstan", "KZ")]


def test_offsets_point_at_the_words_as_written():
    text = "Konferencja odbyła się w Tarnowskich Górach."
    (p,) = find_places(Page(text=text))
    assert (p["name"], p["text"]) == ("Tarnowskie Góry", "Tarnowskich Górach")
    assert text[p["start"]:p["end"]] == p["text"]


def test_places_inside_office_names_count():
    text = "Uczestnicy odwiedzili Starostwo Powiatowe w Otwocku i Urząd Miasta Józefowa."
    assert places(text) == [("Otwock", "PL"), ("Józefów", "PL")]


def test_capitalised_headings_are_read():
    assert places("Październik 2014\nGORLICE / ZAWIERCIE\nWARSZTATY") == [("Gorlice", "PL"), ("Zawiercie", "PL")]


def test_streets_persons_and_the_home_country_are_no_places():
    text = ("Spotkanie w Polsce poprowadziła Anna Kalisz przy ul. Wiejskiej; "
            "mówiła o Związku Miast Polskich.")
    assert places(text) == []


def test_a_funders_name_gives_no_place():
    text = "Projekt finansuje Organizacja Bezpieczeństwa i Współpracy w Europie. Szkolenie odbyło się w Tbilisi."
    assert places(text) == [("Tbilisi", "GE")]


def test_a_common_word_needs_a_place_context():
    text = "Projekt Samorządowe Tygrysy Europy ruszył. Radni z Tczewa przyjechali."
    assert places(text) == [("Tczew", "PL")]


def test_towns_named_by_a_noun_and_an_adjective():
    text = "Gościliśmy radnych z Ustrzyk Dolnych, z Nowym Targu i z Lipnicy Murowanej."
    assert places(text) == [("Ustrzyki Dolne", "PL"), ("Nowy Targ", "PL"), ("Lipnica Murowana", "PL")]


def test_adjectives_of_ordinary_names_make_no_town():
    assert places("Strażacy z Ochotniczej Straży Pożarnej pokazali sprzęt Samorządowym Tygrysom.") == []


def test_an_unknown_town_takes_the_one_foreign_country_of_the_page():
    text = "Urzędnicy z gruzińskich gmin przyjechali z Zestaponi."
    assert places(text) == [("Zestaponi", "GE")]
    assert places("Urzędnicy przyjechali z Zestaponi.") == []


def test_a_border_programme_is_no_place():
    assert places("Program Interreg Polska-Słowacja wspiera gminy.") == []


def test_town_in_an_official_name_reads_as_written():
    text = "Delegacja odwiedziła Urząd Gminy Sękowa i Urząd Miasta Józefowa; mówił o tym Związek Gmin Pomorskich."
    assert places(text) == [("Sękowa", "PL"), ("Józefów", "PL")]


def test_foreign_towns_from_the_table_in_any_case_and_of_several_words():
    got = set(places("Spotkanie z partnerami z Karviny i Havířova, potem wizyta w Hradec Králové i w Zlaté Hory."))
    assert {("Karvina", "CZ"), ("Havířov", "CZ"), ("Hradec Králové", "CZ"), ("Zlaté Hory", "CZ")} <= got


def test_an_unknown_town_with_letters_of_one_language_takes_its_country():
    got = set(places("Partnerami są Gmina Šumná i Gmina Hněvošice."))
    assert not any(name == "Šumná" for name, _c in got)  # no letter of its own: no country to give it
    assert ("Hněvošice", "CZ") in got


def test_a_village_of_an_adjective_and_a_common_noun_after_gmina():
    assert places("Sołtysi z gminy Wielka Wieś spotkali się w Lublinie.") == [("Wielka Wieś", "PL"), ("Lublin", "PL")]


def test_a_country_at_war_and_a_saint_are_no_places():
    got = places("Zbiórka trwa od napaści na Ukrainę. Dochód trafi do Hospicjum Świętego Jana w Gdańsku.")
    assert got == [("Gdańsk", "PL")]


def test_places_as_objects_of_visiting_and_in_enumerations():
    got = places("Goście odwiedzą Warszawę i Lublin, a wcześniej byli w Kielcach, Radomiu oraz Opolu.")
    assert got == [("Warszawa", "PL"), ("Lublin", "PL"), ("Kielce", "PL"), ("Radom", "PL"), ("Opole", "PL")]


def test_an_adjective_before_miasto_is_no_town_and_a_foreign_ia_genitive_is_restored():
    assert places("Przyjechali goście z Olsztyna, Dobrego Miasta i Pisza.") == [("Olsztyn", "PL"), ("Pisz", "PL")]
    got = places("Goście z gruzińskich miast przyjechali z Zugdidi i Ozurgetii.")
    assert ("Ozurgetia", "GE") in got


def test_countries_joined_by_a_spaced_dash_name_a_programme():
    assert places("Projekt wsparł program Interreg Polska – Słowacja, a goście przyjechali z Litwy.") == \
        [("Litwa", "LT")]


def test_towns_of_two_words_in_oblique_cases_and_no_first_names():
    assert places("Delegacja z Nowego Targu odwiedziła Lipnicę Murowaną, Bochnię i Tarnowskie Góry.") == [
        ("Nowy Targ", "PL"), ("Lipnica Murowana", "PL"), ("Bochnia", "PL"), ("Tarnowskie Góry", "PL")]
    assert places("Anna Nowak z Opola oraz Katarzyna Zielińska przyjechały do Krzywego Rogu i Nowego Jorku.") == [
        ("Opole", "PL"), ("Krzywy Róg", "UA"), ("Nowy Jork", "US")]


def test_streets_buildings_and_border_programmes_are_no_places():
    assert places("Siedziba przy ul. Warszawskiej 5 i al. Krakowskiej, obok Hotelu Polonia i Teatru Ludowego.") == []
    assert places("Program Interreg Polska – Słowacja objął powiaty Województwa Małopolskiego.") == []


def test_countries_at_war_stay_out_whatever_letters_the_page_types():
    assert places("Rosyjska wojna przeciwko Ukrainie i agresja na Gruzję zmieniły plany wyjazdu do Tbilisi.") == [
        ("Tbilisi", "GE")]
    # "ſ" and "İ" are "s" and "i" to the war rule, which reads case-insensitively
    assert places("Rosyjska wojna przeciwko Ukrainie, agreſja na Gruzję i PRZECİWKO Mołdawii.") == []


def test_headings_in_capitals_and_foreign_towns_with_their_own_letters():
    assert places("WIZYTA W NOWYM SĄCZU\nHradec Králové, Zlaté Hory, Český Těšín") == [
        ("Nowy Sącz", "PL"), ("Hradec Králové", "CZ"), ("Zlaté Hory", "CZ"), ("Český Těšín", "CZ")]

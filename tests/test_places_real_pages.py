"""Places on pages from sites the rules were not written for: names inside longer names,
towns of two words, foreign towns named by their context, countries named in passing."""
from extract.facts import annotate
from extract.page import Page


def find_places(page):
    """The page's places as the whole pipeline gives them (extract/facts.py)."""
    return annotate(page).layers["places"]


def places(text):
    return [(p["name"], p["country"]) for p in find_places(Page(text=text))]


def names(text):
    return [p["name"] for p in find_places(Page(text=text))]


def test_an_adjective_before_a_capitalised_word_is_no_town_of_its_own():
    text = ("Radni spotkali się w Nowym Ratuszu, rozmawiali o Małych Projektach i odwiedzili "
            "Dolnośląski Urząd Wojewódzki.")
    assert places(text) == []


def test_a_town_named_by_an_adjective_and_a_usual_name_part():
    assert names("Goście z Zielonej Góry i z Rudy Śląskiej przyjechali do Opola.") == \
        ["Zielona Góra", "Ruda Śląska", "Opole"]


def test_the_likelier_town_of_an_adjective_pair():
    # "Tomaszowa Lubelskiego" is Tomaszów Lubelski, not a neuter "Tomaszowo Lubelskie"
    assert names("Burmistrz Tomaszowa Lubelskiego podpisał porozumienie.") == ["Tomaszów Lubelski"]


def test_a_plural_form_of_a_singular_name_is_no_place():
    # "Targach" is the plural of a fair, and the plural of a one-town name names no town
    assert names("Konferencja odbędzie się na Targach w Sandomierzu.") == ["Sandomierz"]
    assert names("Radni z Wronek przyjechali; spotkanie było we Wronkach.") == ["Wronki"]


def test_two_place_nouns_in_the_context_case_are_one_town():
    assert names("Spotkanie odbyło się w Urzędzie Miejskim w Bornem Sulinowie.") == ["Borne Sulinowo"]


def test_a_region_of_several_words_in_any_case():
    assert places("Delegacja gościła w Dolnej Saksonii, a potem w Nowym Jorku.") == \
        [("Dolna Saksonia", "DE"), ("Nowy Jork", "US")]


def test_a_table_town_with_a_polish_adjective_is_a_polish_village():
    assert places("Przyjechali wójtowie gmin Bukowina Tatrzańska i Poronin.") == \
        [("Bukowina Tatrzańska", "PL"), ("Poronin", "PL")]


def test_a_country_adjective_names_a_foreign_town_and_its_country():
    text = "Odsłonięto tablicę partnerstwa z francuskim Bellac, niemieckim Ebersberg i czeskiego miasta Jičínek."
    assert places(text) == [("Bellac", "FR"), ("Ebersberg", "DE"), ("Jičínek", "CZ")]


def test_a_partner_town_takes_the_nearest_foreign_country():
    text = ("Delegacja Gminy Pcim pojechała do partnerskiego Weilheimsdorf w Bawarii. "
            "Rok wcześniej goście z Litwy byli w Pcimiu.")
    assert ("Weilheimsdorf", "DE") in places(text)


def test_a_country_in_brackets_or_after_w_names_an_unknown_towns_country():
    found = places("Radni pojechali do Ostersund (Szwecja) i do Vorkland w Norwegii.")
    assert ("Ostersund", "SE") in found and ("Vorkland", "NO") in found


def test_unknown_words_that_cannot_be_a_foreign_town():
    # an acronym, an inflected Polish-looking ending: not towns, even with one foreign country
    text = ("Delegacja z Niemiec przyjechała do ZHR i do Pcimia. Umowę podpisano z Merystią w sali "
            "Gorzewskiej Galerii.")
    assert names(text) == ["Niemcy", "Pcim"]


def test_a_foreign_name_in_an_oblique_case_loses_its_ending():
    assert places("Radni z Gniewu gościli w Wellerlandzie, w Niemczech.") == \
        [("Gniew", "PL"), ("Wellerland", "DE"), ("Niemcy", "DE")]


def test_a_surname_after_a_foreign_first_name_is_no_place():
    assert names("Przyjechał starosta Gunnar Janik z Trondheim.") == ["Trondheim"]


def test_countries_only_listed_in_passing_are_no_places():
    text = ("Gmina ma miasta partnerskie z czterech krajów: Niemiec, Czech, Słowacji i Węgier. "
            "Tym razem delegacja pojechała do Wilna.")
    assert names(text) == ["Wilno"]
    # named again elsewhere, a listed country is a place
    assert "Węgry" in names(text + " Radni byli też na Węgrzech.")
    # after a preposition the list says where the participants come from
    assert names("Przyjechali goście z Niemiec, Czech, Słowacji i Węgier.") == ["Niemcy", "Czechy", "Słowacja", "Węgry"]


def test_a_border_and_a_government_are_no_places():
    text = ("Gmina leży przy granicy z Holandią. Projekt sfinansowano ze środków rządu Szwajcarii. "
            "Spotkanie odbyło się w Bredzie (Holandia).")
    assert ("Holandia", "NL") in places(text[text.index("Spotkanie"):])
    assert names(text[:text.index("Spotkanie")]) == []


def test_the_nominative_the_page_writes_wins():
    # "w Krośnie" can be Krosno or Krosna; the page names Miasto Krosno
    assert names("Forum odbyło się w Krośnie. Organizatorem było Miasto Krosno.") == ["Krosno"]


def test_one_town_under_a_space_and_a_hyphen_and_a_shorter_name():
    text = "Delegacja przyjechała do Golubia Dobrzynia. Spotkanie w Golubiu-Dobrzyniu trwało dwa dni."
    assert len(names(text)) == 1
    assert names("Radni z Frankfurtu nad Odrą i z Frankfurtu.") == ["Frankfurt nad Odrą"]


def test_a_town_in_the_nominative_after_miejscowosc():
    # Sarny is no Polish unit and the page puts it "na Ukrainie": a town abroad (place_review)
    assert places("Wizyta w miejscowości Sarny na Ukrainie.") == [("Sarny", "UA"), ("Ukraina", "UA")]


def test_a_place_inside_an_associations_name_is_part_of_the_name():
    text = ("Umowę podpisały Stowarzyszenie Gmin Zielona Dolina i Fundacja Miasta Jutra; "
            "spotkanie prowadziła Fundacja Rozwoju Wsi w Sieradzu.")
    assert names(text) == ["Sieradz"]


def test_a_town_after_miasto_may_stand_in_the_genitive():
    assert names("Szkolenie prowadziła sekretarz Miasta Tarnowa.") == ["Tarnów"]
    assert names("Wniosek złożył Urząd Gminy Sękowa.") == ["Sękowa"]


def test_a_country_adjective_before_a_capitalised_unit_word():
    text = "Podpisano listy intencyjne z niemieckim Miastem Osterbruch i ukraińskim Rejonem Zborowek."
    assert places(text) == [("Osterbruch", "DE"), ("Zborowek", "UA")]


def test_a_persons_name_after_a_foreign_town_is_not_part_of_it():
    text = "Gości powitał przewodniczący Rady Rejonu Kahmari Ion Vataman z Mołdawii."
    assert ("Kahmari", "MD") in places(text)


def test_a_slavic_town_in_ka_loses_its_locative_ending():
    text = "Pojechaliśmy do czeskich partnerów. Spotkanie w Brodence było udane."
    assert places(text) == [("Brodenka", "CZ")]


def test_a_compound_adjective_names_the_foreign_country_of_the_page():
    text = "Gmina Pcim i miasto Hlinská Lhota sadzą drzewa na znak polsko-czeskiej przyjaźni."
    assert ("Hlinská Lhota", "CZ") in places(text)


def test_a_region_in_ia_after_region_word():
    assert ("Samegrelia", "GE") in places("Szkolenie dla urzędników z regionu Samegrelii w gruzińskim Telawi.")


def test_a_town_after_hromada_is_ukrainian():
    assert places("Przyjechali przedstawiciele hromady Żółtańce.")[0][1] == "UA"


def test_a_persons_name_after_a_unit_and_a_comma_is_no_place():
    text = "Gości przyjął burmistrz Gminy Oberndorf, Hendrik Rehm, w Niemczech."
    assert "Hendrik Rehm" not in names(text) and "Oberndorf" in names(text)


def test_an_enumeration_goes_on_after_a_takze():
    assert names("Grupa odwiedzi Kutno, Łęczycę, a także Płock i Gostynin.") == \
        ["Kutno", "Łęczyca", "Płock", "Gostynin"]


def test_a_euroregions_name_is_no_place():
    assert names("Miasta Euroregionu Pradziad spotkały się w Nysie.") == ["Nysa"]


def test_towns_of_three_words():
    assert names("Radni z Nowego Dworu Mazowieckiego spotkali się w Nowym Mieście Lubawskim.") == \
        ["Nowy Dwór Mazowiecki", "Nowe Miasto Lubawskie"]


def test_the_capital_named_with_its_title():
    # "warszawa" is also a common noun (a car); the capital's title makes it a place
    assert names("List podpisał Prezydent Miasta Stołecznego Warszawy.") == ["Warszawa"]


def test_a_gmina_named_by_an_adjective_in_the_nominative():
    assert names("Nagrodę dostała Gmina Dobra (powiat policki).") == ["Dobra"]
    assert names("Wspólny apel Gmin Pomorskich.") == []


def test_a_known_foreign_town_takes_the_country_of_its_adjective():
    assert places("Delegacja z francuskiego Calais przyjechała do Kielc.") == [("Calais", "FR"), ("Kielce", "PL")]


def test_a_foreign_name_in_the_instrumental_after_a_country_adjective():
    text = "Partnerstwo z francuskim Meudon i słowackim Breznem trwa, umowę podpisano też z niemieckim Ebersdorfem."
    assert places(text) == [("Meudon", "FR"), ("Brezno", "SK"), ("Ebersdorf", "DE")]


def test_a_town_known_only_as_a_surname_after_a_unit_word():
    assert places("Przyjechali przedstawiciele hromady Makarów.") == [("Makarów", "UA")]
    assert places("Rozmawiał z Kowalskim i Nowakiem.") == []


def test_the_villages_of_local_groups_are_no_places():
    text = ("Do Ebersbach w Niemczech pojechały KGW „Jarzębinki” z Wólki Pełkińskiej, KGW z Pcimia "
            "oraz strażacy z OSP w Stróży i Lubniu.")
    assert names(text) == ["Ebersbach", "Niemcy"]


def test_a_region_of_two_names_is_one_place():
    assert places("Delegacja z Mongolii gości na Warmii i Mazurach.") == [("Mongolia", "MN"), ("Warmia i Mazury", "PL")]


def test_a_short_form_read_as_the_first_part_of_a_longer_name():
    text = "Uroczystość odbyła się w Golubiu. Organizatorem był Urząd Miasta w Golubiu-Dobrzyniu."
    assert names(text) == ["Golub-Dobrzyń"]


def test_a_list_of_partner_towns_after_a_colon():
    text = "Gmina ma trzy miasta partnerskie: Bad Kissingen (Niemcy), Szentendre i Vrútky na Słowacji."
    assert names(text) == ["Bad Kissingen", "Niemcy", "Szentendre", "Vrútky", "Słowacja"]


def test_an_adjective_pair_after_a_capitalised_word():
    text = "Mieszkańcy Nowego Sącza przyjechali. Starosta Krakowski Wojciech Pałka ich przywitał."
    assert names(text) == ["Nowy Sącz"]

"""Names a journalist can trust: what the facts record shows for projects, organisations
and places, one sentence per rule kind (sentences written for these tests)."""
from __future__ import annotations

from extract.facts import extract_facts
from extract.page import page_from_text


def record(text: str) -> dict:
    return extract_facts(page_from_text(text))


def names(text: str, field: str) -> list[str]:
    return [item["name"] for item in record(text)[field]]


# --- projects: standing bodies are no initiatives -------------------------------------

def test_a_peoples_congress_is_a_legislature_not_a_conference():
    text = ("Na początku maja gminę odwiedziła delegacja z chińskiej prowincji Henan na czele z "
            "wiceprzewodniczącym Stałego Komitetu w Ludowym Kongresie Prowincji Henan. Rozmawiano "
            "o współpracy samorządów i wymianie młodzieży.")
    assert names(text, "projects") == []


def test_a_body_the_page_says_members_join_is_no_conference():
    text = ("Burmistrz Nowego Targu został powołany do składu Konferencji Władz Lokalnych i "
            "Regionalnych Partnerstwa Wschodniego. Będzie reprezentował polskie samorządy.")
    assert names(text, "projects") == []


def test_a_forum_that_acts_beside_an_office_is_a_body():
    text = ("Konferencja była odpowiedzią na inicjatywę Lubuskiego Forum Skarbników, działającego "
            "przy Ośrodku Samorządu Terytorialnego w Zielonej Górze. Skarbnicy wymienili się "
            "doświadczeniami.")
    assert "Lubuskie Forum Skarbników" not in names(text, "projects")


def test_a_convention_of_mayors_is_a_body_not_a_project():
    text = ("Starosta uczestniczył w obradach Konwentu Starostów Województwa Opolskiego. "
            "Rozmawiano o współpracy z partnerami z Czech.")
    assert names(text, "projects") == []


# --- projects: cut, doubled and joined names --------------------------------------------

def test_this_years_edition_is_named_without_this_year():
    text = ("Związek zaprasza wójtów i burmistrzów z Polski i Litwy do wymiany doświadczeń we "
            "współpracy transgranicznej samorządów.\n\n"
            "Tegoroczny Kongres Gmin Pogranicza odbędzie się w dniach 12–13 października 2023 r. "
            "w Sejnach.")
    assert names(text, "projects") == ["Kongres Gmin Pogranicza"]


def test_two_forums_joined_by_and_are_two_names():
    text = ("Samorządowcy z Polski i Litwy wymienią doświadczenia we współpracy transgranicznej. "
            "Częścią Kongresu Gmin Pogranicza są: Forum Sołtysów Pogranicza i IV Forum Skarbników "
            "Gmin Wiejskich.")
    found = names(text, "projects")
    assert "Forum Sołtysów Pogranicza" in found
    assert "IV Forum Skarbników Gmin Wiejskich" in found
    assert not any(" i IV " in n for n in found)


def test_a_congress_paired_with_a_regional_council_is_a_body_too():
    text = ("Rozmowy dotyczyły wymiany doświadczeń pomiędzy Kongresem Ludu Prowincji Anhui i "
            "Sejmikiem Województwa Lubelskiego w zakresie turystyki.")
    assert not any("Kongres" in n or "Sejmik" in n for n in names(text, "projects"))


def test_a_heading_run_into_its_first_line_is_one_name_once():
    text = ("Samorządowcy z całego kraju przyjechali do Jachranki.\n\n"
            "V Kongres Sołtysów Polskich V Kongres Sołtysów Polskich\n\n"
            "Głównym tematem V Kongresu było wsparcie sołectw.")
    assert names(text, "projects") == ["V Kongres Sołtysów Polskich"]


def test_an_assembly_cut_from_its_owners_name_is_no_name():
    text = ("Zgodnie z wolą uczestników XXXI Zgromadzenia Ogólnego Związku wracamy do organizacji "
            "Forum Wójtów Pogranicza w Augustowie.")
    assert names(text, "projects") == ["Forum Wójtów Pogranicza"]


def test_a_congress_name_ending_in_a_list_of_bodies_keeps_the_whole_list():
    text = ("Uroczyste otwarcie II Krajowego Kongresu Przewodniczących Rad Gmin, Powiatów i "
            "Sejmików Województw: wystąpienia gości.")
    assert names(text, "projects") == [
        "II Krajowy Kongres Przewodniczących Rad Gmin, Powiatów i Sejmików Województw"]


# --- projects: what is no name at all ---------------------------------------------------

def test_one_lower_case_word_in_quotes_is_no_name():
    text = ("W latach 90. fundacja zorganizowała cykl konferencji „przygranicznych”. Uczestniczyli "
            "w nich wójtowie z Polski i Litwy.")
    assert names(text, "projects") == []


def test_a_photo_gallery_with_its_count_is_no_project():
    text = ("Delegacja gminy odwiedziła partnerów w Bawarii.\n\nGaleria zdjęć (24)\n\n"
            "Projekt i wykonanie strony: Studio Lipa.")
    assert names(text, "projects") == []


def test_a_heading_listing_topics_is_no_project_name():
    text = ("Konkurs na projekty współpracy\n"
            "Turystyka, Ekologia, Dziedzictwo kulturowe, Aktywizacja seniorów\n"
            "Konkurs na projekty współpracy skierowany był do lokalnych grup działania.")
    assert "Turystyka, Ekologia, Dziedzictwo kulturowe, Aktywizacja seniorów" not in names(text, "projects")


def test_a_seminar_heading_named_after_an_embassy_is_no_project_name():
    text = ("Polska pomoc\n\nSeminarium Ambasady RP w Kiszyniowie\n\n"
            "12 marca 2015 r. z inicjatywy ambasady zorganizowano spotkanie dla mołdawskich "
            "samorządowców.")
    assert "Seminarium Ambasady RP w Kiszyniowie" not in names(text, "projects")


# --- projects: names without quotes -----------------------------------------------------

def test_a_name_after_pod_nazwa_behind_a_genitive_runs_to_the_clauses_verb():
    text = ("Wizyta studyjna odbyła się w ramach projektu współpracy pod nazwą Wiejskie Centrum "
            "Wymiany Doświadczeń – WICED i miała na celu poznanie dobrych praktyk samorządów z "
            "Litwy.")
    assert names(text, "projects") == ["Wiejskie Centrum Wymiany Doświadczeń – WICED"]


def test_a_programme_of_a_fund_written_with_a_capital_is_no_project():
    text = ("Gmina Lipno ubiega się o dotację z tzw. Funduszy Norweskich, w ramach programu "
            "„Rozwój lokalny”. Partnerem projektu jest norweska gmina Vang.")
    assert "Rozwój lokalny" not in names(text, "projects")
    assert "Rozwój lokalny" in names(text, "programmes")


# --- organisations: names cut, split or generic -----------------------------------------

CONTEXT = " Spotkanie dotyczyło współpracy samorządów z Polski i Ukrainy oraz wymiany doświadczeń."


def participants(text: str) -> list[str]:
    return names(text + CONTEXT, "participants")


def test_a_company_keeps_its_legal_form():
    found = participants("Partnerem projektu była Spółka Wodna Biały Dunajec S.A., a szkolenie "
                         "poprowadziło Przedsiębiorstwo Komunalne Sp. z o.o. z Lipna.")
    assert "Spółka Wodna Biały Dunajec S.A." in found
    assert "Przedsiębiorstwo Komunalne Sp. z o.o." in found
    assert not any(n.endswith((" S", " S.A", " o.o")) for n in found)


def test_a_school_keeps_its_number_and_patron():
    found = participants("Partnerem wymiany była Szkoła Podstawowa nr 3 im. Jana Pawła II w Rzeszowie.")
    assert "Szkoła Podstawowa nr 3 im. Jana Pawła II w Rzeszowie" in found
    assert "Szkoła Podstawowa" not in found


def test_a_faculty_of_two_fields_is_one_body():
    found = participants("Szkolenie poprowadzili pracownicy Wydziału Prawa i Administracji "
                         "Uniwersytetu Jagiellońskiego.")
    assert "Wydział Prawa i Administracji Uniwersytetu Jagiellońskiego" in found
    assert not any(n.startswith("Administracja") for n in found)


def test_a_hyphenated_partner_town_is_not_cut_at_the_dash():
    found = participants("Umowę o współpracy podpisano z Gminą Iwano – Frankowo na Ukrainie.")
    assert "Gmina Iwano – Frankowo" in found
    assert "Gmina Iwano" not in found
    found = places("Umowę o współpracy podpisano z Gminą Iwano – Frankowo na Ukrainie.")
    assert ("Iwano – Frankowo", "UA") in found
    assert not any(name in ("Iwano", "Frankowo") for name, _ in found)


def test_a_two_word_town_after_a_dash_stays_in_the_offices_name():
    found = participants("W wizycie wzięli udział urzędnicy Urzędu Miasta Bielsk – Podlaski.")
    assert "Urząd Miasta Bielsk – Podlaski" in found


def test_a_body_and_its_audit_committee_are_two_names():
    found = participants("Starostowie wybrali przedstawiciela do Zarządu Związku Powiatów Polskich i "
                         "Komisji Rewizyjnej Związku.")
    assert "Związek Powiatów Polskich" in found
    assert not any(" i Komisji" in n for n in found)


def test_an_initial_after_an_embassy_begins_a_person():
    found = participants("Seminarium otworzył przedstawiciel Ambasady RP w Kiszyniowie J. Nowicki.")
    assert not any(n.endswith(" J") for n in found)


def test_chairs_of_councils_are_persons_not_a_council():
    found = participants("Zaproszenie kierujemy do wójtów i Przewodniczących Rad Gmin Wiejskich "
                         "z województwa lubelskiego.")
    assert not any(n.startswith("Przewodnicząc") for n in found)


def test_generic_kinds_of_bodies_are_no_participants():
    found = participants("Goście odwiedzili Szkołę Muzyczną, Urząd Stanu Cywilnego oraz Komitet Stały "
                         "rady miasta.")
    assert "Szkoła Muzyczna" not in found
    assert "Urząd Stanu Cywilnego" not in found
    assert "Komitet Stały" not in found


def test_a_country_in_the_nominative_after_a_name_begins_a_new_clause():
    found = participants("Po rozszerzeniu Wspólnoty Europejskiej Polska i Litwa realizują wspólne "
                         "projekty samorządów.")
    assert not any("Polska" in n or "Litwa" in n for n in found)


# --- places -------------------------------------------------------------------------------

def places(text: str) -> list[tuple[str, str]]:
    return [(p["name"], p["country"]) for p in record(text + CONTEXT)["places"]]


def test_a_numeral_at_a_sentences_start_is_no_river():
    found = places("Gmina Lipno podpisała umowę z gruzińskim miastem Gori. Obie strony zadeklarowały "
                   "wymianę doświadczeń.")
    assert not any(name == "Ob" for name, _ in found)


def test_a_part_of_a_geographical_name_alone_is_no_place():
    found = places("Umowę podpisano w Dworze Zieleniewskich w Brzeznej. Spotkanie z Polonią odbyło "
                   "się w Kiszyniowie.")
    assert not any(name in ("Dwór", "Polonia") for name, _ in found)
    assert ("Kiszyniów", "MD") in found or any(name == "Kiszyniów" for name, _ in found)


def test_places_inside_a_groups_quoted_name_are_not_reported():
    found = places("W wyjeździe studyjnym uczestniczyła Lokalna Grupa Działania „Dolina Sanu” oraz "
                   "zespół „Mazowsze”, a gości przyjęto w Wilnie.")
    assert not any(name in ("Mazowsze", "San") for name, _ in found)
    assert ("Wilno", "LT") in found


def test_places_inside_a_programmes_name_are_not_reported():
    found = places("Projekt Gminy Gozdnica jest współfinansowany ze środków Programu Współpracy "
                   "Transgranicznej Polska – Saksonia 2014–2020. Partnerem jest Görlitz.")
    assert not any(name == "Saksonia" for name, _ in found)


def test_a_foreign_town_with_a_connector_is_one_place():
    found = places("Gmina Ciechanowiec współpracuje z partnerskim Bad Homburg vor der Höhe oraz z "
                   "francuskim Aixe sur Vienne.")
    names_found = [name for name, _ in found]
    assert "Höhe" not in names_found and "Vienne" not in names_found
    assert any(name.endswith("vor der Höhe") for name in names_found)
    assert any(name == "Aixe sur Vienne" for name in names_found)


def test_a_river_in_a_towns_name_is_no_place_of_its_own():
    found = places("W spotkaniu wzięli udział wójtowie gmin Grabów nad Pilicą i Radomyśl nad Sanem.")
    assert not any(name in ("Pilica", "San") for name, _ in found)


def test_a_diaspora_and_a_castle_are_no_places():
    found = places("Delegacja spotkała się z Polonią, a potem zwiedziła Wawel i Kraków.")
    assert not any(name in ("Polonia", "Wawel") for name, _ in found)
    assert ("Kraków", "PL") in found


# --- programmes ---------------------------------------------------------------------------

def test_a_programme_named_by_one_common_word_keeps_its_head():
    text = ("Projekt Gminy Lipno został dofinansowany w ramach Działania 2. Programu Kultura "
            "finansowanego z Mechanizmu Finansowego EOG. Partnerem jest norweska gmina Vang.")
    assert "Program Kultura" in names(text, "programmes")
    assert "Kultura" not in names(text, "programmes")


def test_two_programmes_joined_by_and_are_two_names():
    text = ("Komitet Sterujący Programu Rozwoju Małych Gmin i SAPARD zatwierdził szkolenia dla "
            "urzędników gmin partnerskich z Polski i Litwy, finansowane ze środków programu.")
    assert not any(n.endswith(" i SAPARD") for n in names(text, "programmes") + names(text, "projects"))


def test_a_family_programme_written_in_full_is_known_by_both_names():
    text = ("Projekt gmin Zgorzelec i Görlitz jest dofinansowany ze środków Programu Współpracy "
            "Interreg Polska – Saksonia 2021–2027. Partnerzy wymienią doświadczenia.")
    item = next(p for p in record(text)["programmes"] if "Saksonia" in p["name"])
    assert any(a.startswith("Program Współpracy Interreg") for a in [item["name"]] + item.get("aliases", []))


def test_the_owner_of_a_programme_is_no_part_of_its_name():
    text = ("– Zachęcamy radnych do współpracy z mieszkańcami – mówiła Anna Lis, dyrektorka programu "
            "Twój Głos Twoja Gmina Fundacji im. Stefana Batorego. Program wspiera samorządy "
            "współpracujące z partnerami z Ukrainy.")
    found = names(text, "projects") + names(text, "programmes")
    assert "Twój Głos Twoja Gmina" in found
    assert not any("Fundacji" in n for n in found)


def test_one_programme_written_with_and_without_spaces_round_its_dash_is_one_row():
    text = ("Gmina Zgorzelec otrzymała środki z Programu Współpracy Interreg Polska-Saksonia. "
            "Program Współpracy Interreg Polska - Saksonia 2014-2020 realizowany jest w "
            "podregionie jeleniogórskim, a partnerzy wymieniają doświadczenia.")
    assert len([n for n in names(text, "programmes") if "Saksonia" in n]) == 1


def test_one_country_under_two_names_is_one_row():
    found = places("Samorządowcy z Mołdawii odwiedzili Lublin. Mołdowa od lat współpracuje z "
                   "polskimi gminami.")
    assert len([c for _, c in found if c == "MD"]) == 1


def test_one_town_with_and_without_diacritics_is_one_row_abroad():
    found = places("Delegacja z Grodkowa pojechała na zaproszenie burmistrza miasta Borszczów. Strona "
                   "ukraińska jest w fazie reformy. Urzędnicy planują zaprosić przyjaciół z Borszczowa "
                   "na wizytę do Grodkowa.")
    rows = [(n, c) for n, c in found if n.startswith("Borszcz")]
    assert len(rows) == 1 and rows[0][1] == "UA"


def test_a_partner_town_abroad_with_connectors_is_one_participant():
    found = participants("Gmina Ciechanowiec prowadzi współpracę partnerską z Rosbach vor der Höhe "
                         "(Niemcy).")
    assert "Rosbach vor der Höhe" in found
    assert "Rosbach" not in found


def test_a_region_visiting_a_city_has_no_seat_in_its_name():
    found = participants("Od 17 do 20 marca trwała wizyta studyjna radnych Województwa Lubuskiego "
                         "w Brukseli.")
    assert "Województwo Lubuskie" in found
    assert not any(n.endswith("w Brukseli") for n in found)


def test_a_name_in_title_case_before_its_bracketed_acronym_and_to():
    text = ("Study Visits for Mayors (SVM) to wizyty studyjne w Polsce dla burmistrzów z Mołdawii "
            "i Gruzji, którzy poznają polskie samorządy.")
    assert "Study Visits for Mayors" in names(text, "projects")


def test_days_of_friendship_of_partner_towns_are_an_initiative():
    text = ("Delegacja z partnerskiego miasta Egyek przyjechała do Radzynia, by w ramach Dni "
            "Przyjaźni Polsko-Węgierskiej zacieśnić współpracę samorządów.")
    assert "Dni Przyjaźni Polsko-Węgierskiej" in names(text, "projects")


def test_town_days_are_no_initiative_of_cooperation():
    text = ("Delegacja z partnerskiego miasta Egyek przyjechała na Dni Miasta Radzynia, gdzie "
            "rozmawiano o współpracy samorządów.")
    assert not any(n.startswith("Dni") for n in names(text, "projects"))


def test_a_quoted_name_after_pt_further_on_from_the_cue():
    text = ("Gmina Lipno uczestniczyła w projekcie realizowanym przez Związek Gmin Pogranicza pt. "
            "„Samorządność bez granic – szansa dla Mołdawii”, którego celem była wymiana "
            "doświadczeń.")
    assert names(text, "projects") == ["Samorządność bez granic – szansa dla Mołdawii"]


def test_an_edition_number_heads_a_name_in_sentence_case():
    text = ("Podpisanie umowy jest wynikiem V Forum współpracy zagranicznej gmin wiejskich, "
            "zorganizowanego przez związek gmin francuskich i polskich.")
    assert "V Forum współpracy zagranicznej gmin wiejskich" in names(text, "projects")


def test_a_programme_that_brings_money_later_in_its_sentence_is_no_project():
    text = ("Dla Polski Program Norweski przewiduje niemal połowę środków, z których gminy "
            "sfinansują współpracę z partnerami z Norwegii.")
    assert "Program Norweski" not in names(text, "projects")


def test_countries_listed_after_a_colon_with_the_home_country_are_background():
    found = places("Gmina Chorzele uczestniczy w programie wspieranym przez państwa członkowskie: "
                   "Niemcy, Polskę, Szwecję i Danię. Partnerem jest ukraińska gmina Semeniwka.")
    assert not any(c in ("DE", "SE", "DK") for _, c in found)


def test_the_town_after_bei_is_part_of_the_partner_towns_name():
    found = places("Skwierzyna i Bernau bei Berlin to miasta partnerskie związane umową o współpracy.")
    assert ("Berlin", "DE") not in found


def test_a_former_name_is_no_second_place():
    found = places("Powiat chrzanowski jest partnerem Iwano-Frankiwska (dawny Stanisławów) na Ukrainie.")
    assert not any(name == "Stanisławów" for name, _ in found)


def test_an_english_cue_with_capitals_begins_the_name():
    text = ("Study Tour To Poland w urzędzie marszałkowskim\n\nWicemarszałek przyjął grupę "
            "samorządowców z Ukrainy i Mołdawii, uczestników wizyty studyjnej.")
    assert "Study Tour To Poland" in names(text, "projects")
    assert "To Poland" not in names(text, "projects")


def test_a_programme_with_a_contact_point_is_no_project():
    text = ("Punkt Kontaktowy Programu „Obywatele dla Europy” zaprasza przedstawicieli samorządów "
            "na szkolenie o współpracy miast partnerskich.")
    assert "Obywatele dla Europy" not in names(text, "projects")


def test_a_programme_financed_from_other_money_is_still_an_initiative():
    text = ("Uczestnicy podsumowali realizację Ponadlokalnego Programu Odnowy Miast Pogranicza, "
            "finansowanego ze środków Regionalnego Programu Operacyjnego. W spotkaniu wzięli "
            "udział burmistrzowie miast partnerskich z Polski i Litwy.")
    assert "Ponadlokalny Program Odnowy Miast Pogranicza" in names(text, "projects")


def test_a_country_in_a_quoted_initiatives_name_is_a_place():
    text = ("Wizytę zorganizowała Rada Europy w ramach programu „Wsparcie reformy samorządu "
            "lokalnego na Ukrainie”. Goście poznali pracę polskich gmin.")
    assert ("Ukraina", "UA") in places(text)


def test_a_foreign_regions_adjective_unknown_to_the_dictionary_goes_to_the_nominative():
    found = participants("Umowę partnerską podpisano pomiędzy Powiatem Gołdapskim a Rejonem "
                         "Wyżnickim Obwodu Czerniowieckiego.")
    assert "Rejon Wyżnicki Obwodu Czerniowieckiego" in found


def test_a_plural_head_before_two_towns_names_two_bodies():
    found = participants("Pan Hans Hirsch był inicjatorem współpracy między gminami Seeshaupt i "
                         "Krzyżanowice.")
    assert "Gmina Seeshaupt" in found and "Gmina Krzyżanowice" in found
    assert "Gminy Seeshaupt" not in found


def test_a_plural_head_before_two_county_adjectives_names_two_counties():
    found = participants("Podpisano list intencyjny o współpracy powiatów Lęborskiego i Giżyckiego.")
    assert "Powiat Lęborski" in found and "Powiat Giżycki" in found


def test_a_landmark_or_venue_named_after_someone_is_no_place():
    found = places("Zwiedzanie Pól Marsowych pod Wieżą Eiffla zakończyło pobyt. Goście mogli też "
                   "skosztować lokalnych specjałów w Bistro Wrząca Woda.")
    assert not any(name in ("Wieża", "Wrząca Woda") for name, _ in found)


def test_a_party_named_with_a_capitalised_adjective_is_no_place():
    found = places("Największą grupą w Komitecie Regionów pozostaje Europejska Partia Ludowa, do "
                   "której należą samorządowcy z Polski i Litwy.")
    assert not any(name == "Partia Ludowa" for name, _ in found)


def test_a_foreign_partner_town_in_the_instrumental_is_named_in_the_nominative():
    found = participants("Miasto przygotowuje się do zawarcia umowy partnerskiej z chorwackim Splitem.")
    assert "Split" in found and "Splitem" not in found


def test_a_foreign_regions_adjective_before_its_head_stays_in_the_name():
    found = participants("Spotkanie samorządów zorganizował Preszowski Kraj Samorządowy.")
    assert "Preszowski Kraj Samorządowy" in found
    assert "Kraj Samorządowy" not in found


def test_a_quoted_programme_behind_its_owning_foundation():
    text = ("Program wizyt studyjnych jest częścią Programu Polsko-Amerykańskiej Fundacji Wolności "
            "„Przemiany w Regionie” – RITA, w którym samorządowcy z Ukrainy poznają polskie gminy.")
    assert "Przemiany w Regionie" in names(text, "programmes")


def test_a_unit_named_as_a_territory_is_no_participant():
    found = participants("W ostatnich dniach na terenie województwa warmińsko-mazurskiego gościła "
                         "delegacja z Gruzji, którą przyjął Starosta Gołdapski.")
    assert "Województwo Warmińsko-Mazurskie" not in found


def test_a_foreign_town_after_a_unit_word_keeps_its_connector():
    found = places("Tematami obrad przedstawicieli sieci były nowe projekty. Spotkanie odbyło się w "
                   "miasteczku Greve in Chianti we Włoszech.")
    assert ("Greve in Chianti", "IT") in found


def test_branches_contact_points_and_districts_are_bodies():
    found = participants("Porozumienie podpisali Śląski Związek Gmin i Kijowski Oddział Regionalny "
                         "Związku Miast Ukrainy. Gości przyjęła XVIII Dzielnica Budapesztu, a "
                         "szkolenie poprowadził Regionalny Punkt Kontaktowy Kraju Preszowskiego.")
    assert "Kijowski Oddział Regionalny Związku Miast Ukrainy" in found
    assert "XVIII Dzielnica Budapesztu" in found
    assert "Regionalny Punkt Kontaktowy Kraju Preszowskiego" in found


def test_an_information_point_about_funds_keeps_its_whole_name():
    found = participants("Spotkanie zorganizował Lokalny Punkt Informacyjny o Funduszach Europejskich "
                         "w Żaganiu.")
    assert "Lokalny Punkt Informacyjny o Funduszach Europejskich w Żaganiu" in found


def test_a_quoted_name_after_a_dash_further_on_from_the_cue():
    text = ("Wizyta studyjna samorządowców z Białorusi jest realizowana w ramach programu "
            "finansowanego przez UE – „Wsparcie samorządności lokalnej na Białorusi”.")
    assert "Wsparcie samorządności lokalnej na Białorusi" in names(text, "projects") + names(text, "programmes")


def test_a_programme_with_a_steering_committee_is_no_project():
    text = ("W szkoleniach weźmie udział 300 urzędników gmin. Regionalny Komitet Sterujący Programu "
            "Rozwoju Obszarów Przygranicznych zatwierdził zasady współpracy samorządów.")
    assert not any(n.startswith("Program Rozwoju") for n in names(text, "projects"))


def test_a_word_before_the_closing_quote_of_an_outer_name_is_no_name():
    text = ("Projekt gmin partnerskich z Polski i Litwy jest współfinansowany w ramach działania "
            "„Wsparcie dla rozwoju lokalnego w ramach inicjatywy LEADER” Programu Rozwoju "
            "Obszarów Wiejskich.")
    assert "LEADER" not in names(text, "projects")


def test_a_towns_news_headline_is_no_project_name():
    text = ("Lipnica: Polak, Litwin – dwa bratanki\n\n"
            "Projekt jest wspólnym przedsięwzięciem szkół z Lipnicy i Kowna.")
    assert not any(n.startswith("Lipnica:") for n in names(text, "projects"))


def test_countries_whose_governments_are_asked_are_no_places():
    found = places("Zatwierdzony projekt programu współpracy gmin zostanie teraz przedstawiony do "
                   "opiniowania rządom Polski i Słowacji.")
    assert ("Słowacja", "SK") not in found

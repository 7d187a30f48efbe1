"""Organisation mentions as multiword names (extract.orgs)."""
from extract.orgs import find_orgs


def names(text):
    return [o.name for o in find_orgs(text, [(0, len(text))])]


def test_inflected_names_come_back_in_the_nominative_with_offsets():
    text = "Spotkanie odbyło się w siedzibie Starostwa Powiatowego w Otwocku."
    (org,) = find_orgs(text, [(0, len(text))])
    assert org.name == "Starostwo Powiatowe w Otwocku"
    assert text[org.start:org.end] == org.text == "Starostwa Powiatowego w Otwocku"


def test_a_list_gives_one_name_per_body():
    text = ("Wizyta objęła Ministerstwo Spraw Wewnętrznych i Administracji, Ministerstwo Finansów "
            "oraz Urząd Marszałkowski Województwa Łódzkiego.")
    assert names(text) == ["Ministerstwo Spraw Wewnętrznych i Administracji", "Ministerstwo Finansów",
                           "Urząd Marszałkowski Województwa Łódzkiego"]


def test_and_before_a_new_head_starts_a_new_name():
    text = "Projekt prowadzi Związek Miast Polskich wspólnie ze Związkiem Gmin Wiejskich RP."
    assert names(text) == ["Związek Miast Polskich", "Związek Gmin Wiejskich RP"]


def test_state_suffix_is_dropped_from_ministries_only():
    text = "Środki przekazało Ministerstwo Spraw Zagranicznych Rzeczypospolitej Polskiej i Ambasadą RP."
    assert names(text) == ["Ministerstwo Spraw Zagranicznych", "Ambasada RP"]


def test_acronyms_and_short_forms_resolve_through_the_alias_table():
    text = "Grant przyznała fundacja Batorego, a szkolenie prowadzili eksperci FRDL i MSWiA."
    orgs = find_orgs(text, [(0, len(text))])
    assert [o.name for o in orgs] == ["Fundacja im. Stefana Batorego", "Fundacja Rozwoju Demokracji Lokalnej",
                                      "Ministerstwo Spraw Wewnętrznych i Administracji"]
    assert "FRDL" in orgs[1].aliases


def test_city_adjective_with_town_hall_names_the_town_office():
    text = "Wizytę w Lublinie przygotował lubelski magistrat."
    orgs = find_orgs(text, [(0, len(text))])
    assert [(o.name, o.text) for o in orgs] == [("Urząd Miasta Lublin", "lubelski magistrat")]


def test_local_government_variants_share_one_key():
    text = "Urząd Miasta Radomia oraz Gmina Radom podpisały porozumienie z Miastem Radom."
    keys = {o.key for o in find_orgs(text, [(0, len(text))])}
    assert keys == {"jst:radom"}


def test_bare_heads_and_lowercase_common_nouns_are_no_names():
    text = "Gmina przygotowała plan, a urzędy administracji samorządowej go przyjęły."
    assert names(text) == []


def test_person_name_after_an_office_is_not_part_of_it():
    text = "Wystąpiła Wójt Gminy Poraj Katarzyna Kaźmierczak."
    assert names(text) == ["Gmina Poraj"]


def test_only_zones_are_read():
    text = "Urząd Miasta Kielce\nStowarzyszenie Gmin Polskich Euroregionu Bałtyk zaprasza."
    assert names(text) == ["Urząd Miasta Kielce", "Stowarzyszenie Gmin Polskich Euroregionu Bałtyk"]
    assert [o.name for o in find_orgs(text, [(20, len(text))])] == ["Stowarzyszenie Gmin Polskich Euroregionu Bałtyk"]


def test_plural_head_before_towns_names_one_body_per_town():
    text = "Przyjechali radni z gruzińskich gmin Gori i Kaspi oraz ze Stowarzyszenia Gmin i Powiatów Małopolski."
    assert names(text) == ["Gmina Gori", "Gmina Kaspi", "Stowarzyszenie Gmin i Powiatów Małopolski"]


def test_seat_ends_a_name_and_a_town_after_and_is_another_body():
    text = ("Byli przedstawiciele Starostwa Powiatowego w Gnieźnie i Powiatowego Centrum Pomocy Rodzinie "
            "w Lesznie oraz Dobrego Miasta i Pisza.")
    assert names(text)[:2] == ["Starostwo Powiatowe w Gnieźnie", "Powiatowe Centrum Pomocy Rodzinie w Lesznie"]
    assert "Dobre Miasto i Pisza" not in names(text)


def test_apposition_patron_quoted_and_dashed_names():
    text = ("Fundacja Wspólnota Lokalna, Fundacja Roberta Boscha, Stowarzyszenie Lokalna Grupa Działania "
            "„Dolina Raby” i Narodowy Instytut Wolności – Centrum Rozwoju Społeczeństwa Obywatelskiego.")
    got = names(text)
    assert got[:2] == ["Fundacja Wspólnota Lokalna", "Fundacja Roberta Boscha"]
    assert got[2].startswith("Stowarzyszenie Lokalna Grupa Działania „Dolina Raby")
    assert got[3] == "Narodowy Instytut Wolności – Centrum Rozwoju Społeczeństwa Obywatelskiego"


def test_heads_inside_quoted_titles_and_programme_names_are_no_bodies():
    text = ("Gmina Dobra wygrała konkurs „Przyjazna Gmina 2024” w ramach Regionalnego Programu "
            "Operacyjnego Województwa Lubelskiego.")
    assert names(text) == ["Gmina Dobra"]


def test_superlative_adjective_keeps_its_degree():
    assert names("Spotkanie z Najwyższą Radą Adżarii.") == ["Najwyższa Rada Adżarii"]


def test_office_acronym_before_its_town():
    text = "Spotkanie w UM Kielce i w GOPS w Porąbce. UM to skrót."
    orgs = find_orgs(text, [(0, len(text))])
    assert [(o.name, o.text) for o in orgs] == [("Urząd Miasta Kielce", "UM Kielce"),
                                                ("Gminny Ośrodek Pomocy Społecznej w Porąbce", "GOPS w Porąbce")]
    assert orgs[0].key == "jst:kielce"


def test_a_second_complement_after_and_stays_in_the_name_but_a_second_office_does_not():
    text = ("Opinię wydała Komisja Wspólna Rządu i Samorządu Terytorialnego. Pisma trafiły do "
            "Urzędu Gminy i Urzędu Miasta Radomia.")
    got = names(text)
    assert got[0] == "Komisja Wspólna Rządu i Samorządu Terytorialnego"
    assert "Urząd Gminy" in got and not any("Gminy i Urzędu" in n for n in got)


def test_a_name_after_a_genitive_office_is_its_holder_not_its_patron():
    text = "List podpisał minister Spraw Wewnętrznych i Administracji Tomasz Zieliński i Sekretarz Stanu."
    assert not any("Zieliński" in n for n in names(text))


def test_an_honorific_after_and_ends_the_name():
    text = "Gości witał Wójt Gminy i Pani Maria Lis, dyrektor szkoły."
    assert not any("Pani" in n for n in names(text))


def test_a_compound_adjective_broken_after_its_hyphen_is_one_name():
    text = "Stypendia ufundowała Polsko- Amerykańska Fundacja Wolności."
    assert names(text) == ["Polsko-Amerykańska Fundacja Wolności"]


def test_days_border_programmes_and_quoted_titles_after_a_name_are_no_bodies():
    text = ("W Dzień Samorządu Terytorialnego ogłoszono nabór programu Interreg Republika Słowacka - Polska. "
            "Wsparcie dała fundacja Nowa Wieś „Razem dla sąsiadów”.")
    got = names(text)
    assert "Samorząd Terytorialny" not in got and "Republika Słowacka" not in got
    assert "Fundacja Nowa Wieś" in got


def test_an_office_names_its_town_and_a_list_of_towns_its_units():
    text = ("Umowę podpisali burmistrz Gorlic i słowackiego Bardejova. "
            "Goście byli w miastach: Kraków, Tarnów i Nowy Sącz.")
    got = names(text)
    assert "Miasto Gorlice" in got and "Bardejov" in got
    assert "Miasto Kraków" in got and "Miasto Tarnów" in got


def test_the_organ_of_a_body_stands_for_the_body_but_a_regions_board_keeps_its_name():
    text = ("Walne zebranie zwołał Zarząd Związku Powiatów Polskich, a dokumenty są w Biurze Związku. "
            "Uchwałę podjął Zarząd Województwa Śląskiego.")
    assert names(text) == ["Związek Powiatów Polskich", "Zarząd Województwa Śląskiego"]


def test_a_country_after_w_is_no_part_of_a_towns_name():
    assert names("Przyjechali przedstawiciele miasta Arendal w Norwegii.") == ["Miasto Arendal"]


def test_a_starosta_names_the_county_by_its_adjective_and_a_day_names_no_town():
    text = "Na zaproszenie Starosty Nowosądeckiego w Dzień Samorządu Terytorialnego przybyli goście."
    assert names(text) == ["Powiat Nowosądecki"]


def test_an_acronym_defined_in_brackets_is_the_bodys_and_its_seat_may_follow():
    text = "Warsztaty przygotował Gminny Ośrodek Sportu (GOSiR) w Zatorze. Kolejne zajęcia GOSiR planuje na maj."
    orgs = find_orgs(text, [(0, len(text))])
    assert [o.name for o in orgs] == ["Gminny Ośrodek Sportu w Zatorze"] * 2
    assert "GOSiR" in orgs[0].aliases and orgs[1].text == "GOSiR"


def test_quoted_proper_name_keeps_both_quotes_whatever_their_style():
    text = "Działa tu Towarzystwo Przyjaciół „Nowa Wola” oraz Towarzystwo Przyjaciół “Nowa Wola”."
    assert names(text) == ["Towarzystwo Przyjaciół „Nowa Wola”"] * 2


def test_two_unions_joined_by_and_are_two_bodies():
    # "Związek" also reads as a plural genitive (of "związka"); it still starts a new name
    text = "Apel podpisały Związek Powiatów Polskich i Związek Miast Polskich."
    assert names(text) == ["Związek Powiatów Polskich", "Związek Miast Polskich"]


def test_association_of_offices_listed_with_commas_is_one_name():
    text = "Projekt prowadzi Konwent Starostów, Burmistrzów i Wójtów Ziemi Łódzkiej."
    assert names(text) == ["Konwent Starostów, Burmistrzów i Wójtów Ziemi Łódzkiej"]


def test_numbered_congress_is_an_event_not_a_body():
    text = "Delegaci III Kongresu Gmin Wiejskich spotkali się z zarządem Kongresu Ruchów Miejskich."
    assert names(text) == ["Kongres Ruchów Miejskich"]


def test_name_after_a_programme_and_a_dash_is_the_programme():
    text = "Projekt sfinansowano z Programu – Fundusz Aktywnych Sołectw."
    assert names(text) == []


def test_organisation_with_a_quoted_proper_name():
    text = "Szkolenie poprowadziła Lokalna Organizacja Turystyczna „Dolina Baryczy”."
    assert names(text) == ["Lokalna Organizacja Turystyczna „Dolina Baryczy”"]


def test_inspectorates_cooperatives_and_fire_brigades_are_bodies():
    text = ("W spotkaniu udział wzięli przedstawiciele Wojewódzkiej Inspekcji Ochrony Środowiska, "
            "Spółdzielni Mleczarskiej Mlekpol i Komendy Powiatowej Policji w Pułtusku.")
    assert names(text) == ["Wojewódzka Inspekcja Ochrony Środowiska", "Spółdzielnia Mleczarska Mlekpol",
                           "Komenda Powiatowa Policji w Pułtusku"]


def test_acronym_of_a_kind_of_body_with_a_quoted_name_is_spelled_out():
    text = "Festyn przygotowało KGW „Zalesianki” razem z Kołem Gospodyń Wiejskich „Zalesianki”."
    got = find_orgs(text, [(0, len(text))])
    assert got[0].name == "Koło Gospodyń Wiejskich „Zalesianki”"
    assert got[0].text == "KGW „Zalesianki”"
    assert got[0].key == got[1].key  # the spelled-out mention is the same body

"""Knowledge tables: who pays for a programme, Polish local-government units, countries
and their forms.  Lookups take words as a Polish news page writes them."""
from __future__ import annotations

import pytest

from extract import knowledge as k

# --- programme -> donors, fund -> funder ---------------------------------------------------


@pytest.mark.parametrize("text", [
    "Fundusze EOG",
    "Funduszy EOG",
    "Mechanizmu Finansowego EOG 2014-2021",
    "Mechanizmu Finansowego Europejskiego Obszaru Gospodarczego na lata 2014-2021",
    "Aktywni Obywatele – Fundusz Regionalny",
])
def test_eea_grants_are_paid_by_norway_iceland_and_liechtenstein(text):
    assert [f.name for f in k.donors_of(text)] == ["Norwegia", "Islandia", "Liechtenstein"]


def test_eea_grants_are_credited_to_the_mechanism_with_its_donors_as_alias():
    item = k.credited_funder("z Funduszy EOG")
    assert item["name"] == "Fundusze EOG"
    assert "Mechanizm Finansowy EOG" in item["aliases"]
    assert "Islandia, Liechtenstein i Norwegia" in item["aliases"]


def test_norway_grants_have_norway_alone():
    assert [f.name for f in k.donors_of("Norweskiego Mechanizmu Finansowego")] == ["Norwegia"]


@pytest.mark.parametrize("fund, alias", [
    ("EFRR", "EFRR"),
    ("Europejskiego Funduszu Rozwoju Regionalnego", "EFRR"),
    ("Europejskiego Funduszu Społecznego", "EFS"),
    ("EFRROW", "Europejski Fundusz Rolny na rzecz Rozwoju Obszarów Wiejskich"),
    ("Funduszu Spójności", "Fundusz Spójności"),
])
def test_an_eu_fund_is_the_european_union_with_the_fund_as_alias(fund, alias):
    item = k.funder_of_fund(fund)
    assert item["name"] == "Unia Europejska"
    assert alias in item["aliases"]
    assert "UE" in item["aliases"]


@pytest.mark.parametrize("programme, donor", [
    ("Programu Współpracy Transgranicznej Interreg V-A Polska-Słowacja 2014-2020", "Unia Europejska"),
    ("programu Erasmus+", "Unia Europejska"),
    ("Europa dla Obywateli", "Unia Europejska"),
    ("CERV", "Unia Europejska"),
    ("Polska pomoc rozwojowa 2018", "Ministerstwo Spraw Zagranicznych"),
    ("programu polskiej współpracy rozwojowej", "Ministerstwo Spraw Zagranicznych"),
    ("Polish Aid", "Ministerstwo Spraw Zagranicznych"),
    ("Szwajcarsko-Polskiego Programu Współpracy", "Szwajcaria"),
    ("szwajcarskiego wkładu", "Szwajcaria"),
    ("HOVERLA", "Amerykańska Agencja ds. Rozwoju Międzynarodowego"),
    ("RITA - Przemiany w regionie", "Polsko-Amerykańska Fundacja Wolności"),
    ("Study Tours to Poland", "Polsko-Amerykańska Fundacja Wolności"),
    ("Fundusz Inicjatyw Obywatelskich NOWEFIO na lata 2021–2030",
     "Narodowy Instytut Wolności – Centrum Rozwoju Społeczeństwa Obywatelskiego"),
    ("programu Czyste Powietrze", "Narodowy Fundusz Ochrony Środowiska i Gospodarki Wodnej"),
    ("Rządowego Funduszu Inwestycji Lokalnych", "budżet państwa"),
])
def test_programmes_name_who_pays(programme, donor):
    assert [f.name for f in k.donors_of(programme)] == [donor]


def test_a_text_naming_no_programme_has_no_donors():
    assert k.donors_of("remont drogi gminnej w Zalesiu") == []
    assert k.credited_funder("remont drogi gminnej") is None


@pytest.mark.parametrize("written, name", [
    ("Polsko-Amerykańskiej Fundacji Wolności", "Polsko-Amerykańska Fundacja Wolności"),
    ("PAFW", "Polsko-Amerykańska Fundacja Wolności"),
    ("Fundacji Batorego", "Fundacja im. Stefana Batorego"),
    ("Fundacji Konrada Adenauera", "Fundacja Konrada Adenauera"),
    ("Konrad-Adenauer-Stiftung", "Fundacja Konrada Adenauera"),
    ("NED", "National Endowment for Democracy"),
    ("Fundacji Solidarności Międzynarodowej", "Fundacja Solidarności Międzynarodowej"),
    ("Ministerstwa Spraw Zagranicznych RP", "Ministerstwo Spraw Zagranicznych"),
    ("NFOŚiGW", "Narodowy Fundusz Ochrony Środowiska i Gospodarki Wodnej"),
    ("Urzędu Marszałkowskiego Województwa Podkarpackiego", "Samorząd Województwa Podkarpackiego"),
    ("Samorządu Województwa Mazowieckiego", "Samorząd Województwa Mazowieckiego"),
])
def test_funders_are_found_in_any_case_and_by_alias(written, name):
    assert k.funder(written).name == name


def test_every_programme_donor_and_credit_is_a_known_funder():
    funders = k.funders()
    for p in k.programmes().values():
        assert p.donors and all(d in funders for d in p.donors), p.id
        assert p.credit in funders, p.id


# --- local-government units ----------------------------------------------------------------


def test_the_register_has_every_voivodeship_powiat_and_gmina():
    kinds = [u.kind for u in k.units().values()]
    assert kinds.count("województwo") == 16
    assert kinds.count("powiat") + kinds.count("miasto na prawach powiatu") == 380
    gminas = sum(kinds.count(g) for g in ("gmina miejska", "gmina wiejska", "gmina miejsko-wiejska"))
    assert gminas == 2477


@pytest.mark.parametrize("form", ["Krasnobród", "Krasnobrodu", "Krasnobrodzie", "Krasnobrodem"])
def test_a_town_is_found_in_every_case(form):
    found = k.lgu(form)
    assert {u.kind for u in found} == {"gmina miejsko-wiejska", "miasto"}
    assert all(u.name == "Krasnobród" and u.voivodeship == "lubelskie" for u in found)


@pytest.mark.parametrize("form", ["powiat gorlicki", "powiatu gorlickiego", "powiecie gorlickim", "Powiat Gorlicki"])
def test_a_powiat_is_found_with_its_noun(form):
    [unit] = k.lgu(form)
    assert (unit.kind, unit.name, unit.voivodeship) == ("powiat", "gorlicki", "małopolskie")
    assert unit.official == ("Powiat Gorlicki",)


@pytest.mark.parametrize("form", ["województwo podkarpackie", "województwa podkarpackiego",
                                  "województwie podkarpackim", "Podkarpacia", "Podkarpaciu"])
def test_a_voivodeship_is_found_by_name_and_region(form):
    [unit] = k.lgu(form)
    assert unit.teryt == "18" and unit.official[0] == "Województwo Podkarpackie"


def test_every_voivodeship_is_found_by_its_genitive():
    for unit in (u for u in k.units().values() if u.kind == "województwo"):
        genitive = unit.official[1].removeprefix("Samorząd ")  # "Województwa Podkarpackiego"
        assert [u.teryt for u in k.lgu(genitive)] == [unit.teryt]


def test_a_kind_word_narrows_the_units_of_one_name():
    gminas = k.lgu("gminy Dobra")
    assert len(gminas) == 3 and all(u.kind.startswith("gmina") for u in gminas)
    assert {u.voivodeship for u in gminas} == {"małopolskie", "wielkopolskie", "zachodniopomorskie"}
    assert [u.kind for u in k.lgu("gminie Kobylnica")] == ["gmina wiejska"]


def test_a_city_county_is_one_city_across_its_cases():
    for form in ("Bielsko-Biała", "Bielska-Białej", "Bielsku-Białej"):
        assert [u.teryt for u in k.lgu(form)] == ["2461"]


def test_official_body_names_of_units():
    [unit] = k.lgu("Gmina Krasnobród")
    assert unit.kind == "gmina miejsko-wiejska"
    assert "Miasto i Gmina Krasnobród" in unit.official
    assert k.lgu("Miasto Kraków")[0].name == "Kraków"


def test_words_that_are_no_unit_find_nothing():
    assert k.lgu("projekt") == []
    assert k.lgu("gminy Atlantyda") == []


@pytest.mark.parametrize("word, country, level", [
    ("hromadzie", "UA", "municipality"),
    ("Hromady", "UA", "municipality"),
    ("Radzie Wiejskiej", "UA", "council"),
    ("Landkreis", "DE", "district"),
    ("Verband", "DE", "association"),
    ("obec", "CZ", "municipality"),
    ("savivaldybė", "LT", "municipality"),
    ("község", "HU", "municipality"),
    ("commune", "FR", "municipality"),
])
def test_foreign_local_government_terms(word, country, level):
    [term] = k.foreign_unit(word)
    assert country in term.countries and term.level == level


# --- countries ------------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["Ukraina", "Ukrainy", "Ukrainie", "Ukrainę", "Ukrainą",
                                  "ukraiński", "ukraińskiego", "ukraińskimi", "Ukrainiec", "Ukraińców", "Ukrainki"])
def test_every_form_of_ukraine_is_ua(form):
    assert k.country_of(form) == "UA"


@pytest.mark.parametrize("form, iso", [
    ("Niemczech", "DE"), ("Niemiec", "DE"), ("niemieckiego", "DE"),
    ("Stanach Zjednoczonych", "US"), ("USA", "US"), ("amerykańskiej", "US"),
    ("Norwegii", "NO"), ("norweskich", "NO"), ("Norwegów", "NO"),
    ("Mołdawii", "MD"), ("Republiki Mołdawii", "MD"), ("mołdawskiego", "MD"),
    ("Gruzji", "GE"), ("Kazachstanie", "KZ"), ("Wielkiej Brytanii", "GB"),
    ("Bośni i Hercegowinie", "BA"), ("Czechach", "CZ"), ("Słowacji", "SK"),
    ("Liechtensteinu", "LI"), ("Islandii", "IS"), ("Szwajcarii", "CH"),
])
def test_countries_in_any_case(form, iso):
    assert k.country_of(form) == iso


def test_every_country_name_and_case_maps_back_to_its_code():
    for country in k.countries().values():
        for form in (country.name, *country.cases.values()):
            assert k.country_of(form, what=("name",)) == country.iso, (country.iso, form)


def test_a_word_that_names_no_country_is_none():
    assert k.country_of("samorząd") is None
    assert k.country_of("projekt") is None


# --- offices, seats, other readings ------------------------------------------------------------


@pytest.mark.parametrize("written, teryt", [
    ("Starostwie Powiatowym w Gorlicach", "1205"),
    ("Starostwa Powiatowego w Zakopanem", "1217"),  # powiat tatrzański: its seat is no "Tatry"
    ("Starostwo Powiatowe w Ożarowie Mazowieckim", "1432"),  # powiat warszawski zachodni
    ("Urzędu Gminy Kobylnica", "2212062"),
    ("Urzędzie Miejskim w Krasnobrodzie", "0620043"),
    ("Urzędu Marszałkowskiego Województwa Podkarpackiego", "18"),
])
def test_an_office_names_its_unit_in_any_case(written, teryt):
    assert teryt in [u.teryt for u in k.lgu(written)]


def test_every_powiat_has_a_seat_in_it_or_in_its_voivodeship():
    by_name = {}
    for u in k.units().values():
        if u.kind in ("gmina miejska", "miasto", "miasto na prawach powiatu"):
            by_name.setdefault(u.name, []).append(u.teryt)
    for p in (u for u in k.units().values() if u.kind == "powiat"):
        assert any(code.startswith(p.teryt) or code.startswith(p.teryt[:2]) and len(code) == 4
                   for code in by_name.get(p.seat, [])), (p.teryt, p.name, p.seat)
        assert p.offices == (f"Starostwo Powiatowe w {p.offices[0].split(' w ', 1)[1]}",)


def test_places_that_are_also_common_words_or_names_say_so():
    assert "common" in k.other_readings("Dobra")
    assert "common" in k.other_readings("Czad")
    assert k.other_readings("Krasnobrodzie") == ()


def test_an_acronym_names_a_programme_only_in_capitals():
    assert k.donors_of("dobre praktyki samorządów") == []
    assert [f.id for f in k.donors_of("program DOBRE na Ukrainie")] == ["usaid"]
    assert k.donors_of("Rita i jej sąsiedzi") == []
    assert k.funder("pafw") is None and k.funder("PAFW").id == "pafw"


def test_a_unit_as_a_record_item_carries_its_office_and_bare_name():
    [gmina] = k.lgu("Gmina Krasnobród")
    item = gmina.record()
    assert item["name"] == "Gmina Krasnobród"
    assert {"Urząd Miejski w Krasnobrodzie", "Krasnobród"} <= set(item["aliases"])
    city = k.lgu("Lublinie")[0].record()
    assert city["name"] == "Miasto Lublin" and "Gmina Miasto Lublin" in city["aliases"]
    assert k.lgu("Starostwa Powiatowego w Sejnach")[0].record()["name"] == "Powiat Sejneński"


def test_aliases_sgjp_does_not_know_have_their_forms_from_the_seed():
    assert k.country_of("Mołdowie") == "MD"
    assert k.country_of("Republiki Mołdowy") == "MD"

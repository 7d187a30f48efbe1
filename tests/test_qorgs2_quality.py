"""Organisation names that must not swallow a neighbour: coordination, postposed
adjectives, a dash before another name, titles in capitals, and generic bodies
(extract.orgs, extract.roles)."""
from extract.orgs import find_orgs
from extract.page import Page
from extract.roles import find_actors


def org_names(text):
    return [o.name for o in find_orgs(text, [(0, len(text))])]


def participant_names(text):
    return {p["name"] for p in find_actors(Page(text=text, zones=None))[1]}


# --- coordination: "i" before a second body or another case ------------------------

def test_a_second_body_head_after_and_starts_a_new_name():
    text = "Warsztaty prowadzone przy udziale Fundacji Wspierania Wsi Mazurskiej i Towarzystwa Przyjaciół Ełku."
    assert org_names(text) == ["Fundacja Wspierania Wsi Mazurskiej", "Towarzystwo Przyjaciół Ełku"]


def test_complements_joined_by_and_stay_one_name():
    text = "Pismo skierowano do Ministerstwa Rolnictwa i Rozwoju Wsi oraz do Komisji Wspólnej Rządu i Samorządu."
    assert org_names(text)[0] == "Ministerstwo Rolnictwa i Rozwoju Wsi"


def test_a_foreign_partner_in_the_instrumental_after_and_is_not_part_of_the_name():
    text = "Umowę partnerską podpisano z Gminą Wolbrom i Czortkowem."
    assert "Gmina Wolbrom" in org_names(text)
    assert not any("Czortkow" in n for n in org_names(text))


def test_a_person_in_another_case_after_and_is_not_part_of_the_region():
    text = "Spotkanie z przedstawicielami Obwodu Wołyńskiego i Vasylem Hnatyszynem odbyło się w ratuszu."
    assert "Obwód Wołyński" in org_names(text)


def test_a_common_noun_after_the_head_and_and_stays_in_the_name():
    text = "Gospodarzem była Gminna Biblioteka i Dom Kultury w Lipnie."
    assert org_names(text) == ["Gminna Biblioteka i Dom Kultury w Lipnie"]


# --- an adjective after a noun belongs to that noun ---------------------------------

def test_adjective_postposed_to_the_meeting_is_not_part_of_the_body():
    text = "Stanowisko przyjęto na Zgromadzeniu Ogólnym Związku Gmin Pomorskich w Słupsku."
    assert org_names(text)[0].startswith("Związek Gmin Pomorskich")


def test_adjective_after_a_persons_function_still_opens_the_name():
    text = "W debacie głos zabrał Prezes Najwyższej Izby Kontroli."
    assert org_names(text) == ["Najwyższa Izba Kontroli"]


# --- a dash and a title in capitals -------------------------------------------------

def test_a_name_in_another_case_after_a_dash_is_a_second_thing():
    text = "Szkolenie przygotował Związek Gmin Kurpiowskich – Sieci Dobrych Praktyk poświęcono drugi dzień."
    assert "Związek Gmin Kurpiowskich" in org_names(text)


def test_a_second_name_in_apposition_after_a_dash_joins_the_body():
    text = "Dotację przyznał Narodowy Instytut Wolności – Centrum Rozwoju Społeczeństwa Obywatelskiego."
    assert org_names(text) == ["Narodowy Instytut Wolności – Centrum Rozwoju Społeczeństwa Obywatelskiego"]


def test_a_project_title_in_capitals_is_not_part_of_the_body():
    text = "Projekt realizuje Związek Gmin Kurpiowskich HORYZONTY w partnerstwie z gminami."
    assert org_names(text)[0] == "Związek Gmin Kurpiowskich"


# --- generic groups of local action --------------------------------------------------

def test_a_local_action_group_without_its_own_name_is_no_participant():
    text = "W spotkaniu w Opolu uczestniczyły Lokalne Grupy Działania z całego regionu."
    assert not any("Grup" in n for n in participant_names(text))


def test_a_local_action_group_with_a_quoted_name_is_a_participant():
    text = "W spotkaniu w Opolu uczestniczyło Stowarzyszenie LGD „Dolina Odry”."
    assert participant_names(text) == {"Stowarzyszenie LGD „Dolina Odry”"}


def test_a_plural_kind_of_body_before_a_colon_gives_one_body_per_quoted_name():
    text = "Spotkanie przygotowały dwie Lokalne Grupy Działania: „Dolina Bugu” i „Nad Wartą”."
    assert org_names(text) == ["Lokalna Grupa Działania „Dolina Bugu”", "Lokalna Grupa Działania „Nad Wartą”"]


# --- what was opened is the news --------------------------------------------------

def test_a_centre_that_a_minister_opened_is_no_participant_while_the_minister_is():
    text = ("Minister Jan Kowalski wspólnie z wojewodą otworzył w poniedziałek "
            "Centrum Wsparcia Samorządów Cyfrowych w tym kraju.")
    names = participant_names(text)
    assert "Jan Kowalski" in names
    assert not any(n.startswith("Centrum") for n in names)


# --- a ministry of several portfolios ---------------------------------------------

def test_a_ministry_of_several_portfolios_is_one_name():
    text = "Na forum przyjechali przedstawiciele Ministerstwa Kultury, Dziedzictwa Narodowego i Sportu oraz gmin."
    assert org_names(text)[0] == "Ministerstwo Kultury, Dziedzictwa Narodowego i Sportu"


def test_bodies_listed_after_a_ministry_stay_apart():
    text = "Pismo wysłano do Ministerstwa Rozwoju, Gminy Lipno i Powiatu Lipnowskiego."
    assert org_names(text) == ["Ministerstwo Rozwoju", "Gmina Lipno", "Powiat Lipnowski"]


def test_two_adjectives_joined_by_and_stay_in_one_name():
    text = "Umowę podpisano z Fińskim Związkiem Władz Lokalnych i Regionalnych oraz z gminą."
    assert org_names(text)[0] == "Fiński Związek Władz Lokalnych i Regionalnych"


def test_an_adjective_of_the_next_head_after_and_starts_a_new_name():
    text = "Pismo podpisali kierownicy Urzędu Gminy Lipno i Powiatowego Centrum Pomocy Rodzinie."
    assert org_names(text) == ["Urząd Gminy Lipno", "Powiatowe Centrum Pomocy Rodzinie"]


def test_a_common_adjective_after_a_starosts_title_names_no_county():
    text = "Goście z Litwy otrzymali z rąk Starosty pamiątkowe dyplomy. Przywitał ich starosta gnieźnieński."
    assert org_names(text) == ["Powiat Gnieźnieński"]


def test_the_eea_mechanism_by_its_short_name_is_no_participant():
    text = ("W warsztatach wzięli udział wójtowie oraz eksperci, a tematem było „Dobre rządzenie”, "
            "będące jednym z priorytetów Mechanizmu Finansowego EOG na lata 2014-2021.")
    assert not any("Mechanizm" in n for n in participant_names(text))

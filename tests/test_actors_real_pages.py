"""Funders and participants on pages from unseen sites: bare towns as actors, counties
named by their adjective, generic bodies, money sources (extract.orgs, extract.roles)."""
from extract.orgs import find_orgs
from extract.page import Page
from extract.roles import find_actors


def actors(text):
    return find_actors(Page(text=text, zones=None))


def participant_names(text):
    return {p["name"] for p in actors(text)[1]}


def org_names(text):
    return [o.name for o in find_orgs(text, [(0, len(text))])]


# --- counties and regions named by a lower-case adjective -------------------------

def test_counties_named_by_adjective_sign_an_agreement():
    text = "Powiat kutnowski podpisał umowę o współpracy z powiatem łęczyckim."
    assert participant_names(text) == {"Powiat Kutnowski", "Powiat Łęczycki"}


def test_regional_budget_in_lower_case_names_the_funder():
    text = "Wyjazd sfinansowano dzięki dofinansowaniu z budżetu województwa lubuskiego."
    funders, participants = actors(text)
    assert [f["name"] for f in funders] == ["Województwo Lubuskie"]
    assert participants == []


def test_compound_region_adjective_keeps_both_parts():
    assert org_names("Dotacja z budżetu województwa kujawsko-pomorskiego.") == ["Województwo Kujawsko-Pomorskie"]


def test_kind_of_county_or_office_is_no_county():
    # "grodzki" says what kind of county; after a function word the region is an office
    assert org_names("Zebrali się przedstawiciele powiatu grodzkiego.") == []
    assert org_names("Przemawiał marszałek województwa opolskiego Jan Brzoza.") == []


# --- generic bodies and self-government -------------------------------------------

def test_generic_bodies_without_a_proper_name_are_dropped():
    text = ("W spotkaniu wzięli udział członkowie Zarządu Powiatu, radni Rady Miejskiej "
            "i przedstawicielki Kół Gospodyń Wiejskich.")
    assert participant_names(text) == set()


def test_alias_table_names_are_never_generic():
    assert "Rada Europy" in org_names("Ekspertów przysłała Rada Europy.")


def test_self_government_of_a_unit_is_the_unit():
    text = "Delegacja Samorządu Gminy Łubniany przebywała z wizytą w Czechach."
    assert participant_names(text) == {"Gmina Łubniany"}


def test_person_joined_by_and_ends_the_county_name():
    names = org_names("List podpisali Starosta Powiatu Kozienickiego i Starosta Powiatu Zwoleńskiego.")
    assert names == ["Powiat Kozienicki", "Powiat Zwoleński"]


# --- money sources -------------------------------------------------------------------

def test_eu_and_its_funds_never_take_part():
    text = ("Mieszkańcy pytali o Unię Europejską. Festyn zorganizowano wspólnie z Gminą Lipno "
            "oraz Europejskim Funduszem Rozwoju Regionalnego.")
    assert participant_names(text) == {"Gmina Lipno"}


def test_grant_giver_in_the_genitive_and_after_przez_is_the_funder():
    text = "Gmina Sępólno otrzymała dotację Ministerstwa Kultury na wymianę młodzieży."
    assert [f["name"] for f in actors(text)[0]] == ["Ministerstwo Kultury"]
    text = "Miasto Lubań uzyskało dotację przyznaną przez Komisję Europejską w ramach konkursu."
    assert [f["name"] for f in actors(text)[0]] == ["Komisja Europejska"]


# --- towns named bare as actors -----------------------------------------------------

def test_partner_town_after_partnerski():
    text = "W maju do partnerskiego Bad Hersfeld pojechali uczniowie. Wizyta w partnerskim Trenczynie trwała dwa dni."
    names = participant_names(text)
    assert "Trenczyn" in names


def test_list_of_foreign_partner_towns_with_country_adjectives():
    text = ("Odsłonięto tablicę upamiętniającą partnerstwo z włoskim Cortona (25 lat), "
            "fińskim Kuopio i czeskim Třebíčem.")
    names = participant_names(text)
    assert {"Cortona", "Kuopio"} <= names


def test_delegation_from_a_town_takes_part():
    text = "Do naszej gminy przyjechała delegacja z Kėdainiai na Litwie."
    assert participant_names(text) == {"Kėdainiai"}


def test_polish_town_from_delegation_in_nominative_merges_with_its_gmina():
    text = "Gmina Pruszcz gościła delegację z Kartuz. Umowę z Gminą Kartuzy podpisano w ratuszu."
    names = participant_names(text)
    assert "Kartuzy" in names or "Gmina Kartuzy" in names
    assert not {"Kartuzy", "Gmina Kartuzy"} <= names  # one body, not two


def test_visited_town_is_a_host_but_a_tour_list_is_not():
    assert participant_names("Burmistrz Ivo Novák w sierpniu odwiedził Żnin.") >= {"Żnin"}
    assert participant_names("W kolejnych dniach grupa odwiedzi Kartuzy, Żukowo i Gdańsk.") == set()


def test_country_or_person_after_a_trigger_is_no_town():
    assert participant_names("Rozwijamy współpracę z Niemcami.") == set()
    assert org_names("Podpisano umowę z Janem Kowalskim.") == []


# --- partner lists, foreign units, visits ----------------------------------------------

def test_partner_list_after_a_dash_and_a_foreign_county():
    text = ("Powiat podpisał listy intencyjne o nawiązaniu współpracy – z czeskim Powiatem Jesenik "
            "i irlandzkim hrabstwem Kerry.")
    assert participant_names(text) == {"Powiat Jesenik", "Hrabstwo Kerry"}


def test_region_after_w_is_no_part_of_a_county_name():
    assert org_names("Byliśmy w partnerskim powiecie Emsland w Dolnej Saksonii.") == ["Powiat Emsland"]


def test_county_of_plural_municipalities_is_no_actor():
    text = "Projekt zrealizowało Miasto Krosno wspólnie z gminami powiatu krośnieńskiego."
    assert participant_names(text) == {"Miasto Krosno"}


def test_county_visited_on_a_study_visit_hosts_but_a_county_as_location_does_not():
    assert participant_names("Uczestnicy wzięli udział w wizytach studyjnych w Powiecie Mieleckim.") \
        == {"Powiat Mielecki"}
    assert participant_names("Festyn odbył się w Powiecie Mieleckim.") == set()


def test_counties_that_start_relations_are_partners():
    text = "Powiat Wołowski i Powiat Trzebnicki, szukając nowych pomysłów, nawiązują relacje partnerskie."
    assert participant_names(text) == {"Powiat Wołowski", "Powiat Trzebnicki"}


def test_hromada_by_its_adjective_or_its_town_is_one_body():
    text = ("Do Gminy Zgierz przyjechała delegacja Buczańskiej hromady. Przedstawiciele hromady "
            "Bucza zwiedzili szkołę. Program wspiera ukraińskie hromady w reformie.")
    names = participant_names(text)
    assert len(names & {"Buczańska hromada", "Hromada Bucza"}) == 1
    assert not any(n.lower().startswith("ukraińsk") for n in names)


def test_towns_listed_after_taking_part_or_after_a_count_of_towns():
    text = "W projekcie uczestniczą także Vejle z Danii oraz Kolding."
    assert {"Vejle", "Kolding"} <= participant_names(text)
    text = "Granty otrzymało 12 miast, m.in. Sieradz, Kutno i Łowicz."
    assert {"Sieradz", "Kutno", "Łowicz"} <= participant_names(text)


def test_office_with_its_seat_merges_with_the_unit():
    text = ("Gmina Nowe Warpno podpisała umowę partnerską. Wizyta w Urzędzie Gminy w Nowym Warpnie "
            "trwała dzień.")
    names = participant_names(text)
    assert len(names) == 1 and names <= {"Gmina Nowe Warpno", "Urząd Gminy w Nowym Warpnie"}


def test_declined_forms_of_an_unknown_foreign_town_are_one_body():
    text = ("Delegacja gościła w partnerskim mieście Šiauliaiu. Umowę o współpracy z gminą Šiauliaia "
            "podpisano w ratuszu.")
    _, participants = actors(text)
    assert len([p for p in participants if p["kind"] == "organization"]) == 1


def test_bare_capitalised_head_names_the_one_body_named_before():
    text = ("W tym roku Fundacja Wspierania Wsi świętuje jubileusz. Z tej okazji Fundacja organizuje "
            "konkurs dla sołectw.")
    _, participants = actors(text)
    assert [(p["name"], p["role"]) for p in participants] == [("Fundacja Wspierania Wsi", "organizer")]
    # two foundations named before: "Fundacja" alone says not which
    text = ("Fundacja Wspierania Wsi i Fundacja Batorego świętują. Z tej okazji Fundacja organizuje konkurs.")
    assert participant_names(text) == set()


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

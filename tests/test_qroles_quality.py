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

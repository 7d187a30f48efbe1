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

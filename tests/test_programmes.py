"""Named funding programmes: where the money of an initiative comes from."""
from extract.facts import annotate
from extract.page import Page


def find_programmes(page):
    """The page's programmes as the whole pipeline gives them (extract/facts.py)."""
    return annotate(page).layers["programmes"]


def find_projects(page):
    return annotate(page).layers["projects"]


def names(text, **kw):
    return [p["name"] for p in find_programmes(Page(text=text, **kw))]


def test_quoted_programme_after_funding_cue():
    text = "Przedsięwzięcie jest finansowane w ramach programu „Wsparcie dla gmin 2020 r. - edycja wiosenna”."
    assert names(text) == ["Wsparcie dla gmin 2020 r. - edycja wiosenna"]


def test_programme_code_is_dropped_from_the_name():
    text = "Projekt dofinansowano z programu 7/POWER/2.18/2017 Lepsze usługi w gminach wiejskich, a jego wartość to 1 mln zł."
    assert names(text) == ["Lepsze usługi w gminach wiejskich"]


def test_operational_programme_in_any_case_is_nominative():
    text = ("Szkolenia współfinansowano ze środków Programu Operacyjnego Wiedza Edukacja Rozwój. "
            "Wcześniej gmina korzystała z Programu Operacyjnego Kapitał Ludzki.")
    assert names(text) == ["Program Operacyjny Wiedza Edukacja Rozwój", "Program Operacyjny Kapitał Ludzki"]


def test_regional_programme_keeps_its_region_and_period():
    text = "Zadanie dofinansowano z Regionalnego Programu Operacyjnego Województwa Lubelskiego na lata 2014-2020."
    assert names(text) == ["Regionalny Program Operacyjny Województwa Lubelskiego na lata 2014-2020"]


def test_named_international_programmes():
    text = ("Wizyta odbyła się w ramach programu Study Tours to Poland. "
            "Partnerzy skorzystali z programu Erasmus+. "
            "Kolejny wniosek złożono do Programu Współpracy Transgranicznej Polska-Białoruś-Ukraina.")
    assert names(text) == ["Study Tours to Poland", "Erasmus+",
                           "Program Współpracy Transgranicznej Polska-Białoruś-Ukraina"]


def test_eea_and_norway_grants_are_funders_not_programmes():
    text = ("Gmina otrzymała środki z Funduszy EOG oraz z Norweskiego Mechanizmu Finansowego "
            "2014-2021 w ramach programu „Kultura lokalna”.")
    assert names(text) == ["Kultura lokalna"]


def test_a_period_written_right_after_the_name_belongs_to_it():
    text = "Szkolenia sfinansowano ze środków Programu Operacyjnego Kapitał Ludzki 2007-2013."
    assert names(text) == ["Program Operacyjny Kapitał Ludzki 2007-2013"]


def test_european_funds_for_a_region():
    text = "Projekt otrzymał wsparcie z Funduszy Europejskich dla Pomorza 2021-2027."
    assert names(text) == ["Fundusze Europejskie dla Pomorza 2021-2027"]


def test_variants_are_merged():
    text = ("Projekt finansuje program „Polska Pomoc”. "
            "Dzięki programowi Polska Pomoc ministerstwo wspiera samorządy.")
    assert names(text) == ["Polska Pomoc"]


def test_programme_an_organisation_runs_is_listed_as_programme_and_project():
    text = "Wizyta była częścią programu „Liderzy Zmian”, który fundacja prowadzi od 2015 roku."
    assert names(text) == ["Liderzy Zmian"]
    assert [p["name"] for p in find_projects(Page(text=text))] == ["Liderzy Zmian"]


def test_money_channel_is_a_programme_only():
    text = "Projekt jest finansowany ze środków ministerstwa w ramach programu „Wspólne Sąsiedztwo”."
    assert names(text) == ["Wspólne Sąsiedztwo"]
    assert find_projects(Page(text=text)) == []


def test_grant_call_after_money_is_a_programme():
    text = "Projekt otrzymał dofinansowanie w ramach konkursu Razem dla Regionów 2022 w wysokości 90 tys. zł."
    assert names(text) == ["Razem dla Regionów 2022"]


def test_lowercase_and_generic_programmes_are_ignored():
    text = "Gmina przyjęła program rewitalizacji finansowany z budżetu. Program usuwania azbestu trwa."
    assert names(text) == []


def test_evidence_is_the_text_as_written():
    text = "Środki pochodzą z Programu Operacyjnego Polska Cyfrowa."
    [item] = find_programmes(Page(text=text))
    s, e = item["evidence"]
    assert text[s:e] == item["text"] == "Programu Operacyjnego Polska Cyfrowa"
    assert item["name"] == "Program Operacyjny Polska Cyfrowa"


def test_programming_period_written_after_a_known_name_belongs_to_it():
    text = "Na budowę świetlicy gmina otrzymała środki z Programu Rozwoju Obszarów Wiejskich na lata 2014-2020."
    assert names(text) == ["Program Rozwoju Obszarów Wiejskich na lata 2014-2020"]


def test_acronym_inside_a_programme_code_is_not_a_programme():
    text = "Projekt sfinansowano z programu 3/POKL/5.2.1/2010 Sprawne gminy."
    assert names(text) == ["Sprawne gminy"]


def test_the_pages_own_initiative_is_not_its_funding_programme():
    text = ("Szkoła Młodych Radnych to jeden z programów stowarzyszenia. "
            "Koszty pokrywa stowarzyszenie ze środków Programu „Szkoła Młodych Radnych”.")
    assert names(text) == []


def test_the_programmes_owner_may_stand_before_its_quoted_name():
    text = "Spotkania sfinansowano w ramach programu Fundacji Wspólna Ziemia „Lokalne Rozmowy” w 2023 roku."
    assert names(text) == ["Lokalne Rozmowy"]


def test_a_programme_people_take_part_in_is_a_course_not_a_funding_programme():
    text = "Związek zaprasza radnych do udziału w programie „Szkoła Radnego”, który potrwa rok."
    assert names(text) == []
    assert names("Wizyta jest elementem programu „Razem dla Regionów” fundacji.") == ["Razem dla Regionów"]


def test_a_programme_with_and_without_its_head_noun_is_one_item():
    text = ("Miasto uczestniczy w programie „Wspólne miasto”. Spotkanie zorganizowano "
            "w ramach Programu Wspólne Miasto.")
    assert len(names(text)) == 1

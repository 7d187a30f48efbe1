"""The dates and the publication date a user reads in the facts record, one test per kind
of expression of the date grammar (extract/data/dates.toml) and per kind of date line.

Every page here is written for the tests, in the style of municipal news: a short report
on cooperation between local governments, so the page is relevant and its dates listed.
"""
from __future__ import annotations

import pytest

from extract.facts import extract_facts
from extract.page import page_from_text

# the rest of a report: cooperation, a funder, a project, so the page is relevant
_REPORT = ("Delegacja samorządowców z partnerskiej Winnicy gościła w Urzędzie Miasta Kielce "
           "w ramach projektu „Partnerstwo dla rozwoju”, finansowanego ze środków Ministerstwa "
           "Spraw Zagranicznych. Goście poznali zasady planowania budżetu i rozmawiali "
           "o dalszej współpracy partnerskiej obu miast.")


def _record(sentence: str, *, url: str | None = None, head: str = "Współpraca z Winnicą") -> dict:
    record = extract_facts(page_from_text(f"{head}\n\n{sentence} {_REPORT}\n", url=url))
    assert record["relevant"], "the test page must be a relevant report"
    return record


def _dates(sentence: str, **kw) -> list[tuple[str, str]]:
    return [(d["start"], d["end"]) for d in _record(sentence, **kw)["dates"]]


# ------------------------------------------------------------------ ranges of days

@pytest.mark.parametrize("sentence, expected", [
    # two whole numeric dates joined by a dash, no spaces
    ("Wizyta studyjna trwała w dniach 01.02.2016-30.11.2016.", ("2016-02-01", "2016-11-30")),
    # the first end without its year
    ("Projekt realizowano w terminie 1.02–30.11.2016 w obu gminach.", ("2016-02-01", "2016-11-30")),
    # od ... do ... within one month
    ("Od 5 do 18 października 2019 r. trwały warsztaty dla urzędników.", ("2019-10-05", "2019-10-18")),
    # an ordinal ending after the first day
    ("Podczas wizyty, od 21-go do 23 października 2013, podpisano kartę współpracy.",
     ("2013-10-21", "2013-10-23")),
    # a dot after the last day
    ("W dniach 15-19. czerwca 2012 r. gościliśmy delegację z Kitzingen.", ("2012-06-15", "2012-06-19")),
])
def test_ranges_of_days_in_every_spelling(sentence, expected):
    assert _dates(sentence) == [expected]


def test_a_range_of_days_without_a_year_takes_the_year_of_the_publication():
    page = ("Wizyta partnerów z Winnicy\n\nOpublikowano: 22 października 2019\n\n"
            f"W dniach 5–18 października samorządowcy z Winnicy odbywali staże w urzędach. {_REPORT}\n")
    record = extract_facts(page_from_text(page))
    assert record["published"] == "2019-10-22"
    assert [(d["start"], d["end"]) for d in record["dates"]] == [("2019-10-05", "2019-10-18")]


# ------------------------------------------------------------------ months, seasons, parts of a year

@pytest.mark.parametrize("sentence, expected", [
    ("Szkolenia odbywały się w okresie maj-czerwiec 2021 w Kielcach.", [("2021-05", "2021-06")]),
    ("Od września do listopada 2021 roku trwał cykl szkoleń.", [("2021-09", "2021-11")]),
    # a range across the new year, each end with its year
    ("Staże trwały od grudnia 2019 do lutego 2020 r.", [("2019-12", "2020-02")]),
    ("Harmonogram: grudzień 2019 – luty 2020, spotkania co tydzień.", [("2019-12", "2020-02")]),
    # a list of month ranges shares the year written at its end
    ("Przewidziano 10 webinariów (maj-czerwiec, wrzesień-listopad 2021) dla radnych.",
     [("2021-05", "2021-06"), ("2021-09", "2021-11")]),
])
def test_month_ranges(sentence, expected):
    assert _dates(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # a season gives its year: the precision the text gives, in ISO
    ("Latem 2008 roku gościliśmy pierwszą delegację z Winnicy.", ("2008", "2008")),
    ("Jesienią 2019 r. podpisano umowę o współpracy.", ("2019", "2019")),
    ("Wymiana młodzieży odbędzie się w II kwartale 2020 r.", ("2020-04", "2020-06")),
    ("W drugim półroczu 2021 roku zaplanowano rewizytę.", ("2021-07", "2021-12")),
])
def test_seasons_give_their_year_quarters_and_halves_their_months(sentence, expected):
    assert _dates(sentence) == [expected]


def test_a_month_range_with_a_relative_year_resolves_against_the_publication():
    page = ("Szkolenia dla samorządowców\n\nData publikacji: 15.10.2003\n\n"
            f"W zajęciach trwających od lutego do września br. wzięło udział 300 osób. {_REPORT}\n")
    assert [(d["start"], d["end"]) for d in extract_facts(page_from_text(page))["dates"]] == [
        ("2003-02", "2003-09")]


def test_b_slash_roku_is_the_year_of_the_publication():
    page = ("Umowa partnerska z Kutaisi\n\nOpublikowano: 7 lipca 2009\n\n"
            f"W czerwcu b/roku miasta zrealizowały projekt wymiany doświadczeń. {_REPORT}\n")
    assert [(d["start"], d["end"]) for d in extract_facts(page_from_text(page))["dates"]] == [
        ("2009-06", "2009-06")]


def test_a_month_named_alone_takes_the_year_of_the_date_before_it():
    assert _dates("Wizyta studyjna odbędzie się 14 kwietnia 2014 r., a rewizyta we wrześniu.") == [
        ("2014-04-14", "2014-04-14"), ("2014-09", "2014-09")]


def test_a_month_named_alone_gets_no_year_from_history():
    # "od 1975 r." is when the partnerships began, not the year of "w maju"
    assert _dates("Miasto zawiera porozumienia od 1975 r., a kolejne podpisze w maju.") == []


# ------------------------------------------------------------------ years

def test_w_roku_names_the_year_of_the_report_but_a_bare_year_is_left_out():
    assert _dates("Pierwszy z nurtów w roku 2016 przyjął kształt projektu.") == [("2016", "2016")]
    assert _dates("Fundacja wspiera samorządy od 2000 roku.") == []


def test_year_ranges_of_activities_but_not_planning_periods():
    assert _dates("Projekt realizowano w latach 2016–2018 w trzech gminach.") == [("2016", "2018")]
    assert _dates("Szkolenia prowadzono w okresie 2019–2020 w Kielcach.") == [("2019", "2020")]
    assert _dates("Środki pochodzą z programu na lata 2014-2020.") == []


# ------------------------------------------------------------------ where the year comes from

def test_a_day_without_a_year_takes_the_year_it_is_written_with_elsewhere():
    sentence = ("Od 3 do 8 października przedstawiciele gminy przebywali we Francji. Umowę "
                "partnerską podpisano 9 maja 2011 roku. Delegacja wyruszyła 3 października 2013 r.")
    assert ("2013-10-03", "2013-10-08") in _dates(sentence)


def test_a_day_without_a_year_takes_the_one_year_a_name_on_the_page_carries():
    sentence = ("Program stażowy „Dobre zarządzanie 2024” dobiegł końca. Od 25 października "
                "do 17 listopada urzędniczka z Ukrainy poznawała pracę urzędu.")
    assert _dates(sentence) == [("2024-10-25", "2024-11-17")]


def test_a_day_without_a_year_takes_the_year_of_the_month_in_the_address():
    assert _dates("W piątek, 9 grudnia delegacja z Gori odwiedziła powiat.",
                  url="https://powiat.example.pl/2016/12/delegacja-z-gruzji/") == [
        ("2016-12-09", "2016-12-09")]


def test_a_relative_year_with_nothing_to_resolve_it_is_left_out():
    sentence = ("Kontakty z prowincją sięgają roku 1995. W 2005 roku podpisano protokół. "
                "Konsul odwiedziła nas w październiku ubiegłego roku.")
    assert _dates(sentence) == []


def test_the_first_day_of_a_range_restated_is_no_date_of_its_own_but_a_day_inside_is():
    sentence = ("W dniach 09.08.2021-13.08.2021 odbył się wyjazd studyjny na Litwę. W poniedziałek "
                "9 sierpnia 2021 roku grupa wyruszyła z Kielc, a 11 sierpnia podpisano porozumienie.")
    assert _dates(sentence) == [("2021-08-09", "2021-08-13"), ("2021-08-11", "2021-08-11")]


# ------------------------------------------------------------------ not activities

def test_deadlines_and_legal_acts_are_not_activity_dates():
    sentence = ("Ankiety o przyszłości programu można wypełniać do końca sierpnia 2024 roku. "
                "Podstawą jest ustawa z dnia 8 marca 1990 r. o samorządzie gminnym.")
    assert _dates(sentence) == []
    assert _dates("Do 31 stycznia 2021 r. gminy mogą zgłaszać udział w wymianie młodzieży. "
                  "Zgłoszenie należy wysłać wspólnie z partnerem do 31 stycznia 2021 roku.") == []


# ------------------------------------------------------------------ the publication date

def _published(page: str, url: str | None = None) -> str | None:
    return extract_facts(page_from_text(page, url=url))["published"]


@pytest.mark.parametrize("lines", [
    "Opublikowano: 14 marca 2019",
    "Opublikowano dnia 14.03.2019 r.",
    "dodano: 14/03/2019",
    "Dodano: czwartek, 14 marca 2019",
    "Data dodania: 14 marca 2019, 10:15",
    "Autor: Jan Nowak, 14.03.2019",
    "14 marca 2019 r.",
    "14 III 2019",
    "2019-03-14",
    "2019.03.14 10:22 , aktualizacja: 2019.03.15 08:00",
    "14.03.2019, 10:22  Jan Nowak/Redakcja",
    "10:22, 14.03.2019 JN Aktualizacja: 12:30, 15.03.2019",
    "14\nmar\n\n2019",
    "14 mar 2019",
    "Aktualności / 14.03.2019",
    "Wpis z dnia 14.03.2019",
    "Komunikat z dnia 14 marca 2019 r.",
    "Posted on 14 marca 2019",
])
def test_a_date_line_under_the_title_in_any_format_is_the_publication_date(lines):
    assert _published(f"Wizyta z Winnicy\n\n{lines}\n\n{_REPORT}\n") == "2019-03-14"


@pytest.mark.parametrize("tail", [
    "Wytworzył: Jan Nowak, dnia 12.03.2019\nOpublikował: Anna Kowalska, dnia 14.03.2019",
    "Dodany przez: Anna Kowalska, 14 marca 2019",
    # a BIP record: the creation date comes first, the publication date decides
    "Metryczka\nWytworzył: Jan Nowak\nData wytworzenia: 2019-03-12\nOpublikował: Anna Kowalska\n"
    "Data publikacji: 2019-03-14\nOstatnia modyfikacja: 2019-03-20",
    "Osoba, która wytworzyła informację: Jan Nowak 12-03-2019\n"
    "Osoba, która wprowadziła informację: Anna Kowalska 14-03-2019 09:15:22",
])
def test_who_published_lines_and_bip_records_give_the_publication_date(tail):
    assert _published(f"Wizyta z Winnicy\n\n{_REPORT}\n\n{tail}\n") == "2019-03-14"


def test_a_creation_date_is_used_when_nothing_else_dates_the_page():
    assert _published(f"Wizyta z Winnicy\n\n{_REPORT}\n\nData wytworzenia: 2019-03-12\n") == "2019-03-12"


@pytest.mark.parametrize("line", ["Kielce, dnia 14 marca 2019 r.", "Kielce, 14.03.2019 r."])
def test_the_first_dated_line_of_a_notice_is_its_publication_date(line):
    record = extract_facts(page_from_text(f"Ogłoszenie\n\n{line}\n\n{_REPORT}\n"))
    assert record["published"] == "2019-03-14"
    assert record["dates"] == []     # the notice's own date is no activity


def test_a_date_closing_the_article_is_its_date():
    assert _published(f"Wizyta z Winnicy\n\n{_REPORT}\n\n14 marca 2019 roku\n") == "2019-03-14"


def test_the_day_in_the_address_dates_a_page_whose_text_does_not():
    assert _published(f"Wizyta z Winnicy\n\n{_REPORT}\n",
                      url="https://gmina.example.pl/2019/03/14/wizyta-z-winnicy/") == "2019-03-14"
    assert _published(f"Wizyta z Winnicy\n\n{_REPORT}\n",
                      url="https://powiat.example.pl/aktualnosci/2019-03-14-wizyta-z-winnicy.html") == "2019-03-14"


def test_a_labelled_date_in_the_text_beats_the_address():
    assert _published(f"Wizyta z Winnicy\n\nOpublikowano: 15 marca 2019\n\n{_REPORT}\n",
                      url="https://gmina.example.pl/2019/03/14/wizyta/") == "2019-03-15"


def test_a_today_banner_is_no_publication_date():
    assert _published(f"Dziś jest czwartek, 7 grudnia 2026\nMenu\nWizyta z Winnicy\n\n{_REPORT}\n") is None

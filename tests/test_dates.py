"""Dates of activities and the publication date, on Polish sentences written for the tests."""
from __future__ import annotations

import pytest

from extract.dates import find_dates, find_published
from extract.page import Page


def _dates(text: str, published: str | None = None, zones=None, title=None) -> list[tuple]:
    page = Page(text=text, zones=zones, title=title)
    items = find_dates(page, published)
    for it in items:   # every item points at its words in the page text
        s, e = it["evidence"]
        assert page.text[s:e] == it["text"]
    return [(it["start"], it["end"]) for it in items]


def _texts(text: str, published: str | None = None) -> list[str]:
    return [it["text"] for it in find_dates(Page(text=text), published)]


# ------------------------------------------------------------------ month names, days

@pytest.mark.parametrize("sentence, expected", [
    ("Spotkanie odbyło się 12 stycznia 2021 r. w ratuszu.", ("2021-01-12", "2021-01-12")),
    ("Umowę podpisano 3 LUTEGO 2020 ROKU w Lublinie.", ("2020-02-03", "2020-02-03")),
    ("Wizyta studyjna miała miejsce 9 października 2018 roku.", ("2018-10-09", "2018-10-09")),
    ("Warsztaty zaplanowano na 21 września 2016.", ("2016-09-21", "2016-09-21")),
    ("Sesja rady odbyła się 5 lis. 2019 r. w sali obrad.", ("2019-11-05", "2019-11-05")),
    ("Forum sołtysów odbyło się 30 wrz. 2022 r.", ("2022-09-30", "2022-09-30")),
    ("Delegacja przyjechała 12 XI 2019 r. do Rzeszowa.", ("2019-11-12", "2019-11-12")),
    ("Konferencja: 7.IV.2017 w Opolu.", ("2017-04-07", "2017-04-07")),
])
def test_day_month_year_in_any_spelling(sentence, expected):
    assert _dates(sentence) == [expected]


def test_evidence_keeps_the_year_word_as_written():
    assert _texts("Forum odbyło się 14 czerwca 2019 r. w Gdańsku.") == ["14 czerwca 2019 r."]


@pytest.mark.parametrize("sentence, expected", [
    ("W dniach 23-27 maja 2022 r. gościmy urzędników z Gruzji.", ("2022-05-23", "2022-05-27")),
    ("Szkolenie trwało 4–5 lutego 2014 ROKU.", ("2014-02-04", "2014-02-05")),
    ("Zjazd odbędzie się 4 i 5 marca 2023 r. w Toruniu.", ("2023-03-04", "2023-03-05")),
    ("Od 10 do 12 czerwca 2015 roku trwały warsztaty.", ("2015-06-10", "2015-06-12")),
    ("Goście byli u nas od 30 września do 6 października 2019 r.", ("2019-09-30", "2019-10-06")),
    ("Obóz trwał od 28 grudnia 2019 do 3 stycznia 2020.", ("2019-12-28", "2020-01-03")),
    ("Obóz trwał 28 grudnia - 3 stycznia 2020 r.", ("2019-12-28", "2020-01-03")),
])
def test_day_ranges_within_and_across_months(sentence, expected):
    assert _dates(sentence) == [expected]


def test_two_separate_days_are_two_dates():
    assert _dates("Dyżury pełnimy 4 i 18 kwietnia 2024 r.") == [
        ("2024-04-04", "2024-04-04"), ("2024-04-18", "2024-04-18")]


# ------------------------------------------------------------------ numeric forms

@pytest.mark.parametrize("sentence, expected", [
    ("Spotkanie: 13.09.2017 w sali nr 5.", ("2017-09-13", "2017-09-13")),
    ("Spotkanie: 13-09-2017 w sali nr 5.", ("2017-09-13", "2017-09-13")),
    ("Spotkanie: 2017-09-13 w sali nr 5.", ("2017-09-13", "2017-09-13")),
    ("Spotkanie: 13/09/2017 w sali nr 5.", ("2017-09-13", "2017-09-13")),
    ("Spotkanie: 3.9.2017 r. w sali nr 5.", ("2017-09-03", "2017-09-03")),
    ("Misja gospodarcza 30.09–6.10.2019 w Kijowie.", ("2019-09-30", "2019-10-06")),
    ("Seminarium 23-27.05.2022 w Warszawie.", ("2022-05-23", "2022-05-27")),
    ("Nabór trwa od 01.03.2021 do 31.03.2021.", ("2021-03-01", "2021-03-31")),
])
def test_numeric_dates_and_ranges(sentence, expected):
    assert _dates(sentence) == [expected]


@pytest.mark.parametrize("sentence", [
    "Rozpoczęcie o godz. 11.00 w sali 12.",
    "Informacji udziela biuro, tel. 41 367 60 99 lub 22 514 12 11.",
    "Adres: ul. Długa 5, 25-303 Kielce.",
    "Projekt nr 2/POKL/5.2.1/2009 realizuje gmina.",
    "Pobierz wersję 2.1.3 programu lub 10.2.15.",
    "Kwota 13 000 zł i 5,2 mln zł, a udział 25%.",
    "Zgodnie z ustawą z dnia 8 marca 1990 r. o samorządzie gminnym rada uchwaliła statut.",
    "Urząd mieści się przy ul. 3 Maja 12, a filia przy al. 11 Listopada 4.",
])
def test_things_that_are_not_dates(sentence):
    assert _dates(sentence, published="2020-06-01") == []


# ------------------------------------------------------------------ months and years

@pytest.mark.parametrize("sentence, expected", [
    ("Wizyta rewizytowa odbyła się w listopadzie 2008 roku.", ("2008-11", "2008-11")),
    ("Listopad 2014", ("2014-11", "2014-11")),
    ("GRUDZIEŃ 2014 – konferencja końcowa", ("2014-12", "2014-12")),
    ("Nabór prowadzono od marca 2020 r.", ("2020-03", "2020-03")),
    ("Cykl spotkań: wrzesień–grudzień 2016.", ("2016-09", "2016-12")),
])
def test_month_precision(sentence, expected):
    assert _dates(sentence) == [expected]


def _year_dates(text: str) -> list[tuple]:
    return [(it["start"], it["end"]) for it in find_dates(Page(text=text), None, bare_years=True)]


@pytest.mark.parametrize("sentence, expected", [
    ("Partnerstwo trwa od 2003 roku.", ("2003", "2003")),
    ("W 2019 r. gmina przystąpiła do sieci.", ("2019", "2019")),
    ("Od roku 2015 gminy współpracują.", ("2015", "2015")),
])
def test_bare_years_on_request(sentence, expected):
    assert _year_dates(sentence) == [expected]
    assert _dates(sentence) == []     # left out by default: optional in gold, a risk to precision


def test_year_range_has_year_precision():
    assert _dates("Projekt realizowany był w latach 2016-2018.") == [("2016", "2018")]


@pytest.mark.parametrize("sentence", [
    "Dokument przyjęto na lata 2014-2020 w ramach polityki spójności.",
    "Laureaci konkursu Samorządowy Lider Zarządzania 2012 odebrali dyplomy.",
    "Program Operacyjny Kapitał Ludzki 2007-2013 wspiera gminy.",
])
def test_periods_and_names_with_years_are_not_dates(sentence):
    assert _dates(sentence) == []


def test_bare_year_dropped_when_a_precise_date_has_it():
    text = "W 2021 roku gmina nawiązała współpracę; 15 maja 2021 r. podpisano umowę."
    assert _year_dates(text) == [("2021-05-15", "2021-05-15")]
    assert _year_dates(text.replace("W 2021", "W 2020")) == [
        ("2020", "2020"), ("2021-05-15", "2021-05-15")]


# ------------------------------------------------------------------ relative and missing years

def test_relative_years_resolve_against_publication_date():
    text = ("Konferencja odbędzie się 4 grudnia br. w Senacie. Poprzednią zorganizowano "
            "w grudniu ub.r., a kolejna planowana jest w marcu przyszłego roku.")
    assert _dates(text, published="2012-11-18") == [
        ("2012-12-04", "2012-12-04"), ("2011-12", "2011-12"), ("2013-03", "2013-03")]


def test_relative_year_without_publication_date_takes_the_nearest_year_before():
    text = ("Pierwsze szkolenie odbyło się 2 lipca 2009 r. w Łucku. Wizyta rewizytowa "
            "planowana jest w październiku bieżącego roku.")
    assert _dates(text) == [("2009-07-02", "2009-07-02"), ("2009-10", "2009-10")]


def test_days_without_year_take_the_year_of_the_page():
    assert _dates("W dniach 4-5 lutego odbyła się konferencja.", published="2014-02-07") == [
        ("2014-02-04", "2014-02-05")]
    # no publication date: the year written in the title
    assert _dates("W dniach 4-5 lutego odbyła się konferencja.",
                  title="Konferencja otwierająca 2014") == [("2014-02-04", "2014-02-05")]


def test_relative_date_without_any_year_is_left_out():
    assert _dates("Spotkanie planowane jest w listopadzie br.") == []


def test_same_date_twice_is_one_item_with_both_evidences():
    text = "4-5 lutego 2014 ROKU\n\nW dniach 4-5 lutego odbyła się konferencja."
    items = find_dates(Page(text=text), None)
    assert [(it["start"], it["end"]) for it in items] == [("2014-02-04", "2014-02-05")]
    assert len(items[0]["evidences"]) == 2


# ------------------------------------------------------------------ metadata and noise

def test_publication_line_and_today_banner_are_not_activity_dates():
    text = ("Przejdź do treści Przejdź do menu\nwtorek, 7 maja 2024 06:15\nAktualności\n"
            "Opublikowano: piątek, 12 kwietnia 2024 09:30\n\n"
            "Gmina gościła 10 kwietnia 2024 r. delegację z Litwy.")
    assert _dates(text) == [("2024-04-10", "2024-04-10")]


def test_comment_timestamps_are_not_activity_dates():
    text = ("Wizyta partnerów odbyła się 3 czerwca 2023 r.\n"
            "Autor komentarza: Jan Data dodania komentarza: 05.06.2023, 07:52\n"
            "Autor komentarza: Ewa 06.06.2023, 11:00")
    assert _dates(text) == [("2023-06-03", "2023-06-03")]


def test_only_content_zones_are_read():
    body = "Gmina podpisała umowę partnerską 20 marca 2018 r."
    text = body + "\nZobacz też: Dożynki 2 września 2018 r."
    assert _dates(text, zones=[(0, len(body))]) == [("2018-03-20", "2018-03-20")]


# ------------------------------------------------------------------ publication date

@pytest.mark.parametrize("text, expected", [
    ("Kategoria: Aktualności\n\nOpublikowano: sobota, 17, marzec 2012 10:00\n\nTreść", "2012-03-17"),
    ("Tytuł\nData publikacji: 12.03.2023\nTreść o 5 maja 2020 r.", "2023-03-12"),
    ("Dodano: 2023-03-12\nTreść", "2023-03-12"),
    ("Dodano: 12.03.2023, 10:15\nTreść", "2023-03-12"),
    ("Tytuł\nData publikacji:\n12.03.2023\nTreść", "2023-03-12"),
    ("31.01.2019\nAktualności\n\nPartnerzy z Czech w gminie\n\nW dniu 29 stycznia 2019 r.", "2019-01-31"),
    ("Menu\n12 marca 2023 r.\nTytuł\nTreść", "2023-03-12"),
])
def test_find_published(text, expected):
    assert find_published(text) == expected


@pytest.mark.parametrize("text", [
    # the "today" banner next to the skip links
    "Przejdź do treściPrzejdź do menu\nponiedziałek, 6 maja 2024 05:02\nReklama\nTytuł\n"
    "Gmina gościła 3 czerwca 2021 r. partnerów.",
    # a comment date is not the page's date
    "Tytuł\nTreść o 5 maja 2020 r.\nData dodania komentarza: 05.05.2024, 07:52",
    # an event range at the top is not a publication date
    "Tytuł\nW dniach 4-5 lutego 2014 r.\n",
])
def test_find_published_ignores_banners_comments_and_ranges(text):
    assert find_published(text) is None


def test_lists_of_days_are_ranges_when_consecutive_else_single_days():
    assert _dates("Warsztaty: 6, 7 i 8 lipca 2022 r.") == [("2022-07-06", "2022-07-08")]
    assert _dates("Dyżury: 4, 11 i 18 maja 2022 r.") == [
        ("2022-05-04", "2022-05-04"), ("2022-05-11", "2022-05-11"), ("2022-05-18", "2022-05-18")]


def test_document_metadata_lines_are_not_activity_dates():
    text = ("Gmina przyjęła partnerów 9 marca 2023 r.\n"
            "Wytworzył: Jan Nowak (2023-03-14)\nZmodyfikowano 15.03.2023\n"
            "Aktualizacja strategii zakończyła się 5 maja 2023 r.")
    assert _dates(text) == [("2023-03-09", "2023-03-09"), ("2023-05-05", "2023-05-05")]


@pytest.mark.parametrize("sentence, expected", [
    ("Cykl zjazdów potrwa od marca do listopada 2021 roku.", ("2021-03", "2021-11")),
    ("Porozumienie obejmuje lata 2019–2023 i dotyczy kultury.", ("2019", "2023")),
    ("W dniach 16–20 IX 2019 r. goście odwiedzili gminy.", ("2019-09-16", "2019-09-20")),
])
def test_more_range_forms(sentence, expected):
    assert _dates(sentence) == [expected]


def test_plan_for_years_is_not_an_activity_date():
    assert _dates("Radni przyjęli plan działań na lata 2020–2030.") == []


def test_date_line_with_clock_and_byline_at_top_is_the_publication_date():
    text = "Goście z Ukrainy w Toruniu\n24.11.2022, 08:05 | Autor: Jan Nowak\nWczoraj, 23 listopada, ..."
    assert find_published(text) == "2022-11-24"
    assert _dates(text, published="2022-11-24") == [("2022-11-23", "2022-11-23")]


def test_day_without_year_takes_the_year_closest_to_publication():
    # reported in early January: last December; announced in November: next January
    assert _dates("Spotkanie opłatkowe odbyło się 28 grudnia.", published="2023-01-04") == [
        ("2022-12-28", "2022-12-28")]
    assert _dates("Forum odbędzie się 12 stycznia w Sejmie.", published="2022-11-14") == [
        ("2023-01-12", "2023-01-12")]


def test_between_days_is_a_range():
    assert _dates("Wizyta potrwa między 12 a 14 maja 2019 r.") == [("2019-05-12", "2019-05-14")]


def test_day_without_year_right_after_a_dated_one_shares_its_year():
    text = "Umowę podpisano 12 maja 2021 r. w Opolu, a 14 maja goście zwiedzili miasto."
    assert _dates(text, published="2022-03-01") == [
        ("2021-05-12", "2021-05-12"), ("2021-05-14", "2021-05-14")]


def test_numeric_day_without_year_needs_a_cue():
    assert _dates("W dniach 12-13.05 goście byli w Kielcach.", published="2022-03-01") == [
        ("2022-05-12", "2022-05-13")]
    assert _dates("Biuro czynne 7.30-15.30, przerwa 12.05-12.20.", published="2022-03-01") == []


def test_event_with_its_hour_is_still_an_activity_date():
    text = "Zapraszamy na debatę 15 marca 2022 r., godz. 10:00, a warsztaty 16.03.2022 godz. 9:30."
    assert _dates(text) == [("2022-03-15", "2022-03-15"), ("2022-03-16", "2022-03-16")]


def test_range_with_the_year_written_on_its_first_end():
    assert _dates("Od 30 września 2019 do 6 października trwały zajęcia.", published="2021-01-01") == [
        ("2019-09-30", "2019-10-06")]


def test_weekday_date_line_without_cue_is_a_banner_not_the_publication_date():
    text = "Serwis gminy\nśroda, 15 marca 2023\nAktualności\nWizyta partnerów w grudniu br."
    assert find_published(text) is None
    assert _dates(text) == []


def test_between_months_is_a_month_range():
    assert _dates("Między kwietniem a październikiem 2023 roku odbędzie się siedem wizyt.") == [
        ("2023-04", "2023-10")]


def test_banner_glued_to_a_menu_word_is_still_a_banner():
    text = "Menu BIPŚroda, 22.3.2023\n\nDelegacja z Ukrainy\nGoście przyjadą 19 października br."
    assert find_published(text) is None
    assert _dates(text, published="2022-10-10") == [("2022-10-19", "2022-10-19")]


@pytest.mark.parametrize("text", [
    "UCHWAŁA NR XV/92/08 RADY MIEJSKIEJ W DĘBNIE. z dnia 29 kwietnia 2008r. w sprawie partnerstwa",
    "Zarządzenie Nr 12/2019\nBurmistrza Miasta Kłodzka\nz dnia 4 lutego 2019 roku",
    "Uchwała wchodzi w życie z dniem 1 stycznia 2017 r.",
])
def test_dates_of_legal_acts_are_not_activity_dates(text):
    assert _dates(text) == []


def test_numeric_day_with_relative_year():
    assert _dates("Nabór ogłoszono 21.10 br. na stronie urzędu.", published="2015-11-02") == [
        ("2015-10-21", "2015-10-21")]


def test_comment_byline_dates_are_not_activity_dates():
    text = "Gmina gościła partnerów 3 czerwca 2017 r.\n\nKrystyna napisał(a) 06.06.2017:\nByłam tam w 2015."
    assert _dates(text) == [("2017-06-03", "2017-06-03")]


def test_day_then_until_day_shortly_after_is_one_visit():
    text = ("W poniedziałek 22 maja do Opola przyjechali urzędnicy z Kiszyniowa. Przez trzy dni, "
            "do 24 maja, poznają pracę urzędu.")
    assert _dates(text, published="2017-05-24") == [("2017-05-22", "2017-05-24")]
    # a deadline is no activity (ANNOTATION: "when the reported activities happen"), and
    # it does not join the date before it into a range
    deadline = "Nabór ogłoszono 12 maja 2017 r. Wnioski można składać do 30 czerwca 2017 r."
    assert _dates(deadline) == [("2017-05-12", "2017-05-12")]


@pytest.mark.parametrize("sentence, expected", [
    ("Zjazd odbędzie się od 15.06 do 16.06.2023 w Płocku.", ("2023-06-15", "2023-06-16")),
    ("Noc muzeów z 15/16 czerwca 2023 r. zgromadziła gości z Ukrainy.", ("2023-06-15", "2023-06-16")),
    ("Termin: 15-16.06.2023 r.", ("2023-06-15", "2023-06-16")),
])
def test_numeric_and_slash_day_ranges(sentence, expected):
    assert _dates(sentence) == [expected]


def test_bare_date_line_after_a_long_menu_is_still_the_publication_date():
    menu = "\n".join(f"Pozycja menu {i}" for i in range(30))
    text = (menu + "\n12.04.2021\nGoście z Litwy\n"
            "Delegacja z partnerskiej gminy przyjechała do nas w ubiegły czwartek, by poznać "
            "nasz system segregacji odpadów i odwiedzić szkoły; wizyta trwała trzy dni.\n"
            "Kolejne spotkanie\n15.05.2021\n")
    assert find_published(text) == "2021-04-12"
    assert _dates(text) == [("2021-05-15", "2021-05-15")]


_PAGE = """Przejdź do treści
wtorek, 14 listopada 2023 09:12
Strona główna | Aktualności | Kontakt
Opublikowano: 10.11.2023
Samorządowcy z Mołdawii w powiecie

W dniach 6-8 listopada br. gościliśmy przedstawicieli rejonu Orhei. Wizyta była częścią projektu realizowanego od marca do grudnia 2023 r., a partnerstwo obu samorządów trwa od 2011 roku.
Goście odwiedzili Starostwo Powiatowe przy ul. 3 Maja 9, a 8 listopada spotkali się z radnymi.
Następna wizyta planowana jest w kwietniu przyszłego roku.
Zobacz także
02.11.2023 Wszystkich Świętych – organizacja ruchu
Komentarze
Jan napisał(a) 11.11.2023:
Byłem na spotkaniu 7 listopada, świetne!
"""


def test_a_whole_page_gives_only_the_activity_dates():
    body_start = _PAGE.index("W dniach")
    body_end = _PAGE.index("Zobacz także")
    page = Page(text=_PAGE, zones=[(body_start, body_end)])
    published = find_published(_PAGE)
    assert published == "2023-11-10"
    items = find_dates(page, published)
    assert [(it["start"], it["end"]) for it in items] == [
        ("2023-11-06", "2023-11-08"), ("2023-03", "2023-12"),
        ("2023-11-08", "2023-11-08"), ("2024-04", "2024-04")]
    assert all(_PAGE[it["evidence"][0]:it["evidence"][1]] == it["text"] for it in items)


@pytest.mark.parametrize("written, expected", [
    ("w marcu r.b.", ("2019-03", "2019-03")),
    ("w marcu roku ubiegłego", ("2018-03", "2018-03")),
    ("12 marca ub. r.", ("2018-03-12", "2018-03-12")),
    ("w marcu zeszłego roku", ("2018-03", "2018-03")),
    ("w marcu przyszłego roku", ("2020-03", "2020-03")),
    ("W STYCZNIU BR.", ("2019-01", "2019-01")),
])
def test_relative_year_spellings(written, expected):
    assert _dates(f"Spotkanie odbyło się {written} w ratuszu.", published="2019-06-01") == [expected]


def test_unusual_dashes_join_ranges():
    assert _dates("Szkolenie 12\u201113 maja 2022 r. i 20\u221222.06.2022.") == [
        ("2022-05-12", "2022-05-13"), ("2022-06-20", "2022-06-22")]


def test_list_of_other_news_with_dates_gives_nothing():
    text = ("Gmina podpisała umowę z partnerami 3 marca 2023 r.\n"
            "12.03.2023 Sesja Rady Gminy\n10.03.2023 Ferie w bibliotece\n"
            "Dzień Kobiet w GOK\n08.03.2023\n")
    assert _dates(text) == [("2023-03-03", "2023-03-03")]
    # a programme of a visit, with dashes, is kept
    plan = "Program wizyty:\n12.03.2023 – warsztaty\n13.03.2023 – wizyta w urzędzie\n"
    assert _dates(plan) == [("2023-03-12", "2023-03-12"), ("2023-03-13", "2023-03-13")]


@pytest.mark.parametrize("text", [
    "Kielce\nwtorek, 13 stycznia, 2026\nPartnerzy z Ukrainy\nGoście przyjechali 12 stycznia 2026 r. do urzędu.",
    "Przyjechali do gminy partnerskiej\nJan K. czw., 14 stycznia 2026 11:46\nGoście przyjechali 12 stycznia 2026 r. do urzędu.",
])
def test_banners_and_bylines_with_clock_time_are_not_activities(text):
    assert _dates(text) == [("2026-01-12", "2026-01-12")]


def test_byline_date_is_the_page_date_not_an_activity():
    text = ("Goście z Gruzji\nAutor: Jan Nowak, 12.03.2023\n"
            "Delegacja z Kutaisi odwiedziła urząd 9 marca 2023 r. i spotkała się z radnymi.\n"
            "Fot. UM, 10.03.2023")
    assert find_published(text) == "2023-03-12"
    assert _dates(text) == [("2023-03-09", "2023-03-09")]


def test_malformed_publication_date_falls_back_to_the_text():
    text = "Umowę podpisano 2 lutego 2016 r., a rewizyta będzie w marcu br."
    assert _dates(text, published="2016-02") == [("2016-02-02", "2016-02-02"), ("2016-03", "2016-03")]


# ------------------------------------------------------------------ generalisation round 2

def test_relative_year_does_not_come_from_a_mojibake_today_banner():
    # the banner's weekday is double-encoded UTF-8 ("Åšroda" is "Środa")
    text = ("Mapa strony BIPÅšroda, 14.2.2024\n\nGoście z Litwy w starostwie\n"
            "Już w czwartek 9 listopada br. delegacja z Litwy odwiedzi starostwo.")
    assert find_published(text) is None
    assert _dates(text) == []


def test_a_later_bare_year_of_history_does_not_date_a_day_without_year():
    text = ("4 czerwca w ratuszu wręczono nagrody laureatom konkursu. Burmistrz przypomniał "
            "drogę miasta od pierwszej kadencji rady w 1990 r.")
    assert _dates(text) == []
    # a later date with its month still gives the year ("4 czerwca ... 20 czerwca 2019 r.")
    text2 = "4 czerwca goście przyjechali do gminy, a 20 czerwca 2019 r. podpisano umowę."
    assert ("2019-06-04", "2019-06-04") in _dates(text2)


def test_label_row_of_a_metadata_table_gives_the_publication_date():
    text = ("Partnerstwo z gminą w Czechach\nTreść artykułu o wizycie 3 lutego 2021 r.\n\n"
            "Metryczka\nData publikacji / aktualizacji | Osoba odpowiedzialna\n"
            "2021-02-05 10:12:44 Anna Kowalska\n")
    assert find_published(text) == "2021-02-05"
    assert _dates(text) == [("2021-02-03", "2021-02-03")]


def test_vague_data_label_row_is_not_a_publication_cue():
    text = "Data spotkania / miejsce\n2021-02-05 Urząd Gminy\nSpotkanie odbyło się zgodnie z planem."
    assert find_published(text) is None


def test_weekday_date_line_under_the_article_is_its_date_and_top_one_a_banner():
    text = ("Przejdź do treści\nPoniedziałek, 3 Marca 2025\nStrona główna\nAktualności\n"
            "Wizyta partnerów z Saksonii\n"
            "Delegacja z partnerskiego powiatu w Saksonii odwiedziła nas w ubiegłym tygodniu, "
            "rozmawiano o wymianie młodzieży i wspólnym projekcie.\n"
            "Czwartek, 15-11-2018 12:05:10\n"
            "Drukuj\n")
    assert find_published(text) == "2018-11-15"
    assert _dates(text) == []


def test_several_timestamp_lines_below_the_head_are_not_the_publication_date():
    text = ("Wizyta partnerów z Saksonii\n" + "Delegacja z partnerskiego powiatu odwiedziła "
            "nas i rozmawiano o wymianie młodzieży oraz o wspólnym projekcie na przyszły rok.\n"
            "wtorek, 13-11-2018 08:01\nKomentarz pierwszy\nśroda, 14-11-2018 09:15\nKomentarz drugi\n")
    assert find_published(text) is None


def test_weekday_date_line_right_above_the_title_is_the_publication_date():
    # next to the title and a day after the reported visit: the article's date
    text = ("Strona główna\nwtorek, 13 stycznia 2026\nPartnerzy z Ukrainy w urzędzie\n"
            "Goście z partnerskiego miasta przyjechali 12 stycznia 2026 r. do urzędu i rozmawiali "
            "z burmistrzem o wspólnych projektach kulturalnych na ten rok.\n")
    assert find_published(text) == "2026-01-13"
    # the same line years after the article's dates is the day the page was viewed
    late = text.replace("13 stycznia 2026", "20 maja 2029")
    assert find_published(late) is None


@pytest.mark.parametrize("meta, expected", [
    # a BIP record: the cue nearest the date labels it, not the person's label before it
    ("Informację opublikował: Anna Zięba Data opublikowania: 07.06.2022 09:40", "2022-06-07"),
    ("Wprowadził: Piotr Lis Data publikacji: 07.06.2022 Data modyfikacji: 09.06.2022", "2022-06-07"),
    ("Data zamieszczenia: 7 czerwca 2022", "2022-06-07"),
    ("Opublikowane: 07.06.2022", "2022-06-07"),
])
def test_publication_cues_inside_metadata_lines(meta, expected):
    text = ("Rewizyta w gminie partnerskiej\nWójt i radni byli w gminie partnerskiej "
            "4 czerwca 2022 r. i rozmawiali o wymianie szkół.\n" + meta + "\n")
    assert find_published(text) == expected


def test_date_in_brackets_under_the_title_is_the_publication_date():
    text = "Rewizyta w gminie partnerskiej\n(07.06.2022)\nWójt był tam 4 czerwca 2022 r."
    assert find_published(text) == "2022-06-07"


def test_publishing_verb_in_a_sentence_is_not_a_metadata_cue():
    text = "Gmina opublikowała 5 lutego 2021 r. wyniki, a spotkanie partnerów było 3 lutego 2021 r."
    assert find_published(text) is None


def test_weekday_before_a_numeric_day_makes_it_a_date():
    assert _dates("W sobotę 17.06. goście zwiedzili Zamość.", published="2023-07-10") == [
        ("2023-06-17", "2023-06-17")]
    assert _dates("We wtorek 13.06 odbyło się spotkanie.", published="2023-07-10") == [
        ("2023-06-13", "2023-06-13")]
    # without a day word the number stays a number
    assert _dates("Przerwa trwa 12.05-12.20, potem dalsze obrady.", published="2023-07-10") == []


def test_turn_of_two_months_is_a_month_range():
    assert _dates("Na przełomie lipca i sierpnia 2023 r. radni odwiedzili Wilno.") == [
        ("2023-07", "2023-08")]


def test_weekday_day_headers_of_a_programme_stay_activity_dates():
    text = ("Zaproszenie na Dni Partnerstwa\nGmina zaprasza mieszkańców i gości z miast "
            "partnerskich na wspólne obchody, które potrwają dwa dni i zakończą się wspólnym "
            "koncertem na rynku.\nProgram:\n"
            "Sobota, 12.08.2023\nkoncert zespołów z Czech i Słowacji\n"
            "Niedziela, 13.08.2023\nfestyn rodzinny\n")
    assert find_published(text) is None
    assert _dates(text) == [("2023-08-12", "2023-08-12"), ("2023-08-13", "2023-08-13")]


# ------------------------------------------------------------------ bylines seen on real sites

_ARTICLE = ("Wójt gminy podpisał w czwartek porozumienie o współpracy z partnerską gminą z Litwy, "
            "a obie strony zapowiedziały wspólne warsztaty dla młodzieży i wymianę nauczycieli.")


@pytest.mark.parametrize("date_line", ["12 marca 2019", "12 marca 2019 r."])
def test_month_name_date_line_above_the_title_is_the_publication_date(date_line):
    page = (f"Strona główna\nAktualności\nMenu serwisu, skróty i kontakt z urzędem gminy "
            f"Nowa Wieś, godziny otwarcia, numery telefonów, adresy e-mail wydziałów i jednostek "
            f"organizacyjnych: +48 12 345 67 89\n\n{date_line}\n\nPartnerstwo z Litwą\n\n{_ARTICLE}\n")
    assert find_published(page) == "2019-03-12"
    assert _dates(page) == []     # the publication line is no activity


def test_month_name_date_line_above_a_heading_inside_the_article_is_not_published():
    page = (f"Aktualności\n\nPartnerstwo z Litwą\n\n{_ARTICLE}\n\n12 marca 2019\n\n"
            f"Warsztaty w szkole\n\n{_ARTICLE}\n")
    assert find_published(page) is None


def test_pipe_separated_byline_with_numeric_date_is_the_publication_date():
    page = f"Partnerstwo z Litwą\n\nAnna Kowalska | Wydarzenia | 18-09-2019\n\n{_ARTICLE}\n"
    assert find_published(page) == "2019-09-18"
    assert _dates(page, "2019-09-18") == []


def test_pipes_inside_a_sentence_are_no_byline():
    page = f"Tytuł\n\n{_ARTICLE}\n\nW tabeli: gmina | powiat | termin spotkania 18-09-2019\n"
    assert find_published(page) is None


def test_iso_date_with_weekday_after_it_above_the_article_is_published_not_an_activity():
    page = f"Powiat\n\nWspółpraca z Litwą\n\n2003-06-27, Piątek\n{_ARTICLE}\n"
    assert find_published(page) == "2003-06-27"
    assert _dates(page, "2003-06-27") == []


def test_weekday_after_date_among_menus_far_from_the_article_is_a_banner():
    page = (f"Przejdź do treści\n2003-06-27, Piątek\nStart\nAktualności\nKontakt\n"
            f"Współpraca z Litwą\n{_ARTICLE}\n")
    assert find_published(page) is None


def test_today_banner_with_clock_among_skip_links_stays_a_banner():
    page = ("Przejdź do treści\nPrzejdź do menu\nŚroda, 22 marca 2023 10:15\nStart\nKontakt\n"
            f"Partnerstwo z Litwą\n\n{_ARTICLE}\n")
    assert find_published(page) is None


def test_day_and_month_with_a_cut_off_year_give_no_date():
    text = "Spotkanie partnerów odbyło się 6 września 2000 roku. Ważne daty to: 28 czerwca 20"
    assert _dates(text) == [("2000-09-06", "2000-09-06")]


def test_day_years_after_publication_is_a_site_banner_not_a_plan():
    text = ("Protest rolników od 20.03.2024r. na drogach krajowych.\n\n"
            "Gminy podpisały porozumienie 18 czerwca 2014 r. w ratuszu, a kolejne spotkanie "
            "zaplanowano na 10 stycznia 2015 r.")
    assert _dates(text, "2014-06-18") == [("2014-06-18", "2014-06-18"), ("2015-01-10", "2015-01-10")]

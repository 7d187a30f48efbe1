"""The head of a page: its title and publication date, written the way small CMSes print
them: a date under the headline with a weekday, with a view counter, or as a machine
timestamp glued to the title line; breadcrumbs between title and article; and the years
that such pages give only in passing ("zakończyliśmy 2018 rok")."""
from __future__ import annotations

from extract.dates import find_dates, find_published
from extract.facts import extract_facts
from extract.page import Page, page_from_text

ARTICLE = ("Delegacja z Bochni odwiedziła partnerską gminę w Słowacji i rozmawiała o wspólnym "
           "projekcie dla szkół. Spotkanie odbyło się w ratuszu.\n")


def test_weekday_date_right_under_the_headline_is_the_article_date():
    text = "Goście z Popradu w Bochni\n\nczwartek, 11 lipiec 2024\n\n" + ARTICLE
    assert find_published(text, title="Goście z Popradu w Bochni") == "2024-07-11"


def test_weekday_date_above_the_headline_stays_a_today_banner():
    text = "Przejdź do treści Menu główne\nczwartek, 11 lipca 2024 06:10\nReklama\n\n" \
           "Goście z Popradu w Bochni\n\n" + ARTICLE
    assert find_published(text, title="Goście z Popradu w Bochni") is None


def test_untitled_page_takes_a_weekday_line_under_its_first_headline_line():
    text = "Mikroprojekt gminy Lipnica i miasta Trstená dobiega końca\n\n" \
           "piątek, 9.6.2023 12:41 388\n\n" + ARTICLE
    assert find_published(text, title=None) == "2023-06-09"


def test_machine_timestamp_glued_to_the_title_line():
    text = "Radni z wizytą w Koszycach 2016-03-14 09:12:55\n\n" + ARTICLE
    assert find_published(text) == "2016-03-14"


def test_event_time_in_a_title_is_not_a_publication_date():
    text = "Zebranie wiejskie 2016-03-14 godz. 18:00\n\n" + ARTICLE
    assert find_published(text) is None


def test_the_record_uses_the_title_to_find_the_date():
    page = page_from_text("Goście z Popradu w Bochni\n\nczwartek, 11 lipiec 2024\n\n" + ARTICLE)
    assert extract_facts(page)["published"] == "2024-07-11"


def test_bracketed_day_and_month_take_the_publication_year():
    page = Page(text="Porządek wtorkowej (14.03.) sesji rady obejmował podpisanie porozumienia "
                     "o współpracy z powiatem z Litwy.")
    found = find_dates(page, "2023-03-16")
    assert [(d["start"], d["text"]) for d in found] == [("2023-03-14", "14.03.")]


def test_bracketed_numbers_that_are_not_a_day_and_month_are_ignored():
    page = Page(text="Punkt (12.45.) porządku obrad dotyczył budżetu.")
    assert find_dates(page, "2023-03-16") == []


def test_a_bulleted_category_line_is_not_taken_for_the_title():
    page = page_from_text("Ruszyły Dni Miast Partnerskich\n12 maja 2019\n- kategoria:\n"
                          "- Aktualności strona główna\n" + ARTICLE)
    assert page.title == "Ruszyły Dni Miast Partnerskich"


def test_a_year_named_as_such_gives_a_later_day_its_year():
    page = Page(text="Udany był dla nas 2019 rok. 14 listopada gościliśmy radnych z Trnawy.")
    assert [d["start"] for d in find_dates(page, None)] == ["2019-11-14"]


def test_deadlines_are_not_activity_dates():
    page = Page(text="Zgłoszenia do konkursu przyjmujemy do 15 marca. Wnioski można składać do dnia "
                     "20 marca br. Gala konkursu odbędzie się 14 kwietnia 2023 r. w Lublinie.")
    assert [d["start"] for d in find_dates(page, "2023-02-01")] == ["2023-04-14"]


def test_a_range_across_months_with_miedzy_and_a():
    page = Page(text="Między 28 września a 3 października 2019 r. goście zwiedzili trzy gminy.")
    assert [(d["start"], d["end"]) for d in find_dates(page, None)] == [("2019-09-28", "2019-10-03")]


def test_news_agency_dateline_opening_the_article():
    text = ("Miasta powiatowe dostaną wsparcie\n\nKraków, 12.04.2021 (PAP) – Rząd podpisał "
            "umowę o programie dla małych miast i zaprosił do niego samorządy z całego kraju.\n")
    assert find_published(text) == "2021-04-12"


def test_timestamp_with_seconds_after_a_category_and_weekday():
    text = "Festyn w Łukowie\n\nRegion Śr. 09.08.2023 10:05:12\n\n" + ARTICLE
    assert find_published(text) == "2023-08-09"


def test_bulleted_date_line_above_the_article():
    text = "• AKTUALNOŚCI\n\n• 5 marca 2013\n\n" + ARTICLE
    assert find_published(text) == "2013-03-05"


def test_numeric_date_opening_the_first_line_of_a_bip_notice():
    text = "02-03-2022 Informacja o wynikach naboru na stanowisko urzędnicze\n\n" + ARTICLE
    assert find_published(text) == "2022-03-02"


def test_activity_date_opening_a_first_sentence_is_not_the_publication_date():
    text = "12 maja 2022 r. delegacja z Bochni odwiedziła partnerską gminę w Słowacji.\n"
    assert find_published(text) is None


def test_month_day_year_with_a_category_after_it():
    text = ("Radni z Czech w Starostwie\n\nMarzec 21, 2018 - - AKTUALNOŚCI, 03. Marzec 2018\n"
            "Radni z Czech w Starostwie\n\n" + ARTICLE)
    assert find_published(text) == "2018-03-21"


def test_numeric_date_and_clock_opening_the_first_line():
    text = "03.06.2024 09:30 12 Redakcja / Gmina Lipno\n" + ARTICLE
    assert find_published(text) == "2024-06-03"


def test_source_name_and_date_under_the_title():
    text = "Sołtysi w Sejmie\n\nKurier Gminny 2018-05-02\n\n" + ARTICLE
    assert find_published(text) == "2018-05-02"


def test_bare_date_line_right_below_the_article():
    page = page_from_text("Dożynki w gminie Lipno\n\n" + ARTICLE + "\n\n21.08.2022\nTwój komentarz:\n")
    assert extract_facts(page)["published"] == "2022-08-21"


def test_publication_label_after_an_icon_in_an_article_info_block():
    # Joomla-style article info: an empty icon element stands before the label, so the
    # label is the icon's tail; the date line itself is not kept in the page text
    from extract.page import page_from_html

    html = ("<html><head><title>Warsztaty dla sołtysów - Powiat Lipowski</title></head><body>"
            "<div class='item-page'><div class='page-header'><h2 itemprop='headline'>Warsztaty dla "
            "sołtysów</h2></div><dl class='article-info'><dt>Szczegóły</dt><dd class='published'>"
            "<span class='icon-calendar'></span> Opublikowano: 5 marca 2024</dd><dd class='hits'>"
            "Odsłony: 77</dd></dl><div itemprop='articleBody'><p>Sołtysi z gminy Lipno spotkali się w "
            "starostwie na warsztatach o funduszu sołeckim, które poprowadził Wydział Rolnictwa.</p>"
            "<p>Kolejne spotkanie zaplanowano na jesień, tym razem w gminie Topola.</p></div></div>"
            "</body></html>")
    page = page_from_html(html.encode("utf-8"))
    assert page.published == "2024-03-05"
    assert "Odsłony" not in page.text

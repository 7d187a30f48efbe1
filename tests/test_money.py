"""Sums of money on Polish sentences written for the tests."""
from __future__ import annotations

import pytest

from extract.money import find_amounts, parse_number
from extract.page import Page


def _amounts(text: str, zones=None) -> list[tuple]:
    page = Page(text=text, zones=zones)
    items = find_amounts(page)
    for it in items:   # every item points at its words in the page text
        s, e = it["evidence"]
        assert page.text[s:e] == it["text"]
        assert (it["start"], it["end"]) == (s, e)
    return [(it["value"], it["currency"]) for it in items]


@pytest.mark.parametrize("sentence, expected", [
    ("Gmina otrzymała dofinansowanie w kwocie 84 250,50 zł na szkolenia.", (84250.5, "PLN")),
    ("Budżet projektu wynosi 57 mln EUR.", (57e6, "EUR")),
    ("Powiat pozyskał 1,2 mln zł z funduszy norweskich.", (1.2e6, "PLN")),
    ("Na wymianę młodzieży przeznaczono 250 tys. złotych.", (250e3, "PLN")),
    ("Koszt wizyty to ok. 5 000 euro.", (5000.0, "EUR")),
    ("Wkład partnera: 5.000 EUR.", (5000.0, "EUR")),
    ("Fundacja przekazała $3 mln na odbudowę szkół.", (3e6, "USD")),
    ("Rząd USA przeznaczył 3 mln dolarów na program.", (3e6, "USD")),
    ("Wnioskowana kwota 1 500 000 PLN obejmuje koszty podróży.", (1.5e6, "PLN")),
    ("Na rozwój kolei regionalnych trafi 2 mld zł.", (2e9, "PLN")),
    ("Wartość zamówienia to 100 000 zł brutto.", (100000.0, "PLN")),
    ("Miasto dołożyło 47 tys. zł wkładu własnego.", (47000.0, "PLN")),
    ("Partnerzy z Winnicy wnieśli 120 000 hrywien.", (120000.0, "UAH")),
    ("Opłata wynosi 350 CHF za osobę.", (350.0, "CHF")),
    ("Stypendium wynosi £2,500 miesięcznie.", (2500.0, "GBP")),
    ("Grant w wysokości EUR 200 000 przyznano gminie.", (200000.0, "EUR")),
    ("Dotacja: 2,5 miliona złotych.", (2.5e6, "PLN")),
    ("Na projekt przeznaczono 15 000 €.", (15000.0, "EUR")),
])
def test_amount_value_and_currency(sentence, expected):
    assert _amounts(sentence) == [expected]


def test_evidence_is_the_number_and_currency_as_written():
    page = Page(text="Dotacja wyniesie ok. 1,2 mln zł brutto.")
    assert [it["text"] for it in find_amounts(page)] == ["1,2 mln zł"]


@pytest.mark.parametrize("sentence", [
    "W 2019 roku w projekcie wzięło udział 15 urzędników.",
    "Kontakt: tel. 41 367 60 99, faks 41 367 65 00.",
    "Frekwencja wyniosła 56%, a gmina liczy 2 mln mieszkańców.",
    "Turniej EURO 2012 odbył się w czterech miastach.",
    "Europejski Fundusz Społeczny wspiera 120 gmin.",
])
def test_numbers_without_currency_are_not_money(sentence):
    assert _amounts(sentence) == []


def test_same_sum_twice_is_one_item():
    text = "Grant wynosi 40 000 zł. Całe 40 000 zł trafi do szkół, a 5 000 zł do bibliotek."
    assert _amounts(text) == [(40000.0, "PLN"), (5000.0, "PLN")]


def test_only_content_zones_are_read():
    body = "Projekt kosztował 90 000 zł."
    text = body + "\nReklama: kredyt do 200 000 zł bez BIK!"
    assert _amounts(text, zones=[(0, len(body))]) == [(90000.0, "PLN")]


@pytest.mark.parametrize("written, value", [
    ("100 102,00", 100102.0), ("1,2", 1.2), ("5.000", 5000.0), ("1.500.000", 1.5e6),
    ("1,500,000", 1.5e6), ("1.234.567,89", 1234567.89), ("2.5", 2.5), ("12\u00a0000", 12000.0),
    ("2,500", 2500.0),
])
def test_parse_number_reads_polish_and_english_separators(written, value):
    assert parse_number(written) == value


def test_separator_before_a_multiplier_is_decimal():
    assert parse_number("1,500", multiplied=True) == 1.5
    assert _amounts("Inwestycja za 1,500 mln zł.") == [(1.5e6, "PLN")]


def test_whole_zloty_dash_notation():
    assert _amounts("Wpisowe wynosi 150,- zł od osoby, a nagroda 10 000,-- PLN.") == [
        (150.0, "PLN"), (10000.0, "PLN")]


def test_stray_space_after_decimal_comma():
    assert _amounts("Kwota dofinansowania to 174 204, 58 zł, czyli 80% kosztów.") == [
        (174204.58, "PLN")]
    assert _amounts("Łączny koszt wyniósł 96.939zł.") == [(96939.0, "PLN")]


def test_list_of_small_sums_is_not_a_decimal():
    assert _amounts("Bilety kosztują 5, 10 zł lub 20 zł.") == [(10.0, "PLN"), (20.0, "PLN")]


def test_golden_things_are_not_money():
    assert _amounts("Sportowcy zdobyli 5 złotych medali, a para świętowała 50 lat złotych godów.") == []

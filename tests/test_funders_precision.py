"""Funders are who pays for the reported activity: not what a payer funded elsewhere, not
what could be paid, not a name cut off at the end of an excerpt."""
from __future__ import annotations

from extract.page import Page
from extract.roles import find_actors


def _funders(text: str) -> list[str]:
    return [f["name"] for f in find_actors(Page(text=text))[0]]


def test_bodies_listed_after_the_named_payer_and_a_colon_do_not_pay():
    text = ("Szkolenie dofinansowano ze środków Unii Europejskiej: Centrum Kultury w Lipnie "
            "i Ośrodek Sportu w Lipnie udostępniły sale.")
    assert _funders(text) == ["Unia Europejska"]


def test_a_colon_right_after_the_cue_still_names_the_payer():
    assert _funders("Projekt jest finansowany przez: Ministerstwo Spraw Zagranicznych.") == \
        ["Ministerstwo Spraw Zagranicznych"]


def test_what_could_be_paid_names_no_funder():
    assert _funders("Koszty kolejnych wizyt mogą być sfinansowane z Funduszu Współpracy "
                    "Dwustronnej.") == []


def test_a_payer_cut_off_at_the_end_of_an_excerpt_is_dropped():
    assert _funders("Wizyta otrzymała dofinansowanie z Fundacji Wsp") == []
    assert _funders("Wizyta otrzymała dofinansowanie z Fundacji Batorego.") == \
        ["Fundacja im. Stefana Batorego"]


def test_investments_shown_during_a_visit_name_no_funder_of_the_visit():
    assert _funders("W gminie Lipno goście zapoznali się z efektami inwestycji współfinansowanych "
                    "przez Unię Europejską, m.in. z nową szkołą.") == []
    assert _funders("Gospodarze zaprezentowali projekty, których realizacja została dofinansowana "
                    "ze środków Unii Europejskiej.") == []
    assert _funders("Wizyta studyjna była dofinansowana ze środków Unii Europejskiej.") == ["Unia Europejska"]


def test_who_provides_the_financial_support_is_a_funder_in_either_order():
    assert _funders("Wizyta odbywa się w ramach programu wymiany, a wsparcie finansowe zapewnia "
                    "jej Fundacja Batorego.") == ["Fundacja im. Stefana Batorego"]
    assert _funders("Fundacja Batorego zapewnia finansowanie szkoleń dla sołtysów.") == \
        ["Fundacja im. Stefana Batorego"]

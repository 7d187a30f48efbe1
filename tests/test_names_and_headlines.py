"""Two late rules on names: foreign persons with two first names, and headlines in capitals."""
from __future__ import annotations

from extract.page import Page
from extract.persons import find_persons
from extract.roles import find_actors


def _persons(text: str) -> list[str]:
    return [p.name for p in find_persons(text, 0, len(text))]


def test_two_foreign_first_names_with_the_same_ending_stay_in_the_name():
    assert _persons("Starosta wręczył landratowi Jürgenowi Helmutowi Kranz pamiątkowy album.") == \
        ["Jürgen Helmut Kranz"]
    assert _persons("Gościliśmy przewodniczącego rady Hansa Dietera Brandta w dniach 3-5 maja.") == \
        ["Hans Dieter Brandt"]


def test_a_town_before_a_name_is_not_a_second_first_name():
    assert _persons("starosta Sambora Jurij Nowak przyjechał.") == ["Jurij Nowak"]


def test_bodies_in_a_headline_in_capitals_are_not_read_as_names():
    text = ("UMOWA PARTNERSKA POMIĘDZY GMINĄ LIPNO W POWIECIE LIPNOWSKIM I GMINĄ RUCIANE W "
            "POWIECIE PISKIM.\nWójt Gminy Lipno podpisał umowę z Gminą Ruciane-Nida.")
    names = [p["name"] for p in find_actors(Page(text=text))[1]]
    assert not any(n.endswith(" W") or n.isupper() for n in names)
    assert "Gmina Lipno" in names  # named again in running text

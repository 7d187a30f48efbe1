"""Shared text helpers: sentence spans inside zones, and copies of cached results."""
from extract.text import copy_items, sentences


def test_sentences_stay_inside_zones_and_skip_abbreviations():
    text = "MENU Start Kontakt\nW dniach 3-4 maja 2023 r. gościliśmy wójtów z Litwy. Było ok. 30 osób.\nStopka"
    zone = (text.index("W dniach"), text.index("\nStopka"))
    spans = sentences(text, [zone])
    assert [text[s:e] for s, e in spans] == ["W dniach 3-4 maja 2023 r. gościliśmy wójtów z Litwy.",
                                             "Było ok. 30 osób."]
    assert sentences(text, []) == []  # no content zone: nothing to read


def test_copy_items_is_a_true_deep_copy():
    cached = {"name": "Gmina Poraj", "evidence": [1, 9], "aliases": ["UG Poraj"], "span": (1, 9)}
    items = [cached, cached]
    copied = copy_items(items)
    assert copied == items
    copied[0]["aliases"].append("Poraj")
    assert cached["aliases"] == ["UG Poraj"]  # the cache is not touched by a caller's edit
    assert copied[0] is copied[1]             # shared objects stay shared, like deepcopy

"""Shared text helpers: sentence spans inside zones."""
from extract.text import sentences


def test_sentences_stay_inside_zones_and_skip_abbreviations():
    text = "MENU Start Kontakt\nW dniach 3-4 maja 2023 r. gościliśmy wójtów z Litwy. Było ok. 30 osób.\nStopka"
    zone = (text.index("W dniach"), text.index("\nStopka"))
    spans = sentences(text, [zone])
    assert [text[s:e] for s, e in spans] == ["W dniach 3-4 maja 2023 r. gościliśmy wójtów z Litwy.",
                                             "Było ok. 30 osób."]
    assert sentences(text, []) == []  # no content zone: nothing to read

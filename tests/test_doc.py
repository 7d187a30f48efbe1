"""The annotated document and the pipeline over it (extract/doc.py, extract/facts.py)."""
import pytest

from extract import morph, places
from extract.doc import Doc
from extract.facts import PIPELINE, annotate, build_record
from extract.page import Page

TEXT = ("Delegacja z Winnicy odwiedziła Gminę Kozy w ramach projektu „Razem dla Regionu” "
        "finansowanego ze środków Programu Operacyjnego Wiedza Edukacja Rozwój.")


def test_every_layer_is_written_before_a_stage_reads_it():
    written = set()
    for stage, writes in PIPELINE:
        doc = Doc(Page(text=TEXT))
        for earlier, _w in PIPELINE[:PIPELINE.index((stage, writes))]:
            earlier(doc)
        stage(doc)
        assert set(writes) <= set(doc.layers), stage.__module__
        written |= set(writes)
    assert {"dates", "amounts", "funders", "participants", "programmes", "projects", "places"} <= written


def test_a_stage_run_out_of_order_names_the_missing_layer():
    doc = Doc(Page(text=TEXT))
    with pytest.raises(KeyError, match="funder_spans"):
        places.annotate(doc)


def test_the_record_is_built_from_the_layers_once_per_page():
    doc = annotate(Page(text=TEXT))
    record = build_record(doc)
    assert [p["name"] for p in record["projects"]] == ["Razem dla Regionu"]
    assert [p["name"] for p in record["programmes"]] == ["Program Operacyjny Wiedza Edukacja Rozwój"]
    assert ("Winnica", "UA") in [(p["name"], p["country"]) for p in record["places"]]
    for name in ("projects", "programmes", "places"):
        for item in record[name]:
            assert TEXT[item["start"]:item["end"]] == item["text"] and item["evidence"] == [item["start"], item["end"]]


def test_a_sentence_reads_its_words_from_its_zone():
    doc = Doc(Page(text=TEXT))
    zone = doc.words(0, len(TEXT))
    s, e = doc.sentences[0]
    assert doc.span_words(s, e) == [t for t in zone if s <= t[0] and t[1] <= e]


def test_letters_read_as_s_and_i_give_the_same_sums_and_dates():
    # "ſ" and "ı" match "s" and "i" case-insensitively: the words are looked up as such
    plain = "Dotacja wyniosła 5 tys. zł, a szkolenie odbyło się 12 listopada 2023 r."
    odd = plain.replace("tys.", "tyſ.").replace("listopada", "lıstopada")
    for text in (plain, odd):
        doc = annotate(Page(text=text, published="2023-11-20"))
        assert [(a["value"], a["currency"]) for a in doc.layers["amounts"]] == [(5000.0, "PLN")]
        assert [(d["start"], d["end"]) for d in doc.layers["dates"]] == [("2023-11-12", "2023-11-12")]


def test_a_words_readings_in_the_doc_are_those_morfeusz2_gives():
    text = "Menu | Kontakt\n\nUmowę z Gminą Kozy podpisała burmistrz Katarzyna Lis.\n\nPolub nas"
    start = text.index("Umowę")
    doc = Doc(Page(text=text, zones=[(start, text.index("\n\nPolub"))]))
    # only the content zone's words, in text order, with their offsets
    assert [t.text for t in doc.tokens] == ["Umowę", "z", "Gminą", "Kozy", "podpisała", "burmistrz",
                                            "Katarzyna", "Lis"]
    assert all(text[t.start:t.end] == t.text for t in doc.tokens)
    name = doc.token_at(text.index("atarzyna"))
    assert name.text == "Katarzyna" and doc.token_at(text.index("Menu")) is None
    assert name.readings == morph.analyse("Katarzyna")
    assert "katarzyna" in name.lemmas and "nom" in name.cases and "imię" in name.quals
    gmina = doc.token_at(text.index("Gminą"))
    assert gmina.lemmas == {"gmina"} and gmina.cases == {"inst"}
    assert any(a.numbers == ("sg",) and a.genders == ("f",) for a in gmina.readings)
    # a sentence's words are the Doc's tokens, the same objects
    s, e = doc.sentences[0]
    assert doc.span_words(s, e) == [t for t in doc.tokens if s <= t.start and t.end <= e]

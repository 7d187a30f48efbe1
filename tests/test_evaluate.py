"""The scoring method: matching rules on small hand-made records."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract import evaluate
from extract.evaluate import format_report, load_gold, load_predictions, match_field, normalise, score


def gold_page(**fields) -> dict:
    record = {"id": "p1", "relevant": True, "published": "2023-04-12"}
    record.update(fields)
    return record


def test_normalise_drops_case_quotes_dashes_and_trailing_punctuation():
    assert normalise(" „Samorząd  Lider” – Edycja 2021. ") == "samorząd lider - edycja 2021"
    assert normalise("Fundacja (FRDL);") == "fundacja frdl"


def test_inflected_prediction_within_similarity_matches():
    # one letter off in a long name is above 0.9 similarity
    tp, fps, fns = match_field("funders", [{"name": "Ministerstwo Spraw Zagranicznyh"}],
                               [{"name": "Ministerstwo Spraw Zagranicznych"}])
    assert (tp, fps, fns) == (1, [], [])


def test_locative_form_of_a_short_name_does_not_match():
    tp, fps, fns = match_field("places", [{"name": "Kielcach"}], [{"name": "Kielce"}])
    assert tp == 0 and len(fps) == 1 and len(fns) == 1


def test_alias_counts_as_the_same_item():
    gold = [{"name": "Organizacja Bezpieczeństwa i Współpracy w Europie", "aliases": ["OBWE", "OSCE"]}]
    assert match_field("funders", [{"name": "OSCE"}], gold)[0] == 1


def test_matching_is_one_to_one():
    gold = [{"name": "Gmina Nowa Dęba"}]
    tp, fps, fns = match_field("participants", [{"name": "Gmina Nowa Dęba"}, {"name": "gmina Nowa Dęba"}], gold)
    assert tp == 1 and len(fps) == 1 and fns == []


def test_greedy_matching_gives_the_exact_pair_first():
    gold = [{"name": "Urząd Miasta Kielce"}, {"name": "Urząd Miasta Kielce Wschód"}]
    preds = [{"name": "Urząd Miasta Kielce Wschód"}, {"name": "Urząd Miasta Kielce"}]
    assert match_field("participants", preds, gold)[0] == 2


def test_optional_item_earns_nothing_and_costs_nothing():
    gold = [{"name": "Warszawa"}, {"name": "Mazowsze", "optional": True}]
    found = match_field("places", [{"name": "Warszawa"}, {"name": "Mazowsze"}], gold)
    missed = match_field("places", [{"name": "Warszawa"}], gold)
    assert found == (1, [], []) and missed == (1, [], [])


def test_dates_match_on_the_pair_with_missing_end_filled():
    gold = [{"start": "2019-03-04", "end": "2019-03-04"}, {"start": "2019-05-06", "end": "2019-05-08"}]
    preds = [{"start": "2019-03-04"}, {"start": "2019-05-06", "end": "2019-05-07"}]
    tp, fps, fns = match_field("dates", preds, gold)
    assert tp == 1 and fps == [preds[1]] and fns == [gold[1]]


def test_amounts_need_same_currency_and_half_percent():
    gold = [{"value": 200000.0, "currency": "PLN"}]
    assert match_field("amounts", [{"value": 200900, "currency": "pln"}], gold)[0] == 1
    assert match_field("amounts", [{"value": 201100, "currency": "PLN"}], gold)[0] == 0
    assert match_field("amounts", [{"value": 200000, "currency": "EUR"}], gold)[0] == 0
    assert match_field("amounts", [{"value": "dużo", "currency": "PLN"}], gold)[0] == 0


def test_score_micro_averages_and_core_is_mean_of_four_fields():
    gold = {"p1": gold_page(funders=[{"name": "Fundusz Współpracy"}], dates=[{"start": "2023-04"}]),
            "p2": gold_page(id="p2", funders=[{"name": "Unia Europejska", "aliases": ["UE"]}])}
    preds = {"p1": {"relevant": True, "published": "2023-04-12", "funders": [{"name": "Fundusz Współpracy"}],
                    "dates": [{"start": "2023-04", "end": "2023-04"}]},
             "p2": {"relevant": True, "published": None, "funders": [{"name": "EFS"}]}}
    result = score(gold, preds)
    funders = result["fields"]["funders"]
    assert (funders["tp"], funders["fp"], funders["fn"]) == (1, 1, 1)
    assert funders["f1"] == 0.5
    # projects and participants are empty on both sides: perfect
    assert result["core_f1"] == round((1.0 + 1.0 + 0.5 + 1.0) / 4, 4)
    assert result["published_accuracy"] == 0.5
    assert result["relevant_accuracy"] == 1.0


def test_missing_prediction_counts_every_gold_item_as_missed():
    gold = {"p1": gold_page(participants=[{"name": "Związek Gmin Wiejskich RP"}])}
    result = score(gold, {})
    assert result["missing_predictions"] == ["p1"]
    assert result["fields"]["participants"]["fn"] == 1
    assert result["fields"]["participants"]["f1"] == 0.0
    assert result["relevant_accuracy"] == 0.0


def test_irrelevant_page_with_facts_loses_precision():
    gold = {"p1": gold_page(relevant=False)}
    result = score(gold, {"p1": {"relevant": True, "places": [{"name": "Radom"}]}})
    assert result["relevant_accuracy"] == 0.0
    assert result["fields"]["places"]["precision"] == 0.0


def test_loading_joins_gold_and_predictions_on_file_stem(tmp_path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "a.json").write_text(json.dumps(gold_page(id="strona_07", places=[{"name": "Lublin"}])),
                                     encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps({"path": "pages/strona_07.html", "relevant": True, "published": "2023-04-12",
                                "places": [{"name": "Lublin"}]}) + "\n\n", encoding="utf-8")
    result = score(load_gold(gold_dir), load_predictions(pred))
    assert result["missing_predictions"] == []
    assert result["fields"]["places"]["f1"] == 1.0


def test_bad_prediction_line_is_an_error_naming_the_line(tmp_path):
    pred = tmp_path / "pred.jsonl"
    pred.write_text('{"id": "a"}\n{oops\n', encoding="utf-8")
    with pytest.raises(evaluate.EvaluationError, match="pred.jsonl:2"):
        load_predictions(pred)


def test_report_has_the_shared_table_and_lists_errors_on_request():
    gold = {"p1": gold_page(places=[{"name": "Lublin"}])}
    result = score(gold, {"p1": {"relevant": True, "places": [{"name": "Lubartów"}]}})
    plain = format_report(result).splitlines()
    assert plain[0].split() == ["field", "P", "R", "F1", "tp", "fp", "fn"]
    assert [line.split()[0] for line in plain[1:8]] == list(evaluate.ALL_FIELDS)
    assert plain[-1] == "core F1 1.000 over 1 pages"  # places is not a core field
    detailed = format_report(result, show_errors=True)
    assert "FP p1 places" in detailed and "FN p1 places" in detailed


def test_main_prints_table_and_json(tmp_path, capsys):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "p1.json").write_text(json.dumps(gold_page()), encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps({"id": "p1", "relevant": True, "published": "2023-04-12"}) + "\n",
                    encoding="utf-8")
    assert evaluate.main(["--gold", str(gold_dir), "--pred", str(pred)]) == 0
    assert "published accuracy 1.0" in capsys.readouterr().out
    assert evaluate.main(["--gold", str(gold_dir), "--pred", str(pred), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["core_f1"] == 1.0
    assert evaluate.main(["--gold", str(tmp_path / "nope"), "--pred", str(pred)]) == 2


def test_a_page_the_facts_step_fails_on_is_reported_missing(tmp_path, monkeypatch, capsys):
    import extract.facts

    (tmp_path / "dobra.txt").write_text("Szkolenie dla sołtysów.", encoding="utf-8")
    (tmp_path / "zla.txt").write_text("x", encoding="utf-8")
    (tmp_path / "notatki.md").write_text("nie strona", encoding="utf-8")

    def fake_facts(path):
        if Path(path).stem == "zla":
            raise ValueError("zepsuta strona")
        return {"path": str(path), "relevant": True}

    monkeypatch.setattr(extract.facts, "facts_for_file", fake_facts)
    preds = evaluate.predict_pages(tmp_path)
    assert set(preds) == {"dobra"}
    assert "zla.txt: facts step failed: ValueError: zepsuta strona" in capsys.readouterr().err


def test_floors_are_scores_minus_margin_rounded_down():
    import tomllib

    gold = {"p1": gold_page(places=[{"name": "Lublin"}, {"name": "Chełm"}, {"name": "Zamość"}])}
    result = score(gold, {"p1": {"relevant": True, "places": [{"name": "Lublin"}, {"name": "Chełm"}]}})
    floors = tomllib.loads(evaluate.floors_toml(result))
    assert floors["f1"]["places"] == 0.79  # F1 0.8 - 0.01
    assert floors["f1"]["dates"] == 0.99
    assert floors["summary"]["published_accuracy"] == 0.0

"""Evaluation gate: the facts step on the project's own gold pages must not fall below
the floors pinned in tests/gold/floors.toml."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from extract import evaluate

GOLD = Path(__file__).parent / "gold"
FLOORS = tomllib.loads((GOLD / "floors.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def result() -> dict:
    gold = evaluate.load_gold(GOLD / "gold")
    preds = evaluate.predict_pages(GOLD / "pages")
    return evaluate.score(gold, preds)


def test_every_gold_page_has_a_page_file_and_every_page_a_gold_record():
    pages = {p.stem for p in evaluate.page_files(GOLD / "pages")}
    assert pages == set(evaluate.load_gold(GOLD / "gold")), "pages and gold records differ"


def test_floors_cover_every_field():
    assert set(FLOORS["f1"]) == set(evaluate.ALL_FIELDS)
    assert set(FLOORS["summary"]) == {"core_f1", "relevant_accuracy", "published_accuracy"}


def test_no_page_is_left_without_a_prediction(result):
    assert result["missing_predictions"] == []


@pytest.mark.parametrize("field", sorted(FLOORS["f1"]))
def test_field_f1_at_or_above_floor(result, field):
    floor, got = FLOORS["f1"][field], result["fields"][field]["f1"]
    assert got >= floor, f"{field} F1 {got:.4f} is below its floor {floor} (tests/gold/floors.toml)"


@pytest.mark.parametrize("name", sorted(FLOORS["summary"]))
def test_summary_score_at_or_above_floor(result, name):
    floor, got = FLOORS["summary"][name], result[name]
    assert got is not None and got >= floor, f"{name} {got} is below its floor {floor} (tests/gold/floors.toml)"


PROJECT_KINDS = {"project", "programme", "seminar", "conference", "training", "study_visit", "workshop",
                 "competition", "partnership", "other"}
ROLES = {"organizer", "partner", "participant", "host", "trainer", "other"}
ACTOR_KINDS = {"organization", "person", "group"}
ISO_DATE = r"\d{4}(-\d{2}(-\d{2})?)?"


def gold_problems(key: str, record: dict) -> list[str]:
    """Every way a gold record breaks the facts record contract (docs/evaluation.md)."""
    problems = []
    if record.get("id") != key:
        problems.append("id is not the file stem")
    if record.get("published") is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["published"]):
        problems.append(f"published {record['published']!r}")
    if not record.get("relevant", True) and any(record.get(f) for f in evaluate.ALL_FIELDS):
        problems.append("irrelevant page with facts")
    for item in record.get("projects", []):
        if item.get("kind") not in PROJECT_KINDS:
            problems.append(f"project kind {item.get('kind')!r}")
    for item in record.get("participants", []):
        if item.get("role") not in ROLES or item.get("kind") not in ACTOR_KINDS:
            problems.append(f"participant {item.get('name')!r} role/kind")
    for item in record.get("places", []):
        if not re.fullmatch(r"[A-Z]{2}", str(item.get("country"))):
            problems.append(f"place {item.get('name')!r} country")
    for item in record.get("dates", []):
        if not all(re.fullmatch(ISO_DATE, str(item.get(k, item.get("start")))) for k in ("start", "end")):
            problems.append(f"date {item}")
        elif str(item.get("end", item["start"])) < item["start"]:
            problems.append(f"date ends before it starts {item}")
    for item in record.get("amounts", []):
        if not isinstance(item.get("value"), (int, float)) or not re.fullmatch(r"[A-Z]{3}", str(item.get("currency"))):
            problems.append(f"amount {item}")
    for field in evaluate.NAMED_FIELDS:
        for item in record.get(field, []):
            if not item.get("name"):
                problems.append(f"{field} item without name")
    return problems


def test_gold_records_follow_the_contract():
    bad = {k: p for k, r in evaluate.load_gold(GOLD / "gold").items() if (p := gold_problems(k, r))}
    assert bad == {}


def test_gold_set_has_irrelevant_pages_and_both_formats():
    gold = evaluate.load_gold(GOLD / "gold")
    suffixes = [p.suffix for p in evaluate.page_files(GOLD / "pages")]
    assert sum(not r["relevant"] for r in gold.values()) >= 6
    assert suffixes.count(".html") >= 15 and suffixes.count(".txt") >= 15

"""Exports a spreadsheet cannot be attacked through, and a SQLite file that keeps the joins."""
from __future__ import annotations

import csv
import sqlite3

import pytest

import test_build as tb
from test_build import make_archive
from transform.build import build
from transform.export import ExportError, export, neutralise


@pytest.fixture
def dataset(tmp_path, monkeypatch):
    import extract.facts
    monkeypatch.setattr(extract.facts, "extract_facts", tb.fake_facts)
    arts = dict(tb.ARTICLES)
    # a page whose title is a spreadsheet formula
    arts["https://gmina.example.pl/aktualnosci/formula"] = (
        '=HYPERLINK("http://evil.example","kliknij")',
        "<p>W dniach 12-14 marca 2023 r. gościliśmy samorządowców w ramach projektu "
        "„-Samorząd bez granic”. Projekt wsparło Ministerstwo Spraw Zagranicznych.</p>"
        "<p>Spotkania odbyły się w urzędzie gminy i w miejscowej szkole podstawowej.</p>")
    out = tmp_path / "ds"
    build(make_archive(tmp_path, arts), out, progress=False)
    return out


def test_neutralise():
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("+48 600") == "'+48 600"
    assert neutralise("-Samorząd") == "'-Samorząd"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("Gmina") == "Gmina"
    assert neutralise(-5.0) == -5.0  # numbers stay numbers


def test_csv_cells_cannot_run_formulas(dataset, tmp_path):
    to = export(dataset, "csv", tmp_path / "csv")
    with open(to / "pages.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    titles = {r["title"] for r in rows}
    assert "'=HYPERLINK(\"http://evil.example\",\"kliknij\")" in titles
    for name in ("pages", "facts", "projects", "organizations"):
        with open(to / f"{name}.csv", encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                assert not any(c[:1] in ("=", "+", "-", "@") for c in row), row
    with open(to / "projects.csv", encoding="utf-8", newline="") as fh:
        names = {r["name"] for r in csv.DictReader(fh)}
    assert "'-Samorząd bez granic" in names


def test_sqlite_has_foreign_keys_indexes_and_fts(dataset, tmp_path):
    db = export(dataset, "sqlite", tmp_path / "ds.sqlite")
    con = sqlite3.connect(db)
    con.execute("PRAGMA foreign_keys = ON")
    assert con.execute("SELECT count(*) FROM pages").fetchone()[0] == 4
    fks = con.execute("PRAGMA foreign_key_list(facts)").fetchall()
    assert any(f[2] == "pages" for f in fks)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO facts (fact_id, page_id, field, text, start, \"end\") "
                    "VALUES ('x', 'pg_missing', 'dates', 't', 0, 1)")
    indexes = {r[1] for r in con.execute("PRAGMA index_list(facts)")}
    assert "ix_facts_page_id" in indexes
    # full-text search over page text, diacritics-insensitive
    hits = con.execute("SELECT page_id FROM pages_fts WHERE pages_fts MATCH 'samorzadowcow'").fetchall()
    assert len(hits) == 2
    joined = con.execute("SELECT o.name FROM roles r JOIN organizations o ON o.org_id = r.actor_id "
                         "WHERE r.role = 'funder'").fetchall()
    assert ("Ministerstwo Spraw Zagranicznych",) in joined


def test_bad_export_requests(dataset, tmp_path):
    with pytest.raises(ExportError, match="unknown export format"):
        export(dataset, "xlsx", tmp_path / "x")
    with pytest.raises(ExportError, match="no dataset"):
        export(tmp_path / "empty", "csv", tmp_path / "x")
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(ExportError, match="needs a folder"):
        export(dataset, "csv", tmp_path / "file.txt")

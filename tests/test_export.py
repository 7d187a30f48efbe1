"""Exports a spreadsheet cannot be attacked through, and a SQLite file that keeps the joins."""
from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

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
    # spreadsheets skip leading blanks and line breaks, and read full-width signs as ASCII
    for risky in (" =1+1", "  @SUM(A1)", "\n=1+1", "\r\n+1", "\u00a0=1", "\uff1dHYPERLINK(\"x\")",
                  " \uff0b48", "\uff0d1", "\uff20x", "\t=1", "\u3000=1"):
        assert neutralise(risky) == "'" + risky, repr(risky)
    assert neutralise(" Gmina = miasto") == " Gmina = miasto"


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


def test_existing_sqlite_file_is_refused_unless_forced(dataset, tmp_path):
    notes = tmp_path / "notatki.sqlite"
    notes.write_text("moje notatki")
    with pytest.raises(ExportError, match="already exists; use --force"):
        export(dataset, "sqlite", notes)
    assert notes.read_text() == "moje notatki"
    export(dataset, "sqlite", notes, force=True)
    assert sqlite3.connect(notes).execute("SELECT count(*) FROM pages").fetchone()[0] == 4


def test_anything_but_a_regular_file_is_refused_even_when_forced(dataset, tmp_path):
    import os
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = tmp_path / "link.sqlite"
    (tmp_path / "real.txt").write_text("cel")
    link.symlink_to(tmp_path / "real.txt")
    for target in (Path("/dev/null"), fifo, link):
        with pytest.raises(ExportError, match="not a regular file"):
            export(dataset, "sqlite", target, force=True)
    assert (tmp_path / "real.txt").read_text() == "cel" and link.is_symlink()


def test_csv_goes_only_into_a_new_or_empty_folder(dataset, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    export(dataset, "csv", empty)
    assert (empty / "pages.csv").exists()
    with pytest.raises(ExportError, match="not empty; use --force"):
        export(dataset, "csv", empty)
    export(dataset, "csv", empty, force=True)  # an earlier export may be replaced
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "pages.csv").write_text("moje")
    (mine / "budzet.xlsx").write_text("moje")
    with pytest.raises(ExportError, match="holds other files"):
        export(dataset, "csv", mine, force=True)
    assert (mine / "pages.csv").read_text() == "moje"


def test_cli_refuses_overwrite_in_one_line(dataset, tmp_path):
    import subprocess
    import sys
    target = tmp_path / "ds.sqlite"
    target.write_text("x")
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.run([sys.executable, "-m", "samorzad_cli", "export", "--data", str(dataset), "--format",
                           "sqlite", "--to", str(target)], capture_output=True, text=True, cwd=root, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"samorzad: error: {target} already exists; use --force to replace it"
    assert target.read_text() == "x"


def test_exports_honour_the_umask(dataset, tmp_path):
    import os
    old = os.umask(0o022)
    try:
        db = export(dataset, "sqlite", tmp_path / "ds.sqlite")
        folder = export(dataset, "csv", tmp_path / "csv")
    finally:
        os.umask(old)
    assert oct(db.stat().st_mode & 0o777) == "0o644"
    assert {oct(p.stat().st_mode & 0o777) for p in folder.iterdir()} == {"0o644"}


def test_a_failed_csv_export_leaves_nothing_half_written(dataset, tmp_path, monkeypatch):
    import transform.export as ex
    calls = []
    real = ex.neutralise

    def full_disk(value):
        calls.append(1)
        if len(calls) > 200:  # some tables written, then the disk is full
            raise OSError(28, "No space left on device")
        return real(value)
    monkeypatch.setattr(ex, "neutralise", full_disk)
    with pytest.raises(OSError, match="No space left"):
        export(dataset, "csv", tmp_path / "csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive", "ds"]  # no folder, no temp files
    earlier = tmp_path / "earlier"
    monkeypatch.setattr(ex, "neutralise", real)
    export(dataset, "csv", earlier)
    before = {p.name: p.read_bytes() for p in earlier.iterdir()}
    calls.clear()
    monkeypatch.setattr(ex, "neutralise", full_disk)
    with pytest.raises(OSError):
        export(dataset, "csv", earlier, force=True)
    assert {p.name: p.read_bytes() for p in earlier.iterdir()} == before  # the earlier export intact

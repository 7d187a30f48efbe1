"""The knowledge builder: the committed tables are what the seeds build, a rebuild is
byte-identical, bad seeds stop with one line, names inflect as Polish does."""
from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from extract import knowledge_build as kb
from extract import morph

TABLES = kb.KNOWLEDGE_DIR


def _same_dictionary() -> bool:
    with open(TABLES / "VERSIONS.toml", "rb") as f:
        return tomllib.load(f).get("sgjp") == morph.dictionary_id()


def test_a_fresh_build_gives_the_committed_tables(tmp_path, capsys):
    pytest.importorskip("babel", reason="building the countries table needs babel (pip install -e '.[knowledge]')")
    if not _same_dictionary():
        pytest.skip("the installed SGJP dictionary differs from the one the tables were built with")
    assert kb.main(["--out", str(tmp_path)]) == 0
    built = sorted(p.name for p in tmp_path.iterdir())
    assert built == sorted(p.name for p in TABLES.iterdir() if p.is_file())
    for name in built:
        assert (tmp_path / name).read_bytes() == (TABLES / name).read_bytes(), f"{name} is out of date: rebuild it"
    assert "funder_forms.tsv" in capsys.readouterr().out


def test_an_unknown_table_is_one_line_and_exit_2(capsys):
    assert kb.main(["powiaty"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown table 'powiaty'" in err


def test_a_programme_with_an_unknown_donor_stops_the_build(tmp_path, capsys):
    seeds = tmp_path / "seeds"
    shutil.copytree(TABLES / "seeds", seeds)
    with open(seeds / "funders.toml", "a", encoding="utf-8") as f:
        f.write('\n[[programme]]\nid = "x"\nname = "Program Testowy"\ndonors = ["nobody"]\nkind = "programme"\n')
    out = tmp_path / "out"
    out.mkdir()
    assert kb.main(["--seeds", str(seeds), "--out", str(out), "funders"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown funder id 'nobody'" in err
    assert not (out / "programmes.tsv").exists()


def test_a_missing_directory_is_one_line_and_exit_2(tmp_path, capsys):
    assert kb.main(["--out", str(tmp_path / "nope")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


@pytest.mark.parametrize("name, case, form", [
    ("Nowe Miasto nad Pilicą", "loc", "Nowym Mieście nad Pilicą"),
    ("województwo kujawsko-pomorskie", "gen", "województwa kujawsko-pomorskiego"),
    ("Bielsko-Biała", "loc", "Bielsku-Białej"),
    ("Góra Kalwaria", "inst", "Górą Kalwarią"),
    ("Stany Zjednoczone", "loc", "Stanach Zjednoczonych"),
    ("Bośnia i Hercegowina", "gen", "Bośni i Hercegowiny"),
    ("Europejski Fundusz Rozwoju Regionalnego", "gen", "Europejskiego Funduszu Rozwoju Regionalnego"),
    ("Polsko-Amerykańska Fundacja Wolności", "inst", "Polsko-Amerykańską Fundacją Wolności"),
    # a title after the head keeps its form: only the head and its adjective inflect
    ("Program Operacyjny Wiedza Edukacja Rozwój", "inst", "Programem Operacyjnym Wiedza Edukacja Rozwój"),
    ("Rządowy Fundusz Polski Ład", "gen", "Rządowego Funduszu Polski Ład"),
])
def test_names_inflect_as_polish_does(name, case, form):
    assert form in kb.phrase_forms(name)[case]


def test_acronyms_do_not_inflect():
    assert kb.all_forms("EFRR") == ["EFRR"]

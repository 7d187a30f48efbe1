"""The command line as a user meets it: help on every verb, docs, one-line errors."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from samorzad_cli import cli

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "samorzad_cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


@pytest.mark.parametrize("verb", sorted(cli.commands))
def test_every_verb_has_help_and_is_in_the_readme(verb):
    result = CliRunner().invoke(cli, [verb, "--help"])
    assert result.exit_code == 0, result.output
    summary = (cli.commands[verb].help or "").strip()
    assert len(summary) > 20, f"`samorzad {verb}` has no real help text"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"samorzad {verb}\b", readme), f"README does not document `samorzad {verb}`"


def test_facts_on_a_directory_prints_one_json_line_per_file(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text(
        "Urząd Gminy Nowa Wieś zaprasza na szkolenie dla sołtysów w dniu 12 marca 2024 r.\n", encoding="utf-8")
    (pages / "b.html").write_text(
        "<html><head><title>Wizyta</title></head><body><article><h1>Wizyta studyjna</h1>"
        "<p>W dniach 3-4 czerwca 2023 r. gościliśmy delegację z Winnicy, która poznawała pracę urzędu.</p>"
        "</article></body></html>", encoding="utf-8")
    (pages / "c.txt").write_text("Remont chodnika przy ul. Polnej potrwa do końca miesiąca.\n", encoding="utf-8")
    proc = run_cli("facts", str(pages))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 3
    records = [json.loads(line) for line in lines]
    assert [r["path"] for r in records] == [str(pages / n) for n in ("a.txt", "b.html", "c.txt")]
    for r in records:
        for field in ("projects", "dates", "funders", "programmes", "participants", "places", "amounts"):
            assert isinstance(r[field], list)
        assert isinstance(r["relevant"], bool)


def test_missing_input_is_one_line_and_exit_2(tmp_path):
    proc = run_cli("facts", str(tmp_path / "nope.txt"))
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0
    assert "Traceback" not in proc.stderr
    assert "nope.txt" in proc.stderr


def test_broken_sources_file_is_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[[source]]\nid = 'x'\nthis is not toml\n", encoding="utf-8")
    proc = run_cli("crawl", "--sources", str(bad), "--archive", str(tmp_path / "arch"))
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_sources_lists_the_bundled_file():
    proc = run_cli("sources")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert len(lines) >= 40
    assert any(line.startswith("ksap") for line in lines)


def test_sources_reports_every_problem_and_exits_2(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        "[[source]]\nid = 'a'\nname = 'A'\nkind = 'city'\nstart_urls = ['https://a.example.pl/']\n"
        "allow = ['^https://a\\.example\\.pl/(']\ncolour = 'red'\n\n"
        "[[source]]\nid = 'a'\nname = 'B'\nkind = 'city'\nstart_urls = ['https://b.example.pl/']\n"
        "allow = ['^https://b\\.example\\.pl/news/']\n", encoding="utf-8")
    proc = run_cli("sources", "--sources", str(bad))
    assert proc.returncode == 2
    err = proc.stderr.lower()
    assert "colour" in err            # unknown key
    assert "regex" in err or "pattern" in err  # the broken regex
    assert "duplicate" in err         # the repeated id
    assert "Traceback" not in proc.stderr


def test_run_log_json_prints_the_manifest(tmp_path):
    sources = tmp_path / "s.toml"
    # a source on a closed local port: the run completes, the fetch failure is counted
    sources.write_text("[[source]]\nid = 'closed'\nname = 'Closed'\nkind = 'city'\n"
                       "start_urls = ['http://127.0.0.1:9/aktualnosci']\nallow = ['^http://127\\.0\\.0\\.1:9/a/']\n",
                       encoding="utf-8")
    proc = run_cli("run", "--sources", str(sources), "--out", str(tmp_path / "ds"), "--log-json")
    assert proc.returncode == 0, proc.stderr
    manifest = json.loads(proc.stdout.strip().splitlines()[-1])
    assert manifest["status"] == "ok"
    assert manifest["sources"] == ["closed"]
    assert (tmp_path / "ds" / "runs.jsonl").exists()

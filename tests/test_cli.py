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


def test_facts_record_of_a_file_is_the_same_alone_or_after_others(tmp_path):
    # (a batch run tunes the process after its first file: the records must not notice)
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    first.write_text("<html><body><article><h1>Sesja rady</h1><p>Rada Gminy Nowa Wieś zebrała się "
                     "12 marca 2024 r. na sesji budżetowej.</p></article></body></html>", encoding="utf-8")
    second.write_text("<html><head><title>Partnerstwo</title></head><body><article><h1>Wizyta partnerów</h1>"
                      "<p>Gmina Kórnik i miasto Winnica podpisały 3 czerwca 2023 r. umowę o współpracy w "
                      "ramach projektu „Wspólne drogi”, dofinansowanego z programu Interreg.</p></article>"
                      "</body></html>", encoding="utf-8")
    both = run_cli("facts", str(first), str(second))
    alone = run_cli("facts", str(second))
    assert both.returncode == alone.returncode == 0, both.stderr + alone.stderr
    assert both.stdout.strip().splitlines()[1] == alone.stdout.strip()


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


def test_run_that_fetched_nothing_is_loud_with_the_manifest_in_json(tmp_path):
    sources = tmp_path / "s.toml"
    # a source on a closed local port: nothing can be fetched, not even robots.txt
    sources.write_text("[[source]]\nid = 'closed'\nname = 'Closed'\nkind = 'city'\n"
                       "start_urls = ['http://127.0.0.1:9/aktualnosci']\nallow = ['^http://127\\.0\\.0\\.1:9/a/']\n",
                       encoding="utf-8")
    proc = run_cli("run", "--sources", str(sources), "--out", str(tmp_path / "ds"), "--log-json")
    assert proc.returncode == 3, proc.stderr
    manifest = json.loads(proc.stdout.strip().splitlines()[-1])
    assert manifest["status"] == "unhealthy"
    assert manifest["problems"][0].startswith("fetched nothing")
    assert manifest["sources"] == ["closed"]
    assert proc.stderr.strip().startswith("samorzad: error: run unhealthy: fetched nothing")
    assert len(proc.stderr.strip().splitlines()) == 1
    assert (tmp_path / "ds" / "runs.jsonl").exists()
    quiet = run_cli("run", "--sources", str(sources), "--out", str(tmp_path / "ds"), "--quiet")
    assert quiet.returncode == 3 and quiet.stdout == ""
    assert len(quiet.stderr.strip().splitlines()) == 1, quiet.stderr


@pytest.mark.parametrize("args", [("export",), ("query",), ("run", "--max-pages", "0"), ("nosuchverb",),
                                  ("export", "--format", "xlsx", "--to", "x")])
def test_usage_errors_are_one_line_and_exit_2(args):
    proc = run_cli(*args)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("samorzad: error: ")
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr


def test_empty_query_is_one_line_and_exit_2(tmp_path):
    proc = run_cli("query", "", "--data", str(tmp_path))
    assert proc.returncode == 2
    assert proc.stderr.strip() == "samorzad: error: empty query: give one SQL statement, e.g. SELECT count(*) FROM pages"


def _polish_page() -> str:
    return ("Gmina Żółkiewka podpisała umowę o współpracy z gminą partnerską z Ukrainy. "
            "W spotkaniu w urzędzie wzięli udział sołtysi i radni, a wójt podziękował za wsparcie.\n")


def test_facts_decodes_legacy_text_files_like_html(tmp_path):
    for enc in ("cp1250", "iso-8859-2", "utf-8"):
        (tmp_path / f"{enc}.txt").write_bytes(_polish_page().encode(enc))
    proc = run_cli("facts", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(records) == 3
    for r in records:  # evidence offsets point into the same, correctly decoded text
        starts = [p["text"] for p in r["participants"] + r["places"]]
        assert all("\ufffd" not in t for t in starts)
    assert records[0]["participants"] == records[1]["participants"] == records[2]["participants"]


@pytest.mark.parametrize("content, message", [
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n", "a binary file (PDF), not a page"),
    (bytes(range(256)) * 4, "a binary file (control bytes), not a page"),
    (b"", "empty file"),
    (b"  \n\n ", "empty file"),
])
def test_facts_refuses_binary_and_empty_files_in_one_line(tmp_path, content, message):
    path = tmp_path / "strona.txt"
    path.write_bytes(content)
    proc = run_cli("facts", str(path))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.strip() == f"samorzad: error: {path}: {message}"


def test_facts_refuses_an_empty_directory(tmp_path):
    proc = run_cli("facts", str(tmp_path))
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"samorzad: error: no files in the directory {tmp_path}"


@pytest.mark.parametrize("exc, code, line", [
    (OSError(28, "No space left on device", "/srv/ds/x.csv"), 4,
     "samorzad: error: disk full (no space left on device): /srv/ds/x.csv"),
    (OSError("IOError: Write failed: No space left on device"), 4,
     "samorzad: error: disk full: IOError: Write failed: No space left on device"),
    (PermissionError(13, "Permission denied", "/srv/ds"), 2, "samorzad: error: permission denied: /srv/ds"),
    (FileNotFoundError(2, "No such file or directory", "/srv/nic"), 2,
     "samorzad: error: no such file or directory: /srv/nic"),
    (RuntimeError("boom\nline two"), 1,
     "samorzad: internal error: RuntimeError: boom (SAMORZAD_DEBUG=1 shows the traceback)"),
])
def test_system_failures_are_named_as_such(monkeypatch, tmp_path, exc, code, line):
    import transform.export

    def failing(*args, **kwargs):
        try:  # as deep in the library as a real one: wrapped in a library error
            raise exc
        except Exception as inner:
            if code == 1:
                raise
            raise transform.export.ExportError("export failed") from inner
    monkeypatch.setattr(transform.export, "export", failing)
    result = CliRunner().invoke(cli, ["export", "--format", "csv", "--to", str(tmp_path / "x")])
    assert result.exit_code == code
    assert result.stderr.strip() == line


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_disk_is_named_as_such(tmp_path):
    page = tmp_path / "strona.txt"
    page.write_text("Gmina Nowa Wieś podpisała umowę partnerską z miastem Winnica.\n", encoding="utf-8")
    with open("/dev/full", "w") as full:  # every write: ENOSPC, as on a full disk
        proc = subprocess.run([sys.executable, "-m", "samorzad_cli", "facts", str(page)], stdout=full,
                              stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 4
    assert proc.stderr.strip() == "samorzad: error: disk full (no space left on device)"

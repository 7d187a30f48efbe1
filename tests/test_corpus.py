"""The real-page corpus as a user drives it: `samorzad corpus fetch` and `samorzad corpus score`
on a tiny corpus written here (manifest + gold + cache), never on the real pages."""
from __future__ import annotations

import hashlib
import http.server
import json
import re
import socket
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from samorzad_cli import cli
from transform import corpus

VISIT = ("Wizyta studyjna w Gminie Nowa Wieś\n\n"
         "W dniach 12-14 czerwca 2023 r. Gmina Nowa Wieś gościła delegację samorządowców z Winnicy. "
         "Wizyta odbyła się w ramach projektu „Samorząd bliżej mieszkańca”, który jest finansowany "
         "ze środków Ministerstwa Spraw Zagranicznych.\n")
TRAINING = ("Szkolenie dla sołtysów\n\n"
            "Stowarzyszenie Gmin Pogranicza zorganizowało 3 marca 2022 r. szkolenie dla sołtysów "
            "z gmin członkowskich w Kamionce.\n")
ROADWORK = "Remont drogi gminnej w Zalesiu\n\nOd poniedziałku droga będzie zamknięta dla ruchu.\n"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _gold(pid: str, relevant: bool = True, **fields) -> dict:
    record = {"id": pid, "published": None, "relevant": relevant}
    for name in ("projects", "dates", "funders", "programmes", "participants", "places", "amounts"):
        record[name] = fields.get(name, [])
    return record


def _write_corpus(root: Path, cache: Path, pages: list[tuple[str, str, str, str, dict]]) -> None:
    """pages: (id, url, split, text to cache or "" for none, gold)."""
    (root / "gold").mkdir(parents=True)
    cache.mkdir(parents=True, exist_ok=True)
    lines = []
    for pid, url, split, text, gold in pages:
        lines.append(json.dumps({"id": pid, "url": url, "site": corpus.site_of(url), "fetched": "2026-12-07",
                                 "sha256": _sha(text or pid), "chars": len(text), "split": split}))
        (root / "gold" / f"{pid}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
        if text:
            (cache / f"{pid}.txt").write_text(text, encoding="utf-8")
    (root / "manifest.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def tiny(tmp_path):
    root, cache = tmp_path / "realpages", tmp_path / "cache"
    visit_gold = _gold("visit", projects=[{"name": "Samorząd bliżej mieszkańca", "kind": "study_visit"}],
                       dates=[{"start": "2023-06-12", "end": "2023-06-14"}],
                       funders=[{"name": "Ministerstwo Spraw Zagranicznych"}],
                       participants=[{"name": "Gmina Nowa Wieś", "role": "host", "kind": "organization"}],
                       places=[{"name": "Winnica", "country": "UA"}])
    _write_corpus(root, cache, [
        ("visit", "https://nowawies.example.pl/aktualnosci/1", "tune", VISIT, visit_gold),
        ("road", "https://zalesie.example.pl/a/2", "tune", ROADWORK, _gold("road", relevant=False)),
        ("training", "https://pogranicze.example.org/n/3", "blind", TRAINING,
         _gold("training", participants=[{"name": "Stowarzyszenie Gmin Pogranicza", "role": "organizer",
                                          "kind": "organization"}])),
        ("gone", "https://inna.example.pl/x", "tune", "", _gold("gone")),
    ])
    return root, cache


def test_score_prints_per_field_table_and_names_pages_missing_from_the_cache(tiny):
    root, cache = tiny
    result = CliRunner().invoke(cli, ["corpus", "score", "--root", str(root), "--cache", str(cache), "-q"])
    assert result.exit_code == 0, result.output
    assert "1 page(s) not in the cache: gone" in result.output
    assert "split all: 3 page(s) scored" in result.output
    for field in ("projects", "dates", "funders", "participants", "places"):
        assert field in result.output
    assert "core F1" in result.output


def test_score_of_one_split_scores_only_its_pages(tiny):
    root, cache = tiny
    result = CliRunner().invoke(cli, ["corpus", "score", "--root", str(root), "--cache", str(cache),
                                      "--split", "blind", "--json", "-q"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["split"] == "blind" and data["pages"] == 1 and data["missing"] == []
    assert set(data["fields"]) >= {"projects", "dates", "funders", "participants"}


def test_a_cached_text_that_changed_is_not_scored_against_the_old_gold(tiny):
    root, cache = tiny
    (cache / "visit.txt").write_text(VISIT + "Dopisek redakcji.\n", encoding="utf-8")
    data = corpus.score_corpus(root, cache, "tune")
    assert data["changed"] == ["visit"]
    assert "visit" not in data["errors"] and data["pages"] == 1  # only "road" is left


def test_score_with_a_broken_manifest_is_one_line_and_exit_2(tmp_path):
    root = tmp_path / "realpages"
    root.mkdir()
    (root / "manifest.jsonl").write_text('{"id": "a"}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["corpus", "score", "--root", str(root), "-q"])
    assert result.exit_code == 2
    assert "missing" in result.output and "Traceback" not in result.output


def test_one_site_on_both_sides_of_the_split_is_refused(tiny):
    root, _ = tiny
    manifest = root / "manifest.jsonl"
    entries = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines()]
    entries.append({**entries[0], "id": "visit2", "split": "blind"})
    manifest.write_text("\n".join(json.dumps(e) for e in entries) + "\n", encoding="utf-8")
    with pytest.raises(corpus.CorpusError, match="both sides"):
        corpus.load_manifest(root)


def test_add_page_splits_by_site_and_never_overwrites_an_annotation(tmp_path):
    root, cache = tmp_path / "realpages", tmp_path / "cache"
    gold = _gold("x", participants=[{"name": "Gmina Nowa Wieś", "role": "host", "kind": "organization"}])
    a = corpus.add_page("https://www.nowawies.example.pl/a/1", VISIT, gold, fetched="2026-12-07",
                        root=root, cache=cache)
    b = corpus.add_page("https://nowawies.example.pl/a/2", TRAINING, gold, fetched="2026-12-07",
                        root=root, cache=cache)
    assert a["site"] == b["site"] == "nowawies.example.pl" and a["split"] == b["split"]
    assert a["sha256"] == _sha(VISIT) and (cache / f"{a['id']}.txt").read_text(encoding="utf-8") == VISIT
    assert json.loads((root / "gold" / f"{a['id']}.json").read_text(encoding="utf-8"))["id"] == a["id"]
    with pytest.raises(corpus.CorpusError, match="already"):
        corpus.add_page("https://www.nowawies.example.pl/a/1", VISIT, gold, fetched="2026-12-07",
                        root=root, cache=cache)
    assert [e["id"] for e in corpus.load_manifest(root)] == sorted([a["id"], b["id"]])


def test_the_split_rule_puts_about_a_third_of_sites_in_the_blind_set():
    sides = [corpus.split_for_site(f"gmina{i}.example.pl") for i in range(1000)]
    assert 0.25 < sides.count("blind") / len(sides) < 0.35


ARTICLE = ("<html><head><title>Wizyta partnerów</title></head><body><nav>Menu Aktualności Kontakt</nav>"
           "<article><h1>Wizyta partnerów z Winnicy</h1><p>W dniach 12-14 czerwca 2023 r. Gmina Nowa Wieś "
           "gościła delegację samorządowców z Winnicy, którzy poznawali pracę urzędu i szkół.</p>"
           "<p>Wizyta odbyła się w ramach projektu finansowanego ze środków Ministerstwa Spraw "
           "Zagranicznych w programie Polska pomoc rozwojowa.</p></article></body></html>")


class _Site(http.server.BaseHTTPRequestHandler):
    pages: dict[str, tuple[int, str]] = {}

    def do_GET(self):  # noqa: N802 - the http.server name
        status, body = self.pages.get(self.path, (404, "brak"))
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8" if self.path != "/robots.txt" else "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Site.pages
    server.shutdown()
    server.server_close()


def test_fetch_caches_verified_texts_and_reports_changed_failed_and_disallowed(site, tmp_path):
    from extract.page import page_from_html

    base, pages = site
    pages.clear()
    pages.update({"/robots.txt": (200, "User-agent: *\nDisallow: /prywatne/\n"),
                  "/a/same": (200, ARTICLE),
                  "/a/edited": (200, ARTICLE.replace("szkół", "przedszkoli"))})
    text = page_from_html(ARTICLE.encode("utf-8"), url=base + "/a/same").text
    root, cache = tmp_path / "realpages", tmp_path / "cache"
    (root / "gold").mkdir(parents=True)
    rows = [("same", "/a/same", _sha(text)), ("edited", "/a/edited", _sha(text)),
            ("gone", "/a/gone", _sha("x")), ("private", "/prywatne/1", _sha("x"))]
    (root / "manifest.jsonl").write_text("".join(
        json.dumps({"id": pid, "url": base + path, "site": "127.0.0.1", "fetched": "2026-12-07",
                    "sha256": sha, "chars": 1, "split": "tune"}) + "\n" for pid, path, sha in rows),
        encoding="utf-8")

    result = CliRunner().invoke(cli, ["corpus", "fetch", "--root", str(root), "--cache", str(cache), "--delay", "0.5",
                                      "-q"])
    assert result.exit_code == 0, result.output
    assert (cache / "same.txt").read_text(encoding="utf-8") == text
    assert "changed edited" in result.output and (cache / "changed" / "edited.txt").is_file()
    assert not (cache / "edited.txt").exists()
    assert "failed  gone: HTTP Error 404" in result.output
    assert "failed  private: robots.txt disallows it" in result.output

    again = corpus.fetch_corpus(root, cache, min_delay=0)  # a verified text is not fetched twice
    assert again.cached == ["same"]


REPO_CORPUS = Path(__file__).resolve().parents[1] / "datasets" / "realpages"
ROLES = {"organizer", "partner", "participant", "host", "trainer", "other"}
KINDS = {"organization", "person", "group"}
ISO = re.compile(r"^\d{4}(-\d\d(-\d\d)?)?$")


def test_the_committed_corpus_is_split_by_site_and_every_page_has_a_valid_gold_record():
    """The repository's own corpus (manifest and gold only; the texts are not in git)."""
    entries = corpus.load_manifest(REPO_CORPUS)  # also refuses a site on both sides
    assert all(e["split"] == corpus.split_for_site(e["site"]) for e in entries)
    assert all(e["site"] == corpus.site_of(e["url"]) and e["id"] == corpus.page_id(e["url"]) for e in entries)
    golds = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (REPO_CORPUS / "gold").glob("*.json")}
    assert set(golds) == {e["id"] for e in entries}
    for pid, g in golds.items():
        assert g["id"] == pid
        if not g["relevant"]:
            assert not any(g[f] for f in ("projects", "dates", "funders", "programmes", "participants",
                                          "places", "amounts")), pid
        assert all(p["role"] in ROLES and p["kind"] in KINDS for p in g["participants"]), pid
        assert all(ISO.match(d["start"]) and ISO.match(d["end"]) for d in g["dates"]), pid
        assert all(re.fullmatch(r"[A-Z]{2}", p["country"]) for p in g["places"]), pid
        assert g["published"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", g["published"]), pid


def test_fetch_without_the_web_names_the_unreadable_robots_txt_and_exits_3(tmp_path):
    # a port nobody listens on: every robots.txt is unreachable, so nothing may be fetched
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    root, cache = tmp_path / "realpages", tmp_path / "cache"
    (root / "gold").mkdir(parents=True)
    (root / "manifest.jsonl").write_text(json.dumps(
        {"id": "one", "url": f"http://127.0.0.1:{port}/a/1", "site": "127.0.0.1", "fetched": "2026-12-07",
         "sha256": _sha("x"), "chars": 1, "split": "tune"}) + "\n", encoding="utf-8")

    result = CliRunner().invoke(cli, ["corpus", "fetch", "--root", str(root), "--cache", str(cache),
                                      "--timeout", "2", "-q"])
    assert result.exit_code == 3, result.output
    assert "failed  one: robots.txt could not be read (" in result.output
    assert "disallows" not in result.output
    assert not (cache / "one.txt").exists()

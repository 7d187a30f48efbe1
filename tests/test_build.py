"""Archive -> Parquet: tables readable, schemas exact, offsets true, writes atomic, re-runs identical."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from spiders.archive import WarcWriter
from transform import schema as S
from transform.build import build
from transform.ids import page_id

BOILER = """<html><head><meta charset="utf-8"><title>{title}</title></head><body>
<nav><ul><li><a href="/">Strona główna</a></li><li><a href="/aktualnosci">Aktualności</a></li>
<li><a href="/kontakt">Kontakt z urzędem gminy</a></li></ul></nav>
<article><h1>{title}</h1><p class="date">{date}</p>{body}</article>
<footer><p>Urząd Gminy Przykładowo, ul. Lipowa 1. Wszelkie prawa zastrzeżone.</p></footer>
</body></html>"""

ARTICLES = {
    "https://gmina.example.pl/aktualnosci/wizyta-studyjna": (
        "Wizyta studyjna samorządowców z Gruzji",
        "<p>W dniach 12-14 marca 2023 r. gościliśmy delegację samorządowców z Gruzji w ramach "
        "projektu „Lokalna demokracja w praktyce”. Projekt jest finansowany przez "
        "Ministerstwo Spraw Zagranicznych w ramach programu „Polska pomoc rozwojowa 2023”.</p>"
        "<p>Wartość projektu wynosi 250 000 zł. Goście odwiedzili także Kielce, gdzie rozmawiali "
        "o budżecie obywatelskim i współpracy z organizacjami pozarządowymi.</p>"),
    "https://gmina.example.pl/aktualnosci/seminarium": (
        "Seminarium o partnerstwie miast",
        "<p>Dnia 5 czerwca 2023 r. w ramach projektu „Lokalna demokracja w praktyce” odbyło się "
        "seminarium dla urzędników. Dofinansowanie z MSZ pozwoliło zaprosić ekspertów z Kijowa.</p>"
        "<p>Organizatorem spotkania był Związek Miast Polskich, a partnerem Fundacja Batorego. "
        "Uczestnicy omówili zasady partnerstwa miast i wymiany doświadczeń samorządowych.</p>"),
    "https://gmina.example.pl/aktualnosci/remont-drogi?utm_source=fb": (
        "Remont drogi gminnej zakończony",
        "<p>Zakończył się remont drogi gminnej w sołectwie Lipowo. Prace trwały trzy miesiące i "
        "kosztowały 1 200 000 zł. Mieszkańcy mogą już korzystać z nowej nawierzchni i chodnika.</p>"
        "<p>Dziękujemy wykonawcy oraz mieszkańcom za cierpliwość w czasie trwania robót drogowych.</p>"),
}
LISTING = "https://gmina.example.pl/aktualnosci"


def html(title: str, body: str, date: str = "2023-06-06") -> bytes:
    return BOILER.format(title=title, body=body, date=date).encode("utf-8")


def make_archive(root: Path, articles: dict | None = None, *, fetched_at="2023-06-07T10:00:00Z",
                 run_id="run1") -> Path:
    """A WARC archive of one source: a listing page and the given articles."""
    archive = root / "archive"
    with WarcWriter(archive, "gmina-przyk", run_id=run_id) as w:
        links = "".join(f'<a href="{u}">{t}</a>' for u, (t, _) in (articles or ARTICLES).items())
        w.write(LISTING, 200, [("Content-Type", "text/html; charset=utf-8")],
                html("Aktualności", f"<p>{links}</p>"), kind="listing", fetched_at=fetched_at)
        for url, (title, body) in (articles or ARTICLES).items():
            w.write(url, 200, [("Content-Type", "text/html; charset=utf-8")], html(title, body),
                    kind="article", fetched_at=fetched_at)
    return archive


_QUOTED = re.compile(r"„([^”]+)”")
_MONEY = re.compile(r"(\d{1,3}(?: \d{3})+) zł")
_DATE = re.compile(r"(\d{1,2})(?:-(\d{1,2}))? (marca|czerwca) (\d{4})")
_ORGS = {"Ministerstwo Spraw Zagranicznych": ("funders", None), "MSZ": ("funders", None),
         "Związek Miast Polskich": ("participants", "organizer"),
         "Fundacja Batorego": ("participants", "partner")}
_MONTHS = {"marca": 3, "czerwca": 6}


def fake_facts(page, options=None) -> dict:
    """A small rule extractor standing in for extract.facts: items with real offsets."""
    t = page.text
    rec = {"path": page.path, "url": page.url, "title": page.title, "published": "2023-06-06",
           "relevant": "remont" not in t.lower(), "relevance": 0.9}
    rec["projects"] = [{"name": m.group(1), "text": m.group(1), "kind": "project",
                        "start": m.start(1), "end": m.end(1), "evidence": [m.start(1), m.end(1)],
                        "rule": "quoted"} for m in _QUOTED.finditer(t) if "program" not in
                       t[max(0, m.start() - 12):m.start()]]
    rec["programmes"] = [{"name": m.group(1), "text": m.group(1), "evidence": [m.start(1), m.end(1)],
                          "rule": "quoted-programme"} for m in _QUOTED.finditer(t) if "program"
                         in t[max(0, m.start() - 12):m.start()]]
    rec["amounts"] = [{"value": float(m.group(1).replace(" ", "")), "currency": "PLN",
                       "text": m.group(0), "evidence": [m.start(), m.end()], "rule": "zl"}
                      for m in _MONEY.finditer(t)]
    rec["dates"] = []
    for m in _DATE.finditer(t):
        d1, d2, mon, y = m.groups()
        start = f"{y}-{_MONTHS[mon]:02d}-{int(d1):02d}"
        end = f"{y}-{_MONTHS[mon]:02d}-{int(d2 or d1):02d}"
        rec["dates"].append({"start": start, "end": end, "text": m.group(0),
                             "evidence": [m.start(), m.end()], "rule": "day-month-year"})
    rec["funders"], rec["participants"] = [], []
    for name, (fld, role) in _ORGS.items():
        for m in re.finditer(re.escape(name), t):
            item = {"name": name, "text": name, "start": m.start(), "end": m.end(),
                    "evidence": [m.start(), m.end()], "rule": "known-org"}
            if role:
                item.update(role=role, kind="organization")
            rec[fld].append(item)
    rec["places"] = [{"name": "Kielce", "text": "Kielce", "country": "PL",
                      "evidence": [m.start(), m.end()], "rule": "gazetteer"}
                     for m in re.finditer("Kielce", t)]
    if not rec["relevant"]:
        for f in S.FACT_FIELDS:
            rec[f] = []
    return rec


@pytest.fixture
def fake_extractor(monkeypatch):
    import extract.facts
    monkeypatch.setattr(extract.facts, "extract_facts", fake_facts)


def read(out: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(out / "current" / f"{name}.parquet")


def test_tables_readable_with_exact_schema(tmp_path, fake_extractor):
    archive = make_archive(tmp_path)
    out = tmp_path / "ds"
    res = build(archive, out, progress=False)
    for name, spec in S.TABLES.items():
        got = pq.read_schema(out / "current" / spec.file)
        assert got.names == S.arrow_schema(name).names
        assert all(g.type.equals(w.type) for g, w in zip(got, S.arrow_schema(name)))
    pages = read(out, "pages")
    assert res.rows["pages"] == len(pages) == 3
    assert str(pages["published"].dtype).startswith(("object", "date")) or True
    assert pages["fetched_at"].dt.tz is not None
    assert (out / "current" / "README.md").exists() and (out / "current" / "datapackage.json").exists()


def test_every_article_once_and_no_listing(tmp_path, fake_extractor):
    out = tmp_path / "ds"
    build(make_archive(tmp_path), out, progress=False)
    pages = read(out, "pages")
    assert sorted(pages["page_id"]) == sorted(page_id(u) for u in ARTICLES)
    assert LISTING not in set(pages["url"])
    assert pages["page_id"].is_unique
    text = "\n".join(pages["text"])
    assert "Wszelkie prawa zastrzeżone" not in text  # footer boilerplate stays out
    assert "samorządowców z Gruzji" in text  # Polish letters intact


def test_fact_offsets_point_into_page_text(tmp_path, fake_extractor):
    out = tmp_path / "ds"
    build(make_archive(tmp_path), out, progress=False)
    pages = read(out, "pages").set_index("page_id")
    facts = read(out, "facts")
    assert len(facts) > 5 and set(facts["field"]) >= {"projects", "dates", "funders", "amounts"}
    for f in facts.itertuples():
        assert pages.loc[f.page_id, "text"][f.start:f.end] == f.text
    dates = facts[facts["field"] == "dates"]
    assert set(dates["date_start"]) == {"2023-03-12", "2023-06-05"}


def test_latest_fetch_of_a_url_wins(tmp_path, fake_extractor):
    url = next(iter(ARTICLES))
    title, body = ARTICLES[url]
    make_archive(tmp_path, {url: (title, body)}, fetched_at="2023-06-01T08:00:00Z", run_id="a")
    changed = body.replace("250 000 zł", "300 000 zł")
    make_archive(tmp_path, {url: (title, changed)}, fetched_at="2023-06-09T08:00:00Z", run_id="b")
    out = tmp_path / "ds"
    build(tmp_path / "archive", out, progress=False)
    pages = read(out, "pages")
    assert len(pages) == 1 and "300 000 zł" in pages["text"][0]
    assert pages["first_seen"][0] < pages["last_seen"][0] == pages["fetched_at"][0]
    amounts = read(out, "facts").query("field == 'amounts'")
    assert list(amounts["value"]) == [300000.0]


def test_rerun_gives_byte_identical_tables(tmp_path, fake_extractor):
    archive = make_archive(tmp_path)
    a, b = tmp_path / "a", tmp_path / "b"
    build(archive, a, progress=False)
    build(archive, b, progress=False, work_dir=tmp_path / "w2")
    build(archive, a, progress=False)  # again over itself, from the cache
    for spec in S.TABLES.values():
        assert (a / "current" / spec.file).read_bytes() == (b / "current" / spec.file).read_bytes(), spec.name
    assert (a / "current" / "datapackage.json").read_bytes() == (b / "current" / "datapackage.json").read_bytes()


def test_crash_mid_write_leaves_old_table_intact(tmp_path, fake_extractor, monkeypatch):
    archive = make_archive(tmp_path)
    out = tmp_path / "ds"
    build(archive, out, progress=False)
    before = {p.name: p.read_bytes() for p in (out / "current").glob("*.parquet")}
    import transform.io

    def boom(self, table, row_group_size=None):
        raise OSError("disk full")
    monkeypatch.setattr(transform.io.pq.ParquetWriter, "write_table", boom)
    with pytest.raises(OSError, match="disk full"):
        build(archive, out, progress=False, full=True)
    monkeypatch.undo()
    after = {p.name: p.read_bytes() for p in (out / "current").glob("*.parquet")}
    assert after == before
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp") or ".staging" in str(p)]
    assert len(pd.read_parquet(out / "current" / "pages.parquet")) == 3


def test_write_table_atomic_replaces_whole_file(tmp_path):
    import pyarrow as pa
    from transform.io import write_table_atomic
    schema = pa.schema([pa.field("x", pa.int32(), nullable=False)])
    path = tmp_path / "t.parquet"
    write_table_atomic(pa.table({"x": [1, 2]}), path, schema)
    write_table_atomic(pa.table({"x": [3]}), path, schema)
    assert pd.read_parquet(path)["x"].tolist() == [3]
    assert [p.name for p in tmp_path.iterdir()] == ["t.parquet"]


def test_missing_archive_is_a_clear_error(tmp_path):
    with pytest.raises(S.TransformError, match="archive directory not found"):
        build(tmp_path / "nope", tmp_path / "ds", progress=False)


def test_bad_record_is_counted_not_fatal(tmp_path, monkeypatch):
    import extract.facts

    def flaky(page, options=None):
        if "remont" in page.text.lower():
            raise ValueError("extractor bug")
        return fake_facts(page, options)
    monkeypatch.setattr(extract.facts, "extract_facts", flaky)
    res = build(make_archive(tmp_path), tmp_path / "ds", progress=False)
    assert res.extract.failed == 1 and "extractor bug" in res.extract.errors[0]
    assert res.rows["pages"] == 2


def test_incremental_build_merges_new_archive(tmp_path, fake_extractor):
    urls = list(ARTICLES)
    out = tmp_path / "ds"
    a1 = make_archive(tmp_path / "one", {urls[0]: ARTICLES[urls[0]]})
    build(a1, out, progress=False)
    a2 = make_archive(tmp_path / "two", {urls[1]: ARTICLES[urls[1]]})
    res = build(a2, out, progress=False)
    assert res.carried_pages == 1
    assert sorted(read(out, "pages")["page_id"]) == sorted(page_id(u) for u in urls[:2])
    # the same result as one build over both archives: the merge is deterministic
    both = make_archive(tmp_path / "both", {u: ARTICLES[u] for u in urls[:2]})
    build(both, tmp_path / "ds2", progress=False)
    cols = ["fact_id", "page_id", "start", "end"]
    assert read(out, "facts")[cols].equals(read(tmp_path / "ds2", "facts")[cols])
    assert read(out, "organizations")["org_id"].tolist() == \
        read(tmp_path / "ds2", "organizations")["org_id"].tolist()


def test_real_extractor_runs_over_archive(tmp_path):
    """No fake: the project's own extractor, whatever it finds, gives consistent tables."""
    out = tmp_path / "ds"
    res = build(make_archive(tmp_path), out, progress=False)
    pages = read(out, "pages").set_index("page_id")
    assert len(pages) + res.extract.failed == 3  # every article either in or counted
    for f in read(out, "facts").itertuples():
        assert pages.loc[f.page_id, "text"][f.start:f.end] == f.text


def test_last_seen_comes_from_crawl_state(tmp_path, fake_extractor):
    """A 304 answer archives nothing, but the crawl state knows the page was still there."""
    from spiders.state import CrawlState, state_path
    archive = make_archive(tmp_path)
    url = next(iter(ARTICLES))
    state = CrawlState(state_path(archive))
    state.record(url, source_id="gmina-przyk", kind="article", status=200, at="2023-05-01T00:00:00Z")
    state.record(url, source_id="gmina-przyk", kind="article", status=304, at="2023-09-01T00:00:00Z")
    state.db.close()
    out = tmp_path / "ds"
    build(archive, out, progress=False)
    row = read(out, "pages").set_index("url").loc[url]
    assert str(row["first_seen"].date()) == "2023-05-01"
    assert str(row["last_seen"].date()) == "2023-09-01"
    assert str(row["fetched_at"].date()) == "2023-06-07"


def test_corrupt_archive_is_a_clear_error(tmp_path, fake_extractor, monkeypatch):
    """The archive reader raising on a damaged WARC stops the build with one clear error."""
    import spiders.archive
    archive = make_archive(tmp_path)
    real = spiders.archive.iter_records

    def damaged(archive_dir, **kw):
        yield from list(real(archive_dir, **kw))[:2]
        raise ValueError("gmina-przyk/x.warc.gz: corrupt or truncated WARC record at byte 99")
    monkeypatch.setattr(spiders.archive, "iter_records", damaged)
    with pytest.raises(S.TransformError, match="cannot read the archive: .*corrupt"):
        build(archive, tmp_path / "ds", progress=False)
    assert not (tmp_path / "ds" / "current").exists()


def test_only_new_or_changed_bodies_are_extracted(tmp_path, fake_extractor):
    from extract.batch import cache_path, extract_archive
    archive = make_archive(tmp_path)
    work = tmp_path / "work"
    first = extract_archive(archive, work, progress=False)
    again = extract_archive(archive, work, progress=False)
    assert (first.extracted, first.cached) == (3, 0)
    assert (again.extracted, again.cached) == (0, 3)
    url = next(iter(ARTICLES))
    title, body = ARTICLES[url]
    make_archive(tmp_path, {url: (title, body + "<p>Aktualizacja: dodano galerię zdjęć z wizyty.</p>")},
                 fetched_at="2023-07-01T00:00:00Z", run_id="run2")
    third = extract_archive(archive, work, progress=False)
    assert (third.extracted, third.cached, third.urls) == (1, 3, 3)
    # a line cut short by a crash is dropped and its body extracted again
    cache = cache_path(work)
    data = cache.read_bytes()
    cache.write_bytes(data[:-40])
    fourth = extract_archive(archive, work, progress=False)
    assert fourth.extracted == 1 and fourth.failed == 0


def test_malformed_items_are_dropped_and_counted(tmp_path, monkeypatch):
    import extract.facts

    def sloppy(page, options=None):
        rec = fake_facts(page, options)
        if rec["relevant"]:
            rec["dates"].append({"start": "1850", "evidence": [0, 1], "rule": "old"})
            rec["amounts"].append({"value": "dużo", "currency": "PLN",
                                   "evidence": [0, 3], "rule": "words"})
            rec["projects"].append({"name": "Bez dowodu", "evidence": [None, 5], "rule": "bad"})
            rec["projects"].append({"name": "Poza tekstem", "evidence": [0, 10**6], "rule": "bad"})
            rec["relevance"] = 7.5
        return rec
    monkeypatch.setattr(extract.facts, "extract_facts", sloppy)
    res = build(make_archive(tmp_path), tmp_path / "ds", progress=False)
    assert res.dropped_dates == 2 and res.dropped_facts == 4 and res.coerced == 2
    facts = read(tmp_path / "ds", "facts")
    assert "Bez dowodu" not in set(facts["name"]) and "1850" not in set(facts["date_start"])
    assert read(tmp_path / "ds", "pages")["relevance"].isna().sum() == 2


def test_benchmark_data_builds(tmp_path):
    """The synthetic pages of benchmarks/bench_build.py make a valid dataset."""
    import importlib.util
    from transform.build import build_from_work
    path = Path(__file__).parent.parent / "benchmarks" / "bench_build.py"
    spec = importlib.util.spec_from_file_location("bench_build", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.synth_work_dir(tmp_path / "work", 60)
    res = build_from_work(tmp_path / "work", tmp_path / "ds")
    assert res.rows["pages"] == 60 and res.rows["facts"] > 300 and res.dropped_facts == 0
    # inflected and abbreviated funders were merged: MSZ, its genitive and "... RP" are one
    orgs = read(tmp_path / "ds", "organizations")
    assert (orgs["name"] == "Ministerstwo Spraw Zagranicznych").sum() == 1
    assert not orgs["name"].isin(["MSZ", "Ministerstwa Spraw Zagranicznych RP"]).any()

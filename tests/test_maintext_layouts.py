"""Main text of municipal pages in the three CMS layouts: every sentence of the article is
in the page text, and no line of menus, banners, lists of other news, share/print,
author/view counters, EU-funds banners, reader comments or footers is.

The pages are tests/layouts/layouts.py: semantic HTML5, class-only <div>s and an old
table layout (menu, article and sidebar in <td>s, footer in the last row).
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import FAST_CRAWL, SITE_DIR
from extract.page import page_from_html

sys.path.insert(0, str(Path(__file__).resolve().parent / "layouts"))
import layouts  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CASES = [(layout, a) for layout in layouts.LAYOUTS for a in layouts.ARTICLES]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _missing(text: str, article: layouts.Article) -> list[str]:
    flat = _norm(text)
    return [s for s in article.sentences() if _norm(s) not in flat]


def _leaked(text: str) -> list[str]:
    lines = {_norm(line) for line in text.split("\n")}
    flat = _norm(text)
    # a boilerplate line may not be a line of the text, nor hide inside a longer one
    return [b for b in layouts.boilerplate() if _norm(b) in lines or _norm(b) in flat]


@pytest.mark.parametrize("layout,article", CASES, ids=[f"{lay}-{a.slug}" for lay, a in CASES])
def test_page_text_is_the_whole_article_and_nothing_else(layout, article):
    page = page_from_html(layouts.page(layout, article))
    assert _missing(page.text, article) == []
    assert _leaked(page.text) == []
    assert page.title == article.title
    if layout != "tabele":  # the table layout's <title> names no article: no heading to date from
        assert page.published == article.date


def test_table_layout_keeps_the_article_and_its_list_in_order():
    article = next(a for a in layouts.ARTICLES if a.items)
    text = page_from_html(layouts.page("tabele", article)).text
    where = [_norm(text).index(_norm(s)) for s in article.sentences()]
    assert where == sorted(where)  # title, paragraphs, the list, then what follows it


@pytest.fixture
def layout_site(tmp_path):
    """The layouts' pages served by tests/site/server.py on 127.0.0.1."""
    root = tmp_path / "site"
    pages = layouts.write_site(root)
    proc = subprocess.Popen([sys.executable, str(SITE_DIR / "server.py"), str(root),
                             str(tmp_path / "requests.jsonl")], stdout=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{int(proc.stdout.readline())}"
        yield base, pages
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_run_over_a_mirror_of_three_layouts_gives_clean_page_text(layout_site, tmp_path):
    base, pages = layout_site
    sources = tmp_path / "sources.toml"
    sources.write_text(layouts.sources_toml(base), encoding="utf-8")
    out = tmp_path / "dataset"
    proc = subprocess.run(
        [sys.executable, "-m", "samorzad_cli", "run", "--sources", str(sources), "--out", str(out), "--quiet"],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
        env={**os.environ, "SAMORZAD_CRAWL_SETTINGS": json.dumps(FAST_CRAWL)})
    assert proc.returncode == 0, proc.stderr
    table = pd.read_parquet(out / "current" / "pages.parquet")
    assert sorted(table["url"]) == sorted(base + p for p in pages)
    for row in table.itertuples():
        _, article = pages[row.url[len(base):]]
        assert _missing(row.text, article) == [], row.url
        assert _leaked(row.text) == [], row.url


LEAD_PAGE = """<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8">
<title>Dzień Partnerstwa w Wólce - Gmina Jodłowa Góra</title>
<style>.zajawka {{ font-weight: bold; }}</style></head><body>
<div class="naglowek"><h1>Dzień Partnerstwa w Wólce</h1></div>
<div class="zajawka"><script>var komunikat = "Zapraszamy wszystkich mieszkańców na stronę naszego urzędu.";</script>{lead}</div>
<div class="tresc"><p class="zdjecie">Zdjęcie: archiwum Urzędu Gminy Jodłowa Góra</p>
<p>{lead}</p><p>{body}</p><p>{more}</p></div>
<div class="stopka"><p>Urząd Gminy Jodłowa Góra, ul. Szkolna 3, 38-120 Jodłowa Góra, tel. 17 000 12 34</p></div>
</body></html>"""


def test_code_is_never_text_and_the_article_is_not_repeated_as_its_lead():
    lead = ("W sobotę 7 czerwca 2025 r. w Wólce odbył się Dzień Partnerstwa z udziałem delegacji "
            "z czeskiej gminy Horní Lhota.")
    body = ("Goście z Czech zwiedzili remizę strażacką oraz szkołę, a wieczorem wystąpił zespół "
            "ludowy z Horní Lhoty.")
    more = ("Spotkanie sfinansowano z Funduszu Mikroprojektów programu Interreg Czechy–Polska, "
            "a przygotowało je Stowarzyszenie Rozwoju Wólki.")
    page = page_from_html(LEAD_PAGE.format(lead=lead, body=body, more=more).encode("utf-8"))
    assert "komunikat" not in page.text and "font-weight" not in page.text
    assert "Zapraszamy wszystkich mieszkańców" not in page.text
    assert page.text.count(lead) == 1
    assert body in page.text and more in page.text
    assert "Szkolna 3" not in page.text

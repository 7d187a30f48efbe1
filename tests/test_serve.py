"""The served database: Polish search by lemma, evidence in view, entity pages, canned queries.

Runs Datasette in-process (its ASGI client) over the database `samorzad demo` builds from
the shipped pages; tests/test_browser.py drives the same through a real browser.
"""
from __future__ import annotations

import asyncio
import json
import re
import sqlite3

import pytest

from transform.demo import demo
from transform.serve import make_datasette

# every form of the two words that occurs in Polish text (not derived words such as
# samorządowy or ukraiński, which are other lemmas)
FORMS = {
    "samorząd": r"samorząd(?:u|owi|em|zie|y|ów|om|ami|ach)?",
    "Ukraina": r"ukrain(?:a|y|ie|ę|ą|o)",
    # a town morfeusz2 does not know: matched by its guessed stem
    "Modrzewiów": r"modrzewi(?:ów|owie|owi|owem)",
    "Wrzosowski": r"wrzosowsk(?:i|iego|iemu|im)",
}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    result = demo(tmp_path_factory.mktemp("demo") / "out")
    ds = make_datasette(result.database)
    asyncio.run(ds.invoke_startup())
    return ds, result.database


def get(ds, path: str):
    return asyncio.run(ds.client.get(path))


def pages_with_any_form(db, word: str) -> set[str]:
    rx = re.compile(r"(?<!\w)" + FORMS[word] + r"(?!\w)", re.I)
    con = sqlite3.connect(db)
    try:
        return {pid for pid, title, text in con.execute("SELECT page_id, title, text FROM pages")
                if rx.search(f"{title}\n{text}")}
    finally:
        con.close()


def search(ds, q: str) -> set[str]:
    r = get(ds, f"/samorzad/search.json?q={q}&_shape=array")
    assert r.status_code == 200, r.text
    return {row["page_id"] for row in r.json()}


@pytest.mark.parametrize("word,queries", [
    ("samorząd", ["samorząd", "samorządów", "samorządom", "Samorządu", "samorzadow"]),
    ("Ukraina", ["Ukraina", "Ukrainy", "Ukrainie", "ukrainę", "Ukraine"]),
    ("Modrzewiów", ["Modrzewiów", "Modrzewiowie", "modrzewiow"]),
    ("Wrzosowski", ["Wrzosowski", "Wrzosowskiego"]),
])
def test_every_form_of_a_word_finds_the_pages_with_any_form(served, word, queries):
    ds, db = served
    expected = pages_with_any_form(db, word)
    assert len(expected) >= 5  # the demo pages use the words in several cases
    for q in queries:
        assert search(ds, q) == expected, q


def test_search_needs_every_word_and_marks_the_matches(served):
    ds, db = served
    both = search(ds, "samorządów Ukrainie")
    assert both == pages_with_any_form(db, "samorząd") & pages_with_any_form(db, "Ukraina")
    rows = get(ds, "/samorzad/search.json?q=Ukrainie&_shape=array").json()
    assert all(re.search(r"\*\*ukrain\w*\*\*", r["snippet"], re.I) for r in rows)
    html = get(ds, "/samorzad/search?q=Ukrainie").text
    assert re.search(r"<mark>Ukrain\w*</mark>", html)
    assert get(ds, "/samorzad/search.json?q=&_shape=array").json() == []
    # a result's title opens the page with its facts highlighted in their sentences
    page = re.search(r'<a href="(/-/entity/samorzad/page/pg_\w+)">', html).group(1)
    shown = get(ds, page).text
    assert "Facts and their evidence" in shown and "<mark>" in shown


def test_fact_rows_show_their_sentence_with_the_evidence_highlighted(served):
    ds, db = served
    rows = get(ds, "/samorzad/facts_in_context.json?_shape=array&_size=max").json()
    con = sqlite3.connect(db)
    facts = {fid: (text, url) for fid, text, url in con.execute(
        "SELECT f.fact_id, f.text, p.url FROM facts f JOIN pages p USING (page_id)")}
    assert len(rows) == len(facts) > 50
    for r in rows:
        text, url = facts[r["fact_id"]]
        assert r["sentence"][r["mark_start"]:r["mark_end"]] == text
        assert r["url"] == url
    funder = next(r for r in rows if r["field"] == "funders")
    html = get(ds, f"/samorzad/facts_in_context?fact_id={funder['fact_id']}").text
    assert f"<mark>{facts[funder['fact_id']][0]}</mark>" in html
    assert f'href="{funder["url"]}"' in html
    # the plain facts table shows the same: sentence, highlighted words, source link
    html = get(ds, f"/samorzad/facts?fact_id={funder['fact_id']}").text
    assert f"<mark>{facts[funder['fact_id']][0]}</mark>" in html
    assert f'href="{funder["url"]}"' in html


def test_organisation_page_lists_roles_fundings_facts_and_pages(served):
    ds, db = served
    con = sqlite3.connect(db)
    org_id, name = con.execute("SELECT org_id, name FROM organizations "
                               "WHERE name = 'Ministerstwo Spraw Zagranicznych'").fetchone()
    n_roles = con.execute("SELECT count(*) FROM roles WHERE actor_id = ?", (org_id,)).fetchone()[0]
    urls = [u for (u,) in con.execute("SELECT DISTINCT p.url FROM evidence e JOIN pages p USING (page_id) "
                                      "WHERE e.entity_id = ?", (org_id,))]
    r = get(ds, f"/-/entity/samorzad/organization/{org_id}")
    assert r.status_code == 200
    html = r.text
    assert f"<h1 class=\"entity-name\" data-kind=\"organization\">{name}</h1>" in html
    assert f"Roles ({n_roles})" in html and "Fundings given" in html
    assert "312\u202f000 PLN" in html  # the amount of "Samorząd bliżej mieszkańca"
    assert f"<mark>{name}</mark>" in html
    assert urls and all(u in html for u in urls)
    # the project it funded links to the project's own page, which names the funder back
    project = re.search(r'href="(/-/entity/samorzad/project/[^"]+)">Samorząd bliżej mieszkańca<', html)
    page = get(ds, project.group(1)).text
    assert "Ministerstwo Spraw Zagranicznych" in page and "Activities (3)" in page
    assert get(ds, "/-/entity/samorzad/organization/org_nonexistent").status_code == 404


def test_names_in_the_organisations_table_open_entity_pages(served):
    ds, _ = served
    html = get(ds, "/samorzad/organizations").text
    assert re.search(r'<a href="/-/entity/samorzad/organization/org_\w+">Ministerstwo Spraw Zagranicznych</a>', html)


def test_canned_queries_and_facets(served):
    ds, _ = served
    funded = get(ds, "/samorzad/who_funded_what.json?_shape=array").json()
    assert {"funder": "Fundusze Norweskie", "amount": 2400000.0} .items() <= funded[0].items()
    projects = get(ds, "/samorzad/projects_of_organisation.json?organisation=Truskaw&_shape=array").json()
    assert {p["project"] for p in projects} >= {"Samorząd bliżej mieszkańca"}
    years = get(ds, "/samorzad/activities_by_year.json?_shape=array").json()
    assert [y["year"] for y in years] == sorted(y["year"] for y in years) and len(years) >= 5
    abroad = get(ds, "/samorzad/partners_abroad.json?_shape=array").json()
    assert all(a["country"] != "PL" for a in abroad)
    facets = get(ds, "/samorzad/who_funded.json").json()["facet_results"]
    assert {"funder", "programme", "year"} <= set(facets)


def test_the_database_is_read_only(served):
    ds, db = served
    r = get(ds, "/samorzad.json?sql=" + "DELETE FROM pages")
    assert r.status_code == 400 or json.loads(r.text).get("ok") is False
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM pages").fetchone()[0] == 30

"""Ids come from what a thing is: the same input gives the same id, any run, any order."""
from __future__ import annotations

import pandas as pd

from test_build import ARTICLES, fake_extractor, make_archive  # noqa: F401  (fixture)
from transform.build import build
from transform.ids import canonical_url, page_id, stable_id


def test_canonical_url_ignores_spelling_noise():
    a = canonical_url("HTTPS://Gmina.Example.PL:443/aktualnosci/123/?utm_source=fb&b=2&a=1#top")
    assert a == "https://gmina.example.pl/aktualnosci/123?a=1&b=2"
    assert page_id("https://gmina.example.pl/a?x=1") != page_id("https://gmina.example.pl/a?x=2")
    assert page_id("http://gmina.example.pl/a") != page_id("https://gmina.example.pl/a")


def test_stable_id_depends_on_type_and_key_only():
    assert stable_id("organization", "gmina kielce") == stable_id("organization", "gmina kielce")
    assert stable_id("organization", "gmina kielce") != stable_id("place", "gmina kielce")
    assert stable_id("organization", "gmina kielce").startswith("org_")
    assert stable_id("fact", "p", None) != stable_id("fact", "p", "None")


def test_ids_survive_archive_order_and_rebuild(tmp_path, fake_extractor):  # noqa: F811
    forward = make_archive(tmp_path / "f", ARTICLES)
    backward = make_archive(tmp_path / "b", dict(reversed(list(ARTICLES.items()))),
                            fetched_at="2024-01-01T00:00:00Z")
    build(forward, tmp_path / "d1", progress=False)
    build(backward, tmp_path / "d2", progress=False)
    for table, key in (("pages", "page_id"), ("facts", "fact_id"), ("organizations", "org_id"),
                       ("projects", "project_id"), ("roles", "role_id")):
        one = pd.read_parquet(tmp_path / "d1" / "current" / f"{table}.parquet")[key].tolist()
        two = pd.read_parquet(tmp_path / "d2" / "current" / f"{table}.parquet")[key].tolist()
        assert one == two and len(one) > 0, table

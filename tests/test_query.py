"""SQL over the dataset: each table a view named after it."""
from __future__ import annotations

import pytest

import test_build as tb
from test_build import make_archive
from transform.build import build
from transform.query import QueryError, query


@pytest.fixture
def dataset(tmp_path, monkeypatch):
    import extract.facts
    monkeypatch.setattr(extract.facts, "extract_facts", tb.fake_facts)
    out = tmp_path / "ds"
    build(make_archive(tmp_path), out, progress=False)
    return out


def test_query_joins_views(dataset):
    df = query(dataset, "SELECT o.name, count(DISTINCT e.page_id) AS pages FROM organizations o "
                        "JOIN evidence e ON e.entity_id = o.org_id GROUP BY o.name ORDER BY pages DESC, o.name")
    assert df.iloc[0].tolist() == ["Ministerstwo Spraw Zagranicznych", 2]
    n = query(dataset, "SELECT count(*) AS n FROM pages WHERE relevant")["n"][0]
    assert n == 2


def test_query_errors_are_clear(dataset, tmp_path):
    with pytest.raises(QueryError, match="query failed"):
        query(dataset, "SELECT * FROM no_such_table")
    with pytest.raises(QueryError, match="no dataset"):
        query(tmp_path / "nothing", "SELECT 1")

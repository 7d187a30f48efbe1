"""SQL over the dataset: each table a view named after it."""
from __future__ import annotations

import json
import re

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


@pytest.mark.parametrize("sql", [
    "COPY pages TO '{tmp}/stolen.csv'",
    "COPY (SELECT 1) TO '{ds}/pages.parquet'",
    "COPY (SELECT 1 AS x) TO '{ds}/pages.parquet' (USE_TMP_FILE false)",
    "EXPLAIN ANALYZE COPY (SELECT 1 AS x) TO '{ds}/pages.parquet' (USE_TMP_FILE false)",
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_text('{ds}/../../../../../../etc/hostname')",
    "SELECT * FROM read_parquet('{ds}/../../outside.parquet')",
    "ATTACH '{tmp}/x.duckdb' AS x",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SELECT * FROM read_parquet('https://example.com/x.parquet')",
    "SET enable_external_access = true",
    "RESET allowed_paths",
    "CREATE TABLE t AS SELECT 1",
    "SELECT 1; COPY pages TO '{tmp}/stolen2.csv'",
    "SELECT * FROM query('COPY pages TO ''{tmp}/stolen3.csv''')",
])
def test_query_cannot_touch_the_machine(dataset, tmp_path, sql):
    import pyarrow as pa
    import pyarrow.parquet as pq
    from transform.io import resolve_dataset

    pq.write_table(pa.table({"secret": ["tajne"]}), tmp_path / "outside.parquet")
    ds = resolve_dataset(dataset)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    with pytest.raises(QueryError):
        query(dataset, sql.format(tmp=tmp_path, ds=ds))
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before  # nothing written anywhere, the dataset's own files included


def test_unsafe_query_is_unrestricted(dataset, tmp_path):
    query(dataset, f"COPY (SELECT page_id FROM pages) TO '{tmp_path}/ids.csv'", unsafe=True)
    assert len((tmp_path / "ids.csv").read_text().splitlines()) == 1 + 3  # header + pages


def _cli(*args):
    import subprocess
    import sys
    from pathlib import Path

    return subprocess.run([sys.executable, "-m", "samorzad_cli", *args], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[1], timeout=120)


def test_json_output_has_iso_dates(dataset):
    proc = _cli("query", "--data", str(dataset), "--format", "json",
                "SELECT published, fetched_at FROM pages WHERE published IS NOT NULL ORDER BY 1 LIMIT 1")
    assert proc.returncode == 0, proc.stderr
    row = json.loads(proc.stdout)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", row["published"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", row["fetched_at"])


def test_the_help_example_works(dataset):
    from click.testing import CliRunner
    from samorzad_cli import cli

    help_text = CliRunner().invoke(cli, ["query", "--help"]).output
    example = re.search(r'samorzad query "([^"]+)"', help_text).group(1)
    proc = _cli("query", "--data", str(dataset), example)
    assert proc.returncode == 0, proc.stderr
    assert "gmina-przyk" in proc.stdout


def test_escape_attempt_from_the_command_line_is_one_line_exit_2(dataset):
    proc = _cli("query", "--data", str(dataset), "COPY pages TO '/tmp/samorzad-escape.csv'")
    assert proc.returncode == 2
    assert proc.stderr.startswith("samorzad: error: only SELECT queries are allowed (got COPY)")
    assert len(proc.stderr.strip().splitlines()) == 1

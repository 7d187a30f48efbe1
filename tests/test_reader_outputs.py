"""What journalists and researchers take away: the offline demo, the HTML report, the Excel
workbook, CSV with a byte order mark, and DataFrames typed by the schema."""
from __future__ import annotations

import re

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from samorzad_cli import cli
from test_export import dataset  # noqa: F401 - a dataset with a formula title and Polish text
from transform import load
from transform import schema as S
from transform.demo import demo
from transform.export import export
from transform.excel import export_xlsx
from transform.io import resolve_dataset


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory):
    return demo(tmp_path_factory.mktemp("demo") / "out")


def test_demo_builds_every_table_a_report_and_a_database_offline(demo_out):
    out = resolve_dataset(demo_out.out_dir)
    assert demo_out.pages == 30
    for t in S.TABLES.values():
        assert (out / t.file).exists(), t.file
    rows = demo_out.rows
    assert rows["pages"] == 30 and rows["projects"] >= 8 and rows["fundings"] >= 8
    orgs = pd.read_parquet(out / "organizations.parquet")
    assert {"Ministerstwo Spraw Zagranicznych", "Związek Powiatów Polskich"} <= set(orgs["name"])
    # the windows-1250 table-layout site decodes to proper Polish letters
    pages = pd.read_parquet(out / "pages.parquet")
    old = pages[pages["source_id"] == "demo-modrzewiow"]
    assert len(old) == 10 and old["text"].str.contains("Modrzewiów").any()
    assert not old["text"].str.contains("\ufffd").any()
    assert demo_out.report.exists() and demo_out.database.exists()


def test_demo_refuses_a_folder_that_holds_something(tmp_path):
    (tmp_path / "mine.txt").write_text("do not touch", encoding="utf-8")
    r = CliRunner().invoke(cli, ["demo", "--out", str(tmp_path)])
    assert r.exit_code == 2
    assert "not empty" in r.output and "Traceback" not in r.output
    assert [p.name for p in tmp_path.iterdir()] == ["mine.txt"]


def test_report_is_one_offline_file_with_plots_and_their_numbers(demo_out, tmp_path):
    to = tmp_path / "report.html"
    r = CliRunner().invoke(cli, ["report", "--data", str(demo_out.out_dir), "--to", str(to)])
    assert r.exit_code == 0, r.output
    page = to.read_text(encoding="utf-8")
    # nothing to fetch: no scripts, stylesheets, images or fonts from anywhere
    assert not re.search(r"<script|<link|<img|src=|url\(|@import", page, re.I)
    sections = re.findall(r"<section id=\"fig\d\">(.*?)</section>", page, re.S)
    assert len(sections) == 6
    for s in sections:  # a plot, then its numbers
        assert s.index("<svg") < s.index("<table")
    # the numbers are the dataset's: fundings per funder
    data = resolve_dataset(demo_out.out_dir)
    fundings = pd.read_parquet(data / "fundings.parquet")
    orgs = pd.read_parquet(data / "organizations.parquet").set_index("org_id")["name"]
    top = fundings["funder_id"].map(orgs).value_counts()
    funders = sections[1]
    assert re.search(rf"<td>{top.index[0]}</td><td class=\"n\">{top.iloc[0]}</td>", funders)
    # an existing report is not replaced unless asked
    again = CliRunner().invoke(cli, ["report", "--data", str(demo_out.out_dir), "--to", str(to)])
    assert again.exit_code == 2 and "already exists" in again.output


def test_xlsx_keeps_polish_letters_and_never_runs_formulas(dataset, tmp_path):
    from openpyxl import load_workbook

    to = tmp_path / "samorzad.xlsx"
    r = CliRunner().invoke(cli, ["export", "--data", str(dataset), "--format", "xlsx", "--to", str(to)])
    assert r.exit_code == 0, r.output
    wb = load_workbook(to)
    assert {"pages", "facts", "organizations", "about"} <= set(wb.sheetnames)
    pages = list(wb["pages"].values)
    header, rows = pages[0], pages[1:]
    titles = {row[header.index("title")] for row in rows}
    assert "Wizyta studyjna samorządowców z Gruzji" in titles
    assert "'=HYPERLINK(\"http://evil.example\",\"kliknij\")" in titles
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.value)
    assert len(rows) == pq.read_metadata(resolve_dataset(dataset) / "pages.parquet").num_rows
    with pytest.raises(S.TransformError, match="already exists"):
        export_xlsx(dataset, to)


def test_csv_with_a_byte_order_mark_for_excel(dataset, tmp_path):
    r = CliRunner().invoke(cli, ["export", "--data", str(dataset), "--format", "csv", "--bom",
                                 "--to", str(tmp_path / "csv")])
    assert r.exit_code == 0, r.output
    raw = (tmp_path / "csv" / "pages.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "samorządowców".encode("utf-8") in raw
    plain = export(dataset, "csv", tmp_path / "plain")
    assert not (plain / "pages.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_load_gives_dataframes_typed_by_the_schema(demo_out):
    tables = load(demo_out.out_dir)
    assert set(tables) == set(S.TABLES)
    roles = tables["roles"]
    assert isinstance(roles["role"].dtype, pd.CategoricalDtype)
    assert list(roles["role"].cat.categories) == list(S.ROLES)  # unused roles too
    assert list(tables["facts"]["field"].cat.categories) == list(S.FACT_FIELDS)
    pages = tables["pages"]
    assert str(pages["fetched_at"].dt.tz) == "UTC"
    assert pd.api.types.is_datetime64_any_dtype(pages["published"])
    assert pages["status"].dtype == "int16" and tables["facts"]["start"].dtype == "int32"
    assert isinstance(tables["organizations"]["aliases"].iloc[0], (list, type(pd.NA), object))
    joined = tables["fundings"].merge(tables["organizations"], left_on="funder_id", right_on="org_id")
    assert "Ministerstwo Spraw Zagranicznych" in set(joined["name"])
    with pytest.raises(S.TransformError):  # a folder without tables: one clear error
        load(demo_out.out_dir / "archive")

"""The example notebook in docs/ runs top to bottom against a dataset the test builds."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pyarrow.parquet as pq
from nbclient import NotebookClient

from transform.demo import demo
from transform.io import resolve_dataset

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "example.ipynb"


def test_example_notebook_runs_and_draws_two_plots(tmp_path, monkeypatch):
    out = demo(tmp_path / "demo").out_dir
    monkeypatch.setenv("SAMORZAD_DATA", str(out))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 2
    text = "".join(o.get("data", {}).get("text/plain", "") for o in outputs)
    n_fundings = pq.read_metadata(resolve_dataset(out) / "fundings.parquet").num_rows
    assert "Ministerstwo Spraw Zagranicznych" in text and f"'fundings': {n_fundings}" in text

"""`samorzad export --format xlsx`: one Excel workbook, one sheet per table.

Excel on Windows opens a plain UTF-8 CSV as windows-1250 and breaks every Polish letter;
a workbook has no encoding to guess. Text cells are neutralised against formula
injection exactly as in the CSV export (`transform.export.neutralise`), and openpyxl is
told they are strings, so `=1+1` in a page title stays text. Page texts longer than a
cell may hold (32,767 characters) are cut, with a note in the sheet `about`.
"""
from __future__ import annotations

import io
from pathlib import Path

from transform.export import ExportError, _batches, _cell, _check_file_target, _tables, neutralise
from transform.io import NoDatasetError

CELL_LIMIT = 32_767  # characters Excel keeps in one cell
TRUNCATED = " […]"


def _value(value):
    value = neutralise(_cell(value))
    if isinstance(value, str) and len(value) > CELL_LIMIT:
        return value[:CELL_LIMIT - len(TRUNCATED)] + TRUNCATED, True
    return value, False


def export_xlsx(data_dir: str | Path, to: str | Path, force: bool = False) -> Path:
    """Write every table of the dataset in `data_dir` as a sheet of the workbook `to`,
    atomically; an existing regular file is only replaced when `force` is true."""
    from openpyxl import Workbook

    from transform.io import resolve_dataset, write_bytes_atomic

    to = Path(to)
    try:
        data_dir = resolve_dataset(data_dir)
    except NoDatasetError as e:
        raise ExportError(str(e)) from e
    _check_file_target(to, force, "xlsx")
    tables = _tables(data_dir)
    wb = Workbook(write_only=True)
    cut: dict[str, int] = {}
    for t in tables:
        ws = wb.create_sheet(t.name)
        ws.append(t.column_names)
        for rows in _batches(data_dir / t.file):
            for r in rows:
                out = []
                for c in t.column_names:
                    value, was_cut = _value(r[c])
                    cut[t.name] = cut.get(t.name, 0) + was_cut
                    out.append(value)
                ws.append(out)
    about = wb.create_sheet("about")
    about.append(["table", "description", "cells cut to 32,767 characters"])
    for t in tables:
        about.append([t.name, t.description, cut.get(t.name, 0)])
    buf = io.BytesIO()
    wb.save(buf)
    return write_bytes_atomic(buf.getvalue(), to)

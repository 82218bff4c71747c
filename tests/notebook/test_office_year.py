"""examples/office_year.ipynb runs from start to end: every cell, in a fresh kernel, in a
temporary folder (it writes the workbook, the notice and the report there)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOK = Path(__file__).resolve().parents[2] / "examples" / "office_year.ipynb"


def test_the_office_year_notebook_runs_without_an_error(tmp_path):
    path = tmp_path / NOTEBOOK.name
    shutil.copy(NOTEBOOK, path)
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()  # raises CellExecutionError naming the cell on any error
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 4  # one per chart, each shown once
    written = {p.name for p in tmp_path.iterdir()}
    assert {"2026年教师交流轮岗名单.xlsx", "2026年教师交流轮岗公示.xlsx"} <= written
    assert "2026年教师交流轮岗方案报告.html" in written

"""Reading a roster's raw tables from files, and writing a roster back.

Files are only ever read here; writing goes to the path the user names. CSVs may be UTF-8 (with
or without the BOM Excel adds) or GB18030, the encoding Chinese Excel saves by default.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pandas as pd

from rotation.errors import Problem
from rotation.io.cells import RawTable, cell_text, header_name, is_blank
from rotation.io.vocabulary import SHEET_NAMES, TABLES, header_aliases, normalise

ENCODINGS = ("utf-8-sig", "gb18030")
#: How far down a sheet to look for its header row (offices often put a title above it).
HEADER_SEARCH_ROWS = 10


def find_header(grid: pd.DataFrame, kind: str) -> int:
    """The index of the row that holds the headers: the first with two or more known headers."""
    aliases = header_aliases(TABLES[kind])
    for index in range(min(HEADER_SEARCH_ROWS, len(grid))):
        cells = [c for c in grid.iloc[index] if not is_blank(c)]
        known = sum(header_name(aliases, c) is not None for c in cells)
        if known >= 2:
            return index
    return 0


def grid_to_table(grid: pd.DataFrame, kind: str, source: str) -> RawTable:
    """Cut a sheet read without headers into a header and data rows, dropping blank rows/columns.

    Blank rows and unnamed blank columns are formatting, not data: Excel leaves them behind.
    """
    if grid.empty:
        return RawTable(source, pd.DataFrame(), [])
    head = find_header(grid, kind)
    headers = [cell_text(c).strip() for c in grid.iloc[head]]
    body = grid.iloc[head + 1 :].reset_index(drop=True)
    body.columns = range(len(headers))
    keep = [i for i, h in enumerate(headers) if h or not body[i].map(is_blank).all()]
    named = [headers[i] if headers[i] else f"column {i + 1}" for i in keep]
    body = body[keep]
    body.columns = named
    nonblank = ~body.map(is_blank).all(axis=1)
    rows = [head + 2 + i for i in range(len(body)) if nonblank.iloc[i]]
    return RawTable(source, body[nonblank].reset_index(drop=True), rows, head + 1)


def read_csv(path: Path, kind: str) -> tuple[RawTable | None, list[Problem]]:
    """The `kind` table ("schools"/"teachers") of a roster folder."""
    grid, problems = read_csv_grid(path, f"the {kind} table")
    if grid is None:
        return None, problems
    return grid_to_table(grid, kind, str(path)), []


def read_csv_grid(path: Path, what: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """A CSV as a grid of text cells, one grid row per spreadsheet row; `what` it should hold.

    The csv module is used rather than pandas so that blank lines stay rows (the row numbers in
    messages are those a spreadsheet shows) and a title line above the header may be shorter
    than the rows below it. UTF-8 (with or without a BOM) and GB18030 are read.
    """
    source = str(path)
    if not path.exists():
        return None, [Problem(source, "file not found", expected=what)]
    try:
        data = path.read_bytes()
    except OSError as err:
        return None, [Problem(source, f"cannot be read ({err.strerror or err})", expected=what)]
    if not data:
        return None, [Problem(source, "file is empty", expected=f"a header row and {what}")]
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return None, [Problem(source, "cannot be decoded", expected="UTF-8 or GB18030 text")]
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as err:
        return None, [Problem(source, f"cannot be read as CSV ({err})", expected="a CSV file")]
    width = max((len(r) for r in records), default=0)
    return pd.DataFrame([r + [""] * (width - len(r)) for r in records], dtype=object), []


def read_workbook(path: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    """The schools and teachers sheets of an .xlsx workbook (English or Chinese sheet names)."""
    source = str(path)
    if not path.exists():
        return {}, [Problem(source, "file not found", expected="an .xlsx workbook")]
    try:
        sheets = pd.read_excel(
            path,
            sheet_name=None,
            header=None,
            dtype=object,
            keep_default_na=False,  # "NA" or "NULL" is an id or a word, not a blank cell
            engine="openpyxl",
        )
    except (ValueError, OSError, zipfile.BadZipFile, KeyError) as err:
        message = f"cannot be read as an .xlsx workbook ({type(err).__name__}: {err})"
        return {}, [Problem(source, message, expected="an .xlsx workbook saved by Excel or WPS")]
    by_name = {normalise(name): name for name in sheets}
    tables, problems = {}, []
    for kind, names in SHEET_NAMES.items():
        found = next((by_name[normalise(n)] for n in names if normalise(n) in by_name), None)
        if found is None:
            problems.append(
                Problem(
                    source,
                    f"no {kind} sheet (sheets present: {', '.join(map(str, sheets))})",
                    expected="a sheet named " + " or ".join(names),
                )
            )
            continue
        tables[kind] = grid_to_table(sheets[found], kind, f"{path.name} sheet {found!r}")
    return tables, problems


def frame_to_table(frame: pd.DataFrame, kind: str) -> RawTable:
    """A DataFrame given in memory: its own headers, rows named by index label."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{kind} must be a pandas DataFrame, not {type(frame).__name__}")
    return RawTable(f"{kind} DataFrame", frame)


def write_frames(frames: dict[str, pd.DataFrame], path: Path) -> Path:
    """Write the tables as a folder of CSVs, or as one workbook when `path` ends in .xlsx."""
    if path.suffix.lower() == ".xlsx":
        path.parent.mkdir(parents=True, exist_ok=True)
        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            for name, frame in frames.items():
                frame.to_excel(writer, sheet_name=name, index=False)
                _text_stays_text(writer.sheets[name])
        return path
    if path.suffix:
        raise ValueError(f"cannot write a roster to {path}: give a folder or an .xlsx file")
    path.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        frame.to_csv(path / f"{name}.csv", index=False, encoding="utf-8-sig")
    return path


def _text_stays_text(sheet) -> None:
    """Text that starts with "=" is written as text: openpyxl would otherwise store a formula,
    which reads back as an empty cell (and would run in the office's Excel)."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"

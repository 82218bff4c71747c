"""Reading a roster's raw tables from files, and writing a roster back.

Files are only ever read here; writing goes to the path the user names. CSVs may be UTF-8 (with
or without the BOM Excel adds) or GB18030, the encoding Chinese Excel saves by default.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

import pandas as pd
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineError

from rotation.errors import Problem
from rotation.io.cells import RawTable, cell_text, header_name, is_blank
from rotation.io.vocabulary import SHEET_NAMES, TABLES, header_aliases, normalise
from rotation.messages import Text, Words, listed

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
    body.columns = pd.RangeIndex(len(headers))
    keep = [i for i, h in enumerate(headers) if h or not body[i].map(is_blank).all()]
    named = [headers[i] if headers[i] else f"column {i + 1}" for i in keep]
    body = body[keep]
    body.columns = named
    nonblank = ~body.map(is_blank).all(axis=1)
    rows = [head + 2 + i for i in range(len(body)) if nonblank.iloc[i]]
    return RawTable(source, body[nonblank].reset_index(drop=True), rows, head + 1)


def read_csv(path: Path, kind: str) -> tuple[RawTable | None, list[Problem]]:
    """The `kind` table ("schools"/"teachers") of a roster folder."""
    grid, problems = read_csv_grid(path, Text("expected.the_table", table=Text(f"table.{kind}")))
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
        return None, [Problem(source, Text("io.file_not_found"), expected=what)]
    try:
        data = path.read_bytes()
    except OSError as err:
        message = Text("io.cannot_read", error=err.strerror or err)
        return None, [Problem(source, message, expected=what)]
    if not data:
        expected = Text("expected.header_and", what=what)
        return None, [Problem(source, Text("io.file_empty"), expected=expected)]
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return None, [Problem(source, Text("io.cannot_decode"), expected=Text("expected.encoding"))]
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as err:
        message = Text("io.cannot_read_csv", error=err)
        return None, [Problem(source, message, expected=Text("expected.csv"))]
    width = max((len(r) for r in records), default=0)
    return pd.DataFrame([r + [""] * (width - len(r)) for r in records], dtype=object), []


#: Workbook suffixes and the engine that reads them: openpyxl for today's Excel files, calamine
#: for the Excel 97–2003 `.xls` many personnel systems still export.
WORKBOOK_ENGINES: dict[str, Literal["openpyxl", "calamine"]] = {
    ".xlsx": "openpyxl",
    ".xlsm": "openpyxl",
    ".xls": "calamine",
}


#: What the engines raise for a file that is not a readable workbook (damaged, encrypted, of
#: another format); anything else is a bug and is left to surface.
WORKBOOK_ERRORS: tuple[type[Exception], ...] = (
    ValueError,
    OSError,
    KeyError,
    zipfile.BadZipFile,
    InvalidFileException,
    CalamineError,  # and its PasswordError, XmlError, ZipError
)


def is_workbook(path: Path) -> bool:
    """Whether `path` names a workbook this library reads (.xlsx, .xlsm, .xls)."""
    return path.suffix.lower() in WORKBOOK_ENGINES


def read_sheets(
    path: Path, what: str, first_only: bool = False
) -> tuple[dict[str, pd.DataFrame] | None, list[Problem]]:
    """The sheets of a workbook as grids of cells (no header taken), or the problem reading it.

    Parameters
    ----------
    path
        An .xlsx, .xlsm or .xls file.
    what
        What the file should hold, for messages.
    first_only
        Read only the first sheet.

    Returns
    -------
    tuple of (dict of str to pandas.DataFrame or None, list of Problem)
        Sheet name → cells, or None and the problem when the file cannot be read.
    """
    source = str(path)
    if not path.exists():
        return None, [Problem(source, Text("io.file_not_found"), expected=what)]
    engine = WORKBOOK_ENGINES.get(path.suffix.lower(), "openpyxl")
    try:
        sheets = pd.read_excel(
            path,
            sheet_name=0 if first_only else None,
            header=None,
            dtype=object,
            keep_default_na=False,  # "NA" or "NULL" is an id or a word, not a blank cell
            engine=engine,
        )
    except WORKBOOK_ERRORS as err:
        kind = Words(".xls", "an .xls") if engine == "calamine" else Words(".xlsx", "an .xlsx")
        message = Text("io.cannot_read_workbook", kind=kind, error=f"{type(err).__name__}: {err}")
        return None, [Problem(source, message, expected=what)]
    if isinstance(sheets, pd.DataFrame):
        return {"": sheets}, []
    return {str(name): grid for name, grid in sheets.items()}, []


def read_workbook(path: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    """The schools and teachers sheets of a workbook (English or Chinese sheet names).

    Parameters
    ----------
    path
        An .xlsx, .xlsm or .xls workbook.

    Returns
    -------
    tuple of (dict of str to RawTable, list of Problem)
        "schools" and "teachers" → their raw tables, as far as found; the problems.
    """
    sheets, problems = read_sheets(path, Text("expected.workbook"))
    if sheets is None:
        return {}, problems
    by_name = {normalise(name): name for name in sheets}
    tables: dict[str, RawTable] = {}
    for kind, names in SHEET_NAMES.items():
        found = next((by_name[normalise(n)] for n in names if normalise(n) in by_name), None)
        if found is None:
            problems.append(
                Problem(
                    str(path),
                    Text("io.no_sheet", table=Text(f"table.{kind}"), sheets=listed(sheets)),
                    expected=Text("expected.sheet_named", names=_either(names)),
                )
            )
            continue
        source = Text("source.sheet", file=path.name, sheet=str(found))
        tables[kind] = grid_to_table(sheets[found], kind, source)
    return tables, problems


def csv_tables(path: Path) -> tuple[dict[str, Path], list[Problem]]:
    """The CSV files holding the schools and teachers tables of a roster given as `path`.

    A folder holds one file per table, named as a sheet may be (schools.csv or 学校.csv;
    teachers.csv, 教师.csv or 教师花名册.csv …). A single CSV file is the teachers table (or,
    named schools.csv / 学校.csv, the schools table), and the other table is the file of its
    name in the same folder. Two files for one table are a problem, not a choice.

    Parameters
    ----------
    path
        A folder, or one CSV file.

    Returns
    -------
    tuple of (dict of str to Path, list of Problem)
        "schools"/"teachers" → the file found; a problem for each table missing or ambiguous.
    """
    folder = path if path.is_dir() else path.parent
    given: dict[str, Path] = {}
    if not path.is_dir():
        given["schools" if _table_of(path) == "schools" else "teachers"] = path
    files = sorted(f for f in folder.iterdir() if f.is_file() and f.suffix.lower() == ".csv")
    found: dict[str, Path] = {}
    problems: list[Problem] = []
    for kind, names in SHEET_NAMES.items():
        if kind in given:
            found[kind] = given[kind]
            continue
        named = [f for f in files if _table_of(f) == kind]
        if len(named) == 1:
            found[kind] = named[0]
        elif not named:
            problems.append(
                Problem(
                    str(folder / f"{kind}.csv"),
                    Text("io.file_not_found"),
                    expected=Text(
                        "expected.table_file",
                        table=Text(f"table.{kind}"),
                        names=_either([f"{n}.csv" for n in names]),
                    ),
                )
            )
        else:
            problems.append(
                Problem(
                    str(folder),
                    Text(
                        "io.several_files",
                        table=Text(f"table.{kind}"),
                        files=listed(f.name for f in named),
                    ),
                    expected=Text("expected.one_file", table=Text(f"table.{kind}")),
                )
            )
    return found, problems


def _either(names: Iterable[str]) -> Words:
    """Names joined by "or" (“学校”或“schools” / schools or 学校)."""
    names = [str(n) for n in names]
    return Words("或".join(f"“{n}”" for n in names), " or ".join(names))


def _table_of(path: Path) -> str | None:
    """ "schools" or "teachers" when the file's name is one of that table's names."""
    stem = normalise(path.stem)
    for kind, names in SHEET_NAMES.items():
        if stem in {normalise(n) for n in names}:
            return kind
    return None


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


def _text_stays_text(sheet: Worksheet) -> None:
    """Text that starts with "=" is written as text: openpyxl would otherwise store a formula,
    which reads back as an empty cell (and would run in the office's Excel)."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"

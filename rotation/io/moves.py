"""Plan files: reading a moves table in the contract's format (the plan CSV or a sheet).

The moves table has one row per rotated teacher: teacher_id, from_school, to_school,
start_year, end_year (end = start + term), then subject, stage, backbone and the reason the
teacher was chosen.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol, cast

import pandas as pd

from rotation.errors import InputError, Problem
from rotation.io.cells import cell_text, is_blank
from rotation.io.sources import is_workbook, read_csv_grid, read_sheets
from rotation.io.vocabulary import normalise
from rotation.messages import Text, listed

MOVE_COLUMNS = ("teacher_id", "from_school", "to_school", "start_year", "end_year")


MOVE_ALIASES = {
    "teacher_id": ("教师编号", "教师代码", "工号"),
    "from_school": ("原学校", "原学校代码", "派出学校", "from"),
    "to_school": ("交流学校", "交流学校代码", "接收学校", "to"),
    "start_year": ("开始年份", "交流开始年份"),
    "end_year": ("结束年份", "交流结束年份"),
}


class MoveRow(Protocol):
    """One row of a moves table as `move_rows` gives it: the contract's five columns (the
    years are numpy integers at run time), then whatever other columns the table has."""

    @property
    def teacher_id(self) -> str: ...
    @property
    def from_school(self) -> str: ...
    @property
    def to_school(self) -> str: ...
    @property
    def start_year(self) -> int: ...
    @property
    def end_year(self) -> int: ...


def move_rows(moves: pd.DataFrame) -> Iterator[MoveRow]:
    """The rows of a moves table (`itertuples(index=False)`), typed by the contract's columns."""
    return cast(Iterator[MoveRow], moves.itertuples(index=False))


def read_moves(path: str | Path) -> pd.DataFrame:
    """A plan's moves from a CSV (or the first sheet of an .xlsx), validated in form.

    Blank rows are skipped; problems name the row a spreadsheet shows. Whether the moves fit a
    roster is checked when they are applied (`Roster.apply_moves`), which names this file and
    these rows too (`attrs["source"]`, `attrs["rows"]`).

    Parameters
    ----------
    path
        A CSV, or a workbook (.xlsx, .xlsm, .xls) whose first sheet holds the plan.

    Returns
    -------
    pandas.DataFrame
        teacher_id, from_school, to_school (text), start_year, end_year (int64), then the
        file's other columns.

    Raises
    ------
    InputError
        Listing every missing column and every invalid year, by row.
    """
    path = Path(path)
    source = str(path)
    grid, problems = _read_grid(path)
    if grid is None:
        raise InputError(problems, "plan")
    if grid.empty:
        problem = Problem(source, Text("io.no_header_row"), expected=Text("expected.a_plan"))
        raise InputError([problem], "plan")
    aliases = {normalise(a): c for c, names in MOVE_ALIASES.items() for a in (c, *names)}
    headers = [cell_text(h).strip() for h in grid.iloc[0]]
    names = [aliases.get(normalise(h), h) for h in headers]
    for c in MOVE_COLUMNS:
        if names.count(c) > 1:
            same = [h for h, n in zip(headers, names, strict=True) if n == c]
            problems.append(
                Problem(
                    source,
                    Text("io.headers_same_meaning", first=same[0], second=same[1], name=c),
                    row=1,
                    expected=Text("expected.one_column_per_meaning"),
                )
            )
    missing = [c for c in MOVE_COLUMNS if c not in names]
    if missing:
        problems.append(
            Problem(
                source,
                Text("io.missing_columns", columns=listed(missing)),
                row=1,
                expected=Text("expected.columns", columns=listed(MOVE_COLUMNS)),
            )
        )
    if problems:
        raise InputError(problems, "plan")
    body = grid.iloc[1:]
    blank = body.map(is_blank).all(axis=1).to_numpy()
    rows = [int(i) + 1 for i in body.index[~blank]]  # grid row 0 is spreadsheet row 1
    raw = pd.DataFrame(body[~blank].to_numpy(), columns=names)
    moves = raw.copy()
    for c in ("teacher_id", "from_school", "to_school"):
        moves[c] = [cell_text(v).strip() for v in raw[c]]
    for c in ("start_year", "end_year"):
        years = []
        for i, v in enumerate(raw[c]):
            text = "" if is_blank(v) else cell_text(v).strip()
            match = _YEAR.fullmatch(text)
            if not match:
                problems.append(
                    Problem(
                        source,
                        Text("io.invalid_year"),
                        row=rows[i],
                        record=str(moves["teacher_id"].iloc[i]),
                        column=c,
                        value=text,
                        expected=Text("expected.year_such_as"),
                    )
                )
                years.append(0)
            else:
                years.append(int(match.group(1)))
        moves[c] = pd.Series(years, dtype="int64")
    for i, (start, end) in enumerate(zip(moves["start_year"], moves["end_year"], strict=True)):
        if start and end and end < start:
            problems.append(
                Problem(
                    source,
                    Text("io.move_ends_before"),
                    row=rows[i],
                    record=str(moves["teacher_id"].iloc[i]),
                    column="end_year",
                    value=int(end),
                    expected=Text("expected.end_year", start=start),
                )
            )
    if problems:
        raise InputError(problems, "plan")
    moves.attrs["source"] = source
    moves.attrs["rows"] = rows
    return moves


_YEAR = re.compile(r"([0-9]{4})(\.0*)?")


def _read_grid(
    path: Path, what: str = Text("expected.plan_file")
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The cells of a plan (or pins) file, headers included, as text a spreadsheet shows: a
    CSV, or the first sheet of a workbook (.xlsx, .xlsm, .xls)."""
    if not is_workbook(path):
        return read_csv_grid(path, what)
    sheets, problems = read_sheets(path, what, first_only=True)
    if sheets is None:
        return None, problems
    return next(iter(sheets.values())), []


def write_moves(moves: pd.DataFrame, path: str | Path) -> Path:
    """Write a moves table as the contract's plan CSV (UTF-8 with the BOM Excel expects).

    Parameters
    ----------
    moves
        The moves table.
    path
        The CSV to write; its folder is created if needed.

    Returns
    -------
    pathlib.Path
        `path`.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    moves.to_csv(path, index=False, encoding="utf-8-sig")
    return path

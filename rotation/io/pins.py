"""Pins: decisions the office has already taken (this teacher stays, that one goes to S003).

A pins file is a CSV or the first sheet of a workbook with teacher_id, action and school, in
English or Chinese (教师编号, 决定, 学校; 交流 / 留任 / 指定 / 不去). Whether the pins fit a roster
is judged when planning; this module reads them in form.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from rotation.errors import InputError, Problem
from rotation.io.cells import cell_text, is_blank, split_list
from rotation.io.ids import IdIndex, clean_id
from rotation.io.moves import _read_grid
from rotation.io.roster import Roster
from rotation.io.vocabulary import FALSE_WORDS, PIN_ACTION_CODES, TRUE_WORDS, normalise
from rotation.messages import Text

PIN_ALIASES: dict[str, tuple[str, ...]] = {
    "teacher_id": ("教师编号", "教师代码", "工号"),
    "action": ("决定", "操作", "安排", "动作"),
    "school": ("学校", "学校代码", "目标学校"),
    "force": ("强制", "强制执行"),
}


def read_pins(path: str | Path, roster: Roster | None = None) -> pd.DataFrame:
    """Pinned decisions from a CSV or the first sheet of a workbook.

    Parameters
    ----------
    path
        The pins file: teacher_id, action (move, stay, to, not_to, or 交流, 留任, 指定, 不去)
        and school (for to / not_to; several separated by ";"); optionally force (是/否).
    roster
        When given, teacher and school ids are written as the roster spells them
        (``ｓ００１`` and ``s001`` name ``S001``). Otherwise they are only made half-width.

    Returns
    -------
    pandas.DataFrame
        teacher_id, action (English codes; an unknown word is kept as written, for the
        planner's check to name), school, force (bool), then any other columns as text.
        ``attrs["source"]`` is the file and ``attrs["rows"]`` the sheet row of each pin.

    Raises
    ------
    InputError
        When the file cannot be read, or a force cell is not yes/no.
    """
    path = Path(path)
    source = str(path)
    grid, problems = _read_grid(path, Text("expected.pins_file"))
    if grid is None:
        raise InputError(problems, "pins")
    if grid.empty:
        problem = Problem(source, Text("io.no_header_row"), expected=Text("expected.pins"))
        raise InputError([problem], "pins")
    aliases = {normalise(a): c for c, names in PIN_ALIASES.items() for a in (c, *names)}
    headers = [aliases.get(normalise(cell_text(h)), cell_text(h).strip()) for h in grid.iloc[0]]
    body = grid.iloc[1:].map(lambda v: "" if is_blank(v) else cell_text(v).strip())
    pins = pd.DataFrame(body.to_numpy(), columns=headers)
    keep = (pins != "").any(axis=1).to_numpy()
    rows = [i + 2 for i in range(len(pins)) if keep[i]]  # grid row 1 is the header
    pins = pins[keep].reset_index(drop=True)
    if "action" in pins:
        pins["action"] = [PIN_ACTION_CODES.get(normalise(a), a) for a in pins["action"]]
    teachers = None if roster is None else IdIndex(roster.teachers["teacher_id"].astype(str))
    schools = None if roster is None else IdIndex(roster.schools["school_id"].astype(str))
    if "teacher_id" in pins:
        pins["teacher_id"] = [_id(t, teachers) for t in pins["teacher_id"]]
    if "school" in pins:
        pins["school"] = [
            "; ".join(_id(s, schools) for s in split_list(cell)) for cell in pins["school"]
        ]
    pins["force"], problems = _force(pins, rows, source)
    if problems:
        raise InputError(problems, "pins")
    pins.attrs["source"] = source
    pins.attrs["rows"] = rows
    return pins


def _id(text: str, known: IdIndex | None) -> str:
    cleaned = clean_id(text)
    if known is None:
        return cleaned
    return known.resolve(cleaned) or cleaned


def _force(pins: pd.DataFrame, rows: list[int], source: str) -> tuple[list[bool], list[Problem]]:
    """The force flag of each pin (blank: not forced), and a problem for each cell not yes/no."""
    if "force" not in pins:
        return [False] * len(pins), []
    flags: list[bool] = []
    problems: list[Problem] = []
    for i, cell in enumerate(pins["force"]):
        word = normalise(cell)
        flags.append(word in TRUE_WORDS)
        if word not in TRUE_WORDS and word not in FALSE_WORDS:
            problems.append(
                Problem(
                    source,
                    Text("io.invalid_value"),
                    row=rows[i],
                    record=str(pins["teacher_id"].iloc[i]) if "teacher_id" in pins else None,
                    column="force",
                    value=cell,
                    expected=Text("expected.force"),
                )
            )
    return flags, problems

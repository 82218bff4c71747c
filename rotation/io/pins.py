"""pins: split from rotation.plan_files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from rotation.errors import InputError, Problem
from rotation.io.cells import cell_text, is_blank
from rotation.io.moves import _read_grid
from rotation.io.vocabulary import normalise

PIN_ALIASES = {
    "teacher_id": ("教师编号", "教师代码", "工号"),
    "action": ("决定", "操作", "安排"),
    "school": ("学校", "学校代码", "目标学校"),
}


def read_pins(path: str | Path) -> pd.DataFrame:
    """Pinned decisions from a CSV or the first sheet of an .xlsx: teacher_id, action (move,
    stay, to, not_to) and school. Their content is checked against the roster when planning
    (`attrs["source"]` names this file in those messages)."""
    path = Path(path)
    grid, problems = _read_grid(path, "pins (teacher_id, action, school)")
    if grid is None:
        raise InputError(problems, "pins")
    if grid.empty:
        raise InputError([Problem(str(path), "has no header row", expected="pins")], "pins")
    aliases = {normalise(a): c for c, names in PIN_ALIASES.items() for a in (c, *names)}
    headers = [aliases.get(normalise(cell_text(h)), cell_text(h).strip()) for h in grid.iloc[0]]
    body = grid.iloc[1:].map(lambda v: "" if is_blank(v) else cell_text(v).strip())
    pins = pd.DataFrame(body.to_numpy(), columns=headers)
    pins = pins[(pins != "").any(axis=1)].reset_index(drop=True)
    pins.attrs["source"] = str(path)
    return pins

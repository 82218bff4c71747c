"""A rotation plan: the moves, and reading/writing them in the contract's format.

The moves table has one row per rotated teacher: teacher_id, from_school, to_school,
start_year, end_year (end = start + term), then subject, stage, backbone and the reason the
teacher was chosen.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import InputError, Problem
from .roster_parsing import cell_text, is_blank
from .vocabulary import normalise

MOVE_COLUMNS = ("teacher_id", "from_school", "to_school", "start_year", "end_year")
MOVE_ALIASES = {
    "teacher_id": ("教师编号", "教师代码", "工号"),
    "from_school": ("原学校", "原学校代码", "派出学校", "from"),
    "to_school": ("交流学校", "交流学校代码", "接收学校", "to"),
    "start_year": ("开始年份", "交流开始年份"),
    "end_year": ("结束年份", "交流结束年份"),
}


def read_moves(path: str | Path) -> pd.DataFrame:
    """A plan's moves from a CSV (or the first sheet of an .xlsx), validated in form.

    Whether the moves fit a roster is checked when they are applied (`Roster.apply_moves`).
    """
    path = Path(path)
    source = str(path)
    try:
        if path.suffix.lower() == ".xlsx":
            raw = pd.read_excel(path, sheet_name=0, dtype=object)
        else:
            raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(
            [Problem(source, "file not found", expected="a plan CSV")], "plan"
        ) from None
    except (ValueError, OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise InputError([Problem(source, f"cannot be read ({err})")], "plan") from None
    aliases = {normalise(a): c for c, names in MOVE_ALIASES.items() for a in (c, *names)}
    raw = raw.rename(columns=lambda h: aliases.get(normalise(h), h))
    missing = [c for c in MOVE_COLUMNS if c not in raw.columns]
    if missing:
        raise InputError(
            [
                Problem(
                    source,
                    f"missing columns {', '.join(missing)}",
                    row=1,
                    expected="columns " + ", ".join(MOVE_COLUMNS),
                )
            ],
            "plan",
        )
    problems = []
    moves = raw.copy()
    for c in ("teacher_id", "from_school", "to_school"):
        moves[c] = [cell_text(v).strip() for v in raw[c]]
    for c in ("start_year", "end_year"):
        years = []
        for i, v in enumerate(raw[c]):
            text = "" if is_blank(v) else cell_text(v).strip()
            if not text.isdigit():
                problems.append(
                    Problem(
                        source,
                        "invalid year",
                        row=i + 2,
                        record=moves.at[i, "teacher_id"],
                        column=c,
                        value=text,
                        expected="a year such as 2026",
                    )
                )
                years.append(0)
            else:
                years.append(int(text))
        moves[c] = pd.Series(years, dtype="int64")
    if problems:
        raise InputError(problems, "plan")
    return moves

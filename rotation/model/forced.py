"""Pins against the rules: a teacher the rules keep from rotating (exempt, too few years, near
retirement, on leave, on rotation …) is pinned to move only when the pin says ``force``.

A pin sending a teacher on rotation back to the home school (``to`` that school and no other)
ends a rotation rather than starting one, and needs no force.
"""

from __future__ import annotations

import pandas as pd

from rotation.errors import InputError, Problem
from rotation.io.roster import Roster
from rotation.messages import Text, Words

__all__ = ["check_pins_eligible", "ineligible_pins"]

#: The columns of `ineligible_pins`.
COLUMNS = ("teacher_id", "name", "action", "row", "force", "reason", "detail")


def ineligible_pins(roster: Roster, pins: pd.DataFrame, status: pd.DataFrame) -> pd.DataFrame:
    """The pins that make a teacher move whom the rules make ineligible, one row per teacher.

    Parameters
    ----------
    roster
        The roster the pins were validated on.
    pins
        Validated pins (`rotation.model.pins.validate_pins`): teacher_id, action, school,
        force, row.
    status
        `rotation.policy.eligibility` of the first planned year.

    Returns
    -------
    pandas.DataFrame
        teacher_id, name, action (move or to), row (the first such pin's row in its file),
        force (any of the teacher's move/to pins forced), reason (the code) and detail (the
        catalogue sentence).
    """
    if not len(pins):
        return pd.DataFrame(columns=list(COLUMNS))
    going = pins[pins["action"].isin(("move", "to"))]
    teachers = roster.teachers.set_index("teacher_id")
    why = status.set_index("teacher_id")
    rows = []
    for tid, group in going.groupby("teacher_id", sort=False):
        if tid not in why.index or bool(why.at[tid, "eligible"]):
            continue
        home = str(teachers.at[tid, "home_school_id"])
        schools = set(group["school"])
        if home and set(group["action"]) == {"to"} and schools == {home}:
            continue  # back home early: the end of a rotation, not a new one
        first = group.iloc[0]
        rows.append(
            {
                "teacher_id": tid,
                "name": str(teachers.at[tid, "name"]),
                "action": str(first["action"]),
                "row": int(first["row"]) if "row" in group else None,
                "force": bool(group["force"].any()) if "force" in group else False,
                "reason": str(why.at[tid, "reason"]),
                "detail": why.at[tid, "detail"],
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))


def check_pins_eligible(
    roster: Roster, pins: pd.DataFrame, status: pd.DataFrame, source: str | None = None
) -> None:
    """Refuse every pin that moves an ineligible teacher without ``force``.

    Raises
    ------
    InputError
        One problem per such teacher: the pin's row, the teacher, the reason, and that a
        ``force`` (是) in the pin's row keeps the pin all the same.
    """
    refused = ineligible_pins(roster, pins, status)
    refused = refused[~refused["force"].astype(bool)]
    if refused.empty:
        return
    problems = [
        Problem(
            source or Text("what.pins"),
            Text(
                "pins.ineligible",
                who=_who(str(row["teacher_id"]), str(row["name"])),
                reason=row["detail"],
            ),
            row=None if row["row"] is None else int(row["row"]),
            record=str(row["teacher_id"]),
            column="action",
            value=row["action"],
            expected=Text("expected.force_or_eligible"),
        )
        for row in refused.to_dict("records")
    ]
    raise InputError(problems, "pins")


def _who(tid: str, name: str) -> str:
    """A teacher as a message names one: the name and the id, or the id alone."""
    if not name or name == tid:
        return tid
    return Words(f"{name}（{tid}）", f"{name} ({tid})")

"""Pinned decisions as the model reads them: checked against the roster, one row per
(teacher, action, school)."""

from __future__ import annotations

import pandas as pd

from rotation.errors import InputError, Problem
from rotation.io.roster import Roster
from rotation.io.vocabulary import STAGE_ZH, TRUE_WORDS, normalise
from rotation.messages import Text, Words, listed

PIN_ACTIONS = ("move", "stay", "to", "not_to")
PIN_COLUMNS = ("teacher_id", "action", "school", "force", "row")


def validate_pins(roster: Roster, pins: pd.DataFrame | None) -> pd.DataFrame:
    """Pinned decisions: teacher_id, action (move / stay / to / not_to), school (for to/not_to),
    force (the pin holds even where the rules make the teacher ineligible) and row (the pin's
    row in its file, for messages).

    "to" may list several schools (any of them); "not_to" rows forbid each school listed.
    """
    if pins is None or len(pins) == 0:
        return pd.DataFrame({c: [] for c in PIN_COLUMNS}, dtype=object)
    source = pins.attrs.get("source", Text("what.pins"))
    missing = [c for c in ("teacher_id", "action") if c not in pins.columns]
    if missing:
        raise InputError(
            [
                Problem(
                    source,
                    Text("io.missing_columns", columns=listed(missing)),
                    expected=Text(
                        "expected.pin_columns", columns=listed(["teacher_id", "action", "school"])
                    ),
                )
            ],
            "pins",
        )
    teachers = roster.teachers.set_index("teacher_id")
    stages = roster.stages()
    rows, problems = [], []
    lines = _file_rows(pins)
    for i, pin in enumerate(pins.itertuples(index=False)):
        tid = str(pin.teacher_id).strip()
        extra = {"force": _flag(getattr(pin, "force", False)), "row": lines[i]}
        action = str(pin.action).strip().lower()
        schools = str(getattr(pin, "school", "") or "").replace("；", ";").split(";")
        schools = [s.strip() for s in schools if s.strip() and s.strip().lower() != "nan"]
        where = {"row": lines[i], "record": tid}
        if tid not in teachers.index:
            problems.append(
                Problem(source, Text("io.unknown_teacher"), column="teacher_id", value=tid, **where)
            )
            continue
        if action not in PIN_ACTIONS:
            problems.append(
                Problem(
                    source,
                    Text("io.unknown_action"),
                    column="action",
                    value=action,
                    expected=Text("expected.one_of", codes=listed(PIN_ACTIONS)),
                    **where,
                )
            )
            continue
        if action in ("to", "not_to") and not schools:
            problems.append(
                Problem(
                    source, Text("io.action_needs_school", action=action), column="school", **where
                )
            )
        stage = teachers.at[tid, "stage"]
        for school in schools if action in ("to", "not_to") else []:
            if school not in stages:
                problems.append(
                    Problem(
                        source, Text("io.unknown_school"), column="school", value=school, **where
                    )
                )
            elif stage not in stages[school]:
                problems.append(
                    Problem(
                        source,
                        Text(
                            "io.school_without_stage",
                            stage=Words(STAGE_ZH.get(stage, stage), stage),
                        ),
                        column="school",
                        value=school,
                        expected=Text(
                            "expected.school_with_stage",
                            stage=Words(STAGE_ZH.get(stage, stage), stage),
                        ),
                        **where,
                    )
                )
            rows.append({"teacher_id": tid, "action": action, "school": school, **extra})
        if action in ("move", "stay"):
            rows.append({"teacher_id": tid, "action": action, "school": "", **extra})
    out = pd.DataFrame(rows, columns=list(PIN_COLUMNS))
    for tid, group in out.groupby("teacher_id"):
        kinds = set(group.action)
        if "stay" in kinds and kinds & {"move", "to"}:
            problems.append(
                Problem(
                    source,
                    Text("io.pinned_stay_and_move"),
                    column="action",
                    value=", ".join(sorted(kinds)),
                    record=tid,
                )
            )
    if problems:
        raise InputError(problems, "pins")
    return out


def _file_rows(pins: pd.DataFrame) -> list[int]:
    """Each pin's row in its file: as `rotation.io.pins.read_pins` recorded it (by index, so a
    county's share of the pins keeps its rows), else the position after a header row."""
    recorded = pins.attrs.get("rows")
    out = []
    for i, label in enumerate(pins.index):
        known = isinstance(recorded, list) and isinstance(label, int) and 0 <= label < len(recorded)
        out.append(int(recorded[label]) if known else i + 2)
    return out


def _flag(value: object) -> bool:
    """A force cell: True, or a word meaning yes (是, true, …); anything else is not forced."""
    if isinstance(value, str):
        return normalise(value) in TRUE_WORDS
    return bool(value) if value is not None and not pd.isna(value) else False  # type: ignore[arg-type]

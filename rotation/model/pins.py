"""Pinned decisions as the model reads them: checked against the roster, one row per
(teacher, action, school)."""

from __future__ import annotations

import pandas as pd

from rotation.errors import InputError, Problem
from rotation.io.roster import Roster
from rotation.io.vocabulary import STAGE_ZH
from rotation.messages import Text, Words, listed

PIN_ACTIONS = ("move", "stay", "to", "not_to")


def validate_pins(roster: Roster, pins: pd.DataFrame | None) -> pd.DataFrame:
    """Pinned decisions: teacher_id, action (move / stay / to / not_to), school (for to/not_to).

    "to" may list several schools (any of them); "not_to" rows forbid each school listed.
    """
    if pins is None or len(pins) == 0:
        return pd.DataFrame({"teacher_id": [], "action": [], "school": []}, dtype=object)
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
    for i, pin in enumerate(pins.itertuples(index=False)):
        tid = str(pin.teacher_id).strip()
        action = str(pin.action).strip().lower()
        schools = str(getattr(pin, "school", "") or "").replace("；", ";").split(";")
        schools = [s.strip() for s in schools if s.strip() and s.strip().lower() != "nan"]
        where = {"row": i + 2, "record": tid}
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
            rows.append({"teacher_id": tid, "action": action, "school": school})
        if action in ("move", "stay"):
            rows.append({"teacher_id": tid, "action": action, "school": ""})
    out = pd.DataFrame(rows, columns=["teacher_id", "action", "school"])
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

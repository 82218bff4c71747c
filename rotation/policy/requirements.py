"""What each school needs, by the policy's tables: teachers per subject and the staffing quota.

Both the optimiser and the independent plan checker read these, so a plan is judged by the
same arithmetic it was built with, and a user changing a table changes both.
"""

from __future__ import annotations

import math

import pandas as pd

from rotation.policy.settings import Policy


def subject_need(units: pd.DataFrame, policy: Policy) -> pd.DataFrame:
    """Teachers each unit needs per subject: ceil(classes × periods per class / weekly load).

    `units` is `Roster.units()`. Returns a frame indexed like `units` (school_id, stage) with
    one column per subject the stage teaches.
    """
    rows = {}
    for unit in units.itertuples(index=False):
        load = policy.teaching_load[unit.area][unit.stage]
        periods = policy.periods.get(unit.stage, {})
        rows[(unit.school_id, unit.stage)] = {
            subject: math.ceil(unit.classes * p / load - 1e-9) for subject, p in periods.items()
        }
    need = pd.DataFrame.from_dict(rows, orient="index").fillna(0).astype("int64")
    need.index = pd.MultiIndex.from_tuples(need.index, names=["school_id", "stage"])
    return need


def staff_quota(units: pd.DataFrame, policy: Policy) -> pd.Series:
    """Teaching posts per unit: the roster's staff_quota, else ceil(students / ratio)."""
    computed = [
        math.ceil(u.students / policy.students_per_staff[u.stage] - 1e-9)
        for u in units.itertuples(index=False)
    ]
    given = pd.to_numeric(units["staff_quota"], errors="coerce")
    quota = given.where(given.notna(), computed).astype("int64")
    quota.index = pd.MultiIndex.from_frame(units[["school_id", "stage"]])
    return quota


def staffing_cap(units: pd.DataFrame, policy: Policy) -> pd.Series:
    """Most teachers a unit may have after rotation: max(headcount before, quota).

    Rotation never piles teachers into a school beyond its quota, but a school already above
    its quota is not forced down by it either.
    """
    quota = staff_quota(units, policy)
    heads = pd.Series(units["teachers"].to_numpy(), index=quota.index)
    return pd.concat([heads, quota], axis=1).max(axis=1).astype("int64")


def coverage_floor(units: pd.DataFrame, subjects: pd.DataFrame, policy: Policy) -> pd.DataFrame:
    """Least teachers per unit and subject after rotation: min(teachers before, need).

    Rotation never opens a new shortage nor deepens one; `subjects` holds the counts before
    (indexed like `subject_need`, one column per subject).
    """
    need = subject_need(units, policy)
    have = subjects.reindex(index=need.index, columns=need.columns).fillna(0).astype("int64")
    return need.where(need < have, have)


def subject_counts(teachers: pd.DataFrame) -> pd.DataFrame:
    """Teachers per (school_id, stage) and subject."""
    return teachers.groupby(["school_id", "stage", "subject"]).size().unstack(fill_value=0)

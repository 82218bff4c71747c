"""What each school needs, by the policy's tables: teachers per subject and the staffing quota.

Both the optimiser and the independent plan checker read these, so a plan is judged by the
same arithmetic it was built with, and a user changing a table changes both.
"""

from __future__ import annotations

import math

import pandas as pd

from rotation.policy.settings import Policy

__all__ = ["coverage_floor", "staff_quota", "staffing_cap", "subject_counts", "subject_need"]


def subject_need(units: pd.DataFrame, policy: Policy) -> pd.DataFrame:
    """Teachers each unit needs per subject: ceil(classes × periods per class / weekly load).

    Parameters
    ----------
    units
        `Roster.units()`: school_id, stage, area and classes are read.
    policy
        Its `periods` and `teaching_load` tables.

    Returns
    -------
    pandas.DataFrame
        Indexed by (school_id, stage), one int64 column per subject the stages teach.
    """
    rows: dict[tuple[str, str], dict[str, int]] = {}
    for school_id, stage, area, classes in zip(
        units["school_id"].astype(str),
        units["stage"].astype(str),
        units["area"].astype(str),
        units["classes"].astype(float),
        strict=True,
    ):
        load = policy.teaching_load[area][stage]
        periods = policy.periods.get(stage, {})
        rows[(school_id, stage)] = {
            subject: math.ceil(classes * p / load - 1e-9) for subject, p in periods.items()
        }
    need = pd.DataFrame.from_dict(rows, orient="index").fillna(0).astype("int64")
    need.index = pd.MultiIndex.from_tuples(need.index, names=["school_id", "stage"])
    return need


def staff_quota(units: pd.DataFrame, policy: Policy) -> pd.Series:
    """Teaching posts per unit: the roster's staff_quota, else ceil(students / ratio).

    Parameters
    ----------
    units
        `Roster.units()`: stage, students and staff_quota (blank where not given) are read.
    policy
        Its `students_per_staff` table.

    Returns
    -------
    pandas.Series
        Posts (int64), indexed by (school_id, stage).
    """
    computed = [
        math.ceil(students / policy.students_per_staff[stage] - 1e-9)
        for stage, students in zip(
            units["stage"].astype(str), units["students"].astype(float), strict=True
        )
    ]
    given = pd.to_numeric(units["staff_quota"], errors="coerce")
    quota = given.where(given.notna(), computed).astype("int64")
    quota.index = pd.MultiIndex.from_frame(units[["school_id", "stage"]])
    return quota


def staffing_cap(units: pd.DataFrame, policy: Policy) -> pd.Series:
    """Most teachers a unit may have after rotation: max(headcount before, quota).

    Rotation never piles teachers into a school beyond its quota, but a school already above
    its quota is not forced down by it either.

    Parameters
    ----------
    units
        `Roster.units()`, with its `teachers` headcount.
    policy
        The policy whose quotas apply (see `staff_quota`).

    Returns
    -------
    pandas.Series
        The cap (int64), indexed by (school_id, stage).
    """
    quota = staff_quota(units, policy)
    heads = pd.Series(units["teachers"].to_numpy(), index=quota.index)
    return pd.concat([heads, quota], axis=1).max(axis=1).astype("int64")


def coverage_floor(units: pd.DataFrame, subjects: pd.DataFrame, policy: Policy) -> pd.DataFrame:
    """Least teachers per unit and subject after rotation: min(teachers before, need).

    Rotation never opens a new shortage nor deepens one.

    Parameters
    ----------
    units
        `Roster.units()`.
    subjects
        Teachers before, indexed like `subject_need` with one column per subject
        (`subject_counts`).
    policy
        The policy whose need applies (see `subject_need`).

    Returns
    -------
    pandas.DataFrame
        The floor, shaped like `subject_need`.
    """
    need = subject_need(units, policy)
    have = subjects.reindex(index=need.index, columns=need.columns).fillna(0).astype("int64")
    return need.where(need < have, have)


def subject_counts(teachers: pd.DataFrame) -> pd.DataFrame:
    """Teachers per (school_id, stage) and subject.

    Parameters
    ----------
    teachers
        A roster's teachers table.

    Returns
    -------
    pandas.DataFrame
        Counts indexed by (school_id, stage), one column per subject taught (0 where none).
    """
    return teachers.groupby(["school_id", "stage", "subject"]).size().unstack(fill_value=0)

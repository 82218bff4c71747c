"""A roster through the years: tenure grows, teachers retire, rotations end, plans take effect.

A roster describes the start of a school year Y: `years_at_school` counts completed years,
a teacher's age is Y − birth_year, a teacher whose retirement date falls in calendar year Y
is gone (rotation.policy.retirement: the 2025 reform, or fixed ages), and a rotation with
`rotation_end_year` E covers the years before E (the teacher is back home at the start of E).
A plan for year Y takes effect at the start of Y. These functions only move a roster forward;
they never invent hires.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from rotation.io.roster import Roster
from rotation.policy.retirement import retirement_years
from rotation.policy.settings import Policy

__all__ = ["YearChange", "next_year", "project", "retiring"]


@dataclass(frozen=True)
class YearChange:
    """What happened between two consecutive years of a projected roster."""

    year: int
    retired: pd.DataFrame  # teacher_id, school_id, stage, subject, gender, age
    returned: pd.DataFrame  # teacher_id, from (host), to (home)


def retiring(roster: Roster, policy: Policy, year: int) -> pd.Series:
    """True for teachers who reach their retirement age in `year` or before.

    Parameters
    ----------
    roster
        The roster.
    policy
        Its retirement rule and ages.
    year
        A calendar (school) year.

    Returns
    -------
    pandas.Series
        Booleans indexed like ``roster.teachers``. With fixed ages: year − birth_year ≥ age.
    """
    return retirement_years(roster.teachers, policy) <= year


def next_year(roster: Roster, policy: Policy, year: int) -> tuple[Roster, YearChange]:
    """The roster at the start of year+1, from the roster of `year` (after that year's moves).

    Every teacher gains a year at the school; those reaching retirement age leave; rotations
    ending at year+1 end (home, or staying at the host when the policy says so).

    Parameters
    ----------
    roster
        The roster of `year`.
    policy
        Retirement and `return_after_term` apply.
    year
        The year of `roster`.

    Returns
    -------
    tuple of (Roster, YearChange)
        The roster of year+1 and who retired and returned.
    """
    following = year + 1
    teachers = roster.teachers.copy()
    teachers["years_at_school"] = teachers["years_at_school"] + 1
    aged = roster.with_teachers(teachers)
    gone = retiring(aged, policy, following)
    columns = ["teacher_id", "school_id", "stage", "subject", "gender", "birth_year"]
    retired = teachers.loc[gone, columns].copy()
    retired["age"] = following - retired.pop("birth_year")
    kept = aged.with_teachers(teachers.loc[~gone])
    due = kept.rotations_ending(following)
    returned = pd.DataFrame(
        {
            "teacher_id": due["teacher_id"].to_numpy(),
            "from": due["school_id"].to_numpy(),
            "to": due["home_school_id"].to_numpy()
            if policy.return_after_term
            else due["school_id"].to_numpy(),
        }
    )
    after = kept.end_rotations(following, policy.return_after_term)
    return after, YearChange(following, retired.reset_index(drop=True), returned)


def project(
    roster: Roster,
    policy: Policy,
    first_year: int,
    moves_by_year: Mapping[int, pd.DataFrame | None],
) -> dict[int, Roster]:
    """The roster of each year from `first_year` on, applying each year's moves at its start.

    Parameters
    ----------
    roster
        The roster at the start of `first_year`, before its rotations ending then end.
    policy
        Retirement and `return_after_term` apply.
    first_year
        The first year projected.
    moves_by_year
        A moves table per year (teacher_id, from_school, to_school, start_year, end_year);
        None or absent for a year without moves.

    Returns
    -------
    dict of int to Roster
        The roster after the moves of each year, from `first_year` to the last year given.
    """
    out: dict[int, Roster] = {}
    state = roster.end_rotations(first_year, policy.return_after_term)
    years = sorted(moves_by_year) or [first_year]
    for year in range(first_year, max(years) + 1):
        if year > first_year:
            state, _ = next_year(state, policy, year - 1)
        moves = moves_by_year.get(year)
        if moves is not None and len(moves):
            state = state.apply_moves(moves)
        out[year] = state
    return out

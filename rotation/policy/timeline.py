"""A roster through the years: tenure grows, teachers retire, rotations end, plans take effect.

A roster describes the start of a school year Y: `years_at_school` counts completed years,
a teacher's age is Y − birth_year, and a rotation with `rotation_end_year` E covers the years
before E (the teacher is back home at the start of E). A plan for year Y takes effect at the
start of Y. These functions only move a roster forward; they never invent hires.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from rotation.io.roster import Roster
from rotation.policy.settings import Policy


@dataclass(frozen=True)
class YearChange:
    """What happened between two consecutive years of a projected roster."""

    year: int
    retired: pd.DataFrame  # teacher_id, school_id, stage, subject, gender, age
    returned: pd.DataFrame  # teacher_id, from (host), to (home)


def retiring(roster: Roster, policy: Policy, year: int) -> pd.Series:
    """True for teachers at or above their retirement age in `year`."""
    t = roster.teachers
    limit = t["gender"].map(policy.retirement_age)
    return (year - t["birth_year"]) >= limit


def next_year(roster: Roster, policy: Policy, year: int) -> tuple[Roster, YearChange]:
    """The roster at the start of year+1, from the roster of `year` (after that year's moves).

    Every teacher gains a year at the school; those reaching retirement age leave; rotations
    ending at year+1 end (home, or staying at the host when the policy says so).
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
    roster: Roster, policy: Policy, first_year: int, moves_by_year: dict[int, pd.DataFrame]
) -> dict[int, Roster]:
    """The roster of each year from `first_year` on, applying each year's moves at its start.

    `moves_by_year[y]` is a moves table for year y (teacher_id, from_school, to_school,
    start_year, end_year); the result holds the roster after the moves of each year.
    """
    out = {}
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

"""What only more posts (编制) can fix: the school rule and subject coverage within each unit's
posts, with the teachers who cannot leave held where they are.

A school unit (school and stage) holds at most max(its headcount, its staffing quota) teachers
after rotation and hiring (R6 and the free posts hiring fills). Some of those posts are held by
teachers who cannot rotate in any year of the road (too few years at the school, near
retirement, a leader within his terms, on leave …); the rest ("open" posts) may hold anyone:
the teacher there now, one rotated in, or one hired. Rotation never deepens a subject's
shortage (the coverage floor, min(teachers before, need)), so some open posts are bound to a
subject.

A relaxation, exact arithmetic per unit, optimistic everywhere (an open post may hold a
teacher of any subject, education and backbone level; a held teacher who meets the candidate
rule may be designated): what it finds impossible is impossible for any road.

- Coverage: the least teachers short is max(0, Σ_s max(0, need_s − held_s) − open posts).
- The school rule: every teacher indicator of the rule must reach its threshold, or its
  near-miss level for the one the rule lets fall short, with the facility indicators as they
  are. Indicator k reaches a count n when the open posts bound to subjects k cannot count,
  plus the larger of the open posts bound to subjects k counts and n − (held teachers k
  counts), fit in the open posts. The least posts to add is the least number that makes the
  rule reachable.

A unit whose facilities already fail the rule is left to `building.condemned_units`; a unit
without full facility data is not judged by the rule (as the review does not).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from rotation.indicators.definitions import OFFICIAL, Indicator, TeacherIndicator
from rotation.indicators.tables import resources, school_table
from rotation.io.numbers import cell_float
from rotation.io.roster import Roster
from rotation.policy.designation import designation_quota, is_candidate
from rotation.policy.eligible import eligibility
from rotation.policy.requirements import (
    coverage_floor,
    staffing_cap,
    subject_counts,
    subject_need,
)
from rotation.policy.settings import Policy
from rotation.policy.timeline import project

#: Slack below a needed count (a count of exactly the need meets it).
COUNT_TOLERANCE = 1e-9
#: The most posts `staffing_limits` tries to add to a unit before giving up on it.
MOST_EXTRA_POSTS = 200
COLUMNS = [
    "school_id",
    "stage",
    "name",
    "posts",
    "held",
    "short",
    "school_rule",
    "extra_posts",
    "missing",
]


def staffing_limits(
    roster: Roster, policy: Policy | None, years: Sequence[int] | int
) -> pd.DataFrame:
    """Per school unit, what its posts allow in the last of `years` (module doc).

    Parameters
    ----------
    roster : Roster
        The roster at the start of the first year.
    policy : Policy, optional
    years : int or sequence of int
        The road's school years (one, or consecutive ones).

    Returns
    -------
    pandas.DataFrame
        Indexed by (school_id, stage): name, posts (max(headcount, quota)), held (teachers
        who cannot leave in any of the years), short (the least teachers short of the
        subjects' need), school_rule (True, False, or None when the unit is not judged:
        facilities missing or already failing), extra_posts (the least posts to add for the
        school rule; 0 when it is reachable) and missing (the indicator codes that cannot
        reach their level within the posts).
    """
    policy = policy or Policy()
    years = (years,) if isinstance(years, int) else tuple(years)
    states = project(roster, policy, years[0], dict.fromkeys(years))
    state = states[years[-1]]
    held_ids = _held(states, policy, years)
    teachers = state.teachers
    held = teachers[teachers["teacher_id"].isin(held_ids)]
    units = state.units()
    need = subject_need(units, policy)
    floor = coverage_floor(units, subject_counts(teachers), policy)
    caps = staffing_cap(units, policy)
    held_subjects = subject_counts(held).reindex(
        index=need.index, columns=need.columns, fill_value=0
    )
    standard = policy.standard
    table = school_table(resources(state, standard), standard)
    rule = [i for i in OFFICIAL if isinstance(i, TeacherIndicator)]
    quota = designation_quota(policy.designation_share, len(teachers))
    designable = held.copy()
    if quota > 0:
        chosen = is_candidate(held, years[0], policy.designation_min_service_years)
        designable.loc[chosen, "backbone"] = "county"
    rows = []
    for key in need.index:
        posts = int(caps.get(key, 0))
        mine = held[(held["school_id"] == key[0]) & (held["stage"] == key[1])]
        open_posts = posts - len(mine)
        gaps = (need.loc[key] - held_subjects.loc[key]).clip(lower=0)
        bound = (floor.loc[key] - held_subjects.loc[key]).clip(lower=0)
        reach, extra, missing = _school_rule(
            key, table, rule, designable, bound, open_posts, policy
        )
        rows.append(
            {
                "school_id": key[0],
                "stage": key[1],
                "name": table.at[key, "name"] if key in table.index else "",
                "posts": posts,
                "held": len(mine),
                "short": max(0, int(gaps.sum()) - max(0, open_posts)),
                "school_rule": reach,
                "extra_posts": extra,
                "missing": missing,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS).set_index(["school_id", "stage"])


def _held(states: dict[int, Roster], policy: Policy, years: tuple[int, ...]) -> set[str]:
    """Teachers of the last year's roster who may rotate in none of the years."""
    ever: set[str] = set()
    for year in years:
        status = eligibility(states[year], policy, year)
        ever |= set(status.loc[status["eligible"].astype(bool), "teacher_id"])
    last = states[years[-1]].teachers["teacher_id"]
    return set(last) - ever


def _school_rule(
    key: tuple[str, str],
    table: pd.DataFrame,
    rule: list[TeacherIndicator],
    designable: pd.DataFrame,
    bound: pd.Series,
    open_posts: int,
    policy: Policy,
) -> tuple[bool | None, int, tuple[str, ...]]:
    """Whether the unit can meet the school rule within its posts, the least posts to add so
    that it can, and the indicators that cannot reach their level; (None, 0, ()) when the
    rule does not judge the unit here."""
    standard = policy.standard
    if key not in table.index or cell_float(table.at[key, "judged"]) < len(OFFICIAL):
        return None, 0, ()
    facilities = [i for i in OFFICIAL if not isinstance(i, TeacherIndicator)]
    fixed_met = sum(bool(table.at[key, f"{i.code}_met"]) for i in facilities)
    for ind in facilities:
        value = cell_float(table.at[key, ind.code])
        if value < standard.near_miss * float(ind.thresholds[key[1]]) - 1e-12:
            return None, 0, ()  # condemned by its facilities
    if fixed_met + len(rule) < standard.school_min_met:
        return None, 0, ()
    students = cell_float(table.at[key, "students"])
    mine = designable[(designable["school_id"] == key[0]) & (designable["stage"] == key[1])]
    demands = []
    for ind in rule:
        need = float(ind.thresholds[key[1]]) * students / ind.per
        full = math.ceil(need - COUNT_TOLERANCE)
        near = math.ceil(standard.near_miss * need - COUNT_TOLERANCE)
        have = int(ind.counts(mine).sum()) if len(mine) else 0
        counting = _counting_subjects(ind, list(bound.index))
        elsewhere = int(sum(v for s, v in bound.items() if s not in counting))
        here = int(sum(v for s, v in bound.items() if s in counting))
        demands.append(
            (ind.code, elsewhere + max(here, full - have), elsewhere + max(here, near - have))
        )
    allowed_short = fixed_met + len(rule) - standard.school_min_met
    for extra in range(MOST_EXTRA_POSTS + 1):
        room = open_posts + extra
        near_ok = all(n <= room for _, _, n in demands)
        full_short = [code for code, f, _ in demands if f > room]
        if near_ok and len(full_short) <= allowed_short:
            missing = () if extra == 0 else _missing(demands, open_posts, allowed_short)
            return extra == 0, extra, missing
    return False, MOST_EXTRA_POSTS, _missing(demands, open_posts, allowed_short)


def _missing(demands: list[tuple[str, int, int]], room: int, allowed_short: int) -> tuple[str, ...]:
    """The indicators that cannot reach their level in `room` open posts: those below even
    their near-miss level, and those short of their threshold beyond the one allowed."""
    below_near = [code for code, _, n in demands if n > room]
    short = [code for code, f, n in demands if f > room and n <= room]
    return tuple(below_near + (short if len(short) > allowed_short else []))


def _counting_subjects(ind: Indicator, subjects: list[str]) -> set[str]:
    """The subjects a teacher may teach and still be counted by `ind` (with the best education
    and backbone level): every subject for L1 and L2, PE, music and art for L3."""
    if not isinstance(ind, TeacherIndicator):
        return set()
    row = pd.DataFrame(
        {
            "subject": subjects,
            "education": "doctor",
            "backbone": "national",
            "stage": "primary",
        }
    )
    try:
        counted = ind.counts(row)
    except (KeyError, ValueError, TypeError):  # an indicator reading another column
        return set(subjects)
    return {s for s, c in zip(subjects, counted, strict=True) if bool(c)}

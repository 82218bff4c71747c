"""Plans for a roster of several counties: each county planned on its own, then combined.

Why split rather than one model with a pool per county: the counties share nothing. No teacher
may cross a county line, each county must meet its own rotation ratio and backbone share, and
each county's CVs are judged over its own schools, so the joint problem is exactly the sum of
independent ones. Solving them apart gives the same optimum with far smaller models (CP-SAT's
effort grows faster than the size), a county that is hard cannot starve an easy one of search
time, a county whose rules clash is named, and the parts can run side by side (`rotation.batch`
runs them as separate tasks).

The combined `Plan` holds every move; its evaluations judge each county on its own
(``plan.after.counties``), its phase figures are the sums over counties (every phase goal is a
sum: failing CVs, teachers, Σ weight·CV², km), and ``plan.counties`` keeps each county's own
plan. ``plan.verify()`` (through `verify_plan`) checks that no move crosses a county line and
each county's moves against the rules, county by county.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping

import pandas as pd

from rotation.errors import InputError, Problem
from rotation.io.counties import school_county, teacher_county
from rotation.io.roster import Roster
from rotation.model import SolverSettings
from rotation.planning.result import Plan, SolverReport
from rotation.planning.setup import prepare
from rotation.planning.years import play_out
from rotation.policy.settings import Policy

#: The least solver time a county gets, whatever its share of the teachers (seconds).
MIN_COUNTY_SECONDS = 1.0

#: Phase figures that add up across counties.
_SUMMED = ("value", "bound", "seconds", "second", "second_bound")
_SOLVER_SUMMED = (
    "objective",
    "best_bound",
    "wall_seconds",
    "wall_budget",
    "deterministic_time",
    "deterministic_budget",
)

PlanOne = Callable[..., Plan]


def split_pins(roster: Roster, pins: pd.DataFrame | None) -> dict[str, pd.DataFrame | None]:
    """Pins per county (by the teacher's county); a pin naming a school of another county is an
    error. A pin of an unknown teacher goes to the first county, whose plan reports it."""
    names = roster.counties()
    if pins is None or not len(pins):
        return dict.fromkeys(names, pins)
    of_teacher = pd.Series(
        teacher_county(roster.schools, roster.teachers).to_numpy(),
        index=roster.teachers["teacher_id"].astype(str),
    )
    where = school_county(roster.schools)
    county = pins["teacher_id"].astype(str).map(of_teacher).fillna(names[0])
    problems = []
    if "school" in pins:
        target = pins["school"].fillna("").astype(str).map(where).fillna("")
        for i in range(len(pins)):
            if target.iloc[i] and target.iloc[i] != county.iloc[i]:
                problems.append(
                    Problem(
                        pins.attrs.get("source", "pins"),
                        f"the school is in {target.iloc[i]}, the teacher in {county.iloc[i]}",
                        record=str(pins["teacher_id"].iloc[i]),
                        column="school",
                        value=pins["school"].iloc[i],
                        expected=f"a school of {county.iloc[i]}: teachers never rotate across "
                        "a county line",
                    )
                )
    if problems:
        raise InputError(problems, "pins")
    return {name: pins[county.to_numpy() == name] for name in names}


def county_settings(roster: Roster, settings: SolverSettings) -> dict[str, SolverSettings]:
    """Each county's share of the time limit, by its share of the teachers (at least
    `MIN_COUNTY_SECONDS`)."""
    parts = roster.by_county()
    total = max(1, len(roster.teachers))
    return {
        name: dataclasses.replace(
            settings,
            time_limit=max(MIN_COUNTY_SECONDS, settings.time_limit * len(part.teachers) / total),
        )
        for name, part in parts.items()
    }


def plan_by_county(
    roster: Roster,
    policy: Policy | None,
    year: int | None,
    *,
    horizon: int,
    pins: pd.DataFrame | None,
    roads: pd.DataFrame | None,
    settings: SolverSettings,
    plan_one: PlanOne,
) -> Plan:
    """Plan each county of `roster` with `plan_one` (`rotation.plan` on one county) and combine
    the plans (module doc)."""
    parts = roster.by_county()
    pins_of = split_pins(roster, pins)
    settings_of = county_settings(roster, settings)
    plans = {
        name: plan_one(
            part,
            policy,
            year,
            horizon=horizon,
            pins=pins_of[name],
            roads=roads,
            settings=settings_of[name],
        )
        for name, part in parts.items()
    }
    return combine_plans(roster, plans, settings, roads)


def combine_plans(
    roster: Roster,
    plans: Mapping[str, Plan],
    settings: SolverSettings,
    roads: pd.DataFrame | None = None,
) -> Plan:
    """One `Plan` of a roster of several counties from each county's plan (same years and
    policy): the moves together, judged county by county.

    Parameters
    ----------
    roster
        The whole roster.
    plans
        County → the plan of that county's part of the roster.
    settings
        The solver settings of the whole call.
    roads
        The road table the county plans used, if any.

    Returns
    -------
    Plan
        With ``counties`` holding `plans`.
    """
    first = next(iter(plans.values()))
    setup = prepare(roster, first.policy, first.year, roads)
    moves = _concat([p.moves for p in plans.values()])
    years = first.years
    solver = SolverReport(
        settings=settings,
        phases=_sum_phases([p.solver.phases for p in plans.values()], "cp_sat_status"),
        seconds=sum(p.solver.seconds for p in plans.values()),
        first_plan_seconds=max(p.solver.first_plan_seconds for p in plans.values()),
        greedy_moves=sum(p.solver.greedy_moves for p in plans.values()),
    )
    return Plan(
        roster=roster,
        start=setup.start,
        policy=first.policy,
        years=years,
        moves=moves,
        returns=_concat([p.returns for p in plans.values()]),
        eligibility=_concat([p.eligibility for p in plans.values()]),
        phases=_sum_phases([p.phases for p in plans.values()], "status"),
        yearly=play_out(setup.start, first.policy, years, moves),
        solver=solver,
        pins=_concat([p.pins for p in plans.values()]),
        distances=_block(p.distances for p in plans.values()),
        counties=dict(plans),
    )


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    kept = [f for f in frames if len(f.columns)]
    if not kept:
        return frames[0] if frames else pd.DataFrame()
    nonempty = [f for f in kept if len(f)] or kept[:1]
    return pd.concat(nonempty, ignore_index=True)


def _sum_phases(tables: list[pd.DataFrame], status: str) -> pd.DataFrame:
    """Phase tables of several counties as one: figures summed, the worst status kept."""
    grouped = pd.concat(tables).groupby(level=0, sort=False)
    out = grouped.first()
    for column in out.columns:
        if column in (*_SUMMED, *_SOLVER_SUMMED):
            out[column] = grouped[column].sum(min_count=1)
        elif column == status:
            out[column] = grouped[column].agg(_worst)
        elif column == "clock_stopped":
            out[column] = grouped[column].any()
    return out.reindex(tables[0].index)


def _worst(statuses: pd.Series) -> object:
    """The least conclusive of the counties' statuses (optimal only when all are)."""
    order = ["optimal", "feasible"]
    return max(
        statuses, key=lambda s: order.index(str(s).lower()) if str(s).lower() in order else 2
    )


def _block(tables: Iterable[pd.DataFrame | None]) -> pd.DataFrame | None:
    """The counties' distance tables as one (NaN between counties)."""
    parts = [t for t in tables if t is not None]
    if not parts:
        return None
    out = pd.concat(parts)
    return out.reindex(columns=out.index)

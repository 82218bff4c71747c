"""`plan`: a rotation plan for one school year or several, and `plan_horizon`, its multi-year
spelling.

Years Y … Y+N−1 are planned in one model: each year meets the ratio and backbone share of that
year's eligible teachers (those the plan already moved are away, not eligible), moves last the
policy's term and then the teacher returns (or stays), tenure grows and resets on a move,
teachers retire by age, and nobody rotates twice within the plan. Because the first phase
counts every failing CV of every year, the plan passes as early as the rules allow.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd

from rotation.errors import InputError, Problem
from rotation.io.roster import Roster, read_roster
from rotation.messages import Text
from rotation.model import ProgressHook, SolverSettings, solve_rotation
from rotation.planning.counties import plan_by_county
from rotation.planning.replan import previous_moves
from rotation.planning.result import Plan, SolverReport
from rotation.planning.setup import prepare
from rotation.planning.years import play_out
from rotation.policy.settings import Policy
from rotation.reports.progress import ProgressLines


def plan(
    roster: Roster | str | Path,
    policy: Policy | None = None,
    year: int | None = None,
    *,
    horizon: int = 1,
    pins: pd.DataFrame | None = None,
    roads: pd.DataFrame | None = None,
    settings: SolverSettings | None = None,
    time_limit: float | None = None,
    progress: bool | ProgressHook = True,
    previous: pd.DataFrame | Plan | None = None,
) -> Plan:
    """Plan the rotation of `horizon` school years from `year`: every rule kept, the official
    CVs optimised.

    Parameters
    ----------
    roster : Roster, str or Path
        The county's roster, or a path `rotation.read_roster` reads.
    policy : Policy, optional
        The rules (default: the Anhui preset).
    year : int, optional
        The first school year planned (default: this calendar year).
    horizon : int, default 1
        How many consecutive years to plan in one model.
    pins : pandas.DataFrame, optional
        Pinned decisions (teacher_id, action move / stay / to / not_to, school). They hold in
        the first year; a "stay" pin holds for the whole plan.
    roads : pandas.DataFrame, optional
        An edge table (from, to, km) replacing straight-line distances.
    settings : SolverSettings, optional
        Time limit, workers, seed, deterministic mode (default: `SolverSettings()`).
    time_limit : float, optional
        Shorthand for ``settings.time_limit``: seconds for the whole call.
    progress : bool or callable, default True
        Show a live line per optimisation phase (phase, time, teachers rotated, CVs failing,
        gap) once the solve has run 2 seconds: a widget in a notebook, stderr in a script, in
        the roster's language. False shows nothing; a callable is called with each
        `rotation.model.PhaseProgress` instead.
    previous : pandas.DataFrame or Plan, optional
        Re-plan with least change: an earlier plan of this roster (a `Plan`, or its moves as
        ``plan.moves`` or `rotation.read_moves` give them). It is the solver's starting point,
        and the teachers whose move differs from it are the fewest the review's targets allow
        (the phase right after the targets); ``plan.changes()`` lists them with the reason.
        Its moves starting outside the planned years are left out. One county at a time.

    Returns
    -------
    Plan
        The moves, each year judged before and after, and how each phase ended.

    Raises
    ------
    InfeasibleError
        No plan can keep the rules; the message names the rules that clash.
    NoPlanFound
        The time ran out before any plan was found, and none was proven impossible.
    """
    if not isinstance(horizon, int) or isinstance(horizon, bool) or horizon < 1:
        raise InputError(
            [
                Problem(
                    Text("source.horizon"),
                    Text("error.invalid_horizon"),
                    value=horizon,
                    expected=Text("expected.int_from_1"),
                )
            ]
        )
    settings = settings or SolverSettings()
    if time_limit is not None:
        settings = dataclasses.replace(settings, time_limit=time_limit)
    roster = read_roster(roster)
    if len(roster.counties()) > 1:  # each county planned on its own (planning/counties.py)
        if previous is not None:
            raise InputError(
                [Problem(Text("what.previous_plan"), Text("error.previous_one_county"))]
            )
        return plan_by_county(
            roster,
            policy,
            year,
            horizon=horizon,
            pins=pins,
            roads=roads,
            settings=settings,
            plan_one=plan,
        )
    setup = prepare(roster, policy, year, roads)
    years = tuple(range(setup.year, setup.year + horizon))
    lines = ProgressLines(setup.roster.lang) if progress is True else None
    hook = lines or (progress if callable(progress) else None)
    before = previous_moves(setup.start, previous) if previous is not None else None
    try:
        result = solve_rotation(
            setup.start, setup.policy, years, settings, pins, setup.km, hook, before
        )
    finally:
        if lines is not None:
            lines.close()
    return Plan(
        roster=setup.roster,
        start=setup.start,
        policy=setup.policy,
        years=years,
        moves=result.moves,
        returns=setup.returns,
        eligibility=result.eligibility,
        phases=result.phases,
        yearly=play_out(setup.start, setup.policy, years, result.moves),
        solver=SolverReport(
            settings=settings,
            phases=result.solver,
            seconds=result.seconds,
            first_plan_seconds=result.first_plan_seconds,
            greedy_moves=result.greedy_moves,
        ),
        pins=result.pins,
        distances=setup.km,
        previous=before,
    )


def plan_horizon(
    roster: Roster | str | Path,
    policy: Policy | None = None,
    year: int | None = None,
    horizon: int = 3,
    *,
    pins: pd.DataFrame | None = None,
    roads: pd.DataFrame | None = None,
    settings: SolverSettings | None = None,
    time_limit: float | None = None,
    progress: bool | ProgressHook = True,
) -> Plan:
    """`plan` over `horizon` consecutive years (default 3); the same `Plan` comes back."""
    return plan(
        roster,
        policy,
        year,
        horizon=horizon,
        pins=pins,
        roads=roads,
        settings=settings,
        time_limit=time_limit,
        progress=progress,
    )

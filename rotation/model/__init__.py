"""The CP-SAT model of a rotation plan, for one school year or several.

instance.py     the roster seen as units, teacher classes and candidate destinations
variables.py    how many of each class leave, and where they arrive
rules.py        the hard rules, one function each (R1–R8)
objectives.py   the lexicographic objective terms (a)–(e), the CV stated exactly
heuristic.py    a greedy plan giving the first phase a complete hint
solve.py        the phases, within one time limit (optionally repeatable on any machine)
status.py       how a solve ended (SolveStatus), and the error that means a bug of ours
figures.py      each phase's result in the user's units, and the solver's raw figures
assign.py       from class flows to named teachers
explain.py      which rules clash when there is no plan, with the names behind them
suggest.py      the smallest change of a setting that gives a plan, each checked by solving
feasibility.py  whether every CV can pass by a year (for minimum_ratio_to_pass)
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from rotation.io.roster import Roster
from rotation.model.assign import moves_table
from rotation.model.feasibility import all_cvs_pass_by
from rotation.model.figures import phase_table, solver_table
from rotation.model.instance import build_instance
from rotation.model.solve import (
    Clock,
    NoPlanFound,
    PhaseProgress,
    ProgressHook,
    SolverSettings,
    solve_phases,
)
from rotation.model.status import ModelInvalidError, SolveStatus
from rotation.policy.settings import Policy

__all__ = [
    "ModelInvalidError",
    "ModelResult",
    "NoPlanFound",
    "PhaseProgress",
    "ProgressHook",
    "SolveStatus",
    "SolverSettings",
    "all_cvs_pass_by",
    "phase_table",
    "solve_rotation",
    "solver_table",
]


@dataclass(frozen=True)
class ModelResult:
    """A solved model. `phases`: per phase its goal, status, value and bound in the user's
    units (figures.py); `solver`: CP-SAT's raw figures per phase; `status`: optimal only if
    every phase was proven optimal."""

    moves: pd.DataFrame
    phases: pd.DataFrame
    eligibility: pd.DataFrame
    pins: pd.DataFrame
    seconds: float
    greedy_moves: int
    first_plan_seconds: float
    solver: pd.DataFrame
    status: SolveStatus


def solve_rotation(
    roster: Roster,
    policy: Policy,
    year: int | Sequence[int],
    settings: SolverSettings,
    pins: pd.DataFrame | None = None,
    distances: pd.DataFrame | None = None,
    progress: ProgressHook | None = None,
    previous: pd.DataFrame | None = None,
) -> ModelResult:
    """Build the instance for one year or consecutive years, solve every phase, and name the
    teachers who move (each year's rows start that year). The time limit covers the whole
    call, the explanation of an infeasible roster included. `progress` is told when each
    phase starts, finds a better plan and ends (see PhaseProgress). `previous`: the moves of
    an earlier plan of this roster, the hint, changed as little as the review's targets allow
    (phase (a′))."""
    clock = Clock(settings)
    inst = build_instance(
        roster, policy, year, pins, distances, settings.max_destinations, previous
    )
    sol = solve_phases(inst, settings, clock, progress)
    moves = moves_table(sol)
    return ModelResult(
        moves=moves,
        phases=phase_table(sol),
        eligibility=inst.status,
        pins=inst.pins,
        seconds=time.monotonic() - clock.start,
        greedy_moves=sol.greedy_moves,
        first_plan_seconds=sol.first_plan_seconds,
        solver=solver_table(sol),
        status=SolveStatus.overall([p.status for p in sol.phases]),
    )

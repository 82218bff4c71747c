"""Whether every optimised CV can pass by a given year: the question `minimum_ratio_to_pass`
asks for each trial ratio, answered by CP-SAT without an objective."""

from __future__ import annotations

import time

import pandas as pd
from ortools.sat.python import cp_model

from rotation.io.roster import Roster
from rotation.model.instance import build_instance
from rotation.model.solve import (
    DETERMINISTIC_TIME_PER_SECOND,
    SolverSettings,
    build_model,
    configured_solver,
)
from rotation.model.status import ModelInvalidError
from rotation.policy.settings import Policy

_VERDICT = {cp_model.FEASIBLE: True, cp_model.OPTIMAL: True, cp_model.INFEASIBLE: False}


def all_cvs_pass_by(
    start: Roster,
    policy: Policy,
    years: tuple[int, ...],
    distances: pd.DataFrame | None,
    settings: SolverSettings,
    time_limit: float,
) -> bool | None:
    """Whether a plan for `years` (consecutive, from the roster's start) keeps every rule of
    `policy` and has every CV term of the last year within its threshold (excess 0).

    True: such a plan exists; False: proven impossible; None: not known within `time_limit`
    seconds (which cover building the model too). `settings` gives the workers, seed and
    deterministic mode (its own time limit is not used; in deterministic mode the search is
    limited by the deterministic time of `time_limit` as in `solve_phases`)."""
    began = time.monotonic()
    inst = build_instance(start, policy, years, None, distances, settings.max_destinations)
    built = build_model(inst)
    for term in built.terms.cv:
        if term.year == len(years) - 1:
            built.model.add(term.excess == 0)
    left = time_limit - (time.monotonic() - began)
    if left <= 0:
        return None
    solver = configured_solver(settings, left, DETERMINISTIC_TIME_PER_SECOND * time_limit)
    status = solver.solve(built.model)
    if status == cp_model.MODEL_INVALID:
        raise ModelInvalidError("the check that every CV can pass", built.model.validate())
    return _VERDICT.get(status)

"""The CP-SAT model of a rotation plan, for one school year or several.

instance.py    the roster seen as units, teacher classes and candidate destinations
variables.py   how many of each class leave, and where they arrive
rules.py       the hard rules, one function each (R1–R8)
objectives.py  the lexicographic objective terms (a)–(e), the CV stated exactly
heuristic.py   a greedy plan giving the first phase a complete hint
solve.py       the phases, within one time limit
assign.py      from class flows to named teachers
explain.py     which rules clash when there is no plan
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from rotation.io.roster import Roster
from rotation.io.vocabulary import STAGES
from rotation.model.assign import moves_table
from rotation.model.instance import build_instance
from rotation.model.solve import PHASE_MEANING, Solution, SolverSettings, solve
from rotation.policy.settings import Policy

__all__ = ["ModelResult", "SolverSettings", "solve_rotation"]


@dataclass(frozen=True)
class ModelResult:
    moves: pd.DataFrame
    phases: pd.DataFrame
    eligibility: pd.DataFrame
    pins: pd.DataFrame
    seconds: float
    greedy_moves: int
    first_plan_seconds: float


def solve_rotation(
    roster: Roster,
    policy: Policy,
    year: int | Sequence[int],
    settings: SolverSettings,
    pins: pd.DataFrame | None = None,
    distances: pd.DataFrame | None = None,
) -> ModelResult:
    """Build the instance for one year or consecutive years, solve every phase, and name the
    teachers who move (each year's rows start that year)."""
    inst = build_instance(roster, policy, year, pins, distances, settings.max_destinations)
    sol = solve(inst, settings)
    return ModelResult(
        moves=moves_table(sol),
        phases=phase_table(sol),
        eligibility=inst.status,
        pins=inst.pins,
        seconds=sol.seconds,
        greedy_moves=sol.greedy_moves,
        first_plan_seconds=sol.first_plan_seconds,
    )


def phase_table(sol: Solution) -> pd.DataFrame:
    """One row per phase solved: what it minimised, its status, objective, bound and time.

    `value` and `bound_value` are in the phase's own unit; for (c) that is Σ weight·CV²
    (the model's S equals K·(CV² + 1) per indicator and stage)."""
    weight_sum = sum(int(sol.inst.weights[k]) for k in _cv_indicators(sol))
    rows = []
    for p in sol.phases:
        value, bound = p.objective, p.bound
        if p.name == "cvs":
            value = p.objective / sol.scale - weight_sum
            bound = p.bound / sol.scale - weight_sum
        rows.append(
            {
                "phase": p.name,
                "minimises": PHASE_MEANING[p.name],
                "status": p.status,
                "objective": p.objective,
                "bound": p.bound,
                "value": value,
                "bound_value": bound,
                "seconds": round(p.seconds, 2),
            }
        )
    columns = ["phase", "minimises", "status", "objective", "bound", "value", "bound_value"]
    return pd.DataFrame(rows, columns=[*columns, "seconds"]).set_index("phase")


def _cv_indicators(sol: Solution) -> list[int]:
    """The indicator index of every (indicator, stage, year) CV term."""
    inst = sol.inst
    out = []
    students = inst.units["students"].to_numpy()
    for y in range(inst.n_years):
        for k in range(len(inst.indicators)):
            for stage in STAGES:
                units = inst.cv_units(stage)
                if units and inst.r0[y, k, units].sum() > 0 and students[units].sum() > 0:
                    out.append(k)
    return out

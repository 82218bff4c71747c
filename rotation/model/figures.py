"""Each phase's result in the user's units, and the solver's raw figures beside them.

`phase_table` has one row per phase solved, indexed by phase, with `goal` (what it minimises),
`status` (a SolveStatus), `value` and `bound` (the phase's plan and the best proven lower bound,
in `unit`), `seconds`, and a second figure where a phase has one (`second`, `second_bound`,
`second_unit`, else empty):

| phase      | value / bound                                  | second                          |
|------------|------------------------------------------------|---------------------------------|
| thresholds | CVs above their thresholds (count)             | their total excess, in CV units |
| changes    | teachers whose move differs from the previous  |                                 |
|            | plan (only when re-planning)                   |                                 |
| moves      | teachers rotated                               |                                 |
| cvs        | Σ weight·CV² of the optimised indicators       |                                 |
| schools    | teachers schools lack to reach their own       |                                 |
|            | thresholds (where rotation can change a count) |                                 |
| disruption | km of travel of routed moves (less 20 km per   | wishes granted (when any)       |
|            | wish granted, when teachers stated wishes)     |                                 |

Values are computed from the phase's own plan; bounds from CP-SAT's bound on the phase's
weighted objective, converted so that they stay true lower bounds (so a weighted phase proven
optimal may show a bound below its value). A bound that cannot be stated in the unit is NaN.

`solver_table` has the raw figures: CP-SAT's status, objective and best bound (scaled
integers), clock and deterministic time used and allowed, and whether the clock stopped it.
"""

from __future__ import annotations

import math

import pandas as pd

from rotation.model.objectives import PREFERENCE_BONUS_KM, TRAVEL_UNITS_PER_KM, Terms
from rotation.model.solve import PHASE_GOALS, PhaseResult, Solution

PHASE_COLUMNS = [
    *("goal", "status", "value", "bound", "unit", "seconds"),
    *("second", "second_bound", "second_unit"),
]
SOLVER_COLUMNS = [
    *("cp_sat_status", "objective", "best_bound", "wall_seconds", "wall_budget"),
    *("deterministic_time", "deterministic_budget", "clock_stopped"),
]
#: Slack when reading CP-SAT's floating-point bound of an integer objective as an integer.
BOUND_TOLERANCE = 1e-6


def phase_table(sol: Solution) -> pd.DataFrame:
    """One row per phase solved, in the user's units (module doc)."""
    rows = []
    for p in sol.phases:
        row: dict[str, object] = {"phase": p.name, "goal": PHASE_GOALS[p.name]}
        row["status"] = p.status
        row |= {"value": math.nan, "bound": math.nan, "unit": UNITS[p.name]}
        row |= {"seconds": round(p.seconds, 2), "second": math.nan, "second_bound": math.nan}
        row["second_unit"] = ""
        if p.values is not None:
            row |= FIGURES[p.name](sol, p)
        rows.append(row)
    return pd.DataFrame(rows, columns=["phase", *PHASE_COLUMNS]).set_index("phase")


def solver_table(sol: Solution) -> pd.DataFrame:
    """One row per phase solved: CP-SAT's own figures (module doc)."""
    rows = [
        {
            "phase": p.name,
            "cp_sat_status": p.cp_sat_status,
            "objective": p.objective,
            "best_bound": p.bound,
            "wall_seconds": p.seconds,
            "wall_budget": p.wall_budget,
            "deterministic_time": p.deterministic_time,
            "deterministic_budget": p.deterministic_budget,
            "clock_stopped": p.clock_stopped,
        }
        for p in sol.phases
    ]
    return pd.DataFrame(rows, columns=["phase", *SOLVER_COLUMNS]).set_index("phase")


UNITS = {
    "thresholds": "CVs failing",
    "changes": "teachers changed",
    "moves": "teachers",
    "cvs": "Σ weight·CV²",
    "schools": "teachers short",
    "disruption": "km",
}


def _int_bound(p: PhaseResult) -> int:
    """CP-SAT's bound of an integer objective, as an integer."""
    return math.ceil(p.bound - BOUND_TOLERANCE)


def _terms(sol: Solution) -> Terms:
    assert sol.terms is not None
    return sol.terms


def _counts(sol: Solution, values: dict[int, int]) -> dict[tuple[int, int, int], int]:
    """Indicator count per (k, unit, year) in a phase's plan, for the counts that can change."""
    return {key: values[r.index] for key, r in _terms(sol).counts.items()}


def _thresholds(sol: Solution, p: PhaseResult) -> dict:
    """(a): how many CV terms fail (S above its pass bound), and by how much in CV units."""
    inst, terms = sol.inst, _terms(sol)
    counts = _counts(sol, p.values)
    failing, excess = 0, 0.0
    for t in terms.cv:
        changing = (u for u in t.weights if (t.k, u, t.year) in counts)
        s = t.constant + sum(t.weights[u] * counts[(t.k, u, t.year)] ** 2 for u in changing)
        if s > t.bound:
            failing += 1
            threshold = inst.policy.standard.cv_thresholds[t.stage]
            excess += max(0.0, math.sqrt(max(0.0, s / terms.scale - 1)) - threshold)
    weights = [int(inst.weights[t.k]) for t in terms.cv]
    # objective = big·Σ w·fails + Σ w·excess with Σ w·excess < big: Σ w·fails ≥ ⌊bound / big⌋
    weighted_fails = _int_bound(p) // terms.big
    achieved = sum(w * p.values[t.fails.index] for w, t in zip(weights, terms.cv, strict=True))
    return {
        "value": failing,
        "bound": min(len(terms.cv), math.ceil(weighted_fails / max(weights))),
        "second": excess,
        "second_bound": _excess_bound(sol, p, weighted_fails, achieved),
        "second_unit": "CV above threshold, summed",
    }


def _excess_bound(sol: Solution, p: PhaseResult, weighted_fails: int, achieved: int) -> float:
    """A lower bound on the summed CV excess among plans with the fewest failing CVs: when the
    bound proves the plan's failing count least, Σ w·excess ≥ bound − big·fails; each CV's
    excess is concave in its S excess, so the least sum puts it all on one term. NaN when the
    failing count is not proven least (a plan with fewer might exceed more)."""
    inst, terms = sol.inst, _terms(sol)
    if weighted_fails != achieved:
        return math.nan
    least = _int_bound(p) - terms.big * achieved
    if least <= 0:
        return 0.0
    out = math.inf
    for t in terms.cv:
        w = int(inst.weights[t.k])
        threshold = inst.policy.standard.cv_thresholds[t.stage]
        s = t.bound + least / w
        out = min(out, max(0.0, math.sqrt(max(0.0, s / terms.scale - 1)) - threshold))
    return out if math.isfinite(out) else math.nan


def _moves(sol: Solution, p: PhaseResult) -> dict:
    """(b): the objective is the number of teachers rotated."""
    return {"value": round(p.objective), "bound": max(0, _int_bound(p))}


def _changes(sol: Solution, p: PhaseResult) -> dict:
    """(a′): the objective is the number of teachers whose move differs from the previous
    plan."""
    return {"value": round(p.objective), "bound": max(0, _int_bound(p))}


def _cvs(sol: Solution, p: PhaseResult) -> dict:
    """(c): S = K·(CV² + 1) per term, so Σ weight·CV² = objective / K − Σ weight."""
    inst, terms = sol.inst, _terms(sol)
    weight_sum = sum(int(inst.weights[t.k]) for t in terms.cv)
    return {
        "value": max(0.0, p.objective / terms.scale - weight_sum),
        "bound": max(0.0, p.bound / terms.scale - weight_sum),
    }


def _schools(sol: Solution, p: PhaseResult) -> dict:
    """(d): teachers short, unweighted; Σ short ≥ Σ weight·short / largest weight."""
    inst, terms = sol.inst, _terms(sol)
    counts = _counts(sol, p.values)
    short = sum(max(0, needed - counts[key]) for key, (_, needed) in terms.shortfalls.items())
    top = max((int(inst.weights[k]) for k, _, _ in terms.shortfalls), default=1)
    return {"value": short, "bound": max(0, math.ceil(_int_bound(p) / top))}


def _disruption(sol: Solution, p: PhaseResult) -> dict:
    """(e): the objective is travel in travel units less the bonus for each wish granted."""
    terms = _terms(sol)
    out: dict[str, object] = {
        "value": p.objective / TRAVEL_UNITS_PER_KM,
        "bound": _int_bound(p) / TRAVEL_UNITS_PER_KM,
    }
    if terms.preference:
        granted = sum(p.values[took.index] for took, _ in terms.preference.values())
        out |= {
            "unit": f"km, less {PREFERENCE_BONUS_KM} km per wish granted",
            "second": granted,
            "second_bound": math.nan,
            "second_unit": "wishes granted",
        }
    else:
        out["bound"] = max(0.0, out["bound"])
    return out


FIGURES = {
    "thresholds": _thresholds,
    "changes": _changes,
    "moves": _moves,
    "cvs": _cvs,
    "schools": _schools,
    "disruption": _disruption,
}

"""Build the CP-SAT model and solve it phase by phase (lexicographically), within one time limit.

Each phase minimises its term with the earlier phases' best values held as constraints, and
starts from the previous phase's solution as a complete hint (the first from the greedy). The
time limit covers everything, presolve included: each phase gets a share of what is left, and
a phase proven optimal early passes its unused time on.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from rotation.errors import RotationError
from rotation.model import objectives as obj
from rotation.model.heuristic import greedy_plan, hint_values
from rotation.model.instance import Instance
from rotation.model.rules import add_rules
from rotation.model.variables import Flows, build_flows

#: Phase name → share of the remaining time it may use.
PHASES = (
    ("thresholds", 0.30),
    ("moves", 0.20),
    ("cvs", 0.35),
    ("schools", 0.10),
    ("disruption", 0.05),
)
PHASE_MEANING = {
    "thresholds": "(a) failing CVs, then their excess",
    "moves": "(b) teachers rotated",
    "cvs": "(c) Σ weight·CV² of the optimised indicators",
    "schools": "(d) teachers short of schools' own thresholds",
    "disruption": "(e) travel (0.1 km) less granted preferences",
}


@dataclass(frozen=True)
class SolverSettings:
    """How hard and how repeatably to search. `num_workers` should not exceed the cores."""

    time_limit: float = 60.0
    num_workers: int = 2
    seed: int = 0
    log: bool = False
    greedy_seconds: float | None = None
    max_destinations: int | None = None

    def greedy_budget(self) -> float:
        if self.greedy_seconds is not None:
            return self.greedy_seconds
        return min(5.0, 0.1 * self.time_limit)


@dataclass
class PhaseResult:
    name: str
    status: str
    objective: float
    bound: float
    seconds: float

    @property
    def optimal(self) -> bool:
        return self.status == "OPTIMAL"


@dataclass
class Solution:
    """The solved model: teachers sent per (class, destination unit, year index) for routed
    classes, leavers per (class, year) and arrivals per (type, pool, unit, year) for pooled
    ones, and how each phase went."""

    inst: Instance
    sent: dict[tuple[int, int, int], int]
    pooled_leave: dict[tuple[int, int], int]
    pooled_arrive: dict[tuple[int, str, int, int], int]
    phases: list[PhaseResult] = field(default_factory=list)
    greedy_moves: int = 0
    seconds: float = 0.0
    scale: int = 1
    first_plan_seconds: float = float("nan")


class _FirstSolution(cp_model.CpSolverSolutionCallback):
    """Notes when the first solution of a solve arrives (time to a first plan)."""

    def __init__(self) -> None:
        super().__init__()
        self.at: float | None = None

    def on_solution_callback(self) -> None:
        if self.at is None:
            self.at = time.monotonic()


class NoPlanFound(RotationError):
    """The time ran out before any plan satisfying the rules was found (none was proven
    impossible either)."""

    exit_code = 2


@dataclass
class Built:
    model: cp_model.CpModel
    flows: Flows
    terms: obj.Terms
    phases: dict[str, cp_model.LinearExprT | None]


def build_model(inst: Instance) -> Built:
    """The whole model: variables, every hard rule, every objective term."""
    model = cp_model.CpModel()
    flows = build_flows(model, inst)
    add_rules(model, inst, flows)
    terms = obj.Terms()
    obj.indicator_counts(model, inst, flows, terms)
    obj.cv_terms(model, inst, terms)
    phases = {
        "thresholds": obj.threshold_failures(model, inst, terms),
        "moves": obj.move_count(inst, flows),
        "cvs": obj.official_cvs(inst, terms),
        "schools": obj.school_shortfalls(model, inst, terms),
        "disruption": obj.disruption(model, inst, flows, terms),
    }
    return Built(model, flows, terms, phases)


def solve(inst: Instance, settings: SolverSettings) -> Solution:
    """Solve every phase in order; raise NoPlanFound, or return the last solution."""
    start = time.monotonic()
    built = build_model(inst)
    sent = greedy_plan(inst, built.terms, settings.greedy_budget())
    hint = complete_hint(inst, built, hint_values(inst, built.flows, sent))
    results: list[PhaseResult] = []
    values: dict[int, int] | None = None
    first_plan: float | None = None
    shares_left = sum(share for _, share in PHASES)
    for name, share in PHASES:
        expr = built.phases[name]
        remaining = settings.time_limit - (time.monotonic() - start)
        budget = max(0.5, remaining * share / shares_left)
        shares_left -= share
        if expr is None:
            continue
        result, found, first = _solve_phase(built, name, expr, hint, budget, settings)
        results.append(result)
        if first_plan is None and first is not None:
            first_plan = first - start
        if found is None:
            if values is None:
                raise _nothing_found(inst, result, settings)
            break
        values = hint = found
        built.model.add(expr <= round(result.objective))
    sol = _solution(inst, built, values, results, sum(sent.values()), time.monotonic() - start)
    sol.first_plan_seconds = first_plan if first_plan is not None else float("nan")
    return sol


def _solve_phase(
    built: Built, name, expr, hint, budget, settings
) -> tuple[PhaseResult, dict | None, float | None]:
    model = built.model
    model.minimize(expr)
    model.clear_hints()
    for index, value in hint.items():
        model.add_hint(model.get_int_var_from_proto_index(index), value)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = budget
    solver.parameters.num_workers = settings.num_workers
    solver.parameters.random_seed = settings.seed
    solver.parameters.log_search_progress = settings.log
    t0 = time.monotonic()
    first = _FirstSolution()
    status = solver.solve(model, first)
    seconds = time.monotonic() - t0
    status_name = solver.status_name(status)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        found = {i: int(solver.value(model.get_int_var_from_proto_index(i))) for i in hint}
        result = PhaseResult(
            name, status_name, solver.objective_value, solver.best_objective_bound, seconds
        )
        return result, found, first.at
    return PhaseResult(name, status_name, float("nan"), float("nan"), seconds), None, None


def _nothing_found(inst: Instance, result: PhaseResult, settings: SolverSettings) -> RotationError:
    from rotation.model.explain import explain_infeasibility

    if result.status == "INFEASIBLE":
        return explain_infeasibility(inst, settings)
    return NoPlanFound(
        f"no plan found within the time limit ({settings.time_limit:.0f} s) and none proven "
        "impossible: give more time (--time-limit) or relax the rules"
    )


def complete_hint(inst: Instance, built: Built, decisions: dict[int, int]) -> dict[int, int]:
    """Values for every variable of the model, derived from the flow decisions."""
    values = dict(decisions)
    flows, terms = built.flows, built.terms
    for var, compute in flows.derived:
        values[var.index] = compute(decisions)
    counts: dict[tuple[int, int, int], int] = {}
    for (k, u, y), r in terms.counts.items():
        arriving = sum(
            values[f.var.index]
            for f in flows.incoming[u]
            if f.counts_in(y) and inst.types[f.type].bits[k]
        )
        leaving = sum(
            values[f.var.index]
            for f in flows.outgoing[u]
            if f.counts_in(y) and inst.types[f.type].bits[k]
        )
        counts[(k, u, y)] = int(inst.r0[y, k, u]) + arriving - leaving
        values[r.index] = counts[(k, u, y)]
    for key, q in terms.squares.items():
        values[q.index] = counts[key] ** 2
    for term in terms.cv:
        s = term.constant + sum(
            w * counts[(term.k, u, term.year)] ** 2
            for u, w in term.weights.items()
            if (term.k, u, term.year) in counts
        )
        excess = max(0, s - term.bound)
        values[term.excess.index] = excess
        values[term.fails.index] = int(excess > 0)
    for key, (short, needed) in terms.shortfalls.items():
        values[short.index] = max(0, needed - counts[key])
    granted: dict[tuple[int, int], int] = {}
    for (c, d, y), (took, wanting) in terms.preference.items():
        given = min(wanting - granted.get((c, d), 0), values[flows.route[(c, d, y)].index])
        values[took.index] = given
        granted[(c, d)] = granted.get((c, d), 0) + given
    return values


def _solution(inst, built: Built, values, results, greedy_moves, seconds) -> Solution:
    flows = built.flows
    sent = {key: values[var.index] for key, var in flows.route.items() if values[var.index]}
    leave = {c: values[var.index] for c, var in flows.leave.items() if values[var.index]}
    arrive = {key: values[var.index] for key, var in flows.arrive.items() if values[var.index]}
    return Solution(inst, sent, leave, arrive, results, greedy_moves, seconds, built.terms.scale)

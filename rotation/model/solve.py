"""Build the CP-SAT model and solve it phase by phase (lexicographically), within one time limit.

Each phase minimises its term with the earlier phases' best values held as constraints, and
starts from the previous phase's solution as a complete hint (the first from the greedy). The
time limit covers everything, presolve and the explanation of an infeasible roster included:
each phase gets a share of what is left, and a phase proven optimal early passes its unused
time on.

With `SolverSettings.deterministic`, the same inputs give the same plan on any machine: the
phases are limited by CP-SAT's deterministic time (a work count, `DETERMINISTIC_TIME_PER_SECOND`
units per second of the time limit, shared as above), several workers search in CP-SAT's
deterministic interleaved mode (`interleave_search`; one worker searches sequentially, which
repeats by itself), and the greedy is limited by a number of steps instead of seconds. The
plan then depends on the inputs, the seed and the number of workers, not on the machine. The
clock still bounds every phase, so the time limit holds in both modes; a phase the clock
stopped first (column `clock_stopped` of `ModelResult.solver`) may differ on a slower machine.

Until a first plan is found, the first phase may use all that is left of the time limit: an
error saying "no plan found in time" then means the whole limit was spent.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from ortools.sat.python import cp_model, cp_model_helper

from rotation.errors import RotationError
from rotation.messages import Text
from rotation.model import objectives as obj
from rotation.model.heuristic import greedy_plan, hint_values
from rotation.model.instance import Instance
from rotation.model.rules import add_rules, all_moves
from rotation.model.status import ModelInvalidError, SolveStatus
from rotation.model.variables import Flows, build_flows

#: Phase name → share of the remaining time it may use.
PHASES = (
    ("thresholds", 0.30),
    ("changes", 0.15),  # only when re-planning from a previous plan
    ("moves", 0.20),
    ("cvs", 0.35),
    ("schools", 0.10),
    ("disruption", 0.05),
)
#: Phase name → what it minimises, in plain words.
PHASE_GOALS = {
    "thresholds": "(a) CVs failing their thresholds, then their excess",
    "changes": "(a′) teachers whose move differs from the previous plan",
    "moves": "(b) teachers rotated",
    "cvs": "(c) Σ weight·CV² of the optimised indicators",
    "schools": "(d) teachers schools lack to reach their own thresholds",
    "disruption": "(e) travel, less a bonus for each wish granted",
}
#: A phase is given at least this many seconds of the time limit while that much is left (a
#: smaller share rarely gets past presolve).
MIN_PHASE_SECONDS = 0.5
#: Share of the time limit the greedy hint may use, at most GREEDY_MAX_SECONDS (it may take as
#: long again to meet a year's minimum ratio).
GREEDY_SHARE = 0.1
#: Longest greedy budget in seconds, whatever the time limit.
GREEDY_MAX_SECONDS = 5.0
#: Deterministic mode: CP-SAT deterministic-time units per second of the time limit. A unit is
#: meant to be about one second of one core; measured on a busy 2-core machine, one worker did
#: 0.4–0.5 units a second on the example county, so a quarter leaves room for a machine twice
#: as slow before the clock, not the deterministic budget, ends a phase.
DETERMINISTIC_TIME_PER_SECOND = 0.25
#: Share of the time limit kept back for what follows the phases: naming the teachers who move,
#: the tables, an explanation of infeasibility.
FINISH_SHARE = 0.02
#: A phase that used this share of its deterministic budget was stopped by that budget.
BUDGET_SPENT_SHARE = 0.99
#: A model with more linear terms than this is presolved lightly (`light_presolve`): on a
#: 24,000-teacher city (about 200,000 terms) CP-SAT's full presolve took 15–20 s of one core
#: on a busy machine, again in every phase; the light one about 2.5 s. A county (26,000 terms
#: for one year, 121,000 for three) keeps the full presolve.
LIGHT_PRESOLVE_TERMS = 150_000
#: The whole call may overrun its time limit by this share at most (process noise, CP-SAT's
#: own overrun of a few milliseconds); the tests hold the library to it.
TIME_LIMIT_TOLERANCE = 0.05


@dataclass(frozen=True)
class SolverSettings:
    """How hard and how repeatably to search. `num_workers` should not exceed the cores.

    `deterministic`: the same inputs give the same plan on any machine (module doc); the greedy
    is then limited by `greedy_steps` steps (default: as many as `greedy_seconds` allow on a
    busy machine, judged from the county's size, heuristic.step_budget), otherwise by
    `greedy_seconds`."""

    time_limit: float = 60.0
    num_workers: int = 2
    seed: int = 0
    log: bool = False
    greedy_seconds: float | None = None
    max_destinations: int | None = None
    deterministic: bool = False
    greedy_steps: int | None = None

    def greedy_budget(self) -> float:
        """Seconds the greedy may use (the clock is ignored in deterministic mode)."""
        if self.greedy_seconds is not None:
            return self.greedy_seconds
        return min(GREEDY_MAX_SECONDS, GREEDY_SHARE * self.time_limit)

    def deterministic_budget(self) -> float:
        """CP-SAT deterministic time all phases together may use (deterministic mode)."""
        return DETERMINISTIC_TIME_PER_SECOND * self.time_limit


_STATUS = {
    cp_model.OPTIMAL: SolveStatus.OPTIMAL,
    cp_model.FEASIBLE: SolveStatus.FEASIBLE,
    cp_model.INFEASIBLE: SolveStatus.INFEASIBLE,
    cp_model.UNKNOWN: SolveStatus.NO_SOLUTION,
}


@dataclass
class PhaseResult:
    """How one phase ended: `status` in the user's terms, `cp_sat_status` as CP-SAT said it,
    the raw objective and bound (scaled integers), the clock and deterministic time used and
    allowed, and the values of every variable in the phase's solution (None: none found)."""

    name: str
    status: SolveStatus
    cp_sat_status: str
    objective: float
    bound: float
    seconds: float
    deterministic_time: float = math.nan
    wall_budget: float = math.nan
    deterministic_budget: float = math.nan
    values: dict[int, int] | None = None

    @property
    def optimal(self) -> bool:
        return self.status == SolveStatus.OPTIMAL

    @property
    def clock_stopped(self) -> bool:
        """Whether the clock, rather than the deterministic budget or a proof, ended it."""
        if self.status in (SolveStatus.OPTIMAL, SolveStatus.INFEASIBLE):
            return False
        return not self.deterministic_time >= self.deterministic_budget * BUDGET_SPENT_SHARE


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
    terms: obj.Terms | None = None


@dataclass(frozen=True)
class PhaseProgress:
    """One event of a solve, for a progress display (never CP-SAT's own log).

    `event` is "start" when a phase begins, "solution" when it finds a better plan, and "end"
    when it ends (once per phase, a phase the time limit left unsolved included). `number` is
    the phase's place among the `total` phases the model has; `elapsed` counts seconds since
    the call started. `moves` (teachers rotated) and `failing_cvs` (CVs above their
    thresholds, every planned year counted) describe the best plan so far (None before the
    first); `gap` is the phase's relative gap between that plan and the proven bound (NaN when
    unknown); `status` is how the phase ended ("OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN",
    "NOT_RUN"; empty before the end)."""

    event: Literal["start", "solution", "end"]
    phase: str
    number: int
    total: int
    elapsed: float
    moves: int | None = None
    failing_cvs: int | None = None
    gap: float = math.nan
    status: str = ""


#: What `solve_phases` calls with each PhaseProgress.
ProgressHook = Callable[[PhaseProgress], None]


class _Watcher(cp_model.CpSolverSolutionCallback):
    """Notes when the first solution of a phase arrives (time to a first plan) and, with a
    progress hook, reports each solution's moves, failing CVs and gap."""

    def __init__(self, report: _Report | None = None, phase: str = "") -> None:
        super().__init__()
        self.at: float | None = None
        self.report = report
        self.phase = phase
        self.moves: int | None = None
        self.failing: int | None = None
        self.gap = math.nan

    def on_solution_callback(self) -> None:
        if self.at is None:
            self.at = time.monotonic()
        if self.report is None:
            return
        report = self.report
        self.moves = int(self.value(report.moves))
        self.failing = sum(
            term.constant + sum(w * self.value(var) ** 2 for w, var in counts) > term.bound
            for term, counts in report.cv_counts
        )
        offset = report.offsets.get(self.phase, 0.0)
        self.gap = _gap(self.objective_value - offset, self.best_objective_bound - offset)
        report.send("solution", self.phase, self.moves, self.failing, self.gap)


@dataclass
class _Report:
    """What a progress hook is told, and how to read a solution for it."""

    hook: ProgressHook
    clock: Clock
    numbers: dict[str, int]
    moves: cp_model.LinearExprT
    cv_counts: list[tuple[obj.CvTerm, list[tuple[int, cp_model.IntVar]]]]
    offsets: dict[str, float]

    @classmethod
    def of(cls, hook: ProgressHook, clock: Clock, inst: Instance, built: Built) -> _Report:
        terms = built.terms
        cv_counts = [
            (
                t,
                [
                    (w, terms.counts[(t.k, u, t.year)])
                    for u, w in t.weights.items()
                    if (t.k, u, t.year) in terms.counts
                ],
            )
            for t in terms.cv
        ]
        run = [name for name, _ in PHASES if built.phases[name] is not None]
        # (c)'s objective is K·Σ weight·(CV² + 1): its gap is stated on Σ weight·CV²
        weights = sum(int(inst.weights[t.k]) for t in terms.cv)
        return cls(
            hook,
            clock,
            {name: i + 1 for i, name in enumerate(run)},
            all_moves(inst, built.flows),
            cv_counts,
            {"cvs": float(terms.scale * weights)},
        )

    def send(
        self,
        event: Literal["start", "solution", "end"],
        phase: str,
        moves: int | None,
        failing: int | None,
        gap: float = math.nan,
        status: str = "",
    ) -> None:
        self.hook(
            PhaseProgress(
                event,
                phase,
                self.numbers[phase],
                len(self.numbers),
                time.monotonic() - self.clock.start,
                moves,
                failing,
                gap,
                status,
            )
        )


def _gap(objective: float, bound: float) -> float:
    """Relative gap between a minimised objective and its bound: 0 when they meet, at most 1
    (nothing proven)."""
    if math.isnan(objective) or math.isnan(bound):
        return math.nan
    if objective == 0:
        return 0.0 if bound >= 0 else 1.0
    return min(1.0, max(0.0, (objective - bound) / abs(objective)))


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
    large: bool = False  # presolved lightly (is_large)


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
        "changes": obj.changed_assignments(inst, flows),
        "moves": obj.move_count(inst, flows),
        "cvs": obj.official_cvs(inst, terms),
        "schools": obj.school_shortfalls(model, inst, terms),
        "disruption": obj.disruption(model, inst, flows, terms),
    }
    return Built(model, flows, terms, phases, is_large(model))


@dataclass
class Clock:
    """The call's time limit: when the call started, and the deterministic time used so far."""

    settings: SolverSettings
    start: float = field(default_factory=time.monotonic)
    deterministic_used: float = 0.0

    def left(self) -> float:
        """Seconds left of the time limit."""
        return self.settings.time_limit - (time.monotonic() - self.start)

    def for_phases(self) -> float:
        """Seconds the phases may still use: what is left, less the finishing reserve."""
        return self.left() - FINISH_SHARE * self.settings.time_limit

    def deterministic_left(self) -> float:
        return self.settings.deterministic_budget() - self.deterministic_used


def solve_phases(
    inst: Instance,
    settings: SolverSettings,
    clock: Clock | None = None,
    progress: ProgressHook | None = None,
) -> Solution:
    """Solve every phase in order; raise NoPlanFound, InfeasibleError or ModelInvalidError, or
    return the last solution. `clock`: when the caller's time limit started (default now).
    `progress`: called with a PhaseProgress when each phase starts, finds a better plan and
    ends."""
    clock = clock or Clock(settings)
    built = build_model(inst)
    report = _Report.of(progress, clock, inst, built) if progress is not None else None
    moves: int | None = None
    failing: int | None = None
    sent = greedy_plan(
        inst,
        built.terms,
        settings.greedy_budget(),
        by_steps=settings.deterministic,
        steps=settings.greedy_steps,
        start=previous_flows(inst),
    )
    hint = complete_hint(inst, built, hint_values(inst, built.flows, sent))
    results: list[PhaseResult] = []
    values: dict[int, int] | None = None
    first_plan: float | None = None
    shares_left = sum(share for _, share in PHASES)
    for name, share in PHASES:
        expr = built.phases[name]
        wall, deterministic = phase_budgets(clock, share / shares_left)
        shares_left -= share
        if expr is None:
            continue
        if wall <= 0:  # the time is spent: keep the plan
            if values is None:
                raise _nothing_found(inst, None, clock)
            results.append(_not_run(name))
            if report is not None:
                report.send("end", name, moves, failing, status="NOT_RUN")
            continue
        if report is not None:
            report.send("start", name, moves, failing)
        watcher = _Watcher(report, name)
        budgets = (wall, deterministic)
        result, first = _solve_phase(built, name, expr, hint, budgets, settings, watcher)
        clock.deterministic_used += result.deterministic_time
        if values is None and result.status == SolveStatus.NO_SOLUTION:
            # no plan yet within the first phase's share: it may use all that is left
            retry = (clock.for_phases(), clock.deterministic_left())
            if retry[0] > 0 and retry[1] > 0:
                watcher = _Watcher(report, name)
                result, first = _solve_phase(built, name, expr, hint, retry, settings, watcher)
                clock.deterministic_used += result.deterministic_time
        results.append(result)
        if report is not None:
            if watcher.moves is not None:
                moves, failing = watcher.moves, watcher.failing
            offset = report.offsets.get(name, 0.0)
            gap = _gap(result.objective - offset, result.bound - offset)
            report.send("end", name, moves, failing, gap, result.cp_sat_status)
        if first_plan is None and first is not None:
            first_plan = first - clock.start
        if result.values is None:
            if values is None:
                raise _nothing_found(inst, result, clock)
            # no better plan in this phase's time: keep the plan, and its value of this
            # phase's term, and go on to the next phase (the time left may suffice for it)
            built.model.add(expr <= value_of(expr, values))
            continue
        values = hint = result.values
        built.model.add(expr <= round(result.objective))
    sol = _solution(
        inst, built, values, results, sum(sent.values()), time.monotonic() - clock.start
    )
    sol.first_plan_seconds = first_plan if first_plan is not None else float("nan")
    return sol


def previous_flows(inst: Instance) -> dict[tuple[int, int, int], int]:
    """(class, destination unit, year index) → teachers the previous plan sent, where the
    class may still go there: the start of the hint when re-planning."""
    return {
        (c.index, c.previous[0], c.previous[1]): c.size
        for c in inst.classes
        if c.previous is not None and c.previous[0] >= 0 and c.previous[1] in c.years
    }


def value_of(expr: cp_model.LinearExprT, values: dict[int, int]) -> int:
    """The value of a linear expression given every variable's value (by proto index)."""
    if not isinstance(expr, cp_model.LinearExpr):
        return int(expr)
    flat = cp_model_helper.FlatIntExpr(expr)
    return int(
        flat.offset + sum(c * values[v.index] for v, c in zip(flat.vars, flat.coeffs, strict=True))
    )


def _not_run(name: str) -> PhaseResult:
    """A phase the time limit (or an earlier phase finding nothing) left unsolved."""
    return PhaseResult(name, SolveStatus.NO_SOLUTION, "NOT_RUN", math.nan, math.nan, 0.0)


def phase_budgets(clock: Clock, share: float) -> tuple[float, float]:
    """A phase's clock and deterministic budgets, given its share of what is left.

    In deterministic mode the deterministic budget is shared and the clock only guards the
    total (the phase may use all that is left); otherwise the clock is shared."""
    left = clock.for_phases()
    if clock.settings.deterministic:
        floor = MIN_PHASE_SECONDS * DETERMINISTIC_TIME_PER_SECOND
        return left, max(floor, clock.deterministic_left() * share)
    return min(left, max(MIN_PHASE_SECONDS, left * share)), math.inf


def _solve_phase(
    built: Built,
    name,
    expr,
    hint,
    budgets: tuple[float, float],
    settings: SolverSettings,
    watcher: _Watcher | None = None,
) -> tuple[PhaseResult, float | None]:
    """Minimise `expr` from `hint` within the budgets; the result and when a first solution
    arrived (None: none). `watcher` sees every solution (default: one that only notes the
    first)."""
    model = built.model
    model.minimize(expr)
    model.clear_hints()
    for index, value in hint.items():
        model.add_hint(model.get_int_var_from_proto_index(index), value)
    solver = configured_solver(settings, *budgets, light=built.large)
    t0 = time.monotonic()
    first = watcher or _Watcher()
    status = solver.solve(model, first)
    seconds = time.monotonic() - t0
    if status == cp_model.MODEL_INVALID:
        raise ModelInvalidError(f"phase {name!r}", model.validate())
    result = PhaseResult(
        name,
        _STATUS[status],
        solver.status_name(status),
        math.nan,
        math.nan,
        seconds,
        solver.response_proto.deterministic_time,
        budgets[0],
        budgets[1],
    )
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        result.objective, result.bound = solver.objective_value, solver.best_objective_bound
        result.values = {i: int(solver.value(model.get_int_var_from_proto_index(i))) for i in hint}
        return result, first.at
    return result, None


def configured_solver(
    settings: SolverSettings,
    seconds: float,
    deterministic_time: float = math.inf,
    light: bool = False,
) -> cp_model.CpSolver:
    """A CP-SAT solver with the settings' workers, seed and log, limited to `seconds` of the
    clock and, in deterministic mode, to `deterministic_time`, several workers then searching
    in CP-SAT's deterministic interleaved mode. `light`: a light presolve (`light_presolve`)."""
    solver = cp_model.CpSolver()
    if light:
        light_presolve(solver.parameters)
    solver.parameters.max_time_in_seconds = max(0.0, seconds)
    solver.parameters.num_workers = settings.num_workers
    solver.parameters.random_seed = settings.seed
    solver.parameters.log_search_progress = settings.log
    if settings.deterministic:
        solver.parameters.max_deterministic_time = deterministic_time
        # one worker searches sequentially, which repeats; several interleave their searches
        # in batches, which CP-SAT documents as deterministic
        solver.parameters.interleave_search = settings.num_workers > 1
    return solver


def light_presolve(parameters) -> None:
    """Presolve a large model in one pass, without its costliest steps (finding overlapping
    linear sums, probing, detecting included constraints): each phase presolves again, and on
    a large model the full presolve would take most of a phase's time."""
    parameters.find_big_linear_overlap = False
    parameters.cp_model_probing_level = 0
    parameters.presolve_inclusion_work_limit = 0
    parameters.max_presolve_iterations = 1


def is_large(model: cp_model.CpModel) -> bool:
    """Whether a model has more linear terms than LIGHT_PRESOLVE_TERMS."""
    # has_linear first: reading `linear` of another kind of constraint would turn it into one
    terms = sum(len(c.linear.vars) for c in model.proto.constraints if c.has_linear())
    return terms > LIGHT_PRESOLVE_TERMS


def _nothing_found(inst: Instance, result: PhaseResult | None, clock: Clock) -> RotationError:
    """The error for a first phase without a plan: the rules that clash when CP-SAT proved
    there is none (explained within what is left of the time limit), else NoPlanFound."""
    from rotation.model.explain import explain_infeasibility

    if result is not None and result.status == SolveStatus.INFEASIBLE:
        return explain_infeasibility(inst, clock.settings, clock.for_phases())
    settings = clock.settings
    budget = (
        Text(
            "error.no_plan.deterministic",
            units=f"{settings.deterministic_budget():g}",
            per=f"{DETERMINISTIC_TIME_PER_SECOND:g}",
        )
        if settings.deterministic
        else ""
    )
    return NoPlanFound(Text("error.no_plan", seconds=f"{settings.time_limit:g}", budget=budget))


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
        # phase (a)'s objective made both variables of every term before any hint is given
        assert term.excess is not None and term.fails is not None
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
    sol = Solution(inst, sent, leave, arrive, results, greedy_moves, seconds, built.terms.scale)
    sol.terms = built.terms
    return sol

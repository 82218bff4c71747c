"""The road to the review: rotation, hires and designations solved together, targets first.

Phases, lexicographically, each holding the earlier ones at their best:

  targets       the review's targets in the target year (the last planned year) that fail:
                every weighted teacher CV within its threshold, every school unit whose
                facilities allow it meeting the school rule, every subject's need covered
                (count: CVs failing + units failing + teachers short)
  hires         new teachers, over every year
  designations  teachers designated county backbone
  moves         teachers rotated
  cvs           Σ weight·CV² in the target year, with each indicator's county total as the
                earlier phases left it (then CV² = (P/R²)·Σ R_u²/P_u − 1 is exact again)
  travel        km of routed moves, less a bonus per wish granted

With hires and designations a county total is no longer fixed, so the CV test is stated
without it: CV ≤ c ⇔ P·Σ_u R_u²/P_u ≤ (c² + 1)·R². The left side's squares are q_u ≥ R_u² by
tangent cuts (exact where it matters: a smaller q_u only helps). Rotation keeps each stage's
total; only hires and designations raise it, from R0 to R0 + Δ, and the right side uses the
tangent R0² + 2·R0·Δ ≤ R²: linear, and short of R² by Δ² only, so the test is sufficient and
conservative by about (Δ/R)² relative (6% for L2 when designations raise it by a quarter).
When the targets phase leaves a CV failing, it is searched once more with that CV's tangent
moved to the total at which the stage's mean meets the threshold (`retangent_points`), where
the levers would take it, and the better of the two searches is kept: on a tiny county whose
L2 the designations must raise by half or more, the first tangent sees no way and the second
finds it. The exact square (an element table, or a choice among several tangents) was tried
and is not used: it hides the CV test from the LP relaxation, and the targets phase's
LP-guided search then stalls (example county: 180 targets failing after 60 s instead of
optimal in 18 s).
Scaled by K, the left side's weights K·P/P_u are rounded up and K·(c² + 1) down, so a CV the
model passes does pass (the independent check recomputes it).

A school unit whose facilities, as they are, fail the school rule whatever the teachers do
(review.building.condemned_units, given by the caller) is not a target: it is reported, and
what it needs is a building figure.

Search: the phases start from a complete, feasible first road (model/road_hint.py: the greedy
rotation, no hire, no designation); the targets phase searches with one worker guided by the
linear relaxation (`_solver`); each target it meets is then held one by one
(`_hold_targets_met`). Each phase gets a share of what is left of the time limit and, with
`SolverSettings.deterministic`, of the deterministic budget (solve.phase_budgets), so that
the road is the same on any machine, however loaded.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import cast

import numpy as np
import pandas as pd
from ortools.sat.python import cp_model

from rotation.indicators.definitions import OFFICIAL
from rotation.indicators.tables import resources, school_table
from rotation.io.numbers import exact
from rotation.io.vocabulary import STAGES
from rotation.model import objectives as obj
from rotation.model.assign import moves_table
from rotation.model.classes import TeacherType
from rotation.model.instance import Instance
from rotation.model.levers import Levers, build_levers
from rotation.model.road_hint import first_road
from rotation.model.rules import add_rules, all_moves
from rotation.model.solve import (
    Clock,
    NoPlanFound,
    Solution,
    SolverSettings,
    configured_solver,
    phase_budgets,
)
from rotation.model.status import SolveStatus
from rotation.model.variables import Flows, build_flows

#: Phase name → share of the remaining time.
ROAD_PHASES = (
    ("targets", 0.50),
    ("hires", 0.15),
    ("designations", 0.10),
    ("moves", 0.15),
    ("cvs", 0.15),
    ("travel", 0.05),
)
ROAD_UNITS = {
    "targets": "targets failing",
    "hires": "teachers hired",
    "designations": "teachers designated",
    "moves": "teachers rotated",
    "cvs": "Σ weight·CV²",
    "travel": "km",
}
#: Scale of the CV threshold test: weights K·P/P_u rounded up, K·(c² + 1) rounded down.
CV_SCALE = 10_000
#: Scale of phase (cvs): Σ weight·CV² in units of 1/CVS_SCALE.
CVS_SCALE = 10**6
#: Slack below a needed count, as in objectives.COUNT_TOLERANCE.
COUNT_TOLERANCE = 1e-9


@dataclass
class RoadTerms:
    counts: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)  # (k, u)
    squares: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    totals: dict[tuple[int, str], cp_model.IntVar] = field(default_factory=dict)  # (k, stage)
    cv_fails: dict[tuple[int, str], cp_model.IntVar] = field(default_factory=dict)
    school_pass: dict[int, cp_model.IntVar] = field(default_factory=dict)
    shortfalls: dict[tuple[int, str], cp_model.IntVar] = field(default_factory=dict)
    condemned: pd.DataFrame = field(default_factory=pd.DataFrame)
    unjudged: list[int] = field(default_factory=list)  # units without facility data


@dataclass
class RoadPhase:
    name: str
    status: SolveStatus
    value: float
    bound: float
    seconds: float


@dataclass
class RoadSolution:
    """What the road solve found: moves (the plan's table), hires, designations, the units
    condemned by their facilities, and each phase's figures in user units."""

    inst: Instance
    moves: pd.DataFrame
    hires: pd.DataFrame  # year, school_id, name, stage, subject, education, count
    designations: pd.DataFrame  # year, teacher_id, name, school_id, stage
    condemned: pd.DataFrame
    phases: pd.DataFrame
    status: SolveStatus
    seconds: float
    claimed: dict[str, object] = field(default_factory=dict)
    first_seconds: float = math.nan  # until the first complete road


def _bounds(inst: Instance, flows: Flows, lev: Levers, k: int, u: int, y: int) -> tuple[int, int]:
    lo, hi = obj.count_bounds(inst, flows, k, u, y)
    stage = inst.units.index[u][1]
    if any(lev.hire_bits[(stage, s)][k] for (d, s, _) in lev.hires if d == u):
        hi += int(lev.posts[: y + 1, u].max()) if lev.posts.size else 0
    if lev.designation_bits and lev.designation_bits[k]:
        hi += len(lev.candidates.get(u, []))
    return lo, hi


def _counts(
    model: cp_model.CpModel, inst: Instance, flows: Flows, lev: Levers, terms: RoadTerms
) -> None:
    """R_{k,u} in the target year: start, rotation's net arrivals, hires, designations."""
    y = inst.n_years - 1
    for k in range(len(inst.indicators)):

        def counted(typ: TeacherType, k: int = k) -> bool:
            return typ.bits[k]

        for u in range(inst.n_units):
            lo, hi = _bounds(inst, flows, lev, k, u, y)
            r = model.new_int_var(lo, max(lo, hi), f"road_count_k{k}_u{u}")
            change = flows.inflow(inst, u, y, counted) - flows.outflow(inst, u, y, counted)
            extra = [lev.hired_for(inst, k, u, y)]
            if lev.designation_bits and lev.designation_bits[k]:
                extra.append(lev.designated(u, y))
            model.add(r == int(inst.r0[y, k, u]) + change + cp_model.LinearExpr.sum(extra))
            terms.counts[(k, u)] = r


def _cv_targets(
    model: cp_model.CpModel,
    inst: Instance,
    terms: RoadTerms,
    points: Mapping[tuple[int, str], int] | None = None,
) -> None:
    """fails[(k, stage)] false ⇒ P·Σ R_u²/P_u ≤ (c² + 1)·R², scaled soundly (module doc).

    R² is replaced by its tangent at the total without levers, or at `points[(k, stage)]`
    when given (`retangent_points`): any tangent lies below R², so the test stays sufficient.
    """
    students = inst.units["students"].to_numpy(dtype=np.int64)
    for stage in STAGES:
        units = inst.cv_units(stage)
        if not units:
            continue
        total_p = int(students[units].sum())
        limit = exact(inst.policy.standard.cv_thresholds[stage])
        rhs = math.floor(CV_SCALE * (limit * limit + 1))
        for k in range(len(inst.indicators)):
            parts = []
            for u in units:
                q = obj.square(model, terms.counts[(k, u)], f"road_square_k{k}_u{u}")
                terms.squares[(k, u)] = q
                parts.append(math.ceil(Fraction(CV_SCALE * total_p, int(students[u]))) * q)
            lo = sum(obj.bounds(terms.counts[(k, u)])[0] for u in units)
            hi = sum(obj.bounds(terms.counts[(k, u)])[1] for u in units)
            total = model.new_int_var(lo, hi, f"road_total_k{k}_{stage}")
            model.add(total == cp_model.LinearExpr.sum([terms.counts[(k, u)] for u in units]))
            # R² ≥ R0² + 2·R0·(R − R0), the tangent at the total without levers: linear, so the
            # targets phase's LP-guided search sees it, and no larger than R², so the test stays
            # sufficient; conservative by Δ² (module doc)
            r0 = int(inst.r0[inst.n_years - 1, k, units].sum())
            at = max(r0, (points or {}).get((k, stage), r0))
            z = at * at + 2 * at * (total - at)
            fails = model.new_bool_var(f"road_cv_fails_k{k}_{stage}")
            model.add(cp_model.LinearExpr.sum(parts) <= rhs * z).only_enforce_if(fails.Not())
            model.add(total >= 1).only_enforce_if(fails.Not())  # a CV of nothing fails
            if r0 <= 0:
                model.add(fails == 1)
            terms.totals[(k, stage)] = total
            terms.cv_fails[(k, stage)] = fails


def _school_targets(model: cp_model.CpModel, inst: Instance, terms: RoadTerms) -> None:
    """pass[u] ⇒ the school rule, with facilities as they are (condemned units left out)."""
    standard = inst.policy.standard
    res = resources(inst.roster, standard)
    table = school_table(res, standard)
    codes = {i.code: k for k, i in enumerate(inst.indicators)}
    official_teacher = [i for i in OFFICIAL if i.code in {t.code for t in standard.indicators}]
    students = inst.units["students"].to_numpy(dtype=float)
    for u, key in enumerate(inst.units.index):
        if key in terms.condemned.index:
            continue
        if int(cast(int, table.at[key, "judged"])) < len(OFFICIAL):
            terms.unjudged.append(u)
            continue
        fixed_met = 0
        lits = []
        ok = model.new_bool_var(f"road_school_u{u}")
        for ind in official_teacher:
            k = codes.get(ind.code)
            met = bool(table.at[key, f"{ind.code}_met"])
            if k is None:  # a facility indicator, or a teacher one the road does not move
                fixed_met += met
                value = float(cast(float, table.at[key, ind.code]))
                near = value >= standard.near_miss * float(ind.thresholds[key[1]]) - 1e-12
                if not met and not near:
                    model.add(ok == 0)
                continue
            need = float(ind.thresholds[key[1]]) * students[u] / ind.per
            full = math.ceil(need - COUNT_TOLERANCE)
            near_need = math.ceil(standard.near_miss * need - COUNT_TOLERANCE)
            m = model.new_bool_var(f"road_met_k{k}_u{u}")
            model.add(terms.counts[(k, u)] >= full).only_enforce_if(m)
            model.add(terms.counts[(k, u)] >= near_need).only_enforce_if(ok)
            lits.append(m)
        model.add(
            cp_model.LinearExpr.sum(lits) + fixed_met >= standard.school_min_met
        ).only_enforce_if(ok)
        terms.school_pass[u] = ok


def _coverage_targets(
    model: cp_model.CpModel, inst: Instance, flows: Flows, lev: Levers, terms: RoadTerms
) -> None:
    """short[(u, subject)] ≥ need − teachers of the subject in the target year."""
    from rotation.policy.requirements import subject_need

    if not inst.policy.coverage:
        return
    y = inst.n_years - 1
    need = subject_need(inst.states[y].units(), inst.policy)
    index = {key: u for u, key in enumerate(inst.units.index)}
    for key, row in need.iterrows():
        u = index.get(key)
        if u is None:
            continue
        for subject, n in row.items():
            if n <= 0:
                continue

            def same(typ: TeacherType, s: object = subject) -> bool:
                return typ.subject == s

            have = inst.subjects0.get((y, u, str(subject)), 0)
            count = (
                have
                + flows.inflow(inst, u, y, same)
                - flows.outflow(inst, u, y, same)
                + lev.hired(u, y, str(subject))
            )
            short = model.new_int_var(0, int(n), f"road_short_u{u}_{subject}")
            model.add(short >= int(n) - count)
            terms.shortfalls[(u, str(subject))] = short


@dataclass
class _Built:
    model: cp_model.CpModel
    flows: Flows
    levers: Levers
    terms: RoadTerms
    travel: obj.Terms


def build_road(
    inst: Instance,
    condemned: pd.DataFrame | None = None,
    points: Mapping[tuple[int, str], int] | None = None,
) -> _Built:
    """The road's model; `condemned`: units (school_id, stage index) left out of the school
    targets, those whose facilities fail the rule whatever the teachers; `points`: where the
    CV tests' tangents touch (`_cv_targets`)."""
    model = cp_model.CpModel()
    flows = build_flows(model, inst)
    add_rules(model, inst, flows)
    lev = build_levers(model, inst, flows)
    terms = RoadTerms()
    terms.condemned = condemned if condemned is not None else pd.DataFrame()
    _counts(model, inst, flows, lev, terms)
    _cv_targets(model, inst, terms, points)
    _school_targets(model, inst, terms)
    _coverage_targets(model, inst, flows, lev, terms)
    return _Built(model, flows, lev, terms, obj.Terms())


def _targets_expr(terms: RoadTerms) -> cp_model.LinearExprT:
    """Failing CVs first, then failing schools, then teachers short: each weighted above the
    most the later ones can add up to."""
    short_top = sum(obj.bounds(v)[1] for v in terms.shortfalls.values())
    school_weight = short_top + 1
    cv_weight = school_weight * (len(terms.school_pass) + 1)
    return (
        cv_weight * cp_model.LinearExpr.sum(list(terms.cv_fails.values()))
        + school_weight * cp_model.LinearExpr.sum([1 - v for v in terms.school_pass.values()])
        + cp_model.LinearExpr.sum(list(terms.shortfalls.values()))
    )


def _hold_targets_met(model: cp_model.CpModel, terms: RoadTerms, values: dict[int, int]) -> None:
    """Every CV and school unit the targets phase passes keeps passing in the later phases.

    A little stronger than holding the phase's weighted objective at its value (which would
    let a later phase trade a passing school for another, or a school for shortfalls of the
    same weight): the office keeps the verdicts it was shown, and the later phases' linear
    relaxations see the targets as fixed, not as one weighted sum."""
    for fails in terms.cv_fails.values():
        if not values[fails.index]:
            model.add(fails == 0)
    for passes in terms.school_pass.values():
        if values[passes.index]:
            model.add(passes == 1)


def _targets_failing(terms: RoadTerms, values: dict[int, int]) -> int:
    """CVs failing + school units failing + teachers short, unweighted."""
    return (
        sum(values[v.index] for v in terms.cv_fails.values())
        + sum(1 - values[v.index] for v in terms.school_pass.values())
        + sum(values[v.index] for v in terms.shortfalls.values())
    )


def _cvs_expr(inst: Instance, built: _Built, values: dict[int, int]) -> cp_model.LinearExprT:
    """Σ weight·K·(P/(R²·P_u))·q_u with each total R fixed at its value: ≈ K·Σ weight·(CV²+1)."""
    students = inst.units["students"].to_numpy(dtype=np.int64)
    parts = []
    for (k, stage), total in built.terms.totals.items():
        r = values[total.index]
        built.model.add(total == r)
        if r <= 0:
            continue
        units = inst.cv_units(stage)
        p = int(students[units].sum())
        for u in units:
            w = max(1, round(CVS_SCALE * p / (r * r * int(students[u]))))
            parts.append(int(inst.weights[k]) * w * built.terms.squares[(k, u)])
    return cp_model.LinearExpr.sum(parts) if parts else cp_model.LinearExpr.constant(0)


def retangent_points(
    inst: Instance, terms: RoadTerms, values: Mapping[int, int]
) -> dict[tuple[int, str], int]:
    """For each CV the targets phase leaves failing, a total to move its tangent to: the
    county total at which the stage's mean reaches the indicator's threshold, when the levers
    can raise the total that far and it is above the total without levers.

    At the total without levers the tangent is exact, so a CV failing there is not passed by
    rotation alone; the levers' totals lie above it, where the first tangent falls short of
    R² by Δ². Moved to where the levers would take the total, the test is nearly exact there
    (and still sufficient everywhere)."""
    students = inst.units["students"].to_numpy(dtype=np.int64)
    out: dict[tuple[int, str], int] = {}
    for (k, stage), fails in terms.cv_fails.items():
        if not values.get(fails.index, 0):
            continue
        units = inst.cv_units(stage)
        r0 = int(inst.r0[inst.n_years - 1, k, units].sum())
        ind = inst.indicators[k]
        need = math.ceil(
            Fraction(exact(ind.thresholds[stage])) * int(students[units].sum()) / ind.per
        )
        top = obj.bounds(terms.totals[(k, stage)])[1]
        if r0 > 0 and r0 < need <= top:
            out[(k, stage)] = need
    return out


def solve_road(
    inst: Instance,
    settings: SolverSettings,
    clock: Clock | None = None,
    condemned: pd.DataFrame | None = None,
) -> RoadSolution:
    """Solve the road's phases in order (module doc)."""
    clock = clock or Clock(settings)
    built = build_road(inst, condemned)
    model = built.model
    count = len(model.proto.variables)
    everything = [model.get_int_var_from_proto_index(i) for i in range(count)]
    hint = first_road(
        inst,
        model,
        built.flows,
        built.levers,
        _targets_expr(built.terms),
        settings,
        clock,
    )
    values: dict[int, int] | None = None
    phases: list[RoadPhase] = []
    first = math.nan
    shares_left = sum(share for _, share in ROAD_PHASES)
    for name, share in ROAD_PHASES:
        if name == "targets":
            expr = _targets_expr(built.terms)
        elif name == "hires":
            expr = cp_model.LinearExpr.sum(list(built.levers.hires.values()))
        elif name == "designations":
            expr = cp_model.LinearExpr.sum(list(built.levers.designations.values()))
        elif name == "moves":
            expr = all_moves(inst, built.flows)
        elif name == "cvs":
            assert values is not None
            expr = _cvs_expr(inst, built, values)
        else:
            travel = obj.disruption(model, inst, built.flows, built.travel)
            if travel is None:
                continue
            expr = travel
            everything = [
                model.get_int_var_from_proto_index(i) for i in range(len(model.proto.variables))
            ]
        budgets = phase_budgets(clock, share / shares_left)
        if hint is None:  # no road yet: the phase may use all that is left
            budgets = (clock.for_phases(), _deterministic_left(clock))
        shares_left -= share
        if budgets[0] <= 0 or budgets[1] <= 0:
            if values is None:
                raise NoPlanFound(
                    f"no road found within the time limit ({settings.time_limit:g} s)"
                )
            phases.append(RoadPhase(name, SolveStatus.NO_SOLUTION, math.nan, math.nan, 0.0))
            continue
        model.minimize(expr)
        model.clear_hints()  # type: ignore[no-untyped-call]  # ortools leaves it unannotated
        for var in everything:
            if hint is not None and var.index in hint:
                model.add_hint(var, hint[var.index])
        solver = _solver(settings, name, budgets)
        t0 = time.monotonic()
        status = solver.solve(model)
        seconds = time.monotonic() - t0
        clock.deterministic_used += solver.response_proto.deterministic_time
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            if values is None:
                if status == cp_model.INFEASIBLE:
                    from rotation.model.explain import explain_infeasibility

                    raise explain_infeasibility(inst, settings, clock.for_phases())
                raise NoPlanFound(
                    f"no road found within the time limit ({settings.time_limit:g} s): give "
                    "more time (--time-limit)"
                )
            phases.append(RoadPhase(name, SolveStatus.NO_SOLUTION, math.nan, math.nan, seconds))
            continue
        objective = round(solver.objective_value)
        bound = math.ceil(solver.best_objective_bound - 1e-6)
        values = {v.index: int(solver.value(v)) for v in everything}
        if math.isnan(first):
            first = time.monotonic() - clock.start
        hint = values
        points = retangent_points(inst, built.terms, values) if name == "targets" else {}
        if points:
            retry = _retry_targets(inst, settings, clock, condemned, points, budgets)
            if retry is not None and retry.objective < objective:
                built, model, values = retry.built, retry.built.model, retry.values
                everything = retry.everything
                expr, objective, bound = retry.expr, retry.objective, retry.bound
                status, hint = retry.status, values
                seconds += retry.seconds
        model.add(expr <= objective)
        if name == "targets":
            _hold_targets_met(model, built.terms, values)
        state = SolveStatus.OPTIMAL if status == cp_model.OPTIMAL else SolveStatus.FEASIBLE
        value, low = _in_user_units(name, objective, bound, inst, built, values)
        phases.append(RoadPhase(name, state, value, low, round(seconds, 2)))
    assert values is not None
    result = _result(inst, built, values, phases, time.monotonic() - clock.start)
    result.first_seconds = first
    return result


@dataclass
class _Retry:
    built: _Built
    everything: list[cp_model.IntVar]
    expr: cp_model.LinearExprT
    values: dict[int, int]
    objective: int
    bound: int
    status: cp_model.CpSolverStatus
    seconds: float


def _retry_targets(
    inst: Instance,
    settings: SolverSettings,
    clock: Clock,
    condemned: pd.DataFrame | None,
    points: Mapping[tuple[int, str], int],
    budgets: tuple[float, float],
) -> _Retry | None:
    """The targets phase again, on the road's model rebuilt with the tangents of the CVs left
    failing moved to `points` (`retangent_points`), from its own first road, within
    `budgets` again; None when it finds no road. The caller keeps the better of the two."""
    t0 = time.monotonic()
    built = build_road(inst, condemned, points)
    model = built.model
    everything = [model.get_int_var_from_proto_index(i) for i in range(len(model.proto.variables))]
    expr = _targets_expr(built.terms)
    hint = first_road(inst, model, built.flows, built.levers, expr, settings, clock)
    model.minimize(expr)
    for var in everything:
        if hint is not None and var.index in hint:
            model.add_hint(var, hint[var.index])
    solver = _solver(settings, "targets", budgets)
    status = solver.solve(model)
    clock.deterministic_used += solver.response_proto.deterministic_time
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return _Retry(
        built,
        everything,
        expr,
        {v.index: int(solver.value(v)) for v in everything},
        round(solver.objective_value),
        math.ceil(solver.best_objective_bound - 1e-6),
        status,
        time.monotonic() - t0,
    )


def _deterministic_left(clock: Clock) -> float:
    """What is left of the deterministic budget (deterministic mode), else no limit."""
    return clock.deterministic_left() if clock.settings.deterministic else math.inf


def _solver(settings: SolverSettings, name: str, budgets: tuple[float, float]) -> cp_model.CpSolver:
    """The phase's solver, limited by `budgets` (seconds of the clock, deterministic time).

    The targets phase searches with one worker guided by the linear relaxation (CP-SAT's
    LP_SEARCH, the full linearization): its relaxation is tight (the failing flags and
    shortfalls are linear in the counts), and from the greedy road it finds every school the
    levers can save in a few tenths of a deterministic second on the example county, where
    the default portfolio saves about one school a second. One worker also repeats itself on
    any machine. The later phases use the settings' workers; with one, CP-SAT's interleaved
    search, so that its neighbourhood searches run in that one thread (the default search
    alone, started from the first road, rarely improves on it)."""
    solver = configured_solver(settings, *budgets)
    if name == "targets":
        solver.parameters.num_workers = 1
        solver.parameters.interleave_search = False
        solver.parameters.search_branching = cp_model.LP_SEARCH
        solver.parameters.linearization_level = 2
    elif settings.num_workers == 1:
        solver.parameters.interleave_search = True
    return solver


def _in_user_units(
    name: str, objective: int, bound: int, inst: Instance, built: _Built, values: dict[int, int]
) -> tuple[float, float]:
    if name == "cvs":
        weights = sum(
            int(inst.weights[k]) for (k, _), t in built.terms.totals.items() if values[t.index] > 0
        )
        return (
            max(0.0, objective / CVS_SCALE - weights),
            max(0.0, bound / CVS_SCALE - weights),
        )
    if name == "targets":
        # the weighted objective's bound is not a count: only a proof of optimality is stated
        count = float(_targets_failing(built.terms, values))
        return count, count if bound >= objective else math.nan
    if name == "travel":
        return objective / obj.TRAVEL_UNITS_PER_KM, bound / obj.TRAVEL_UNITS_PER_KM
    return float(objective), float(max(0, bound))


def _result(
    inst: Instance, built: _Built, values: dict[int, int], phases: list[RoadPhase], seconds: float
) -> RoadSolution:
    flows, lev, terms = built.flows, built.levers, built.terms
    sent = {key: values[v.index] for key, v in flows.route.items() if values[v.index]}
    leave = {key: values[v.index] for key, v in flows.leave.items() if values[v.index]}
    arrive = {key: values[v.index] for key, v in flows.arrive.items() if values[v.index]}
    moves = moves_table(Solution(inst, sent, leave, arrive))
    names = inst.units["name"]
    hires = [
        {
            "year": inst.years[y],
            "school_id": inst.units.index[u][0],
            "name": names.iat[u],
            "stage": inst.units.index[u][1],
            "subject": subject,
            "education": inst.policy.hire_education,
            "count": values[v.index],
        }
        for (u, subject, y), v in sorted(lev.hires.items())
        if values[v.index]
    ]
    teachers = inst.roster.teachers.set_index("teacher_id")
    designations = []
    for u, ids in sorted(lev.candidates.items()):
        chosen = 0
        for y in range(inst.n_years):
            v = lev.designations.get((u, y))
            n = values[v.index] if v is not None else 0
            for tid in ids[chosen : chosen + n]:
                designations.append(
                    {
                        "year": inst.years[y],
                        "teacher_id": tid,
                        "name": teachers.at[tid, "name"] if "name" in teachers else "",
                        "school_id": inst.units.index[u][0],
                        "stage": inst.units.index[u][1],
                    }
                )
            chosen += n
    table = pd.DataFrame(
        [
            {
                "phase": p.name,
                "status": p.status,
                "value": p.value,
                "bound": p.bound,
                "unit": ROAD_UNITS[p.name],
                "seconds": p.seconds,
            }
            for p in phases
        ],
        columns=["phase", "status", "value", "bound", "unit", "seconds"],
    ).set_index("phase")
    claimed = {
        "cv_pass": {
            (inst.indicators[k].code, stage): not values[f.index]
            for (k, stage), f in terms.cv_fails.items()
        },
        "school_pass": {
            inst.units.index[u]: bool(values[v.index]) for u, v in terms.school_pass.items()
        },
        "short": sum(values[v.index] for v in terms.shortfalls.values()),
    }
    return RoadSolution(
        inst=inst,
        moves=moves,
        hires=pd.DataFrame(
            hires, columns=["year", "school_id", "name", "stage", "subject", "education", "count"]
        ),
        designations=pd.DataFrame(
            designations, columns=["year", "teacher_id", "name", "school_id", "stage"]
        ),
        condemned=terms.condemned,
        phases=table,
        status=SolveStatus.overall([p.status for p in phases]),
        seconds=seconds,
        claimed=claimed,
    )

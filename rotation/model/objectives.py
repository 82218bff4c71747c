"""The objective terms, one function each, solved in lexicographic phases.

(a) pass the CV thresholds of the weighted teacher indicators: how many fail, then by how much;
(a′) when re-planning, the fewest changes to the previous plan that achieve (a);
(b) the fewest moves that achieve (a);
(c) the official CVs themselves, with that many moves;
(d) the shortfall of schools below their own thresholds;
(e) disruption: travel distance, and teachers sent where they did not ask to go.

The CV is stated exactly over integers. Rotation keeps each stage's county total R of an
indicator fixed, so CV² = (P/R²)·Σ_u R_u²/P_u − 1 and minimising CV² is minimising Σ R_u²/P_u.
With a common scale K, S = Σ_u round(K·P/(R²·P_u))·R_u² equals K·(CV² + 1) to within the
rounding of the weights (below 1e-4 relative by the choice of K), so the CVs of all indicators
and stages share one unit and can be summed. Squares are tangent cuts q ≥ (2j+1)·x − j(j+1),
exact on integers, or a multiplication constraint where the range is wide.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
from ortools.sat.python import cp_model

from rotation.io.numbers import exact as exact_value
from rotation.io.vocabulary import STAGES
from rotation.model.instance import Instance
from rotation.model.rules import all_moves
from rotation.model.variables import Flows

#: Ranges of an indicator count wider than this use a multiplication constraint for the square.
TANGENT_CUT_LIMIT = 80
#: Smallest weight wanted: the rounding of each weight is then under 1/(2·MIN_WEIGHT) relative.
MIN_WEIGHT = 10_000
#: Largest common scale K of the CV terms, so that sums of S stay far inside 64-bit integers.
MAX_SCALE = 10**12
#: Slack subtracted before rounding a needed teacher count up, so that a product such as
#: 4.2 × 500 / 100 = 21.000000000000004 in floating point needs 21 teachers, not 22.
COUNT_TOLERANCE = 1e-9
#: Distance resolution of phase (e) and of the pairing of pooled moves: travel is counted in
#: whole steps of 1/TRAVEL_UNITS_PER_KM km (100 m).
TRAVEL_UNITS_PER_KM = 10
#: A granted preference is worth this much travel, in km.
PREFERENCE_BONUS_KM = 20
#: The same bonus in travel units.
PREFERENCE_BONUS = PREFERENCE_BONUS_KM * TRAVEL_UNITS_PER_KM


@dataclass
class CvTerm:
    """One (indicator, stage, year): S = Σ w_u·q_u + constant ≈ K·(CV² + 1)."""

    k: int
    stage: str
    year: int
    weights: dict[int, int]  # unit -> w_u (units in the CV)
    constant: int  # Σ w_u·R_u² over units whose count cannot change
    bound: int  # S ≤ bound guarantees CV ≤ threshold despite the rounding of w (_pass_bound)
    expr: cp_model.LinearExprT = None
    excess: cp_model.IntVar | None = None
    fails: cp_model.IntVar | None = None
    max_value: int = 0


@dataclass
class Terms:
    """Every auxiliary variable of the objective, kept so a hint can give each a value."""

    scale: int = 1
    big: int = 1  # phase (a)'s weight of one failing CV: above any total weighted excess
    counts: dict[tuple[int, int, int], cp_model.IntVar] = field(default_factory=dict)  # (k,u,y)
    squares: dict[tuple[int, int, int], cp_model.IntVar] = field(default_factory=dict)  # (k,u,y)
    cv: list[CvTerm] = field(default_factory=list)
    shortfalls: dict[tuple[int, int, int], tuple[cp_model.IntVar, int]] = field(
        default_factory=dict
    )
    preference: dict[tuple[int, int, int], tuple[cp_model.IntVar, int]] = field(
        default_factory=dict
    )


def bounds(var: cp_model.IntVar) -> tuple[int, int]:
    """A variable's lowest and highest value (its proto domain does not index from the end)."""
    domain = list(var.proto.domain)
    return int(domain[0]), int(domain[-1])


def count_bounds(inst: Instance, flows: Flows, k: int, u: int, y: int) -> tuple[int, int]:
    """The range an indicator count can take at a unit in year y under the rules' bounds."""
    r0 = int(inst.r0[y, k, u])
    out_max = sum(
        bounds(f.var)[1] for f in flows.outgoing[u] if f.counts_in(y) and inst.types[f.type].bits[k]
    )
    out_max = min(
        out_max, sum(c.size for c in inst.classes if c.unit == u and inst.types[c.type].bits[k])
    )
    in_max = sum(
        bounds(f.var)[1] for f in flows.incoming[u] if f.counts_in(y) and inst.types[f.type].bits[k]
    )
    returns = sum(c.size for c in inst.classes if c.home is not None)  # not counted by R2
    in_max = min(in_max, sum(inst.max_moves[: y + 1]) + returns)
    if inst.policy.staffing:
        slack = int(inst.caps[y, u] - inst.heads[y, u])
        leaving = sum(c.size for c in inst.classes if c.unit == u)
        in_max = min(in_max, max(0, slack) + leaving)
    return max(0, r0 - out_max), r0 + in_max


def indicator_counts(model: cp_model.CpModel, inst: Instance, flows: Flows, terms: Terms) -> None:
    """R_{k,u,y} = R0 + arrivals − leavers counting for indicator k in year y, for the units
    whose count can change."""
    if not inst.moves_counted:
        return
    for k in range(len(inst.indicators)):

        def counted(typ, k=k):
            return typ.bits[k]

        for y in range(inst.n_years):
            for u in range(inst.n_units):
                if not flows.can_change(u, y):
                    continue
                lo, hi = count_bounds(inst, flows, k, u, y)
                if lo == hi:
                    continue
                r = model.new_int_var(lo, hi, f"count_k{k}_u{u}_y{y}")
                change = flows.inflow(inst, u, y, counted) - flows.outflow(inst, u, y, counted)
                model.add(r == int(inst.r0[y, k, u]) + change)
                terms.counts[(k, u, y)] = r


def square(model: cp_model.CpModel, x: cp_model.IntVar, name: str) -> cp_model.IntVar:
    """q ≥ x² at every integer x of the range (exact under minimisation)."""
    lo, hi = bounds(x)
    q = model.new_int_var(lo * lo, hi * hi, name)
    if hi - lo <= TANGENT_CUT_LIMIT:
        for j in range(lo, hi):
            model.add(q >= (2 * j + 1) * x - j * (j + 1))
    else:
        model.add_multiplication_equality(q, [x, x])
    return q


def cv_terms(model: cp_model.CpModel, inst: Instance, terms: Terms) -> None:
    """S_{k,stage,year} ≈ K·(CV² + 1) for each weighted indicator, stage and year (module doc)."""
    students = inst.units["students"].to_numpy(dtype=np.int64)
    stages = [s for s in STAGES if inst.cv_units(s)]
    triples = []
    for y in range(inst.n_years):
        for k in range(len(inst.indicators)):
            for stage in stages:
                units = inst.cv_units(stage)
                total_r = int(inst.r0[y, k, units].sum())
                if total_r > 0:
                    triples.append((k, stage, y, units, total_r, int(students[units].sum())))
    if not triples:
        return
    need = max(MIN_WEIGHT * r * r * students[units].max() / p for *_, units, r, p in triples)
    terms.scale = scale = int(min(MAX_SCALE, 10 ** math.ceil(math.log10(max(need, 1)))))
    for k, stage, y, units, total_r, total_p in triples:
        w = {u: max(1, round(scale * total_p / (total_r**2 * students[u]))) for u in units}
        term = CvTerm(k, stage, y, w, 0, _pass_bound(inst, stage, scale, w, total_r, total_p))
        parts = []
        for u in units:
            r = terms.counts.get((k, u, y))
            if r is None:
                term.constant += w[u] * int(inst.r0[y, k, u]) ** 2
                term.max_value += w[u] * int(inst.r0[y, k, u]) ** 2
                continue
            q = terms.squares.get((k, u, y))
            if q is None:
                q = terms.squares[(k, u, y)] = square(model, r, f"square_k{k}_u{u}_y{y}")
            parts.append(w[u] * q)
            term.max_value += w[u] * bounds(q)[1]
        term.expr = cp_model.LinearExpr.sum(parts) + term.constant if parts else term.constant
        terms.cv.append(term)


def _pass_bound(inst: Instance, stage: str, scale: int, w, total_r: int, total_p: int) -> int:
    """The largest S that guarantees CV ≤ threshold: S ≥ (1 − δ)·K·(CV² + 1), δ the largest
    relative rounding down of a weight, so S ≤ ⌊(1 − δ)·K·(threshold² + 1)⌋ suffices; with
    exact weights the test is exact and a CV at the threshold passes, as the method says."""
    students = inst.units["students"].to_numpy(dtype=np.int64)
    down = Fraction(0)
    for u, weight in w.items():
        exact = Fraction(scale * total_p, total_r**2 * int(students[u]))
        down = max(down, (exact - weight) / exact)
    limit = exact_value(inst.policy.standard.cv_thresholds[stage])
    return math.floor((1 - down) * scale * (limit**2 + 1))


def threshold_failures(
    model: cp_model.CpModel, inst: Instance, terms: Terms
) -> cp_model.LinearExprT | None:
    """(a) Σ weight·(BIG·[CV fails] + excess of S over its bound): fewest failing CVs first."""
    parts, big = [], 1
    for term in terms.cv:
        top = max(0, term.max_value - term.bound)
        name = f"k{term.k}_{term.stage}_y{term.year}"
        term.excess = model.new_int_var(0, top, f"excess_{name}")
        term.fails = model.new_bool_var(f"fails_{name}")
        model.add(term.expr - term.excess <= term.bound)
        model.add(term.excess <= top * term.fails)
        big += int(inst.weights[term.k]) * top
    for term in terms.cv:
        weight = int(inst.weights[term.k])
        parts.append(weight * big * term.fails + weight * term.excess)
    terms.big = big
    return cp_model.LinearExpr.sum(parts) if parts else None


def changed_assignments(inst: Instance, flows: Flows) -> cp_model.LinearExprT | None:
    """(a′) teachers whose assignment differs from the previous plan's (`Instance.previous`):
    moved before and not now, now and not before, or now to another school or year.

    A class whose teachers the previous plan did not move changes once per teacher it moves. A
    class of p teachers the previous plan all moved to one (unit, year) changes p less those
    sent there again: a teacher of it who stays, or moves elsewhere, changes once, so sending
    them elsewhere instead of moving someone new is free. With classes split by their previous
    move (classes.classify), the sum is the least number of changed teachers any naming of the
    flows achieves, and assign.py names them so. Teachers of the previous plan who may not move
    now (pinned to stay, no longer eligible) each add a constant 1. None without a previous
    plan (or when nobody may move)."""
    if not inst.previous:
        return None
    parts: list[cp_model.LinearExprT] = []
    constant = 0
    in_classes = set()
    for c in inst.classes:
        in_classes.update(c.teacher_ids)
        if c.previous is None:
            parts += [flows.leaving(inst, c.index, y) for y in c.years]
            continue
        constant += c.size
        unit, year = c.previous
        kept = flows.route.get((c.index, unit, year))
        if kept is not None:
            parts.append(-kept)
    constant += sum(1 for tid in inst.previous if tid not in in_classes)
    return cp_model.LinearExpr.sum(parts) + constant if parts else None


def move_count(inst: Instance, flows: Flows) -> cp_model.LinearExprT | None:
    """(b) the number of teachers rotated, over every planned year."""
    return all_moves(inst, flows) if inst.classes else None


def official_cvs(inst: Instance, terms: Terms) -> cp_model.LinearExprT | None:
    """(c) Σ weight·S = K·Σ weight·(CV² + 1): the official CVs, all on one scale."""
    parts = [int(inst.weights[t.k]) * t.expr for t in terms.cv]
    return cp_model.LinearExpr.sum(parts) if parts else None


def school_shortfalls(
    model: cp_model.CpModel, inst: Instance, terms: Terms
) -> cp_model.LinearExprT | None:
    """(d) Σ weight·(teachers a school lacks to reach its own threshold), per indicator and
    year."""
    students = inst.units["students"].to_numpy()
    parts = []
    for (k, u, y), r in terms.counts.items():
        ind = inst.indicators[k]
        stage = inst.units.index[u][1]
        needed = math.ceil(ind.thresholds[stage] * students[u] / ind.per - COUNT_TOLERANCE)
        lo = bounds(r)[0]
        if needed <= lo:
            continue
        short = model.new_int_var(0, needed - lo, f"short_k{k}_u{u}_y{y}")
        model.add(short >= needed - r)
        terms.shortfalls[(k, u, y)] = (short, needed)
        parts.append(int(inst.weights[k]) * short)
    return cp_model.LinearExpr.sum(parts) if parts else None


def disruption(
    model: cp_model.CpModel, inst: Instance, flows: Flows, terms: Terms
) -> cp_model.LinearExprT | None:
    """(e) travel of routed moves in travel units (100 m), minus PREFERENCE_BONUS for each
    teacher sent where they asked to go. Pooled moves are paired by distance after the solve
    (see assign)."""
    parts = []
    school = inst.units.index.get_level_values("school_id")
    for (c, d, y), var in flows.route.items():
        cls = inst.classes[c]
        if inst.distances is not None:
            km = inst.distances.at[school[cls.unit], school[d]]
            if np.isfinite(km):
                parts.append(travel_units(km) * var)
        wanting = _wanting(inst, cls.teacher_ids, school[d])
        if wanting:
            took = model.new_int_var(0, wanting, f"preferred_c{c}_u{d}_y{y}")
            model.add(took <= var)
            terms.preference[(c, d, y)] = (took, wanting)
            parts.append(-PREFERENCE_BONUS * took)
    granted: dict[tuple[int, int, int], list] = {}
    for (c, d, _), (took, wanting) in terms.preference.items():
        granted.setdefault((c, d, wanting), []).append(took)
    for (_, _, wanting), took in granted.items():
        if len(took) > 1:  # a wish is granted once, whichever year the move is made in
            model.add(cp_model.LinearExpr.sum(took) <= wanting)
    return cp_model.LinearExpr.sum(parts) if parts else None


def travel_units(km: float) -> int:
    """A finite distance in whole travel units (TRAVEL_UNITS_PER_KM per km)."""
    return round(TRAVEL_UNITS_PER_KM * km)


def _wanting(inst: Instance, teacher_ids: tuple[str, ...], school: str) -> int:
    return sum(school in inst.preferences.get(tid, ()) for tid in teacher_ids)

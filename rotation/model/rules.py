"""The hard rules of a plan, one function each, in the order the policy states them.

Each function adds its constraints to the model and returns them. With `guard`, every
constraint is enforced only if that literal is true: the infeasibility explanation solves with
one guard per rule as an assumption and reads back which rules clash.

Rule numbers (used in messages and docs/model.md):
Every rule holds in every planned year.

  R1 rotate at least min_rotation_ratio of eligible teachers
  R2 rotate at most max_rotation_ratio of eligible teachers
  R3 backbone teachers at least min_backbone_share of those rotated
  R4 a teacher moves at most once, to a school of the same stage (structural)
  R5 subject coverage: never below min(teachers before, need)
  R6 staffing: never above max(headcount before, quota)
  R7 teachers on rotation stay until their term ends (eligibility)
  R8 pinned decisions
  R9 direction, R10 school groups, R11 distance (candidate destinations)
"""

from __future__ import annotations

import math
from collections.abc import Callable

from ortools.sat.python import cp_model

from rotation.model.instance import Instance
from rotation.model.variables import Flows

Rule = Callable[[cp_model.CpModel, Instance, Flows, "cp_model.IntVar | None"], list]

RULE_NAMES = {
    "R1": "minimum rotation ratio",
    "R2": "maximum rotation ratio",
    "R3": "backbone share of the rotated",
    "R4": "one move per teacher, same stage",
    "R5": "subject coverage",
    "R6": "staffing quota",
    "R7": "teachers on rotation stay",
    "R8": "pinned decisions",
    "R9": "direction of moves",
    "R10": "school groups",
    "R11": "maximum distance",
}


def _guarded(constraint: cp_model.Constraint, guard) -> cp_model.Constraint:
    return constraint.only_enforce_if(guard) if guard is not None else constraint


def moves_total(
    inst: Instance, flows: Flows, y: int, backbone: bool = False
) -> cp_model.LinearExprT:
    """Teachers rotated in year y (with `backbone`, the backbone ones): every class's leavers,
    less a teacher on rotation pinned to move who goes back home, which ends a rotation."""
    parts = []
    for c in inst.classes:
        if y not in c.years or (backbone and not inst.types[c.type].backbone):
            continue
        parts.append(flows.leaving(inst, c.index, y))
        if c.home is not None:
            parts.append(-flows.route[(c.index, c.home, y)])
    return cp_model.LinearExpr.sum(parts)


def all_moves(inst: Instance, flows: Flows) -> cp_model.LinearExprT:
    """Teachers rotated over every planned year."""
    return cp_model.LinearExpr.sum([moves_total(inst, flows, y) for y in range(inst.n_years)])


def pooled_transport(model: cp_model.CpModel, inst: Instance, flows: Flows, guard=None) -> list:
    """R4 for pooled classes: each pool's arrivals equal its leavers, year by year, and a unit
    never sends and receives more of a type than the pool moves (nobody "moves" to their own
    school).

    With leavers o_u and arrivals i_u per unit and T = Σo = Σi, a transport with no unit
    sending to itself exists iff o_u + i_u ≤ T for every unit (Hall's condition).
    """
    out = []
    for (t, pool, y), members in inst.pools.items():
        stage = inst.types[t].stage
        leavers = {c: flows.leave[(c, y)] for c in members}
        total = cp_model.LinearExpr.sum(list(leavers.values()))
        arrivals = {u: flows.arrive[(t, pool, u, y)] for u in inst.pool_units[pool][stage]}
        out.append(
            _guarded(model.add(total == cp_model.LinearExpr.sum(list(arrivals.values()))), guard)
        )
        by_unit: dict[int, list] = {}
        for c, var in leavers.items():
            by_unit.setdefault(inst.classes[c].unit, []).append(var)
        for u, sent in by_unit.items():
            if u in arrivals:
                both = cp_model.LinearExpr.sum([*sent, arrivals[u]])
                out.append(_guarded(model.add(both <= total), guard))
    return out


def moves_once(model: cp_model.CpModel, inst: Instance, flows: Flows, guard=None) -> list:
    """R4: a teacher moves at most once in the plan: a class's flows to every destination and
    in every year together send at most its teachers (each flow alone is bounded by the class
    size, not their sum)."""
    out = []
    for c in inst.classes:
        several = len(c.years) > 1 or (c.candidates is not None and len(c.candidates) > 1)
        if several:
            every = cp_model.LinearExpr.sum([flows.leaving(inst, c.index, y) for y in c.years])
            out.append(_guarded(model.add(every <= c.size), guard))
    return out


def moved_before(inst: Instance, flows: Flows, y: int) -> list[cp_model.IntVar]:
    """Variables counting the teachers eligible in year y (without the plan) whom the plan
    moved in an earlier year and who are not eligible again by then (`TeacherClass.away`):
    that year's eligible are fewer by as many."""
    return [
        var
        for c in inst.classes
        for earlier, later in c.away
        if later == y
        for var in flows.leaving_vars(inst, c.index, earlier)
    ]


def min_rotation(model: cp_model.CpModel, inst: Instance, flows: Flows, guard=None) -> list:
    """R1: rotated ≥ ceil(min_rotation_ratio × that year's eligible), every year. In later
    years of a horizon the eligible exclude those the plan moved and who are not eligible
    again yet (`moved_before`): den·n ≥ num·E."""
    out = [_guarded(model.add(moves_total(inst, flows, 0) >= inst.min_moves[0]), guard)]
    share = inst.policy.min_rotation_fraction
    for y in range(1, inst.n_years):
        eligible = inst.eligible[y] - cp_model.LinearExpr.sum(moved_before(inst, flows, y))
        rotated = moves_total(inst, flows, y)
        rule = model.add(share.denominator * rotated >= share.numerator * eligible)
        out.append(_guarded(rule, guard))
    return out


def max_rotation(model: cp_model.CpModel, inst: Instance, flows: Flows, guard=None) -> list:
    """R2: rotated ≤ floor(max_rotation_ratio × that year's eligible) every year (never below
    R1's minimum): rotation costs the teachers who move."""
    out = [_guarded(model.add(moves_total(inst, flows, 0) <= inst.max_moves[0]), guard)]
    for y in range(1, inst.n_years):
        away = moved_before(inst, flows, y)
        eligible = inst.eligible[y] - cp_model.LinearExpr.sum(away)
        cap = _rotation_cap(model, inst, flows, y, eligible, away)
        out.append(_guarded(model.add(moves_total(inst, flows, y) <= cap), guard))
    return out


def _rotation_cap(model, inst: Instance, flows: Flows, y: int, eligible, away) -> cp_model.IntVar:
    """max(ceil(min_ratio·E), floor(max_ratio·E)) for a variable E, exactly, as Policy does."""
    low = inst.policy.min_rotation_fraction
    high = inst.policy.max_rotation_fraction
    top = inst.max_moves[y]
    least = model.new_int_var(0, top, f"least_moves_y{y}")
    model.add(low.denominator * least >= low.numerator * eligible)
    model.add(low.denominator * least <= low.numerator * eligible + low.denominator - 1)
    most = model.new_int_var(0, top, f"most_moves_y{y}")
    model.add(high.denominator * most <= high.numerator * eligible)
    model.add(high.denominator * most >= high.numerator * eligible - high.denominator + 1)
    cap = model.new_int_var(0, top, f"cap_moves_y{y}")
    model.add_max_equality(cap, [least, most])

    def actual(values: dict[int, int]) -> int:
        return inst.eligible[y] - sum(values[v.index] for v in away)

    policy = inst.policy
    flows.derived += [
        (least, lambda values: policy.min_rotated(actual(values))),
        (most, lambda values: math.floor(high * actual(values))),
        (cap, lambda values: policy.max_rotated(actual(values))),
    ]
    return cap


def backbone_share(model: cp_model.CpModel, inst: Instance, flows: Flows, guard=None) -> list:
    """R3: backbone rotated ≥ share × rotated every year, stated exactly as den·B ≥ num·n."""
    share = inst.policy.backbone_fraction
    out = []
    for y in range(inst.n_years):
        backbone = moves_total(inst, flows, y, backbone=True)
        rotated = moves_total(inst, flows, y)
        rule = model.add(share.denominator * backbone >= share.numerator * rotated)
        out.append(_guarded(rule, guard))
    return out


def subject_coverage(model: cp_model.CpModel, inst: Instance, flows: Flows, guard=None) -> list:
    """R5: in every year each unit keeps at least min(teachers without rotation, need) in each
    subject."""
    if not inst.policy.coverage:
        return []
    out = []
    for (y, u, subject), floor in inst.floors.items():
        leaving = [f for f in flows.outgoing[u] if f.counts_in(y)]
        if not any(inst.types[f.type].subject == subject for f in leaving):
            continue

        def same(typ, s=subject):
            return typ.subject == s

        have = inst.subjects0.get((y, u, subject), 0)
        change = flows.inflow(inst, u, y, same) - flows.outflow(inst, u, y, same)
        out.append(_guarded(model.add(change >= floor - have), guard))
    return out


def staffing_quota(model: cp_model.CpModel, inst: Instance, flows: Flows, guard=None) -> list:
    """R6: in every year no unit ends above max(its headcount without rotation, its quota)."""
    if not inst.policy.staffing:
        return []
    out = []
    for y in range(inst.n_years):
        for u in range(inst.n_units):
            if not any(f.counts_in(y) for f in flows.incoming[u]):
                continue
            change = flows.inflow(inst, u, y) - flows.outflow(inst, u, y)
            room = int(inst.caps[y, u] - inst.heads[y, u])
            out.append(_guarded(model.add(change <= room), guard))
    return out


def pinned_moves(model: cp_model.CpModel, inst: Instance, flows: Flows, guard=None) -> list:
    """R8: a teacher pinned to move (or to a destination) moves in the first year; "stay" pins
    are not movable and "to"/"not_to" pins already shaped the candidate destinations."""
    out = []
    for c in inst.classes:
        if c.must_move:
            out.append(_guarded(model.add(flows.leaving(inst, c.index, 0) >= c.must_move), guard))
    return out


#: The guarded families, in order, with the rule number each states.
RULES: tuple[tuple[str, Rule], ...] = (
    ("R1", min_rotation),
    ("R2", max_rotation),
    ("R3", backbone_share),
    ("R4", pooled_transport),
    ("R4", moves_once),
    ("R5", subject_coverage),
    ("R6", staffing_quota),
    ("R8", pinned_moves),
)


def add_rules(
    model: cp_model.CpModel, inst: Instance, flows: Flows, guards: dict | None = None
) -> None:
    """Every hard rule; with `guards` (rule number → literal), each family is guarded."""
    for number, rule in RULES:
        rule(model, inst, flows, (guards or {}).get(number))

"""The hard rules of a plan, one function each, in the order the policy states them.

Each function adds its constraints to the model and returns them. With `guard`, every
constraint is enforced only if that literal is true: the infeasibility explanation solves with
one guard per rule as an assumption and reads back which rules clash.

Rule numbers (used in messages and docs/rules.md):
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

from collections.abc import Callable

from ortools.sat.python import cp_model

from .instance import Instance
from .variables import Flows

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


def moves_total(inst: Instance, flows: Flows, backbone: bool = False) -> cp_model.LinearExprT:
    """Teachers rotated (with `backbone`, the backbone ones): every class's leavers, less a
    teacher on rotation pinned to move who goes back home, which ends a rotation."""
    parts = []
    for c in inst.classes:
        if backbone and not inst.types[c.type].backbone:
            continue
        parts.append(flows.leaving(inst, c.index))
        if c.home is not None:
            parts.append(-flows.route[(c.index, c.home)])
    return cp_model.LinearExpr.sum(parts)


def pooled_transport(model: cp_model.CpModel, inst: Instance, flows: Flows, guard=None) -> list:
    """R4 for pooled classes: each pool's arrivals equal its leavers, and a unit never sends
    and receives more of a type than the pool moves (so nobody "moves" to their own school).

    With leavers o_u and arrivals i_u per unit and T = Σo = Σi, a transport with no unit
    sending to itself exists iff o_u + i_u ≤ T for every unit (Hall's condition).
    """
    out = []
    for (t, pool), members in inst.pools.items():
        stage = inst.types[t].stage
        leavers = {c: flows.leave[c] for c in members}
        total = cp_model.LinearExpr.sum(list(leavers.values()))
        arrivals = {u: flows.arrive[(t, pool, u)] for u in inst.pool_units[pool][stage]}
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


def routed_once(model: cp_model.CpModel, inst: Instance, flows: Flows, guard=None) -> list:
    """R4 for routed classes: the flows to all candidate destinations together send at most the
    class's teachers (each flow alone is bounded by the class size, not their sum)."""
    out = []
    for c in inst.classes:
        if c.routed and len(c.candidates) > 1:
            out.append(_guarded(model.add(flows.leaving(inst, c.index) <= c.size), guard))
    return out


def min_rotation(model: cp_model.CpModel, inst: Instance, flows: Flows, guard=None) -> list:
    """R1: rotated ≥ ceil(min_rotation_ratio × eligible)."""
    return [_guarded(model.add(moves_total(inst, flows) >= inst.min_moves), guard)]


def max_rotation(model: cp_model.CpModel, inst: Instance, flows: Flows, guard=None) -> list:
    """R2: rotated ≤ floor(max_rotation_ratio × eligible): rotation costs the teachers who move."""
    return [_guarded(model.add(moves_total(inst, flows) <= inst.max_moves), guard)]


def backbone_share(model: cp_model.CpModel, inst: Instance, flows: Flows, guard=None) -> list:
    """R3: backbone rotated ≥ share × rotated, stated exactly as den·B ≥ num·rotated."""
    share = inst.policy.backbone_share()
    backbone = moves_total(inst, flows, backbone=True)
    rotated = moves_total(inst, flows)
    return [_guarded(model.add(share.denominator * backbone >= share.numerator * rotated), guard)]


def subject_coverage(model: cp_model.CpModel, inst: Instance, flows: Flows, guard=None) -> list:
    """R5: every unit keeps at least min(teachers before, need) in each subject."""
    if not inst.policy.coverage:
        return []
    out = []
    for (u, subject), floor in inst.floors.items():
        if not flows.outgoing[u]:
            continue
        have = inst.subjects0.get((u, subject), 0)
        if not any(inst.types[t].subject == subject for _, t in flows.outgoing[u]):
            continue

        def same(typ, s=subject):
            return typ.subject == s

        change = flows.inflow(inst, u, same) - flows.outflow(inst, u, same)
        out.append(_guarded(model.add(change >= floor - have), guard))
    return out


def staffing_quota(model: cp_model.CpModel, inst: Instance, flows: Flows, guard=None) -> list:
    """R6: no unit ends above max(its headcount before, its quota)."""
    if not inst.policy.staffing:
        return []
    out = []
    heads = inst.units["teachers"].to_numpy()
    caps = inst.units["cap"].to_numpy()
    for u in range(inst.n_units):
        if not flows.incoming[u]:
            continue
        change = flows.inflow(inst, u) - flows.outflow(inst, u)
        out.append(_guarded(model.add(change <= int(caps[u] - heads[u])), guard))
    return out


def pinned_moves(model: cp_model.CpModel, inst: Instance, flows: Flows, guard=None) -> list:
    """R8: a teacher pinned to move (or to a destination) moves; "stay" pins are not movable
    and "to"/"not_to" pins already shaped the teacher's candidate destinations."""
    out = []
    for c in inst.classes:
        if c.must_move:
            out.append(_guarded(model.add(flows.leaving(inst, c.index) >= c.must_move), guard))
    return out


#: The guarded families, in order, with the rule number each states.
RULES: tuple[tuple[str, Rule], ...] = (
    ("R1", min_rotation),
    ("R2", max_rotation),
    ("R3", backbone_share),
    ("R4", pooled_transport),
    ("R4", routed_once),
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

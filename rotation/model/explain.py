"""Why no plan exists: the rules that clash, with the numbers that make them clash.

First the arithmetic an office can check by hand (too few movable teachers, too few backbone
teachers); then CP-SAT itself: each rule family is guarded by a literal assumed true, and the
solver returns a subset of them that cannot hold together.
"""

from __future__ import annotations

import math
import time

from ortools.sat.python import cp_model

from rotation.errors import InfeasibleError
from rotation.model.instance import Instance
from rotation.model.rules import RULE_NAMES, add_rules
from rotation.model.solve import DETERMINISTIC_TIME_PER_SECOND
from rotation.model.status import ModelInvalidError
from rotation.model.variables import build_flows
from rotation.policy.destinations import travel_cap
from rotation.policy.eligible import REASONS

#: Seconds the explanation may search for a conflicting subset of rules (one worker), at most:
#: never more than what is left of the caller's time limit.
EXPLAIN_SECONDS = 20.0
#: Below this many seconds left, the solver is not asked for a conflicting subset at all.
MIN_EXPLAIN_SECONDS = 0.05
NOT_IN_TIME = "the rules conflict, but no smaller explanation was found in time"


def explain_infeasibility(
    inst: Instance, settings, seconds: float = EXPLAIN_SECONDS
) -> InfeasibleError:
    """The InfeasibleError naming the rules that clash; `seconds`: what is left of the time
    limit (the solver's search for a conflicting subset is capped to it)."""
    conflicts = arithmetic_conflicts(inst)
    if not conflicts:
        conflicts = solver_conflicts(inst, settings, seconds)
    restrictions = _restrictions(inst)
    if restrictions:
        conflicts.append("who may move, and where, is also narrowed by " + "; ".join(restrictions))
    return InfeasibleError(conflicts)


def arithmetic_conflicts(inst: Instance) -> list[str]:
    """Conflicts visible from counts alone, year by year."""
    out = []
    for y in range(inst.n_years):
        out += _year_arithmetic(inst, y)
    return out


def _in_year(inst: Instance, y: int) -> str:
    """ " in 2027" for plans of several years; nothing for a one-year plan."""
    return f" in {inst.years[y]}" if inst.n_years > 1 else ""


def _year_arithmetic(inst: Instance, y: int) -> list[str]:
    p = inst.policy
    movable = inst.movable(y)
    least, most, eligible = inst.min_moves[y], inst.max_moves[y], inst.eligible[y]
    when = _in_year(inst, y)
    out = []
    if movable < least:
        out.append(
            f"R1 {RULE_NAMES['R1']}{when}: at least {least} moves "
            f"({p.min_rotation_ratio:.0%} of {eligible} eligible), but only {movable} "
            "teachers may move (eligible or pinned)"
        )
    share = p.backbone_fraction
    backbone = sum(c.size for c in inst.classes if inst.types[c.type].backbone and y in c.years)
    need = math.ceil(share * least)
    if backbone < need:
        out.append(
            f"R3 {RULE_NAMES['R3']}{when}: {p.min_backbone_share:.0%} of at least {least} "
            f"rotated is {need} backbone teachers, but only {backbone} may move"
        )
    forced = sum(c.must_move for c in inst.classes if c.home is None) if y == 0 else 0
    if forced > most:
        out.append(
            f"R8 {RULE_NAMES['R8']}: {forced} teachers are pinned to move, but "
            f"R2 {RULE_NAMES['R2']} allows at most {most} "
            f"({p.max_rotation_ratio:.0%} of {eligible} eligible)"
        )
    return out


def solver_conflicts(inst: Instance, settings, seconds: float = EXPLAIN_SECONDS) -> list[str]:
    """A subset of rule families CP-SAT proves cannot all hold (assumptions, one worker),
    searched for at most `seconds` (and EXPLAIN_SECONDS), building the model included."""
    deadline = time.monotonic() + min(EXPLAIN_SECONDS, seconds)
    if seconds < MIN_EXPLAIN_SECONDS:
        return [NOT_IN_TIME]
    model = cp_model.CpModel()
    flows = build_flows(model, inst)
    guards = {number: model.new_bool_var(f"rule_{number}") for number in RULE_NAMES}
    add_rules(model, inst, flows, guards)
    model.add_assumptions(list(guards.values()))
    seconds = deadline - time.monotonic()
    if seconds < MIN_EXPLAIN_SECONDS:
        return [NOT_IN_TIME]
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = settings.seed
    solver.parameters.max_time_in_seconds = seconds
    if settings.deterministic:  # a budget that does not depend on the clock: repeatable
        solver.parameters.max_deterministic_time = DETERMINISTIC_TIME_PER_SECOND * min(
            EXPLAIN_SECONDS, settings.time_limit
        )
    status = solver.solve(model)
    if status == cp_model.MODEL_INVALID:
        raise ModelInvalidError("the explanation of infeasibility", model.validate())
    if status != cp_model.INFEASIBLE:
        return [NOT_IN_TIME]
    core = set(solver.sufficient_assumptions_for_infeasibility())
    return [describe(inst, number) for number, lit in guards.items() if lit.index in core]


def describe(inst: Instance, number: str) -> str:
    """One rule, with the numbers it imposes on this roster."""
    p = inst.policy
    name = f"{number} {RULE_NAMES[number]}"
    of_eligible = f"of {inst.eligible[0]} eligible"
    per_year = (
        " (per year, counting those moved earlier as eligible: "
        + ", ".join(f"{y}: {n}" for y, n in zip(inst.years, inst.min_moves, strict=True))
        + ")"
        if inst.n_years > 1
        else ""
    )
    if number == "R1":
        return (
            f"{name}: at least {inst.min_moves[0]} moves ({p.min_rotation_ratio:.0%} "
            f"{of_eligible}){per_year}"
        )
    if number == "R2":
        return (
            f"{name}: at most {inst.max_moves[0]} moves ({p.max_rotation_ratio:.0%} {of_eligible})"
        )
    if number == "R3":
        backbone = sum(c.size for c in inst.classes if inst.types[c.type].backbone)
        return (
            f"{name}: ≥ {p.min_backbone_share:.0%} of the rotated are backbone "
            f"({backbone} backbone teachers may move)"
        )
    if number == "R4":
        stages = inst.units.index.get_level_values("stage")
        return (
            f"{name}: {sum(c.size for c in inst.classes)} teachers may move, each to another "
            "school of its stage "
            f"(schools with primary students: {(stages == 'primary').sum()}, "
            f"with middle: {(stages == 'middle').sum()})"
        )
    if number == "R5":
        tight = sum(
            1
            for key, floor in inst.floors.items()
            if key[0] == 0 and inst.subjects0.get(key, 0) <= floor
        )
        return f"{name}: {tight} school subjects have no teacher to spare (at or below need)"
    if number == "R6":
        full = int((inst.heads[0] >= inst.caps[0]).sum())
        return f"{name}: {full} of {inst.n_units} school stages are at quota and can only swap"
    if number == "R8":
        forced = sum(c.must_move for c in inst.classes)
        return f"{name}: {_count(forced, 'teacher')} pinned to move, {len(inst.pins)} in all"
    return name


def _restrictions(inst: Instance) -> list[str]:
    """The rules that shape the model's classes and destinations rather than constrain its
    variables, so no assumption can name them: eligibility, pins, direction, groups, distance."""
    p = inst.policy
    out = []
    forced = {tid for c in inst.classes if c.must_move for tid in c.teacher_ids}
    barred = inst.status[~inst.status["eligible"] & ~inst.status["teacher_id"].isin(forced)]
    if len(barred):
        counts = barred["reason"].value_counts()
        reasons = ", ".join(f"{counts[code]} {REASONS[code]}" for code in REASONS if code in counts)
        out.append(
            f"R7 {RULE_NAMES['R7']} and eligibility: {len(barred)} of {len(inst.status)} "
            f"teachers may not rotate ({reasons})"
        )
    if len(inst.pins):
        stay = inst.pins.loc[inst.pins.action == "stay", "teacher_id"].nunique()
        placed = inst.pins.loc[inst.pins.action.isin(("to", "not_to")), "teacher_id"].nunique()
        parts = [f"{stay} pinned to stay"] * bool(stay)
        parts += [f"{placed} pinned to a destination"] * bool(placed)
        if parts:
            out.append(f"R8 {RULE_NAMES['R8']} ({', '.join(parts)})")
    if p.direction != "any":
        out.append(f"R9 {RULE_NAMES['R9']} ({p.direction})")
    if p.within_group:
        out.append(f"R10 {RULE_NAMES['R10']} (moves only within a school group)")
    cap = travel_cap(p, inst.distances)
    if cap is not None:
        out.append(f"R11 {RULE_NAMES['R11']} ({cap.describe()})")
    return out


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")

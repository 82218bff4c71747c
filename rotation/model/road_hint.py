"""The road's first complete road: the greedy rotation, no hire, no designation.

CP-SAT's search for the road's targets (model/road.py) starts best from a complete and
feasible hint: every variable given a value that satisfies every rule. This module makes one:

1. the greedy rotation plan (model/heuristic.py), solved on the plan's own model (the road
   model has the same flow variables, matched by their keys);
2. completed: the rotation and the levers fixed (no hire, no designation), one short solve
   gives every other variable of the road model its value, the targets' counts at their
   least (`goal` minimised);
3. repaired when the greedy fell short (it stops at its step or time budget, possibly before a
   year's minimum ratio): the greedy rotation is then only a hint, the levers still fixed at
   none, and CP-SAT searches for any rotation that keeps every rule; that rotation is then
   completed as in 2.

Both solves use one worker (the same values on any machine) and, in deterministic mode, a
deterministic-time limit; the clock bounds them in both modes.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TypeVar

from ortools.sat.python import cp_model

from rotation.model.heuristic import greedy_plan, hint_values
from rotation.model.instance import Instance
from rotation.model.levers import Levers
from rotation.model.solve import Clock, SolverSettings, build_model, configured_solver
from rotation.model.variables import Flows

K = TypeVar("K", bound=Hashable)

#: Share of what is left of the time limit (clock and deterministic time) that completing the
#: greedy road may use, and that repairing it may use.
COMPLETE_SHARE = 0.05
REPAIR_SHARE = 0.25
#: Least seconds (of the clock) either solve is given.
MIN_SECONDS = 0.5


def first_road(
    inst: Instance,
    model: cp_model.CpModel,
    flows: Flows,
    levers: Levers,
    goal: cp_model.LinearExprT,
    settings: SolverSettings,
    clock: Clock,
) -> dict[int, int] | None:
    """Every variable of the road `model` (by proto index) in a first complete road (module
    doc), or None when neither the completion nor the repair found one in its time.

    Parameters
    ----------
    inst : Instance
    model : CpModel
        The road model (left unchanged: the solves work on clones).
    flows : Flows
        Its rotation variables.
    levers : Levers
        Its hire and designation variables (fixed at zero).
    goal : linear expression
        The targets' objective: minimised by the completion, so that the derived counts
        (shortfalls, failing flags) take their least values.
    settings : SolverSettings
    clock : Clock
        The call's time limit; deterministic time used is added to it.
    """
    rotation = greedy_rotation(inst, flows, settings)
    values = _solve(model, levers, goal, rotation, True, settings, clock, COMPLETE_SHARE)
    if values is not None:
        return values
    repaired = _solve(model, levers, goal, rotation, False, settings, clock, REPAIR_SHARE)
    if repaired is None:
        return None
    rotation = {index: repaired[index] for index in rotation}
    values = _solve(model, levers, goal, rotation, True, settings, clock, COMPLETE_SHARE)
    return values if values is not None else repaired


def greedy_rotation(inst: Instance, flows: Flows, settings: SolverSettings) -> dict[int, int]:
    """The greedy plan's flow decisions as values of the road's flow variables `flows` (by
    proto index); the greedy is limited by steps in deterministic mode."""
    standard = build_model(inst)
    sent = greedy_plan(
        inst,
        standard.terms,
        settings.greedy_budget(),
        by_steps=settings.deterministic,
        steps=settings.greedy_steps,
    )
    decided: dict[int, int] = hint_values(inst, standard.flows, sent)
    values: dict[int, int] = {}
    _match(standard.flows.route, flows.route, decided, values)
    _match(standard.flows.leave, flows.leave, decided, values)
    _match(standard.flows.arrive, flows.arrive, decided, values)
    return values


def _match(
    theirs: Mapping[K, cp_model.IntVar],
    ours: Mapping[K, cp_model.IntVar],
    decided: dict[int, int],
    values: dict[int, int],
) -> None:
    """values[our variable] = decided[their variable of the same key]."""
    for key, var in theirs.items():
        mine = ours.get(key)
        if mine is not None and var.index in decided:
            values[mine.index] = decided[var.index]


def _solve(
    model: cp_model.CpModel,
    levers: Levers,
    goal: cp_model.LinearExprT,
    rotation: dict[int, int],
    fixed: bool,
    settings: SolverSettings,
    clock: Clock,
    share: float,
) -> dict[int, int] | None:
    """The road with no lever and the `rotation` fixed (or, not `fixed`, hinted): every
    variable's value, or None."""
    trial = model.clone()
    trial.clear_hints()  # type: ignore[no-untyped-call]  # ortools leaves it unannotated
    for var in levers.all_variables():
        trial.add(trial.get_int_var_from_proto_index(var.index) == 0)
    for index, value in rotation.items():
        var = trial.get_int_var_from_proto_index(index)
        if fixed:
            trial.add(var == value)
        else:
            trial.add_hint(var, value)
    if fixed:
        trial.minimize(goal)
    seconds = max(MIN_SECONDS, clock.for_phases() * share)
    deterministic = max(0.0, clock.deterministic_left() * share)
    solver = configured_solver(settings, seconds, deterministic)
    solver.parameters.num_workers = 1
    solver.parameters.interleave_search = False
    status = solver.solve(trial)
    clock.deterministic_used += solver.response_proto.deterministic_time
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    count = len(model.proto.variables)
    return {i: int(solver.value(trial.get_int_var_from_proto_index(i))) for i in range(count)}

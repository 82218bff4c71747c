"""Helpers for the tests of the CP-SAT model itself: tiny instances, a bare model holding only
the flows and the rules a test names, and a solve that repeats (one worker, seed 0).

The pattern of every rule test: build the model, add a constraint that forces what the rule
forbids and assert CP-SAT proves the model INFEASIBLE; then the same model with a constraint
that keeps the rule, and assert it is feasible.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import pandas as pd
from ortools.sat.python import cp_model
from rosters import YEAR

from rotation.io.roads import straight_line
from rotation.io.roster import Roster
from rotation.model.instance import Instance, build_instance
from rotation.model.rules import pooled_transport
from rotation.model.variables import Flows, build_flows
from rotation.policy.settings import Policy

FEASIBLE = ("OPTIMAL", "FEASIBLE")


def instance(
    r: Roster,
    policy: Policy,
    *,
    years: int | Sequence[int] = YEAR,
    pins: pd.DataFrame | None = None,
    distances: pd.DataFrame | None = None,
    max_destinations: int | None = None,
    previous: pd.DataFrame | None = None,
) -> Instance:
    """The instance of a tiny roster; with a distance limit, straight-line km by default."""
    if distances is None and policy.max_distance_km is not None:
        distances = straight_line(r.schools)
    return build_instance(r, policy, years, pins, distances, max_destinations, previous)


def bare_model(
    inst: Instance, *rules: Callable, transport: bool = True
) -> tuple[cp_model.CpModel, Flows]:
    """The flow variables and only the named rules (with R4's pooled transport, which ties a
    pool's arrivals to its leavers, unless `transport` is False)."""
    model = cp_model.CpModel()
    flows = build_flows(model, inst)
    if transport:
        pooled_transport(model, inst, flows)
    for rule in rules:
        rule(model, inst, flows)
    return model, flows


def solve(
    model: cp_model.CpModel, seconds: float = 10.0, **parameters
) -> tuple[str, cp_model.CpSolver]:
    """The status name and the solver (for its values)."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_time_in_seconds = seconds
    for name, value in parameters.items():
        setattr(solver.parameters, name, value)
    return solver.status_name(solver.solve(model)), solver


def status(model: cp_model.CpModel) -> str:
    return solve(model)[0]


def class_of(inst: Instance, teacher_id: str) -> int:
    """The index of the class holding a teacher."""
    return next(c.index for c in inst.classes if teacher_id in c.teacher_ids)


def unit(inst: Instance, school_id: str, stage: str = "primary") -> int:
    return inst.units.index.get_loc((school_id, stage))


def school_of(inst: Instance, units: Iterable[int]) -> list[str]:
    return sorted(inst.units.index[u][0] for u in units)


def arrive(inst: Instance, flows: Flows, teacher_id: str, school_id: str, y: int = 0):
    """The arrival variable, at a school, of the pool a pooled teacher's class moves in."""
    cls = inst.classes[class_of(inst, teacher_id)]
    return flows.arrive[(cls.type, inst.pool_key(cls.unit), unit(inst, school_id), y)]


def leave(inst: Instance, flows: Flows, teacher_id: str, y: int = 0):
    """Teachers of a teacher's class who move in year index y."""
    return flows.leaving(inst, class_of(inst, teacher_id), y)


def route(inst: Instance, flows: Flows, teacher_id: str, school_id: str, y: int = 0):
    """The flow of a routed teacher's class to a school."""
    return flows.route[(class_of(inst, teacher_id), unit(inst, school_id), y)]


def send(model, inst: Instance, flows: Flows, *moves: tuple[str, str], others: int = 0) -> None:
    """Force pooled moves (teacher_id, to_school): each named teacher's class sends one to that
    school, and (with others=0) every other flow is zero."""
    leaving: dict[int, int] = {}
    arriving: dict[object, int] = {}
    for tid, to in moves:
        c = class_of(inst, tid)
        leaving[c] = leaving.get(c, 0) + 1
        var = arrive(inst, flows, tid, to)
        arriving[var.index] = arriving.get(var.index, 0) + 1
    for (c, y), var in flows.leave.items():
        if y == 0 and (c in leaving or others == 0):
            model.add(var == leaving.get(c, 0))
    for var in flows.arrive.values():
        if var.index in arriving or others == 0:
            model.add(var == arriving.get(var.index, 0))

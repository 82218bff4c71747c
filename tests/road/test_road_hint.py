"""The road's first complete road (model/road_hint.py): every variable given a value that keeps
every rule, from the greedy rotation, completed, or repaired when the greedy falls short.

Tiny rosters as in test_road.py: primary schools of 200 students, teachers eligible to rotate
(8 years at the school); one worker, deterministic.
"""

from __future__ import annotations

from rosters import YEAR, roster, school, teacher

from rotation.io.roster import Roster
from rotation.model import SolverSettings
from rotation.model.instance import build_instance
from rotation.model.road import _targets_expr, build_road
from rotation.model.road_hint import first_road, greedy_rotation
from rotation.model.solve import Clock
from rotation.policy.settings import Policy

SETTINGS = SolverSettings(time_limit=20, num_workers=1, deterministic=True)


def county(per_school: int = 10) -> Roster:
    """Three schools of `per_school` eligible teachers; A holds the backbone and PE teachers."""
    teachers = [teacher(f"a{i}", "A") for i in range(per_school - 4)]
    teachers += [teacher(f"ab{i}", "A", backbone="county") for i in range(2)]
    teachers += [teacher(f"ap{i}", "A", subject="pe") for i in range(2)]
    for s in ("B", "C"):
        teachers += [teacher(f"{s}{i}", s) for i in range(per_school)]
    return roster([school("A"), school("B"), school("C")], teachers)


def keeps_every_rule(built: object, values: dict[int, int]) -> bool:
    """Whether the road model with every variable fixed at `values` is feasible."""
    from ortools.sat.python import cp_model

    model = built.model.clone()  # type: ignore[attr-defined]
    for index, value in values.items():
        model.add(model.get_int_var_from_proto_index(index) == value)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    return solver.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def first(r: Roster, policy: Policy, settings: SolverSettings) -> tuple[object, dict[int, int]]:
    inst = build_instance(r, policy, YEAR)
    built = build_road(inst)
    goal = _targets_expr(built.terms)
    values = first_road(
        inst, built.model, built.flows, built.levers, goal, settings, Clock(settings)
    )
    assert values is not None
    return built, values


def test_the_first_road_is_complete_and_keeps_every_rule() -> None:
    built, values = first(county(), Policy(coverage=False), SETTINGS)
    assert len(values) == len(built.model.proto.variables)  # type: ignore[attr-defined]
    assert keeps_every_rule(built, values)
    levers = built.levers.all_variables()  # type: ignore[attr-defined]
    assert all(values[v.index] == 0 for v in levers)  # no hire, no designation


def test_a_greedy_short_of_the_minimum_ratio_is_repaired() -> None:
    # 30 eligible teachers, at least 30 % (9) to rotate; one greedy step a year (and as many
    # again to meet the minimum) moves at most 4, so the greedy alone falls short and the
    # repair finds the rotation
    policy = Policy(coverage=False, min_rotation_ratio=0.3, max_rotation_ratio=0.5)
    short = SolverSettings(time_limit=20, num_workers=1, deterministic=True, greedy_steps=1)
    inst = build_instance(county(), policy, YEAR)
    built = build_road(inst)
    greedy = greedy_rotation(inst, built.flows, short)
    moved = sum(greedy[v.index] for v in built.flows.leave.values() if v.index in greedy)
    moved += sum(greedy[v.index] for v in built.flows.route.values() if v.index in greedy)
    assert moved < policy.min_rotated(30)
    built, values = first(county(), policy, short)
    assert keeps_every_rule(built, values)

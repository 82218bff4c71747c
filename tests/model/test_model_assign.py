"""From flows to teachers, and the limits of the search: pooled pairing by distance, pruning of
destinations, and the path where time runs out before any plan.

- `pair_pooled` turns a pool's leavers and arrivals into origin → destination counts: a valid
  matching (every leaver placed, every arrival filled, nobody to their own school) of least
  total distance, checked against every matching by brute force.
- `max_destinations` keeps the most useful destinations of each routed class: the plan is still
  found and verified, and a pinned teacher's destinations are never pruned.
- When the time runs out before any plan, `solve` raises `NoPlanFound` (exit code 2).
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math

import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rosters import YEAR, free, roster, school, teacher
from tiny_models import class_of, instance, school_of, unit

from rotation.cli import main
from rotation.io.roads import straight_line
from rotation.model.assign import pair_pooled
from rotation.model.solve import NoPlanFound, Solution, SolverSettings
from rotation.model.solve import solve_phases as solve_instance
from rotation.planning import plan

SCHOOLS = ("A", "B", "C", "D")

# -- pair_pooled ---------------------------------------------------------------------------


@st.composite
def pools(draw):
    """Four schools at random points, each with three alike teachers; how many leave and how
    many arrive at each school, with as many arriving as leaving and Hall's condition (no
    school both sends and receives more than the pool moves) holding."""
    points = draw(
        st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), min_size=4, max_size=4)
    )
    leaving = draw(st.lists(st.integers(0, 2), min_size=4, max_size=4))
    total = sum(leaving)
    assume(0 < total <= 5)
    places = draw(st.lists(st.integers(0, 3), min_size=total, max_size=total))
    arriving = [places.count(s) for s in range(4)]
    assume(all(o + i <= total for o, i in zip(leaving, arriving, strict=True)))
    return points, leaving, arriving


#: One worker, seed 0, five seconds, at most two destinations per class.
PRUNED = SolverSettings(time_limit=5, num_workers=1, seed=0, max_destinations=2)


def km(points, a: int, b: int) -> int:
    """Travel in 100 m, as the plan counts it."""
    (x1, y1), (x2, y2) = points[a], points[b]
    return round(10 * math.hypot(x1 - x2, y1 - y2))


def brute_force(points, leaving, arriving) -> int:
    """The least total travel over every assignment of leavers to arrival places."""
    origins = [s for s, n in enumerate(leaving) for _ in range(n)]
    places = [s for s, n in enumerate(arriving) for _ in range(n)]
    costs = [
        sum(km(points, o, d) for o, d in zip(origins, order, strict=True))
        for order in itertools.permutations(places)
        if all(o != d for o, d in zip(origins, order, strict=True))
    ]
    return min(costs)


@functools.cache
def four_schools():
    """The instance of four schools with three alike teachers each (distances set per case)."""
    r = roster(
        [school(s) for s in SCHOOLS],
        [teacher(f"{s.lower()}{i}", s) for s in SCHOOLS for i in range(3)],
    )
    return instance(r, free(), distances=straight_line(r.schools))


@settings(max_examples=150, deadline=None)
@given(case=pools())
def test_pooled_pairing_is_a_valid_matching_of_least_travel(case):
    points, leaving, arriving = case
    xy = pd.DataFrame(
        {"school_id": SCHOOLS, "x_km": [x for x, _ in points], "y_km": [y for _, y in points]}
    )
    inst = dataclasses.replace(four_schools(), distances=straight_line(xy))
    assert not any(c.routed for c in inst.classes)
    cls = {s: class_of(inst, f"{s.lower()}0") for s in SCHOOLS}
    (t,) = {inst.classes[c].type for c in cls.values()}
    sol = Solution(
        inst,
        {},
        {(cls[s], 0): n for s, n in zip(SCHOOLS, leaving, strict=True) if n},
        {(t, "*", unit(inst, s), 0): n for s, n in zip(SCHOOLS, arriving, strict=True) if n},
    )
    sent = pair_pooled(sol)

    index = {s: i for i, s in enumerate(SCHOOLS)}
    sent_from = {s: 0 for s in SCHOOLS}
    sent_to = {s: 0 for s in SCHOOLS}
    travel = 0
    for (c, d, y), n in sent.items():
        origin = inst.units.index[inst.classes[c].unit][0]
        to = inst.units.index[d][0]
        assert y == 0 and n > 0 and origin != to
        sent_from[origin] += n
        sent_to[to] += n
        travel += n * km(points, index[origin], index[to])
    assert list(sent_from.values()) == leaving
    assert list(sent_to.values()) == arriving
    assert travel == brute_force(points, leaving, arriving)


# -- destination pruning -------------------------------------------------------------------


def six_on_a_line():
    """Six schools 4 km apart; each with a backbone and a plain Chinese teacher and 300 students
    (so R3 can hold). B to F hold one more L3 (music) teacher each, A none."""
    names = "ABCDEF"
    teachers = []
    for i, s in enumerate(names):
        teachers += [
            teacher(f"{s.lower()}1", s, backbone="county"),
            teacher(f"{s.lower()}2", s),
        ]
        if i:
            teachers.append(teacher(f"{s.lower()}3", s, subject="music"))
    return roster([school(s, primary=(300, 2), x=4.0 * i) for i, s in enumerate(names)], teachers)


POLICY = free(max_distance_km=100, max_rotation_ratio=0.3)


def test_pruning_keeps_at_most_max_destinations_per_class():
    inst = instance(six_on_a_line(), POLICY, max_destinations=2)
    assert all(c.routed and len(c.candidates) <= 2 for c in inst.classes)
    assert len(instance(six_on_a_line(), POLICY).classes[0].candidates) == 5


def test_a_pruned_plan_is_still_found_and_keeps_every_rule():
    p = plan(six_on_a_line(), POLICY, YEAR, settings=PRUNED)
    assert len(p.moves) > 0
    assert p.verify() == []


def test_pruning_never_drops_a_pinned_destination():
    pruned = instance(six_on_a_line(), POLICY, max_destinations=2)
    kept = school_of(pruned, pruned.classes[class_of(pruned, "b1")].candidates)
    dropped = sorted({"A", "C", "D", "E", "F"} - set(kept))
    assert dropped, "the pruning must drop a destination for the test to mean anything"
    target = dropped[-1]
    pins = pd.DataFrame(
        [
            {"teacher_id": "b1", "action": "to", "school": target},
            {"teacher_id": "c1", "action": "move", "school": ""},
        ]
    )
    inst = instance(six_on_a_line(), POLICY, pins=pins, max_destinations=2)
    assert school_of(inst, inst.classes[class_of(inst, "b1")].candidates) == [target]
    assert school_of(inst, inst.classes[class_of(inst, "c1")].candidates) == list("ABDEF")
    p = plan(six_on_a_line(), POLICY, YEAR, pins=pins, settings=PRUNED)
    assert p.moves.set_index("teacher_id").at["b1", "to_school"] == target
    assert p.verify() == []


# -- time runs out before any plan ---------------------------------------------------------


@pytest.fixture
def out_of_time(monkeypatch):
    """Every CP-SAT solve runs out of time before a first solution (no time at all)."""
    from ortools.sat.python import cp_model

    real = cp_model.CpSolver.solve

    def unknown(self, model, callback=None):
        self.parameters.max_time_in_seconds = 0.0
        self.parameters.max_deterministic_time = 0.0
        status = real(self, model)
        assert status == cp_model.UNKNOWN
        return status

    monkeypatch.setattr(cp_model.CpSolver, "solve", unknown)


def test_no_plan_found_in_time_raises_no_plan_found_with_exit_code_2(out_of_time):
    inst = instance(six_on_a_line(), POLICY)
    with pytest.raises(NoPlanFound, match="no plan found within the time limit") as err:
        solve_instance(inst, SolverSettings(time_limit=1, num_workers=1))
    assert err.value.exit_code == 2


def test_the_command_exits_2_when_no_plan_is_found_in_time(out_of_time, tmp_path, capsys):
    folder = six_on_a_line().save(tmp_path / "county")
    out = tmp_path / "plan.csv"
    code = main(["plan", str(folder), "--out", str(out), "--year", str(YEAR), "--workers", "1"])
    assert code == 2
    assert "no plan found within the time limit" in capsys.readouterr().err
    assert not out.exists()

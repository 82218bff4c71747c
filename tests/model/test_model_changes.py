"""Phase (a′) of rotation/model/objectives.py, `changed_assignments`: the teachers whose move
differs from a previous plan, counted on the flows of interchangeable teachers.

Four identical teachers at A; the previous plan sent a1 and a2 to B. For every count of
teachers sent to B and to C, the least value the term takes over the model's flows equals the
least number of changed teachers over every naming of the four (brute force): splitting a class
by its previous move loses nothing.
"""

from __future__ import annotations

import itertools

import pytest
from rosters import free, roster, school, teacher
from rosters import moves as moves_table
from tiny_models import instance, solve, unit

from rotation.model import objectives as obj
from rotation.model.solve import build_model

TEACHERS = ("a1", "a2", "a3", "a4")
PREVIOUS = {"a1": "B", "a2": "B"}


def county():
    r = roster(
        [school("A"), school("B", area="rural"), school("C", area="rural")],
        [*(teacher(t, "A") for t in TEACHERS), teacher("b1", "B"), teacher("c1", "C")],
    )
    policy = free(min_rotation_ratio=0, max_rotation_ratio=1, min_backbone_share=0)
    previous = moves_table(*((t, "A", to) for t, to in PREVIOUS.items()))
    return instance(r, policy, previous=previous)


def least_changes_by_naming(to_b: int, to_c: int) -> int:
    """The fewest teachers of A changed when to_b of them go to B and to_c to C."""
    best = len(TEACHERS)
    for where in itertools.product(("", "B", "C"), repeat=len(TEACHERS)):
        if where.count("B") == to_b and where.count("C") == to_c:
            changed = sum(PREVIOUS.get(t, "") != w for t, w in zip(TEACHERS, where, strict=True))
            best = min(best, changed)
    return best


def test_previous_movers_form_their_own_routed_class():
    inst = county()
    (prev,) = [c for c in inst.classes if c.previous is not None]
    assert set(prev.teacher_ids) == {"a1", "a2"}
    assert prev.routed and prev.previous == (unit(inst, "B"), 0)


@pytest.mark.parametrize(
    ("to_b", "to_c"), [(b, c) for b in range(5) for c in range(5) if b + c <= 4]
)
def test_the_term_is_the_least_number_of_changed_teachers(to_b, to_c):
    inst = county()
    built = build_model(inst)
    flows, model = built.flows, built.model
    a, b, c = (unit(inst, s) for s in "ABC")
    for dest, count in ((b, to_b), (c, to_c)):
        into = [v for (_, d, _), v in flows.route.items() if d == dest]
        into += [v for (_, _, d, _), v in flows.arrive.items() if d == dest]
        model.add(sum(into) == count)
    model.add(sum(flows.leave.values()) + sum(flows.route.values()) == to_b + to_c)
    for (k, _), v in flows.leave.items():  # b1 and c1 stay: only A's teachers move
        if inst.classes[k].unit != a:
            model.add(v == 0)
    model.minimize(obj.changed_assignments(inst, flows))
    state, solver = solve(model)
    assert state == "OPTIMAL"
    assert round(solver.objective_value) == least_changes_by_naming(to_b, to_c)


def test_no_previous_plan_no_term():
    r = roster([school("A"), school("B")], [teacher("a1", "A"), teacher("b1", "B")])
    inst = instance(r, free())
    assert obj.changed_assignments(inst, build_model(inst).flows) is None

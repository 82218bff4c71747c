"""Each objective term of rotation/model/objectives.py on a tiny instance: the value the model
gives a plan it is forced to, against the same figure computed here, and what minimising the
term alone does.

(a) threshold failures, (b) move count, (c) the official CVs, (d) school shortfalls,
(e) disruption; and the exact square (tangent cuts, or a product on wide ranges) they rest on.
"""

from __future__ import annotations

import pandas as pd
import pytest
from ortools.sat.python import cp_model
from rosters import free, roster, school, teacher
from rosters import moves as moves_table
from tiny_models import FEASIBLE, class_of, instance, route, send, solve, unit

from rotation.indicators.cv import weighted_cv
from rotation.model import objectives as obj
from rotation.model.solve import build_model

# -- the square every CV term is made of -------------------------------------------------------


@pytest.mark.parametrize(("lo", "hi"), [(0, 5), (3, 9), (0, obj.TANGENT_CUT_LIMIT + 20)])
def test_the_square_is_exact_at_every_integer_of_the_range(lo, hi):
    model = cp_model.CpModel()
    x = model.new_int_var(lo, hi, "x")
    q = obj.square(model, x, "q")
    model.minimize(q)
    for value in range(lo, hi + 1):
        model.clear_assumptions()
        fixed = model.new_bool_var(f"at_{value}")
        model.add(x == value).only_enforce_if(fixed)
        model.add_assumptions([fixed])
        state, solver = solve(model)
        assert state == "OPTIMAL"
        assert solver.value(q) == value * value


# -- a county where backbone teachers (L2) are all at one school --------------------------------


def backbone_at_a():
    """A holds both backbone teachers, B none: L2's CV is 1, above 0.50; swapping one backbone
    Chinese teacher for B's Chinese teacher makes every CV 0. Nothing is required to move (R1
    at 0%), and up to two may (R2 at 50%)."""
    r = roster(
        [school("A"), school("B")],
        [
            teacher("a1", "A", backbone="county"),
            teacher("a2", "A", subject="math", backbone="county"),
            teacher("b1", "B"),
            teacher("b2", "B", subject="math"),
        ],
    )
    return r, instance(r, free(min_rotation_ratio=0, max_rotation_ratio=0.5))


def l2_term(built, inst):
    (term,) = [t for t in built.terms.cv if inst.indicators[t.k].code == "L2"]
    return term


def forced(inst, *moves):
    """The whole model with the moves forced (none: nobody moves)."""
    built = build_model(inst)
    send(built.model, inst, built.flows, *moves)
    return built


def test_a_a_failing_cv_is_counted_as_failing_with_its_excess():
    _, inst = backbone_at_a()
    built = forced(inst)
    built.model.minimize(built.phases["thresholds"])
    state, solver = solve(built.model)
    term = l2_term(built, inst)
    assert state == "OPTIMAL"
    assert solver.value(term.fails) == 1
    assert solver.value(term.excess) == solver.value(term.expr) - term.bound > 0


def test_a_a_swap_that_balances_backbone_teachers_passes_every_cv():
    _, inst = backbone_at_a()
    built = forced(inst, ("a1", "B"), ("b1", "A"))
    built.model.minimize(built.phases["thresholds"])
    state, solver = solve(built.model)
    assert state == "OPTIMAL"
    assert solver.objective_value == 0
    assert all(solver.value(t.fails) == 0 for t in built.terms.cv)


def test_a_minimising_failures_finds_the_passing_plan():
    _, inst = backbone_at_a()
    built = build_model(inst)
    built.model.minimize(built.phases["thresholds"])
    state, solver = solve(built.model)
    assert (state, solver.objective_value) == ("OPTIMAL", 0)


def test_b_the_move_count_alone_stops_at_the_minimum_ratio_here_none():
    _, inst = backbone_at_a()
    built = build_model(inst)
    built.model.minimize(built.phases["moves"])
    state, solver = solve(built.model)
    assert (state, solver.objective_value) == ("OPTIMAL", inst.min_moves[0]) == ("OPTIMAL", 0)


def fewest_moves_that_pass(inst):
    built = build_model(inst)
    built.model.add(built.phases["thresholds"] <= 0)
    built.model.minimize(built.phases["moves"])
    state, solver = solve(built.model)
    assert state == "OPTIMAL"
    return solver.objective_value, {
        tid: to
        for tid in ("a1", "a2", "b1", "b2")
        for to in "AB"
        if _moved(built, inst, solver, tid, to)
    }


def _moved(built, inst, solver, tid, to):
    cls = inst.classes[class_of(inst, tid)]
    if cls.unit == unit(inst, to):
        return False
    return solver.value(built.flows.leave[(cls.index, 0)]) > 0


def test_b_the_fewest_moves_that_pass_every_cv_and_a_cv_at_its_threshold_passes():
    """One backbone teacher alone to B balances L2 and leaves L1 at 1 and 3 per 200 students:
    a CV of exactly 0.50, which passes (the weights are exact here, so the model's test is)."""
    _, inst = backbone_at_a()
    assert fewest_moves_that_pass(inst) in [(1, {"a1": "B"}), (1, {"a2": "B"})]


def test_b_with_subject_coverage_the_fewest_moves_that_pass_is_a_swap():
    r, _ = backbone_at_a()
    inst = instance(r, free(min_rotation_ratio=0, max_rotation_ratio=0.5, coverage=True))
    swaps = [(2, {"a1": "B", "b1": "A"}), (2, {"a2": "B", "b2": "A"})]
    assert fewest_moves_that_pass(inst) in swaps


@pytest.mark.parametrize(
    "moves", [(), (("a1", "B"), ("b1", "A")), (("a2", "B"), ("b1", "A"))], ids=str
)
def test_c_the_official_cv_term_is_k_times_weighted_cv_squared_plus_one(moves):
    r, inst = backbone_at_a()
    built = forced(inst, *moves)
    state, solver = solve(built.model)
    assert state in FEASIBLE
    after = r.apply_moves(_table(moves))
    students = after.units().set_index("school_id")["students"]
    expected = 0.0
    for term in built.terms.cv:
        ind = inst.indicators[term.k]
        counts = ind.counts(after.teachers).groupby(after.teachers["school_id"]).sum()
        counts = counts.reindex(students.index, fill_value=0)
        expected += inst.weights[term.k] * (weighted_cv(counts, students) ** 2 + 1)
    value = solver.value(built.phases["cvs"]) / built.terms.scale
    assert value == pytest.approx(expected, rel=1e-4)


def _table(moves):
    origin = {"a1": "A", "a2": "A", "b1": "B", "b2": "B"}
    return moves_table(*[(tid, origin[tid], to) for tid, to in moves])


# -- (d) school shortfalls --------------------------------------------------------------------


def backbone_surplus_at_b():
    """A (200 students) needs 2 backbone teachers per its own L2 threshold and has none; B (100
    students) needs 1 and has 3. Only L2 is weighted."""
    r = roster(
        [school("A"), school("B", primary=(100, 1))],
        [teacher("a1", "A")] + [teacher(f"b{i}", "B", backbone="county") for i in (1, 2, 3)],
    )
    return instance(r, free(min_rotation_ratio=0, max_rotation_ratio=1.0, weights={"L2": 1}))


def test_d_the_shortfall_is_the_teachers_a_school_lacks():
    inst = backbone_surplus_at_b()
    built = forced(inst)
    built.model.minimize(built.phases["schools"])
    state, solver = solve(built.model)
    assert state == "OPTIMAL"
    k = [i.code for i in inst.indicators].index("L2")
    short, needed = built.terms.shortfalls[(k, unit(inst, "A"), 0)]
    assert (needed, solver.value(short)) == (2, 2)


def test_d_minimising_shortfalls_sends_the_surplus_where_it_is_short():
    inst = backbone_surplus_at_b()
    built = build_model(inst)
    built.model.minimize(built.phases["schools"])
    state, solver = solve(built.model)
    k = [i.code for i in inst.indicators].index("L2")
    assert (state, solver.objective_value) == ("OPTIMAL", 0)
    assert solver.value(built.terms.counts[(k, unit(inst, "A"), 0)]) == 2


# -- (e) disruption: travel and preferences ---------------------------------------------------


def one_to_move(**a1):
    """a1, a backbone teacher at A (so R3 holds), must move, to B at 5 km or C at 10 km."""
    r = roster(
        [school("A"), school("B", x=5.0), school("C", x=10.0)],
        [teacher("a1", "A", backbone="county", **a1), teacher("b1", "B"), teacher("c1", "C")],
    )
    pins = pd.DataFrame([{"teacher_id": "a1", "action": "move", "school": ""}])
    return instance(r, free(max_distance_km=50, max_rotation_ratio=1.0), pins=pins)


def test_e_disruption_is_travel_in_hundreds_of_metres():
    inst = one_to_move()
    built = build_model(inst)
    built.model.add(route(inst, built.flows, "a1", "C") == 1)
    built.model.add(sum(built.flows.route.values()) == 1)
    state, solver = solve(built.model)
    assert state in FEASIBLE
    assert solver.value(built.phases["disruption"]) == 100


def test_e_minimising_disruption_sends_a_teacher_to_the_nearer_school():
    inst = one_to_move()
    built = build_model(inst)
    built.model.minimize(built.phases["disruption"])
    state, solver = solve(built.model)
    assert (state, solver.objective_value) == ("OPTIMAL", 50)
    assert solver.value(route(inst, built.flows, "a1", "B")) == 1


def test_e_a_granted_wish_outweighs_the_longer_trip():
    inst = one_to_move(preferred_schools="C")
    built = build_model(inst)
    built.model.minimize(built.phases["disruption"])
    state, solver = solve(built.model)
    assert (state, solver.objective_value) == ("OPTIMAL", 100 - obj.PREFERENCE_BONUS)
    assert solver.value(route(inst, built.flows, "a1", "C")) == 1
    assert class_of(inst, "a1") == next(iter(built.terms.preference))[0]

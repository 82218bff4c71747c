"""Each hard rule of rotation/model/rules.py, alone in a bare CP-SAT model on a tiny instance.

For every rule: a constraint forcing what the rule forbids makes the model INFEASIBLE, and a
constraint keeping it leaves the model feasible. A bare model holds the flow variables, R4's
pooled transport (without which flows mean nothing) and the one rule under test, so an
INFEASIBLE answer is that rule's doing. R7 and R8–R11 mostly shape the instance (who may move,
and where to); they are tested on `Instance`, with R8's forced move in the model.
"""

from __future__ import annotations

import pandas as pd
from rosters import YEAR, free, roster, school, teacher
from tiny_models import (
    FEASIBLE,
    arrive,
    bare_model,
    class_of,
    instance,
    leave,
    route,
    school_of,
    send,
    status,
    unit,
)

from rotation.model import rules
from rotation.model.rules import moves_total


def chinese_teachers(per_school: int, schools: tuple[str, ...] = ("A", "B"), **options):
    """Schools each with `per_school` eligible primary Chinese teachers (a1, a2, …, b1, …)."""
    return roster(
        [school(s) for s in schools],
        [
            teacher(f"{s.lower()}{i}", s, **options)
            for s in schools
            for i in range(1, per_school + 1)
        ],
    )


def pins(*rows: tuple[str, str] | tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"teacher_id": t, "action": a, "school": s[0] if s else ""} for t, a, *s in rows]
    )


def on_a_line() -> object:
    """A, B, C at 0, 5 and 10 km on a line; one teacher at A."""
    return roster(
        [school("A"), school("B", x=5.0), school("C", x=10.0)],
        [teacher("a1", "A"), teacher("b1", "B"), teacher("c1", "C")],
    )


# -- R1 minimum rotation ratio ----------------------------------------------------------------


def ten_eligible():
    """Ten eligible teachers, 20%–40% to rotate: 2 to 4."""
    r = chinese_teachers(5)
    inst = instance(r, free(min_rotation_ratio=0.2, max_rotation_ratio=0.4))
    assert (inst.eligible[0], inst.min_moves[0], inst.max_moves[0]) == (10, 2, 4)
    return inst


def test_r1_fewer_rotated_than_the_minimum_ratio_is_infeasible():
    inst = ten_eligible()
    model, flows = bare_model(inst, rules.min_rotation)
    model.add(moves_total(inst, flows, 0) == 1)
    assert status(model) == "INFEASIBLE"


def test_r1_exactly_the_minimum_ratio_is_feasible():
    inst = ten_eligible()
    model, flows = bare_model(inst, rules.min_rotation)
    model.add(moves_total(inst, flows, 0) == 2)
    assert status(model) in FEASIBLE


def test_r1_binds_in_a_later_year_of_a_horizon():
    r = chinese_teachers(5)
    inst = instance(r, free(min_rotation_ratio=0.2, max_rotation_ratio=0.4), years=(YEAR, YEAR + 1))
    model, flows = bare_model(inst, rules.min_rotation)
    model.add(moves_total(inst, flows, 0) == 2)
    model.add(moves_total(inst, flows, 1) == 0)
    assert status(model) == "INFEASIBLE"


def test_a_guarded_rule_binds_only_when_its_guard_holds():
    inst = ten_eligible()
    for guard_value, expected in ((1, ("INFEASIBLE",)), (0, FEASIBLE)):
        model, flows = bare_model(inst)
        guard = model.new_bool_var("R1")
        rules.min_rotation(model, inst, flows, guard)
        model.add(guard == guard_value)
        model.add(moves_total(inst, flows, 0) == 0)
        assert status(model) in expected


# -- R2 maximum rotation ratio ----------------------------------------------------------------


def test_r2_more_rotated_than_the_maximum_ratio_is_infeasible():
    inst = ten_eligible()
    model, flows = bare_model(inst, rules.max_rotation)
    model.add(moves_total(inst, flows, 0) == 5)
    assert status(model) == "INFEASIBLE"


def test_r2_exactly_the_maximum_ratio_is_feasible():
    inst = ten_eligible()
    model, flows = bare_model(inst, rules.max_rotation)
    model.add(moves_total(inst, flows, 0) == 4)
    assert status(model) in FEASIBLE


def test_r2_the_cap_of_a_later_year_counts_the_eligible_the_plan_leaves():
    """Year 2's eligible exclude the teachers moved in year 1: ten eligible, four moved, so
    year 2 has six and may move at most floor(0.4 × 6) = 2."""
    r = chinese_teachers(5)
    inst = instance(r, free(min_rotation_ratio=0.2, max_rotation_ratio=0.4), years=(YEAR, YEAR + 1))
    for later, expected in ((3, ("INFEASIBLE",)), (2, FEASIBLE)):
        model, flows = bare_model(inst, rules.max_rotation, rules.moves_once)
        model.add(moves_total(inst, flows, 0) == 4)
        model.add(moves_total(inst, flows, 1) == later)
        assert status(model) in expected, later


# -- R3 backbone share of the rotated ---------------------------------------------------------


def one_backbone_among_ten():
    r = roster(
        [school("A"), school("B")],
        [teacher("a1", "A", backbone="county")]
        + [teacher(f"a{i}", "A") for i in range(2, 6)]
        + [teacher(f"b{i}", "B") for i in range(1, 6)],
    )
    return instance(r, free(max_rotation_ratio=0.5))


def test_r3_five_rotated_without_a_backbone_teacher_is_infeasible():
    inst = one_backbone_among_ten()
    model, flows = bare_model(inst, rules.backbone_share)
    model.add(moves_total(inst, flows, 0) == 5)
    model.add(moves_total(inst, flows, 0, backbone=True) == 0)
    assert status(model) == "INFEASIBLE"


def test_r3_five_rotated_with_one_backbone_teacher_is_a_fifth_and_feasible():
    inst = one_backbone_among_ten()
    model, flows = bare_model(inst, rules.backbone_share)
    model.add(moves_total(inst, flows, 0) == 5)
    model.add(moves_total(inst, flows, 0, backbone=True) == 1)
    assert status(model) in FEASIBLE


def test_r3_six_rotated_need_two_backbone_teachers():
    inst = one_backbone_among_ten()
    model, flows = bare_model(inst, rules.backbone_share)
    model.add(moves_total(inst, flows, 0) == 6)
    assert status(model) == "INFEASIBLE"


# -- R4 one move per teacher, same stage -------------------------------------------------------


def test_r4_nobody_moves_to_their_own_school():
    inst = instance(chinese_teachers(1), free())
    model, flows = bare_model(inst)
    model.add(leave(inst, flows, "a1") == 1)
    model.add(leave(inst, flows, "b1") == 0)
    model.add(arrive(inst, flows, "a1", "A") == 1)
    assert status(model) == "INFEASIBLE"


def test_r4_a_pool_receives_exactly_the_teachers_it_sends():
    inst = instance(chinese_teachers(1), free())
    model, flows = bare_model(inst)
    model.add(leave(inst, flows, "a1") == 1)
    model.add(arrive(inst, flows, "a1", "A") == 0)
    model.add(arrive(inst, flows, "a1", "B") == 0)
    assert status(model) == "INFEASIBLE"


def test_r4_a_move_to_another_school_is_feasible():
    inst = instance(chinese_teachers(1), free())
    model, flows = bare_model(inst)
    send(model, inst, flows, ("a1", "B"))
    assert status(model) in FEASIBLE


def test_r4_without_the_transport_rule_a_teacher_could_arrive_at_home():
    """The control of the test above: the variables alone allow it."""
    inst = instance(chinese_teachers(1), free())
    model, flows = bare_model(inst, transport=False)
    model.add(leave(inst, flows, "a1") == 1)
    model.add(arrive(inst, flows, "a1", "A") == 1)
    assert status(model) in FEASIBLE


def test_r4_a_teacher_moves_to_one_destination_only():
    inst = instance(on_a_line(), free(max_distance_km=50))
    assert school_of(inst, inst.classes[class_of(inst, "a1")].candidates) == ["B", "C"]
    for rules_added, expected in (((), FEASIBLE), ((rules.moves_once,), ("INFEASIBLE",))):
        model, flows = bare_model(inst, *rules_added)
        model.add(route(inst, flows, "a1", "B") == 1)
        model.add(route(inst, flows, "a1", "C") == 1)
        assert status(model) in expected


def test_r4_a_teacher_moves_in_one_year_only():
    inst = instance(chinese_teachers(1), free(), years=(YEAR, YEAR + 1))
    assert inst.classes[class_of(inst, "a1")].years == (0, 1)
    model, flows = bare_model(inst, rules.moves_once)
    model.add(leave(inst, flows, "a1", 0) == 1)
    model.add(leave(inst, flows, "a1", 1) == 1)
    assert status(model) == "INFEASIBLE"


def test_r4_a_teacher_moves_only_within_the_stage():
    r = roster(
        [school("A"), school("M", primary=(0, 0), middle=(200, 1))],
        [teacher("a1", "A"), teacher("m1", "M", stage="middle")],
    )
    inst = instance(r, free())
    cls = inst.classes[class_of(inst, "a1")]
    arrivals = [u for (t, _, u, _) in bare_model(inst)[1].arrive if t == cls.type]
    assert school_of(inst, arrivals) == ["A"]


# -- R5 subject coverage -----------------------------------------------------------------------


def only_chinese_teachers():
    """A and B each have their only Chinese teacher, and need one."""
    inst = instance(chinese_teachers(1), free(coverage=True))
    assert inst.floors[(0, unit(inst, "A"), "chinese")] == 1
    return inst


def test_r5_a_schools_only_chinese_teacher_cannot_leave_alone():
    inst = only_chinese_teachers()
    model, flows = bare_model(inst, rules.subject_coverage)
    send(model, inst, flows, ("a1", "B"))
    assert status(model) == "INFEASIBLE"


def test_r5_a_swap_of_chinese_teachers_keeps_coverage():
    inst = only_chinese_teachers()
    model, flows = bare_model(inst, rules.subject_coverage)
    send(model, inst, flows, ("a1", "B"), ("b1", "A"))
    assert status(model) in FEASIBLE


def test_r5_a_teacher_beyond_the_need_may_leave():
    r = roster([school("A"), school("B")], [teacher("a1", "A"), teacher("a2", "A")])
    inst = instance(r, free(coverage=True))
    model, flows = bare_model(inst, rules.subject_coverage)
    send(model, inst, flows, ("a1", "B"))
    assert status(model) in FEASIBLE


# -- R6 staffing quota -------------------------------------------------------------------------


def full_school_b(quota: int):
    r = roster(
        [school("A"), school("B", staff_quota_primary=quota)],
        [teacher("a1", "A"), teacher("b1", "B")],
    )
    return instance(r, free(staffing=True))


def test_r6_a_school_at_its_quota_cannot_receive_without_sending():
    inst = full_school_b(1)
    assert inst.caps[0, unit(inst, "B")] == 1
    model, flows = bare_model(inst, rules.staffing_quota)
    send(model, inst, flows, ("a1", "B"))
    assert status(model) == "INFEASIBLE"


def test_r6_a_school_at_its_quota_receives_one_for_one_it_sends():
    inst = full_school_b(1)
    model, flows = bare_model(inst, rules.staffing_quota)
    send(model, inst, flows, ("a1", "B"), ("b1", "A"))
    assert status(model) in FEASIBLE


def test_r6_a_school_below_its_quota_may_receive():
    inst = full_school_b(2)
    model, flows = bare_model(inst, rules.staffing_quota)
    send(model, inst, flows, ("a1", "B"))
    assert status(model) in FEASIBLE


# -- R7 teachers on rotation stay --------------------------------------------------------------


def test_r7_a_teacher_on_rotation_is_not_movable():
    r = roster(
        [school("A"), school("B")],
        [
            teacher("away", "A", home_school_id="B", rotation_end_year=YEAR + 2),
            teacher("a1", "A"),
            teacher("b1", "B"),
        ],
    )
    inst = instance(r, free())
    movable = {tid for c in inst.classes for tid in c.teacher_ids}
    assert movable == {"a1", "b1"}


# -- R8 pinned decisions -----------------------------------------------------------------------


def test_r8_a_teacher_pinned_to_move_must_move():
    inst = instance(chinese_teachers(1), free(), pins=pins(("a1", "move")))
    assert inst.classes[class_of(inst, "a1")].must_move == 1
    for moved, expected in ((0, ("INFEASIBLE",)), (1, FEASIBLE)):
        model, flows = bare_model(inst, rules.pinned_moves)
        model.add(leave(inst, flows, "a1") == moved)
        assert status(model) in expected


def test_r8_a_teacher_pinned_to_stay_is_not_movable():
    inst = instance(chinese_teachers(1), free(), pins=pins(("a1", "stay")))
    assert [c.teacher_ids for c in inst.classes] == [("b1",)]


def test_r8_pinned_to_a_school_goes_only_there_and_not_to_excludes_one():
    inst = instance(
        chinese_teachers(1, ("A", "B", "C")),
        free(),
        pins=pins(("a1", "to", "C"), ("b1", "not_to", "A")),
    )
    a1 = inst.classes[class_of(inst, "a1")]
    b1 = inst.classes[class_of(inst, "b1")]
    assert (a1.must_move, school_of(inst, a1.candidates)) == (1, ["C"])
    assert (b1.must_move, school_of(inst, b1.candidates)) == (0, ["C"])


# -- R9 direction, R10 school groups, R11 distance: the candidate destinations ----------------


def test_r9_outward_moves_never_go_to_a_more_urban_school():
    r = roster(
        [school("U"), school("T", area="town"), school("R", area="rural")],
        [teacher("u1", "U"), teacher("t1", "T"), teacher("r1", "R")],
    )
    inst = instance(r, free(direction="outward"))
    where = {
        tid: school_of(inst, inst.classes[class_of(inst, tid)].candidates)
        for tid in ("u1", "t1", "r1")
    }
    assert where == {"u1": ["R", "T"], "t1": ["R"], "r1": []}


def test_r10_within_groups_a_teacher_arrives_only_in_the_own_group():
    r = roster(
        [school("A", group="g1"), school("B", group="g1"), school("C", group="g2")],
        [teacher("a1", "A"), teacher("b1", "B"), teacher("c1", "C")],
    )
    inst = instance(r, free(within_group=True))
    _, flows = bare_model(inst)
    cls = inst.classes[class_of(inst, "a1")]
    arrivals = [u for (t, pool, u, _) in flows.arrive if (t, pool) == (cls.type, "group:g1")]
    assert school_of(inst, arrivals) == ["A", "B"]
    assert inst.pool_key(unit(inst, "C")) == "group:g2"


def test_r11_a_teacher_goes_no_farther_than_the_distance_limit():
    inst = instance(on_a_line(), free(max_distance_km=6))
    candidates = {
        tid: school_of(inst, inst.classes[class_of(inst, tid)].candidates)
        for tid in ("a1", "b1", "c1")
    }
    assert candidates == {"a1": ["B"], "b1": ["A", "C"], "c1": ["B"]}

"""Every hard rule of a plan, on the smallest roster where it binds and one where it cannot hold.

For each rule R1–R11 (numbered as in rotation/model/rules.py):
- `test_rN_…`: a roster where the rule decides the plan, which keeps it (and passes verify());
- `test_rN_impossible…`: a roster where the rule makes every plan impossible, so `plan()`
  raises InfeasibleError naming the rule and its numbers;
- `test_rN_verify…`: a hand-made moves table breaking the rule, caught by `verify_plan`, the
  independent checker.
Unless a test is about them, subject coverage (R5) and staffing (R6) are off (`free()`).
"""

from __future__ import annotations

import pandas as pd
import pytest
from rosters import YEAR, free, moves, roster, school, teacher

from rotation.errors import InfeasibleError, InputError
from rotation.io.roads import road_distances, straight_line
from rotation.model import SolverSettings
from rotation.planning import Plan, plan
from rotation.planning.verify import verify_plan
from rotation.policy.eligible import eligibility
from rotation.policy.settings import Policy

#: One worker, seed 0, ten seconds: a plan that repeats.
ONE_WORKER = SolverSettings(time_limit=10, num_workers=1, seed=0)


def solve(r, policy: Policy, **options) -> Plan:
    """A plan that repeats: one worker, seed 0."""
    return plan(r, policy, YEAR, settings=ONE_WORKER, **options)


def moved(p: Plan) -> list[tuple[str, str, str]]:
    """The plan's moves as sorted (teacher_id, from_school, to_school) triples."""
    return sorted(zip(p.moves.teacher_id, p.moves.from_school, p.moves.to_school, strict=True))


def kept(r, policy: Policy, **options) -> Plan:
    """A plan that verifies."""
    p = solve(r, policy, **options)
    assert p.verify() == []
    return p


def impossible(r, policy: Policy, **options) -> str:
    """The message of the InfeasibleError a plan raises."""
    with pytest.raises(InfeasibleError) as err:
        solve(r, policy, **options)
    return str(err.value)


def broken(r, table: pd.DataFrame, policy: Policy, pins=None, distances=None) -> dict[str, str]:
    """Rule number → message of each violation verify_plan finds."""
    found = verify_plan(r, table, policy, YEAR, pins, distances)
    return {v.rule: v.message for v in found}


def pins(*rows: tuple[str, str] | tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"teacher_id": t, "action": a, "school": s[0] if s else ""} for t, a, *s in rows]
    )


def two_alike() -> object:
    """Two identical schools, each with a backbone Chinese and a Math teacher: every CV is 0."""
    return roster(
        [school("A"), school("B")],
        [
            teacher("a1", "A", backbone="county"),
            teacher("a2", "A", subject="math"),
            teacher("b1", "B", backbone="county"),
            teacher("b2", "B", subject="math"),
        ],
    )


def one_primary_school() -> object:
    """A primary school and a middle school: a primary teacher has nowhere to go."""
    return roster(
        [school("A"), school("M", primary=(0, 0), middle=(200, 1))],
        [
            teacher("a1", "A", backbone="county"),
            teacher("m1", "M", stage="middle", backbone="county", years=1),
        ],
    )


# -- R1 minimum rotation ratio ---------------------------------------------------------------


@pytest.mark.parametrize(("ratio", "expected"), [(0.0, 0), (0.25, 1), (0.5, 2), (1.0, 4)])
def test_r1_rotates_the_minimum_share_of_eligible_teachers(ratio, expected):
    # every CV already passes, so the plan moves no more teachers than R1 asks. One Math
    # teacher moving leaves L1 at 1 and 3 teachers: CV exactly 0.50, which passes (≤ 0.50);
    # the model once counted it failing and swapped two teachers instead.
    policy = free(min_rotation_ratio=ratio, max_rotation_ratio=1.0, min_backbone_share=0.0)
    p = kept(two_alike(), policy)
    assert len(p.moves) == expected
    assert p.after.guarantees.at["rotated_teachers", "required"] == expected


def test_r1_impossible_when_no_teacher_can_go_anywhere():
    message = impossible(one_primary_school(), free())
    assert "R1" in message
    assert "at least 1 moves (10% of 1 eligible)" in message


def test_r1_verify_catches_too_few_moves():
    r = two_alike()
    found = broken(r, moves(("a1", "A", "B")), free(min_rotation_ratio=0.5, max_rotation_ratio=1))
    assert found == {"R1": "1 rotated, fewer than 2 (50% of 4)"}


# -- R2 maximum rotation ratio ---------------------------------------------------------------


def unbalanced() -> object:
    """All six backbone teachers at A of three schools alike: L2's CV is 1.41; it takes three
    moves out of A to bring it under 0.50."""
    return roster(
        [school("A"), school("B"), school("C")],
        [
            *(teacher(f"a{i}", "A", backbone="county") for i in range(6)),
            *(teacher(f"b{i}", "B") for i in range(6)),
            *(teacher(f"c{i}", "C") for i in range(6)),
        ],
    )


def test_r2_caps_the_moves_even_when_more_would_help():
    loose = kept(unbalanced(), free(max_rotation_ratio=1.0))
    capped = kept(unbalanced(), free())  # 15% of 18 eligible: 2
    assert len(capped.moves) == 2 < len(loose.moves)
    assert loose.after.cv("primary", "L2") <= 0.5 < capped.after.cv("primary", "L2")


def test_r2_impossible_when_more_teachers_are_pinned_to_move():
    r = two_alike()
    message = impossible(r, free(), pins=pins(("a1", "move"), ("b1", "move")))
    assert "R2" in message and "R8" in message
    assert "2 teachers are pinned to move" in message
    assert "at most 1 (15% of 4 eligible)" in message


def test_r2_verify_catches_too_many_moves():
    found = broken(two_alike(), moves(("a1", "A", "B"), ("b1", "B", "A")), free())
    assert found == {"R2": "2 rotated, more than 1 (15% of 4)"}


# -- R3 backbone share -------------------------------------------------------------------------


def pe_at_a() -> object:
    """PE teachers only at A (moving one helps L3); one backbone teacher at each school."""
    return roster(
        [school("A"), school("B")],
        [
            teacher("a1", "A", backbone="county", years=7),
            *(teacher(f"p{i}", "A", subject="pe", years=20) for i in range(3)),
            teacher("b1", "B", backbone="county", years=7),
            *(teacher(f"b{i}", "B", subject="math") for i in range(2, 5)),
        ],
    )


def test_r3_backbone_teachers_make_the_share_of_the_rotated():
    # moving a backbone teacher only unbalances L2: without R3 nobody would
    alone = kept(pe_at_a(), free(min_backbone_share=0.0, max_rotation_ratio=0.25))
    assert "pe" in set(alone.moves.subject)
    assert (alone.moves.backbone == "none").all()
    p = kept(pe_at_a(), free(min_backbone_share=0.5, max_rotation_ratio=0.25))
    backbone = (p.moves.backbone != "none").sum()
    assert 2 * backbone >= len(p.moves) >= 1
    share = p.after.guarantees.loc["backbone_share"]
    assert share["passes"] and share["value"] >= 0.5


def test_r3_impossible_without_backbone_teachers():
    r = roster([school("A"), school("B")], [teacher("a1", "A"), teacher("b1", "B")])
    message = impossible(r, free())
    assert "R3" in message
    assert "20% of at least 1 rotated is 1 backbone teachers, but only 0 may move" in message


def test_r3_verify_catches_a_share_too_low():
    found = broken(two_alike(), moves(("a2", "A", "B")), free())
    assert found == {"R3": "0 backbone of 1 rotated, below 20%"}


# -- R4 one move per teacher, to another school of the same stage --------------------------------


def nine_year() -> object:
    """N teaches both stages; P is primary, M middle. Only N's middle teacher may rotate."""
    return roster(
        [
            school("N", primary=(200, 1), middle=(200, 1)),
            school("P"),
            school("M", primary=(0, 0), middle=(200, 1)),
        ],
        [
            teacher("n1", "N", stage="middle", backbone="county"),
            teacher("n2", "N", years=1),
            teacher("p1", "P", years=1),
            teacher("m1", "M", stage="middle", years=1),
        ],
    )


def test_r4_a_teacher_goes_to_another_school_of_the_same_stage():
    p = kept(nine_year(), free())
    assert moved(p) == [("n1", "N", "M")]
    assert p.moves.teacher_id.is_unique


def test_r4_a_teacher_with_several_possible_schools_still_moves_once():
    # b3 may go to C or to D (outward from town). Each route was bounded by the class size but
    # not their sum, so the model once sent b3 to both, splitting B's backbone teachers.
    r = roster(
        [
            school("A", primary=(100, 1)),
            school("B", area="town", primary=(400, 1)),
            school("C", area="town", primary=(100, 1)),
            school("D", area="town", primary=(100, 1)),
        ],
        [
            teacher("a1", "A", subject="pe", backbone="county"),
            teacher("a2", "A", subject="math", education="secondary", years=1),
            teacher("b1", "B", subject="pe", backbone="county", years=1),
            teacher("b2", "B", subject="pe", education="secondary", backbone="county", years=1),
            teacher("b3", "B", education="secondary", backbone="county"),
            teacher("d1", "D", education="secondary"),
        ],
    )
    policy = free(direction="outward", min_rotation_ratio=0, max_rotation_ratio=1.0)
    p = kept(r, policy)
    assert p.moves.teacher_id.is_unique
    assert moved(p) == [("a1", "A", "B"), ("b3", "B", "D")]


def test_r4_impossible_without_another_school_of_the_stage():
    message = impossible(one_primary_school(), free())
    assert "R4" in message


def test_r4_verify_catches_a_move_to_the_wrong_stage_or_the_same_school():
    r = nine_year()
    assert broken(r, moves(("n1", "N", "P")), free()) == {
        "R4": "n1 (middle) sent to P, without middle students"
    }
    assert broken(r, moves(("n1", "N", "N")), free()) == {"R4": "n1 'moves' to the same school"}
    assert broken(r, moves(("n1", "P", "M")), free()) == {"R4": "n1 is at N, not P"}
    twice = broken(r, moves(("n1", "N", "M"), ("n1", "N", "M")), free())
    assert twice == {"R4": "n1 moves more than once"}


# -- R5 subject coverage -----------------------------------------------------------------------


def one_chinese_teacher() -> object:
    """A's only Chinese teacher may not leave (need 1); one of its two Math teachers may."""
    return roster(
        [school("A"), school("B")],
        [
            teacher("a1", "A", backbone="county", years=30),
            teacher("a2", "A", subject="math", backbone="county"),
            teacher("a3", "A", subject="math"),
            teacher("b1", "B", years=1),
        ],
    )


def test_r5_a_school_keeps_its_only_teacher_of_a_subject():
    p = kept(one_chinese_teacher(), Policy(staffing=False))
    assert moved(p) == [("a2", "A", "B")]


def test_r5_an_existing_shortage_is_not_deepened_but_need_not_be_closed():
    # A needs ceil(3 × 7 / 16) = 2 Chinese teachers and has 1: it keeps that one
    r = roster(
        [school("A", primary=(200, 3)), school("B")],
        [
            teacher("a1", "A", backbone="county", years=30),
            teacher("a2", "A", subject="math", backbone="county"),
            teacher("a3", "A", subject="math"),
            teacher("a4", "A", subject="math"),
            teacher("b1", "B", years=1),
        ],
    )
    p = kept(r, Policy(staffing=False))
    assert "a1" not in set(p.moves.teacher_id)


def test_r5_impossible_when_the_only_teacher_who_may_move_is_needed():
    r = roster(
        [school("A"), school("B")],
        [teacher("a1", "A", backbone="county"), teacher("b1", "B", years=1)],
    )
    message = impossible(r, Policy(staffing=False))
    assert "R5" in message
    assert "2 school subjects have no teacher to spare" in message


def test_r5_verify_catches_a_new_shortage():
    found = broken(one_chinese_teacher(), moves(("a1", "A", "B")), Policy(staffing=False))
    assert found == {"R5": "A primary chinese: 0 after, below min(before 1, need 1)"}


# -- R6 staffing -------------------------------------------------------------------------------


def crowded(quota: int | None) -> object:
    """B has the most students and a single teacher; with `quota` 1 it is full."""
    extra = {} if quota is None else {"staff_quota_primary": quota}
    return roster(
        [school("A"), school("B", primary=(400, 1), **extra), school("C")],
        [
            *(teacher(f"a{i}", "A", backbone="county") for i in range(4)),
            teacher("b1", "B", years=1),
            teacher("c1", "C", years=1),
        ],
    )


def test_r6_a_school_at_its_quota_receives_nobody():
    assert "B" in set(kept(crowded(None), Policy(coverage=False)).moves.to_school)
    p = kept(crowded(1), Policy(coverage=False))
    assert len(p.moves) == 1
    assert "B" not in set(p.moves.to_school)


def test_r6_a_school_above_its_quota_is_not_forced_down():
    r = roster(
        [school("A", staff_quota_primary=1), school("B", staff_quota_primary=1)],
        [
            teacher("a1", "A", backbone="county"),
            teacher("a2", "A", subject="math", years=1),
            teacher("b1", "B", backbone="county"),
            teacher("b2", "B", subject="math", years=1),
        ],
    )
    p = kept(r, Policy(coverage=False, min_rotation_ratio=0.5, max_rotation_ratio=1.0))
    assert moved(p) == [("a1", "A", "B"), ("b1", "B", "A")]  # only a swap keeps both at 2


def test_r6_impossible_when_the_only_destination_is_full():
    r = roster(
        [school("A"), school("B", staff_quota_primary=1)],
        [teacher("a1", "A", backbone="county"), teacher("b1", "B", years=1)],
    )
    message = impossible(r, Policy(coverage=False))
    assert "R6" in message
    assert "1 of 2 school stages are at quota" in message


def test_r6_verify_catches_a_school_above_its_quota():
    found = broken(crowded(1), moves(("a0", "A", "B")), Policy(coverage=False))
    assert found == {"R6": "B primary: 2 teachers after, above max(before 1, quota 1)"}


# -- R7 teachers on rotation stay; eligibility -------------------------------------------------

#: A teacher who may not rotate, per reason (the plan year is 2026).
NOT_ELIGIBLE = {
    "on_rotation": {"home_school_id": "B", "rotation_end_year": 2028},
    "too_few_years": {"years": 5},
    # a woman born mid-1973 retires in 2029-06 at 55 y 11 m (2025 reform): within 3 years
    "near_retirement": {"birth_year": 1973},
    "exempt": {"exempt": "pregnancy"},
    "on_leave": {"on_leave": True},
    "leader_terms": {"role": "principal", "years": 5},  # one 3-year term of two
}


@pytest.mark.parametrize("reason", NOT_ELIGIBLE)
def test_r7_a_teacher_who_may_not_rotate_stays(reason):
    # any teacher of A going to B or C balances L1; x, the longest at A, would be chosen first
    r = roster(
        [school("A"), school("B"), school("C", primary=(100, 1))],
        [
            teacher("x", "A", **{"backbone": "county", "years": 30, **NOT_ELIGIBLE[reason]}),
            teacher("e", "A", subject="math", years=6),
            teacher("y", "A", years=6),
            teacher("b1", "B", years=1),
            teacher("c1", "C", subject="math", years=1),
        ],
    )
    status = eligibility(r, free(), YEAR).set_index("teacher_id")
    assert status.at["x", "reason"] == reason
    assert status["eligible"].sum() == 2
    policy = free(min_backbone_share=0.0)
    p = kept(r, policy)
    assert len(p.moves) == 1 and "x" not in set(p.moves.teacher_id)
    assert broken(r, moves(("x", "A", "C")), policy).keys() == {"R7"}


def test_r7_who_is_eligible_at_the_edges():
    r = roster(
        [school("A"), school("A2")],
        [
            teacher("six_years", "A", years=6),
            # under the 2025 reform (birth month taken as July) a man born 1968 retires in
            # 2029-06 at 60 y 11 m, within 3 years of 2026; one born 1969 in 2030-09 at 61 y 2 m
            teacher("man_56", "A", birth_year=1970, gender="M"),
            teacher("man_57", "A", birth_year=1969, gender="M"),
            teacher("man_58", "A", birth_year=1968, gender="M"),
            teacher("woman_51", "A", birth_year=1975),
            teacher("principal_2_terms", "A", role="principal", years=6),
            teacher("principal_given_terms", "A", role="vice_principal", years=1, leader_terms=2),
            teacher("term_ends_next_year", "A", home_school_id="A2", rotation_end_year=2027),
        ],
    )
    status = eligibility(r, Policy(), YEAR).set_index("teacher_id")["reason"].to_dict()
    assert status == {
        "six_years": "eligible",
        "man_56": "eligible",
        "man_57": "eligible",
        "man_58": "near_retirement",
        "woman_51": "eligible",
        "principal_2_terms": "eligible",
        "principal_given_terms": "eligible",
        "term_ends_next_year": "on_rotation",
    }


def test_r7_impossible_when_the_only_partner_is_on_rotation():
    # a1 may leave A only if a Chinese teacher comes back; B's is on rotation from A
    r = roster(
        [school("A"), school("B")],
        [
            teacher("a1", "A", backbone="county"),
            teacher("b1", "B", home_school_id="A", rotation_end_year=2028),
        ],
    )
    message = impossible(r, Policy(staffing=False))
    assert "R7" in message
    assert "1 of 2 teachers may not rotate (1 already on rotation)" in message


def test_r7_verify_catches_a_wrong_term():
    table = moves(("a1", "A", "B"), term=2)
    assert broken(two_alike(), table, free()) == {"R7": "a1 serves 2026–2028, expected 2026–2029"}


# -- R8 pinned decisions -----------------------------------------------------------------------


def three_schools() -> object:
    """A (with every backbone teacher) and two empty-handed schools B and C."""
    return roster(
        [school("A"), school("B"), school("C", primary=(300, 1))],
        [
            teacher("a1", "A", backbone="county", years=20),
            teacher("a2", "A", backbone="county", years=10),
            teacher("a3", "A", subject="math", years=9),
            teacher("b1", "B", years=1),
            teacher("c1", "C", years=1),
        ],
    )


def test_r8_move_stay_to_and_not_to_are_obeyed():
    base = kept(three_schools(), free())
    assert moved(base) == [("a1", "A", "C")]  # longest tenure, to the largest school
    stay = kept(three_schools(), free(), pins=pins(("a1", "stay")))
    assert moved(stay) == [("a2", "A", "C")]
    move = kept(three_schools(), free(max_rotation_ratio=1.0), pins=pins(("a3", "move")))
    assert set(move.moves.teacher_id) >= {"a3"}
    assert move.moves.set_index("teacher_id").at["a3", "reason"] == "pinned by the user"
    to = kept(three_schools(), free(), pins=pins(("a1", "to", "B")))
    assert moved(to) == [("a1", "A", "B")]
    not_to = kept(three_schools(), free(), pins=pins(("a1", "not_to", "C")))
    assert ("a1", "A", "C") not in moved(not_to)


def test_r8_a_pin_on_an_ineligible_teacher_is_refused_with_the_reason():
    # b1 has one year at B: a pin to move it is an input error naming the row and the reason
    with pytest.raises(InputError) as caught:
        solve(three_schools(), free(min_backbone_share=0.0), pins=pins(("b1", "to", "C")))
    (problem,) = caught.value.problems
    assert (problem.row, problem.record, problem.column) == (2, "b1", "action")
    assert "b1 may not rotate (1 of 6 years at the school)" in str(problem)
    zh = caught.value.render("zh")
    assert "第2行" in zh and "不符合交流条件" in zh and "强制" in zh


def test_r8_a_forced_pin_overrides_eligibility_and_is_reported():
    forced = pins(("b1", "to", "C")).assign(force=["是"])
    p = kept(three_schools(), free(min_backbone_share=0.0), pins=forced)
    assert ("b1", "B", "C") in moved(p)
    assert p.verify() == []
    assert p.forced.to_dict("records") == [
        {"teacher_id": "b1", "name": "", "reason": "1 of 6 years at the school"}
    ]
    assert "1 teachers the rules make ineligible rotate by a forced pin" in str(p.summary())
    assert "b1: 1 of 6 years at the school" in str(p.summary())
    # an eligible teacher's pin needs no force, and is not reported as forced
    assert kept(three_schools(), free(), pins=pins(("a1", "to", "B"))).forced.empty


def test_r8_a_teacher_brought_home_early_is_not_a_rotation():
    # r1, on rotation from A until 2028, is pinned home: R1 still needs a rotation (a1's)
    r = roster(
        [school("A"), school("B"), school("C")],
        [
            teacher("a1", "A", backbone="county"),
            teacher("b1", "B", years=1),
            teacher("r1", "B", home_school_id="A", rotation_end_year=2028),
        ],
    )
    p = kept(r, free(), pins=pins(("r1", "to", "A")))
    assert ("r1", "B", "A") in moved(p) and "a1" in set(p.moves.teacher_id)
    assert p.after.guarantees.at["rotated_teachers", "value"] == 1
    home_only = broken(r, moves(("r1", "B", "A")), free(), pins(("r1", "to", "A")))
    assert home_only == {"R1": "0 rotated, fewer than 1 (10% of 1)"}
    # pinned to move anywhere, r1 may start a new rotation: that needs force; then r1 may go
    # home, and a1 rotates
    with pytest.raises(InputError, match="on rotation from A until 2028"):
        solve(r, free(), pins=pins(("r1", "move")))
    p = kept(r, free(), pins=pins(("r1", "move")).assign(force=[True]))
    assert p.after.guarantees.at["rotated_teachers", "value"] >= 1
    # nor does a return count against the cap
    p = kept(r, free(max_rotation_ratio=0.0, min_rotation_ratio=0.0), pins=pins(("r1", "to", "A")))
    assert moved(p) == [("r1", "B", "A")]


def test_r8_conflicting_pins_are_an_input_error():
    with pytest.raises(InputError, match="pinned both to stay and to move"):
        solve(three_schools(), free(), pins=pins(("a1", "stay"), ("a1", "to", "B")))
    with pytest.raises(InputError, match="unknown teacher"):
        solve(three_schools(), free(), pins=pins(("zz", "move")))


def test_r8_impossible_when_the_pinned_destination_is_full():
    r = roster(
        [school("A"), school("B", staff_quota_primary=1), school("C")],
        [teacher("a1", "A", backbone="county"), teacher("b1", "B", years=1)],
    )
    message = impossible(r, Policy(coverage=False), pins=pins(("a1", "to", "B")))
    assert "R8" in message and "R6" in message
    assert "1 pinned to a destination" in message


def test_r8_impossible_when_the_teacher_who_must_move_is_pinned_to_stay():
    r = roster(
        [school("A"), school("B")],
        [teacher("a1", "A", backbone="county"), teacher("b1", "B", years=1)],
    )
    message = impossible(r, free(), pins=pins(("a1", "stay")))
    assert "R8" in message
    assert "1 pinned to stay" in message


def test_r8_verify_catches_a_pin_not_kept():
    r = three_schools()
    table = moves(("a1", "A", "C"))
    assert broken(r, table, free(), pins(("a1", "stay"))) == {
        "R8": "a1 is pinned to stay but moves"
    }
    assert broken(r, table, free(), pins(("a1", "to", "B"))) == {
        "R8": "a1 goes to C, not one of ['B']"
    }
    assert broken(r, table, free(), pins(("a1", "not_to", "C"))) == {
        "R8": "a1 goes to C, which is forbidden"
    }
    assert broken(r, table, free(), pins(("a1", "move"), ("a2", "move"))) == {
        "R8": "a2 is pinned to move but stays"
    }


# -- R9 direction --------------------------------------------------------------------------------


def backbone_in_the_village() -> object:
    """The backbone teachers are at the rural school R: balancing L2 sends one to the town."""
    return roster(
        [school("U"), school("T", area="town"), school("R", area="rural")],
        [
            teacher("r1", "R", backbone="county", years=20),
            teacher("r2", "R", backbone="county"),
            teacher("r3", "R", backbone="county"),
            teacher("u1", "U", subject="math"),
            teacher("u2", "U", backbone="county", years=12),
            teacher("t1", "T", years=1),
        ],
    )


def test_r9_outward_never_sends_a_teacher_to_a_more_urban_school():
    rank = {"U": 0, "T": 1, "R": 2}
    assert any(rank[b] < rank[a] for _, a, b in moved(kept(backbone_in_the_village(), free())))
    p = kept(backbone_in_the_village(), free(direction="outward"))
    assert len(p.moves) >= 1
    assert all(rank[b] >= rank[a] for _, a, b in moved(p))


def test_r9_strong_to_weak_sends_teachers_only_to_weaker_schools():
    # per 200 students: A has 2 backbone of 3, C 1 of 2, B 0 of 1: A > C > B on every indicator
    r = roster(
        [school("A"), school("B"), school("C")],
        [
            teacher("a1", "A", backbone="county"),
            teacher("a2", "A", backbone="county"),
            teacher("a3", "A", subject="math"),
            teacher("b1", "B", subject="math"),
            teacher("c1", "C", backbone="county"),
            teacher("c2", "C", subject="math"),
        ],
    )
    policy = free(direction="strong_to_weak", min_rotation_ratio=0.5, max_rotation_ratio=1.0)
    p = kept(r, policy)
    assert len(p.moves) >= 3
    assert {(a, b) for _, a, b in moved(p)} <= {("A", "B"), ("A", "C"), ("C", "B")}


def test_r9_impossible_when_the_only_teacher_who_may_move_is_in_the_village():
    r = roster(
        [school("U"), school("R", area="rural")],
        [
            teacher("r1", "R", backbone="county"),
            teacher("u1", "U", backbone="county", years=1),
            teacher("u2", "U", backbone="county", years=1),
        ],
    )
    message = impossible(r, free(direction="outward"))
    assert "R9" in message and "outward" in message
    message = impossible(r, free(direction="strong_to_weak"))  # R is also the weaker school
    assert "R9" in message and "strong_to_weak" in message


def test_r9_verify_catches_a_move_against_the_direction():
    r = backbone_in_the_village()
    found = broken(r, moves(("r1", "R", "U")), free(direction="outward"))
    assert found == {"R9": "r1: rural R to more urban U"}
    found = broken(r, moves(("u1", "U", "R")), free(direction="strong_to_weak"))
    assert found.keys() == {"R3", "R9"}
    assert found["R9"] == "u1 moves to R, not weaker than U"


# -- R10 school groups ---------------------------------------------------------------------------


def grouped() -> object:
    """A and B form group g; C, the largest school, is in group h; D is in no group."""
    return roster(
        [
            school("A", group="g"),
            school("B", group="g"),
            school("C", primary=(400, 1), group="h"),
            school("D"),
        ],
        [
            *(teacher(f"a{i}", "A", backbone="county") for i in range(3)),
            teacher("b1", "B", years=1),
            teacher("c1", "C", years=1),
            teacher("d1", "D", years=1),
        ],
    )


def test_r10_moves_stay_within_the_school_group():
    assert "C" in set(kept(grouped(), free()).moves.to_school)
    p = kept(grouped(), free(within_group=True))
    assert moved(p) == [("a0", "A", "B")]


def test_r10_impossible_for_a_school_in_no_group():
    r = roster(
        [school("A", group="g"), school("B", group="g"), school("D")],
        [
            teacher("a1", "A", years=1),
            teacher("b1", "B", years=1),
            teacher("d1", "D", backbone="county"),
        ],
    )
    message = impossible(r, free(within_group=True))
    assert "R10" in message


def test_r10_verify_catches_a_move_out_of_the_group():
    r = grouped()
    policy = free(within_group=True)
    assert broken(r, moves(("a0", "A", "C")), policy) == {"R10": "a0 leaves group 'g' for 'h'"}
    found = broken(r, moves(("d1", "D", "A")), free(within_group=True, min_years_at_school=1))
    assert found.keys() == {"R3", "R10"}
    assert found["R10"] == "d1 leaves group '-' for 'g'"


# -- R11 maximum distance -------------------------------------------------------------------


def spread_out() -> object:
    """A at 0 km, B at 5 km, C (the largest school) at 30 km, on a line."""
    return roster(
        [school("A"), school("B", x=5), school("C", primary=(400, 1), x=30)],
        [
            *(teacher(f"a{i}", "A", backbone="county") for i in range(3)),
            teacher("b1", "B", years=1),
            teacher("c1", "C", years=1),
        ],
    )


def test_r11_no_move_is_longer_than_the_limit():
    assert "C" in set(kept(spread_out(), free()).moves.to_school)
    p = kept(spread_out(), free(max_distance_km=10))
    assert moved(p) == [("a0", "A", "B")]
    assert p.moves.distance_km.tolist() == [5.0]


def test_r11_road_distances_replace_straight_lines():
    # on the map C is 3 km from A, but the road over the mountain is 50 km
    r = roster(
        [school("A"), school("B", x=-8), school("C", primary=(400, 1), x=3)],
        [
            *(teacher(f"a{i}", "A", backbone="county") for i in range(3)),
            teacher("b1", "B", years=1),
            teacher("c1", "C", years=1),
        ],
    )
    edges = pd.DataFrame(
        {"from": ["A", "J", "A", "C"], "to": ["J", "B", "C", "B"], "km": [2.0, 6.0, 50.0, 70.0]}
    )
    km = road_distances(r.schools, edges)
    assert km.at["A", "B"] == 8.0 and km.at["A", "C"] == 50.0 and km.at["B", "C"] == 58.0
    assert straight_line(r.schools).at["A", "C"] == 3.0
    assert "C" in set(kept(r, free(max_distance_km=10)).moves.to_school)
    p = kept(r, free(max_distance_km=10), roads=edges)
    assert moved(p) == [("a0", "A", "B")]
    assert p.moves.distance_km.tolist() == [8.0]


def test_r11_unconnected_schools_are_out_of_reach():
    r = spread_out()
    edges = pd.DataFrame({"from": ["A"], "to": ["C"], "km": [4.0]})
    p = kept(r, free(max_distance_km=10), roads=edges)
    assert moved(p) == [("a0", "A", "C")]


def test_r11_impossible_when_every_school_is_too_far():
    message = impossible(spread_out(), free(max_distance_km=4))
    assert "R11" in message and "4 km" in message


def test_r11_needs_coordinates_or_roads():
    r = roster(
        [school("A", x=None, y=None), school("B", x=None, y=None)],
        [teacher("a1", "A", backbone="county"), teacher("b1", "B")],
    )
    with pytest.raises(InputError, match="max_distance_km needs school coordinates"):
        solve(r, free(max_distance_km=10))


def test_r11_verify_catches_a_move_too_far():
    r = spread_out()
    km = straight_line(r.schools)
    found = broken(r, moves(("a0", "A", "C")), free(max_distance_km=10), distances=km)
    assert found == {"R11": "a0 travels 30.0 km, more than 10"}
    found = broken(r, moves(("a0", "A", "B")), free(max_distance_km=10), distances=None)
    # without coordinates or roads the cap cannot be checked: R11 says so, once
    assert found == {"R11": "max_distance_km needs school coordinates (x_km, y_km) or a road table"}

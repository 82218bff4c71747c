"""A roster through the years: `next_year` and `project`.

A roster describes the start of a school year Y: tenure counts completed years, age is
Y − birth_year, a teacher leaves at the start of the year in which the retirement date falls
(under fixed ages: the year age reaches the retirement age; under the 2025 reform, by birth
month, July when only the year is known), and a rotation ending in E has the teacher home (or
staying at the host) at the start of E.
"""

from __future__ import annotations

import pandas as pd
import pytest
from rosters import YEAR, moves, roster, school, teacher

from rotation.errors import InputError
from rotation.policy.settings import Policy
from rotation.policy.timeline import YearChange, next_year, project, retiring

NEXT = YEAR + 1

#: The rule before 2025: fixed ages 60 and 55.
OLD = Policy(retirement="fixed")


def by_id(r) -> pd.DataFrame:
    return r.teachers.set_index("teacher_id")


def ages() -> object:
    """Teachers on either side of the old retirement age in YEAR + 1 (60 for men, 55 for women).

    Under the 2025 reform (birth month taken as July) m60 and f55 retire in 2028-03, at 60 y 8 m
    and 55 y 8 m; m59 and f54 in 2029-06."""
    return roster(
        [school("A"), school("B")],
        [
            teacher("m60", "A", gender="M", birth_year=NEXT - 60, subject="math"),
            teacher("m59", "A", gender="M", birth_year=NEXT - 59),
            teacher("f55", "B", gender="F", birth_year=NEXT - 55, subject="art"),
            teacher("f54", "B", gender="F", birth_year=NEXT - 54),
        ],
    )


def away(end: int = NEXT) -> object:
    """r1 (home A) is on rotation at B until `end`; r2 until end + 1; a1 stays at A."""
    return roster(
        [school("A"), school("B")],
        [
            teacher("a1", "A", years=4),
            teacher("r1", "B", years=2, home_school_id="A", rotation_end_year=end),
            teacher("r2", "B", years=1, home_school_id="A", rotation_end_year=end + 1),
        ],
    )


# -- next_year ------------------------------------------------------------------------------------


def test_every_teacher_gains_a_year_at_the_school():
    r = roster(
        [school("A"), school("B")],
        [teacher("a1", "A", years=0), teacher("b1", "B", years=7)],
    )
    after, change = next_year(r, Policy(), YEAR)
    assert by_id(after)["years_at_school"].to_dict() == {"a1": 1, "b1": 8}
    assert by_id(after)["school_id"].to_dict() == {"a1": "A", "b1": "B"}
    assert isinstance(change, YearChange) and change.year == NEXT
    assert change.retired.empty and change.returned.empty
    assert by_id(r)["years_at_school"].to_dict() == {"a1": 0, "b1": 7}  # the input is untouched


def test_teachers_retire_at_the_start_of_the_year_they_reach_the_age():
    after, change = next_year(ages(), OLD, YEAR)
    assert sorted(after.teachers.teacher_id) == ["f54", "m59"]
    assert list(change.retired.columns) == [
        *("teacher_id", "school_id", "stage", "subject", "gender", "age")
    ]
    retired = change.retired.set_index("teacher_id")
    assert retired.loc["m60"].tolist() == ["A", "primary", "math", "M", 60]
    assert retired.loc["f55"].tolist() == ["B", "primary", "art", "F", 55]


def test_the_retirement_age_is_the_policys():
    policy = Policy(retirement="fixed", retirement_age={"M": 63, "F": 60})
    after, change = next_year(ages(), policy, YEAR)
    assert len(after.teachers) == 4 and change.retired.empty
    assert not retiring(ages(), policy, NEXT).any()
    assert retiring(ages(), OLD, NEXT).tolist() == [True, False, True, False]
    assert not retiring(ages(), OLD, YEAR).any()  # a year younger: nobody yet


def test_under_the_reform_the_same_teachers_retire_a_year_later():
    after, change = next_year(ages(), Policy(), YEAR)
    assert len(after.teachers) == 4 and change.retired.empty
    assert not retiring(ages(), Policy(), NEXT).any()
    assert retiring(ages(), Policy(), NEXT + 1).tolist() == [True, False, True, False]
    after, change = next_year(after, Policy(), NEXT)
    assert sorted(after.teachers.teacher_id) == ["f54", "m59"]
    assert change.retired.set_index("teacher_id")["age"].to_dict() == {"m60": 61, "f55": 56}


def test_a_rotation_ending_brings_the_teacher_home_with_tenure_restarted():
    after, change = next_year(away(), Policy(), YEAR)
    t = by_id(after)
    assert (t.at["r1", "school_id"], t.at["r1", "years_at_school"]) == ("A", 0)
    assert t.at["r1", "home_school_id"] == ""
    assert pd.isna(t.at["r1", "rotation_end_year"]) and pd.isna(t.at["r1", "rotation_start_year"])
    # r2's term runs one more year: still at B, a year longer
    assert (t.at["r2", "school_id"], t.at["r2", "home_school_id"]) == ("B", "A")
    assert (t.at["r2", "years_at_school"], t.at["r2", "rotation_end_year"]) == (2, NEXT + 1)
    assert change.returned.to_dict("records") == [{"teacher_id": "r1", "from": "B", "to": "A"}]


def test_a_teacher_may_stay_at_the_host_when_the_term_ends():
    after, change = next_year(away(), Policy(return_after_term=False), YEAR)
    t = by_id(after)
    assert (t.at["r1", "school_id"], t.at["r1", "home_school_id"]) == ("B", "")
    assert t.at["r1", "years_at_school"] == 3  # the years at B go on counting
    assert pd.isna(t.at["r1", "rotation_end_year"])
    assert change.returned.to_dict("records") == [{"teacher_id": "r1", "from": "B", "to": "B"}]


def test_a_teacher_retiring_as_the_rotation_ends_retires_and_does_not_return():
    r = roster(
        [school("A"), school("B")],
        [
            teacher("a1", "A"),
            teacher(
                "r1",
                "B",
                gender="M",
                birth_year=NEXT - 61,
                birth_date=f"{NEXT - 61}-09",  # 1966-09: 60 y 6 m under the reform, 2027-03
                years=2,
                home_school_id="A",
                rotation_end_year=NEXT,
            ),
        ],
    )
    after, change = next_year(r, Policy(), YEAR)
    assert after.teachers.teacher_id.tolist() == ["a1"]
    assert change.retired.teacher_id.tolist() == ["r1"]
    assert change.retired.school_id.tolist() == ["B"]  # where they taught
    assert change.returned.empty


def test_next_year_after_a_plan_counts_the_move_as_a_first_year():
    r = roster([school("A"), school("B")], [teacher("a1", "A", years=9), teacher("b1", "B")])
    moved = r.apply_moves(moves(("a1", "A", "B")))
    after, _ = next_year(moved, Policy(), YEAR)
    t = by_id(after)
    assert (t.at["a1", "school_id"], t.at["a1", "years_at_school"]) == ("B", 1)
    assert (t.at["a1", "home_school_id"], t.at["a1", "rotation_end_year"]) == ("A", YEAR + 3)


# -- project --------------------------------------------------------------------------------------


def plain() -> object:
    return roster(
        [school("A"), school("B"), school("C", area="rural")],
        [
            teacher("a1", "A", years=9),
            teacher("b1", "B", years=7),
            # born 1967-05: retires at 60 y 8 m in 2028-01 (2025 reform)
            teacher("c1", "C", years=2, gender="M", birth_year=1967, birth_date="1967-05"),
            teacher("r1", "C", years=2, home_school_id="A", rotation_end_year=YEAR),
        ],
    )


def test_project_applies_each_years_moves_at_its_start():
    first = moves(("a1", "A", "B"))
    second = moves(("b1", "B", "C"), year=NEXT)
    states = project(plain(), Policy(), YEAR, {YEAR: first, NEXT: second})
    assert sorted(states) == [YEAR, NEXT]
    # r1's rotation ended by YEAR: home before anything else
    y0, y1 = by_id(states[YEAR]), by_id(states[NEXT])
    assert (y0.at["r1", "school_id"], y0.at["r1", "years_at_school"]) == ("A", 0)
    assert (y0.at["a1", "school_id"], y0.at["a1", "years_at_school"]) == ("B", 0)
    assert y0.at["b1", "school_id"] == "B"
    # a year later: a1 in the second year of the rotation, b1 just moved, r1 a year home
    assert (y1.at["a1", "school_id"], y1.at["a1", "years_at_school"]) == ("B", 1)
    assert (y1.at["b1", "school_id"], y1.at["b1", "years_at_school"]) == ("C", 0)
    assert y1.at["b1", "home_school_id"] == "B"
    assert y1.at["r1", "years_at_school"] == 1
    assert y1.at["c1", "years_at_school"] == 3


def test_project_without_moves_is_the_no_rotation_baseline():
    states = project(plain(), Policy(), YEAR, dict.fromkeys(range(YEAR, YEAR + 3)))
    assert sorted(states) == [YEAR, NEXT, NEXT + 1]
    assert "c1" in set(states[NEXT].teachers.teacher_id)
    assert "c1" not in set(states[NEXT + 1].teachers.teacher_id)  # retires 2028-01
    assert by_id(states[NEXT + 1])["years_at_school"].to_dict() == {"a1": 11, "b1": 9, "r1": 2}
    assert len(project(plain(), Policy(), YEAR, {})) == 1  # just the first year


def test_project_fills_the_years_between_moves():
    states = project(plain(), Policy(), YEAR, {YEAR + 2: moves(("b1", "B", "C"), year=YEAR + 2)})
    assert sorted(states) == [YEAR, NEXT, YEAR + 2]
    assert by_id(states[NEXT]).at["b1", "school_id"] == "B"
    assert by_id(states[YEAR + 2]).at["b1", "school_id"] == "C"


def test_a_short_term_ends_within_the_projection():
    states = project(
        plain(),
        Policy(term_years=1),
        YEAR,
        {YEAR: moves(("a1", "A", "B"), term=1), NEXT: moves(year=NEXT)},
    )
    assert by_id(states[YEAR]).at["a1", "school_id"] == "B"
    back = by_id(states[NEXT])
    assert (back.at["a1", "school_id"], back.at["a1", "years_at_school"]) == ("A", 0)
    assert back.at["a1", "home_school_id"] == ""


def test_a_later_years_moves_are_checked_against_that_years_roster():
    # a1 is at B in YEAR + 1, no longer at A
    with pytest.raises(InputError, match="a1"):
        project(
            plain(),
            Policy(),
            YEAR,
            {YEAR: moves(("a1", "A", "B")), NEXT: moves(("a1", "A", "C"), year=NEXT)},
        )

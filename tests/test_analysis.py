"""What rotation alone cannot fix: each kind of limit on the smallest roster that has it."""

from __future__ import annotations

from rosters import roster, school, teacher

from rotation.policy.settings import Policy
from rotation.review.limits import rotation_limits


def limits(r):
    table = rotation_limits(r, Policy())
    return {(row.kind, row.stage, row.what): row.hires for row in table.itertuples()}


def test_a_subject_the_county_lacks_needs_hiring():
    # two schools of 200 pupils need one PE teacher each; the county has one
    r = roster(
        [school("A"), school("B")],
        [teacher("a1", "A", subject="pe"), teacher("b1", "B")],
    )
    assert limits(r)[("subject shortage", "primary", "pe")] == 1


def test_a_county_value_below_the_threshold_needs_hiring():
    # L2 asks one backbone teacher per 100 pupils: 400 pupils, one backbone teacher
    r = roster(
        [school("A"), school("B")],
        [teacher("a1", "A", backbone="county"), teacher("b1", "B")],
    )
    assert limits(r)[("county value below threshold", "primary", "L2")] == 3


def test_a_failing_cv_gets_the_least_hiring_that_passes_it():
    # all backbone teachers at A: the CV of L2 is 1; one more at B brings it to 1/3
    r = roster(
        [school("A"), school("B")],
        [teacher("a1", "A", backbone="county"), teacher("a2", "A", backbone="city"),
         teacher("b1", "B")],
    )  # fmt: skip
    assert limits(r)[("CV above threshold", "primary", "L2")] == 1


def test_a_facility_cv_is_named_and_needs_no_teacher():
    r = roster(
        [
            school(
                "A",
                teaching_area_m2=2000,
                sports_area_m2=2000,
                equipment_value_yuan=5e5,
                multimedia_rooms=6,
            ),
            school(
                "B",
                teaching_area_m2=100,
                sports_area_m2=2000,
                equipment_value_yuan=5e5,
                multimedia_rooms=6,
            ),
        ],
        [teacher("a1", "A"), teacher("b1", "B")],
    )
    assert limits(r)[("facility CV above threshold", "primary", "L4")] == 0


def test_a_balanced_county_has_no_cv_to_fix():
    r = roster(
        [school("A"), school("B")],
        [teacher(f"{s}{i}", s.upper(), subject=subject, backbone="county")
         for s in "ab" for i, subject in enumerate(["chinese", "pe", "music", "art"])],
    )  # fmt: skip
    assert not [key for key in limits(r) if key[0] == "CV above threshold"]

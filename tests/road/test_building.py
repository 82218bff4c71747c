"""`building_needs`: the least facility additions, on rosters whose answer is known by hand.

A primary school of 200 students meets its thresholds with 900 m² teaching area (4.5/student),
1500 m² sports area (7.5), 400 000 yuan of equipment (2000) and 4.6 multimedia rooms (2.3 per
100): `enough` below gives those (5 rooms). `staff` gives 9 teachers meeting L1 (≥ 8.4), L2
(2 backbone ≥ 2.0) and L3 (2 PE ≥ 1.8).
"""

from __future__ import annotations

from typing import Any

from rosters import roster, school, teacher

from rotation.indicators.definitions import Standard
from rotation.policy.settings import Policy
from rotation.review.building import building_needs, building_totals, condemned_units


def enough(**changes: Any) -> dict[str, Any]:
    return {
        "teaching_area_m2": 900,
        "sports_area_m2": 1500,
        "equipment_value_yuan": 400_000,
        "multimedia_rooms": 5,
        **changes,
    }


def staff(sid: str) -> list[dict[str, Any]]:
    out = [teacher(f"{sid}{i}", sid) for i in range(5)]
    out += [teacher(f"{sid}b{i}", sid, backbone="county") for i in range(2)]
    out += [teacher(f"{sid}p{i}", sid, subject="pe") for i in range(2)]
    return out


def row(needs, sid: str, code: str):
    return needs.set_index(["school_id", "indicator"]).loc[(sid, code)]


def test_a_school_that_passes_needs_nothing() -> None:
    # 4 rooms is 87% of 4.6: six of seven met and the last above 85%
    r = roster([school("A", **enough(multimedia_rooms=4))], staff("A"))
    needs = building_needs(r, Policy())
    assert (needs["addition"] == 0).all()
    assert len(needs) == 4


def test_two_facilities_short_the_cheapest_choice_by_hand() -> None:
    # L7 3 rooms (65%) and L6 300 000 yuan (75%) both fail. Leaving L7 below needs 4 rooms
    # (≥ 3.91) and L6 its 400 000: shares 0.91/4.6 + 0.25 = 0.45; leaving L6 below needs
    # 340 000 and 5 rooms: 0.2 + 1.6/4.6 = 0.55. The first is cheaper.
    r = roster(
        [school("A", **enough(multimedia_rooms=3, equipment_value_yuan=300_000))], staff("A")
    )
    needs = building_needs(r, Policy())
    assert row(needs, "A", "L7")["addition"] == 1
    assert row(needs, "A", "L6")["addition"] == 100_000
    assert row(needs, "A", "L4")["addition"] == 0
    assert row(needs, "A", "L6")["reason"] == "school rule"
    totals = building_totals(needs)
    assert totals.loc[("primary", "L6"), "addition"] == 100_000


def test_teachers_failing_the_rule_raise_every_facility_to_its_threshold() -> None:
    # no backbone and no PE teacher: L2 and L3 at 0, building alone cannot pass
    teachers = [teacher(f"A{i}", "A") for i in range(9)]
    r = roster([school("A", **enough(multimedia_rooms=4))], teachers)
    needs = building_needs(r, Policy())
    assert row(needs, "A", "L7")["addition"] == 1  # to 5 ≥ 4.6: the full threshold
    assert "building alone cannot" in row(needs, "A", "L7")["note"]


def test_the_county_cv_by_hand() -> None:
    # Two schools of 200 students; teaching area 2000 m² (10/student) and 200 m² (1/student):
    # CV = (10 − λ)/(10 + λ) once B has λ per student, ≤ 0.5 from λ = 10/3: 666.7 m², so
    # 467 m² more (whole m²). The school rule is switched off (none must be met, no near miss).
    standard = Standard(school_min_met=0, near_miss=0)
    policy = Policy(standard=standard)
    r = roster(
        [
            school("A", **enough(teaching_area_m2=2000)),
            school("B", **enough(teaching_area_m2=200)),
        ],
        staff("A") + staff("B"),
    )
    needs = building_needs(r, policy)
    assert row(needs, "B", "L4")["addition"] == 467
    assert row(needs, "B", "L4")["reason"] == "CV"
    assert row(needs, "A", "L4")["addition"] == 0
    assert needs.loc[needs["indicator"] != "L4", "addition"].sum() == 0


def test_rooms_for_the_cv_are_whole_and_least() -> None:
    # 10 and 1 rooms for 200 students each: CV = (10 − b)/(10 + b) ≤ 0.5 needs b ≥ 10/3, so 4
    # rooms at B: 3 more.
    policy = Policy(standard=Standard(school_min_met=0, near_miss=0))
    r = roster(
        [school("A", **enough(multimedia_rooms=10)), school("B", **enough(multimedia_rooms=1))],
        staff("A") + staff("B"),
    )
    needs = building_needs(r, policy)
    assert row(needs, "B", "L7")["addition"] == 3


def test_condemned_units() -> None:
    r = roster(
        [
            school("A", **enough(multimedia_rooms=3, equipment_value_yuan=300_000)),
            school("B", **enough(sports_area_m2=1000)),  # 67% < 85%
            school("C", **enough(multimedia_rooms=4)),
        ],
        staff("A") + staff("B") + staff("C"),
    )
    condemned = condemned_units(r, Policy())
    assert set(condemned.index.get_level_values("school_id")) == {"A", "B"}
    assert condemned.loc[("B", "primary"), "below"] == ("L5",)


def test_no_facility_data_no_rows() -> None:
    r = roster([school("A")], staff("A"))
    assert building_needs(r).empty


def test_example_county_passes_with_the_additions() -> None:
    """Every facility CV passes and every unit whose teachers allow it passes the school rule
    once each unit has what `needed` says."""
    import rotation
    from rotation.indicators.cv import weighted_cv
    from rotation.indicators.tables import resources, school_table

    county = rotation.example_county(seed=0)
    policy = Policy()
    needs = building_needs(county, policy)
    assert (needs["addition"] >= 0).all() and needs["addition"].sum() > 0
    res = resources(county, policy.standard)
    for r in needs.itertuples():
        res.at[(r.school_id, r.stage), r.indicator] = r.needed
    for (stage, code), _part in needs.groupby(["stage", "indicator"]):
        units = res[(res.index.get_level_values("stage") == stage) & res["in_cv"]]
        limit = policy.standard.cv_thresholds[stage]
        assert weighted_cv(units[code], units["students"]) <= limit + 1e-9, (stage, code)
    table = school_table(res, policy.standard)
    fixable = needs.groupby(["school_id", "stage"])["note"].first() == ""
    assert table.loc[fixable[fixable].index, "passes"].all()

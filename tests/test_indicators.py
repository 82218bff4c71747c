"""The official indicators L1–L7, the enrolment-weighted CV, the school rule and user indicators."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from conftest import tiny_facilities, tiny_schools, tiny_teachers
from hypothesis import given
from hypothesis import strategies as st
from rosters import random_county

from rotation import (
    InputError,
    PolicyError,
    Roster,
    Standard,
    TeacherIndicator,
    evaluate,
    load_policy,
    weighted_cv,
)
from rotation.indicators.cv import cv_squared_from_squares

# -- the CV formula ----------------------------------------------------------------------------

PUBLISHED_STUDENTS = [45, 37, 89, 76, 55]
PUBLISHED_BOOKS = [279, 137, 935, 160, 402]


def test_published_five_school_example():
    cv = weighted_cv(PUBLISHED_BOOKS, PUBLISHED_STUDENTS)
    county = sum(PUBLISHED_BOOKS) / sum(PUBLISHED_STUDENTS)
    assert county == pytest.approx(6.334, abs=5e-4)
    assert cv * county == pytest.approx(3.264, abs=5e-4)  # S
    assert cv == pytest.approx(0.5153, abs=5e-5)


def test_published_example_tells_the_three_cvs_apart():
    x = np.array(PUBLISHED_BOOKS) / np.array(PUBLISHED_STUDENTS)
    unweighted = x.std(ddof=0) / x.mean()
    sample = x.std(ddof=1) / x.mean()
    assert unweighted == pytest.approx(0.4888, abs=5e-5)
    assert sample == pytest.approx(0.5465, abs=5e-5)
    cv = weighted_cv(PUBLISHED_BOOKS, PUBLISHED_STUDENTS)
    assert abs(cv - unweighted) > 0.02
    assert abs(cv - sample) > 0.02


def test_cv_of_a_county_without_the_resource_is_nan():
    assert math.isnan(weighted_cv([0, 0, 0], [10, 20, 30]))


schools_st = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 3000)), min_size=1, max_size=12
).filter(lambda s: sum(r for r, _ in s) > 0)


@given(schools=schools_st, factor=st.floats(0.01, 1000))
def test_scaling_every_resource_leaves_the_cv_unchanged(schools, factor):
    r, p = zip(*schools, strict=True)
    scaled = [factor * x for x in r]
    assert weighted_cv(scaled, p) == pytest.approx(weighted_cv(r, p), rel=1e-9, abs=1e-9)


@given(students=st.lists(st.integers(1, 3000), min_size=1, max_size=12), ratio=st.integers(1, 9))
def test_equal_ratios_give_a_cv_of_zero(students, ratio):
    resources = [ratio * p for p in students]
    assert weighted_cv(resources, students) == pytest.approx(0, abs=1e-12)


@given(seed=st.integers(0, 10_000), n_schools=st.integers(2, 8), n_teachers=st.integers(5, 60))
def test_county_value_is_the_enrolment_weighted_mean_of_the_school_values(
    seed, n_schools, n_teachers
):
    ev = evaluate(random_county(seed, n_schools, n_teachers))
    schools = ev.schools[ev.schools["in_cv"]]
    for code in ("L1", "L2", "L3"):
        mean = np.average(schools[code], weights=schools["students"])
        assert ev.county.loc[("primary", code), "county_value"] == pytest.approx(mean, rel=1e-9)


def test_county_value_of_every_indicator_and_stage_is_the_weighted_mean():
    ev = evaluate(Roster.from_frames(tiny_facilities(), tiny_teachers()))
    for (stage, code), value in ev.county["county_value"].items():
        part = ev.schools.xs(stage, level="stage")
        mean = np.average(part[code], weights=part["students"])
        assert value == pytest.approx(mean, rel=1e-9), (stage, code)


@given(schools=schools_st, data=st.data())
def test_the_order_of_the_schools_does_not_matter(schools, data):
    shuffled = data.draw(st.permutations(schools))
    r, p = zip(*schools, strict=True)
    r2, p2 = zip(*shuffled, strict=True)
    assert weighted_cv(r2, p2) == pytest.approx(weighted_cv(r, p), rel=1e-9, abs=1e-12)


@given(schools=schools_st)
def test_cv_squared_from_the_sum_of_squares(schools):
    r, p = (np.array(v, dtype=float) for v in zip(*schools, strict=True))
    squared = cv_squared_from_squares(float(np.sum(r**2 / p)), r.sum(), p.sum())
    assert squared == pytest.approx(weighted_cv(r, p) ** 2, rel=1e-7, abs=1e-9)


# -- L1–L3: which teachers count ---------------------------------------------------------------


def one_school(
    stage: str = "primary",
    students: int = 100,
    teachers: list[dict] | None = None,
    **facilities: float,
) -> Roster:
    """A county of one school with one stage; teachers default to five bachelor chinese teachers,
    the first a PE teacher and county backbone, so L1–L3 are met for 100 primary students."""
    school = {
        "school_id": "A",
        "area": "urban",
        "students_primary": students if stage == "primary" else 0,
        "classes_primary": 4 if stage == "primary" else 0,
        "students_middle": students if stage == "middle" else 0,
        "classes_middle": 4 if stage == "middle" else 0,
        **facilities,
    }
    if teachers is None:
        teachers = [{"subject": "pe", "backbone": "county"}] + [{}] * 4
    base = {
        "school_id": "A",
        "stage": stage,
        "subject": "chinese",
        "education": "bachelor",
        "backbone": "none",
        "years_at_school": 5,
        "birth_year": 1985,
        "gender": "F",
    }
    rows = [{"teacher_id": f"T{i}", **base, **t} for i, t in enumerate(teachers)]
    return Roster.from_frames(pd.DataFrame([school]), pd.DataFrame(rows))


def counted(roster: Roster, code: str) -> int:
    return int(evaluate(roster).units[code].iloc[0])


@pytest.mark.parametrize(
    ("stage", "levels"),
    [
        ("primary", ["associate", "bachelor", "master", "doctor"]),
        ("middle", ["bachelor", "master", "doctor"]),
    ],
)
def test_l1_counts_the_education_above_the_required_one(stage, levels):
    every = ["secondary", "associate", "bachelor", "master", "doctor"]
    roster = one_school(stage, teachers=[{"education": e} for e in every])
    assert counted(roster, "L1") == len(levels)


def test_l2_counts_every_backbone_level_but_none():
    levels = ["none", "county", "city", "province", "national", "none"]
    roster = one_school(teachers=[{"backbone": b} for b in levels])
    assert counted(roster, "L2") == 4


def test_l3_counts_pe_music_and_art_teachers():
    subjects = ["pe", "music", "art", "chinese", "math", "it", "other", "science"]
    roster = one_school(teachers=[{"subject": s} for s in subjects])
    assert counted(roster, "L3") == 3


def test_teacher_indicators_are_per_100_students():
    roster = one_school(students=250, teachers=[{"backbone": "city"}] * 3)
    school = evaluate(roster).schools.iloc[0]
    assert school["L2"] == pytest.approx(3 * 100 / 250)
    assert school["L1"] == pytest.approx(3 * 100 / 250)


# -- facilities and nine-year schools ----------------------------------------------------------


def test_nine_year_facilities_are_apportioned_by_weighted_enrolment():
    ev = evaluate(Roster.from_frames(tiny_facilities(), tiny_teachers()))
    a, b = 300, 200  # S2's primary and middle enrolment
    primary, middle = a / (a + 1.1 * b), 1.1 * b / (a + 1.1 * b)
    assert ev.units.loc[("S2", "primary"), "L4"] == pytest.approx(3200 * primary)
    assert ev.units.loc[("S2", "middle"), "L4"] == pytest.approx(3200 * middle)
    assert ev.units.loc[("S2", "middle"), "L7"] == pytest.approx(14 * middle)
    assert ev.schools.loc[("S2", "primary"), "L6"] == pytest.approx(1_300_000 * primary / a)


def test_a_one_stage_school_keeps_all_its_facilities():
    ev = evaluate(Roster.from_frames(tiny_facilities(), tiny_teachers()))
    assert ev.units.loc[("S4", "middle"), "L5"] == 6000
    assert ev.schools.loc[("S1", "primary"), "L5"] == pytest.approx(4000 / 400)


def test_teachers_of_a_nine_year_school_count_in_their_own_stage():
    ev = evaluate(Roster.from_frames(tiny_schools(), tiny_teachers()))
    assert ev.units.loc[("S2", "primary"), "L3"] == 1  # T08 art
    assert ev.units.loc[("S2", "middle"), "L3"] == 1  # T12 pe
    assert ev.units.loc[("S2", "middle"), "L2"] == 1  # T11 national


# -- the school rule: 6 of 7, the last at 85 % or more ----------------------------------------

# For 100 primary students: the thresholds are 4.5 m², 7.5 m², 2000 yuan, 2.3 rooms per 100.
MEETS_ALL = {
    "teaching_area_m2": 450.0,
    "sports_area_m2": 750.0,
    "equipment_value_yuan": 200_000.0,
    "multimedia_rooms": 2.3,
}


def school_verdict(**changes: float) -> pd.Series:
    return evaluate(one_school(**{**MEETS_ALL, **changes})).schools.iloc[0]


def test_a_school_meeting_all_seven_passes():
    school = school_verdict()
    assert (school["met"], school["judged"], school["passes"]) == (7, 7, True)


def test_six_met_and_the_seventh_at_90_percent_passes():
    school = school_verdict(equipment_value_yuan=180_000.0)
    assert (school["met"], bool(school["L6_met"]), school["passes"]) == (6, False, True)


def test_six_met_and_the_seventh_at_exactly_85_percent_passes():
    assert school_verdict(equipment_value_yuan=170_000.0)["passes"]
    assert school_verdict(multimedia_rooms=2.3 * 0.85)["passes"]


def test_six_met_and_the_seventh_at_80_percent_fails():
    school = school_verdict(equipment_value_yuan=160_000.0)
    assert (school["met"], school["passes"]) == (6, False)


def test_five_met_fails_even_when_both_misses_are_close():
    school = school_verdict(equipment_value_yuan=195_000.0, multimedia_rooms=2.25)
    assert (school["met"], school["passes"]) == (5, False)


def test_the_near_miss_share_is_a_setting():
    roster = one_school(**{**MEETS_ALL, "equipment_value_yuan": 160_000.0})
    assert evaluate(roster, standard=Standard(near_miss=0.8)).schools["passes"].iloc[0]


def test_without_facility_columns_the_school_rule_is_not_judged():
    ev = evaluate(one_school())
    assert ev.schools["passes"].isna().all()
    assert ev.schools["judged"].iloc[0] == 3
    assert not ev.facilities_known
    assert ev.county.loc[("primary", "L4"), "passes"] is pd.NA
    assert set(ev.to_dict()["cv"]["primary"]) == {"L1", "L2", "L3"}


def test_a_school_missing_one_facility_is_not_judged():
    schools = tiny_facilities()
    schools.loc[2, "multimedia_rooms"] = np.nan
    ev = evaluate(Roster.from_frames(schools, tiny_teachers()))
    assert ev.schools.loc[("S3", "primary"), "passes"] is pd.NA
    assert ev.schools.loc[("S1", "primary"), "passes"] is not pd.NA
    assert not ev.facilities_known


# -- the county: CV per stage and verdict -------------------------------------------------------


def test_county_cv_per_stage_uses_the_weighted_formula():
    ev = evaluate(Roster.from_frames(tiny_facilities(), tiny_teachers()))
    # L2 primary: S1 3 of 400, S2 1 of 300, S3 1 of 60
    assert ev.cv("primary", "L2") == pytest.approx(weighted_cv([3, 1, 1], [400, 300, 60]))
    assert ev.county.loc[("primary", "L2"), "county_value"] == pytest.approx(5 * 100 / 760)
    assert ev.cv("middle", "L4") == pytest.approx(weighted_cv([3200 * 220 / 520, 3500], [200, 500]))


def test_cv_thresholds_are_0_50_primary_and_0_45_middle():
    ev = evaluate(Roster.from_frames(tiny_schools(), tiny_teachers()))
    county = ev.county
    assert set(county.loc["primary", "cv_threshold"]) == {0.50}
    assert set(county.loc["middle", "cv_threshold"]) == {0.45}
    # middle L3: S2 1 of 200, S4 1 of 500 gives 0.474: passes a primary limit, fails middle's
    assert 0.45 < ev.cv("middle", "L3") < 0.50
    assert not county.loc[("middle", "L3"), "passes"]
    assert county.loc[("middle", "L1"), "passes"]


def test_mean_cv_is_the_mean_of_the_official_cvs():
    ev = evaluate(Roster.from_frames(tiny_facilities(), tiny_teachers()))
    for stage in ("primary", "middle"):
        cvs = [ev.cv(stage, f"L{i}") for i in range(1, 8)]
        assert ev.mean_cv()[stage] == pytest.approx(sum(cvs) / 7)


def test_county_passes_only_when_every_judged_cv_passes():
    ev = evaluate(Roster.from_frames(tiny_schools(), tiny_teachers()))
    assert not ev.passes
    assert ev.to_dict()["county_passes"] is False


def with_extra_schools() -> Roster:
    """The tiny county plus a 30-student teaching point and a special-education school."""
    schools = pd.concat(
        [
            tiny_schools(),
            pd.DataFrame(
                {
                    "school_id": ["P1", "SP"],
                    "area": ["rural", "urban"],
                    "students_primary": [30, 40],
                    "classes_primary": [3, 4],
                    "students_middle": [0, 0],
                    "classes_middle": [0, 0],
                    "school_type": ["教学点", "特殊教育学校"],
                }
            ),
        ],
        ignore_index=True,
    )
    extra = pd.DataFrame(
        [
            ("T21", "P1", "primary", "math", "associate", "none", 3, 1990, "F"),
            ("T22", "SP", "primary", "art", "bachelor", "province", 3, 1990, "F"),
        ],
        columns=tiny_teachers().columns,
    )
    return Roster.from_frames(schools, pd.concat([tiny_teachers(), extra], ignore_index=True))


def test_every_school_counts_in_the_cv_by_default():
    ev = evaluate(with_extra_schools())
    assert ev.county.loc[("primary", "L1"), "schools"] == 5
    assert ev.units["in_cv"].all()


def test_small_teaching_points_can_be_left_out_of_the_cv():
    roster = with_extra_schools()
    ev = evaluate(roster, standard=Standard(exclude_teaching_points_below=50))
    assert not ev.units.loc[("P1", "primary"), "in_cv"]
    assert ev.county.loc[("primary", "L1"), "schools"] == 4
    assert ev.cv("primary", "L2") == pytest.approx(weighted_cv([3, 1, 1, 1], [400, 300, 60, 40]))
    assert ("P1", "primary") in ev.schools.index  # still judged as a school
    kept = evaluate(roster, standard=Standard(exclude_teaching_points_below=30))
    assert kept.units.loc[("P1", "primary"), "in_cv"]  # 30 students is not below 30


def test_special_schools_can_be_left_out_of_the_cv():
    ev = evaluate(with_extra_schools(), standard=Standard(exclude_special=True))
    assert not ev.units.loc[("SP", "primary"), "in_cv"]
    assert ev.units.loc[("P1", "primary"), "in_cv"]
    assert ev.cv("primary", "L2") == pytest.approx(weighted_cv([3, 1, 1, 0], [400, 300, 60, 30]))
    assert ("SP", "primary") in ev.schools.index


def rotating_roster() -> Roster:
    """T02 (S1, county backbone) is on rotation at S3 until 2028."""
    teachers = tiny_teachers()
    teachers.loc[1, "school_id"] = "S3"
    teachers["home_school_id"] = ["S1" if i == 1 else "" for i in range(20)]
    teachers["rotation_start_year"] = ["2025" if i == 1 else "" for i in range(20)]
    teachers["rotation_end_year"] = ["2028" if i == 1 else "" for i in range(20)]
    return Roster.from_frames(tiny_schools(), teachers)


def test_a_rotating_teacher_counts_where_they_teach_by_default():
    ev = evaluate(rotating_roster())
    assert ev.units.loc[("S3", "primary"), "L2"] == 2
    assert ev.units.loc[("S1", "primary"), "L2"] == 2


def test_a_rotating_teacher_can_count_at_the_home_school():
    ev = evaluate(rotating_roster(), standard=Standard(count_rotating_at="home"))
    assert ev.units.loc[("S3", "primary"), "L2"] == 1
    assert ev.units.loc[("S1", "primary"), "L2"] == 3


def test_count_rotating_at_must_be_host_or_home():
    with pytest.raises(ValueError, match="count_rotating_at"):
        Standard(count_rotating_at="away")


# -- the government-guarantee figures of a plan -------------------------------------------------


def test_guarantee_figures_of_a_plan():
    roster = Roster.from_frames(tiny_schools(), tiny_teachers())
    # Eligible in 2026 under Anhui: ≥ 6 years at the school, younger than 57 (men) or 52 (women)
    moves = pd.DataFrame(
        {
            "teacher_id": ["T02", "T07"],
            "from_school": ["S1", "S2"],
            "to_school": ["S3", "S3"],
            "start_year": [2026, 2026],
            "end_year": [2029, 2029],
        }
    )
    ev = evaluate(roster, year=2026, moves=moves)
    g = ev.guarantees["value"]
    eligible = [
        tid
        for tid, years, born, sex in zip(
            roster.teachers.teacher_id,
            roster.teachers.years_at_school,
            roster.teachers.birth_year,
            roster.teachers.gender,
            strict=True,
        )
        # exempt within 3 years of retirement: under the 2025 reform, with only birth years
        # (July assumed), men born 1968 retire in 2029-06 and women born 1973 too, so the
        # exempt are those 58 and 53 or older in 2026 (57 and 52 under the old fixed ages)
        if years >= 6 and 2026 - born < {"M": 58, "F": 53}[sex]
    ]
    assert g["eligible_teachers"] == len(eligible)
    assert g["rotated_teachers"] == 2
    assert g["rotation_ratio"] == pytest.approx(2 / len(eligible))
    assert g["backbone_rotated"] == 1  # T02 county backbone, T07 none
    assert g["backbone_share"] == pytest.approx(0.5)
    assert ev.guarantees.at["backbone_share", "passes"]
    assert ev.guarantees.at["rotation_ratio", "passes"] == (2 / len(eligible) >= 0.10)
    assert ev.before is not None
    assert ev.before.units.loc[("S3", "primary"), "L2"] == 1
    assert ev.units.loc[("S3", "primary"), "L2"] == 2


def test_a_plan_rotating_no_backbone_teacher_fails_the_backbone_share():
    roster = Roster.from_frames(tiny_schools(), tiny_teachers())
    moves = pd.DataFrame(
        {
            "teacher_id": ["T07"],
            "from_school": ["S2"],
            "to_school": ["S1"],
            "start_year": [2026],
            "end_year": [2029],
        }
    )
    g = evaluate(roster, moves=moves).guarantees
    assert g.at["backbone_share", "value"] == 0
    assert not g.at["backbone_share", "passes"]


# -- user indicators ----------------------------------------------------------------------------

TITLES = ["高级教师" if i % 3 == 0 else "一级教师" for i in range(20)]  # T01 T04 T07 … senior


def titled_roster() -> Roster:
    return Roster.from_frames(tiny_schools(), tiny_teachers().assign(title=TITLES))


SENIOR = TeacherIndicator(
    "T1",
    "senior teachers per 100 students",
    {"primary": 1.5, "middle": 0.3},
    column="title",
    values=("高级教师",),
)


def test_a_user_indicator_appears_in_the_county_and_school_tables():
    ev = evaluate(titled_roster(), standard=Standard().with_indicators(SENIOR))
    # senior: S1 T01 T04 (2 of 400), S2 primary T07 (1 of 300), S3 T13 (1 of 60);
    # S2 middle T10 (1 of 200), S4 T16 T19 (2 of 500)
    assert ev.cv("primary", "T1") == pytest.approx(weighted_cv([2, 1, 1], [400, 300, 60]))
    assert ev.cv("middle", "T1") == pytest.approx(weighted_cv([1, 2], [200, 500]))
    assert ev.county.loc[("middle", "T1"), "cv_threshold"] == 0.45
    assert ev.schools.loc[("S3", "primary"), "T1"] == pytest.approx(100 / 60)
    assert ev.schools.loc[("S3", "primary"), "T1_met"]  # 1.67 ≥ 1.5
    assert not ev.schools.loc[("S1", "primary"), "T1_met"]  # 0.5 < 1.5
    assert ev.schools.loc[("S4", "middle"), "T1_met"]  # 0.4 ≥ 0.3
    assert "T1" in ev.to_dict()["cv"]["primary"]
    assert "T1" in str(ev)


def test_a_user_indicator_by_function():
    young = TeacherIndicator(
        "Y", "young", {"primary": 1, "middle": 1}, where=lambda t: t["birth_year"] >= 1990
    )
    ev = evaluate(titled_roster(), standard=Standard().with_indicators(young))
    assert ev.units["Y"].sum() == 5  # T03 T06 T10 T12 T17


def test_a_user_indicator_does_not_change_the_official_school_rule():
    roster = one_school(**MEETS_ALL)
    strict = TeacherIndicator(
        "X", "x", {"primary": 99, "middle": 99}, column="subject", values=("pe",)
    )
    school = evaluate(roster, standard=Standard().with_indicators(strict)).schools.iloc[0]
    assert not school["X_met"]
    assert (school["met"], school["passes"]) == (7, True)


def test_a_user_indicator_declared_in_a_policy_file(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text(
        '[indicators.T1]\nname = "senior teachers per 100 students"\ncolumn = "title"\n'
        'values = ["高级教师"]\nthresholds = {primary = 1.5, middle = 0.3}\nweight = 2\n',
        encoding="utf-8",
    )
    policy = load_policy(path)
    assert policy.weights["T1"] == 2
    from_file = evaluate(titled_roster(), policy=policy)
    in_code = evaluate(titled_roster(), standard=Standard().with_indicators(SENIOR))
    pd.testing.assert_frame_equal(from_file.county, in_code.county)


def test_a_user_indicator_on_a_roster_column_accepts_chinese_words():
    senior_backbone = TeacherIndicator(
        "B", "b", {"primary": 1, "middle": 1}, column="骨干教师级别", values=("省级", "国家级")
    )
    assert (senior_backbone.column, senior_backbone.values) == (
        "backbone",
        ("province", "national"),
    )
    ev = evaluate(titled_roster(), standard=Standard().with_indicators(senior_backbone))
    assert ev.units["B"].sum() == 2  # T05 province, T11 national


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({}, "either `where` or `column`"),
        ({"column": "title", "where": lambda t: t["title"] == ""}, "either `where` or `column`"),
        ({"column": "title"}, "`values` lists what counts in title"),
        ({"column": "backbone", "values": ("校级",)}, "'校级' not a value of backbone"),
    ],
)
def test_bad_user_indicators_are_refused(arguments, message):
    with pytest.raises(ValueError, match=message):
        TeacherIndicator("X", "x", {"primary": 1, "middle": 1}, **arguments)


def test_a_user_indicator_needs_a_threshold_for_both_stages():
    with pytest.raises(ValueError, match="no threshold for middle"):
        TeacherIndicator("X", "x", {"primary": 1}, column="title", values=("a",))
    with pytest.raises(ValueError, match="threshold for middle is 'high'"):
        TeacherIndicator("X", "x", {"primary": 1, "middle": "high"}, column="title", values=("a",))


def test_a_user_indicator_cannot_reuse_an_official_code():
    with pytest.raises(ValueError, match="codes repeat"):
        Standard().with_indicators(
            TeacherIndicator("L2", "x", {"primary": 1, "middle": 1}, column="title", values=("a",))
        )


def test_a_user_indicator_on_a_column_the_roster_lacks_names_it():
    with pytest.raises(InputError) as caught:
        evaluate(
            Roster.from_frames(tiny_schools(), tiny_teachers()),
            standard=Standard().with_indicators(SENIOR),
        )
    problem = caught.value.problems[0]
    assert problem.source == "indicator T1"
    assert problem.column == "title"
    assert "teacher_id" in problem.expected


def test_a_bad_indicator_table_in_a_policy_file_is_named(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text('[indicators.T1]\ncolumn = "title"\nvalues = ["a"]\n', encoding="utf-8")
    with pytest.raises(PolicyError, match=r"\[indicators.T1\] is incomplete or wrong"):
        load_policy(path)
    path.write_text('[indicators.T1]\ncolumn = "title"\nvalue = ["a"]\n', encoding="utf-8")
    with pytest.raises(PolicyError, match=r"unknown key in \[indicators.T1\]") as caught:
        load_policy(path)
    assert caught.value.problems[0].column == "value"


def test_a_user_facility_indicator_reads_a_column_of_the_schools_table():
    from rotation import FacilityIndicator

    books = FacilityIndicator(
        "B1", "library books per student", {"primary": 30, "middle": 35}, per=1, column="藏书"
    )
    schools = tiny_schools().assign(藏书=["12000", "15,000", "", "20000"])
    ev = evaluate(
        Roster.from_frames(schools, tiny_teachers()), standard=Standard().with_indicators(books)
    )
    assert ev.schools.loc[("S1", "primary"), "B1"] == pytest.approx(30)
    assert ev.units.loc[("S2", "middle"), "B1"] == pytest.approx(15000 * 220 / 520)
    assert ev.schools.loc[("S3", "primary"), "B1_met"] is pd.NA  # blank: unknown
    assert ev.county.loc[("primary", "B1"), "passes"] is pd.NA


def test_a_user_facility_indicator_with_a_bad_cell_names_it():
    from rotation import FacilityIndicator

    books = FacilityIndicator("B1", "books", {"primary": 30, "middle": 35}, per=1, column="藏书")
    schools = tiny_schools().assign(藏书=["12000", "many", "100", "20000"])
    roster = Roster.from_frames(schools, tiny_teachers())
    with pytest.raises(InputError) as caught:
        evaluate(roster, standard=Standard().with_indicators(books))
    problem = caught.value.problems[0]
    assert (problem.record, problem.column, problem.value) == ("S2", "藏书", "many")
    with pytest.raises(InputError, match="schools table lacks"):
        evaluate(
            Roster.from_frames(tiny_schools(), tiny_teachers()),
            standard=Standard().with_indicators(books),
        )

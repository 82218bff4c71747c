"""The built-in example county: deterministic, shaped like 宁国市, calibrated CVs, every size."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import rotation
from rotation import Policy, eligibility, load_roster
from rotation.example.generator import example_county

YEAR = 2026
CV_LIMIT = {"primary": 0.50, "middle": 0.45}


@pytest.fixture(scope="module")
def counties() -> dict[int, rotation.Roster]:
    return {seed: example_county(seed=seed) for seed in (0, 1, 2)}


@pytest.fixture(scope="module")
def county(counties) -> rotation.Roster:
    return counties[0]


@pytest.fixture(scope="module")
def prefecture() -> rotation.Roster:
    return example_county("prefecture", seed=0)


def test_same_seed_same_roster(county):
    again = example_county(seed=0)
    assert again.equals(county)
    pd.testing.assert_frame_equal(again.teachers, county.teachers)


def test_different_seeds_differ(counties):
    assert not counties[0].equals(counties[1])
    assert not counties[0].teachers["name"].equals(counties[1].teachers["name"])


def test_source_names_the_call(county):
    assert county.source == "example_county(size='county', seed=0)"


def test_unknown_size_is_refused():
    with pytest.raises(ValueError, match="size"):
        example_county("province")


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_county_totals_match_ningguo(counties, seed):
    roster = counties[seed]
    units = roster.units()
    schools = roster.schools
    students = units["students"].sum()
    assert 30_000 <= students <= 38_000
    assert 2_500 <= len(roster.teachers) <= 2_900
    assert 36 <= len(units) <= 45
    urban = units.loc[units["area"] == "urban", "students"].sum()
    assert urban / students > 0.70
    primary = schools[schools["students_primary"] > 0]
    points = schools[schools["school_type"] == "teaching_point"]
    assert 20 <= len(primary) <= 32
    assert 3 <= len(points) <= 5
    assert (points["students_primary"] < 50).all()
    assert 10 <= (schools["students_middle"] > 0).sum() <= 15
    assert set(schools["area"]) == {"urban", "town", "rural"}


def test_county_geography_and_groups(county):
    s = county.schools
    dist = np.hypot(s["x_km"], s["y_km"])
    assert (dist[s["area"] == "urban"] <= 3.05).all()
    assert dist[s["area"] == "town"].between(9, 42).all()
    assert (dist[s["area"] == "rural"] <= 60.05).all()
    assert (s["y_km"][s["area"] != "urban"] < 0).mean() > 0.5  # the mountainous south
    groups = s.groupby("group")["area"].agg(set)
    assert 4 <= len(groups) <= 6
    assert all({"urban", "town"} <= areas for areas in groups)
    assert s["name"].is_unique


def test_county_class_sizes_and_facilities(county):
    s = county.schools
    urban = s[(s["area"] == "urban") & (s["students_primary"] > 0)]
    size = urban["students_primary"] / urban["classes_primary"]
    assert size.between(38, 48).all()
    per_student = s["teaching_area_m2"] / (s["students_primary"] + s["students_middle"])
    assert per_student[s["area"] == "urban"].mean() < per_student[s["area"] == "rural"].mean()
    facilities = ["teaching_area_m2", "sports_area_m2", "equipment_value_yuan", "multimedia_rooms"]
    assert s[facilities].notna().all().all()
    assert s[["staff_quota_primary", "staff_quota_middle"]].isna().all().all()
    assert rotation.evaluate(county).facilities_known


def test_county_staffing_pattern(county):
    """Big city schools under their quota, village schools well over it."""
    units = county.units()
    per_post = units["stage"].map({"primary": 19, "middle": 13.5})
    quota = np.ceil(units["students"] / per_post)
    big_city = (units["area"] == "urban") & (units["students"] >= 1500)
    assert (units.loc[big_city, "teachers"] < quota[big_city]).all()
    village = units["area"] == "rural"
    assert (units.loc[village, "teachers"] > quota[village]).mean() > 0.8


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_cvs_before_rotation_like_ningguo(counties, seed):
    """宁国 2022: L1–L3 CVs 0.51–1.06 in both stages, backbone teachers (L2) the worst."""
    ev = rotation.evaluate(counties[seed])
    for stage in ("primary", "middle"):
        for code in ("L1", "L2", "L3"):
            assert 0.44 <= ev.cv(stage, code) <= 1.10, (stage, code, ev.cv(stage, code))
        assert ev.cv(stage, "L2") > CV_LIMIT[stage]


def test_seed_0_fails_every_teacher_indicator(county):
    ev = rotation.evaluate(county)
    for stage in ("primary", "middle"):
        for code in ("L1", "L2", "L3"):
            assert ev.cv(stage, code) > CV_LIMIT[stage]


def test_teachers_are_plausible(county):
    t = county.teachers
    age = YEAR - t["birth_year"]
    assert age.between(22, 60).all()
    assert (age[t["gender"] == "F"] <= 55).all()
    assert (t["years_at_school"] <= age - 21).all()
    female = (t["gender"] == "F").groupby(t["stage"]).mean()
    assert 0.62 <= female["primary"] <= 0.78
    principals = t[t["role"] == "principal"].groupby("school_id").size()
    assert principals.reindex(county.schools["school_id"]).eq(1).all()
    leaders = t["role"].isin(["principal", "vice_principal"])
    assert t.loc[leaders, "leader_terms"].between(0, 4).all()
    assert t.loc[~leaders, "leader_terms"].isna().all()
    assert 0.01 <= (t["exempt"] != "").mean() <= 0.06
    assert set(t.loc[t["exempt"] != "", "exempt"]) <= {"孕期", "哺乳期", "病休"}
    assert 0.002 <= t["on_leave"].mean() <= 0.02
    assert set(t["title"]) == {"senior", "intermediate", "junior"}
    assert 0.05 <= (t["title"] == "senior").mean() <= 0.15
    assert t["name"].str.len().between(2, 3).all()
    assert t["teacher_id"].str.fullmatch(r"NG\d\d-\d{4}").all()


def test_rotations_under_way_are_consistent(county):
    t = county.teachers
    away = t[t["home_school_id"] != ""]
    assert 0.02 <= len(away) / len(t) <= 0.04
    assert (away["home_school_id"] != away["school_id"]).all()
    stages = {
        row.school_id: {s for s in ("primary", "middle") if getattr(row, f"students_{s}") > 0}
        for row in county.schools.itertuples()
    }
    assert all(r.stage in stages[r.home_school_id] for r in away.itertuples())
    assert away["rotation_start_year"].between(YEAR - 2, YEAR - 1).all()
    assert (away["rotation_end_year"] == away["rotation_start_year"] + 3).all()
    assert (away["rotation_end_year"] > YEAR).all()
    preferred = t.loc[t["preferred_schools"] != "", "preferred_schools"].str.split(";")
    assert 0.01 <= len(preferred) / len(t) <= 0.08
    assert all(set(p) <= set(stages) for p in preferred)


def test_eligibility_and_backbone_supply(county):
    policy = Policy()
    status = eligibility(county, policy, YEAR)
    eligible = status["eligible"].to_numpy()
    assert 0.40 <= eligible.mean() <= 0.60
    backbone = (county.teachers["backbone"] != "none").to_numpy()
    most = policy.max_rotated(int(eligible.sum()))
    assert (eligible & backbone).sum() >= math.ceil(policy.min_backbone_share * most)


def test_year_moves_the_whole_roster():
    later = example_county(seed=0, year=2030)
    now = example_county(seed=0)
    assert (later.teachers["birth_year"] - now.teachers["birth_year"]).eq(4).all()


def test_saved_and_reloaded_equals_original(county, tmp_path):
    county.save(tmp_path / "x")
    assert load_roster(tmp_path / "x").equals(county)


def test_saved_in_chinese_and_reloaded_equals_original(tmp_path):
    small = example_county(seed=0)
    small = small.with_teachers(small.teachers.head(300))
    path = small.save(tmp_path / "x.xlsx", language="zh")
    assert load_roster(path).equals(small)


def test_district_size():
    roster = example_county("district", seed=0)
    units = roster.units()
    assert 130 <= len(roster.schools) <= 170
    assert 7_000 <= len(roster.teachers) <= 9_500
    urban = units.loc[units["area"] == "urban", "students"].sum() / units["students"].sum()
    assert urban > 0.8
    assert roster.schools["school_id"].is_unique


def test_prefecture_ids_unique_and_prefixed(prefecture):
    s, t = prefecture.schools, prefecture.teachers
    assert 600 <= len(s) <= 1000
    assert s["school_id"].is_unique and t["teacher_id"].is_unique
    county = s["school_id"].str[:3]
    assert county.nunique() == 10
    assert (s["group"].str[:3] == county).all()
    assert (t["teacher_id"].str[:3] == t["school_id"].str[:3]).all()
    away = t[t["home_school_id"] != ""]
    assert (away["home_school_id"].str[:3] == away["school_id"].str[:3]).all()


def test_prefecture_names_each_county(prefecture):
    s = prefecture.schools
    assert len(prefecture.counties()) == 10
    assert (s["county"].str[:3] == s["school_id"].str[:3]).all()
    assert prefecture.counties()[3] == "C04-NG"


def test_prefecture_counties_do_not_overlap(prefecture):
    s = prefecture.schools
    box = s.groupby(s["school_id"].str[:3]).agg(
        x0=("x_km", "min"), x1=("x_km", "max"), y0=("y_km", "min"), y1=("y_km", "max")
    )
    rows = list(box.itertuples())
    for i, a in enumerate(rows):
        for b in rows[i + 1 :]:
            apart = a.x1 < b.x0 or b.x1 < a.x0 or a.y1 < b.y0 or b.y1 < a.y0
            assert apart, (a.Index, b.Index)


def test_city_size():
    """The city: some 450 schools and 24,000–25,500 teachers, ids and names unique."""
    roster = example_county("city", seed=0)
    assert 400 <= len(roster.schools) <= 500
    assert 24_000 <= len(roster.teachers) <= 25_500
    assert roster.schools["school_id"].is_unique and roster.schools["name"].is_unique


def test_chinese_ordinals_past_a_hundred():
    from rotation.example.names import _zh_number

    assert [_zh_number(n) for n in (9, 13, 40, 100, 101, 110, 256, 300)] == [
        "九", "十三", "四十", "一百", "一百零一", "一百一十", "二百五十六", "三百",
    ]  # fmt: skip

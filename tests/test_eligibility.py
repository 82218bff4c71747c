"""Who may rotate in a year, and the first reason why not (one small roster per rule)."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import tiny_schools

from rotation import Policy, Roster, eligibility, example_county

YEAR = 2026


def status(*changes: dict, policy: Policy | None = None) -> pd.DataFrame:
    """Eligibility in 2026 of one teacher per `changes`, each a primary teacher at S1 who is
    otherwise eligible under the Anhui preset (8 years at the school, a woman of 46)."""
    base = {
        "school_id": "S1",
        "stage": "primary",
        "subject": "chinese",
        "education": "bachelor",
        "backbone": "none",
        "years_at_school": 8,
        "birth_year": 1980,
        "gender": "F",
        "home_school_id": "",
        "rotation_start_year": "",
        "rotation_end_year": "",
    }
    rows = [{"teacher_id": f"T{i}", **base, **c} for i, c in enumerate(changes)]
    roster = Roster.from_frames(tiny_schools(), pd.DataFrame(rows))
    return eligibility(roster, policy or Policy(), YEAR).set_index("teacher_id")


def reason(change: dict, policy: Policy | None = None) -> str:
    return status(change, policy=policy).iloc[0]["reason"]


def test_a_teacher_with_enough_years_is_eligible():
    row = status({}).iloc[0]
    assert (row["eligible"], row["reason"]) == (True, "eligible")


def test_too_few_years_at_the_school():
    row = status({"years_at_school": 5}).iloc[0]
    assert row["reason"] == "too_few_years"
    assert row["detail"] == "5 of 6 years at the school"
    assert reason({"years_at_school": 6}) == "eligible"


def test_the_years_needed_follow_the_preset():
    assert reason({"years_at_school": 8}, Policy.from_preset("sichuan")) == "too_few_years"
    assert reason({"years_at_school": 3}, Policy.from_preset("miyun")) == "eligible"


@pytest.mark.parametrize(
    ("gender", "born", "expected"),
    [("F", 1974, "near_retirement"), ("F", 1975, "eligible"), ("M", 1969, "near_retirement")],
)
def test_under_fixed_ages_teachers_within_three_years_of_retirement_are_exempt(
    gender, born, expected
):
    # the rule before 2025: women retire at 55 (exempt from 52), men at 60 (exempt from 57)
    fixed = Policy(retirement="fixed")
    assert reason({"gender": gender, "birth_year": born}, fixed) == expected


@pytest.mark.parametrize(
    ("gender", "born", "expected"),
    [
        # born mid-1973: 55 y 11 m, retiring 2029-06, within 3 years of 2026
        ("F", 1973, "near_retirement"),
        # born mid-1974: 56 y 2 m, retiring 2030-09 (eligible; exempt under the old rule)
        ("F", 1974, "eligible"),
        # born mid-1968: 60 y 11 m, retiring 2029-06
        ("M", 1968, "near_retirement"),
        # born mid-1969: 61 y 2 m, retiring 2030-09 (eligible; exempt under the old rule)
        ("M", 1969, "eligible"),
    ],
)
def test_under_the_reform_teachers_retiring_within_three_years_are_exempt(gender, born, expected):
    assert reason({"gender": gender, "birth_year": born}) == expected


def test_a_birth_date_decides_the_reform_month():
    # a man born December 1968 retires at 61 in 2029-12 (exempt in 2026); one born January
    # 1969 at 61 y 1 m in 2030-02 (not yet)
    row = status({"gender": "M", "birth_year": 1968, "birth_date": "1968-12-05"}).iloc[0]
    assert row["reason"] == "near_retirement"
    assert row["detail"] == (
        "retires 2029-12 at 61 y 0 m (2025 reform; born 1968-12): within 3 years of 2026"
    )
    assert reason({"gender": "M", "birth_year": 1969, "birth_date": "1969-01"}) == "eligible"
    only_year = status({"gender": "F", "birth_year": 1973}).iloc[0]["detail"]
    assert only_year == (
        "retires 2029-06 at 55 y 11 m (2025 reform; born mid-1973, month not given): "
        "within 3 years of 2026"
    )


def test_an_exemption_with_a_reason():
    row = status({"exempt": "哺乳期"}).iloc[0]
    assert (row["reason"], row["detail"]) == ("exempt", "exempt: 哺乳期")
    assert reason({"exempt": "是"}) == "exempt"
    assert reason({"exempt": "否"}) == "eligible"


def test_on_leave():
    assert reason({"on_leave": "是"}) == "on_leave"


def test_a_teacher_away_on_rotation_is_not_asked_again():
    away = {"school_id": "S3", "home_school_id": "S1", "rotation_start_year": 2024}
    assert reason({**away, "rotation_end_year": 2027}) == "on_rotation"
    assert reason({**away, "rotation_end_year": 2026}) == "term_ended"


def test_leaders_rotate_after_two_terms():
    assert reason({"role": "校长", "years_at_school": 5}) == "leader_terms"  # 1 term of 3 years
    assert reason({"role": "副校长", "years_at_school": 6}) == "eligible"  # 2 terms
    assert reason({"role": "principal", "years_at_school": 2, "leader_terms": 2}) == "eligible"


def test_the_first_reason_that_applies_is_given():
    assert reason({"exempt": "yes", "years_at_school": 1, "on_leave": True}) == "exempt"
    assert reason({"on_leave": True, "birth_year": 1960}) == "on_leave"


def test_eligibility_defaults_the_policy_and_year_as_plan_does():
    county = example_county(seed=0)
    by_default = eligibility(county, year=2026)
    assert by_default.equals(eligibility(county, Policy(), 2026))

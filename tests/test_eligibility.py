"""Who may rotate in a year, and the first reason why not (one small roster per rule)."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import tiny_schools

from rotation import Policy, Roster, eligibility

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
def test_teachers_within_three_years_of_retirement_are_exempt(gender, born, expected):
    # women retire at 55 (exempt from 52), men at 60 (exempt from 57)
    assert reason({"gender": gender, "birth_year": born}) == expected


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

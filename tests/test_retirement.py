"""Retirement dates: the 2025 reform (the default) and fixed ages (the rule before 2025)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rotation import Policy, PolicyError, load_policy
from rotation.policy.retirement import (
    ASSUMED_BIRTH_MONTH,
    REFORM_2025,
    birth_months,
    retirement_age_months,
    retirement_date,
    retirement_years,
)

REFORM = Policy()
OLD = Policy(retirement="fixed")


def years_months(months: int) -> tuple[int, int]:
    return divmod(months, 12)


# -- the reform's schedule (domain §5) -------------------------------------------------------


@pytest.mark.parametrize(
    ("born", "expected"),
    [
        ((1964, 12), (60, 0)),  # before the first cohort
        ((1965, 1), (60, 1)),
        ((1965, 4), (60, 1)),
        ((1965, 5), (60, 2)),
        ((1965, 8), (60, 2)),
        ((1965, 9), (60, 3)),
        ((1966, 1), (60, 4)),
        ((1976, 8), (62, 11)),
        ((1976, 9), (63, 0)),  # "until 63 (born September 1976 or later)"
        ((1990, 3), (63, 0)),
    ],
)
def test_men_retire_one_month_later_per_four_months_of_birth_from_1965(born, expected):
    assert years_months(retirement_age_months("reform2025", 60, *born)) == expected


@pytest.mark.parametrize(
    ("born", "expected"),
    [
        ((1969, 12), (55, 0)),
        ((1970, 1), (55, 1)),
        ((1970, 4), (55, 1)),
        ((1970, 5), (55, 2)),
        ((1981, 8), (57, 11)),
        ((1981, 9), (58, 0)),  # "until 58 (born September 1981 or later)"
        ((1995, 1), (58, 0)),
    ],
)
def test_women_teachers_retire_one_month_later_per_four_months_from_1970(born, expected):
    assert years_months(retirement_age_months("reform2025", 55, *born)) == expected


@pytest.mark.parametrize(
    ("born", "expected"),
    [
        ((1974, 12), (50, 0)),
        ((1975, 1), (50, 1)),
        ((1975, 2), (50, 1)),
        ((1975, 3), (50, 2)),
        ((1984, 10), (54, 11)),
        ((1984, 11), (55, 0)),
        ((2000, 1), (55, 0)),
    ],
)
def test_women_workers_retire_one_month_later_per_two_months_from_1975(born, expected):
    assert years_months(retirement_age_months("reform2025", 50, *born)) == expected


def test_the_schedules_cap_at_the_final_ages():
    assert {age: s.final_age for age, s in REFORM_2025.items()} == {60: 63, 55: 58, 50: 55}
    assert {age: s.max_delay for age, s in REFORM_2025.items()} == {60: 36, 55: 36, 50: 60}


def test_only_a_birth_year_means_the_middle_of_the_year():
    assert ASSUMED_BIRTH_MONTH == 7
    # July 1965 is in the May–August step: 60 y 2 m
    assert years_months(retirement_age_months("reform2025", 60, 1965)) == (60, 2)
    assert retirement_date(REFORM, "M", 1965) == (2025, 9)


def test_the_retirement_date_adds_the_age_to_the_birth_month():
    assert retirement_date(REFORM, "M", 1965, 1) == (2025, 2)  # 60 y 1 m
    assert retirement_date(REFORM, "M", 1976, 9) == (2039, 9)  # 63
    assert retirement_date(REFORM, "F", 1970, 1) == (2025, 2)  # 55 y 1 m
    assert retirement_date(REFORM, "F", 1981, 12) == (2039, 12)  # 58
    assert retirement_date(REFORM, "F", 1975, 11) == (2032, 5)  # 55 + 18 months: 56 y 6 m


# -- fixed ages --------------------------------------------------------------------------------


def test_fixed_ages_ignore_the_birth_month():
    assert retirement_age_months("fixed", 60, 1980, 11) == 720
    assert retirement_date(OLD, "M", 1965, 12) == (2025, 12)
    assert retirement_date(OLD, "F", 1970, 1) == (2025, 1)
    teachers = pd.DataFrame(
        {"gender": ["M", "F", "F"], "birth_year": [1966, 1972, 1990]},
    )
    assert retirement_years(teachers, OLD).tolist() == [2026, 2027, 2045]
    fixed = Policy(retirement="fixed", retirement_age={"M": 57, "F": 52})
    assert retirement_years(teachers, fixed).tolist() == [2023, 2024, 2042]


# -- the roster's birth dates --------------------------------------------------------------------


def test_birth_months_come_from_the_birth_date_when_given():
    teachers = pd.DataFrame(
        {
            "gender": ["M", "M", "F", "F"],
            "birth_year": [1965, 1965, 1981, 1981],
            "birth_date": ["1965-01", "", "1981-09-30", None],
        }
    )
    assert birth_months(teachers).tolist() == [1, pd.NA, 9, pd.NA]
    # 1965-01 → 2025-02; mid-1965 → 2025-09; 1981-09 → 58 → 2039-09; mid-1981 → 57 y 11 m
    assert retirement_years(teachers, REFORM).tolist() == [2025, 2025, 2039, 2039]
    assert retirement_years(teachers.drop(columns="birth_date"), REFORM).tolist() == [
        2025,
        2025,
        2039,
        2039,
    ]


@given(
    gender=st.sampled_from(["M", "F"]),
    year=st.integers(1940, 2005),
    month=st.one_of(st.none(), st.integers(1, 12)),
    rule=st.sampled_from(["reform2025", "fixed"]),
)
def test_the_table_and_the_single_date_agree(gender, year, month, rule):
    policy = Policy(retirement=rule)
    teachers = pd.DataFrame(
        {
            "gender": [gender],
            "birth_year": [year],
            "birth_date": [f"{year}-{month:02d}" if month else ""],
        }
    )
    assert (
        retirement_years(teachers, policy).iat[0] == retirement_date(policy, gender, year, month)[0]
    )


# -- the setting -------------------------------------------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_follows_the_reform_unless_it_says_otherwise(tmp_path):
    assert load_policy(write(tmp_path, "term_years = 3\n")).retirement == "reform2025"
    fixed = load_policy(write(tmp_path, 'retirement = "fixed"\n'))
    assert (fixed.retirement, dict(fixed.retirement_age)) == ("fixed", {"M": 60, "F": 55})


def test_ages_given_without_a_rule_are_fixed_ages(tmp_path):
    # the contract: "`retirement_age` set to fixed ages replays the old rule"
    policy = load_policy(write(tmp_path, "retirement_age = {M = 60, F = 55}\n"))
    assert policy == OLD.replace(preset="anhui")
    assert Policy.from_preset("miyun", retirement_age={"M": 57, "F": 52}).retirement == "fixed"
    both = load_policy(write(tmp_path, 'retirement = "reform2025"\nretirement_age = {F = 50}\n'))
    assert (both.retirement, dict(both.retirement_age)) == ("reform2025", {"M": 60, "F": 50})


def test_the_reform_starts_only_from_the_legal_ages():
    with pytest.raises(PolicyError) as caught:
        Policy(retirement_age={"M": 63, "F": 58})
    (problem,) = caught.value.problems
    assert problem.column == "retirement_age" and "60, 55 or 50" in problem.expected
    assert Policy(retirement="fixed", retirement_age={"M": 63, "F": 58}).retirement == "fixed"

"""When a teacher retires: the 2025 reform by default, or fixed ages for replaying earlier years.

The reform (全国人大常委会《关于实施渐进式延迟法定退休年龄的决定》, 2024-09-13, in force from
1 January 2025) raises the legal retirement age over fifteen years, by birth date:

- men, 60 before the reform: one month more for every four months of birth date from January
  1965, up to 63 (born September 1976 or later);
- women cadres and professional staff (teachers), 55 before: one month more for every four
  months from January 1970, up to 58 (born September 1981 or later);
- women workers, 50 before: one month more for every two months from January 1975, up to 55.

So a man born January–April 1965 retires at 60 years and 1 month, May–August 1965 at 60 and 2
months, and so on. The policy's `retirement_age` names, per gender, the age before the reform
(60, 55 or 50) the schedule starts from; with `retirement = "fixed"` the same table holds fixed
ages instead, the rule before 2025.

A roster may give a birth date (`birth_date`, to the month or the day) or only a birth year.
Where only the year is known, the teacher is taken to be born in the middle of it: July
(`ASSUMED_BIRTH_MONTH`). The reform's step can then be off by one month either way.

A roster describes the start of school year Y. A teacher whose retirement date falls in
calendar year Y or earlier is not counted in year Y, and "within N years of retirement" means a
retirement date in year Y + N or earlier. With fixed ages both are the familiar tests on
age = Y − birth_year (age ≥ the retirement age; age ≥ the retirement age − N).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

if TYPE_CHECKING:
    from rotation.policy.settings import Policy

__all__ = [
    "ASSUMED_BIRTH_MONTH",
    "REFORM_2025",
    "RETIREMENT_RULES",
    "ReformSchedule",
    "RetirementRule",
    "birth_months",
    "describe_retirement",
    "retirement_age_months",
    "retirement_date",
    "retirement_years",
]

IntArray = npt.NDArray[np.integer[Any]]

#: "reform2025": the gradual rise from 2025; "fixed": the ages of `retirement_age`, unchanged.
RetirementRule = Literal["reform2025", "fixed"]

#: The retirement rules a policy may name.
RETIREMENT_RULES: tuple[RetirementRule, ...] = ("reform2025", "fixed")

#: The birth month assumed where a roster gives only the birth year: the middle of the year.
ASSUMED_BIRTH_MONTH = 7


@dataclass(frozen=True)
class ReformSchedule:
    """How the 2025 reform raises one legal retirement age.

    Parameters
    ----------
    start_age
        The legal age before the reform.
    final_age
        The age the rise stops at.
    first_cohort
        The birth year whose January-born members are the first to retire later (the year in
        which they reach `start_age` is 2025).
    months_per_step
        Months of birth date per month of delay (4, or 2 for women workers).
    """

    start_age: int
    final_age: int
    first_cohort: int
    months_per_step: int

    @property
    def max_delay(self) -> int:
        """The full delay, in months."""
        return 12 * (self.final_age - self.start_age)

    def delay(self, birth_year: int, birth_month: int) -> int:
        """Months added to `start_age` for someone born in that month.

        Parameters
        ----------
        birth_year, birth_month
            The birth date, month 1–12.

        Returns
        -------
        int
            0 before the first cohort, then one month per `months_per_step` months of birth
            date (the first step included), at most `max_delay`.
        """
        born = np.array([birth_year], dtype=np.int64)
        return int(self.delays(born, np.array([birth_month], dtype=np.int64))[0])

    def delays(self, birth_year: IntArray, birth_month: IntArray) -> IntArray:
        """`delay` for arrays of birth years and months."""
        born = 12 * (birth_year - self.first_cohort) + birth_month - 1
        return np.asarray(
            np.clip(born // self.months_per_step + 1, 0, self.max_delay), dtype=np.int64
        )


#: The reform's schedules, keyed by the legal age before it.
REFORM_2025: Mapping[int, ReformSchedule] = {
    60: ReformSchedule(start_age=60, final_age=63, first_cohort=1965, months_per_step=4),
    55: ReformSchedule(start_age=55, final_age=58, first_cohort=1970, months_per_step=4),
    50: ReformSchedule(start_age=50, final_age=55, first_cohort=1975, months_per_step=2),
}


def retirement_age_months(
    rule: RetirementRule, age: int, birth_year: int, birth_month: int | None = None
) -> int:
    """The retirement age, in months, of one person.

    Parameters
    ----------
    rule
        "reform2025" or "fixed".
    age
        The policy's `retirement_age` for the person's gender: the age before the reform (60, 55
        or 50) under "reform2025", the fixed age under "fixed".
    birth_year
        The birth year.
    birth_month
        The birth month 1–12, or None when only the year is known (then July is assumed).

    Returns
    -------
    int
        12 × years + months: 721 for a man born in March 1965 under the reform (60 y 1 m).
    """
    month = ASSUMED_BIRTH_MONTH if birth_month is None else birth_month
    one = [np.array([x], dtype=np.int64) for x in (age, birth_year, month)]
    return int(_age_months(rule, *one)[0])


def _age_months(rule: RetirementRule, age: IntArray, born: IntArray, month: IntArray) -> IntArray:
    """Retirement ages in months, for arrays of starting ages and birth dates."""
    months = 12 * age
    if rule == "fixed":
        return months
    for start, schedule in REFORM_2025.items():
        months = np.where(age == start, months + schedule.delays(born, month), months)
    return months


def retirement_date(
    policy: Policy, gender: str, birth_year: int, birth_month: int | None = None
) -> tuple[int, int]:
    """The year and month in which a teacher reaches the retirement age.

    Parameters
    ----------
    policy
        Its `retirement` rule and `retirement_age` table apply.
    gender
        "M" or "F".
    birth_year, birth_month
        The birth date; `birth_month` None when only the year is known (July is assumed).

    Returns
    -------
    tuple of int
        (year, month): (2025, 4) for a man born in March 1965 under the reform.
    """
    month = ASSUMED_BIRTH_MONTH if birth_month is None else birth_month
    months = retirement_age_months(
        policy.retirement, policy.retirement_age[gender], birth_year, birth_month
    )
    index = 12 * birth_year + month - 1 + months
    return index // 12, index % 12 + 1


def birth_months(teachers: pd.DataFrame) -> pd.Series:
    """Each teacher's birth month from `birth_date` ("1985-03" or "1985-03-12").

    Parameters
    ----------
    teachers
        A roster's teachers table.

    Returns
    -------
    pandas.Series
        Months 1–12 (Int64), <NA> where the roster gives only the birth year; indexed like
        `teachers`.
    """
    if "birth_date" not in teachers:
        return pd.Series(pd.NA, index=teachers.index, dtype="Int64")
    text = teachers["birth_date"].astype("string").fillna("")
    return pd.to_numeric(text.str.slice(5, 7), errors="coerce").astype("Int64")


def retirement_years(teachers: pd.DataFrame, policy: Policy) -> pd.Series:
    """The calendar year in which each teacher reaches the retirement age.

    A teacher is gone from the roster of every school year from this one on, and within N years
    of retirement in school year Y when this year is Y + N or earlier.

    Parameters
    ----------
    teachers
        A roster's teachers table (gender, birth_year, optionally birth_date; where it is
        blank, July of the birth year is assumed).
    policy
        Its `retirement` rule and `retirement_age` table apply.

    Returns
    -------
    pandas.Series
        Years (int64), indexed like `teachers`.
    """
    born = teachers["birth_year"].to_numpy(dtype=np.int64)
    age = teachers["gender"].map(policy.retirement_age).to_numpy(dtype=np.int64)
    month = birth_months(teachers).fillna(ASSUMED_BIRTH_MONTH).to_numpy(dtype=np.int64)
    index = 12 * born + month - 1 + _age_months(policy.retirement, age, born, month)
    return pd.Series(index // 12, index=teachers.index, dtype="int64")


def describe_retirement(
    policy: Policy, gender: str, birth_year: int, birth_month: int | None = None
) -> str:
    """A sentence for a user: when the teacher retires and by which rule.

    Parameters
    ----------
    policy
        The policy whose retirement rule applies.
    gender
        "M" or "F".
    birth_year, birth_month
        The birth date; `birth_month` None when only the year is known.

    Returns
    -------
    str
        For example "retires 2029-09 at 55 y 2 m (2025 reform; born mid-1974, month not
        given)" or "retires 2029 at 55 (fixed age)".
    """
    if policy.retirement == "fixed":
        age = policy.retirement_age[gender]
        return f"retires {birth_year + age} at {age} (fixed age)"
    year, month = retirement_date(policy, gender, birth_year, birth_month)
    months = retirement_age_months(
        policy.retirement, policy.retirement_age[gender], birth_year, birth_month
    )
    born = f"born {birth_year}-{birth_month:02d}" if birth_month else f"born mid-{birth_year}"
    unknown = "" if birth_month else ", month not given"
    return (
        f"retires {year}-{month:02d} at {months // 12} y {months % 12} m "
        f"(2025 reform; {born}{unknown})"
    )

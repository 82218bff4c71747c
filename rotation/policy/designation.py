"""Who may be designated county backbone (骨干教师评选/认定), and how many a year (domain §6).

The candidate rule: not backbone yet, years of service at least
`Policy.designation_min_service_years`, education at least what the teacher's stage requires
for L1 (primary: associate, middle: bachelor). The roster has no start-of-career column, so
years of service are the larger of years_at_school and the years since age 22 (from
birth_year). The yearly quota is ⌊designation_share × full-time teachers⌋.

One home for the rule: the model's designation lever (model/levers.py), the road's independent
check (planning/road.py) and the staffing limits (review/staffing.py) all read it here.
"""

from __future__ import annotations

import math
from collections.abc import Collection

import pandas as pd

from rotation.io.numbers import exact
from rotation.io.vocabulary import EDUCATION_RANK

#: Age at which a teacher's service is taken to start, for the years-of-service proxy.
CAREER_START_AGE = 22
#: Education a stage's L1 requires (primary counts associate and above, middle bachelor).
REQUIRED_EDUCATION = {"primary": "associate", "middle": "bachelor"}


def service_years(teachers: pd.DataFrame, year: int) -> pd.Series:
    """Years of service in `year`: the larger of years_at_school and the years since age 22.

    Parameters
    ----------
    teachers
        A roster's teachers table (birth_year and years_at_school are read).
    year
        The school year.

    Returns
    -------
    pandas.Series
        Years (float), indexed like `teachers`.
    """
    since = year - pd.to_numeric(teachers["birth_year"], errors="coerce") - CAREER_START_AGE
    at_school = pd.to_numeric(teachers["years_at_school"], errors="coerce")
    return pd.concat([since.fillna(0), at_school.fillna(0)], axis=1).max(axis=1)


def is_candidate(teachers: pd.DataFrame, year: int, min_service: int) -> pd.Series:
    """True for each teacher the candidate rule admits (module doc).

    Parameters
    ----------
    teachers
        A roster's teachers table.
    year
        The school year of the designation.
    min_service
        The least years of service (`Policy.designation_min_service_years`).

    Returns
    -------
    pandas.Series
        Booleans, indexed like `teachers`.
    """
    required = teachers["stage"].map(lambda s: EDUCATION_RANK[REQUIRED_EDUCATION[s]])
    return (
        (teachers["backbone"] == "none")
        & (service_years(teachers, year) >= min_service)
        & (teachers["education"].map(EDUCATION_RANK) >= required)
    )


def designation_candidates(
    teachers: pd.DataFrame, year: int, min_service: int, exclude: Collection[str] = ()
) -> pd.DataFrame:
    """The teachers who may be designated, the longest-serving first, with a `service` column.

    Parameters
    ----------
    teachers
        A roster's teachers table.
    year
        The school year of the designation.
    min_service
        The least years of service.
    exclude
        Teacher ids left out (the road leaves out teachers it may rotate).

    Returns
    -------
    pandas.DataFrame
        The candidates' rows, sorted by service (longest first), then teacher_id.
    """
    t = teachers.copy()
    t["service"] = service_years(t, year)
    keep = is_candidate(t, year, min_service) & ~t["teacher_id"].isin(list(exclude))
    return t[keep].sort_values(["service", "teacher_id"], ascending=[False, True])


def designation_quota(share: float, teachers: int) -> int:
    """⌊share × full-time teachers⌋, exactly (no float rounding at the boundary).

    Parameters
    ----------
    share
        `Policy.designation_share`.
    teachers
        Full-time teachers in the county that year.

    Returns
    -------
    int
        The most teachers designated that year.
    """
    return math.floor(exact(share) * teachers)

"""The official resource-allocation indicators (MoE 2017, 教督〔2017〕6号) and their CV.

An indicator counts a resource per school and stage (a teacher with some property, or a
facility total) and divides by enrolment. The county is judged on the enrolment-weighted
coefficient of variation of each indicator across schools; a school on meeting 6 of the 7
thresholds with the last at 85% or more. Users add their own count indicators; the optimiser
reads the same definitions, so what is judged here is what is optimised there.

This module knows nothing of plans, policies or solvers.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt
import pandas as pd

from rotation.errors import InputError, Problem
from rotation.indicators.cv import weighted_cv
from rotation.indicators.definitions import OFFICIAL, FacilityIndicator, Indicator, Standard
from rotation.io.roster import Roster
from rotation.io.vocabulary import STAGES
from rotation.messages import Text, listed


def teacher_location(teachers: pd.DataFrame, standard: Standard) -> pd.Series:
    """The school each teacher counts at under the standard's `count_rotating_at`.

    Parameters
    ----------
    teachers
        A roster's teachers table.
    standard
        The standard judged.

    Returns
    -------
    pandas.Series
        school_id per teacher.
    """
    if standard.count_rotating_at == "home":
        home = teachers["home_school_id"].fillna("")
        return home.where(home != "", teachers["school_id"])
    return teachers["school_id"]


def resources(roster: Roster, standard: Standard) -> pd.DataFrame:
    """Per school and stage: students and the resource total R of every indicator.

    Facility totals of a nine-year school are apportioned: the primary part gets A/(A+1.1B) and
    the middle part 1.1B/(A+1.1B), A and B the enrolments (2012 practice). A facility left
    blank in the roster gives NaN for that school. Column `in_cv` is False for units the
    standard leaves out of the CV.

    Parameters
    ----------
    roster
        The roster judged.
    standard
        The standard judged.

    Returns
    -------
    pandas.DataFrame
        Indexed by (school_id, stage): name, area, school_type, students, one column per
        indicator code, in_cv.
    """
    units = roster.units()[["school_id", "stage", "name", "area", "school_type", "students"]]
    units = units.set_index(["school_id", "stage"])
    teachers = roster.teachers
    location = teacher_location(teachers, standard)
    for ind in standard.teacher_indicators:
        counted = teachers[ind.counts(teachers)]
        tally = counted.groupby([location[counted.index], counted["stage"]]).size()
        units[ind.code] = tally.reindex(units.index).fillna(0).astype("int64")
    schools = roster.schools.set_index("school_id")
    a = schools["students_primary"].astype(float)
    b = schools["students_middle"].astype(float) * standard.middle_weight
    share = {"primary": a / (a + b), "middle": b / (a + b)}
    for facility in standard.facility_indicators:
        totals = facility_totals(schools, facility)
        units[facility.code] = [totals[sid] * share[stage][sid] for sid, stage in units.index]
    units["in_cv"] = _counted_in_cv(units, standard)
    return units


def facility_totals(schools: pd.DataFrame, ind: FacilityIndicator) -> pd.Series:
    """A facility column of the schools table (indexed by school_id) as numbers, NaN where blank.

    The official columns are numbers already; a user's own column is text and is read here.

    Parameters
    ----------
    schools
        The schools table, indexed by school_id.
    ind
        The facility indicator.

    Returns
    -------
    pandas.Series
        Floats, NaN where blank.

    Raises
    ------
    InputError
        When the column is missing or holds a value that is not a number ≥ 0.
    """
    if ind.column not in schools:
        problem = Problem(
            Text("source.indicator", code=ind.code),
            Text("io.indicator_school_column_missing"),
            column=ind.column,
            expected=Text(
                "expected.column_of",
                table=Text("table.schools"),
                columns=listed(map(str, schools.columns)),
            ),
        )
        raise InputError([problem], "indicator")
    cells = schools[ind.column]
    if pd.api.types.is_numeric_dtype(cells):
        return cells.astype(float)
    totals, problems = [], []
    for sid, cell in cells.items():
        text = "" if pd.isna(cell) else str(cell).strip().replace(",", "")
        try:
            value = float(text) if text else math.nan
        except ValueError:
            value = -1.0
        if value < 0 or math.isinf(value):  # NaN (blank) is unknown, not wrong
            problems.append(
                Problem(
                    Text("source.indicator", code=ind.code),
                    Text("io.not_facility_total"),
                    record=str(sid),
                    column=ind.column,
                    value=cell,
                    expected=Text("expected.number_or_blank"),
                )
            )
        totals.append(value)
    if problems:
        raise InputError(problems, "indicator")
    return pd.Series(totals, index=cells.index, dtype=float)


def _counted_in_cv(units: pd.DataFrame, standard: Standard) -> pd.Series:
    keep = pd.Series(True, index=units.index)
    if standard.exclude_teaching_points_below is not None:
        small = units["students"] < standard.exclude_teaching_points_below
        keep &= ~((units["school_type"] == "teaching_point") & small)
    if standard.exclude_special:
        keep &= units["school_type"] != "special"
    return keep


def values(units: pd.DataFrame, standard: Standard) -> pd.DataFrame:
    """Indicator values per school and stage (resource × per / students).

    Parameters
    ----------
    units
        As `resources` returns them.
    standard
        The standard judged.

    Returns
    -------
    pandas.DataFrame
        One column per indicator code.
    """
    out = pd.DataFrame(index=units.index)
    for ind in standard.indicators:
        out[ind.code] = units[ind.code] * ind.per / units["students"]
    return out


def threshold(ind: Indicator, stage: str) -> float:
    return float(ind.thresholds[stage])


def county_table(units: pd.DataFrame, standard: Standard) -> pd.DataFrame:
    """Per stage and indicator: schools counted, county value, CV, its threshold and the verdict.

    The CV is NaN (and fails) where no school of the stage has the resource at all, and is
    left out (NaN, no verdict) where the roster has no data for a facility indicator.

    Parameters
    ----------
    units
        As `resources` returns them.
    standard
        The standard judged.

    Returns
    -------
    pandas.DataFrame
        Indexed by (stage, indicator): name, schools, county_value, cv, cv_threshold, passes.
    """
    rows = []
    for stage in STAGES:
        part = units[(units.index.get_level_values("stage") == stage) & units["in_cv"]]
        if part.empty:
            continue
        for ind in standard.indicators:
            known = part[ind.code].notna()
            has_data = bool(known.all())
            r = part[ind.code].where(known, 0.0)
            cv = weighted_cv(r, part["students"]) if has_data else math.nan
            limit = standard.cv_thresholds[stage]
            rows.append(
                {
                    "stage": stage,
                    "indicator": ind.code,
                    "name": ind.name,
                    "schools": len(part),
                    "county_value": r.sum() * ind.per / part["students"].sum()
                    if has_data
                    else math.nan,
                    "cv": cv,
                    "cv_threshold": limit,
                    "passes": (bool(cv <= limit) if not math.isnan(cv) else False)
                    if has_data
                    else pd.NA,
                }
            )
    return pd.DataFrame(rows).set_index(["stage", "indicator"])


def school_table(units: pd.DataFrame, standard: Standard) -> pd.DataFrame:
    """Per school and stage: each indicator's value, whether it meets its threshold, and the
    2017 school rule (at least `school_min_met` of the official seven met, the rest at ≥ 85%).

    Where a school lacks facility data the rule cannot be judged: `passes` is NA and `judged`
    says how many of the seven were known.

    Parameters
    ----------
    units
        As `resources` returns them.
    standard
        The standard judged.

    Returns
    -------
    pandas.DataFrame
        Indexed by (school_id, stage): each indicator's value and `<code>_met`, met, judged,
        passes.
    """
    vals = values(units, standard)
    out = units[["name", "area", "students", "in_cv"]].copy()
    official = [i for i in standard.indicators if i.code in {o.code for o in OFFICIAL}]
    stage = units.index.get_level_values("stage")
    met_count = np.zeros(len(units), dtype=int)
    judged = np.zeros(len(units), dtype=int)
    near = np.ones(len(units), dtype=bool)
    for ind in standard.indicators:
        limit = np.array([threshold(ind, s) for s in stage])
        value = vals[ind.code].to_numpy(dtype=float)
        known = ~np.isnan(value)
        met = known & (value >= limit - 1e-12)
        out[ind.code] = value
        out[f"{ind.code}_met"] = _booleans(met, known)
        if ind in official:
            met_count += met
            judged += known
            near &= ~known | met | (value >= standard.near_miss * limit - 1e-12)
    out["met"] = met_count
    out["judged"] = judged
    full = judged == len(official)
    verdict = (met_count >= standard.school_min_met) & near
    out["passes"] = _booleans(verdict, full)
    return out


def _booleans(
    values: npt.NDArray[np.bool_], known: npt.NDArray[np.bool_]
) -> pd.arrays.BooleanArray:
    """A nullable boolean column: `values` where `known`, NA elsewhere."""
    return pd.arrays.BooleanArray(np.asarray(values, dtype=bool), ~np.asarray(known, dtype=bool))


def facility_data_known(units: pd.DataFrame, standard: Standard) -> bool:
    """True when every school has every facility column, so the full school rule applies."""
    codes = [i.code for i in standard.facility_indicators]
    return bool(codes) and bool(units[codes].notna().all().all())

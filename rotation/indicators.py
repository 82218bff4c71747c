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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np
import pandas as pd

from .errors import InputError, Problem
from .vocabulary import EDUCATION_RANK, STAGES, TEACHER_COLUMNS, header_aliases, normalise

TeacherMask = Callable[[pd.DataFrame], "pd.Series[bool]"]

#: Inter-school CV a county must not exceed, per stage (2017 method, article 5).
CV_THRESHOLDS: Mapping[str, float] = {"primary": 0.50, "middle": 0.45}


def _is_number(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def _is_whole(x: object) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


@dataclass(frozen=True)
class Indicator:
    """What every indicator has: a code, a name, a threshold per stage and its unit.

    `per` is the number of students the value is expressed for: 100 for "per 100 students",
    1 for "per student".
    """

    code: str
    name: str
    thresholds: Mapping[str, float]
    per: int = 100
    name_zh: str = ""

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}"


@dataclass(frozen=True)
class TeacherIndicator(Indicator):
    """Counts the teachers for whom `where(teachers)` is true, or whose `column` is in `values`.

    Give either `where` (a function of the teachers DataFrame returning a boolean Series) or
    `column` and `values` (which a policy file can state). Rotation moves these counts, so the
    optimiser can act on any teacher indicator.
    """

    where: TeacherMask | None = None
    column: str | None = None
    values: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if (self.where is None) == (self.column is None):
            raise ValueError(f"indicator {self.code}: give either `where` or `column` + `values`")
        if self.column is not None and not self.values:
            raise ValueError(f"indicator {self.code}: `values` lists what counts in {self.column}")
        missing = [s for s in STAGES if s not in self.thresholds]
        if missing:
            raise ValueError(f"indicator {self.code}: no threshold for {', '.join(missing)}")
        if not _is_number(self.per) or self.per <= 0:
            raise ValueError(f"indicator {self.code}: per must be a number > 0, not {self.per!r}")
        for stage in STAGES:
            limit = self.thresholds[stage]
            if not _is_number(limit) or limit < 0:
                raise ValueError(
                    f"indicator {self.code}: threshold for {stage} is {limit!r}, not a number ≥ 0"
                )
        if self.column is not None:
            self._canonical_column()

    def _canonical_column(self) -> None:
        """A column of the roster format named in Chinese, and the Chinese words of its codes
        (骨干教师级别 = 省级), name what the roster holds (backbone = province)."""
        name = header_aliases(TEACHER_COLUMNS).get(normalise(self.column))
        if name is None:
            return  # one of the user's own columns, compared as text
        col = next(c for c in TEACHER_COLUMNS if c.name == name)
        values = tuple(str(v) for v in self.values)
        if col.kind == "code":
            codes = [col.codes.get(normalise(v)) for v in values]
            unknown = [v for v, code in zip(values, codes, strict=True) if code is None]
            if unknown:
                raise ValueError(
                    f"indicator {self.code}: {', '.join(map(repr, unknown))} "
                    f"not a value of {name}; expected {col.expected()}"
                )
            values = tuple(codes)
        object.__setattr__(self, "column", name)
        object.__setattr__(self, "values", values)

    def counts(self, teachers: pd.DataFrame) -> pd.Series:
        """True for each teacher this indicator counts."""
        if self.where is not None:
            mask = self.where(teachers)
        else:
            if self.column not in teachers:
                problem = Problem(
                    f"indicator {self.code}",
                    "counts a column the roster's teachers table lacks",
                    column=self.column,
                    expected="a column of the teachers table: "
                    + ", ".join(map(str, teachers.columns)),
                )
                raise InputError([problem], "indicator")
            mask = teachers[self.column].astype(str).str.strip().isin(self.values)
        return pd.Series(np.asarray(mask, dtype=bool), index=teachers.index)


@dataclass(frozen=True)
class FacilityIndicator(Indicator):
    """A facility total from the schools table (`column`), apportioned between stages."""

    column: str = ""


def _above_required_education(teachers: pd.DataFrame) -> pd.Series:
    """Primary counts associate (专科) and above; middle counts bachelor (本科) and above."""
    rank = teachers["education"].map(EDUCATION_RANK)
    required = teachers["stage"].map(
        {"primary": EDUCATION_RANK["associate"], "middle": EDUCATION_RANK["bachelor"]}
    )
    return rank >= required


def _backbone(teachers: pd.DataFrame) -> pd.Series:
    """County level and above: every level of the roster's backbone column but "none"."""
    return teachers["backbone"] != "none"


def _pe_and_arts(teachers: pd.DataFrame) -> pd.Series:
    return teachers["subject"].isin(("pe", "music", "art"))


L1 = TeacherIndicator(
    "L1",
    "teachers above required education per 100 students",
    {"primary": 4.2, "middle": 5.3},
    name_zh="每百名学生拥有高于规定学历教师数",
    where=_above_required_education,
)
L2 = TeacherIndicator(
    "L2",
    "county-or-higher backbone teachers per 100 students",
    {"primary": 1.0, "middle": 1.0},
    name_zh="每百名学生拥有县级及以上骨干教师数",
    where=_backbone,
)
L3 = TeacherIndicator(
    "L3",
    "PE, music and art teachers per 100 students",
    {"primary": 0.9, "middle": 0.9},
    name_zh="每百名学生拥有体育、艺术专任教师数",
    where=_pe_and_arts,
)
L4 = FacilityIndicator(
    "L4",
    "teaching and auxiliary floor area per student (m²)",
    {"primary": 4.5, "middle": 5.8},
    per=1,
    name_zh="生均教学及辅助用房面积",
    column="teaching_area_m2",
)
L5 = FacilityIndicator(
    "L5",
    "sports ground and hall area per student (m²)",
    {"primary": 7.5, "middle": 10.2},
    per=1,
    name_zh="生均体育运动场馆面积",
    column="sports_area_m2",
)
L6 = FacilityIndicator(
    "L6",
    "teaching equipment value per student (yuan)",
    {"primary": 2000, "middle": 2500},
    per=1,
    name_zh="生均教学仪器设备值",
    column="equipment_value_yuan",
)
L7 = FacilityIndicator(
    "L7",
    "networked multimedia classrooms per 100 students",
    {"primary": 2.3, "middle": 2.4},
    name_zh="每百名学生拥有网络多媒体教室数",
    column="multimedia_rooms",
)
OFFICIAL: tuple[Indicator, ...] = (L1, L2, L3, L4, L5, L6, L7)


@dataclass(frozen=True)
class Standard:
    """How a county is judged: the indicators, thresholds and the evaluators' choices.

    The defaults are the 2017 national method. `exclude_teaching_points_below` (Hebei leaves
    teaching points under 50 students out of the CV) and `exclude_special` are off by default.
    `count_rotating_at` says where a teacher on rotation counts: "host" (where they teach, the
    default) or "home" (the school that holds their post).
    """

    indicators: tuple[Indicator, ...] = OFFICIAL
    cv_thresholds: Mapping[str, float] = field(default_factory=lambda: dict(CV_THRESHOLDS))
    school_min_met: int = 6
    near_miss: float = 0.85
    exclude_teaching_points_below: int | None = None
    exclude_special: bool = False
    middle_weight: float = 1.1
    count_rotating_at: Literal["host", "home"] = "host"

    def __post_init__(self) -> None:
        codes = [i.code for i in self.indicators]
        if len(set(codes)) != len(codes):
            raise ValueError(f"indicator codes repeat: {codes}")
        if self.count_rotating_at not in ("host", "home"):
            raise ValueError("count_rotating_at must be 'host' or 'home'")
        limits = self.cv_thresholds if isinstance(self.cv_thresholds, Mapping) else {}
        for stage in STAGES:
            if not _is_number(limits.get(stage)) or limits[stage] <= 0:
                raise ValueError(
                    f"cv_thresholds needs a number > 0 for {stage}, not {limits.get(stage)!r}"
                )
        if not _is_whole(self.school_min_met) or not 0 <= self.school_min_met <= len(OFFICIAL):
            raise ValueError(
                f"school_min_met must be a whole number from 0 to {len(OFFICIAL)}, "
                f"not {self.school_min_met!r}"
            )
        if not _is_number(self.near_miss) or not 0 <= self.near_miss <= 1:
            raise ValueError(f"near_miss must be a fraction from 0 to 1, not {self.near_miss!r}")
        below = self.exclude_teaching_points_below
        if below is not None and (not _is_whole(below) or below < 0):
            raise ValueError(
                f"exclude_teaching_points_below must be a number of students, not {below!r}"
            )
        if not isinstance(self.exclude_special, bool):
            raise ValueError(f"exclude_special must be true or false, not {self.exclude_special!r}")
        if not _is_number(self.middle_weight) or self.middle_weight <= 0:
            raise ValueError(f"middle_weight must be a number > 0, not {self.middle_weight!r}")

    def with_indicators(self, *extra: Indicator) -> Standard:
        """This standard with user indicators added (they appear in every evaluation)."""
        return replace(self, indicators=(*self.indicators, *extra))

    @property
    def teacher_indicators(self) -> tuple[TeacherIndicator, ...]:
        return tuple(i for i in self.indicators if isinstance(i, TeacherIndicator))

    @property
    def facility_indicators(self) -> tuple[FacilityIndicator, ...]:
        return tuple(i for i in self.indicators if isinstance(i, FacilityIndicator))

    def indicator(self, code: str) -> Indicator:
        for ind in self.indicators:
            if ind.code == code:
                return ind
        raise KeyError(
            f"no indicator {code!r}; known: {', '.join(i.code for i in self.indicators)}"
        )


# -- the CV formula ----------------------------------------------------------------------------


def weighted_cv(resources: Iterable[float], students: Iterable[float]) -> float:
    """The official inter-school CV: enrolment-weighted, population form.

    X_i = R_i/P_i, X̄ = ΣR/ΣP, S = sqrt(Σ (P_i/P)(X_i − X̄)²), CV = S/X̄. The "per 100" factor
    cancels. NaN when the county has none of the resource (X̄ = 0) or no students.
    """
    r = np.asarray(list(resources), dtype=float)
    p = np.asarray(list(students), dtype=float)
    total_p, total_r = p.sum(), r.sum()
    if total_p <= 0 or total_r <= 0:
        return math.nan
    mean = total_r / total_p
    spread = np.sqrt(np.sum(p / total_p * (r / p - mean) ** 2))
    return float(spread / mean)


def cv_squared_from_squares(sum_r2_over_p: float, total_r: float, total_p: float) -> float:
    """CV² = (P/R²)·Σ R_i²/P_i − 1: with R and P fixed, CV² falls with the sum of squares.

    This identity is why an optimiser can state the official CV exactly over integer counts.
    """
    return total_p / total_r**2 * sum_r2_over_p - 1


# -- per school and stage -----------------------------------------------------------------------


def teacher_location(teachers: pd.DataFrame, standard: Standard) -> pd.Series:
    """The school each teacher counts at under the standard's `count_rotating_at`."""
    if standard.count_rotating_at == "home":
        home = teachers["home_school_id"].fillna("")
        return home.where(home != "", teachers["school_id"])
    return teachers["school_id"]


def resources(roster, standard: Standard) -> pd.DataFrame:
    """Per school and stage: students and the resource total R of every indicator.

    Facility totals of a nine-year school are apportioned: the primary part gets A/(A+1.1B) and
    the middle part 1.1B/(A+1.1B), A and B the enrolments (2012 practice). A facility left
    blank in the roster gives NaN for that school. Column `in_cv` is False for units the
    standard leaves out of the CV.
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
    for ind in standard.facility_indicators:
        totals = facility_totals(schools, ind)
        units[ind.code] = [totals[sid] * share[stage][sid] for sid, stage in units.index]
    units["in_cv"] = _counted_in_cv(units, standard)
    return units


def facility_totals(schools: pd.DataFrame, ind: FacilityIndicator) -> pd.Series:
    """A facility column of the schools table (indexed by school_id) as numbers, NaN where blank.

    The official columns are numbers already; a user's own column is text and is read here.
    """
    if ind.column not in schools:
        problem = Problem(
            f"indicator {ind.code}",
            "reads a column the roster's schools table lacks",
            column=ind.column,
            expected="a column of the schools table: " + ", ".join(map(str, schools.columns)),
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
                    f"indicator {ind.code}",
                    "not a facility total",
                    record=str(sid),
                    column=ind.column,
                    value=cell,
                    expected="a number ≥ 0, or blank where unknown",
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
    """Indicator values per school and stage (resource × per / students)."""
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
        out[f"{ind.code}_met"] = pd.array(np.where(known, met, pd.NA), dtype="boolean")
        if ind in official:
            met_count += met
            judged += known
            near &= ~known | met | (value >= standard.near_miss * limit - 1e-12)
    out["met"] = met_count
    out["judged"] = judged
    full = judged == len(official)
    verdict = (met_count >= standard.school_min_met) & near
    out["passes"] = pd.array(np.where(full, verdict, pd.NA), dtype="boolean")
    return out


def facility_data_known(units: pd.DataFrame, standard: Standard) -> bool:
    """True when every school has every facility column, so the full school rule applies."""
    codes = [i.code for i in standard.facility_indicators]
    return bool(codes) and bool(units[codes].notna().all().all())

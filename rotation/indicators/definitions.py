"""definitions: split from rotation.indicators."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np
import pandas as pd

from rotation.errors import InputError, Problem
from rotation.io.numbers import is_number, is_whole
from rotation.io.vocabulary import (
    EDUCATION_RANK,
    STAGES,
    TEACHER_COLUMNS,
    header_aliases,
    normalise,
)
from rotation.messages import Text, listed

TeacherMask = Callable[[pd.DataFrame], "pd.Series[bool]"]


#: Inter-school CV a county must not exceed, per stage (2017 method, article 5).
CV_THRESHOLDS: Mapping[str, float] = {"primary": 0.50, "middle": 0.45}


@dataclass(frozen=True)
class Indicator:
    """What every indicator has: a code, a name, a threshold per stage and its unit.

    `per` is the number of students the value is expressed for: 100 for "per 100 students",
    1 for "per student".

    Parameters
    ----------
    code
        A short code ("L1").
    name
        What it counts, in English.
    thresholds
        The value each stage's schools must reach ("primary", "middle").
    per
        Students the value is expressed for.
    name_zh
        The official Chinese name.
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

    Parameters
    ----------
    where
        A function of the teachers table returning a boolean Series.
    column, values
        A teachers column (canonical or Chinese header) and the values that count (codes or
        Chinese words: 骨干教师级别 = 省级).
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
        if not is_number(self.per) or self.per <= 0:
            raise ValueError(f"indicator {self.code}: per must be a number > 0, not {self.per!r}")
        for stage in STAGES:
            limit = self.thresholds[stage]
            if not is_number(limit) or limit < 0:
                raise ValueError(
                    f"indicator {self.code}: threshold for {stage} is {limit!r}, not a number ≥ 0"
                )
        if self.column is not None:
            self._canonical_column()

    def _canonical_column(self) -> None:
        """A column of the roster format named in Chinese, and the Chinese words of its codes
        (骨干教师级别 = 省级), name what the roster holds (backbone = province)."""
        if self.column is None:
            return
        name = header_aliases(TEACHER_COLUMNS).get(normalise(self.column))
        if name is None:
            return  # one of the user's own columns, compared as text
        col = next(c for c in TEACHER_COLUMNS if c.name == name)
        values = tuple(str(v) for v in self.values)
        if col.kind == "code":
            unknown = [v for v in values if normalise(v) not in col.codes]
            if unknown:
                raise ValueError(
                    f"indicator {self.code}: {', '.join(map(repr, unknown))} "
                    f"not a value of {name}; expected {col.expected()}"
                )
            values = tuple(col.codes[normalise(v)] for v in values)
        object.__setattr__(self, "column", name)
        object.__setattr__(self, "values", values)

    def counts(self, teachers: pd.DataFrame) -> pd.Series:
        """True for each teacher this indicator counts.

        Parameters
        ----------
        teachers
            A roster's teachers table.

        Returns
        -------
        pandas.Series
            Booleans, indexed as `teachers`.

        Raises
        ------
        InputError
            When `column` is not a column of the table.
        """
        if self.where is not None:
            mask = self.where(teachers)
        else:
            if self.column not in teachers:
                problem = Problem(
                    Text("source.indicator", code=self.code),
                    Text("io.indicator_teacher_column_missing"),
                    column=self.column,
                    expected=Text(
                        "expected.column_of",
                        table=Text("table.teachers"),
                        columns=listed(map(str, teachers.columns)),
                    ),
                )
                raise InputError([problem], "indicator")
            mask = teachers[self.column].astype(str).str.strip().isin(self.values)
        return pd.Series(np.asarray(mask, dtype=bool), index=teachers.index)


@dataclass(frozen=True)
class FacilityIndicator(Indicator):
    """A facility total from the schools table (`column`), apportioned between stages.

    Parameters
    ----------
    column
        The schools column holding the total (teaching_area_m2 …).
    """

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

    Parameters
    ----------
    indicators
        The indicators judged (the official seven by default).
    cv_thresholds
        The CV each stage must not exceed.
    school_min_met
        Indicators a school must meet.
    near_miss
        The share of a threshold the others must reach.
    exclude_teaching_points_below, exclude_special
        Units left out of the CV.
    middle_weight
        Weight of a middle-school student when facilities are shared by stage.
    count_rotating_at
        "host" or "home".
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
            if not is_number(limits.get(stage)) or limits[stage] <= 0:
                raise ValueError(
                    f"cv_thresholds needs a number > 0 for {stage}, not {limits.get(stage)!r}"
                )
        if not is_whole(self.school_min_met) or not 0 <= self.school_min_met <= len(OFFICIAL):
            raise ValueError(
                f"school_min_met must be a whole number from 0 to {len(OFFICIAL)}, "
                f"not {self.school_min_met!r}"
            )
        if not is_number(self.near_miss) or not 0 <= self.near_miss <= 1:
            raise ValueError(f"near_miss must be a fraction from 0 to 1, not {self.near_miss!r}")
        below = self.exclude_teaching_points_below
        if below is not None and (not is_whole(below) or below < 0):
            raise ValueError(
                f"exclude_teaching_points_below must be a number of students, not {below!r}"
            )
        if not isinstance(self.exclude_special, bool):
            raise ValueError(f"exclude_special must be true or false, not {self.exclude_special!r}")
        if not is_number(self.middle_weight) or self.middle_weight <= 0:
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

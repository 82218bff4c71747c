"""The rotation rules a county applies: one typed object, named presets, and TOML files.

National rules fix the floor (≥ 10% of eligible teachers a year, backbone ≥ 20% of those
rotated); provinces and counties set the rest (years before a teacher is eligible, term length,
exemptions). Every local number is a setting here, with the places that use it as presets.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from fractions import Fraction
from functools import cached_property
from typing import Any, Literal

from rotation.errors import PolicyError, Problem
from rotation.indicators.definitions import OFFICIAL, Indicator, Standard, TeacherIndicator
from rotation.io.numbers import exact, is_number, is_whole
from rotation.io.vocabulary import AREAS, EDUCATION_LEVELS, STAGES, SUBJECTS
from rotation.messages import Text, listed
from rotation.policy.retirement import REFORM_2025, RETIREMENT_RULES, RetirementRule

Direction = Literal["any", "outward", "strong_to_weak"]


#: Periods per class per week, averaged over the stage's grades (2022 curriculum plan).
DEFAULT_PERIODS: dict[str, dict[str, float]] = {
    "primary": {
        "chinese": 7,
        "math": 4,
        "english": 2,
        "morality": 2,
        "science": 1.5,
        "pe": 3.5,
        "music": 2,
        "art": 2,
        "it": 0.5,
        "labor": 1,
        "other": 3,
    },
    "middle": {
        "chinese": 5,
        "math": 5,
        "english": 4,
        "morality": 2,
        "physics": 2,
        "chemistry": 1,
        "biology": 1.5,
        "history": 2,
        "geography": 1.5,
        "pe": 3,
        "music": 1,
        "art": 1,
        "it": 1,
        "labor": 1,
        "other": 1.5,
    },
}


#: Periods a week one teacher teaches. Urban 16/12 and rural 18/14 are the usual figures; town
#: schools are given the rural load here, a local choice to revisit per county.
DEFAULT_TEACHING_LOAD: dict[str, dict[str, float]] = {
    "urban": {"primary": 16, "middle": 12},
    "town": {"primary": 18, "middle": 14},
    "rural": {"primary": 18, "middle": 14},
}


#: Students per staff post (unified urban/rural standard since 2014).
DEFAULT_STUDENTS_PER_STAFF: dict[str, float] = {"primary": 19, "middle": 13.5}


#: Objective weight of each teacher indicator: the CVs the optimiser works on.
DEFAULT_WEIGHTS: dict[str, int] = {"L1": 1, "L2": 1, "L3": 1}


#: The legal retirement ages before the 2025 reform, from which the reform starts.
DEFAULT_RETIREMENT_AGE: dict[str, int] = {"M": 60, "F": 55}


@dataclass(frozen=True)
class Policy:
    """Every rule of a rotation plan. Start from a preset: `Policy.from_preset("sichuan")`.

    Parameters
    ----------
    preset
        The preset the policy started from (anhui, sichuan, miyun, qingdao, changzhou).
    min_rotation_ratio, max_rotation_ratio
        R1 and R2: rotate at least / at most this share of the eligible teachers (decimals,
        read exactly: see `min_rotation_fraction`).
    min_backbone_share
        R3: backbone teachers among those rotated, at least.
    min_years_at_school
        Eligibility: consecutive years at the school.
    term_years
        A rotation lasts this many years.
    retirement
        "reform2025" (default): the 2025 reform's gradual rise (rotation.policy.retirement);
        "fixed": the ages of `retirement_age`, the rule before 2025.
    retirement_age
        {"M": age, "F": age}: under "reform2025" the legal age before the reform each gender's
        schedule starts from (60, 55 or 50; teachers are 60 and 55); under "fixed" the ages.
    exempt_years_before_retirement
        Teachers retiring within this many years of the planned year are exempt.
    leader_terms, leader_term_years
        Principals and vice-principals rotate after this many terms of this many years.
    return_after_term
        False: a rotated teacher stays at the host school when the term ends.
    coverage, staffing
        R5 and R6 on or off.
    direction
        R9: "any", "outward" (never to a more urban area) or "strong_to_weak" (only to a weaker
        unit; see rotation.policy.destinations).
    within_group
        R10: move only within the school's group.
    max_distance_km, max_travel_minutes
        R11: the longest move, in km (coordinates or a km road table) or in minutes (a
        travel-time road table); None for no limit.
    weights
        Objective weight of each teacher indicator.
    periods, teaching_load, students_per_staff
        The tables behind subject coverage (R5) and staffing (R6).
    standard
        The evaluation standard: indicators, thresholds, CV rules.
    hire_education, max_hires_per_year
        The road's recruitment lever: the education of a new teacher (bachelor, open
        recruitment), and the most new teachers a year county-wide (None: only free posts).
    designation_share, designation_min_service_years
        The road's backbone-designation lever: county backbone teachers designated a year, at
        most this share of full-time teachers, from candidates with at least this many years of
        service (the larger of years_at_school and the years since age 22, from birth_year)
        and the education their stage's L1 requires.

    Notes
    -----
    `from_preset` and `load_policy` read a `retirement_age` given without `retirement` as fixed
    ages (`retirement = "fixed"`), as the policy file contract says; the constructor and
    `replace` take every setting as given.
    """

    preset: str = "anhui"
    min_rotation_ratio: float = 0.10
    max_rotation_ratio: float = 0.15
    min_backbone_share: float = 0.20
    min_years_at_school: int = 6
    term_years: int = 3
    retirement: RetirementRule = "reform2025"
    retirement_age: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_RETIREMENT_AGE))
    exempt_years_before_retirement: int = 3
    leader_terms: int = 2
    leader_term_years: int = 3
    return_after_term: bool = True
    coverage: bool = True
    staffing: bool = True
    direction: Direction = "any"
    within_group: bool = False
    max_distance_km: float | None = None
    max_travel_minutes: float | None = None
    weights: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    periods: Mapping[str, Mapping[str, float]] = field(
        default_factory=lambda: {s: dict(t) for s, t in DEFAULT_PERIODS.items()}
    )
    teaching_load: Mapping[str, Mapping[str, float]] = field(
        default_factory=lambda: {a: dict(t) for a, t in DEFAULT_TEACHING_LOAD.items()}
    )
    students_per_staff: Mapping[str, float] = field(
        default_factory=lambda: dict(DEFAULT_STUDENTS_PER_STAFF)
    )
    standard: Standard = field(default_factory=Standard)
    # -- the road's levers (rotation.road): recruitment and backbone designation --
    hire_education: str = "bachelor"
    max_hires_per_year: int | None = None
    designation_share: float = 0.02
    designation_min_service_years: int = 5

    def __post_init__(self) -> None:
        problems = _check(self)
        if problems:
            raise PolicyError(problems)

    # -- construction ---------------------------------------------------------------------
    @classmethod
    def from_preset(cls, name: str = "anhui", **changes: Any) -> Policy:
        """A named preset with `changes` applied.

        Parameters
        ----------
        name
            anhui (the default), sichuan, miyun, qingdao or changzhou.
        **changes
            Settings replacing the preset's. A `retirement_age` without `retirement` means
            fixed ages (the rule before 2025).

        Returns
        -------
        Policy
            The policy.

        Raises
        ------
        PolicyError
            For an unknown preset or an invalid setting.
        """
        if name not in PRESETS:
            raise PolicyError(
                [
                    Problem(
                        Text("source.policy"),
                        Text("policy_error.unknown_preset"),
                        column="preset",
                        value=name,
                        expected=Text("expected.one_of", codes=listed(PRESETS)),
                    )
                ]
            )
        return cls(preset=name, **fixed_if_ages_given({**PRESETS[name], **changes}))

    def replace(self, **changes: Any) -> Policy:
        """A copy with `changes` applied, every one as given (no rule is inferred).

        Parameters
        ----------
        **changes
            Settings to change.

        Returns
        -------
        Policy
            The changed policy, validated.
        """
        return replace(self, **changes)

    # -- derived numbers ---------------------------------------------------------------------
    @cached_property
    def min_rotation_fraction(self) -> Fraction:
        """`min_rotation_ratio` as the exact fraction it is written as (0.1 → 1/10)."""
        return exact(self.min_rotation_ratio)

    @cached_property
    def max_rotation_fraction(self) -> Fraction:
        """`max_rotation_ratio` as an exact fraction (0.15 → 3/20)."""
        return exact(self.max_rotation_ratio)

    @cached_property
    def backbone_fraction(self) -> Fraction:
        """`min_backbone_share` as an exact fraction, for the linear rule den·B ≥ num·rotated."""
        return exact(self.min_backbone_share)

    def backbone_share(self) -> Fraction:
        """The same as `backbone_fraction` (kept for code written before it)."""
        return self.backbone_fraction

    def min_rotated(self, eligible: int) -> int:
        """Fewest teachers to rotate: ceil(min_rotation_ratio × eligible), exactly.

        Parameters
        ----------
        eligible
            Teachers eligible this year.

        Returns
        -------
        int
            The floor of R1.
        """
        return math.ceil(self.min_rotation_fraction * eligible)

    def max_rotated(self, eligible: int) -> int:
        """Most teachers to rotate: floor(max_rotation_ratio × eligible), never below the floor.

        Parameters
        ----------
        eligible
            Teachers eligible this year.

        Returns
        -------
        int
            The cap of R2.
        """
        return max(self.min_rotated(eligible), math.floor(self.max_rotation_fraction * eligible))

    def to_toml(self) -> str:
        """The policy as a TOML file `load_policy` reads back to an equal policy.

        Returns
        -------
        str
            TOML text: every setting, then the [evaluation] table and user indicators.

        Raises
        ------
        ValueError
            When the standard holds an indicator a file cannot describe.
        """
        lines = [f'preset = "{self.preset}"']
        tables = []
        for f in fields(self):
            if f.name in ("preset", "standard"):
                continue
            value = getattr(self, f.name)
            if isinstance(value, Mapping):
                tables.append((f.name, value))
            elif value is not None:
                lines.append(f"{f.name} = {_toml_value(value)}")
        for name, table in tables:
            lines.append(f"{name} = {_toml_value(table)}")
        std = self.standard
        lines += [
            "",
            "[evaluation]",
            f"count_rotating_at = {_toml_value(std.count_rotating_at)}",
            f"near_miss = {std.near_miss}",
            f"exclude_special = {_toml_value(std.exclude_special)}",
            f"school_min_met = {std.school_min_met}",
            f"middle_weight = {std.middle_weight}",
            f"cv_thresholds = {_toml_value(std.cv_thresholds)}",
        ]
        if std.exclude_teaching_points_below is not None:
            lines.append(f"exclude_teaching_points_below = {std.exclude_teaching_points_below}")
        extra = [i for i in std.indicators if i not in OFFICIAL]
        if std.indicators != (*OFFICIAL, *extra):
            raise ValueError("a standard without all seven official indicators cannot be written")
        for ind in extra:
            lines += ["", *_indicator_toml(ind)]
        return "\n".join(lines) + "\n"


def fixed_if_ages_given(settings: dict[str, Any]) -> dict[str, Any]:
    """`settings` with ``retirement = "fixed"`` added when they give ages but no rule.

    The policy file contract: "`retirement_age` set to fixed ages replays the old rule".
    """
    if "retirement_age" in settings and "retirement" not in settings:
        return {**settings, "retirement": "fixed"}
    return settings


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a TOML basic string, escapes included
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return repr(value)


def _toml_key(key: str) -> str:
    """A bare key where TOML allows one (letters, digits, _ and -), else a quoted key."""
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_value(key)


def _indicator_toml(ind: Indicator) -> list[str]:
    """A user indicator as its [indicators.CODE] table; only `column` + `values` ones can be."""
    if not isinstance(ind, TeacherIndicator) or ind.column is None:
        raise ValueError(
            f"indicator {ind.code} cannot be written to a policy file: only teacher indicators "
            "given by `column` and `values` can"
        )
    lines = [f"[indicators.{_toml_key(ind.code)}]", f"name = {_toml_value(ind.name)}"]
    if ind.name_zh:
        lines.append(f"name_zh = {_toml_value(ind.name_zh)}")
    return [
        *lines,
        f"column = {_toml_value(ind.column)}",
        f"values = {_toml_value(list(ind.values))}",
        f"thresholds = {_toml_value(ind.thresholds)}",
        f"per = {ind.per}",
    ]


PRESETS: dict[str, dict[str, Any]] = {
    # Anhui: eligible after 6 years at one school; principals after 2 terms; the national floor.
    "anhui": {},
    # Sichuan: 9 years for teachers, 3 terms for leaders, a term of at least 3 years.
    "sichuan": {"min_years_at_school": 9, "leader_terms": 3, "term_years": 3},
    # Beijing Miyun: 3 years of teaching, men under 57 and women under 52, 3 years then return.
    "miyun": {"min_years_at_school": 3, "term_years": 3, "exempt_years_before_retirement": 3},
    # Qingdao: 8 years at one school; a term of at least one school year.
    "qingdao": {"min_years_at_school": 8, "term_years": 1},
    # Changzhou: 6 years; the term is not published, so the common 3 years is kept.
    "changzhou": {"min_years_at_school": 6},
}


_TABLES = ("retirement_age", "weights", "periods", "teaching_load", "students_per_staff")


_NESTED_TABLES = ("periods", "teaching_load")


_SWITCHES = ("return_after_term", "coverage", "staffing", "within_group")


def _check(p: Policy) -> list[Problem]:
    """Every inconsistent setting of a policy, named by its key."""
    problems = []

    def bad(key: str, value: Any, expected: str) -> None:
        problems.append(
            Problem(
                Text("source.policy"),
                Text("policy_error.invalid_setting"),
                column=key,
                value=value,
                expected=expected,
            )
        )

    problems += _check_tables(p)
    if problems:
        return problems  # the checks below read inside the tables
    for key in ("min_rotation_ratio", "max_rotation_ratio", "min_backbone_share"):
        value = getattr(p, key)
        if not is_number(value) or not 0 <= value <= 1:
            bad(key, value, Text("expected.fraction"))
    if not problems and p.max_rotation_ratio < p.min_rotation_ratio:
        bad(
            "max_rotation_ratio",
            p.max_rotation_ratio,
            Text(
                "expected.at_least_setting",
                setting="min_rotation_ratio",
                value=p.min_rotation_ratio,
            ),
        )
    for key in ("min_years_at_school", "exempt_years_before_retirement", "leader_terms"):
        if not is_whole(getattr(p, key)) or getattr(p, key) < 0:
            bad(key, getattr(p, key), Text("expected.int"))
    for key in ("term_years", "leader_term_years"):
        if not is_whole(getattr(p, key)) or getattr(p, key) < 1:
            bad(key, getattr(p, key), Text("expected.int_from_1"))
    for key in _SWITCHES:
        if not isinstance(getattr(p, key), bool):
            bad(key, getattr(p, key), Text("expected.true_false"))
    if p.retirement not in RETIREMENT_RULES:
        bad("retirement", p.retirement, Text("expected.or", items="reform2025", last="fixed"))
    if set(p.retirement_age) != {"M", "F"} or not all(
        is_whole(v) and 40 <= v <= 80 for v in p.retirement_age.values()
    ):
        bad("retirement_age", dict(p.retirement_age), Text("expected.retirement_age"))
    elif p.retirement == "reform2025" and not set(p.retirement_age.values()) <= set(REFORM_2025):
        bad(
            "retirement_age",
            dict(p.retirement_age),
            Text("expected.reform_ages", fixed='retirement = "fixed"'),
        )
    if p.direction not in ("any", "outward", "strong_to_weak"):
        bad(
            "direction",
            p.direction,
            Text("expected.or", items=listed(["any", "outward"]), last="strong_to_weak"),
        )
    if p.max_distance_km is not None and (
        not is_number(p.max_distance_km) or p.max_distance_km <= 0
    ):
        bad("max_distance_km", p.max_distance_km, Text("expected.distance_km"))
    if p.max_travel_minutes is not None and (
        not is_number(p.max_travel_minutes) or p.max_travel_minutes <= 0
    ):
        bad("max_travel_minutes", p.max_travel_minutes, Text("expected.travel_minutes"))
    problems += _check_levers(p)
    known = {i.code for i in p.standard.teacher_indicators}
    for code, weight in p.weights.items():
        if code not in known:
            bad("weights", code, Text("expected.teacher_indicator", codes=listed(sorted(known))))
        elif not is_whole(weight) or weight < 0:
            bad(f"weights.{code}", weight, Text("expected.int"))
    for stage, table in p.periods.items():
        if stage not in STAGES:
            bad("periods", stage, Text("expected.or", items=listed(STAGES[:-1]), last=STAGES[-1]))
            continue
        for subject, periods in table.items():
            if subject not in SUBJECTS:
                bad(f"periods.{stage}", subject, Text("expected.subject", codes=listed(SUBJECTS)))
            elif not is_number(periods) or periods < 0:
                bad(f"periods.{stage}.{subject}", periods, Text("expected.periods"))
    if set(p.teaching_load) != set(AREAS):
        bad(
            "teaching_load",
            sorted(p.teaching_load),
            Text("expected.load_each_area", areas=listed(AREAS)),
        )
    else:
        for area, table in p.teaching_load.items():
            for stage in STAGES:
                value = table.get(stage)
                if not is_number(value) or value <= 0:
                    bad(f"teaching_load.{area}.{stage}", value, Text("expected.weekly_periods"))
    for stage in STAGES:
        value = p.students_per_staff.get(stage)
        if not is_number(value) or value <= 0:
            bad(f"students_per_staff.{stage}", value, Text("expected.students_per_post"))
    return problems


def _check_levers(p: Policy) -> list[Problem]:
    """The road's recruitment and designation settings."""
    problems = []

    def bad(key: str, value: Any, expected: str) -> None:
        problems.append(
            Problem(
                "policy",
                Text("policy_error.invalid_setting"),
                column=key,
                value=value,
                expected=expected,
            )
        )

    if p.hire_education not in EDUCATION_LEVELS:
        bad(
            "hire_education",
            p.hire_education,
            Text("expected.one_of", codes=listed(EDUCATION_LEVELS)),
        )
    if p.max_hires_per_year is not None and (
        not is_whole(p.max_hires_per_year) or p.max_hires_per_year < 0
    ):
        bad("max_hires_per_year", p.max_hires_per_year, Text("expected.int_or_unlimited"))
    if not is_number(p.designation_share) or not 0 <= p.designation_share <= 1:
        bad("designation_share", p.designation_share, Text("expected.fraction"))
    if not is_whole(p.designation_min_service_years) or p.designation_min_service_years < 0:
        bad("designation_min_service_years", p.designation_min_service_years, Text("expected.int"))
    return problems


def _check_tables(p: Policy) -> list[Problem]:
    """The settings that are tables are tables (and periods/teaching_load tables of tables)."""
    problems = []
    for key in _TABLES:
        value = getattr(p, key)
        inner = value.items() if isinstance(value, Mapping) and key in _NESTED_TABLES else []
        if not isinstance(value, Mapping):
            problems.append(
                Problem(
                    Text("source.policy"),
                    Text("policy_error.invalid_setting"),
                    column=key,
                    value=value,
                    expected=Text("expected.stage_table"),
                )
            )
        for name, table in inner:
            if not isinstance(table, Mapping):
                problems.append(
                    Problem(
                        Text("source.policy"),
                        Text("policy_error.invalid_setting"),
                        column=f"{key}.{name}",
                        value=table,
                        expected=Text("expected.table_of_numbers"),
                    )
                )
    if not isinstance(p.standard, Standard):
        problems.append(
            Problem(
                Text("source.policy"),
                Text("policy_error.invalid_setting"),
                column="standard",
                expected=Text("expected.object", name="Standard"),
            )
        )
    return problems

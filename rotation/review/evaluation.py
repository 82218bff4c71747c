"""`evaluate`: a roster (and optionally a plan) judged as the national evaluators judge it.

The result holds DataFrames a notebook user can slice: the county CV table, the per-school
table, and with a plan, the roster before and the government-guarantee figures (share of eligible
teachers rotated, backbone share of those rotated).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pandas as pd

from rotation.errors import InputError, Problem
from rotation.indicators.definitions import Standard
from rotation.indicators.tables import county_table, facility_data_known, resources, school_table
from rotation.io.counties import crossing_moves, moves_by_county
from rotation.io.roster import Roster, read_roster
from rotation.messages import Lang
from rotation.policy.eligible import eligibility
from rotation.policy.settings import Policy
from rotation.reports.counties_view import counties_html, counties_text
from rotation.reports.evaluation_view import evaluation_text
from rotation.reports.notebook import evaluation_brief_html, evaluation_repr
from rotation.reports.plots import cv_figure
from rotation.review.counties import (
    all_counties_pass,
    by_county_table,
    prefecture_table,
    worst_county_table,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@dataclass(frozen=True, repr=False, eq=False)
class Evaluation:
    """The indicators of one roster state.

    `county`: per (stage, indicator) the county value, CV, threshold and verdict.
    `schools`: per (school_id, stage) each indicator's value and whether it is met, and the
    school rule. With a plan: `before` is the evaluation of the roster before it, and
    `guarantees` the rotation figures the review checks.

    A roster of several counties (the schools' `county` column): `counties` holds each county
    judged on its own, and `county` is then per (stage, indicator) the worst county's CV with
    ``passes`` true only when every county passes (see `by_county()` and `prefecture()`).
    """

    roster: Roster
    standard: Standard
    units: pd.DataFrame
    county: pd.DataFrame
    schools: pd.DataFrame
    before: Evaluation | None = None
    guarantees: pd.DataFrame | None = None
    counties: Mapping[str, Evaluation] = field(default_factory=dict)

    @property
    def passes(self) -> bool:
        """True when every CV the roster lets us judge is within its threshold."""
        verdicts = self.county["passes"].dropna()
        return bool(verdicts.all()) and not verdicts.empty

    @property
    def facilities_known(self) -> bool:
        """False when only the teacher indicators (L1–L3 and user ones) can be judged."""
        return facility_data_known(self.units, self.standard)

    def cv(self, stage: str, code: str) -> float:
        # one (stage, indicator) row and one column: a scalar, the CV
        return float(cast(float, self.county.loc[(stage, code), "cv"]))

    def mean_cv(self) -> dict[str, float]:
        """Mean of the official CVs per stage: the 2012 composite, reported for comparison."""
        official = [
            c
            for c in ("L1", "L2", "L3", "L4", "L5", "L6", "L7")
            if c in cast(pd.MultiIndex, self.county.index).levels[1]
        ]
        out = {}
        for stage in self.county.index.get_level_values("stage").unique():
            cvs = self.county.loc[stage].loc[lambda d, o=official: d.index.isin(o), "cv"].dropna()
            out[stage] = float(cvs.mean()) if len(cvs) else math.nan
        return out

    def failing_schools(self) -> pd.DataFrame:
        """Schools (per stage) below a threshold of a teacher indicator or failing the rule."""
        codes = [i.code for i in self.standard.indicators]
        met = self.schools[[f"{c}_met" for c in codes]].fillna(True).astype(bool)
        rule = self.schools["passes"].fillna(True).astype(bool)
        return self.schools[~met.all(axis=1) | ~rule]

    # -- several counties -----------------------------------------------------------------
    def by_county(self) -> pd.DataFrame:
        """Each county's CVs and verdicts, indexed by (county, stage, indicator); a roster of
        one county gives its own table under the county's name ("" when unnamed)."""
        return by_county_table(self.counties or {_one_name(self): self})

    def prefecture(self) -> pd.DataFrame:
        """One row per county: size, CVs passing, the failing ones, mean CVs, the verdict (and
        with a plan the rotation figures)."""
        return prefecture_table(self.counties or {_one_name(self): self})

    def to_dict(self) -> dict[str, Any]:
        """The JSON form printed by `rotation evaluate --json` (see docs/cli.md)."""
        out = self._one_dict()
        if self.counties:
            out["counties"] = {name: ev._one_dict() for name, ev in self.counties.items()}
        return out

    def _one_dict(self) -> dict[str, Any]:
        out = _state_dict(self)
        if self.before is not None:
            out["before"] = _state_dict(self.before)
        if self.guarantees is not None:
            out["guarantees"] = {
                row.Index: {
                    "value": _num(row.value),
                    "required": _num(row.required),
                    "passes": bool(row.passes),
                }
                for row in self.guarantees.itertuples()
            }
        return out

    def __repr__(self) -> str:
        """One line: CVs passing and schools below a threshold (`print` shows the tables)."""
        return evaluation_repr(self)

    def __str__(self) -> str:
        """The county table, the schools below a threshold and the rotation figures, as text."""
        text = evaluation_text(self)
        return f"{text}\n\n{counties_text(self)}" if self.counties else text

    def _repr_html_(self) -> str:
        """A few sentences and the CV table, in the roster's language."""
        page = evaluation_brief_html(self)
        return f"{page}\n{counties_html(self)}" if self.counties else page

    def plot(self, lang: Lang | None = None) -> Figure:
        """The CVs against their thresholds, per stage (before and after, when moves were
        judged): a matplotlib Figure (needs the ``plot`` extra).

        Parameters
        ----------
        lang : {"zh", "en"}, optional
            The labels' language (default: the roster's; English when no Chinese font is
            installed).
        """
        return cv_figure(self, None, lang or self.roster.lang)


def _one_name(ev: Evaluation) -> str:
    names = ev.roster.counties()
    return names[0] if names else ""


def evaluate(
    roster: Roster | str | Path,
    policy: Policy | None = None,
    year: int | None = None,
    *,
    moves: pd.DataFrame | None = None,
    standard: Standard | None = None,
) -> Evaluation:
    """Judge a roster by the official indicators; with moves, judge the roster after them.

    Parameters
    ----------
    roster : Roster, str or Path
        The roster, or a path `rotation.read_roster` reads.
    policy : Policy, optional
        Whose eligibility rules the rotation figures use, and whose standard judges the
        indicators (default: the Anhui preset).
    year : int, optional
        The school year of the moves, for who was eligible (default: the moves' first start
        year).
    moves : pandas.DataFrame, optional
        A plan's moves (teacher_id, from_school, to_school, start_year, end_year), e.g.
        ``plan.moves`` or `rotation.read_moves`.
    standard : Standard, optional
        The review's standard, replacing the policy's.

    Returns
    -------
    Evaluation
        The county table, the schools table; with moves also ``before`` (the roster before
        them, judged) and ``guarantees`` (the review's rotation figures).
    """
    roster = read_roster(roster)
    policy = policy or Policy()
    standard = standard or policy.standard
    if len(roster.counties()) > 1:
        return _evaluate_counties(roster, policy, year, moves, standard)
    before = _evaluate_state(roster, standard)
    if moves is None:
        return before
    after = roster.apply_moves(moves)
    if year is None:
        year = int(moves["start_year"].min()) if len(moves) else dt.date.today().year
    guarantees = guarantee_table(roster, moves, policy, year)
    state = _evaluate_state(after, standard)
    return Evaluation(after, standard, state.units, state.county, state.schools, before, guarantees)


def _evaluate_counties(
    roster: Roster,
    policy: Policy,
    year: int | None,
    moves: pd.DataFrame | None,
    standard: Standard,
) -> Evaluation:
    """A roster of several counties: each judged on its own, then the whole (the CVs the worst
    county's, every verdict true only when every county's is)."""
    parts = roster.by_county()
    if moves is None:
        counties = {name: evaluate(part, policy, standard=standard) for name, part in parts.items()}
        whole = _evaluate_state(roster, standard)
        table = worst_county_table(whole.county, {n: e.county for n, e in counties.items()})
        return dataclasses.replace(whole, county=table, counties=counties)
    crossing = crossing_moves(roster.schools, moves)
    if len(crossing):
        raise InputError(
            [
                Problem(
                    moves.attrs.get("source", "plan"),
                    f"move from {row.from_county} to {row.to_county} crosses a county line",
                    record=str(row.teacher_id),
                    column="to_school",
                    value=row.to_school,
                    expected=f"a school of {row.from_county}",
                )
                for row in crossing.itertuples()
            ],
            "plan",
        )
    if year is None:
        year = int(moves["start_year"].min()) if len(moves) else dt.date.today().year
    split = moves_by_county(roster.schools, moves)
    counties = {
        name: evaluate(part, policy, year, moves=split[name], standard=standard)
        for name, part in parts.items()
    }
    after = roster.apply_moves(moves)
    state = _evaluate_state(after, standard)
    first = _evaluate_state(roster, standard)
    before_table = worst_county_table(
        first.county, {n: e.before.county for n, e in counties.items() if e.before is not None}
    )
    before = dataclasses.replace(
        first, county=before_table, counties={n: e.before for n, e in counties.items() if e.before}
    )
    table = worst_county_table(state.county, {n: e.county for n, e in counties.items()})
    guarantees = all_counties_pass(guarantee_table(roster, moves, policy, year), counties)
    return Evaluation(
        after, standard, state.units, table, state.schools, before, guarantees, counties
    )


def _evaluate_state(roster: Roster, standard: Standard) -> Evaluation:
    units = resources(roster, standard)
    return Evaluation(
        roster, standard, units, county_table(units, standard), school_table(units, standard)
    )


def rotated_mask(roster: Roster, moves: pd.DataFrame) -> pd.Series:
    """True for moves that start a rotation (a move back to the home school is a return)."""
    home = roster.teachers.set_index("teacher_id")["home_school_id"]
    to_home = moves["teacher_id"].astype(str).map(home).fillna("") == moves["to_school"].astype(str)
    return ~to_home


def guarantee_table(roster: Roster, moves: pd.DataFrame, policy: Policy, year: int) -> pd.DataFrame:
    """The review's rotation figures for a year: rotated / eligible and backbone / rotated."""
    status = eligibility(roster, policy, year)
    eligible = int(status["eligible"].sum())
    rotating = moves[rotated_mask(roster, moves)]
    backbone = roster.teachers.set_index("teacher_id")["backbone"] != "none"
    rotated = len(rotating)
    rotated_backbone = int(rotating["teacher_id"].astype(str).map(backbone).sum())
    ratio = rotated / eligible if eligible else math.nan
    share = rotated_backbone / rotated if rotated else math.nan
    share_rule = policy.backbone_fraction
    share_met = share_rule.denominator * rotated_backbone >= share_rule.numerator * rotated
    not_eligible = int(
        (~rotating["teacher_id"].astype(str).isin(status.loc[status.eligible, "teacher_id"])).sum()
    )
    rows = {
        "eligible_teachers": (eligible, math.nan, True),
        "rotated_teachers": (
            rotated,
            policy.min_rotated(eligible),
            rotated >= policy.min_rotated(eligible),
        ),
        "rotation_ratio": (  # exact: with no one eligible, nothing is required
            ratio,
            policy.min_rotation_ratio,
            rotated >= policy.min_rotated(eligible),
        ),
        "backbone_rotated": (rotated_backbone, math.nan, True),
        "backbone_share": (share, policy.min_backbone_share, share_met),
        "rotated_not_eligible": (not_eligible, math.nan, True),
    }
    table = pd.DataFrame.from_dict(
        rows, orient="index", columns=["value", "required", "passes"], dtype=object
    )
    table.index.name = "figure"
    return table


def _num(x: Any) -> float | int | None:
    """A JSON number: counts stay whole, NaN becomes null."""
    if x is None or pd.isna(x):
        return None
    if isinstance(x, int | np.integer):
        return int(x)
    return float(x)


def _state_dict(ev: Evaluation) -> dict[str, Any]:
    cv: dict[str, dict[str, float | int | None]] = {}
    verdict: dict[str, dict[str, bool]] = {}
    value: dict[str, dict[str, float | int | None]] = {}
    for key, row in ev.county.iterrows():
        stage, code = cast("tuple[str, str]", key)
        if pd.isna(row["passes"]):
            continue  # a facility indicator the roster has no data for
        cv.setdefault(stage, {})[code] = _num(row["cv"])
        verdict.setdefault(stage, {})[code] = bool(row["passes"])
        value.setdefault(stage, {})[code] = _num(row["county_value"])
    failing = ev.failing_schools()
    return {
        "cv": cv,
        "pass": verdict,
        "county_passes": ev.passes,
        "county_value": value,
        "cv_threshold": {s: ev.standard.cv_thresholds[s] for s in cv},
        "mean_cv": {s: _num(v) for s, v in ev.mean_cv().items()},
        "facilities_known": ev.facilities_known,
        "schools_failing": [
            {"school_id": sid, "stage": stage, "below": _below(row, ev.standard)}
            for (sid, stage), row in _by_school(failing)
        ],
    }


def _by_school(frame: pd.DataFrame) -> list[tuple[tuple[str, str], pd.Series]]:
    """The rows of a frame indexed by (school_id, stage), each with its key."""
    return [(cast("tuple[str, str]", key), row) for key, row in frame.iterrows()]


def _below(row: pd.Series, standard: Standard) -> list[str]:
    """The indicators a school is known to miss (an unknown facility is not counted)."""
    return [i.code for i in standard.indicators if _is_false(row[f"{i.code}_met"])]


def _is_false(value: Any) -> bool:
    return value is not pd.NA and not pd.isna(value) and not bool(value)

"""`Plan`: the result of `rotation.plan`, for one school year or several.

A plan carries everything an office needs to act on and to defend it: the moves, each year's
roster judged before and after them (and without any rotation), the review's rotation figures,
how each optimisation phase ended in the user's units, and `verify()`, an independent check of
every rule. The solver's own figures stay under `plan.solver`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from rotation.errors import InputError, Problem
from rotation.io.moves import write_moves
from rotation.io.roster import Roster
from rotation.messages import Lang, Text, listed, localise
from rotation.model import SolverSettings, SolveStatus
from rotation.model.forced import ineligible_pins
from rotation.planning.compare import Comparison, compare_moves
from rotation.planning.explain import Explanation, explain_key
from rotation.planning.replan import CHANGE_COLUMNS, changes
from rotation.planning.verify import Violation, verify_plan
from rotation.planning.years import PlanYear
from rotation.policy.settings import Policy
from rotation.reports.director import write_director_report
from rotation.reports.notebook import plan_brief_html
from rotation.reports.notice import write_letters, write_notice
from rotation.reports.plots import cv_figure, map_figure, trajectory_figure
from rotation.reports.summary import PlanSummary
from rotation.reports.workbook import write_plan_workbook
from rotation.review.evaluation import Evaluation
from rotation.review.limits import rotation_limits

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@dataclass(frozen=True)
class SolverReport:
    """How the solver ran: its own figures, for those who tune it.

    Attributes
    ----------
    settings : SolverSettings
        The settings the plan was solved with.
    phases : pandas.DataFrame
        Per phase: CP-SAT's status, objective and best bound in the model's integer units.
    seconds : float
        Wall time of the whole solve.
    first_plan_seconds : float
        Wall time until the first plan that keeps every rule (NaN if none came from CP-SAT).
    greedy_moves : int
        Moves of the greedy plan the first phase started from.
    """

    settings: SolverSettings
    phases: pd.DataFrame
    seconds: float
    first_plan_seconds: float
    greedy_moves: int


@dataclass(frozen=True, repr=False, eq=False)
class Plan:
    """A rotation plan for one school year or several consecutive ones.

    Attributes
    ----------
    roster : Roster
        The roster as given.
    start : Roster
        The roster at the start of the first year (rotations whose term ended returned).
    policy : Policy
        The rules the plan keeps.
    years : tuple of int
        The school years planned (one for a one-year plan).
    moves : pandas.DataFrame
        One row per rotated teacher: the contract's columns ``teacher_id, from_school,
        to_school, start_year, end_year``, then stage, subject, education, backbone, tenure,
        where the teacher counts, distance, preference and the reason.
    returns : pandas.DataFrame
        Teachers whose rotation ended and who go home before the plan starts.
    eligibility : pandas.DataFrame
        Every teacher's eligibility in the first year, with the reason.
    phases : pandas.DataFrame
        Per optimisation phase: its goal, status, value and proven bound in the user's units
        (failing CVs, teachers, Σ weight·CV², km), and seconds.
    yearly : Mapping[int, PlanYear]
        Each year's roster before and after its moves, and without any rotation, judged.
    solver : SolverReport
        The solver's own figures.
    pins : pandas.DataFrame
        The user's pinned decisions, as read.
    distances : pandas.DataFrame or None
        The distance table the rules used.
    counties : Mapping[str, Plan]
        For a roster of several counties, each county's own plan (empty otherwise).
    previous : pandas.DataFrame or None
        The moves of the plan this one re-plans with least change (None when planned afresh).
    """

    roster: Roster
    start: Roster
    policy: Policy
    years: tuple[int, ...]
    moves: pd.DataFrame
    returns: pd.DataFrame
    eligibility: pd.DataFrame
    phases: pd.DataFrame
    yearly: Mapping[int, PlanYear]
    solver: SolverReport
    pins: pd.DataFrame = field(default_factory=pd.DataFrame)
    distances: pd.DataFrame | None = None
    #: A roster of several counties: each county's own plan (see rotation.planning.counties).
    counties: Mapping[str, Plan] = field(default_factory=dict)
    previous: pd.DataFrame | None = None

    # -- what it is ----------------------------------------------------------------------------
    @property
    def year(self) -> int:
        """The first school year of the plan."""
        return self.years[0]

    @property
    def status(self) -> SolveStatus:
        """OPTIMAL when every phase was proven optimal, else FEASIBLE."""
        proven = (self.phases["status"] == SolveStatus.OPTIMAL).all()
        return SolveStatus.OPTIMAL if proven else SolveStatus.FEASIBLE

    @property
    def seconds(self) -> float:
        """Wall time of the solve."""
        return self.solver.seconds

    @property
    def before(self) -> Evaluation:
        """The roster at the start of the first year, before any move, judged."""
        return self.yearly[self.years[0]].before

    @property
    def after(self) -> Evaluation:
        """The roster after the last year's moves, judged (with that year's figures)."""
        return self.yearly[self.years[-1]].after

    @property
    def objective(self) -> float:
        """Σ weight·CV² of the optimised indicators as the plan leaves them (phase c)."""
        return self._cv_phase("value")

    @property
    def bound(self) -> float:
        """The best proven lower bound on `objective`."""
        return self._cv_phase("bound")

    @property
    def gap(self) -> float:
        """Relative gap between `objective` and `bound` (0 when proven optimal)."""
        if math.isnan(self.objective) or self.objective == 0:
            return 0.0 if self.objective == 0 else math.nan
        return max(0.0, (self.objective - self.bound) / abs(self.objective))

    def _cv_phase(self, column: str) -> float:
        if "cvs" not in self.phases.index:
            return math.nan
        return float(self.phases.at["cvs", column])

    # -- what it achieves, year by year --------------------------------------------------------
    def moves_in(self, year: int) -> pd.DataFrame:
        """The moves that start in `year`."""
        return self.moves[self.moves["start_year"] == year]

    def optimised(self) -> list[str]:
        """The indicator codes the plan works on (weight > 0)."""
        return [code for code, w in self.policy.weights.items() if w > 0]

    def figures(self) -> pd.DataFrame:
        """Per year: eligible, rotated, ratio, backbone share, and whether the review's rotation
        figures pass."""
        rows = []
        for year in self.years:
            g = self.yearly[year].after.guarantees
            assert g is not None  # a year judged with its moves has figures
            rows.append(
                {
                    "year": year,
                    "eligible": int(g.at["eligible_teachers", "value"]),
                    "rotated": int(g.at["rotated_teachers", "value"]),
                    "ratio": g.at["rotation_ratio", "value"],
                    "backbone_share": g.at["backbone_share", "value"],
                    "passes": bool(
                        g.at["rotation_ratio", "passes"] and g.at["backbone_share", "passes"]
                    ),
                }
            )
        return pd.DataFrame(rows).set_index("year")

    def trajectory(self) -> pd.DataFrame:
        """Per year, stage and optimised indicator: the CV without rotation and with the plan,
        the threshold, and whether each passes."""
        rows = []
        optimised = self.optimised()
        for year in self.years:
            with_plan = self.yearly[year].after.county
            without = self.yearly[year].without.county
            for (stage, code), row in with_plan.iterrows():
                if code not in optimised:
                    continue
                rows.append(
                    {
                        "year": year,
                        "stage": stage,
                        "indicator": code,
                        "cv_without_rotation": without.at[(stage, code), "cv"],
                        "cv_with_plan": row["cv"],
                        "threshold": row["cv_threshold"],
                        "passes_without_rotation": bool(without.at[(stage, code), "passes"]),
                        "passes_with_plan": bool(row["passes"]),
                    }
                )
        columns = [
            *("year", "stage", "indicator", "cv_without_rotation", "cv_with_plan", "threshold"),
            *("passes_without_rotation", "passes_with_plan"),
        ]  # named, for a policy optimising no indicator
        return pd.DataFrame(rows, columns=columns).set_index(["year", "stage", "indicator"])

    def earliest_pass_year(self, with_plan: bool = True) -> int | None:
        """The first year in which every optimised CV passes (None: not within the plan)."""
        column = "passes_with_plan" if with_plan else "passes_without_rotation"
        verdict = self.trajectory()[column].groupby(level="year").all()
        passing = [int(year) for year, ok in verdict.items() if ok]
        return passing[0] if passing else None

    def limits(self) -> pd.DataFrame:
        """What rotation alone cannot fix by the end of the plan, and the least hiring that
        would (see `rotation.rotation_limits`)."""
        if self.counties:  # several counties: each county's own limits
            parts = {name: part.limits() for name, part in self.counties.items()}
            return pd.concat(parts, names=["county"]).reset_index(level=0)
        return rotation_limits(self.after.roster, self.policy)

    @property
    def forced(self) -> pd.DataFrame:
        """Teachers the rules make ineligible whom a ``force`` pin moves: teacher_id, name and
        reason (in the plan's language), in pin order."""
        found = ineligible_pins(self.start, self.pins, self.eligibility)
        found = found[found["force"].astype(bool)]
        reasons = [str(localise(d, self.lang)) for d in found["detail"]]
        return pd.DataFrame(
            {"teacher_id": found["teacher_id"], "name": found["name"], "reason": reasons}
        ).reset_index(drop=True)

    def compare(self, other: Plan) -> Comparison:
        """This plan (A) against `other` (B) on this plan's roster, policy and first year: the
        moves added, removed and changed, and both plans' CVs and rotation figures side by
        side (see `rotation.planning.compare`)."""
        return compare_moves(
            self.start, self.moves, other.moves, self.policy, self.year, lang=self.lang
        )

    def changes(self, lang: Lang | None = None) -> pd.DataFrame:
        """What this plan changes in the one it re-planned (``plan(..., previous=...)``): one
        row per teacher moved before and not now, now and not before, or to another school,
        with the reason in `lang` (default the plan's); see `rotation.planning.replan`. Empty
        when the plan was made afresh."""
        lang = lang or self.lang
        if self.previous is None:
            return pd.DataFrame(columns=list(CHANGE_COLUMNS))
        return changes(
            self.start,
            self.previous,
            self.moves,
            self.pins,
            self.eligibility,
            self.policy,
            self.year,
            lang=lang,
        )

    def explain(
        self,
        key: str,
        lang: Lang | None = None,
        *,
        swap: bool = True,
        settings: SolverSettings | None = None,
        year: int | None = None,
    ) -> Explanation:
        """Why the plan moves (or keeps) a teacher, or what it does to a school, in one year.

        Parameters
        ----------
        key : str
            A teacher_id: what the move changes (each indicator of each school, the CVs, the
            rotation ratio, the backbone share, subject coverage), why this teacher and not a
            colleague of the same school, stage and subject (the model's tie-breakers), and
            the cost of sending the next colleague instead (a re-solve with the swap pinned);
            for a teacher who stays, why. A school_id: who leaves, who arrives, and its
            indicators before and after.
        lang : {"zh", "en"}, optional
            The language of ``str(result)`` (default: the roster's).
        swap : bool, default True
            Whether to price the swap with a re-solve.
        settings : SolverSettings, optional
            The re-solve's settings (default: one worker, deterministic, 10 seconds).
        year : int, optional
            The year explained, one of `years` (default the first): its moves, from the
            roster at its start (``plan.yearly[year].start``, the plan's earlier years made).
            For a later year the swap is priced by re-solving that year alone, the plan's
            "stay" pins kept (the others hold in the first year only).

        Returns
        -------
        Explanation
            Sentences (``render(lang)``), ``to_frame()`` (the indicators), ``colleagues``.

        Raises
        ------
        UnknownKeyError
            When `key` names neither a teacher nor a school of the roster.
        InputError
            When `year` is not a year of the plan.
        """
        year = self.year if year is None else year
        if year not in self.years:
            raise InputError(
                [
                    Problem(
                        Text("source.explain_year"),
                        Text("error.year_not_planned"),
                        value=year,
                        expected=Text("expected.one_of", codes=listed(self.years)),
                    )
                ]
            )
        pins = self.pins
        if year != self.year and len(pins):
            pins = pins[pins["action"] == "stay"]
        return explain_key(
            self.yearly[year].start,
            self.policy,
            self.moves_in(year),
            key,
            pins=pins,
            distances=self.distances,
            settings=settings,
            swap=swap,
            lang=lang or self.lang,
        )

    # -- checks --------------------------------------------------------------------------------
    def verify(self) -> list[Violation]:
        """Every hard rule the plan breaks in any year, found by a checker written from the
        rules and independent of the model; an empty list when it keeps them all."""
        out = []
        twice = self.moves["teacher_id"][self.moves["teacher_id"].duplicated()]
        out += [Violation("R4", f"{tid} rotates twice within the plan") for tid in twice]
        stays = self.pins[self.pins["action"] == "stay"] if len(self.pins) else self.pins
        for i, year in enumerate(self.years):
            out += verify_plan(
                self.yearly[year].start,
                self.moves_in(year),
                self.policy,
                year,
                self.pins if i == 0 else stays,
                self.distances,
                baseline=self.yearly[year].without_rotation,
                reference=self.start,
            )
        return out

    # -- what people read ----------------------------------------------------------------------
    def summary(self) -> PlanSummary:
        """The plan's figures as a report shows them (``print(plan.summary())``)."""
        return PlanSummary.build(
            years=self.years,
            policy=self.policy,
            moves=self.moves,
            figures=self.figures(),
            before=self.before,
            after=self.after,
            trajectory=self.trajectory() if len(self.years) > 1 else None,
            earliest_pass_year=(self.earliest_pass_year(), self.earliest_pass_year(False)),
            areas=self.start.schools.set_index("school_id")["area"],
            returns=len(self.returns),
            limits=self.limits(),
            phases=self.phases,
            status=self.status,
            seconds=self.seconds,
            first_plan_seconds=self.solver.first_plan_seconds,
            lang=self.lang,
            forced=self.forced,
        )

    def to_csv(self, path: str | Path) -> Path:
        """Write the moves as the contract's plan CSV; returns the path written."""
        return write_moves(self.moves, path)

    def save(self, path: str | Path) -> Path:
        """Alias of `to_csv`, kept for one release."""
        return self.to_csv(path)

    @property
    def lang(self) -> Lang:
        """The language of the roster ("zh" when it writes headers or names in Chinese): the
        default language of everything the plan writes for people."""
        return self.roster.lang

    def to_excel(
        self,
        path: str | Path,
        lang: Lang | None = None,
        *,
        title: str | None = None,
        county: str | None = None,
    ) -> Path:
        """Write the office's workbook (交流名单, 学校汇总, 差异系数, 学校指标, 轮岗不能解决的问题,
        规则核验, 参数), printable, in `lang` (default: the roster's language).

        Parameters
        ----------
        path : str or Path
            The .xlsx file to write (whole or not at all).
        lang : {"zh", "en"}, optional
            The language of sheets, headers and values.
        title : str, optional
            The title above the list (default: built from the county's name and the year).
        county : str, optional
            The county's name for the title (default: read from the roster's file name).

        Returns
        -------
        Path
            The path written.
        """
        return write_plan_workbook(self, path, lang or self.lang, title=title, county=county)

    def notice(
        self,
        path: str | Path,
        lang: Lang | None = None,
        *,
        county: str | None = None,
        bureau: str | None = None,
        phone: str | None = None,
        days: int = 5,
    ) -> Path:
        """Write the printable notice (公示) of the list of rotated teachers: title, one row
        per teacher, the notice period, where to object, the bureau and the date.

        Parameters
        ----------
        path : str or Path
            The .xlsx file to write.
        lang : {"zh", "en"}, optional
            Default: the roster's language.
        county, bureau, phone : str, optional
            The county's and the bureau's names and the telephone for objections.
        days : int, default 5
            Working days the notice is shown.

        Returns
        -------
        Path
            The path written.
        """
        return write_notice(
            self, path, lang or self.lang, county=county, bureau=bureau, phone=phone, days=days
        )

    def letters(
        self, folder: str | Path, lang: Lang | None = None, *, county: str | None = None
    ) -> list[Path]:
        """Write one letter per school that sends or receives a teacher: who leaves, who
        arrives, subject, term and the date to report.

        Parameters
        ----------
        folder : str or Path
            Where to write the letters (one printable page per school).
        lang : {"zh", "en"}, optional
            Default: the roster's language.
        county : str, optional
            The county's name.

        Returns
        -------
        list of Path
            The letters written.
        """
        return write_letters(self, folder, lang or self.lang, county=county)

    def to_html(
        self, path: str | Path, lang: Lang | None = None, *, county: str | None = None
    ) -> Path:
        """Write the report a director reads: one self-contained HTML file, printable on A4,
        charts drawn inline, in `lang` (default: the roster's language).

        Sections: the verdict at a glance, the CVs against their thresholds, a map of the
        schools with the moves, each school's indicators, the list of moves, what rotation
        cannot fix and, for several years, the CVs year by year.

        Parameters
        ----------
        path : str or Path
            The .html file to write (whole or not at all).
        lang : {"zh", "en"}, optional
            Default: the roster's language.
        county : str, optional
            The county's name for the title.

        Returns
        -------
        Path
            The path written.
        """
        return write_director_report(self, Path(path), lang or self.lang, county=county)

    def __repr__(self) -> str:
        span = f"{self.years[0]}" if len(self.years) == 1 else f"{self.years[0]}–{self.years[-1]}"
        after = self.after.county["passes"].dropna()
        return (
            f"<Plan {span}: {len(self.moves)} moves, {int(after.sum())}/{len(after)} CVs pass "
            f"after, {self.status}>"
        )

    def _repr_html_(self) -> str:
        """A few sentences and the CV table before and after, in the roster's language
        (``plan.summary()`` shows every figure)."""
        return plan_brief_html(self)

    def plot(self, kind: str = "cv", lang: Lang | None = None) -> Figure:
        """A matplotlib Figure of the plan (needs the ``plot`` extra).

        Parameters
        ----------
        kind : {"cv", "map", "trajectory"}, default "cv"
            "cv": each CV before and after the plan against its threshold, per stage; "map":
            the schools (from x_km, y_km) and an arrow per pair of schools a teacher moves
            between, backbone teachers in another colour; "trajectory": each optimised CV
            year by year, with the plan and without rotation, against its threshold.
        lang : {"zh", "en"}, optional
            The labels' language (default: the roster's; English when no Chinese font is
            installed).
        """
        lang = lang or self.lang
        if kind == "cv":
            return cv_figure(self.after, self.before, lang)
        if kind == "map":
            return map_figure(self.start, self.moves, lang)
        if kind == "trajectory":
            return trajectory_figure(self.trajectory(), lang)
        raise ValueError(f'kind must be "cv", "map" or "trajectory", not {kind!r}')

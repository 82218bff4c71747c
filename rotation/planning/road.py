"""`road`: what to recruit, designate, rotate and build, year by year, to pass the review by a
target year; and `check_road`, its independent check.

The road plans the school years from `year` to `target_year` in one model (model/road.py):
first the review's targets in the target year (every teacher CV within its threshold, every
school unit whose facilities allow it meeting the school rule, every subject's need covered),
then the fewest hires, designations and moves, then the CVs and travel. What only building can
fix comes from `review.building.building_needs`, on the roster the road leaves in the target
year.

`check_road` does not import the model: it applies the moves (year by year, as `play_out`
does), adds the hired teachers and the designations to the roster, and recounts everything
with pandas: every rotation rule (`verify_plan`), the hires as written, the yearly limits, the
posts and the candidate rule, the teachers short of the subjects' need, the claimed CV and
school verdicts, and the verdicts the road reports year by year.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, cast

import numpy as np
import pandas as pd

from rotation.errors import InputError, Problem
from rotation.indicators.tables import resources, school_table
from rotation.io.roster import Roster
from rotation.io.vocabulary import EDUCATION_RANK
from rotation.messages import Lang, has, text
from rotation.model import SolverSettings
from rotation.model.instance import build_instance
from rotation.model.road import solve_road
from rotation.model.solve import Clock
from rotation.planning.setup import prepare
from rotation.planning.verify import Violation, verify_plan
from rotation.planning.years import PlanYear, play_out
from rotation.policy.designation import REQUIRED_EDUCATION, designation_quota, service_years
from rotation.policy.requirements import staff_quota, subject_counts, subject_need
from rotation.policy.settings import Policy
from rotation.reports.director import road_sections, write_road_report
from rotation.reports.office import verdict, word
from rotation.reports.workbook import write_road_workbook
from rotation.review.building import building_needs, condemned_units
from rotation.review.evaluation import Evaluation, evaluate
from rotation.review.staffing import staffing_limits

#: Age given to a hired teacher (a birth year is required by the roster format).
HIRE_AGE = 23


class _HireRow(Protocol):
    """A row of `Road.hires`: new teachers of a subject for a unit in a year."""

    @property
    def year(self) -> int: ...
    @property
    def school_id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def stage(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def education(self) -> str: ...
    @property
    def count(self) -> int: ...


def _hire_rows(hires: pd.DataFrame) -> Iterator[_HireRow]:
    """`hires.itertuples()`, typed by its columns (a field named count hides tuple.count)."""
    return cast(Iterator[_HireRow], hires.itertuples())


@dataclass(frozen=True)
class Road:
    """A road to the review.

    Attributes
    ----------
    start : Roster
        The roster at the start of the first year.
    policy : Policy
    years : tuple of int
        From the first year to the target year.
    moves, hires, designations, building : pandas.DataFrame
        The rotation (the plan's columns), new teachers per (year, unit, subject), teachers
        designated county backbone, and what only building can fix (after the road).
    condemned : pandas.DataFrame
        School units whose facilities fail the school rule whatever the teachers.
    phases : pandas.DataFrame
        Each phase's value and bound in user units.
    yearly : dict of int to Evaluation
        Each year's roster after its moves, hires and designations, judged.
    claimed : dict
        What the model claims for the target year (CV and school verdicts).
    seconds : float
        The whole solve, in seconds.
    posts : pandas.DataFrame
        What each unit's posts (编制) allow (`review.staffing.staffing_limits`): the least
        teachers short whatever the road, and whether the school rule is reachable; units
        it cannot reach (column school_rule False) are not searched for, like `condemned`.
    first_seconds : float
        Seconds until the first complete road (the targets phase's first answer).
    """

    start: Roster
    policy: Policy
    years: tuple[int, ...]
    moves: pd.DataFrame
    hires: pd.DataFrame
    designations: pd.DataFrame
    building: pd.DataFrame
    condemned: pd.DataFrame
    phases: pd.DataFrame
    yearly: dict[int, Evaluation]
    claimed: dict[str, object]
    seconds: float
    posts: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    first_seconds: float = math.nan

    @property
    def short_of_posts(self) -> pd.DataFrame:
        """The units whose posts cannot hold what the school rule needs: name, posts, held
        (teachers who cannot leave), extra_posts (the least posts to add) and missing."""
        if self.posts.empty:
            return self.posts
        return self.posts[self.posts["school_rule"].eq(False)]

    @property
    def target_year(self) -> int:
        return self.years[-1]

    def verify(self) -> list[Violation]:
        return check_road(self)

    def verdicts(self) -> pd.DataFrame:
        """Per year: each CV and whether it passes, schools passing the school rule, and the
        rotation figures."""
        rows: list[dict[str, object]] = []
        for year, ev in self.yearly.items():
            for key, r in ev.county.iterrows():
                stage, code = cast("tuple[str, str]", key)
                rows.append(
                    {
                        "year": year,
                        "what": f"CV {stage} {code}",
                        "value": r["cv"],
                        "passes": r["passes"],
                    }
                )
            passing = ev.schools["passes"].fillna(False).astype(bool)
            rows.append(
                {
                    "year": year,
                    "what": "schools passing the school rule",
                    "value": f"{int(passing.sum())}/{len(passing)}",
                    "passes": pd.NA,
                }
            )
            year_moves = self.moves[self.moves["start_year"] == year]
            rows.append(
                {
                    "year": year,
                    "what": "teachers rotated",
                    "value": len(year_moves),
                    "passes": pd.NA,
                }
            )
        return pd.DataFrame(rows, columns=["year", "what", "value", "passes"])

    def write(self, out: str | Path) -> Path:
        """hires.csv, designations.csv, moves.csv and building.csv in the folder `out`."""
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        self.hires.to_csv(folder / "hires.csv", index=False)
        self.designations.to_csv(folder / "designations.csv", index=False)
        self.moves.to_csv(folder / "moves.csv", index=False)
        columns = ["school_id", "stage", "indicator", "have", "needed", "addition"]
        rest = [c for c in self.building.columns if c not in columns]
        self.building[[*columns, *rest]].to_csv(folder / "building.csv", index=False)
        return folder

    def to_excel(
        self, path: str | Path, lang: Lang | None = None, *, county: str | None = None
    ) -> Path:
        """Write the road's workbook (whole or not at all): 达标路径, 招聘计划, 骨干教师评选名额,
        交流名单, 建设需求 and 编制需求, in `lang` (default: the roster's language).

        Parameters
        ----------
        path : str or Path
            The .xlsx file.
        lang : {"zh", "en"}, optional
        county : str, optional
            The county's name for the titles (default: from the roster's file name).

        Returns
        -------
        Path
            The path written.
        """
        return write_road_workbook(self, path, lang or self.start.lang, county=county)

    def to_html(
        self, path: str | Path, lang: Lang | None = None, *, county: str | None = None
    ) -> Path:
        """Write the road's report for the director: one printable HTML file (whole or not at
        all) with the verdicts year by year, 招聘计划, 骨干教师评选名额, the moves, 建设需求 and
        编制需求, in `lang` (default: the roster's language).

        Parameters
        ----------
        path : str or Path
            The .html file.
        lang : {"zh", "en"}, optional
        county : str, optional
            The county's name for the title.

        Returns
        -------
        Path
            The path written.
        """
        return write_road_report(self, Path(path), lang or self.start.lang, county=county)

    def _repr_html_(self) -> str:
        """The road's sections, in the roster's language (`to_html` writes them as a page)."""
        return (
            '<div class="rotation-road">' + "".join(road_sections(self, self.start.lang)) + "</div>"
        )

    def summary(self, lang: Lang | None = None) -> str:
        """What to recruit, designate, rotate and build, per year, and the verdicts, in `lang`
        (default: the roster's language)."""
        lang = lang or self.start.lang
        span = f"{self.years[0]}–{self.target_year}"
        lines = [text("road.title", lang, target=self.target_year, span=span)]
        for year in self.years:
            lines += ["", *self._year_lines(year, lang)]
        build = self.building[self.building["addition"] > 0]
        lines += ["", text("road.build", lang, n=len(build))]
        for need in build.itertuples():
            lines.append(
                f"  {need.school_id} {word('stage', need.stage, lang)} "
                f"{text(f'indicator.{need.indicator}', lang)}{_punctuation(lang)[0]}"
                f"+{need.addition:g} {need.unit}"
            )
        if len(self.condemned):
            lines += ["", text("road.condemned", lang, n=len(self.condemned))]
            for index, row in self.condemned.iterrows():
                key = cast("tuple[str, str]", index)
                below = "、" if lang == "zh" else ", "
                lines.append(
                    text(
                        "road.condemned.unit",
                        lang,
                        name=row["name"] or key[0],
                        stage=word("stage", key[1], lang),
                        below=below.join(str(c) for c in row["below"]),
                    )
                )
        lines += self._posts_lines(lang)
        lines += ["", text("road.phases", lang)]
        colon, comma, opening, closing = _punctuation(lang)
        for name, row in self.phases.iterrows():
            status = str(row["status"])
            lines.append(
                f"  {_said(f'road.phase.{name}', str(name), lang)}{colon}"
                f"{_said(f'status.{status}', status, lang)}{comma}{_figure(row['value'])} "
                f"{opening}{text('road.bound', lang)} {_figure(row['bound'])}{closing}"
                f"{'' if lang == 'zh' else ' '}{_said(f'road.unit.{name}', str(row['unit']), lang)}"
            )
        return "\n".join(lines)

    def _posts_lines(self, lang: Lang) -> list[str]:
        """The units the posts condemn, each with what it lacks, and the teachers short
        whatever the road."""
        lines: list[str] = []
        short = self.short_of_posts
        if len(short):
            lines += ["", text("road.posts", lang, n=len(short))]
            for index, row in short.iterrows():
                key = cast("tuple[str, str]", index)
                lines.append(
                    text(
                        "road.posts.unit",
                        lang,
                        name=row["name"] or key[0],
                        stage=word("stage", key[1], lang),
                        posts=int(row["posts"]),
                        held=int(row["held"]),
                        missing=("、" if lang == "zh" else ", ").join(row["missing"]),
                        extra=int(row["extra_posts"]),
                    )
                )
        if not self.posts.empty and int(self.posts["short"].sum()):
            lines.append(text("road.short", lang, n=int(self.posts["short"].sum())))
        return lines

    def _year_lines(self, year: int, lang: Lang) -> list[str]:
        """One year of the road: hires, designations, moves and the verdicts that follow."""
        hires = self.hires[self.hires["year"] == year]
        designated = int((self.designations["year"] == year).sum())
        moved = int((self.moves["start_year"] == year).sum())
        colon, _, opening, closing = _punctuation(lang)
        lines = [f"{year}:", text("road.recruit", lang, n=int(hires["count"].sum()))]
        for h in _hire_rows(hires):
            lines.append(
                f"    {h.name or h.school_id} {word('stage', h.stage, lang)} "
                f"{word('subject', h.subject, lang)}{opening}{word('education', h.education, lang)}"
                f"{closing}{colon}{h.count}"
            )
        lines.append(text("road.designate", lang, n=designated))
        lines.append(text("road.rotate", lang, n=moved))
        ev = self.yearly[year]
        judged = ev.county[ev.county["passes"].notna()]  # a facility without data is not judged
        for key, r in judged.iterrows():
            stage, code = cast("tuple[str, str]", key)
            name = _said(f"indicator.{code}", code, lang)
            lines.append(
                f"  {word('stage', stage, lang)} {code} {name}{colon}{r['cv']:.3f} "
                f"{verdict(r['passes'], lang)}"
            )
        passing = ev.schools["passes"].fillna(False).astype(bool)
        lines.append(text("road.schools", lang, n=int(passing.sum()), total=len(passing)))
        return lines


def road(
    roster: Roster | str | Path,
    policy: Policy | None = None,
    year: int | None = None,
    target_year: int | None = None,
    *,
    settings: SolverSettings | None = None,
    time_limit: float | None = None,
) -> Road:
    """Hires, designations, moves and building that pass the review by `target_year`.

    Parameters
    ----------
    roster : Roster, str or Path
    policy : Policy, optional
        The rules and the levers' settings (hire_education, max_hires_per_year,
        designation_share, designation_min_service_years).
    year : int, optional
        The first school year (default: this calendar year).
    target_year : int, optional
        The year the review is passed by (default: `year`, a one-year road).
    settings : SolverSettings, optional
    time_limit : float, optional
        Shorthand for ``settings.time_limit``.
    """
    settings = settings or SolverSettings()
    if time_limit is not None:
        settings = dataclasses.replace(settings, time_limit=time_limit)
    setup = prepare(roster, policy, year, None)
    target = setup.year if target_year is None else target_year
    if not isinstance(target, int) or target < setup.year:
        raise InputError(
            [
                Problem(
                    "target_year",
                    "invalid target year",
                    value=target,
                    expected=f"a year ≥ {setup.year}",
                )
            ]
        )
    years = tuple(range(setup.year, target + 1))
    clock = Clock(settings)
    inst = build_instance(setup.start, setup.policy, years, None, setup.km)
    facilities = condemned_units(setup.start, setup.policy)
    posts = staffing_limits(setup.start, setup.policy, years)
    blocked = posts.index[posts["school_rule"].eq(False)]
    skipped = pd.DataFrame(index=facilities.index.union(blocked))
    sol = solve_road(inst, settings, clock, skipped)
    yearly = judged_years(setup.start, setup.policy, years, sol.moves, sol.hires, sol.designations)
    final = yearly[years[-1]].roster
    return Road(
        start=setup.start,
        policy=setup.policy,
        years=years,
        moves=sol.moves,
        hires=sol.hires,
        designations=sol.designations,
        building=building_needs(final, setup.policy),
        condemned=facilities,
        phases=sol.phases,
        yearly=yearly,
        claimed=sol.claimed,
        seconds=sol.seconds,
        posts=posts,
        first_seconds=sol.first_seconds,
    )


def with_levers(
    roster: Roster, year: int, hires: pd.DataFrame, designations: pd.DataFrame
) -> Roster:
    """The roster with the hires up to `year` added as new teachers and the designations up to
    `year` made (backbone county)."""
    teachers = roster.teachers.copy()
    template = teachers.iloc[[0]] if len(teachers) else None
    new = []
    for r in _hire_rows(hires[hires["year"] <= year]):
        for i in range(int(r.count)):
            assert template is not None
            row = template.copy()
            row["teacher_id"] = f"NEW-{r.year}-{r.school_id}-{r.stage}-{r.subject}-{i + 1}"
            row["school_id"] = r.school_id
            row["stage"] = r.stage
            row["subject"] = r.subject
            row["education"] = r.education
            row["backbone"] = "none"
            row["years_at_school"] = 0
            row["birth_year"] = int(r.year) - HIRE_AGE
            for column in ("home_school_id",):
                if column in row:
                    row[column] = ""
            for column in ("rotation_start_year", "rotation_end_year"):
                if column in row:
                    row[column] = pd.NA
            if "name" in row:
                row["name"] = ""
            new.append(row)
    if new:
        teachers = pd.concat([teachers, *new], ignore_index=True)
    chosen = set(designations.loc[designations["year"] <= year, "teacher_id"])
    teachers.loc[teachers["teacher_id"].isin(chosen), "backbone"] = "county"
    return roster.with_teachers(teachers)


def judged_years(
    start: Roster,
    policy: Policy,
    years: tuple[int, ...],
    moves: pd.DataFrame,
    hires: pd.DataFrame,
    designations: pd.DataFrame,
) -> dict[int, Evaluation]:
    """Each year after its moves (play_out), with the hires and designations so far, judged."""
    played: dict[int, PlanYear] = play_out(start, policy, years, moves)
    return {
        y: evaluate(with_levers(played[y].after.roster, y, hires, designations), policy)
        for y in years
    }


def check_road(result: Road) -> list[Violation]:
    """Everything the road claims, recounted without the model (module doc).

    Each check is its own function: the rotation rules of every year (`verify_plan`); the
    hires as written (`_hire_rows_valid`), the yearly recruitment limit (`_hire_limit`), the
    posts (`_posts`); the designations' yearly quota (`_designation_quota`) and candidate
    rule (`_candidates`); then, on the roster with the moves, hires and designations applied
    here, the teachers short of the subjects' need (`_coverage`), the claimed CV and school
    verdicts (`_claims`) and the verdicts the road reports year by year (`_reported`).
    """
    policy, start, years = result.policy, result.start, result.years
    played = play_out(start, policy, years, result.moves)
    judged = judged_years(start, policy, years, result.moves, result.hires, result.designations)
    out = _rotation_rules(result, played)
    out += _hire_rows_valid(result)
    out += _hire_limit(result)
    out += _posts(result, played)
    out += _designation_quota(result, played)
    out += _candidates(result, played)
    out += _designated_where_counted(result, played)
    out += _coverage(result, judged)
    out += _claims(result, judged)
    out += _reported(result, judged)
    return out


def _rotation_rules(result: Road, played: dict[int, PlanYear]) -> list[Violation]:
    """Every rotation rule (R1–R11) each year, on the year's roster."""
    out: list[Violation] = []
    for y in result.years:
        out += verify_plan(
            played[y].start,
            result.moves[result.moves["start_year"] == y],
            result.policy,
            y,
            baseline=played[y].without_rotation,
            reference=result.start,
        )
    return out


def _hire_rows_valid(result: Road) -> list[Violation]:
    """Each row of hires: a year of the road, a school unit of the roster, a subject its stage
    teaches, the policy's education for new teachers, a whole count of at least one."""
    out = []
    units = set(result.start.units().set_index(["school_id", "stage"]).index)
    for h in _hire_rows(result.hires):
        where = f"{h.year} {h.school_id} {h.stage} {h.subject}"
        if int(h.year) not in result.years:
            out.append(Violation("hires", f"{where}: {h.year} is not a year of the road"))
        if (h.school_id, h.stage) not in units:
            out.append(Violation("hires", f"{where}: no such school unit on the roster"))
        if result.policy.periods.get(h.stage, {}).get(h.subject, 0) <= 0:
            out.append(Violation("hires", f"{where}: the stage does not teach the subject"))
        if h.education != result.policy.hire_education:
            out.append(
                Violation(
                    "hires",
                    f"{where}: education {h.education}, the policy hires "
                    f"{result.policy.hire_education}",
                )
            )
        count = float(h.count)
        if not count.is_integer() or count < 1:
            out.append(Violation("hires", f"{where}: count {h.count} is not a whole number ≥ 1"))
    return out


def _hire_limit(result: Road) -> list[Violation]:
    """At most `max_hires_per_year` new teachers county-wide each year."""
    limit = result.policy.max_hires_per_year
    if limit is None:
        return []
    out = []
    for y in result.years:
        n = int(result.hires.loc[result.hires["year"] == y, "count"].sum())
        if n > limit:
            out.append(Violation("hires", f"{n} hired in {y}, above the limit {limit}"))
    return out


def _designation_quota(result: Road, played: dict[int, PlanYear]) -> list[Violation]:
    """At most ⌊designation_share × full-time teachers⌋ designated each year."""
    out = []
    for y in result.years:
        most = designation_quota(result.policy.designation_share, len(played[y].start.teachers))
        d = int((result.designations["year"] == y).sum())
        if d > most:
            out.append(Violation("designations", f"{d} designated in {y}, above the quota {most}"))
    return out


def _posts(result: Road, played: dict[int, PlanYear]) -> list[Violation]:
    """A unit that hires ends each year within its quota."""
    out = []
    for y in result.years:
        state = with_levers(played[y].after.roster, y, result.hires, result.designations)
        units = state.units()
        quota = staff_quota(units, result.policy)
        heads = pd.Series(units["teachers"].to_numpy(), index=quota.index)
        hiring = result.hires[result.hires["year"] <= y]
        for key in sorted(set(zip(hiring["school_id"], hiring["stage"], strict=True))):
            if heads.get(key, 0) > quota.get(key, 0):
                out.append(
                    Violation(
                        "posts",
                        f"{key[0]} {key[1]} has {heads[key]} teachers in {y} with its hires, "
                        f"above its quota {quota[key]}",
                    )
                )
    return out


def _candidates(result: Road, played: dict[int, PlanYear]) -> list[Violation]:
    """Each designation: a teacher on the roster that year, at the school the road names,
    designated once, not backbone yet, with the years of service (in the year designated)
    and the education the candidate rule asks, and not rotated by the road."""
    out = []
    moved = set(result.moves["teacher_id"])
    seen: set[str] = set()
    for d in result.designations.to_dict("records"):
        teacher_id, year = str(d["teacher_id"]), int(d["year"])
        if teacher_id in seen:
            out.append(Violation("designations", f"{teacher_id} is designated twice"))
        seen.add(teacher_id)
        if year not in played:
            out.append(Violation("designations", f"{teacher_id}: {year} is not a year of the road"))
            continue
        teachers = played[year].start.teachers.set_index("teacher_id")
        if teacher_id not in teachers.index:
            out.append(Violation("designations", f"{teacher_id} is not on the roster in {year}"))
            continue
        t = cast(pd.Series, teachers.loc[teacher_id])  # one row per teacher_id
        service = float(service_years(t.to_frame().T, year).iloc[0])
        if t["school_id"] != d["school_id"]:
            out.append(
                Violation(
                    "designations",
                    f"{teacher_id} is at {t['school_id']} in {year}, not {d['school_id']}",
                )
            )
        if t["backbone"] != "none":
            out.append(Violation("designations", f"{teacher_id} is already backbone"))
        if service < result.policy.designation_min_service_years:
            out.append(Violation("designations", f"{teacher_id} has {service:g} years of service"))
        if EDUCATION_RANK[t["education"]] < EDUCATION_RANK[REQUIRED_EDUCATION[t["stage"]]]:
            out.append(
                Violation(
                    "designations",
                    f"{teacher_id} ({t['education']}) lacks the education the stage requires",
                )
            )
        if teacher_id in moved:
            out.append(Violation("designations", f"{teacher_id} is designated and rotated"))
    return out


def _designated_where_counted(result: Road, played: dict[int, PlanYear]) -> list[Violation]:
    """A designated teacher teaches at the designation's school in every year from the
    designation to the target year (where the designation is counted)."""
    out = []
    des = result.designations
    for year, teacher_id, school_id in zip(
        des["year"], des["teacher_id"], des["school_id"], strict=True
    ):
        for y in result.years:
            if y < int(year):
                continue
            teachers = played[y].after.roster.teachers
            here = teachers.loc[teachers["teacher_id"] == teacher_id, "school_id"]
            if list(here) != [school_id]:
                where = here.iloc[0] if len(here) else "not on the roster"
                out.append(
                    Violation(
                        "designations",
                        f"{teacher_id} designated at {school_id} is at {where} in {y}",
                    )
                )
                break
    return out


def _coverage(result: Road, judged: dict[int, Evaluation]) -> list[Violation]:
    """The teachers short of the subjects' need in the target year, recounted on the roster
    with the road applied, are at most what the road claims (coverage on)."""
    if not result.policy.coverage or "short" not in result.claimed:
        return []
    roster = judged[result.target_year].roster
    need = subject_need(roster.units(), result.policy)
    have = subject_counts(roster.teachers).reindex(index=need.index, columns=need.columns)
    short = int((need - have.fillna(0)).clip(lower=0).to_numpy().sum())
    claimed = int(cast(int, result.claimed["short"]))
    if short > claimed:
        return [
            Violation(
                "coverage",
                f"{short} teachers short of the subjects' need in {result.target_year}, "
                f"the road claims {claimed}",
            )
        ]
    return []


def _claims(result: Road, judged: dict[int, Evaluation]) -> list[Violation]:
    """The model's CV and school verdicts for the target year hold on the roster with the
    road applied here."""
    out = []
    ev = judged[result.target_year]
    claims = result.claimed
    for (code, stage), passes in dict(claims.get("cv_pass", {})).items():  # type: ignore[call-overload]
        if passes and not bool(ev.county.loc[(stage, code), "passes"]):
            out.append(
                Violation(
                    "CV",
                    f"{stage} {code} claimed to pass, CV {ev.county.loc[(stage, code), 'cv']:.4f}",
                )
            )
    res = resources(ev.roster, result.policy.standard)
    table = school_table(res, result.policy.standard)
    for key, passes in dict(claims.get("school_pass", {})).items():  # type: ignore[call-overload]
        if passes and not bool(table.at[key, "passes"]):
            out.append(Violation("school rule", f"{key[0]} {key[1]} claimed to pass, fails"))
    return out


def _reported(result: Road, judged: dict[int, Evaluation]) -> list[Violation]:
    """The verdicts the road reports each year (`Road.yearly`: the summary, the workbook and
    the report print them) are those of the roster with the road applied here: each CV and
    its verdict, and the school units passing the school rule."""
    out = []
    for y in result.years:
        mine, shown = judged[y], result.yearly.get(y)
        if shown is None:
            out.append(Violation("reported", f"no verdicts reported for {y}"))
            continue
        recount = mine.county[["cv", "passes"]]
        told = shown.county[["cv", "passes"]].reindex(recount.index)
        cv_same = np.isclose(
            recount["cv"].astype(float), told["cv"].astype(float), rtol=0, atol=1e-9, equal_nan=True
        )
        verdict_same = _verdicts(recount["passes"]) == _verdicts(told["passes"])
        for key in recount.index[~(cv_same & verdict_same.to_numpy())]:
            stage, code = cast("tuple[str, str]", key)
            out.append(
                Violation(
                    "reported",
                    f"{y} {stage} {code}: reported CV {_figure(told.at[key, 'cv'])} "
                    f"({_verdicts(told['passes'])[key]}), recounted "
                    f"{_figure(recount.at[key, 'cv'])} ({_verdicts(recount['passes'])[key]})",
                )
            )
        a = mine.schools["passes"].fillna(False).astype(bool)
        b = shown.schools["passes"].fillna(False).astype(bool)
        if int(a.sum()) != int(b.sum()):
            out.append(
                Violation(
                    "reported",
                    f"{y}: {int(b.sum())} schools reported passing the school rule, "
                    f"recounted {int(a.sum())}",
                )
            )
    return out


def _verdicts(passes: pd.Series) -> pd.Series:
    """Verdicts as "pass", "fail" or "none" (not judged), to compare two columns."""
    return passes.map(lambda v: "none" if pd.isna(v) else "pass" if bool(v) else "fail")


def _figure(x: object) -> str:
    """A phase figure: whole numbers as such, others to four significant digits, "—" if none."""
    if x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)):
        return "—"
    value = float(cast(float, x))
    return f"{value:.0f}" if value.is_integer() else f"{value:.4g}"


def _said(key: str, fallback: str, lang: Lang) -> str:
    """The catalogue's words for `key`, else `fallback` as it is."""
    return text(key, lang) if has(key) else fallback


def _punctuation(lang: Lang) -> tuple[str, str, str, str]:
    """Colon, comma and brackets as each language writes them."""
    return ("：", "，", "（", "）") if lang == "zh" else (": ", ", ", "(", ")")

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
with pandas: the claimed CV and school verdicts, the free posts, the yearly limits and the
candidate rule, and every rotation rule (`verify_plan`).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, cast

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
from rotation.policy.requirements import staff_quota
from rotation.policy.settings import Policy
from rotation.reports.office import verdict, word
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
    """Everything the road claims, recounted without the model (module doc)."""
    out: list[Violation] = []
    policy, start, years = result.policy, result.start, result.years
    played = play_out(start, policy, years, result.moves)
    for y in years:
        year_moves = result.moves[result.moves["start_year"] == y]
        out += verify_plan(
            played[y].start,
            year_moves,
            policy,
            y,
            baseline=played[y].without_rotation,
            reference=start,
        )
    hires, des = result.hires, result.designations
    limit = policy.max_hires_per_year
    for y in years:
        n = int(hires.loc[hires["year"] == y, "count"].sum())
        if limit is not None and n > limit:
            out.append(Violation("hires", f"{n} hired in {y}, above the limit {limit}"))
        teachers = len(played[y].start.teachers)
        most = designation_quota(policy.designation_share, teachers)
        d = int((des["year"] == y).sum())
        if d > most:
            out.append(Violation("designations", f"{d} designated in {y}, above the quota {most}"))
    out += _posts(result, played)
    out += _candidates(result)
    out += _designated_where_counted(result, played)
    out += _claims(result)
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
        for key in set(zip(hiring["school_id"], hiring["stage"], strict=True)):
            if heads.get(key, 0) > quota.get(key, 0):
                out.append(
                    Violation(
                        "posts",
                        f"{key[0]} {key[1]} has {heads[key]} teachers in {y} with its hires, "
                        f"above its quota {quota[key]}",
                    )
                )
    return out


def _candidates(result: Road) -> list[Violation]:
    out = []
    teachers = result.start.teachers.set_index("teacher_id")
    moved = set(result.moves["teacher_id"])
    year0 = result.years[0]
    for teacher_id in result.designations["teacher_id"]:
        if teacher_id not in teachers.index:
            out.append(Violation("designations", f"{teacher_id} is not on the roster"))
            continue
        t = cast(pd.Series, teachers.loc[teacher_id])  # one row per teacher_id
        service = float(service_years(t.to_frame().T, year0).iloc[0])
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


def _claims(result: Road) -> list[Violation]:
    """The model's CV and school verdicts for the target year hold on the recounted roster."""
    out = []
    ev = result.yearly[result.target_year]
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

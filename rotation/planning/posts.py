"""Posts and applications: the optimiser's flows published as posts, then filled by teachers'
applications.

`posts` plans the first year and publishes its moves without naming anyone: per receiving
school the posts (stage, subject, backbone wanted, above-required education wanted, count), and
per sending school its quota of the same profiles. `fill` reads the applications and fills the
posts — applicants first, by their ranking, then the rest by longest tenure — with an optimal
assignment (rotation/model/fill.py). Each post and quota keeps its profile, and the profile
decides every count the rules and the official teacher indicators see (L1 education, L2
backbone, L3 subject), so the filled plan has the published plan's figures and verdicts.
(Indicators a user adds are not part of a post's profile.)
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from rotation.errors import InputError, Problem
from rotation.io.posts import post_frame
from rotation.io.roster import Roster, read_roster
from rotation.messages import Lang, localise, text
from rotation.model import SolverSettings
from rotation.model.fill import Candidate, Post, destination_rule, fill_posts
from rotation.model.instance import build_instance
from rotation.planning.planner import plan as make_plan
from rotation.planning.result import Plan, SolverReport
from rotation.planning.setup import Setup, prepare
from rotation.planning.years import play_out
from rotation.policy.eligible import eligibility
from rotation.policy.settings import Policy
from rotation.reports.office import atomic_path, id_names

__all__ = ["Filled", "Posts", "fill", "posts"]

PROFILE = ("stage", "subject", "backbone", "qualified")


@dataclass(frozen=True)
class Posts:
    """Published posts (交流轮岗岗位统计表).

    Attributes
    ----------
    posts : pandas.DataFrame
        school_id, school_name (receiving), stage, subject, backbone, qualified (booleans:
        wanted), count.
    quotas : pandas.DataFrame
        school_id, school_name (sending), stage, subject, backbone, qualified, count.
    plan : Plan
        The plan whose first-year moves the posts publish.
    """

    posts: pd.DataFrame
    quotas: pd.DataFrame
    plan: Plan

    def write(self, path: str | Path, lang: Lang | None = None) -> Path:
        """The posts workbook: a sheet of posts and a sheet of quotas, headers and values in
        `lang` (default the roster's); written whole or not at all."""
        lang = lang or self.plan.lang
        path = Path(path)
        names = {"zh": 0, "en": 1}[lang]
        with atomic_path(path) as tmp, pd.ExcelWriter(tmp, engine="xlsxwriter") as book:
            for kind, table in (("posts", self.posts), ("quotas", self.quotas)):
                sheet = ("交流轮岗岗位", "posts") if kind == "posts" else ("派出学校名额", "quotas")
                post_frame(table, kind, lang).to_excel(book, sheet_name=sheet[names], index=False)
        return path


def profiles(roster: Roster, policy: Policy) -> pd.DataFrame:
    """teacher_id → stage, subject, backbone (any level), qualified (counts for L1)."""
    t = roster.teachers
    l1 = next((i for i in policy.standard.teacher_indicators if i.code == "L1"), None)
    qualified = l1.counts(t).to_numpy(dtype=bool) if l1 is not None else np.zeros(len(t), bool)
    return pd.DataFrame(
        {
            "stage": t["stage"].to_numpy(),
            "subject": t["subject"].to_numpy(),
            "backbone": (t["backbone"] != "none").to_numpy(),
            "qualified": qualified,
        },
        index=pd.Index(t["teacher_id"], name="teacher_id"),
    )


def posts(
    roster: Roster | str | Path,
    policy: Policy | None = None,
    year: int | None = None,
    *,
    plan: Plan | None = None,
    settings: SolverSettings | None = None,
    time_limit: float | None = None,
) -> Posts:
    """The optimiser's first-year flows as posts and sending quotas, naming no teacher.

    Parameters
    ----------
    roster, policy, year, settings, time_limit
        As for `rotation.plan` (one year is planned).
    plan : Plan, optional
        Publish this plan's first year instead of planning.
    """
    if plan is None:
        plan = make_plan(
            roster, policy, year, settings=settings, time_limit=time_limit, progress=False
        )
    moves = plan.moves_in(plan.year)
    prof = profiles(plan.start, plan.policy).reindex(moves["teacher_id"])
    table = pd.DataFrame(
        {
            "to": moves["to_school"].to_numpy(),
            "from": moves["from_school"].to_numpy(),
            **{c: prof[c].to_numpy() for c in PROFILE},
        }
    )
    names = _names(plan.start)
    return Posts(_count(table, "to", names), _count(table, "from", names), plan)


def _count(table: pd.DataFrame, side: str, names: dict[str, str]) -> pd.DataFrame:
    grouped = table.groupby([side, *PROFILE]).size().reset_index(name="count")
    grouped = grouped.rename(columns={side: "school_id"})
    grouped.insert(1, "school_name", [names.get(s, s) for s in grouped["school_id"]])
    return grouped.sort_values(["school_id", *PROFILE], ignore_index=True)


def _names(roster: Roster) -> dict[str, str]:
    """school_id → name (the id where a name is blank); empty when the roster has no names."""
    s = roster.schools
    return id_names(s, "school_id") if "name" in s else {}


@dataclass(frozen=True)
class Filled:
    """Posts filled by applications.

    Attributes
    ----------
    plan : Plan
        The final plan (``plan.verify()`` checks it like any other).
    filled : pandas.DataFrame
        One row per move: teacher_id, name, from_school, to_school, their names, choice (the
        rank of the school among the teacher's choices, 0 when not chosen by the teacher).
    assigned : pandas.DataFrame
        The rows of `filled` whose teacher did not ask for that school: who must still be
        assigned where applications fall short.
    """

    plan: Plan
    filled: pd.DataFrame
    assigned: pd.DataFrame

    def lines(self, lang: Lang | None = None) -> list[str]:
        """What a terminal prints: how many posts went to applicants, then who is assigned."""
        lang = lang or self.plan.lang
        by_choice = int((self.filled["choice"] > 0).sum())
        out = [text("fill.head", lang, n=len(self.filled), applied=by_choice)]
        if len(self.assigned):
            out.append(text("fill.assigned_head", lang, n=len(self.assigned)))
            for r in self.assigned.to_dict("records"):
                who = (
                    r["name"]
                    if r["name"] == r["teacher_id"]
                    else f"{r['name']}（{r['teacher_id']}）"
                )
                out.append(
                    "  "
                    + text("fill.assigned", lang, who=who, origin=r["from_name"], to=r["to_name"])
                )
        return out


def fill(
    roster: Roster | str | Path,
    posts_table: pd.DataFrame,
    quotas: pd.DataFrame,
    applications: pd.DataFrame,
    policy: Policy | None = None,
    year: int | None = None,
    *,
    settings: SolverSettings | None = None,
    roads: pd.DataFrame | None = None,
) -> Filled:
    """Fill published posts from applications (module doc).

    Parameters
    ----------
    roster
        The roster the posts were published from.
    posts_table, quotas
        As `Posts.posts` and `Posts.quotas`, or `rotation.io.posts.read_posts`.
    applications
        teacher_id and choices (a tuple of school ids, first choice first), as
        `rotation.io.posts.read_applications` gives them (with their row, for messages).
    policy, year, settings, roads
        As for `rotation.plan`.

    Raises
    ------
    InputError
        An applicant who may not rotate this year, or who names their own school (by row and
        column).
    InfeasibleError
        When the eligible teachers cannot fill the posts and quotas under the rules.
    """
    settings = settings or SolverSettings(time_limit=30, num_workers=1, deterministic=True)
    setup = prepare(read_roster(roster), policy, year, roads)
    start, year_ = setup.start, setup.year
    status = eligibility(start, setup.policy, year_).set_index("teacher_id")
    home = dict(zip(start.teachers["teacher_id"], start.teachers["school_id"], strict=True))
    _check_applications(applications, status, home, start.lang)
    chosen = {
        str(t): {s: k + 1 for k, s in enumerate(c)}
        for t, c in zip(applications["teacher_id"], applications["choices"], strict=True)
    }
    prof = profiles(start, setup.policy)
    tenure = dict(zip(start.teachers["teacher_id"], start.teachers["years_at_school"], strict=True))
    candidates = [
        Candidate(
            str(tid),
            home[tid],
            str(prof.at[tid, "stage"]),
            tuple(prof.loc[tid, list(PROFILE)]),
            int(tenure[tid]),
            chosen.get(str(tid), {}),
        )
        for tid in status.index[status["eligible"].to_numpy(dtype=bool)]
    ]
    post_list = [
        Post(str(r["school_id"]), tuple(r[c] for c in PROFILE), int(r["count"]))
        for r in posts_table.to_dict("records")
    ]
    quota: dict[tuple[str, Hashable], int] = {
        (str(r["school_id"]), tuple(r[c] for c in PROFILE)): int(r["count"])
        for r in quotas.to_dict("records")
    }
    inst = build_instance(start, setup.policy, year_, distances=setup.km)
    placed = fill_posts(candidates, post_list, quota, destination_rule(inst), settings)
    moves = _moves(start, setup.policy, year_, placed, post_list, chosen, setup.km)
    plan = _plan(setup, status.reset_index(), moves, settings)
    names = _names(start)
    filled = pd.DataFrame(
        {
            "teacher_id": moves["teacher_id"],
            "name": moves["name"],
            "from_school": moves["from_school"],
            "to_school": moves["to_school"],
            "from_name": [names.get(s, s) for s in moves["from_school"]],
            "to_name": [names.get(s, s) for s in moves["to_school"]],
            "choice": [
                chosen.get(t, {}).get(s, 0)
                for t, s in zip(moves["teacher_id"], moves["to_school"], strict=True)
            ],
        }
    )
    return Filled(plan, filled, filled[filled["choice"] == 0].reset_index(drop=True))


def _check_applications(
    applications: pd.DataFrame, status: pd.DataFrame, home: dict[str, str], lang: Lang
) -> None:
    source = str(applications.attrs.get("source", "applications"))
    problems = []
    for r in applications.to_dict("records"):
        tid = str(r["teacher_id"])
        row = int(r.get("row", 0)) or None
        if tid in status.index and not bool(status.at[tid, "eligible"]):
            problems.append(
                Problem(
                    source,
                    text(
                        "io.applicant_ineligible",
                        lang,
                        detail=str(localise(status.at[tid, "detail"], lang)),
                    ),
                    row=row,
                    record=tid,
                    column="teacher_id",
                    value=tid,
                )
            )
        columns = r.get("columns") or ()
        for k, school in enumerate(r["choices"]):
            if school == home.get(tid):
                column = columns[k] if k < len(columns) else f"choice{k + 1}"
                problems.append(
                    Problem(
                        source,
                        text("io.applied_own_school", lang),
                        row=row,
                        record=tid,
                        column=column,
                        value=school,
                    )
                )
    if problems:
        raise InputError(problems, "applications")


def _moves(
    start: Roster,
    policy: Policy,
    year: int,
    placed: dict[str, int],
    post_list: list[Post],
    chosen: dict[str, dict[str, int]],
    km: pd.DataFrame | None,
) -> pd.DataFrame:
    """The moves table of the filled posts, with the plan's usual columns."""
    t = start.teachers.set_index("teacher_id")
    names = _names(start)
    lang = start.lang
    rows = []
    for tid, p in sorted(placed.items()):
        origin, to = str(t.at[tid, "school_id"]), post_list[p].school
        rank = chosen.get(tid, {}).get(to, 0)
        reason = (
            text("fill.reason.choice", lang, rank=rank)
            if rank
            else text("fill.reason.assigned", lang)
        )
        rows.append(
            {
                "teacher_id": tid,
                "from_school": origin,
                "to_school": to,
                "start_year": year,
                "end_year": year + policy.term_years,
                "name": str(t.at[tid, "name"]) if "name" in t else "",
                "from_name": names.get(origin, ""),
                "to_name": names.get(to, ""),
                "stage": t.at[tid, "stage"],
                "subject": t.at[tid, "subject"],
                "education": t.at[tid, "education"],
                "backbone": t.at[tid, "backbone"],
                "years_at_school": int(str(t.at[tid, "years_at_school"])),
                "distance_km": _km(km, origin, to),
                "preferred": bool(rank),
                "reason": reason,
            }
        )
    table = pd.DataFrame(rows)
    order = ["start_year", "from_school", "stage", "subject", "teacher_id"]
    return table.sort_values(order, ignore_index=True) if len(table) else table


def _km(km: pd.DataFrame | None, origin: str, to: str) -> float:
    return round(float(str(km.at[origin, to])), 2) if km is not None else float("nan")


def _plan(
    setup: Setup, status: pd.DataFrame, moves: pd.DataFrame, settings: SolverSettings
) -> Plan:
    """A `Plan` of the filled moves (no optimisation phases of its own)."""
    years = (setup.year,)
    phases = pd.DataFrame(
        columns=["goal", "status", "value", "bound", "unit", "seconds"]
    ).rename_axis("phase")
    return Plan(
        roster=setup.roster,
        start=setup.start,
        policy=setup.policy,
        years=years,
        moves=moves,
        returns=setup.returns,
        eligibility=status,
        phases=phases,
        yearly=play_out(setup.start, setup.policy, years, moves),
        solver=SolverReport(settings, pd.DataFrame(), 0.0, float("nan"), 0),
    )

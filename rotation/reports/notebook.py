"""Short HTML summaries a notebook shows for a roster, an evaluation and a plan.

Each is a few lines and one small table, in the roster's language (Chinese for a roster that
writes its names in Chinese), with names and words instead of codes and never a NaN, <NA>,
True or False. The full figures stay in the objects' DataFrames, `print(evaluation)` and
`plan.summary()`.
"""

from __future__ import annotations

import html
from typing import Any, Protocol

import pandas as pd

from rotation.io.roster import Roster
from rotation.messages import Lang, has, text
from rotation.reports.office import cv_text, indicator_name, missing, pct_text, stage_name

# -- the shapes read --------------------------------------------------------------------------


class EvaluationView(Protocol):
    """What the summaries and plots read of an evaluation (see `rotation.Evaluation`)."""

    @property
    def roster(self) -> Roster: ...
    @property
    def county(self) -> pd.DataFrame: ...
    @property
    def schools(self) -> pd.DataFrame: ...
    @property
    def before(self) -> EvaluationView | None: ...
    @property
    def guarantees(self) -> pd.DataFrame | None: ...
    @property
    def passes(self) -> bool: ...
    @property
    def facilities_known(self) -> bool: ...
    def failing_schools(self) -> pd.DataFrame: ...


class PlanView(Protocol):
    """What the summaries and plots read of a plan (see `rotation.Plan`)."""

    @property
    def roster(self) -> Roster: ...
    @property
    def start(self) -> Roster: ...
    @property
    def years(self) -> tuple[int, ...]: ...
    @property
    def moves(self) -> pd.DataFrame: ...
    @property
    def before(self) -> EvaluationView: ...
    @property
    def after(self) -> EvaluationView: ...
    @property
    def lang(self) -> Lang: ...
    @property
    def seconds(self) -> float: ...
    @property
    def status(self) -> str: ...
    def trajectory(self) -> pd.DataFrame: ...
    def earliest_pass_year(self, with_plan: bool = True) -> int | None: ...


# -- words ------------------------------------------------------------------------------------


def verdict_text(x: object, lang: Lang) -> str:
    if missing(x):
        return "—"
    return text("verdict.pass" if bool(x) else "verdict.fail", lang)


def _count(n: int, key: str, lang: Lang) -> str:
    return text(key, lang, n=f"{n:,}")


def _table(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, escape=True, border=0, na_rep="—")


def _p(*sentences: str) -> str:
    return "<p>" + "".join(sentences) + "</p>"


# -- an evaluation ----------------------------------------------------------------------------


def cv_rows(ev: EvaluationView, lang: Lang, before: EvaluationView | None = None) -> pd.DataFrame:
    """Per judged (stage, indicator): the CV (before it, when given), threshold and verdict,
    with words for headers and values."""
    county = ev.county[ev.county["passes"].notna()]
    rows = []
    for key, row in county.iterrows():
        stage, code = _pair(key)
        out: dict[str, Any] = {
            text("col.stage", lang): stage_name(str(stage), lang),
            text("col.indicator", lang): indicator_name(str(code), lang, row["name"]),
        }
        if before is not None:
            was = before.county["cv"].get((stage, code))
            out[text("col.cv_before", lang)] = cv_text(was)
            out[text("col.cv_after", lang)] = cv_text(row["cv"])
        else:
            out[text("nb.col.cv", lang)] = cv_text(row["cv"])
        out[text("col.cv_threshold", lang)] = cv_text(row["cv_threshold"])
        out[text("col.verdict", lang)] = verdict_text(row["passes"], lang)
        rows.append(out)
    return pd.DataFrame(rows)


def _failing_cvs(ev: EvaluationView, lang: Lang) -> list[str]:
    county = ev.county[ev.county["passes"].notna()]
    out = []
    for key, row in county.iterrows():
        if not bool(row["passes"]):
            stage, code = _pair(key)
            out.append(
                f"{stage_name(stage, lang)}·{indicator_name(code, lang, row['name'], short=True)}"
            )
    return out


def _pair(key: object) -> tuple[str, str]:
    """A (stage, indicator) row key of a county table."""
    assert isinstance(key, tuple)
    return str(key[0]), str(key[1])


def cv_sentence(ev: EvaluationView, lang: Lang) -> str:
    """ "6项差异系数中4项达标；未达标：…" """
    judged = ev.county["passes"].dropna()
    line = text("nb.cvs_pass", lang, passing=int(judged.astype(bool).sum()), judged=len(judged))
    failing = _failing_cvs(ev, lang)
    if failing:
        line += text("nb.cvs_failing", lang, which=text("misc.list_sep", lang).join(failing))
    return line


def schools_sentence(ev: EvaluationView, lang: Lang) -> str:
    return text("nb.schools_failing", lang, n=len(ev.failing_schools()), total=len(ev.schools))


def _int(x: object) -> int:
    return int(x)  # type: ignore[call-overload]


def guarantee_sentence(g: pd.DataFrame, lang: Lang) -> str:
    """The review's rotation figures in one sentence."""
    return text(
        "nb.guarantees",
        lang,
        rotated=_int(g.at["rotated_teachers", "value"]),
        eligible=_int(g.at["eligible_teachers", "value"]),
        ratio=pct_text(g.at["rotation_ratio", "value"]),
        required=pct_text(g.at["rotation_ratio", "required"]),
        ratio_verdict=verdict_text(g.at["rotation_ratio", "passes"], lang),
        share=pct_text(g.at["backbone_share", "value"]),
        share_required=pct_text(g.at["backbone_share", "required"]),
        share_verdict=verdict_text(g.at["backbone_share", "passes"], lang),
    )


def evaluation_brief_html(ev: EvaluationView) -> str:
    """An evaluation: the verdict, the failing CVs and schools, the rotation figures when
    moves were judged, and the CV table."""
    lang = ev.roster.lang
    verdict = text("nb.county_passes" if ev.passes else "nb.county_fails", lang)
    lines = [_p(f"<b>{html.escape(text('nb.evaluation', lang))}</b>", html.escape(verdict))]
    lines.append(_p(html.escape(cv_sentence(ev, lang))))
    facts = [schools_sentence(ev, lang)]
    if not ev.facilities_known:
        facts.append(text("nb.no_facilities", lang))
    if ev.guarantees is not None:
        facts.append(guarantee_sentence(ev.guarantees, lang))
    lines.append(_p("<br>".join(html.escape(f) for f in facts)))
    lines.append(_table(cv_rows(ev, lang, ev.before)))
    return "\n".join(lines)


def evaluation_repr(ev: EvaluationView) -> str:
    """One line: how many CVs pass, how many schools fall short."""
    judged = ev.county["passes"].dropna()
    moved = " after moves" if ev.before is not None else ""
    return (
        f"<Evaluation{moved}: {int(judged.astype(bool).sum())}/{len(judged)} CVs pass, "
        f"{len(ev.failing_schools())}/{len(ev.schools)} schools below a threshold; "
        f"print() for the tables>"
    )


# -- a plan -----------------------------------------------------------------------------------


def years_words(years: tuple[int, ...], lang: Lang) -> str:
    if len(years) == 1:
        return text("years.one", lang, year=years[0])
    return text("years.range", lang, first=years[0], last=years[-1])


def plan_brief_html(plan: PlanView) -> str:
    """A plan: who rotates, how the CVs and schools change, how the solve ended, and the CV
    table before and after."""
    lang = plan.lang
    after, before = plan.after, plan.before
    head = text("nb.plan", lang, years=years_words(plan.years, lang))
    g = after.guarantees
    lines = [_p(f"<b>{html.escape(head)}</b>")]
    facts = []
    if len(plan.years) > 1:
        per_year = plan.moves["start_year"].value_counts()
        years = text("misc.list_sep", lang).join(
            text("nb.year_moves", lang, year=y, n=int(per_year.get(y, 0))) for y in plan.years
        )
        facts.append(text("nb.moves_by_year", lang, n=len(plan.moves), years=years))
    if g is not None:
        prefix = text("nb.last_year", lang, year=plan.years[-1]) if len(plan.years) > 1 else ""
        facts.append(prefix + guarantee_sentence(g, lang))
    judged_after = after.county["passes"].dropna()
    judged_before = before.county["passes"].dropna()
    facts.append(
        text(
            "nb.plan_cvs",
            lang,
            passing=int(judged_after.astype(bool).sum()),
            judged=len(judged_after),
            before=int(judged_before.astype(bool).sum()),
        )
    )
    failing = _failing_cvs(after, lang)
    if failing:
        facts.append(
            text("nb.still_failing", lang, which=text("misc.list_sep", lang).join(failing))
        )
    facts.append(
        text(
            "nb.plan_schools",
            lang,
            after=len(after.failing_schools()),
            before=len(before.failing_schools()),
            total=len(after.schools),
        )
    )
    if len(plan.years) > 1:
        year = plan.earliest_pass_year()
        facts.append(
            text("nb.pass_year", lang, year=year)
            if year is not None
            else text("nb.pass_year_none", lang)
        )
    status_key = f"nb.status.{plan.status}"
    status = text(status_key, lang) if has(status_key) else str(plan.status)
    facts.append(text("nb.solve", lang, status=status, seconds=f"{plan.seconds:.1f}"))
    lines.append(_p("<br>".join(html.escape(f) for f in facts)))
    lines.append(_table(cv_rows(after, lang, before)))
    return "\n".join(lines)

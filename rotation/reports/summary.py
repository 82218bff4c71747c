"""`PlanSummary`: a plan's figures as a report shows them, and its text and notebook forms.

The plan builds the summary (`Plan.summary()`); everything here is presentation of numbers the
plan computed. Figures are in the user's units only: teachers, shares, CVs, km, seconds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from rotation.messages import Lang, has, text
from rotation.policy.settings import Policy
from rotation.reports.evaluation_view import (
    MAX_SCHOOLS_LISTED,
    _cut,
    _fmt,
    _pad,
    guarantee_lines,
)
from rotation.reports.office import indicator_name, pct_text, stage_name
from rotation.reports.protocols import EvaluationLike


@dataclass(frozen=True)
class PlanSummary:
    """What a report of a plan shows.

    Attributes
    ----------
    years : tuple of int
        The school years planned.
    preset, term_years : str, int
        The policy's preset and term.
    moves : int
        Rotations in all.
    figures : pandas.DataFrame
        Per year: eligible, rotated, ratio, backbone share, passes.
    guarantees : pandas.DataFrame
        The last year's rotation figures as the review states them.
    cvs : pandas.DataFrame
        Per (stage, indicator) judged: name, CV before the plan and after it, threshold, and
        both verdicts.
    trajectory : pandas.DataFrame or None
        For a plan of several years, the CVs per year without rotation and with the plan.
    earliest_pass_year : tuple
        The first year every optimised CV passes with the plan, and without rotation.
    flows : pandas.DataFrame
        Moves between kinds of area (urban → rural, …).
    returns : int
        Teachers going home before the plan starts.
    schools_failing : tuple of int
        Schools (per stage) below a threshold before and after; and how many there are.
    limits : pandas.DataFrame
        What rotation alone cannot fix by the end of the plan.
    phases : pandas.DataFrame
        Each optimisation phase's goal, status, value and bound in the user's units.
    status : str
        "optimal" or "feasible".
    seconds, first_plan_seconds : float
        Wall time of the solve, and until the first plan.
    lang : {"zh", "en"}
        The language of the text and HTML forms (the roster's, by default).
    """

    years: tuple[int, ...]
    preset: str
    term_years: int
    moves: int
    figures: pd.DataFrame
    guarantees: pd.DataFrame
    cvs: pd.DataFrame
    trajectory: pd.DataFrame | None
    earliest_pass_year: tuple[int | None, int | None]
    flows: pd.DataFrame
    returns: int
    schools_failing: tuple[int, int, int]
    limits: pd.DataFrame
    phases: pd.DataFrame
    status: str
    seconds: float
    first_plan_seconds: float
    lang: Lang = "en"
    #: Teachers moved by a forced pin though the rules make them ineligible (teacher_id, name,
    #: reason); empty when none.
    forced: pd.DataFrame | None = None

    @classmethod
    def build(
        cls,
        *,
        years: tuple[int, ...],
        policy: Policy,
        moves: pd.DataFrame,
        figures: pd.DataFrame,
        before: EvaluationLike,
        after: EvaluationLike,
        trajectory: pd.DataFrame | None,
        earliest_pass_year: tuple[int | None, int | None],
        areas: pd.Series,
        returns: int,
        limits: pd.DataFrame,
        phases: pd.DataFrame,
        status: str,
        seconds: float,
        first_plan_seconds: float,
        lang: Lang = "en",
        forced: pd.DataFrame | None = None,
    ) -> PlanSummary:
        """Gather a plan's figures (see `rotation.Plan.summary`)."""
        assert after.guarantees is not None  # a plan's last year is judged with its moves
        return cls(
            years=years,
            preset=policy.preset,
            term_years=policy.term_years,
            moves=len(moves),
            figures=figures,
            guarantees=after.guarantees,
            cvs=cv_change(before.county, after.county),
            trajectory=trajectory,
            earliest_pass_year=earliest_pass_year,
            flows=flows_by_area(moves, areas),
            returns=returns,
            schools_failing=(
                len(before.failing_schools()),
                len(after.failing_schools()),
                len(after.schools),
            ),
            limits=limits,
            phases=phases,
            status=str(status),
            seconds=seconds,
            first_plan_seconds=first_plan_seconds,
            lang=lang,
            forced=forced,
        )

    @property
    def span(self) -> str:
        """ "2026" or "2026–2028"."""
        first, last = self.years[0], self.years[-1]
        return f"{first}" if first == last else f"{first}–{last}"

    def __str__(self) -> str:
        return summary_text(self, self.lang)

    def _repr_html_(self) -> str:
        return summary_html(self, self.lang)


def cv_change(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Per stage and judged indicator: CV before, after, threshold and both verdicts."""
    before = before.reindex(after.index)
    judged = after["passes"].notna()
    out = pd.DataFrame(
        {
            "name": after["name"],
            "cv_before": before["cv"],
            "cv_after": after["cv"],
            "threshold": after["cv_threshold"],
            "passes_before": before["passes"],
            "passes_after": after["passes"],
        }
    )
    return out[judged]


def flows_by_area(moves: pd.DataFrame, areas: pd.Series) -> pd.DataFrame:
    """How many teachers move between kinds of area (urban → rural, …)."""
    if moves.empty:
        return pd.DataFrame({"teachers": []}, dtype=int).rename_axis("direction")
    pairs = moves["from_school"].map(areas) + " → " + moves["to_school"].map(areas)
    return pairs.value_counts().rename_axis("direction").to_frame("teachers")


def _verdict(ok: object, lang: Lang = "en") -> str:
    if lang == "en":
        return "pass" if bool(ok) else "FAIL"
    return text("verdict.pass" if bool(ok) else "verdict.fail", lang)


def _area(pair: str, lang: Lang) -> str:
    """ "urban → rural" in `lang` (城区 → 乡村)."""
    if lang == "en":
        return pair
    return " → ".join(text(f"area.{a}", lang) if has(f"area.{a}") else a for a in pair.split(" → "))


def summary_text(s: PlanSummary, lang: Lang | None = None) -> str:
    """The plan as a terminal shows it, in `lang` (default: the summary's)."""
    lang = lang or s.lang
    preset = (
        text(f"policy_value.preset.{s.preset}", lang)
        if lang == "zh" and has(f"policy_value.preset.{s.preset}")
        else repr(s.preset)
    )
    lines = [
        text("summary.head", lang, span=s.span, preset=preset, term=s.term_years, moves=s.moves)
    ]
    if len(s.years) == 1:
        lines += guarantee_lines(s.guarantees, lang)
    else:
        lines.append(text("summary.per_year", lang))
        for year, row in s.figures.iterrows():
            lines.append(
                "  "
                + text(
                    "summary.year_line",
                    lang,
                    year=year,
                    rotated=row["rotated"],
                    eligible=row["eligible"],
                    ratio=pct_text(row["ratio"]),
                    share=pct_text(row["backbone_share"]),
                    verdict=_verdict(row["passes"], lang),
                )
            )
    lines += ["", text("summary.cvs", lang, year=s.years[-1])]
    for (stage, code), cv in zip(s.cvs.index, s.cvs.to_dict("records"), strict=True):
        name = indicator_name(code, lang, cv["name"])
        width = 50 if lang == "en" else 52
        lines.append(
            f"  {_pad(stage_name(stage, lang), 8)}{code:<4} {_pad(_cut(name, width), width)} "
            f"{_fmt(cv['cv_before'])} → {_fmt(cv['cv_after'])}  "
            + text(
                "summary.cv_verdict",
                lang,
                threshold=f"{cv['threshold']:.2f}",
                verdict=_verdict(cv["passes_after"], lang),
            )
        )
    if s.trajectory is not None:
        lines += ["", *_trajectory_lines(s, lang)]
    if not s.flows.empty:
        sep = text("misc.list_sep", lang)
        flows = sep.join(f"{_area(str(d), lang)} {n}" for d, n in s.flows["teachers"].items())
        lines += ["", text("summary.flows", lang, flows=flows)]
    if s.returns:
        lines.append(text("summary.returns", lang, n=s.returns))
    lines += forced_lines(s.forced, lang)
    before, after, total = s.schools_failing
    lines.append(text("summary.failing", lang, after=after, total=total, before=before))
    lines += _limit_lines(s.limits, text("summary.by_end", lang, year=s.years[-1]), lang)
    lines += ["", *_solver_lines(s, lang)]
    return "\n".join(lines)


def forced_lines(forced: pd.DataFrame | None, lang: Lang) -> list[str]:
    """A line per teacher a forced pin moves though the rules make them ineligible."""
    if forced is None or forced.empty:
        return []
    lines = [text("pins.forced_head", lang, n=len(forced))]
    for row in forced.to_dict("records"):
        who, name = str(row["teacher_id"]), str(row["name"])
        if name and name != who:
            who = f"{name}（{who}）" if lang == "zh" else f"{name} ({who})"
        lines.append("  " + text("pins.forced", lang, who=who, reason=row["reason"]))
    return lines


def _trajectory_lines(s: PlanSummary, lang: Lang = "en") -> list[str]:
    lines = [text("summary.trajectory", lang)]
    table = trajectory_table(s.trajectory)
    for (stage, code), row in zip(table.index, table.to_dict("records"), strict=True):
        cells = "   ".join(f"{y}: {row[y]}" for y in table.columns)
        lines.append(f"  {_pad(stage_name(stage, lang), 8)}{code:<5}" + cells)
    with_plan, without = s.earliest_pass_year
    never = text("summary.never", lang)
    lines.append(
        text(
            "summary.earliest",
            lang,
            with_plan=text("summary.from", lang, year=with_plan) if with_plan else never,
            without=text("summary.from", lang, year=without) if without else never,
        )
    )
    return lines


def trajectory_table(trajectory: pd.DataFrame | None) -> pd.DataFrame:
    """Rows (stage, indicator), one column per year: CV without rotation → with the plan."""
    if trajectory is None or trajectory.empty:
        return pd.DataFrame()
    cells: dict[tuple[str, str], dict[int, str]] = {}
    rows = zip(trajectory.index, trajectory.to_dict("records"), strict=True)
    for (year, stage, code), row in rows:
        mark = "" if row["passes_with_plan"] else " ✗"
        text = f"{_fmt(row['cv_without_rotation'])} → {_fmt(row['cv_with_plan'])}{mark}"
        cells.setdefault((stage, code), {})[year] = text
    out = pd.DataFrame.from_dict(cells, orient="index")
    out.index = pd.MultiIndex.from_tuples(out.index, names=["stage", "indicator"])
    return out


def _limit_lines(limits: pd.DataFrame, when: str, lang: Lang = "en") -> list[str]:
    """What rotation alone cannot fix, a line each (the first few)."""
    if limits.empty:
        return []
    lines = ["", text("summary.limits", lang, when=when)]
    for row in limits.head(MAX_SCHOOLS_LISTED).itertuples(index=False):
        kind, what, note = str(row.kind), str(row.what), str(row.note)
        if lang == "zh":
            if has(f"subject.{what}"):
                what = text(f"subject.{what}", lang)
            elif has(f"indicator.{what}"):
                what = f"{what} {text(f'indicator.{what}', lang)}"
            if has(f"limit.note.{kind}"):
                note = text(
                    f"limit.note.{kind}",
                    lang,
                    have=_number(row.have),
                    needed=_number(row.needed),
                    hires=row.hires,
                )
            kind = text(f"limit.{kind}", lang) if has(f"limit.{kind}") else kind
        lines.append(
            "  "
            + text(
                "summary.limit_line" if row.hires else "summary.limit_line_no_hire",
                lang,
                kind=kind,
                stage=stage_name(str(row.stage), lang),
                what=what,
                note=note,
                hires=row.hires,
            )
        )
    if len(limits) > MAX_SCHOOLS_LISTED:
        lines.append("  " + text("summary.more_limits", lang, n=len(limits) - MAX_SCHOOLS_LISTED))
    return lines


def _solver_lines(s: PlanSummary, lang: Lang = "en") -> list[str]:
    first = s.first_plan_seconds
    first_text = (
        text("summary.first_plan", lang, seconds=f"{first:.1f}") if not math.isnan(first) else ""
    )
    status = text(f"status.{s.status}", lang) if has(f"status.{s.status}") else s.status
    lines = [
        text("summary.solver", lang, status=status, seconds=f"{s.seconds:.1f}", first=first_text)
    ]
    for phase, row in s.phases.iterrows():
        goal, unit = str(row["goal"]), str(row["unit"])
        second_unit = row.get("second_unit")
        if lang == "zh":
            goal = text(f"phase.goal.{phase}", lang) if has(f"phase.goal.{phase}") else goal
            unit = text(f"phase.unit.{phase}", lang) if has(f"phase.unit.{phase}") else unit
            if isinstance(second_unit, str) and second_unit and has(f"phase.second.{phase}"):
                second_unit = text(f"phase.second.{phase}", lang)
        row_status = str(row["status"])
        if has(f"status.{row_status}"):
            row_status = text(f"status.{row_status}", lang)
        width = 56 if lang == "en" else 40
        line = (
            f"  {_pad(_cut(goal, width), width)} {_pad(row_status, 9)} "
            f"{_number(row['value']):>8} "
            + text("summary.bound", lang, bound=_number(row["bound"]))
            + f" {unit}"
        )
        if isinstance(second_unit, str) and second_unit:
            line += text("misc.semicolon", lang) + f"{_number(row['second'])} {second_unit}"
        lines.append(line + text("summary.seconds", lang, seconds=f"{row['seconds']:.1f}"))
    return lines


def _number(x: object) -> str:
    """A phase figure: whole numbers as such, others to four significant digits."""
    if x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)):
        return "—"
    value = float(x)  # type: ignore[arg-type]
    return f"{value:.0f}" if value.is_integer() else f"{value:.4g}"


def summary_html(s: PlanSummary, lang: Lang | None = None) -> str:
    """The plan as a notebook shows it, in `lang` (default: the summary's)."""
    lang = lang or s.lang
    change = s.cvs.copy()
    for col in ("cv_before", "cv_after"):
        change[col] = change[col].map(_fmt)
    for col in ("passes_before", "passes_after"):
        change[col] = change[col].map(lambda x: _verdict(x, lang))
    if lang == "zh":
        codes = change.index.get_level_values(-1)
        change["name"] = [
            indicator_name(str(c), lang, n) for c, n in zip(codes, change["name"], strict=True)
        ]
        change = change.rename(columns={c: text(f"summary.col.{c}", lang) for c in change})
        change = change.rename(index=lambda v: text(f"stage.{v}", lang) if has(f"stage.{v}") else v)
    g = s.guarantees
    status = text(f"status.{s.status}", lang) if has(f"status.{s.status}") else s.status
    parts = [
        text(
            "summary.html_head",
            lang,
            span=s.span,
            moves=s.moves,
            ratio=pct_text(g.at["rotation_ratio", "value"]),
            eligible=g["value"]["eligible_teachers"],
            year=s.years[-1],
            share=pct_text(g.at["backbone_share", "value"]),
            status=status,
            seconds=f"{s.seconds:.1f}",
        ),
        change.to_html(),
    ]
    if s.trajectory is not None:
        parts.append(trajectory_table(s.trajectory).to_html())
    before, after, total = s.schools_failing
    parts.append(text("summary.html_failing", lang, after=after, total=total, before=before))
    return "\n".join(parts)

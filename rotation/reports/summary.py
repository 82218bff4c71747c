"""`PlanSummary`: a plan's figures as a report shows them, and its text and notebook forms.

The plan builds the summary (`Plan.summary()`); everything here is presentation of numbers the
plan computed. Figures are in the user's units only: teachers, shares, CVs, km, seconds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from rotation.policy.settings import Policy
from rotation.reports.evaluation_view import MAX_SCHOOLS_LISTED, _fmt, _pct, guarantee_lines
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
        )

    @property
    def span(self) -> str:
        """ "2026" or "2026–2028"."""
        first, last = self.years[0], self.years[-1]
        return f"{first}" if first == last else f"{first}–{last}"

    def __str__(self) -> str:
        return summary_text(self)

    def _repr_html_(self) -> str:
        return summary_html(self)


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


def _verdict(ok: object) -> str:
    return "pass" if bool(ok) else "FAIL"


def summary_text(s: PlanSummary) -> str:
    """The plan as a terminal shows it."""
    lines = [
        f"Rotation plan {s.span} (policy preset {s.preset!r}, term {s.term_years} years): "
        f"{s.moves} teachers rotate",
    ]
    if len(s.years) == 1:
        lines += guarantee_lines(s.guarantees)
    else:
        lines.append("Rotation figures per year:")
        for year, row in s.figures.iterrows():
            lines.append(
                f"  {year}: rotated {row['rotated']} of {row['eligible']} eligible "
                f"({_pct(row['ratio'])}), backbone {_pct(row['backbone_share'])}: "
                f"{_verdict(row['passes'])}"
            )
    lines += ["", f"Official CVs, before → after the plan (end of {s.years[-1]}):"]
    for (stage, code), cv in zip(s.cvs.index, s.cvs.to_dict("records"), strict=True):
        lines.append(
            f"  {stage:<8}{code:<4} {cv['name'][:50]:<50} {_fmt(cv['cv_before'])} → "
            f"{_fmt(cv['cv_after'])}  (≤ {cv['threshold']:.2f}: {_verdict(cv['passes_after'])})"
        )
    if s.trajectory is not None:
        lines += ["", *_trajectory_lines(s)]
    if not s.flows.empty:
        lines += [
            "",
            "Moves by area: " + ", ".join(f"{d} {n}" for d, n in s.flows["teachers"].items()),
        ]
    if s.returns:
        lines.append(f"{s.returns} teachers end their rotation and return before the plan.")
    before, after, total = s.schools_failing
    lines.append(f"Schools below a threshold after: {after} of {total} (before: {before})")
    lines += _limit_lines(s.limits, f"by the end of {s.years[-1]}")
    lines += ["", *_solver_lines(s)]
    return "\n".join(lines)


def _trajectory_lines(s: PlanSummary) -> list[str]:
    lines = ["CVs per year, without rotation → with the plan (✗: above the threshold):"]
    table = trajectory_table(s.trajectory)
    for (stage, code), row in zip(table.index, table.to_dict("records"), strict=True):
        lines.append(f"  {stage:<8}{code:<5}" + "   ".join(f"{y}: {row[y]}" for y in table.columns))
    with_plan, without = s.earliest_pass_year
    lines.append(
        "Every optimised CV passes "
        + (f"from {with_plan}" if with_plan else "in no year of the plan")
        + " with the plan; without rotation "
        + (f"from {without}." if without else "in no year of the plan.")
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


def _limit_lines(limits: pd.DataFrame, when: str) -> list[str]:
    """What rotation alone cannot fix, a line each (the first few)."""
    if limits.empty:
        return []
    lines = ["", f"What rotation alone cannot fix {when} (and the least hiring that would):"]
    for row in limits.head(MAX_SCHOOLS_LISTED).itertuples(index=False):
        lines.append(f"  {row.kind}: {row.stage} {row.what}: {row.note}; hire {row.hires}")
    if len(limits) > MAX_SCHOOLS_LISTED:
        lines.append(f"  … and {len(limits) - MAX_SCHOOLS_LISTED} more (see .limits())")
    return lines


def _solver_lines(s: PlanSummary) -> list[str]:
    first = s.first_plan_seconds
    first_text = f"; first plan after {first:.1f} s" if not math.isnan(first) else ""
    lines = [f"Solver: {s.status} after {s.seconds:.1f} s{first_text}. Phases:"]
    for _, row in s.phases.iterrows():
        line = (
            f"  {row['goal']:<56} {row['status']:<9} {_number(row['value']):>8} "
            f"(bound {_number(row['bound'])}) {row['unit']}"
        )
        if isinstance(row.get("second_unit"), str) and row["second_unit"]:
            line += f"; {_number(row['second'])} {row['second_unit']}"
        lines.append(f"{line}, {row['seconds']:.1f} s")
    return lines


def _number(x: object) -> str:
    """A phase figure: whole numbers as such, others to four significant digits."""
    if x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)):
        return "—"
    value = float(x)  # type: ignore[arg-type]
    return f"{value:.0f}" if value.is_integer() else f"{value:.4g}"


def summary_html(s: PlanSummary) -> str:
    """The plan as a notebook shows it."""
    change = s.cvs.copy()
    for col in ("cv_before", "cv_after"):
        change[col] = change[col].map(_fmt)
    for col in ("passes_before", "passes_after"):
        change[col] = change[col].map(_verdict)
    g = s.guarantees
    parts = [
        f"<p><b>Rotation plan {s.span}</b>: {s.moves} teachers rotate "
        f"({_pct(g.at['rotation_ratio', 'value'])} of {g['value']['eligible_teachers']} "
        f"eligible in {s.years[-1]}; backbone {_pct(g.at['backbone_share', 'value'])}). "
        f"Solver: {s.status!s}, {s.seconds:.1f} s.</p>",
        change.to_html(),
    ]
    if s.trajectory is not None:
        parts.append(trajectory_table(s.trajectory).to_html())
    before, after, total = s.schools_failing
    parts.append(
        f"<p>Schools below a threshold after the plan: {after} of {total} (before: {before}).</p>"
    )
    return "\n".join(parts)

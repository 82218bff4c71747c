"""Reports of a plan: terminal text, notebook HTML, the office's workbook and a standalone page.

Every figure comes from the Plan; nothing is recomputed here but presentation.
"""

from __future__ import annotations

import base64
import html
import io
import math
from pathlib import Path

import pandas as pd

from rotation.reports.evaluation_view import (
    MAX_SCHOOLS_LISTED,
    _fmt,
    _pct,
    county_frame,
    guarantee_lines,
)


def cv_change(plan) -> pd.DataFrame:
    """Per stage and judged indicator: CV before, after, threshold and both verdicts."""
    after = plan.after.county
    before = plan.before.county.reindex(after.index)
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


def flows_by_area(plan) -> pd.DataFrame:
    """How many teachers move between kinds of area (urban → rural, …)."""
    if plan.moves.empty:
        return pd.DataFrame()
    area = plan.start.schools.set_index("school_id")["area"]
    pairs = plan.moves["from_school"].map(area) + " → " + plan.moves["to_school"].map(area)
    return pairs.value_counts().rename_axis("direction").to_frame("teachers")


def plan_text(plan) -> str:
    g = plan.after.guarantees
    moves = len(plan.moves)
    lines = [
        f"Rotation plan for {plan.year} (policy preset {plan.policy.preset!r}, "
        f"term {plan.policy.term_years} years): {moves} teachers rotate",
        *guarantee_lines(g),
        "",
        _solver_line(plan),
    ]
    for _, row in plan.phases.iterrows():
        lines.append(
            f"  {row['goal']:<50} {row['status']:<9} value {_fmt(row['value'], 4):>10}"
            f"  bound {_fmt(row['bound'], 4):>10} {row['unit']:<12} {row['seconds']:6.1f} s"
        )
    lines += ["", "Official CVs, before → after rotation:"]
    for (stage, code), row in cv_change(plan).iterrows():
        verdict = "pass" if row["passes_after"] else "FAIL"
        lines.append(
            f"  {stage:<8}{code:<4} {row['name'][:50]:<50} {_fmt(row['cv_before'])} → "
            f"{_fmt(row['cv_after'])}  (≤ {row['threshold']:.2f}: {verdict})"
        )
    flows = flows_by_area(plan)
    if not flows.empty:
        lines += [
            "",
            "Moves by area: " + ", ".join(f"{d} {n}" for d, n in flows["teachers"].items()),
        ]
    if len(plan.returns):
        lines.append(f"{len(plan.returns)} teachers end their rotation and return before the plan.")
    failing = plan.after.failing_schools()
    lines.append(
        f"Schools below a threshold after: {len(failing)} of {len(plan.after.schools)} "
        f"(before: {len(plan.before.failing_schools())})"
    )
    lines += _limit_lines(plan.limits(), "after this plan")
    return "\n".join(lines)


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


def _solver_line(plan) -> str:
    first = plan.first_plan_seconds
    first_text = f"; first verified plan after {first:.1f} s" if not math.isnan(first) else ""
    return (
        f"Solver: {plan.status} after {plan.seconds:.1f} s{first_text} "
        f"(greedy start: {plan.greedy_moves} moves). Phases:"
    )


def plan_html(plan) -> str:
    change = cv_change(plan).copy()
    for col in ("cv_before", "cv_after"):
        change[col] = change[col].map(_fmt)
    phases = plan.phases[["goal", "status", "value", "bound", "unit", "seconds"]]
    g = plan.after.guarantees
    return "\n".join(
        [
            f"<p><b>Rotation plan {plan.year}</b>: {len(plan.moves)} teachers rotate "
            f"({_pct(g.at['rotation_ratio', 'value'])} of {g.at['eligible_teachers', 'value']} "
            f"eligible; backbone {_pct(g.at['backbone_share', 'value'])}). Solver: "
            f"{plan.status}, {plan.seconds:.1f} s.</p>",
            change.to_html(),
            phases.to_html(float_format=lambda x: f"{x:.4g}"),
            "<p>Moves (first 20 of "
            f"{len(plan.moves)}):</p>" + plan.moves.head(20).to_html(index=False),
        ]
    )


def plan_workbook(plan, path: Path) -> Path:
    """The office's workbook: the plan, returns, CVs before/after, schools, eligibility, solver."""
    path.parent.mkdir(parents=True, exist_ok=True)
    sheets = {
        "plan": plan.moves,
        "returns": plan.returns,
        "cv": cv_change(plan).reset_index(),
        "schools_after": plan.after.schools.reset_index(),
        "schools_before": plan.before.schools.reset_index(),
        "eligibility": plan.eligibility,
        "guarantees": plan.after.guarantees.reset_index(),
        "solver": plan.phases.reset_index(),
        "policy": pd.DataFrame({"policy.toml": plan.policy.to_toml().splitlines()}),
    }
    return _write_sheets(sheets, path)


def _write_sheets(sheets: dict[str, pd.DataFrame], path: Path) -> Path:
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            _excel_safe(frame).to_excel(writer, sheet_name=name, index=False)
    return path


def _excel_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Nullable booleans and NA become plain cells openpyxl can write."""
    out = frame.copy()
    for col in out.columns:
        if str(out[col].dtype) in ("boolean", "Int64", "Float64"):
            out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out


def plan_html_file(plan, path: Path) -> Path:
    """A standalone HTML report (opens in any browser, no server)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    chart = _cv_chart(plan)
    body = [
        f"<h1>Teacher rotation plan {plan.year}</h1>",
        f"<pre>{html.escape(plan_text(plan))}</pre>",
    ]
    if chart:
        body.append(f'<img alt="CV before and after" src="data:image/png;base64,{chart}">')
    body += [
        "<h2>Indicators per school after rotation</h2>",
        plan.after.schools.to_html(float_format=lambda x: f"{x:.3g}"),
        "<h2>Moves</h2>",
        plan.moves.to_html(index=False),
        "<h2>County table after rotation</h2>",
        county_frame(plan.after).to_html(float_format=lambda x: f"{x:.3f}"),
    ]
    page = (
        "<!doctype html><html><head><meta charset='utf-8'><title>Rotation plan</title>"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;"
        "font-size:12px}td,th{border:1px solid #ccc;padding:2px 6px}</style></head><body>"
        + "\n".join(body)
        + "</body></html>"
    )
    path.write_text(page, encoding="utf-8")
    return path


def _cv_chart(plan) -> str | None:
    """CV before/after per stage and indicator, as a base64 PNG; None without matplotlib."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    change = cv_change(plan)
    stages = list(dict.fromkeys(change.index.get_level_values("stage")))
    fig, axes = plt.subplots(1, len(stages), figsize=(5 * len(stages), 3), squeeze=False)
    for ax, stage in zip(axes[0], stages, strict=True):
        part = change.loc[stage]
        x = range(len(part))
        ax.bar([i - 0.2 for i in x], part["cv_before"], width=0.4, label="before")
        ax.bar([i + 0.2 for i in x], part["cv_after"], width=0.4, label="after")
        ax.axhline(part["threshold"].iloc[0], color="red", linestyle="--", label="threshold")
        ax.set_xticks(list(x), list(part.index))
        ax.set_title(stage)
        ax.legend(fontsize=7)
    buffer = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png", dpi=90)
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


# -- plans of several years ----------------------------------------------------------------


def trajectory_table(hplan) -> pd.DataFrame:
    """Rows (stage, indicator), one column per year: CV without rotation → with the plan."""
    t = hplan.trajectory()
    cells = {}
    for (year, stage, code), row in t.iterrows():
        mark = "" if row["passes_with_plan"] else " ✗"
        text = f"{_fmt(row['cv_without_rotation'])} → {_fmt(row['cv_with_plan'])}{mark}"
        cells.setdefault((stage, code), {})[year] = text
    out = pd.DataFrame.from_dict(cells, orient="index")
    out.index = pd.MultiIndex.from_tuples(out.index, names=["stage", "indicator"])
    return out


def horizon_text(hplan) -> str:
    years = hplan.years
    lines = [
        f"Rotation plan {years[0]}–{years[-1]} (policy preset {hplan.policy.preset!r}, "
        f"term {hplan.policy.term_years} years): {len(hplan.moves)} rotations in all",
        "",
        "Rotation figures per year:",
    ]
    for year, row in hplan.figures().iterrows():
        lines.append(
            f"  {year}: rotated {row['rotated']} of {row['eligible']} eligible "
            f"({_pct(row['ratio'])}), backbone {_pct(row['backbone_share'])}: "
            f"{'pass' if row['passes'] else 'FAIL'}"
        )
    lines += ["", "CVs per year, without rotation → with the plan (✗: above the threshold):"]
    table = trajectory_table(hplan)
    for (stage, code), row in table.iterrows():
        lines.append(f"  {stage:<8}{code:<5}" + "   ".join(f"{y}: {row[y]}" for y in table.columns))
    plan_year = hplan.earliest_pass_year()
    none_year = hplan.earliest_pass_year(with_plan=False)
    lines += [
        "",
        "Every optimised CV passes "
        + (f"from {plan_year}" if plan_year else "in no year of the plan")
        + " with the plan; without rotation "
        + (f"from {none_year}." if none_year else "in no year of the plan."),
    ]
    lines += _limit_lines(hplan.limits(), f"by {years[-1]}")
    lines += ["", _solver_line(hplan)]
    for _, row in hplan.phases.iterrows():
        lines.append(
            f"  {row['goal']:<50} {row['status']:<9} value {_fmt(row['value'], 4):>10}"
            f"  bound {_fmt(row['bound'], 4):>10} {row['unit']:<12} {row['seconds']:6.1f} s"
        )
    return "\n".join(lines)


def horizon_html(hplan) -> str:
    figures = hplan.figures().copy()
    for col in ("ratio", "backbone_share"):
        figures[col] = figures[col].map(_pct)
    return "\n".join(
        [
            f"<p><b>Rotation plan {hplan.years[0]}–{hplan.years[-1]}</b>: "
            f"{len(hplan.moves)} rotations; every optimised CV passes from "
            f"{hplan.earliest_pass_year() or 'no year of the plan'}.</p>",
            figures.to_html(),
            trajectory_table(hplan).to_html(),
        ]
    )


def horizon_workbook(hplan, path: Path) -> Path:
    """The office's workbook for a plan of several years."""
    path.parent.mkdir(parents=True, exist_ok=True)
    sheets = {
        "plan": hplan.moves,
        "figures": hplan.figures().reset_index(),
        "trajectory": hplan.trajectory().reset_index(),
        "limits": hplan.limits(),
        "eligibility": hplan.eligibility,
        "solver": hplan.phases.reset_index(),
        "policy": pd.DataFrame({"policy.toml": hplan.policy.to_toml().splitlines()}),
    }
    return _write_sheets(sheets, path)


def horizon_html_file(hplan, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    page = (
        "<!doctype html><html><head><meta charset='utf-8'><title>Rotation plan</title>"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;"
        "font-size:12px}td,th{border:1px solid #ccc;padding:2px 6px}</style></head><body>"
        f"<h1>Teacher rotation plan {hplan.years[0]}–{hplan.years[-1]}</h1>"
        f"<pre>{html.escape(horizon_text(hplan))}</pre><h2>Moves</h2>"
        + hplan.moves.to_html(index=False)
        + "</body></html>"
    )
    path.write_text(page, encoding="utf-8")
    return path

"""A plan's standalone HTML page.

Every figure comes from the plan and its summary; nothing is recomputed here but presentation.
Each file is written whole or not at all (to a temporary file first, then moved into place).
"""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path

from rotation.reports.evaluation_view import county_frame
from rotation.reports.office import atomic_path
from rotation.reports.protocols import PlanLike
from rotation.reports.summary import PlanSummary, summary_text

#: Page style of the standalone report.
PAGE_STYLE = (
    "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;font-size:12px}"
    "td,th{border:1px solid #ccc;padding:2px 6px}"
)


def write_plan_page(plan: PlanLike, summary: PlanSummary, path: Path) -> Path:
    """A standalone HTML report (opens in any browser, no server)."""
    chart = _cv_chart(summary)
    body = [
        f"<h1>Teacher rotation plan {summary.span}</h1>",
        f"<pre>{html.escape(summary_text(summary))}</pre>",
    ]
    if chart:
        body.append(f'<img alt="CV before and after" src="data:image/png;base64,{chart}">')
    body += [
        "<h2>Indicators per school after the plan</h2>",
        plan.after.schools.to_html(float_format=lambda x: f"{x:.3g}"),
        "<h2>Moves</h2>",
        plan.moves.to_html(index=False),
        "<h2>County table after the plan</h2>",
        county_frame(plan.after).to_html(float_format=lambda x: f"{x:.3f}"),
    ]
    page = (
        "<!doctype html><html><head><meta charset='utf-8'><title>Rotation plan</title>"
        f"<style>{PAGE_STYLE}</style></head><body>" + "\n".join(body) + "</body></html>"
    )
    with atomic_path(path) as target:
        target.write_text(page, encoding="utf-8")
    return path


def _cv_chart(summary: PlanSummary) -> str | None:
    """CV before/after per stage and indicator, as a base64 PNG; None without matplotlib."""
    try:  # matplotlib is an optional dependency (the `plot` extra)
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    change = summary.cvs
    stages = list(dict.fromkeys(change.index.get_level_values("stage")))
    if not stages:
        return None
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

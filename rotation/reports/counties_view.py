"""The part of an evaluation's text and HTML that a roster of several counties adds: one line
per county and stage with its CVs, and the prefecture summary (one row per county).

Only presentation: the numbers come from ``Evaluation.by_county()`` and
``Evaluation.prefecture()``.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from rotation.reports.office import cv_text


def _mark(passes: object) -> str:
    if passes is None or passes is pd.NA:
        return " "
    return " " if bool(passes) else "*"


def counties_text(ev: Any) -> str:
    """Per county and stage, each judged CV (``*`` marks a failing one), then the prefecture
    summary: CVs passing and the verdict per county."""
    table = ev.by_county()
    table = table[table["passes"].notna()]
    codes = list(dict.fromkeys(table.index.get_level_values("indicator")))
    lines = [f"Each county judged on its own ({len(ev.counties)} counties; * fails):"]
    lines.append(f"  {'county':<14}{'stage':<9}" + "".join(f"{c:>8}" for c in codes))
    for (county, stage), part in table.groupby(level=["county", "stage"], sort=False):
        rows = part.droplevel(["county", "stage"])
        cells = [
            f"{cv_text(rows.at[c, 'cv'])}{_mark(rows.at[c, 'passes'])}" if c in rows.index else "—"
            for c in codes
        ]
        lines.append(f"  {str(county)[:13]:<14}{stage:<9}" + "".join(f"{x:>8}" for x in cells))
    summary = ev.prefecture()
    passing = int(summary["passes"].sum())
    lines += ["", f"Prefecture summary: {passing} of {len(summary)} counties pass"]
    lines.append(f"  {'county':<14}{'schools':>8}{'teachers':>9}{'CVs pass':>10}  verdict")
    for county, row in summary.iterrows():
        verdict = "pass" if row["passes"] else "FAIL"
        lines.append(
            f"  {str(county)[:13]:<14}{row['schools']:>8}{row['teachers']:>9}"
            f"{row['cvs_passing']:>5}/{row['cvs_judged']:<4}  {verdict}"
        )
    return "\n".join(lines)


def counties_html(ev: Any) -> str:
    """The prefecture summary and the per-county CVs as HTML tables."""
    summary = ev.prefecture()
    passing = int(summary["passes"].sum())
    cvs = ev.by_county()["cv"].unstack("indicator")
    return "\n".join(
        [
            f"<p><b>Prefecture</b>: {passing} of {len(summary)} counties pass "
            f"(each judged on its own).</p>",
            summary.to_html(float_format=lambda x: f"{x:.3f}"),
            f"<p>{html.escape('CVs per county and stage')}</p>",
            cvs.to_html(float_format=lambda x: f"{x:.3f}"),
        ]
    )

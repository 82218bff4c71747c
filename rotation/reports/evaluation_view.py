"""Reports: the text a terminal shows, the HTML a notebook shows, and files for the office.

Only presentation lives here; every number comes from the evaluation or plan objects.
"""

from __future__ import annotations

import html
import math

import pandas as pd

from rotation.io.vocabulary import STAGE_ZH

MAX_SCHOOLS_LISTED = 12


def _fmt(x: object, digits: int = 3) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA:
        return "—"
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)


def _verdict(x: object) -> str:
    if x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    return "pass" if bool(x) else "FAIL"


def county_frame(ev) -> pd.DataFrame:
    """The county table as shown: one row per stage and indicator, before/after when planned."""
    shown = ev.county[ev.county["passes"].notna()].copy()
    out = pd.DataFrame(index=shown.index)
    out["indicator"] = shown["name"]
    if ev.before is not None:
        before = ev.before.county.reindex(shown.index)
        out["CV before"] = before["cv"]
        out["pass before"] = before["passes"].map(_verdict)
    out["county value"] = shown["county_value"]
    out["CV"] = shown["cv"]
    out["threshold"] = shown["cv_threshold"]
    out["pass"] = shown["passes"].map(_verdict)
    return out


def evaluation_text(ev) -> str:
    lines = [repr(ev.roster)]
    table = county_frame(ev)
    for stage in table.index.get_level_values("stage").unique():
        part = table.loc[stage]
        limit = ev.standard.cv_thresholds[stage]
        schools = int(ev.county.loc[stage, "schools"].iloc[0])
        lines.append("")
        lines.append(
            f"{stage} ({STAGE_ZH[stage]}): {schools} schools in the CV, pass when CV ≤ {limit:.2f}"
        )
        header = f"  {'':5}{'indicator':<54}{'county':>9}"
        if ev.before is not None:
            header += f"{'CV before':>11}"
        header += f"{'CV':>8}  verdict"
        lines.append(header)
        for code, row in part.iterrows():
            line = f"  {code:<5}{row['indicator'][:52]:<54}{_fmt(row['county value'], 3):>9}"
            if ev.before is not None:
                line += f"{_fmt(row['CV before']):>11}"
            line += f"{_fmt(row['CV']):>8}  {row['pass']}"
            lines.append(line)
        mean = ev.mean_cv().get(stage)
        lines.append(f"  mean of the official CVs (the 2012 composite): {_fmt(mean)}")
    if not ev.facilities_known:
        lines += [
            "",
            "Facility data (L4–L7) is missing for some or all schools: the 6-of-7 school rule",
            "cannot be judged; schools are judged on the teacher indicators only.",
        ]
    lines += ["", *_failing_lines(ev)]
    if ev.guarantees is not None:
        lines += ["", *guarantee_lines(ev.guarantees)]
    verdict = "PASSES" if ev.passes else "DOES NOT PASS"
    lines += ["", f"County resource-allocation verdict (judged CVs): {verdict}"]
    return "\n".join(lines)


def _failing_lines(ev) -> list[str]:
    failing = ev.failing_schools()
    total = len(ev.schools)
    codes = [i.code for i in ev.standard.indicators]
    counts = {c: int((ev.schools[f"{c}_met"] == False).sum()) for c in codes}  # noqa: E712
    below = ", ".join(f"{c}: {n}" for c, n in counts.items() if n)
    lines = [f"Schools below a threshold or failing the school rule: {len(failing)} of {total}"]
    if below:
        lines[0] += f" (below: {below})"
    for (sid, stage), row in failing.head(MAX_SCHOOLS_LISTED).iterrows():
        missed = [c for c in codes if row[f"{c}_met"] is not pd.NA and not row[f"{c}_met"]]
        name = row["name"] or sid
        below = ", ".join(missed) or "school rule"
        lines.append(
            f"  {sid:<8} {name[:16]:<16} {stage:<8} {row['students']:>5} students  below: {below}"
        )
    if len(failing) > MAX_SCHOOLS_LISTED:
        lines.append(
            f"  … and {len(failing) - MAX_SCHOOLS_LISTED} more (see Evaluation.failing_schools())"
        )
    return lines


def guarantee_lines(g: pd.DataFrame) -> list[str]:
    v = g["value"]
    ratio, share = v["rotation_ratio"], v["backbone_share"]
    lines = [
        "Government-guarantee rotation figures:",
        f"  rotated {v['rotated_teachers']} of {v['eligible_teachers']} eligible teachers "
        f"({_pct(ratio)}, required ≥ {_pct(g.at['rotation_ratio', 'required'])}): "
        f"{_verdict(g.at['rotation_ratio', 'passes'])}",
        f"  backbone {v['backbone_rotated']} of {v['rotated_teachers']} rotated "
        f"({_pct(share)}, required ≥ {_pct(g.at['backbone_share', 'required'])}): "
        f"{_verdict(g.at['backbone_share', 'passes'])}",
    ]
    if v["rotated_not_eligible"]:
        lines.append(
            f"  {v['rotated_not_eligible']} rotated teachers were not eligible under the policy"
            " (pinned, or a plan made by hand)"
        )
    return lines


def _pct(x: object) -> str:
    return (
        "—" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{100 * float(x):.1f}%"
    )


def evaluation_html(ev) -> str:
    table = county_frame(ev)
    for col in ("CV before", "county value", "CV", "threshold"):
        if col in table:
            table[col] = table[col].map(_fmt)
    parts = [
        f"<p><b>Evaluation</b> of {html.escape(repr(ev.roster))}</p>",
        table.to_html(),
        "<p>County verdict on the judged CVs: "
        f"<b>{'passes' if ev.passes else 'does not pass'}</b>. "
        f"Schools below a threshold: {len(ev.failing_schools())} of {len(ev.schools)}.</p>",
    ]
    if ev.guarantees is not None:
        parts.append(
            "<p>" + "<br>".join(html.escape(x) for x in guarantee_lines(ev.guarantees)) + "</p>"
        )
    return "\n".join(parts)

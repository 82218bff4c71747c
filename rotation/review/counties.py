"""A roster of several counties judged as the review judges it: each county on its own.

The review judges a county, never a prefecture: the CVs are computed over each county's
schools, and a county passes or fails by its own. For a roster of several counties,
`rotation.evaluate` therefore judges every county apart (``Evaluation.counties``) and sums them
up here:

- `worst_county_table`: per stage and indicator, the worst county's CV and whether every county
  passes; this is ``Evaluation.county`` of a several-county roster, so "passes" keeps meaning
  "the review passes" wherever the library reads it;
- `by_county_table`: every county's CV table, one under the other (``Evaluation.by_county()``);
- `prefecture_table`: one row per county, its size, failing CVs and verdicts
  (``Evaluation.prefecture()``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from rotation.review.evaluation import Evaluation


def worst_county_table(pooled: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Per (stage, indicator): the worst county's CV, and a verdict that every county passes.

    Parameters
    ----------
    pooled
        The county table of the whole roster taken as one (for the names, the thresholds and
        the prefecture's value: the enrolment-weighted mean over all its schools).
    tables
        County → that county's own county table.

    Returns
    -------
    pandas.DataFrame
        Indexed like `pooled`: name, schools (summed), county_value (the prefecture's), cv (the
        highest county CV), cv_threshold, passes (every county that judges it passes; NA when
        none can), worst_county, counties_passing, counties_judged.
    """
    out = pooled.copy()
    out["worst_county"] = ""
    out["counties_passing"] = 0
    out["counties_judged"] = 0
    out["passes"] = out["passes"].astype(object)
    for key in out.index:
        rows = {name: t.loc[key] for name, t in tables.items() if key in t.index}
        judged = {name: row for name, row in rows.items() if not pd.isna(row["passes"])}
        out.at[key, "schools"] = sum(int(row["schools"]) for row in rows.values())
        out.at[key, "counties_judged"] = len(judged)
        out.at[key, "counties_passing"] = sum(bool(row["passes"]) for row in judged.values())
        if not judged:
            out.at[key, "cv"] = math.nan
            out.at[key, "passes"] = pd.NA
            continue
        # a CV that cannot be computed (NaN, no school has the resource) is the worst of all
        worst = max(judged, key=lambda n: math.inf if pd.isna(judged[n]["cv"]) else judged[n]["cv"])
        out.at[key, "worst_county"] = worst
        out.at[key, "cv"] = judged[worst]["cv"]
        out.at[key, "passes"] = all(bool(row["passes"]) for row in judged.values())
    return out


def by_county_table(counties: Mapping[str, Evaluation]) -> pd.DataFrame:
    """Every county's CV table, indexed by (county, stage, indicator).

    Returns
    -------
    pandas.DataFrame
        name, schools, county_value, cv, cv_threshold, passes (and with a plan cv_before,
        passes_before) per county, stage and indicator.
    """
    frames = []
    for name, ev in counties.items():
        table = ev.county.copy()
        if ev.before is not None:
            table["cv_before"] = ev.before.county["cv"].reindex(table.index)
            table["passes_before"] = ev.before.county["passes"].reindex(table.index)
        frames.append(pd.concat({name: table}, names=["county"]))
    return pd.concat(frames) if frames else pd.DataFrame()


def prefecture_table(counties: Mapping[str, Evaluation]) -> pd.DataFrame:
    """One row per county: its schools, teachers and students, how many judged CVs pass, the
    failing ones, the mean CV per stage, the verdict, and with a plan its rotation figures.

    Returns
    -------
    pandas.DataFrame
        Indexed by county.
    """
    rows = []
    for name, ev in counties.items():
        size = ev.roster.summary()
        verdicts = ev.county["passes"].dropna()
        failing = [_label(key) for key, ok in verdicts.items() if not bool(ok)]
        row: dict[str, object] = {
            "county": name,
            "schools": size["schools"],
            "teachers": size["teachers"],
            "students": size["students"],
            "cvs_judged": len(verdicts),
            "cvs_passing": int(verdicts.astype(bool).sum()),
            "failing": ", ".join(failing),
        }
        for stage, mean in ev.mean_cv().items():
            row[f"mean_cv_{stage}"] = mean
        if ev.before is not None:
            before = ev.before.county["passes"].dropna()
            row["cvs_passing_before"] = int(before.astype(bool).sum())
        if ev.guarantees is not None:
            g = ev.guarantees
            row["eligible"] = g.at["eligible_teachers", "value"]
            row["rotated"] = g.at["rotated_teachers", "value"]
            row["rotation_ratio"] = g.at["rotation_ratio", "value"]
            row["backbone_share"] = g.at["backbone_share", "value"]
            row["rotation_passes"] = bool(
                g.at["rotation_ratio", "passes"] and g.at["backbone_share", "passes"]
            )
        row["passes"] = ev.passes
        rows.append(row)
    return pd.DataFrame(rows).set_index("county") if rows else pd.DataFrame()


def _label(key: object) -> str:
    """ "middle L2" for the index key ("middle", "L2")."""
    return " ".join(str(k) for k in key) if isinstance(key, tuple) else str(key)


def all_counties_pass(guarantees: pd.DataFrame, counties: Mapping[str, Evaluation]) -> pd.DataFrame:
    """The whole roster's rotation figures, each verdict true only when every county's is."""
    out = guarantees.copy()
    for ev in counties.values():
        if ev.guarantees is None:
            continue
        for figure in out.index:
            if figure in ev.guarantees.index:
                ok = bool(out.at[figure, "passes"]) and bool(ev.guarantees.at[figure, "passes"])
                out.at[figure, "passes"] = ok
    return out

"""What rotation alone cannot fix, and the least hiring that would.

Rotation only moves teachers inside the county: it cannot raise a county total. Three limits
follow, each checked here on a roster (typically the roster after a plan):

- a subject the county has too few teachers of to cover every school's need;
- an indicator whose county value is below its per-school threshold, so that even a perfectly
  even spread leaves schools below it;
- a CV still above its threshold after rotation, which new teachers placed where they lower it
  most can bring down.

For the last, new teachers are added one at a time to the school where one more teacher lowers
Σ R²/P the most; for a separable convex objective this marginal allocation is optimal for every
number of hires, so the first count at which the CV passes is the least hiring.
"""

from __future__ import annotations

import math
from typing import cast

import numpy as np
import numpy.typing as npt
import pandas as pd

from rotation.indicators.cv import weighted_cv
from rotation.indicators.tables import county_table, resources
from rotation.io.roster import Roster
from rotation.policy.requirements import subject_counts, subject_need
from rotation.policy.settings import Policy


def rotation_limits(roster: Roster, policy: Policy) -> pd.DataFrame:
    """One row per limit found: kind, stage, what (subject or indicator), have, needed, hires.

    `kind` is "subject shortage", "county value below threshold", "CV above threshold" or
    "facility CV above threshold"; `hires` is the least number of new teachers that would
    remove the limit (0 for a facility: building and equipment, not teachers).
    """
    rows = [
        *_subject_shortages(roster, policy),
        *_indicator_limits(roster, policy),
        *_facility_limits(roster, policy),
    ]
    columns = ["kind", "stage", "what", "have", "needed", "hires", "note"]
    return pd.DataFrame(rows, columns=columns)


def _subject_shortages(roster: Roster, policy: Policy) -> list[dict[str, object]]:
    """Subjects whose county total is below the sum of the schools' needs."""
    units = roster.units()
    need = subject_need(units, policy)
    have = subject_counts(roster.teachers).reindex(need.index).fillna(0)
    rows: list[dict[str, object]] = []
    for stage in need.index.get_level_values("stage").unique():
        # xs on a level of a DataFrame's index gives a DataFrame; its sum, one per subject
        n = cast(pd.DataFrame, need.xs(stage, level="stage")).sum()
        have_here = cast(pd.DataFrame, have.xs(stage, level="stage"))
        h = have_here.reindex(columns=n.index).fillna(0).sum()
        for subject in n.index:
            if h[subject] < n[subject]:
                rows.append(
                    {
                        "kind": "subject shortage",
                        "stage": stage,
                        "what": subject,
                        "have": int(h[subject]),
                        "needed": int(n[subject]),
                        "hires": int(n[subject] - h[subject]),
                        "note": "fewer teachers of the subject in the county than its schools need",
                    }
                )
    return rows


def _indicator_limits(roster: Roster, policy: Policy) -> list[dict[str, object]]:
    standard = policy.standard
    res = resources(roster, standard)
    rows: list[dict[str, object]] = []
    for ind in standard.teacher_indicators:
        for stage in res.index.get_level_values("stage").unique():
            part = res[(res.index.get_level_values("stage") == stage) & res["in_cv"]]
            r = part[ind.code].to_numpy(dtype=float)
            p = part["students"].to_numpy(dtype=float)
            limit = ind.thresholds[stage]
            needed = math.ceil(limit * p.sum() / ind.per - 1e-9)
            if r.sum() < needed:
                rows.append(
                    {
                        "kind": "county value below threshold",
                        "stage": stage,
                        "what": ind.code,
                        "have": int(r.sum()),
                        "needed": needed,
                        "hires": int(needed - r.sum()),
                        "note": f"county value {r.sum() * ind.per / p.sum():.2f} < {limit}",
                    }
                )
            cv_limit = standard.cv_thresholds[stage]
            cv = weighted_cv(r, p)
            if not math.isnan(cv) and cv > cv_limit:
                hires = least_hires_for_cv(r, p, cv_limit)
                rows.append(
                    {
                        "kind": "CV above threshold",
                        "stage": stage,
                        "what": ind.code,
                        "have": int(r.sum()),
                        "needed": int(r.sum() + hires),
                        "hires": hires,
                        "note": f"CV {cv:.3f} > {cv_limit}",
                    }
                )
    return rows


def _facility_limits(roster: Roster, policy: Policy) -> list[dict[str, object]]:
    """Facility indicators (L4–L7) whose CV fails: no rotation of teachers can change them."""
    standard = policy.standard
    county = county_table(resources(roster, standard), standard)
    rows: list[dict[str, object]] = []
    for ind in standard.facility_indicators:
        for key, row in county.iterrows():
            stage, code = cast("tuple[str, str]", key)
            if code == ind.code and row["passes"] is not pd.NA and not row["passes"]:
                rows.append(
                    {
                        "kind": "facility CV above threshold",
                        "stage": stage,
                        "what": code,
                        "have": None,
                        "needed": None,
                        "hires": 0,
                        "note": f"CV {row['cv']:.3f} > {row['cv_threshold']}: build or equip",
                    }
                )
    return rows


def least_hires_for_cv(
    resources_: npt.ArrayLike,
    students: npt.ArrayLike,
    limit: float,
    cap: int = 10_000,
) -> int:
    """Fewest teachers to add (each where it lowers the CV most) for the CV to reach `limit`."""
    r = np.asarray(resources_, dtype=float).copy()
    p = np.asarray(students, dtype=float)
    for hires in range(cap + 1):
        if weighted_cv(r, p) <= limit:
            return hires
        # adding one at u changes Σ R²/P by (2R+1)/P; the total grows the same wherever it goes
        r[int(np.argmin((2 * r + 1) / p))] += 1
    return cap

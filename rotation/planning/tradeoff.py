"""The trade-off curve over the rotation ratio: how many teachers move, and what the CVs gain.

For each ratio r the plan rotates exactly ceil(r × eligible) teachers (the policy's minimum and
maximum ratio both set to r) and is otherwise optimised as `rotation.plan` does. Deterministic
by default (one worker, CP-SAT's deterministic time), so the same roster gives the same curve.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from rotation.errors import InfeasibleError
from rotation.io.roster import Roster, read_roster
from rotation.model import NoPlanFound, SolverSettings
from rotation.planning.planner import plan
from rotation.policy.settings import Policy

__all__ = ["DEFAULT_RATIOS", "TRADEOFF_COLUMNS", "tradeoff"]

#: 10 % to 15 % in steps of one point.
DEFAULT_RATIOS = (0.10, 0.11, 0.12, 0.13, 0.14, 0.15)
#: The columns of `tradeoff`, after its index `ratio`.
TRADEOFF_COLUMNS = ("moves", "sum_cv2", "sum_cv", "cvs_passing", "cvs_judged", "feasible")


def tradeoff(
    roster: Roster | str | Path,
    policy: Policy | None = None,
    year: int | None = None,
    *,
    ratios: Sequence[float] = DEFAULT_RATIOS,
    settings: SolverSettings | None = None,
    time_limit: float = 20.0,
) -> pd.DataFrame:
    """Moves against the optimised CVs, one plan per rotation ratio.

    Parameters
    ----------
    roster, policy, year
        As for `rotation.plan` (one year).
    ratios
        The rotation ratios (shares of eligible teachers), default 10 %–15 % by one point.
    settings
        Solver settings for each plan (default: deterministic, one worker, `time_limit`).
    time_limit
        Seconds per plan when `settings` is not given.

    Returns
    -------
    pandas.DataFrame
        Indexed by ratio: moves, sum_cv2 (Σ CV² of the optimised indicators, every stage),
        sum_cv (Σ CV), cvs_passing and cvs_judged (CVs within their thresholds, of those
        judged), feasible (False where no plan keeps the rules at that ratio: NaN figures).
        ``.plot()`` draws it (pandas, with matplotlib); `rotation.reports.plots.tradeoff_figure`
        draws the chart in the roster's language.
    """
    roster = read_roster(roster)
    policy = policy or Policy()
    settings = settings or SolverSettings(time_limit=time_limit, num_workers=1, deterministic=True)
    rows = []
    for ratio in ratios:
        fixed = dataclasses.replace(policy, min_rotation_ratio=ratio, max_rotation_ratio=ratio)
        row: dict[str, object] = {"ratio": ratio}
        try:
            p = plan(roster, fixed, year, settings=settings, progress=False)
        except (InfeasibleError, NoPlanFound):
            rows.append(row | dict.fromkeys(TRADEOFF_COLUMNS[:-1], np.nan) | {"feasible": False})
            continue
        county = p.after.county
        judged = county[county["passes"].notna()]
        judged = judged[judged.index.get_level_values(1).isin(p.optimised())]
        cv = judged["cv"].astype(float)
        rows.append(
            row
            | {
                "moves": len(p.moves),
                "sum_cv2": float((cv**2).sum()),
                "sum_cv": float(cv.sum()),
                "cvs_passing": int(judged["passes"].astype(bool).sum()),
                "cvs_judged": len(judged),
                "feasible": True,
            }
        )
    return pd.DataFrame(rows, columns=["ratio", *TRADEOFF_COLUMNS]).set_index("ratio")

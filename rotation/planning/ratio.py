"""`minimum_ratio_to_pass`: how much rotation does the county need to pass by a given year?"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from rotation.io.roster import Roster
from rotation.messages import Lang, text
from rotation.model import SolverSettings, all_cvs_pass_by
from rotation.planning.setup import prepare
from rotation.policy.settings import Policy

#: Ratios are searched in whole percent.
PERCENT = 100
#: Slack when turning a float ratio into whole percent (0.1 × 100 is 10.000000000000002).
FLOAT_SLACK = 1e-9
#: Share of the time limit each trial solve may use: the search makes at most nine trials (the
#: floor, 100 %, then at most seven halvings of 0–100 %).
TRIAL_SHARE = 1 / 10


@dataclass(frozen=True)
class RatioAnswer:
    """The answer of `minimum_ratio_to_pass`.

    Attributes
    ----------
    ratio : float or None
        The smallest yearly rotation ratio (whole percent) with which every optimised CV can
        pass by the target year; None when even rotating every eligible teacher does not.
    floor : float
        The policy's minimum ratio.
    proven : bool
        True when every smaller ratio was proven not to pass (False: a trial ran out of time).
    checked : dict
        Each ratio tried → True (passes), False (proven not to) or None (unknown).
    """

    ratio: float | None
    floor: float
    proven: bool
    checked: dict[float, bool | None]

    @property
    def floor_suffices(self) -> bool:
        """True when the policy's own minimum ratio is already enough."""
        return self.ratio is not None and self.ratio <= self.floor

    def __str__(self) -> str:
        if self.ratio is None:
            return "no ratio passes by then, not even rotating every eligible teacher"
        proven = "proven" if self.proven else "not proven minimal within the time limit"
        text = f"the lowest ratio that passes is {self.ratio:.0%} ({proven})"
        if self.floor_suffices:
            text += f"; the policy's floor {self.floor:.0%} is above it, so the floor suffices"
        return text

    def render(self, lang: Lang) -> str:
        """The answer as a sentence in `lang` (the catalogue's words)."""
        if self.ratio is None:
            return text("ratio.none", lang)
        out = text(
            "ratio.lowest" if self.proven else "ratio.lowest_unproven",
            lang,
            ratio=f"{self.ratio:.0%}",
        )
        if self.floor_suffices:
            out += text("ratio.floor_suffices", lang, floor=f"{self.floor:.0%}")
        return out


def minimum_ratio_to_pass(
    roster: Roster | str | Path,
    policy: Policy | None = None,
    year: int | None = None,
    target_year: int | None = None,
    *,
    settings: SolverSettings | None = None,
) -> RatioAnswer:
    """The smallest yearly rotation ratio, in whole percent, with which every optimised CV can
    pass in `target_year`, rotating at most that share of the eligible each year.

    When the policy's floor passes, the search goes below it (the floor lifted for the trial),
    so the answer says how much less would do; otherwise it searches between the floor and
    100 %. Each trial solve gets a tenth of the time limit.

    Parameters
    ----------
    roster : Roster, str or Path
        The county's roster.
    policy : Policy, optional
        The rules (default: the Anhui preset).
    year : int, optional
        The first school year (default: this calendar year).
    target_year : int, optional
        The year by which every optimised CV must pass (default: `year`).
    settings : SolverSettings, optional
        Time limit (for the whole search), workers, seed.

    Returns
    -------
    RatioAnswer
    """
    settings = settings or SolverSettings()
    setup = prepare(roster, policy, year)
    policy = setup.policy
    target_year = target_year if target_year is not None else setup.year
    years = tuple(range(setup.year, target_year + 1))
    trial_seconds = settings.time_limit * TRIAL_SHARE
    checked: dict[float, bool | None] = {}

    floor = math.ceil(policy.min_rotation_ratio * PERCENT - FLOAT_SLACK)

    def passes(percent: int) -> bool | None:
        ratio = percent / PERCENT
        # At most `ratio` of the eligible a year. Below the policy's floor, the floor is
        # lifted for the trial: the question is then whether the floor is more than needed.
        least = policy.min_rotation_ratio if percent >= floor else 0.0
        trial = policy.replace(min_rotation_ratio=least, max_rotation_ratio=ratio)
        checked[ratio] = all_cvs_pass_by(
            setup.start, trial, years, setup.km, settings, trial_seconds
        )
        return checked[ratio]

    # Bisection on whole percent; invariant: lo fails (or is unknown), hi passes.
    if passes(floor):
        lo, hi = -1, floor
    elif passes(PERCENT):
        lo, hi = floor, PERCENT
    else:
        return RatioAnswer(None, policy.min_rotation_ratio, checked[1.0] is False, checked)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if passes(mid):
            hi = mid
        else:
            lo = mid
    proven = all(v is False for r, v in checked.items() if r < hi / PERCENT)
    return RatioAnswer(hi / PERCENT, policy.min_rotation_ratio, proven, checked)

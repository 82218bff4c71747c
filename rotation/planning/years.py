"""A plan played out year by year: each year's roster with the plan and without any rotation."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from rotation.io.roster import Roster
from rotation.policy.settings import Policy
from rotation.policy.timeline import next_year
from rotation.review.evaluation import Evaluation, evaluate


@dataclass(frozen=True)
class PlanYear:
    """One school year of a plan.

    Attributes
    ----------
    year : int
        The school year.
    start : Roster
        The roster at the start of the year, with the plan's earlier years applied.
    without_rotation : Roster
        The same year had the plan moved nobody (teachers still age, retire and return).
    after : Evaluation
        The roster after the year's moves, judged; ``after.before`` is `start` judged and
        ``after.guarantees`` the year's rotation figures.
    without : Evaluation
        `without_rotation` judged.
    """

    year: int
    start: Roster
    without_rotation: Roster
    after: Evaluation
    without: Evaluation

    @property
    def before(self) -> Evaluation:
        """The roster at the start of the year, before its moves, judged."""
        assert self.after.before is not None  # evaluate() with moves always sets it
        return self.after.before


def play_out(
    start: Roster, policy: Policy, years: tuple[int, ...], moves: pd.DataFrame
) -> dict[int, PlanYear]:
    """Each year of the plan: the roster with the plan (before and after its moves) and
    without any rotation, judged."""
    out: dict[int, PlanYear] = {}
    state = plain = start
    for i, year in enumerate(years):
        if i:
            previous = years[i - 1]
            state, _ = next_year(out[previous].after.roster, policy, previous)
            plain, _ = next_year(plain, policy, previous)
        year_moves = moves[moves["start_year"] == year]
        after = evaluate(state, policy, year, moves=year_moves)
        out[year] = PlanYear(year, state, plain, after, evaluate(plain, policy))
    return out

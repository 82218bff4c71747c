"""`plan`: a one-year rotation plan for a roster under a policy, and the `Plan` it returns.

The Plan carries everything an office needs to act on and to defend the result: the moves, the
indicators before and after, the review's rotation figures, how each optimisation phase ended
(proven optimal or not, with its bound), and `verify()`, an independent check of every rule.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from rotation.io.moves import write_moves
from rotation.io.roads import distances as distance_table
from rotation.io.roster import Roster, load_roster
from rotation.planning.verify import Violation, verify_plan
from rotation.policy.settings import Policy
from rotation.review.evaluation import Evaluation, evaluate


@dataclass(frozen=True, repr=False, eq=False)
class Plan:
    """A rotation plan for one school year.

    `moves`: one row per rotated teacher (teacher_id, from_school, to_school, start_year,
    end_year, then stage, subject, education, backbone, years_at_school, counts_for,
    distance_km, preferred, reason). `returns`: teachers whose term ended and who go home
    before the plan starts. `before` / `after`: evaluations of the roster at the start of the
    year and after the moves (`after.guarantees` has the rotation ratio and backbone share).
    `phases`: per optimisation phase its status, objective, bound and seconds.
    """

    roster: Roster
    start: Roster
    policy: Policy
    year: int
    moves: pd.DataFrame
    returns: pd.DataFrame
    eligibility: pd.DataFrame
    before: Evaluation
    after: Evaluation
    phases: pd.DataFrame
    seconds: float
    pins: pd.DataFrame = field(default_factory=pd.DataFrame)
    distances: pd.DataFrame | None = None
    greedy_moves: int = 0
    first_plan_seconds: float = math.nan

    # -- solver summary --------------------------------------------------------------------
    @property
    def status(self) -> str:
        """ "optimal" when every phase was proven optimal, else "feasible"."""
        return overall_status(self.phases)

    def _cv_phase(self) -> pd.Series | None:
        if "cvs" in self.phases.index:
            return self.phases.loc["cvs"]
        return None

    @property
    def objective(self) -> float:
        """Σ weight·CV² of the optimised indicators, as the model stated it (phase c)."""
        row = self._cv_phase()
        return float(row["value"]) if row is not None else math.nan

    @property
    def bound(self) -> float:
        """The best proven lower bound on `objective`."""
        row = self._cv_phase()
        return float(row["bound"]) if row is not None else math.nan

    @property
    def gap(self) -> float:
        """Relative gap between objective and bound (0 when proven optimal)."""
        if math.isnan(self.objective) or self.objective == 0:
            return 0.0 if self.objective == 0 else math.nan
        return max(0.0, (self.objective - self.bound) / abs(self.objective))

    @property
    def roster_after(self) -> Roster:
        return self.after.roster

    def limits(self) -> pd.DataFrame:
        """What rotation alone cannot fix after this plan, and the least hiring that would."""
        from rotation.review.limits import rotation_limits

        return rotation_limits(self.after.roster, self.policy)

    # -- checks and output ------------------------------------------------------------------
    def verify(self) -> list[Violation]:
        """Every hard rule the moves break (an empty list: the plan keeps them all)."""
        return verify_plan(
            self.start, self.moves, self.policy, self.year, self.pins, self.distances
        )

    def save(self, path: str | Path) -> Path:
        """Write the moves as the contract's plan CSV."""
        return write_moves(self.moves, path)

    def to_excel(self, path: str | Path) -> Path:
        from rotation.reports.plan_view import plan_workbook

        return plan_workbook(self, Path(path))

    def to_html(self, path: str | Path) -> Path:
        from rotation.reports.plan_view import plan_html_file

        return plan_html_file(self, Path(path))

    def __repr__(self) -> str:
        from rotation.reports.plan_view import plan_text

        return plan_text(self)

    def _repr_html_(self) -> str:
        from rotation.reports.plan_view import plan_html

        return plan_html(self)


def plan(
    roster: Roster | str | Path,
    policy: Policy | None = None,
    year: int | None = None,
    *,
    pins: pd.DataFrame | None = None,
    roads: pd.DataFrame | None = None,
    time_limit: float = 60.0,
    num_workers: int = 2,
    seed: int = 0,
    log: bool = False,
    max_destinations: int | None = None,
) -> Plan:
    """Plan one school year's rotation: the rules kept, the official CVs optimised.

    `pins`: a table of teacher_id, action (move / stay / to / not_to) and school.
    `roads`: an edge table (from, to, km) replacing straight-line distances. `time_limit`
    covers the whole solve (presolve included); `num_workers` should not exceed the cores;
    the same `seed` with one worker repeats a plan. Raises InfeasibleError (with the rules
    that clash) when no plan can keep the rules.
    """
    from rotation.model import SolverSettings, solve_rotation

    setup = prepare(roster, policy, year, roads)
    roster, policy, year, start, km = setup.roster, setup.policy, setup.year, setup.start, setup.km
    settings = SolverSettings(time_limit, num_workers, seed, log, max_destinations=max_destinations)
    result = solve_rotation(start, policy, year, settings, pins=pins, distances=km)
    after = evaluate(start, result.moves, policy=policy, year=year)
    return Plan(
        roster=roster,
        start=start,
        policy=policy,
        year=year,
        moves=result.moves,
        returns=setup.returns,
        eligibility=result.eligibility,
        before=after.before,
        after=after,
        phases=result.phases,
        seconds=result.seconds,
        pins=result.pins,
        distances=km,
        greedy_moves=result.greedy_moves,
        first_plan_seconds=result.first_plan_seconds,
    )


@dataclass(frozen=True)
class Setup:
    """What every planning entry point does first: the roster read, the policy and year
    settled, rotations ending this year ended, and the distance table the rules use."""

    roster: Roster
    policy: Policy
    year: int
    returns: pd.DataFrame
    start: Roster
    km: pd.DataFrame | None


def prepare(
    roster: Roster | str | Path, policy: Policy | None, year: int | None, roads=None
) -> Setup:
    roster = load_roster(roster)
    policy = policy or Policy()
    year = year if year is not None else dt.date.today().year
    start = roster.end_rotations(year, policy.return_after_term)
    km = distance_table(start.schools, roads)
    return Setup(roster, policy, year, roster.rotations_ending(year), start, km)


def overall_status(phases: pd.DataFrame) -> str:
    """ "optimal" when every phase was proven optimal, else "feasible"."""
    return "optimal" if (phases["status"] == "optimal").all() else "feasible"

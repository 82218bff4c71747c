"""Several school years at once: the road to passing the review.

`plan_horizon` plans years Y … Y+N−1 in one model: each year meets the ratio and backbone share
of that year's eligible teachers (those the plan already moved are away, not eligible), moves
last the policy's term and then the teacher returns (or stays), tenure grows and resets on a
move, teachers retire by age, and nobody rotates twice within the plan. Because the first
phase counts every failing CV of every year, the plan passes as early as the rules allow.

`HorizonPlan` shows the trajectory year by year (CVs with the plan and without any rotation),
the earliest year every optimised CV passes, what rotation alone cannot fix at the end, and
re-checks every year independently. `minimum_ratio_to_pass` answers "how much rotation do we
need to pass by a given year?".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from ortools.sat.python import cp_model

from rotation.errors import InputError, Problem
from rotation.io.moves import write_moves
from rotation.io.roster import Roster
from rotation.planning.result import overall_status, prepare
from rotation.planning.verify import Violation, verify_plan
from rotation.policy.settings import Policy
from rotation.policy.timeline import next_year
from rotation.review.evaluation import Evaluation, evaluate
from rotation.review.limits import rotation_limits


@dataclass(frozen=True, repr=False, eq=False)
class HorizonPlan:
    """A rotation plan for consecutive school years.

    `moves`: one row per rotated teacher, `start_year` the year of the move (the contract's
    columns, then the same details as a one-year plan). `evaluations[y]`: the roster of year y
    after that year's moves, judged (with `before` and the year's rotation figures);
    `baseline[y]`: the same year had nobody been rotated by the plan.
    """

    roster: Roster
    start: Roster
    policy: Policy
    years: tuple[int, ...]
    moves: pd.DataFrame
    returns: pd.DataFrame
    eligibility: pd.DataFrame
    phases: pd.DataFrame
    seconds: float
    before_states: dict[int, Roster]
    baseline_states: dict[int, Roster]
    evaluations: dict[int, Evaluation]
    baseline: dict[int, Evaluation]
    pins: pd.DataFrame = field(default_factory=pd.DataFrame)
    distances: pd.DataFrame | None = None
    greedy_moves: int = 0
    first_plan_seconds: float = math.nan

    # -- what it achieves ------------------------------------------------------------------
    @property
    def year(self) -> int:
        return self.years[0]

    @property
    def before(self) -> Evaluation:
        """The first year before any move."""
        return self.evaluations[self.years[0]].before

    @property
    def after(self) -> Evaluation:
        """The last year, after its moves."""
        return self.evaluations[self.years[-1]]

    @property
    def status(self) -> str:
        return overall_status(self.phases)

    def moves_in(self, year: int) -> pd.DataFrame:
        return self.moves[self.moves["start_year"] == year]

    def optimised(self) -> list[str]:
        """The indicator codes the plan works on (weight > 0)."""
        return [code for code, w in self.policy.weights.items() if w > 0]

    def trajectory(self) -> pd.DataFrame:
        """Per year, stage and optimised indicator: the CV without rotation and with the plan,
        the threshold and whether each passes."""
        rows = []
        for year in self.years:
            plan, base = self.evaluations[year].county, self.baseline[year].county
            for (stage, code), row in plan.iterrows():
                if code not in self.optimised():
                    continue
                rows.append(
                    {
                        "year": year,
                        "stage": stage,
                        "indicator": code,
                        "cv_without_rotation": base.at[(stage, code), "cv"],
                        "cv_with_plan": row["cv"],
                        "threshold": row["cv_threshold"],
                        "passes_without_rotation": bool(base.at[(stage, code), "passes"]),
                        "passes_with_plan": bool(row["passes"]),
                    }
                )
        return pd.DataFrame(rows).set_index(["year", "stage", "indicator"])

    def figures(self) -> pd.DataFrame:
        """Per year: eligible, rotated, ratio, backbone share and whether the review's rotation
        figures pass."""
        rows = []
        for year in self.years:
            g = self.evaluations[year].guarantees["value"]
            passes = self.evaluations[year].guarantees["passes"]
            rows.append(
                {
                    "year": year,
                    "eligible": int(g["eligible_teachers"]),
                    "rotated": int(g["rotated_teachers"]),
                    "ratio": g["rotation_ratio"],
                    "backbone_share": g["backbone_share"],
                    "passes": bool(passes["rotation_ratio"] and passes["backbone_share"]),
                }
            )
        return pd.DataFrame(rows).set_index("year")

    def earliest_pass_year(self, with_plan: bool = True) -> int | None:
        """The first year in which every optimised CV passes (None: not within the horizon)."""
        column = "passes_with_plan" if with_plan else "passes_without_rotation"
        verdict = self.trajectory()[column].groupby(level="year").all()
        passing = [year for year, ok in verdict.items() if ok]
        return passing[0] if passing else None

    def limits(self) -> pd.DataFrame:
        """What rotation alone cannot fix by the last year, and the least hiring that would."""
        return rotation_limits(self.evaluations[self.years[-1]].roster, self.policy)

    # -- checks and output -------------------------------------------------------------------
    def verify(self) -> list[Violation]:
        """Every hard rule broken in any year, plus anyone rotating twice within the plan."""
        out = []
        twice = self.moves["teacher_id"][self.moves["teacher_id"].duplicated()]
        out += [Violation("R4", f"{tid} rotates twice within the plan") for tid in twice]
        stays = self.pins[self.pins["action"] == "stay"] if len(self.pins) else self.pins
        for i, year in enumerate(self.years):
            out += verify_plan(
                self.before_states[year],
                self.moves_in(year),
                self.policy,
                year,
                self.pins if i == 0 else stays,
                self.distances,
                baseline=self.baseline_states[year],
                reference=self.start,
            )
        return out

    def save(self, path: str | Path) -> Path:
        """Write every year's moves as the contract's plan CSV."""
        return write_moves(self.moves, path)

    def to_excel(self, path: str | Path) -> Path:
        from rotation.reports.plan_view import horizon_workbook

        return horizon_workbook(self, Path(path))

    def to_html(self, path: str | Path) -> Path:
        from rotation.reports.plan_view import horizon_html_file

        return horizon_html_file(self, Path(path))

    def __repr__(self) -> str:
        from rotation.reports.plan_view import horizon_text

        return horizon_text(self)

    def _repr_html_(self) -> str:
        from rotation.reports.plan_view import horizon_html

        return horizon_html(self)


def plan_horizon(
    roster: Roster | str | Path,
    policy: Policy | None = None,
    year: int | None = None,
    horizon: int = 3,
    *,
    pins: pd.DataFrame | None = None,
    roads: pd.DataFrame | None = None,
    time_limit: float = 180.0,
    num_workers: int = 2,
    seed: int = 0,
    log: bool = False,
    max_destinations: int | None = None,
) -> HorizonPlan:
    """Plan `horizon` consecutive school years from `year` in one model (see module doc).

    Pins hold for the first year (a "stay" pin for the whole plan). Arguments otherwise as
    `rotation.plan`."""
    from rotation.model import SolverSettings, solve_rotation

    if not isinstance(horizon, int) or horizon < 1:
        raise InputError(
            [Problem("horizon", "invalid horizon", value=horizon, expected="a whole number ≥ 1")]
        )
    setup = prepare(roster, policy, year, roads)
    roster, policy, start, km = setup.roster, setup.policy, setup.start, setup.km
    years = tuple(range(setup.year, setup.year + horizon))
    settings = SolverSettings(time_limit, num_workers, seed, log, max_destinations=max_destinations)
    result = solve_rotation(start, policy, years, settings, pins=pins, distances=km)
    before, base, evaluations, baseline = simulate(start, policy, years, result.moves)
    return HorizonPlan(
        roster=roster,
        start=start,
        policy=policy,
        years=years,
        moves=result.moves,
        returns=setup.returns,
        eligibility=result.eligibility,
        phases=result.phases,
        seconds=result.seconds,
        before_states=before,
        baseline_states=base,
        evaluations=evaluations,
        baseline=baseline,
        pins=result.pins,
        distances=km,
        greedy_moves=result.greedy_moves,
        first_plan_seconds=result.first_plan_seconds,
    )


def simulate(start: Roster, policy: Policy, years: tuple[int, ...], moves: pd.DataFrame):
    """The rosters of each year with the plan (before its moves) and without any rotation,
    and their evaluations (with the plan: after the year's moves, with the year's figures)."""
    before, base, evaluations, baseline = {}, {}, {}, {}
    state = plain = start
    for i, year in enumerate(years):
        if i:
            state, _ = next_year(evaluations[years[i - 1]].roster, policy, years[i - 1])
            plain, _ = next_year(plain, policy, years[i - 1])
        before[year], base[year] = state, plain
        year_moves = moves[moves["start_year"] == year]
        evaluations[year] = evaluate(state, year_moves, policy=policy, year=year)
        baseline[year] = evaluate(plain, policy=policy)
    return before, base, evaluations, baseline


def minimum_ratio_to_pass(
    roster: Roster | str | Path,
    policy: Policy | None = None,
    year: int | None = None,
    target_year: int | None = None,
    *,
    time_limit: float = 120.0,
    num_workers: int = 2,
    seed: int = 0,
) -> dict:
    """The smallest rotation ratio (in whole percent, never below the policy's minimum) with
    which every optimised CV can pass in `target_year`, rotating that share at most each year.

    Returns {"ratio": r or None, "proven": bool, "checked": {ratio: True/False/None}}: `ratio`
    None means even rotating every eligible teacher each year does not pass by then; `proven`
    is False when a smaller ratio could not be ruled out within the time limit.
    """
    from rotation.model.instance import build_instance
    from rotation.model.solve import build_model

    setup = prepare(roster, policy, year)
    policy, year, start, km = setup.policy, setup.year, setup.start, setup.km
    target_year = target_year if target_year is not None else year
    years = tuple(range(year, target_year + 1))
    checked: dict[float, bool | None] = {}
    budget = time_limit / 8

    def passes(percent: int) -> bool | None:
        ratio = percent / 100
        trial = policy.replace(max_rotation_ratio=max(ratio, policy.min_rotation_ratio))
        inst = build_instance(start, trial, years, None, km)
        built = build_model(inst)
        for term in built.terms.cv:
            if term.year == len(years) - 1:
                built.model.add(term.excess == 0)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = budget
        solver.parameters.num_workers = num_workers
        solver.parameters.random_seed = seed
        status = solver.solve(built.model)
        verdict = {cp_model.FEASIBLE: True, cp_model.OPTIMAL: True, cp_model.INFEASIBLE: False}
        checked[ratio] = verdict.get(status)
        return checked[ratio]

    low = math.ceil(policy.min_rotation_ratio * 100 - 1e-9)
    if passes(low):
        return {"ratio": low / 100, "proven": True, "checked": checked}
    if not passes(100):
        return {"ratio": None, "proven": checked[1.0] is False, "checked": checked}
    lo, hi = low, 100  # lo fails (or unknown), hi passes
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if passes(mid):
            hi = mid
        else:
            lo = mid
    proven = all(v is not None for r, v in checked.items() if r < hi / 100)
    return {"ratio": hi / 100, "proven": proven, "checked": checked}

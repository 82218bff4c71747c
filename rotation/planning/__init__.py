"""Plans: `plan` (one year or several), the `Plan` it returns, the minimum ratio that passes,
and the independent check of every rule.

setup.py    the inputs settled: roster read, policy and year, returns made, distances
planner.py  `plan` and `plan_horizon`
result.py   `Plan` and `SolverReport`
years.py    a plan played out year by year (`PlanYear`)
ratio.py    `minimum_ratio_to_pass` and its `RatioAnswer`
replan.py   re-planning with least change: the previous plan checked, what changed and why
verify.py   `verify_plan`: every hard rule checked from the rules, independently of the model
road.py     `road`: hires, designations, moves and building by a target year; `check_road`
explain.py  `explain_key` and its `Explanation`: why a teacher moves (or not), what a school gets
"""

from rotation.planning.explain import Explanation, UnknownKeyError, explain_key
from rotation.planning.planner import plan, plan_horizon
from rotation.planning.ratio import RatioAnswer, minimum_ratio_to_pass
from rotation.planning.result import Plan, SolverReport
from rotation.planning.road import Road, check_road, road
from rotation.planning.verify import Violation, verify_plan
from rotation.planning.years import PlanYear

__all__ = [
    "Explanation",
    "Plan",
    "PlanYear",
    "RatioAnswer",
    "Road",
    "SolverReport",
    "UnknownKeyError",
    "Violation",
    "check_road",
    "explain_key",
    "minimum_ratio_to_pass",
    "plan",
    "plan_horizon",
    "road",
    "verify_plan",
]

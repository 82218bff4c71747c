"""rotation: plan teacher rotation (教师交流轮岗) between a county's schools.

    >>> import rotation
    >>> county = rotation.example_county(seed=0)      # a synthetic county roster
    >>> rotation.evaluate(county)                     # the official indicators and CVs

The layers, each a module, imports pointing one way:
roster (the data) → indicators (the official measures) → policy (the rules) → eligibility →
model (CP-SAT) → planning (the Plan result) → report.
"""

from .eligibility import eligibility
from .errors import InfeasibleError, InputError, PolicyError, Problem, RosterError, RotationError
from .evaluation import Evaluation, evaluate
from .example import example_county, example_history
from .history import History, load_history
from .horizon import HorizonPlan, minimum_ratio_to_pass, plan_horizon
from .indicators import (
    OFFICIAL,
    FacilityIndicator,
    Indicator,
    Standard,
    TeacherIndicator,
    weighted_cv,
)
from .plan_files import read_moves
from .planning import Plan, plan
from .policy import PRESETS, Policy, load_policy
from .roster import Roster, load_roster
from .verify import Violation, verify_plan

__all__ = [
    "OFFICIAL",
    "PRESETS",
    "Evaluation",
    "FacilityIndicator",
    "History",
    "HorizonPlan",
    "Indicator",
    "InfeasibleError",
    "InputError",
    "Plan",
    "Policy",
    "PolicyError",
    "Problem",
    "Roster",
    "RosterError",
    "RotationError",
    "Standard",
    "TeacherIndicator",
    "Violation",
    "eligibility",
    "evaluate",
    "example_county",
    "example_history",
    "load_history",
    "load_policy",
    "load_roster",
    "minimum_ratio_to_pass",
    "plan",
    "plan_horizon",
    "read_moves",
    "verify_plan",
    "weighted_cv",
]
__version__ = "0.1.0"

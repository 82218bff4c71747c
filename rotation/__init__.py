"""rotation: plan teacher rotation (教师交流轮岗) between a county's schools.

    >>> import rotation
    >>> county = rotation.example_county(seed=0)      # a synthetic county roster
    >>> rotation.evaluate(county)                     # the official indicators and CVs

The layers, each a module, imports pointing one way:
roster (the data) → indicators (the official measures) → policy (the rules) → eligibility →
model (CP-SAT) → planning (the Plan result) → report.
"""

from rotation.errors import (
    InfeasibleError,
    InputError,
    PolicyError,
    Problem,
    RosterError,
    RotationError,
)
from rotation.example.generator import example_county
from rotation.example.history import example_history
from rotation.indicators.cv import weighted_cv
from rotation.indicators.definitions import (
    OFFICIAL,
    FacilityIndicator,
    Indicator,
    Standard,
    TeacherIndicator,
)
from rotation.io.history import History, load_history
from rotation.io.moves import read_moves
from rotation.io.roster import Roster, load_roster
from rotation.planning.horizon import HorizonPlan, minimum_ratio_to_pass, plan_horizon
from rotation.planning.result import Plan, plan
from rotation.planning.verify import Violation, verify_plan
from rotation.policy.eligible import eligibility
from rotation.policy.settings import PRESETS, Policy
from rotation.policy.toml import load_policy
from rotation.review.evaluation import Evaluation, evaluate

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

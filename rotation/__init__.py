"""rotation: plan teacher rotation (教师交流轮岗) between a county's schools.

    >>> import rotation
    >>> county = rotation.example_county(seed=0)      # a synthetic county roster
    >>> rotation.evaluate(county)                     # the official indicators and CVs

The layers, each a module, imports pointing one way:
roster (the data) → indicators (the official measures) → policy (the rules) → eligibility →
model (CP-SAT) → plan (the result) → report.
"""

from .eligibility import eligibility
from .errors import InfeasibleError, InputError, PolicyError, Problem, RosterError, RotationError
from .evaluation import Evaluation, evaluate
from .indicators import (
    OFFICIAL,
    FacilityIndicator,
    Indicator,
    Standard,
    TeacherIndicator,
    weighted_cv,
)
from .policy import PRESETS, Policy, load_policy
from .roster import Roster, load_roster

__all__ = [
    "OFFICIAL",
    "PRESETS",
    "Evaluation",
    "FacilityIndicator",
    "Indicator",
    "InfeasibleError",
    "InputError",
    "Policy",
    "PolicyError",
    "Problem",
    "Roster",
    "RosterError",
    "RotationError",
    "Standard",
    "TeacherIndicator",
    "eligibility",
    "evaluate",
    "load_policy",
    "load_roster",
    "weighted_cv",
]
__version__ = "0.1.0"

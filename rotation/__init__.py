"""rotation: plan teacher rotation (教师交流轮岗) between a county's schools.

    >>> import rotation
    >>> county = rotation.example_county(seed=0)      # a synthetic county roster
    >>> rotation.evaluate(county)                     # the official indicators and CVs
    >>> plan = rotation.plan(county, year=2026)       # a plan that keeps every rule

The packages, imports pointing one way (checked by the import contract in pyproject.toml):

    cli         the `rotation` command
    batch       `batch`: every county × scenario on dask.distributed, resumable
    example     the built-in example county, its history, the plan an office makes by hand
    planning    `plan`, the `Plan` it returns, the minimum ratio, the independent check
    model       the CP-SAT model (the only package that imports ortools)
    review      `evaluate`: a roster judged as the review judges it; what rotation cannot fix
    reports     text, HTML and workbooks of evaluations and plans
    policy      the rules: settings, presets, TOML files, eligibility, need and quotas, time
    indicators  the official indicators L1–L7, user indicators, the CV
    io          rosters, plans, pins, roads and histories read and written
"""

from rotation.batch import Scenario, batch
from rotation.errors import (
    InfeasibleError,
    InputError,
    PolicyError,
    Problem,
    RosterError,
    RotationError,
)
from rotation.example.files import example_path
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
from rotation.io.history import History, load_history, read_history
from rotation.io.moves import read_moves
from rotation.io.pins import read_pins
from rotation.io.posts import read_applications, read_posts
from rotation.io.roads import read_edges, read_roads
from rotation.io.roster import Roster, load_roster, read_roster
from rotation.model import NoPlanFound, SolverSettings, SolveStatus
from rotation.planning import (
    Plan,
    PlanYear,
    RatioAnswer,
    Road,
    Violation,
    minimum_ratio_to_pass,
    plan,
    plan_horizon,
    road,
    verify_plan,
)
from rotation.planning.compare import Comparison, compare_moves
from rotation.planning.explain import Explanation
from rotation.planning.posts import Filled, Posts, fill, posts
from rotation.planning.tradeoff import tradeoff
from rotation.policy.eligible import eligibility
from rotation.policy.settings import PRESETS, Policy
from rotation.policy.toml import load_policy, read_policy
from rotation.reports.summary import PlanSummary
from rotation.review.building import building_needs
from rotation.review.evaluation import Evaluation, evaluate
from rotation.review.limits import rotation_limits
from rotation.review.staffing import staffing_limits

__all__ = [
    "OFFICIAL",
    "PRESETS",
    "Comparison",
    "Evaluation",
    "Explanation",
    "FacilityIndicator",
    "Filled",
    "History",
    "Indicator",
    "InfeasibleError",
    "InputError",
    "NoPlanFound",
    "Plan",
    "PlanSummary",
    "PlanYear",
    "Policy",
    "PolicyError",
    "Posts",
    "Problem",
    "RatioAnswer",
    "Road",
    "Roster",
    "RosterError",
    "RotationError",
    "Scenario",
    "SolveStatus",
    "SolverSettings",
    "Standard",
    "TeacherIndicator",
    "Violation",
    "batch",
    "building_needs",
    "compare_moves",
    "eligibility",
    "evaluate",
    "example_county",
    "example_history",
    "example_path",
    "fill",
    "load_history",
    "load_policy",
    "load_roster",
    "minimum_ratio_to_pass",
    "plan",
    "plan_horizon",
    "posts",
    "read_applications",
    "read_edges",
    "read_history",
    "read_moves",
    "read_pins",
    "read_policy",
    "read_posts",
    "read_roads",
    "read_roster",
    "road",
    "rotation_limits",
    "staffing_limits",
    "tradeoff",
    "verify_plan",
    "weighted_cv",
]
__version__ = "0.1.0"

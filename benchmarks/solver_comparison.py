"""Three ways of planning one school year's rotation, compared on the built-in example counties.

1. **library**: `rotation.plan` (grouped flow model, greedy hint, lexicographic phases).
2. **textbook**: the CP-SAT model one would write first (`build_textbook` below): a boolean
   x[t, d] per eligible teacher and destination, the same hard rules, one objective (the sum of
   the six official L1–L3 CVs squared, stated with `AddMultiplicationEquality`), no hint, no
   grouping of interchangeable teachers, no pruning of destinations.
3. **greedy**: what an office does by hand in Excel (`rotation.example.by_hand_plan`):
   long-tenured urban teachers, backbone first, sent to the town or village school with the
   fewest teachers of their subject per student (exchanged for one of the host's when it is
   full), until 10% of the eligible have moved. No optimisation.

Every plan is judged the same way: `rotation.evaluate` for the CVs after and
`rotation.verify_plan` for the hard rules, on the roster at the start of the year
(rotations ending this year already returned, as `plan` does). Each (instance, method) runs
in a fresh process, so the peak memory reported is that method's alone.

    .venv/bin/python benchmarks/solver_comparison.py               # county and district, seed 0
    .venv/bin/python benchmarks/solver_comparison.py --quick       # county only, 20 s
    .venv/bin/python benchmarks/solver_comparison.py --sizes county --seeds 0 1 2 --runs 2 \
        --time-limit 30

The output is Markdown: the exact command and the machine, one line per run, then per size
and method the minimum, median and maximum over every seed and run of the time to the first
plan, the total time, the moves, Σ CV², the CVs passing and the peak memory (see
docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import shlex
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field

import pandas as pd
from ortools.sat.python import cp_model

from rotation.io.vocabulary import STAGES

YEAR = 2026
WORKERS = 2
CODES = ("L1", "L2", "L3")
METHODS = ("library", "textbook", "greedy")
#: Scale of the textbook objective, chosen as in rotation/model/objectives.py: each weight
#: round(K·P/(R²·P_u)) is at least MIN_WEIGHT, so its rounding is below 1/(2·MIN_WEIGHT).
MIN_WEIGHT = 10_000
MAX_SCALE = 10**12


# -- what every method returns --------------------------------------------------------------


@dataclass
class Row:
    """One line of the table: an instance, a method and how its plan fared."""

    size: str
    seed: int
    teachers: int
    units: int
    method: str
    run: int = 1
    first_plan: float = math.nan
    total: float = math.nan
    moves: int | None = None
    backbone_share: float = math.nan
    cvs: dict[str, float] = field(default_factory=dict)  # "primary L1" -> CV
    passed: int | None = None
    sum_cv2: float = math.nan
    bound: float = math.nan  # lower bound on Σ CV², where the method proves one
    model_value: float = math.nan  # the method's own Σ CV², which the bound is for
    verified: bool | None = None
    peak_mb: float = math.nan
    note: str = ""


@dataclass
class Outcome:
    """A method's raw result: its moves (None when it found no plan) and its timings."""

    moves: pd.DataFrame | None
    first_plan: float
    total: float
    bound: float = math.nan
    sum_cv2_model: float = math.nan  # the method's own Σ CV² (for the gap)
    note: str = ""
    verified: bool | None = None


# -- the instance ----------------------------------------------------------------------------


def start_roster(size: str, seed: int):
    """The example county and the roster `plan` starts from (ended rotations returned home)."""
    from rotation.example.generator import example_county
    from rotation.policy.settings import Policy

    policy = Policy()
    roster = example_county(size, seed)
    return roster, roster.end_rotations(YEAR, policy.return_after_term), policy


def six_cvs(evaluation) -> tuple[dict[str, float], int]:
    """The six L1–L3 CVs of an evaluation and how many pass their thresholds."""
    county = evaluation.county
    cvs = {f"{s} {c}": float(county.loc[(s, c), "cv"]) for s in STAGES for c in CODES}
    passed = sum(bool(county.loc[(s, c), "passes"]) for s in STAGES for c in CODES)
    return cvs, passed


def moves_frame(pairs: list[tuple[str, str, str]], policy) -> pd.DataFrame:
    """The contract's moves table from (teacher_id, from_school, to_school) triples."""
    rows = [
        {
            "teacher_id": tid,
            "from_school": origin,
            "to_school": dest,
            "start_year": YEAR,
            "end_year": YEAR + policy.term_years,
        }
        for tid, origin, dest in pairs
    ]
    columns = ["teacher_id", "from_school", "to_school", "start_year", "end_year"]
    return pd.DataFrame(rows, columns=columns)


# -- 1. the library --------------------------------------------------------------------------


def run_library(roster, start, policy, time_limit: float) -> Outcome:
    """`rotation.plan` as a user calls it; first plan as the Plan reports it."""
    from rotation import NoPlanFound, SolverSettings, plan

    t0 = time.monotonic()
    try:
        settings = SolverSettings(time_limit=time_limit, num_workers=WORKERS, seed=0)
        result = plan(roster, policy, YEAR, settings=settings)
    except NoPlanFound as err:
        return Outcome(None, math.nan, time.monotonic() - t0, note=f"no plan: {err}")
    total = time.monotonic() - t0
    phases = result.phases
    bound = value = math.nan
    if "cvs" in phases.index:
        value, bound = float(phases.at["cvs", "value"]), float(phases.at["cvs", "bound"])
    statuses = ", ".join(f"{name} {row.status}" for name, row in phases.iterrows())
    return Outcome(
        result.moves,
        result.solver.first_plan_seconds,
        total,
        bound=bound,
        sum_cv2_model=value,
        note=statuses,
        verified=not result.verify(),
    )


# -- 2. the textbook CP-SAT model --------------------------------------------------------------


@dataclass
class Textbook:
    """The textbook model and what is needed to read a plan out of it."""

    model: cp_model.CpModel
    x: dict[tuple[int, int], cp_model.IntVar]  # (eligible row, destination unit) -> bool
    teachers: pd.DataFrame  # the eligible teachers, row i of x
    units: pd.DataFrame  # school_id, stage, students, ...
    scale: int
    n_terms: int


class FirstSolution(cp_model.CpSolverSolutionCallback):
    """Notes the time of the first solution, counted from `t0`."""

    def __init__(self, t0: float) -> None:
        super().__init__()
        self.t0 = t0
        self.first: float = math.nan

    def on_solution_callback(self) -> None:
        if math.isnan(self.first):
            self.first = time.monotonic() - self.t0


def build_textbook(start, policy) -> Textbook:
    """x[t, d] ∈ {0, 1}, Σ_d x[t, d] ≤ 1; the hard rules R1–R6; minimise K·Σ(CV² + 1)."""
    from rotation.policy.eligible import eligibility

    units = start.units()
    status = eligibility(start, policy, YEAR)
    teachers = start.teachers[status["eligible"].to_numpy()].reset_index(drop=True)
    model = cp_model.CpModel()
    unit_of = {key: u for u, key in enumerate(zip(units.school_id, units.stage, strict=True))}
    x, incoming, outgoing = {}, defaultdict(list), defaultdict(list)
    for i, t in enumerate(teachers.itertuples(index=False)):
        own = unit_of[(t.school_id, t.stage)]
        choices = []
        for d in units.index[(units.stage == t.stage) & (units.school_id != t.school_id)]:
            x[(i, d)] = model.new_bool_var(f"x_{t.teacher_id}_{d}")
            incoming[d].append((x[(i, d)], i))
            outgoing[own].append((x[(i, d)], i))
            choices.append(x[(i, d)])
        model.add_at_most_one(choices)
    _textbook_rules(model, start, policy, units, teachers, x, incoming, outgoing)
    scale, n_terms = _textbook_objective(model, start, policy, units, teachers, incoming, outgoing)
    return Textbook(model, x, teachers, units, scale, n_terms)


def _net(incoming, outgoing, u: int, keep) -> cp_model.LinearExprT:
    """Arrivals minus departures at unit u of the eligible teachers i with keep[i]."""
    arrive = [v for v, i in incoming[u] if keep[i]]
    leave = [v for v, i in outgoing[u] if keep[i]]
    return cp_model.LinearExpr.sum(arrive) - cp_model.LinearExpr.sum(leave)


def _textbook_rules(model, start, policy, units, teachers, x, incoming, outgoing) -> None:
    """R1 and R2 (how many rotate), R3 (backbone share), R5 (coverage), R6 (staffing)."""
    from rotation.policy.requirements import coverage_floor, staffing_cap, subject_counts

    eligible = len(teachers)
    rotated = cp_model.LinearExpr.sum(list(x.values()))
    model.add(rotated >= policy.min_rotated(eligible))
    model.add(rotated <= policy.max_rotated(eligible))
    share = policy.backbone_fraction
    is_backbone = (teachers["backbone"] != "none").to_numpy()
    backbone = cp_model.LinearExpr.sum([v for (i, _), v in x.items() if is_backbone[i]])
    model.add(share.denominator * backbone >= share.numerator * rotated)
    counts = subject_counts(start.teachers)
    floor = coverage_floor(units, counts, policy)
    subject = teachers["subject"].to_numpy()
    for u, key in enumerate(zip(units.school_id, units.stage, strict=True)):
        for s, least in floor.loc[key].items():
            have = int(counts.loc[key, s]) if s in counts.columns and key in counts.index else 0
            if least > 0 and any(subject[i] == s for _, i in outgoing[u]):
                model.add(have + _net(incoming, outgoing, u, subject == s) >= int(least))
    cap = staffing_cap(units, policy).to_numpy()
    everyone = [True] * eligible
    for u, heads in enumerate(units["teachers"].to_numpy()):
        model.add(int(heads) + _net(incoming, outgoing, u, everyone) <= int(cap[u]))


def _textbook_objective(model, start, policy, units, teachers, incoming, outgoing):
    """Minimise Σ_{L1–L3, stage} Σ_u round(K·P/(R²·P_u))·R_u², with R_u² by multiplication.

    Returns the scale K and the number of CV terms: the objective is K·Σ(CV² + 1).
    """
    from rotation.indicators.tables import resources

    standard = policy.standard
    res = resources(start, standard)
    keys = list(zip(units.school_id, units.stage, strict=True))
    r0 = {c: res.loc[keys, c].to_numpy() for c in CODES}
    in_cv = res.loc[keys, "in_cv"].to_numpy()
    students = units["students"].to_numpy()
    pairs = []
    for code in CODES:
        for stage in STAGES:
            members = [u for u in range(len(units)) if keys[u][1] == stage and in_cv[u]]
            total_r, total_p = int(r0[code][members].sum()), int(students[members].sum())
            if total_r > 0:
                pairs.append((code, members, total_r, total_p))
    need = max(MIN_WEIGHT * r * r * students[m].max() / p for _, m, r, p in pairs)
    scale = int(min(MAX_SCALE, 10 ** math.ceil(math.log10(need))))
    counted = {c: standard.indicator(c).counts(teachers).to_numpy() for c in CODES}
    terms, max_moves = [], policy.max_rotated(len(teachers))
    for code, members, total_r, total_p in pairs:
        keep = counted[code]
        for u in members:
            base = int(r0[code][u])
            n_out = sum(1 for _, i in outgoing[u] if keep[i])
            n_in = min(max_moves, len({i for _, i in incoming[u] if keep[i]}))
            r = model.new_int_var(max(0, base - n_out), base + n_in, f"R_{code}_{u}")
            model.add(r == base + _net(incoming, outgoing, u, keep))
            q = model.new_int_var(0, (base + n_in) ** 2, f"Rsq_{code}_{u}")
            model.add_multiplication_equality(q, [r, r])
            weight = max(1, round(scale * total_p / (total_r**2 * int(students[u]))))
            terms.append(weight * q)
    model.minimize(cp_model.LinearExpr.sum(terms))
    return scale, len(pairs)


def run_textbook(roster, start, policy, time_limit: float) -> Outcome:
    """Build and solve the textbook model; building counts against the time limit."""
    t0 = time.monotonic()
    tb = build_textbook(start, policy)
    built = time.monotonic() - t0
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(1.0, time_limit - (time.monotonic() - t0))
    solver.parameters.num_workers = WORKERS
    solver.parameters.random_seed = 0
    first = FirstSolution(t0)
    status = solver.solve(tb.model, first)
    total = time.monotonic() - t0
    note = f"{solver.status_name(status).lower()}, {len(tb.x):,} booleans, built in {built:.1f} s"
    bound = solver.best_objective_bound / tb.scale - tb.n_terms
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Outcome(None, math.nan, total, bound=bound, note=note)
    school = tb.units["school_id"].to_numpy()
    pairs = [
        (tb.teachers.at[i, "teacher_id"], tb.teachers.at[i, "school_id"], school[d])
        for (i, d), var in tb.x.items()
        if solver.boolean_value(var)
    ]
    value = solver.objective_value / tb.scale - tb.n_terms
    return Outcome(moves_frame(pairs, policy), first.first, total, bound, value, note)


# -- 3. the plan an office makes by hand ------------------------------------------------------


def run_greedy(roster, start, policy, time_limit: float) -> Outcome:
    """`rotation.example.by_hand_plan`: the office's spreadsheet rules of thumb, one pass."""
    from rotation.example.by_hand import by_hand_plan

    t0 = time.monotonic()
    moves = by_hand_plan(start, policy, YEAR)
    total = time.monotonic() - t0
    return Outcome(moves, total, total, note="rotation.example.by_hand_plan, no optimisation")


RUNNERS = {
    "library": run_library,
    "textbook": run_textbook,
    "greedy": run_greedy,
}


# -- one (instance, method) in its own process -------------------------------------------------


def judge(row: Row, start, policy, outcome: Outcome) -> Row:
    """Fill the row from a method's outcome: CVs after, rules kept, rotation figures."""
    from rotation.planning.verify import verify_plan
    from rotation.review.evaluation import evaluate

    row.first_plan, row.total, row.note = outcome.first_plan, outcome.total, outcome.note
    row.bound, row.model_value = outcome.bound, outcome.sum_cv2_model
    if outcome.moves is None:
        return row
    after = evaluate(start, policy, YEAR, moves=outcome.moves)
    row.cvs, row.passed = six_cvs(after)
    row.sum_cv2 = sum(v * v for v in row.cvs.values())
    row.moves = len(outcome.moves)
    row.backbone_share = float(after.guarantees.at["backbone_share", "value"])
    verified = outcome.verified
    if verified is None:
        verified = not verify_plan(start, outcome.moves, policy, YEAR)
    row.verified = verified
    return row


def worker(size: str, seed: int, method: str, time_limit: float) -> Row:
    """Run one method on one instance and judge it (called in a fresh process)."""
    roster, start, policy = start_roster(size, seed)
    row = Row(size, seed, len(start.teachers), len(start.units()), method)
    outcome = RUNNERS[method](roster, start, policy, time_limit)
    row = judge(row, start, policy, outcome)
    row.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return row


def run_in_child(size: str, seed: int, method: str, time_limit: float, run: int = 1) -> Row:
    """Re-invoke this script with the hidden --worker arguments and read its JSON row."""
    cmd = [sys.executable, os.path.abspath(__file__), "--worker", size, str(seed), method]
    cmd += ["--time-limit", str(time_limit)]
    try:
        done = subprocess.run(
            cmd, capture_output=True, text=True, timeout=3 * time_limit + 600, check=False
        )
    except subprocess.TimeoutExpired:
        return Row(size, seed, 0, 0, method, run, note="timed out")
    for line in done.stdout.splitlines():
        if line.startswith("ROW "):
            return Row(**(json.loads(line[4:]) | {"run": run}))
    tail = done.stderr.strip().splitlines()[-1:] or ["no output"]
    note = f"failed (exit {done.returncode}): {tail[0]}"
    return Row(size, seed, 0, 0, method, run, note=note)


# -- the table ---------------------------------------------------------------------------------

COLUMNS = [
    *("size", "seed", "run", "teachers", "units", "method", "first plan (s)", "total (s)"),
    *("moves", "backbone share"),
    *(f"{s[0].upper()} {c}" for s in STAGES for c in CODES),
    *("passed", "Σ CV²", "bound Σ CV²", "gap", "rules kept", "peak MB"),
]


def _num(x, digits: int) -> str:
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.{digits}f}"


def gap_text(row: Row) -> str:
    """Relative gap between the method's own Σ CV² and its proven lower bound."""
    value = row.model_value
    if math.isnan(value) or math.isnan(row.bound):
        return "–"
    if value <= 0:
        return "0 %"
    return f"{max(0.0, (value - max(0.0, row.bound)) / value):.1%}"


def bound_text(row: Row) -> str:
    """The proven lower bound on Σ CV²; "trivial" when it is not above 0 (CV² ≥ 0 anyway)."""
    if math.isnan(row.bound):
        return "–"
    return "trivial" if row.bound <= 0 else f"{row.bound:.4f}"


def format_row(row: Row) -> str:
    """One Markdown table line."""
    verified = {True: "yes", False: "**no**", None: "–"}[row.verified]
    cells = [
        row.size,
        str(row.seed),
        "–" if row.method == "before rotation" else str(row.run),
        f"{row.teachers:,}",
        str(row.units),
        row.method,
        _num(row.first_plan, 1),
        _num(row.total, 1),
        "–" if row.moves is None else str(row.moves),
        _num(row.backbone_share, 2),
        *(_num(row.cvs.get(f"{s} {c}"), 3) for s in STAGES for c in CODES),
        "–" if row.passed is None else f"{row.passed}/6",
        _num(row.sum_cv2, 4),
        bound_text(row),
        gap_text(row),
        verified,
        _num(row.peak_mb, 0),
    ]
    return "| " + " | ".join(cells) + " |"


def before_row(size: str, seed: int) -> Row:
    """The instance as it stands at the start of the year (computed in this process)."""
    from rotation.review.evaluation import evaluate

    _, start, policy = start_roster(size, seed)
    row = Row(size, seed, len(start.teachers), len(start.units()), "before rotation")
    row.cvs, row.passed = six_cvs(evaluate(start, policy=policy))
    row.sum_cv2 = sum(v * v for v in row.cvs.values())
    return row


def proc_field(path: str, name: str) -> str | None:
    """The value of the first `name: value` line of a /proc file, or None."""
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith(name):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def machine() -> str:
    """Cores, CPU model and memory of this machine."""
    cpu = proc_field("/proc/cpuinfo", "model name") or platform.processor() or "unknown CPU"
    mem = proc_field("/proc/meminfo", "MemTotal")
    ram = f", {int(mem.split()[0]) / 2**20:.0f} GB RAM" if mem else ""
    return f"{os.cpu_count()} cores, {cpu}{ram}"


def header(args: argparse.Namespace, argv: list[str]) -> str:
    """Machine, versions, the exact command and the settings."""
    import ortools

    import rotation

    version = getattr(rotation, "__version__", "?")
    limits = ", ".join(f"{size} {time_limit_for(size, args):g} s" for size in args.sizes)
    return "\n".join(
        [
            "## Solver comparison",
            "",
            f"- command: `{shlex.join(['python', 'benchmarks/solver_comparison.py', *argv])}`",
            f"- machine: {machine()}; Python {platform.python_version()}"
            f", OR-Tools {ortools.__version__}, rotation {version}",
            f"- year {YEAR}, default `Policy()`, CP-SAT num_workers={WORKERS}, seed 0; "
            f"time limit {limits}; seeds {' '.join(map(str, args.seeds))}, "
            f"{args.runs} run(s) each",
            "- CVs after rotation (P = primary, M = middle); thresholds 0.50 primary, "
            "0.45 middle; Σ CV² over the six",
            "",
        ]
    )


#: The figures summarised over seeds and runs: column title, Row attribute, digits.
SUMMARY = (
    ("first plan (s)", "first_plan", 1),
    ("total (s)", "total", 1),
    ("moves", "moves", 0),
    ("Σ CV²", "sum_cv2", 3),
    ("CVs passing (of 6)", "passed", 0),
    ("peak MB", "peak_mb", 0),
)


def spread(values: list[float], digits: int) -> str:
    """min / median / max of the values that exist, or – when none does."""
    known = [float(v) for v in values if v is not None and not math.isnan(float(v))]
    if not known:
        return "–"
    low, mid, high = min(known), statistics.median(known), max(known)
    return " / ".join(f"{v:.{digits}f}" for v in (low, mid, high))


def summary_table(rows: list[Row]) -> list[str]:
    """Per size and method: how many runs found a plan and kept every rule, and min / median /
    max of each figure over every seed and run."""
    lines = [
        "| size | method | runs | plans found | rules kept | "
        + " | ".join(f"{title} min / med / max" for title, _, _ in SUMMARY)
        + " |",
        "|" + "---|" * (5 + len(SUMMARY)),
    ]
    groups: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        groups[(row.size, row.method)].append(row)
    for (size, method), group in groups.items():
        found = sum(r.moves is not None for r in group)
        kept = sum(r.verified is True for r in group)
        cells = [spread([getattr(r, attr) for r in group], d) for _, attr, d in SUMMARY]
        lines.append(
            f"| {size} | {method} | {len(group)} | {found} | {kept} | " + " | ".join(cells) + " |"
        )
    return lines


def time_limit_for(size: str, args: argparse.Namespace) -> float:
    """The size's own limit if given, else --time-limit, else 60 s (county) / 120 s (district)."""
    own = args.time_limit_county if size == "county" else args.time_limit_district
    if own is not None:
        return own
    if args.time_limit is not None:
        return args.time_limit
    return 60.0 if size == "county" else 120.0


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--sizes", nargs="+", default=["county", "district"], choices=["county", "district"]
    )
    p.add_argument("--seeds", nargs="+", type=int, default=[0], help="example_county seeds")
    p.add_argument("--methods", nargs="+", default=list(METHODS), choices=list(RUNNERS))
    p.add_argument("--runs", type=int, default=1, help="runs of each seed and method (1)")
    p.add_argument("--time-limit", type=float, help="seconds for every size (60 / 120)")
    p.add_argument("--time-limit-county", type=float, help="seconds for the county (60)")
    p.add_argument("--time-limit-district", type=float, help="seconds for the district (120)")
    p.add_argument("--quick", action="store_true", help="county only, 20 s: a smoke run")
    p.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.quick:
        args.sizes, args.time_limit_county = ["county"], 20.0
    return args


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    args = parse(argv)
    if args.worker:
        size, seed, method = args.worker
        row = worker(size, int(seed), method, args.time_limit)
        print("ROW " + json.dumps(asdict(row)), flush=True)
        return
    started, notes, rows = time.monotonic(), [], []
    print(header(args, argv))
    print("### Every run")
    print()
    print("| " + " | ".join(COLUMNS) + " |")
    print("|" + "|".join("---" for _ in COLUMNS) + "|", flush=True)
    for size in args.sizes:
        for seed in args.seeds:
            print(format_row(before_row(size, seed)), flush=True)
            for run in range(1, args.runs + 1):
                for method in args.methods:
                    row = run_in_child(size, seed, method, time_limit_for(size, args), run)
                    rows.append(row)
                    print(format_row(row), flush=True)
                    notes.append(f"{size} seed {seed} run {run} {method}: {row.note}")
    print()
    print("### Over seeds and runs")
    print()
    print("\n".join(summary_table(rows)))
    print()
    print("Notes (solver status per method):")
    print()
    for note in notes:
        print(f"- {note}")
    print()
    print(f"Run time: {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()

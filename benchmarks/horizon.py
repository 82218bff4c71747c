"""A multi-year plan on the example county: time to a verified plan, and what it achieves.

    python benchmarks/horizon.py                           # county seed 0, 3 years, 180 s
    python benchmarks/horizon.py --seeds 0 1 2 --runs 2 --time-limit 60
    python benchmarks/horizon.py --years 5 --time-limit 300 --seeds 1

Each (seed, run) plans in a fresh process, so its peak memory is its own. Prints Markdown: the
exact command and the machine; per seed and run, the rotation figures of each year and the six
L1–L3 CVs without rotation and with the plan; then, over every seed and run, the minimum,
median and maximum of the time to the first plan, the total time, the moves, Σ CV² (the six
CVs of every year, with the plan), the CVs passing and the peak memory.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import shlex
import sys
import time

from common import in_child, machine, spread

from rotation.io.vocabulary import STAGES

CODES = [(s, c) for s in STAGES for c in ("L1", "L2", "L3")]
#: The figures summarised over seeds and runs: column title, key, digits.
SUMMARY = (
    ("first plan (s)", "first_plan", 1),
    ("total (s)", "total", 1),
    ("moves", "moves", 0),
    ("Σ CV²", "sum_cv2", 3),
    ("CVs passing", "passing", 0),
    ("peak MB", "peak_mb", 0),
)


def plan_once(size: str, seed: int, year: int, years: int, limit: float, workers: int) -> dict:
    """Plan `years` years of the example county and return the figures (in a child process)."""
    import rotation  # in the child process only

    county = rotation.example_county(size, seed=seed, year=year)
    start = time.monotonic()
    settings = rotation.SolverSettings(time_limit=limit, num_workers=workers)
    plan = rotation.plan(county, year=year, horizon=years, settings=settings)
    total = time.monotonic() - start
    traj = plan.trajectory()
    rows = []
    for y, row in plan.figures().iterrows():
        without = [float(traj.at[(y, s, c), "cv_without_rotation"]) for s, c in CODES]
        with_plan = [float(traj.at[(y, s, c), "cv_with_plan"]) for s, c in CODES]
        rows.append(
            {
                "year": int(y),
                "rotated": int(row["rotated"]),
                "eligible": int(row["eligible"]),
                "ratio": float(row["ratio"]),
                "backbone_share": float(row["backbone_share"]),
                "without": without,
                "with": with_plan,
            }
        )
    thresholds = {"primary": 0.50, "middle": 0.45}
    cvs = [(s, v) for r in rows for (s, _), v in zip(CODES, r["with"], strict=True)]
    return {
        "teachers": len(county.teachers),
        "first_plan": plan.solver.first_plan_seconds,
        "total": total,
        "moves": len(plan.moves),
        "sum_cv2": sum(v * v for _, v in cvs),
        "passing": sum(v <= thresholds[s] for s, v in cvs),
        "cvs": len(cvs),
        "earliest": plan.earliest_pass_year(),
        "verified": not plan.verify(),
        "status": str(plan.status),
        "years": rows,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def year_table(result: dict) -> list[str]:
    """Per year: the rotation figures and the six CVs without rotation → with the plan."""
    lines = [
        "| year | rotated | eligible | ratio | backbone | "
        + " | ".join(f"{s[0]}{c} without → with" for s, c in CODES)
        + " |",
        "|" + "---|" * (5 + len(CODES)),
    ]
    for r in result["years"]:
        cells = " | ".join(
            f"{a:.3f} → {b:.3f}" for a, b in zip(r["without"], r["with"], strict=True)
        )
        lines.append(
            f"| {r['year']} | {r['rotated']} | {r['eligible']} | {100 * r['ratio']:.1f}% | "
            f"{100 * r['backbone_share']:.1f}% | {cells} |"
        )
    return lines


def run_seed(args: argparse.Namespace, seed: int) -> dict | None:
    """One seed in a fresh process (common.in_child); a failure is printed and skipped."""
    options = ["--size", args.size, "--year", str(args.year), "--years", str(args.years)]
    options += ["--time-limit", str(args.time_limit), "--workers", str(args.workers)]
    result, why = in_child(__file__, seed, options)
    if result is None:
        print(f"- seed {seed}: failed ({why})", flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="county", choices=("county", "district"))
    parser.add_argument("--seeds", nargs="+", type=int, default=[0], help="example seeds (0)")
    parser.add_argument("--runs", type=int, default=1, help="runs of each seed (1)")
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--time-limit", type=float, default=180.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker is not None:
        result = plan_once(
            args.size, args.worker, args.year, args.years, args.time_limit, args.workers
        )
        print("RESULT " + json.dumps(result), flush=True)
        return 0

    import ortools

    import rotation  # in the child process only

    last = args.year + args.years - 1
    print(f"- command: `{shlex.join(['python', 'benchmarks/horizon.py', *argv])}`")
    print(
        f"- machine: {machine()}; Python {platform.python_version()}, "
        f"OR-Tools {ortools.__version__}, rotation {rotation.__version__}"
    )
    print(
        f"- {args.size}, years {args.year}–{last} in one plan, time limit "
        f"{args.time_limit:g} s, CP-SAT num_workers={args.workers}; seeds "
        f"{' '.join(map(str, args.seeds))}, {args.runs} run(s) each"
    )
    results = []
    for seed in args.seeds:
        for run in range(1, args.runs + 1):
            result = run_seed(args, seed)
            if result is None:
                continue
            results.append(result)
            print()
            print(f"#### Seed {seed}, run {run} ({result['teachers']:,} teachers)")
            print()
            print("\n".join(year_table(result)))
            print()
            check = "every rule holds" if result["verified"] else "**rules broken**"
            print(
                f"- first verified plan after {result['first_plan']:.1f} s; done in "
                f"{result['total']:.1f} s; solver status {result['status']}"
            )
            print(
                f"- {result['moves']} moves; Σ CV² {result['sum_cv2']:.3f}; "
                f"{result['passing']}/{result['cvs']} CVs pass; every optimised CV passes "
                f"from {result['earliest']}; independent check: {check}; "
                f"peak memory {result['peak_mb']:.0f} MB",
                flush=True,
            )
    print()
    print(f"#### Over seeds and runs ({len(results)} plans)")
    print()
    print(
        "| plans | rules kept | "
        + " | ".join(f"{title} min / med / max" for title, _, _ in SUMMARY)
        + " |"
    )
    print("|" + "---|" * (2 + len(SUMMARY)))
    cells = [spread([r[key] for r in results], d) for _, key, d in SUMMARY]
    kept = sum(r["verified"] for r in results)
    print(f"| {len(results)} | {kept} | " + " | ".join(cells) + " |")
    print()
    print(f"CVs: the six L1–L3 CVs of each of the {args.years} years with the plan.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The city size (24,000–25,500 teachers, about 450 schools): does every seed get a verified plan?

    python benchmarks/city.py                                  # seeds 0–9, 120 s, 1 worker
    python benchmarks/city.py --seeds 0 1 2 --time-limit 120 --workers 1

Each seed of `example_county("city")` is planned for one year in a fresh process (so its peak
memory is its own) under the default policy. Printed per run: whether a plan was found and the
independent check passed, the time to the first plan, the moves against the proven lower bound
on moves (the moves phase's bound; "proven" when they meet), the L1–L3 CVs passing, the total time
and the peak resident memory; then the minimum, median and maximum of each figure over the
runs. A run that found no plan says so and counts as found = no.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import shlex
import sys
import time

from common import in_child, machine, spread

#: The figures summarised over runs: column title, key, digits.
SUMMARY = (
    ("first plan (s)", "first_plan", 1),
    ("moves", "moves", 0),
    ("bound on moves", "bound", 0),
    ("total (s)", "total", 1),
    ("peak MB", "peak_mb", 0),
)


def plan_once(seed: int, year: int, limit: float, workers: int) -> dict:
    """Plan one year of the city of `seed` and return the figures (in a child process)."""
    import rotation

    city = rotation.example_county("city", seed=seed, year=year)
    settings = rotation.SolverSettings(time_limit=limit, num_workers=workers, seed=0)
    start = time.monotonic()
    result: dict = {"seed": seed, "teachers": len(city.teachers), "schools": len(city.schools)}
    try:
        plan = rotation.plan(city, year=year, settings=settings, progress=False)
    except rotation.RotationError as error:
        total = time.monotonic() - start
        return result | {"found": False, "verified": False, "total": total, "note": str(error)}
    total = time.monotonic() - start
    moves = plan.phases.loc["moves"]
    judged = plan.after.county
    judged = judged[judged.index.get_level_values("indicator").isin(["L1", "L2", "L3"])]
    return result | {
        "found": True,
        "verified": not plan.verify(),
        "first_plan": plan.solver.first_plan_seconds,
        "moves": len(plan.moves),
        "bound": float(moves["bound"]),
        "moves_status": str(moves["status"]),
        "passing": int(judged["passes"].sum()),
        "cvs": len(judged),
        "total": total,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_seed(args: argparse.Namespace, seed: int) -> dict:
    """One seed in a fresh process (common.in_child); a failure is a row saying so."""
    options = ["--year", str(args.year), "--time-limit", str(args.time_limit)]
    options += ["--workers", str(args.workers)]
    result, why = in_child(__file__, seed, options)
    return result or {"seed": seed, "found": False, "verified": False, "note": why}


def cell(value: float | None, digits: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:,.{digits}f}"


def row(r: dict) -> str:
    if not r["found"]:
        total = cell(r.get("total"), 1)
        return f"| {r['seed']} | {r.get('teachers', '–')} | no | – | – | – | – | – | {total} | – |"
    proven = "proven" if r["moves_status"] == "optimal" else r["moves_status"]
    return (
        f"| {r['seed']} | {r['teachers']:,} | yes | {'yes' if r['verified'] else '**no**'} | "
        f"{cell(r['first_plan'], 1)} | {r['moves']:,} | {cell(r['bound'], 0)} ({proven}) | "
        f"{r['passing']}/{r['cvs']} | {cell(r['total'], 1)} | {cell(r['peak_mb'], 0)} |"
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", nargs="+", type=int, default=list(range(10)))
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--time-limit", type=float, default=120.0)
    parser.add_argument("--workers", type=int, default=1, help="CP-SAT workers (1)")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker is not None:
        result = plan_once(args.worker, args.year, args.time_limit, args.workers)
        print("RESULT " + json.dumps(result), flush=True)
        return 0

    import ortools

    import rotation

    print(f"- command: `{shlex.join(['python', 'benchmarks/city.py', *argv])}`")
    print(
        f"- machine: {machine()}; load average {os.getloadavg()[0]:.1f} at the start; Python "
        f"{platform.python_version()}, OR-Tools {ortools.__version__}, rotation "
        f"{rotation.__version__}"
    )
    print(
        f"- example_county('city'), year {args.year}, default policy, time limit "
        f"{args.time_limit:g} s, CP-SAT num_workers={args.workers}; seeds "
        f"{' '.join(map(str, args.seeds))}"
    )
    print()
    print(
        "| seed | teachers | plan | verified | first plan (s) | moves | bound on moves | "
        "CVs passing | total (s) | peak MB |"
    )
    print("|" + "---|" * 10)
    results = []
    for seed in args.seeds:
        results.append(run_seed(args, seed))
        print(row(results[-1]), flush=True)
    found = [r for r in results if r["found"]]
    print()
    print(
        f"Plans found: {len(found)}/{len(results)}; verified: "
        f"{sum(r['verified'] for r in results)}/{len(results)}; moves proven minimal: "
        f"{sum(r.get('moves_status') == 'optimal' for r in found)}/{len(results)}; load "
        f"average {os.getloadavg()[0]:.1f} at the end."
    )
    print()
    print("| " + " | ".join(f"{title} min / med / max" for title, _, _ in SUMMARY) + " |")
    print("|" + "---|" * len(SUMMARY))
    print(
        "| "
        + " | ".join(spread([r[key] for r in found], d, thousands=True) for _, key, d in SUMMARY)
        + " |"
    )
    for r in results:
        if not r["found"]:
            print(f"- seed {r['seed']}: {r['note']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A multi-year plan on the example county: time to a verified plan, and what it achieves.

    python benchmarks/horizon.py                           # county seed 0, 3 years, 180 s
    python benchmarks/horizon.py --years 5 --time-limit 300 --seed 1

Prints a Markdown table: per year the rotation figures and the six L1–L3 CVs without rotation
and with the plan; then timing, the independent check and peak memory.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import time

import ortools

import rotation
from rotation.io.vocabulary import STAGES

CODES = [(s, c) for s in STAGES for c in ("L1", "L2", "L3")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="county", choices=("county", "district"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--time-limit", type=float, default=180.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    county = rotation.example_county(args.size, seed=args.seed, year=args.year)
    print(f"{county!r}")
    print(
        f"machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}; "
        f"ortools {ortools.__version__}; command: python benchmarks/horizon.py "
        + " ".join(sys.argv[1:])
    )
    start = time.monotonic()
    settings = rotation.SolverSettings(time_limit=args.time_limit, num_workers=args.workers)
    plan = rotation.plan(county, year=args.year, horizon=args.years, settings=settings)
    seconds = time.monotonic() - start
    problems = plan.verify()
    print()
    print("| year | rotated | eligible | ratio | backbone | " + " | ".join(
        f"{s[0]}{c} without → with" for s, c in CODES) + " |")  # fmt: skip
    print("|" + "---|" * (5 + len(CODES)))
    traj = plan.trajectory()
    for year, row in plan.figures().iterrows():
        cells = " | ".join(
            f"{traj.at[(year, s, c), 'cv_without_rotation']:.3f} → "
            f"{traj.at[(year, s, c), 'cv_with_plan']:.3f}"
            for s, c in CODES
        )
        print(
            f"| {year} | {row['rotated']} | {row['eligible']} | {100 * row['ratio']:.1f}% | "
            f"{100 * row['backbone_share']:.1f}% | {cells} |"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print()
    first = plan.solver.first_plan_seconds
    print(f"- first verified plan after {first:.1f} s; done in {seconds:.1f} s")
    print(f"- every optimised CV passes from {plan.earliest_pass_year()}")
    print(f"- independent check: {'every rule holds' if not problems else problems[:5]}")
    print(f"- solver status: {plan.status}; peak memory {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

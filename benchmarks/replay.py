"""Replay a history: at each year, what would the optimiser have done, and what happened?

For every year of a history but the last, plan that year on the year's roster and compare the
plan's indicators with (1) the by-hand rotation the office actually made that year, applied to
the same roster, and (2) the roster actually recorded the next year (which also holds a year of
hires, retirements, returns and enrolment drift). Prints a Markdown table.

    python benchmarks/replay.py                     # the shipped synthetic history, 60 s a year
    python benchmarks/replay.py --history DIR       # a folder of yearly rosters
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time

import ortools

import rotation
from rotation.io.history import History, load_history
from rotation.io.vocabulary import STAGES
from rotation.review.evaluation import evaluate

CODES = [(s, c) for s in STAGES for c in ("L1", "L2", "L3")]
HEADER = (
    "| year | what | rotated | ratio | backbone | "
    + " | ".join(f"{s[0]}{c}" for s, c in CODES)
    + " | passed |"
)


def cvs(evaluation) -> list[float]:
    return [float(evaluation.county.loc[key, "cv"]) for key in CODES]


def passed(evaluation) -> int:
    return int(sum(bool(evaluation.county.loc[key, "passes"]) for key in CODES))


def row(year, what, rotated, ratio, backbone, evaluation) -> str:
    cells = " | ".join(f"{v:.3f}" for v in cvs(evaluation))
    return (
        f"| {year} | {what} | {rotated} | {ratio} | {backbone} | {cells} | {passed(evaluation)}/6 |"
    )


def share(g, key: str) -> str:
    value = g.at[key, "value"]
    return "—" if value != value else f"{100 * float(value):.1f}%"


def replay(history: History, time_limit: float, workers: int) -> None:
    print(HEADER)
    print("|" + "---|" * (len(CODES) + 6))
    for year in history.years[:-1]:
        roster = history[year]
        print(row(year, "before", "", "", "", evaluate(roster)))
        actual = history.rotations(year)
        by_hand = evaluate(roster, year=year, moves=actual)
        g = by_hand.guarantees
        print(row(year, "by hand (actual)", len(actual), share(g, "rotation_ratio"),
                  share(g, "backbone_share"), by_hand))  # fmt: skip
        start = time.monotonic()
        settings = rotation.SolverSettings(time_limit=time_limit, num_workers=workers)
        plan = rotation.plan(roster, year=year, settings=settings)
        seconds = time.monotonic() - start
        g = plan.after.guarantees
        ok = "verified" if not plan.verify() else "VIOLATIONS"
        print(row(year, f"optimiser ({seconds:.0f} s, {ok})", len(plan.moves),
                  share(g, "rotation_ratio"), share(g, "backbone_share"), plan.after))  # fmt: skip
        print(row(year + 1, "next year's roster", "", "", "", evaluate(history[year + 1])))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--history", help="a folder of yearly rosters (default: the example)")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    history = load_history(args.history) if args.history else rotation.example_history()
    print(f"Replay of {history!r}")
    print(
        f"machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}; "
        f"ortools {ortools.__version__}; command: python benchmarks/replay.py "
        + " ".join(sys.argv[1:])
    )
    print()
    replay(history, args.time_limit, args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The road to the review on the example county: hires by the optimiser, by hand and the bound.

    python benchmarks/road.py                                  # county, seeds 0 1 2, 60 s
    python benchmarks/road.py --size district --time-limit 120
    python benchmarks/road.py --seeds 0 --years 2 --time-limit 120

Each seed runs in a fresh process, so its peak memory is its own. Per seed: the hires and
designations of the road (`rotation.road`), of the by-hand baseline
(`rotation.example.by_hand_road`: each school fills its own deficits with new hires, no
rotation) and the least hiring `rotation_limits` gives (the largest of: teachers short of a
subject county-wide, and the hires its CV rows need for L1 and L3); the teacher CVs passing;
schools passing the school rule before, by hand and with the road, and those the road may not
reach (facilities or posts); the teachers short of the subjects' need; time to the first road
and to its independent check, the total, and the peak memory. Then min / median / max over
the seeds.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import shlex
import sys
import time

from common import in_child, load, machine, spread

#: The figures summarised over seeds: column title, key, digits.
SUMMARY = (
    ("hires (road)", "hires", 0),
    ("hires (by hand)", "hand_hires", 0),
    ("hires (bound)", "bound_hires", 0),
    ("designations (road)", "designations", 0),
    ("designations (by hand)", "hand_designations", 0),
    ("teacher CVs passing (road)", "cvs_road", 0),
    ("teacher CVs passing (by hand)", "cvs_hand", 0),
    ("schools passing before", "schools_before", 0),
    ("schools passing (by hand)", "schools_hand", 0),
    ("schools passing (road)", "schools_road", 0),
    ("schools the road may reach", "reachable", 0),
    ("teachers short (road)", "short", 0),
    ("first road (s)", "first", 1),
    ("first road checked (s)", "first_checked", 1),
    ("total (s)", "total", 1),
    ("peak MB", "peak_mb", 0),
)


def road_once(size: str, seed: int, year: int, years: int, limit: float, workers: int) -> dict:
    """One road of the example county and its comparisons (in a child process)."""
    import pandas as pd

    import rotation
    from rotation.example.by_hand_road import by_hand_road
    from rotation.planning.road import check_road, judged_years

    county = rotation.example_county(size, seed=seed, year=year)
    policy = rotation.Policy()
    target = year + years - 1
    start = time.monotonic()
    settings = rotation.SolverSettings(time_limit=limit, num_workers=workers, deterministic=True)
    road = rotation.road(county, policy, year, target, settings=settings)
    solved = time.monotonic() - start
    t0 = time.monotonic()
    violations = check_road(road)
    check = time.monotonic() - t0
    total = solved + check
    first_roster = county.end_rotations(year)
    hires, designations = by_hand_road(first_roster, policy, year, target)
    no_moves = road.moves.iloc[0:0]
    hand = judged_years(first_roster, policy, (year,), no_moves, hires, designations)[year]
    before = rotation.evaluate(first_roster, policy)
    after = road.yearly[target]
    limits = rotation.rotation_limits(first_roster, policy)
    shortages = limits[limits["kind"] == "subject shortage"]["hires"].sum()
    teacher_rows = limits[limits["what"].isin(["L1", "L3"])]["hires"]
    bound = max(int(shortages), int(teacher_rows.max()) if len(teacher_rows) else 0)
    judged = pd.Series(after.schools["passes"]).notna()
    blocked = len(road.condemned) + len(road.short_of_posts)

    def cvs(ev: rotation.Evaluation) -> int:
        teacher = ev.county.loc[[(s, c) for s in ("primary", "middle") for c in ("L1", "L2", "L3")]]
        return int(teacher["passes"].fillna(False).astype(bool).sum())

    def schools(ev: rotation.Evaluation) -> int:
        return int(ev.schools["passes"].fillna(False).astype(bool).sum())

    return {
        "teachers": len(county.teachers),
        "units": int(judged.sum()),
        "hires": int(road.hires["count"].sum()),
        "hand_hires": int(hires["count"].sum()),
        "bound_hires": bound,
        "designations": len(road.designations),
        "hand_designations": len(designations),
        "cvs_road": cvs(after),
        "cvs_hand": cvs(hand),
        "schools_before": schools(before),
        "schools_hand": schools(hand),
        "schools_road": schools(after),
        "reachable": int(judged.sum()) - blocked,
        "short": int(road.claimed.get("short", 0)),  # type: ignore[call-overload]
        "first": road.first_seconds,
        "first_checked": road.first_seconds + check,
        "total": total,
        "targets": str(road.phases.at["targets", "status"]),
        "verified": not violations,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


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
    parser.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2])
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--years", type=int, default=1, help="years in the road (1)")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker is not None:
        result = road_once(
            args.size, args.worker, args.year, args.years, args.time_limit, args.workers
        )
        print("RESULT " + json.dumps(result), flush=True)
        return 0

    import ortools

    import rotation

    print(f"- command: `{shlex.join(['python', 'benchmarks/road.py', *argv])}`")
    print(
        f"- machine: {machine()}; Python {platform.python_version()}, "
        f"OR-Tools {ortools.__version__}, rotation {rotation.__version__}"
    )
    last = args.year + args.years - 1
    print(
        f"- {args.size}, road {args.year}–{last}, time limit {args.time_limit:g} s, CP-SAT "
        f"num_workers={args.workers}, deterministic; seeds {' '.join(map(str, args.seeds))}"
    )
    print(f"- load average (1, 5, 15 min) at the start: {load()}")
    results = []
    print()
    print("| seed | teachers | " + " | ".join(t for t, _, _ in SUMMARY) + " | targets | check |")
    print("|" + "---|" * (4 + len(SUMMARY)))
    for seed in args.seeds:
        r = run_seed(args, seed)
        if r is None:
            continue
        results.append(r)
        cells = " | ".join(f"{r[key]:.{d}f}" for _, key, d in SUMMARY)
        check = "holds" if r["verified"] else "**broken**"
        print(f"| {seed} | {r['teachers']:,} | {cells} | {r['targets']} | {check} |", flush=True)
    print()
    print(f"#### Over seeds ({len(results)} roads): min / median / max")
    print()
    print("| figure | min / median / max |")
    print("|---|---|")
    for title, key, d in SUMMARY:
        print(f"| {title} | {spread([r[key] for r in results], d)} |")
    print()
    print(f"- load average (1, 5, 15 min) at the end: {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

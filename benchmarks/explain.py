"""How long the explanations take on the example county.

For each seed of `example_county`: a plan (deterministic, one worker), then `plan.explain` of
its first TEACHERS movers, a swap priced by a re-solve each (the default 10 s deterministic
budget), and of one receiving school; then an impossible request — the plan's longest move
pinned under a travel cap of half its length — whose explanation (the rules
that clash, the pin by name, and the smallest change checked by solving) runs inside the
plan's time limit. Printed: min / median / max seconds over seeds and teachers, and the
changes found (each with whether it is proven the smallest).

    .venv/bin/python benchmarks/explain.py [--seeds 0 1 2] [--teachers 3] [--time-limit 20]
"""

from __future__ import annotations

import argparse
import statistics
import time

import pandas as pd

import rotation
from rotation.errors import InfeasibleError


def spread(values: list[float]) -> str:
    return (
        f"min {min(values):.1f} s, median {statistics.median(values):.1f} s, "
        f"max {max(values):.1f} s (n={len(values)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--teachers", type=int, default=3)
    parser.add_argument("--time-limit", type=float, default=20.0)
    args = parser.parse_args()
    settings = rotation.SolverSettings(
        time_limit=args.time_limit, num_workers=1, seed=0, deterministic=True
    )
    teacher_s: list[float] = []
    school_s: list[float] = []
    infeasible_s: list[float] = []
    for seed in args.seeds:
        county = rotation.example_county(seed=seed)
        made = rotation.plan(county, year=2026, settings=settings, progress=False)
        for tid in made.moves["teacher_id"].head(args.teachers):
            t0 = time.monotonic()
            made.explain(str(tid))
            teacher_s.append(time.monotonic() - t0)
        t0 = time.monotonic()
        made.explain(str(made.moves["to_school"].iloc[0]))
        school_s.append(time.monotonic() - t0)
        # the longest move of the plan, pinned, under a cap half its length
        first = made.moves.sort_values("distance_km").iloc[-1]
        target, km = str(first["to_school"]), float(first["distance_km"])
        pins = pd.DataFrame([{"teacher_id": first["teacher_id"], "action": "to", "school": target}])
        policy = rotation.Policy(max_distance_km=round(km / 2))
        t0 = time.monotonic()
        try:
            rotation.plan(county, policy, 2026, pins=pins, settings=settings, progress=False)
            print(f"seed {seed}: a plan exists, no explanation measured")
            continue
        except InfeasibleError as err:
            infeasible_s.append(time.monotonic() - t0)
            found = [
                (c.setting, c.value, "proven" if c.proven else "not proven") for c in err.changes
            ]
            print(f"seed {seed}: pinned move {km:.1f} km, cap {round(km / 2)} km: {found}")
    print(f"explain a teacher (swap priced): {spread(teacher_s)}")
    print(f"explain a school: {spread(school_s)}")
    if infeasible_s:
        print(f"plan + why no plan (limit {args.time_limit:g} s): {spread(infeasible_s)}")


if __name__ == "__main__":
    main()

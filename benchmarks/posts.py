"""Posts, applications and fill on the example county.

For each seed of `example_county`: posts published (`rotation.posts`: a direct plan,
deterministic with one worker, whose first year is published; the time to publish includes
the plan), then applications — every planned teacher
applies with the school of their planned move as first choice, and a share of the other
eligible teachers apply too, each ranking one to three random schools of their stage (fixed
seed) — and the posts filled from them (`rotation.fill`). Printed per seed and over the seeds:
whether the filled plan keeps every rule (``verify() == []``), whether its verdicts equal the
direct plan's, the largest difference of a CV, the moves, the applicants placed at their 1st /
2nd / 3rd choice or at none, and the seconds to publish and to fill (min / median / max).

    .venv/bin/python benchmarks/posts.py [--seeds 0 1 2] [--time-limit 30] [--share 0.1]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import pandas as pd

import rotation
from rotation.planning.posts import fill, posts


def spread(values: list[float], unit: str = " s") -> str:
    return (
        f"min {min(values):.1f}{unit}, median {statistics.median(values):.1f}{unit}, "
        f"max {max(values):.1f}{unit} (n={len(values)})"
    )


def applications(made: rotation.Plan, share: float, seed: int) -> pd.DataFrame:
    """Every planned teacher's first choice is their planned school; `share` of the other
    eligible teachers rank one to three random schools of their stage, not their own."""
    rng = np.random.default_rng(seed)
    teachers = made.start.teachers.set_index("teacher_id")
    schools = made.start.schools
    by_stage = {
        stage: schools.loc[schools[f"students_{stage}"] > 0, "school_id"].astype(str).tolist()
        for stage in ("primary", "middle")
    }
    moves = made.moves_in(made.year)
    rows = [(str(t), (str(s),)) for t, s in zip(moves.teacher_id, moves.to_school, strict=True)]
    status = made.eligibility
    planned = set(moves.teacher_id)
    others = [
        str(t)
        for t, ok in zip(status.teacher_id, status.eligible, strict=True)
        if bool(ok) and t not in planned
    ]
    for tid in rng.choice(others, size=round(share * len(others)), replace=False):
        home = str(teachers.at[tid, "school_id"])
        options = [s for s in by_stage[str(teachers.at[tid, "stage"])] if s != home]
        picked = rng.choice(options, size=min(len(options), int(rng.integers(1, 4))), replace=False)
        rows.append((str(tid), tuple(str(s) for s in picked)))
    return pd.DataFrame(
        {
            "teacher_id": [t for t, _ in rows],
            "choices": [c for _, c in rows],
            "row": range(2, len(rows) + 2),
            "columns": [("choice1", "choice2", "choice3")] * len(rows),
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--share", type=float, default=0.1, help="other eligible who apply")
    args = parser.parse_args()
    settings = rotation.SolverSettings(
        time_limit=args.time_limit, num_workers=1, seed=0, deterministic=True
    )
    publish_s: list[float] = []
    fill_s: list[float] = []
    print("| seed | verified | same verdicts | largest CV difference | moves | applicants "
          "| 1st | 2nd | 3rd | none | publish s | fill s |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for seed in args.seeds:
        county = rotation.example_county(seed=seed)
        t0 = time.monotonic()
        published = posts(county, year=2026, settings=settings)  # plans, then publishes
        publish_s.append(time.monotonic() - t0)
        made = published.plan
        apps = applications(made, args.share, seed)
        t0 = time.monotonic()
        filled = fill(county, published.posts, published.quotas, apps, year=2026, settings=settings)
        fill_s.append(time.monotonic() - t0)
        direct, after = made.after.county, filled.plan.after.county
        same = bool(direct["passes"].equals(after["passes"]))
        diff = float((direct["cv"] - after["cv"]).abs().max())
        choice = filled.filled.set_index("teacher_id")["choice"]
        placed = choice.reindex(apps["teacher_id"]).fillna(-1).astype(int)
        ranks = [int((placed == r).sum()) for r in (1, 2, 3)]
        none = len(apps) - sum(ranks)
        print(
            f"| {seed} | {filled.plan.verify() == []} | {same} | {diff:.2g} "
            f"| {len(filled.filled)} | {len(apps)} | {ranks[0]} | {ranks[1]} | {ranks[2]} "
            f"| {none} | {publish_s[-1]:.1f} | {fill_s[-1]:.1f} |"
        )
    print(f"publish: {spread(publish_s)}")
    print(f"fill: {spread(fill_s)}")


if __name__ == "__main__":
    main()

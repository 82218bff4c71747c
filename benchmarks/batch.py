"""The prefecture example as a batch on 1 and on 2 local workers: wall time, parallel
efficiency, memory per worker.

Each run plans the first COUNTIES counties of `example_county("prefecture")` (one task per
county, one CP-SAT thread each, deterministic search so every run does the same work) on a
fresh LocalCluster of W worker processes, into a fresh folder. Printed per worker count:
wall time of the batch (min / median / max over the runs, cluster start not included), the
speed-up and parallel efficiency of 2 workers against 1 (median / (W · median)), and the
peak resident memory of a worker process (the largest over workers, min / median / max over
the runs).

    .venv/bin/python benchmarks/batch.py [--counties 4] [--time-limit 10] [--runs 3]

With `--province N` it measures a synthetic province instead: N counties (each
`example_county("county", seed=k)`, about 2,700 teachers) × 3 scenarios (an evaluation, the
default plan, a plan at a 15 % minimum ratio). It runs a measured sample of `--sample` counties
(all three scenarios each) on 1 and on 2 local workers and prints the wall times, the parallel
efficiency and the peak memory per worker; then, from the measured task times scaled to the
N counties, the predicted wall time of the whole province on W workers for W = 1, 2, 8, 32,
100: total work / W (Amdahl: the tasks are independent, the serial part is the summary), but
never less than the longest task plus that serial part.

    .venv/bin/python benchmarks/batch.py --province 100 --sample 6 --time-limit 5 --runs 1
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time

import dask
import pandas as pd
from distributed import Client, LocalCluster

import rotation
from rotation.batch import Scenario, batch


def peak_rss_mib() -> float:
    """This process's peak resident memory (MiB; Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one_run(
    roster: rotation.Roster,
    workers: int,
    settings: rotation.SolverSettings,
    scenarios: list[Scenario] | None = None,
) -> dict:
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 1}),
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=40,
        ) as cluster,
        Client(cluster) as client,
        tempfile.TemporaryDirectory() as out,
    ):
        start = time.perf_counter()
        result = batch(
            roster,
            scenarios or [Scenario("plan")],
            out,
            client=client,
            settings=settings,
            year=2026,
            progress=False,
        )
        wall = time.perf_counter() - start
        memory = max(client.run(peak_rss_mib).values())
    statuses = result.summary["status"].value_counts().to_dict()
    seconds = [float(x) for x in result.summary["task_seconds"]]
    return {"wall": wall, "memory": memory, "statuses": statuses, "seconds": seconds}


PROVINCE_SCENARIOS = [
    Scenario("evaluate", "evaluate"),
    Scenario("plan", "plan"),
    Scenario("ratio15", "plan", {"min_rotation_ratio": 0.15, "max_rotation_ratio": 0.2}),
]
#: Worker counts the province prediction is printed for.
PREDICTED_WORKERS = (1, 2, 8, 32, 100)


def province_sample(counties: int) -> rotation.Roster:
    """`counties` example counties (seeds 0, 1, …), each named by its seed, as one roster."""
    schools, teachers = [], []
    for k in range(counties):
        one = rotation.example_county("county", seed=k)
        tag = f"P{k:03d}"
        s = one.schools.assign(county=tag, school_id=tag + "-" + one.schools["school_id"])
        s["group"] = [f"{tag}-{g}" if g else "" for g in s["group"]]
        t = one.teachers.assign(school_id=tag + "-" + one.teachers["school_id"])
        t["teacher_id"] = tag + "-" + t["teacher_id"]
        t["home_school_id"] = [f"{tag}-{h}" if h else "" for h in t["home_school_id"]]
        t["preferred_schools"] = [
            ";".join(f"{tag}-{x}" for x in p.split(";")) if p else ""
            for p in t["preferred_schools"]
        ]
        schools.append(s)
        teachers.append(t)
    return rotation.Roster.from_frames(pd.concat(schools), pd.concat(teachers))


def province(args: argparse.Namespace) -> int:
    """Measure a sample of the province on 1 and 2 workers; predict the whole on W workers."""
    roster = province_sample(args.sample)
    settings = rotation.SolverSettings(
        time_limit=args.time_limit, num_workers=1, deterministic=True, seed=0
    )
    tasks = args.sample * len(PROVINCE_SCENARIOS)
    print(
        f"synthetic province: {args.province} counties × {len(PROVINCE_SCENARIOS)} scenarios "
        f"({', '.join(s.name for s in PROVINCE_SCENARIOS)}); measured sample {args.sample} "
        f"counties = {tasks} tasks, {len(roster.teachers):,} teachers; plans "
        f"{args.time_limit:g} s (deterministic) each; {args.runs} run(s) per worker count; load "
        f"average {os.getloadavg()[0]:.1f}"
    )
    medians, seconds = {}, []
    for workers in (1, 2):
        runs = [one_run(roster, workers, settings, PROVINCE_SCENARIOS) for _ in range(args.runs)]
        walls = [r["wall"] for r in runs]
        medians[workers] = statistics.median(walls)
        seconds = runs[-1]["seconds"] if workers == 1 else seconds
        print(
            f"{workers} worker(s): wall {spread(walls, 's')}; peak memory per worker "
            f"{spread([r['memory'] for r in runs], 'MiB', 0)}; tasks {runs[-1]['statuses']}"
        )
    speedup = medians[1] / medians[2]
    print(f"2 workers against 1 (medians): speed-up {speedup:.2f}, efficiency {speedup / 2:.0%}")
    work = sum(seconds) * args.province / args.sample
    serial = max(0.0, medians[1] - sum(seconds)) * args.province / args.sample
    longest = max(seconds)
    print(
        f"task times on 1 worker: {spread(seconds, 's')} (min / median / max); whole province: "
        f"{work:,.0f} s of tasks, {serial:,.0f} s outside them (scheduling, writing, summary)"
    )
    print()
    print("| workers | predicted wall time | bound by |")
    print("|---|---|---|")
    for w in PREDICTED_WORKERS:
        spread_out = work / w
        wall = max(spread_out, longest) + serial
        what = "longest task" if longest > spread_out else "work / workers"
        print(f"| {w} | {wall:,.0f} s ({wall / 60:.1f} min) | {what} |")
    print()
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0


def spread(values: list[float], unit: str, digits: int = 1) -> str:
    low, mid, high = min(values), statistics.median(values), max(values)
    return f"{low:.{digits}f} / {mid:.{digits}f} / {high:.{digits}f} {unit}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counties", type=int, default=4, help="counties of the prefecture (4)")
    parser.add_argument("--time-limit", type=float, default=10.0, help="seconds per task (10)")
    parser.add_argument("--runs", type=int, default=3, help="runs per worker count (3)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--province", type=int, help="counties of a synthetic province")
    parser.add_argument("--sample", type=int, default=6, help="province counties measured (6)")
    args = parser.parse_args()
    if args.province:
        return province(args)

    whole = rotation.example_county("prefecture", seed=0)
    names = whole.counties()[: args.counties]
    keep = whole.schools["county"].isin(names)
    schools = whole.schools[keep]
    teachers = whole.teachers[whole.teachers["school_id"].isin(schools["school_id"])]
    roster = rotation.Roster(schools.reset_index(drop=True), teachers.reset_index(drop=True))
    settings = rotation.SolverSettings(
        time_limit=args.time_limit, num_workers=1, deterministic=True, seed=0
    )
    print(
        f"prefecture example, seed 0: {len(names)} counties, {len(schools)} schools, "
        f"{len(teachers):,} teachers; one plan task per county, {args.time_limit:g} s "
        f"(deterministic) each; {args.runs} runs per worker count"
    )
    print(f"python {sys.version.split()[0]}, dask {dask.__version__}")
    medians = {}
    for workers in args.workers:
        runs = [one_run(roster, workers, settings) for _ in range(args.runs)]
        walls = [r["wall"] for r in runs]
        medians[workers] = statistics.median(walls)
        print(
            f"{workers} worker(s): wall {spread(walls, 's')}; peak memory per worker "
            f"{spread([r['memory'] for r in runs], 'MiB', 0)}; tasks {runs[-1]['statuses']}"
        )
    if 1 in medians:
        for workers, median in medians.items():
            if workers == 1:
                continue
            speedup = medians[1] / median
            print(
                f"{workers} workers against 1 (medians): speed-up {speedup:.2f}, "
                f"parallel efficiency {speedup / workers:.0%}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

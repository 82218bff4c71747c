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
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time

import dask
from distributed import Client, LocalCluster

import rotation
from rotation.batch import Scenario, batch


def peak_rss_mib() -> float:
    """This process's peak resident memory (MiB; Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one_run(roster: rotation.Roster, workers: int, settings: rotation.SolverSettings) -> dict:
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
            [Scenario("plan")],
            out,
            client=client,
            settings=settings,
            year=2026,
            progress=False,
        )
        wall = time.perf_counter() - start
        memory = max(client.run(peak_rss_mib).values())
    statuses = result.summary["status"].value_counts().to_dict()
    return {"wall": wall, "memory": memory, "statuses": statuses}


def spread(values: list[float], unit: str, digits: int = 1) -> str:
    low, mid, high = min(values), statistics.median(values), max(values)
    return f"{low:.{digits}f} / {mid:.{digits}f} / {high:.{digits}f} {unit}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counties", type=int, default=4, help="counties of the prefecture (4)")
    parser.add_argument("--time-limit", type=float, default=10.0, help="seconds per task (10)")
    parser.add_argument("--runs", type=int, default=3, help="runs per worker count (3)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()

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

"""Batches on dask.distributed: a LocalCluster of 2 worker processes, one thread each, on a
roster of two small counties. A worker dies mid-run and the result is still complete; a rerun
redoes nothing; every result equals the same task run alone; no move crosses a county line.

The cluster is started once for the module and always closed. Every solve is deterministic
(one CP-SAT worker, fixed seed, deterministic mode), so results compare exactly.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import dask
import pandas as pd
import pytest
from distributed import Client, LocalCluster
from rosters import YEAR, two_counties

import rotation
from rotation.batch import BatchResult, Scenario, TaskResult, batch, read_scenarios, run_task
from rotation.batch.tasks import VARYING
from rotation.errors import PolicyError
from rotation.io.counties import school_county
from rotation.policy.settings import Policy

SETTINGS = rotation.SolverSettings(time_limit=4, num_workers=1, deterministic=True, seed=0)
FREE = {"coverage": False, "staffing": False}
SCENARIOS = [
    Scenario("evaluate", "evaluate", FREE),
    Scenario("plan", "plan", FREE),
    Scenario("horizon", "horizon", FREE, horizon=2),
]


@dataclass(frozen=True)
class DiesOnce(Scenario):
    """A plan whose first attempt kills its worker process (a marker file says it happened)."""

    marker: str = ""

    def make_policy(self) -> Policy:
        if not os.path.exists(self.marker):
            Path(self.marker).write_text("killed")
            os._exit(1)  # the worker process dies mid-task
        return super().make_policy()


@dataclass(frozen=True)
class AlwaysDies(Scenario):
    def make_policy(self) -> Policy:
        os._exit(1)


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 1}),
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=50,
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


@pytest.fixture(scope="module")
def county_roster() -> rotation.Roster:
    return two_counties()


@pytest.fixture(scope="module")
def first_run(
    client: Client, county_roster: rotation.Roster, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, BatchResult, list[Scenario]]:
    out = tmp_path_factory.mktemp("batch")
    marker = str(out.parent / "killed-once")
    scenarios = [*SCENARIOS, DiesOnce("dies_once", "plan", FREE, marker=marker)]
    result = batch(
        county_roster, scenarios, out, client=client, settings=SETTINGS, year=YEAR, progress=False
    )
    assert Path(marker).exists()  # a worker really died during the run
    return out, result, scenarios


def test_a_worker_killed_mid_run_still_gives_a_complete_result(first_run) -> None:
    out, result, scenarios = first_run
    table = result.summary
    assert len(table) == 2 * len(scenarios)
    assert (table["status"] == "done").all(), table[["county", "scenario", "status", "error"]]
    assert result.failed == 0 and result.ran == len(table)
    for row in table.itertuples():
        assert (out / "tasks" / row.county / row.scenario / "result.json").exists()
    for name in ("summary.csv", "summary.xlsx", "summary.html"):
        assert (out / name).stat().st_size > 0
    assert pd.read_csv(out / "summary.csv").shape[0] == len(table)
    assert list(result.verdicts().index) == ["North", "South"]
    assert not list(out.rglob(".tmp-*"))


def test_a_resumed_run_redoes_nothing(first_run, client, county_roster) -> None:
    out, first, scenarios = first_run
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("result.json")}
    again = batch(
        county_roster, scenarios, out, client=client, settings=SETTINGS, year=YEAR, progress=False
    )
    assert again.ran == 0 and again.skipped == len(first.summary)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("result.json")} == stamps
    pd.testing.assert_frame_equal(again.summary, first.summary)


def test_results_equal_the_same_tasks_run_one_by_one(first_run, county_roster) -> None:
    out, _, _ = first_run
    for county, part in county_roster.by_county().items():
        for scenario in SCENARIOS:
            alone = run_task(part, county, scenario, SETTINGS, YEAR)
            folder = out / "tasks" / county / scenario.name
            stored = json.loads((folder / "result.json").read_text(encoding="utf-8"))
            mine = {k: v for k, v in alone.record.items() if k not in VARYING}
            theirs = {k: v for k, v in stored.items() if k not in VARYING}
            assert mine == theirs, (county, scenario.name)
            if alone.plan_csv:
                assert (folder / "plan.csv").read_text(encoding="utf-8") == alone.plan_csv


def test_no_move_crosses_a_county_line(first_run, county_roster) -> None:
    out, _, _ = first_run
    where = school_county(county_roster.schools)
    plans = list(out.rglob("plan.csv"))
    assert plans
    for path in plans:
        moves = pd.read_csv(path, dtype=str)
        county = path.parent.parent.name
        assert (moves["from_school"].map(where) == county).all()
        assert (moves["to_school"].map(where) == county).all()


def test_a_task_whose_worker_dies_twice_is_reported_not_lost(client, county_roster, tmp_path):
    seen: list[TaskResult] = []
    result = batch(
        county_roster.by_county()["South"],
        [AlwaysDies("doomed", "plan", FREE)],
        tmp_path,
        client=client,
        settings=SETTINGS,
        year=YEAR,
        progress=False,
        on_result=seen.append,
    )
    assert result.failed == 1
    row = result.summary.iloc[0]
    assert row["status"] == "failed" and row["error"]
    assert seen[0].record["status"] == "failed"
    assert "doomed" in (tmp_path / "summary.html").read_text(encoding="utf-8")


def test_scenario_grid(tmp_path: Path) -> None:
    grid = tmp_path / "grid.toml"
    grid.write_text(
        "year = 2026\ncoverage = false\n"
        "[grid]\nmin_rotation_ratio = [0.10, 0.15]\nhorizon = [1, 3]\n"
        '[[scenarios]]\nname = "baseline"\nkind = "evaluate"\n',
        encoding="utf-8",
    )
    scenarios = read_scenarios(grid)
    assert [s.name for s in scenarios][-1] == "baseline"
    assert len(scenarios) == 5
    assert {s.kind for s in scenarios} == {"plan", "horizon", "evaluate"}
    assert scenarios[0].make_policy().min_rotation_ratio == 0.10
    grid.write_text("[grid]\nmin_rotaton_ratio = [0.1]\n", encoding="utf-8")
    with pytest.raises(PolicyError):
        read_scenarios(grid)


def test_an_interrupted_run_resumes_without_redoing_finished_tasks(client, county_roster, tmp_path):
    """Ctrl-C after the first result: what finished is on disk whole; the rerun runs only the
    rest and leaves the finished results untouched."""

    def interrupt(result: TaskResult) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        batch(
            county_roster,
            SCENARIOS,
            tmp_path,
            client=client,
            settings=SETTINGS,
            year=YEAR,
            progress=False,
            on_result=interrupt,
        )
    finished = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("result.json")}
    total = 2 * len(SCENARIOS)
    assert 1 <= len(finished) < total
    again = batch(
        county_roster, SCENARIOS, tmp_path, client=client, settings=SETTINGS, year=YEAR,
        progress=False,
    )  # fmt: skip
    assert again.skipped == len(finished) and again.ran == total - len(finished)
    assert (again.summary["status"] == "done").all()
    assert {p: p.stat().st_mtime_ns for p in finished} == finished


def test_the_cli_runs_on_an_existing_cluster_given_its_scheduler_address(
    county_roster, tmp_path
) -> None:
    from rotation.cli import main

    folder = county_roster.save(tmp_path / "roster")
    grid = tmp_path / "grid.toml"
    grid.write_text('year = 2026\n[[scenarios]]\nname = "now"\nkind = "evaluate"\n', "utf-8")
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        args = ["batch", str(folder), "--out", str(tmp_path / "out"), "--scenarios", str(grid)]
        assert main([*args, "--scheduler", cluster.scheduler_address]) == 0
        assert any("rotation" in name for name in cluster.scheduler.task_prefixes)
    results = sorted(p.parent.parent.name for p in (tmp_path / "out").rglob("result.json"))
    assert results == ["North", "South"]

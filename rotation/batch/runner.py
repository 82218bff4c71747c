"""`batch`: every county × scenario as one task on dask.distributed, resumable.

The rosters are split into counties, and every county × scenario runs as its own task, the
county's roster sent with it. Results are written by this process as each task
finishes (store.py), so the workers need not share its disk and nothing finished is lost to a
crash or Ctrl-C: a rerun skips what is done. A task whose worker dies is run again on another
worker; if that fails too, the task is reported "failed" with the error (and a rerun tries it
again). At the end the summary (county × scenario) is written as CSV, Excel and HTML.

The cluster: an existing one by its scheduler address, or a LocalCluster of processes fitted
to the machine, `workers` processes of one thread each, CP-SAT given the cores left per worker
(2 cores: 2 workers × 1 CP-SAT thread).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from rotation.batch.scenarios import DEFAULT_SCENARIOS, Scenario, read_scenarios
from rotation.batch.store import is_done, summary_table, write_result, write_summary
from rotation.batch.tasks import TaskResult, run_task
from rotation.errors import InputError, Problem
from rotation.io.roster import Roster, read_roster
from rotation.messages import Lang, text
from rotation.model import SolverSettings
from rotation.reports.batch_view import verdict_grid

#: How often a task is tried when its worker dies (the scheduler's allowed failures + 1).
ATTEMPTS = 2

RosterSource = Roster | str | Path | tuple[pd.DataFrame, pd.DataFrame]


@dataclass(frozen=True)
class BatchResult:
    """What `batch` did.

    Attributes
    ----------
    out : Path
        The output folder.
    summary : pandas.DataFrame
        One row per county × scenario (as summary.csv).
    ran, skipped, failed : int
        Tasks run now, found done by an earlier run, and failed (worker died twice, or a bug).
    seconds : float
        Wall time of the call.
    files : dict of str to Path
        The summary files: csv, excel, html.
    lang : {"zh", "en"}
        The language of the workbook, the page and the progress bar.
    """

    out: Path
    summary: pd.DataFrame
    ran: int
    skipped: int
    failed: int
    seconds: float
    files: dict[str, Path]
    lang: Lang = "en"

    def verdicts(self, lang: Lang | None = None) -> pd.DataFrame:
        """County × scenario: 达标 / 未达标 (pass / FAIL), or the status of a task that did not
        finish, in `lang` (default: the batch's)."""
        return verdict_grid(self.summary, lang or self.lang)


def local_layout(workers: int | None, cores: int | None = None) -> tuple[int, int]:
    """(worker processes, CP-SAT threads per task) fitted to the cores: by default one worker
    per core with one thread; with `workers` given, the cores shared among them."""
    cores = cores or os.cpu_count() or 1
    n = max(1, workers or cores)
    return n, max(1, cores // n)


def county_parts(
    rosters: Sequence[RosterSource], read: Sequence[Roster] | None = None
) -> dict[str, Roster]:
    """Every county of every roster by name: a county's own name, or for a roster of one
    unnamed county the roster file's name ("roster1", … for DataFrames). `read`: the rosters
    already read from `rosters`, in order."""
    out: dict[str, Roster] = {}
    problems = []
    for i, source in enumerate(rosters):
        roster = read[i] if read is not None else read_roster(source)
        for name, part in roster.by_county().items():
            label = name or (
                Path(source).stem if isinstance(source, str | Path) else f"roster{i + 1}"
            )
            if label in out:
                problems.append(
                    Problem(str(roster.source), "county named twice in the batch", value=label)
                )
            out[label] = part
    if problems:
        raise InputError(problems, "rosters")
    return out


def batch(
    rosters: RosterSource | Sequence[RosterSource],
    scenarios: Sequence[Scenario] | str | Path | None = None,
    out: str | Path = "batch",
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    client: Any = None,
    settings: SolverSettings | None = None,
    year: int | None = None,
    progress: bool | TextIO = True,
    on_result: Callable[[TaskResult], None] | None = None,
    lang: Lang | None = None,
) -> BatchResult:
    """Run every county × scenario on dask.distributed; write each result as it finishes.

    Parameters
    ----------
    rosters : roster or sequence of rosters
        Paths `rotation.read_roster` reads, Rosters, or (schools, teachers) pairs; a roster of
        several counties gives one county per name.
    scenarios : sequence of Scenario, or a TOML grid path, optional
        What to run (default: a one-year plan under the default policy).
    out : str or Path
        The output folder (see rotation/batch/store.py); tasks done there are skipped.
    workers : int, optional
        Worker processes of the LocalCluster (default: one per core).
    scheduler : str, optional
        The address of an existing cluster's scheduler ("tcp://host:8786") instead.
    client : distributed.Client, optional
        An existing client instead (the caller closes it).
    settings : SolverSettings, optional
        Per task (default: 60 s; CP-SAT threads fitted to the cores on a LocalCluster).
    year : int, optional
        The first school year (default: this year; a scenario's year wins).
    progress : bool or file, default True
        Show one progress bar (on standard error, or on this file).
    on_result : callable, optional
        Called with each TaskResult as it is written.
    lang : {"zh", "en"}, optional
        The language of the progress bar, summary.xlsx and summary.html (default: the first
        roster's, `Roster.lang`); summary.csv keeps its English field names.

    Returns
    -------
    BatchResult
    """
    started = time.perf_counter()
    sources = [rosters] if _is_one_roster(rosters) else list(rosters)  # type: ignore[arg-type]
    if isinstance(scenarios, str | Path):
        scenarios = read_scenarios(scenarios)
    scenarios = list(scenarios or DEFAULT_SCENARIOS)
    read = [read_roster(source) for source in sources]  # type: ignore[arg-type]
    parts = county_parts(sources, read)  # type: ignore[arg-type]
    lang = lang or (read[0].lang if read else "en")
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    tasks = [(county, s) for county in parts for s in scenarios]
    todo = [(county, s) for county, s in tasks if not is_done(folder, county, s.name)]
    settings = settings or SolverSettings()
    bar = _Bar(len(tasks), len(tasks) - len(todo), progress, lang)
    ran = failed = 0
    if todo:
        with _client(client, scheduler, workers, settings) as (dask_client, task_settings):
            ran, failed = _run(
                dask_client, parts, todo, task_settings, year, folder, bar, on_result
            )
    bar.close()
    table = summary_table(folder, [(county, s.name) for county, s in tasks])
    files = write_summary(folder, table, lang)
    return BatchResult(
        folder,
        table,
        ran,
        len(tasks) - len(todo),
        failed,
        time.perf_counter() - started,
        files,
        lang,
    )


def _is_one_roster(rosters: object) -> bool:
    return isinstance(rosters, Roster | str | Path | tuple)


@contextlib.contextmanager
def _client(
    client: Any, scheduler: str | None, workers: int | None, settings: SolverSettings
) -> Iterator[tuple[Any, SolverSettings]]:
    """The client to run on, and the solver settings fitted to its workers."""
    import dask
    from distributed import Client, LocalCluster

    if client is not None:
        yield client, settings
        return
    if scheduler:
        with Client(scheduler) as remote:  # type: ignore[no-untyped-call]
            yield remote, settings
        return
    n, threads = local_layout(workers)
    config = {
        "distributed.scheduler.allowed-failures": ATTEMPTS - 1,
        "distributed.worker.daemon": False,  # CP-SAT starts no processes, but be safe
    }
    with (
        dask.config.set(config),
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=n,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=40,  # logging.ERROR
        ) as cluster,
        Client(cluster) as local,  # type: ignore[no-untyped-call]
    ):
        yield local, dataclasses.replace(settings, num_workers=threads)


def _run(
    client: Any,
    parts: dict[str, Roster],
    todo: list[tuple[str, Scenario]],
    settings: SolverSettings,
    year: int | None,
    out: Path,
    bar: _Bar,
    on_result: Callable[[TaskResult], None] | None,
) -> tuple[int, int]:
    from distributed import as_completed

    token = uuid.uuid4().hex[:8]
    futures = {}
    for i, (county, scenario) in enumerate(todo):
        # the county's roster travels with the task, not scattered: data scattered to a worker
        # dies with it, a task's arguments are kept by the scheduler and survive
        future = client.submit(
            run_task,
            parts[county],
            county,
            scenario,
            settings,
            year,
            key=f"rotation-task-{token}-{i}",
            retries=ATTEMPTS - 1,
            pure=False,
        )
        futures[future] = (county, scenario)
    ran = failed = 0
    try:
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            county, scenario = futures[future]
            try:
                result = future.result()
            except Exception as err:  # the worker died twice, or a bug in rotation
                result = _failure(county, scenario, err)
                failed += 1
            write_result(out, result)
            ran += 1
            bar.step(result.record)
            if on_result is not None:
                on_result(result)
    except BaseException:
        client.cancel(list(futures))
        raise
    return ran, failed


def _failure(county: str, scenario: Scenario, err: BaseException) -> TaskResult:
    return TaskResult(
        {
            "county": county,
            "scenario": scenario.name,
            "kind": scenario.kind,
            "status": "failed",
            "error": f"{type(err).__name__}: {err}",
        }
    )


class _Bar:
    """One progress bar on a terminal: tasks done of all, failures, elapsed time."""

    WIDTH = 30

    def __init__(self, total: int, done: int, progress: bool | TextIO, lang: Lang = "en"):
        self.total, self.done, self.failed = total, done, 0
        self.lang = lang
        self.skipped = done
        self.file: TextIO | None = (
            (sys.stderr if progress is True else progress) if progress else None
        )
        self.start = time.perf_counter()
        self._draw()

    def step(self, record: dict[str, Any]) -> None:
        self.done += 1
        self.failed += record.get("status") == "failed"
        self._draw()

    def _draw(self) -> None:
        if self.file is None or not self.total:
            return
        filled = self.WIDTH * self.done // self.total
        self.file.write(f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {self.line()}")
        self.file.flush()

    def line(self) -> str:
        """Tasks done of all, done before, failed and seconds, in the bar's language."""
        lang = self.lang
        parts = [text("batch.progress", lang, done=self.done, total=self.total)]
        if self.skipped:
            parts.append(text("batch.progress_before", lang, n=self.skipped))
        if self.failed:
            parts.append(text("batch.progress_failed", lang, n=self.failed))
        seconds = f"{time.perf_counter() - self.start:.0f}"
        parts.append(text("batch.progress_seconds", lang, seconds=seconds))
        return "".join(parts)

    def close(self) -> None:
        if self.file is not None and self.total:
            self.file.write("\n")
            self.file.flush()

"""Batches: every county × scenario of one or more rosters, run on dask.distributed.

scenarios.py  `Scenario` and the TOML grid (`read_scenarios`)
tasks.py      `run_task`: one county under one scenario, on a worker
store.py      the output folder: each task written whole or not at all; the summary
runner.py     `batch`: the cluster, the tasks, resume, retries, the progress bar
"""

from rotation.batch.runner import BatchResult, batch, local_layout
from rotation.batch.scenarios import Scenario, read_scenarios, scenarios_from_dict
from rotation.batch.tasks import TaskResult, run_task

__all__ = [
    "BatchResult",
    "Scenario",
    "TaskResult",
    "batch",
    "local_layout",
    "read_scenarios",
    "run_task",
    "scenarios_from_dict",
]

"""A batch's output folder: one folder per task, written whole or not at all, and the summary.

    OUT/tasks/<county>/<scenario>/result.json   the task's figures (TaskResult.record)
    OUT/tasks/<county>/<scenario>/cvs.csv       each judged CV, before and after
    OUT/tasks/<county>/<scenario>/plan.csv      the plan (contract's columns), for plan tasks
    OUT/summary.csv, summary.xlsx, summary.html  county × scenario, written at the end

summary.csv is for scripts: one row per task, its header the record's English field names
(FIRST_COLUMNS, then cv_<before|after>_<stage>_<indicator> and the other figures, sorted),
values as stored (true/false, empty when missing); these names are kept stable. summary.xlsx
and summary.html are for people, in the batch's language (rotation/reports/batch_view.py).

A task's folder is written under a temporary name and renamed into place, so a crash leaves
either the whole result or none. A task is done when its result.json exists with a status
other than "failed"; a rerun skips the done ones and runs the rest again.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from rotation.batch.tasks import TaskResult
from rotation.messages import Lang
from rotation.reports.batch_view import overview_html, write_workbook

#: Summary columns shown first (the others follow: the CVs, solve figures).
FIRST_COLUMNS = (
    "county",
    "scenario",
    "kind",
    "status",
    "schools",
    "teachers",
    "passes_before",
    "passes_after",
    "cvs_passing_before",
    "cvs_passing_after",
    "cvs_judged",
    "moves",
    "eligible",
    "rotation_ratio",
    "backbone_share",
    "rotation_passes",
    "solve_status",
    "objective",
    "gap",
    "verified",
    "solve_seconds",
    "task_seconds",
    "error",
    "error_zh",
)


def safe_name(name: str) -> str:
    """A folder name for a county or scenario: path separators and control characters out."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip(" .")
    return cleaned or "_"


def task_dir(out: Path, county: str, scenario: str) -> Path:
    return out / "tasks" / safe_name(county) / safe_name(scenario)


def read_record(out: Path, county: str, scenario: str) -> dict[str, Any] | None:
    """The task's stored record, or None when it has none (never run, or a torn write)."""
    path = task_dir(out, county, scenario) / "result.json"
    try:
        record: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record


def is_done(out: Path, county: str, scenario: str) -> bool:
    """True when the task has a stored result that is not a failure."""
    record = read_record(out, county, scenario)
    return record is not None and record.get("status") != "failed"


def write_result(out: Path, result: TaskResult) -> Path:
    """Write a task's folder atomically (module doc); returns it."""
    record = result.record
    final = task_dir(out, str(record["county"]), str(record["scenario"]))
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=final.parent))
    try:
        (tmp / "result.json").write_text(
            json.dumps(record, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
        )
        if result.cvs:
            pd.DataFrame(result.cvs).to_csv(tmp / "cvs.csv", index=False)
        if result.plan_csv:
            (tmp / "plan.csv").write_text(result.plan_csv, encoding="utf-8")
        if final.exists():  # a failed attempt of an earlier run
            old = final.with_name(f".old-{final.name}-{os.getpid()}")
            final.rename(old)
            shutil.rmtree(old, ignore_errors=True)
        tmp.rename(final)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return final


def summary_table(out: Path, tasks: Iterable[tuple[str, str]]) -> pd.DataFrame:
    """One row per task of the batch (county, scenario) from the stored records; a task with
    none is listed as "missing"."""
    rows = []
    for county, scenario in tasks:
        record = read_record(out, county, scenario)
        rows.append(record or {"county": county, "scenario": scenario, "status": "missing"})
    table = pd.DataFrame(rows)
    first = [c for c in FIRST_COLUMNS if c in table.columns]
    rest = sorted(c for c in table.columns if c not in first and c != "worker")
    return table[first + rest]


def write_summary(out: Path, table: pd.DataFrame, lang: Lang = "en") -> dict[str, Path]:
    """summary.csv (stable English field names, for scripts), and for people, in `lang`,
    summary.xlsx (sheets of every task and of the verdicts) and summary.html; each atomically."""
    paths = {
        "csv": out / "summary.csv",
        "excel": out / "summary.xlsx",
        "html": out / "summary.html",
    }
    _atomic(paths["csv"], lambda p: table.to_csv(p, index=False))
    write_workbook(paths["excel"], table, lang)
    page = overview_html(table, lang)
    _atomic(paths["html"], lambda p: p.write_text(page, encoding="utf-8"))
    return paths


def _atomic(path: Path, write: Any) -> None:
    tmp = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()

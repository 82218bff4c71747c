"""One task of a batch: one county under one scenario, run on a worker.

`run_task` is a plain function of its inputs (a county's roster, a scenario, solver settings):
it returns a `TaskResult`, the figures the summary needs and the plan as CSV text, and writes
nothing, so the batch's client writes every result (the workers need not share its disk) and
the same task run alone gives the same result. A user's mistake or rules that clash end the
task with a status ("invalid", "infeasible", "no_plan") and the message; only a bug raises.
"""

from __future__ import annotations

import dataclasses
import io
import math
import os
import socket
import time
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from rotation.batch.scenarios import Scenario
from rotation.errors import InfeasibleError, RotationError
from rotation.io.roster import Roster
from rotation.messages import text
from rotation.model import NoPlanFound, SolverSettings
from rotation.planning.planner import plan
from rotation.review.evaluation import Evaluation, evaluate

#: Figures that change from run to run (clocks, where it ran): left out when results are compared.
VARYING = ("task_seconds", "solve_seconds", "first_plan_seconds", "worker", "attempt")


@dataclass
class TaskResult:
    """What a task gives back: `record` (a flat, JSON-able dict of figures) and the plan CSV.

    The record holds county, scenario, kind, status ("done", "invalid", "infeasible",
    "no_plan", "failed"), error (and error_zh, the same message in Chinese, when the task
    ended with one of the library's messages), schools, teachers, the verdict and CVs before
    and after, the moves and rotation figures, the solve's status, objective and gap,
    verification, seconds.
    """

    record: dict[str, Any]
    plan_csv: str = ""
    cvs: list[dict[str, Any]] = field(default_factory=list)


def run_task(
    roster: Roster, county: str, scenario: Scenario, settings: SolverSettings, year: int | None
) -> TaskResult:
    """Run `scenario` on one county's roster (module doc).

    Parameters
    ----------
    roster
        The county's roster (one county).
    county
        Its name in the batch.
    scenario
        What to run.
    settings
        Solver settings (time limit, CP-SAT workers, deterministic mode); the scenario's seed
        and time limit replace theirs.
    year
        The batch's first school year (the scenario's own year wins).

    Returns
    -------
    TaskResult
    """
    start = time.perf_counter()
    record: dict[str, Any] = {
        "county": county,
        "scenario": scenario.name,
        "kind": scenario.kind,
        "status": "done",
        "error": "",
        "schools": len(roster.schools),
        "teachers": len(roster.teachers),
        "worker": f"{socket.gethostname()}:{os.getpid()}",
    }
    settings = dataclasses.replace(settings, seed=scenario.seed)
    if scenario.time_limit is not None:
        settings = dataclasses.replace(settings, time_limit=scenario.time_limit)
    year = scenario.year if scenario.year is not None else year
    out = TaskResult(record)
    try:
        policy = scenario.make_policy()
        if scenario.kind == "evaluate":
            ev = evaluate(roster, policy, year)
            _judged(record, out.cvs, "before", ev)
        else:
            result = plan(
                roster, policy, year, horizon=scenario.horizon, settings=settings, progress=False
            )
            _judged(record, out.cvs, "before", result.before)
            _judged(record, out.cvs, "after", result.after)
            figures = result.figures()
            record.update(
                {
                    "year": result.year,
                    "years": len(result.years),
                    "moves": len(result.moves),
                    "eligible": int(figures["eligible"].iloc[0]),
                    "rotation_ratio": _float(figures["ratio"].iloc[0]),
                    "backbone_share": _float(figures["backbone_share"].iloc[0]),
                    "rotation_passes": bool(figures["passes"].all()),
                    "earliest_pass_year": result.earliest_pass_year(),
                    "solve_status": str(result.status),
                    "objective": _float(result.objective),
                    "gap": _float(result.gap),
                    "solve_seconds": round(result.seconds, 3),
                    "first_plan_seconds": _float(result.solver.first_plan_seconds),
                    "verified": not result.verify(),
                }
            )
            buffer = io.StringIO()
            result.moves.to_csv(buffer, index=False)
            out.plan_csv = buffer.getvalue()
    except InfeasibleError as err:
        record.update(status="infeasible", error=str(err), error_zh=err.render("zh"))
    except NoPlanFound as err:
        seconds = f"{settings.time_limit:g}"
        record.update(
            status="no_plan",
            error=str(err),
            error_zh=text("batch.no_plan_detail", "zh", seconds=seconds),
        )
    except RotationError as err:
        record.update(status="invalid", error=str(err), error_zh=err.render("zh"))
    record["task_seconds"] = round(time.perf_counter() - start, 3)
    return out


def _judged(record: dict[str, Any], cvs: list[dict[str, Any]], when: str, ev: Evaluation) -> None:
    """The verdict, CVs passing and each judged CV of an evaluation, into the record."""
    verdicts = ev.county["passes"].dropna()
    record[f"passes_{when}"] = ev.passes
    record[f"cvs_passing_{when}"] = int(verdicts.astype(bool).sum())
    record["cvs_judged"] = len(verdicts)
    for key, row in ev.county.iterrows():
        if pd.isna(row["passes"]):
            continue
        stage, code = key if isinstance(key, tuple) else (str(key), "")
        record[f"cv_{when}_{stage}_{code}"] = _float(row["cv"])
        cvs.append(
            {
                "county": record["county"],
                "scenario": record["scenario"],
                "when": when,
                "stage": stage,
                "indicator": code,
                "cv": _float(row["cv"]),
                "threshold": _float(row["cv_threshold"]),
                "passes": bool(row["passes"]),
            }
        )


def _float(x: Any) -> float | None:
    """A JSON-able float (None for NaN), rounded to 6 places."""
    if x is None or pd.isna(x):
        return None
    value = float(x)
    return None if math.isnan(value) else round(value, 6)

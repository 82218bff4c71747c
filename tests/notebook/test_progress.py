"""Progress of a solve: the model reports each phase's start, solutions and end to a hook;
`rotation.plan` shows them as one line per phase, or nothing with progress=False."""

from __future__ import annotations

import io
import math

import office_plans

import rotation
from rotation.model import PhaseProgress
from rotation.reports.progress import ProgressLines, progress_text


def test_a_fake_sink_receives_one_end_event_per_phase_with_the_fields():
    zh_roster = office_plans.zh_roster()
    events: list[PhaseProgress] = []
    plan = rotation.plan(
        zh_roster, year=2026, settings=office_plans.SETTINGS, progress=events.append
    )
    ends = [e for e in events if e.event == "end"]
    assert [e.phase for e in ends] == list(plan.phases.index)
    assert [e.number for e in ends] == list(range(1, len(ends) + 1))
    assert {e.total for e in events} == {len(plan.phases)}
    starts = [e.phase for e in events if e.event == "start"]
    assert starts == [e.phase for e in ends]  # every phase ran: each started once
    for e in ends:
        assert e.status in {"OPTIMAL", "FEASIBLE"}
        assert e.moves is not None and e.failing_cvs is not None
        assert 0.0 <= e.gap <= 1.0
    times = [e.elapsed for e in events]
    assert times == sorted(times) and times[-1] <= plan.seconds + 0.5
    # the figures are the plan's own: teachers rotated, and CVs failing after phase (a)
    assert ends[-1].moves == len(plan.moves)
    assert ends[0].failing_cvs == plan.phases.at["thresholds", "value"]
    assert ends[0].gap == 0.0 if plan.phases.at["thresholds", "status"] == "optimal" else True


def test_a_solution_event_follows_each_start():
    zh_roster = office_plans.zh_roster()
    events: list[PhaseProgress] = []
    rotation.plan(zh_roster, year=2026, settings=office_plans.SETTINGS, progress=events.append)
    kinds = [(e.event, e.phase) for e in events]
    for i, (kind, phase) in enumerate(kinds):
        if kind == "start":
            assert ("solution", phase) in kinds[i:], phase


def test_progress_false_reports_nothing(capsys):
    zh_roster = office_plans.zh_roster()
    rotation.plan(zh_roster, year=2026, settings=office_plans.SETTINGS, progress=False)
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


def _event(event="end", phase="moves", elapsed=3.0, **kw):
    fields = {"number": 2, "total": 5, "moves": 41, "failing_cvs": 0, "gap": 0.012}
    fields |= {"status": "OPTIMAL" if event == "end" else ""} | kw
    return PhaseProgress(event, phase, elapsed=elapsed, **fields)


def test_a_line_says_phase_time_moves_failing_cvs_and_gap_in_both_languages():
    phase, figures = progress_text(_event(), "zh")
    assert phase == "第2/5步 交流人数最少"
    assert figures == "用时3.0秒、交流41人、未达标差异系数0项、最优性差距1.2%、已是最优"
    phase, figures = progress_text(_event(gap=math.nan, moves=None, event="start"), "en")
    assert phase == "Phase 2/5 fewest teachers rotated"
    assert figures == "3.0 s, 0 CVs failing"


def test_lines_appear_only_once_the_solve_is_slow_and_then_include_the_ended_phases():
    out = io.StringIO()
    lines = ProgressLines("zh", delay=2.0, file=out)
    lines(_event("start", "thresholds", 0.1, number=1))
    lines(_event("end", "thresholds", 0.5, number=1))
    assert out.getvalue() == ""  # a fast solve shows nothing
    lines(_event("start", "moves", 0.6))
    lines(_event("solution", "moves", 2.5))
    lines(_event("end", "moves", 2.9))
    lines.close()
    shown = out.getvalue()
    assert "第1/5步 差异系数达标" in shown and "第2/5步 交流人数最少" in shown
    assert "用时2.9秒" in shown and "CP-SAT" not in shown and "#" not in shown

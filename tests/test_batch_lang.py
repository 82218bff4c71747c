"""A batch's outputs for people in Chinese or English: summary.xlsx and summary.html headed,
worded and formatted from the message catalogue, summary.csv kept with its English field names,
the progress bar and the command's closing line in the batch's language.

The store-level functions run without a cluster: the tasks are run one by one (`run_task`),
written as the batch writes them, plus a failed task and one never run. The command line runs
once on an in-process cluster.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from rosters import YEAR, two_counties

import rotation
from rotation.batch import Scenario, TaskResult, run_task
from rotation.batch.runner import _Bar
from rotation.batch.store import FIRST_COLUMNS, summary_table, write_result, write_summary
from rotation.reports.batch_view import verdict_grid

SETTINGS = rotation.SolverSettings(time_limit=4, num_workers=1, deterministic=True, seed=0)
FREE = {"coverage": False, "staffing": False}
SCENARIOS = [Scenario("现状", "evaluate", FREE), Scenario("plan", "plan", FREE)]
COUNTIES = ("北县", "南县")
#: What a person must never see in a cell.
RAW = re.compile(r"^(nan|NaN|<NA>|None|True|False|NaT)$")


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pd.DataFrame]:
    out = tmp_path_factory.mktemp("batch_lang")
    tasks = []
    for county, part in two_counties(names=COUNTIES).by_county().items():
        for scenario in SCENARIOS:
            write_result(out, run_task(part, county, scenario, SETTINGS, YEAR))
            tasks.append((county, scenario.name))
    failed = {"county": "北县", "scenario": "坏", "kind": "plan", "status": "failed"}
    write_result(out, TaskResult({**failed, "error": "KilledWorker: died twice"}))
    tasks += [("北县", "坏"), ("南县", "坏")]  # the second never ran
    return out, summary_table(out, tasks)


def written(table: tuple[Path, pd.DataFrame], lang: str, tmp_path: Path) -> dict[str, Path]:
    return write_summary(tmp_path, table[1], lang)  # type: ignore[arg-type]


def cells(path: Path) -> dict[str, list[tuple[object, ...]]]:
    book = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book}


def test_the_workbook_in_chinese(table, tmp_path) -> None:
    path = written(table, "zh", tmp_path)["excel"]
    sheets = cells(path)
    assert list(sheets) == ["汇总", "达标情况"]
    header, *rows = sheets["汇总"]
    assert header[:4] == ("区县", "方案", "任务类型", "状态")
    assert {"交流后结论", "交流比例", "任务用时（秒）", "小学L1差异系数（交流后）"} <= set(header)
    assert not any(re.fullmatch(r"[a-z_]+", str(h)) for h in header)  # no raw field names
    shown = {v for row in rows for v in row if v is not None}
    assert {"北县", "南县", "现状", "已完成", "失败", "未运行", "达标", "未达标", "是"} <= shown
    assert not [v for v in shown if RAW.match(str(v))]
    grid = sheets["达标情况"]
    assert grid[0] == ("区县", "现状", "plan", "坏")
    assert grid[1][0] == "北县" and set(grid[1][1:]) <= {"达标", "未达标", "失败"}
    book = openpyxl.load_workbook(path)
    summary = book["汇总"]
    assert summary.freeze_panes == "C2" and summary["A1"].font.b
    ratio = header.index("交流比例") + 1
    assert summary.cell(3, ratio).number_format == "0.0%"
    rules = [r for cf in summary.conditional_formatting for r in cf.rules]
    assert any("未达标" in f for r in rules for f in r.formula)
    assert book["达标情况"].column_dimensions["A"].width >= 6


def test_the_workbook_in_english(table, tmp_path) -> None:
    sheets = cells(written(table, "en", tmp_path)["excel"])
    assert list(sheets) == ["summary", "verdicts"]
    header, *rows = sheets["summary"]
    assert header[:4] == ("County", "Scenario", "Kind", "Status")
    shown = {v for row in rows for v in row if v is not None}
    assert {"done", "failed", "pass", "FAIL", "Yes"} <= shown
    assert not [v for v in shown if RAW.match(str(v))]


def test_the_page_in_chinese_and_in_english(table, tmp_path) -> None:
    page = written(table, "zh", tmp_path)["html"].read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in page and "Noto Sans CJK SC" in page
    for words in ("教师交流轮岗批量测算汇总", "区县", "未达标", "已完成", "失败：KilledWorker"):
        assert words in page
    assert not re.search(r">(nan|NaN|&lt;NA&gt;|None|True|False)<", page)
    assert re.search(r">\d+\.\d%<", page)  # a ratio as %
    english = written(table, "en", tmp_path)["html"].read_text(encoding="utf-8")
    assert '<html lang="en">' in english and "Rotation batch" in english
    assert ">FAIL<" in english and "未达标" not in english


def test_summary_csv_keeps_its_english_field_names(table, tmp_path) -> None:
    csv = pd.read_csv(written(table, "zh", tmp_path)["csv"])
    assert list(csv.columns[:4]) == list(FIRST_COLUMNS[:4])
    assert {"passes_after", "rotation_ratio", "task_seconds", "cv_after_primary_L1"} <= set(csv)
    assert set(csv["status"]) == {"done", "failed", "missing"}


def test_verdicts_in_either_language(table) -> None:
    zh, en = verdict_grid(table[1], "zh"), verdict_grid(table[1], "en")
    assert zh.index.name == "区县" and list(zh.index) == list(COUNTIES)
    assert zh.loc["南县", "坏"] == "未运行" and en.loc["南县", "坏"] == "not run"
    assert {zh.loc["北县", "plan"], en.loc["北县", "plan"]} <= {"达标", "未达标", "pass", "FAIL"}


def test_the_progress_bar_speaks_the_batch_language() -> None:
    bar = _Bar(6, 2, io.StringIO(), "zh")
    bar.step({"status": "failed"})
    assert re.fullmatch(r"3/6项任务，2项此前已完成，1项失败，\d+秒", bar.line())
    assert re.fullmatch(r"3/6 tasks, 2 done before, 1 failed, \d+ s", _english(bar))


def _english(bar: _Bar) -> str:
    bar.lang = "en"
    return bar.line()


def test_the_command_ends_in_the_roster_language(tmp_path, capsys) -> None:
    from distributed import LocalCluster

    from rotation.cli import main

    folder = two_counties(names=COUNTIES).save(tmp_path / "roster", language="zh")
    grid = tmp_path / "grid.toml"
    grid.write_text('year = 2026\n[[scenarios]]\nname = "现状"\nkind = "evaluate"\n', "utf-8")
    args = ["batch", str(folder), "--out", str(tmp_path / "out"), "--scenarios", str(grid)]
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        assert main([*args, "--scheduler", cluster.scheduler_address]) == 0
        said = capsys.readouterr().out
        assert "区县" in said and "未达标" in said
        assert re.search(r"本次运行2项任务，0项此前已完成，0项失败，用时[\d.]+秒；汇总：", said)
        assert main([*args, "--scheduler", cluster.scheduler_address, "--lang", "en"]) == 0
        said = capsys.readouterr().out
        assert "0 tasks run, 2 done before, 0 failed" in said and "FAIL" in said
    assert "汇总" not in cells(tmp_path / "out" / "summary.xlsx")  # the last run's language


def test_a_task_ended_by_a_message_carries_it_in_chinese(tmp_path) -> None:
    part = two_counties(names=COUNTIES).by_county()["南县"]
    bad = Scenario("坏参数", "plan", {"min_rotation_ratio": "many"})
    result = run_task(part, "南县", bad, SETTINGS, YEAR)
    assert result.record["status"] == "invalid"
    assert re.search(r"[\u4e00-\u9fff]", result.record["error_zh"])
    write_result(tmp_path, result)
    page = write_summary(tmp_path, summary_table(tmp_path, [("南县", "坏参数")]), "zh")["html"]
    assert "输入有误：" + result.record["error_zh"].splitlines()[0] in page.read_text("utf-8")

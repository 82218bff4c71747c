"""One language for everything a person reads: Chinese for a Chinese roster, English on request.

The example workbook (examples/roster_zh.xlsx) has Chinese sheets, headers and names, so the
command speaks Chinese by default; `--lang en` switches every line to English.
"""

from __future__ import annotations

import contextlib
import io
import pickle
import re
from pathlib import Path

import pandas as pd
import pytest

from rotation.cli import main
from rotation.errors import InfeasibleError, InputError, Problem
from rotation.io.roster import read_roster
from rotation.messages import Text, Words, language_of

ROSTER_ZH = Path(__file__).resolve().parents[1] / "examples" / "roster_zh.xlsx"
PLAN_ARGS = ("--time-limit", "10", "--workers", "1")


def run(*args: str) -> tuple[int, str, str]:
    """The command in this process: exit code, standard output, standard error."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def planned(tmp_path_factory) -> dict[str, tuple[int, str, Path]]:
    """`rotation plan` on the Chinese example, by default and with --lang en."""
    out = {}
    for lang in ("default", "en"):
        path = tmp_path_factory.mktemp(lang) / "p.csv"
        extra = ("--lang", "en") if lang == "en" else ()
        code, stdout, _ = run("plan", str(ROSTER_ZH), "--out", str(path), *PLAN_ARGS, *extra)
        out[lang] = (code, stdout, path)
    return out


def english_only(line: str) -> bool:
    """A line of English words and nothing Chinese (ids, codes and numbers do not count)."""
    words = re.findall(r"[A-Za-z]{3,}", line)
    return bool(words) and language_of([line]) == "en"


def test_a_chinese_roster_is_a_chinese_roster():
    assert read_roster(ROSTER_ZH).lang == "zh"


def test_plan_speaks_chinese_on_a_chinese_roster(planned):
    code, out, path = planned["default"]
    assert code == 0
    assert "交流" in out and ("达标" in out or "未达标" in out)
    assert "交流名单已写入" in out and "独立核验" in out
    assert "Rotation plan" not in out
    left = [line for line in out.splitlines() if english_only(line)]
    assert not left, left
    assert path.exists()


def test_plan_speaks_english_when_asked(planned):
    code, out, _ = planned["en"]
    assert code == 0
    assert "Rotation plan" in out and "plan written to" in out
    assert "Independent check: every hard rule holds" in out
    assert "达标" not in out and "交流名单" not in out


def test_the_plan_names_teachers_and_schools_beside_their_ids(planned):
    _, _, path = planned["default"]
    plan = pd.read_csv(path, dtype=str, encoding="utf-8-sig")
    assert list(plan.columns[:5]) == [
        *("teacher_id", "from_school", "to_school", "start_year", "end_year")
    ]
    assert {"name", "from_name", "to_name"} <= set(plan.columns)
    roster = read_roster(ROSTER_ZH)
    names = roster.schools.set_index("school_id")["name"]
    row = plan.iloc[0]
    assert row["from_name"] == names[row["from_school"]]
    assert row["to_name"] == names[row["to_school"]]
    teachers = roster.teachers.set_index("teacher_id")["name"]
    assert row["name"] == teachers[row["teacher_id"]]


def test_evaluate_speaks_the_rosters_language(capsys):
    code, out, _ = run("evaluate", str(ROSTER_ZH))
    assert code == 0
    assert "小学：" in out and "差异系数" in out and ("达标" in out or "未达标" in out)
    assert not [line for line in out.splitlines() if english_only(line)]
    code, out, _ = run("evaluate", str(ROSTER_ZH), "--lang", "en")
    assert code == 0 and "schools in the CV" in out and "差异系数" not in out


@pytest.fixture
def bad_workbook(tmp_path) -> Path:
    """The Chinese example with a birth year written in words on the fourth spreadsheet row."""
    sheets = pd.read_excel(ROSTER_ZH, sheet_name=None, dtype=object, engine="openpyxl")
    teachers = sheets["教师"].copy()
    teachers.loc[2, "出生年份"] = "一九八五"
    path = tmp_path / "花名册.xlsx"
    with pd.ExcelWriter(path) as book:
        sheets["学校"].to_excel(book, sheet_name="学校", index=False)
        teachers.to_excel(book, sheet_name="教师", index=False)
    return path


def test_an_input_error_in_chinese_names_file_row_column_value_and_expected(bad_workbook):
    code, out, err = run("evaluate", str(bad_workbook))
    assert code == 1 and not out
    assert "Traceback" not in err
    assert "花名册.xlsx" in err and "工作表“教师”" in err  # file and sheet
    assert "第4行" in err  # row
    assert "“出生年份”列" in err  # column, as the workbook heads it
    assert "“一九八五”" in err  # value
    assert "应为不小于0的整数" in err  # expected
    assert "教师花名册有误" in err


def test_an_input_error_in_english_when_asked(bad_workbook):
    code, _, err = run("evaluate", str(bad_workbook), "--lang", "en")
    assert code == 1
    assert "row 4" in err and "column 'birth_year'" in err and "'一九八五'" in err
    assert "expected a whole number ≥ 0" in err


def test_a_problem_keeps_its_fields_and_its_english():
    problem = Problem(
        "t.csv",
        Text("io.invalid_value"),
        row=3,
        column="stage",
        value="高中",
        expected=Text("expected.one_of", codes=Words("小学、初中", "primary, middle")),
        header="任教学段",
    )
    assert problem.message == "invalid value" and problem.column == "stage"
    assert str(problem) == (
        "t.csv row 3 column 'stage': invalid value: '高中'; expected one of primary, middle"
    )
    assert problem.render("zh") == (
        "t.csv 第3行“任教学段”列（stage）：填写有误，所填内容为“高中”；应为以下之一：小学、初中"
    )
    error = InputError([problem], "roster")
    assert str(error).startswith("roster is invalid: 1 problem")
    assert error.render("zh").startswith("教师花名册有误，共1处问题：")
    assert error.language() == "zh"


def test_messages_survive_pickling():
    message = Text("eligibility.too_few_years", years=5, needed=6)
    again = pickle.loads(pickle.dumps(message))
    assert again == "5 of 6 years at the school"
    assert again.render("zh") == "在本校连续任教5年，不足6年"
    words = pickle.loads(pickle.dumps(Words("小学", "primary")))
    assert words.render("zh") == "小学"


def test_an_infeasibility_renders_in_chinese():
    error = InfeasibleError([Text("explain.R10", rule=Words("R10 校共体内交流", "R10 groups"))])
    assert "R10 groups (moves only within a school group)" in str(error)
    assert "R10 校共体内交流（只在校共体内交流）" in error.render("zh")

"""The office's workbook, notice and letters, read back as a person would read them."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import openpyxl
import pytest
from rosters import random_county

import rotation
from rotation import Roster
from rotation.reports.notice import write_letters, write_notice
from rotation.reports.office import term_text
from rotation.reports.workbook import write_plan_workbook

SURNAMES = "王李张刘陈杨黄赵吴周"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
SCHOOL_NAMES = ["城关第一小学", "实验小学", "港口镇中心小学", "胡乐镇中心小学", "中溪村小"]
FORBIDDEN = {"nan", "NaN", "<NA>", "None", "True", "False", "NaT", "inf"}
SHEETS_ZH = [
    "交流名单",
    "学校汇总",
    "差异系数",
    "学校指标",
    "轮岗不能解决的问题",
    "规则核验",
    "参数",
    "plan",  # the contract's plan columns, for machines
]


@pytest.fixture(scope="module")
def named_plan():
    """A small county with Chinese names for schools and teachers, planned in a second."""
    base = random_county(3, n_schools=5, n_teachers=40)
    schools = base.schools.copy()
    teachers = base.teachers.copy()
    schools["name"] = SCHOOL_NAMES[: len(schools)]
    teachers["name"] = [
        SURNAMES[i % len(SURNAMES)] + GIVEN[i % len(GIVEN)] + GIVEN[(3 * i) % len(GIVEN)]
        for i in range(len(teachers))
    ]
    roster = Roster.from_frames(schools, teachers)
    settings = rotation.SolverSettings(time_limit=10, num_workers=1)
    plan = rotation.plan(roster, year=2026, settings=settings)
    assert len(plan.moves) > 0
    return plan


def cells(ws) -> list:
    return [v for row in ws.iter_rows(values_only=True) for v in row if v is not None]


def assert_readable(ws) -> None:
    for value in cells(ws):
        if isinstance(value, str):
            assert value.strip() not in FORBIDDEN, (ws.title, value)
            assert "nan" not in value.split(), (ws.title, value)
        else:
            assert not isinstance(value, bool), (ws.title, value)


def assert_printable(ws, landscape: bool = True) -> None:
    assert ws.page_setup.orientation == ("landscape" if landscape else "portrait")
    assert ws.page_setup.paperSize in (9, "9")
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth in (None, 1, "1")  # 1 is the default, often left out
    assert ws.page_setup.fitToHeight in (0, "0")
    assert ws.print_title_rows


def header(ws, row: int = 3) -> list:
    return [c.value for c in ws[row] if c.value is not None]


def test_workbook_sheets_headers_and_names(named_plan, tmp_path):
    path = write_plan_workbook(named_plan, tmp_path / "plan.xlsx", county="宁国市")
    assert path.exists() and not list(tmp_path.glob(".*"))  # the temporary file is gone
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == SHEETS_ZH
    ws = wb["交流名单"]
    assert ws["A1"].value == "宁国市2026年义务教育学校教师交流轮岗名单（公示稿）"
    assert header(ws) == [
        *("序号", "姓名", "性别", "学段", "学科", "骨干级别", "派出学校", "接收学校"),
        *("交流期限", "原因", "教师编号", "派出学校代码", "接收学校代码"),
    ]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert len(rows) == len(named_plan.moves)
    teacher_names = set(named_plan.start.teachers["name"])
    for row in rows:
        assert row[1] in teacher_names  # a name, not the id
        assert row[2] in ("男", "女") and row[3] in ("小学", "初中")
        assert row[6] in SCHOOL_NAMES and row[7] in SCHOOL_NAMES
        assert re.fullmatch(r"2026–2027学年至2028–2029学年", row[8])
        assert "年" in row[9]
        assert re.fullmatch(r"T\d+", row[10]) and re.fullmatch(r"S\d", row[11])
    assert ws.freeze_panes == "C4"
    assert ws.auto_filter.ref.startswith("A3")
    assert ws.column_dimensions["I"].width >= 28  # 2026–2027学年至2028–2029学年, CJK as 2
    for sheet in wb:
        assert_readable(sheet)
        assert_printable(sheet)


def test_workbook_cv_sheet_formats_verdicts_and_chart(named_plan, tmp_path):
    path = write_plan_workbook(named_plan, tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["差异系数"]
    assert ws["A1"].value.startswith("2026年")
    assert header(ws) == [
        *("学段", "指标代码", "指标名称", "县域均值（轮岗后）", "轮岗前差异系数"),
        *("轮岗后差异系数", "标准（不高于）", "轮岗前结论", "轮岗后结论"),
    ]
    cv_rows = [r for r in ws.iter_rows(min_row=4) if r[1].value in ("L1", "L2", "L3")]
    assert {r[1].value for r in cv_rows} == {"L1", "L2", "L3"}  # no facility data: L1–L3 only
    for r in cv_rows:
        assert r[4].number_format == "0.000" and r[5].number_format == "0.000"
        assert r[3].number_format == "0.00"
        assert r[7].value in ("达标", "未达标") and r[8].value in ("达标", "未达标")
        assert r[2].value.startswith("每百名学生")
    after = named_plan.after.county
    l2 = next(r for r in cv_rows if r[1].value == "L2")
    assert l2[5].value == pytest.approx(after.loc[("primary", "L2"), "cv"])
    ratio = next(r for r in ws.iter_rows() if r[0].value == "交流比例")
    assert ratio[1].number_format == "0.0%"
    assert len(ws._charts) == 1  # one chart per stage: this county is primary only
    assert ws.conditional_formatting  # 未达标 filled
    indicators = wb["学校指标"]
    row3 = [c.value for c in indicators[3] if c.value]
    assert any(str(v).startswith("L1 ") for v in row3)
    assert not any(str(v).startswith("L4 ") for v in row3)  # no facility columns in the roster
    assert {c.value for c in indicators[4] if c.value} == {"轮岗前", "轮岗后", "结论"}
    rules = wb["规则核验"]
    assert [r[0].value for r in rules.iter_rows(min_row=4)] == [f"R{k}" for k in range(1, 12)]
    assert {r[3].value for r in rules.iter_rows(min_row=4)} == {"符合"}
    settings = dict(wb["参数"].iter_rows(min_row=4, values_only=True))
    assert settings["交流比例下限（占符合条件教师）"] == "10%"
    assert settings["期满返回原学校"] == "是"


def test_workbook_in_english(named_plan, tmp_path):
    wb = openpyxl.load_workbook(write_plan_workbook(named_plan, tmp_path / "en.xlsx", lang="en"))
    assert wb.sheetnames[0] == "Moves" and "CVs" in wb.sheetnames
    assert header(wb["Moves"])[:3] == ["No.", "Name", "Gender"]
    for sheet in wb:
        assert_readable(sheet)


def test_a_failed_write_leaves_no_file(named_plan, tmp_path, monkeypatch):
    from rotation.reports import workbook

    def broken(self):
        raise RuntimeError("disk full")

    monkeypatch.setattr(workbook._Writer, "rules", broken)
    target = tmp_path / "plan.xlsx"
    with pytest.raises(RuntimeError):
        write_plan_workbook(named_plan, target)
    assert list(tmp_path.iterdir()) == []


def test_notice(named_plan, tmp_path):
    path = write_notice(
        named_plan, tmp_path / "公示.xlsx", county="宁国市", phone="0563-4012345", date="2026-07-20"
    )
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws["A1"].value == "宁国市2026年义务教育学校教师交流轮岗人员名单（公示）"
    assert header(ws) == [
        *("序号", "姓名", "性别", "学段", "学科", "派出学校", "接收学校"),
        *("交流方式", "交流期限", "备注"),
    ]
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    assert len(rows) == len(named_plan.moves)
    assert all(r[7] in ("顶岗支教", "跟岗学习", "交流轮岗") for r in rows)
    text = "\n".join(str(v) for v in cells(ws))
    assert "5个工作日" in text and "0563-4012345" in text
    assert "宁国市教育局人事股" in text and "2026年7月20日" in text
    assert_readable(ws)
    assert_printable(ws)


def test_letters(named_plan, tmp_path):
    paths = write_letters(
        named_plan, tmp_path / "letters", county="宁国市", report_date="2026-08-28"
    )
    moves = named_plan.moves
    involved = set(moves["from_school"]) | set(moves["to_school"])
    assert len(paths) == len(involved)
    schools, staff = named_plan.start.schools, named_plan.start.teachers
    names = dict(zip(schools["school_id"], schools["name"], strict=True))
    teachers = dict(zip(staff["teacher_id"], staff["name"], strict=True))
    for path in paths:
        sid = path.name.split("_")[0]
        page = Path(path).read_text(encoding="utf-8")
        assert f"{names[sid]}：" in page
        assert "2026年8月28日" in page and "派出教师" in page and "接收教师" in page
        for m in moves.itertuples():
            if sid in (m.from_school, m.to_school):
                assert teachers[m.teacher_id] in page
        for bad in ("nan", "None", "<NA>", "True", "False"):
            assert f">{bad}<" not in page


def test_term_text():
    assert term_text(2026, 2029, "zh") == "2026–2027学年至2028–2029学年"
    assert term_text(2026, 2027, "zh") == "2026–2027学年"
    assert term_text(None, 2027, "zh") == ""


def test_files_are_written_with_the_usual_permissions(named_plan, tmp_path):
    path = write_plan_workbook(named_plan, tmp_path / "plan.xlsx")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask  # not mkstemp's 0600

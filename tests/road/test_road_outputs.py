"""A road's workbook and report, read back as the office and the director read them:
招聘计划, 骨干教师评选名额, 建设需求 and 编制需求 with Chinese headers, names and the road's rows,
numbers formatted, nothing shown as NaN, <NA> or True."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import openpyxl
import pytest
from rosters import YEAR
from small_road import SETTINGS, small_county, small_policy, small_road

import rotation
from rotation.cli import main
from rotation.planning.road import Road
from rotation.reports.director import director_html
from rotation.reports.workbook import write_plan_workbook

FORBIDDEN = {"nan", "NaN", "<NA>", "None", "True", "False", "NaT", "inf"}
ROAD_SHEETS = ["达标情况", "招聘计划", "骨干教师评选名额", "交流名单", "建设需求", "编制需求"]
HEADER_ROW = 3


@cache
def hiring_road() -> Road:
    """Hires and designations at 河口小学, building for its sports area."""
    result = small_road()
    assert result.hires["count"].sum() >= 1 and len(result.designations) >= 1
    return result


@cache
def posts_road() -> Road:
    """With 龙川教学点, whose posts cannot hold what the school rule needs."""
    result = small_road(with_teaching_point=True)
    assert len(result.short_of_posts) == 1
    return result


def rows(ws) -> list[tuple]:
    """The data rows under the header, up to the first empty row."""
    out = []
    for row in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True):
        if all(v is None for v in row):
            break
        out.append(row)
    return out


def header(ws) -> list:
    return [c.value for c in ws[HEADER_ROW] if c.value is not None]


def assert_readable(ws) -> None:
    for row in ws.iter_rows(values_only=True):
        for value in row:
            if isinstance(value, str):
                assert value.strip() not in FORBIDDEN, (ws.title, value)
                assert "nan" not in value.split(), (ws.title, value)
            else:
                assert not isinstance(value, bool), (ws.title, value)


def test_road_workbook_sheets_headers_and_rows(tmp_path: Path) -> None:
    road = hiring_road()
    path = road.to_excel(tmp_path / "road.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ROAD_SHEETS
    for ws in wb.worksheets:
        assert_readable(ws)
        assert ws.print_title_rows and ws.page_setup.orientation == "landscape"

    hires = wb["招聘计划"]
    assert header(hires) == ["年度", "学校代码", "学校名称", "学段", "学科", "学历", "人数"]
    *lines, total = rows(hires)
    assert len(lines) == len(road.hires)
    assert all(r[1] == "B" and r[2] == "河口小学" and r[3] == "小学" for r in lines)
    assert {r[4] for r in lines} <= {"体育", "音乐", "美术"} and lines[0][5] == "本科"
    assert total[0] == "合计" and total[-1] == int(road.hires["count"].sum())
    assert hires.cell(HEADER_ROW + 1, 7).number_format in ("0", "#,##0")

    designations = wb["骨干教师评选名额"]
    assert header(designations)[:5] == ["年度", "教师编号", "姓名", "学校代码", "学校名称"]
    assert header(designations)[-2:] == ["教龄（年）", "学历"]
    listed = [r for r in rows(designations) if isinstance(r[0], int)]
    assert [r[1] for r in listed] == sorted(road.designations["teacher_id"])
    assert all(r[2].startswith("赵") and r[4] == "河口小学" for r in listed)
    assert all(isinstance(r[7], int) and r[7] >= 5 for r in listed)  # years of service
    per_school = [
        r for r in designations.iter_rows(values_only=True) if r[0] == "各校骨干教师评选名额"
    ]
    assert per_school  # the count per school below the list
    counts = [
        r for r in designations.iter_rows(values_only=True) if r[:3] == (YEAR, "B", "河口小学")
    ]
    assert counts[-1][3] == len(road.designations)

    building = wb["建设需求"]
    assert header(building) == [
        *("学校代码", "学校名称", "学段", "指标名称", "现有", "需达到", "需增加", "单位", "依据"),
    ]
    line, total = rows(building)
    assert line[:3] == ("B", "河口小学", "小学") and line[3].startswith("L5")
    assert (line[4], line[5], line[6], line[7], line[8]) == (100, 1500, 1400, "m²", "学校达标")
    assert total[0] == "L5合计" and total[6] == 1400
    assert building.cell(HEADER_ROW + 1, 7).number_format == "#,##0"
    assert building.column_dimensions["B"].width >= 10  # fitted to 河口小学

    verdicts = wb["达标情况"]
    assert "差异系数" in header(verdicts)
    assert verdicts.cell(HEADER_ROW + 1, 4).number_format == "0.000"
    assert {r[5] for r in rows(verdicts)} <= {"达标", "未达标"}


def test_posts_sheet_names_the_unit_and_the_posts_to_add(tmp_path: Path) -> None:
    road = posts_road()
    wb = openpyxl.load_workbook(road.to_excel(tmp_path / "road.xlsx"))
    ws = wb["编制需求"]
    assert header(ws) == [
        *("学校代码", "学校名称", "学段", "编制数", "其中不能交流的教师"),
        *("编制内达不到的指标", "需增加编制（个）"),
    ]
    line, total = rows(ws)
    assert line[:5] == ("C", "龙川教学点", "小学", 2, 2)
    assert line[5].startswith("L2") and line[6] == 1
    assert total[0] == "合计" and total[-1] == 1
    assert_readable(ws)


def test_plan_workbook_and_report_gain_the_road(tmp_path: Path) -> None:
    road = hiring_road()
    plan = rotation.plan(small_county(), small_policy(), year=YEAR, settings=SETTINGS)
    path = write_plan_workbook(plan, tmp_path / "plan.xlsx", "zh", road=road)
    names = openpyxl.load_workbook(path).sheetnames
    for sheet in ("招聘计划", "骨干教师评选名额", "建设需求", "编制需求"):
        assert sheet in names
    assert names.index("轮岗不能解决的问题") < names.index("招聘计划") < names.index("规则核验")
    page = director_html(plan, "zh", road=road)
    for title in ("招聘计划", "骨干教师评选名额", "建设需求", "编制需求"):
        assert re.search(rf"<h2>[一二三四五六七八九十]+、{title}</h2>", page), title
    assert "河口小学" in page and "1,400" in page


def test_road_report(tmp_path: Path) -> None:
    road = posts_road()
    page = road.to_html(tmp_path / "road.html").read_text(encoding="utf-8")
    titles = re.findall(r"<h2>(.*?)</h2>", page)
    assert titles == [
        *("一、达标情况", "二、招聘计划", "三、骨干教师评选名额", "四、交流轮岗人员名单"),
        *("五、建设需求", "六、编制需求"),
    ]
    assert "龙川教学点" in page and "河口小学" in page
    for bad in ("nan", "NaN", "&lt;NA&gt;", "<NA>", ">True<", ">False<", ">None<"):
        assert bad not in page, bad
    english = road.to_html(tmp_path / "road_en.html", "en").read_text(encoding="utf-8")
    assert "Recruitment" in english and "Posts to add" in english
    assert "招聘计划" in road._repr_html_()


def test_english_workbook(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(hiring_road().to_excel(tmp_path / "road.xlsx", "en"))
    assert wb.sheetnames == [
        *("Verdicts", "Recruitment", "Backbone designations", "Moves", "Building", "Posts"),
    ]
    assert header(wb["Recruitment"])[-1] == "Teachers"


@pytest.mark.parametrize("fail", [False, True])
def test_rotation_road_writes_the_workbook_and_the_report(tmp_path: Path, fail: bool) -> None:
    """`rotation road --out DIR` writes road.xlsx and road.html beside the CSVs; a road that
    fails its check writes nothing."""
    folder = tmp_path / "county"
    small_county().save(folder)
    policy = tmp_path / "policy.toml"
    policy.write_text(
        "coverage = false\nmin_rotation_ratio = 0.0\ndesignation_share = 0.2\n", encoding="utf-8"
    )
    out = tmp_path / "road"
    args = ["road", str(folder), "--target-year", str(YEAR), "--year", str(YEAR)]
    args += ["--out", str(out), "--policy", str(policy), "--time-limit", "20"]
    if fail:
        with pytest.MonkeyPatch.context() as m:
            m.setattr(Road, "verify", lambda self: ["doctored"])
            assert main(args) == 3
        assert not out.exists()
        return
    assert main(args) == 0
    written = sorted(p.name for p in out.iterdir())
    assert written == [
        *("building.csv", "designations.csv", "hires.csv", "moves.csv"),
        *("road.html", "road.xlsx"),
    ]
    assert "招聘计划" in openpyxl.load_workbook(out / "road.xlsx").sheetnames

"""Pins that respect the rules: a pin moving a teacher the rules keep home is refused with the
reason, unless its row says force (强制: 是); a forced pin is honoured and reported."""

from __future__ import annotations

import openpyxl
import pytest
from rosters import YEAR, free, roster, school, teacher

from rotation.errors import InputError
from rotation.io.pins import read_pins
from rotation.model import SolverSettings
from rotation.planning import plan

ONE_WORKER = SolverSettings(time_limit=10, num_workers=1, seed=0)


def county():
    return roster(
        [school("A", name="城关小学"), school("B", name="东坡小学"), school("C", name="西岭小学")],
        [
            teacher("a1", "A", backbone="county", years=20, name="张明"),
            teacher("a2", "A", years=10, name="王芳"),
            teacher("x1", "A", years=10, name="赵亮", exempt="病休"),
            teacher("b1", "B", years=1, name="李娜"),
        ],
    )


def pins_file(tmp_path, body: str):
    path = tmp_path / "指定.csv"
    path.write_text("教师编号,决定,学校,强制\n" + body, encoding="utf-8")
    return read_pins(path)


def test_refused_without_force_naming_the_file_row_teacher_and_reason(tmp_path):
    pins = pins_file(tmp_path, "a2,留任,,\nx1,交流,,\nb1,指定,C,否\n")
    with pytest.raises(InputError) as caught:
        plan(county(), free(min_backbone_share=0.0), YEAR, pins=pins, settings=ONE_WORKER)
    problems = {p.record: p for p in caught.value.problems}
    assert set(problems) == {"x1", "b1"}
    assert problems["x1"].row == 3 and problems["b1"].row == 4
    assert problems["x1"].source.endswith("指定.csv")
    zh = caught.value.render("zh")
    assert "第3行" in zh and "赵亮（x1）不符合交流条件（免于交流：病休）" in zh
    assert "李娜（b1）不符合交流条件（在本校连续任教1年，不足6年）" in zh
    assert "“强制”列填“是”" in zh


def test_honoured_and_reported_with_force(tmp_path):
    pins = pins_file(tmp_path, "x1,指定,B,是\nb1,交流,,\n")
    with pytest.raises(InputError, match="b1"):  # b1's row is not forced
        plan(county(), free(min_backbone_share=0.0), YEAR, pins=pins, settings=ONE_WORKER)
    pins = pins_file(tmp_path, "x1,指定,B,是\n")
    p = plan(
        county(), free(min_backbone_share=0.0), YEAR, pins=pins, settings=ONE_WORKER, progress=False
    )
    assert ("x1", "A", "B") in set(
        p.moves[["teacher_id", "from_school", "to_school"]].itertuples(index=False, name=None)
    )
    assert p.verify() == []
    assert p.forced.to_dict("records") == [
        {"teacher_id": "x1", "name": "赵亮", "reason": "免于交流：病休"}
    ]
    summary = str(p.summary())
    assert "以下1名教师不符合交流条件，按“强制”指定交流：" in summary
    assert "赵亮（x1）：免于交流：病休" in summary
    path = p.to_excel(tmp_path / "plan.xlsx", "zh")
    sheet = openpyxl.load_workbook(path)["规则核验"]
    (r7,) = [row for row in sheet.iter_rows(values_only=True) if row and row[0] == "R7"]
    assert "赵亮（x1）：免于交流：病休" in str(r7[-1])


def test_no_forced_pins_no_line(tmp_path):
    p = plan(county(), free(), YEAR, pins=pins_file(tmp_path, "a1,交流,,\n"), settings=ONE_WORKER)
    assert p.forced.empty
    assert "强制" not in str(p.summary())

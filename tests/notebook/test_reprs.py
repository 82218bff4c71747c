"""What a notebook shows of a roster, an evaluation and a plan: a few lines and one table, in
the roster's language, with words instead of codes and no NaN, <NA>, True or False."""

from __future__ import annotations

import re

import office_plans

import rotation

RAW = ("NaN", "nan", "<NA>", "True", "False", "None", "primary", "middle", "urban", "rural")
CODES = re.compile(r"\bL[1-7]\b")


def _clean(html: str) -> None:
    assert html.count("<table") == 1
    for word in RAW:
        assert not re.search(rf"\b{re.escape(word)}\b", html), word
    assert not CODES.search(html)


def test_a_chinese_roster_shows_itself_in_chinese():
    zh_roster = office_plans.zh_roster()
    html = zh_roster._repr_html_()
    _clean(html)
    assert "教师花名册" in html and "小学" in html and "初中" in html and "骨干教师数" in html
    assert repr(zh_roster) == "<Roster 4 schools, 65 teachers, 5,076 students; from roster_zh.xlsx>"
    assert zh_roster.lang == "zh"


def test_a_chinese_evaluation_shows_verdicts_and_failing_cvs_by_name():
    zh_roster = office_plans.zh_roster()
    ev = rotation.evaluate(zh_roster)
    html = ev._repr_html_()
    _clean(html)
    assert "未达标：小学·高于规定学历教师、小学·体育艺术教师" in html
    assert "0.804" in html and "达标" in html
    assert "花名册没有办学条件数据" in html
    line = repr(ev)
    assert "\n" not in line and line.startswith("<Evaluation: 4/6 CVs pass")
    assert "每百名" not in str(ev) or "L1" in str(ev)  # print() keeps the full text tables


def test_a_chinese_plan_shows_the_rotation_figures_and_cvs_before_and_after():
    zh_plan = office_plans.zh_plan()
    html = zh_plan._repr_html_()
    _clean(html)
    assert "2026—2027年教师交流轮岗方案" in html
    assert "轮岗前差异系数" in html and "轮岗后差异系数" in html
    assert "符合交流条件教师" in html and "求解：" in html
    assert repr(zh_plan).startswith("<Plan 2026–2027:") and "\n" not in repr(zh_plan)


def test_an_english_roster_evaluation_and_plan_are_in_english():
    en_roster = office_plans.en_roster()
    en_plan = office_plans.en_plan()
    for html in (en_roster._repr_html_(), rotation.evaluate(en_roster)._repr_html_()):
        _clean(html)
        assert not re.search(r"[\u4e00-\u9fff]", html)
    html = en_plan._repr_html_()
    _clean(html)
    assert "Teacher rotation plan 2026" in html and "CV before" in html
    assert not re.search(r"[\u4e00-\u9fff]", html)

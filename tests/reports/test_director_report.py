"""The director's report as a file: self-contained, every section, nothing a reader should not
see, in Chinese by default and in English on request. (Rendering it: test_director_render.py.)"""

from __future__ import annotations

import html
import re
from types import SimpleNamespace

import pytest
from chinese_plans import one_year_plan, two_year_plan

from rotation.reports import svg
from rotation.reports.director import director_html


@pytest.fixture(scope="module")
def director_plan():
    return one_year_plan()


@pytest.fixture(scope="module")
def director_plan_years():
    return two_year_plan()


SECTIONS = ["verdict", "cvs", "map", "schools", "moves", "limits"]
FORBIDDEN = ["NaN", "<NA>", "None", "True", "False", "NaT"]
RAW_CODES = ["urban", "town", "rural", "primary", "middle", "backbone", "county", "city"]


def visible(page: str) -> str:
    """The text a reader sees: no style, no tags, entities decoded."""
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.fixture(scope="module")
def page_zh(director_plan, tmp_path_factory) -> str:
    path = director_plan.to_html(tmp_path_factory.mktemp("zh") / "报告.html")
    return path.read_text(encoding="utf-8")


def test_the_report_is_one_self_contained_file(page_zh):
    assert page_zh.startswith("<!doctype html>") and page_zh.rstrip().endswith("</html>")
    assert "<link" not in page_zh and "<script" not in page_zh and "<img" not in page_zh
    assert "http://" not in page_zh and "https://" not in page_zh
    assert "@import" not in page_zh and "@font-face" not in page_zh
    assert re.findall(r"""(?:src|href)=["']""", page_zh) == []
    assert re.findall(r"url\((?!#)", page_zh) == []  # only references inside the page
    assert page_zh.count("<svg") >= 2  # the CV charts and the map, drawn inline


def test_it_prints_on_a4_with_a_cjk_font_stack(page_zh):
    assert "size: A4" in page_zh
    assert "Noto Sans CJK SC" in page_zh and "Microsoft YaHei" in page_zh
    assert "display: table-header-group" in page_zh  # headers repeat on each page
    assert "break-inside: avoid" in page_zh and "break-before: page" in page_zh


def test_it_has_each_section_in_chinese(page_zh, director_plan):
    for name in SECTIONS:
        assert f'<section id="{name}">' in page_zh, name
    assert '<section id="years">' not in page_zh  # one year: no trajectory
    assert '<html lang="zh-CN">' in page_zh
    for heading in ("结论一览", "校际差异系数", "学校分布与交流去向", "交流轮岗人员名单"):
        assert heading in page_zh
    for header in ("序号", "姓名", "学段", "学科", "骨干级别", "派出学校", "接收学校", "交流期限"):
        assert f"<th>{header}</th>" in page_zh
    names = director_plan.start.teachers.set_index("teacher_id")["name"]
    for tid in director_plan.moves["teacher_id"]:
        assert names[tid] in page_zh


def test_a_reader_sees_no_placeholder_and_no_raw_code(page_zh):
    text = visible(page_zh)
    for token in FORBIDDEN:
        assert token not in text, token
    assert "nan" not in text.split()
    # in Chinese nothing English is left but indicator codes, each beside its name
    assert re.findall(r"[A-Za-z]{3,}", text) == []
    for code in RAW_CODES:
        assert code not in text
    for code in re.findall(r"L\d", text):
        assert code in ("L1", "L2", "L3", "L4", "L5", "L6", "L7")
    assert "每百名学生拥有县级及以上骨干教师数" in text  # L2 by its official name


def test_the_verdict_states_every_judged_cv_and_the_rotation_figures(page_zh, director_plan):
    verdict = page_zh[page_zh.index('<section id="verdict">') :]
    verdict = verdict[: verdict.index("</section>")]
    judged = director_plan.after.county.dropna(subset=["passes"])
    assert verdict.count("<tr>") >= len(judged) + 2  # CVs, rotation figures, school rule
    for cv in judged["cv"]:
        assert f"{cv:.3f}" in verdict
    figures = director_plan.figures().iloc[0]
    assert f"交流{figures['rotated']}人／符合条件{figures['eligible']}人" in verdict
    assert "达标" in verdict


def test_english_on_request(director_plan, tmp_path):
    page = director_plan.to_html(tmp_path / "report.html", lang="en").read_text(encoding="utf-8")
    assert '<html lang="en">' in page
    assert "The verdict at a glance" in page and "Sending school" in page
    text = visible(page)
    for token in FORBIDDEN:
        assert token not in text, token
    assert "urban" not in text.split() and "primary" not in text.split()


def test_a_plan_of_several_years_shows_the_cvs_year_by_year(director_plan_years, tmp_path):
    page = director_plan_years.to_html(tmp_path / "years.html").read_text(encoding="utf-8")
    years = page[page.index('<section id="years">') :]
    assert "<polyline" in years and "逐年差异系数" in years
    assert "2026–2027学年" in years and "2027–2028学年" in years
    for token in FORBIDDEN:
        assert token not in visible(page), token


def test_without_coordinates_the_map_is_left_out_with_a_sentence(director_plan):
    start = director_plan.start
    schools = start.schools.drop(columns=["x_km", "y_km"])
    plan = SimpleNamespace(
        years=director_plan.years,
        moves=director_plan.moves,
        start=SimpleNamespace(schools=schools, teachers=start.teachers),
        roster=director_plan.roster,
        before=director_plan.before,
        after=director_plan.after,
        figures=director_plan.figures,
        trajectory=director_plan.trajectory,
        limits=director_plan.limits,
    )
    page = director_html(plan, "zh")
    section = page[page.index('<section id="map">') :]
    section = section[: section.index("</section>")]
    assert "<svg" not in section and "没有学校坐标" in section


def test_charts_leave_a_gap_for_a_missing_value_and_escape_their_words():
    chart = svg.bar_chart(
        [("L1", "<高学历>")],
        [float("nan")],
        [0.4],
        [0.5],
        labels=("前", "后", "标准"),
        title="小学 & 初中",
    )
    assert "nan" not in chart.lower() and "&lt;高学历&gt;" in chart and "小学 &amp; 初中" in chart
    assert chart.count("<rect") == 1 + 2  # one bar, two legend boxes

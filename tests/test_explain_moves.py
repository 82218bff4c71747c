"""Why this teacher, why this school: `Plan.explain` and `rotation explain` on a crafted roster.

Town A has three eligible Chinese teachers: 张老师 (county backbone, 12 years), 李老师 (county
backbone, 9 years, asks for B) and 王老师 (not backbone, 15 years), and 赵老师 with 2 years
(not eligible). Rural B has no backbone teacher: the plan sends one backbone Chinese teacher
from A to B, and by the model's tie-breakers the one with the longest tenure, 张老师.
"""

from __future__ import annotations

import pandas as pd
import pytest
from rosters import YEAR, roster, school, teacher

from rotation.cli import main
from rotation.errors import RotationError
from rotation.model import SolverSettings
from rotation.planning import Explanation, Plan, UnknownKeyError, plan
from rotation.policy.settings import Policy

SETTINGS = SolverSettings(time_limit=10, num_workers=1, seed=0, deterministic=True)
POLICY = Policy(staffing=False, coverage=False)


def county():
    return roster(
        [school("A", name="城关小学"), school("B", name="山区小学", area="rural")],
        [
            teacher("a1", "A", name="张老师", backbone="county", years=12),
            teacher("a2", "A", name="李老师", backbone="county", years=9, preferred_schools="B"),
            teacher("a3", "A", name="王老师", years=15),
            teacher("a4", "A", name="赵老师", years=2),
            teacher("b1", "B", name="陈老师", subject="math", years=7),
            teacher("b2", "B", name="周老师", years=7),
        ],
    )


@pytest.fixture(scope="module")
def made() -> Plan:
    p = plan(county(), POLICY, YEAR, settings=SETTINGS, progress=False)
    assert list(zip(p.moves.teacher_id, p.moves.to_school, strict=True)) == [("a1", "B")]
    return p


def test_a_move_names_the_indicators_and_schools_it_serves(made):
    why = made.explain("a1", swap=False)
    assert isinstance(why, Explanation) and why.kind == "teacher"
    frame = why.to_frame()
    l2 = frame[(frame.school_id == "B") & (frame.indicator == "L2")].iloc[0]
    assert (l2["without"], l2["with"]) == (0.0, 0.5)  # backbone per 100 students at B
    zh = why.render("zh")
    assert "山区小学（B）小学L2 每百名学生拥有县级及以上骨干教师数：0.00 → 0.50" in zh
    assert "全县小学L2 每百名学生拥有县级及以上骨干教师数差异系数：1.000 → 0.000" in zh
    assert "交流比例：1人/符合条件5人 = 20.0%" in zh and "不交流此人为0.0%" in zh
    assert "此人是骨干教师" in zh
    assert "山区小学（B）小学语文教师：1人 → 2人（需要1人）" in zh


def test_the_tie_breaker_over_a_colleague_is_named_with_the_values(made):
    why = made.explain("a1", swap=False)
    en = why.render("en")
    assert (
        "李老师 (a2): 9 years at the school, fewer than 张老师 (a1)'s 12 (longest tenure first)"
        in en
    )
    assert "王老师 (a3) and 张老师 (a1) differ for the rules and indicators" in en
    assert "赵老师 (a4): not eligible" in en
    colleagues = why.colleagues.set_index("teacher_id")
    assert colleagues.loc["a2", "asked"] and colleagues.loc["a1", "moves_to"] == "B"


def test_the_cost_of_a_swap_is_priced_by_a_re_solve(made):
    en = made.explain("a1").render("en")
    assert (
        "Re-solved with 李老师 (a2) sent to 山区小学 (B) instead, 张老师 (a1) staying and the "
        "other moves held" in en
    )
    assert "1 moves (the plan: 1)" in en and "every CV unchanged" in en


def test_a_teacher_who_stays_is_told_why(made):
    assert "Why: not eligible (2 of 6 years at the school)." in made.explain("a4").render("en")
    outranked = made.explain("a2", "zh").render()
    assert "李老师（a2）：在本校9年，少于张老师（a1）的12年" in outranked
    assert "不交流" in outranked


def test_a_school_names_who_arrives_and_its_indicators(made):
    why = made.explain("B")
    assert why.kind == "school"
    zh = why.render("zh")
    assert "山区小学（B）：调出0人，调入1人。" in zh
    assert "调入：张老师（a1）（小学语文）← 城关小学（A）" in zh
    assert "L2 每百名学生拥有县级及以上骨干教师数：0.00 → 0.50（未达标）" in zh
    frame = why.to_frame().set_index("indicator")
    assert list(frame.index) == ["L1", "L2", "L3", "L4", "L5", "L6", "L7"]
    assert "nan" not in zh.lower() and "<NA>" not in zh
    assert why._repr_html_().startswith("<ul>") and repr(why).startswith("<Explanation of school")


def test_an_unknown_key_is_a_clear_error(made):
    with pytest.raises(UnknownKeyError) as err:
        made.explain("nobody")
    assert isinstance(err.value, RotationError) and err.value.exit_code == 2
    assert "花名册中没有编号为nobody的教师或学校" in err.value.render("zh")


def test_rotation_explain_prints_in_the_roster_language(made, csv_folder, tmp_path, capsys):
    r = county()
    folder = csv_folder(r.schools, r.teachers)
    path = made.to_csv(tmp_path / "plan.csv")
    policy = tmp_path / "policy.toml"
    policy.write_text("staffing = false\ncoverage = false\n", encoding="utf-8")
    assert main(["explain", str(path), str(folder), "a1", "--policy", str(policy)]) == 0
    out = capsys.readouterr().out
    assert "李老师（a2）：在本校9年，少于张老师（a1）的12年" in out
    assert "如改派李老师（a2）去山区小学（B）" in out
    code = main(["explain", str(path), str(folder), "S404", "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and "S404 is neither a teacher nor a school of the roster" in err
    assert "Traceback" not in err


def test_an_explanation_table_is_a_frame(made):
    assert isinstance(made.explain("a1", swap=False).to_frame(), pd.DataFrame)


@pytest.fixture(scope="module")
def two_years() -> Plan:
    return plan(county(), POLICY, YEAR, horizon=2, settings=SETTINGS, progress=False)


def test_a_later_year_of_a_multi_year_plan_is_explained_from_that_years_roster(two_years):
    """Over 2026–2027 张老师 moves first, 李老师 the next year: explained for 2027, 李老师's
    move is 2027's, and 张老师 is then away on rotation; a year outside the plan is an error."""
    p = two_years
    assert list(zip(p.moves.teacher_id, p.moves.start_year, strict=True)) == [
        ("a1", YEAR),
        ("a2", YEAR + 1),
    ]
    why = p.explain("a2", swap=False, year=YEAR + 1).render("en")
    assert f"moves from 城关小学 (A) to 山区小学 (B), {YEAR + 1}–" in why
    assert "Rotation ratio: 1 of 4 eligible" in why  # 2027's eligible, a1 away
    assert "does not move" in p.explain("a2", swap=False).render("en")  # 2026: a2 stays
    away = p.explain("a1", swap=False, year=YEAR + 1).render("en")
    assert "on rotation from A" in away
    school = p.explain("B", year=YEAR + 1).render("zh")
    assert "调入：李老师（a2）" in school
    with pytest.raises(RotationError) as err:
        p.explain("a1", year=YEAR + 5)
    assert "方案不含这一年" in err.value.render("zh")


def test_rotation_explain_a_later_year_plays_the_earlier_years_out(
    two_years, csv_folder, tmp_path, capsys
):
    r = county()
    folder = csv_folder(r.schools, r.teachers)
    path = two_years.to_csv(tmp_path / "plan.csv")
    policy = tmp_path / "policy.toml"
    policy.write_text("staffing = false\ncoverage = false\n", encoding="utf-8")
    common = [str(path), str(folder), "--policy", str(policy), "--no-swap", "--lang", "en"]
    assert main(["explain", *common[:2], "a1", *common[2:], "--year", str(YEAR + 1)]) == 0
    assert "on rotation from A" in capsys.readouterr().out
    assert main(["explain", *common[:2], "a2", *common[2:], "--year", str(YEAR + 1)]) == 0
    assert "Rotation ratio: 1 of 4 eligible" in capsys.readouterr().out

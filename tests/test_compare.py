"""Two plans side by side: `compare_moves`, `Plan.compare` and `rotation compare`."""

from __future__ import annotations

from rosters import YEAR, free, moves, roster, school, teacher

from rotation.cli import main
from rotation.io.moves import write_moves
from rotation.model import SolverSettings
from rotation.planning import plan
from rotation.planning.compare import compare_moves

ONE_WORKER = SolverSettings(time_limit=10, num_workers=1, seed=0)


def county():
    return roster(
        [
            school("A", name="城关小学"),
            school("B", area="rural", name="乡村小学"),
            school("C", area="rural", name="西岭小学"),
        ],
        [
            teacher("a1", "A", backbone="county", years=20, name="张明"),
            teacher("a2", "A", years=10, name="王芳"),
            teacher("a3", "A", years=9, name="刘洋"),
            teacher("b1", "B", years=1, name="李娜"),
        ],
    )


A = moves(("a1", "A", "B"), ("a2", "A", "C"))
B = moves(("a1", "A", "C"), ("a3", "A", "B"))


def test_added_removed_changed_and_verdicts():
    c = compare_moves(county(), A, B, free(), YEAR)
    assert c.added[["teacher_id", "name", "to_name"]].values.tolist() == [
        ["a3", "刘洋", "乡村小学"]
    ]
    assert c.removed[["teacher_id", "to_school"]].values.tolist() == [["a2", "C"]]
    assert c.changed[["teacher_id", "to_a", "to_b"]].values.tolist() == [["a1", "B", "C"]]
    assert not c.same
    assert list(c.cvs.columns) == [
        "name", "cv_before", "cv_a", "cv_b", "threshold", "passes_a", "passes_b"
    ]  # fmt: skip
    assert c.figures.at["rotated_teachers", "a"] == c.figures.at["rotated_teachers", "b"] == 2
    assert c.figures.at["backbone_share", "a"] == 0.5
    zh = c.render("zh")
    assert "只在方案B中交流（1人）" in zh and "刘洋（a3）：城关小学 → 乡村小学" in zh
    assert "张明（a1）：城关小学 → 方案A 乡村小学，方案B 西岭小学" in zh
    assert "交流比例：66.7%（达标） | 66.7%（达标）" in zh
    assert "Only in plan A (1)" in c.render("en")


def test_same_moves_are_the_same_plan():
    c = compare_moves(county(), A, A.iloc[::-1], free(), YEAR)
    assert c.same and "两个方案的交流人员和去向完全相同" in c.render("zh")
    assert c.cvs["cv_a"].equals(c.cvs["cv_b"])


def test_plan_compare_against_itself_and_a_hand_plan():
    p = plan(county(), free(), YEAR, settings=ONE_WORKER, progress=False)
    assert p.compare(p).same
    other = p.compare(plan(county(), free(), YEAR, settings=ONE_WORKER, progress=False))
    assert other.same


def test_cli_compare(tmp_path, capsys):
    folder = tmp_path / "county"
    folder.mkdir()
    r = county()
    r.schools.to_csv(folder / "schools.csv", index=False)
    r.teachers.to_csv(folder / "teachers.csv", index=False)
    a, b = write_moves(A, tmp_path / "a.csv"), write_moves(B, tmp_path / "b.csv")
    assert main(["compare", str(a), str(b), str(folder), "--year", str(YEAR)]) == 0
    out = capsys.readouterr().out
    assert "方案B与方案A相比：新增1人，去掉1人。" in out
    assert main(["compare", str(a), str(b), str(folder), "--lang", "en"]) == 0
    assert "Plan B against plan A" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("teacher_id,from_school,to_school,start_year,end_year\nzz,A,B,2026,2029\n")
    assert main(["compare", str(a), str(bad), str(folder), "--lang", "en"]) == 1
    assert "bad.csv" in capsys.readouterr().err

"""`rotation minimum-ratio` and the catalogue rendering of `RatioAnswer`."""

from __future__ import annotations

from rosters import YEAR, random_county

from rotation.cli import main
from rotation.messages import text
from rotation.planning import RatioAnswer


def test_answer_renders_in_both_languages():
    found = RatioAnswer(0.15, 0.3, True, {0.3: True, 0.14: False, 0.15: True})
    zh = found.render("zh")
    assert "最低年交流比例为15%（已证明更低的比例不能达标）" in zh and "下限30%" in zh
    assert found.render("en") == (
        "The lowest yearly ratio with which every CV passes is 15% (proven); the policy's "
        "floor 30% is above it, so the floor suffices."
    )
    unproven = RatioAnswer(0.25, 0.1, False, {0.25: True, 0.24: None})
    assert "限时内未能证明" in unproven.render("zh") and "下限" not in unproven.render("zh")
    assert RatioAnswer(None, 0.1, True, {1.0: False}).render("zh") == text("ratio.none", "zh")


def test_cli_minimum_ratio_prints_the_answer_and_exits_0(tmp_path, capsys):
    r = random_county(3, n_schools=3, n_teachers=18)
    r.schools.to_csv(tmp_path / "schools.csv", index=False)
    r.teachers.to_csv(tmp_path / "teachers.csv", index=False)
    args = ["minimum-ratio", str(tmp_path), "--year", str(YEAR), "--target-year", str(YEAR + 1)]
    assert main([*args, "--time-limit", "10", "--lang", "zh"]) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith(("各项差异系数达标所需的最低年交流比例为", "到目标年份"))


def test_cli_minimum_ratio_bad_roster_exits_1(tmp_path, capsys):
    assert main(["minimum-ratio", str(tmp_path / "nope"), "--lang", "en"]) == 1
    assert "nope" in capsys.readouterr().err

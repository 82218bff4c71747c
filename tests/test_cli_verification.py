"""The command line refuses a plan that fails its independent check: exit 3, nothing written."""

from __future__ import annotations

from rosters import YEAR, random_county

from rotation.cli import EXIT_UNVERIFIED, main
from rotation.planning import Plan, Violation


def test_a_plan_that_fails_verification_exits_3_and_writes_nothing(monkeypatch, tmp_path, capsys):
    folder = random_county(0).save(tmp_path / "county")
    broken = [Violation("R1", "rotated 1 of 40 eligible, fewer than the 4 required")]
    monkeypatch.setattr(Plan, "verify", lambda self: broken)
    out, excel = tmp_path / "plan.csv", tmp_path / "plan.xlsx"
    argv = ["plan", str(folder), "--out", str(out), "--excel", str(excel), "--year", str(YEAR)]
    code = main([*argv, "--time-limit", "10", "--workers", "1"])
    assert code == EXIT_UNVERIFIED == 3
    err = capsys.readouterr().err
    assert "VERIFICATION FAILED" in err and "R1: rotated 1 of 40 eligible" in err
    assert not out.exists() and not excel.exists()


def test_a_verified_plan_exits_0_and_writes_the_plan(tmp_path, capsys):
    folder = random_county(0).save(tmp_path / "county")
    out = tmp_path / "plan.csv"
    argv = ["plan", str(folder), "--out", str(out), "--year", str(YEAR)]
    assert main([*argv, "--time-limit", "10", "--workers", "1"]) == 0
    assert out.exists()
    assert "every hard rule holds" in capsys.readouterr().out

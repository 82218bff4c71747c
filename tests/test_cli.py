"""The `rotation` command: `evaluate` as the contract states it, and the acceptance test."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import tiny_facilities, tiny_teachers

from rotation.cli import main


def run(*args: str) -> subprocess.CompletedProcess:
    """The command as a user runs it, in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "rotation.cli", *args], capture_output=True, text=True, timeout=300
    )


def evaluate_json(capsys, *args: str) -> dict:
    assert main(["evaluate", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def write_plan(path: Path, rows: list[tuple]) -> Path:
    pd.DataFrame(
        rows, columns=["teacher_id", "from_school", "to_school", "start_year", "end_year"]
    ).to_csv(path, index=False)
    return path


def test_evaluate_prints_the_table_per_stage(csv_folder, capsys):
    assert main(["evaluate", str(csv_folder())]) == 0
    out = capsys.readouterr().out
    assert "Primary: 3 schools in the CV, pass when CV ≤ 0.50" in out
    assert "Middle: 2 schools in the CV, pass when CV ≤ 0.45" in out
    for code in ("L1", "L2", "L3"):
        assert f"  {code}   " in out
    assert "mean of the official CVs" in out
    assert "DOES NOT PASS" in out


def test_evaluate_json_holds_cv_and_pass_per_stage(csv_folder, capsys):
    result = evaluate_json(capsys, str(csv_folder()))
    for key in ("cv", "pass"):
        assert set(result[key]) == {"primary", "middle"}
        for stage in ("primary", "middle"):
            assert set(result[key][stage]) == {"L1", "L2", "L3"}  # no facility columns
    assert result["cv"]["middle"]["L3"] == pytest.approx(0.4743, abs=1e-4)
    assert result["pass"]["middle"]["L3"] is False
    assert result["pass"]["middle"]["L1"] is True
    assert result["facilities_known"] is False


def test_evaluate_json_holds_l4_to_l7_with_facility_columns(csv_folder, capsys):
    result = evaluate_json(capsys, str(csv_folder(tiny_facilities())))
    for stage in ("primary", "middle"):
        assert set(result["cv"][stage]) == {f"L{i}" for i in range(1, 8)}
        assert set(result["pass"][stage]) == {f"L{i}" for i in range(1, 8)}
    assert result["facilities_known"] is True


def test_evaluate_a_plan_shows_before_and_guarantees(csv_folder, tmp_path, capsys):
    plan = write_plan(
        tmp_path / "plan.csv", [("T02", "S1", "S3", 2026, 2029), ("T05", "S1", "S2", 2026, 2029)]
    )
    result = evaluate_json(capsys, str(csv_folder()), "--plan", str(plan))
    assert set(result["before"]["cv"]) == {"primary", "middle"}
    assert result["cv"]["primary"]["L2"] != result["before"]["cv"]["primary"]["L2"]
    guarantees = result["guarantees"]
    assert guarantees["rotated_teachers"]["value"] == 2
    assert guarantees["backbone_rotated"]["value"] == 2
    assert guarantees["backbone_share"] == {"value": 1.0, "required": 0.2, "passes": True}


def test_evaluate_a_plan_prints_before_and_after(csv_folder, tmp_path, capsys):
    plan = write_plan(tmp_path / "plan.csv", [("T02", "S1", "S3", 2026, 2029)])
    assert main(["evaluate", str(csv_folder()), "--plan", str(plan)]) == 0
    out = capsys.readouterr().out
    assert "CV before" in out
    assert "Government-guarantee rotation figures" in out


def test_a_plan_naming_an_unknown_teacher_exits_1_naming_it(csv_folder, tmp_path):
    plan = write_plan(
        tmp_path / "plan.csv", [("T02", "S1", "S3", 2026, 2029), ("T99", "S1", "S3", 2026, 2029)]
    )
    result = run("evaluate", str(csv_folder()), "--plan", str(plan))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert "row 3 (T99) column 'teacher_id': unknown teacher: 'T99'" in result.stderr


def test_a_plan_with_a_bad_year_exits_1_naming_the_row(csv_folder, tmp_path, capsys):
    plan = write_plan(tmp_path / "plan.csv", [("T02", "S1", "S3", "next", 2029)])
    assert main(["evaluate", str(csv_folder()), "--plan", str(plan)]) == 1
    err = capsys.readouterr().err
    assert "row 2 (T02) column 'start_year': invalid year: 'next'" in err


def test_a_plan_file_that_does_not_exist_exits_1(csv_folder, tmp_path, capsys):
    assert main(["evaluate", str(csv_folder()), "--plan", str(tmp_path / "none.csv")]) == 1
    assert "none.csv: file not found" in capsys.readouterr().err


def test_a_plan_sheet_keeps_ids_pandas_would_read_as_blank(csv_folder, tmp_path, capsys):
    teachers = tiny_teachers().replace({"teacher_id": {"T02": "NA"}})
    plan = tmp_path / "plan.xlsx"
    pd.DataFrame(
        [("NA", "S1", "S3", 2026, 2029)],
        columns=["teacher_id", "from_school", "to_school", "start_year", "end_year"],
    ).to_excel(plan, index=False)
    result = evaluate_json(capsys, str(csv_folder(teachers=teachers)), "--plan", str(plan))
    assert result["guarantees"]["rotated_teachers"]["value"] == 1


def test_a_policy_with_an_unknown_key_exits_1(csv_folder, tmp_path, capsys):
    policy = tmp_path / "policy.toml"
    policy.write_text("min_rotation_ratio = 0.1\nmax_rotaton_ratio = 0.2\n", encoding="utf-8")
    assert main(["evaluate", str(csv_folder()), "--policy", str(policy)]) == 1
    err = capsys.readouterr().err
    assert "column 'max_rotaton_ratio': unknown key" in err


def test_a_policy_indicator_on_a_missing_column_exits_1(csv_folder, tmp_path, capsys):
    policy = tmp_path / "policy.toml"
    policy.write_text(
        '[indicators.T1]\ncolumn = "title"\nvalues = ["高级教师"]\n'
        "thresholds = {primary = 1, middle = 1}\n",
        encoding="utf-8",
    )
    assert main(["evaluate", str(csv_folder()), "--policy", str(policy)]) == 1
    assert "indicator T1 column 'title'" in capsys.readouterr().err


# -- acceptance: the generated county, judged by an independent computation ---------------------

EDUCATION_ORDER = ["secondary", "associate", "bachelor", "master", "doctor"]
THRESHOLDS = {"primary": 0.50, "middle": 0.45}
FACILITIES = {
    "L4": ("teaching_area_m2", 1),
    "L5": ("sports_area_m2", 1),
    "L6": ("equipment_value_yuan", 1),
    "L7": ("multimedia_rooms", 100),
}


def independent_indicators(schools: pd.DataFrame, teachers: pd.DataFrame) -> dict:
    """County value and CV per stage and indicator, from the two frames with plain pandas."""
    rank = teachers["education"].map(EDUCATION_ORDER.index)
    counted = {
        "L1": np.where(teachers["stage"] == "primary", rank >= 1, rank >= 2),
        "L2": teachers["backbone"] != "none",
        "L3": teachers["subject"].isin(["pe", "music", "art"]),
    }
    a = schools["students_primary"].astype(float)
    b = 1.1 * schools["students_middle"].astype(float)
    share = {"primary": a / (a + b), "middle": b / (a + b)}
    out: dict = {}
    for stage in ("primary", "middle"):
        units = schools[schools[f"students_{stage}"] > 0]
        students = units[f"students_{stage}"].to_numpy(dtype=float)
        resources = {}
        in_stage = teachers["stage"] == stage
        for code, mask in counted.items():
            per_school = teachers[in_stage & np.asarray(mask)].groupby("school_id").size()
            resources[code] = (
                units["school_id"].map(per_school).fillna(0).to_numpy(dtype=float),
                100,
            )
        for code, (column, per) in FACILITIES.items():
            resources[code] = ((units[column] * share[stage][units.index]).to_numpy(), per)
        for code, (r, per) in resources.items():
            p = students
            mean = r.sum() / p.sum()
            spread = np.sqrt(np.sum(p / p.sum() * (r / p - mean) ** 2))
            out.setdefault(stage, {})[code] = (mean * per, spread / mean)
    return out


def test_acceptance_generated_county_against_an_independent_computation(tmp_path):
    from rotation.example.generator import example_county

    county = example_county(seed=0)
    folder = county.save(tmp_path / "county")
    result = run("evaluate", str(folder), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)

    expected = independent_indicators(county.schools, county.teachers)
    for stage, codes in expected.items():
        assert set(report["cv"][stage]) == set(codes)
        for code, (county_value, cv) in codes.items():
            assert report["cv"][stage][code] == pytest.approx(cv, rel=1e-9), (stage, code)
            assert report["county_value"][stage][code] == pytest.approx(county_value, rel=1e-9)
            assert report["pass"][stage][code] == (cv <= THRESHOLDS[stage]), (stage, code)
        official = [cv for _, cv in codes.values()]
        assert report["mean_cv"][stage] == pytest.approx(np.mean(official), rel=1e-9)
    assert report["county_passes"] == all(
        cv <= THRESHOLDS[s] for s, codes in expected.items() for _, cv in codes.values()
    )


def test_blank_rows_of_a_plan_are_skipped_and_rows_stay_right(csv_folder, tmp_path, capsys):
    plan = tmp_path / "plan.csv"
    plan.write_text(
        "teacher_id,from_school,to_school,start_year,end_year\n"
        "T02,S1,S3,2026,2029\n\n,,,,\nT99,S1,S3,2026,2029\n",
        encoding="utf-8",
    )
    assert main(["evaluate", str(csv_folder()), "--plan", str(plan)]) == 1
    err = capsys.readouterr().err
    assert "plan is invalid: 1 problem" in err
    assert "plan.csv row 5 (T99) column 'teacher_id': unknown teacher" in err


def test_a_plan_ending_before_it_starts_exits_1(csv_folder, tmp_path, capsys):
    plan = write_plan(tmp_path / "plan.csv", [("T02", "S1", "S3", 2026, 2025)])
    assert main(["evaluate", str(csv_folder()), "--plan", str(plan)]) == 1
    assert "row 2 (T02) column 'end_year': the rotation ends before it starts" in (
        capsys.readouterr().err
    )


def test_a_plan_in_chinese_headers_and_gb18030(csv_folder, tmp_path, capsys):
    plan = tmp_path / "plan.csv"
    plan.write_text(
        "教师编号,原学校,交流学校,开始年份,结束年份\nT02,S1,S3,2026,2029\n", encoding="gb18030"
    )
    result = evaluate_json(capsys, str(csv_folder()), "--plan", str(plan))
    assert result["guarantees"]["rotated_teachers"]["value"] == 1


def test_plan_with_a_bad_roster_exits_1_and_writes_nothing(csv_folder, tmp_path, capsys):
    from conftest import tiny_schools

    bad = csv_folder(schools=tiny_schools().assign(area=["urban", "moon", "rural", "urban"]))
    out = tmp_path / "plan.csv"
    assert main(["plan", str(bad), "--out", str(out), "--excel", str(tmp_path / "p.xlsx")]) == 1
    assert "schools.csv row 3 (S2) column 'area': invalid value: 'moon'" in capsys.readouterr().err
    assert not out.exists()
    assert not (tmp_path / "p.xlsx").exists()


def test_plan_pins_with_problems_exit_1_naming_file_row_and_value(tmp_path, capsys):
    pins = tmp_path / "pins.csv"
    pins.write_text("教师编号,决定,学校\nNG01-001,to,NG03\nNOPE,move,\nNG01-002,fly,\n", "utf-8")
    out = tmp_path / "plan.csv"
    code = main(
        ["plan", "examples/roster_zh.xlsx", "--out", str(out), "--pins", str(pins), "--lang", "en"]
    )  # the English wording; the Chinese roster's default is Chinese (tests/test_lang.py)
    err = capsys.readouterr().err
    assert code == 1 and not out.exists()
    assert f"{pins} row 3 (NOPE) column 'teacher_id': unknown teacher: 'NOPE'" in err
    assert "row 4 (NG01-002) column 'action': unknown action: 'fly'" in err


def test_plan_pins_file_missing_exits_1(tmp_path, capsys):
    code = main(
        ["plan", "examples/roster_zh.xlsx", "--out", str(tmp_path / "p.csv"),
         "--pins", str(tmp_path / "nope.csv"), "--lang", "en"]
    )  # fmt: skip
    assert code == 1
    assert "file not found; expected pins (teacher_id, action, school)" in capsys.readouterr().err


def test_plan_pins_file_missing_says_so_in_the_rosters_language(tmp_path, capsys):
    code = main(
        ["plan", "examples/roster_zh.xlsx", "--out", str(tmp_path / "p.csv"),
         "--pins", str(tmp_path / "nope.csv")]
    )  # fmt: skip
    assert code == 1
    err = capsys.readouterr().err
    assert "nope.csv：找不到文件；应为指定安排" in err and "指定安排有误" in err


def test_plan_to_a_path_that_cannot_be_written_exits_1_without_traceback(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run(
        "plan", "examples/roster_zh.xlsx", "--out", str(blocker / "plan.csv"),
        "--year", "2026", "--time-limit", "5", "--workers", "1",
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert str(blocker) in result.stderr

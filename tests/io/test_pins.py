"""Pins written as an office writes them: Chinese actions, a force column, ids as typed."""

from __future__ import annotations

import pytest

from rotation.errors import InputError
from rotation.io.pins import read_pins


def write(tmp_path, text: str):
    path = tmp_path / "pins.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_chinese_actions(tmp_path):
    path = write(tmp_path, "教师编号,决定,学校\nT01,留任,\nT02,交流,\nT03,指定,S3\nT04,不去,S2\n")
    pins = read_pins(path)
    assert list(pins["action"]) == ["stay", "move", "to", "not_to"]
    assert list(pins["force"]) == [False] * 4
    assert pins.attrs["rows"] == [2, 3, 4, 5]


def test_unknown_action_is_kept_for_the_planner_to_name(tmp_path):
    assert list(read_pins(write(tmp_path, "teacher_id,action,school\nT01,fly,\n"))["action"]) == [
        "fly"
    ]


def test_force_column(tmp_path):
    pins = read_pins(write(tmp_path, "teacher_id,action,school,强制\nT01,move,,是\nT02,stay,,\n"))
    assert list(pins["force"]) == [True, False]


def test_bad_force_value_names_row(tmp_path):
    with pytest.raises(InputError) as caught:
        read_pins(write(tmp_path, "teacher_id,action,school,force\nT01,move,,maybe\n"))
    (problem,) = caught.value.problems
    assert (problem.row, problem.column, problem.value) == (2, "force", "maybe")


def test_ids_resolved_against_a_roster(tmp_path, roster):
    path = write(tmp_path, "teacher_id,action,school\nｔ０１,to,s3；ｓ２\n")
    pins = read_pins(path, roster=roster)
    assert pins.loc[0, "teacher_id"] == "T01"
    assert pins.loc[0, "school"] == "S3; S2"
    assert read_pins(path).loc[0, "teacher_id"] == "t01"  # without a roster: half-width only

"""Where a roster can come from: .xls, a single teachers CSV, Chinese file names; the
`read_*` names and the old ones kept for one release; the example files that ship."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import tiny_schools, tiny_teachers, write_csv_folder

from rotation.errors import InputError, RosterError
from rotation.example.files import EXAMPLE_FILES, example_path
from rotation.io import history, roads, roster
from rotation.io.moves import read_moves
from rotation.io.roster import read_roster

DATA = Path(__file__).parent / "data"


def test_old_names_still_work():
    assert roster.load_roster is roster.read_roster
    assert history.load_history is history.read_history
    assert roads.read_edges is roads.read_roads


def test_xls_workbook():
    county = read_roster(DATA / "roster_zh.xls")
    teachers = county.teachers.set_index("teacher_id")
    assert list(teachers["school_id"]) == ["S001", "S002", "S002"]  # ｓ００２, s002 → S002
    assert list(teachers["backbone"]) == ["county", "city", "none"]
    assert list(teachers["education"]) == ["bachelor", "master", "associate"]
    assert county.schools.loc[1, "students_middle"] == 90


def test_damaged_xls_is_a_problem(tmp_path):
    path = tmp_path / "花名册.xls"
    path.write_bytes(b"not a workbook" * 50)
    with pytest.raises(RosterError) as caught:
        read_roster(path)
    (problem,) = caught.value.problems
    assert problem.source == str(path)
    assert "cannot be read as an .xls workbook" in problem.message


def test_moves_from_the_first_sheet_of_an_xls():
    # an .xls holding no plan is reported, not a traceback
    with pytest.raises(InputError) as caught:
        read_moves(DATA / "roster_zh.xls")
    assert "missing columns" in str(caught.value)


def test_single_teachers_csv_with_schools_beside(tmp_path):
    write_csv_folder(tiny_schools(), tiny_teachers(), tmp_path, names=("学校", "教师花名册"))
    county = read_roster(tmp_path / "教师花名册.csv")
    assert len(county.teachers) == 20
    assert read_roster(tmp_path).equals(county)  # the folder holds the same two tables


def test_single_csv_of_any_name_is_the_teachers_table(tmp_path):
    write_csv_folder(tiny_schools(), tiny_teachers(), tmp_path, names=("schools", "2026年花名册"))
    assert len(read_roster(tmp_path / "2026年花名册.csv").teachers) == 20


def test_single_csv_without_schools_beside(tmp_path):
    tiny_teachers().to_csv(tmp_path / "教师.csv", index=False)
    with pytest.raises(RosterError) as caught:
        read_roster(tmp_path / "教师.csv")
    (problem,) = caught.value.problems
    assert problem.message == "file not found"
    assert "学校.csv" in problem.expected


def test_two_files_for_one_table_is_a_problem(tmp_path):
    write_csv_folder(tiny_schools(), tiny_teachers(), tmp_path)
    tiny_schools().to_csv(tmp_path / "学校.csv", index=False)
    with pytest.raises(RosterError) as caught:
        read_roster(tmp_path)
    (problem,) = caught.value.problems
    assert "several files hold the schools table" in problem.message


def test_chinese_file_names_in_a_folder(tmp_path):
    write_csv_folder(tiny_schools(), tiny_teachers(), tmp_path, names=("学校", "教师"))
    assert len(read_roster(tmp_path).schools) == 4


@pytest.mark.parametrize("name", sorted(EXAMPLE_FILES))
def test_example_files_ship_in_the_package(name):
    path = example_path(name)
    assert path.is_file()
    assert "rotation" in path.parts
    assert len(read_roster(path).schools) > 0


def test_unknown_example_lists_the_known():
    with pytest.raises(FileNotFoundError, match=r"county\.xlsx"):
        example_path("nope.xlsx")

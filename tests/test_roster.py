"""Reading, validating and writing the roster format (issue "Foundation").

Every bad-input test checks that the message locates the problem the way an office needs it:
the file or sheet, the row number a spreadsheet shows, the teacher_id or school_id on that row,
the column, the bad value and what was expected.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import tiny_facilities, tiny_schools, tiny_teachers
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rotation import InputError, Problem, Roster, RosterError, load_roster
from rotation.io.cells import header_name
from rotation.io.vocabulary import (
    AREAS,
    BACKBONE_LEVELS,
    EDUCATION_LEVELS,
    SCHOOL_COLUMNS,
    SCHOOL_TYPES,
    STAGES,
    SUBJECTS,
    TEACHER_COLUMNS,
    header_aliases,
)

EXAMPLE = Path(__file__).parents[1] / "examples" / "roster_zh.xlsx"


def problems_of(source) -> list[Problem]:
    """The problems loading `source` reports (the test fails if it loads)."""
    with pytest.raises(RosterError) as caught:
        load_roster(source)
    return caught.value.problems


def only_problem(source) -> Problem:
    problems = problems_of(source)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def assert_located(problem: Problem, source: str, row, record, column, value=None) -> None:
    """The problem names where it is, both in its fields and in the text a user reads."""
    text = str(problem)
    assert source in problem.source
    assert source in text
    assert problem.row == row
    assert f"row {row}" in text
    assert problem.record == record
    assert f"({record})" in text
    assert problem.column == column
    assert repr(column) in text
    if value is not None:
        assert str(problem.value) == str(value)
        assert repr(problem.value) in text
    assert problem.expected
    assert f"expected {problem.expected}" in text


def with_cell(frame: pd.DataFrame, position: int, column: str, value) -> pd.DataFrame:
    out = frame.astype(object)
    out.loc[position, column] = value
    return out


# -- the office workbook ---------------------------------------------------------------------


def test_office_workbook_loads_as_it_is():
    roster = load_roster(EXAMPLE)
    assert len(roster.schools) == 4
    assert len(roster.teachers) == 65
    schools = roster.schools.set_index("school_id")
    assert schools.loc["NG01", "area"] == "urban"  # 城区
    assert schools.loc["NG02", "area"] == "town"  # 镇区
    assert schools.loc["NG03", "area"] == "rural"  # 乡村
    assert schools.loc["NG02", "students_middle"] == 410
    assert schools.loc["NG01", "group"] == "城关校共体"
    first = roster.teachers.set_index("teacher_id").loc["NG01-001"]
    assert (first["gender"], first["stage"], first["subject"]) == ("M", "primary", "chinese")
    assert (first["education"], first["backbone"], first["role"]) == ("bachelor", "none", "teacher")
    assert roster.teachers.set_index("teacher_id").loc["NG01-009", "backbone"] == "city"  # 市级
    assert roster.teachers.set_index("teacher_id").loc["NG01-002", "education"] == "associate"
    assert set(roster.teachers["stage"]) == {"primary", "middle"}
    assert set(roster.teachers["gender"]) == {"M", "F"}


def test_office_workbook_values_are_all_canonical():
    roster = load_roster(EXAMPLE)
    assert set(roster.teachers["subject"]) <= set(SUBJECTS)
    assert set(roster.teachers["education"]) <= set(EDUCATION_LEVELS)
    assert set(roster.teachers["backbone"]) <= set(BACKBONE_LEVELS)
    assert set(roster.schools["area"]) <= set(AREAS)


# -- one test per kind of bad input ----------------------------------------------------------


def test_duplicate_teacher_id_names_both_rows(csv_folder, teachers):
    folder = csv_folder(teachers=with_cell(teachers, 3, "teacher_id", "T01"))
    problem = only_problem(folder)
    assert_located(problem, "teachers.csv", 5, "T01", "teacher_id", "T01")
    assert "first on row 2" in problem.message


def test_duplicate_school_id(xlsx_file, schools):
    problems = problems_of(xlsx_file(schools=with_cell(schools, 2, "school_id", "S1")))
    duplicate = next(p for p in problems if "duplicate" in p.message)
    assert_located(duplicate, "sheet 'schools'", 4, "S1", "school_id", "S1")


def test_teacher_at_unknown_school(csv_folder, teachers):
    problem = only_problem(csv_folder(teachers=with_cell(teachers, 4, "school_id", "S9")))
    assert_located(problem, "teachers.csv", 6, "T05", "school_id", "S9")
    assert "unknown school" in problem.message


def test_non_numeric_number(csv_folder, teachers):
    problem = only_problem(csv_folder(teachers=with_cell(teachers, 4, "years_at_school", "ten")))
    assert_located(problem, "teachers.csv", 6, "T05", "years_at_school", "ten")
    assert "whole number" in problem.expected


def test_negative_number(xlsx_file, schools):
    problem = only_problem(xlsx_file(schools=with_cell(schools, 1, "students_primary", -5)))
    assert_located(problem, "sheet 'schools'", 3, "S2", "students_primary", "-5")
    assert "≥ 0" in problem.expected


def test_negative_facility_number(csv_folder):
    problem = only_problem(
        csv_folder(schools=with_cell(tiny_facilities(), 0, "sports_area_m2", -1.5))
    )
    assert_located(problem, "schools.csv", 2, "S1", "sports_area_m2", "-1.5")


def test_fractional_count_is_not_a_whole_number(csv_folder, schools):
    problem = only_problem(csv_folder(schools=with_cell(schools, 2, "classes_primary", 6.5)))
    assert_located(problem, "schools.csv", 4, "S3", "classes_primary", "6.5")


def test_missing_value_in_required_column(csv_folder, teachers):
    problem = only_problem(csv_folder(teachers=with_cell(teachers, 5, "gender", "")))
    assert_located(problem, "teachers.csv", 7, "T06", "gender")
    assert problem.message == "value is missing"
    assert "M, F" in problem.expected


@pytest.mark.parametrize(
    ("column", "bad", "expected"),
    [
        ("stage", "high school", "primary, middle"),
        ("subject", "astronomy", "chinese, math"),
        ("education", "大学肄业", "secondary, associate, bachelor, master, doctor"),
        ("backbone", "校级", "none, county, city, province, national"),
        ("gender", "X", "M, F"),
    ],
)
def test_unknown_code(csv_folder, teachers, column, bad, expected):
    problem = only_problem(csv_folder(teachers=with_cell(teachers, 5, column, bad)))
    assert_located(problem, "teachers.csv", 7, "T06", column, bad)
    assert expected in problem.expected


def test_unknown_area(xlsx_file, schools):
    problem = only_problem(xlsx_file(schools=with_cell(schools, 3, "area", "郊区")))
    assert_located(problem, "sheet 'schools'", 5, "S4", "area", "郊区")
    assert "urban, town, rural" in problem.expected


def test_teacher_in_a_stage_the_school_lacks(csv_folder, teachers):
    problem = only_problem(csv_folder(teachers=with_cell(teachers, 0, "stage", "middle")))
    assert_located(problem, "teachers.csv", 2, "T01", "stage", "middle")
    assert "S1 has no middle students" in problem.message


def test_unknown_home_school(csv_folder, teachers):
    rotating = teachers.assign(home_school_id="", rotation_end_year="")
    rotating = with_cell(
        with_cell(rotating, 2, "home_school_id", "S9"), 2, "rotation_end_year", 2027
    )
    problem = only_problem(csv_folder(teachers=rotating))
    assert_located(problem, "teachers.csv", 4, "T03", "home_school_id", "S9")
    assert "home school is unknown" in problem.message


def test_two_headers_with_one_meaning(csv_folder, teachers):
    problem = only_problem(csv_folder(teachers=teachers.assign(学科=teachers["subject"])))
    assert "teachers.csv" in problem.source
    assert problem.row == 1
    assert problem.column == "学科"
    assert "'subject' and '学科' both mean 'subject'" in problem.message


def test_missing_required_column_lists_the_headers_accepted(csv_folder, teachers):
    problem = only_problem(csv_folder(teachers=teachers.drop(columns="education")))
    assert "teachers.csv" in problem.source
    assert problem.row == 1
    assert "'education' is missing" in problem.message
    assert all(h in problem.expected for h in ("education", "最高学历", "学历"))


def test_unknown_header_makes_a_required_column_missing(csv_folder, teachers):
    problems = problems_of(csv_folder(teachers=teachers.rename(columns={"subject": "教学科目"})))
    missing, unknown = problems
    assert "'subject' is missing (is '教学科目' meant to be it?)" in missing.message
    assert "任教学科" in missing.expected
    assert "教学科目" in unknown.message
    for header in ("teacher_id/教师编号", "subject/任教学科", "years_at_school/本校连续任教年限"):
        assert header in unknown.expected


def test_schools_without_any_enrolment_column(csv_folder, schools):
    renamed = schools.rename(
        columns={"students_primary": "小学人数", "students_middle": "初中人数"}
    )
    problems = problems_of(csv_folder(schools=renamed))
    assert "no enrolment column" in problems[0].message
    assert "小学在校生数" in problems[0].expected
    assert "小学人数" in problems[1].message  # the headers that were not recognised


def test_empty_csv(csv_folder):
    folder = csv_folder()
    (folder / "teachers.csv").write_bytes(b"")
    problem = only_problem(folder)
    assert problem.source.endswith("teachers.csv")
    assert problem.message == "file is empty"
    assert "teachers" in str(problem)


def test_csv_with_a_header_but_no_rows(csv_folder, teachers):
    problem = only_problem(csv_folder(teachers=teachers.iloc[:0]))
    assert problem.source.endswith("teachers.csv")
    assert "no data rows" in problem.message


def test_missing_csv_file(csv_folder):
    folder = csv_folder()
    (folder / "schools.csv").unlink()
    problem = only_problem(folder)
    assert problem.source.endswith("schools.csv")
    assert problem.message == "file not found"


def test_unreadable_xlsx(tmp_path):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(bytes(range(256)) * 8)
    problem = only_problem(path)
    assert problem.source == str(path)
    assert "cannot be read as an .xlsx workbook" in problem.message
    assert ".xlsx" in problem.expected


def test_missing_sheet(xlsx_file):
    path = xlsx_file(sheets=("学校", "Sheet2"))
    problem = only_problem(path)
    assert problem.source == str(path)
    assert "no teachers sheet (sheets present: 学校, Sheet2)" in problem.message
    assert "教师" in problem.expected


def test_roster_path_that_does_not_exist(tmp_path):
    problem = only_problem(tmp_path / "nowhere")
    assert problem.message == "not found"


def test_problems_in_both_files_are_all_reported_together(csv_folder, schools, teachers):
    schools = with_cell(schools, 0, "area", "moon")
    teachers = with_cell(with_cell(teachers, 1, "subject", "x"), 7, "birth_year", "soon")
    teachers = with_cell(teachers, 19, "teacher_id", "T01")
    problems = problems_of(csv_folder(schools, teachers))
    located = {(Path(p.source).name, p.row, p.column) for p in problems}
    assert located == {
        ("schools.csv", 2, "area"),
        ("teachers.csv", 3, "subject"),
        ("teachers.csv", 9, "birth_year"),
        ("teachers.csv", 21, "teacher_id"),
    }


def test_problems_in_both_sheets_are_all_reported_together(xlsx_file, schools, teachers):
    schools = with_cell(schools, 3, "students_middle", "many")
    teachers = with_cell(teachers, 0, "stage", "middle")  # S1 has no middle stage
    teachers = with_cell(teachers, 10, "backbone", "school")
    problems = problems_of(xlsx_file(schools, teachers))
    located = {(p.source.split("sheet ")[1], p.row, p.column) for p in problems}
    assert located == {
        ("'schools'", 5, "students_middle"),
        ("'teachers'", 2, "stage"),
        ("'teachers'", 12, "backbone"),
    }


def test_an_unusable_schools_table_does_not_flag_every_teacher(csv_folder, schools):
    problem = only_problem(csv_folder(schools=schools.drop(columns="area")))
    assert problem.source.endswith("schools.csv")
    assert "'area' is missing" in problem.message


def test_stages_are_still_judged_when_another_teacher_is_invalid(csv_folder, teachers):
    teachers = with_cell(with_cell(teachers, 0, "stage", "middle"), 5, "subject", "x")
    problems = problems_of(csv_folder(teachers=teachers))
    assert {(p.row, p.column) for p in problems} == {(2, "stage"), (7, "subject")}


def test_dataframe_problems_name_the_teacher(schools, teachers):
    problems = problems_of((schools, with_cell(teachers, 5, "subject", "天文")))
    assert problems[0].source == "teachers DataFrame"
    assert problems[0].record == "T06"
    assert "(T06) column 'subject': invalid value: '天文'" in str(problems[0])


def test_dataframe_row_without_id_is_named_by_its_index(schools, teachers):
    teachers = with_cell(teachers, 4, "teacher_id", None)
    teachers.index = [f"r{i}" for i in range(len(teachers))]
    problem = only_problem((schools, teachers))
    assert (problem.source, problem.record) == ("teachers DataFrame", "index r4")
    assert (problem.column, problem.message) == ("teacher_id", "value is missing")


def test_invalid_birth_date_is_reported_once(csv_folder, teachers):
    dated = teachers.drop(columns="birth_year").assign(出生日期="1985-03-12")
    problem = only_problem(csv_folder(teachers=with_cell(dated, 2, "出生日期", "三月")))
    assert_located(problem, "teachers.csv", 4, "T03", "birth_date", "三月")


def test_birth_date_disagreeing_with_birth_year(csv_folder, teachers):
    dates = [f"{year}-05-01" for year in teachers["birth_year"]]
    dates[1] = "1980-05-01"  # T02 is born in 1975
    problem = only_problem(csv_folder(teachers=teachers.assign(出生日期=dates)))
    assert_located(problem, "teachers.csv", 3, "T02", "birth_date", "1980-05-01")
    assert "1975" in problem.message


def test_cli_reports_a_bad_roster_without_a_traceback(csv_folder, teachers):
    folder = csv_folder(teachers=with_cell(teachers, 4, "school_id", "S9"))
    run = subprocess.run(
        [sys.executable, "-m", "rotation.cli", "evaluate", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    assert "teachers.csv row 6 (T05) column 'school_id'" in run.stderr
    assert "'S9'" in run.stderr


# -- what offices do differently -------------------------------------------------------------


def test_title_row_above_the_header_in_a_sheet(xlsx_file, teachers):
    path = xlsx_file(teachers=with_cell(teachers, 6, "subject", "天文"))
    book = openpyxl.load_workbook(path)
    book["teachers"].insert_rows(1)
    book["teachers"]["A1"] = "2026年 教师花名册"
    book.save(path)
    problem = only_problem(path)
    assert_located(problem, "sheet 'teachers'", 9, "T07", "subject", "天文")  # T07 on row 9


def test_title_line_above_the_header_in_a_csv(csv_folder, teachers):
    folder = csv_folder(teachers=with_cell(teachers, 6, "subject", "天文"))
    csv = folder / "teachers.csv"
    csv.write_text("2026年 教师花名册\n" + csv.read_text(encoding="utf-8"), encoding="utf-8")
    problem = only_problem(folder)
    assert_located(problem, "teachers.csv", 9, "T07", "subject", "天文")


def test_title_row_still_loads(xlsx_file, roster):
    path = xlsx_file()
    book = openpyxl.load_workbook(path)
    for sheet in book:
        sheet.insert_rows(1)
        sheet["A1"] = "宁国市 2026"
    book.save(path)
    assert load_roster(path).equals(roster)


def test_blank_rows_are_skipped_and_row_numbers_stay_right_in_a_sheet(xlsx_file, teachers):
    path = xlsx_file(teachers=with_cell(teachers, 9, "education", "小学"))
    book = openpyxl.load_workbook(path)
    book["teachers"].insert_rows(5, amount=2)  # two blank rows above T04
    book.save(path)
    problem = only_problem(path)
    assert_located(problem, "sheet 'teachers'", 13, "T10", "education", "小学")


def test_blank_lines_are_skipped_and_row_numbers_stay_right_in_a_csv(csv_folder, teachers):
    folder = csv_folder(teachers=with_cell(teachers, 9, "education", "小学"))
    csv = folder / "teachers.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    lines[4:4] = ["", ",,,,,,,,"]  # an empty line and a line of empty cells above T04
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problem = only_problem(folder)
    assert_located(problem, "teachers.csv", 13, "T10", "education", "小学")


def test_blank_rows_do_not_change_the_roster(xlsx_file, roster):
    path = xlsx_file()
    book = openpyxl.load_workbook(path)
    book["teachers"].insert_rows(8, amount=3)
    book["schools"].insert_rows(3)
    book.save(path)
    assert load_roster(path).equals(roster)


def chinese_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The tiny county with the headers and values an office writes."""
    schools = tiny_schools().rename(
        columns={
            "school_id": "学校代码",
            "name": "学校名称",
            "area": "所在区域",
            "students_primary": "小学在校生数",
            "classes_primary": "小学班级数",
            "students_middle": "初中在校生数",
            "classes_middle": "初中班级数",
        }
    )
    schools["所在区域"] = schools["所在区域"].map(
        {"urban": "城区", "town": "镇区", "rural": "乡村"}
    )
    teachers = tiny_teachers().rename(
        columns={
            "teacher_id": "教师编号",
            "school_id": "学校代码",
            "stage": "学段",
            "subject": "学科",
            "education": "学历",
            "backbone": "骨干级别",
            "years_at_school": "本校连续任教年限",
            "birth_year": "出生年份",
            "gender": "性别",
        }
    )
    words = {
        "学段": {"primary": "小学", "middle": "初中"},
        "学科": {"chinese": "语文", "math": "数学", "pe": "体育", "music": "音乐", "art": "美术"},
        "学历": {"secondary": "中专", "associate": "专科", "bachelor": "本科", "master": "硕士"},
        "骨干级别": {"none": "无", "county": "县级", "city": "市级", "province": "省级"},
        "性别": {"M": "男", "F": "女"},
    }
    for column, table in words.items():
        teachers[column] = teachers[column].map(lambda v, t=table: t.get(v, v))
    return schools, teachers


def test_chinese_headers_and_values_in_dataframes(roster):
    assert load_roster(chinese_frames()).equals(roster)


def test_gb18030_csv_folder(csv_folder, roster):
    folder = csv_folder(*chinese_frames(), encoding="gb18030")
    assert load_roster(folder).equals(roster)


def test_chinese_csv_file_names(csv_folder, roster):
    folder = csv_folder(*chinese_frames(), names=("学校", "教师"))
    assert load_roster(folder).equals(roster)


def test_chinese_sheet_names(xlsx_file, roster):
    assert load_roster(xlsx_file(*chinese_frames(), sheets=("学校", "教师"))).equals(roster)


def test_birth_date_instead_of_birth_year(csv_folder, roster):
    teachers = tiny_teachers()
    dates = [f"{y}-03-12" if i % 2 else f"{y}.03" for i, y in enumerate(teachers["birth_year"])]
    loaded = load_roster(
        csv_folder(teachers=teachers.drop(columns="birth_year").assign(出生日期=dates))
    )
    assert loaded.teachers["birth_year"].tolist() == roster.teachers["birth_year"].tolist()
    assert loaded.teachers["birth_date"].tolist()[:2] == ["1980-03", "1975-03-12"]
    assert loaded.teachers["birth_year"].dtype == "int64"


def test_birth_date_as_excel_dates(xlsx_file, roster):
    teachers = tiny_teachers()
    dates = [dt.datetime(y, 3, 12) for y in teachers["birth_year"]]
    path = xlsx_file(teachers=teachers.drop(columns="birth_year").assign(出生年月=dates))
    loaded = load_roster(path)
    assert loaded.teachers["birth_year"].tolist() == roster.teachers["birth_year"].tolist()
    assert loaded.teachers["birth_date"].iloc[0] == "1980-03-12"


def test_headers_with_spaces_and_full_width_brackets(csv_folder, roster):
    schools, teachers = chinese_frames()
    schools = schools.rename(
        columns={
            "学校代码": " 学校 代码 ",
            "小学在校生数": "小学在校生数（人）",
            "初中班级数": "初中班级数(个)",
        }
    )
    teachers = teachers.rename(
        columns={
            "本校连续任教年限": "本校连续任教年限（年）",
            "学科": "学 科",
            "骨干级别": "骨干级别 ",
        }
    )
    assert load_roster(csv_folder(schools, teachers)).equals(roster)


def test_loading_modifies_no_input_file(csv_folder, xlsx_file):
    files = [*csv_folder(*chinese_frames(), encoding="gb18030").iterdir(), xlsx_file(), EXAMPLE]

    def digest() -> list[str]:
        return [hashlib.sha256(f.read_bytes()).hexdigest() for f in files]

    before = digest()
    for source in {f.parent if f.suffix == ".csv" else f for f in files}:
        load_roster(source)
    assert digest() == before


# -- load → save → load is lossless ----------------------------------------------------------

SCHOOL_ALIASES = header_aliases(SCHOOL_COLUMNS)
TEACHER_ALIASES = header_aliases(TEACHER_COLUMNS)
ids = st.text("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-", min_size=1, max_size=6)
printable = st.text(
    st.characters(categories=("L", "N", "P", "S", "Zs"), exclude_characters="\x00"),
    max_size=12,
)
extra_headers = st.text(
    st.characters(categories=("L", "N"), exclude_characters="\x00"), min_size=1, max_size=8
).filter(
    lambda h: header_name(SCHOOL_ALIASES, h) is None and header_name(TEACHER_ALIASES, h) is None
)
optional_int = st.one_of(st.none(), st.integers(0, 500))
# A spreadsheet keeps 15 significant digits (openpyxl writes 16), so numbers are drawn as a
# spreadsheet holds them.
coordinate = st.floats(-200, 200, allow_subnormal=False).map(lambda x: float(f"{x:.15g}"))
area = st.floats(0, 1e5, allow_subnormal=False).map(lambda x: float(f"{x:.15g}"))


@st.composite
def canonical_rosters(draw) -> Roster:
    """A small valid roster in canonical form: random codes, numbers, optional and extra
    columns (extra columns hold arbitrary printable text)."""
    school_ids = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    stage_sets = [draw(st.sampled_from([("primary",), ("middle",), STAGES])) for _ in school_ids]
    schools = pd.DataFrame(
        {
            "school_id": school_ids,
            "area": [draw(st.sampled_from(AREAS)) for _ in school_ids],
            **{
                f"{what}_{stage}": [
                    draw(st.integers(1, 3000)) if stage in stages else 0 for stages in stage_sets
                ]
                for stage in STAGES
                for what in ("students", "classes")
            },
        }
    )
    if draw(st.booleans()):
        schools["name"] = [draw(printable).strip() for _ in school_ids]
        schools["school_type"] = [draw(st.sampled_from(SCHOOL_TYPES)) for _ in school_ids]
        schools["x_km"] = [draw(coordinate) for _ in school_ids]
        schools["teaching_area_m2"] = [draw(area) for _ in school_ids]
        schools["staff_quota_primary"] = pd.array(
            [draw(optional_int) for _ in school_ids], dtype="Int64"
        )
    count = draw(st.integers(1, 8))
    at = [draw(st.integers(0, len(school_ids) - 1)) for _ in range(count)]
    teachers = pd.DataFrame(
        {
            "teacher_id": draw(st.lists(ids, min_size=count, max_size=count, unique=True)),
            "gender": [draw(st.sampled_from(("M", "F"))) for _ in at],
            "birth_year": [draw(st.integers(1960, 2002)) for _ in at],
            "school_id": [school_ids[i] for i in at],
            "stage": [draw(st.sampled_from(stage_sets[i])) for i in at],
            "subject": [draw(st.sampled_from(SUBJECTS)) for _ in at],
            "education": [draw(st.sampled_from(EDUCATION_LEVELS)) for _ in at],
            "backbone": [draw(st.sampled_from(BACKBONE_LEVELS)) for _ in at],
            "years_at_school": [draw(st.integers(0, 40)) for _ in at],
        }
    )
    if draw(st.booleans()):
        teachers["name"] = [draw(printable).strip() for _ in at]
        teachers["role"] = [
            draw(st.sampled_from(("teacher", "principal", "vice_principal"))) for _ in at
        ]
        teachers["exempt"] = [
            draw(st.sampled_from(("", "yes", "怀孕", "serious illness"))) for _ in at
        ]
        teachers["on_leave"] = [draw(st.booleans()) for _ in at]
        teachers["leader_terms"] = pd.array(
            [draw(st.one_of(st.none(), st.integers(0, 5))) for _ in at], dtype="Int64"
        )
        teachers["birth_date"] = [
            draw(st.sampled_from(("", f"{y}-01", f"{y}-12-31"))) for y in teachers["birth_year"]
        ]
    for header in draw(st.lists(extra_headers, max_size=2, unique_by=str.casefold)):
        schools[header] = [draw(printable) for _ in school_ids]
    for header in draw(st.lists(extra_headers, max_size=2, unique_by=str.casefold)):
        teachers[header] = [draw(printable) for _ in at]
    return Roster.from_frames(schools, teachers)


@pytest.mark.parametrize(
    ("target", "language"),
    [("folder", "en"), ("roster.xlsx", "en"), ("folder", "zh"), ("roster.xlsx", "zh")],
)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(roster=canonical_rosters())
def test_save_then_load_is_lossless(roster, target, language):
    with tempfile.TemporaryDirectory() as tmp:
        saved = roster.save(Path(tmp) / target, language=language)
        again = load_roster(saved)
    assert again.equals(roster), differences(roster, again)
    assert list(again.teachers.columns) == list(roster.teachers.columns)


def differences(a: Roster, b: Roster) -> str:
    """The columns two rosters differ in, with their values and dtypes, for a failure message."""
    lines = []
    for kind in ("schools", "teachers"):
        x, y = getattr(a, kind), getattr(b, kind)
        if list(x.columns) != list(y.columns):
            lines.append(f"{kind} columns: {list(x.columns)} != {list(y.columns)}")
            continue
        for column in x.columns:
            if not x[column].equals(y[column]):
                lines.append(
                    f"{kind}.{column}: {x[column].tolist()!r} ({x[column].dtype}) != "
                    f"{y[column].tolist()!r} ({y[column].dtype})"
                )
    return "\n".join(lines)


def test_extra_columns_are_kept(csv_folder, tmp_path):
    teachers = tiny_teachers().assign(职称=["一级教师"] * 20, 备注="")
    schools = tiny_schools().assign(联系电话="0563-1234567")
    roster = load_roster(csv_folder(schools, teachers))
    assert roster.teachers["职称"].iloc[0] == "一级教师"
    assert list(roster.schools.columns)[-1] == "联系电话"
    for language in ("en", "zh"):
        again = load_roster(roster.save(tmp_path / f"out-{language}.xlsx", language=language))
        assert again.equals(roster)
        assert {"职称", "备注"} <= set(again.teachers.columns)


def test_zh_save_writes_office_words(roster, tmp_path):
    path = roster.save(tmp_path / "office.xlsx", language="zh")
    sheets = pd.read_excel(path, sheet_name=None, dtype=object)
    assert set(sheets) == {"学校", "教师"}
    teachers = sheets["教师"]
    assert {"教师编号", "任教学段", "任教学科", "最高学历", "骨干教师级别"} <= set(teachers.columns)
    assert set(teachers["任教学段"]) == {"小学", "初中"}
    assert teachers["任教学科"].iloc[0] == "语文"
    assert set(sheets["学校"]["所在区域"]) == {"城区", "镇区", "乡村"}


def test_text_starting_with_equals_is_saved_as_text(roster, tmp_path):
    teachers = roster.teachers.assign(备注=["=1+1"] + [""] * 19)
    marked = roster.with_teachers(teachers)
    again = load_roster(marked.save(tmp_path / "roster.xlsx"))
    assert again.teachers["备注"].iloc[0] == "=1+1"


def test_the_same_extra_header_twice_is_reported(csv_folder, teachers):
    teachers = pd.concat(
        [teachers, pd.DataFrame({"备注": ["a"] * 20, "备注 ": ["b"] * 20})], axis=1
    )
    problem = only_problem(csv_folder(teachers=teachers))
    assert problem.row == 1
    assert problem.column == "备注"
    assert "two columns are headed '备注'" in problem.message


def test_words_pandas_reads_as_blank_stay_values_in_a_sheet(xlsx_file):
    schools = tiny_schools().assign(school_id=["NA", "NULL", "S3", "S4"])
    teachers = tiny_teachers().assign(
        school_id=lambda t: t["school_id"].replace({"S1": "NA", "S2": "NULL"}), 备注="None"
    )
    roster = load_roster(xlsx_file(schools, teachers))
    assert roster.school_ids == ["NA", "NULL", "S3", "S4"]
    assert set(roster.teachers["备注"]) == {"None"}


def test_dataframe_headers_are_stripped_as_file_headers_are(schools, teachers, tmp_path):
    roster = load_roster((schools, teachers.assign(**{" 备注 ": "x"})))
    assert list(roster.teachers.columns)[-1] == "备注"
    assert load_roster(roster.save(tmp_path / "roster")).equals(roster)


# -- moves applied to a roster ---------------------------------------------------------------


def moves(*rows: tuple) -> pd.DataFrame:
    columns = ["teacher_id", "from_school", "to_school", "start_year", "end_year"]
    return pd.DataFrame(list(rows), columns=columns)


def test_a_move_starts_a_rotation_from_the_home_school(roster):
    after = roster.apply_moves(moves(("T02", "S1", "S3", 2026, 2029)))
    t02 = after.teachers.set_index("teacher_id").loc["T02"]
    assert (t02["school_id"], t02["home_school_id"], t02["years_at_school"]) == ("S3", "S1", 0)
    assert (t02["rotation_start_year"], t02["rotation_end_year"]) == (2026, 2029)
    assert roster.teachers.set_index("teacher_id").loc["T02", "school_id"] == "S1"  # unchanged


def test_a_move_back_home_ends_the_rotation(roster):
    away = roster.apply_moves(moves(("T02", "S1", "S3", 2026, 2029)))
    back = away.apply_moves(moves(("T02", "S3", "S1", 2029, 2029)))
    t02 = back.teachers.set_index("teacher_id").loc["T02"]
    assert (t02["school_id"], t02["home_school_id"]) == ("S1", "")
    assert t02["rotation_end_year"] is pd.NA


def test_a_teacher_moved_on_from_a_rotation_keeps_the_home_school(roster):
    away = roster.apply_moves(moves(("T02", "S1", "S3", 2026, 2029)))
    onward = away.apply_moves(moves(("T02", "S3", "S2", 2027, 2030)))
    assert onward.teachers.set_index("teacher_id").loc["T02", "home_school_id"] == "S1"


def test_bad_moves_are_all_reported_as_plan_problems(roster):
    with pytest.raises(InputError) as caught:
        roster.apply_moves(
            moves(
                ("T99", "S1", "S3", 2026, 2029),
                ("T02", "S2", "S3", 2026, 2029),
                ("T01", "S1", "S4", 2026, 2029),
                ("T05", "S1", "S9", 2026, 2029),
            )
        )
    assert not isinstance(caught.value, RosterError)
    assert str(caught.value).startswith("plan is invalid: 4 problems")
    located = [(p.row, p.record, p.column) for p in caught.value.problems]
    assert located == [
        (2, "T99", "teacher_id"),
        (3, "T02", "from_school"),
        (4, "T01", "to_school"),
        (5, "T05", "to_school"),
    ]

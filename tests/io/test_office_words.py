"""The words offices write in their workbooks (issue "The office's desk", item 7)."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import tiny_schools, tiny_teachers

from rotation.errors import RosterError
from rotation.io.roster import read_roster
from rotation.io.vocabulary import BACKBONE_CODES, EDUCATION_CODES, normalise


def teachers_with(column: str, value: str) -> pd.DataFrame:
    teachers = tiny_teachers().astype(object)
    teachers.loc[0, column] = value
    return teachers


@pytest.mark.parametrize(
    ("word", "level"),
    [
        ("县级骨干教师", "county"),
        ("区级骨干教师", "county"),
        ("县（区）级骨干教师", "county"),
        ("市级骨干教师", "city"),
        ("省级骨干教师", "province"),
        ("国家级骨干教师", "national"),
        ("县级学科带头人", "county"),
        ("市级学科带头人", "city"),
        ("县级教学能手", "county"),
        ("省级名师", "province"),
        ("市级名校长", "city"),
        ("特级教师", "province"),
        ("县级骨干", "county"),
        ("非骨干", "none"),
        ("无", "none"),
    ],
)
def test_backbone_official_forms(word, level):
    roster = read_roster((tiny_schools(), teachers_with("backbone", word)))
    assert roster.teachers.loc[0, "backbone"] == level


def test_several_titles_in_one_cell_count_at_the_highest():
    roster = read_roster(
        (tiny_schools(), teachers_with("backbone", "县级学科带头人、市级骨干教师"))
    )
    assert roster.teachers.loc[0, "backbone"] == "city"


def test_several_titles_one_unknown_is_a_problem():
    with pytest.raises(RosterError) as caught:
        read_roster((tiny_schools(), teachers_with("backbone", "市级骨干教师、优秀班主任")))
    (problem,) = caught.value.problems
    assert problem.column == "backbone"
    assert problem.value == "市级骨干教师、优秀班主任"


@pytest.mark.parametrize(
    ("word", "level"),
    [
        ("大学本科", "bachelor"),
        ("全日制本科", "bachelor"),
        ("本科学历", "bachelor"),
        ("在职研究生", "master"),
        ("研究生", "master"),
        ("硕士研究生", "master"),
        ("博士研究生", "doctor"),
        ("大专", "associate"),
        ("函授大专", "associate"),
        ("中师", "secondary"),
        ("中专", "secondary"),
    ],
)
def test_education_full_forms(word, level):
    roster = read_roster((tiny_schools(), teachers_with("education", word)))
    assert roster.teachers.loc[0, "education"] == level


@pytest.mark.parametrize(("word", "stage"), [("小学", "primary"), ("初中阶段", "middle")])
def test_stage_words(word, stage):
    teachers = teachers_with("stage", word)
    teachers.loc[0, "school_id"] = "S2"  # the nine-year school has both stages
    assert read_roster((tiny_schools(), teachers)).teachers.loc[0, "stage"] == stage


def test_words_are_written_back_in_their_short_form():
    # the first Chinese word of a level is what a roster saved in Chinese shows
    first = {code: w for w, code in reversed(BACKBONE_CODES.items()) if not w.isascii()}
    assert first["county"] == normalise("县级")
    assert EDUCATION_CODES[normalise("中专")] == "secondary"


def test_every_word_in_the_documented_table_is_accepted():
    """docs/roster.md "Accepted words" lists what the vocabulary accepts, word for word."""
    from pathlib import Path

    from rotation.io import vocabulary as v

    tables = {
        "stage": v.STAGE_CODES,
        "area": v.AREA_CODES,
        "education": v.EDUCATION_CODES,
        "backbone": v.BACKBONE_CODES,
        "role": v.ROLE_CODES,
        "school_type": v.SCHOOL_TYPE_CODES,
        "pin action": v.PIN_ACTION_CODES,
    }
    doc = (Path(__file__).parents[2] / "docs" / "roster.md").read_text(encoding="utf-8")
    section = doc.split("## Accepted words")[1].split("\n\n")[2]
    column = None
    checked = 0
    for line in section.splitlines()[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        column = next(
            (name for name in tables if cells[0].endswith(name)), None if cells[0] else column
        )
        if column is None:
            continue
        words = [w.strip() for w in cells[2].replace(";", ",").split(",") if w.strip()]
        for word in words:
            assert tables[column].get(v.normalise(word)) == cells[1], (column, word)
            checked += 1
    assert checked > 80

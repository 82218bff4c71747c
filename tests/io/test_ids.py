"""Ids as offices type them: full-width, lower case, a near miss."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import tiny_schools, tiny_teachers

from rotation.errors import InputError, RosterError
from rotation.io.ids import IdIndex, fold_id
from rotation.io.roster import read_roster


def test_fold_id():
    assert fold_id("ｓ００１") == "S001"
    assert fold_id(" s 001 ") == "S001"


def test_index_resolves_folded_references_but_not_ambiguous_ones():
    index = IdIndex(["S001", "S002"])
    assert index.resolve("ｓ００１") == "S001"
    assert index.resolve("s002") == "S002"
    assert index.resolve("S003") is None
    assert IdIndex(["S1", "s1"]).resolve("Ｓ1") is None


def test_near_miss_suggests():
    assert IdIndex(["S001", "S002"]).hint("S01") == "; did you mean 'S001'?"
    assert IdIndex(["S001"]).hint("XYZ-99") == ""


def test_teacher_school_written_full_width_or_lower_case():
    teachers = tiny_teachers().astype(object)
    teachers.loc[0, "school_id"] = "ｓ１"
    teachers.loc[1, "school_id"] = "s1"
    roster = read_roster((tiny_schools(), teachers))
    assert list(roster.teachers.loc[:1, "school_id"]) == ["S1", "S1"]


def test_own_ids_made_half_width():
    schools = tiny_schools().astype(object)
    schools.loc[0, "school_id"] = "Ｓ１"
    assert read_roster((schools, tiny_teachers())).schools.loc[0, "school_id"] == "S1"


def test_unknown_school_suggests_the_closest():
    teachers = tiny_teachers().astype(object)
    teachers.loc[0, "school_id"] = "SS1"
    with pytest.raises(RosterError) as caught:
        read_roster((tiny_schools(), teachers))
    (problem,) = caught.value.problems
    assert problem.value == "SS1"
    assert "did you mean 'S1'?" in str(problem)


def test_moves_with_folded_ids_apply(roster):
    moves = pd.DataFrame(
        [("t02", "ｓ1", "s3", 2026, 2029)],
        columns=["teacher_id", "from_school", "to_school", "start_year", "end_year"],
    )
    after = roster.apply_moves(moves).teachers.set_index("teacher_id")
    assert after.loc["T02", "school_id"] == "S3"
    assert after.loc["T02", "home_school_id"] == "S1"


def test_move_to_a_near_miss_school_suggests(roster):
    moves = pd.DataFrame(
        [("T02", "S1", "S33", 2026, 2029)],
        columns=["teacher_id", "from_school", "to_school", "start_year", "end_year"],
    )
    with pytest.raises(InputError) as caught:
        roster.apply_moves(moves)
    (problem,) = caught.value.problems
    assert problem.column == "to_school"
    assert "did you mean 'S3'?" in str(problem)

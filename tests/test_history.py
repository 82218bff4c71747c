"""Yearly rosters of one county: the synthetic history, reading and saving, what changed each
year, the checks across years, and the office's by-hand plan the history is made with."""

from __future__ import annotations

import pandas as pd
import pytest
from rosters import YEAR, roster, school, teacher

from rotation.errors import RosterError
from rotation.example.by_hand import by_hand_plan
from rotation.example.generator import example_county
from rotation.example.history import example_history
from rotation.io.history import History, check_history, load_history
from rotation.planning.verify import verify_plan
from rotation.policy.settings import Policy
from rotation.review.evaluation import evaluate

NEXT = YEAR + 1


@pytest.fixture(scope="module")
def county() -> History:
    """The example county over five years (built once: it takes a few seconds)."""
    return example_history(seed=0)


# -- the example history -----------------------------------------------------------------------


def test_the_example_history_is_five_consecutive_checked_years(county):
    assert county.years == [2021, 2022, 2023, 2024, 2025]
    assert county.transitions() == [(2021, 2022), (2022, 2023), (2023, 2024), (2024, 2025)]
    assert check_history(county.rosters, county.source) == []
    assert "2021–2025" in repr(county)
    for year in county.years[:-1]:
        kinds = set(county.changes(year).kind)
        assert {"rotation", "hire", "left"} <= kinds


def test_the_example_history_is_the_same_for_the_same_seed(county):
    again = example_history(seed=0)
    assert again.years == county.years
    assert all(again[year].equals(county[year]) for year in county.years)
    other = example_history(seed=1, years=2)
    assert not other[2021].equals(county[2021])


def test_each_years_rotations_are_a_plan_for_that_years_roster(county):
    policy = Policy()
    for year in county.years[:-1]:
        rotations = county.rotations(year)
        assert list(rotations.columns) == [
            *("teacher_id", "from_school", "to_school", "start_year", "end_year")
        ]
        assert len(rotations) > 0
        assert (rotations.start_year == year).all()
        assert (rotations.end_year == year + policy.term_years).all()
        judged = evaluate(county[year], policy, year, moves=rotations)
        assert judged.guarantees.at["rotated_teachers", "value"] == len(rotations)
        assert judged.guarantees.at["rotated_not_eligible", "value"] == 0
        # the office's moves, as it made them that year
        made = by_hand_plan(county[year], policy, year)
        assert set(rotations.teacher_id) == set(made.teacher_id)


def test_a_saved_history_loads_back_equal(county, tmp_path):
    folder = county.save(tmp_path / "history")
    assert sorted(p.name for p in folder.iterdir()) == [str(y) for y in county.years]
    back = load_history(folder)
    assert back.years == county.years
    assert all(back[year].equals(county[year]) for year in county.years)


# -- a hand-made history -----------------------------------------------------------------------


SCHOOLS = [school("A"), school("B", area="town"), school("C", area="rural")]


def first_year() -> list[dict]:
    return [
        teacher("a1", "A", years=8),
        teacher("r1", "C", years=2, home_school_id="A", rotation_end_year=NEXT),
        teacher("t1", "A", years=3),
        teacher("o1", "B", years=30, gender="M", birth_year=NEXT - 60),
        teacher("s1", "B", years=4),
    ]


def second_year(**changed: dict) -> list[dict]:
    """a1 rotated to B, r1 back home, t1 transferred to C, o1 retired, s1 stayed, n1 hired;
    `changed` replaces fields of a teacher's row."""
    rows = {
        "a1": teacher(
            "a1",
            "B",
            years=1,
            home_school_id="A",
            rotation_start_year=YEAR,
            rotation_end_year=YEAR + 3,
        ),
        "r1": teacher("r1", "A", years=0),
        "t1": teacher("t1", "C", years=0),
        "s1": teacher("s1", "B", years=5),
        "n1": teacher("n1", "C", years=0, birth_year=2002),
    }
    for tid, fields in changed.items():
        rows[tid] = {**rows[tid], **fields}
    return list(rows.values())


def two_years(**changed: dict) -> dict:
    return {YEAR: roster(SCHOOLS, first_year()), NEXT: roster(SCHOOLS, second_year(**changed))}


def test_changes_name_each_kind():
    h = load_history(two_years())
    changes = h.changes(YEAR)
    assert list(changes.columns) == ["teacher_id", "from_school", "to_school", "kind"]
    assert sorted(map(tuple, changes.to_numpy().tolist())) == [
        ("a1", "A", "B", "rotation"),
        ("n1", "", "C", "hire"),
        ("o1", "B", "", "left"),
        ("r1", "C", "A", "return"),
        ("t1", "A", "C", "transfer"),
    ]


def test_rotations_are_a_moves_table_for_that_years_roster():
    h = load_history(two_years())
    rotations = h.rotations(YEAR)
    assert rotations.to_dict("records") == [
        {
            "teacher_id": "a1",
            "from_school": "A",
            "to_school": "B",
            "start_year": YEAR,
            "end_year": YEAR + 3,
        }
    ]
    judged = evaluate(h[YEAR], year=YEAR, moves=rotations)
    assert judged.roster.teachers.set_index("teacher_id").at["a1", "school_id"] == "B"
    assert judged.guarantees.at["rotated_teachers", "value"] == 1


@pytest.mark.parametrize("form", ["folder", "workbook"])
def test_a_history_in_one_table_with_a_year_column(tmp_path, form):
    # the same schools and teachers come back every year: each year is checked on its own
    h = load_history(two_years())
    both = {
        kind: pd.concat([getattr(h[y], kind).assign(year=y) for y in h.years], ignore_index=True)
        for kind in ("schools", "teachers")
    }
    if form == "folder":
        path = tmp_path / "one"
        path.mkdir()
        for kind, frame in both.items():
            frame.to_csv(path / f"{kind}.csv", index=False)
    else:
        path = tmp_path / "history.xlsx"
        with pd.ExcelWriter(path) as writer:
            for kind, frame in both.items():
                frame.rename(columns={"year": "年份"}).to_excel(
                    writer, sheet_name=kind, index=False
                )
    back = load_history(path)
    assert back.years == [YEAR, NEXT]
    assert all(back[y].equals(h[y]) for y in h.years)
    assert back.changes(YEAR).equals(h.changes(YEAR))


def test_a_one_table_history_names_the_rows_of_each_years_problems(tmp_path):
    h = load_history(two_years())
    folder = tmp_path / "one"
    folder.mkdir()
    h[YEAR].schools.assign(year=YEAR).to_csv(folder / "schools.csv", index=False)
    teachers = pd.concat([h[y].teachers.assign(year=y) for y in h.years])
    teachers.loc[teachers.teacher_id == "n1", "subject"] = "astrology"
    teachers.to_csv(folder / "teachers.csv", index=False)
    with pytest.raises(RosterError) as err:
        load_history(folder)
    text = str(err.value)
    assert "no data rows" in text  # no schools for the second year
    row = 2 + teachers.reset_index(drop=True).index[teachers.teacher_id == "n1"][0]
    assert f"row {row} (n1) column 'subject'" in text and "astrology" in text


def test_a_one_table_history_needs_its_year_column(tmp_path):
    h = load_history(two_years())
    h[YEAR].save(tmp_path / "plain")
    with pytest.raises(RosterError, match="no year column"):
        load_history(tmp_path / "plain")


# -- checks across years -----------------------------------------------------------------------


def problems(rosters: dict) -> list:
    with pytest.raises(RosterError) as err:
        load_history(rosters)
    return err.value.problems


def test_years_must_be_consecutive():
    # a gap after the second year, and a tenure jump before it: both reported
    rosters = {**two_years(t1={"years_at_school": 3}), YEAR + 3: roster(SCHOOLS, second_year())}
    found = problems(rosters)
    assert [(p.message, p.record) for p in found] == [
        ("years_at_school does not follow from the year before", "t1"),
        (f"years {NEXT} and {YEAR + 3} are not consecutive", None),
    ]
    assert found[1].expected == f"a roster for {YEAR + 2}"


def test_every_problem_across_years_is_named_at_once():
    found = problems(
        two_years(
            a1={"birth_year": 1984},
            s1={"gender": "M", "years_at_school": 7},
            t1={"years_at_school": 3},
        )
    )
    named = {(p.record, p.column): p for p in found}
    assert sorted(named) == [
        ("a1", "birth_year"),
        ("s1", "gender"),
        ("s1", "years_at_school"),
        ("t1", "years_at_school"),
    ]
    for p in found:
        assert str(NEXT) in p.source and "teachers" in p.source
    assert named[("a1", "birth_year")].value == 1984
    assert named[("a1", "birth_year")].expected == f"1985 as in {YEAR}"
    assert named[("s1", "gender")].expected == f"F as in {YEAR}"
    assert named[("s1", "years_at_school")].expected == f"4 in {YEAR} at the same school, plus one"
    assert named[("t1", "years_at_school")].expected == "0 or 1 after moving from A"
    assert "years_at_school does not follow from the year before" in str(
        named[("t1", "years_at_school")]
    )


def test_tenure_after_a_move_may_start_at_zero_or_one():
    assert load_history(two_years(t1={"years_at_school": 1})).years == [YEAR, NEXT]
    assert load_history(two_years(a1={"years_at_school": 0})).years == [YEAR, NEXT]


# -- the office's plan by hand -----------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1])
def test_the_plan_by_hand_keeps_every_hard_rule(seed):
    policy = Policy()
    r = example_county(seed=seed, year=YEAR)
    start = r.end_rotations(YEAR, policy.return_after_term)
    made = by_hand_plan(start, policy, YEAR)
    assert len(made) > 0
    assert verify_plan(start, made, policy, YEAR) == []

"""Where a teacher may go: the area ranking, school strength and the travel cap's unit.

One definition each (rotation.policy.destinations), read by the optimiser's candidate
destinations and by the independent checker.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest
from rosters import YEAR, free, moves, roster, school, teacher

from rotation.errors import InputError
from rotation.io.roads import distance_unit, read_roads, road_distances, straight_line
from rotation.model import SolverSettings
from rotation.planning import plan
from rotation.planning.verify import verify_plan
from rotation.policy.destinations import (
    AREA_RANK,
    more_urban,
    school_strength,
    travel_cap,
)

# -- the area ranking ----------------------------------------------------------------------------


#: One worker, seed 0, ten seconds.
ONE_WORKER = SolverSettings(time_limit=10, num_workers=1, seed=0)


def test_urban_is_more_urban_than_town_than_rural():
    assert list(AREA_RANK) == ["urban", "town", "rural"]
    assert more_urban("urban", than="town") and more_urban("town", than="rural")
    assert more_urban("urban", than="rural")
    assert not more_urban("rural", than="town") and not more_urban("town", than="town")


# -- school strength ---------------------------------------------------------------------------


def unequal() -> object:
    """A: 2 of its 3 teachers backbone (200 students); B: 1 of 2 (200); C: none (400)."""
    return roster(
        [school("A"), school("B"), school("C", primary=(400, 2))],
        [
            teacher("a1", "A", backbone="county"),
            teacher("a2", "A", backbone="county"),
            teacher("a3", "A"),
            teacher("b1", "B", backbone="county"),
            teacher("b2", "B"),
            teacher("c1", "C"),
        ],
    )


def test_strength_is_the_weighted_mean_of_x_over_the_county_value():
    # L1 (bachelor ≥ associate): everyone counts, X̄ = 6/800; L2 (backbone): X̄ = 3/800;
    # L3 (PE and arts): nobody, so it adds nothing. Weights 1, 1, 1.
    strength = school_strength(unequal(), free())
    a = (Fraction(3, 200) / Fraction(6, 800) + Fraction(2, 200) / Fraction(3, 800)) / 3
    b = (Fraction(2, 200) / Fraction(6, 800) + Fraction(1, 200) / Fraction(3, 800)) / 3
    c = (Fraction(1, 400) / Fraction(6, 800)) / 3
    assert strength.to_dict() == {("A", "primary"): a, ("B", "primary"): b, ("C", "primary"): c}
    assert all(isinstance(s, Fraction) for s in strength)


def test_strength_follows_the_weights():
    only_backbone = school_strength(unequal(), free(weights={"L1": 0, "L2": 2, "L3": 0}))
    assert only_backbone.to_dict() == {
        ("A", "primary"): Fraction(8, 3),
        ("B", "primary"): Fraction(4, 3),
        ("C", "primary"): Fraction(0),
    }
    nothing = school_strength(unequal(), free(weights={"L1": 0, "L2": 0, "L3": 0}))
    assert set(nothing) == {0}


def test_equal_schools_are_equally_strong_so_neither_is_weaker():
    twins = roster(
        [school("A"), school("B")],
        [teacher("a1", "A", backbone="county"), teacher("b1", "B", backbone="county")],
    )
    strength = school_strength(twins, free())
    # L1 and L2 at the county value (1 each), L3 absent from the county (0): (1 + 1 + 0) / 3
    assert strength[("A", "primary")] == strength[("B", "primary")] == Fraction(2, 3)
    found = verify_plan(twins, moves(("a1", "A", "B")), free(direction="strong_to_weak"), YEAR)
    assert [v.rule for v in found] == ["R9"]


# -- distances in km or minutes ------------------------------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "roads.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_road_table_in_minutes_gives_travel_times(tmp_path):
    edges = read_roads(write(tmp_path, "起点,终点,分钟\nA,B,25\nB,C,40\n"))
    assert list(edges.columns) == ["from", "to", "minutes"]
    r = roster([school("A"), school("B"), school("C")], [teacher("a1", "A")])
    table = road_distances(r.schools, edges)
    assert distance_unit(table) == "minutes" and table.at["A", "C"] == 65.0


def test_a_road_table_in_km_and_straight_lines_are_km(tmp_path):
    edges = read_roads(write(tmp_path, "from,to,距离\nA,B,12.5\n"))
    assert list(edges.columns) == ["from", "to", "km"]
    r = roster([school("A"), school("B", x=3)], [teacher("a1", "A")])
    assert distance_unit(road_distances(r.schools, edges)) == "km"
    assert distance_unit(straight_line(r.schools)) == "km"


def test_a_road_table_with_both_units_is_an_error(tmp_path):
    with pytest.raises(InputError, match="one unit"):
        read_roads(write(tmp_path, "from,to,km,minutes\nA,B,1,2\n"))


def test_an_invalid_travel_time_is_named(tmp_path):
    with pytest.raises(InputError) as caught:
        read_roads(write(tmp_path, "from,to,minutes\nA,B,soon\n"))
    (problem,) = caught.value.problems
    assert (problem.message, problem.row, problem.column) == ("invalid travel time", 2, "minutes")


def minutes_table(r) -> pd.DataFrame:
    edges = pd.DataFrame({"from": ["A", "A"], "to": ["B", "C"], "minutes": [20.0, 90.0]})
    return road_distances(r.schools, edges)


def test_a_km_cap_is_not_compared_with_minutes():
    r = roster([school("A"), school("B"), school("C")], [teacher("a1", "A")])
    with pytest.raises(InputError) as caught:
        travel_cap(free(max_distance_km=30), minutes_table(r))
    (problem,) = caught.value.problems
    assert problem.column == "max_distance_km" and "minutes" in problem.message
    assert problem.expected == "max_travel_minutes for distances in minutes"
    with pytest.raises(InputError, match="max_travel_minutes cannot be checked"):
        travel_cap(free(max_travel_minutes=30), straight_line(r.schools))
    with pytest.raises(InputError, match="max_travel_minutes needs a road table in minutes"):
        travel_cap(free(max_travel_minutes=30), None)
    cap = travel_cap(free(max_travel_minutes=30), minutes_table(r))
    assert (cap.limit, cap.unit, cap.setting) == (30.0, "minutes", "max_travel_minutes")
    assert cap.describe() == "30 min" and cap.allows(20.0) and not cap.allows(float("inf"))
    assert travel_cap(free(), minutes_table(r)) is None


def test_the_checker_names_the_unit():
    r = roster([school("A"), school("B"), school("C")], [teacher("a1", "A", backbone="county")])
    found = verify_plan(
        r, moves(("a1", "A", "C")), free(max_travel_minutes=60), YEAR, distances=minutes_table(r)
    )
    assert [str(v) for v in found] == ["R11: a1 travels 90.0 min, more than 60"]
    found = verify_plan(
        r, moves(("a1", "A", "B")), free(max_distance_km=60), YEAR, distances=minutes_table(r)
    )
    assert [v.rule for v in found] == ["R11"] and "in minutes" in found[0].message


def test_a_plan_with_a_travel_time_cap_reports_minutes():
    # three backbone teachers at A; B is 20 minutes away, C (the largest school) 90
    r = roster(
        [school("A"), school("B"), school("C", primary=(400, 1))],
        [
            *(teacher(f"a{i}", "A", backbone="county") for i in range(3)),
            teacher("b1", "B", years=1),
            teacher("c1", "C", years=1),
        ],
    )
    edges = pd.DataFrame({"from": ["A", "A"], "to": ["B", "C"], "minutes": [20.0, 90.0]})
    p = plan(r, free(max_travel_minutes=30), YEAR, settings=ONE_WORKER, roads=edges)
    assert p.verify() == []
    assert list(zip(p.moves.to_school, p.moves.travel_minutes, strict=True)) == [("B", 20.0)]
    assert "distance_km" not in p.moves.columns
    with pytest.raises(InputError, match="max_distance_km cannot be checked"):
        plan(r, free(max_distance_km=30), YEAR, settings=ONE_WORKER, roads=edges)

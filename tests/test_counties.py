"""A roster of several counties: kept apart by planning, judged county by county."""

from __future__ import annotations

import pandas as pd
import pytest
from rosters import YEAR, free, random_county, two_counties

import rotation
from rotation import RosterError, SolverSettings
from rotation.io.counties import crossing_moves

SETTINGS = SolverSettings(time_limit=5, num_workers=1, deterministic=True)


def test_county_column_and_chinese_aliases() -> None:
    r = two_counties()
    assert r.counties() == ["North", "South"]
    for header in ("区县", "县区", "所属区县"):
        schools = r.schools.rename(columns={"county": header})
        again = rotation.Roster.from_frames(schools, r.teachers)
        assert again.counties() == ["North", "South"]
    assert random_county(0).counties() == []
    assert list(random_county(0).by_county()) == [""]


def test_a_school_without_its_county_is_an_error() -> None:
    r = two_counties()
    schools = r.schools.copy()
    schools.loc[0, "county"] = ""
    with pytest.raises(RosterError, match="county missing"):
        rotation.Roster.from_frames(schools, r.teachers)


def test_evaluate_judges_each_county_on_its_own() -> None:
    r = two_counties()
    ev = rotation.evaluate(r)
    assert set(ev.counties) == {"North", "South"}
    for name, part in r.by_county().items():
        alone = rotation.evaluate(part)
        pd.testing.assert_series_equal(
            ev.counties[name].county["cv"], alone.county["cv"], check_names=False
        )
        assert ev.by_county().loc[name]["cv"].equals(alone.county["cv"])
    worst = ev.by_county()["cv"].groupby(level=["stage", "indicator"]).max()
    assert ev.county["cv"].dropna().equals(worst.reindex(ev.county.index).dropna())
    assert ev.passes == all(e.passes for e in ev.counties.values())
    summary = ev.prefecture()
    assert list(summary.index) == ["North", "South"]
    assert summary["teachers"].sum() == len(r.teachers)
    assert set(ev.to_dict()["counties"]) == {"North", "South"}
    assert "Prefecture summary" in str(ev)


def test_one_county_output_unchanged() -> None:
    r = random_county(3)
    ev = rotation.evaluate(r)
    assert ev.counties == {}
    assert "counties" not in ev.to_dict()
    assert "Prefecture" not in repr(ev)
    assert list(ev.prefecture().index) == [""]


def test_plan_never_crosses_a_county_line_and_each_county_passes_its_own_review() -> None:
    r = two_counties()
    plan = rotation.plan(r, free(), YEAR, settings=SETTINGS)
    assert set(plan.counties) == {"North", "South"}
    assert crossing_moves(r.schools, plan.moves).empty
    assert len(plan.moves) == sum(len(p.moves) for p in plan.counties.values())
    assert plan.verify() == []
    for name, part in plan.counties.items():
        ev = plan.after.counties[name]
        assert ev.guarantees is not None
        assert bool(ev.guarantees.at["rotation_ratio", "passes"])
        assert ev.county["cv"].equals(part.after.county["cv"])


def test_verify_names_a_move_across_a_county_line() -> None:
    r = two_counties()
    plan = rotation.plan(r, free(), YEAR, settings=SETTINGS)
    bad = plan.moves.copy()
    bad.loc[0, "to_school"] = "BS0" if not str(bad.loc[0, "from_school"]).startswith("B") else "S0"
    found = rotation.verify_plan(plan.start, bad, plan.policy, YEAR)
    assert [v.rule for v in found] == ["county"]
    with pytest.raises(rotation.InputError, match="crosses a county line"):
        rotation.evaluate(r, free(), YEAR, moves=bad)


def test_horizon_plan_keeps_counties_apart() -> None:
    r = two_counties(1)
    plan = rotation.plan(r, free(), YEAR, horizon=2, settings=SETTINGS)
    assert plan.years == (YEAR, YEAR + 1)
    assert crossing_moves(r.schools, plan.moves).empty
    assert plan.verify() == []

"""The solve's promises: a time limit is a time limit, deterministic mode repeats, the phase
figures are in the user's units, and a model CP-SAT rejects is reported as our bug.

The wall-clock tests measure the whole `solve_rotation` call against the limit plus the
library's tolerance (TIME_LIMIT_TOLERANCE, 5%); they use one worker, like every test here.
"""

from __future__ import annotations

import math
import time
import types

import pandas as pd
import pytest
from rosters import YEAR, free, random_county, roster, school, teacher

import rotation.model.explain as explain_module
import rotation.model.feasibility as feasibility_module
import rotation.model.heuristic as heuristic
import rotation.model.solve as solve_module
from rotation.errors import InfeasibleError
from rotation.model import (
    ModelInvalidError,
    NoPlanFound,
    SolverSettings,
    SolveStatus,
    all_cvs_pass_by,
    solve_rotation,
)
from rotation.model.explain import NOT_IN_TIME, solver_conflicts
from rotation.model.figures import PHASE_COLUMNS, SOLVER_COLUMNS
from rotation.model.instance import build_instance
from rotation.model.solve import TIME_LIMIT_TOLERANCE
from rotation.planning.setup import prepare
from rotation.policy.settings import Policy
from rotation.review.evaluation import evaluate

#: The random county of tests/test_plan.py's repeatability test.
POLICY = Policy(min_rotation_ratio=0.2, max_rotation_ratio=0.4, max_distance_km=25)


def run(r, policy: Policy, limit: float = 5.0, pins=None, **options):
    """solve_rotation as `plan` calls it (rotations ended, distances), one worker."""
    setup = prepare(r, policy, YEAR)
    settings = SolverSettings(limit, 1, 0, **options)
    return solve_rotation(setup.start, setup.policy, YEAR, settings, pins, setup.km)


def timed(call) -> tuple[float, object]:
    """Seconds the call took and what it returned (or the RotationError it raised)."""
    t0 = time.monotonic()
    try:
        out = call()
    except (NoPlanFound, InfeasibleError) as err:
        out = err
    return time.monotonic() - t0, out


def spread() -> object:
    """The county's three backbone teachers all at A (L2's CV 1.41): one move leaves it at 0.82,
    two pass; 8 eligible teachers, so R2 at 24% allows one move, at 25% two."""
    backbone = [teacher(f"x{i}", "A", backbone="county", years=y) for i, y in ((1, 9), (2, 9))]
    backbone.append(teacher("x3", "A", backbone="county", years=1))  # not eligible
    others = [teacher(f"{s}{i}", s.upper()) for s in "bc" for i in (1, 2, 3)]
    pe = [teacher(f"p{s.lower()}", s, subject="pe", years=1) for s in "ABC"]
    schools = [school("A"), school("B", area="town"), school("C", area="rural")]
    return roster(schools, [*backbone, *others, *pe])


def pinned_to_a_full_school() -> tuple[object, pd.DataFrame]:
    """No plan: a1 is pinned to B, which is at its staffing quota (R8 against R6); only the
    solver, not arithmetic, finds the clash."""
    r = roster(
        [school("A"), school("B", staff_quota_primary=1), school("C")],
        [teacher("a1", "A", backbone="county"), teacher("b1", "B", years=1)],
    )
    pins = pd.DataFrame([{"teacher_id": "a1", "action": "to", "school": "B"}])
    return r, pins


# -- deterministic mode ---------------------------------------------------------------------------


def test_deterministic_mode_repeats_the_plan_and_the_work_done():
    first = run(random_county(1), POLICY, deterministic=True)
    second = run(random_county(1), POLICY, deterministic=True)
    assert len(first.moves) > 0
    assert not first.solver["clock_stopped"].any()  # else the run would not be a fair test
    pd.testing.assert_frame_equal(first.moves, second.moves)
    pd.testing.assert_frame_equal(
        first.phases.drop(columns="seconds"), second.phases.drop(columns="seconds")
    )
    # the solver did the same work, counted in deterministic time, within its budget
    pd.testing.assert_series_equal(
        first.solver["deterministic_time"], second.solver["deterministic_time"]
    )
    assert (first.solver["deterministic_time"] <= first.solver["deterministic_budget"] * 1.05).all()


def test_deterministic_mode_limits_the_greedy_by_steps_not_the_clock(monkeypatch):
    r = random_county(2, n_schools=8, n_teachers=80)
    plain = run(r, POLICY, deterministic=True)
    # the greedy seeing each step take 10x as long does not change its plan
    started = time.monotonic()
    slower = types.SimpleNamespace(monotonic=lambda: started + 10 * (time.monotonic() - started))
    monkeypatch.setattr(heuristic, "time", slower)
    slow = run(r, POLICY, deterministic=True)
    assert not slow.solver["clock_stopped"].any()
    assert plain.greedy_moves == slow.greedy_moves
    pd.testing.assert_frame_equal(plain.moves, slow.moves)


# -- the time limit -----------------------------------------------------------------------------


@pytest.mark.parametrize("deterministic", [False, True])
def test_the_whole_call_stays_within_the_time_limit(deterministic):
    limit = 3.0
    r = random_county(3, n_schools=20, n_teachers=400)
    seconds, out = timed(lambda: run(r, POLICY, limit, deterministic=deterministic))
    assert seconds <= limit * (1 + TIME_LIMIT_TOLERANCE), out
    if not isinstance(out, NoPlanFound):  # deterministic mode may need more than 3 s of work
        assert out.seconds <= limit * (1 + TIME_LIMIT_TOLERANCE)
        assert out.solver["wall_seconds"].sum() <= limit * (1 + TIME_LIMIT_TOLERANCE)


def test_an_infeasible_roster_is_explained_within_the_time_limit():
    r, pins = pinned_to_a_full_school()
    limit = 1.0
    seconds, out = timed(lambda: run(r, Policy(coverage=False), limit, pins=pins))
    assert isinstance(out, InfeasibleError)
    assert "R8" in str(out) and "R6" in str(out)
    assert seconds <= limit * (1 + TIME_LIMIT_TOLERANCE)


def test_the_explanation_gets_only_what_is_left_of_the_time_limit(monkeypatch):
    """The first phase is made to take 2.5 s of a 3 s limit: the explanation is given what is
    left (less the finishing reserve), and the call still ends within the limit."""
    r, pins = pinned_to_a_full_school()
    limit, slow = 3.0, 2.5
    real_phase = solve_module._solve_phase
    given: list[float] = []

    def slow_phase(*args, **kwargs):
        time.sleep(slow)
        return real_phase(*args, **kwargs)

    real_explain = explain_module.explain_infeasibility

    def spy(inst, settings, seconds):
        given.append(seconds)
        return real_explain(inst, settings, seconds)

    monkeypatch.setattr(solve_module, "_solve_phase", slow_phase)
    monkeypatch.setattr(explain_module, "explain_infeasibility", spy)
    seconds, out = timed(lambda: run(r, Policy(coverage=False), limit, pins=pins))
    assert isinstance(out, InfeasibleError)
    assert len(given) == 1 and given[0] <= limit - slow
    assert seconds <= limit * (1 + TIME_LIMIT_TOLERANCE)


def test_an_explanation_without_time_left_says_so():
    r, pins = pinned_to_a_full_school()
    setup = prepare(r, Policy(coverage=False), YEAR)
    inst = build_instance(setup.start, setup.policy, YEAR, pins, setup.km)
    settings = SolverSettings(1.0, 1, 0)
    t0 = time.monotonic()
    assert solver_conflicts(inst, settings, seconds=0.0) == [NOT_IN_TIME]
    assert time.monotonic() - t0 < 0.5
    assert any("R6" in c for c in solver_conflicts(inst, settings, seconds=5.0))


# -- the phase figures ----------------------------------------------------------------------------


def test_the_phase_table_is_in_the_users_units():
    result = run(random_county(1), POLICY)
    phases, solver = result.phases, result.solver
    assert list(phases.columns) == PHASE_COLUMNS
    assert list(solver.columns) == SOLVER_COLUMNS
    assert list(phases.index) == list(solver.index)
    assert all(isinstance(s, SolveStatus) for s in phases["status"])
    assert result.status == SolveStatus.overall(list(phases["status"]))
    assert phases.at["moves", "value"] == len(result.moves)
    assert phases.at["moves", "unit"] == "teachers"
    assert phases.at["thresholds", "value"] == 0 and phases.at["thresholds", "second"] == 0
    # (c) is Σ weight·CV², as the evaluation computes the CVs; the raw objective is K·(CV² + 1)
    after = evaluate(prepare(random_county(1), POLICY, YEAR).start, POLICY, moves=result.moves)
    cvs = after.county.loc["primary", "cv"][["L1", "L2", "L3"]]
    assert phases.at["cvs", "value"] == pytest.approx((cvs**2).sum(), abs=1e-4)
    assert solver.at["cvs", "objective"] > 1000 * phases.at["cvs", "value"]
    # (e) is km of travel: the routed moves' distances, each rounded to 100 m
    assert phases.at["disruption", "unit"] == "km"
    assert phases.at["disruption", "value"] == pytest.approx(
        result.moves["distance_km"].sum(), abs=0.05 * len(result.moves)
    )
    for _, row in phases.iterrows():
        if row["status"] == SolveStatus.OPTIMAL:
            assert row["bound"] == pytest.approx(row["value"])
        assert row["bound"] <= row["value"] + 1e-9
        assert row["value"] >= 0


def test_failing_cvs_are_counted_and_their_excess_is_in_cv_units():
    """One backbone move of three leaves L2's CV at 0.82 > 0.50: one CV fails, by 0.32."""
    result = run(spread(), free(max_rotation_ratio=0.24))
    row = result.phases.loc["thresholds"]
    terms = 3  # L1, L2, L3 of the primary stage
    assert row["status"] == SolveStatus.OPTIMAL
    assert row["value"] == row["bound"] == 1 <= terms
    assert row["second"] == pytest.approx(math.sqrt(2 / 3) - 0.5, abs=1e-3)
    assert row["second_bound"] == pytest.approx(row["second"], abs=1e-3)
    assert row["unit"] == "CVs failing"
    assert result.status == SolveStatus.OPTIMAL


def test_a_phase_cut_short_is_not_optimal_and_the_rest_are_not_run(monkeypatch):
    real_phase = solve_module._solve_phase

    def stop_after_moves(built, name, *args):
        result, first = real_phase(built, name, *args)
        if name == "moves":
            monkeypatch.setattr(solve_module.Clock, "for_phases", lambda self: 0.0)
        return result, first

    monkeypatch.setattr(solve_module, "_solve_phase", stop_after_moves)
    result = run(random_county(1), POLICY)
    statuses = result.phases["status"].to_dict()
    assert statuses["thresholds"] == statuses["moves"] == SolveStatus.OPTIMAL
    assert statuses["cvs"] == SolveStatus.NO_SOLUTION
    assert result.solver.at["cvs", "cp_sat_status"] == "NOT_RUN"
    assert math.isnan(result.phases.at["cvs", "value"])
    assert result.status == SolveStatus.FEASIBLE
    assert len(result.moves) == result.phases.at["moves", "value"]


# -- a model CP-SAT rejects -----------------------------------------------------------------------


def broken(build):
    """build_model, plus a variable whose domain CP-SAT refuses."""

    def wrapper(inst):
        built = build(inst)
        built.model.new_int_var(0, 2**62, "too_wide")
        return built

    return wrapper


def test_an_invalid_model_is_reported_as_a_bug(monkeypatch):
    monkeypatch.setattr(solve_module, "build_model", broken(solve_module.build_model))
    with pytest.raises(ModelInvalidError, match="please report it") as err:
        run(random_county(1), POLICY)
    assert "time" not in str(err.value)  # not "give more time"
    assert "too_wide" in err.value.detail


def test_an_invalid_model_in_the_feasibility_check_is_reported_as_a_bug(monkeypatch):
    monkeypatch.setattr(feasibility_module, "build_model", broken(feasibility_module.build_model))
    setup = prepare(spread(), free(), YEAR)
    with pytest.raises(ModelInvalidError, match="please report it"):
        all_cvs_pass_by(setup.start, setup.policy, (YEAR,), setup.km, SolverSettings(), 5.0)


# -- every CV passes by a year --------------------------------------------------------------------


@pytest.mark.parametrize("deterministic", [False, True])
def test_all_cvs_pass_by_is_true_false_or_unknown(deterministic):
    setup = prepare(spread(), free(), YEAR)
    settings = SolverSettings(num_workers=1, deterministic=deterministic)

    def passes(ratio: float, limit: float = 5.0) -> bool | None:
        policy = setup.policy.replace(max_rotation_ratio=ratio)
        return all_cvs_pass_by(setup.start, policy, (YEAR,), setup.km, settings, limit)

    assert passes(0.25) is True  # two backbone moves
    assert passes(0.24) is False  # one move: L2 still fails, proven
    assert passes(0.25, limit=0.0) is None  # no time: unknown


def test_value_of_reads_a_phase_term_from_a_plan():
    """A phase that finds no better plan keeps its term at the plan's value (value_of)."""
    from ortools.sat.python import cp_model

    from rotation.model.solve import value_of

    model = cp_model.CpModel()
    x, y = model.new_int_var(0, 5, "x"), model.new_int_var(0, 5, "y")
    assert value_of(2 * x + 3 * y - 1, {x.index: 2, y.index: 1}) == 6
    assert value_of(x, {x.index: 4}) == 4


def test_only_a_large_model_is_presolved_lightly():
    from ortools.sat.python import cp_model

    from rotation.model.solve import LIGHT_PRESOLVE_TERMS, is_large

    model = cp_model.CpModel()
    xs = [model.new_int_var(0, 1, f"x{i}") for i in range(100)]
    model.add_multiplication_equality(xs[0], [xs[1], xs[1]])
    model.add(sum(xs) <= 50)
    assert not is_large(model)
    assert model.proto.constraints[0].has_int_prod()  # reading the size changed nothing
    for _ in range(LIGHT_PRESOLVE_TERMS // 100 + 1):
        model.add(sum(xs) >= 0)
    assert is_large(model)

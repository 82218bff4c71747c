"""Property: what the model says of the CVs is what the official evaluation says.

For a random small county and policy, the whole model is solved towards a random plan (a
random linear objective over the flow variables, so that plans that pass and plans that fail
both come up). With the plan's flows fixed, the model then minimises (a) + (c): the squares are
tangent cuts, exact under minimisation (q ≥ x²), and an excess is only bounded below, so the
terms are read at the values the phases reach. The plan's moves are named as the library names
them (`moves_table`), applied to the roster, and the roster after is evaluated independently
(`rotation.evaluate`, i.e. `weighted_cv`). Then, for every CV term of the model (indicator, stage):

- "the model says the CV passes" (its excess is 0) implies the evaluated CV is within its
  threshold (up to 1e-9, float rounding of a CV exactly at the threshold);
- a CV the model says fails is not below its threshold by more than the rounding of the
  model's weights (1e-3 on the CV);
- the objective (c), Σ weight·S / K − Σ weight, equals Σ weight·CV² evaluated, within
  1e-4·Σ weight·(CV² + 1): each weight of S is rounded by less than 1/(2·MIN_WEIGHT) = 5e-5
  relative, so S is within 5e-5·K·(CV² + 1) of exact.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, assume, event, given, note, settings
from hypothesis import strategies as st
from rosters import YEAR, random_county
from tiny_models import FEASIBLE, instance, solve

from rotation.model.assign import moves_table
from rotation.model.objectives import MIN_WEIGHT
from rotation.model.solve import Solution, build_model
from rotation.planning.setup import prepare
from rotation.policy.settings import Policy
from rotation.review.evaluation import evaluate

POLICIES = {
    "default": Policy(),
    "no coverage or staffing": Policy(coverage=False, staffing=False),
    "within 20 km": Policy(coverage=False, max_distance_km=20),
    "outward, up to 40%": Policy(direction="outward", max_rotation_ratio=0.4, staffing=False),
}


def random_plan(inst, built, seed: int):
    """A plan of the whole model, pushed in a random direction; None when there is none."""
    rng = np.random.default_rng(seed)
    variables = built.flows.all_variables()
    weights = rng.integers(-3, 4, size=len(variables))
    built.model.minimize(sum(int(w) * v for w, v in zip(weights, variables, strict=True)))
    state, solver = solve(built.model, seconds=5)
    if state not in FEASIBLE:
        return None
    for var in variables:
        built.model.add(var == solver.value(var))
    built.model.minimize(built.phases["thresholds"] + built.phases["cvs"])
    state, solver = solve(built.model, seconds=5)
    assert state == "OPTIMAL"
    flows = built.flows
    sent = {k: solver.value(v) for k, v in flows.route.items() if solver.value(v)}
    leave = {k: solver.value(v) for k, v in flows.leave.items() if solver.value(v)}
    arrive = {k: solver.value(v) for k, v in flows.arrive.items() if solver.value(v)}
    return solver, Solution(inst, sent, leave, arrive)


@settings(
    max_examples=40,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],  # explaining is slow
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(
    seed=st.integers(0, 10_000),
    n_schools=st.integers(3, 6),
    n_teachers=st.integers(12, 45),
    policy_name=st.sampled_from(sorted(POLICIES)),
    direction=st.integers(0, 2**16),
)
def test_a_cv_the_model_passes_passes_and_objective_c_is_the_sum_of_weighted_cv_squared(
    seed, n_schools, n_teachers, policy_name, direction
):
    policy = POLICIES[policy_name]
    setup = prepare(random_county(seed, n_schools, n_teachers), policy, YEAR)
    inst = instance(setup.start, policy, distances=setup.km)
    built = build_model(inst)
    assume(built.terms.cv)
    found = random_plan(inst, built, direction)
    assume(found is not None)
    solver, sol = found
    moves = moves_table(sol)
    note(f"moves:\n{moves[['teacher_id', 'from_school', 'to_school']]}")
    county = evaluate(inst.roster, policy, YEAR, moves=moves).county

    weighted_sum = 0.0
    for term in built.terms.cv:
        code = inst.indicators[term.k].code
        cv = float(county.loc[(term.stage, code), "cv"])
        limit = policy.standard.cv_thresholds[term.stage]
        note(f"{term.stage} {code}: CV {cv:.6f}, excess {solver.value(term.excess)}")
        if solver.value(term.excess) == 0:
            assert cv <= limit + 1e-9, (term.stage, code)
        else:
            assert cv > limit - 1e-3, (term.stage, code)
        weighted_sum += int(inst.weights[term.k]) * (cv**2 + 1)
        event("a CV the model passes" if solver.value(term.excess) == 0 else "a CV it fails")
    model_value = solver.value(built.phases["cvs"]) / built.terms.scale
    assert 1 / (2 * MIN_WEIGHT) <= 5e-5  # the rounding the tolerance below allows for
    assert model_value == pytest.approx(weighted_sum, rel=1e-4)

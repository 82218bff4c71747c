"""Filling published posts with teachers: an optimal assignment with CP-SAT.

Each post (receiving school, and the profile of the teacher it wants: stage, subject, backbone
or not, qualified or not for the education indicator) takes exactly its count of teachers of
that profile, and each sending school sends exactly its quota of each profile, so every count
the rules and the indicators see is that of the plan the posts were published from. A teacher
fills at most one post, never at their own school, and only where the destination rules
(direction, school group, distance) allow.

Two phases, lexicographically: (1) applicants first, by their ranking: Σ over applicants of the
rank of the school they get (rank r of N choices costs r; an applicant left without a listed
school costs N + 1); (2) the rest filled by the model's normal choice: longest tenure at the
school first.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from rotation.errors import InfeasibleError
from rotation.messages import Text
from rotation.model.classes import allowed_destinations
from rotation.model.instance import Instance
from rotation.model.solve import SolverSettings, configured_solver


@dataclass(frozen=True)
class Candidate:
    """A teacher who may fill a post: origin school, profile, tenure, and ranked choices
    (school_id → rank from 1; empty for a teacher who did not apply)."""

    teacher_id: str
    school: str
    stage: str
    profile: Hashable
    tenure: int
    choices: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Post:
    """`count` places at `school` for teachers of `profile`."""

    school: str
    profile: Hashable
    count: int


def fill_posts(
    candidates: Sequence[Candidate],
    posts: Sequence[Post],
    quotas: Mapping[tuple[str, Hashable], int],
    allowed: Callable[[str, str, str], bool],
    settings: SolverSettings,
) -> dict[str, int]:
    """teacher_id → index of the post the teacher fills, by the two phases of the module doc.

    Raises
    ------
    InfeasibleError
        When the posts and quotas cannot be filled by these candidates under the rules.
    """
    model = cp_model.CpModel()
    z: dict[tuple[int, int], cp_model.IntVar] = {}
    for i, c in enumerate(candidates):
        for p, post in enumerate(posts):
            if (
                post.profile == c.profile
                and post.school != c.school
                and allowed(c.school, post.school, c.stage)
            ):
                z[(i, p)] = model.new_bool_var(f"z_{i}_{p}")
    for p, post in enumerate(posts):
        model.add(sum(v for (i, q), v in z.items() if q == p) == post.count)
    by_teacher: dict[int, list[cp_model.IntVar]] = {}
    for (i, _), v in z.items():
        by_teacher.setdefault(i, []).append(v)
    for vs in by_teacher.values():
        model.add_at_most_one(vs)
    for (school, profile), count in quotas.items():
        sent = [
            v
            for (i, _), v in z.items()
            if (candidates[i].school, candidates[i].profile) == (school, profile)
        ]
        model.add(sum(sent) == count)
    rank_cost = _rank_cost(candidates, posts, z)
    tenure_cost = _tenure_cost(candidates, z)
    values: dict[tuple[int, int], int] = {}
    for objective in (rank_cost, tenure_cost):
        model.minimize(objective)
        solver = configured_solver(settings, settings.time_limit / 2)
        status = solver.solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            raise InfeasibleError([Text("fill.infeasible")])
        model.add(objective <= round(solver.objective_value))
        values = {key: int(solver.value(v)) for key, v in z.items()}
    return {candidates[i].teacher_id: p for (i, p), on in values.items() if on}


def _rank_cost(
    candidates: Sequence[Candidate],
    posts: Sequence[Post],
    z: dict[tuple[int, int], cp_model.IntVar],
) -> cp_model.LinearExprT:
    """Phase (1): Σ over applicants of N + 1, less N + 1 − r for the school of rank r they get."""
    top = max((len(c.choices) for c in candidates), default=0) + 1
    parts: list[cp_model.LinearExprT] = []
    for (i, p), v in z.items():
        rank = candidates[i].choices.get(posts[p].school)
        if rank is not None:
            parts.append(-(top - rank) * v)
    constant = top * sum(1 for c in candidates if c.choices)
    return cp_model.LinearExpr.sum(parts) + constant


def _tenure_cost(
    candidates: Sequence[Candidate], z: dict[tuple[int, int], cp_model.IntVar]
) -> cp_model.LinearExprT:
    """Phase (2): the longest tenure first (Σ of the years each chosen teacher has less than
    the longest-serving candidate)."""
    longest = max((c.tenure for c in candidates), default=0)
    return cp_model.LinearExpr.sum(
        [(longest - candidates[i].tenure) * v for (i, _), v in z.items()]
    )


def destination_rule(inst: Instance) -> Callable[[str, str, str], bool]:
    """(origin school, destination school, stage) → whether the destination rules (R9
    direction, R10 school groups, R11 distance) allow the move, as the model's classes see
    them."""
    allowed = allowed_destinations(inst)
    index = {key: u for u, key in enumerate(inst.units.index)}

    def rule(origin: str, dest: str, stage: str) -> bool:
        u, d = index.get((origin, stage)), index.get((dest, stage))
        if u is None or d is None or origin == dest:
            return False
        if inst.pool_key(u) != inst.pool_key(d):
            return False
        cands = allowed[u]
        return cands is None or d in cands

    return rule

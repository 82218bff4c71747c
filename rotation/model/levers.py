"""The road's other levers in the model: hires and backbone designations (domain §6).

Hires: `hires[(u, subject, y)]` new teachers placed at unit u in year index y, with the
policy's `hire_education`. A hire counts from its year on, where it is placed, for every
indicator that would count a teacher of that stage, subject and education (L1 by education
against the stage's requirement, L3 for PE, music and art) and for the subject's coverage. A
hire is never eligible to rotate (it is in no class). Posts: in every year a unit's hires so
far plus what rotation brings in net stay within its free posts, max(0, quota − headcount
without rotation) (the same room R6 gives rotation); county-wide at most `max_hires_per_year`
a year.

Designations: `designations[(u, y)]` teachers of unit u newly designated county backbone in
year index y. Candidates: not backbone yet, on the roster and at that unit through the plan
(not back from a rotation on the way), years of service
(the larger of years_at_school and the years since age 22, from birth_year: the roster has no
start-of-career column) at least `designation_min_service_years`, education at least what
their stage's L1 requires, and not movable in the plan (in no class: a designated teacher then
counts where the model counts them, for every indicator that counts a county backbone
teacher, L2). County-wide at most ⌊designation_share × full-time teachers⌋ a year.

Nothing here is built by `plan()`: only the road (model/road.py) adds the levers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from ortools.sat.python import cp_model

from rotation.model.instance import Instance
from rotation.model.variables import Flows
from rotation.policy.designation import designation_candidates, designation_quota
from rotation.policy.requirements import staff_quota


@dataclass
class Levers:
    """The lever variables and what each counts for."""

    hires: dict[tuple[int, str, int], cp_model.IntVar] = field(default_factory=dict)
    designations: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    #: (stage, subject) -> per weighted indicator, whether a hire counts for it
    hire_bits: dict[tuple[str, str], tuple[bool, ...]] = field(default_factory=dict)
    #: per weighted indicator, whether a designation adds one
    designation_bits: tuple[bool, ...] = ()
    #: unit -> candidate teacher ids, the longest-serving first
    candidates: dict[int, list[str]] = field(default_factory=dict)
    #: [year, unit] free posts: max(0, quota − headcount without rotation)
    posts: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.int64))
    #: per year, the most designations
    designation_quota: list[int] = field(default_factory=list)

    def hired(self, u: int, y: int, subject: str | None = None) -> cp_model.LinearExprT:
        """New teachers at unit u in year y (hired in y or earlier), of one subject or all."""
        parts = [
            v
            for (d, s, year), v in self.hires.items()
            if d == u and year <= y and (subject is None or s == subject)
        ]
        return cp_model.LinearExpr.sum(parts) if parts else cp_model.LinearExpr.constant(0)

    def hired_for(self, inst: Instance, k: int, u: int, y: int) -> cp_model.LinearExprT:
        """New teachers at unit u in year y counting for weighted indicator k."""
        stage = inst.units.index[u][1]
        parts = [
            v
            for (d, s, year), v in self.hires.items()
            if d == u and year <= y and self.hire_bits[(stage, s)][k]
        ]
        return cp_model.LinearExpr.sum(parts) if parts else cp_model.LinearExpr.constant(0)

    def designated(self, u: int, y: int) -> cp_model.LinearExprT:
        parts = [v for (d, year), v in self.designations.items() if d == u and year <= y]
        return cp_model.LinearExpr.sum(parts) if parts else cp_model.LinearExpr.constant(0)

    def all_variables(self) -> list[cp_model.IntVar]:
        return [*self.hires.values(), *self.designations.values()]


def build_levers(model: cp_model.CpModel, inst: Instance, flows: Flows) -> Levers:
    """The lever variables and their rules: posts, the yearly limits, the candidates."""
    policy = inst.policy
    lev = Levers()
    template = inst.roster.teachers.iloc[[0]].copy() if len(inst.roster.teachers) else None
    for stage in ("primary", "middle"):
        for subject in policy.periods.get(stage, {}):
            lev.hire_bits[(stage, subject)] = _bits(
                inst,
                template,
                stage=stage,
                subject=subject,
                education=policy.hire_education,
                backbone="none",  # a new teacher is no backbone teacher, whoever the template
            )
    lev.designation_bits = tuple(
        a and not b
        for a, b in zip(
            _bits(inst, template, backbone="county"),
            _bits(inst, template, backbone="none"),
            strict=True,
        )
    )
    quota = staff_quota(inst.roster.units(), policy).reindex(inst.units.index).to_numpy()
    lev.posts = np.maximum(0, quota[None, :] - inst.heads).astype(np.int64)
    limit = policy.max_hires_per_year
    for y in range(inst.n_years):
        for u, (_, stage) in enumerate(inst.units.index):
            top = int(lev.posts[y, u]) if limit is None else min(int(lev.posts[y, u]), limit)
            if top <= 0:
                continue
            for subject, periods in policy.periods.get(stage, {}).items():
                if periods > 0:
                    lev.hires[(u, subject, y)] = model.new_int_var(
                        0, top, f"hire_u{u}_{subject}_y{y}"
                    )
    _posts_rule(model, inst, flows, lev)
    if limit is not None:
        for y in range(inst.n_years):
            year_hires = [v for (_, _, year), v in lev.hires.items() if year == y]
            if year_hires:
                model.add(cp_model.LinearExpr.sum(year_hires) <= limit)
    _designations(model, inst, lev)
    return lev


def _bits(inst: Instance, template: pd.DataFrame | None, **values: str) -> tuple[bool, ...]:
    """Whether each weighted indicator counts a teacher like the template with `values`."""
    if template is None:
        return tuple(False for _ in inst.indicators)
    row = template.copy()
    for column, value in values.items():
        row[column] = value
    out = []
    for ind in inst.indicators:
        try:
            out.append(bool(ind.counts(row).iloc[0]))
        except Exception:  # a user indicator reading a column a new teacher has no value in
            out.append(False)
    return tuple(out)


def _posts_rule(model: cp_model.CpModel, inst: Instance, flows: Flows, lev: Levers) -> None:
    """Hires so far plus rotation's net arrivals within the free posts, every year."""
    for y in range(inst.n_years):
        for u in range(inst.n_units):
            if not any(key[0] == u and key[2] <= y for key in lev.hires):
                continue
            change = flows.inflow(inst, u, y) - flows.outflow(inst, u, y)
            model.add(lev.hired(u, y) + change <= int(lev.posts[y, u]))


def _staying_put(inst: Instance) -> dict[str, tuple[str, str]]:
    """Teacher id → unit (school_id, stage) of the teachers at one unit in every year of the
    plan: on the roster through the last year, not returning from a rotation on the way."""
    where: dict[str, tuple[str, str]] | None = None
    for state in inst.states:
        t = state.teachers
        units = zip(t["school_id"], t["stage"], strict=True)
        now = dict(zip(t["teacher_id"].astype(str), units, strict=True))
        where = now if where is None else {k: v for k, v in where.items() if now.get(k) == v}
    return where or {}


def _designations(model: cp_model.CpModel, inst: Instance, lev: Levers) -> None:
    policy = inst.policy
    movable = {tid for c in inst.classes for tid in c.teacher_ids}
    teachers = inst.roster.teachers
    staying = _staying_put(inst)
    cands = designation_candidates(
        teachers[teachers["teacher_id"].isin(staying)],
        inst.year,
        policy.designation_min_service_years,
        movable,
    )
    index = {key: u for u, key in enumerate(inst.units.index)}
    for row in cands.itertuples(index=False):
        u = index.get(staying[str(row.teacher_id)])
        if u is not None:
            lev.candidates.setdefault(u, []).append(str(row.teacher_id))
    lev.designation_quota = [
        designation_quota(policy.designation_share, len(s.teachers)) for s in inst.states
    ]
    if not any(lev.designation_bits):
        return
    for u, ids in lev.candidates.items():
        for y in range(inst.n_years):
            top = min(len(ids), lev.designation_quota[y])
            if top > 0:
                lev.designations[(u, y)] = model.new_int_var(0, top, f"designate_u{u}_y{y}")
        mine = [v for (d, _), v in lev.designations.items() if d == u]
        if len(mine) > 1:
            model.add(cp_model.LinearExpr.sum(mine) <= len(ids))
    for y in range(inst.n_years):
        year_vars = [v for (_, year), v in lev.designations.items() if year == y]
        if year_vars:
            model.add(cp_model.LinearExpr.sum(year_vars) <= lev.designation_quota[y])

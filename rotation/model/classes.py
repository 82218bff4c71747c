"""Interchangeable teachers: types, classes, pools, and where each class may go.

Teachers who agree on everything the rules and the objective can see (school and stage,
subject, the indicators they count for, backbone or not, when they may move) form a class; the
model decides how many of a class move and where. A class that may go to every unit of its stage
in its pool is *pooled*; one whose destinations depend on its origin (distance, direction, a
pinned destination) is *routed*, with its candidate destinations listed here (and pruned to the
most useful when `max_destinations` asks).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from rotation.io.roster import Roster
from rotation.policy.destinations import more_urban, school_strength, travel_cap
from rotation.policy.eligible import eligibility

if TYPE_CHECKING:  # the instance holds the classes; classify reads an instance without them
    from rotation.model.instance import Instance


@dataclass(frozen=True)
class TeacherClass:
    """Interchangeable teachers at one unit, eligible in the same years. `candidates` is None
    for a pooled class. `home` is the unit a pinned teacher on rotation came from: going there
    ends the rotation early, a move that is not a rotation. `away` holds the pairs (e, y) of
    year indices, e < y, such that a teacher of the class counts among year y's eligible had
    the plan moved nobody, but not once the plan moved them in year e (still on rotation, or
    back with too few years): R1 and R2 take those out of year y's eligible. `previous` is,
    when re-planning, the (destination unit, year index) to which a previous plan moved every
    teacher of the class (unit -1: none the class may reach now); such a class is routed, so
    that the model sees how many of its teachers keep their previous move."""

    index: int
    unit: int
    type: int
    teacher_ids: tuple[str, ...]
    must_move: int = 0
    candidates: tuple[int, ...] | None = None
    home: int | None = None
    years: tuple[int, ...] = (0,)  # the year indices in which the class may move
    away: tuple[tuple[int, int], ...] = ()
    previous: tuple[int, int] | None = None

    @property
    def size(self) -> int:
        return len(self.teacher_ids)

    @property
    def routed(self) -> bool:
        return self.candidates is not None


@dataclass(frozen=True)
class TeacherType:
    """What the rules and objective see of a teacher: stage, subject, indicator bits, backbone,
    and the year index at which the teacher retires (the horizon's length if later)."""

    index: int
    stage: str
    subject: str
    bits: tuple[bool, ...]
    backbone: bool
    leaves: int = 1


@dataclass(frozen=True)
class Classes:
    """What `classify` finds: teacher types, classes, and the pooled classes per (type, pool,
    year) with the units of each pool and stage."""

    types: tuple[TeacherType, ...]
    classes: tuple[TeacherClass, ...]
    pools: dict[tuple[int, str, int], list[int]]
    pool_units: dict[str, dict[str, list[int]]]


def classify(
    inst: Instance, pins: pd.DataFrame, max_destinations: int | None, states: list[Roster]
) -> Classes:
    """The types, classes and pools of the teachers who may move, for an instance whose
    classes are not yet known.

    A teacher may move in a year when eligible that year (pins apply to the first year: a
    teacher pinned to move moves then; one pinned to stay is never moved)."""
    teachers = inst.roster.teachers
    pinned = pins.groupby("teacher_id") if len(pins) else None
    pin_ids = set(pins["teacher_id"]) if len(pins) else set()
    stay = set(pins.loc[pins.action == "stay", "teacher_id"]) if len(pins) else set()
    forced = set(pins.loc[pins.action.isin(("move", "to")), "teacher_id"]) if len(pins) else set()
    windows = _windows(inst, teachers, forced, stay)
    movable = teachers[teachers["teacher_id"].map(lambda tid: bool(windows.get(tid)))]
    away = _away(inst, movable, windows, states)
    leaves = _leaving_year(inst, movable, states)
    bits = np.array([i.counts(movable).to_numpy() for i in inst.indicators]).T.reshape(
        len(movable), len(inst.indicators)
    )
    unit_index = {key: u for u, key in enumerate(inst.units.index)}
    # a class moves from where its teachers are in the years they may move: one school, for a
    # rotation under way ends (home, or at the host for good) before its teacher is eligible
    school = [
        dict(zip(s.teachers["teacher_id"], s.teachers["school_id"], strict=True)) for s in states
    ]
    types: list[TeacherType] = []
    type_index: dict[tuple, int] = {}
    groups: dict[tuple, list[str]] = {}
    singletons: list[tuple[tuple, str]] = []
    for row, b, gone in zip(movable.itertuples(index=False), bits, leaves, strict=True):
        tkey = (row.stage, row.subject, tuple(bool(x) for x in b), row.backbone != "none", gone)
        if tkey not in type_index:
            type_index[tkey] = len(type_index)
            types.append(TeacherType(type_index[tkey], *tkey))
        u = unit_index[(school[windows[row.teacher_id][0]][row.teacher_id], row.stage)]
        window = (windows[row.teacher_id], away[row.teacher_id])
        before = inst.previous.get(row.teacher_id, ())  # () sorts before any (unit, year)
        if row.teacher_id in pin_ids:
            singletons.append(((u, type_index[tkey], window, before), row.teacher_id))
        else:
            groups.setdefault((u, type_index[tkey], window, before), []).append(row.teacher_id)
    allowed = allowed_destinations(inst)
    classes: list[TeacherClass] = []
    homes = teachers.set_index("teacher_id")["home_school_id"]
    for (u, t, window, before), ids in sorted(groups.items()):
        cands = allowed[u]
        classes.append(
            _make_class(
                inst,
                types,
                len(classes),
                u,
                t,
                tuple(ids),
                0,
                cands,
                max_destinations,
                window=window,
                previous=before or None,
            )
        )
    for (u, t, window, before), tid in singletons:
        actions = pinned.get_group(tid) if pinned is not None else pins.iloc[:0]
        cands = allowed[u]
        must = int(tid in forced)
        to = set(actions.loc[actions.action == "to", "school"])
        not_to = set(actions.loc[actions.action == "not_to", "school"])
        if to or not_to:
            pool = cands if cands is not None else _pool_destinations(inst, u)
            school = inst.units.index.get_level_values("school_id")
            cands = tuple(
                d for d in pool if (not to or school[d] in to) and school[d] not in not_to
            )
        home = unit_index.get((homes[tid], types[t].stage)) if homes[tid] else None
        if home is not None:  # the model must see whether the teacher goes home
            cands = cands if cands is not None else _pool_destinations(inst, u)
            home = home if home in cands else None
        classes.append(
            _make_class(
                inst,
                types,
                len(classes),
                u,
                t,
                (tid,),
                must,
                cands,
                None,
                home,
                window,
                before or None,
            )
        )
    pools: dict[tuple[int, str, int], list[int]] = {}
    for cls in classes:
        if not cls.routed:
            for y in cls.years:
                pools.setdefault((cls.type, inst.pool_key(cls.unit), y), []).append(cls.index)
    pool_units: dict[str, dict[str, list[int]]] = {}
    for u in range(inst.n_units):
        stage = inst.units.index[u][1]
        pool_units.setdefault(inst.pool_key(u), {}).setdefault(stage, []).append(u)
    return Classes(tuple(types), tuple(classes), pools, pool_units)


def _windows(inst: Instance, teachers: pd.DataFrame, forced: set, stay: set) -> dict:
    """teacher_id → the year indices in which the teacher may move (empty: never)."""
    eligible = [dict(zip(s["teacher_id"], s["eligible"], strict=True)) for s in inst.statuses]
    out = {}
    for tid in teachers["teacher_id"]:
        if tid in stay:
            out[tid] = ()
        elif tid in forced:
            out[tid] = (0,)
        else:
            out[tid] = tuple(y for y, e in enumerate(eligible) if e.get(tid, False))
    return out


def _away(inst: Instance, movable: pd.DataFrame, windows: dict, states: list[Roster]) -> dict:
    """teacher_id → the pairs (e, y) of `TeacherClass.away`. Without the plan, a teacher counts
    in year y when eligible in that year's projection; moved in year e, the teacher is on
    rotation until e + term, then home with tenure restarted (or at the host, tenure counted
    from the move), eligible again only when the rules say so."""
    policy = inst.policy
    counted = [set(s.loc[s["eligible"], "teacher_id"]) for s in inst.statuses]
    ids = set(movable["teacher_id"])
    again: dict[tuple[int, int], set[str]] = {}
    for e, y in itertools.combinations(range(inst.n_years), 2):
        if y - e < policy.term_years:
            continue  # still on rotation
        t = states[y].teachers
        rows = t[t["teacher_id"].isin(ids)].copy()
        rows["home_school_id"] = ""  # the rotation is over
        rows["years_at_school"] = y - e - (policy.term_years if policy.return_after_term else 0)
        status = eligibility(states[y].with_teachers(rows), policy, inst.years[y])
        again[(e, y)] = set(status.loc[status["eligible"], "teacher_id"])
    return {
        tid: tuple(
            (e, y)
            for e in windows[tid]
            for y in range(e + 1, inst.n_years)
            if tid in counted[y] and tid not in again.get((e, y), ())
        )
        for tid in ids
    }


def _leaving_year(inst: Instance, movable: pd.DataFrame, states: list[Roster]) -> list[int]:
    """Per teacher, the first year index at which the teacher is no longer on the roster."""
    present = [set(s.teachers["teacher_id"]) for s in states]
    return [
        next((y for y, ids in enumerate(present) if tid not in ids), inst.n_years)
        for tid in movable["teacher_id"]
    ]


def _make_class(
    inst,
    types,
    index,
    u,
    t,
    ids,
    must,
    cands,
    max_destinations,
    home=None,
    window=((0,), ()),
    previous=None,
) -> TeacherClass:
    """A class; one a previous plan moved is routed, its previous destination never pruned."""
    if previous is not None and cands is None:
        cands = _pool_destinations(inst, u)
    if cands is not None and max_destinations is not None and len(cands) > max_destinations:
        kept = _prune(inst, types[t], u, cands, max_destinations)
        if previous is not None and previous[0] in cands and previous[0] not in kept:
            kept = tuple(sorted((*kept, previous[0])))
        cands = kept
    if previous is not None and previous[0] not in (cands or ()):
        previous = (-1, previous[1])  # the class may not go back there: every move changes
    years, away = window
    return TeacherClass(index, u, t, ids, must, cands, home, years, away, previous)


def _pool_destinations(inst: Instance, u: int) -> tuple[int, ...]:
    """Every unit of the same stage, in the same pool, at another school."""
    school, stage = inst.units.index[u]
    return tuple(
        d
        for d, (s2, g2) in enumerate(inst.units.index)
        if g2 == stage and s2 != school and inst.pool_key(d) == inst.pool_key(u)
    )


def allowed_destinations(inst: Instance) -> list[tuple[int, ...] | None]:
    """Per unit: None when its classes may go anywhere in their pool, else the allowed units.

    Distance and direction make destinations depend on the origin; the school group only
    selects the pool.
    """
    p = inst.policy
    cap = travel_cap(p, inst.distances)
    if cap is None and p.direction == "any":
        return [None] * inst.n_units
    strength = (
        school_strength(inst.roster, p).reindex(inst.units.index).to_numpy()
        if p.direction == "strong_to_weak"
        else None
    )
    area = inst.units["area"].to_numpy()
    out = []
    for u in range(inst.n_units):
        school = inst.units.index[u][0]
        keep = []
        for d in _pool_destinations(inst, u):
            if p.direction == "outward" and more_urban(area[d], than=area[u]):
                continue
            if strength is not None and strength[d] >= strength[u]:
                continue
            if cap is not None and not cap.allows(
                inst.distances.at[school, inst.units.index[d][0]]
            ):
                continue
            keep.append(d)
        out.append(tuple(keep))
    return out


def _prune(
    inst: Instance, kind: TeacherType, u: int, cands: tuple[int, ...], keep: int
) -> tuple[int, ...]:
    """The `keep` most useful destinations: where the class's indicators are scarcest (or, for
    a class counting for none, most plentiful), half of them the nearest."""
    students = inst.units["students"].to_numpy(dtype=float)
    bits = np.array(kind.bits, dtype=float) * 2 - 1
    ratio = inst.r0[0] / students
    usefulness = -(inst.weights[:, None] * bits[:, None] * ratio).sum(axis=0)
    order = sorted(cands, key=lambda d: -usefulness[d])
    chosen = list(order[: keep - keep // 2])
    if inst.distances is not None:
        school = inst.units.index[u][0]
        near = sorted(cands, key=lambda d: inst.distances.at[school, inst.units.index[d][0]])
        chosen += [d for d in near if d not in chosen][: keep // 2]
    else:
        chosen += [d for d in order if d not in chosen][: keep // 2]
    return tuple(sorted(chosen))

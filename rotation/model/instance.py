"""The optimiser's view of a roster: units, interchangeable-teacher classes and where they may go.

Teachers who agree on everything the rules and the objective can see (school and stage,
subject, the indicators they count for, backbone or not) are interchangeable: the model decides
how many of each class move and where, never which individual (that is chosen afterwards,
longest tenure first). A class is *pooled* when it may go to every unit of its stage in its
pool (the whole county, or its school group): its flow is then a transport problem solved
after the fact, and the model needs only how many leave and how many arrive. A class whose
destinations depend on where it comes from (distance, direction, a pinned destination) is
*routed*: the model holds one integer flow per candidate destination.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..eligibility import eligibility
from ..errors import InputError, Problem
from ..indicators import Standard, TeacherIndicator, resources
from ..policy import Policy
from ..requirements import coverage_floor, staffing_cap, subject_counts
from ..roster import Roster
from ..roster_parsing import split_list
from ..vocabulary import AREAS

AREA_RANK = {area: i for i, area in enumerate(AREAS)}
PIN_ACTIONS = ("move", "stay", "to", "not_to")


@dataclass(frozen=True)
class TeacherClass:
    """Interchangeable teachers at one unit. `candidates` is None for a pooled class. `home` is
    the unit a pinned teacher on rotation came from: going there ends the rotation early, a
    move that is not a rotation."""

    index: int
    unit: int
    type: int
    teacher_ids: tuple[str, ...]
    must_move: int = 0
    candidates: tuple[int, ...] | None = None
    home: int | None = None

    @property
    def size(self) -> int:
        return len(self.teacher_ids)

    @property
    def routed(self) -> bool:
        return self.candidates is not None


@dataclass(frozen=True)
class TeacherType:
    """What the rules and objective see of a teacher: stage, subject, indicator bits, backbone."""

    index: int
    stage: str
    subject: str
    bits: tuple[bool, ...]
    backbone: bool


@dataclass
class Instance:
    """Everything the CP-SAT model is built from, as plain arrays indexed by unit/type/class."""

    roster: Roster
    policy: Policy
    year: int
    units: pd.DataFrame  # index (school_id, stage); students, area, group, teachers, cap, in_cv
    indicators: tuple[TeacherIndicator, ...]  # the weighted teacher indicators
    weights: np.ndarray  # per indicator
    r0: np.ndarray  # [indicator, unit] counts before
    floors: dict[tuple[int, str], int]  # (unit, subject) -> least teachers after
    subjects0: dict[tuple[int, str], int]  # (unit, subject) -> teachers before
    types: list[TeacherType]
    classes: list[TeacherClass]
    pools: dict[tuple[int, str], list[int]]  # (type, pool key) -> pooled class indices
    pool_units: dict[str, dict[str, list[int]]]  # pool key -> stage -> units
    distances: pd.DataFrame | None
    status: pd.DataFrame  # eligibility of every teacher
    eligible: int
    min_moves: int
    max_moves: int
    moves_counted: bool  # False when rotating teachers count at home: moves change no indicator
    pins: pd.DataFrame = field(default_factory=pd.DataFrame)
    preferences: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def n_units(self) -> int:
        return len(self.units)

    def unit_key(self, u: int) -> tuple[str, str]:
        return self.units.index[u]

    def stage_units(self, stage: str) -> list[int]:
        return [u for u, (_, s) in enumerate(self.units.index) if s == stage]

    def cv_units(self, stage: str) -> list[int]:
        in_cv = self.units["in_cv"].to_numpy()
        return [u for u in self.stage_units(stage) if in_cv[u]]

    def pool_key(self, u: int) -> str:
        """The pool a unit's teachers move within: the county, or (within_group) its group; a
        school outside every group then has no partner."""
        if not self.policy.within_group:
            return "*"
        group = str(self.units["group"].iat[u])
        return f"group:{group}" if group else f"alone:{self.units.index[u][0]}"

    def movable(self) -> int:
        return sum(c.size for c in self.classes)


def build_instance(
    roster: Roster,
    policy: Policy,
    year: int,
    pins: pd.DataFrame | None = None,
    distances: pd.DataFrame | None = None,
    max_destinations: int | None = None,
) -> Instance:
    """Group the movable teachers into classes and find where each class may go."""
    standard: Standard = policy.standard
    pins = validate_pins(roster, pins)
    units = _units(roster, policy)
    indicators = tuple(i for i in standard.teacher_indicators if policy.weights.get(i.code, 0) > 0)
    weights = np.array([policy.weights[i.code] for i in indicators], dtype=np.int64)
    res = resources(roster, standard)
    r0 = np.array([res.loc[units.index, i.code].to_numpy() for i in indicators]).reshape(
        len(indicators), len(units)
    )
    counts = subject_counts(roster.teachers)
    floor = coverage_floor(roster.units(), counts, policy)
    index = {key: u for u, key in enumerate(units.index)}
    floors = {
        (index[key], subject): int(v)
        for key, row in floor.iterrows()
        for subject, v in row.items()
        if v > 0
    }
    subjects0 = {
        (index[key], subject): int(v)
        for key, row in counts.iterrows()
        if key in index
        for subject, v in row.items()
    }
    status = eligibility(roster, policy, year)
    if distances is None and policy.max_distance_km is not None:
        raise InputError(
            [
                Problem(
                    "policy",
                    "max_distance_km needs school coordinates (x_km, y_km) or a road table",
                    column="max_distance_km",
                    value=policy.max_distance_km,
                )
            ]
        )
    inst = Instance(
        roster=roster,
        policy=policy,
        year=year,
        units=units,
        indicators=indicators,
        weights=weights,
        r0=r0,
        floors=floors,
        subjects0=subjects0,
        types=[],
        classes=[],
        pools={},
        pool_units={},
        distances=distances,
        status=status,
        eligible=int(status["eligible"].sum()),
        min_moves=policy.min_rotated(int(status["eligible"].sum())),
        max_moves=policy.max_rotated(int(status["eligible"].sum())),
        moves_counted=standard.count_rotating_at == "host",
        pins=pins,
        preferences={
            tid: frozenset(split_list(text))
            for tid, text in zip(
                roster.teachers["teacher_id"], roster.teachers["preferred_schools"], strict=True
            )
            if text
        },
    )
    _classify(inst, pins, max_destinations)
    return inst


def _units(roster: Roster, policy: Policy) -> pd.DataFrame:
    base = roster.units()
    units = base.set_index(["school_id", "stage"])
    units["cap"] = staffing_cap(base, policy).to_numpy()
    res = resources(roster, policy.standard)
    units["in_cv"] = res.loc[units.index, "in_cv"].to_numpy()
    return units


def _classify(inst: Instance, pins: pd.DataFrame, max_destinations: int | None) -> None:
    """Fill inst.types, inst.classes and inst.pools from the movable teachers."""
    teachers = inst.roster.teachers
    status = inst.status.set_index("teacher_id")
    pinned = pins.groupby("teacher_id") if len(pins) else None
    pin_ids = set(pins["teacher_id"]) if len(pins) else set()
    stay = set(pins.loc[pins.action == "stay", "teacher_id"]) if len(pins) else set()
    forced = set(pins.loc[pins.action.isin(("move", "to")), "teacher_id"]) if len(pins) else set()
    movable = teachers[
        (teachers["teacher_id"].map(status["eligible"]) | teachers["teacher_id"].isin(forced))
        & ~teachers["teacher_id"].isin(stay)
    ]
    bits = np.array([i.counts(movable).to_numpy() for i in inst.indicators]).T.reshape(
        len(movable), len(inst.indicators)
    )
    unit_index = {key: u for u, key in enumerate(inst.units.index)}
    type_index: dict[tuple, int] = {}
    groups: dict[tuple, list[str]] = {}
    singletons: list[tuple[tuple, str]] = []
    for row, b in zip(movable.itertuples(index=False), bits, strict=True):
        tkey = (row.stage, row.subject, tuple(bool(x) for x in b), row.backbone != "none")
        if tkey not in type_index:
            type_index[tkey] = len(type_index)
            inst.types.append(TeacherType(type_index[tkey], *tkey))
        u = unit_index[(row.school_id, row.stage)]
        if row.teacher_id in pin_ids:
            singletons.append(((u, type_index[tkey]), row.teacher_id))
        else:
            groups.setdefault((u, type_index[tkey]), []).append(row.teacher_id)
    allowed = _allowed_destinations(inst)
    homes = teachers.set_index("teacher_id")["home_school_id"]
    for (u, t), ids in sorted(groups.items()):
        cands = allowed[u]
        inst.classes.append(_make_class(inst, u, t, tuple(ids), 0, cands, max_destinations))
    for (u, t), tid in singletons:
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
        home = unit_index.get((homes[tid], inst.types[t].stage)) if homes[tid] else None
        if home is not None:  # the model must see whether the teacher goes home
            cands = cands if cands is not None else _pool_destinations(inst, u)
            home = home if home in cands else None
        inst.classes.append(_make_class(inst, u, t, (tid,), must, cands, None, home))
    for c in inst.classes:
        if not c.routed:
            inst.pools.setdefault((c.type, inst.pool_key(c.unit)), []).append(c.index)
    for u in range(inst.n_units):
        stage = inst.units.index[u][1]
        inst.pool_units.setdefault(inst.pool_key(u), {}).setdefault(stage, []).append(u)


def _make_class(inst, u, t, ids, must, cands, max_destinations, home=None) -> TeacherClass:
    if cands is not None and max_destinations is not None and len(cands) > max_destinations:
        cands = _prune(inst, u, t, cands, max_destinations)
    return TeacherClass(len(inst.classes), u, t, ids, must, cands, home)


def _pool_destinations(inst: Instance, u: int) -> tuple[int, ...]:
    """Every unit of the same stage, in the same pool, at another school."""
    school, stage = inst.units.index[u]
    return tuple(
        d
        for d, (s2, g2) in enumerate(inst.units.index)
        if g2 == stage and s2 != school and inst.pool_key(d) == inst.pool_key(u)
    )


def _allowed_destinations(inst: Instance) -> list[tuple[int, ...] | None]:
    """Per unit: None when its classes may go anywhere in their pool, else the allowed units.

    Distance and direction make destinations depend on the origin; the school group only
    selects the pool.
    """
    p = inst.policy
    if p.max_distance_km is None and p.direction == "any":
        return [None] * inst.n_units
    strength = _strength(inst) if p.direction == "strong_to_weak" else None
    area = inst.units["area"].map(AREA_RANK).to_numpy()
    out = []
    for u in range(inst.n_units):
        school = inst.units.index[u][0]
        keep = []
        for d in _pool_destinations(inst, u):
            if p.direction == "outward" and area[d] < area[u]:
                continue
            if strength is not None and strength[d] >= strength[u]:
                continue
            if p.max_distance_km is not None:
                km = inst.distances.at[school, inst.units.index[d][0]]
                if not km <= p.max_distance_km:
                    continue
            keep.append(d)
        out.append(tuple(keep))
    return out


def _strength(inst: Instance) -> np.ndarray:
    """A unit's strength: its weighted mean of X_k / X̄_k over the optimised indicators."""
    students = inst.units["students"].to_numpy(dtype=float)
    score = np.zeros(inst.n_units)
    stages = inst.units.index.get_level_values("stage")
    for k, w in enumerate(inst.weights):
        for stage in set(stages):
            mask = np.asarray(stages == stage)
            total = inst.r0[k, mask].sum() / students[mask].sum()
            if total > 0:
                score[mask] += w * (inst.r0[k, mask] / students[mask]) / total
    return score / max(1, inst.weights.sum())


def _prune(inst: Instance, u: int, t: int, cands: tuple[int, ...], keep: int) -> tuple[int, ...]:
    """The `keep` most useful destinations: where the class's indicators are scarcest (or, for
    a class counting for none, most plentiful), half of them the nearest."""
    students = inst.units["students"].to_numpy(dtype=float)
    bits = np.array(inst.types[t].bits, dtype=float) * 2 - 1
    ratio = inst.r0 / students
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


def validate_pins(roster: Roster, pins: pd.DataFrame | None) -> pd.DataFrame:
    """Pinned decisions: teacher_id, action (move / stay / to / not_to), school (for to/not_to).

    "to" may list several schools (any of them); "not_to" rows forbid each school listed.
    """
    if pins is None or len(pins) == 0:
        return pd.DataFrame({"teacher_id": [], "action": [], "school": []}, dtype=object)
    source = "pins"
    missing = [c for c in ("teacher_id", "action") if c not in pins.columns]
    if missing:
        raise InputError(
            [
                Problem(
                    source,
                    f"missing columns {', '.join(missing)}",
                    expected="teacher_id, action, school",
                )
            ],
            "pins",
        )
    teachers = roster.teachers.set_index("teacher_id")
    stages = roster.units().groupby("school_id")["stage"].apply(set)
    rows, problems = [], []
    for i, pin in enumerate(pins.itertuples(index=False)):
        tid = str(pin.teacher_id).strip()
        action = str(pin.action).strip().lower()
        schools = str(getattr(pin, "school", "") or "").replace("；", ";").split(";")
        schools = [s.strip() for s in schools if s.strip() and s.strip().lower() != "nan"]
        where = {"row": i + 2, "record": tid}
        if tid not in teachers.index:
            problems.append(
                Problem(source, "unknown teacher", column="teacher_id", value=tid, **where)
            )
            continue
        if action not in PIN_ACTIONS:
            problems.append(
                Problem(
                    source,
                    "unknown action",
                    column="action",
                    value=action,
                    expected="one of " + ", ".join(PIN_ACTIONS),
                    **where,
                )
            )
            continue
        if action in ("to", "not_to") and not schools:
            problems.append(Problem(source, f"'{action}' needs a school", column="school", **where))
        stage = teachers.at[tid, "stage"]
        for school in schools if action in ("to", "not_to") else []:
            if school not in stages.index:
                problems.append(
                    Problem(source, "unknown school", column="school", value=school, **where)
                )
            elif stage not in stages[school]:
                problems.append(
                    Problem(
                        source,
                        f"school has no {stage} students",
                        column="school",
                        value=school,
                        expected=f"a school with {stage} students",
                        **where,
                    )
                )
            rows.append({"teacher_id": tid, "action": action, "school": school})
        if action in ("move", "stay"):
            rows.append({"teacher_id": tid, "action": action, "school": ""})
    out = pd.DataFrame(rows, columns=["teacher_id", "action", "school"])
    for tid, group in out.groupby("teacher_id"):
        kinds = set(group.action)
        if "stay" in kinds and kinds & {"move", "to"}:
            problems.append(
                Problem(
                    source,
                    "teacher is pinned both to stay and to move",
                    column="action",
                    value=", ".join(sorted(kinds)),
                    record=tid,
                )
            )
    if problems:
        raise InputError(problems, "pins")
    return out

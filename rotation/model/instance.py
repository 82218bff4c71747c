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

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from rotation.errors import InputError, Problem
from rotation.indicators.definitions import Standard, TeacherIndicator
from rotation.indicators.tables import resources
from rotation.io.cells import split_list
from rotation.io.roster import Roster
from rotation.policy.destinations import more_urban, school_strength, travel_cap
from rotation.policy.eligible import eligibility
from rotation.policy.requirements import coverage_floor, staff_quota, subject_counts
from rotation.policy.settings import Policy
from rotation.policy.timeline import project

PIN_ACTIONS = ("move", "stay", "to", "not_to")


@dataclass(frozen=True)
class TeacherClass:
    """Interchangeable teachers at one unit, eligible in the same years. `candidates` is None
    for a pooled class. `home` is the unit a pinned teacher on rotation came from: going there
    ends the rotation early, a move that is not a rotation. `away` holds the pairs (e, y) of
    year indices, e < y, such that a teacher of the class counts among year y's eligible had
    the plan moved nobody, but not once the plan moved them in year e (still on rotation, or
    back with too few years): R1 and R2 take those out of year y's eligible."""

    index: int
    unit: int
    type: int
    teacher_ids: tuple[str, ...]
    must_move: int = 0
    candidates: tuple[int, ...] | None = None
    home: int | None = None
    years: tuple[int, ...] = (0,)  # the year indices in which the class may move
    away: tuple[tuple[int, int], ...] = ()

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


@dataclass
class Instance:
    """Everything the CP-SAT model is built from, as plain arrays indexed by year, indicator,
    unit, type and class. Year index 0 is the first planned year; a one-year plan has one.

    Per year, the counts are those of the roster projected without any new rotation (tenure
    grows, teachers retire, rotations under way end): the baseline each year's rules compare to.
    """

    roster: Roster
    policy: Policy
    years: tuple[int, ...]
    units: pd.DataFrame  # index (school_id, stage); students, classes, area, group, in_cv
    indicators: tuple[TeacherIndicator, ...]  # the weighted teacher indicators
    weights: np.ndarray  # per indicator
    r0: np.ndarray  # [year, indicator, unit] counts without new rotations
    heads: np.ndarray  # [year, unit] headcount without new rotations
    caps: np.ndarray  # [year, unit] most teachers after rotation: max(headcount, quota)
    floors: dict[tuple[int, int, str], int]  # (year, unit, subject) -> least teachers after
    subjects0: dict[tuple[int, int, str], int]  # (year, unit, subject) -> teachers before
    types: list[TeacherType]
    classes: list[TeacherClass]
    pools: dict[tuple[int, str, int], list[int]]  # (type, pool key, year) -> pooled classes
    pool_units: dict[str, dict[str, list[int]]]  # pool key -> stage -> units
    distances: pd.DataFrame | None
    statuses: list[pd.DataFrame]  # eligibility of every teacher, per year
    eligible: list[int]
    min_moves: list[int]
    max_moves: list[int]
    moves_counted: bool  # False when rotating teachers count at home: moves change no indicator
    pins: pd.DataFrame = field(default_factory=pd.DataFrame)
    preferences: dict[str, frozenset[str]] = field(default_factory=dict)
    returns_at: dict[str, int] = field(
        default_factory=dict
    )  # teacher on rotation -> year index back
    states: list[Roster] = field(default_factory=list)  # per year, without new rotations

    @property
    def year(self) -> int:
        return self.years[0]

    @property
    def n_years(self) -> int:
        return len(self.years)

    @property
    def status(self) -> pd.DataFrame:
        """Eligibility in the first planned year."""
        return self.statuses[0]

    @property
    def n_units(self) -> int:
        return len(self.units)

    def end(self, t: int, y: int) -> int:
        """The year index from which a move of type t made in year y no longer counts: the
        teacher is back home after the term (or, staying, never) or has retired."""
        last = self.n_years
        if self.policy.return_after_term:
            last = min(last, y + self.policy.term_years)
        return min(last, self.types[t].leaves)

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

    def movable(self, y: int = 0) -> int:
        """Teachers who may move in year index y."""
        return sum(c.size for c in self.classes if y in c.years)


def build_instance(
    roster: Roster,
    policy: Policy,
    years: int | Sequence[int],
    pins: pd.DataFrame | None = None,
    distances: pd.DataFrame | None = None,
    max_destinations: int | None = None,
) -> Instance:
    """Project the roster over the years, group the movable teachers into classes and find
    where each class may go. `years` is one school year or consecutive years."""
    years = (years,) if isinstance(years, int) else tuple(years)
    standard: Standard = policy.standard
    pins = validate_pins(roster, pins)
    baseline = project(roster, policy, years[0], dict.fromkeys(years))
    states = [baseline[y] for y in years]
    units = _units(states[0], policy)
    indicators = tuple(i for i in standard.teacher_indicators if policy.weights.get(i.code, 0) > 0)
    weights = np.array([policy.weights[i.code] for i in indicators], dtype=np.int64)
    quota = staff_quota(states[0].units(), policy).reindex(units.index).to_numpy()
    r0, heads, floors, subjects0, statuses = [], [], {}, {}, []
    for y, (year, state) in enumerate(zip(years, states, strict=True)):
        res = resources(state, standard)
        r0.append([res.loc[units.index, i.code].to_numpy() for i in indicators])
        heads.append(
            state.units().set_index(["school_id", "stage"])["teachers"].reindex(units.index)
        )
        _subject_tables(state, policy, units, y, floors, subjects0)
        statuses.append(eligibility(state, policy, year))
    heads = np.array(heads, dtype=np.int64).reshape(len(years), len(units))
    travel_cap(policy, distances)  # an InputError when the cap cannot be checked
    eligible = [int(s["eligible"].sum()) for s in statuses]
    roster = states[0]  # rotations ending in the first year have ended
    inst = Instance(
        roster=roster,
        policy=policy,
        years=years,
        units=units,
        indicators=indicators,
        weights=weights,
        r0=np.array(r0, dtype=np.int64).reshape(len(years), len(indicators), len(units)),
        heads=heads,
        caps=np.maximum(heads, quota[None, :]),
        floors=floors,
        subjects0=subjects0,
        types=[],
        classes=[],
        pools={},
        pool_units={},
        distances=distances,
        statuses=statuses,
        eligible=eligible,
        min_moves=[policy.min_rotated(e) for e in eligible],
        max_moves=[policy.max_rotated(e) for e in eligible],
        moves_counted=standard.count_rotating_at == "host",
        pins=pins,
        preferences={
            tid: frozenset(split_list(text))
            for tid, text in zip(
                roster.teachers["teacher_id"], roster.teachers["preferred_schools"], strict=True
            )
            if text
        },
        returns_at=_returns(roster, years),
        states=states,
    )
    _classify(inst, pins, max_destinations, states)
    return inst


def _subject_tables(
    state: Roster, policy: Policy, units: pd.DataFrame, y: int, floors, have
) -> None:
    """Fill year y of the coverage floors and the subject counts without new rotations."""
    index = {key: u for u, key in enumerate(units.index)}
    counts = subject_counts(state.teachers)
    floor = coverage_floor(state.units(), counts, policy)
    for key, row in floor.iterrows():
        for subject, v in row.items():
            if v > 0:
                floors[(y, index[key], subject)] = int(v)
    for key, row in counts.iterrows():
        if key in index:
            for subject, v in row.items():
                have[(y, index[key], subject)] = int(v)


def _returns(roster: Roster, years: tuple[int, ...]) -> dict[str, int]:
    """For teachers on rotation: the year index at which their rotation ends (back home)."""
    t = roster.teachers
    out = {}
    for tid, home, end in zip(
        t["teacher_id"], t["home_school_id"], t["rotation_end_year"], strict=True
    ):
        if home and not pd.isna(end):
            out[tid] = max(0, min(len(years), int(end) - years[0]))
    return out


def _units(roster: Roster, policy: Policy) -> pd.DataFrame:
    base = roster.units()
    units = base.set_index(["school_id", "stage"])
    res = resources(roster, policy.standard)
    units["in_cv"] = res.loc[units.index, "in_cv"].to_numpy()
    return units.drop(columns=["teachers"])


def _classify(
    inst: Instance, pins: pd.DataFrame, max_destinations: int | None, states: list[Roster]
) -> None:
    """Fill inst.types, inst.classes and inst.pools from the teachers who may move.

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
    type_index: dict[tuple, int] = {}
    groups: dict[tuple, list[str]] = {}
    singletons: list[tuple[tuple, str]] = []
    for row, b, gone in zip(movable.itertuples(index=False), bits, leaves, strict=True):
        tkey = (row.stage, row.subject, tuple(bool(x) for x in b), row.backbone != "none", gone)
        if tkey not in type_index:
            type_index[tkey] = len(type_index)
            inst.types.append(TeacherType(type_index[tkey], *tkey))
        u = unit_index[(school[windows[row.teacher_id][0]][row.teacher_id], row.stage)]
        window = (windows[row.teacher_id], away[row.teacher_id])
        if row.teacher_id in pin_ids:
            singletons.append(((u, type_index[tkey], window), row.teacher_id))
        else:
            groups.setdefault((u, type_index[tkey], window), []).append(row.teacher_id)
    allowed = _allowed_destinations(inst)
    homes = teachers.set_index("teacher_id")["home_school_id"]
    for (u, t, window), ids in sorted(groups.items()):
        cands = allowed[u]
        inst.classes.append(
            _make_class(inst, u, t, tuple(ids), 0, cands, max_destinations, window=window)
        )
    for (u, t, window), tid in singletons:
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
        inst.classes.append(_make_class(inst, u, t, (tid,), must, cands, None, home, window))
    for c in inst.classes:
        if not c.routed:
            for y in c.years:
                inst.pools.setdefault((c.type, inst.pool_key(c.unit), y), []).append(c.index)
    for u in range(inst.n_units):
        stage = inst.units.index[u][1]
        inst.pool_units.setdefault(inst.pool_key(u), {}).setdefault(stage, []).append(u)


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
    inst, u, t, ids, must, cands, max_destinations, home=None, window=((0,), ())
) -> TeacherClass:
    if cands is not None and max_destinations is not None and len(cands) > max_destinations:
        cands = _prune(inst, u, t, cands, max_destinations)
    years, away = window
    return TeacherClass(len(inst.classes), u, t, ids, must, cands, home, years, away)


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


def _prune(inst: Instance, u: int, t: int, cands: tuple[int, ...], keep: int) -> tuple[int, ...]:
    """The `keep` most useful destinations: where the class's indicators are scarcest (or, for
    a class counting for none, most plentiful), half of them the nearest."""
    students = inst.units["students"].to_numpy(dtype=float)
    bits = np.array(inst.types[t].bits, dtype=float) * 2 - 1
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


def validate_pins(roster: Roster, pins: pd.DataFrame | None) -> pd.DataFrame:
    """Pinned decisions: teacher_id, action (move / stay / to / not_to), school (for to/not_to).

    "to" may list several schools (any of them); "not_to" rows forbid each school listed.
    """
    if pins is None or len(pins) == 0:
        return pd.DataFrame({"teacher_id": [], "action": [], "school": []}, dtype=object)
    source = pins.attrs.get("source", "pins")
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
    stages = roster.stages()
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
            if school not in stages:
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

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

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

import numpy as np
import numpy.typing as npt
import pandas as pd

from rotation.indicators.definitions import Standard, TeacherIndicator
from rotation.indicators.tables import resources
from rotation.io.cells import split_list
from rotation.io.roster import Roster
from rotation.model.classes import TeacherClass, TeacherType, classify
from rotation.model.forced import check_pins_eligible
from rotation.model.pins import validate_pins
from rotation.policy.destinations import travel_cap
from rotation.policy.eligible import eligibility
from rotation.policy.requirements import coverage_floor, staff_quota, subject_counts
from rotation.policy.settings import Policy
from rotation.policy.timeline import project


@dataclass(frozen=True)
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
    types: tuple[TeacherType, ...]
    classes: tuple[TeacherClass, ...]
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
    #: a previous plan to change as little as possible: teacher_id → (destination unit, year
    #: index) of each of its moves made in a planned year (unit -1: no unit of the teacher's
    #: stage at that school)
    previous: dict[str, tuple[int, int]] = field(default_factory=dict)

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
    previous: pd.DataFrame | None = None,
) -> Instance:
    """Project the roster over the years, group the movable teachers into classes and find
    where each class may go. `years` is one school year or consecutive years. `previous`: the
    moves of an earlier plan of this roster (checked against it), to change as little as
    possible; its moves outside the planned years are left out."""
    years = (years,) if isinstance(years, int) else tuple(years)
    standard: Standard = policy.standard
    source = pins.attrs.get("source") if pins is not None else None
    pins = validate_pins(roster, pins)
    baseline = project(roster, policy, years[0], dict.fromkeys(years))
    states = [baseline[y] for y in years]
    units = _units(states[0], policy)
    indicators = tuple(i for i in standard.teacher_indicators if policy.weights.get(i.code, 0) > 0)
    weights = np.array([policy.weights[i.code] for i in indicators], dtype=np.int64)
    quota = staff_quota(states[0].units(), policy).reindex(units.index).to_numpy()
    r0: list[list[npt.NDArray[np.generic]]] = []
    yearly_heads: list[pd.Series] = []
    floors: dict[tuple[int, int, str], int] = {}
    subjects0: dict[tuple[int, int, str], int] = {}
    statuses: list[pd.DataFrame] = []
    for y, (year, state) in enumerate(zip(years, states, strict=True)):
        res = resources(state, standard)
        r0.append([res.loc[units.index, i.code].to_numpy() for i in indicators])
        yearly_heads.append(
            state.units().set_index(["school_id", "stage"])["teachers"].reindex(units.index)
        )
        _subject_tables(state, policy, units, y, floors, subjects0)
        statuses.append(eligibility(state, policy, year))
    heads = np.array(yearly_heads, dtype=np.int64).reshape(len(years), len(units))
    travel_cap(policy, distances)  # an InputError when the cap cannot be checked
    check_pins_eligible(states[0], pins, statuses[0], source)
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
        types=(),
        classes=(),
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
        previous=previous_assignments(roster, units, years, previous),
    )
    found = classify(inst, pins, max_destinations, states)
    return dataclasses.replace(
        inst,
        types=found.types,
        classes=found.classes,
        pools=found.pools,
        pool_units=found.pool_units,
    )


def previous_assignments(
    roster: Roster,
    units: pd.DataFrame,
    years: tuple[int, ...],
    previous: pd.DataFrame | None,
) -> dict[str, tuple[int, int]]:
    """teacher_id → (destination unit, year index) of each move of `previous` starting in a
    planned year; the unit is -1 when the school has no unit of the teacher's stage."""
    if previous is None or len(previous) == 0:
        return {}
    index = {key: u for u, key in enumerate(units.index)}
    stage = dict(zip(roster.teachers["teacher_id"], roster.teachers["stage"], strict=True))
    out: dict[str, tuple[int, int]] = {}
    for tid, to, start in zip(
        previous["teacher_id"], previous["to_school"], previous["start_year"], strict=True
    ):
        if int(start) in years and str(tid) in stage:
            key = (str(to), stage[str(tid)])
            out[str(tid)] = (index.get(key, -1), years.index(int(start)))
    return out


def _subject_tables(
    state: Roster,
    policy: Policy,
    units: pd.DataFrame,
    y: int,
    floors: dict[tuple[int, int, str], int],
    have: dict[tuple[int, int, str], int],
) -> None:
    """Fill year y of the coverage floors and the subject counts without new rotations."""
    index = {key: u for u, key in enumerate(units.index)}
    counts = subject_counts(state.teachers)
    floor = coverage_floor(state.units(), counts, policy)
    for key, row in floor.iterrows():
        for subject, v in row.items():
            if v > 0:
                floors[(y, index[key], cast(str, subject))] = int(v)
    for key, row in counts.iterrows():
        if key in index:
            for subject, v in row.items():
                have[(y, index[key], cast(str, subject))] = int(v)


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

"""What only building can fix: the least facility additions for the school rule and the CVs.

The facility indicators L4–L7 (teaching area m², sports area m², equipment yuan, multimedia
rooms) change only by building and equipping. Two figures per school unit (school and stage):

(a) the school rule, with the unit's teacher indicators as they are: at least
    `school_min_met` of the seven official indicators met and every other one at least
    `near_miss` of its threshold. The facility indicators left below their threshold (at most
    as many as the teacher indicators leave room for) need only reach the near-miss level; the
    others their threshold. Every choice of which facility indicators stay below (at most 16)
    is tried; the cheapest raises the fewest indicators, then has the least sum of additions
    (whole m², yuan, rooms) measured as shares of each indicator's full need (m², yuan and
    rooms have no common price, so each is counted against its own standard). A unit whose
    teacher indicators already break the rule (too many below, or one below the near-miss
    level) cannot pass by building: its facilities are raised to their thresholds, the most
    building
    can do, and its note says teachers must do the rest.

(b) the county CV of each facility indicator and stage, ≤ its threshold, with the least total
    addition on top of (a). For a fixed total R, CV² = (P/R²)·Σ R_u²/P_u − 1, and the least
    Σ R_u²/P_u with R_u ≥ F_u (F the floors from (a)) is reached by water-filling: the KKT
    conditions give R_u = max(F_u, λ·P_u), every raised unit at one per-student level λ. The
    least CV for a total is then non-increasing in the total, and raising λ raises the total,
    so the least total that passes is at the least λ that passes: found by bisection on λ.
    Additions are whole units (m², yuan); rounding each raised unit up adds less than one unit
    per unit, and since raised units are the lowest per student, adding to them only lowers
    the CV, so the rounded figures still pass. Multimedia rooms are whole rooms: they are
    added one at a time where one more room raises Σ R²/P the least, which for this separable
    convex sum is the least Σ R²/P for every number of rooms added (the argument of
    `review.limits.least_hires_for_cv`), so the first count that passes is the least.

Nine-year schools share their facility totals between the stages (`indicators.tables`); the
figures here are for each stage's share. Column `school_addition` is what the school's total
must grow by for that stage to gain its `addition` (addition / the stage's share); the school
builds the larger of its two rows, which gives the other stage at least its addition too.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from rotation.indicators.cv import weighted_cv
from rotation.indicators.definitions import OFFICIAL, FacilityIndicator, Standard
from rotation.indicators.tables import resources, school_table
from rotation.io.numbers import cell_float
from rotation.io.roster import Roster
from rotation.io.vocabulary import STAGES
from rotation.policy.settings import Policy

#: Facility columns counted in whole items (rooms); the others in whole m² or yuan.
WHOLE_ITEMS = frozenset({"multimedia_rooms"})
#: The unit each official facility column is measured in.
UNITS = {
    "teaching_area_m2": "m²",
    "sports_area_m2": "m²",
    "equipment_value_yuan": "yuan",
    "multimedia_rooms": "rooms",
}
#: Slack for floating-point comparisons of per-student values with thresholds.
TOLERANCE = 1e-9
#: Bisection steps on the water level λ (each halves the interval).
BISECTION_STEPS = 200

BUILDING_COLUMNS = [
    *("school_id", "name", "stage", "indicator", "unit"),
    *("have", "for_school_rule", "needed", "addition", "school_addition", "reason", "note"),
]


@dataclass(frozen=True)
class _Unit:
    """One school unit as rule (a) sees it."""

    key: tuple[str, str]
    students: float
    have: dict[str, float]  # facility code -> the stage's share of the total
    full: dict[str, float]  # facility code -> resource meeting the threshold
    near: dict[str, float]  # facility code -> resource meeting the near-miss level
    teacher_unmet: int
    teacher_below_near: bool


def building_needs(roster: Roster, policy: Policy | None = None) -> pd.DataFrame:
    """The least facility additions per school unit and facility indicator (module doc).

    Parameters
    ----------
    roster
        The roster (teacher indicators as they are; facilities from the schools table).
    policy
        Its standard gives thresholds, the school rule and the CV thresholds (default preset).

    Returns
    -------
    pandas.DataFrame
        One row per school unit and facility indicator with facility data: school_id, name,
        stage, indicator, unit (m², yuan, rooms), have (the stage's share), for_school_rule
        (the least total for (a)), needed (the least total for (a) and (b)), addition
        (needed − have, whole units), reason ("school rule", "CV", both or ""), note.
    """
    policy = policy or Policy()
    standard = policy.standard
    facilities = _facility_indicators(standard)
    res = resources(roster, standard)
    if not facilities or res.empty:
        return pd.DataFrame(columns=BUILDING_COLUMNS)
    table = school_table(res, standard)
    share = _shares(roster, standard)
    rows: dict[tuple[str, str, str], dict[str, object]] = {}
    floors: dict[tuple[str, str, str], float] = {}
    for key in res.index:
        unit = _unit(key, res, table, standard, facilities)
        if unit is None:
            continue
        chosen, note = _school_rule_floors(unit, standard, facilities)
        for ind in facilities:
            floor = chosen[ind.code]
            floors[(*key, ind.code)] = floor
            rows[(*key, ind.code)] = {
                "school_id": key[0],
                "name": res.at[key, "name"],
                "stage": key[1],
                "indicator": ind.code,
                "unit": UNITS.get(ind.column, ""),
                "have": unit.have[ind.code],
                "for_school_rule": floor,
                "needed": floor,
                "note": note,
                "share": share[key],
            }
    for ind in facilities:
        for stage in STAGES:
            part = res[(res.index.get_level_values("stage") == stage) & res["in_cv"]]
            keys = [k for k in part.index if (*k, ind.code) in floors]
            if not keys:
                continue
            base = np.array([floors[(*k, ind.code)] for k in keys])
            held = np.array([cell_float(res.at[k, ind.code]) for k in keys])
            students = part.loc[keys, "students"].to_numpy(dtype=float)
            limit = float(standard.cv_thresholds[stage])
            final = _least_for_cv(ind, base, held, students, limit)
            for k, value in zip(keys, final, strict=True):
                rows[(*k, ind.code)]["needed"] = float(value)
    out = []
    for row in rows.values():
        have, needed = cell_float(row["have"]), cell_float(row["needed"])
        rule = cell_float(row["for_school_rule"])
        reasons = []
        if rule > have + TOLERANCE:
            reasons.append("school rule")
        if needed > rule + TOLERANCE:
            reasons.append("CV")
        row["addition"] = addition = max(0.0, needed - have)
        part_share = cell_float(row.pop("share"))
        row["school_addition"] = math.ceil(addition / part_share - TOLERANCE) if addition else 0.0
        row["reason"] = " and ".join(reasons)
        out.append(row)
    return pd.DataFrame(out, columns=BUILDING_COLUMNS).reset_index(drop=True)


def building_totals(needs: pd.DataFrame) -> pd.DataFrame:
    """Per stage and facility indicator: the total addition and the units that need one.

    Parameters
    ----------
    needs
        As `building_needs` returns it.

    Returns
    -------
    pandas.DataFrame
        Indexed by (stage, indicator): unit, addition, units (how many school units build).
    """
    if needs.empty:
        return pd.DataFrame(columns=["unit", "addition", "units"])
    grouped = needs.groupby(["stage", "indicator"], sort=True)
    return pd.DataFrame(
        {
            "unit": grouped["unit"].first(),
            "addition": grouped["addition"].sum(),
            "units": grouped["addition"].apply(lambda a: int((a > 0).sum())),
        }
    )


def condemned_units(roster: Roster, policy: Policy | None = None) -> pd.DataFrame:
    """School units whose facilities, as they are, fail the school rule whatever the teachers:
    more facility indicators below their threshold than the rule allows, or one below the
    near-miss level. Units without full facility data are not judged (not listed).

    Returns
    -------
    pandas.DataFrame
        Indexed by (school_id, stage): name, below (the failing facility codes), reason.
    """
    policy = policy or Policy()
    standard = policy.standard
    facilities = _facility_indicators(standard)
    res = resources(roster, standard)
    rows = []
    allowed = len(OFFICIAL) - standard.school_min_met
    for key in res.index:
        stage = key[1]
        below, far = [], []
        known = True
        for ind in facilities:
            value = cell_float(res.at[key, ind.code])
            if math.isnan(value):
                known = False
                break
            need = _need(ind, stage, cell_float(res.at[key, "students"]))
            if value < need - TOLERANCE:
                below.append(ind.code)
                if value < standard.near_miss * need - TOLERANCE:
                    far.append(ind.code)
        if not known or not facilities:
            continue
        if len(below) > allowed or far:
            reason = (
                f"below {standard.near_miss:.0%} of the threshold: {', '.join(far)}"
                if far
                else f"{len(below)} facility indicators below their thresholds, {allowed} allowed"
            )
            rows.append(
                {
                    "school_id": key[0],
                    "stage": stage,
                    "name": res.at[key, "name"],
                    "below": tuple(below),
                    "reason": reason,
                }
            )
    frame = pd.DataFrame(rows, columns=["school_id", "stage", "name", "below", "reason"])
    return frame.set_index(["school_id", "stage"])


def _shares(roster: Roster, standard: Standard) -> dict[tuple[str, str], float]:
    """Each unit's share of its school's facility totals (1 unless nine-year)."""
    schools = roster.schools.set_index("school_id")
    a = schools["students_primary"].astype(float)
    b = schools["students_middle"].astype(float) * standard.middle_weight
    out = {}
    for sid in schools.index:
        total = a[sid] + b[sid]
        if total > 0:
            out[(str(sid), "primary")] = float(a[sid] / total)
            out[(str(sid), "middle")] = float(b[sid] / total)
    return out


# -- (a) the school rule ---------------------------------------------------------------------


def _facility_indicators(standard: Standard) -> list[FacilityIndicator]:
    official = {i.code for i in OFFICIAL}
    return [i for i in standard.facility_indicators if i.code in official]


def _need(ind: FacilityIndicator, stage: str, students: float) -> float:
    """The resource a unit needs to meet the threshold."""
    return float(ind.thresholds[stage]) * students / ind.per


def _unit(
    key: tuple[str, str],
    res: pd.DataFrame,
    table: pd.DataFrame,
    standard: Standard,
    facilities: Sequence[FacilityIndicator],
) -> _Unit | None:
    students = cell_float(res.at[key, "students"])
    have = {i.code: cell_float(res.at[key, i.code]) for i in facilities}
    if students <= 0 or any(math.isnan(v) for v in have.values()):
        return None
    stage = key[1]
    full = {i.code: _need(i, stage, students) for i in facilities}
    near = {c: standard.near_miss * v for c, v in full.items()}
    facility_codes = {i.code for i in facilities}
    unmet, below_near = 0, False
    for ind in OFFICIAL:
        if ind.code in facility_codes or ind.code not in table.columns:
            continue
        value = cell_float(table.at[key, ind.code])
        limit = float(ind.thresholds[stage])
        if value < limit - TOLERANCE:
            unmet += 1
            below_near |= value < standard.near_miss * limit - TOLERANCE
    return _Unit(key, students, have, full, near, unmet, below_near)


def _school_rule_floors(
    unit: _Unit, standard: Standard, facilities: Sequence[FacilityIndicator]
) -> tuple[dict[str, float], str]:
    """The cheapest facility floors making the school rule pass, and a note."""
    slack = len(OFFICIAL) - standard.school_min_met - unit.teacher_unmet
    if slack < 0 or unit.teacher_below_near:
        note = "teacher indicators fail the school rule: building alone cannot pass it"
        return {i.code: _whole(i, unit.full[i.code], unit.have[i.code]) for i in facilities}, note
    best: tuple[tuple[int, float], dict[str, float]] | None = None
    codes = [i.code for i in facilities]
    for size in range(min(slack, len(codes)) + 1):
        for below in itertools.combinations(codes, size):
            floors = {
                i.code: _whole(
                    i,
                    unit.near[i.code] if i.code in below else unit.full[i.code],
                    unit.have[i.code],
                )
                for i in facilities
            }
            raised = [c for c in codes if floors[c] > unit.have[c] + TOLERANCE]
            cost = sum((floors[c] - unit.have[c]) / unit.full[c] for c in raised if unit.full[c])
            key = (len(raised), cost)
            if best is None or key < best[0]:
                best = (key, floors)
    assert best is not None  # the empty choice is always tried
    return best[1], ""


def _whole(ind: FacilityIndicator, floor: float, have: float) -> float:
    """A floor reached by a whole number of m², yuan or rooms added to `have`."""
    if floor <= have + TOLERANCE:
        return have
    return have + math.ceil(floor - have - TOLERANCE)


# -- (b) the county CV -----------------------------------------------------------------------


def _passes(resources_: np.ndarray, students: np.ndarray, limit: float) -> bool:
    cv = weighted_cv(resources_, students)
    return math.isnan(cv) or cv <= limit + TOLERANCE


def _least_for_cv(
    ind: FacilityIndicator,
    base: np.ndarray,
    have: np.ndarray,
    students: np.ndarray,
    limit: float,
) -> np.ndarray:
    """The least totals ≥ base, in whole units above `have`, whose CV is within `limit`."""
    if _passes(base, students, limit):
        return base
    if ind.column in WHOLE_ITEMS:
        return _greedy_rooms(base, students, limit)
    x = base / students

    def level(lam: float) -> np.ndarray:
        raised = np.maximum(base, lam * students)
        add = np.where(raised > base + TOLERANCE, np.ceil(raised - have - TOLERANCE), 0.0)
        return np.where(add > 0, np.maximum(have + add, base), base)

    lo, hi = float(x.min()), float(x.max())
    for _ in range(BISECTION_STEPS):
        mid = (lo + hi) / 2
        if _passes(level(mid), students, limit):
            hi = mid
        else:
            lo = mid
        if hi - lo <= TOLERANCE * max(1.0, hi):
            break
    return level(hi)


def _greedy_rooms(base: np.ndarray, students: np.ndarray, limit: float) -> np.ndarray:
    """One room at a time where (2R+1)/P is least, until the CV passes."""
    r = base.astype(float).copy()
    cap = math.ceil(float(students.max()) * 10) + int(r.sum()) + 1
    for _ in range(cap):
        if _passes(r, students, limit):
            break
        r[int(np.argmin((2 * r + 1) / students))] += 1
    return r

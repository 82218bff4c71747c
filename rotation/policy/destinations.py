"""Where a rotating teacher may go: the area ranking, school strength and the travel cap.

These are the definitions behind R9 (direction) and R11 (distance). The optimiser builds each
class's candidate destinations from them and the independent plan checker tests each move
against them: the two check separately, but they share one meaning of "more urban", "weaker"
and "too far".

- **Area ranking** (county level: urban → rural): urban 城区 < town 镇区 < rural 乡村, the order
  of `AREAS`. Under `direction = "outward"` a teacher never moves to a more urban area.
- **School strength** (urban district: strong → weak): a unit's (school and stage's) weighted
  mean, over the indicators the optimiser works on (`weights` > 0), of its value X_k = R_k / P
  relative to the county value of its stage X̄_k = ΣR_k / ΣP; an indicator the county has
  none of in the stage adds 0 (but keeps its weight in the mean). Under
  `direction = "strong_to_weak"` a teacher moves only to a strictly weaker unit of the same
  stage. Strengths are exact fractions, so the optimiser and
  the checker agree even on ties.
- **Travel cap**: `max_distance_km` bounds a move when distances are in km (coordinates, or a
  road table in km); `max_travel_minutes` when the road table gives travel times in minutes.
  A cap in one unit with a table in the other is an input error, never a silent comparison of
  minutes with kilometres.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from rotation.errors import InputError, Problem
from rotation.indicators.tables import resources
from rotation.io.roads import UNIT_NAMES, DistanceUnit, distance_unit
from rotation.io.roster import Roster
from rotation.io.vocabulary import AREAS
from rotation.messages import Text, Words
from rotation.policy.settings import Policy

__all__ = [
    "AREA_RANK",
    "TravelCap",
    "more_urban",
    "school_strength",
    "travel_cap",
]

#: Position of each area from the most urban: urban 0, town 1, rural 2.
AREA_RANK: Mapping[str, int] = {area: i for i, area in enumerate(AREAS)}


def more_urban(area: str, than: str) -> bool:
    """Whether `area` is strictly more urban than `than` (urban > town > rural).

    Parameters
    ----------
    area, than
        Areas of `AREAS`.

    Returns
    -------
    bool
        True for ("urban", "town"), ("town", "rural"), ("urban", "rural").
    """
    return AREA_RANK[area] < AREA_RANK[than]


def school_strength(roster: Roster, policy: Policy) -> pd.Series:
    """Each unit's strength: its weighted mean of X_k / X̄_k over the optimised indicators.

    Parameters
    ----------
    roster
        The roster whose teachers are counted (where they count under the policy's standard).
    policy
        Its `weights` say which teacher indicators count and how much.

    Returns
    -------
    pandas.Series
        Exact `Fraction` strengths (object dtype), indexed by (school_id, stage). 0 for every
        unit when no indicator has a positive weight.
    """
    res = resources(roster, policy.standard)
    weights = {code: w for code, w in policy.weights.items() if w > 0}
    total_weight = sum(weights.values())
    students = res["students"].astype("int64")
    stages = res.index.get_level_values("stage")
    score = {key: Fraction(0) for key in res.index}
    for code, w in weights.items():
        counts = res[code].astype("int64")
        for stage in stages.unique():
            part = stages == stage
            total_r, total_p = int(counts[part].sum()), int(students[part].sum())
            if total_r == 0:
                continue
            for key, r, p in zip(res.index[part], counts[part], students[part], strict=True):
                score[key] += Fraction(w * int(r) * total_p, int(p) * total_r)
    return pd.Series(
        [s / max(1, total_weight) for s in score.values()],
        index=res.index,
        dtype=object,
        name="strength",
    )


@dataclass(frozen=True)
class TravelCap:
    """The most a move may travel, in the unit of the distance table.

    Parameters
    ----------
    limit
        The cap, in `unit`.
    unit
        "km" or "minutes".
    setting
        The policy key it comes from: "max_distance_km" or "max_travel_minutes".
    """

    limit: float
    unit: DistanceUnit
    setting: str

    def allows(self, distance: float) -> bool:
        """Whether a move of this length is within the cap (an unreachable pair never is)."""
        return bool(distance <= self.limit)

    def describe(self, distance: float | None = None) -> str:
        """The cap for a message: "40 km", or "52.0 min, more than 40" for a move too long."""
        name = UNIT_NAMES[self.unit]
        if distance is None:
            return f"{self.limit:g} {name}"
        return f"{distance:.1f} {name}, more than {self.limit:g}"


def travel_cap(policy: Policy, distances: pd.DataFrame | None) -> TravelCap | None:
    """The policy's cap on travel for this distance table, or None when it sets none.

    Parameters
    ----------
    policy
        `max_distance_km` and `max_travel_minutes` are read.
    distances
        The distance table between schools (its unit in ``attrs["unit"]``, km when absent), or
        None when the roster has neither coordinates nor a road table.

    Returns
    -------
    TravelCap or None
        The cap in the table's unit.

    Raises
    ------
    InputError
        When a cap is set but there is no distance table, or the cap and the table are in
        different units.
    """
    caps = {
        unit: value
        for unit, value in (("km", policy.max_distance_km), ("minutes", policy.max_travel_minutes))
        if value is not None
    }
    if not caps:
        return None
    setting = {"km": "max_distance_km", "minutes": "max_travel_minutes"}
    if distances is None:
        unit, value = next(iter(caps.items()))
        needs = (
            "policy_error.cap_needs_coordinates"
            if unit == "km"
            else "policy_error.cap_needs_minutes"
        )
        raise InputError(
            [
                Problem(
                    Text("source.policy"),
                    Text(needs, setting=setting[unit]),
                    column=setting[unit],
                    value=value,
                )
            ]
        )
    unit = distance_unit(distances)
    wrong = [u for u in caps if u != unit]
    if wrong:
        given = (
            Words("分钟（路程时间表）", "minutes (a travel-time table)")
            if unit == "minutes"
            else Words("公里", "km")
        )
        words = {"km": Words("公里", "km"), "minutes": Words("分钟", "minutes")}
        raise InputError(
            [
                Problem(
                    Text("source.policy"),
                    Text("policy_error.cap_unit", setting=setting[w], given=given),
                    column=setting[w],
                    value=caps[w],
                    expected=Text("expected.cap_for_unit", setting=setting[unit], unit=words[unit]),
                )
                for w in wrong
            ]
        )
    return TravelCap(float(caps[unit]), unit, setting[unit])

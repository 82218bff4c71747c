"""From class flows to named teachers: who moves, and where.

Within a class every teacher is interchangeable for the rules and the indicators, so the choice
follows the office's fairness: longest tenure at the school first, then those who asked for one
of the class's destinations, then teacher_id for repeatability. Pooled flows are first paired
origin → destination by a minimum-cost transport (travel distance), which cannot change any
count the earlier phases optimised.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx
import numpy as np
import pandas as pd

from rotation.io.roads import distance_unit
from rotation.model.instance import Instance
from rotation.model.objectives import travel_units
from rotation.model.solve import Solution

#: Transport cost of a pair of schools with no finite distance between them: far above any
#: county's real travel in travel units, so such a pair is used only when nothing else is.
UNREACHABLE_COST = 10**6


def pair_pooled(sol: Solution) -> dict[tuple[int, int, int], int]:
    """(class, destination unit, year) → count for pooled classes, by min-cost transport per
    pool and year."""
    inst = sol.inst
    by_pool: dict[tuple[int, str, int], dict[int, int]] = defaultdict(dict)
    for (c, y), n in sol.pooled_leave.items():
        cls = inst.classes[c]
        by_pool[(cls.type, inst.pool_key(cls.unit), y)][c] = n
    sent: dict[tuple[int, int, int], int] = {}
    costs = _costs(inst)
    for (t, pool, y), leaving in by_pool.items():
        arriving = {
            u: n for (t2, p2, u, y2), n in sol.pooled_arrive.items() if (t2, p2, y2) == (t, pool, y)
        }
        for (c, d), n in _transport(inst, leaving, arriving, costs).items():
            sent[(c, d, y)] = n
    return sent


def _transport(
    inst: Instance, leaving: dict[int, int], arriving: dict[int, int], costs: np.ndarray
) -> dict:
    graph = nx.DiGraph()
    school = _schools(inst)
    for c, n in leaving.items():
        graph.add_node(("c", c), demand=-n)
    for u, n in arriving.items():
        graph.add_node(("u", u), demand=n)
    for c in leaving:
        origin = inst.classes[c].unit
        for u in arriving:
            if school[u] != school[origin]:
                graph.add_edge(("c", c), ("u", u), weight=int(costs[origin, u]))
    flow = nx.min_cost_flow(graph)
    return {
        (node[1], dest[1]): n
        for node, targets in flow.items()
        if node[0] == "c"
        for dest, n in targets.items()
        if n
    }


def _schools(inst: Instance) -> np.ndarray:
    """Each unit's school id, as an array (a pandas index is slow to read one by one)."""
    return np.asarray(inst.units.index.get_level_values("school_id"))


def _costs(inst: Instance) -> np.ndarray:
    """[origin unit, destination unit] travel in travel units of 100 m (0 when the county has
    no distances; UNREACHABLE_COST where the distance is not finite)."""
    school = _schools(inst)
    if inst.distances is None:
        return np.zeros((len(school), len(school)), dtype=np.int64)
    km = inst.distances.reindex(index=school, columns=school).to_numpy(dtype=float)
    finite = np.isfinite(km)
    units = np.vectorize(travel_units, otypes=[np.int64])(np.where(finite, km, 0.0))
    return np.where(finite, units, UNREACHABLE_COST)


def moves_table(sol: Solution) -> pd.DataFrame:
    """The plan's moves, year by year: contract columns first, then what the office wants."""
    inst = sol.inst
    sent = {**sol.sent, **pair_pooled(sol)}
    teachers = inst.roster.teachers.set_index("teacher_id")
    status = [s.set_index("teacher_id") for s in inst.statuses]
    # years at the school in each planned year (restarted for a teacher back from a rotation)
    tenure = [s.teachers.set_index("teacher_id")["years_at_school"].to_dict() for s in inst.states]
    pinned = set(inst.pins["teacher_id"]) if len(inst.pins) else set()
    per_class: dict[int, dict[int, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for (c, d, y), n in sent.items():
        per_class[c][y][d] += n
    school = inst.units.index.get_level_values("school_id")
    names = _school_names(inst)
    rows = []
    for c, by_year in sorted(per_class.items()):
        cls = inst.classes[c]
        waiting = list(cls.teacher_ids)
        for y, dests in sorted(by_year.items()):
            wanted = {school[d] for d in dests}
            chosen = _choose(inst, waiting, sum(dests.values()), wanted, tenure[y])
            waiting = [tid for tid in waiting if tid not in chosen]
            for tid, d in _place(inst, chosen, dests, school):
                moving = (tid, school[cls.unit], school[d], y, int(tenure[y][tid]))
                rows.append(_row(inst, cls, moving, teachers, status[y], pinned, names))
    columns = [
        *("teacher_id", "from_school", "to_school", "start_year", "end_year"),
        *("name", "from_name", "to_name"),
        *("stage", "subject", "education", "backbone", "years_at_school"),
        *("counts_for", "distance_km", "preferred", "reason"),
    ]
    table = pd.DataFrame(rows, columns=columns)
    if inst.distances is not None and distance_unit(inst.distances) == "minutes":
        table = table.rename(columns={"distance_km": "travel_minutes"})  # a travel-time table
    order = ["start_year", "from_school", "stage", "subject", "teacher_id"]
    return table.sort_values(order, ignore_index=True)


def _row(inst, cls, moving, teachers, status, pinned, names: dict[str, str]) -> dict:
    """One row of the moves table; `moving` is (teacher_id, from, to, year index, years at the
    school that year)."""
    tid, origin, to, y, years = moving
    t = teachers.loc[tid]
    start = inst.years[y]
    return {
        "teacher_id": tid,
        "from_school": origin,
        "to_school": to,
        "start_year": start,
        "end_year": start + inst.policy.term_years,
        "name": t.get("name", ""),
        "from_name": names.get(origin, ""),
        "to_name": names.get(to, ""),
        "stage": t["stage"],
        "subject": t["subject"],
        "education": t["education"],
        "backbone": t["backbone"],
        "years_at_school": years,
        "counts_for": " ".join(
            i.code for i, b in zip(inst.indicators, inst.types[cls.type].bits, strict=True) if b
        ),
        "distance_km": _km(inst, origin, to),
        "preferred": to in inst.preferences.get(tid, ()),
        "reason": _reason(tid, years, status, pinned),
    }


def choice_key(years: int, asked: bool, teacher_id: str) -> tuple[int, bool, str]:
    """The order in which interchangeable teachers of a class are chosen to move: longest
    tenure at the school first, then one who asked for a destination of the class, then
    teacher_id (for repeatability). The smaller key moves first."""
    return (-int(years), not asked, teacher_id)


def _choose(inst, ids, n, wanted, tenure: dict) -> list[str]:
    """The n teachers of a class to move, in `choice_key` order."""

    def key(tid):
        asked = bool(inst.preferences.get(tid, frozenset()) & wanted)
        return choice_key(tenure[tid], asked, tid)

    return sorted(ids, key=key)[:n]


def _place(inst, chosen, dests: Counter, school) -> list[tuple[str, int]]:
    """Give each chosen teacher a destination, granting wishes first."""
    left = Counter(dests)
    placed = []
    rest = []
    for tid in chosen:
        wish = next(
            (d for d in sorted(left) if left[d] and school[d] in inst.preferences.get(tid, ())),
            None,
        )
        if wish is None:
            rest.append(tid)
            continue
        left[wish] -= 1
        placed.append((tid, wish))
    order = [d for d in sorted(left) for _ in range(left[d])]
    placed += list(zip(rest, order, strict=True))
    return placed


def _school_names(inst: Instance) -> dict[str, str]:
    """school_id → the school's name as the roster writes it (blank when it has none)."""
    schools = inst.roster.schools
    if "name" not in schools:
        return {}
    return {
        str(i): str(n or "") for i, n in zip(schools["school_id"], schools["name"], strict=True)
    }


def _km(inst: Instance, origin: str, to: str) -> float:
    if inst.distances is None:
        return float("nan")
    return round(float(inst.distances.at[origin, to]), 2)


def _reason(tid: str, years: int, status: pd.DataFrame, pinned: set[str]) -> str:
    if tid in pinned:
        return "pinned by the user"
    if status.at[tid, "reason"] not in ("eligible", "too_few_years"):
        return status.at[tid, "detail"]
    return f"eligible: {years} years at the school"

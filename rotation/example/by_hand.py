"""The plan an office makes by hand, for comparison: no optimiser, just the usual rules of thumb.

Longest-serving eligible teachers of urban schools go first (backbone teachers first until the
backbone share is met), each to the town or rural school of the same stage that has the fewest
teachers of the subject per student and room under its quota, as long as the school they leave
keeps its subject coverage. It stops at the minimum ratio. The synthetic history and the
benchmarks use it as "what happens today".
"""

from __future__ import annotations

import math

import pandas as pd

from rotation.io.roster import Roster
from rotation.policy.destinations import AREA_RANK
from rotation.policy.eligible import eligibility
from rotation.policy.requirements import coverage_floor, staffing_cap, subject_counts
from rotation.policy.settings import Policy


def by_hand_plan(roster: Roster, policy: Policy, year: int) -> pd.DataFrame:
    """A moves table (teacher_id, from_school, to_school, start_year, end_year) made the way an
    office makes it in a spreadsheet; it keeps coverage and staffing but optimises nothing.

    Where the receiving school has no room, the office pairs the move with a teacher of the
    same subject coming back the other way (an exchange, 对口交流)."""
    state = _State.of(roster, policy)
    status = eligibility(roster, policy, year)
    pool = roster.teachers[status["eligible"].to_numpy()].copy()
    pool["rank"] = pool["school_id"].map(state.area).map(AREA_RANK)
    pool["is_backbone"] = pool["backbone"] != "none"
    target = policy.min_rotated(len(pool))
    need_backbone = math.ceil(policy.backbone_fraction * target)
    order = pool.sort_values(
        ["rank", "is_backbone", "years_at_school", "teacher_id"],
        ascending=[True, False, False, True],
    )
    partners = {
        tid: t for tid, t in zip(pool["teacher_id"], pool.itertuples(index=False), strict=True)
    }
    moved: dict[str, str] = {}
    backbone = 0
    for t in order.itertuples(index=False):
        if len(moved) >= target or t.teacher_id in moved or t.rank == AREA_RANK["rural"]:
            continue
        short = need_backbone - backbone
        if not t.is_backbone and short > 0 and target - len(moved) <= short:
            continue
        for dest in state.destinations(t):
            if state.room(dest) and state.keeps_coverage(t):
                state.send(t, dest)
                moved[t.teacher_id] = dest[0]
                backbone += int(t.is_backbone)
                break
            back = _partner(t, dest, partners, moved)
            gained = int(t.is_backbone) + int(back.is_backbone) if back is not None else 0
            if back is not None and _share_reachable(
                policy, target, len(moved) + 2, backbone + gained
            ):
                state.send(t, dest)
                state.send(back, (t.school_id, t.stage))
                moved[t.teacher_id], moved[back.teacher_id] = dest[0], t.school_id
                backbone += int(t.is_backbone) + int(back.is_backbone)
                break
    teachers = roster.teachers.set_index("teacher_id")
    return pd.DataFrame(
        {
            "teacher_id": list(moved),
            "from_school": [teachers.at[tid, "school_id"] for tid in moved],
            "to_school": list(moved.values()),
            "start_year": year,
            "end_year": year + policy.term_years,
        }
    )


def _partner(t, dest, partners, moved):
    """An eligible teacher of the same subject at `dest` who can come back in exchange (an
    exchange keeps both schools' subject counts)."""
    for p in partners.values():
        here = (p.school_id, p.stage) == dest and p.subject == t.subject
        if here and p.teacher_id not in moved:
            return p
    return None


def _share_reachable(policy: Policy, target: int, moves: int, backbone: int) -> bool:
    """Whether the backbone share can still be met if every slot left goes to a backbone."""
    final = max(target, moves)
    need = math.ceil(policy.backbone_fraction * final)
    return backbone + max(0, target - moves) >= need


class _State:
    """Headcounts and subject counts as the office updates them move by move."""

    def __init__(self, roster: Roster, policy: Policy):
        units = roster.units()
        self.key = list(zip(units["school_id"], units["stage"], strict=True))
        self.heads = dict(zip(self.key, units["teachers"], strict=True))
        self.cap = dict(zip(self.key, staffing_cap(units, policy), strict=True))
        self.students = dict(zip(self.key, units["students"], strict=True))
        have = subject_counts(roster.teachers)
        self.floor = coverage_floor(units, have, policy)
        self.counts = {
            (s, g, subj): int(n) for (s, g), row in have.iterrows() for subj, n in row.items()
        }
        self.area = roster.schools.set_index("school_id")["area"]

    @classmethod
    def of(cls, roster: Roster, policy: Policy) -> _State:
        return cls(roster, policy)

    def room(self, unit) -> bool:
        return self.heads[unit] + 1 <= self.cap[unit]

    def keeps_coverage(self, t) -> bool:
        unit = (t.school_id, t.stage)
        return self.counts.get((*unit, t.subject), 0) - 1 >= _floor(self.floor, unit, t.subject)

    def destinations(self, t) -> list[tuple[str, str]]:
        """More rural schools of the stage, fewest teachers of the subject per student first."""
        options = [
            u for u in self.key
            if u[1] == t.stage and u[0] != t.school_id and AREA_RANK[self.area[u[0]]] > t.rank
        ]  # fmt: skip
        return sorted(options, key=lambda u: self.counts.get((*u, t.subject), 0) / self.students[u])

    def send(self, t, dest) -> None:
        origin = (t.school_id, t.stage)
        self.heads[origin] -= 1
        self.heads[dest] += 1
        self.counts[(*origin, t.subject)] -= 1
        self.counts[(*dest, t.subject)] = self.counts.get((*dest, t.subject), 0) + 1


def _floor(floor: pd.DataFrame, unit: tuple[str, str], subject: str) -> int:
    if unit in floor.index and subject in floor.columns:
        return int(floor.at[unit, subject])
    return 0

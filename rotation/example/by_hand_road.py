"""The road an office makes by hand, for comparison: each school fills its own deficits.

No rotation and no optimiser. For each school unit, in the target year's roster:

1. every subject short of its need (`subject_need`) gets new teachers of that subject;
2. every teacher indicator of the school rule below its threshold gets new teachers that count
   for it: L3 (PE, music, art) new teachers of the least covered of those subjects, L1 new
   teachers of the unit's most needed subject (a new teacher has `Policy.hire_education`);
3. L2 (backbone per 100 students) cannot be hired (a new teacher is not backbone): the
   unit's own candidates (`policy.designation`) are designated, the longest-serving first,
   until L2 meets its threshold or the unit has none left.

Posts (编制) and the yearly limits are not looked at: this is what the deficits add up to when
each school asks for its own, which is how a county's recruitment request is often drafted.
The hires and designations come in the road's tables (`Road.hires`, `Road.designations`), so
that `planning.road.judged_years` judges them like a road.
"""

from __future__ import annotations

import math

import pandas as pd

from rotation.indicators.definitions import OFFICIAL, TeacherIndicator
from rotation.io.numbers import cell_float
from rotation.io.roster import Roster
from rotation.policy.designation import designation_candidates
from rotation.policy.requirements import subject_counts, subject_need
from rotation.policy.settings import Policy
from rotation.policy.timeline import project

#: The subjects L3 counts (体育、音乐、美术).
ARTS = ("pe", "music", "art")
#: Slack below a needed count (a count of exactly the need meets it).
COUNT_TOLERANCE = 1e-9
HIRE_COLUMNS = ["year", "school_id", "name", "stage", "subject", "education", "count"]
DESIGNATION_COLUMNS = ["year", "teacher_id", "name", "school_id", "stage"]


def by_hand_road(
    roster: Roster, policy: Policy | None, year: int, target_year: int | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Hires and designations made school by school (module doc), all in the first year.

    Parameters
    ----------
    roster : Roster
        The roster at the start of `year`.
    policy : Policy, optional
    year : int
        The first school year: the hires and designations are made then.
    target_year : int, optional
        The year whose roster (after retirements) the deficits are counted in (default:
        `year`).

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        The hires (year, school_id, name, stage, subject, education, count) and the
        designations (year, teacher_id, name, school_id, stage).
    """
    policy = policy or Policy()
    target = year if target_year is None else target_year
    state = project(roster, policy, year, dict.fromkeys(range(year, target + 1)))[target]
    units = state.units().set_index(["school_id", "stage"])
    need = subject_need(state.units(), policy)
    have = subject_counts(state.teachers).reindex(
        index=need.index, columns=need.columns, fill_value=0
    )
    teachers = state.teachers
    candidates = designation_candidates(
        roster.teachers[roster.teachers["teacher_id"].isin(teachers["teacher_id"])],
        year,
        policy.designation_min_service_years,
    )
    rule = {i.code: i for i in OFFICIAL if isinstance(i, TeacherIndicator)}
    hires: list[dict[str, object]] = []
    designations: list[dict[str, object]] = []
    for key in need.index:
        school_id, stage = key
        name = str(units.at[key, "name"]) if "name" in units else ""
        students = cell_float(units.at[key, "students"])
        mine = teachers[(teachers["school_id"] == school_id) & (teachers["stage"] == stage)]
        needed = {str(s): int(v) for s, v in need.loc[key].items()}
        held = {str(s): int(v) for s, v in have.loc[key].items()}
        added = {s: max(0, n - held[s]) for s, n in needed.items()}
        counts = {s: held[s] + added[s] for s in needed}
        arts = [s for s in ARTS if s in counts]
        l3 = _count(rule["L3"], mine) + sum(added[s] for s in arts)
        while arts and l3 < _full(rule["L3"], stage, students):
            least = min(arts, key=lambda s: (counts[s] / max(1, needed[s]), s))
            added[least] += 1
            counts[least] += 1
            l3 += 1
        l1 = _count(rule["L1"], mine) + sum(added.values())  # new teachers meet L1's education
        most = max(needed, key=lambda s: (needed[s] - counts[s], needed[s]))
        added[most] += max(0, _full(rule["L1"], stage, students) - l1)
        for subject, n in added.items():
            if n:
                hires.append(
                    {
                        "year": year,
                        "school_id": school_id,
                        "name": name,
                        "stage": stage,
                        "subject": subject,
                        "education": policy.hire_education,
                        "count": n,
                    }
                )
        short = _full(rule["L2"], stage, students) - _count(rule["L2"], mine)
        if short > 0:
            here = candidates[
                (candidates["school_id"] == school_id) & (candidates["stage"] == stage)
            ]
            for t in here.head(short).itertuples(index=False):
                designations.append(
                    {
                        "year": year,
                        "teacher_id": t.teacher_id,
                        "name": getattr(t, "name", ""),
                        "school_id": school_id,
                        "stage": stage,
                    }
                )
    return (
        pd.DataFrame(hires, columns=HIRE_COLUMNS),
        pd.DataFrame(designations, columns=DESIGNATION_COLUMNS),
    )


def _count(ind: TeacherIndicator, teachers: pd.DataFrame) -> int:
    """Teachers `ind` counts."""
    return int(ind.counts(teachers).sum()) if len(teachers) else 0


def _full(ind: TeacherIndicator, stage: str, students: float) -> int:
    """The least count that meets `ind`'s threshold for `students`."""
    return math.ceil(float(ind.thresholds[stage]) * students / ind.per - COUNT_TOLERANCE)

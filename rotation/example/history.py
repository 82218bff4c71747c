"""The example county through the years: by-hand rotations, retirements and hires, enrolment
drifting to the city — a synthetic history to replay (`example_history`)."""

from __future__ import annotations

from typing import cast

import numpy as np
import pandas as pd

from rotation.example.by_hand import by_hand_plan
from rotation.example.generator import FEMALE_SHARE, example_county
from rotation.example.names import _names
from rotation.io.history import History
from rotation.io.roster import Roster
from rotation.io.vocabulary import STAGES
from rotation.policy.settings import Policy
from rotation.policy.timeline import next_year

#: Share of retirees replaced by a new graduate at the same school and subject.
REPLACEMENT_SHARE = 0.9


#: Yearly enrolment drift by area: the city grows, the countryside empties (城镇化).
ENROLMENT_DRIFT = {"urban": 1.02, "town": 0.98, "rural": 0.95}


#: Yearly chance that a teacher of 30–50 is named county backbone, and that a teacher without
#: a bachelor degree completes one in service.
PROMOTION_CHANCE = 0.015


UPGRADE_CHANCE = 0.03


def example_history(
    size: str = "county", seed: int = 0, first_year: int = 2021, years: int = 5
) -> History:
    """The example county over `years` school years, as the office ran it: each year a by-hand
    rotation at the minimum ratio, tenure growing, retirements (mostly replaced by young
    graduates), rotations ending, enrolment drifting to the city, a few promotions.

    Returns a `rotation.History`; deterministic per seed.
    """

    rng = np.random.default_rng(seed + 7919)
    policy = Policy()
    state = example_county(size, seed, year=first_year)
    rosters = {first_year: state}
    for year in range(first_year, first_year + years - 1):
        moves = by_hand_plan(state, policy, year)
        state, change = next_year(state.apply_moves(moves), policy, year)
        schools = _drift_enrolment(state.schools, rng)
        teachers = _hire(state.teachers, change.retired, rng, year + 1)
        teachers = _promote(teachers, rng, year + 1)
        state = Roster.from_frames(
            schools, teachers, source=f"example_history(size={size!r}, seed={seed}) {year + 1}"
        )
        rosters[year + 1] = state
    return History(rosters, f"example_history(size={size!r}, seed={seed})")


def _drift_enrolment(schools: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    schools = schools.copy()
    factor = schools["area"].map(ENROLMENT_DRIFT) * rng.uniform(0.98, 1.02, len(schools))
    for stage in STAGES:
        students = schools[f"students_{stage}"]
        grown = np.where(students > 0, np.maximum(1, np.round(students * factor)), 0)
        size = np.where(students > 0, students / schools[f"classes_{stage}"].clip(lower=1), 1)
        schools[f"students_{stage}"] = grown.astype("int64")
        schools[f"classes_{stage}"] = np.where(
            grown > 0, np.maximum(1, np.ceil(grown / size)), 0
        ).astype("int64")
    return schools


def _hire(
    teachers: pd.DataFrame, retired: pd.DataFrame, rng: np.random.Generator, year: int
) -> pd.DataFrame:
    """New graduates replacing most retirees, same school, stage and subject."""
    rows = []
    keep = rng.random(len(retired)) < REPLACEMENT_SHARE
    for i, (r, hired) in enumerate(zip(retired.itertuples(index=False), keep, strict=True)):
        if not hired:
            continue
        stage, subject = cast(str, r.stage), cast(str, r.subject)  # the roster's text
        female = rng.random() < FEMALE_SHARE[stage]
        rows.append(
            {
                "teacher_id": f"{r.school_id}-N{year}{i:03d}",
                "name": _names(np.array(["F" if female else "M"]), rng)[0],
                "gender": "F" if female else "M",
                "birth_year": year - int(rng.integers(22, 26)),
                "school_id": r.school_id,
                "stage": stage,
                "subject": subject,
                "education": rng.choice(["associate", "bachelor", "master"], p=[0.1, 0.8, 0.1]),
                "backbone": "none",
                "title": "junior",
                "years_at_school": 0,
                "role": "teacher",
            }
        )
    new = pd.DataFrame(rows)
    return pd.concat([teachers, new], ignore_index=True) if len(new) else teachers


def _promote(teachers: pd.DataFrame, rng: np.random.Generator, year: int) -> pd.DataFrame:
    """A few mid-career teachers named county backbone; a few complete a degree in service."""
    teachers = teachers.copy()
    age = year - teachers["birth_year"]
    draw = rng.random(len(teachers))
    named = age.between(30, 50) & (teachers["backbone"] == "none") & (draw < PROMOTION_CHANCE)
    teachers.loc[named, "backbone"] = "county"
    low = teachers["education"].isin(["secondary", "associate"])
    upgraded = low & (rng.random(len(teachers)) < UPGRADE_CHANCE)
    teachers.loc[upgraded, "education"] = "bachelor"
    return teachers

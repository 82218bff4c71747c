"""Tiny canonical rosters for the optimiser's tests, built row by row.

    roster(
        [school("A"), school("B", area="rural")],
        [teacher("a1", "A", backbone="county"), teacher("b1", "B")],
    )

A school has 200 primary students in one class by default: it needs one teacher of each
subject (so subject coverage, R5, keeps a school's only teacher of a subject unless another
arrives), and its staffing quota is ceil(200 / 19) = 11, above a handful of teachers. Tests of
the other rules use `free()`, the default policy without R5 and R6. A teacher is an eligible
primary Chinese teacher with a bachelor's degree, 8 years at the school, born 1985.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from rotation.io.roster import Roster
from rotation.policy.settings import Policy

YEAR = 2026


def school(
    id: str,
    area: str = "urban",
    primary: tuple[int, int] = (200, 1),
    middle: tuple[int, int] = (0, 0),
    group: str = "",
    x: float = 0.0,
    y: float = 0.0,
    **extra: Any,
) -> dict[str, Any]:
    """One schools row: enrolment and classes per stage as (students, classes)."""
    return {
        "school_id": id,
        "area": area,
        "students_primary": primary[0],
        "classes_primary": primary[1],
        "students_middle": middle[0],
        "classes_middle": middle[1],
        "group": group,
        "x_km": x,
        "y_km": y,
        **extra,
    }


def teacher(
    id: str,
    school: str,
    stage: str = "primary",
    subject: str = "chinese",
    education: str = "bachelor",
    backbone: str = "none",
    years: int = 8,
    birth_year: int = 1985,
    gender: str = "F",
    **extra: Any,
) -> dict[str, Any]:
    """One teachers row; `extra` adds optional columns (role, exempt, home_school_id, …)."""
    return {
        "teacher_id": id,
        "school_id": school,
        "stage": stage,
        "subject": subject,
        "education": education,
        "backbone": backbone,
        "years_at_school": years,
        "birth_year": birth_year,
        "gender": gender,
        **extra,
    }


def roster(schools: list[dict[str, Any]], teachers: list[dict[str, Any]]) -> Roster:
    """A validated Roster of these rows; optional columns missing in a row are blank."""
    return Roster.from_frames(_frame(schools), _frame(teachers))


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    columns = list(dict.fromkeys(key for row in rows for key in row))
    return pd.DataFrame([{c: row.get(c, "") for c in columns} for row in rows], columns=columns)


def free(**changes: Any) -> Policy:
    """The default policy without coverage and staffing, so a test isolates one other rule."""
    return Policy(**{"coverage": False, "staffing": False, **changes})


def moves(*rows: tuple[str, str, str], year: int = YEAR, term: int = 3) -> pd.DataFrame:
    """A hand-made moves table from (teacher_id, from_school, to_school) triples."""
    return pd.DataFrame(
        [
            {
                "teacher_id": t,
                "from_school": a,
                "to_school": b,
                "start_year": year,
                "end_year": year + term,
            }
            for t, a, b in rows
        ],
        columns=["teacher_id", "from_school", "to_school", "start_year", "end_year"],
    )


def random_county(seed: int, n_schools: int = 5, n_teachers: int = 40) -> Roster:
    """A small random county (primary schools with coordinates), the same for the same seed."""
    rng = np.random.default_rng(seed)
    ids = [f"S{i}" for i in range(n_schools)]
    schools = [
        school(
            s,
            area=str(rng.choice(["urban", "town", "rural"])),
            primary=(int(rng.integers(100, 600)), int(rng.integers(3, 12))),
            x=float(rng.uniform(0, 30)),
            y=float(rng.uniform(0, 30)),
        )
        for s in ids
    ]
    teachers = [
        teacher(
            f"T{i:02d}",
            str(rng.choice(ids)),
            subject=str(rng.choice(["chinese", "math", "english", "pe", "music", "art"])),
            education=str(rng.choice(["secondary", "associate", "bachelor", "master"])),
            backbone=str(rng.choice(["none", "none", "county", "city"])),
            years=int(rng.integers(0, 20)),
        )
        for i in range(n_teachers)
    ]
    return roster(schools, teachers)


def two_counties(seed: int = 0, names: tuple[str, str] = ("North", "South")) -> Roster:
    """Two small random counties in one roster (the schools' county column names them); the
    second county's ids carry a B prefix."""
    a, b = random_county(seed, 5, 40), random_county(seed + 1, 4, 30)
    sa, sb, ta, tb = a.schools.copy(), b.schools.copy(), a.teachers.copy(), b.teachers.copy()
    sa["county"], sb["county"] = names
    sb["school_id"] = "B" + sb["school_id"]
    tb["school_id"] = "B" + tb["school_id"]
    tb["teacher_id"] = "B" + tb["teacher_id"]
    return Roster.from_frames(pd.concat([sa, sb]), pd.concat([ta, tb]))

"""Shared fixtures: a tiny valid county roster, as DataFrames and written to files.

The county: four schools, one of them nine-year, and 20 teachers. Every school/stage unit has
at least one teacher of each official teacher indicator, so every CV is defined.

| school | area  | primary students/classes | middle students/classes |
|--------|-------|--------------------------|-------------------------|
| S1     | urban | 400 / 10                 | –                       |
| S2     | town  | 300 / 8                  | 200 / 5  (nine-year)    |
| S3     | rural | 60 / 6                   | –                       |
| S4     | urban | –                        | 500 / 11                |
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import settings

from rotation import Roster

# Property tests. On a developer's machine ("dev") they draw the same examples on every run, so
# a failure seen once is seen again. In CI (the CI variable set) they draw new examples on every
# run, so that over many runs they search more; a failure then prints the seed
# (`--hypothesis-seed=…`) and a `@reproduce_failure(…)` blob that replays it. Choose a profile
# by hand with `pytest --hypothesis-profile=ci`. Tests that set max_examples keep their own.
settings.register_profile("dev", derandomize=True, deadline=None)
settings.register_profile(
    "ci", derandomize=False, print_blob=True, deadline=None, max_examples=50, database=None
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def tiny_schools() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "school_id": ["S1", "S2", "S3", "S4"],
            "name": ["City Primary", "Town School", "Village Primary", "City Middle"],
            "area": ["urban", "town", "rural", "urban"],
            "students_primary": [400, 300, 60, 0],
            "classes_primary": [10, 8, 6, 0],
            "students_middle": [0, 200, 0, 500],
            "classes_middle": [0, 5, 0, 11],
        }
    )


# teacher_id, school_id, stage, subject, education, backbone, years_at_school, birth_year, gender
_TEACHERS = [
    ("T01", "S1", "primary", "chinese", "bachelor", "city", 8, 1980, "F"),
    ("T02", "S1", "primary", "math", "associate", "county", 12, 1975, "M"),
    ("T03", "S1", "primary", "pe", "bachelor", "none", 3, 1990, "M"),
    ("T04", "S1", "primary", "music", "secondary", "none", 7, 1985, "F"),
    ("T05", "S1", "primary", "english", "master", "province", 10, 1978, "F"),
    ("T06", "S1", "primary", "science", "associate", "none", 1, 1995, "M"),
    ("T07", "S2", "primary", "chinese", "associate", "none", 9, 1982, "F"),
    ("T08", "S2", "primary", "art", "secondary", "none", 15, 1968, "M"),
    ("T09", "S2", "primary", "math", "bachelor", "county", 6, 1988, "F"),
    ("T10", "S2", "middle", "physics", "bachelor", "none", 4, 1991, "M"),
    ("T11", "S2", "middle", "chinese", "associate", "national", 20, 1970, "F"),
    ("T12", "S2", "middle", "pe", "master", "none", 2, 1993, "M"),
    ("T13", "S3", "primary", "chinese", "secondary", "none", 11, 1972, "F"),
    ("T14", "S3", "primary", "math", "associate", "county", 5, 1986, "M"),
    ("T15", "S3", "primary", "pe", "associate", "none", 7, 1983, "M"),
    ("T16", "S4", "middle", "math", "bachelor", "city", 9, 1979, "F"),
    ("T17", "S4", "middle", "english", "bachelor", "none", 3, 1992, "F"),
    ("T18", "S4", "middle", "music", "associate", "none", 14, 1969, "M"),
    ("T19", "S4", "middle", "history", "doctor", "none", 6, 1984, "M"),
    ("T20", "S4", "middle", "chemistry", "bachelor", "county", 8, 1981, "F"),
]
TEACHER_COLUMNS = [
    "teacher_id",
    "school_id",
    "stage",
    "subject",
    "education",
    "backbone",
    "years_at_school",
    "birth_year",
    "gender",
]


def tiny_teachers() -> pd.DataFrame:
    return pd.DataFrame(_TEACHERS, columns=TEACHER_COLUMNS)


def tiny_facilities() -> pd.DataFrame:
    """tiny_schools() with the four facility columns (L4–L7), every school meeting them."""
    schools = tiny_schools()
    schools["teaching_area_m2"] = [2400.0, 3200.0, 400.0, 3500.0]
    schools["sports_area_m2"] = [4000.0, 6000.0, 900.0, 6000.0]
    schools["equipment_value_yuan"] = [1_000_000.0, 1_300_000.0, 150_000.0, 1_500_000.0]
    schools["multimedia_rooms"] = [12.0, 14.0, 2.0, 15.0]
    return schools


@pytest.fixture
def schools() -> pd.DataFrame:
    return tiny_schools()


@pytest.fixture
def teachers() -> pd.DataFrame:
    return tiny_teachers()


@pytest.fixture
def roster(schools: pd.DataFrame, teachers: pd.DataFrame) -> Roster:
    return Roster.from_frames(schools, teachers)


def write_csv_folder(
    schools: pd.DataFrame,
    teachers: pd.DataFrame,
    folder: Path,
    names: tuple[str, str] = ("schools", "teachers"),
    encoding: str = "utf-8",
) -> Path:
    """Write the two frames as `<names>.csv` in `folder`, exactly as given (no index)."""
    folder.mkdir(parents=True, exist_ok=True)
    schools.to_csv(folder / f"{names[0]}.csv", index=False, encoding=encoding)
    teachers.to_csv(folder / f"{names[1]}.csv", index=False, encoding=encoding)
    return folder


def write_workbook(
    schools: pd.DataFrame,
    teachers: pd.DataFrame,
    path: Path,
    sheets: tuple[str, str] = ("schools", "teachers"),
) -> Path:
    """Write the two frames as sheets of one .xlsx workbook (header on row 1)."""
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        schools.to_excel(writer, sheet_name=sheets[0], index=False)
        teachers.to_excel(writer, sheet_name=sheets[1], index=False)
    return path


def _writer(tmp_path: Path, write_to: Callable[..., Path], suffix: str) -> Callable[..., Path]:
    """A function writing frames (the tiny county by default) to a fresh path in tmp_path."""
    count = 0

    def write(
        schools: pd.DataFrame | None = None, teachers: pd.DataFrame | None = None, **options
    ) -> Path:
        nonlocal count
        count += 1
        return write_to(
            tiny_schools() if schools is None else schools,
            tiny_teachers() if teachers is None else teachers,
            tmp_path / f"roster{count}{suffix}",
            **options,
        )

    return write


@pytest.fixture
def csv_folder(tmp_path: Path) -> Callable[..., Path]:
    """Writes frames (the tiny county by default) to a fresh CSV folder in tmp_path."""
    return _writer(tmp_path, write_csv_folder, "")


@pytest.fixture
def xlsx_file(tmp_path: Path) -> Callable[..., Path]:
    """Writes frames (the tiny county by default) to a fresh .xlsx workbook in tmp_path."""
    return _writer(tmp_path, write_workbook, ".xlsx")

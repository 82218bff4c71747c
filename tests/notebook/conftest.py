"""Shared plans for the notebook tests: the office's sample workbook (Chinese) and a small
random county (English, no names), each planned once with one worker."""

from __future__ import annotations

import pytest
from rosters import random_county

import rotation

SETTINGS = rotation.SolverSettings(time_limit=20, num_workers=1)


@pytest.fixture(scope="session")
def zh_roster() -> rotation.Roster:
    return rotation.read_roster(rotation.example_path("roster_zh.xlsx"))


@pytest.fixture(scope="session")
def zh_plan(zh_roster: rotation.Roster) -> rotation.Plan:
    return rotation.plan(zh_roster, year=2026, horizon=2, settings=SETTINGS, progress=False)


@pytest.fixture(scope="session")
def en_roster() -> rotation.Roster:
    return random_county(1)


@pytest.fixture(scope="session")
def en_plan(en_roster: rotation.Roster) -> rotation.Plan:
    return rotation.plan(en_roster, year=2026, settings=SETTINGS, progress=False)

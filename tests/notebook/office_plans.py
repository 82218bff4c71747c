"""Shared inputs of the notebook tests, each built once: the office's sample workbook (Chinese)
and a small random county (English, no names), each planned with one worker."""

from __future__ import annotations

from functools import cache

from rosters import random_county

import rotation

SETTINGS = rotation.SolverSettings(time_limit=20, num_workers=1)


@cache
def zh_roster() -> rotation.Roster:
    return rotation.read_roster(rotation.example_path("roster_zh.xlsx"))


@cache
def zh_plan() -> rotation.Plan:
    return rotation.plan(zh_roster(), year=2026, horizon=2, settings=SETTINGS, progress=False)


@cache
def en_roster() -> rotation.Roster:
    return random_county(1)


@cache
def en_plan() -> rotation.Plan:
    return rotation.plan(en_roster(), year=2026, settings=SETTINGS, progress=False)

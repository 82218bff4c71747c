"""Plans of a small county written in Chinese, for the director's report (one worker).

Plain functions, each solved once per test run (a conftest.py here would shadow
tests/conftest.py for the modules that import from it)."""

from __future__ import annotations

from functools import cache

from rosters import random_county

import rotation
from rotation import Roster

SURNAMES = "王李张刘陈杨黄赵吴周"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
SCHOOL_NAMES = ["城关第一小学", "实验小学", "港口镇中心小学", "胡乐镇中心小学", "中溪村小"]


def chinese_county(seed: int = 3) -> Roster:
    """`random_county` with Chinese names for its five schools and forty teachers."""
    base = random_county(seed, n_schools=5, n_teachers=40)
    schools, teachers = base.schools.copy(), base.teachers.copy()
    schools["name"] = SCHOOL_NAMES[: len(schools)]
    teachers["name"] = [
        SURNAMES[i % len(SURNAMES)] + GIVEN[i % len(GIVEN)] + GIVEN[(3 * i) % len(GIVEN)]
        for i in range(len(teachers))
    ]
    return Roster.from_frames(schools, teachers)


@cache
def one_year_plan() -> rotation.Plan:
    """A one-year plan of the Chinese county."""
    settings = rotation.SolverSettings(time_limit=10, num_workers=1)
    plan = rotation.plan(chinese_county(), year=2026, settings=settings)
    assert len(plan.moves) > 0
    return plan


@cache
def two_year_plan() -> rotation.Plan:
    """A plan of the same county over two school years."""
    settings = rotation.SolverSettings(time_limit=10, num_workers=1)
    return rotation.plan(chinese_county(), year=2026, horizon=2, settings=settings)

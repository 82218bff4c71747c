"""`check_road`, the road's independent check: each of its checks made to fail by a doctored
road (the small road of small_road.py with one thing changed), and silent on the road as
solved."""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import Any

import pandas as pd
from rosters import YEAR
from small_road import small_road

from rotation.planning.road import Road, check_road
from rotation.review.evaluation import evaluate


@cache
def solved() -> Road:
    result = small_road()
    assert result.hires["count"].sum() >= 1 and len(result.designations) >= 1
    return result


def doctored(**changes: Any) -> Road:
    return dataclasses.replace(solved(), **changes)


def with_policy(**changes: Any) -> Road:
    return doctored(policy=dataclasses.replace(solved().policy, **changes))


def rules(road: Road) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for v in check_road(road):
        out.setdefault(v.rule, []).append(v.message)
    return out


def hire(**row: Any) -> pd.DataFrame:
    base = {
        "year": YEAR,
        "school_id": "B",
        "name": "河口小学",
        "stage": "primary",
        "subject": "art",
        "education": "bachelor",
        "count": 1,
    }
    return pd.DataFrame([{**base, **row}])


def designate(*rows: tuple[str, str], year: int = YEAR) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"year": year, "teacher_id": t, "name": "", "school_id": s, "stage": "primary"}
            for t, s in rows
        ],
        columns=["year", "teacher_id", "name", "school_id", "stage"],
    )


def test_the_solved_road_passes() -> None:
    assert check_road(solved()) == []


def test_hires_above_the_yearly_limit() -> None:
    messages = rules(with_policy(max_hires_per_year=0))["hires"]
    assert any("above the limit 0" in m for m in messages)


def test_hire_rows_that_cannot_be() -> None:
    bad = pd.concat(
        [
            hire(year=YEAR + 3),
            hire(school_id="Z"),
            hire(subject="physics"),  # a middle-school subject
            hire(education="master"),
            hire(count=0),
        ],
        ignore_index=True,
    )
    messages = rules(doctored(hires=bad))["hires"]
    assert any("not a year of the road" in m for m in messages)
    assert any("no such school unit" in m for m in messages)
    assert any("does not teach the subject" in m for m in messages)
    assert any("education master" in m for m in messages)
    assert any("not a whole number" in m for m in messages)


def test_hires_beyond_the_posts() -> None:
    # 河口小学 has 9 teachers and a quota of 11
    messages = rules(doctored(hires=hire(count=3)))["posts"]
    assert messages == [f"B primary has 12 teachers in {YEAR} with its hires, above its quota 11"]


def test_designations_above_the_yearly_quota() -> None:
    # 18 teachers × 0.2: at most 3 a year
    five = designate(*[(f"b{i}", "B") for i in range(5)])
    messages = rules(doctored(designations=five))["designations"]
    assert messages == [f"5 designated in {YEAR}, above the quota 3"]


def test_designations_the_candidate_rule_refuses() -> None:
    bad = designate(("ab0", "A"), ("zz", "B"), ("b0", "A"), ("b1", "B"), ("b1", "B"))
    messages = rules(doctored(designations=bad))["designations"]
    assert "ab0 is already backbone" in messages
    assert f"zz is not on the roster in {YEAR}" in messages
    assert f"b0 is at B in {YEAR}, not A" in messages
    assert "b1 is designated twice" in messages


def test_designations_without_the_service_or_the_education() -> None:
    messages = rules(with_policy(designation_min_service_years=40))["designations"]
    assert any("years of service" in m for m in messages)
    teachers = solved().start.teachers.copy()
    first = solved().designations["teacher_id"].iloc[0]
    teachers.loc[teachers["teacher_id"] == first, "education"] = "secondary"
    messages = rules(doctored(start=solved().start.with_teachers(teachers)))["designations"]
    assert any("lacks the education" in m for m in messages)


def test_teachers_short_beyond_the_claim() -> None:
    # with coverage on, 河口小学 and 城关小学 lack most subjects: the claimed 0 does not hold
    road = with_policy(coverage=True)
    assert road.claimed["short"] == 0
    assert any("the road claims 0" in m for m in rules(road)["coverage"])


def test_claimed_verdicts_that_do_not_hold() -> None:
    # without its hires and designations the road no longer passes L2 and L3 as it claims
    empty = solved().hires.iloc[0:0]
    road = doctored(hires=empty, designations=solved().designations.iloc[0:0])
    messages = rules(road)["CV"]
    assert any(m.startswith("primary L2 claimed to pass") for m in messages)
    claimed = {**solved().claimed, "school_pass": {("B", "primary"): True}}
    assert rules(doctored(claimed=claimed))["school rule"] == ["B primary claimed to pass, fails"]


def test_reported_verdicts_that_are_not_the_recount() -> None:
    # the verdicts of the roster before the road reported as the road's
    before = evaluate(solved().start, solved().policy)
    messages = rules(doctored(yearly={YEAR: before}))["reported"]
    assert any("primary L2" in m for m in messages)

"""Who may rotate this year, and why not: one reason per teacher, the first that applies.

The order is the order an office checks in: a teacher already away on rotation is not asked
again; an exemption or leave outranks tenure; leaders follow their own term rule.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from rotation.io.roster import Roster
from rotation.messages import Text, Words, text
from rotation.policy.retirement import (
    birth_months,
    describe_retirement,
    retirement_age_months,
    retirement_date,
    retirement_years,
)
from rotation.policy.settings import Policy

__all__ = ["REASONS", "REASON_CODES", "eligibility"]

#: Reason codes, in the order they are tested, with the words shown to users: catalogue
#: `Text`s, equal to the English and rendering in Chinese (``REASONS[code].render("zh")``).
REASON_CODES = (
    "on_rotation",
    "term_ended",
    "exempt",
    "on_leave",
    "near_retirement",
    "leader_terms",
    "too_few_years",
    "eligible",
)
REASONS: dict[str, Text] = {code: Text(f"eligibility.reason.{code}") for code in REASON_CODES}


def eligibility(
    roster: Roster, policy: Policy | None = None, year: int | None = None
) -> pd.DataFrame:
    """Whether each teacher may rotate in `year`, and the first reason why not.

    A teacher is near retirement when the retirement date (rotation.policy.retirement: the
    2025 reform by default, or fixed ages) falls in `year` + `exempt_years_before_retirement`
    or earlier; with fixed ages, when year − birth_year ≥ the age − those years.

    Parameters
    ----------
    roster
        The roster at the start of `year`.
    policy
        The rules: tenure, leader terms, retirement and its exemption years (default: the
        Anhui preset, as `rotation.plan` has it).
    year
        The school year being planned (default: this calendar year, as `rotation.plan`).

    Returns
    -------
    pandas.DataFrame
        One row per teacher, in roster order: teacher_id, eligible (bool), reason (a code of
        `REASONS`) and detail (a sentence for the user: a catalogue `Text`, whose string is the
        English and whose ``render("zh")`` the Chinese, such as 在本校连续任教8年，不足9年).
    """
    policy = policy or Policy()
    year = year if year is not None else dt.date.today().year
    t = roster.teachers
    end = t["rotation_end_year"].astype("Float64").fillna(-1).to_numpy()
    away = (t["home_school_id"] != "").to_numpy()
    leader = t["role"].isin(("principal", "vice_principal")).to_numpy()
    terms = _leader_terms(t, policy)
    retires = retirement_years(t, policy).to_numpy()
    checks: list[tuple[str, npt.ArrayLike]] = [
        ("on_rotation", away & (end > year)),
        ("term_ended", away & (end <= year)),
        ("exempt", (t["exempt"] != "").to_numpy()),
        ("on_leave", t["on_leave"].to_numpy(dtype=bool)),
        ("near_retirement", retires <= year + policy.exempt_years_before_retirement),
        ("leader_terms", leader & (terms < policy.leader_terms)),
        ("too_few_years", ~leader & (t["years_at_school"] < policy.min_years_at_school).to_numpy()),
    ]
    reason = np.full(len(t), "eligible", dtype=object)
    decided = np.zeros(len(t), dtype=bool)
    for code, hits in checks:
        hit = np.asarray(hits, dtype=bool) & ~decided
        reason[hit] = code
        decided |= hit
    months = birth_months(t).fillna(0)
    detail = [
        _detail(code, row, int(month), terms_, policy, year)
        for code, row, month, terms_ in zip(
            reason, t.itertuples(index=False), months, terms, strict=True
        )
    ]
    return pd.DataFrame(
        {
            "teacher_id": t["teacher_id"].to_numpy(),
            "eligible": reason == "eligible",
            "reason": reason,
            "detail": detail,
        }
    )


def _leader_terms(t: pd.DataFrame, policy: Policy) -> npt.NDArray[np.floating[Any]]:
    """Terms served at the school: the roster's leader_terms, else whole terms of tenure."""
    from_tenure = t["years_at_school"] // policy.leader_term_years
    given = t["leader_terms"].astype("Float64")
    return given.fillna(from_tenure.astype("Float64")).to_numpy(dtype=float)


def _detail(code: str, row: Any, month: int, terms: float, policy: Policy, year: int) -> Text:
    """The sentence for one teacher's reason; `month` is 0 where only the birth year is known."""
    if code == "on_rotation":
        return Text(
            "eligibility.on_rotation",
            home_school=row.home_school_id,
            end_year=row.rotation_end_year,
        )
    if code == "term_ended":
        return Text(
            "eligibility.term_ended", home_school=row.home_school_id, end_year=row.rotation_end_year
        )
    if code == "exempt":
        if row.exempt == "yes":
            return Text("eligibility.exempt")
        return Text("eligibility.exempt_because", why=row.exempt)
    if code == "on_leave":
        return Text("eligibility.on_leave")
    if code == "near_retirement":
        when = Words(
            _retirement_zh(policy, row.gender, int(row.birth_year), month or None),
            describe_retirement(policy, row.gender, int(row.birth_year), month or None),
        )
        n = policy.exempt_years_before_retirement
        return Text("eligibility.near_retirement_detail", when=when, years=n, year=year)
    if code == "leader_terms":
        role = Words(text(f"role.{row.role}", "zh"), row.role)
        return Text(
            "eligibility.leader_terms", terms=int(terms), needed=policy.leader_terms, role=role
        )
    if code == "too_few_years":
        return Text(
            "eligibility.too_few_years",
            years=row.years_at_school,
            needed=policy.min_years_at_school,
        )
    return Text("eligibility.eligible", years=row.years_at_school)


def _retirement_zh(policy: Policy, gender: str, birth_year: int, month: int | None) -> str:
    """When a teacher retires, as an office writes it (2029年12月退休，退休年龄61岁0个月)."""
    if policy.retirement == "fixed":
        age = policy.retirement_age[gender]
        return text("eligibility.retires_fixed", "zh", year=birth_year + age, age=age)
    year, month_out = retirement_date(policy, gender, birth_year, month)
    months = retirement_age_months(
        policy.retirement, policy.retirement_age[gender], birth_year, month
    )
    return text(
        "eligibility.retires_reform" if month else "eligibility.retires_reform_no_month",
        "zh",
        year=year,
        month=month_out,
        age=months // 12,
        months=months % 12,
    )

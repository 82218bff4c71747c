"""Who may rotate this year, and why not: one reason per teacher, the first that applies.

The order is the order an office checks in: a teacher already away on rotation is not asked
again; an exemption or leave outranks tenure; leaders follow their own term rule.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rotation.policy.settings import Policy

#: Reason codes, in the order they are tested, with the sentence shown to users.
REASONS: dict[str, str] = {
    "on_rotation": "already on rotation",
    "term_ended": "rotation term ended: returns to the home school",
    "exempt": "exempt",
    "on_leave": "on leave",
    "near_retirement": "within the exemption years before retirement",
    "leader_terms": "principal or vice-principal with too few terms at the school",
    "too_few_years": "too few years at the school",
    "eligible": "eligible",
}


def eligibility(roster, policy: Policy, year: int) -> pd.DataFrame:
    """One row per teacher: teacher_id, eligible, reason (a code of REASONS) and detail.

    `year` is the school year being planned; ages are year − birth_year.
    """
    t = roster.teachers
    age = year - t["birth_year"]
    end = t["rotation_end_year"].astype("Float64").fillna(-1).to_numpy()
    away = (t["home_school_id"] != "").to_numpy()
    leader = t["role"].isin(("principal", "vice_principal")).to_numpy()
    terms = _leader_terms(t, policy)
    exempt_age = t["gender"].map(policy.retirement_exemption_age)
    checks = [
        ("on_rotation", away & (end > year)),
        ("term_ended", away & (end <= year)),
        ("exempt", (t["exempt"] != "").to_numpy()),
        ("on_leave", t["on_leave"].to_numpy(dtype=bool)),
        ("near_retirement", (age >= exempt_age).to_numpy()),
        ("leader_terms", leader & (terms < policy.leader_terms)),
        ("too_few_years", ~leader & (t["years_at_school"] < policy.min_years_at_school).to_numpy()),
    ]
    reason = np.full(len(t), "eligible", dtype=object)
    decided = np.zeros(len(t), dtype=bool)
    for code, hit in checks:
        hit = np.asarray(hit, dtype=bool) & ~decided
        reason[hit] = code
        decided |= hit
    detail = [
        _detail(code, row, age_, terms_, policy)
        for code, row, age_, terms_ in zip(
            reason, t.itertuples(index=False), age, terms, strict=True
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


def _leader_terms(t: pd.DataFrame, policy: Policy) -> np.ndarray:
    """Terms served at the school: the roster's leader_terms, else whole terms of tenure."""
    from_tenure = t["years_at_school"] // policy.leader_term_years
    given = t["leader_terms"].astype("Float64")
    return given.fillna(from_tenure.astype("Float64")).to_numpy(dtype=float)


def _detail(code: str, row, age: int, terms: float, policy: Policy) -> str:
    if code == "on_rotation":
        return f"on rotation from {row.home_school_id} until {row.rotation_end_year}"
    if code == "term_ended":
        return f"term ended {row.rotation_end_year}: returns to {row.home_school_id}"
    if code == "exempt":
        return "exempt" if row.exempt == "yes" else f"exempt: {row.exempt}"
    if code == "near_retirement":
        limit = policy.retirement_exemption_age(row.gender)
        retire = policy.retirement_age[row.gender]
        return (
            f"age {age} ≥ {limit} (retirement {retire} − {policy.exempt_years_before_retirement})"
        )
    if code == "leader_terms":
        return f"{int(terms)} of {policy.leader_terms} terms as {row.role}"
    if code == "too_few_years":
        return f"{row.years_at_school} of {policy.min_years_at_school} years at the school"
    return REASONS[code]

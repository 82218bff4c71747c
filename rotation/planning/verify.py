"""An independent check of a plan against every hard rule.

Written from the rules, not from the model: it looks only at the roster, the policy and the
moves table, recounts everything with pandas, and reports each broken rule with its numbers.
A plan returned by the optimiser must pass it; so must a plan made by hand before it is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import pandas as pd

from rotation.errors import InputError
from rotation.io.counties import crossing_moves, moves_by_county
from rotation.io.moves import move_rows
from rotation.io.roster import Roster
from rotation.policy.destinations import more_urban, school_strength, travel_cap
from rotation.policy.eligible import eligibility
from rotation.policy.requirements import staff_quota, subject_need
from rotation.policy.settings import Policy


@dataclass(frozen=True)
class Violation:
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.message}"


def verify_plan(
    roster: Roster,
    moves: pd.DataFrame,
    policy: Policy,
    year: int,
    pins: pd.DataFrame | None = None,
    distances: pd.DataFrame | None = None,
    baseline: Roster | None = None,
    reference: Roster | None = None,
) -> list[Violation]:
    """Every hard rule the moves break, judged on `roster` (the state the year starts from).

    In a plan of several years, `baseline` is the year's roster had the plan moved nobody
    (coverage and staffing compare with it: rotation must not leave a school worse off than
    no rotation would), and `reference` the first year's roster, on which the direction rule
    ranks schools. Both default to `roster`.

    A roster of several counties is checked county by county, and no move may cross a county
    line."""
    if len(roster.counties()) > 1:
        return _by_county(roster, moves, policy, year, pins, distances, baseline, reference)
    out: list[Violation] = []
    teachers = roster.teachers.set_index("teacher_id")
    stages = roster.stages()
    out += _one_move_same_stage(moves, teachers, stages)
    if out:
        return out  # the counts below need well-formed moves
    pinned = (
        pins
        if pins is not None and len(pins)
        else pd.DataFrame(columns=["teacher_id", "action", "school"])
    )
    out += _eligible_or_pinned(roster, moves, policy, year, pinned)
    out += _terms(moves, policy, year)
    out += _ratio_and_backbone(roster, moves, policy, year, teachers)
    after = roster.apply_moves(moves)
    out += _coverage(baseline or roster, after, policy)
    out += _staffing(baseline or roster, after, policy)
    out += _pins(moves, pinned)
    out += _destinations(roster, moves, policy, distances, reference or roster)
    return out


def _one_move_same_stage(
    moves: pd.DataFrame, teachers: pd.DataFrame, stages: dict[str, set[str]]
) -> list[Violation]:
    out = []
    dup = moves["teacher_id"][moves["teacher_id"].duplicated()]
    for tid in dup:
        out.append(Violation("R4", f"{tid} moves more than once"))
    for m in move_rows(moves):
        if m.teacher_id not in teachers.index:
            out.append(Violation("R4", f"{m.teacher_id} is not in the roster"))
            continue
        t = teachers.loc[m.teacher_id]
        if m.from_school != t.school_id:
            out.append(Violation("R4", f"{m.teacher_id} is at {t.school_id}, not {m.from_school}"))
        if m.to_school == m.from_school:
            out.append(Violation("R4", f"{m.teacher_id} 'moves' to the same school"))
        if t.stage not in stages.get(m.to_school, set()):
            out.append(
                Violation(
                    "R4",
                    f"{m.teacher_id} ({t.stage}) sent to {m.to_school}, without {t.stage} students",
                )
            )
    return out


def _eligible_or_pinned(
    roster: Roster, moves: pd.DataFrame, policy: Policy, year: int, pins: pd.DataFrame
) -> list[Violation]:
    status = eligibility(roster, policy, year).set_index("teacher_id")
    forced = set(pins.loc[pins["action"].isin(["move", "to"]), "teacher_id"])
    out = []
    for tid in moves["teacher_id"]:
        if not status.at[tid, "eligible"] and tid not in forced:
            out.append(
                Violation(
                    "R7", f"{tid} is not eligible ({status.at[tid, 'detail']!s}) and not pinned"
                )
            )
    return out


def _terms(moves: pd.DataFrame, policy: Policy, year: int) -> list[Violation]:
    out = []
    for m in move_rows(moves):
        if m.start_year != year or m.end_year != year + policy.term_years:
            out.append(
                Violation(
                    "R7",
                    f"{m.teacher_id} serves {m.start_year}–{m.end_year}, "
                    f"expected {year}–{year + policy.term_years}",
                )
            )
    return out


def _ratio_and_backbone(
    roster: Roster, moves: pd.DataFrame, policy: Policy, year: int, teachers: pd.DataFrame
) -> list[Violation]:
    eligible = int(eligibility(roster, policy, year)["eligible"].sum())
    # a teacher on rotation sent back home ends a rotation: that move is not one
    home = moves["teacher_id"].map(teachers["home_school_id"])
    moves = moves[moves["to_school"] != home]
    n = len(moves)
    lo, hi = policy.min_rotated(eligible), policy.max_rotated(eligible)
    out = []
    if n < lo:
        out.append(
            Violation(
                "R1",
                f"{n} rotated, fewer than {lo} ({policy.min_rotation_ratio:.0%} of {eligible})",
            )
        )
    if n > hi:
        out.append(
            Violation(
                "R2",
                f"{n} rotated, more than {hi} ({policy.max_rotation_ratio:.0%} of {eligible})",
            )
        )
    backbone = int((teachers.loc[list(moves["teacher_id"]), "backbone"] != "none").sum())
    share = policy.backbone_fraction
    if share.denominator * backbone < share.numerator * n:
        out.append(
            Violation(
                "R3", f"{backbone} backbone of {n} rotated, below {policy.min_backbone_share:.0%}"
            )
        )
    return out


def _coverage(before: Roster, after: Roster, policy: Policy) -> list[Violation]:
    if not policy.coverage:
        return []
    need = subject_need(before.units(), policy)
    have0 = before.teachers.groupby(["school_id", "stage", "subject"]).size()
    have1 = after.teachers.groupby(["school_id", "stage", "subject"]).size()
    out = []
    for key, row in need.iterrows():
        school, stage = cast("tuple[str, str]", key)
        for subject, n in row.items():
            h0 = int(have0.get((school, stage, subject), 0))
            h1 = int(have1.get((school, stage, subject), 0))
            floor = min(h0, int(n))
            if h1 < floor:
                out.append(
                    Violation(
                        "R5",
                        f"{school} {stage} {subject}: {h1} after, below min(before {h0}, need {n})",
                    )
                )
    return out


def _staffing(before: Roster, after: Roster, policy: Policy) -> list[Violation]:
    if not policy.staffing:
        return []
    units = before.units()
    quota = staff_quota(units, policy)
    heads0 = units.set_index(["school_id", "stage"])["teachers"]
    heads1 = after.units().set_index(["school_id", "stage"])["teachers"]
    out = []
    for index, h1 in heads1.items():
        key = cast("tuple[str, str]", index)
        cap = max(int(heads0.get(key, 0)), int(quota[key]))
        if h1 > cap:
            out.append(
                Violation(
                    "R6",
                    f"{key[0]} {key[1]}: {h1} teachers after, above "
                    f"max(before {heads0.get(key, 0)}, quota {quota[key]})",
                )
            )
    return out


def _pins(moves: pd.DataFrame, pins: pd.DataFrame) -> list[Violation]:
    out = []
    dest = dict(zip(moves["teacher_id"], moves["to_school"], strict=True))
    for tid, group in pins.groupby("teacher_id"):
        actions = set(group["action"])
        if "stay" in actions and tid in dest:
            out.append(Violation("R8", f"{tid} is pinned to stay but moves"))
        if actions & {"move", "to"} and tid not in dest:
            out.append(Violation("R8", f"{tid} is pinned to move but stays"))
        targets = set(group.loc[group["action"] == "to", "school"])
        if targets and tid in dest and dest[tid] not in targets:
            out.append(Violation("R8", f"{tid} goes to {dest[tid]}, not one of {sorted(targets)}"))
        banned = set(group.loc[group["action"] == "not_to", "school"])
        if tid in dest and dest[tid] in banned:
            out.append(Violation("R8", f"{tid} goes to {dest[tid]}, which is forbidden"))
    return out


def _destinations(
    roster: Roster,
    moves: pd.DataFrame,
    policy: Policy,
    distances: pd.DataFrame | None,
    reference: Roster,
) -> list[Violation]:
    schools = roster.schools.set_index("school_id")
    strength = (
        school_strength(reference, policy).to_dict()
        if policy.direction == "strong_to_weak"
        else None
    )
    stage = roster.teachers.set_index("teacher_id")["stage"]
    out = []
    try:
        cap = travel_cap(policy, distances)
    except InputError as err:  # a cap that cannot be checked breaks R11 for every move
        cap = None
        out += [Violation("R11", problem.message) for problem in err.problems if len(moves)]
    for m in move_rows(moves):
        # one row per school_id: each a Series of the school's columns
        a = cast(pd.Series, schools.loc[m.from_school])
        b = cast(pd.Series, schools.loc[m.to_school])
        if policy.direction == "outward" and more_urban(b.area, than=a.area):
            out.append(
                Violation(
                    "R9",
                    f"{m.teacher_id}: {a.area} {m.from_school} to more urban {m.to_school}",
                )
            )
        if strength is not None:
            s = stage[m.teacher_id]
            if strength[(m.to_school, s)] >= strength[(m.from_school, s)]:
                out.append(
                    Violation(
                        "R9",
                        f"{m.teacher_id} moves to {m.to_school}, not weaker than {m.from_school}",
                    )
                )
        if policy.within_group and (not a.group or a.group != b.group):
            out.append(
                Violation(
                    "R10",
                    f"{m.teacher_id} leaves group {a.group or '-'!r} for {b.group or '-'!r}",
                )
            )
        if cap is not None and distances is not None:  # a cap comes with a table
            length = cast(float, distances.at[m.from_school, m.to_school])
            if not cap.allows(length):
                out.append(Violation("R11", f"{m.teacher_id} travels {cap.describe(length)}"))
    return out


def _by_county(
    roster: Roster,
    moves: pd.DataFrame,
    policy: Policy,
    year: int,
    pins: pd.DataFrame | None,
    distances: pd.DataFrame | None,
    baseline: Roster | None,
    reference: Roster | None,
) -> list[Violation]:
    """`verify_plan` for a roster of several counties: no move crosses a county line, and each
    county's moves keep every rule within that county."""
    out = [
        Violation(
            "county",
            f"{m.teacher_id} moves from {m.from_school} ({m.from_county}) to {m.to_school} "
            f"({m.to_county}): across a county line",
        )
        for m in crossing_moves(roster.schools, moves).itertuples()
    ]
    if out:
        return out
    split = moves_by_county(roster.schools, moves)
    bases = (baseline or roster).by_county()
    references = (reference or roster).by_county()
    for name, part in roster.by_county().items():
        ids = set(part.teachers["teacher_id"].astype(str))
        own_pins = pins[pins["teacher_id"].astype(str).isin(ids)] if pins is not None else None
        schools = list(part.schools["school_id"])
        km = distances.reindex(index=schools, columns=schools) if distances is not None else None
        found = verify_plan(
            part,
            split[name],
            policy,
            year,
            own_pins,
            km,
            bases.get(name, part),
            references.get(name, part),
        )
        out += [Violation(v.rule, f"[{name}] {v.message}") for v in found]
    return out

"""Why no plan exists: the rules that clash, with the numbers that make them clash.

First the arithmetic an office can check by hand (too few movable teachers, too few backbone
teachers); then CP-SAT itself: each rule family is guarded by a literal assumed true, and the
solver returns a subset of them that cannot hold together. Then the names behind the numbers
(a pin beyond the travel cap, the school subjects with no teacher to spare) and, for each rule
that clashes, the smallest change of a setting that makes a plan exist, each checked by a
solve (rotation.model.suggest). All of it within what is left of the caller's time limit.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from typing import cast

from ortools.sat.python import cp_model

from rotation.errors import InfeasibleError
from rotation.messages import Text, Words, joined, text
from rotation.model.instance import Instance
from rotation.model.rules import RULE_NAMES, add_rules
from rotation.model.solve import DETERMINISTIC_TIME_PER_SECOND
from rotation.model.status import ModelInvalidError
from rotation.model.suggest import smallest_changes, teacher_words
from rotation.model.variables import build_flows
from rotation.policy.destinations import travel_cap
from rotation.policy.eligible import REASONS

#: Seconds the explanation may search for a conflicting subset of rules (one worker), at most:
#: never more than what is left of the caller's time limit.
EXPLAIN_SECONDS = 20.0
#: Below this many seconds left, the solver is not asked for a conflicting subset at all.
MIN_EXPLAIN_SECONDS = 0.05
NOT_IN_TIME = Text("explain.not_in_time")
#: Most school subjects named as having no teacher to spare.
MAX_NAMED = 8
#: The rule numbers behind each arithmetic conflict.
ARITHMETIC_RULES = {
    "explain.too_few_movable": {"R1"},
    "explain.too_few_backbone": {"R3"},
    "explain.too_many_pinned": {"R2", "R8"},
}


def explain_infeasibility(
    inst: Instance, settings, seconds: float = EXPLAIN_SECONDS
) -> InfeasibleError:
    """The InfeasibleError naming the rules that clash, and the smallest changes of a setting
    that give a plan (`InfeasibleError.changes`, each a `rotation.model.suggest.Change`);
    `seconds`: what is left of the time limit (the solver's search for a conflicting subset,
    then the checks of the changes, are capped to it). Each conflict is a catalogue `Text`:
    English as a string, Chinese with ``render("zh")``."""
    deadline = time.monotonic() + seconds
    conflicts: list[Text] = list(arithmetic_conflicts(inst))
    if not conflicts:
        conflicts = list(solver_conflicts(inst, settings, seconds))
    rules = clashing_rules(conflicts)
    details = pin_conflicts(inst)
    if "R5" in rules or ("R1" in rules and inst.policy.coverage):
        details += no_spare(inst)
    restrictions = _restrictions(inst)
    out: list[str] = [*conflicts, *details]
    if restrictions:
        out.append(Text("explain.narrowed", restrictions=joined(restrictions, "；", "; ")))
    left = min(EXPLAIN_SECONDS, deadline - time.monotonic())
    changes, tried = smallest_changes(inst, settings, rules, left)
    return InfeasibleError(out, changes, tried and not changes)


def clashing_rules(conflicts: list[Text]) -> set[str]:
    """The rule numbers the conflicts name (R8 too when a pin is part of it)."""
    out: set[str] = set()
    for c in conflicts:
        key = getattr(c, "key", "")
        out |= ARITHMETIC_RULES.get(key, set())
        if key.startswith("explain.R"):
            out.add(key.removeprefix("explain."))
    return out


def rule(number: str) -> Words:
    """A rule's number and name in either language: "R1 交流比例下限" / "R1 minimum …"."""
    return Words(f"{number} {text(f'rule.{number}', 'zh')}", f"{number} {RULE_NAMES[number]}")


def _percent(x: float) -> str:
    return f"{x:.0%}"


def arithmetic_conflicts(inst: Instance) -> list[Text]:
    """Conflicts visible from counts alone, year by year."""
    out = []
    for y in range(inst.n_years):
        out += _year_arithmetic(inst, y)
    return out


def _in_year(inst: Instance, y: int) -> Words:
    """ " in 2027" for plans of several years; nothing for a one-year plan."""
    year = inst.years[y]
    return Words(f"（{year}年）", f" in {year}") if inst.n_years > 1 else Words("", "")


def _year_arithmetic(inst: Instance, y: int) -> list[Text]:
    p = inst.policy
    movable = inst.movable(y)
    least, most, eligible = inst.min_moves[y], inst.max_moves[y], inst.eligible[y]
    when = _in_year(inst, y)
    out = []
    if movable < least:
        out.append(
            Text(
                "explain.too_few_movable",
                rule=rule("R1"),
                when=when,
                least=least,
                ratio=_percent(p.min_rotation_ratio),
                eligible=eligible,
                movable=movable,
            )
        )
    share = p.backbone_fraction
    backbone = sum(c.size for c in inst.classes if inst.types[c.type].backbone and y in c.years)
    need = math.ceil(share * least)
    if backbone < need:
        out.append(
            Text(
                "explain.too_few_backbone",
                rule=rule("R3"),
                when=when,
                share=_percent(p.min_backbone_share),
                least=least,
                need=need,
                backbone=backbone,
            )
        )
    forced = sum(c.must_move for c in inst.classes if c.home is None) if y == 0 else 0
    if forced > most:
        out.append(
            Text(
                "explain.too_many_pinned",
                rule=rule("R8"),
                forced=forced,
                other=rule("R2"),
                most=most,
                ratio=_percent(p.max_rotation_ratio),
                eligible=eligible,
            )
        )
    return out


def solver_conflicts(inst: Instance, settings, seconds: float = EXPLAIN_SECONDS) -> list[Text]:
    """A subset of rule families CP-SAT proves cannot all hold (assumptions, one worker),
    searched for at most `seconds` (and EXPLAIN_SECONDS), building the model included."""
    deadline = time.monotonic() + min(EXPLAIN_SECONDS, seconds)
    if seconds < MIN_EXPLAIN_SECONDS:
        return [NOT_IN_TIME]
    model = cp_model.CpModel()
    flows = build_flows(model, inst)
    guards = {number: model.new_bool_var(f"rule_{number}") for number in RULE_NAMES}
    add_rules(model, inst, flows, guards)
    model.add_assumptions(list(guards.values()))
    seconds = deadline - time.monotonic()
    if seconds < MIN_EXPLAIN_SECONDS:
        return [NOT_IN_TIME]
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = settings.seed
    solver.parameters.max_time_in_seconds = seconds
    if settings.deterministic:  # a budget that does not depend on the clock: repeatable
        solver.parameters.max_deterministic_time = DETERMINISTIC_TIME_PER_SECOND * min(
            EXPLAIN_SECONDS, settings.time_limit
        )
    status = solver.solve(model)
    if status == cp_model.MODEL_INVALID:
        raise ModelInvalidError("the explanation of infeasibility", model.validate())
    if status != cp_model.INFEASIBLE:
        return [NOT_IN_TIME]
    core = set(solver.sufficient_assumptions_for_infeasibility())
    return [describe(inst, number) for number, lit in guards.items() if lit.index in core]


def describe(inst: Instance, number: str) -> Text:
    """One rule, with the numbers it imposes on this roster."""
    p = inst.policy
    name = rule(number)
    eligible = inst.eligible[0]
    if number == "R1":
        per_year: object = Words("", "")
        if inst.n_years > 1:
            pairs = list(zip(inst.years, inst.min_moves, strict=True))
            counts = Words(
                "、".join(f"{y}年{n}人" for y, n in pairs), ", ".join(f"{y}: {n}" for y, n in pairs)
            )
            per_year = Text("explain.per_year", counts=counts)
        return Text(
            "explain.R1",
            rule=name,
            least=inst.min_moves[0],
            ratio=_percent(p.min_rotation_ratio),
            eligible=eligible,
            per_year=per_year,
        )
    if number == "R2":
        return Text(
            "explain.R2",
            rule=name,
            most=inst.max_moves[0],
            ratio=_percent(p.max_rotation_ratio),
            eligible=eligible,
        )
    if number == "R3":
        backbone = sum(c.size for c in inst.classes if inst.types[c.type].backbone)
        return Text(
            "explain.R3", rule=name, share=_percent(p.min_backbone_share), backbone=backbone
        )
    if number == "R4":
        stages = inst.units.index.get_level_values("stage")
        return Text(
            "explain.R4",
            rule=name,
            n=sum(c.size for c in inst.classes),
            primary=(stages == "primary").sum(),
            middle=(stages == "middle").sum(),
        )
    if number == "R5":
        tight = sum(
            1
            for key, floor in inst.floors.items()
            if key[0] == 0 and inst.subjects0.get(key, 0) <= floor
        )
        return Text("explain.R5", rule=name, tight=tight)
    if number == "R6":
        full = int((inst.heads[0] >= inst.caps[0]).sum())
        return Text("explain.R6", rule=name, full=full, units=inst.n_units)
    if number == "R8":
        forced = sum(c.must_move for c in inst.classes)
        return Text(
            "explain.R8",
            rule=name,
            forced=Words(f"{forced}人", _count(forced, "teacher")),
            pins=len(inst.pins),
        )
    return Text("explain.rule", rule=name)


def _restrictions(inst: Instance) -> list[Text]:
    """The rules that shape the model's classes and destinations rather than constrain its
    variables, so no assumption can name them: eligibility, pins, direction, groups, distance."""
    p = inst.policy
    out = []
    forced = {tid for c in inst.classes if c.must_move for tid in c.teacher_ids}
    barred = inst.status[~inst.status["eligible"] & ~inst.status["teacher_id"].isin(forced)]
    if len(barred):
        counts = barred["reason"].value_counts()
        codes = [code for code in REASONS if code in counts]
        reasons = Words(
            "、".join(f"{REASONS[code].render('zh')}{counts[code]}人" for code in codes),
            ", ".join(f"{counts[code]} {REASONS[code]}" for code in codes),
        )
        out.append(
            Text(
                "explain.R7",
                rule=rule("R7"),
                barred=len(barred),
                total=len(inst.status),
                reasons=reasons,
            )
        )
    if len(inst.pins):
        stay = inst.pins.loc[inst.pins.action == "stay", "teacher_id"].nunique()
        placed = inst.pins.loc[inst.pins.action.isin(("to", "not_to")), "teacher_id"].nunique()
        parts = [Text("explain.pinned_stay", n=stay)] * bool(stay)
        parts += [Text("explain.pinned_destination", n=placed)] * bool(placed)
        if parts:
            out.append(Text("explain.R8_pins", rule=rule("R8"), parts=joined(parts, "、", ", ")))
    if p.direction != "any":
        direction = Words(text(f"policy_value.direction.{p.direction}", "zh"), p.direction)
        out.append(Text("explain.R9", rule=rule("R9"), direction=direction))
    if p.within_group:
        out.append(Text("explain.R10", rule=rule("R10")))
    cap = travel_cap(p, inst.distances)
    if cap is not None:
        zh = f"不超过{cap.limit:g}{'公里' if cap.unit == 'km' else '分钟'}"
        out.append(Text("explain.R11", rule=rule("R11"), cap=Words(zh, cap.describe())))
    return out


def school_words(inst: Instance, school_id: str) -> Words:
    """A school as each language names one: its name and id, or the id."""
    schools = inst.roster.schools
    names = schools.loc[schools["school_id"] == school_id, "name"] if "name" in schools else None
    name = str(names.iloc[0]).strip() if names is not None and len(names) else ""
    if not name or name == school_id:
        return Words(school_id, school_id)
    return Words(f"{name}（{school_id}）", f"{name} ({school_id})")


def pin_conflicts(inst: Instance) -> list[Text]:
    """Teachers pinned to move who have nowhere to go: each school they are pinned to that
    lies beyond the travel cap (R11) with its distance, else that no school qualifies."""
    cap = travel_cap(inst.policy, inst.distances)
    school = inst.units.index.get_level_values("school_id")
    pins = inst.pins
    out: list[Text] = []
    for c in inst.classes:
        if not c.must_move or c.candidates is None or c.candidates:
            continue
        tid = c.teacher_ids[0]
        origin = str(school[c.unit])
        mine = pins[(pins["teacher_id"] == tid) & (pins["action"] == "to")] if len(pins) else pins
        found = []
        for target in mine["school"] if len(mine) else []:
            km = _distance(inst, origin, str(target))
            if cap is not None and not cap.allows(km):
                unit_zh = "公里" if cap.unit == "km" else "分钟"
                unit_en = "km" if cap.unit == "km" else "min"
                found.append(
                    Text(
                        "explain.pin_too_far",
                        who=teacher_words(inst, tid),
                        school=school_words(inst, str(target)),
                        distance=Words(f"{km:.1f}{unit_zh}", f"{km:.1f} {unit_en}"),
                        cap=Words(f"{cap.limit:g}{unit_zh}", f"{cap.limit:g} {unit_en}"),
                        rule=rule("R11"),
                    )
                )
        out += found or [Text("explain.pin_nowhere", who=teacher_words(inst, tid), rule=rule("R8"))]
    return out


def _distance(inst: Instance, origin: str, target: str) -> float:
    """Distance (or travel time) between two schools; NaN without a distance table."""
    if inst.distances is None:
        return math.nan
    return float(cast(float, inst.distances.at[origin, target]))


def no_spare(inst: Instance) -> list[Text]:
    """R5 in the user's terms: how many of the teachers who may move can leave without leaving
    their school short of their subject, and the school subjects with none to spare."""
    movable: Counter[tuple[int, str]] = Counter()
    for c in inst.classes:
        if 0 in c.years:
            movable[(c.unit, inst.types[c.type].subject)] += c.size
    school = inst.units.index.get_level_values("school_id")
    spare, tight = 0, []
    for (u, subject), n in sorted(movable.items()):
        have = inst.subjects0.get((0, u, subject), 0)
        floor = inst.floors.get((0, u, subject), 0)
        spare += min(n, max(0, have - floor))
        if have <= floor:
            tight.append((str(school[u]), subject))
    if not tight:
        return []
    items = [
        Words(
            f"{school_words(inst, s).render('zh')}{text(f'subject.{subject}', 'zh')}",
            f"{school_words(inst, s).render('en')} {text(f'subject.{subject}', 'en').lower()}",
        )
        for s, subject in tight[:MAX_NAMED]
    ]
    more = len(tight) - len(items)
    if more:
        items.append(Words(f"等{len(tight)}个", f"and {more} more"))
    return [
        Text(
            "explain.no_spare",
            rule=rule("R5"),
            movable=sum(movable.values()),
            spare=spare,
            items=joined(items, "、", ", "),
        )
    ]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")

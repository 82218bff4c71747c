"""The smallest change of one setting that lets a plan exist, each checked by solving with it.

For the rules that clash (rotation.model.explain): the minimum rotation ratio down (R1, the
largest whole percent that still gives a plan), the backbone share down (R3), the maximum ratio
up (R2, the smallest whole percent), the travel cap up (R11, the smallest whole km or minute)
and one teacher's pins dropped (R8). A plan under a stricter setting is a plan under a looser
one, so feasibility is monotone in each setting and a binary search finds the smallest change;
every change reported is one a solve with the change made found a plan for. Each solve asks
for feasibility only, starting from the greedy plan as a hint (as the main solve does), with
one worker and a fixed deterministic budget (the same roster gives the same answer on any
machine unless the clock stops a solve first), and all of them together stay within the
seconds the caller has left.

A solve that ends without an answer (its budget spent) is not a proof that no plan exists:
the search then moves on to larger changes, and the change it reports says whether it is
proven the smallest (the next smaller candidate was proven impossible, or there is none) or
only the smallest found.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar, cast

import numpy as np
import pandas as pd
from ortools.sat.python import cp_model

from rotation.messages import Text, Words
from rotation.model.classes import classify
from rotation.model.heuristic import greedy_plan, hint_values
from rotation.model.instance import Instance
from rotation.model.objectives import Terms
from rotation.model.rules import add_rules
from rotation.model.solve import SolverSettings
from rotation.model.status import ModelInvalidError
from rotation.model.variables import Flows, build_flows
from rotation.policy.destinations import travel_cap
from rotation.policy.settings import Policy

__all__ = ["Change", "is_feasible", "smallest_changes", "with_pins", "with_policy"]

#: CP-SAT deterministic time one feasibility solve may use, whatever the machine (a unit is
#: about a second of one core: the example county with a travel cap needs 2–3). The clock
#: bounds it too: never beyond what is left of the caller's time limit.
PROBE_DETERMINISTIC_TIME = 5.0
#: Below this many seconds left, no further solve is started.
MIN_PROBE_SECONDS = 0.05
#: Most pins named as a change (each checked by its own solve).
MAX_PIN_CHANGES = 3
#: The words of each pin action, as an office writes them.
ACTION_WORDS = {
    "move": Words("交流", "move"),
    "stay": Words("留任", "stay"),
    "to": Words("指定", "to"),
    "not_to": Words("不去", "not to"),
}

T = TypeVar("T")


class Change(Text):
    """One change of a setting that makes a plan exist: a catalogue sentence (English as a
    string, Chinese with ``render("zh")``) that also holds the `setting` changed
    ("min_rotation_ratio", "min_backbone_share", "max_rotation_ratio", "max_distance_km",
    "max_travel_minutes" or "pins") and its new `value` (for "pins": the teacher_id whose
    pins are dropped), and whether it is `proven` the smallest such change (False: a solve of
    a smaller one ran out of its budget, so a smaller change may also give a plan)."""

    setting: str
    value: object
    proven: bool

    def __new__(
        cls, key: str, setting: str, value: object, proven: bool = True, /, **values: object
    ) -> Change:
        self = cast(Change, super().__new__(cls, key, **values))
        self.setting, self.value, self.proven = setting, value, proven
        return self

    def __reduce__(self) -> tuple[object, ...]:
        return (_change, (self.key, self.setting, self.value, self.proven, self.values))


def _change(
    key: str, setting: str, value: object, proven: bool, values: dict[str, object]
) -> Change:
    return Change(key, setting, value, proven, **values)


@dataclasses.dataclass(frozen=True)
class Found(Generic[T]):
    """What a search for the smallest change found: the `value`, and whether it is `proven`
    the smallest (else `unknown`: the smaller candidate whose solve ended without an answer)."""

    value: T
    proven: bool
    unknown: T | None = None


def smallest_note(proven: bool, unknown: object = None) -> Text:
    """The end of a change's sentence: `proven` the smallest, or only the smallest found (and
    `unknown`, the words of the smaller candidate left unanswered)."""
    if proven:
        return Text("explain.fix_proven")
    return Text("explain.fix_not_proven", unknown=unknown if unknown is not None else "")


class _Deadline:
    """When the search for changes must end."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        return self.end - time.monotonic()


# -- one solve --------------------------------------------------------------------------------
def is_feasible(inst: Instance, settings: SolverSettings, seconds: float) -> bool | None:
    """Whether a plan keeping every rule of `inst` exists: True (one was found), False
    (proven impossible) or None (not known within `seconds`, building the model and the hint
    included, or within the deterministic budget PROBE_DETERMINISTIC_TIME). One worker, the
    settings' seed.

    The greedy plan (`feasibility_hint`) is checked first, every variable fixed to it (a
    fraction of a second, where CP-SAT's presolve of the whole model takes seconds); when it
    breaks a rule, CP-SAT searches from it."""
    deadline = _Deadline(seconds)
    if deadline.left() < MIN_PROBE_SECONDS:
        return None
    model = cp_model.CpModel()
    flows = build_flows(model, inst)
    add_rules(model, inst, flows)
    for index, value in feasibility_hint(inst, flows, settings).items():
        model.add_hint(model.get_int_var_from_proto_index(index), value)
    if _solve(model, settings, deadline, fixed=True) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return True
    status = _solve(model, settings, deadline, fixed=False)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return True
    return False if status == cp_model.INFEASIBLE else None


def _solve(
    model: cp_model.CpModel, settings: SolverSettings, deadline: _Deadline, *, fixed: bool
) -> int | None:
    """CP-SAT's status for `model` within the deadline and PROBE_DETERMINISTIC_TIME, every
    variable `fixed` to its hint or not; None when no time is left to start."""
    left = deadline.left()
    if left < MIN_PROBE_SECONDS:
        return None
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = settings.seed
    solver.parameters.max_time_in_seconds = left
    solver.parameters.max_deterministic_time = PROBE_DETERMINISTIC_TIME
    solver.parameters.fix_variables_to_their_hinted_value = fixed
    status = solver.solve(model)
    if status == cp_model.MODEL_INVALID:
        raise ModelInvalidError("a check of a suggested change", model.validate())
    return int(status)


def feasibility_hint(inst: Instance, flows: Flows, settings: SolverSettings) -> dict[int, int]:
    """A value for every flow variable and every helper a rule derives from them: the greedy
    plan (rotation.model.heuristic) with no objective to weigh, so it makes the moves the rules
    require; by steps, as many as the settings' greedy budget allows (the same on any
    machine). CP-SAT repairs it where it breaks a rule."""
    sent = greedy_plan(
        inst, Terms(), settings.greedy_budget(), by_steps=True, steps=settings.greedy_steps
    )
    values: dict[int, int] = hint_values(inst, flows, sent)
    for var, compute in flows.derived:
        values[var.index] = compute(values)
    return values


# -- the instance with one thing changed --------------------------------------------------------
def with_policy(inst: Instance, policy: Policy, max_destinations: int | None = None) -> Instance:
    """`inst` under another policy differing in the ratios, the backbone share or the travel
    cap (the classes are found again, for the cap shapes their destinations)."""
    changed = dataclasses.replace(
        inst,
        policy=policy,
        min_moves=[policy.min_rotated(e) for e in inst.eligible],
        max_moves=[policy.max_rotated(e) for e in inst.eligible],
    )
    if travel_cap(policy, inst.distances) == travel_cap(inst.policy, inst.distances):
        return changed
    return _reclassified(changed, inst.pins, max_destinations)


def with_pins(inst: Instance, pins: pd.DataFrame, max_destinations: int | None = None) -> Instance:
    """`inst` with other (validated) pins."""
    return _reclassified(inst, pins, max_destinations)


def _reclassified(inst: Instance, pins: pd.DataFrame, max_destinations: int | None) -> Instance:
    found = classify(inst, pins, max_destinations, inst.states)
    return dataclasses.replace(
        inst,
        pins=pins,
        types=found.types,
        classes=found.classes,
        pools=found.pools,
        pool_units=found.pool_units,
    )


# -- the search ---------------------------------------------------------------------------------
def _first_feasible(
    candidates: Sequence[T], ok: Callable[[T], bool | None], deadline: _Deadline
) -> Found[T] | None:
    """The first candidate `ok` finds a plan for, candidates ordered from the smallest change
    to the largest (feasibility monotone along them, and no plan without a change); None when
    the largest gives none or time runs out before any is found.

    A solve that ends without an answer counts as no plan, so the search moves to larger
    changes; the candidate found is `proven` the smallest when it is the first or the one
    before it was proven impossible (by monotonicity, so are all before it)."""
    if not candidates:
        return None
    answers: dict[int, bool | None] = {}

    def probe(i: int) -> bool:
        answers[i] = ok(candidates[i]) if deadline.left() >= MIN_PROBE_SECONDS else None
        return answers[i] is True

    lo, hi = 0, len(candidates) - 1
    if not probe(hi):
        return None
    while lo < hi:  # candidates[hi] gives a plan; none before lo is known to
        mid = (lo + hi) // 2
        if probe(mid):
            hi = mid
        else:
            lo = mid + 1
    proven = hi == 0 or answers.get(hi - 1) is False
    return Found(candidates[hi], proven, None if proven else candidates[hi - 1])


def _percent_search(
    inst: Instance,
    settings: SolverSettings,
    deadline: _Deadline,
    setting: str,
    candidates: Sequence[int],
    key: str,
) -> Change | None:
    """The first of `candidates` (whole percents of the policy's `setting`, smallest change
    first) with which a plan exists, as the catalogue's `key` change; None when none is found."""

    def ok(pct: int) -> bool | None:
        policy = inst.policy.replace(**{setting: pct / 100})
        return is_feasible(with_policy(inst, policy), settings, deadline.left())

    found = _first_feasible(candidates, ok, deadline)
    return None if found is None else _percent_change(key, setting, found)


def _percent(x: float) -> str:
    return f"{x:.0%}" if round(x * 100) == x * 100 else f"{x:.1%}"


def _percent_change(key: str, setting: str, found: Found[int]) -> Change:
    """A ratio or share set to the percent `found`."""
    value = found.value / 100
    unknown = None if found.unknown is None else _percent(found.unknown / 100)
    return Change(
        key,
        setting,
        value,
        found.proven,
        value=_percent(value),
        raw=f"{value:g}",
        note=smallest_note(found.proven, unknown),
    )


def _ratio_down(inst: Instance, settings: SolverSettings, deadline: _Deadline) -> Change | None:
    """R1: the largest whole percent of min_rotation_ratio below the current that gives a plan
    (one candidate per distinct number of moves it requires)."""
    p = inst.policy
    top = math.ceil(p.min_rotation_ratio * 100 - 1e-9) - 1
    seen: set[tuple[int, ...]] = set()
    candidates = []
    for pct in range(top, -1, -1):
        need = tuple(p.replace(min_rotation_ratio=pct / 100).min_rotated(e) for e in inst.eligible)
        if need not in seen and need != tuple(inst.min_moves):
            seen.add(need)
            candidates.append(pct)

    return _percent_search(
        inst, settings, deadline, "min_rotation_ratio", candidates, "explain.fix_min_ratio"
    )


def _share_down(inst: Instance, settings: SolverSettings, deadline: _Deadline) -> Change | None:
    """R3: the largest whole percent of min_backbone_share below the current that gives a plan."""
    p = inst.policy
    top = math.ceil(p.min_backbone_share * 100 - 1e-9) - 1
    candidates = list(range(top, -1, -1))

    return _percent_search(
        inst, settings, deadline, "min_backbone_share", candidates, "explain.fix_backbone"
    )


def _max_ratio_up(inst: Instance, settings: SolverSettings, deadline: _Deadline) -> Change | None:
    """R2: the smallest whole percent of max_rotation_ratio above the current that gives a plan
    (one candidate per distinct number of moves it allows)."""
    p = inst.policy
    low = math.floor(p.max_rotation_ratio * 100 + 1e-9) + 1
    seen: set[tuple[int, ...]] = {tuple(inst.max_moves)}
    candidates = []
    for pct in range(low, 101):
        most = tuple(p.replace(max_rotation_ratio=pct / 100).max_rotated(e) for e in inst.eligible)
        if most not in seen:
            seen.add(most)
            candidates.append(pct)

    return _percent_search(
        inst, settings, deadline, "max_rotation_ratio", candidates, "explain.fix_max_ratio"
    )


def _cap_up(
    inst: Instance, settings: SolverSettings, deadline: _Deadline, max_destinations: int | None
) -> Change | None:
    """R11: the smallest whole km (or minute) above the cap, among the distances between the
    county's schools, that gives a plan. Only caps at which some distance becomes allowed are
    candidates, and none below the farthest pinned destination (`pinned_reach`): a cap below
    it keeps a pin out of reach, so gives no plan."""
    cap = travel_cap(inst.policy, inst.distances)
    if cap is None or inst.distances is None:
        return None
    table = inst.distances.to_numpy(dtype=float)
    least = max(cap.limit, pinned_reach(inst))
    lengths = np.unique(np.ceil(table[np.isfinite(table) & (table > cap.limit)]))
    candidates = [float(x) for x in lengths if x >= least]

    def ok(limit: float) -> bool | None:
        policy = inst.policy.replace(**{cap.setting: limit})
        return is_feasible(with_policy(inst, policy, max_destinations), settings, deadline.left())

    found = _first_feasible(candidates, ok, deadline)
    if found is None:
        return None

    def words(limit: float) -> Words:
        zh = f"{limit:g}{'公里' if cap.unit == 'km' else '分钟'}"
        return Words(zh, f"{limit:g} {'km' if cap.unit == 'km' else 'min'}")

    unknown = None if found.unknown is None else words(found.unknown)
    return Change(
        "explain.fix_distance",
        cap.setting,
        found.value,
        found.proven,
        value=words(found.value),
        setting=cap.setting,
        raw=f"{found.value:g}",
        note=smallest_note(found.proven, unknown),
    )


def pinned_reach(inst: Instance) -> float:
    """The least travel cap every "to" pin needs: for each teacher pinned to schools, the
    nearest of them from the teacher's school; the largest of those (0 without such pins)."""
    pins, distances = inst.pins, inst.distances
    if distances is None or not len(pins):
        return 0.0
    to = pins[pins["action"] == "to"]
    teachers = inst.roster.teachers
    school = dict(zip(teachers["teacher_id"], teachers["school_id"], strict=True))
    reach = 0.0
    for tid, group in to.groupby("teacher_id", sort=False):
        origin = school.get(tid)
        targets = [str(t) for t in group["school"] if str(t) in distances.columns]
        if origin is None or origin not in distances.index or not targets:
            continue
        reach = max(reach, float(distances.loc[origin, targets].to_numpy(dtype=float).min()))
    return reach


def _pins_dropped(
    inst: Instance, settings: SolverSettings, deadline: _Deadline, max_destinations: int | None
) -> list[Change]:
    """R8: the teachers whose pins, dropped alone, give a plan (those pinned to move first,
    then to stay, then kept from a school; in the order of the file), MAX_PIN_CHANGES at most."""
    pins = inst.pins
    if not len(pins):
        return []
    rank = {"move": 0, "to": 0, "stay": 1, "not_to": 2}
    first = pins.assign(rank=pins["action"].map(rank)).groupby("teacher_id", sort=False)
    order = sorted(first, key=lambda g: (int(g[1]["rank"].min()), int(g[1]["row"].min())))
    out: list[Change] = []
    for tid, group in order:
        if len(out) >= MAX_PIN_CHANGES or deadline.left() < MIN_PROBE_SECONDS:
            break
        kept = pins[pins["teacher_id"] != tid]
        found = is_feasible(with_pins(inst, kept, max_destinations), settings, deadline.left())
        if found is True:
            out.append(_pin_change(inst, str(tid), group))
    return out


def _pin_change(inst: Instance, tid: str, group: pd.DataFrame) -> Change:
    parts = []
    for pin in group.itertuples(index=False):
        action = ACTION_WORDS.get(str(pin.action), Words(str(pin.action), str(pin.action)))
        school = f" {pin.school}" if str(pin.school) else ""
        parts.append(
            Text("explain.pin_row", row=int(cast(int, pin.row)), action=action, school=school)
        )
    zh = "；".join(p.render("zh") for p in parts)
    en = "; ".join(p.render("en") for p in parts)
    return Change("explain.fix_pin", "pins", tid, who=teacher_words(inst, tid), pins=Words(zh, en))


def teacher_words(inst: Instance, tid: str) -> Words:
    """A teacher as each language names one: 张三（T001） / Zhang San (T001), or the id."""
    teachers = inst.roster.teachers
    names = teachers.loc[teachers["teacher_id"] == tid, "name"] if "name" in teachers else None
    name = str(names.iloc[0]).strip() if names is not None and len(names) else ""
    if not name or name == tid:
        return Words(tid, tid)
    return Words(f"{name}（{tid}）", f"{name} ({tid})")


def smallest_changes(
    inst: Instance,
    settings: SolverSettings,
    rules: set[str],
    seconds: float,
) -> tuple[list[Change], bool]:
    """For the clashing `rules` (rule numbers), the smallest change of each setting that makes
    a plan exist, each checked by a solve; and whether any search was tried. Within `seconds`.

    R1 lowers the minimum ratio; R3 lowers the backbone share (and the ratio); R2 raises the
    maximum ratio; pins (R8) are dropped one teacher at a time; a travel cap (R11, never named
    by the solver, for it shapes where classes may go) is raised. A solve that ends without
    an answer counts as no plan, so with little time left a change may be larger than the
    smallest: `Change.proven` (and its sentence) then says so."""
    deadline = _Deadline(seconds)
    max_destinations = settings.max_destinations
    out: list[Change] = []
    tried = False
    searches: list[Callable[[], Change | None]] = []
    if "R1" in rules and inst.policy.min_rotation_ratio > 0:
        searches.append(lambda: _ratio_down(inst, settings, deadline))
    if "R3" in rules and inst.policy.min_backbone_share > 0:
        if "R1" not in rules and inst.policy.min_rotation_ratio > 0:
            searches.append(lambda: _ratio_down(inst, settings, deadline))
        searches.append(lambda: _share_down(inst, settings, deadline))
    if "R2" in rules and inst.policy.max_rotation_ratio < 1:
        searches.append(lambda: _max_ratio_up(inst, settings, deadline))
    for search in searches:
        if deadline.left() < MIN_PROBE_SECONDS:
            return out, True
        tried = True
        found = search()
        if found is not None:
            out.append(found)
    if len(inst.pins) and deadline.left() >= MIN_PROBE_SECONDS:
        tried = True
        out += _pins_dropped(inst, settings, deadline, max_destinations)
    if travel_cap(inst.policy, inst.distances) is not None and deadline.left() >= MIN_PROBE_SECONDS:
        tried = True
        found = _cap_up(inst, settings, deadline, max_destinations)
        out += [found] if found is not None else []
    return out, tried

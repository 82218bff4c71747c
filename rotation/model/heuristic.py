"""A quick greedy plan, used as a complete hint for the first CP-SAT phase.

It mimics a thoughtful office, year by year: swap two teachers of the same subject between
schools (which keeps every headcount and subject count, so coverage and staffing hold), or send
one teacher where there is room while the sender keeps its coverage, always taking the change
that lowers the weighted sum of the CVs most per move, over the years the move counts. It stops
when nothing helps and the year's minimum ratio and backbone share are met, at the rotation
cap, or at its time budget. Gains are computed for all candidate changes at once with numpy:
with A1 = Σ W and A2 = Σ W·R over the years a move counts, a count change δ at a unit changes
Σ W·R² by 2δ·A2 + δ²·A1.

A large county takes several changes per step (`changes_per_step`): the best ones that touch
different units, whose gains therefore add up exactly. Whatever the budget, the greedy ends
with a repair (`_fill`) that reaches a year's minimum ratio and backbone share still unmet by
swapping interchangeable teachers (same class type) between schools, which changes no count
at all: the hint is then complete and keeps every hard rule, at any size.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from rotation.model.instance import Instance
from rotation.model.objectives import Terms
from rotation.model.variables import Flows


@dataclass
class Greedy:
    """The greedy's state: counts per year and unit, and what has been sent where and when."""

    inst: Instance
    R: np.ndarray  # [year, k, u] indicator counts
    H: np.ndarray  # [year, u] headcount
    N: np.ndarray  # [year, u, subject] teachers
    W: np.ndarray  # [year, k, u] weight of R² in the surrogate objective
    focus: np.ndarray  # [year, k, u] W, boosted where the CV still fails its threshold
    floor: np.ndarray  # [year, u, subject] coverage floor
    left: np.ndarray  # [class] teachers still available
    unit: np.ndarray  # [class] origin unit
    subject: np.ndarray  # [class] subject index
    bits: np.ndarray  # [class, k]
    backbone_of: np.ndarray  # [class]
    allowed: np.ndarray  # [class, unit] destination allowed
    movable: np.ndarray  # [class, year] the class may move that year
    end: np.ndarray  # [class, year] year index from which a move made that year stops counting
    groups: list[np.ndarray]  # classes sharing a stage and subject (swap partners)
    sent: dict[tuple[int, int, int], int] = field(default_factory=dict)
    moves: np.ndarray = None  # [year]
    backbone: np.ndarray = None  # [year]
    least: np.ndarray = None  # [year] R1's minimum, given the moves of earlier years
    most: np.ndarray = None  # [year] R2's cap, likewise
    tests: list = field(default_factory=list)  # (year, k, units, weights, bound) per CV term


def greedy_plan(
    inst: Instance,
    terms: Terms,
    seconds: float = 5.0,
    *,
    by_steps: bool = False,
    steps: int | None = None,
    start: dict[tuple[int, int, int], int] | None = None,
) -> dict[tuple[int, int, int], int]:
    """(class, destination unit, year index) → teachers sent, by the greedy of the module doc.

    `start`: moves to make first, as given where the classes allow them (a previous plan when
    re-planning), which the greedy then completes.

    The budget is shared by the years, once to meet each year's minimum ratio and backbone
    share (what it leaves unmet, `_fill` meets with count-neutral swaps) and once more for
    changes that lower the CVs. It is `seconds` of the clock,
    or with `by_steps` a number of steps, `steps` or else `step_budget(seconds)`: the result
    is then the same on any machine (unless the clock's safety net, STEP_CLOCK_FACTOR, stops
    it first)."""
    g = _start(inst, terms)
    if by_steps and steps is None:
        steps = step_budget(g, seconds)
    if not by_steps:
        steps = None
    for (c, d, y), n in sorted((start or {}).items()):
        for _ in range(n):
            if g.left[c] > 0 and g.allowed[c, d] and g.movable[c, y]:
                _send(g, c, d, y)
    changes = changes_per_step(g)
    for c in inst.classes:
        if c.must_move:
            _step(g, 0, only=c.index, force=True)
    for y in range(inst.n_years):
        _year_bounds(g, y)
        # first the year's minimum ratio and backbone share, by the best changes there are
        within = _allowance(seconds / inst.n_years, steps and max(1, steps // inst.n_years))
        while not _requirements_met(g, y) and g.moves[y] < g.most[y] and within():
            if not _step(g, y, force=True, changes=changes):
                break
        _fill(g, y)  # what the budget left unmet
        # then useful changes until every CV passes: phase (b) wants the fewest moves that do
        within = _allowance(seconds / inst.n_years, steps and max(1, steps // inst.n_years))
        while g.moves[y] < g.most[y] and within():
            if _requirements_met(g, y) and _thresholds_pass(g, y):
                break
            if not _step(g, y, force=not _requirements_met(g, y), changes=changes):
                break
    return g.sent


#: With a step budget, the clock still stops the greedy after this many times its seconds
#: budget: a safety net for a much slower machine (the plan may then differ from a faster one).
STEP_CLOCK_FACTOR = 3.0


#: Work of a greedy step (candidate changes it weighs: classes × units, plus the squared size
#: of each swap group) done per second, measured on a busy 2-core machine: some 4 ms a step
#: for a 2,800-teacher county (42,000 candidates), 20–75 ms for an 8,000-teacher district
#: (650,000).
GREEDY_WORK_PER_SECOND = 10_000_000


def step_budget(g: Greedy, seconds: float) -> int:
    """The steps the greedy takes in about `seconds` on a busy machine, from the instance's
    size alone (so the same on every machine)."""
    return max(1, round(GREEDY_WORK_PER_SECOND * seconds / max(1, _work(g))))


#: Work of a step (as step_budget counts it) per change a step takes: a county of 2,800
#: teachers (some 43,000) takes one change a step, an 8,000-teacher district (680,000) 13, a
#: 24,000-teacher city (6 million) about 120, so that reaching the minimum ratio takes tens of
#: steps, not a thousand.
CHANGE_WORK = 50_000


def _work(g: Greedy) -> int:
    """Candidate changes a step weighs: classes × units, plus the squared size of each swap
    group."""
    return int(g.allowed.size + sum(len(members) ** 2 for members in g.groups))


def changes_per_step(g: Greedy) -> int:
    """Changes a step takes, from the instance's size alone (the same on every machine)."""
    return max(1, _work(g) // CHANGE_WORK)


def _allowance(seconds: float, steps: int | None) -> Callable[[], bool]:
    """A test called before each step: True while `steps` remain (when given, with the clock
    as a safety net), else while `seconds` have not passed since the allowance was made."""
    if steps is not None:
        left = iter(range(steps))
        deadline = time.monotonic() + STEP_CLOCK_FACTOR * seconds
        return lambda: next(left, None) is not None and time.monotonic() < deadline
    deadline = time.monotonic() + seconds
    return lambda: time.monotonic() < deadline


def _thresholds_pass(g: Greedy, y: int) -> bool:
    """Whether every CV term of year y is within its bound (as the model states it)."""
    return all(
        int(np.dot(w, g.R[year, k, units].astype(np.int64) ** 2)) <= bound
        for year, k, units, w, bound in g.tests
        if year == y
    )


def _year_bounds(g: Greedy, y: int) -> None:
    """R1's minimum and R2's cap for year y: that year's eligible, less those moved before."""
    inst = g.inst
    away = sum(n for (c, _, earlier), n in g.sent.items() if (earlier, y) in inst.classes[c].away)
    eligible = inst.eligible[y] - away
    g.least[y] = inst.policy.min_rotated(eligible)
    g.most[y] = inst.policy.max_rotated(eligible)


def _start(inst: Instance, terms: Terms) -> Greedy:
    W = np.zeros(inst.r0.shape, dtype=float)
    if inst.moves_counted:
        for term in terms.cv:
            for u, w in term.weights.items():
                W[term.year, term.k, u] = inst.weights[term.k] * w / max(1, terms.scale)
    subjects = sorted({t.subject for t in inst.types} | {s for _, _, s in inst.floors})
    sindex = {s: i for i, s in enumerate(subjects)}
    N = np.zeros((inst.n_years, inst.n_units, len(subjects)))
    floor = np.zeros_like(N)
    for (y, u, s), n in inst.subjects0.items():
        if s in sindex:
            N[y, u, sindex[s]] = n
    for (y, u, s), n in inst.floors.items():
        floor[y, u, sindex[s]] = n if inst.policy.coverage else 0
    classes = inst.classes
    types = [inst.types[c.type] for c in classes]
    key = [(t.stage, t.subject) for t in types]
    return Greedy(
        inst=inst,
        R=inst.r0.astype(float).copy(),
        H=inst.heads.astype(float).copy(),
        N=N,
        W=W,
        focus=W,
        floor=floor,
        left=np.array([c.size for c in classes], dtype=int),
        unit=np.array([c.unit for c in classes], dtype=int),
        subject=np.array([sindex[t.subject] for t in types], dtype=int),
        bits=np.array([t.bits for t in types], dtype=float).reshape(
            len(classes), len(inst.indicators)
        ),
        backbone_of=np.array([t.backbone for t in types], dtype=bool),
        allowed=_allowed(inst),
        movable=np.array(
            [[y in c.years for y in range(inst.n_years)] for c in classes], dtype=bool
        ).reshape(len(classes), inst.n_years),
        end=np.array(
            [[inst.end(c.type, y) for y in range(inst.n_years)] for c in classes], dtype=int
        ).reshape(len(classes), inst.n_years),
        groups=[np.array([i for i, k in enumerate(key) if k == k0]) for k0 in sorted(set(key))],
        moves=np.zeros(inst.n_years, dtype=int),
        backbone=np.zeros(inst.n_years, dtype=int),
        least=np.array(inst.min_moves, dtype=int),
        most=np.array(inst.max_moves, dtype=int),
        tests=[
            (
                t.year,
                t.k,
                np.array(list(t.weights), dtype=int),
                np.array(list(t.weights.values()), dtype=np.int64),
                t.bound,
            )
            for t in terms.cv
        ]
        if inst.moves_counted
        else [],
    )


def _allowed(inst: Instance) -> np.ndarray:
    """[class, unit]: the class may be sent there (its pool, or its routed candidates)."""
    allowed = np.zeros((len(inst.classes), inst.n_units), dtype=bool)
    codes = inst.units.index.get_level_values("school_id").factorize()[0]
    pooled: dict[tuple[str, str], list[int]] = {}
    for c in inst.classes:
        if c.routed:
            allowed[c.index, list(c.candidates)] = True
        else:
            key = (inst.pool_key(c.unit), inst.types[c.type].stage)
            pooled.setdefault(key, []).append(c.index)
    for (pool, stage), rows in pooled.items():
        dests = np.array(inst.pool_units[pool][stage], dtype=int)
        block = np.zeros((len(rows), inst.n_units), dtype=bool)
        block[:, dests] = True
        origin = codes[[inst.classes[c].unit for c in rows]]
        block &= codes[None, :] != origin[:, None]  # never to the teacher's own school
        allowed[rows] = block
    return allowed


def _requirements_met(g: Greedy, y: int) -> bool:
    share = g.inst.policy.backbone_fraction
    moves, backbone = g.moves[y], g.backbone[y]
    return moves >= g.least[y] and share.denominator * backbone >= share.numerator * moves


def _backbone_ok(g: Greedy, y: int, moves: int, backbone: int) -> bool:
    share = g.inst.policy.backbone_fraction
    return share.denominator * (g.backbone[y] + backbone) >= share.numerator * (g.moves[y] + moves)


#: How much more a failing CV weighs in the greedy: phase (a) comes first.
FAILING_BOOST = 20.0
#: A change must lower the surrogate objective by more than this to count as useful (floating
#: point noise of an exact swap is far smaller).
GAIN_TOLERANCE = 1e-12


def _refocus(g: Greedy) -> None:
    """Weigh the CVs still above their thresholds more, so moves go to them first."""
    g.focus = g.W.copy()
    for year, k, units, w, bound in g.tests:
        if int(np.dot(w, g.R[year, k, units].astype(np.int64) ** 2)) > bound:
            g.focus[year, k, units] *= FAILING_BOOST


def _sums(g: Greedy, y: int, end: int) -> tuple[np.ndarray, np.ndarray]:
    """A1 = Σ W and A2 = Σ W·R over the years [y, end), each [k, u] (W boosted where failing)."""
    return g.focus[y:end].sum(axis=0), (g.focus[y:end] * g.R[y:end]).sum(axis=0)


def _one_way_gains(g: Greedy, y: int) -> np.ndarray:
    """[class, unit] change of the surrogate objective per move for sending one teacher in y."""
    gains = np.full(g.allowed.shape, np.inf)
    ready = (g.left > 0) & g.movable[:, y]
    for end in np.unique(g.end[ready, y]):
        rows = np.flatnonzero(ready & (g.end[:, y] == end))
        a1, a2 = _sums(g, y, end)
        bits = g.bits[rows]
        leave = (bits * (a1 - 2 * a2)[:, g.unit[rows]].T).sum(axis=1)
        gain = bits @ (a1 + 2 * a2)
        gain += leave[:, None]
        ok = g.allowed[rows]
        if g.inst.policy.staffing:
            room = (g.inst.caps[y:end] - g.H[y:end]).min(axis=0) >= 1
            ok &= room[None, :]
        spare = (g.N[y:end] - g.floor[y:end]).min(axis=0)  # [u, subject]
        ok &= (spare[g.unit[rows], g.subject[rows]] >= 1)[:, None]
        if not _backbone_ok(g, y, 1, 0):
            ok &= g.backbone_of[rows][:, None]
        gain[~ok] = np.inf
        gains[rows] = gain
    return gains


def _swap_gains(g: Greedy, y: int, members: np.ndarray) -> np.ndarray:
    """[i, j] change of the surrogate objective per move for swapping, in year y, a teacher of
    class i with one of class j (same stage and subject, moves counting for the same years).

    Per indicator k, with d = b_j − b_i (the change at u_i; −d at u_j), the change is
    2d·(A2_i − A2_j) + |d|·(A1_i + A1_j), summed over k and halved (two moves)."""
    u = g.unit[members]
    end = g.end[members, y]
    bits = g.bits[members]
    ok = g.allowed[members][:, u]
    ok &= ok.T
    ready = (g.left[members] > 0) & g.movable[members, y]
    ok &= ready[:, None] & ready[None, :]
    ok &= u[:, None] != u[None, :]
    bb = g.backbone_of[members]
    if not _backbone_ok(g, y, 2, 2):
        ok &= False
    elif not _backbone_ok(g, y, 2, 1):
        ok &= bb[:, None] & bb[None, :]
    elif not _backbone_ok(g, y, 2, 0):
        ok &= bb[:, None] | bb[None, :]
    gain = np.full((len(members), len(members)), np.inf)
    for e in np.unique(end):
        a1, a2 = _sums(g, y, e)
        both = np.zeros(gain.shape)
        for k in range(bits.shape[1]):
            d = bits[None, :, k] - bits[:, None, k]
            if not d.any():
                continue
            A1, A2 = a1[k, u], a2[k, u]
            both += 2 * d * (A2[:, None] - A2[None, :]) + np.abs(d) * (A1[:, None] + A1[None, :])
        both /= 2
        same_end = (end[:, None] == e) & (end[None, :] == e)
        gain = np.where(same_end, both, gain)
    gain[~ok] = np.inf
    return gain


#: A candidate change: (gain per move, kind "one" or "swap", class, destination unit or
#: partner class).
Change = tuple[float, str, int, int]


def _candidates(g: Greedy, y: int, only: int | None, wide: bool) -> list[Change]:
    """The changes of year y worth weighing, best first (ties: one-way before swaps, earlier
    rows and groups first): each class's best one-way move and, when `wide`, each destination's
    best sender; each class's best swap partner. `only`: changes moving that class."""
    budget = g.most[y] - g.moves[y]
    found: list[tuple[np.ndarray, str, np.ndarray, np.ndarray]] = []
    if budget >= 1:
        gains = _one_way_gains(g, y)
        rows = np.arange(len(gains)) if only is None else np.array([only])
        gains = gains[rows]
        best = np.argmin(gains, axis=1)
        found.append((gains[np.arange(len(rows)), best], "one", rows, best))
        if wide:
            senders = np.argmin(gains, axis=0)
            found.append(
                (
                    gains[senders, np.arange(gains.shape[1])],
                    "one",
                    rows[senders],
                    np.arange(gains.shape[1]),
                )
            )
    if budget >= 2:
        for members in g.groups:
            if only is not None and only not in members:
                continue
            gains = _swap_gains(g, y, members)
            rows = np.flatnonzero(members == only) if only is not None else np.arange(len(members))
            best = np.argmin(gains[rows], axis=1)
            found.append((gains[rows, best], "swap", members[rows], members[best]))
    if not found:
        return []
    gain = np.concatenate([f[0] for f in found])
    kind = np.concatenate([np.full(len(f[0]), f[1]) for f in found])
    first = np.concatenate([f[2] for f in found])
    second = np.concatenate([f[3] for f in found])
    order = [i for i in np.argsort(gain, kind="stable") if np.isfinite(gain[i])]
    return [(float(gain[i]), str(kind[i]), int(first[i]), int(second[i])) for i in order]


def _step(
    g: Greedy, y: int, only: int | None = None, force: bool = False, changes: int = 1
) -> bool:
    """Take the best change per move in year y, or up to `changes` of the best changes that
    touch different units (their gains add up exactly); False when none is allowed (or,
    unless forced, useful)."""
    _refocus(g)
    taken: set[int] = set()
    took = 0
    for gain, kind, a, b in _candidates(g, y, only, changes > 1):
        if not force and gain >= -GAIN_TOLERANCE:
            break
        units = {int(g.unit[a]), b} if kind == "one" else {int(g.unit[a]), int(g.unit[b])}
        moves = 1 if kind == "one" else 2
        backbone = int(g.backbone_of[a]) + (0 if kind == "one" else int(g.backbone_of[b]))
        if units & taken or g.moves[y] + moves > g.most[y]:
            continue
        if not _backbone_ok(g, y, moves, backbone):
            continue
        if kind == "one":
            _send(g, a, b, y)
        else:
            u1, u2 = g.unit[a], g.unit[b]
            _send(g, a, int(u2), y)
            _send(g, b, int(u1), y)
        taken |= units
        took += 1
        if took >= changes or (_requirements_met(g, y) and (force or _thresholds_pass(g, y))):
            break
    return took > 0


def _fill(g: Greedy, y: int) -> None:
    """Reach year y's minimum ratio (R1) and backbone share (R3), where the steps left them
    unmet, by swapping two teachers of the same class type between schools: no count changes,
    so coverage, staffing and every CV stay as they are; backbone pairs first while the share
    needs them. Stops at the cap (R2) or when no pair is left."""
    ready: dict[tuple[bool, int], list[int]] = {}
    for c in np.flatnonzero((g.left > 0) & g.movable[:, y]):
        t = g.inst.classes[c].type
        ready.setdefault((bool(g.backbone_of[c]), t), []).append(int(c))
    while not _requirements_met(g, y) and g.moves[y] + 2 <= g.most[y]:
        backbone_only = not _backbone_ok(g, y, 2, 0)
        pair = _neutral_pair(g, ready, backbone_only)
        if pair is None:
            return
        a, b = pair
        u1, u2 = g.unit[a], g.unit[b]
        _send(g, a, int(u2), y)
        _send(g, b, int(u1), y)


def _neutral_pair(
    g: Greedy, ready: dict[tuple[bool, int], list[int]], backbone_only: bool
) -> tuple[int, int] | None:
    """Two classes of the same type, with teachers left, at different units each may send to
    the other's: of a backbone type with `backbone_only`, else other types first. A type with
    no such pair left is dropped from `ready`."""
    for key in sorted(ready, key=lambda key: (key[0] != backbone_only, key[1])):
        if backbone_only and not key[0]:
            return None
        members = ready[key] = [c for c in ready[key] if g.left[c] > 0]
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                ua, ub = g.unit[a], g.unit[b]
                if ua != ub and g.allowed[a, ub] and g.allowed[b, ua]:
                    return a, b
        del ready[key]
    return None


def _send(g: Greedy, c: int, d: int, y: int) -> None:
    u, end = g.unit[c], g.end[c, y]
    g.left[c] -= 1
    g.sent[(c, d, y)] = g.sent.get((c, d, y), 0) + 1
    g.R[y:end, :, u] -= g.bits[c]
    g.R[y:end, :, d] += g.bits[c]
    g.H[y:end, u] -= 1
    g.H[y:end, d] += 1
    g.N[y:end, u, g.subject[c]] -= 1
    g.N[y:end, d, g.subject[c]] += 1
    g.moves[y] += 1
    g.backbone[y] += int(g.backbone_of[c])


def hint_values(inst: Instance, flows: Flows, sent: dict[tuple[int, int, int], int]) -> dict:
    """Decision-variable values for the greedy's moves: leave, arrive and route."""
    values = {var.index: 0 for var in flows.all_variables()}
    for (c, d, y), n in sent.items():
        cls = inst.classes[c]
        if cls.routed:
            values[flows.route[(c, d, y)].index] += n
        else:
            values[flows.leave[(c, y)].index] += n
            values[flows.arrive[(cls.type, inst.pool_key(cls.unit), d, y)].index] += n
    return values

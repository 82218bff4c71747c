"""A quick greedy plan, used as a complete hint for the first CP-SAT phase.

It mimics a thoughtful office: swap two teachers of the same subject between schools (which
keeps every headcount and subject count, so coverage and staffing hold), or send one teacher
where there is room while the sender keeps its coverage, always taking the change that lowers
the weighted sum of the CVs most per move. It stops when nothing helps and the minimum ratio
and backbone share are met, at the rotation cap, or at its time budget. Gains are computed for
all candidate changes at once with numpy.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from .instance import Instance
from .objectives import Terms
from .variables import Flows


@dataclass
class Greedy:
    """The greedy's state: counts per unit and what has been sent where."""

    inst: Instance
    R: np.ndarray  # [k, u] indicator counts
    H: np.ndarray  # [u] headcount
    N: np.ndarray  # [u, subject] teachers
    W: np.ndarray  # [k, u] weight of R² in the surrogate objective
    left: np.ndarray  # [class] teachers still available
    unit: np.ndarray  # [class] origin unit
    subject: np.ndarray  # [class] subject index
    bits: np.ndarray  # [class, k]
    backbone_of: np.ndarray  # [class]
    allowed: np.ndarray  # [class, unit] destination allowed
    floor: np.ndarray  # [u, subject] coverage floor
    groups: list[np.ndarray]  # classes sharing a stage and subject (swap partners)
    sent: dict[tuple[int, int], int] = field(default_factory=dict)
    moves: int = 0
    backbone: int = 0


def greedy_plan(inst: Instance, terms: Terms, seconds: float = 5.0) -> dict[tuple[int, int], int]:
    """(class, destination unit) → teachers sent, by the greedy described in the module doc."""
    g = _start(inst, terms)
    deadline = time.monotonic() + seconds
    for c in inst.classes:
        if c.must_move:
            _step(g, only=c.index, force=True)
    while g.moves < inst.max_moves and time.monotonic() < deadline:
        if not _step(g, force=not _requirements_met(g)):
            break
    while not _requirements_met(g) and g.moves < inst.max_moves:
        if not _step(g, force=True):
            break
    return g.sent


def _start(inst: Instance, terms: Terms) -> Greedy:
    W = np.zeros_like(inst.r0, dtype=float)
    if inst.moves_counted:
        for term in terms.cv:
            for u, w in term.weights.items():
                W[term.k, u] = inst.weights[term.k] * w / max(1, terms.scale)
    subjects = sorted({t.subject for t in inst.types} | {s for _, s in inst.floors})
    sindex = {s: i for i, s in enumerate(subjects)}
    N = np.zeros((inst.n_units, len(subjects)))
    floor = np.zeros_like(N)
    for (u, s), n in inst.subjects0.items():
        if s in sindex:
            N[u, sindex[s]] = n
    for (u, s), n in inst.floors.items():
        floor[u, sindex[s]] = n if inst.policy.coverage else 0
    classes = inst.classes
    types = [inst.types[c.type] for c in classes]
    allowed = np.zeros((len(classes), inst.n_units), dtype=bool)
    school = inst.units.index.get_level_values("school_id")
    for c in classes:
        if c.routed:
            allowed[c.index, list(c.candidates)] = True
        else:
            dests = inst.pool_units[inst.pool_key(c.unit)][inst.types[c.type].stage]
            allowed[c.index, [d for d in dests if school[d] != school[c.unit]]] = True
    key = [(t.stage, t.subject) for t in types]
    groups = [np.array([i for i, k in enumerate(key) if k == k0]) for k0 in sorted(set(key))]
    return Greedy(
        inst=inst,
        R=inst.r0.astype(float).copy(),
        H=inst.units["teachers"].to_numpy(dtype=float).copy(),
        N=N,
        W=W,
        left=np.array([c.size for c in classes], dtype=int),
        unit=np.array([c.unit for c in classes], dtype=int),
        subject=np.array([sindex[t.subject] for t in types], dtype=int),
        bits=np.array([t.bits for t in types], dtype=float).reshape(
            len(classes), len(inst.indicators)
        ),
        backbone_of=np.array([t.backbone for t in types], dtype=bool),
        allowed=allowed,
        floor=floor,
        groups=groups,
    )


def _requirements_met(g: Greedy, extra_moves: int = 0, extra_backbone: int = 0) -> bool:
    share = g.inst.policy.backbone_share()
    moves, backbone = g.moves + extra_moves, g.backbone + extra_backbone
    return moves >= g.inst.min_moves and share.denominator * backbone >= share.numerator * moves


def _backbone_ok(g: Greedy, moves: int, backbone: int) -> bool:
    share = g.inst.policy.backbone_share()
    return share.denominator * (g.backbone + backbone) >= share.numerator * (g.moves + moves)


def _one_way_gains(g: Greedy) -> np.ndarray:
    """[class, unit] change of the surrogate objective per move for sending one teacher."""
    leave = g.W * (1 - 2 * g.R)  # [k, u]
    arrive = g.W * (1 + 2 * g.R)
    gain = (g.bits * leave[:, g.unit].T).sum(axis=1)[:, None] + g.bits @ arrive
    ok = g.allowed & (g.left > 0)[:, None]
    if g.inst.policy.staffing:
        ok &= (g.inst.units["cap"].to_numpy() >= g.H + 1)[None, :]
    keeps = g.N[g.unit, g.subject] - 1 >= g.floor[g.unit, g.subject]
    ok &= keeps[:, None]
    if not _backbone_ok(g, 1, 0):
        ok &= g.backbone_of[:, None]
    return np.where(ok, gain, np.inf)


def _swap_gains(g: Greedy, members: np.ndarray) -> np.ndarray:
    """[i, j] change of the surrogate objective per move for swapping a teacher of class i
    with one of class j (same stage and subject)."""
    u = g.unit[members]
    delta = g.bits[members][None, :, :] - g.bits[members][:, None, :]  # at u_i: b_j − b_i
    Wi, Ri = g.W[:, u].T[:, None, :], g.R[:, u].T[:, None, :]
    Wj, Rj = g.W[:, u].T[None, :, :], g.R[:, u].T[None, :, :]
    absd = np.abs(delta)
    gain = (Wi * (2 * Ri * delta + absd) + Wj * (-2 * Rj * delta + absd)).sum(axis=2) / 2
    ok = g.allowed[members][:, u] & g.allowed[members][:, u].T
    ok &= (g.left[members] > 0)[:, None] & (g.left[members] > 0)[None, :]
    ok &= u[:, None] != u[None, :]
    if not _backbone_ok(g, 2, 2):
        ok &= False
    elif not _backbone_ok(g, 2, 1):
        bb = g.backbone_of[members]
        ok &= bb[:, None] & bb[None, :]
    elif not _backbone_ok(g, 2, 0):
        bb = g.backbone_of[members]
        ok &= bb[:, None] | bb[None, :]
    return np.where(ok, gain, np.inf)


def _step(g: Greedy, only: int | None = None, force: bool = False) -> bool:
    """Take the best change per move; False when none is allowed (or, unless forced, useful)."""
    budget = g.inst.max_moves - g.moves
    best_gain, best = np.inf, None
    if budget >= 1:
        gains = _one_way_gains(g)
        if only is not None:
            gains = gains[[only]]
        if np.isfinite(gains).any():
            i, d = np.unravel_index(np.argmin(gains), gains.shape)
            best_gain, best = gains[i, d], ("one", only if only is not None else int(i), int(d))
    if budget >= 2:
        for members in g.groups:
            if only is not None and only not in members:
                continue
            gains = _swap_gains(g, members)
            rows = np.flatnonzero(members == only) if only is not None else np.arange(len(members))
            sub = gains[rows]
            i, j = np.unravel_index(np.argmin(sub), sub.shape)
            if sub[i, j] < best_gain:
                best_gain, best = sub[i, j], ("swap", int(members[rows[i]]), int(members[j]))
    if best is None or not np.isfinite(best_gain) or (not force and best_gain >= -1e-12):
        return False
    if best[0] == "one":
        _send(g, best[1], best[2])
    else:
        u1, u2 = g.unit[best[1]], g.unit[best[2]]
        _send(g, best[1], int(u2))
        _send(g, best[2], int(u1))
    return True


def _send(g: Greedy, c: int, d: int) -> None:
    u = g.unit[c]
    g.left[c] -= 1
    g.sent[(c, d)] = g.sent.get((c, d), 0) + 1
    g.R[:, u] -= g.bits[c]
    g.R[:, d] += g.bits[c]
    g.H[u] -= 1
    g.H[d] += 1
    g.N[u, g.subject[c]] -= 1
    g.N[d, g.subject[c]] += 1
    g.moves += 1
    g.backbone += int(g.backbone_of[c])


def hint_values(inst: Instance, flows: Flows, sent: dict[tuple[int, int], int]) -> dict:
    """Decision-variable values for the greedy's moves: leave, arrive and route."""
    values = {var.index: 0 for var in flows.all_variables()}
    for (c, d), n in sent.items():
        cls = inst.classes[c]
        if cls.routed:
            values[flows.route[(c, d)].index] += n
        else:
            values[flows.leave[c].index] += n
            values[flows.arrive[(cls.type, inst.pool_key(cls.unit), d)].index] += n
    return values

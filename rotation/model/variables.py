"""The decision variables: how many teachers of each class leave, and where they arrive.

Pooled classes have one variable, `leave[c]`, and their pool one arrival variable per unit,
`arrive[(type, pool, u)]`; routed classes one flow per candidate, `route[(c, u)]`. Every count
the rules and the objective need (headcount, subject counts, indicator counts) is a sum of these.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .instance import Instance, TeacherType

TypeFilter = Callable[[TeacherType], bool]


@dataclass
class Flows:
    model: cp_model.CpModel
    leave: dict[int, cp_model.IntVar] = field(default_factory=dict)
    arrive: dict[tuple[int, str, int], cp_model.IntVar] = field(default_factory=dict)
    route: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    #: per unit, (variable, type) pairs of teachers leaving and arriving
    outgoing: dict[int, list[tuple[cp_model.IntVar, int]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    incoming: dict[int, list[tuple[cp_model.IntVar, int]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def all_variables(self) -> list[cp_model.IntVar]:
        return [*self.leave.values(), *self.arrive.values(), *self.route.values()]

    def leaving(self, inst: Instance, c: int) -> cp_model.LinearExprT:
        """Teachers of class c that move (a variable, or the sum of the class's routes)."""
        cls = inst.classes[c]
        if not cls.routed:
            return self.leave[c]
        return sum((self.route[(c, d)] for d in cls.candidates), cp_model.LinearExpr.constant(0))

    def outflow(self, inst: Instance, u: int, keep: TypeFilter | None = None):
        return _total(self.outgoing[u], inst, keep)

    def inflow(self, inst: Instance, u: int, keep: TypeFilter | None = None):
        return _total(self.incoming[u], inst, keep)

    def can_change(self, u: int) -> bool:
        return bool(self.outgoing[u] or self.incoming[u])


def _total(pairs, inst: Instance, keep: TypeFilter | None):
    chosen = [v for v, t in pairs if keep is None or keep(inst.types[t])]
    return cp_model.LinearExpr.sum(chosen) if chosen else cp_model.LinearExpr.constant(0)


def build_flows(model: cp_model.CpModel, inst: Instance) -> Flows:
    """Create the flow variables, with bounds from class sizes and pool sizes."""
    flows = Flows(model)
    pooled_size: dict[tuple[int, str], int] = defaultdict(int)
    for c in inst.classes:
        if c.routed:
            for d in c.candidates:
                var = model.new_int_var(0, c.size, f"route_c{c.index}_u{d}")
                flows.route[(c.index, d)] = var
                flows.outgoing[c.unit].append((var, c.type))
                flows.incoming[d].append((var, c.type))
        else:
            var = model.new_int_var(0, c.size, f"leave_c{c.index}")
            flows.leave[c.index] = var
            flows.outgoing[c.unit].append((var, c.type))
            pooled_size[(c.type, inst.pool_key(c.unit))] += c.size
    for (t, pool), size in sorted(pooled_size.items()):
        stage = inst.types[t].stage
        for u in inst.pool_units[pool].get(stage, []):
            var = model.new_int_var(0, min(size, inst.max_moves), f"arrive_t{t}_{pool}_u{u}")
            flows.arrive[(t, pool, u)] = var
            flows.incoming[u].append((var, t))
    return flows

"""The decision variables: how many teachers of each class leave in each year, and where to.

Pooled classes have one variable per year, `leave[(c, y)]`, and their pool one arrival variable
per unit and year, `arrive[(type, pool, u, y)]`; routed classes one flow per candidate and
year, `route[(c, u, y)]`. A move made in year y counts from y until the teacher is back home
or retires (`Instance.end`). Every count the rules and the objective need (headcount, subject
counts, indicator counts, in any year) is a sum of these.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from rotation.model.classes import TeacherType
from rotation.model.instance import Instance

TypeFilter = Callable[[TeacherType], bool]


@dataclass(frozen=True)
class Flow:
    """A flow variable as the counts see it: its type, and the years [start, end) it counts."""

    var: cp_model.IntVar
    type: int
    start: int
    end: int

    def counts_in(self, year: int) -> bool:
        return self.start <= year < self.end


@dataclass
class Flows:
    model: cp_model.CpModel
    leave: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    arrive: dict[tuple[int, str, int, int], cp_model.IntVar] = field(default_factory=dict)
    route: dict[tuple[int, int, int], cp_model.IntVar] = field(default_factory=dict)
    #: per unit, the flows of teachers leaving and arriving
    outgoing: dict[int, list[Flow]] = field(default_factory=lambda: defaultdict(list))
    incoming: dict[int, list[Flow]] = field(default_factory=lambda: defaultdict(list))
    #: helper variables a rule defines from the flows, with how to compute each from their
    #: values (so that a hint can be complete)
    derived: list[tuple[cp_model.IntVar, Callable[[dict[int, int]], int]]] = field(
        default_factory=list
    )

    def all_variables(self) -> list[cp_model.IntVar]:
        return [*self.leave.values(), *self.arrive.values(), *self.route.values()]

    def leaving_vars(self, inst: Instance, c: int, y: int) -> list[cp_model.IntVar]:
        """The variables whose sum is the number of teachers of class c moving in year y."""
        cls = inst.classes[c]
        if y not in cls.years:
            return []
        if cls.candidates is None:  # not routed: one pooled variable
            return [self.leave[(c, y)]]
        return [self.route[(c, d, y)] for d in cls.candidates]

    def leaving(self, inst: Instance, c: int, y: int) -> cp_model.LinearExprT:
        """Teachers of class c that move in year y (a variable, or the sum of its routes)."""
        cls = inst.classes[c]
        if y not in cls.years:
            return cp_model.LinearExpr.constant(0)
        if cls.candidates is None:  # not routed: one pooled variable
            return self.leave[(c, y)]
        return cp_model.LinearExpr.sum([self.route[(c, d, y)] for d in cls.candidates])

    def outflow(self, inst: Instance, u: int, year: int, keep: TypeFilter | None = None):
        """Teachers of unit u away in `year` because of moves (optionally of some types)."""
        return _total(self.outgoing[u], inst, year, keep)

    def inflow(self, inst: Instance, u: int, year: int, keep: TypeFilter | None = None):
        """Teachers at unit u in `year` because of moves."""
        return _total(self.incoming[u], inst, year, keep)

    def can_change(self, u: int, year: int) -> bool:
        return any(f.counts_in(year) for f in (*self.outgoing[u], *self.incoming[u]))


def _total(flows: list[Flow], inst: Instance, year: int, keep: TypeFilter | None):
    chosen = [
        f.var for f in flows if f.counts_in(year) and (keep is None or keep(inst.types[f.type]))
    ]
    return cp_model.LinearExpr.sum(chosen) if chosen else cp_model.LinearExpr.constant(0)


def build_flows(model: cp_model.CpModel, inst: Instance) -> Flows:
    """Create the flow variables, with bounds from class sizes, pool sizes and the cap."""
    flows = Flows(model)
    pooled_size: dict[tuple[int, str, int], int] = defaultdict(int)
    for c in inst.classes:
        for y in c.years:
            end = inst.end(c.type, y)
            if c.candidates is not None:  # routed
                for d in c.candidates:
                    var = model.new_int_var(0, c.size, f"route_c{c.index}_u{d}_y{y}")
                    flows.route[(c.index, d, y)] = var
                    stop = _return_end(inst, c, d, end)
                    flows.outgoing[c.unit].append(Flow(var, c.type, y, stop))
                    flows.incoming[d].append(Flow(var, c.type, y, stop))
            else:
                var = model.new_int_var(0, c.size, f"leave_c{c.index}_y{y}")
                flows.leave[(c.index, y)] = var
                flows.outgoing[c.unit].append(Flow(var, c.type, y, end))
                pooled_size[(c.type, inst.pool_key(c.unit), y)] += c.size
    for (t, pool, y), size in sorted(pooled_size.items()):
        stage = inst.types[t].stage
        end = inst.end(t, y)
        for u in inst.pool_units[pool].get(stage, []):
            top = min(size, inst.max_moves[y])
            var = model.new_int_var(0, top, f"arrive_t{t}_{pool}_u{u}_y{y}")
            flows.arrive[(t, pool, u, y)] = var
            flows.incoming[u].append(Flow(var, t, y, end))
    return flows


def _return_end(inst: Instance, c, d: int, end: int) -> int:
    """A teacher on rotation sent home early counts there only until the rotation would have
    ended anyway (the projection has them home from then on)."""
    if c.home is None or d != c.home:
        return end
    tid = c.teacher_ids[0]
    return min(inst.types[c.type].leaves, inst.returns_at.get(tid, inst.n_years))

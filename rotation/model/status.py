"""How a solve ended, in words a user can read, and the error that means a bug of ours."""

from __future__ import annotations

import enum


class SolveStatus(enum.StrEnum):
    """How a phase, or a whole solve, ended."""

    #: Proven best: no plan does better on this phase's goal (given the earlier phases).
    OPTIMAL = "optimal"
    #: A plan was found, but the time ran out before it was proven best.
    FEASIBLE = "feasible"
    #: Proven that no plan satisfies the rules.
    INFEASIBLE = "infeasible"
    #: The time ran out before any plan was found (and before any was proven impossible).
    NO_SOLUTION = "no_solution"

    @classmethod
    def overall(cls, statuses: list[SolveStatus]) -> SolveStatus:
        """A whole solve's status from its phases': optimal only if every phase was proven
        optimal; infeasible or no_solution when the first phase ended so; else feasible."""
        if not statuses:
            return cls.OPTIMAL  # nothing to decide: the empty plan is the best one
        if statuses[0] in (cls.INFEASIBLE, cls.NO_SOLUTION):
            return statuses[0]
        return cls.OPTIMAL if all(s == cls.OPTIMAL for s in statuses) else cls.FEASIBLE


class ModelInvalidError(RuntimeError):
    """CP-SAT rejected the model the library built (MODEL_INVALID): a bug in the library, not
    a problem with the user's roster, policy or time limit."""

    def __init__(self, where: str, detail: str = ""):
        self.where = where
        self.detail = detail
        super().__init__(
            f"internal error: the solver rejected the model built for {where} as invalid"
            + (f" ({detail})" if detail else "")
            + ". This is a bug in rotation, not in your data: please report it, with the "
            "roster and policy if you can share them."
        )

"""Errors a user can act on: each says where the problem is and what was expected."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as the input allows.

    `row` is the row number a spreadsheet program shows (the header is row 1), so a user can go
    straight to it; `record` is the teacher_id or school_id on that row, when it has one.
    """

    source: str
    message: str
    row: int | None = None
    record: str | None = None
    column: str | None = None
    value: object = None
    expected: str | None = None

    def __str__(self) -> str:
        where = [self.source]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.record:
            where.append(f"({self.record})")
        if self.column:
            where.append(f"column {self.column!r}")
        text = " ".join(where) + ": " + self.message
        if self.value is not None:
            text += f": {self.value!r}"
        if self.expected:
            text += f"; expected {self.expected}"
        return text


class RotationError(Exception):
    """Base of the errors that mean "the user's input or request cannot be carried out"."""

    exit_code = 1


class InputError(RotationError):
    """An input file, table or argument is invalid; carries every problem found, not the first."""

    def __init__(self, problems: Iterable[Problem], what: str = "input"):
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{what} is invalid: {count} problem{'s' if count != 1 else ''}"
        super().__init__("\n".join([head, *(f"  - {p}" for p in self.problems)]))


class RosterError(InputError):
    """A roster cannot be read or breaks the roster format."""

    def __init__(self, problems: Iterable[Problem]):
        super().__init__(problems, "roster")


class PolicyError(InputError):
    """A policy file or setting is invalid."""

    def __init__(self, problems: Iterable[Problem]):
        super().__init__(problems, "policy")


class InfeasibleError(RotationError):
    """No plan satisfies the rules; `conflicts` names the rules and the numbers that clash."""

    exit_code = 2

    def __init__(self, conflicts: Iterable[str]):
        self.conflicts = list(conflicts)
        super().__init__(
            "no plan can satisfy the rules:\n" + "\n".join(f"  - {c}" for c in self.conflicts)
        )

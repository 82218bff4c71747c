"""Errors a user can act on: each says where the problem is and what was expected.

Every error renders in Chinese or English (``render(lang)``); ``str(error)`` is the English.
The structured fields (file, row, column, value, expected) stay on each `Problem` for code
that wants them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rotation.messages import Lang, language_of, localise, text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as the input allows.

    `row` is the row number a spreadsheet program shows (the header is row 1), so a user can go
    straight to it; `record` is the teacher_id or school_id on that row, when it has one.
    `column` is the canonical column name and `header` the column's header as the file writes
    it (出生年份 for birth_year), when it differs. `message` and `expected` may be catalogue
    `Text`s, which then render in either language.
    """

    source: str
    message: str
    row: int | None = None
    record: str | None = None
    column: str | None = None
    value: object = None
    expected: str | None = None
    header: str | None = None

    def __str__(self) -> str:
        return self.render("en")

    def render(self, lang: Lang = "en") -> str:
        """The problem as a sentence in `lang`: where, what, the value, what was expected."""
        source = str(localise(self.source, lang))
        message = str(localise(self.message, lang))
        expected = str(localise(self.expected, lang)) if self.expected else None
        if lang == "en":
            parts = [source]
            if self.row is not None:
                parts.append(f"row {self.row}")
            if self.record:
                parts.append(f"({self.record})")
            if self.column:
                parts.append(f"column {self.column!r}")
            out = " ".join(parts) + ": " + message
            if self.value is not None:
                out += f": {self.value!r}"
            if expected:
                out += f"; expected {expected}"
            return out
        where: list[str] = [source]
        if self.row is not None:
            where.append(text("error.where.row", lang, row=self.row))
        if self.record:
            where.append(text("error.where.record", lang, record=self.record))
        if self.column:
            header = self.header or self.column
            key = "error.where.key" if source.endswith(".toml") else "error.where.column"
            where.append(text(key, lang, column=header))
            if header != self.column:
                where.append(f"（{self.column}）")
        out = where[0] + (" " + "".join(where[1:]) if len(where) > 1 else "") + "：" + message
        if self.value is not None:
            out += text("error.where.value", lang, value=self.value)
        if expected:
            out += text("error.where.expected", lang, expected=expected)
        return out


class RotationError(Exception):
    """Base of the errors that mean "the user's input or request cannot be carried out"."""

    exit_code = 1

    def render(self, lang: Lang = "en") -> str:
        """The error as a person reads it, in `lang` (a catalogue `Text` message renders in
        either language; any other message as it was written)."""
        if len(self.args) == 1:
            return str(localise(self.args[0], lang))
        return str(self)

    def language(self) -> Lang:
        """The language the input that caused the error is written in, as far as the error
        tells: "zh" when it names Chinese sheets, headers or values."""
        return "en"


class InputError(RotationError):
    """An input file, table or argument is invalid; carries every problem found, not the first."""

    def __init__(self, problems: Iterable[Problem], what: str = "input"):
        self.problems = list(problems)
        self.what = what
        super().__init__(self.render("en"))

    def render(self, lang: Lang = "en") -> str:
        count = len(self.problems)
        key = f"what.{self.what}"
        try:
            what = text(key, lang)
        except KeyError:
            what = self.what
        head = text(
            "error.invalid" if count == 1 else "error.invalid_many", lang, what=what, n=count
        )
        return "\n".join([head, *(f"  - {p.render(lang)}" for p in self.problems)])

    def language(self) -> Lang:
        seen: list[object] = []
        for p in self.problems:
            seen += [p.source, p.header, p.record, p.value]
        return language_of(seen)


class RosterError(InputError):
    """A roster cannot be read or breaks the roster format."""

    def __init__(self, problems: Iterable[Problem]):
        super().__init__(problems, "roster")


class PolicyError(InputError):
    """A policy file or setting is invalid."""

    def __init__(self, problems: Iterable[Problem]):
        super().__init__(problems, "policy")


class InfeasibleError(RotationError):
    """No plan satisfies the rules; `conflicts` names the rules and the numbers that clash
    (each a string, or a catalogue `Text` that renders in either language). `changes` holds
    the smallest changes of a setting each found to give a plan (checked by solving with it),
    and `no_change_found` says that changes were searched for and none was found in time."""

    exit_code = 2

    def __init__(
        self,
        conflicts: Iterable[str],
        changes: Iterable[str] = (),
        no_change_found: bool = False,
    ):
        self.conflicts = list(conflicts)
        self.changes = list(changes)
        self.no_change_found = no_change_found
        super().__init__(self.render("en"))

    def render(self, lang: Lang = "en") -> str:
        lines = [text("error.infeasible", lang)]
        lines += [f"  - {localise(c, lang)}" for c in self.conflicts]
        if self.changes:
            lines.append(text("error.infeasible_changes", lang))
            lines += [f"  - {localise(c, lang)}" for c in self.changes]
        elif self.no_change_found:
            lines.append(text("error.infeasible_no_change", lang))
        return "\n".join(lines)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.conflicts, self.changes, self.no_change_found))

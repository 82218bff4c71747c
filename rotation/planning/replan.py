"""Re-planning with least change: the previous plan checked against the roster, and what the new
plan changes in it, each change with its reason.

`rotation.plan(..., previous=...)` gives the model the previous plan as its hint and minimises
the teachers whose assignment differs right after the review's targets (phase (a′) of
rotation/model/objectives.py). `changes` then lists them, from `compare_moves`: moves taken
out, moves added, destinations changed, and why — a pin, the eligibility rules, or a
replacement the rules force (the ratio, the backbone share, coverage) for a move taken out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from rotation.errors import InputError
from rotation.io.roster import Roster, resolve_moves
from rotation.messages import Lang, Text, localise, text
from rotation.planning.compare import Comparison, compare_moves
from rotation.policy.settings import Policy

if TYPE_CHECKING:
    from rotation.planning.result import Plan

__all__ = ["CHANGE_COLUMNS", "change_lines", "changes", "previous_moves"]

#: The columns of `changes`.
CHANGE_COLUMNS = (
    *("teacher_id", "name", "change", "from_school", "before", "after"),
    *("from_name", "before_name", "after_name", "reason"),
)


def previous_moves(roster: Roster, previous: pd.DataFrame | Plan) -> pd.DataFrame:
    """The previous plan's moves with the roster's ids, checked against the roster.

    Parameters
    ----------
    roster
        The roster the new plan starts from.
    previous
        A `Plan`, or a moves table (``plan.moves``, `rotation.read_moves`).

    Raises
    ------
    InputError
        When a move does not fit the roster (naming the file, row, column and value).
    """
    moves = previous if isinstance(previous, pd.DataFrame) else previous.moves
    source = moves.attrs.get("source", Text("what.previous_plan"))
    resolved, problems = resolve_moves(roster, moves, source)
    if problems:
        raise InputError(problems, "plan")
    return resolved


def changes(
    roster: Roster,
    previous: pd.DataFrame,
    moves: pd.DataFrame,
    pins: pd.DataFrame,
    eligibility: pd.DataFrame,
    policy: Policy | None = None,
    year: int | None = None,
    *,
    lang: Lang = "en",
) -> pd.DataFrame:
    """What a new plan changes in the previous one, one row per teacher, with the reason.

    Parameters
    ----------
    roster
        The roster both plans start from.
    previous, moves
        The previous plan's moves and the new plan's.
    pins
        The pins of the new plan (validated, as ``plan.pins``).
    eligibility
        Every teacher's eligibility in the first year (as ``plan.eligibility``).
    policy, year
        As for `compare_moves`.
    lang
        The language of the reasons.

    Returns
    -------
    pandas.DataFrame
        `CHANGE_COLUMNS`: change is "removed" (moved before, not now), "added" (now, not
        before) or "changed" (another school); before and after are the destinations (blank
        when none).
    """
    c = compare_moves(roster, previous, moves, policy, year, lang=lang)
    return change_table(c, roster, pins, eligibility, lang)


def change_table(
    c: Comparison, roster: Roster, pins: pd.DataFrame, eligibility: pd.DataFrame, lang: Lang
) -> pd.DataFrame:
    """The rows of `changes` from a comparison of the previous plan (A) with the new one (B)."""
    pinned = _pins_by_teacher(pins)
    status = eligibility.set_index("teacher_id") if len(eligibility) else eligibility
    subject = dict(zip(roster.teachers["teacher_id"], roster.teachers["subject"], strict=True))
    rows: list[dict[str, object]] = []
    for r in _records(c.removed):
        tid = str(r["teacher_id"])
        rows.append(
            _row(r, "removed", r["to_school"], "", r["to_name"], "")
            | {"reason": _removed_reason(tid, pinned, status, lang)}
        )
    taken = [r for r in rows if r["change"] == "removed"]
    for r in _records(c.added):
        tid = str(r["teacher_id"])
        reason = _pin_reason(tid, pinned, lang) or _replacement(r, taken, subject, lang)
        rows.append(_row(r, "added", "", r["to_school"], "", r["to_name"]) | {"reason": reason})
    for r in _records(c.changed):
        tid = str(r["teacher_id"])
        reason = _pin_reason(tid, pinned, lang) or text("replan.reason.moved_on", lang)
        rows.append(
            _row(r, "changed", r["to_a"], r["to_b"], r["to_a_name"], r["to_b_name"])
            | {"reason": reason}
        )
    return pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))


def _records(table: pd.DataFrame) -> list[dict[str, object]]:
    return [{str(k): v for k, v in row.items()} for row in table.to_dict("records")]


def _row(
    r: dict[str, object], change: str, before: object, after: object, b_name: object, a_name: object
) -> dict[str, object]:
    return {
        "teacher_id": r["teacher_id"],
        "name": r["name"],
        "change": change,
        "from_school": r["from_school"],
        "before": before,
        "after": after,
        "from_name": r["from_name"],
        "before_name": b_name,
        "after_name": a_name,
    }


def _pins_by_teacher(pins: pd.DataFrame) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    if len(pins):
        for tid, action in zip(pins["teacher_id"], pins["action"], strict=True):
            out.setdefault(str(tid), set()).add(str(action))
    return out


def _pin_reason(tid: str, pinned: dict[str, set[str]], lang: Lang) -> str:
    actions = pinned.get(tid, set())
    for action in ("stay", "move", "to", "not_to"):
        if action in actions:
            return text(f"replan.reason.pin_{action}", lang)
    return ""


def _removed_reason(tid: str, pinned: dict[str, set[str]], status: pd.DataFrame, lang: Lang) -> str:
    """Why a teacher of the previous plan no longer moves."""
    pin = _pin_reason(tid, pinned, lang)
    if pin:
        return pin
    if tid in status.index and not bool(status.at[tid, "eligible"]):
        detail = localise(status.at[tid, "detail"], lang)
        return text("replan.reason.ineligible", lang, detail=str(detail))
    return text("replan.reason.not_needed", lang)


def _replacement(
    added: dict[str, object], taken: list[dict[str, object]], subject: dict[str, str], lang: Lang
) -> str:
    """Why a teacher moves now who did not before: the move taken out they replace (same
    sending school and subject first, then the same subject, then the same school, then any),
    else that the rules and targets need it."""
    mine = subject.get(str(added["teacher_id"]))

    def closeness(r: dict[str, object]) -> int:
        same_school = r["from_school"] == added["from_school"]
        same_subject = subject.get(str(r["teacher_id"])) == mine
        return 2 * int(same_subject) + int(same_school)

    open_moves = [r for r in taken if not r.get("replaced")]
    if open_moves:
        match = max(open_moves, key=closeness)  # the first of the closest
        match["replaced"] = True
        who = _who(str(match["name"]), str(match["teacher_id"]), lang)
        return text("replan.reason.replaces", lang, who=who)
    return text("replan.reason.needed", lang)


def _who(name: str, tid: str, lang: Lang) -> str:
    if not name or name == tid:
        return tid
    return f"{name}（{tid}）" if lang == "zh" else f"{name} ({tid})"


def change_lines(table: pd.DataFrame, lang: Lang) -> list[str]:
    """The changes as a terminal shows them: a head line, then one line per teacher."""
    if table.empty:
        return [text("replan.none", lang)]
    counts = table["change"].value_counts()
    lines = [
        text(
            "replan.head",
            lang,
            n=len(table),
            removed=int(counts.get("removed", 0)),
            added=int(counts.get("added", 0)),
            changed=int(counts.get("changed", 0)),
        )
    ]
    for r in _records(table):
        who = _who(str(r["name"]), str(r["teacher_id"]), lang)
        lines.append(
            "  "
            + text(
                f"replan.{r['change']}",
                lang,
                who=who,
                origin=r["from_name"],
                before=r["before_name"],
                after=r["after_name"],
                reason=r["reason"],
            )
        )
    return lines

"""Why this teacher, why this school: a plan's moves explained one key at a time.

For a teacher who moves: which indicators of which schools the move changes and by how much
(the plan judged with and without the move), what it adds to the rotation ratio, the backbone
share and subject coverage, why this teacher and not a colleague of the same school, stage and
subject (the model's own tie-breakers, `rotation.model.assign.choice_key`: longest tenure at
the school, then a wish for the destination, then teacher_id; a colleague the rules or the
indicators tell apart was not interchangeable), and what sending the next colleague instead
costs (a re-solve with that swap pinned). For a teacher who stays: not eligible and why, or
eligible and outranked by the colleagues who move. For a school: who leaves, who arrives, and
its seven indicators before and after.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field
from typing import Literal, cast

import pandas as pd

from rotation.errors import InfeasibleError, RotationError
from rotation.io.cells import split_list
from rotation.io.roster import Roster
from rotation.messages import Lang, Text, Words, joined, text
from rotation.model import ModelResult, NoPlanFound, SolverSettings, solve_rotation
from rotation.model.assign import choice_key
from rotation.policy.eligible import eligibility
from rotation.policy.requirements import subject_counts, subject_need
from rotation.policy.settings import Policy
from rotation.reports.office import indicator_name, missing, pct_text, stage_name
from rotation.review.evaluation import Evaluation, evaluate

__all__ = ["Explanation", "UnknownKeyError", "explain_key"]

#: The re-solve that prices a swap: one worker, a deterministic budget, this many seconds.
SWAP_SETTINGS = SolverSettings(time_limit=10.0, num_workers=1, seed=0, deterministic=True)
#: The official indicators shown for a school.
OFFICIAL = ("L1", "L2", "L3", "L4", "L5", "L6", "L7")


class UnknownKeyError(RotationError):
    """The key names neither a teacher nor a school of the roster."""

    exit_code = 2


@dataclass(frozen=True)
class Explanation:
    """Why the plan does what it does to one teacher or one school.

    Attributes
    ----------
    kind : {"teacher", "school"}
        What `key` names.
    key : str
        The teacher_id or school_id explained.
    name : str
        The teacher's or school's name (the id when the roster has none).
    sentences : tuple of Text
        The explanation, sentence by sentence, each rendering in either language.
    table : pandas.DataFrame
        For a teacher: each indicator of a school, and each county CV, the move changes
        (school_id, stage, indicator, without, with, change). For a school: its indicators
        per stage before and after the plan (stage, indicator, before, after, change).
    colleagues : pandas.DataFrame
        For a teacher: the colleagues of the same school, stage and subject, with eligibility,
        years at the school, whether they asked for the destination, whether they are
        interchangeable for the model, and where they move (empty for a school).
    lang : {"zh", "en"}
        The language of `str(explanation)`.
    """

    kind: Literal["teacher", "school"]
    key: str
    name: str
    sentences: tuple[Text, ...]
    table: pd.DataFrame
    colleagues: pd.DataFrame = field(default_factory=pd.DataFrame)
    lang: Lang = "en"

    def render(self, lang: Lang | None = None) -> str:
        """The explanation as a terminal shows it, in `lang` (default: the roster's)."""
        lang = lang or self.lang
        return "\n".join(str(s.render(lang)) for s in self.sentences)

    def to_frame(self) -> pd.DataFrame:
        """`table`: the indicators the explanation is about, as a DataFrame."""
        return self.table.copy()

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        first = self.sentences[0].render("en") if self.sentences else ""
        return f"<Explanation of {self.kind} {self.key}: {first}>"

    def _repr_html_(self) -> str:
        lines = "".join(f"<li>{html.escape(str(s.render(self.lang)))}</li>" for s in self.sentences)
        return f"<ul>{lines}</ul>" + self.table.to_html(na_rep="—", float_format="{:.3f}".format)


def explain_key(
    start: Roster,
    policy: Policy,
    moves: pd.DataFrame,
    key: str,
    *,
    pins: pd.DataFrame | None = None,
    distances: pd.DataFrame | None = None,
    settings: SolverSettings | None = None,
    swap: bool = True,
    lang: Lang | None = None,
) -> Explanation:
    """Explain what a plan does to one teacher or one school.

    Parameters
    ----------
    start
        The roster at the start of the plan's first year (``plan.start``).
    policy
        The rules the plan keeps.
    moves
        The plan's moves (``plan.moves`` or `rotation.read_moves`); the moves of the first
        start year are explained.
    key
        A teacher_id or a school_id.
    pins, distances
        The plan's pins and distance table, kept in the re-solve that prices a swap.
    settings
        The re-solve's settings (default `SWAP_SETTINGS`: one worker, deterministic, 10 s).
    swap
        Whether to price sending the next colleague instead (a re-solve).
    lang
        The language of `str(result)` (default: the roster's).

    Returns
    -------
    Explanation

    Raises
    ------
    UnknownKeyError
        When `key` names neither a teacher nor a school of the roster.
    """
    lang = lang or start.lang
    key = str(key).strip()
    year = int(moves["start_year"].min()) if len(moves) else None
    first = moves[moves["start_year"] == year] if year is not None else moves
    teachers = start.teachers.set_index("teacher_id")
    if key in teachers.index:
        return _teacher(start, policy, first, key, year, pins, distances, settings, swap, lang)
    if key in set(start.schools["school_id"].astype(str)):
        return _school(start, policy, first, key, year, lang)
    raise UnknownKeyError(Text("why.unknown", id=key))


# -- names --------------------------------------------------------------------------------------
def _named(name: object, key: str) -> Words:
    name = str(name).strip() if isinstance(name, str) else ""
    if not name or name == key:
        return Words(key, key)
    return Words(f"{name}（{key}）", f"{name} ({key})")


def _teacher_words(start: Roster, tid: str) -> Words:
    t = start.teachers.set_index("teacher_id")
    return _named(t.at[tid, "name"] if "name" in t else "", tid)


def _school_words(start: Roster, sid: str) -> Words:
    s = start.schools.set_index("school_id")
    return _named(s.at[sid, "name"] if "name" in s else "", sid)


def _code_words(family: str, code: str) -> Words:
    return Words(text(f"{family}.{code}", "zh"), text(f"{family}.{code}", "en").lower())


def _num(x: object) -> str:
    if missing(x):
        return "—"
    value = float(cast(float, x))
    return f"{value:.0f}" if abs(value) >= 1000 else f"{value:.2f}"


def _indicator_words(code: str, name: object) -> Words:
    return Words(
        f"{code} {indicator_name(code, 'zh', name)}", f"{code} {indicator_name(code, 'en', name)}"
    )


def _stage_words(stage: str) -> Words:
    return Words(stage_name(stage, "zh"), stage_name(stage, "en"))


# -- a teacher ----------------------------------------------------------------------------------
def _teacher(
    start: Roster,
    policy: Policy,
    moves: pd.DataFrame,
    tid: str,
    year: int | None,
    pins: pd.DataFrame | None,
    distances: pd.DataFrame | None,
    settings: SolverSettings | None,
    swap: bool,
    lang: Lang,
) -> Explanation:
    t = start.teachers.set_index("teacher_id").loc[tid]
    year = year if year is not None else _this_year()
    status = eligibility(start, policy, year).set_index("teacher_id")
    colleagues = _colleagues(start, policy, moves, tid, status, year)
    mine = moves[moves["teacher_id"].astype(str) == tid]
    name = str(t.get("name", "") or tid)
    if not len(mine):
        sentences = _stays(start, pins, tid, status, colleagues)
        return Explanation("teacher", tid, name, tuple(sentences), pd.DataFrame(), colleagues, lang)
    move = mine.iloc[0]
    target = str(move["to_school"])
    with_plan = evaluate(start, policy, year, moves=moves)
    without = evaluate(start, policy, year, moves=moves[moves["teacher_id"].astype(str) != tid])
    table = _effects(with_plan, without, (str(t["school_id"]), target), str(t["stage"]))
    sentences = [
        Text(
            "why.move",
            who=_teacher_words(start, tid),
            stage=_stage_words(str(t["stage"])),
            subject=_code_words("subject", str(t["subject"])),
            origin=_school_words(start, str(t["school_id"])),
            target=_school_words(start, target),
            start=int(move["start_year"]),
            end=int(move["end_year"]),
        )
    ]
    sentences += _effect_sentences(start, table, with_plan.county["name"])
    sentences += _figures(with_plan, without, backbone=str(t["backbone"]) != "none")
    sentences += _coverage(start, policy, moves, str(t["stage"]), str(t["subject"]), tid, target)
    sentences += _why_not_colleagues(start, tid, colleagues)
    runner_up = _runner_up(colleagues, tid)
    if swap and runner_up is not None:
        sentences.append(
            _swap_cost(
                start, policy, moves, tid, runner_up, target, year, pins, distances, settings
            )
        )
    return Explanation("teacher", tid, name, tuple(sentences), table, colleagues, lang)


def _this_year() -> int:
    import datetime as dt

    return dt.date.today().year


def _colleagues(
    start: Roster,
    policy: Policy,
    moves: pd.DataFrame,
    tid: str,
    status: pd.DataFrame,
    year: int,
) -> pd.DataFrame:
    """The teacher and the colleagues of the same school, stage and subject: eligibility, years
    at the school, a wish for the teacher's destination, the model's view of them (the
    indicators they count for, backbone or not) and where they move."""
    teachers = start.teachers
    me = teachers[teachers["teacher_id"] == tid].iloc[0]
    same = teachers[
        (teachers["school_id"] == me["school_id"])
        & (teachers["stage"] == me["stage"])
        & (teachers["subject"] == me["subject"])
    ]
    counted = [i for i in policy.standard.teacher_indicators if policy.weights.get(i.code, 0) > 0]
    counts = {i.code: i.counts(same) for i in counted}
    target = moves.set_index(moves["teacher_id"].astype(str))["to_school"].astype(str)
    destination = str(target.get(tid, ""))
    rows = []
    for i, row in enumerate(same.itertuples(index=False)):
        other = str(row.teacher_id)
        wishes = set(split_list(str(row.preferred_schools or "")))
        rows.append(
            {
                "teacher_id": other,
                "name": str(row.name or ""),
                "eligible": bool(status.at[other, "eligible"]),
                "reason": status.at[other, "detail"],
                "years_at_school": int(cast(int, row.years_at_school)),
                "asked": bool(destination) and destination in wishes,
                "counts_for": " ".join(c for c, s in counts.items() if bool(s.iloc[i])),
                "backbone": str(row.backbone) != "none",
                "moves_to": str(target.get(other, "")),
                "preferred_schools": str(row.preferred_schools or ""),
            }
        )
    return pd.DataFrame(rows)


def _effects(
    with_plan: Evaluation, without: Evaluation, schools: tuple[str, str], stage: str
) -> pd.DataFrame:
    """Each indicator of the two schools, and each county CV of the stage, that the move
    changes: its value without the move and with it."""
    rows = []
    for school in schools:
        key = (school, stage)
        if key not in with_plan.schools.index:
            continue
        for code in [i.code for i in with_plan.standard.teacher_indicators]:
            a = without.schools.at[key, code]
            b = with_plan.schools.at[key, code]
            if _changed(a, b):
                rows.append((school, stage, code, a, b))
    for index, row in with_plan.county.iterrows():
        st, code = cast("tuple[str, str]", index)
        if st != stage or pd.isna(row["passes"]):
            continue
        a = without.county.at[(st, code), "cv"]
        if _changed(a, row["cv"]):
            rows.append(("", stage, code, a, row["cv"]))
    out = pd.DataFrame(rows, columns=["school_id", "stage", "indicator", "without", "with"])
    out["change"] = out["with"].astype(float) - out["without"].astype(float)
    return out


def _changed(a: object, b: object) -> bool:
    x, y = float(cast(float, a)), float(cast(float, b))
    return not (math.isnan(x) and math.isnan(y)) and abs(x - y) > 1e-12


def _effect_sentences(start: Roster, table: pd.DataFrame, names: pd.Series) -> list[Text]:
    """The effects table as sentences: each school indicator, then each county CV."""
    if table.empty:
        return [Text("why.no_effect")]
    out = [Text("why.effects_head")]
    for row in table.to_dict("records"):
        code, stage = str(row["indicator"]), str(row["stage"])
        indicator = _indicator_words(code, names.get((stage, code), code))
        if row["school_id"]:
            out.append(
                Text(
                    "why.effect",
                    school=_school_words(start, str(row["school_id"])),
                    stage=_stage_words(stage),
                    indicator=indicator,
                    before=_num(row["without"]),
                    after=_num(row["with"]),
                )
            )
        else:
            out.append(
                Text(
                    "why.cv",
                    stage=_stage_words(stage),
                    indicator=indicator,
                    before=f"{float(row['without']):.3f}",
                    after=f"{float(row['with']):.3f}",
                )
            )
    return out


def _figures(with_plan: Evaluation, without: Evaluation, backbone: bool) -> list[Text]:
    """What the move adds to the review's rotation figures."""
    g, h = with_plan.guarantees, without.guarantees
    assert g is not None and h is not None  # judged with moves
    ratio = Text(
        "why.ratio",
        rotated=int(cast(int, g.at["rotated_teachers", "value"])),
        eligible=int(cast(int, g.at["eligible_teachers", "value"])),
        ratio=pct_text(g.at["rotation_ratio", "value"]),
        required=pct_text(g.at["rotation_ratio", "required"]),
        without=pct_text(h.at["rotation_ratio", "value"]),
    )
    share = Text(
        "why.backbone_yes" if backbone else "why.backbone_no",
        share=pct_text(g.at["backbone_share", "value"]),
        required=pct_text(g.at["backbone_share", "required"]),
        without=pct_text(h.at["backbone_share", "value"]),
    )
    return [ratio, share]


def _coverage(
    start: Roster,
    policy: Policy,
    moves: pd.DataFrame,
    stage: str,
    subject: str,
    tid: str,
    target: str,
) -> list[Text]:
    """The subject's teachers at the sending and the receiving school, before and after the
    plan, against the need."""
    origin = str(start.teachers.set_index("teacher_id").at[tid, "school_id"])
    need = subject_need(start.units(), policy)
    before = subject_counts(start.teachers)
    after = subject_counts(start.apply_moves(moves).teachers)
    out = []
    for school in (origin, target):
        key = (school, stage)
        out.append(
            Text(
                "why.coverage",
                school=_school_words(start, school),
                stage=_stage_words(stage),
                subject=_code_words("subject", subject),
                before=_count(before, key, subject),
                after=_count(after, key, subject),
                need=_count(need, key, subject),
            )
        )
    return out


def _count(table: pd.DataFrame, key: tuple[str, str], column: str) -> int:
    if key not in table.index or column not in table.columns:
        return 0
    return int(cast(int, table.at[key, column]))


def _row(colleagues: pd.DataFrame, tid: str) -> pd.Series:
    """One teacher's row of the colleagues table."""
    return colleagues[colleagues["teacher_id"] == tid].iloc[0]


def _interchangeable(a: pd.Series, b: pd.Series) -> bool:
    """Whether the model sees two colleagues alike: eligible, the same indicators, backbone
    or not (school, stage and subject are the same)."""
    return (
        bool(a["eligible"])
        and bool(b["eligible"])
        and a["counts_for"] == b["counts_for"]
        and a["backbone"] == b["backbone"]
    )


def _differs(a: pd.Series, b: pd.Series) -> Words:
    """How the model tells two colleagues apart: the indicators they count for, backbone."""
    zh, en = [], []
    if a["counts_for"] != b["counts_for"]:
        x, y = a["counts_for"] or "—", b["counts_for"] or "—"
        zh.append(f"计入指标：{x} 与 {y}")
        en.append(f"counts for {x} against {y}")
    if a["backbone"] != b["backbone"]:
        zh.append("一位是骨干教师，一位不是")
        en.append("one is a backbone teacher, the other not")
    return Words("；".join(zh), "; ".join(en))


def _tie(start: Roster, mover: pd.Series, other: pd.Series, target: str) -> Text:
    """Why `mover` moves and `other`, interchangeable, does not: the model's tie-breakers."""
    who = _teacher_words(start, str(other["teacher_id"]))
    first = _teacher_words(start, str(mover["teacher_id"]))
    wishes = set(split_list(str(mover["preferred_schools"] or "")))
    others = set(split_list(str(other["preferred_schools"] or "")))
    asked_m, asked_o = target in wishes, target in others
    key_m = choice_key(int(mover["years_at_school"]), asked_m, str(mover["teacher_id"]))
    key_o = choice_key(int(other["years_at_school"]), asked_o, str(other["teacher_id"]))
    if key_m > key_o:  # the model chose otherwise (another year's tenure, another destination)
        return Text("why.tie_other", who=who, mover=first)
    if key_m[0] != key_o[0]:
        return Text(
            "why.tie_tenure",
            who=who,
            years=int(other["years_at_school"]),
            mover=first,
            mover_years=int(mover["years_at_school"]),
        )
    if key_m[1] != key_o[1]:
        return Text(
            "why.tie_wish",
            who=who,
            years=int(other["years_at_school"]),
            mover=first,
            target=_school_words(start, target),
        )
    return Text("why.tie_id", who=who, mover=first)


def _why_not_colleagues(start: Roster, tid: str, colleagues: pd.DataFrame) -> list[Text]:
    """Each colleague of the same school, stage and subject, and why the model did not send
    them instead."""
    me = _row(colleagues, tid)
    target = str(me["moves_to"])
    others = colleagues[colleagues["teacher_id"] != tid]
    if others.empty:
        return [Text("why.no_colleagues")]
    out = [Text("why.colleagues_head")]
    for _, other in others.iterrows():
        who = _teacher_words(start, str(other["teacher_id"]))
        if other["moves_to"]:
            out.append(
                Text(
                    "why.colleague_moves",
                    who=who,
                    target=_school_words(start, str(other["moves_to"])),
                )
            )
        elif not other["eligible"]:
            out.append(Text("why.colleague_ineligible", who=who, reason=other["reason"]))
        elif not _interchangeable(me, other):
            mover = _teacher_words(start, tid)
            out.append(Text("why.differs", a=who, b=mover, differs=_differs(other, me)))
        else:
            out.append(_tie(start, me, other, target))
    return out


def _runner_up(colleagues: pd.DataFrame, tid: str) -> str | None:
    """The colleague the model would send next: eligible, not moving, interchangeable ones
    first, then in `choice_key` order."""
    me = _row(colleagues, tid)
    target = str(me["moves_to"])
    free = colleagues[
        (colleagues["teacher_id"] != tid) & colleagues["eligible"] & (colleagues["moves_to"] == "")
    ]
    if free.empty:
        return None

    def rank(row: pd.Series) -> tuple[bool, tuple[int, bool, str]]:
        asked = target in set(split_list(str(row["preferred_schools"] or "")))
        alike = _interchangeable(me, row)
        return (not alike, choice_key(int(row["years_at_school"]), asked, str(row["teacher_id"])))

    best = min((row for _, row in free.iterrows()), key=rank)
    return str(best["teacher_id"])


def _swap_cost(
    start: Roster,
    policy: Policy,
    moves: pd.DataFrame,
    tid: str,
    other: str,
    target: str,
    year: int,
    pins: pd.DataFrame | None,
    distances: pd.DataFrame | None,
    settings: SolverSettings | None,
) -> Text:
    """Re-solve with `other` pinned to `target` and `tid` to stay (the plan's own pins kept),
    first with every other move of the plan held, so that the difference is the swap's own;
    when the rules then allow no plan, with the other moves free. The moves and the CVs that
    change against the plan."""
    swap = pd.DataFrame(
        [
            {"teacher_id": tid, "action": "stay", "school": "", "force": False},
            {"teacher_id": other, "action": "to", "school": target, "force": False},
        ]
    )
    rest = moves[~moves["teacher_id"].astype(str).isin([tid, other])]
    held = pd.DataFrame(
        {
            "teacher_id": rest["teacher_id"].astype(str),
            "action": "to",
            "school": rest["to_school"].astype(str),
            "force": True,  # a forced pin of the plan stays forced; others need no force
        }
    )
    kept = _plain_pins(pins)
    kept = kept[~kept["teacher_id"].isin([tid, other])]
    loose = kept[~kept["teacher_id"].isin(held["teacher_id"]) | (kept["action"] == "not_to")]
    attempts = (
        ("why.swap", pd.concat([loose, held, swap], ignore_index=True)),
        ("why.swap_free", pd.concat([kept, swap], ignore_index=True)),
    )
    who, mover = _teacher_words(start, other), _teacher_words(start, tid)
    reason: object = ""
    found: tuple[str, ModelResult] | None = None
    for key, both in attempts:
        try:
            found = (
                key,
                solve_rotation(start, policy, year, settings or SWAP_SETTINGS, both, distances),
            )
        except InfeasibleError as err:
            reason = err.conflicts[0] if err.conflicts else ""
            continue
        except NoPlanFound:
            return Text("why.swap_not_found", who=who, mover=mover)
        break
    if found is None:
        return Text("why.swap_impossible", who=who, mover=mover, reason=reason)
    key, result = found
    plan_ev = evaluate(start, policy, year, moves=moves)
    swap_ev = evaluate(start, policy, year, moves=result.moves)
    cvs = []
    for index, row in plan_ev.county.iterrows():
        stage, code = cast("tuple[str, str]", index)
        if pd.isna(row["passes"]):
            continue
        b = float(cast(float, swap_ev.county.at[(stage, code), "cv"]))
        if _changed(row["cv"], b):
            cvs.append(
                Words(
                    f"{stage_name(stage, 'zh')}{code} {row['cv']:.3f}→{b:.3f}",
                    f"{stage} {code} {row['cv']:.3f}→{b:.3f}",
                )
            )
    pairs = set(zip(moves["teacher_id"].astype(str), moves["to_school"].astype(str), strict=True))
    new = set(
        zip(
            result.moves["teacher_id"].astype(str),
            result.moves["to_school"].astype(str),
            strict=True,
        )
    )
    return Text(
        key,
        who=who,
        mover=mover,
        target=_school_words(start, target),
        moves=len(result.moves),
        before=len(moves),
        changed=len(pairs ^ new) // 2 + len(pairs ^ new) % 2,
        cvs=joined(cvs, "，", ", ") if cvs else Text("why.swap_same"),
    )


def _plain_pins(pins: pd.DataFrame | None) -> pd.DataFrame:
    """The plan's pins as a user writes them (teacher_id, action, school, force)."""
    columns = ["teacher_id", "action", "school", "force"]
    if pins is None or not len(pins):
        return pd.DataFrame(columns=columns)
    out = pins.reindex(columns=columns).copy()
    out["school"] = out["school"].fillna("")
    out["force"] = out["force"].fillna(False).astype(bool)
    return out


def _stays(
    start: Roster,
    pins: pd.DataFrame | None,
    tid: str,
    status: pd.DataFrame,
    colleagues: pd.DataFrame,
) -> list[Text]:
    """Why a teacher does not move: pinned to stay, not eligible, or outranked."""
    t = start.teachers.set_index("teacher_id").loc[tid]
    school, stage, subject = str(t["school_id"]), str(t["stage"]), str(t["subject"])
    out = [
        Text(
            "why.stays",
            who=_teacher_words(start, tid),
            stage=_stage_words(stage),
            subject=_code_words("subject", subject),
            school=_school_words(start, school),
        )
    ]
    pinned = pins is not None and len(pins) > 0
    if pinned and bool(((pins["teacher_id"] == tid) & (pins["action"] == "stay")).any()):  # type: ignore[index]
        return [*out, Text("why.pinned_stay")]
    if not bool(status.at[tid, "eligible"]):
        return [*out, Text("why.not_eligible", reason=status.at[tid, "detail"])]
    me = _row(colleagues, tid)
    movers = colleagues[colleagues["moves_to"] != ""]
    if movers.empty:
        where = Text(
            "why.none_needed",
            school=_school_words(start, school),
            stage=_stage_words(stage),
            subject=_code_words("subject", subject),
        )
        return [*out, where]
    out.append(Text("why.not_chosen"))
    for _, mover in movers.iterrows():
        if _interchangeable(me, mover):
            out.append(_tie(start, mover, me, str(mover["moves_to"])))
        else:
            who = _teacher_words(start, str(mover["teacher_id"]))
            me_words = _teacher_words(start, tid)
            out.append(Text("why.differs", a=me_words, b=who, differs=_differs(me, mover)))
    return out


# -- a school -----------------------------------------------------------------------------------
def _school(
    start: Roster, policy: Policy, moves: pd.DataFrame, sid: str, year: int | None, lang: Lang
) -> Explanation:
    """Who leaves, who arrives, and the school's indicators per stage before and after."""
    year = year if year is not None else _this_year()
    leaving = moves[moves["from_school"].astype(str) == sid]
    arriving = moves[moves["to_school"].astype(str) == sid]
    after = evaluate(start, policy, year, moves=moves)
    before = after.before
    assert before is not None  # judged with moves
    teachers = start.teachers.set_index("teacher_id")
    here = _school_words(start, sid)
    sentences = [Text("why.school", school=here, out=len(leaving), arrive=len(arriving))]
    for kind, table, other in (
        ("why.leaves", leaving, "to_school"),
        ("why.arrives", arriving, "from_school"),
    ):
        for row in table.to_dict("records"):
            t = teachers.loc[str(row["teacher_id"])]
            sentences.append(
                Text(
                    kind,
                    who=_teacher_words(start, str(row["teacher_id"])),
                    stage=_stage_words(str(t["stage"])),
                    subject=_code_words("subject", str(t["subject"])),
                    school=_school_words(start, str(row[other])),
                )
            )
    rows = []
    codes = [i.code for i in after.standard.indicators]
    for key in [k for k in after.schools.index if k[0] == sid]:
        stage = str(key[1])
        sentences.append(Text("why.indicators_head", stage=_stage_words(stage)))
        for code in codes:
            a, b = before.schools.at[key, code], after.schools.at[key, code]
            name = after.county.at[(stage, code), "name"]
            met = after.schools.at[key, f"{code}_met"]
            verdict = (
                Words("", "") if missing(met) else Text("why.met" if bool(met) else "why.not_met")
            )
            sentences.append(
                Text(
                    "why.indicator",
                    indicator=_indicator_words(code, name),
                    before=_num(a),
                    after=_num(b),
                    verdict=verdict,
                )
            )
            rows.append(
                {
                    "stage": stage,
                    "indicator": code,
                    "before": a,
                    "after": b,
                    "change": float(cast(float, b)) - float(cast(float, a)),
                }
            )
    name = str(start.schools.set_index("school_id").at[sid, "name"] or sid)
    return Explanation("school", sid, name, tuple(sentences), pd.DataFrame(rows), lang=lang)

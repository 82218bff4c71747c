"""What the office documents share: codes as words, names looked up, terms, titles, safe cells.

The workbook (`workbook.py`), the notice and the letters (`notice.py`) read a plan through
these helpers only, so a list, a notice and a letter name a teacher, a school and a term the
same way. Every word comes from `rotation.messages`.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from rotation.messages import Lang, has, text

# -- single values ----------------------------------------------------------------------------


def missing(value: Any) -> bool:
    """None, NaN, NA and NaT: a cell a person should see empty."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def cv_text(value: Any, digits: int = 3) -> str:
    """A CV as a report prints it (0.437), a dash when there is none."""
    if missing(value) or not math.isfinite(float(value)):
        return "—"
    return f"{float(value):.{digits}f}"


def pct_text(value: Any) -> str:
    """A share as a report prints it (10.1%), a dash when there is none."""
    return "—" if missing(value) else f"{100 * float(value):.1f}%"


def word(family: str, code: Any, lang: Lang) -> str:
    """A roster code in words (subject "pe" → 体育); empty when missing; the code itself when
    the catalogue does not know it (a user's own value is shown as written)."""
    if missing(code) or str(code) == "":
        return ""
    key = f"{family}.{code}"
    return text(key, lang) if has(key) else str(code)


def indicator_name(code: str, lang: Lang, fallback: object = None, *, short: bool = False) -> str:
    """An indicator's name in `lang`.

    Parameters
    ----------
    code : str
        The indicator's code ("L1").
    lang : {"zh", "en"}
        The reader's language.
    fallback : object, optional
        A user-defined indicator's own name, used when the catalogue has none.
    short : bool, default False
        The short form a chart's axis has room for.

    Returns
    -------
    str
        The catalogue's official name for L1–L7, else `fallback`, else the code.
    """
    keys = (f"indicator_short.{code}", f"indicator.{code}") if short else (f"indicator.{code}",)
    for key in keys:
        if has(key):
            return text(key, lang)
    return str(code) if missing(fallback) or not str(fallback) else str(fallback)


def stage_name(stage: str, lang: Lang) -> str:
    """A school stage's name in `lang` (小学 / Primary); an unknown stage keeps its code."""
    key = f"stage.{stage}"
    return text(key, lang) if has(key) else str(stage)


def yes_no(value: Any, lang: Lang) -> str:
    if missing(value):
        return ""
    return text("yes" if bool(value) else "no", lang)


def verdict(value: Any, lang: Lang) -> str:
    """达标 / 未达标 for a verdict; empty where there is none (a facility without data)."""
    if missing(value):
        return ""
    return text("verdict.pass" if bool(value) else "verdict.fail", lang)


def cell(value: Any, lang: Lang = "zh") -> Any:
    """A value as it may be written to a cell a person reads: numbers stay numbers (NaN and
    infinities become empty), booleans become 是/否, NA becomes empty, the rest text."""
    if missing(value):
        return ""
    if isinstance(value, bool | np.bool_):
        return yes_no(value, lang)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return float(value) if math.isfinite(value) else ""
    return str(value)


def display_width(value: Any) -> int:
    """Columns a value takes on screen: East Asian wide characters count 2."""
    s = str(value)
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in s)


def date_text(day: dt.date, lang: Lang) -> str:
    return text("date.full", lang, year=day.year, month=day.month, day=day.day)


def as_date(value: dt.date | str | None, default: dt.date) -> dt.date | str:
    """A date given as a date, an ISO string (2026-08-31) or free text kept as written."""
    if value is None:
        return default
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value)


def date_words(value: dt.date | str, lang: Lang) -> str:
    return date_text(value, lang) if isinstance(value, dt.date) else str(value)


# -- the plan ------------------------------------------------------------------------------------


def plan_years(plan) -> tuple[int, ...]:
    """The school years a plan covers (one for a plan of one year)."""
    years = getattr(plan, "years", None)
    if years:
        return tuple(int(y) for y in years)
    return (int(plan.year),)


def years_text(plan, lang: Lang) -> str:
    years = plan_years(plan)
    if len(years) == 1:
        return text("years.one", lang, year=years[0])
    return text("years.range", lang, first=years[0], last=years[-1])


def title_text(key: str, plan, lang: Lang, county: str | None) -> str:
    prefix = text("title.county_suffix", lang, county=county) if county else ""
    return text(key, lang, county=prefix, years=years_text(plan, lang))


def term_text(start: Any, end: Any, lang: Lang) -> str:
    """交流期限 from the move's start and end years: a term of 2026 to 2029 is three school years,
    2026–2027学年至2028–2029学年."""
    if missing(start) or missing(end):
        return ""
    start, end = int(start), int(end)
    first = text("term.school_year", lang, start=start, end=start + 1)
    last_start = max(start, end - 1)
    if last_start == start:
        return first
    last = text("term.school_year", lang, start=last_start, end=last_start + 1)
    return text("term.range", lang, first=first, last=last)


def _names(frame: pd.DataFrame, key: str) -> dict[str, str]:
    if "name" not in frame.columns:
        return {}
    pairs = zip(frame[key].astype(str), frame["name"], strict=True)
    return {k: str(n).strip() for k, n in pairs if not missing(n) and str(n).strip()}


def id_names(table: pd.DataFrame, key: str) -> dict[str, str]:
    """id → name for every row, the id itself where the name is blank or missing (or the
    table has no name column)."""
    names = table["name"] if "name" in table else table[key]
    return {
        str(k): str(n).strip() if not missing(n) and str(n).strip() else str(k)
        for k, n in zip(table[key], names, strict=True)
    }


def roster_of(plan):
    """The roster the plan starts from (the year's start state when the plan has one)."""
    return getattr(plan, "start", None) or plan.roster


class Names:
    """Teacher and school names looked up in the plan's roster (ids where a name is blank)."""

    def __init__(self, plan) -> None:
        rosters = [r for r in (getattr(plan, "start", None), getattr(plan, "roster", None)) if r]
        self.schools: dict[str, str] = {}
        self.teachers: dict[str, str] = {}
        self.gender: dict[str, str] = {}
        self.area: dict[str, str] = {}
        for r in reversed(rosters):  # the start state wins
            self.schools.update(_names(r.schools, "school_id"))
            self.teachers.update(_names(r.teachers, "teacher_id"))
            if "gender" in r.teachers.columns:
                self.gender.update(
                    zip(r.teachers["teacher_id"].astype(str), r.teachers["gender"], strict=True)
                )
            if "area" in r.schools.columns:
                self.area.update(
                    zip(r.schools["school_id"].astype(str), r.schools["area"], strict=True)
                )

    def school(self, school_id: Any) -> str:
        if missing(school_id):
            return ""
        return self.schools.get(str(school_id), str(school_id))

    def teacher(self, teacher_id: Any) -> str:
        if missing(teacher_id):
            return ""
        return self.teachers.get(str(teacher_id), str(teacher_id))


# -- why a teacher moves ---------------------------------------------------------------------

_REASONS: list[tuple[re.Pattern[str], Callable[[re.Match[str], Lang], str]]] = [
    (
        re.compile(r"eligible: (?P<years>\d+) years at the school"),
        lambda m, lang: text("reason.eligible", lang, years=m["years"]),
    ),
    (re.compile(r"pinned by the user"), lambda m, lang: text("reason.pinned", lang)),
    (
        re.compile(r"on rotation from (?P<home>\S+) until (?P<end>\d+)"),
        lambda m, lang: text(
            "eligibility.on_rotation", lang, home_school=m["home"], end_year=m["end"]
        ),
    ),
    (
        re.compile(r"term ended (?P<end>\d+): returns to (?P<home>\S+)"),
        lambda m, lang: text(
            "eligibility.term_ended", lang, home_school=m["home"], end_year=m["end"]
        ),
    ),
    (
        re.compile(r"exempt: (?P<why>.+)"),
        lambda m, lang: text("eligibility.exempt_because", lang, why=m["why"]),
    ),
    (re.compile(r"exempt"), lambda m, lang: text("eligibility.exempt", lang)),
    (re.compile(r"on leave"), lambda m, lang: text("eligibility.on_leave", lang)),
    (
        re.compile(r"age (?P<age>\d+) ≥ (?P<limit>\d+) \(retirement (?P<r>\d+) − (?P<y>\d+)\)"),
        lambda m, lang: text(
            "eligibility.near_retirement", lang, age=m["age"], retirement_age=m["r"], years=m["y"]
        ),
    ),
    (
        re.compile(r"(?P<terms>\d+) of (?P<needed>\d+) terms as (?P<role>\S+)"),
        lambda m, lang: text(
            "eligibility.leader_terms",
            lang,
            terms=m["terms"],
            needed=m["needed"],
            role=word("role", m["role"], lang),
        ),
    ),
    (
        re.compile(r"(?P<years>\d+) of (?P<needed>\d+) years at the school"),
        lambda m, lang: text(
            "eligibility.too_few_years", lang, years=m["years"], needed=m["needed"]
        ),
    ),
]


def reason_text(reason: Any, lang: Lang, names: Names | None = None) -> str:
    """The plan's reason for a move (written in English by the optimiser) in `lang`; school ids
    inside it become names. Text the catalogue does not know is kept as written."""
    if missing(reason):
        return ""
    raw = str(reason).strip()
    if lang == "en":
        return raw
    for pattern, render in _REASONS:
        m = pattern.fullmatch(raw)
        if m:
            out = render(m, lang)
            if names is not None and "home" in m.groupdict():
                out = out.replace(m["home"], names.school(m["home"]))
            return out
    return raw


# -- the list of moves as people read it ----------------------------------------------------------


def moves_table(plan, lang: Lang) -> pd.DataFrame:
    """One row per move, every value in words: the list the office prints (ids kept in the
    last three columns). Sorted by sending school, stage, subject and name."""
    moves = plan.moves
    names = Names(plan)
    teachers = roster_of(plan).teachers.set_index("teacher_id")

    def teacher_col(column: str) -> pd.Series:
        if column in moves.columns:
            return moves[column]
        if column in teachers.columns:
            return moves["teacher_id"].map(teachers[column])
        return pd.Series([""] * len(moves), index=moves.index, dtype=object)

    rows = []
    for i, m in enumerate(moves.itertuples(index=False)):
        gender = names.gender.get(str(m.teacher_id), "")
        rows.append(
            {
                "teacher_id": str(m.teacher_id),
                "name": names.teacher(m.teacher_id),
                "gender": word("gender", gender, lang),
                "stage_code": teacher_col("stage").iloc[i],
                "stage": word("stage", teacher_col("stage").iloc[i], lang),
                "subject_code": teacher_col("subject").iloc[i],
                "subject": word("subject", teacher_col("subject").iloc[i], lang),
                "education": word("education", teacher_col("education").iloc[i], lang),
                "backbone_code": teacher_col("backbone").iloc[i],
                "backbone": word("backbone", teacher_col("backbone").iloc[i], lang),
                "from_school_id": str(m.from_school),
                "from_school": names.school(m.from_school),
                "from_area": names.area.get(str(m.from_school), ""),
                "to_school_id": str(m.to_school),
                "to_school": names.school(m.to_school),
                "to_area": names.area.get(str(m.to_school), ""),
                "start_year": m.start_year,
                "end_year": m.end_year,
                "term": term_text(m.start_year, m.end_year, lang),
                "reason": reason_text(getattr(m, "reason", None), lang, names),
                "preferred": getattr(m, "preferred", None),
            }
        )
    columns = [
        *("teacher_id", "name", "gender", "stage_code", "stage", "subject_code", "subject"),
        *("education", "backbone_code", "backbone", "from_school_id", "from_school"),
        *("from_area", "to_school_id", "to_school", "to_area", "start_year", "end_year"),
        *("term", "reason", "preferred"),
    ]
    table = pd.DataFrame(rows, columns=columns)
    if table.empty:
        return table
    order = ["start_year", "from_school_id", "stage_code", "subject_code", "teacher_id"]
    return table.sort_values(order, ignore_index=True)


def rotation_mode(row: pd.Series, policy, lang: Lang) -> str:
    """交流方式 of a move, from the policy and the two schools' areas: within school groups
    集团内师资互派; without return 调动; urban to town/rural 顶岗支教; town/rural to urban
    跟岗学习; otherwise 交流轮岗. A county's own naming is passed to the notice as `mode`."""
    if getattr(policy, "within_group", False):
        return text("mode.group", lang)
    if not getattr(policy, "return_after_term", True):
        return text("mode.transfer", lang)
    a, b = row.get("from_area", ""), row.get("to_area", "")
    if a == "urban" and b in ("town", "rural"):
        return text("mode.support", lang)
    if a in ("town", "rural") and b == "urban":
        return text("mode.learning", lang)
    return text("mode.rotation", lang)


# -- writing a file whole or not at all -------------------------------------------------------


@contextmanager
def atomic_path(path: Path):
    """A temporary path beside `path`; moved onto `path` when the block ends without error,
    removed otherwise, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, _PLAIN_FILE_MODE & ~_umask())  # mkstemp's 0600 is for the temporary
        os.replace(tmp_path, path)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


#: The mode of a file written for people, before the user's umask (as open() would make it).
_PLAIN_FILE_MODE = 0o666


def _umask() -> int:
    """The process's umask (read by setting it, then setting it back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def safe_filename(name: str) -> str:
    """A file name from a school's name: characters Windows forbids replaced."""
    cleaned = re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("._")
    return cleaned or "school"

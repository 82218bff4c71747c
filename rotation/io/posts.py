"""Posts (交流轮岗岗位统计表) and teachers' applications (交流轮岗申请表), read and checked.

The posts workbook has two sheets: the posts (receiving school, stage, subject, backbone wanted,
above-required education wanted, count) and the sending schools' quotas (the same profile, and
how many the school sends). Applications are one row per teacher: the teacher's id, then the
ranked schools 志愿1 … 志愿N (choice1 … choiceN), each a school id or a school's name.

Headers are accepted in Chinese or English (`POST_HEADERS`, `QUOTA_HEADERS`); every problem
names the file, sheet, row, column and value.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from rotation.errors import InputError, Problem
from rotation.io.cells import cell_text, is_blank
from rotation.io.roster import Roster
from rotation.io.sources import is_workbook, read_csv_grid, read_sheets
from rotation.io.vocabulary import (
    FALSE_WORDS,
    STAGE_CODES,
    STAGE_ZH,
    SUBJECT_CODES,
    TRUE_WORDS,
    normalise,
    to_chinese,
)
from rotation.messages import Lang, Text, listed

__all__ = [
    "POST_COLUMNS",
    "POST_HEADERS",
    "QUOTA_COLUMNS",
    "QUOTA_HEADERS",
    "SHEETS",
    "post_frame",
    "read_applications",
    "read_posts",
]

#: canonical column → (Chinese header, English header) of the posts sheet.
POST_HEADERS = {
    "school_id": ("接收学校代码", "receiving school id"),
    "school_name": ("接收学校", "receiving school"),
    "stage": ("学段", "stage"),
    "subject": ("学科", "subject"),
    "backbone": ("是否要求骨干教师", "backbone wanted"),
    "qualified": ("是否要求高于规定学历", "above-required education wanted"),
    "count": ("岗位数", "posts"),
}
#: canonical column → (Chinese header, English header) of the quotas sheet.
QUOTA_HEADERS = {
    "school_id": ("派出学校代码", "sending school id"),
    "school_name": ("派出学校", "sending school"),
    "stage": ("学段", "stage"),
    "subject": ("学科", "subject"),
    "backbone": ("是否骨干教师", "backbone"),
    "qualified": ("是否高于规定学历", "above-required education"),
    "count": ("应派出人数", "to send"),
}
POST_COLUMNS = tuple(POST_HEADERS)
QUOTA_COLUMNS = tuple(QUOTA_HEADERS)
#: sheet → (Chinese name, English name) as written; reading accepts either.
SHEETS = {"posts": ("交流轮岗岗位", "posts"), "quotas": ("派出学校名额", "quotas")}

_TEACHER_HEADERS = ("teacher_id", "teacher id", "教师编号", "教师代码", "工号", "教职工号")
_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CHOICE = re.compile(r"^(?:志愿学校|志愿|choice|school)_?(\d+)$")
_CHOICE_ZH = re.compile(r"^第([一二三四五六七八九])志愿(?:学校)?$")


def post_frame(table: pd.DataFrame, kind: str, lang: Lang) -> pd.DataFrame:
    """A posts or quotas table as the workbook writes it: headers and values in `lang`."""
    headers = POST_HEADERS if kind == "posts" else QUOTA_HEADERS
    out = table[list(headers)].copy()
    if lang == "zh":
        out["stage"] = [STAGE_ZH.get(s, s) for s in out["stage"]]
        out["subject"] = [to_chinese(SUBJECT_CODES, s) for s in out["subject"]]
        yes, no = "是", "否"
    else:
        yes, no = "yes", "no"
    for c in ("backbone", "qualified"):
        out[c] = [yes if v else no for v in out[c]]
    pick = 0 if lang == "zh" else 1
    return out.rename(columns={c: h[pick] for c, h in headers.items()})


def read_posts(path: str | Path, roster: Roster) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The posts and the quotas of a posts workbook, checked against the roster.

    Returns
    -------
    tuple of pandas.DataFrame
        posts (`POST_COLUMNS`) and quotas (`QUOTA_COLUMNS`); stage and subject as codes,
        backbone and qualified as booleans, count as int.

    Raises
    ------
    InputError
        A missing sheet or column, or a value that is not valid (by sheet, row and column).
    """
    path = Path(path)
    source = str(path)
    sheets, problems = read_sheets(path, Text("expected.posts_file"))
    if sheets is None:
        raise InputError(problems, "posts")
    found: dict[str, pd.DataFrame] = {}
    for kind, names in SHEETS.items():
        sheet = next((s for s in sheets if normalise(s) in {normalise(n) for n in names}), None)
        if sheet is None:
            problems.append(
                Problem(
                    source,
                    Text("io.no_sheet", table=names[0], sheets=listed(list(sheets))),
                    expected=Text(
                        "expected.sheets", sheets=listed([n[0] for n in SHEETS.values()])
                    ),
                )
            )
            continue
        headers = POST_HEADERS if kind == "posts" else QUOTA_HEADERS
        found[kind] = _table(sheets[sheet], f"{source} [{sheet}]", headers, roster, problems)
    if problems:
        raise InputError(problems, "posts")
    return found["posts"], found["quotas"]


def _table(
    grid: pd.DataFrame,
    source: str,
    headers: dict[str, tuple[str, str]],
    roster: Roster,
    problems: list[Problem],
) -> pd.DataFrame:
    aliases = {normalise(a): c for c, names in headers.items() for a in (c, *names)}
    names = [aliases.get(normalise(cell_text(h)), "") for h in grid.iloc[0]] if len(grid) else []
    missing = [c for c in headers if c not in names and c != "school_name"]
    if missing:
        problems.append(
            Problem(
                source,
                Text("io.missing_columns", columns=listed([headers[c][0] for c in missing])),
                row=1,
                expected=Text("expected.columns", columns=listed([h[0] for h in headers.values()])),
            )
        )
        return pd.DataFrame(columns=list(headers))
    schools = set(roster.schools["school_id"].astype(str))
    rows = []
    for i in range(1, len(grid)):
        cells = {n: grid.iat[i, j] for j, n in enumerate(names) if n}
        if all(is_blank(v) for v in cells.values()):
            continue
        row = i + 1
        out: dict[str, object] = {"school_name": cell_text(cells.get("school_name", "")).strip()}

        def bad(column: str, value: object, expected: Text, row: int = row) -> None:
            problems.append(
                Problem(
                    source,
                    Text("io.invalid_value"),
                    row=row,
                    column=headers[column][0],
                    value=value,
                    expected=expected,
                )
            )

        school = cell_text(cells["school_id"]).strip()
        if school not in schools:
            problems.append(
                Problem(
                    source,
                    Text("io.unknown_school"),
                    row=row,
                    column=headers["school_id"][0],
                    value=school,
                )
            )
        out["school_id"] = school
        for column, codes in (("stage", STAGE_CODES), ("subject", SUBJECT_CODES)):
            value = cell_text(cells[column]).strip()
            code = codes.get(normalise(value))
            if code is None:
                bad(
                    column,
                    value,
                    Text("expected.one_of", codes=listed(sorted(set(codes.values())))),
                )
            out[column] = code or value
        for column in ("backbone", "qualified"):
            value = normalise(cell_text(cells[column]))
            if value not in TRUE_WORDS | FALSE_WORDS:
                bad(column, cells[column], Text("expected.yes_no"))
            out[column] = value in TRUE_WORDS
        count = cell_text(cells["count"]).strip()
        if not re.fullmatch(r"[0-9]+(\.0*)?", count):
            bad("count", count, Text("expected.int"))
            count = "0"
        out["count"] = int(float(count))
        out["row"] = row
        rows.append(out)
    return pd.DataFrame(rows, columns=[*headers, "row"])


def read_applications(path: str | Path, roster: Roster) -> pd.DataFrame:
    """Teachers' applications: one row per teacher, the ranked schools after the id.

    Parameters
    ----------
    path
        A CSV or a workbook (first sheet): a teacher id column (教师编号, 工号, teacher_id)
        and choice columns 志愿1 … 志愿N (also 志愿学校1, 第一志愿, choice1); each choice a
        school id or a school's name; blank choices are skipped.
    roster
        The roster the teachers and schools must be in.

    Returns
    -------
    pandas.DataFrame
        teacher_id, choices (a tuple of school ids, first choice first), row (the spreadsheet
        row), columns (the header of each choice, for messages).

    Raises
    ------
    InputError
        An unknown teacher or school, a teacher applying twice, or a missing column — each
        with its row and column.
    """
    path = Path(path)
    source = str(path)
    what = Text("expected.applications_file")
    if is_workbook(path):
        sheets, problems = read_sheets(path, what, first_only=True)
        grid = next(iter(sheets.values())) if sheets else None
    else:
        grid, problems = read_csv_grid(path, what)
    if grid is None or grid.empty:
        raise InputError(problems or [Problem(source, Text("io.no_header_row"))], "applications")
    headers = [cell_text(h).strip() for h in grid.iloc[0]]
    teacher_col = next(
        (
            j
            for j, h in enumerate(headers)
            if normalise(h) in {normalise(a) for a in _TEACHER_HEADERS}
        ),
        None,
    )
    choice_cols = sorted((_choice_rank(h), j) for j, h in enumerate(headers) if _choice_rank(h))
    if teacher_col is None or not choice_cols:
        raise InputError(
            [
                Problem(
                    source,
                    Text("io.missing_columns", columns=listed(["教师编号", "志愿1"])),
                    row=1,
                    expected=Text("expected.application_columns"),
                )
            ],
            "applications",
        )
    teachers = set(roster.teachers["teacher_id"].astype(str))
    ids = set(roster.schools["school_id"].astype(str))
    by_name = _school_names(roster)
    seen: dict[str, int] = {}
    rows = []
    for i in range(1, len(grid)):
        if all(is_blank(v) for v in grid.iloc[i]):
            continue
        row = i + 1
        tid = cell_text(grid.iat[i, teacher_col]).strip()
        if tid not in teachers:
            problems.append(
                Problem(
                    source,
                    Text("io.unknown_teacher"),
                    row=row,
                    column=headers[teacher_col],
                    value=tid,
                )
            )
            continue
        if tid in seen:
            problems.append(
                Problem(
                    source,
                    Text("io.applied_twice", first=seen[tid]),
                    row=row,
                    record=tid,
                    column=headers[teacher_col],
                    value=tid,
                )
            )
            continue
        seen[tid] = row
        choices: list[str] = []
        columns: list[str] = []
        for _, j in choice_cols:
            cell = grid.iat[i, j]
            if is_blank(cell):
                continue
            value = cell_text(cell).strip()
            school = value if value in ids else by_name.get(value)
            if school is None:
                problems.append(
                    Problem(
                        source,
                        Text("io.unknown_school"),
                        row=row,
                        record=tid,
                        column=headers[j],
                        value=value,
                    )
                )
                continue
            if school not in choices:
                choices.append(school)
                columns.append(headers[j])
        rows.append(
            {"teacher_id": tid, "choices": tuple(choices), "row": row, "columns": tuple(columns)}
        )
    if problems:
        raise InputError(problems, "applications")
    out = pd.DataFrame(rows, columns=["teacher_id", "choices", "row", "columns"])
    out.attrs["source"] = source
    return out


def _choice_rank(header: str) -> int:
    """The rank a choice column's header gives (0: not a choice column)."""
    h = normalise(header).replace(" ", "")
    match = _CHOICE.match(h)
    if match:
        return int(match.group(1))
    match = _CHOICE_ZH.match(h)
    return _NUMERALS[match.group(1)] if match else 0


def _school_names(roster: Roster) -> dict[str, str]:
    """A school's name → its id, for names that name one school only."""
    schools = roster.schools
    if "name" not in schools:
        return {}
    names = [str(n).strip() for n in schools["name"]]
    return {
        n: str(i)
        for n, i in zip(names, schools["school_id"], strict=True)
        if n and names.count(n) == 1
    }

"""Rules of a roster that involve more than one cell: duplicate ids, enrolment that fits the
classes, a teacher's school and stage, rotation fields that agree."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from rotation.errors import Problem
from rotation.io.cells import RawTable, is_blank, number, split_list, text_or_none
from rotation.io.ids import IdIndex
from rotation.io.vocabulary import STAGE_ZH, STAGES, TABLES
from rotation.messages import Text, Words


def _stage(stage: str) -> Words:
    """A stage code as each language names it (小学 / primary)."""
    return Words(STAGE_ZH.get(stage, stage), stage)


def _column(name: str) -> Words:
    """A canonical column as each language names it (教师编号 / teacher_id)."""
    zh = next((c.zh for cols in TABLES.values() for c in cols if c.name == name), name)
    return Words(zh, name)


def birth_years(frame: pd.DataFrame, table: RawTable) -> list[Problem]:
    """Fill birth_year from birth_date where only the date is given; flag the two disagreeing."""
    if "birth_date" not in frame:
        return []
    problems = []
    invalid = frame["birth_date"].isna()  # a date that did not parse, already reported
    dates = frame["birth_date"].fillna("")
    from_dates = [int(d[:4]) if d else None for d in dates]
    if "birth_year" not in frame:
        frame["birth_year"] = from_dates
        for position, year in enumerate(from_dates):
            if year is None and not invalid.iloc[position]:
                problems.append(
                    Problem(
                        table.source,
                        Text("io.value_missing"),
                        column="birth_date",
                        expected=Text("expected.birth"),
                        **table.locate(position, text_or_none(frame["teacher_id"].iloc[position])),
                    )
                )
        if None not in from_dates:
            frame["birth_year"] = frame["birth_year"].astype("int64")
        return problems
    for position, (year, from_date) in enumerate(zip(frame["birth_year"], from_dates, strict=True)):
        if from_date is not None and year is not None and not pd.isna(year) and year != from_date:
            problems.append(
                Problem(
                    table.source,
                    Text("io.birth_disagree", year=year),
                    column="birth_date",
                    value=dates.iloc[position],
                    expected=Text("expected.date_in", year=year),
                    **table.locate(position, text_or_none(frame["teacher_id"].iloc[position])),
                )
            )
    return problems


_STAGE_COUNTS = tuple(f"{what}_{stage}" for what in ("students", "classes") for stage in STAGES)


def check_schools(schools: pd.DataFrame, table: RawTable) -> list[Problem]:
    """Rules that involve more than one cell of the schools table."""
    problems = duplicate_ids(schools, "school_id", table)
    for position, row in enumerate(schools.itertuples(index=False)):
        where = table.locate(position, text_or_none(row.school_id))
        counts = _numbers(row, _STAGE_COUNTS)
        if counts is None:
            continue
        if counts["students_primary"] + counts["students_middle"] == 0:
            problems.append(
                Problem(
                    table.source,
                    Text("io.no_students"),
                    column="students_primary",
                    value=0,
                    expected=Text("expected.students_some_stage"),
                    **where,
                )
            )
        for stage in STAGES:
            students, classes = int(counts[f"students_{stage}"]), int(counts[f"classes_{stage}"])
            if students > 0 and classes == 0:
                problems.append(
                    Problem(
                        table.source,
                        Text("io.students_no_classes", students=students, stage=_stage(stage)),
                        column=f"classes_{stage}",
                        value=classes,
                        expected=Text("expected.classes"),
                        **where,
                    )
                )
            if students == 0 and classes > 0:
                problems.append(
                    Problem(
                        table.source,
                        Text("io.classes_no_students", classes=classes, stage=_stage(stage)),
                        column=f"students_{stage}",
                        value=students,
                        expected=Text("expected.students"),
                        **where,
                    )
                )
    return problems


def _numbers(row: Any, fields: Iterable[str]) -> dict[str, float] | None:
    """The numeric `fields` of a row, or None when any of them did not parse."""
    out: dict[str, float] = {}
    for name in fields:
        value = number(getattr(row, name))
        if value is None:
            return None
        out[name] = value
    return out


def duplicate_ids(frame: pd.DataFrame, id_column: str, table: RawTable) -> list[Problem]:
    problems = []
    first_seen: dict[str, int] = {}
    for position, key in enumerate(frame[id_column]):
        if is_blank(key):
            continue
        if key in first_seen:
            first = table.row_number(first_seen[key])
            also = (
                Text("io.at_row", row=first)
                if first is not None
                else Text("io.at_index", label=frame.index[first_seen[key]])
            )
            problems.append(
                Problem(
                    table.source,
                    Text("io.duplicate_id", column=_column(id_column), first=also),
                    column=id_column,
                    value=key,
                    expected=Text("expected.each_once", column=_column(id_column)),
                    **table.locate(position, key),
                )
            )
        else:
            first_seen[key] = position
    return problems


def check_teachers(
    teachers: pd.DataFrame, schools: pd.DataFrame | None, table: RawTable
) -> list[Problem]:
    """Rules that tie a teacher to the schools table or to other cells of the same row.

    `schools` is None when the schools table could not be read: references to it are then not
    judged (every teacher would otherwise be "at an unknown school").
    """
    problems = duplicate_ids(teachers, "teacher_id", table)
    known = None if schools is None else IdIndex(_ids(schools["school_id"]))
    if known is not None:
        resolve_school_references(teachers, known)
    stages = {} if schools is None else school_stages(schools)
    for position, row in enumerate(teachers.itertuples(index=False)):
        where = table.locate(position, text_or_none(row.teacher_id))
        problems += _teacher_school(row, known, stages, table, where)
        problems += _teacher_dates(row, table, where)
        problems += _teacher_rotation(row, known, table, where)
    return problems


def _ids(values: pd.Series) -> list[str]:
    """The ids of a column that parsed (a missing one is None, and reported already)."""
    return [v for v in values if isinstance(v, str) and v]


def resolve_school_references(teachers: pd.DataFrame, known: IdIndex) -> None:
    """Write each school a teacher refers to as the schools table spells it (``ｓ００１`` and
    ``s001`` name ``S001``); references that match no school are left for the checks."""

    def one(value: object) -> object:
        if not isinstance(value, str) or not value:
            return value
        return known.resolve(value) or value

    def several(value: object) -> object:
        if not isinstance(value, str) or not value:
            return value
        parts = split_list(value)
        resolved = [str(one(part)) for part in parts]
        return value if resolved == parts else "; ".join(resolved)

    for column in ("school_id", "home_school_id"):
        if column in teachers:
            teachers[column] = teachers[column].map(one)
    if "preferred_schools" in teachers:
        teachers["preferred_schools"] = teachers["preferred_schools"].map(several)


def school_stages(schools: pd.DataFrame) -> dict[str, set[str]]:
    """The stages each school has students in, for the schools whose enrolment is valid.

    A school whose counts did not parse, or that has no students at all, is left out: its own
    problem is reported, and its teachers' stages are not judged against a wrong count.
    """
    out: dict[str, set[str]] = {}
    for row in schools.itertuples(index=False):
        counts = _numbers(row, [f"students_{s}" for s in STAGES])
        if counts is None or not any(counts.values()):
            continue
        out[str(row.school_id)] = {s for s in STAGES if counts[f"students_{s}"] > 0}
    return out


def _teacher_school(
    row: Any,
    known: IdIndex | None,
    stages: dict[str, set[str]],
    table: RawTable,
    where: dict[str, Any],
) -> list[Problem]:
    if is_blank(row.school_id) or known is None:
        return []
    if row.school_id not in known:
        return [
            Problem(
                table.source,
                Text("io.unknown_school_of_teacher"),
                column="school_id",
                value=row.school_id,
                expected=Text("expected.school_id", hint=known.hint(row.school_id)),
                **where,
            )
        ]
    stage = text_or_none(row.stage)
    if stage and row.school_id in stages and stage not in stages[row.school_id]:
        have = ", ".join(sorted(stages[row.school_id]))
        return [
            Problem(
                table.source,
                Text(
                    "io.school_lacks_stage",
                    school=row.school_id,
                    stage=_stage(row.stage),
                    have=Words(
                        "、".join(STAGE_ZH.get(s, s) for s in sorted(stages[row.school_id])), have
                    ),
                ),
                column="stage",
                value=row.stage,
                expected=Text("expected.stage_of_school", school=row.school_id),
                **where,
            )
        ]
    return []


def _teacher_dates(row: Any, table: RawTable, where: dict[str, Any]) -> list[Problem]:
    year = number(row.birth_year)
    if year is None or 1930 <= year <= 2010:
        return []
    return [
        Problem(
            table.source,
            Text("io.implausible_birth_year"),
            column="birth_year",
            value=int(year),
            expected=Text("expected.birth_year"),
            **where,
        )
    ]


def _teacher_rotation(
    row: Any, known: IdIndex | None, table: RawTable, where: dict[str, Any]
) -> list[Problem]:
    """A teacher on rotation names a real home school other than the host, and a sane term."""
    problems = []
    home = text_or_none(getattr(row, "home_school_id", "")) or ""
    if home and known is not None and home not in known:
        problems.append(
            Problem(
                table.source,
                Text("io.home_unknown"),
                column="home_school_id",
                value=home,
                expected=Text("expected.school_id", hint=known.hint(home)),
                **where,
            )
        )
    elif home and home == row.school_id:
        problems.append(
            Problem(
                table.source,
                Text("io.home_is_current"),
                column="home_school_id",
                value=home,
                expected=Text("expected.home_blank"),
                **where,
            )
        )
    start = number(getattr(row, "rotation_start_year", None))
    end = number(getattr(row, "rotation_end_year", None))
    if home and end is None:
        problems.append(
            Problem(
                table.source,
                Text("io.rotation_end_missing"),
                column="rotation_end_year",
                expected=Text("expected.year"),
                **where,
            )
        )
    if not home and end is not None:
        problems.append(
            Problem(
                table.source,
                Text("io.end_without_home"),
                column="home_school_id",
                expected=Text("expected.home_school"),
                **where,
            )
        )
    if start is not None and end is not None and end < start:
        problems.append(
            Problem(
                table.source,
                Text("io.rotation_ends_before"),
                column="rotation_end_year",
                value=int(end),
                expected=Text("expected.year_from", start=int(start)),
                **where,
            )
        )
    for school in split_list(getattr(row, "preferred_schools", "")):
        if known is not None and school not in known:
            problems.append(
                Problem(
                    table.source,
                    Text("io.preferred_unknown"),
                    column="preferred_schools",
                    value=school,
                    expected=Text("expected.preferred", hint=known.hint(school)),
                    **where,
                )
            )
    return problems

"""Rosters of several counties (区县): which county each school is in, and a roster split by it.

A prefecture or province sends one roster holding several counties, the schools table naming
each school's county in the optional `county` column. Teachers never rotate across a county
line and each county is judged on its own, so planning and evaluation work county by county on
the parts `split_counties` returns. A roster without the column (or with one county named) is
one county, and everything works on it as before.
"""

from __future__ import annotations

import pandas as pd

from rotation.errors import Problem
from rotation.io.cells import RawTable, split_list

#: The schools column naming the county.
COUNTY = "county"


def county_names(schools: pd.DataFrame) -> list[str]:
    """The counties the schools table names, in the order they first appear (blanks left out).

    Parameters
    ----------
    schools
        A canonical schools table.

    Returns
    -------
    list of str
        Empty when the table has no county column or names none.
    """
    if COUNTY not in schools:
        return []
    names = [str(c).strip() for c in schools[COUNTY].tolist()]
    return list(dict.fromkeys(n for n in names if n))


def is_multi_county(schools: pd.DataFrame) -> bool:
    """True when the schools table names more than one county."""
    return len(county_names(schools)) > 1


def school_county(schools: pd.DataFrame) -> pd.Series:
    """school_id → county name ("" when the roster names none)."""
    if COUNTY not in schools:
        return pd.Series("", index=schools["school_id"].astype(str), name=COUNTY, dtype=object)
    values = schools[COUNTY].astype(str).str.strip().to_numpy()
    return pd.Series(values, index=schools["school_id"].astype(str), name=COUNTY, dtype=object)


def teacher_county(schools: pd.DataFrame, teachers: pd.DataFrame) -> pd.Series:
    """Each teacher's county (that of the school they teach at), aligned with `teachers`."""
    where = school_county(schools)
    return teachers["school_id"].astype(str).map(where).fillna("")


def split_frames(
    schools: pd.DataFrame, teachers: pd.DataFrame
) -> dict[str, tuple[pd.DataFrame, pd.DataFrame]]:
    """The schools and teachers of each county, in the order the counties first appear.

    A teacher's preferred schools outside their county are dropped (they cannot be had).

    Parameters
    ----------
    schools, teachers
        A canonical roster's two tables.

    Returns
    -------
    dict of str to (pandas.DataFrame, pandas.DataFrame)
        County name → its schools and teachers (indexes restarted); one entry, named by the
        roster's only county or "", when the roster is one county.
    """
    names = county_names(schools)
    if len(names) <= 1:
        return {names[0] if names else "": (schools, teachers)}
    of_teacher = teacher_county(schools, teachers)
    where = school_county(schools)
    out: dict[str, tuple[pd.DataFrame, pd.DataFrame]] = {}
    for name in names:
        part_schools = schools[where.to_numpy() == name].reset_index(drop=True)
        part_teachers = teachers[of_teacher.to_numpy() == name].reset_index(drop=True)
        if "preferred_schools" in part_teachers:
            inside = set(part_schools["school_id"].astype(str))
            part_teachers = part_teachers.copy()
            part_teachers["preferred_schools"] = [
                ";".join(s for s in split_list(str(p)) if s in inside) if p else ""
                for p in part_teachers["preferred_schools"].fillna("")
            ]
        out[name] = (part_schools, part_teachers)
    return out


def moves_by_county(schools: pd.DataFrame, moves: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """A moves table split by the county of each move's origin school (from_school).

    Parameters
    ----------
    schools
        The roster's schools table.
    moves
        teacher_id, from_school, to_school, start_year, end_year.

    Returns
    -------
    dict of str to pandas.DataFrame
        County → its moves, for every county of the roster (an empty table where none).
    """
    names = county_names(schools) or [""]
    origin = moves["from_school"].astype(str).map(school_county(schools)).fillna("")
    return {name: moves[origin.to_numpy() == name] for name in names}


def crossing_moves(schools: pd.DataFrame, moves: pd.DataFrame) -> pd.DataFrame:
    """The moves whose origin and destination lie in different counties (none may).

    Returns
    -------
    pandas.DataFrame
        The crossing rows of `moves`, with two more columns: from_county and to_county.
    """
    where = school_county(schools)
    out = moves.copy()
    out["from_county"] = moves["from_school"].astype(str).map(where).fillna("")
    out["to_county"] = moves["to_school"].astype(str).map(where).fillna("")
    return out[out["from_county"] != out["to_county"]]


def check_counties(
    schools: pd.DataFrame, teachers: pd.DataFrame, tables: dict[str, RawTable]
) -> list[Problem]:
    """The rules of a roster of several counties: when one school names its county every school
    does, and a teacher on rotation is away from a home school of the same county.

    Parameters
    ----------
    schools, teachers
        The parsed canonical tables.
    tables
        The raw tables as read ("schools", "teachers"), to name rows in messages.

    Returns
    -------
    list of Problem
        Empty when the roster is one county or keeps both rules.
    """
    if not county_names(schools):
        return []
    problems: list[Problem] = []
    where = school_county(schools)
    table = tables["schools"]
    for position, (sid, county) in enumerate(zip(where.index, where.to_numpy(), strict=True)):
        if not county:
            problems.append(
                Problem(
                    table.source,
                    "county missing while other schools name theirs",
                    column=COUNTY,
                    value="",
                    expected="the county (区县) of every school",
                    **table.locate(position, sid),
                )
            )
    if "home_school_id" not in teachers:
        return problems
    table = tables["teachers"]
    for position, row in enumerate(teachers.itertuples(index=False)):
        home = str(row.home_school_id or "")
        if not home or home not in where.index or str(row.school_id) not in where.index:
            continue
        if where[home] != where[str(row.school_id)]:
            problems.append(
                Problem(
                    table.source,
                    f"home school is in {where[home]}, the school taught at in "
                    f"{where[str(row.school_id)]}",
                    column="home_school_id",
                    value=home,
                    expected="a home school in the same county: teachers never rotate across "
                    "a county line",
                    **table.locate(position, str(row.teacher_id)),
                )
            )
    return problems

"""Yearly rosters of one county: reading, checking across years, and what changed each year.

A history is a folder with one roster per year — a sub-folder named by the year holding
schools.csv and teachers.csv, or a workbook named by the year (2023.xlsx) — or one roster whose
two tables both have a `year` column. Each year is validated as a roster; across years, ids
must be stable (a teacher keeps birth year and gender) and tenure consistent (one more year at
the same school, or a fresh count after a move).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from rotation.errors import Problem, RosterError
from rotation.io.cells import RawTable, cell_text
from rotation.io.roster import Roster, _build, raw_tables, read_roster
from rotation.io.vocabulary import normalise
from rotation.messages import Text, Words


@dataclass(frozen=True, repr=False, eq=False)
class History:
    """Rosters by school year, consecutive years only.

    Attributes
    ----------
    rosters : dict of int to Roster
        The roster of each school year.
    source : str
        Where the rosters were read from.
    """

    rosters: dict[int, Roster]
    source: str = "rosters"

    @property
    def years(self) -> list[int]:
        return sorted(self.rosters)

    def __getitem__(self, year: int) -> Roster:
        return self.rosters[year]

    def transitions(self) -> list[tuple[int, int]]:
        return list(itertools.pairwise(self.years))

    def changes(self, year: int) -> pd.DataFrame:
        """Teachers whose school changed between `year` and the next: the moves actually made
        (kind "rotation" when the new row names the old school as home, "return" when the
        teacher went home, else "transfer"), plus hires and departures.

        Parameters
        ----------
        year
            A year of the history that has a next one.

        Returns
        -------
        pandas.DataFrame
            teacher_id, from_school, to_school, kind.
        """
        a = self.rosters[year].teachers.set_index("teacher_id")
        b = self.rosters[year + 1].teachers.set_index("teacher_id")
        both = a.index.intersection(b.index)
        moved = both[a.loc[both, "school_id"].to_numpy() != b.loc[both, "school_id"].to_numpy()]
        rows = []
        for tid in moved:
            old, new = a.at[tid, "school_id"], b.at[tid, "school_id"]
            if str(b.at[tid, "home_school_id"]) == str(old):
                kind = "rotation"
            elif str(a.at[tid, "home_school_id"]) == str(new):
                kind = "return"
            else:
                kind = "transfer"
            rows.append({"teacher_id": tid, "from_school": old, "to_school": new, "kind": kind})
        for tid in b.index.difference(a.index):
            rows.append(
                {
                    "teacher_id": tid,
                    "from_school": "",
                    "to_school": b.at[tid, "school_id"],
                    "kind": "hire",
                }
            )
        for tid in a.index.difference(b.index):
            rows.append(
                {
                    "teacher_id": tid,
                    "from_school": a.at[tid, "school_id"],
                    "to_school": "",
                    "kind": "left",
                }
            )
        return pd.DataFrame(rows, columns=["teacher_id", "from_school", "to_school", "kind"])

    def rotations(self, year: int) -> pd.DataFrame:
        """The rotations that started in `year`, as a plan's moves table."""
        changes = self.changes(year)
        rot = changes[changes["kind"] == "rotation"]
        b = self.rosters[year + 1].teachers.set_index("teacher_id")
        return pd.DataFrame(
            {
                "teacher_id": rot["teacher_id"].to_numpy(),
                "from_school": rot["from_school"].to_numpy(),
                "to_school": rot["to_school"].to_numpy(),
                "start_year": year,
                "end_year": b.loc[rot["teacher_id"], "rotation_end_year"].astype("int64").to_numpy()
                if len(rot)
                else [],
            }
        )

    def save(self, path: str | Path) -> Path:
        """One sub-folder of CSVs per year."""
        path = Path(path)
        for year, roster in self.rosters.items():
            roster.save(path / str(year))
        return path

    def __repr__(self) -> str:
        sizes = ", ".join(f"{y}: {len(r.teachers):,}" for y, r in sorted(self.rosters.items()))
        span = f"{self.years[0]}–{self.years[-1]}"
        return f"<History {span}, teachers by year ({sizes}); from {self.source}>"


def read_history(source: str | Path | dict[int, Roster]) -> History:
    """Read yearly rosters and check them across years.

    Parameters
    ----------
    source
        A folder with one roster per year (sub-folders ``2023/`` or workbooks ``2023.xlsx`` /
        ``2023.xls``), one roster whose two tables carry a `year` column, or a dict of year →
        anything `read_roster` reads.

    Returns
    -------
    History
        The rosters by year.

    Raises
    ------
    RosterError
        Listing every problem of every year and across years.
    """
    label: str
    if isinstance(source, dict):
        rosters, label = {int(y): read_roster(r) for y, r in source.items()}, Text("source.rosters")
    else:
        rosters, label = _read(Path(source)), str(source)
    problems = check_history(rosters, label)
    if problems:
        raise RosterError(problems)
    return History(dict(sorted(rosters.items())), label)


#: The name this reader had before 0.2; kept for one release.
load_history = read_history


def _read(path: Path) -> dict[int, Roster]:
    if not path.exists():
        raise RosterError(
            [Problem(str(path), Text("io.not_found"), expected=Text("expected.history_folder"))]
        )
    entries = {}
    for child in sorted(path.iterdir()) if path.is_dir() else []:
        match = re.fullmatch(r"(\d{4})(\.xlsx|\.xlsm|\.xls)?", child.name, re.IGNORECASE)
        if match and (child.is_dir() or match.group(2)):
            entries[int(match.group(1))] = child
    if entries:
        rosters, problems = {}, []
        for year, child in entries.items():
            try:
                rosters[year] = read_roster(child)
            except RosterError as err:
                problems += err.problems
        if problems:
            raise RosterError(problems)
        return rosters
    return _split_by_year(path)


#: Headers of the year column in the single-table form.
YEAR_HEADERS = ("year", "年份", "学年", "年度")


def _split_by_year(path: Path) -> dict[int, Roster]:
    """One roster whose two tables carry a `year` column → a roster per year.

    The same schools and teachers come back every year, so the tables are split before they
    are validated: each year is a roster of its own, its problems naming the file's rows."""
    tables, problems = raw_tables(path)
    columns: dict[str, str] = {}
    for kind, table in tables.items():
        found = [str(c) for c in table.frame.columns if normalise(c) in YEAR_HEADERS]
        if found:
            columns[kind] = found[0]
        else:
            problems.append(
                Problem(
                    table.source, Text("io.no_year_column"), expected=Text("expected.year_column")
                )
            )
    if problems:
        raise RosterError(problems)
    read: dict[str, list[int | None]] = {}
    for kind, table in tables.items():
        read[kind] = [_year(cell) for cell in table.frame[columns[kind]]]
        problems += [
            Problem(
                table.source,
                Text("io.not_school_year"),
                column=columns[kind],
                value=cell_text(cell),
                expected=Text("expected.year_example", year=2024),
                **table.locate(position),
            )
            for position, (cell, year) in enumerate(
                zip(table.frame[columns[kind]], read[kind], strict=True)
            )
            if year is None
        ]
    if problems:
        raise RosterError(problems)
    years = {kind: [y for y in values if y is not None] for kind, values in read.items()}
    out: dict[int, Roster] = {}
    for year in sorted(set(years["schools"]) | set(years["teachers"])):
        part = {
            kind: _rows(table, [y == year for y in years[kind]], columns[kind])
            for kind, table in tables.items()
        }
        try:
            out[year] = _build(part, [], f"{path} year {year}")
        except RosterError as err:
            problems += err.problems
    if problems:
        raise RosterError(problems)
    return out


def _year(cell: object) -> int | None:
    text = cell_text(cell).strip()
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() and 1900 <= number <= 2100 else None


def _rows(table: RawTable, keep: list[bool], year_column: str) -> RawTable:
    """The rows of one year, without the year column, still named by their row in the file."""
    frame = table.frame[keep].drop(columns=year_column).reset_index(drop=True)
    rows = None if table.rows is None else [r for r, k in zip(table.rows, keep, strict=True) if k]
    return RawTable(table.source, frame, rows, table.header_row)


def check_history(rosters: dict[int, Roster], source: str) -> list[Problem]:
    """Problems across years: gaps, teachers changing birth year or gender, tenure jumps.

    Parameters
    ----------
    rosters
        Rosters by year.
    source
        What the history is called in messages.

    Returns
    -------
    list of Problem
    """
    years = sorted(rosters)
    problems = []
    for a, b in itertools.pairwise(years):
        if b != a + 1:
            problems.append(
                Problem(
                    source,
                    Text("io.years_not_consecutive", first=a, second=b),
                    expected=Text("expected.roster_for_year", year=a + 1),
                )
            )
            continue
        problems += _stable_ids(rosters[a], rosters[b], a, b, source)
    return problems


#: The columns a teacher keeps from year to year, as messages name them.
_COLUMN_WORDS = {"birth_year": Words("出生年份", "birth_year"), "gender": Words("性别", "gender")}


def _stable_ids(ra: Roster, rb: Roster, a: int, b: int, source: str) -> list[Problem]:
    ta = ra.teachers.set_index("teacher_id")
    tb = rb.teachers.set_index("teacher_id")
    where = Text("source.history_teachers", source=source, year=b)
    problems = []
    for tid in ta.index.intersection(tb.index):
        x, y = ta.loc[tid], tb.loc[tid]
        for column in ("birth_year", "gender"):
            if x[column] != y[column]:
                problems.append(
                    Problem(
                        where,
                        Text("io.changed_since", column=_COLUMN_WORDS[column], year=a),
                        record=tid,
                        column=column,
                        value=y[column],
                        expected=Text("expected.as_in_year", value=x[column], year=a),
                    )
                )
        same_school = x["school_id"] == y["school_id"]
        expected = x["years_at_school"] + 1 if same_school else 0
        if y["years_at_school"] != expected and not (not same_school and y["years_at_school"] <= 1):
            what = (
                Text("expected.tenure_plus_one", years=x["years_at_school"], year=a)
                if same_school
                else Text("expected.tenure_after_move", school=x["school_id"])
            )
            problems.append(
                Problem(
                    where,
                    Text("io.tenure_jump"),
                    record=tid,
                    column="years_at_school",
                    value=int(y["years_at_school"]),
                    expected=what,
                )
            )
    return problems

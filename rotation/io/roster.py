"""The roster: a county's schools and teachers, validated once, then read-only.

A `Roster` is what every other module works on. It is built only through `read_roster` (or
`Roster.from_frames`), which checks every rule of the roster format and reports all problems at
once, so the rest of the library can trust its columns and types.
"""

from __future__ import annotations

import dataclasses
import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from rotation.errors import InputError, Problem, RosterError
from rotation.io.cells import BLANK_MEANS, RawTable, complete_columns, header_name, parse_table
from rotation.io.checks import birth_years, check_schools, check_teachers, school_stages
from rotation.io.counties import check_counties, county_names, split_frames
from rotation.io.ids import IdIndex
from rotation.io.sources import (
    csv_tables,
    frame_to_table,
    is_workbook,
    read_csv,
    read_workbook,
    write_frames,
)
from rotation.io.vocabulary import AREAS, STAGE_ZH, STAGES, TABLES, header_aliases, to_chinese
from rotation.messages import Lang, Text, Words, language_of, listed, text


@dataclass(frozen=True, repr=False, eq=False)
class Roster:
    """A validated county roster: `schools` (one row per school) and `teachers` (one per teacher).

    Columns are the canonical ones of the roster format (English names and codes), every
    optional column present with what a blank means, followed by the user's extra columns as
    text. Treat the frames as read-only: operations return a new Roster.

    Attributes
    ----------
    schools : pandas.DataFrame
        One row per school, canonical columns then the user's own.
    teachers : pandas.DataFrame
        One row per teacher, canonical columns then the user's own.
    source : str
        Where the roster was read from, for messages.
    header_lang : {"zh", "en"}
        The language of the headers (and sheet names) the roster was written with.
    """

    schools: pd.DataFrame
    teachers: pd.DataFrame
    source: str = "DataFrames"
    header_lang: Lang = "en"

    @property
    def lang(self) -> Lang:
        """The roster's language: "zh" when its headers, sheet names, school names or teacher
        names are written in Chinese. The default language of everything written for people
        about this roster."""
        if self.header_lang == "zh":
            return "zh"
        names = [*self.schools.get("name", []), *self.teachers.get("name", [])]
        return language_of(names)

    @classmethod
    def from_frames(
        cls, schools: pd.DataFrame, teachers: pd.DataFrame, source: str = "DataFrames"
    ) -> Roster:
        """Validate two DataFrames (canonical or Chinese headers and values) into a Roster.

        Parameters
        ----------
        schools, teachers
            The two tables, with canonical or Chinese headers and values.
        source
            What the roster is called in messages.

        Returns
        -------
        Roster

        Raises
        ------
        RosterError
            Listing every problem of both tables.
        """
        tables = {
            "schools": frame_to_table(schools, "schools"),
            "teachers": frame_to_table(teachers, "teachers"),
        }
        return _build(tables, [], source)

    # -- shape ---------------------------------------------------------------------------
    def stages(self) -> dict[str, set[str]]:
        """school_id → the stages the school has students in."""
        return school_stages(self.schools)

    @property
    def school_ids(self) -> list[str]:
        return list(self.schools["school_id"])

    def units(self) -> pd.DataFrame:
        """One row per school and stage that has students: the unit the indicators judge.

        A nine-year school gives two units. Columns: school_id, stage, name, area, group,
        school_type, students, classes, staff_quota (blank when the roster has none) and
        teachers (the headcount of the stage).

        Returns
        -------
        pandas.DataFrame
            One row per school and stage, with the columns above.
        """
        rows = []
        for stage in STAGES:
            part = self.schools[self.schools[f"students_{stage}"] > 0]
            rows.append(
                pd.DataFrame(
                    {
                        "school_id": part["school_id"].to_numpy(),
                        "stage": stage,
                        "name": part["name"].to_numpy(),
                        "area": part["area"].to_numpy(),
                        "group": part["group"].to_numpy(),
                        "school_type": part["school_type"].to_numpy(),
                        "students": part[f"students_{stage}"].to_numpy(),
                        "classes": part[f"classes_{stage}"].to_numpy(),
                        "staff_quota": part[f"staff_quota_{stage}"].to_numpy(),
                    }
                )
            )
        units = pd.concat(rows, ignore_index=True)
        heads = self.teachers.groupby(["school_id", "stage"]).size().rename("teachers")
        units = units.join(heads, on=["school_id", "stage"])
        units["teachers"] = units["teachers"].fillna(0).astype("int64")
        return units

    # -- counties (a roster of several) ---------------------------------------------------
    def counties(self) -> list[str]:
        """The counties the schools table names (empty when it names none: one county)."""
        return county_names(self.schools)

    def by_county(self) -> dict[str, Roster]:
        """County → its own roster; one entry (named "" when unnamed) for a one-county roster."""
        parts = split_frames(self.schools, self.teachers)
        if len(parts) == 1:
            return {next(iter(parts)): self}
        return {
            name: Roster(schools, teachers, f"{self.source} [{name}]")
            for name, (schools, teachers) in parts.items()
        }

    # -- changes -------------------------------------------------------------------------
    def with_teachers(self, teachers: pd.DataFrame) -> Roster:
        """The same schools with another teachers table (already canonical)."""
        return Roster(self.schools, teachers.reset_index(drop=True), self.source, self.header_lang)

    def apply_moves(self, moves: pd.DataFrame, source: str | None = None) -> Roster:
        """The roster after the moves (teacher_id, from_school, to_school, start_year, end_year).

        A moved teacher teaches at the new school, keeps the old one as home school, and starts
        counting years at the new school from 0. A move back to the home school ends a rotation.
        Every move is checked against this roster; all problems are reported together, named by
        `source` (by default the file `read_moves` read them from).

        Parameters
        ----------
        moves
            A moves table; ids may be typed full-width or in lower case.
        source
            What the moves are called in messages.

        Returns
        -------
        Roster
            A new roster; this one is unchanged.

        Raises
        ------
        InputError
            Listing every move that does not fit the roster.
        """
        moves, problems = resolve_moves(self, moves, source or moves.attrs.get("source", "plan"))
        if problems:
            raise InputError(problems, "plan")
        teachers = self.teachers.copy()
        position = {str(tid): i for i, tid in enumerate(teachers["teacher_id"])}
        columns = zip(
            moves["teacher_id"].tolist(),
            moves["from_school"].tolist(),
            moves["to_school"].tolist(),
            moves["start_year"].tolist(),
            moves["end_year"].tolist(),
            strict=True,
        )
        for tid, from_school, to_school, start_year, end_year in columns:
            i = position[str(tid)]
            home = str(teachers.at[i, "home_school_id"] or "")
            to = str(to_school)
            returning = bool(home) and home == to
            teachers.at[i, "school_id"] = to
            teachers.at[i, "years_at_school"] = 0
            # a teacher already on rotation keeps the school that holds their post
            teachers.at[i, "home_school_id"] = "" if returning else home or str(from_school)
            teachers.at[i, "rotation_start_year"] = pd.NA if returning else int(start_year)
            teachers.at[i, "rotation_end_year"] = pd.NA if returning else int(end_year)
        return self.with_teachers(teachers)

    def rotations_ending(self, year: int) -> pd.DataFrame:
        """Teachers on rotation whose term has ended by `year` (rotation_end_year ≤ year)."""
        t = self.teachers
        end = t["rotation_end_year"].astype("Float64")
        due = (t["home_school_id"] != "") & (end <= year).fillna(False).astype(bool)
        return t.loc[due, ["teacher_id", "school_id", "home_school_id", "rotation_end_year"]]

    def end_rotations(self, year: int, return_home: bool = True) -> Roster:
        """The roster once rotations ended by `year` are over: the teacher goes back to the home
        school (tenure there restarts), or with `return_home=False` stays as the host's own."""
        due = self.rotations_ending(year).index
        if len(due) == 0:
            return self
        teachers = self.teachers.copy()
        if return_home:
            teachers.loc[due, "school_id"] = teachers.loc[due, "home_school_id"]
            teachers.loc[due, "years_at_school"] = 0
        teachers.loc[due, "home_school_id"] = ""
        teachers.loc[due, ["rotation_start_year", "rotation_end_year"]] = pd.NA
        return self.with_teachers(teachers)

    # -- output --------------------------------------------------------------------------
    def save(self, path: str | Path, language: str = "en") -> Path:
        """Write the roster as a folder of CSVs or an .xlsx workbook; `language="zh"` writes
        the Chinese headers, values and sheet names an office uses. Loading it back gives an
        equal roster.

        Parameters
        ----------
        path
            A folder (CSV files) or a path ending in .xlsx.
        language
            "en" (canonical headers and codes) or "zh" (an office's).

        Returns
        -------
        pathlib.Path
            The folder or workbook written.
        """
        if language not in ("en", "zh"):
            raise ValueError(f"language must be 'en' or 'zh', not {language!r}")
        frames = {kind: _output_frame(getattr(self, kind), kind, language) for kind in TABLES}
        if language == "zh":
            frames = {"学校": frames["schools"], "教师": frames["teachers"]}
        return write_frames(frames, Path(path))

    def equals(self, other: Roster) -> bool:
        """Same schools and teachers, cell for cell (the source is not compared)."""
        return self.schools.equals(other.schools) and self.teachers.equals(other.teachers)

    def summary(self) -> dict[str, int]:
        units = self.units()
        nine_year = int(
            ((self.schools.students_primary > 0) & (self.schools.students_middle > 0)).sum()
        )
        return {
            "schools": len(self.schools),
            "nine_year_schools": nine_year,
            "primary_units": int((units.stage == "primary").sum()),
            "middle_units": int((units.stage == "middle").sum()),
            "teachers": len(self.teachers),
            "students": int(units.students.sum()),
        }

    def __repr__(self) -> str:
        s = self.summary()
        return (
            f"<Roster {s['schools']} schools, {s['teachers']:,} teachers, "
            f"{s['students']:,} students; from {_source_name(self.source)}>"
        )

    def _repr_html_(self) -> str:
        """Where the roster came from, its size, the schools per kind of area, and per stage
        the schools, students, teachers and backbone teachers, in the roster's language."""
        lang = self.lang
        schools, teachers, units = self.schools, self.teachers, self.units()
        nine = int(((schools["students_primary"] > 0) & (schools["students_middle"] > 0)).sum())
        head = text(
            "nb.roster",
            lang,
            source=_source_name(self.source),
            schools=len(schools),
            nine=nine,
            teachers=f"{len(teachers):,}",
            students=f"{int(units['students'].sum()):,}",
        )
        areas = schools["area"].value_counts()
        by_area = text("misc.list_sep", lang).join(
            text("nb.area_schools", lang, area=text(f"area.{a}", lang), n=int(areas[a]))
            for a in AREAS
            if a in areas.index
        )
        backbone = teachers["backbone"] != "none"
        rows = []
        for stage in STAGES:
            part = units[units["stage"] == stage]
            if part.empty:
                continue
            of_stage = teachers["stage"] == stage
            rows.append(
                {
                    text("col.stage", lang): text(f"stage.{stage}", lang),
                    text("nb.col.schools", lang): len(part),
                    text("col.students", lang): f"{int(part['students'].sum()):,}",
                    text("nb.col.teachers", lang): f"{int(of_stage.sum()):,}",
                    text("nb.col.backbone", lang): int((backbone & of_stage).sum()),
                }
            )
        title = html.escape(text("nb.roster_title", lang))
        table = pd.DataFrame(rows).to_html(index=False, border=0)
        return (
            f"<p><b>{title}</b>{html.escape(head)}</p>"
            + (f"<p>{html.escape(by_area)}</p>" if by_area else "")
            + table
        )


def _source_name(source: str) -> str:
    """A roster's source as a person recognises it: the file's name, not its whole path."""
    return Path(source).name if ("/" in source or "\\" in source) else source


def read_roster(source: str | Path | Roster | tuple[pd.DataFrame, pd.DataFrame]) -> Roster:
    """Read and validate a roster.

    Parameters
    ----------
    source
        A folder holding the schools and teachers tables as CSV files (schools.csv and
        teachers.csv, or 学校.csv and 教师.csv / 教师花名册.csv); one CSV file of teachers, the
        schools file beside it in the same folder; a workbook (.xlsx, .xlsm or .xls) with a
        schools and a teachers sheet (学校, 教师); a pair of DataFrames (schools, teachers); or
        a Roster, returned as it is.

    Returns
    -------
    Roster
        The validated roster.

    Raises
    ------
    RosterError
        Listing every problem found, each naming file, row, column, value and what was expected.
    """
    if isinstance(source, Roster):
        return source
    if isinstance(source, tuple):
        return Roster.from_frames(*source)
    path = Path(source)
    expected = Text("expected.roster")
    if not path.exists():
        raise RosterError([Problem(str(path), Text("io.not_found"), expected=expected)])
    if not (path.is_dir() or is_workbook(path) or path.suffix.lower() == ".csv"):
        raise RosterError([Problem(str(path), Text("io.not_a_roster"), expected=expected)])
    tables, problems = raw_tables(path)
    return _build(tables, problems, str(path))


#: The name this reader had before 0.2; kept for one release.
load_roster = read_roster


def raw_tables(path: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    """The schools and teachers tables of a workbook, a CSV folder or a CSV file, as read.

    Parameters
    ----------
    path
        A workbook, a folder of CSVs, or one CSV file (see `read_roster`).

    Returns
    -------
    tuple of (dict of str to RawTable, list of Problem)
        The tables found, by kind ("schools", "teachers"), and the problems reading them.
    """
    if is_workbook(path):
        return read_workbook(path)
    files, problems = csv_tables(path)
    tables: dict[str, RawTable] = {}
    for kind, file in files.items():
        table, bad = read_csv(file, kind)
        problems += bad
        if table is not None:
            tables[kind] = table
    return tables, problems


def _build(tables: dict[str, RawTable], problems: list[Problem], source: str) -> Roster:
    frames: dict[str, pd.DataFrame] = {}
    parsed_ok: dict[str, bool] = {}
    for kind, table in tables.items():
        frame, bad = parse_table(table, kind)
        if kind == "teachers" and not frame.empty:
            bad += birth_years(frame, table)
        problems += bad
        parsed_ok[kind] = not frame.empty
        frames[kind] = complete_columns(frame, kind) if not frame.empty else frame
    if parsed_ok.get("schools"):
        problems += check_schools(frames["schools"], tables["schools"])
    if parsed_ok.get("teachers"):
        schools = frames["schools"] if parsed_ok.get("schools") else None
        problems += check_teachers(frames["teachers"], schools, tables["teachers"])
        if schools is not None:
            problems += check_counties(schools, frames["teachers"], tables)
    if problems:
        raise RosterError([_with_header(p, tables) for p in problems])
    written = [t.source for t in tables.values()]
    written += [h for t in tables.values() for h in t.frame.columns]
    return Roster(frames["schools"], frames["teachers"], source, language_of(written))


def _with_header(problem: Problem, tables: dict[str, RawTable]) -> Problem:
    """The problem naming its column's header as the table writes it (出生年份 for birth_year)."""
    if problem.header or not problem.column:
        return problem
    for kind, table in tables.items():
        if table.source != problem.source:
            continue
        aliases = header_aliases(TABLES[kind])
        for header in table.frame.columns:
            if header_name(aliases, header) == problem.column and str(header) != problem.column:
                return dataclasses.replace(problem, header=str(header))
    return problem


def check_moves(roster: Roster, moves: pd.DataFrame, source: str) -> list[Problem]:
    """Every problem with a table of moves, judged against the roster they apply to.

    Parameters
    ----------
    roster
        The roster the moves apply to.
    moves
        teacher_id, from_school, to_school, start_year, end_year; ids may be written in
        full-width or lower case (``ｓ００１`` for ``S001``).
    source
        What the moves are called in messages (their file).

    Returns
    -------
    list of Problem
        Empty when every move fits the roster.
    """
    return resolve_moves(roster, moves, source)[1]


def resolve_moves(
    roster: Roster, moves: pd.DataFrame, source: str
) -> tuple[pd.DataFrame, list[Problem]]:
    """The moves with their ids spelled as the roster spells them, and the problems found.

    Parameters
    ----------
    roster
        The roster the moves apply to.
    moves
        A moves table (see `check_moves`).
    source
        What the moves are called in messages.

    Returns
    -------
    tuple of (pandas.DataFrame, list of Problem)
        A copy of `moves` whose teacher_id, from_school and to_school name the roster's ids
        where they match one once width and case are folded; the problems with the moves.
    """
    needed = ["teacher_id", "from_school", "to_school", "start_year", "end_year"]
    missing = [c for c in needed if c not in moves.columns]
    if missing:
        return moves, [
            Problem(
                source,
                Text("io.missing_columns", columns=listed(missing)),
                expected=Text("expected.columns", columns=listed(needed)),
            )
        ]
    teachers = roster.teachers.set_index("teacher_id")
    stages = roster.stages()
    teacher_ids = IdIndex(teachers.index.astype(str))
    school_ids = IdIndex(roster.schools["school_id"].astype(str))
    rows = moves.attrs.get("rows")  # the spreadsheet rows of a plan read by read_moves
    if rows is None or len(rows) != len(moves):
        rows = list(range(2, len(moves) + 2))
    resolved = moves.copy()
    teacher_col = [str(v) for v in moves["teacher_id"]]
    from_col = [str(v) for v in moves["from_school"]]
    to_col = [str(v) for v in moves["to_school"]]
    problems: list[Problem] = []
    seen: set[str] = set()
    for i in range(len(moves)):
        written = str(moves["teacher_id"].iloc[i]).strip()
        tid = teacher_ids.resolve(written) or written
        where: dict[str, Any] = {"row": rows[i], "record": tid}
        if tid not in teachers.index:
            problems.append(
                Problem(
                    source,
                    Text("io.unknown_teacher"),
                    column="teacher_id",
                    value=written,
                    expected=Text("expected.teacher_id", hint=teacher_ids.hint(written)),
                    **where,
                )
            )
            continue
        teacher_col[i] = tid
        if tid in seen:
            problems.append(
                Problem(source, Text("io.moves_twice"), column="teacher_id", value=tid, **where)
            )
        seen.add(tid)
        teacher = teachers.loc[tid]
        written_from = str(moves["from_school"].iloc[i]).strip()
        from_school = school_ids.resolve(written_from) or written_from
        from_col[i] = from_school
        if from_school != teacher["school_id"]:
            problems.append(
                Problem(
                    source,
                    Text("io.not_at_school"),
                    column="from_school",
                    value=written_from,
                    expected=Text("expected.teacher_at", school=teacher["school_id"]),
                    **where,
                )
            )
        written_to = str(moves["to_school"].iloc[i]).strip()
        to = school_ids.resolve(written_to) or written_to
        to_col[i] = to
        if to not in stages:
            problems.append(
                Problem(
                    source,
                    Text("io.unknown_school"),
                    column="to_school",
                    value=written_to,
                    expected=Text("expected.roster_school_id", hint=school_ids.hint(written_to)),
                    **where,
                )
            )
        elif teacher["stage"] not in stages[to]:
            problems.append(
                Problem(
                    source,
                    Text(
                        "io.school_without_stage",
                        stage=Words(STAGE_ZH.get(str(teacher["stage"]), ""), str(teacher["stage"])),
                    ),
                    column="to_school",
                    value=written_to,
                    expected=Text(
                        "expected.school_with_stage",
                        stage=Words(STAGE_ZH.get(str(teacher["stage"]), ""), str(teacher["stage"])),
                    ),
                    **where,
                )
            )
    resolved["teacher_id"] = teacher_col
    resolved["from_school"] = from_col
    resolved["to_school"] = to_col
    return resolved, problems


def _output_frame(frame: pd.DataFrame, kind: str, language: str) -> pd.DataFrame:
    """The columns worth writing: required ones, and optional ones holding anything but blanks."""
    columns = TABLES[kind]
    keep = []
    for col in columns:
        values = frame[col.name]
        blank = BLANK_MEANS.get(col.name, "")
        if col.required or not (values.isna() | (values == blank)).all():
            keep.append(col.name)
    extras = [c for c in frame.columns if c not in {col.name for col in columns}]
    out = frame[keep + extras].copy()
    if language == "zh":
        by_name = {col.name: col for col in columns}
        for name in keep:
            col = by_name[name]
            if col.kind == "code":
                out[name] = out[name].map(lambda v, c=col: to_chinese(c.codes, v))
            elif col.kind == "bool":
                out[name] = out[name].map({True: "是", False: "否"})
        out = out.rename(columns={name: by_name[name].zh for name in keep})
    return out

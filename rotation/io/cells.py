"""Turn raw tables (cells as a spreadsheet gives them) into the canonical roster frames.

Every problem is collected, never raised on the first: an office fixing a workbook wants the
whole list at once. Nothing is guessed: a value that is not clearly one of the expected forms
is a problem, and the user's own extra columns are carried through as text.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from rotation.errors import Problem
from rotation.io.ids import clean_id
from rotation.io.vocabulary import (
    FALSE_WORDS,
    TABLES,
    TRUE_WORDS,
    Column,
    header_aliases,
    normalise,
)
from rotation.messages import Text, Words
from rotation.messages import listed as _listed


@dataclass
class RawTable:
    """A table as read, before any meaning is given to it.

    `rows` holds the spreadsheet row number of each data row (the header being on row 1 unless
    a title sits above it), or is None for a DataFrame given in memory, whose rows are then
    named by index label. `header_row` is the row number of the header, when there is one.
    """

    source: str
    frame: pd.DataFrame
    rows: list[int] | None = None
    header_row: int | None = None

    def row_number(self, position: int) -> int | None:
        return None if self.rows is None else self.rows[position]

    def locate(self, position: int, record: str | None = None) -> dict[str, Any]:
        """Problem fields naming the row at `position`."""
        if self.rows is None:
            label = self.frame.index[position]
            return {"row": None, "record": record or f"index {label}"}
        return {"row": self.rows[position], "record": record}


def is_blank(cell: object) -> bool:
    if cell is None or cell is pd.NA or cell is pd.NaT:
        return True
    if isinstance(cell, float) and math.isnan(cell):
        return True
    return isinstance(cell, str) and cell.strip() == ""


def text_or_none(value: object) -> str | None:
    """A parsed text cell, or None where it was blank or did not parse (NaN in a str column)."""
    return None if is_blank(value) else str(value)


def cell_text(cell: object) -> str:
    """A cell as text, exactly as a user would read it; whole floats lose their ".0"."""
    if is_blank(cell):
        return "" if not isinstance(cell, str) else cell
    if isinstance(cell, bool | np.bool_):
        return "true" if cell else "false"
    if isinstance(cell, float | np.floating) and float(cell).is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime | pd.Timestamp):
        if (cell.hour, cell.minute, cell.second) == (0, 0, 0):
            return cell.date().isoformat()
        return cell.isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell)


class _Bad(ValueError):
    """A cell that does not parse; the message says what was expected."""


def _parse_int(cell: object, col: Column) -> int:
    if isinstance(cell, bool | np.bool_):
        raise _Bad(col.expected())
    if isinstance(cell, int | np.integer):
        value = int(cell)
    elif isinstance(cell, float | np.floating):
        if not float(cell).is_integer():
            raise _Bad(col.expected())
        value = int(cell)
    else:
        text = str(cell).strip().replace(",", "")
        if not re.fullmatch(r"[+-]?\d+(\.0*)?", text):
            raise _Bad(col.expected())
        value = int(float(text))
    if col.minimum is not None and value < col.minimum:
        raise _Bad(col.expected())
    return value


def _parse_number(cell: object, col: Column) -> float:
    if isinstance(cell, bool | np.bool_):
        raise _Bad(col.expected())
    if not isinstance(cell, str | int | float | np.integer | np.floating):
        raise _Bad(col.expected())
    try:
        value = float(cell.strip().replace(",", "")) if isinstance(cell, str) else float(cell)
    except ValueError:
        raise _Bad(col.expected()) from None
    if not math.isfinite(value) or (col.minimum is not None and value < col.minimum):
        raise _Bad(col.expected())
    return value


def _parse_code(cell: object, col: Column) -> str:
    text = cell_text(cell)
    code = col.codes.get(normalise(text))
    if code is not None:
        return code
    parts = split_list(text) if col.ranked else []
    codes = [col.codes.get(normalise(part)) for part in parts]
    if len(parts) < 2 or None in codes:
        raise _Bad(col.expected())
    return max((c for c in codes if c is not None), key=col.ranked.index)


def _parse_bool(cell: object, col: Column) -> bool:
    if isinstance(cell, bool | np.bool_):
        return bool(cell)
    word = normalise(cell_text(cell))
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise _Bad(col.expected())


def _parse_reason(cell: object, col: Column) -> str:
    """An exemption: blank/no → "", yes → "yes", any other text is the reason itself."""
    if isinstance(cell, bool | np.bool_):
        return "yes" if cell else ""
    text = cell_text(cell).strip()
    word = normalise(text)
    if word in FALSE_WORDS:
        return ""
    return "yes" if word in TRUE_WORDS else text


_DATE_PATTERNS = (
    (re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"), 3),
    (re.compile(r"(\d{4})[-/.年](\d{1,2})月?"), 2),
    (re.compile(r"(\d{4})(\d{2})(\d{2})"), 3),
    (re.compile(r"(\d{4})(\d{2})"), 2),
)


def _parse_date(cell: object, col: Column) -> str:
    """A birth date as ISO text, keeping only the precision given (1985-03 stays a month)."""
    if isinstance(cell, dt.datetime | pd.Timestamp | dt.date):
        return cell_text(cell)
    text = cell_text(cell).strip()
    for pattern, parts in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if not match:
            continue
        numbers = [int(g) for g in match.groups()]
        try:
            day = dt.date(numbers[0], numbers[1], numbers[2] if parts == 3 else 1)
        except ValueError:
            break
        return day.isoformat() if parts == 3 else day.isoformat()[:7]
    raise _Bad(col.expected())


def _parse_id(cell: object, col: Column) -> str:
    text = clean_id(cell_text(cell))
    if not text:
        raise _Bad(col.expected())
    return text


def _parse_text(cell: object, col: Column) -> str:
    return cell_text(cell).strip()


PARSERS: dict[str, Callable[[object, Column], object]] = {
    "id": _parse_id,
    "text": _parse_text,
    "code": _parse_code,
    "int": _parse_int,
    "number": _parse_number,
    "bool": _parse_bool,
    "reason": _parse_reason,
    "date": _parse_date,
}


#: What an empty cell means in an optional column. Counts of students and classes are blank in
#: the stage a school does not have, as offices leave them.
BLANK_MEANS: dict[str, int | str | bool] = {
    "students_primary": 0,
    "students_middle": 0,
    "classes_primary": 0,
    "classes_middle": 0,
    "role": "teacher",
    "school_type": "regular",
    "on_leave": False,
    "exempt": "",
}


Dtype = Literal["int64", "Int64", "float64", "bool"]


def dtype(col: Column) -> Dtype | None:
    """The pandas dtype of a canonical column: optional whole numbers may be blank (Int64).

    Parameters
    ----------
    col
        A canonical column.

    Returns
    -------
    str or None
        "int64", "Int64", "float64" or "bool"; None for a text column (object).
    """
    if col.kind == "int":
        return "int64" if col.required or col.name in BLANK_MEANS else "Int64"
    if col.kind == "number":
        return "float64"
    return "bool" if col.kind == "bool" else None


def _typed(values: pd.Series, col: Column) -> pd.Series:
    """Give a parsed column its dtype; a column with unparsed cells (None) stays as it is."""
    kind = dtype(col)
    if kind is None:
        return values
    missing = bool(values.isna().any())
    if kind == "bool":
        return values if missing else values.astype("bool")
    if kind == "float64":
        return values.astype("float64")
    if kind == "Int64" or missing:
        return values.astype("Int64")
    return values.astype("int64")


def number(value: object) -> float | None:
    """A parsed numeric cell as a float, or None where it was missing or did not parse.

    Parameters
    ----------
    value
        A cell of a parsed numeric column (a number, None, NaN or pandas.NA).

    Returns
    -------
    float or None
    """
    if isinstance(value, bool | np.bool_ | int | float | np.integer | np.floating):
        x = float(value)
        return None if math.isnan(x) else x
    return None


#: A unit in brackets after a header: "本校连续任教年限（年）", "小学在校生数(人)".
_UNIT = re.compile(r"[(（\[【][^()（）\[\]【】]*[)）\]】]\s*$")


def header_name(aliases: Mapping[str, str], header: object) -> str | None:
    """The canonical column `header` names (`aliases` from `header_aliases`), or None.

    A header is looked up as written, then without a unit in brackets at its end, so
    "教学仪器设备值（元）" and "本校连续任教年限（年）" name their columns.
    """
    text = cell_text(header).strip()
    name = aliases.get(normalise(text))
    if name is None and _UNIT.search(text):
        name = aliases.get(normalise(_UNIT.sub("", text)))
    return name


def map_headers(table: RawTable, columns: tuple[Column, ...]) -> tuple[list[str], list[Problem]]:
    """The canonical name of each column in turn; an unknown header keeps its own (stripped).

    Two headers with one meaning, or the same unknown header twice, are problems: one of the
    columns would otherwise be dropped without a word.
    """
    aliases = header_aliases(columns)
    names: list[str] = []
    seen: dict[str, object] = {}
    problems = []
    for header in table.frame.columns:
        name = header_name(aliases, header)
        own = cell_text(header).strip()
        if name is None and own in seen:
            message = Text("io.two_columns_same_header", header=own)
        elif name is not None and name in seen:
            message = Text(
                "io.headers_same_meaning", first=str(seen[name]), second=str(header), name=name
            )
        else:
            seen[name or own] = header
            names.append(name or own)
            continue
        problems.append(
            Problem(
                table.source,
                message,
                row=table.header_row,
                column=str(header),
                expected=Text("expected.one_column_per_meaning"),
            )
        )
        names.append(own)
    return names, problems


def missing_columns(
    table: RawTable, present: Iterable[str], columns: tuple[Column, ...], known: Iterable[str]
) -> list[Problem]:
    """A problem for each required column absent, listing the headers this table accepts."""
    present = set(present)
    unknown = [h for h in known if h not in {c.name for c in columns}]
    if "birth_date" in present:
        present.add("birth_year")
    problems = []
    for col in columns:
        if not col.required or col.name in present:
            continue
        accepted = [col.name, col.zh, *col.aliases]
        hint = ""
        close = difflib.get_close_matches(
            normalise(col.zh), [normalise(u) for u in unknown], n=1, cutoff=0.5
        )
        if close:
            original = next(u for u in unknown if normalise(u) == close[0])
            hint = Text("io.meant", header=original)
        problems.append(
            Problem(
                table.source,
                Text(
                    "io.required_column_missing",
                    column=Words(f"“{col.zh}”（{col.name}）", repr(col.name)),
                    hint=hint,
                ),
                row=table.header_row,
                expected=Text("expected.header_among", headers=_listed(accepted)),
            )
        )
    enrolment = [c for c in columns if c.name in ("students_primary", "students_middle")]
    if enrolment and not present & {c.name for c in enrolment}:
        problems.append(
            Problem(
                table.source,
                Text("io.no_enrolment"),
                row=table.header_row,
                expected=Text(
                    "expected.header_among",
                    headers=_listed([a for c in enrolment for a in (c.name, c.zh, *c.aliases)]),
                ),
            )
        )
    if problems and unknown:
        problems.append(
            Problem(
                table.source,
                Text("io.headers_unknown", headers=_listed(unknown)),
                expected=Text(
                    "expected.headers_among",
                    headers=_listed([f"{c.name}/{c.zh}" for c in columns if c.required]),
                ),
            )
        )
    return problems


def parse_table(table: RawTable, kind: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Parse one raw table of `kind` ("schools"/"teachers") into its canonical frame."""
    columns = TABLES[kind]
    if table.frame.shape[0] == 0:
        return pd.DataFrame(), [
            Problem(table.source, Text("io.no_data_rows"), expected=Text(f"table.{kind}"))
        ]
    names, problems = map_headers(table, columns)
    raw = table.frame.set_axis(names, axis=1)
    raw = raw.loc[:, ~raw.columns.duplicated()]
    problems += missing_columns(table, raw.columns, columns, names)
    if problems:
        return pd.DataFrame(), problems

    id_name = columns[0].name
    ids = [cell_text(c).strip() for c in raw[id_name]]
    written = {name: str(header) for name, header in zip(names, table.frame.columns, strict=True)}
    out: dict[str, object] = {}
    for col in columns:
        if col.name not in raw.columns:
            continue
        values, bad = _parse_column(table, raw[col.name], col, ids, written.get(col.name))
        problems += bad
        out[col.name] = values
    frame = pd.DataFrame(out, index=pd.RangeIndex(len(raw)))
    for col in columns:
        if col.name in frame:
            frame[col.name] = _typed(frame[col.name], col)
    for extra in [c for c in raw.columns if c not in {col.name for col in columns}]:
        frame[str(extra)] = [cell_text(c) for c in raw[extra]]
    return frame, problems


def _parse_column(
    table: RawTable, cells: pd.Series, col: Column, ids: list[str], header: str | None = None
) -> tuple[list[object], list[Problem]]:
    """Parse one column's cells; `header` is the column's header as the table writes it."""
    header = header if header and header != col.name else None
    parse = PARSERS[col.kind]
    values: list[object] = []
    problems = []
    for position, cell in enumerate(cells):
        if is_blank(cell):
            if col.name in BLANK_MEANS:
                values.append(BLANK_MEANS[col.name])
            elif col.required:
                values.append(None)
                problems.append(
                    Problem(
                        table.source,
                        Text("io.value_missing"),
                        column=col.name,
                        expected=col.expected(),
                        header=header,
                        **table.locate(position, ids[position] or None),
                    )
                )
            else:
                values.append("" if col.kind in ("text", "id", "code", "date") else None)
            continue
        try:
            values.append(parse(cell, col))
        except _Bad as bad:
            values.append(None)
            problems.append(
                Problem(
                    table.source,
                    Text("io.invalid_value"),
                    column=col.name,
                    value=cell_text(cell),
                    expected=bad.args[0],
                    header=header,
                    **table.locate(position, ids[position] or None),
                )
            )
    return values, problems


def complete_columns(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Add every optional canonical column the input lacked, holding what a blank means."""
    for col in TABLES[kind]:
        if col.name in frame:
            continue
        if col.name in BLANK_MEANS:
            frame[col.name] = BLANK_MEANS[col.name]
        elif col.kind in ("int", "number"):
            frame[col.name] = None
        else:
            frame[col.name] = ""
        frame[col.name] = _typed(frame[col.name], col)
    canonical = [c.name for c in TABLES[kind]]
    extras = [c for c in frame.columns if c not in canonical]
    return frame[canonical + extras]


def split_list(text: str) -> list[str]:
    """Split a cell holding several ids ("NG01; NG02", "NG01、NG02")."""
    if not text:
        return []
    return [part.strip() for part in re.split(r"[;,，；、]", text) if part.strip()]

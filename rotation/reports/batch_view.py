"""A batch's summary as people read it: the workbook (summary.xlsx) and the overview
(summary.html), in Chinese or English.

The input is the batch's summary table (one row per county × scenario, the stable English field
names of summary.csv, see rotation/batch/store.py). Here every header, verdict, status and kind
comes from `rotation.messages`; counties and scenarios keep the names they were given; numbers
are shown as a report prints them (ratios as %, seconds with one decimal, CVs with three); a
missing value is an empty cell (— on the page), never NaN, <NA>, True or False. Figures that
are the solver's own (objective, gap) and where a task ran are left to summary.csv.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from rotation.messages import Lang, has, text
from rotation.reports.director import FONTS
from rotation.reports.office import atomic_path, display_width, missing, stage_name, yes_no

Kind = Literal["text", "int", "pct", "sec", "cv", "verdict", "yes_no", "status", "kind", "solve"]

#: The summary's fields people read, in order, and how each is shown (CV columns follow).
FIELDS: tuple[tuple[str, Kind], ...] = (
    ("county", "text"),
    ("scenario", "text"),
    ("kind", "kind"),
    ("status", "status"),
    ("schools", "int"),
    ("teachers", "int"),
    ("passes_before", "verdict"),
    ("passes_after", "verdict"),
    ("cvs_passing_before", "int"),
    ("cvs_passing_after", "int"),
    ("cvs_judged", "int"),
    ("year", "int"),
    ("years", "int"),
    ("moves", "int"),
    ("eligible", "int"),
    ("rotation_ratio", "pct"),
    ("backbone_share", "pct"),
    ("rotation_passes", "yes_no"),
    ("earliest_pass_year", "int"),
    ("solve_status", "solve"),
    ("verified", "yes_no"),
    ("first_plan_seconds", "sec"),
    ("solve_seconds", "sec"),
    ("task_seconds", "sec"),
    ("error", "text"),
)

#: The fields of the overview's table of tasks (a short selection of FIELDS).
OVERVIEW_FIELDS = (
    "county",
    "scenario",
    "status",
    "cvs_passing_before",
    "cvs_passing_after",
    "cvs_judged",
    "moves",
    "rotation_ratio",
    "solve_status",
    "task_seconds",
)

#: A CV column of the summary: cv_<when>_<stage>_<indicator>.
_CV = re.compile(r"cv_(?P<when>before|after)_(?P<stage>[a-z]+)_(?P<code>.+)")

#: Excel number formats by kind.
_NUMBER_FORMATS = {"int": "0", "pct": "0.0%", "sec": "0.0", "cv": "0.000"}


@dataclass(frozen=True)
class Column:
    """A column people read: the summary field, its header in the reader's language, its kind."""

    field: str
    header: str
    kind: Kind


def columns(table: pd.DataFrame, lang: Lang, fields: Sequence[str] | None = None) -> list[Column]:
    """The columns of `table` people read, headed in `lang`: FIELDS (or `fields`) that the
    table has, then its CVs (all of them when `fields` is not given)."""
    kinds = dict(FIELDS)
    wanted = list(fields) if fields is not None else [f for f, _ in FIELDS]
    out = [Column(f, text(f"batch.col.{f}", lang), kinds[f]) for f in wanted if f in table.columns]
    if fields is None:
        found = [(m, str(name)) for name in table.columns if (m := _CV.fullmatch(str(name)))]
        found.sort(
            key=lambda x: (x[0]["stage"] != "primary", x[0]["code"], x[0]["when"] != "before")
        )
        for m, name in found:
            if m:
                header = text(
                    "batch.col.cv",
                    lang,
                    stage=stage_name(m["stage"], lang),
                    indicator=m["code"],
                    when=text(f"batch.when.{m['when']}", lang),
                )
                out.append(Column(name, header, "cv"))
    return out


def status_word(status: Any, lang: Lang) -> str:
    """A task's status in words (已完成, 未找到方案, 失败 …); an unknown status as written."""
    key = f"batch.status.{status}"
    return text(key, lang) if has(key) else ("" if missing(status) else str(status))


def error_text(row: pd.Series, lang: Lang) -> str:
    """Why a task did not finish, in `lang` where the task gave the message in it (error_zh);
    a crash's own message as it was raised."""
    if lang == "zh" and not missing(row.get("error_zh")) and str(row.get("error_zh")):
        return str(row.get("error_zh"))
    error = row.get("error")
    return "" if missing(error) else str(error)


def task_verdict(row: pd.Series, lang: Lang) -> str:
    """The verdict of one task: after the plan (as it stands for an evaluation); the status
    in words when the task did not finish."""
    if row.get("status") != "done":
        return status_word(row.get("status"), lang)
    after = row.get("passes_after")
    value = row.get("passes_before") if missing(after) else after
    if missing(value):
        return ""
    return text("batch.verdict.pass" if bool(value) else "batch.verdict.fail", lang)


def verdict_grid(table: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """County × scenario: 达标 / 未达标 (pass / FAIL) or the status of a task that did not
    finish; counties and scenarios in the order of the batch, named as given."""
    cells = table.assign(verdict=[task_verdict(row, lang) for _, row in table.iterrows()])
    grid = cells.pivot(index="county", columns="scenario", values="verdict")
    grid = grid.reindex(
        index=list(dict.fromkeys(table["county"])), columns=list(dict.fromkeys(table["scenario"]))
    ).fillna("")
    grid.index.name = text("batch.col.county", lang)
    grid.columns.name = text("batch.col.scenario", lang)
    return grid


def shown(row: pd.Series, column: Column, lang: Lang) -> str | int | float:
    """The value of `row` in `column` as a cell shows it: words, a number, or "" (missing)."""
    if column.field == "error":
        return error_text(row, lang)
    value: Any = row.get(column.field)
    if missing(value):
        return ""
    kind = column.kind
    if kind == "verdict":
        return text("batch.verdict.pass" if bool(value) else "batch.verdict.fail", lang)
    if kind == "yes_no":
        return yes_no(value, lang)
    if kind == "status":
        return status_word(value, lang)
    if kind == "kind":
        key = f"batch.kind.{value}"
        return text(key, lang) if has(key) else str(value)
    if kind == "solve":
        key = f"status.{value}"
        return text(key, lang) if has(key) else str(value)
    if kind == "int":
        return round(float(value))
    if kind in ("pct", "sec", "cv"):
        number = float(value)
        return number if math.isfinite(number) else ""
    return str(value)


def formatted(value: str | int | float, kind: Kind, lang: Lang) -> str:
    """A shown value as text on the page: ratios as %, seconds to 0.1, CVs to 0.001, — when
    empty."""
    if value == "":
        return text("batch.none", lang)
    if isinstance(value, float):
        if kind == "pct":
            return f"{value * 100:.1f}%"
        if kind == "sec":
            return f"{value:.1f}"
        return f"{value:.3f}"
    return str(value)


def rows_of(table: pd.DataFrame, cols: Sequence[Column], lang: Lang) -> list[list[Any]]:
    """The shown values of every row of `table` in `cols`."""
    return [[shown(row, c, lang) for c in cols] for _, row in table.iterrows()]


# -- the workbook ------------------------------------------------------------------------------


def write_workbook(path: Path, table: pd.DataFrame, lang: Lang) -> None:
    """summary.xlsx: the sheet of every task's figures and the county × scenario verdicts, headed
    in `lang`, bold headers, fitted widths, frozen header, 未达标 / FAIL highlighted; written whole
    or not at all."""
    import xlsxwriter

    cols = columns(table, lang)
    grid = verdict_grid(table, lang)
    with atomic_path(path) as tmp:
        book = xlsxwriter.Workbook(str(tmp))
        header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        formats = {k: book.add_format({"num_format": f}) for k, f in _NUMBER_FORMATS.items()}
        bad = book.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
        fail = text("batch.verdict.fail", lang)

        ws = book.add_worksheet(text("sheet.batch_summary", lang))
        rows = rows_of(table, cols, lang)
        _sheet(ws, [c.header for c in cols], rows, header, [formats.get(c.kind) for c in cols])
        ws.freeze_panes(1, 2)
        for c, column in enumerate(cols):
            if column.kind == "verdict":
                _highlight(ws, c, c, len(rows), fail, bad)

        ws = book.add_worksheet(text("sheet.batch_verdicts", lang))
        headers = [str(grid.index.name), *(str(s) for s in grid.columns)]
        lines = [
            [str(county), *cells]
            for county, cells in zip(grid.index, grid.values.tolist(), strict=True)
        ]
        _sheet(ws, headers, lines, header, [None] * len(headers))
        ws.freeze_panes(1, 1)
        _highlight(ws, 1, len(headers) - 1, len(lines), fail, bad)
        book.close()


def _sheet(
    ws: Any, headers: list[str], rows: list[list[Any]], header: Any, fmts: list[Any]
) -> None:
    """Header row, the rows (numbers as numbers, "" blank), widths fitted to the longest cell."""
    ws.write_row(0, 0, headers, header)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value == "":
                continue
            if isinstance(value, int | float):
                ws.write_number(r, c, value, fmts[c])
            else:
                ws.write_string(r, c, value)
    for c, head in enumerate(headers):
        longest = max([display_width(head)] + [_width(row[c]) for row in rows])
        ws.set_column(c, c, min(60, max(6, longest + 2)))


def _width(value: Any) -> int:
    return display_width(f"{value:.3f}" if isinstance(value, float) else value)


def _highlight(ws: Any, first: int, last: int, rows: int, word: str, fmt: Any) -> None:
    if rows and last >= first:
        rule = {"type": "cell", "criteria": "equal to", "value": f'"{word}"', "format": fmt}
        ws.conditional_format(1, first, rows, last, rule)


# -- the overview page -------------------------------------------------------------------------

_STYLE = f"""body{{font-family:{FONTS};margin:2em;color:#222}}
table{{border-collapse:collapse;margin:4pt 0 12pt}}
td,th{{border:1px solid #bbb;padding:3px 8px}}th{{background:#eef3f9}}
td.num{{text-align:right;white-space:nowrap}}.pass{{color:#1e7b34}}
.fail{{color:#c00000;font-weight:bold}}"""


def overview_html(table: pd.DataFrame, lang: Lang) -> str:
    """summary.html: counts, the county × scenario verdicts, the tasks that did not finish and
    the tasks' main figures, in `lang`; a standalone page that fetches nothing."""
    grid = verdict_grid(table, lang)
    done = int((table["status"] == "done").sum())
    counts = text(
        "batch.counts",
        lang,
        tasks=len(table),
        counties=grid.shape[0],
        scenarios=grid.shape[1],
        done=done,
        not_done=len(table) - done,
    )
    title = text("batch.title", lang)
    parts = [
        f"<h1>{_e(title)}</h1>",
        f"<p>{_e(counts)}</p>",
        f"<h2>{_e(text('batch.grid_heading', lang))}</h2>",
        _grid_html(grid, lang),
        _problems_html(table, lang),
        f"<h2>{_e(text('batch.tasks_heading', lang))}</h2>",
        _tasks_html(table, lang),
    ]
    body = "\n".join(p for p in parts if p)
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}"><head><meta charset="utf-8">'
        f"<title>{_e(title)}</title>\n<style>{_STYLE}</style>\n</head><body>\n{body}\n"
        "</body></html>\n"
    )


def _e(value: object) -> str:
    return html.escape(str(value))


def _grid_html(grid: pd.DataFrame, lang: Lang) -> str:
    fail, ok = text("batch.verdict.fail", lang), text("batch.verdict.pass", lang)
    head = "".join(f"<th>{_e(s)}</th>" for s in [grid.index.name, *grid.columns])
    lines = []
    for county, cells in zip(grid.index, grid.values.tolist(), strict=True):
        tds = "".join(
            f'<td class="{"fail" if v == fail else "pass" if v == ok else ""}">{_e(v)}</td>'
            for v in cells
        ).replace(' class=""', "")
        lines.append(f"<tr><th>{_e(county)}</th>{tds}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(lines)}</tbody></table>"


def _problems_html(table: pd.DataFrame, lang: Lang) -> str:
    failed = table[table["status"] != "done"]
    if not len(failed):
        return ""
    items = []
    for _, row in failed.iterrows():
        status = status_word(row.get("status"), lang)
        error = error_text(row, lang)
        said = text("batch.status_error", lang, status=status, error=error) if error else status
        line = text(
            "batch.problem", lang, county=row["county"], scenario=row["scenario"], said=said
        )
        items.append(f"<li>{_e(line)}</li>")
    return f"<h2>{_e(text('batch.problems_heading', lang))}</h2><ul>{''.join(items)}</ul>"


NUM_TD = '<td class="num">'


def _tasks_html(table: pd.DataFrame, lang: Lang) -> str:
    cols = columns(table, lang, OVERVIEW_FIELDS)
    head = "".join(f"<th>{_e(c.header)}</th>" for c in cols)
    lines = []
    for row in rows_of(table, cols, lang):
        tds = "".join(
            (NUM_TD if c.kind in _NUMBER_FORMATS else "<td>")
            + f"{_e(formatted(v, c.kind, lang))}</td>"
            for v, c in zip(row, cols, strict=True)
        )
        lines.append(f"<tr>{tds}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(lines)}</tbody></table>"

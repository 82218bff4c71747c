"""The plan workbook built for the personnel office: Chinese sheets, names, printable.

`write_plan_workbook(plan, path)` writes, each sheet with a title row, a styled frozen header,
an autofilter, column widths fitted to Chinese text and A4-landscape print set-up:

    交流名单        the list: 序号, 姓名, 性别, 学段, 学科, 骨干级别, 派出学校, 接收学校, 交流期限,
                    原因 (ids at the right, for machines)
    学校汇总        per school: sent and received, by subject and backbone
    差异系数        each CV before and after, its threshold and verdict, the rotation figures,
                    and a column chart of the CVs against the threshold
    学校指标        each school's indicators before and after, with 达标 marks
    轮岗不能解决的问题  what rotation alone cannot fix
    规则核验        each rule and whether the plan keeps it
    参数            the policy as a two-column table

Given a road (`road=`), four sheets follow the limits: 招聘计划, 骨干教师评选名额, 建设需求 and
编制需求 (`road_view`). `write_road_workbook(road, path)` writes a road's own workbook:
达标路径 (each year's CVs and levers), 招聘计划, 骨干教师评选名额, 交流名单, 建设需求, 编制需求.

The file is written to a temporary file beside `path` and moved into place: whole or not at
all. Nothing here computes a figure: every number comes from the plan.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import xlsxwriter

from rotation.io.vocabulary import SUBJECTS
from rotation.messages import Lang, has, text
from rotation.reports.office import (
    Names,
    atomic_path,
    cell,
    display_width,
    indicator_name,
    missing,
    moves_table,
    roster_of,
    title_text,
    verdict,
    word,
    years_text,
)
from rotation.reports.protocols import RoadLike
from rotation.reports.road_view import RoadTable, road_tables, verdicts_table
from rotation.reports.summary import forced_lines

MAX_WIDTH = 50
MIN_WIDTH = 6
HEADER_ROW = 2  # row 0: title, row 1: a note or blank, row 2: the header
A4 = 9


def write_plan_workbook(
    plan,
    path: str | Path,
    lang: Lang = "zh",
    title: str | None = None,
    county: str | None = None,
    *,
    road: RoadLike | None = None,
) -> Path:
    """Write the office's workbook of `plan` (a one-year or a several-year plan) to `path`.

    `title` replaces the title row of the list (default
    「{county}2026年义务教育学校教师交流轮岗名单（公示稿）」); `county` is the name used in
    titles (default: read from the roster's file name when it starts with one, such as
    宁国市教师花名册.xlsx, else none). With `road`, its four sheets follow the limits.
    """
    path = Path(path)
    county = county if county is not None else county_name(plan)
    with atomic_path(path) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {"nan_inf_to_errors": False})
        try:
            w = _Writer(book, plan, lang, county)
            w.moves(title or title_text("title.workbook", plan, lang, county))
            w.schools()
            w.cvs()
            w.school_indicators()
            w.limits()
            for table in road_tables(road, lang) if road is not None else []:
                w.road_sheet(table)
            w.rules()
            w.settings()
            w.machine_sheet()
        finally:
            book.close()
    return path


def write_road_workbook(
    road: RoadLike, path: str | Path, lang: Lang = "zh", county: str | None = None
) -> Path:
    """Write a road's workbook to `path` (whole or not at all): 达标路径, 招聘计划,
    骨干教师评选名额, 交流名单, 建设需求 and 编制需求.

    Parameters
    ----------
    road : RoadLike
        The road (`rotation.Road`).
    path : str or Path
        The .xlsx file.
    lang : {"zh", "en"}, default "zh"
    county : str, optional
        The county's name for the titles (default: from the roster's file name).

    Returns
    -------
    Path
        The path written.
    """
    path = Path(path)
    county = county if county is not None else county_name(road)
    with atomic_path(path) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {"nan_inf_to_errors": False})
        try:
            w = _Writer(book, road, lang, county, title_key="road.sheet_title")
            w.road_sheet(verdicts_table(road, lang))
            hires, designations, building, posts = road_tables(road, lang)
            w.road_sheet(hires)
            w.road_sheet(designations)
            w.moves(w.sheet_heading("sheet.moves"), note="")
            w.road_sheet(building)
            w.road_sheet(posts)
        finally:
            book.close()
    return path


#: The sheet with the contract's plan columns, for machines (named the same in every language).
MACHINE_SHEET = "plan"


def plain_cell(value: object) -> object:
    """A cell of the machine sheet: numbers and text as they are, missing values empty,
    booleans as true/false text (as the plan CSV writes them)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, np.integer | np.floating):
        return value.item()
    return value if isinstance(value, int | float) else str(value)


def county_name(plan) -> str:
    """A county name the roster's file tells (宁国市教师花名册.xlsx → 宁国市), else ""."""
    for obj in (plan, getattr(plan, "roster", None)):
        name = getattr(obj, "county", None)
        if isinstance(name, str) and name.strip():
            return name.strip()
    source = str(getattr(roster_of(plan), "source", "") or "")
    stem = Path(source.split("::")[0]).stem
    m = re.match(r"^([\u4e00-\u9fff]{1,10}?(?:自治县|市|县|区|旗))", stem)
    return m.group(1) if m else ""


# -- the writer ------------------------------------------------------------------------------


class _Writer:
    def __init__(
        self,
        book: xlsxwriter.Workbook,
        plan,
        lang: Lang,
        county: str,
        *,
        title_key: str = "title.sheet",
    ) -> None:
        self.book, self.plan, self.lang, self.county = book, plan, lang, county
        self.title_key = title_key
        font = {"font_name": "宋体" if lang == "zh" else "Calibri", "font_size": 11}
        border = {"border": 1, "border_color": "#A6A6A6", "valign": "vcenter"}
        self.f: dict[str, Any] = {
            "title": book.add_format({**font, "bold": True, "font_size": 16, "align": "center"}),
            "note": book.add_format({**font, "italic": True, "font_color": "#595959"}),
            "header": book.add_format(
                {
                    **font,
                    **border,
                    "bold": True,
                    "bg_color": "#DDEBF7",
                    "align": "center",
                    "text_wrap": True,
                }
            ),
            "text": book.add_format({**font, **border}),
            "center": book.add_format({**font, **border, "align": "center"}),
            "int": book.add_format({**font, **border, "num_format": "0"}),
            "cv": book.add_format({**font, **border, "num_format": "0.000"}),
            "per100": book.add_format({**font, **border, "num_format": "0.00"}),
            "yuan": book.add_format({**font, **border, "num_format": "#,##0"}),
            "amount": book.add_format({**font, **border, "num_format": "#,##0"}),
            "amount1": book.add_format({**font, **border, "num_format": "#,##0.0"}),
            "threshold": book.add_format({**font, **border, "num_format": "0.00"}),
            "bold_amount": book.add_format({**font, **border, "bold": True, "num_format": "#,##0"}),
            "pct": book.add_format({**font, **border, "num_format": "0.0%"}),
            "bold": book.add_format({**font, **border, "bold": True}),
            "bold_int": book.add_format({**font, **border, "bold": True, "num_format": "0"}),
            "section": book.add_format({**font, "bold": True, "font_size": 12}),
            "bad": book.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"}),
        }

    def t(self, key: str, **values: Any) -> str:
        return text(key, self.lang, **values)

    def machine_sheet(self) -> None:
        """The sheet other tools read (the contract): named `plan`, one row per move, the
        columns teacher_id, from_school, to_school, start_year, end_year and the plan's others,
        headers as the plan CSV has them."""
        ws = self.book.add_worksheet(MACHINE_SHEET)
        moves = self.plan.moves
        ws.write_row(0, 0, [str(c) for c in moves.columns], self.f["header"])
        for i, row in enumerate(moves.itertuples(index=False), start=1):
            ws.write_row(i, 0, [plain_cell(v) for v in row])
        ws.freeze_panes(1, 0)
        ws.set_landscape()
        ws.set_paper(A4)
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(0)

    # -- generic table ------------------------------------------------------------------------
    def sheet(self, key: str):
        """A new sheet named by `key`, and its title: 「{county}{years}年教师交流轮岗·{sheet}」."""
        ws = self.book.add_worksheet(self.t(key))
        ws.set_row(0, 28)
        return ws, self.sheet_heading(key)

    def sheet_heading(self, key: str) -> str:
        """The title of the sheet named by `key` (`title_key` with the county and years)."""
        county = text("title.county_suffix", self.lang, county=self.county) if self.county else ""
        years = years_text(self.plan, self.lang)
        return self.t(self.title_key, county=county, years=years, span=years, sheet=self.t(key))

    def table(
        self,
        ws,
        heading: str,
        headers: list[str],
        rows: list[list[Any]],
        formats: list[str],
        *,
        note: str = "",
        header_row: int = HEADER_ROW,
        verdict_cols: tuple[int, ...] = (),
        freeze_cols: int = 0,
        widths: list[int] | None = None,
    ) -> int:
        """Title, header, rows; returns the first row below the table."""
        ncol = len(headers)
        if ncol > 1:
            ws.merge_range(0, 0, 0, ncol - 1, heading, self.f["title"])
        else:
            ws.write(0, 0, heading, self.f["title"])
        if note:
            ws.write(1, 0, note, self.f["note"])
        ws.write_row(header_row, 0, headers, self.f["header"])
        for r, row in enumerate(rows, start=header_row + 1):
            for c, value in enumerate(row):
                self.write(ws, r, c, value, formats[c])
        last = header_row + len(rows)
        ws.autofilter(header_row, 0, max(last, header_row), ncol - 1)
        ws.freeze_panes(header_row + 1, freeze_cols)
        self.fit(ws, headers, rows, widths)
        self.bad_marks(ws, header_row + 1, last, verdict_cols)
        self.print_setup(ws, header_row, header_row)
        return last + 1

    def write(self, ws, r: int, c: int, value: Any, fmt: str) -> None:
        value = cell(value, self.lang)
        style = self.f[fmt]
        if value == "":
            ws.write_blank(r, c, None, style)
        elif isinstance(value, int | float):
            ws.write_number(r, c, value, style)
        else:
            ws.write_string(r, c, value, style)

    def fit(self, ws, headers, rows, widths=None) -> None:
        for c, header in enumerate(headers):
            longest = max([display_width(header)] + [display_width(_shown(row[c])) for row in rows])
            width = min(MAX_WIDTH, max(MIN_WIDTH, longest + 2))
            if widths and c < len(widths) and widths[c]:
                width = widths[c]
            ws.set_column(c, c, width)

    def bad_marks(self, ws, first: int, last: int, cols: tuple[int, ...]) -> None:
        if last < first:
            return
        for c in cols:
            for key in ("verdict.fail", "rule.broken"):
                ws.conditional_format(
                    first,
                    c,
                    last,
                    c,
                    {
                        "type": "cell",
                        "criteria": "equal to",
                        "value": f'"{self.t(key)}"',
                        "format": self.f["bad"],
                    },
                )

    def print_setup(self, ws, first_repeat: int, last_repeat: int) -> None:
        ws.set_paper(A4)
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(first_repeat, last_repeat)
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.center_horizontally()
        ws.set_footer("&C" + self.t("print.footer"))

    # -- a road's table (road_view) -----------------------------------------------------------
    def road_sheet(self, table: RoadTable) -> None:
        """A sheet of a road's table: title, note, header, rows, the totals in bold, and the
        table `below` it (designations per school) under a heading of its own."""
        ws, heading = self.sheet(table.key)
        formats = [self._cell_format(f) for f in table.formats]
        self.table(ws, heading, table.headers, [], formats, note=table.note)
        widths = self._widths(table.headers, [*table.rows, *table.totals])
        row = self.block(ws, HEADER_ROW + 1, table.rows, table.formats, bold=False)
        row = self.block(ws, row, table.totals, table.formats, bold=True)
        if table.rows:
            last = row - 1 - len(table.totals)
            ws.autofilter(HEADER_ROW, 0, last, len(table.headers) - 1)
            verdicts = [c for c, h in enumerate(table.headers) if h == self.t("col.verdict")]
            self.bad_marks(ws, HEADER_ROW + 1, last, tuple(verdicts))
        below = table.below
        if below is not None:
            ws.write(row + 1, 0, self.t(below.key), self.f["section"])
            ws.write_row(row + 2, 0, below.headers, self.f["header"])
            end = self.block(ws, row + 3, below.rows, below.formats, bold=False)
            self.block(ws, end, below.totals, below.formats, bold=True)
            more = self._widths(below.headers, [*below.rows, *below.totals])
            widths = [max(a, b) for a, b in zip(widths, [*more, *[0] * len(widths)], strict=False)]
        for c, width in enumerate(widths):
            ws.set_column(c, c, width)

    def block(self, ws, first: int, rows: list[list[Any]], formats: list[str], bold: bool) -> int:
        """Rows from row `first`, each cell in its format (bold for totals); the next row."""
        for r, line in enumerate(rows, start=first):
            for c, value in enumerate(line):
                fmt = self._cell_format(formats[c], value)
                if bold:
                    fmt = "bold_amount" if fmt in ("int", "amount", "yuan") else "bold"
                self.write(ws, r, c, value, fmt)
        return first + len(rows)

    @staticmethod
    def _cell_format(fmt: str, value: Any = None) -> str:
        """The workbook format of a road_view format (a fraction of an amount: one decimal)."""
        if fmt == "amount" and isinstance(value, float) and not value.is_integer():
            return "amount1"
        return fmt

    @staticmethod
    def _widths(headers: list[str], rows: list[list[Any]]) -> list[int]:
        return [
            min(
                MAX_WIDTH,
                max(
                    MIN_WIDTH,
                    max([display_width(h)] + [display_width(_shown(r[c])) for r in rows]) + 2,
                ),
            )
            for c, h in enumerate(headers)
        ]

    # -- 交流名单 -------------------------------------------------------------------------------
    def moves(self, heading: str, note: str | None = None) -> None:
        ws, _ = self.sheet("sheet.moves")
        table = moves_table(self.plan, self.lang)
        keys = [
            *("col.no", "col.name", "col.gender", "col.stage", "col.subject", "col.backbone"),
            *("col.from_school", "col.to_school", "col.term", "col.reason"),
            *("col.teacher_id", "col.from_school_id", "col.to_school_id"),
        ]
        rows = [
            [
                i,
                r.name,
                r.gender,
                r.stage,
                r.subject,
                r.backbone,
                r.from_school,
                r.to_school,
                r.term,
                r.reason,
                r.teacher_id,
                r.from_school_id,
                r.to_school_id,
            ]
            for i, r in enumerate(table.itertuples(index=False), start=1)
        ]
        formats = ["int"] + ["text"] * 5 + ["text"] * 4 + ["text"] * 3
        formats[2] = formats[3] = "center"
        note = _rotation_note(self.plan, self.lang) if note is None else note
        self.table(ws, heading, [self.t(k) for k in keys], rows, formats, note=note, freeze_cols=2)

    # -- 学校汇总 -------------------------------------------------------------------------------
    def schools(self) -> None:
        ws, heading = self.sheet("sheet.schools")
        table = moves_table(self.plan, self.lang)
        schools = roster_of(self.plan).schools.set_index("school_id")
        involved = list(dict.fromkeys([*table["from_school_id"], *table["to_school_id"]]))
        names = dict(zip(table["from_school_id"], table["from_school"], strict=True))
        names.update(zip(table["to_school_id"], table["to_school"], strict=True))
        sep = self.t("misc.list_sep")

        def by_subject(part: pd.DataFrame) -> str:
            counts = part.groupby("subject_code", sort=False).size()
            order = sorted(counts.index, key=_subject_order)
            return sep.join(
                self.t("misc.subject_count", subject=word("subject", s, self.lang), n=counts[s])
                for s in order
            )

        rows = []
        for sid in sorted(involved, key=lambda s: (_area_order(schools, s), s)):
            out = table[table["from_school_id"] == sid]
            inn = table[table["to_school_id"] == sid]
            rows.append(
                [
                    names.get(sid, sid),
                    word("area", schools["area"].get(sid, ""), self.lang),
                    len(out),
                    int((out["backbone_code"] != "none").sum()),
                    by_subject(out),
                    len(inn),
                    int((inn["backbone_code"] != "none").sum()),
                    by_subject(inn),
                    len(inn) - len(out),
                    sid,
                ]
            )
        keys = [
            *("col.school", "col.area", "col.out", "col.out_backbone", "col.out_subjects"),
            *("col.in", "col.in_backbone", "col.in_subjects", "col.net", "col.school_id"),
        ]
        formats = ["text", "center", "int", "int", "text", "int", "int", "text", "int", "text"]
        end = self.table(ws, heading, [self.t(k) for k in keys], rows, formats, freeze_cols=1)
        if rows:
            total: list[object] = [self.t("misc.total"), ""]
            total += [sum(r[2] for r in rows), sum(r[3] for r in rows), ""]
            total += [sum(r[5] for r in rows), sum(r[6] for r in rows), "", 0, ""]
            styles = ["bold", "bold", "bold_int", "bold_int", "bold"]
            styles += ["bold_int", "bold_int", "bold", "bold_int", "bold"]
            for c, (value, style) in enumerate(zip(total, styles, strict=True)):
                self.write(ws, end, c, value, style)

    # -- 差异系数 ------------------------------------------------------------------------------
    def cvs(self) -> None:
        ws, heading = self.sheet("sheet.cv")
        after = self.plan.after.county
        before = self.plan.before.county.reindex(after.index)
        judged = after[after["passes"].notna()]
        rows, formats_per_row = [], []
        for (stage, code), row in judged.iterrows():
            b = before.loc[(stage, code)]
            rows.append(
                [
                    word("stage", stage, self.lang),
                    code,
                    _plan_indicator_name(self.plan, code, self.lang),
                    row.get("county_value"),
                    b["cv"],
                    row["cv"],
                    row["cv_threshold"],
                    verdict(b["passes"], self.lang),
                    verdict(row["passes"], self.lang),
                ]
            )
            formats_per_row.append(_value_format(code))
        keys = [
            *("col.stage", "col.indicator_code", "col.indicator", "col.county_value"),
            *("col.cv_before", "col.cv_after", "col.cv_threshold"),
            *("col.verdict_before", "col.verdict_after"),
        ]
        formats = ["center", "center", "text", "per100", "cv", "cv", "per100", "center", "center"]
        end = self.table(
            ws,
            heading,
            [self.t(k) for k in keys],
            rows,
            formats,
            verdict_cols=(7, 8),
        )
        for r, fmt in enumerate(formats_per_row, start=HEADER_ROW + 1):  # the unit's format
            self.write(ws, r, 3, rows[r - HEADER_ROW - 1][3], fmt)
        row = self.guarantees(ws, end + 1)
        row = self.mean_cvs(ws, row + 1)
        if rows:
            self.cv_charts(ws, [r[0] for r in rows], row + 1)

    def guarantees(self, ws, row: int) -> int:
        g = self.plan.after.guarantees
        if g is None or g.empty:
            return row
        heading = self.t("guarantee.heading")
        years: tuple[int, ...] = getattr(self.plan, "years", None) or ()
        if len(years) > 1:
            heading += f"（{years[-1]}）" if self.lang == "zh" else f" ({years[-1]})"
        ws.write(row, 0, heading, self.f["section"])
        headers = [
            self.t(k) for k in ("col.figure", "col.figure_value", "col.required", "col.verdict")
        ]
        ws.write_row(row + 1, 0, headers, self.f["header"])
        r = row + 2
        for key, line in g.iterrows():
            fmt = "pct" if key in ("rotation_ratio", "backbone_share") else "int"
            label = self.t(f"guarantee.{key}") if has(f"guarantee.{key}") else str(key)
            self.write(ws, r, 0, label, "text")
            self.write(ws, r, 1, line["value"], fmt)
            self.write(ws, r, 2, line["required"], fmt)
            shown = "" if missing(line["required"]) else verdict(line["passes"], self.lang)
            self.write(ws, r, 3, shown, "center")
            r += 1
        self.bad_marks(ws, row + 2, r - 1, (3,))
        return r

    def mean_cvs(self, ws, row: int) -> int:
        means = self.plan.after.mean_cv()
        before = self.plan.before.mean_cv()
        if not means:
            return row
        ws.write(row, 0, self.t("misc.mean_cv"), self.f["section"])
        headers = [self.t(k) for k in ("col.stage", "col.before", "col.after")]
        ws.write_row(row + 1, 0, headers, self.f["header"])
        r = row + 2
        for stage, value in means.items():
            self.write(ws, r, 0, word("stage", stage, self.lang), "center")
            self.write(ws, r, 1, before.get(stage), "cv")
            self.write(ws, r, 2, value, "cv")
            r += 1
        return r

    def cv_charts(self, ws, stages: list[str], row: int) -> None:
        """One column chart per stage: CV before and after per indicator, the threshold as a
        dashed line. `stages` holds the stage word of each table row (rows grouped by stage)."""
        first = HEADER_ROW + 1
        for k, stage in enumerate(dict.fromkeys(stages)):
            top = first + stages.index(stage)
            bottom = top + stages.count(stage) - 1
            self.cv_chart(ws, stage, top, bottom, row + 18 * k)

    def cv_chart(self, ws, stage: str, top: int, bottom: int, row: int) -> None:
        name = self.t("sheet.cv")
        categories = [name, top, 1, bottom, 1]  # the indicator codes

        def ref(col: int) -> list:
            return [name, top, col, bottom, col]

        chart = self.book.add_chart({"type": "column"})
        for col, color in ((4, "#9DC3E6"), (5, "#2E75B6")):
            chart.add_series(
                {
                    "name": [name, HEADER_ROW, col],
                    "categories": categories,
                    "values": ref(col),
                    "fill": {"color": color},
                    "data_labels": {"value": True, "num_format": "0.000"},
                }
            )
        line = self.book.add_chart({"type": "line"})
        line.add_series(
            {
                "name": self.t("col.series_threshold"),
                "categories": categories,
                "values": ref(6),
                "line": {"color": "#C00000", "dash_type": "dash", "width": 2},
                "marker": {"type": "none"},
            }
        )
        chart.combine(line)
        chart.set_title({"name": f"{stage} {self.t('title.cv_chart')}"})
        chart.set_y_axis({"num_format": "0.00", "min": 0, "major_gridlines": {"visible": True}})
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": max(640, 80 * (bottom - top + 1)), "height": 340})
        ws.insert_chart(row, 0, chart)

    # -- 学校指标 ------------------------------------------------------------------------------
    def school_indicators(self) -> None:
        ws, heading = self.sheet("sheet.school_indicators")
        after, before = self.plan.after.schools, self.plan.before.schools
        before = before.reindex(after.index)
        codes = [
            i.code
            for i in self.plan.after.standard.indicators
            if i.code in after.columns and after[i.code].notna().any()
        ]
        with_rule = "passes" in after.columns and after["passes"].notna().any()
        fixed = [self.t(k) for k in ("col.school", "col.stage", "col.area", "col.students")]
        sub = [self.t(k) for k in ("col.before", "col.after", "col.verdict")]
        tail = [self.t("col.school_passes_before"), self.t("col.school_passes_after")]
        tail = (tail if with_rule else []) + [self.t("col.school_id")]
        ncol = len(fixed) + 3 * len(codes) + len(tail)
        group_row, header_row = HEADER_ROW, HEADER_ROW + 1
        ws.merge_range(0, 0, 0, ncol - 1, heading, self.f["title"])
        for c, h in enumerate(fixed):
            ws.merge_range(group_row, c, header_row, c, h, self.f["header"])
        for k, code in enumerate(codes):
            c = len(fixed) + 3 * k
            label = f"{code} {_plan_indicator_name(self.plan, code, self.lang)}"
            ws.merge_range(group_row, c, group_row, c + 2, label, self.f["header"])
            ws.write_row(header_row, c, sub, self.f["header"])
        c0 = len(fixed) + 3 * len(codes)
        for c, h in enumerate(tail, start=c0):
            ws.merge_range(group_row, c, header_row, c, h, self.f["header"])
        ws.set_row(group_row, 48)
        rows = []
        names = Names(self.plan).schools
        for (sid, stage), row in after.iterrows():
            b = before.loc[(sid, stage)]
            line = [
                names.get(sid, sid),
                word("stage", stage, self.lang),
                word("area", row.get("area", ""), self.lang),
                row.get("students"),
            ]
            for code in codes:
                line += [b[code], row[code], verdict(row.get(f"{code}_met"), self.lang)]
            if with_rule:
                line += [verdict(b.get("passes"), self.lang), verdict(row["passes"], self.lang)]
            line.append(sid)
            rows.append(line)
        formats = ["text", "center", "center", "int"]
        for code in codes:
            formats += [_value_format(code), _value_format(code), "center"]
        formats += ["center"] * (2 if with_rule else 0) + ["text"]
        for r, line in enumerate(rows, start=header_row + 1):
            for c, value in enumerate(line):
                self.write(ws, r, c, value, formats[c])
        last = header_row + len(rows)
        ws.autofilter(header_row, 0, max(last, header_row), ncol - 1)
        ws.freeze_panes(header_row + 1, 1)
        headers = fixed + sub * len(codes) + tail
        self.fit(ws, headers, rows)
        marks = [len(fixed) + 3 * k + 2 for k in range(len(codes))]
        marks += list(range(c0, c0 + (2 if with_rule else 0)))
        self.bad_marks(ws, header_row + 1, last, tuple(marks))
        self.print_setup(ws, group_row, header_row)
        if with_rule:
            std = self.plan.after.standard
            note = self.t(
                "misc.school_passes_note", n=std.school_min_met, share=f"{std.near_miss:.0%}"
            )
            ws.write(1, 0, note, self.f["note"])

    # -- 轮岗不能解决的问题 ---------------------------------------------------------------
    def limits(self) -> None:
        ws, heading = self.sheet("sheet.limits")
        limits = self.plan.limits()
        rows = []
        for r in limits.itertuples(index=False):
            kind = str(r.kind)
            if kind == "subject shortage":
                what = word("subject", r.what, self.lang)
            else:
                what = f"{r.what} {_plan_indicator_name(self.plan, r.what, self.lang)}"
            note_key = f"limit.note.{kind}"
            note = (
                self.t(note_key, have=_int_text(r.have), needed=_int_text(r.needed), hires=r.hires)
                if has(note_key)
                else str(r.note)
            )
            if self.lang == "en" and not missing(r.note):
                note = str(r.note)
            rows.append(
                [
                    self.t(f"limit.{kind}") if has(f"limit.{kind}") else kind,
                    word("stage", r.stage, self.lang),
                    what,
                    r.have,
                    r.needed,
                    r.hires,
                    note,
                ]
            )
        keys = [
            *("col.limit_kind", "col.stage", "col.limit_what", "col.have", "col.needed"),
            *("col.hires", "col.note"),
        ]
        formats = ["text", "center", "text", "int", "int", "int", "text"]
        note = self.t("limit.none") if not rows else ""
        self.table(ws, heading, [self.t(k) for k in keys], rows, formats, note=note)

    # -- 规则核验 ------------------------------------------------------------------------------
    def rules(self) -> None:
        ws, heading = self.sheet("sheet.rules")
        broken: dict[str, list[str]] = {}
        for v in self.plan.verify():
            broken.setdefault(v.rule, []).append(str(getattr(v, "message", v)))
        off = _rules_off(self.plan.policy)
        rows = []
        for k in range(1, 12):
            rule = f"R{k}"
            details = broken.get(rule, [])
            if details:
                note = self.t("misc.violations", n=len(details), details="; ".join(details[:20]))
            else:
                note = self.t("rule.off") if rule in off else ""
            if rule == "R7":  # teachers moved by a forced pin though ineligible
                forced = forced_lines(getattr(self.plan, "forced", None), self.lang)
                note = "\n".join(part for part in (note, *forced) if part)
            rows.append(
                [
                    rule,
                    self.t(f"rule.{rule}"),
                    self.t(f"rule.{rule}.meaning"),
                    self.t("rule.broken" if details else "rule.holds"),
                    note,
                ]
            )
        for rule in sorted(set(broken) - {f"R{k}" for k in range(1, 12)}):
            rows.append([rule, "", "", self.t("rule.broken"), "; ".join(broken[rule])])
        keys = ["col.rule", "col.rule_name", "col.rule_meaning", "col.verdict", "col.note"]
        formats = ["center", "text", "text", "center", "text"]
        self.table(ws, heading, [self.t(k) for k in keys], rows, formats, verdict_cols=(3,))

    # -- 参数 ---------------------------------------------------------------------------------
    def settings(self) -> None:
        ws, heading = self.sheet("sheet.policy")
        rows = policy_rows(self.plan.policy, self.lang)
        keys = ["col.setting", "col.value"]
        self.table(ws, heading, [self.t(k) for k in keys], rows, ["text", "text"])


# -- the policy as words ----------------------------------------------------------------------


def policy_rows(policy, lang: Lang) -> list[list[str]]:
    """[setting name, value in words] for every Policy field and the evaluation standard."""
    rows = []
    for f in dataclasses.fields(policy):
        if f.name == "standard":
            continue
        rows.append(
            [_setting_name(f.name, lang), _setting_value(f.name, getattr(policy, f.name), lang)]
        )
    std = getattr(policy, "standard", None)
    if std is not None:
        for name in (
            "cv_thresholds",
            "school_min_met",
            "near_miss",
            "count_rotating_at",
            "exclude_teaching_points_below",
            "exclude_special",
            "middle_weight",
        ):
            if hasattr(std, name):
                rows.append(
                    [_setting_name(name, lang), _setting_value(name, getattr(std, name), lang)]
                )
    return rows


def _setting_name(name: str, lang: Lang) -> str:
    return text(f"policy.{name}", lang) if has(f"policy.{name}") else name


def _setting_value(name: str, value: Any, lang: Lang) -> str:
    sep = text("misc.list_sep", lang)
    if name in ("min_rotation_ratio", "max_rotation_ratio", "min_backbone_share", "near_miss"):
        return f"{value:.0%}"
    if name in ("min_years_at_school", "term_years", "exempt_years_before_retirement"):
        return text("policy_value.years", lang, n=value)
    if name == "leader_term_years":
        return text("policy_value.years", lang, n=value)
    if name == "leader_terms":
        return text("policy_value.terms", lang, n=value)
    if name == "exclude_teaching_points_below" and value is None:
        return text("policy_value.none", lang)
    if name == "retirement_age":
        return text("policy_value.age", lang, M=value.get("M", ""), F=value.get("F", ""))
    if name in ("max_distance_km", "exclude_teaching_points_below") and value is None:
        return text("policy_value.unlimited", lang) if name == "max_distance_km" else ""
    if isinstance(value, bool):
        return text("yes" if value else "no", lang)
    if name in ("direction", "retirement", "count_rotating_at", "preset"):
        key = f"policy_value.{name}.{value}"
        return text(key, lang) if has(key) else str(value)
    if name == "weights":
        return sep.join(
            f"{code}：{w}" if lang == "zh" else f"{code}: {w}" for code, w in value.items() if w
        )
    if name in ("students_per_staff", "cv_thresholds"):
        return sep.join(
            f"{word('stage', s, lang)}{_num(v)}"
            if lang == "zh"
            else f"{word('stage', s, lang)} {_num(v)}"
            for s, v in value.items()
        )
    if name == "teaching_load":
        return "；".join(
            word("area", area, lang)
            + " "
            + sep.join(f"{word('stage', s, lang)}{_num(v)}" for s, v in table.items())
            for area, table in value.items()
        )
    if name == "periods":
        return "；".join(
            word("stage", stage, lang)
            + " "
            + sep.join(f"{word('subject', s, lang)}{_num(v)}" for s, v in table.items())
            for stage, table in value.items()
        )
    if isinstance(value, Mapping):
        return sep.join(f"{k}{_num(v)}" for k, v in value.items())
    return "" if missing(value) else str(_num(value))


# -- small helpers ------------------------------------------------------------------------------


def _plan_indicator_name(plan, code: str, lang: Lang) -> str:
    """The official name of L1–L7; a user indicator's own name from the plan's standard."""
    std = getattr(getattr(plan, "after", None), "standard", None)
    own = next((i for i in getattr(std, "indicators", ()) if i.code == code), None)
    fallback = None if own is None else (own.name_zh or own.name) if lang == "zh" else own.name
    return indicator_name(code, lang, fallback)


def _value_format(code: str) -> str:
    return "yuan" if code == "L6" else "per100"


def _num(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _int_text(value: Any) -> str:
    return "" if missing(value) else str(int(value))


def _shown(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(cell(value))


def _rotation_note(plan, lang: Lang) -> str:
    """The line under the title: eligible, rotated and the ratio (per year for several)."""
    sep = "；" if lang == "zh" else "; "
    keys = ("eligible_teachers", "rotated_teachers", "rotation_ratio")
    figures = getattr(plan, "figures", None)
    if callable(figures):
        columns = {"eligible_teachers": "eligible", "rotated_teachers": "rotated"}
        columns["rotation_ratio"] = "ratio"
        inner = "，" if lang == "zh" else ", "
        return sep.join(
            (f"{year}年：" if lang == "zh" else f"{year}: ")
            + inner.join(
                f"{text('guarantee.' + k, lang)} {_figure(k, row[columns[k]], lang)}" for k in keys
            )
            for year, row in figures().iterrows()
        )
    g = plan.after.guarantees
    if g is None:
        return ""
    return sep.join(
        f"{text('guarantee.' + k, lang)} {_figure(k, g.at[k, 'value'], lang)}"
        for k in keys
        if k in g.index
    )


def _figure(key: str, value: Any, lang: Lang) -> str:
    if missing(value):
        return ""
    if key in ("rotation_ratio", "backbone_share"):
        return f"{float(value):.1%}"
    return str(int(value))


def _subject_order(code: str) -> int:
    return SUBJECTS.index(code) if code in SUBJECTS else len(SUBJECTS)


def _area_order(schools: pd.DataFrame, sid: str) -> int:
    order = {"urban": 0, "town": 1, "rural": 2}
    return order.get(schools["area"].get(sid, ""), 3) if "area" in schools else 3


def _rules_off(policy) -> set[str]:
    off = set()
    if not getattr(policy, "coverage", True):
        off.add("R5")
    if not getattr(policy, "staffing", True):
        off.add("R6")
    if getattr(policy, "direction", "any") == "any":
        off.add("R9")
    if not getattr(policy, "within_group", False):
        off.add("R10")
    if getattr(policy, "max_distance_km", None) is None:
        off.add("R11")
    return off

"""The report a director reads: one self-contained, printable HTML file.

`write_director_report` writes it; `director_html` returns its text. Seven sections, each built
by its own function: the verdict at a glance, the CVs against their thresholds (bar charts), a
map of the schools with the moves, each school's indicators, the list of moves, what rotation
cannot fix, and for a plan of several years the CVs year by year. Charts are inline SVG
(`rotation.reports.svg`), fonts come from the reader's system, and nothing is fetched from
elsewhere. Every word comes from `rotation.messages`; nothing is computed here but
presentation of the plan's own figures.

Given a road (`road=`), its sections follow: 招聘计划, 骨干教师评选名额, 建设需求 and 编制需求
(the tables of `road_view`). `road_html` and `write_road_report` make a road's own report: the
verdicts year by year, those four and the list of moves.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

import pandas as pd

from rotation.io.roster import Roster
from rotation.messages import Lang, has, text
from rotation.reports import svg
from rotation.reports.office import (
    Names,
    atomic_path,
    cv_text,
    date_text,
    indicator_name,
    missing,
    moves_table,
    pct_text,
    title_text,
    word,
    years_text,
)
from rotation.reports.protocols import EvaluationLike, RoadLike
from rotation.reports.road_view import RoadTable, road_tables, shown, verdicts_table
from rotation.reports.summary import cv_change
from rotation.reports.svg import esc


class DirectorPlan(Protocol):
    """What the director's report reads of a plan (see `rotation.Plan`)."""

    @property
    def years(self) -> tuple[int, ...]: ...

    @property
    def moves(self) -> pd.DataFrame: ...

    @property
    def start(self) -> Roster: ...

    @property
    def roster(self) -> Roster: ...

    @property
    def before(self) -> EvaluationLike: ...

    @property
    def after(self) -> EvaluationLike: ...

    def figures(self) -> pd.DataFrame: ...

    def trajectory(self) -> pd.DataFrame: ...

    def limits(self) -> pd.DataFrame: ...


#: The system's CJK-capable fonts, no web font.
FONTS = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", '
    '"Hiragino Sans GB", "WenQuanYi Micro Hei", sans-serif'
)

STYLE = f"""
@page {{ size: A4; margin: 14mm 12mm 16mm 12mm; }}
* {{ box-sizing: border-box; }}
body {{ font-family: {FONTS}; color: #222; font-size: 10.5pt; line-height: 1.5;
  max-width: 186mm; margin: 0 auto; padding: 8mm 0; }}
h1 {{ font-size: 17pt; margin: 0 0 2pt; }}
.subtitle {{ color: #555; margin: 0 0 8pt; }}
h2 {{ font-size: 13.5pt; border-bottom: 2px solid #2e75b6; padding-bottom: 2pt;
  margin: 16pt 0 6pt; break-after: avoid; }}
h3 {{ font-size: 11pt; margin: 10pt 0 4pt; break-after: avoid; }}
.headline {{ font-size: 12pt; font-weight: bold; margin: 4pt 0; }}
table {{ border-collapse: collapse; width: 100%; font-size: 9.5pt; margin: 2pt 0 6pt; }}
th, td {{ border: 1px solid #b8b8b8; padding: 2pt 5pt; vertical-align: top; }}
th {{ background: #eef3f9; font-weight: bold; text-align: center; }}
td.num, td.mark {{ text-align: center; white-space: nowrap; }}
td.name {{ white-space: nowrap; }}
tr.total td {{ font-weight: bold; background: #f6f6f6; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
.pass {{ color: #1e7b34; }}
.fail {{ color: #c00000; font-weight: bold; }}
.up {{ color: #1e7b34; font-weight: bold; }}
.note {{ color: #555; font-size: 9pt; margin: 2pt 0 6pt; }}
svg.chart {{ display: block; max-width: 100%; height: auto; margin: 4pt 0;
  font-family: {FONTS}; break-inside: avoid; }}
svg .place {{ fill: #333; }}
ul.limits li {{ margin: 2pt 0; }}
dl.legend {{ font-size: 9pt; columns: 2; margin: 4pt 0; }}
dl.legend dt {{ float: left; font-weight: bold; margin-right: 4pt; }}
dl.legend dd {{ margin: 0 0 1pt; }}
footer {{ color: #777; font-size: 8.5pt; margin-top: 12pt; }}
@media print {{
  body {{ max-width: none; padding: 0; }}
  section + section {{ break-before: page; page-break-before: always; }}
  section + section.brief {{ break-before: auto; page-break-before: auto; }}
  h2 {{ margin-top: 0; }}
}}
"""

#: Dot colours of the map by area.
AREA_COLOURS = {"urban": "#c0504d", "town": "#e69b2f", "rural": "#4f9a4f"}
OTHER_MOVE, BACKBONE_MOVE = "#2e75b6", "#7030a0"
_AREA_ORDER = {"urban": 0, "town": 1, "rural": 2}


def write_director_report(
    plan: DirectorPlan,
    path: Path,
    lang: Lang,
    *,
    county: str | None = None,
    road: RoadLike | None = None,
) -> Path:
    """Write the report to `path` (whole or not at all); returns the path."""
    page = director_html(plan, lang, county=county, road=road)
    _write(page, path)
    return path


def _write(page: str, path: Path) -> None:
    with atomic_path(path) as target:
        target.write_text(page, encoding="utf-8")


def director_html(
    plan: DirectorPlan, lang: Lang, *, county: str | None = None, road: RoadLike | None = None
) -> str:
    """The report as one HTML document; with `road`, the road's four sections after the
    plan's."""
    title = title_text("report.title", plan, lang, county)
    sections = [
        verdict_section(plan, lang),
        cv_section(plan, lang),
        map_section(plan, lang),
        schools_section(plan, lang),
        moves_section(plan, lang),
        limits_section(plan, lang),
    ]
    if len(plan.years) > 1:
        sections.append(trajectory_section(plan, lang))
    if road is not None:
        tables = road_tables(road, lang)
        sections += [road_section(t, lang, len(sections) + 1 + i) for i, t in enumerate(tables)]
    return _page(title, text("report.subtitle", lang), sections, lang)


def _page(title: str, subtitle: str, sections: Sequence[str], lang: Lang) -> str:
    """One HTML document: the title, the sections and the date it was made."""
    html_lang = "zh-CN" if lang == "zh" else "en"
    footer = text("misc.generated", lang, date=date_text(dt.date.today(), lang))
    return (
        f'<!doctype html>\n<html lang="{html_lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{STYLE}</style></head><body>"
        f"<header><h1>{esc(title)}</h1>"
        f'<p class="subtitle">{esc(subtitle)}</p></header>\n'
        + "\n".join(sections)
        + f"\n<footer>{esc(footer)}</footer></body></html>\n"
    )


# -- a road ---------------------------------------------------------------------------------------


def write_road_report(road: RoadLike, path: Path, lang: Lang, *, county: str | None = None) -> Path:
    """Write a road's report to `path` (whole or not at all); returns the path."""
    _write(road_html(road, lang, county=county), path)
    return path


def road_html(road: RoadLike, lang: Lang, *, county: str | None = None) -> str:
    """A road's report as one HTML document: the verdicts year by year, 招聘计划,
    骨干教师评选名额, the list of moves, 建设需求 and 编制需求."""
    prefix = text("title.county_suffix", lang, county=county) if county else ""
    title = text("road.report.title", lang, county=prefix, target=road.target_year)
    subtitle = text("road.report.subtitle", lang, span=years_text(road, lang))
    return _page(title, subtitle, road_sections(road, lang), lang)


def road_sections(road: RoadLike, lang: Lang) -> list[str]:
    """The sections of a road's own report, numbered (the body of `road_html`)."""
    hires, designations, building, posts = road_tables(road, lang)
    parts: list[RoadTable | str] = [
        verdicts_table(road, lang),
        hires,
        designations,
        "moves",
        building,
        posts,
    ]
    out = []
    for number, part in enumerate(parts, start=1):
        if isinstance(part, RoadTable):
            out.append(road_section(part, lang, number))
        else:
            body = _moves_body(moves_table(road, lang), lang)
            out.append(_numbered_section("road.section.moves", lang, number, body, "moves"))
    return out


def road_section(table: RoadTable, lang: Lang, number: int) -> str:
    """One table of a road as a numbered section: its note, the table with its totals, and
    the table below it."""
    body = [_note(table.note)] if table.note else []
    if table.rows:
        body.append(_road_table(table, lang))
    if table.below is not None and table.below.rows:
        body += [f"<h3>{esc(text(table.below.key, lang))}</h3>", _road_table(table.below, lang)]
    name = table.key.split(".")[-1]
    return _numbered_section(table.key, lang, number, body, f"road-{name}")


def _road_table(table: RoadTable, lang: Lang) -> str:
    rows = [
        [_road_td(v, f, lang) for v, f in zip(r, table.formats, strict=True)] for r in table.rows
    ]
    body = "".join("<tr>" + "".join(r) + "</tr>" for r in rows)
    for r in table.totals:
        cells = "".join(_road_td(v, f, lang) for v, f in zip(r, table.formats, strict=True))
        body += f'<tr class="total">{cells}</tr>'
    head = "".join(f"<th>{esc(h)}</th>" for h in table.headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _road_td(value: object, fmt: str, lang: Lang) -> str:
    """A cell of a road's table: verdicts coloured, numbers centred, names unbroken."""
    if value == text("verdict.pass", lang) or value == text("verdict.fail", lang):
        return _verdict_td(value == text("verdict.pass", lang), lang)
    cls = "num" if fmt in ("int", "amount", "cv", "threshold") else ""
    cls = "mark" if fmt == "center" else cls
    return _td(shown(value, fmt), cls)


def _numbered_section(key: str, lang: Lang, number: int, body: Iterable[str], name: str) -> str:
    numerals = text("report.numerals", lang).split()
    n = numerals[number - 1] if number <= len(numerals) else str(number)
    title = text("report.numbered", lang, n=n, title=text(key, lang))
    body = list(body)
    brief = "" if any("<table" in part for part in body) else ' class="brief"'
    return f'<section id="{name}"{brief}><h2>{esc(title)}</h2>' + "".join(body) + "</section>"


# -- shared pieces ------------------------------------------------------------------------------


def _section(key: str, lang: Lang, body: Iterable[str], name: str) -> str:
    return f'<section id="{name}"><h2>{esc(text(key, lang))}</h2>' + "".join(body) + "</section>"


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A table; headers are escaped here, cells are HTML already (`_td`)."""
    head = "".join(f"<th>{esc(h).replace(chr(10), '<br>')}</th>" for h in headers)
    body = "".join("<tr>" + "".join(r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _td(value: object, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<td{attr}>{esc('' if missing(value) else value)}</td>"


def _note(value: str) -> str:
    return f'<p class="note">{esc(value)}</p>'


def _school_year(year: Any, lang: Lang) -> str:
    return text("term.school_year", lang, start=int(year), end=int(year) + 1)


def _verdict_td(ok: Any, lang: Lang) -> str:
    if missing(ok):
        return _td("")
    return _td(
        text("verdict.pass" if ok else "verdict.fail", lang), "mark pass" if ok else "mark fail"
    )


def _judged(plan: DirectorPlan) -> pd.DataFrame:
    """Per (stage, indicator) judged after the plan: name, CV before and after, threshold, both
    verdicts."""
    return cv_change(plan.before.county, plan.after.county)


def _stages(index: pd.Index) -> list[str]:
    return list(dict.fromkeys(index.get_level_values("stage")))


# -- 1. the verdict at a glance -----------------------------------------------------------------


def verdict_section(plan: DirectorPlan, lang: Lang) -> str:
    judged = _judged(plan)
    passing = int(judged["passes_after"].astype(bool).sum())
    before = int(judged["passes_before"].fillna(False).astype(bool).sum())
    backbone = _backbone_moves(plan.moves)
    lines = [
        text("report.headline", lang, judged=len(judged), passing=passing, before=before),
        text("report.headline_moves", lang, n=len(plan.moves), backbone=backbone),
    ]
    body = [f'<p class="headline">{esc(line)}</p>' for line in lines]
    body += [f"<h3>{esc(text('report.cv_table', lang))}</h3>", _cv_table(judged, lang)]
    body += [f"<h3>{esc(text('report.figures_table', lang))}</h3>", _figures_table(plan, lang)]
    body += [f"<h3>{esc(text('report.school_rule_table', lang))}</h3>", _rule_table(plan, lang)]
    return _section("report.s1", lang, body, "verdict")


def _backbone_moves(moves: pd.DataFrame) -> int:
    if "backbone" not in moves.columns:
        return 0
    level = moves["backbone"].astype("string").fillna("none")
    return int((~level.isin(["none", ""])).sum())


def _cv_table(judged: pd.DataFrame, lang: Lang) -> str:
    headers = [
        text(k, lang)
        for k in [
            *("col.stage", "col.indicator", "col.cv_before", "col.cv_after"),
            *("col.cv_threshold", "col.verdict_before", "col.verdict_after"),
        ]
    ]
    rows = []
    for (stage, code), r in zip(judged.index.tolist(), judged.to_dict("records"), strict=True):
        rows.append(
            [
                _td(word("stage", stage, lang), "mark"),
                _td(f"{code} {indicator_name(str(code), lang, r['name'])}"),
                _td(cv_text(r["cv_before"]), "num"),
                _td(cv_text(r["cv_after"]), "num"),
                _td(f"{float(r['threshold']):.2f}", "num"),
                _verdict_td(r["passes_before"], lang),
                _verdict_td(r["passes_after"], lang),
            ]
        )
    return _table(headers, rows)


def _required(guarantees: pd.DataFrame | None, figure: str) -> Any:
    if guarantees is None or figure not in guarantees.index:
        return None
    return guarantees.at[figure, "required"]


def _figures_table(plan: DirectorPlan, lang: Lang) -> str:
    figures = plan.figures()
    g = plan.after.guarantees
    ratio_req, share_req = _required(g, "rotation_ratio"), _required(g, "backbone_share")
    headers = [
        text("report.col_year", lang),
        text("guarantee.rotated_teachers", lang),
        text("guarantee.rotation_ratio", lang)
        + (
            f"（{text('report.at_least', lang, value=pct_text(ratio_req))}）"
            if lang == "zh"
            else ""
        ),
        text("guarantee.backbone_share", lang)
        + (
            f"（{text('report.at_least', lang, value=pct_text(share_req))}）"
            if lang == "zh"
            else ""
        ),
        text("col.verdict", lang),
    ]
    if lang == "en":
        headers[2] += f" ({text('report.at_least', lang, value=pct_text(ratio_req))})"
        headers[3] += f" ({text('report.at_least', lang, value=pct_text(share_req))})"
    rows = []
    for year, r in zip(figures.index.tolist(), figures.to_dict("records"), strict=True):
        rotated = text("report.rotated_of", lang, rotated=r["rotated"], eligible=r["eligible"])
        rows.append(
            [
                _td(_school_year(year, lang), "mark"),
                _td(rotated, "num"),
                _td(pct_text(r["ratio"]), "num"),
                _td(pct_text(r["backbone_share"]), "num"),
                _verdict_td(r["passes"], lang),
            ]
        )
    return _table(headers, rows)


def _meeting(evaluation: EvaluationLike) -> tuple[int, int]:
    """Schools (per stage) meeting the school rule, and how many are judged by it."""
    if "passes" not in evaluation.schools.columns:
        return 0, 0
    judged = evaluation.schools["passes"].dropna()
    return int(judged.astype(bool).sum()), len(judged)


def _rule_table(plan: DirectorPlan, lang: Lang) -> str:
    (b, total_b), (a, total_a) = _meeting(plan.before), _meeting(plan.after)
    if not total_a:
        return ""
    headers = [text(k, lang) for k in ("col.figure", "col.before", "col.after")]
    row = [
        _td(text("report.schools_meeting", lang)),
        _td(text("report.n_of", lang, n=b, total=total_b), "num"),
        _td(text("report.n_of", lang, n=a, total=total_a), "num"),
    ]
    table = _table(headers, [row])
    standard = getattr(plan.after, "standard", None)
    if standard is None:
        return table
    note = text(
        "misc.school_passes_note",
        lang,
        n=standard.school_min_met,
        share=f"{standard.near_miss:.0%}",
    )
    return table + _note(note)


# -- 2. the CVs against their thresholds --------------------------------------------------------


def cv_section(plan: DirectorPlan, lang: Lang) -> str:
    judged = _judged(plan)
    labels = tuple(text(f"report.legend_{k}", lang) for k in ("before", "after", "threshold"))
    body = []
    for stage in _stages(judged.index):
        part = judged[judged.index.get_level_values("stage") == stage].droplevel("stage")
        categories = [
            (str(c), indicator_name(str(c), lang, n, short=True))
            for c, n in zip(part.index.tolist(), part["name"].tolist(), strict=True)
        ]
        body.append(
            svg.bar_chart(
                categories,
                [_float(v) for v in part["cv_before"]],
                [_float(v) for v in part["cv_after"]],
                [_float(v) for v in part["threshold"]],
                labels=(labels[0], labels[1], labels[2]),
                title=text("report.chart_title", lang, stage=word("stage", stage, lang)),
            )
        )
    body.append(_note(text("report.chart_note", lang)))
    body.append(_legend(judged, lang))
    return _section("report.s2", lang, body, "cvs")


def _float(value: Any) -> float:
    return math.nan if missing(value) else float(value)


def _legend(judged: pd.DataFrame, lang: Lang) -> str:
    """The codes used in charts and tables, with their official names."""
    names = judged["name"].groupby(level="indicator").first()
    items = "".join(
        f"<dt>{esc(code)}</dt><dd>{esc(indicator_name(str(code), lang, name))}</dd>"
        for code, name in names.items()
    )
    return f'<dl class="legend">{items}</dl>'


# -- 3. the map -------------------------------------------------------------------------------


def map_section(plan: DirectorPlan, lang: Lang) -> str:
    schools = plan.start.schools
    placed = schools.dropna(subset=[c for c in ("x_km", "y_km") if c in schools.columns])
    if not {"x_km", "y_km"} <= set(schools.columns) or len(placed) < 2:
        return _section("report.s3", lang, [_note(text("report.map_missing", lang))], "map")
    points = _points(placed, plan.after.schools, Names(plan))
    arrows = _arrows(plan.moves, points)
    centre = _centre(placed)
    if centre:
        charts = [_county_map(points, arrows, placed, centre, lang)]
        charts.append(_centre_map(points, arrows, centre, lang))
    else:
        charts = [_county_map(points, arrows, placed, [], lang)]
    body = [*charts, _note(text("report.map_note", lang))]
    return _section("report.s3", lang, body, "map")


def _centre(schools: pd.DataFrame) -> list[str]:
    """The urban schools when they sit close together (within a fifth of the county's
    extent): drawn unnamed on the county map and again, named, on a map of their own."""
    if "area" not in schools.columns:
        return []
    urban = schools[schools["area"] == "urban"]
    if len(urban) < 3 or len(urban) == len(schools):
        return []

    def extent(frame: pd.DataFrame) -> float:
        return max(float(frame[c].max() - frame[c].min()) for c in ("x_km", "y_km"))

    return list(urban["school_id"].astype(str)) if extent(urban) < extent(schools) / 5 else []


def _county_map(
    points: dict[str, svg.Point],
    arrows: list[svg.Arrow],
    placed: pd.DataFrame,
    centre: list[str],
    lang: Lang,
) -> str:
    shown = dict(points)
    if centre:
        for sid in centre:
            shown[sid] = replace(points[sid], label="")
        biggest = min(centre, key=lambda sid: points[sid].priority)
        label = text("report.centre_label", lang, n=len(centre))
        shown[biggest] = replace(points[biggest], label=label, priority=-1)
    legend = [
        ("dot", AREA_COLOURS[a], word("area", a, lang))
        for a in AREA_COLOURS
        if a in set(placed.get("area", []))
    ]
    legend += [
        ("line", OTHER_MOVE, text("report.moves_other", lang)),
        ("line", BACKBONE_MOVE, text("report.moves_backbone", lang)),
    ]
    return svg.map_chart(
        list(shown.values()),
        [replace(a, start=shown[a.start_id], end=shown[a.end_id]) for a in arrows],
        legend,
        title=text("report.map_title", lang),
        km_label=text("report.km", lang),
        max_height=560 if centre else 760,
    )


def _centre_map(
    points: dict[str, svg.Point], arrows: list[svg.Arrow], centre: list[str], lang: Lang
) -> str:
    inside = set(centre)
    return svg.map_chart(
        [points[sid] for sid in centre],
        [a for a in arrows if a.start_id in inside and a.end_id in inside],
        [],
        title=text("report.centre_title", lang),
        km_label=text("report.km", lang),
        max_height=300,
    )


def _points(schools: pd.DataFrame, judged: pd.DataFrame, names: Names) -> dict[str, svg.Point]:
    students: dict[str, float] = {}
    if len(judged) and "students" in judged.columns:
        totals = judged["students"].groupby(level="school_id").sum()
        students = {
            str(k): float(v) for k, v in zip(totals.index.tolist(), totals.tolist(), strict=True)
        }
    biggest = max(students.values(), default=1.0)
    points = {}
    for s in schools.to_dict("records"):
        sid = str(s["school_id"])
        area = str(s.get("area", ""))
        n = students.get(sid, 0.0)
        radius = 3.0 + 4.0 * math.sqrt(max(n, 0.0) / max(biggest, 1.0))
        points[sid] = svg.Point(
            x=float(s["x_km"]),
            y=float(s["y_km"]),
            label=names.school(sid),
            colour=AREA_COLOURS.get(area, "#888888"),
            radius=radius,
            priority=_AREA_ORDER.get(area, 3) * 100000 - int(n),
        )
    # the countryside is sparse: label it first, the dense town centre after
    return dict(sorted(points.items(), key=lambda kv: kv[1].priority))


def _arrows(moves: pd.DataFrame, points: dict[str, svg.Point]) -> list[svg.Arrow]:
    if moves.empty:
        return []
    level = (
        moves["backbone"].astype("string").fillna("none")
        if "backbone" in moves.columns
        else pd.Series("none", index=moves.index)
    )
    kind = (~level.isin(["none", ""])).map({True: "backbone", False: "other"})
    frame = pd.DataFrame(
        {"a": moves["from_school"].astype(str), "b": moves["to_school"].astype(str), "k": kind}
    )
    counts = frame.value_counts()
    arrows = []
    for (a, b, k), n in zip(counts.index.tolist(), counts.tolist(), strict=True):
        if a in points and b in points:
            colour, bend = (BACKBONE_MOVE, -0.12) if k == "backbone" else (OTHER_MOVE, 0.12)
            arrows.append(svg.Arrow(points[a], points[b], int(n), colour, bend, a, b))
    return arrows


# -- 4. each school -------------------------------------------------------------------------------


def schools_section(plan: DirectorPlan, lang: Lang) -> str:
    after = plan.after.schools
    before = plan.before.schools.reindex(after.index)
    codes = [c for c in _codes(after) if after[c].notna().any()]
    with_rule = "passes" in after.columns and after["passes"].notna().any()
    headers = [text(k, lang) for k in ("col.school", "col.stage", "col.area")]
    headers += [f"{c}\n{indicator_name(c, lang, short=True)}" for c in codes]
    if with_rule:
        headers += [text("col.school_passes_before", lang), text("col.school_passes_after", lang)]
    names = Names(plan)
    rows_after: dict[Any, dict[Any, Any]] = after.to_dict("index")
    rows_before: dict[Any, dict[Any, Any]] = before.to_dict("index")
    rows = []
    for sid, stage in _school_order(after):
        a, b = rows_after[(sid, stage)], rows_before[(sid, stage)]
        row = [
            _td(names.school(sid), "name"),
            _td(word("stage", stage, lang), "mark"),
            _td(word("area", a.get("area"), lang), "mark"),
        ]
        row += [_mark(b.get(f"{c}_met"), a.get(f"{c}_met")) for c in codes]
        if with_rule:
            row += [_verdict_td(b.get("passes"), lang), _verdict_td(a.get("passes"), lang)]
        rows.append(row)
    body = [_table(headers, rows), _note(text("report.schools_note", lang))]
    return _section("report.s4", lang, body, "schools")


def _codes(schools: pd.DataFrame) -> list[str]:
    return [c[: -len("_met")] for c in schools.columns if str(c).endswith("_met")]


def _school_order(schools: pd.DataFrame) -> list[tuple[str, str]]:
    """Primary before middle, then urban, town, rural, then the roster's order."""
    keys = list(schools.index)
    area = schools.get("area", pd.Series("", index=schools.index))
    stage_rank = {s: i for i, s in enumerate(_stages(schools.index))}

    def rank(key: tuple[str, str]) -> tuple[int, int]:
        return stage_rank[key[1]], _AREA_ORDER.get(str(area.loc[key]), 3)

    return sorted(keys, key=rank)


def _mark(before: Any, after: Any) -> str:
    if missing(after):
        return _td("")
    if after and not missing(before) and not before:
        return '<td class="mark up">✗→✓</td>'
    return '<td class="mark pass">✓</td>' if after else '<td class="mark fail">✗</td>'


# -- 5. the list of moves -----------------------------------------------------------------------


def moves_section(plan: DirectorPlan, lang: Lang) -> str:
    return _section("report.s5", lang, _moves_body(moves_table(plan, lang), lang), "moves")


def _moves_body(table: pd.DataFrame, lang: Lang) -> list[str]:
    """The list of moves (`office.moves_table`) as a table and its total."""
    if table.empty:
        return [_note(text("report.no_moves", lang))]
    keys = [
        *("col.no", "col.name", "col.stage", "col.subject", "col.backbone"),
        *("col.from_school", "col.to_school", "col.term"),
    ]
    columns = ["name", "stage", "subject", "backbone", "from_school", "to_school", "term"]
    rows = []
    for i, r in enumerate(table.to_dict("records"), start=1):
        cells = [_td(i, "num")] + [_td(r[c]) for c in columns]
        cells[2], cells[4] = _td(r["stage"], "mark"), _td(r["backbone"], "mark")
        rows.append(cells)
    body = [_table([text(k, lang) for k in keys], rows)]
    body.append(_note(text("report.moves_total", lang, n=len(table))))
    return body


# -- 6. what rotation cannot fix -------------------------------------------------------------


def limits_section(plan: DirectorPlan, lang: Lang) -> str:
    limits = plan.limits()
    if limits.empty:
        return _section("report.s6", lang, [_note(text("limit.none", lang))], "limits")
    items = "".join(f"<li>{esc(_limit_line(r, lang))}</li>" for r in limits.to_dict("records"))
    body = [f"<p>{esc(text('report.limits_intro', lang))}</p>", f'<ul class="limits">{items}</ul>']
    return _section("report.s6", lang, body, "limits")


def _count(value: Any) -> str:
    return "" if missing(value) else str(int(value))


def _limit_line(r: dict[Any, Any], lang: Lang) -> str:
    kind = str(r["kind"])
    what = (
        word("subject", r["what"], lang)
        if kind == "subject shortage"
        else indicator_name(str(r["what"]), lang)
    )
    note_key = f"limit.note.{kind}"
    values = {"have": _count(r["have"]), "needed": _count(r["needed"]), "hires": _count(r["hires"])}
    note = text(note_key, lang, **values) if has(note_key) else str(r.get("note", ""))
    label = text(f"limit.{kind}", lang) if has(f"limit.{kind}") else kind
    line = f"{label}｜" if lang == "zh" else f"{label}: "
    line += text(
        "report.limit_line", lang, stage=word("stage", r["stage"], lang), what=what, note=note
    )
    hires = 0 if missing(r["hires"]) else int(r["hires"])
    if hires > 0 and kind == "subject shortage":
        line += text("report.limit_hires", lang, n=hires)
    return line


# -- 7. year by year -------------------------------------------------------------------------


def trajectory_section(plan: DirectorPlan, lang: Lang) -> str:
    trajectory = plan.trajectory()
    if trajectory.empty:
        return ""
    years = [int(y) for y in dict.fromkeys(trajectory.index.get_level_values("year"))]
    body = []
    for stage in dict.fromkeys(trajectory.index.get_level_values("stage")):
        part = trajectory[trajectory.index.get_level_values("stage") == stage]
        part = part.droplevel("stage")
        body.append(_trajectory_chart(part, years, str(stage), lang))
    body.append(_note(text("report.trajectory_note", lang)))
    body.append(f"<p>{esc(_pass_years(trajectory, lang))}</p>")
    return _section("report.s7", lang, body, "years")


def _trajectory_chart(part: pd.DataFrame, years: list[int], stage: str, lang: Lang) -> str:
    lines = []
    codes = list(dict.fromkeys(part.index.get_level_values("indicator")))
    for k, code in enumerate(codes):
        rows = part[part.index.get_level_values("indicator") == code].droplevel("indicator")
        rows = rows.reindex(years)
        colour = svg.PALETTE[k % len(svg.PALETTE)]
        name = f"{code} {indicator_name(str(code), lang, short=True)}"
        with_plan = text("report.with_plan", lang, name=name)
        without = text("report.without_plan", lang, name=name)
        lines.append(svg.Line(with_plan, colour, [_float(v) for v in rows["cv_with_plan"]]))
        values = [_float(v) for v in rows["cv_without_rotation"]]
        lines.append(svg.Line(without, colour, values, dashed=True))
    threshold = _float(part["threshold"].iloc[0])
    return svg.line_chart(
        [_school_year(y, lang) for y in years],
        lines,
        threshold,
        threshold_label=text("report.legend_threshold", lang),
        title=text("report.trajectory_title", lang, stage=word("stage", stage, lang)),
    )


def _pass_years(trajectory: pd.DataFrame, lang: Lang) -> str:
    def first(column: str) -> str:
        verdict = trajectory[column].groupby(level="year").all()
        passing = [int(y) for y in verdict[verdict].index.tolist()]
        return (
            text("report.from_year", lang, year=passing[0])
            if passing
            else text("report.never", lang)
        )

    return text(
        "report.pass_year",
        lang,
        with_plan=first("passes_with_plan"),
        without=first("passes_without_rotation"),
    )

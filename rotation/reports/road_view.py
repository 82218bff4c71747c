"""A road's tables as people read them: 招聘计划, 骨干教师评选名额, 建设需求 and 编制需求.

The workbook (`workbook.py`) and the director's report (`director.py`) write the same tables:
each is built here once, from the road's own figures (`protocols.RoadLike`), every word from
`rotation.messages`, names beside ids. A cell holds text or a number and names its format:

    text, center    words
    int             a count (teachers, posts, years)
    area            m², whole
    yuan            yuan, whole, with thousands separators
    amount          m², yuan or rooms: whole, with thousands separators (a nine-year
                    school's stage share of rooms may hold a fraction: one decimal)

`shown` turns a cell into the text the HTML report prints.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from rotation.messages import Lang, text
from rotation.policy.designation import service_years
from rotation.reports.office import Names, indicator_name, missing, word
from rotation.reports.protocols import RoadLike


@dataclass(frozen=True)
class RoadTable:
    """One table of a road: headers, rows and their formats, total rows below, a note.

    Attributes
    ----------
    key : str
        The catalogue key of the sheet's and the section's name (``sheet.hires`` …).
    headers : list of str
    formats : list of str
        One cell format per column (module doc).
    rows, totals : list of list
        The rows, and the total rows written below them in bold.
    note : str
        A sentence above the table (what it holds, or that it is empty).
    below : RoadTable, optional
        A second table written under this one (the designations counted per school).
    """

    key: str
    headers: list[str]
    formats: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    totals: list[list[Any]] = field(default_factory=list)
    note: str = ""
    below: RoadTable | None = None


def road_tables(road: RoadLike, lang: Lang) -> list[RoadTable]:
    """The four tables of a road (the designations with their count per school below), in
    the order the office reads them."""
    return [
        hires_table(road, lang),
        designations_table(road, lang),
        building_table(road, lang),
        posts_table(road, lang),
    ]


def _headers(lang: Lang, *keys: str) -> list[str]:
    return [text(k, lang) for k in keys]


def hires_table(road: RoadLike, lang: Lang) -> RoadTable:
    """招聘计划: per year, school, stage and subject, the teachers to recruit and their
    education; a subtotal per year when the road has several, and the total."""
    names = Names(road)
    hires = road.hires.sort_values(["year", "school_id", "stage", "subject"], kind="stable")
    rows = [
        [
            int(h["year"]),
            str(h["school_id"]),
            names.school(h["school_id"]),
            word("stage", h["stage"], lang),
            word("subject", h["subject"], lang),
            word("education", h["education"], lang),
            int(h["count"]),
        ]
        for h in hires.to_dict("records")
    ]
    totals = []
    if len(road.years) > 1:
        for year in road.years:
            n = int(hires.loc[hires["year"] == year, "count"].sum())
            totals.append([text("road.col.year_total", lang, year=year), *[""] * 5, n])
    totals.append([text("road.col.total", lang), *[""] * 5, int(hires["count"].sum())])
    total = int(hires["count"].sum())
    return RoadTable(
        key="sheet.hires",
        headers=_headers(
            lang,
            *("road.col.year", "col.school_id", "col.school", "col.stage", "col.subject"),
            *("col.education", "road.col.count"),
        ),
        formats=["int", "text", "text", "center", "center", "center", "int"],
        rows=rows,
        totals=totals,
        note=text("road.note.hires", lang, n=total) if total else text("road.none.hires", lang),
    )


def designations_table(road: RoadLike, lang: Lang) -> RoadTable:
    """骨干教师评选名额: each teacher to designate county backbone, by year and school, with the
    subject, years of service (in the year designated) and education that make them a
    candidate."""
    names = Names(road)
    teachers = road.start.teachers.set_index("teacher_id")
    des = road.designations.sort_values(["year", "school_id", "teacher_id"], kind="stable")
    rows = []
    for d in des.to_dict("records"):
        tid = str(d["teacher_id"])
        known = tid in teachers.index
        t = teachers.loc[[tid]] if known else None
        service = service_years(t, int(d["year"])).iloc[0] if t is not None else None
        rows.append(
            [
                int(d["year"]),
                tid,
                names.teacher(tid),
                str(d["school_id"]),
                names.school(d["school_id"]),
                word("stage", t["stage"].iloc[0], lang) if t is not None else "",
                word("subject", t["subject"].iloc[0], lang) if t is not None else "",
                None if service is None else math.floor(float(service)),
                word("education", t["education"].iloc[0], lang) if t is not None else "",
            ]
        )
    totals = [[text("road.col.total", lang), *[""] * 7, ""]]
    totals[0][2] = text("road.col.people", lang, n=len(rows))
    return RoadTable(
        key="sheet.designations",
        headers=_headers(
            lang,
            *("road.col.year", "col.teacher_id", "col.name", "col.school_id", "col.school"),
            *("col.stage", "col.subject", "road.col.service", "col.education"),
        ),
        formats=["int", "text", "text", "text", "text", "center", "center", "int", "center"],
        rows=rows,
        totals=totals if rows else [],
        note=(
            text("road.note.designations", lang, n=len(rows))
            if rows
            else text("road.none.designations", lang)
        ),
        below=designation_counts_table(road, lang) if rows else None,
    )


def designation_counts_table(road: RoadLike, lang: Lang) -> RoadTable:
    """The designations counted per school and year (the quota each school is given)."""
    names = Names(road)
    des = road.designations
    counts = des.groupby(["year", "school_id"], sort=True).size() if len(des) else pd.Series()
    rows = [
        [int(year), str(sid), names.school(sid), int(n)]
        for (year, sid), n in zip(counts.index.tolist(), counts.tolist(), strict=True)
    ]
    return RoadTable(
        key="road.designation_counts",
        headers=_headers(lang, "road.col.year", "col.school_id", "col.school", "road.col.count"),
        formats=["int", "text", "text", "int"],
        rows=rows,
        totals=[[text("road.col.total", lang), "", "", len(des)]] if rows else [],
    )


def building_table(road: RoadLike, lang: Lang) -> RoadTable:
    """建设需求: each school facility to build (addition > 0): have, needed, addition, unit,
    and why (the school rule, the CV); the total addition per indicator."""
    names = Names(road)
    build = road.building
    build = build[build["addition"] > 0] if len(build) else build
    rows = []
    for b in build.to_dict("records"):
        code = str(b["indicator"])
        rows.append(
            [
                str(b["school_id"]),
                names.school(b["school_id"]),
                word("stage", b["stage"], lang),
                f"{code} {indicator_name(code, lang, short=True)}",
                _amount(b["have"]),
                _amount(b["needed"]),
                _amount(b["addition"]),
                word("unit", b["unit"], lang),
                _reasons(b.get("reason"), lang),
            ]
        )
    totals: list[list[Any]] = []
    for indicator, part in build.groupby("indicator", sort=True) if len(build) else []:
        unit = str(part["unit"].iloc[0])
        label = text("road.col.indicator_total", lang, code=indicator)
        totals.append(
            [
                label,
                text("road.col.schools", lang, n=part["school_id"].nunique()),
                "",
                f"{indicator} {indicator_name(str(indicator), lang, short=True)}",
                _amount(part["have"].sum()),
                _amount(part["needed"].sum()),
                _amount(part["addition"].sum()),
                word("unit", unit, lang),
                "",
            ]
        )
    formats = ["text", "text", "center", "text", "amount", "amount", "amount", "center", "text"]
    return RoadTable(
        key="sheet.building",
        headers=_headers(
            lang,
            *("col.school_id", "col.school", "col.stage", "col.indicator"),
            *("road.col.have", "road.col.needed", "road.col.addition", "road.col.unit"),
            "road.col.reason",
        ),
        formats=formats,
        rows=rows,
        totals=totals,
        note=text("road.note.building", lang) if rows else text("road.none.building", lang),
    )


def posts_table(road: RoadLike, lang: Lang) -> RoadTable:
    """编制需求: the school units whose posts (编制) cannot hold what the school rule needs, with
    their posts, the teachers who cannot leave, the indicators out of reach and the posts to
    add; the total posts to add."""
    names = Names(road)
    short = road.short_of_posts
    rows = []
    for key, r in zip(short.index.tolist(), short.to_dict("records"), strict=True):
        sid, stage = key
        missing_codes = r.get("missing") or ()
        rows.append(
            [
                str(sid),
                names.school(sid),
                word("stage", stage, lang),
                int(r["posts"]),
                int(r["held"]),
                text("misc.list_sep", lang).join(
                    f"{c} {indicator_name(str(c), lang, short=True)}" for c in missing_codes
                ),
                int(r["extra_posts"]),
            ]
        )
    extra = int(short["extra_posts"].sum()) if rows else 0
    schools = text("road.col.schools", lang, n=len(rows))
    totals: list[list[Any]] = [[text("road.col.total", lang), schools, "", "", "", "", extra]]
    posts = road.posts
    short_total = int(posts["short"].sum()) if "short" in posts.columns and len(posts) else 0
    note = text("road.note.posts", lang) if rows else text("road.none.posts", lang)
    if short_total:
        note += text("road.note.short", lang, n=short_total)
    return RoadTable(
        key="sheet.posts",
        headers=_headers(
            lang,
            *("col.school_id", "col.school", "col.stage", "road.col.posts", "road.col.held"),
            *("road.col.missing", "road.col.extra_posts"),
        ),
        formats=["text", "text", "center", "int", "int", "text", "int"],
        rows=rows,
        totals=totals if rows else [],
        note=note,
    )


def verdicts_table(road: RoadLike, lang: Lang) -> RoadTable:
    """达标路径: per year and judged CV, the CV, its threshold and the verdict; below, per year,
    the teachers hired, designated and rotated and the schools meeting the school rule."""
    rows: list[list[Any]] = []
    for year in road.years:
        county = road.yearly[year].county
        judged = county[county["passes"].notna()]  # a facility without data is not judged
        for key, r in zip(judged.index.tolist(), judged.to_dict("records"), strict=True):
            stage, code = key
            rows.append(
                [
                    int(year),
                    word("stage", stage, lang),
                    f"{code} {indicator_name(str(code), lang)}",
                    float(r["cv"]),
                    float(r["cv_threshold"]),
                    text("verdict.pass" if bool(r["passes"]) else "verdict.fail", lang),
                ]
            )
    figures = []
    for year in road.years:
        passing, judged_units = schools_passing(road, year)
        figures.append(
            [
                int(year),
                int(road.hires.loc[road.hires["year"] == year, "count"].sum()),
                int((road.designations["year"] == year).sum()),
                int((road.moves["start_year"] == year).sum()),
                text("report.n_of", lang, n=passing, total=judged_units),
            ]
        )
    target = road.target_year
    last = [r for r in rows if r[0] == target]
    passing, units = schools_passing(road, target)
    headline = text(
        "road.headline",
        lang,
        year=target,
        passing=sum(r[-1] == text("verdict.pass", lang) for r in last),
        judged=len(last),
        schools=passing,
        units=units,
    )
    return RoadTable(
        key="sheet.road",
        headers=_headers(
            lang,
            *("road.col.year", "col.stage", "col.indicator", "report.legend_cv"),
            *("col.cv_threshold", "col.verdict"),
        ),
        formats=["int", "center", "text", "cv", "threshold", "center"],
        rows=rows,
        note=headline,
        below=RoadTable(
            key="road.section.year_figures",
            headers=_headers(
                lang,
                *("road.col.year", "road.col.hired", "road.col.designated", "road.col.rotated"),
                "road.col.schools_passing",
            ),
            formats=["int", "int", "int", "int", "center"],
            rows=figures,
        ),
    )


def schools_passing(road: RoadLike, year: int) -> tuple[int, int]:
    """School units meeting the school rule in `year`, and how many are judged by it."""
    schools = road.yearly[year].schools
    if "passes" not in schools.columns:
        return 0, 0
    judged = schools["passes"].dropna()
    return int(judged.astype(bool).sum()), len(judged)


def shown(value: Any, fmt: str) -> str:
    """A cell as the HTML report prints it: counts whole, amounts whole with thousands
    separators (one decimal for a fraction of a room), CVs to three decimals."""
    if missing(value) or value == "":
        return ""
    if isinstance(value, str):
        return value
    number = float(value)
    if fmt == "amount":
        return f"{number:,.0f}" if number.is_integer() else f"{number:,.1f}"
    if fmt == "cv":
        return f"{number:.3f}"
    if fmt == "threshold":
        return f"{number:.2f}"
    return f"{number:.0f}" if number.is_integer() else f"{number:g}"


def _amount(value: Any) -> float | int:
    """A facility figure as shown: whole (additions are whole m², yuan and rooms; a stage's
    share of a nine-year school's total may hold a fraction, kept to one decimal)."""
    number = round(float(value), 1)
    return int(number) if number.is_integer() else number


def _reasons(reason: Any, lang: Lang) -> str:
    """building's reason ("school rule", "CV", "school rule and CV") in words."""
    if missing(reason) or not str(reason):
        return ""
    parts = [p.strip() for p in str(reason).split(" and ")]
    return text("misc.list_sep", lang).join(word("build_reason", p, lang) for p in parts)

"""The notice (公示) of a plan and the letter to each school.

`write_notice` writes the list the bureau posts for five working days: a title
(「XX市2026年义务教育学校教师交流轮岗人员名单（公示）」), the table 序号, 姓名, 性别, 学段, 学科,
派出学校, 接收学校, 交流方式, 交流期限, 备注, and below it the notice period, where to object,
the telephone, the bureau and the date. One A4 page wide, printable as it is.

`write_letters` writes one printable HTML page per school a plan touches: who leaves (name,
subject, receiving school), who arrives (name, subject, sending school) and the date to
report. HTML opens in any browser or word processor, prints on A4 and can be sent by phone.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any

import xlsxwriter

from rotation.messages import Lang, text
from rotation.reports.office import (
    Names,
    as_date,
    atomic_path,
    cell,
    date_words,
    display_width,
    moves_table,
    rotation_mode,
    safe_filename,
    title_text,
    word,
)
from rotation.reports.workbook import county_name

A4 = 9
NOTICE_KEYS = (
    *("col.no", "col.name", "col.gender", "col.stage", "col.subject", "col.from_school"),
    *("col.to_school", "col.mode", "col.term", "col.remark"),
)


def write_notice(
    plan,
    path: str | Path,
    lang: Lang = "zh",
    county: str | None = None,
    bureau: str | None = None,
    phone: str | None = None,
    days: int = 5,
    *,
    date: dt.date | str | None = None,
    mode: str | None = None,
) -> Path:
    """Write the public notice of `plan` as an A4 workbook of one sheet; returns the path.

    `county` names the title (default: from the roster's file name, else none); `bureau` the
    office to object to (default 「{county}教育局」); `phone` the telephone (a blank line to fill
    in when not given); `days` the notice period in working days; `date` the notice's date
    (default today). `mode` is the 交流方式 of every move; by default it follows the policy
    and the schools' areas (顶岗支教 from urban to town or rural schools, 跟岗学习 the other
    way, 交流轮岗 otherwise).
    """
    path = Path(path)
    county = county if county is not None else county_name(plan)
    bureau = bureau or (text("notice.bureau_default", lang, county=county) if county else "")
    day = as_date(date, dt.date.today())
    table = moves_table(plan, lang)
    rows = []
    for i, (_, r) in enumerate(table.iterrows(), start=1):
        remarks = []
        if r["backbone_code"] not in ("", "none") and not _blank(r["backbone_code"]):
            remarks.append(word("backbone_title", r["backbone_code"], lang))
        rows.append(
            [
                i,
                r["name"],
                r["gender"],
                r["stage"],
                r["subject"],
                r["from_school"],
                r["to_school"],
                mode or rotation_mode(r, plan.policy, lang),
                r["term"],
                text("misc.list_sep", lang).join(remarks),
            ]
        )
    headers = [text(k, lang) for k in NOTICE_KEYS]
    title = title_text("title.notice", plan, lang, county)
    with atomic_path(path) as tmp:
        book = xlsxwriter.Workbook(str(tmp))
        try:
            _notice_sheet(book, lang, title, headers, rows, days, bureau, phone, day)
        finally:
            book.close()
    return path


def _blank(value: Any) -> bool:
    return cell(value) == ""


def _notice_sheet(book, lang, title, headers, rows, days, bureau, phone, day) -> None:
    font = {"font_name": "宋体" if lang == "zh" else "Calibri", "font_size": 11}
    border = {"border": 1, "valign": "vcenter", "text_wrap": True}
    f_title = book.add_format({**font, "bold": True, "font_size": 16, "align": "center"})
    f_head = book.add_format({**font, **border, "bold": True, "align": "center"})
    f_cell = book.add_format({**font, **border, "align": "center"})
    f_text = book.add_format({**font, "text_wrap": True, "valign": "top"})
    f_right = book.add_format({**font, "align": "right"})
    ws = book.add_worksheet(text("sheet.notice", lang))
    ncol = len(headers)
    ws.merge_range(0, 0, 0, ncol - 1, title, f_title)
    ws.set_row(0, 32)
    ws.write_row(2, 0, headers, f_head)
    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row):
            value = cell(value, lang)
            if isinstance(value, int | float) and value != "":
                ws.write_number(r, c, value, f_cell)
            elif value == "":
                ws.write_blank(r, c, None, f_cell)
            else:
                ws.write_string(r, c, value, f_cell)
    for c, header in enumerate(headers):
        longest = max([display_width(header)] + [display_width(cell(row[c])) for row in rows])
        ws.set_column(c, c, min(40, max(6, longest + 2)))
    r = 3 + len(rows) + 1
    lines = [
        text("notice.total", lang, n=len(rows)),
        text("notice.period", lang, days=days),
        text("notice.object", lang, bureau=bureau or "________"),
        text("notice.phone", lang, phone=phone or "________________"),
    ]
    for line in lines:
        ws.merge_range(r, 0, r, ncol - 1, line, f_text)
        r += 1
    r += 1
    ws.merge_range(r, 0, r, ncol - 1, bureau, f_right)
    ws.merge_range(r + 1, 0, r + 1, ncol - 1, date_words(day, lang), f_right)
    ws.set_paper(A4)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(2, 2)
    ws.set_margins(left=0.5, right=0.5, top=0.7, bottom=0.7)
    ws.center_horizontally()
    ws.set_footer("&C" + text("print.footer", lang))
    ws.print_area(0, 0, r + 1, ncol - 1)


# -- letters ---------------------------------------------------------------------------------

_STYLE = """
@page { size: A4 portrait; margin: 2cm; }
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 14pt;
       line-height: 1.7; max-width: 17cm; margin: 1em auto; }
h1 { font-size: 18pt; text-align: center; margin-bottom: 1.2em; }
h2 { font-size: 14pt; margin: 1em 0 0.3em; }
table { border-collapse: collapse; width: 100%; font-size: 12pt; }
th, td { border: 1px solid #000; padding: 3px 6px; text-align: center; }
p.indent { text-indent: 2em; }
p.sign { text-align: right; margin-top: 2.5em; }
"""


def write_letters(
    plan,
    folder: str | Path,
    lang: Lang = "zh",
    report_date: dt.date | str | None = None,
    *,
    county: str | None = None,
    bureau: str | None = None,
    date: dt.date | str | None = None,
) -> list[Path]:
    """Write one letter (a printable HTML page) per school that sends or receives a teacher.

    Each names the school, who leaves (姓名, 学科, 接收学校, 交流期限), who arrives (姓名, 学科,
    派出学校, 交流期限) and the date to report (`report_date`, default 1 September of the
    plan's first year). Files are named 「{school_id}_{school name}.html」; returns their paths.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    county = county if county is not None else county_name(plan)
    bureau = bureau or (text("notice.bureau_default", lang, county=county) if county else "")
    years = getattr(plan, "years", None) or (plan.year,)
    report = as_date(report_date, dt.date(int(years[0]), 9, 1))
    day = as_date(date, dt.date.today())
    table = moves_table(plan, lang)
    names = Names(plan)
    schools = list(dict.fromkeys([*table["from_school_id"], *table["to_school_id"]]))
    written = []
    for sid in sorted(schools):
        leaving = table[table["from_school_id"] == sid]
        arriving = table[table["to_school_id"] == sid]
        page = _letter(
            plan, lang, county, names.school(sid), leaving, arriving, report, bureau, day
        )
        path = folder / f"{safe_filename(sid)}_{safe_filename(names.school(sid))}.html"
        with atomic_path(path) as tmp:
            tmp.write_text(page, encoding="utf-8")
        written.append(path)
    return written


def _letter(plan, lang, county, school, leaving, arriving, report, bureau, day) -> str:
    e = html.escape
    head = text("col.no", lang), text("col.name", lang), text("col.subject", lang)
    term = text("col.term", lang)

    def table(part, other: str, key: str) -> str:
        if part.empty:
            return f"<p>{e(text('letter.none', lang))}</p>"
        cols = [*head, text(key, lang), term]
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{e(str(v))}</td>" for v in (i, r["name"], r["subject"], r[other], r["term"])
            )
            + "</tr>"
            for i, (_, r) in enumerate(part.iterrows(), start=1)
        )
        header = "".join(f"<th>{e(c)}</th>" for c in cols)
        return f"<table><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>"

    county_prefix = county if lang == "zh" else (f"{county} " if county else "")
    years = getattr(plan, "years", None) or (plan.year,)
    title = title_text("title.letter", plan, lang, county)
    report_words = date_words(report, lang)
    intro = text("letter.intro", lang, county=county_prefix, year=years[0])
    body = [
        f"<h1>{e(title)}</h1>",
        f"<p>{e(text('letter.salutation', lang, school=school))}</p>",
        f'<p class="indent">{e(intro)}</p>',
        f"<h2>{e(text('letter.leaving', lang, n=len(leaving)))}</h2>",
        table(leaving, "to_school", "col.to_school"),
        f"<h2>{e(text('letter.arriving', lang, n=len(arriving)))}</h2>",
        table(arriving, "from_school", "col.from_school"),
        f'<p class="indent">{e(text("letter.report", lang, date=report_words))}</p>',
        f"<p><b>{e(text('letter.report_to', lang, date=report_words))}</b></p>",
        f'<p class="sign">{e(bureau)}<br>{e(date_words(day, lang))}</p>',
    ]
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (
        f'<!doctype html><html lang="{html_lang}"><head><meta charset="utf-8">'
        f"<title>{e(school)} · {e(title)}</title><style>{_STYLE}</style></head><body>"
        + "\n".join(body)
        + "</body></html>\n"
    )

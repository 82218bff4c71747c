"""Reports: the text a terminal shows, the HTML a notebook shows, and files for the office.

Only presentation lives here; every number comes from the evaluation or plan objects. Every
sentence comes from the message catalogue, in the roster's language unless one is asked for.
"""

from __future__ import annotations

import math
from typing import Protocol, cast

import pandas as pd

from rotation.indicators.definitions import Standard
from rotation.messages import Lang, text
from rotation.reports.notebook import EvaluationView
from rotation.reports.office import display_width, indicator_name, pct_text, stage_name

MAX_SCHOOLS_LISTED = 12
#: Widest indicator-name column in the text table (longer names are cut).
MAX_NAME_WIDTH = 72


class JudgedView(EvaluationView, Protocol):
    """What the evaluation text reads of an evaluation (see `rotation.Evaluation`)."""

    @property
    def standard(self) -> Standard: ...
    def mean_cv(self) -> dict[str, float]: ...


def _fmt(x: object, digits: int = 3) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA:
        return "—"
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)


def _verdict(x: object, lang: Lang = "en") -> str:
    """达标 / 未达标 (pass / FAIL); a blank verdict where it cannot be judged."""
    if x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)):
        return text("eval.not_judged", lang)
    if lang == "en":
        return "pass" if bool(x) else "FAIL"
    return text("verdict.pass" if bool(x) else "verdict.fail", lang)


def lang_of(ev: JudgedView, lang: Lang | None) -> Lang:
    """`lang`, or the language of the evaluated roster."""
    return lang or ev.roster.lang


def county_frame(ev: JudgedView, lang: Lang = "en") -> pd.DataFrame:
    """The county table as shown: one row per stage and indicator, before/after when planned.
    Column names stay the English ones for `lang="en"` (code reads them)."""
    shown = ev.county[ev.county["passes"].notna()].copy()
    out = pd.DataFrame(index=shown.index)
    codes = shown.index.get_level_values(-1)
    out["indicator"] = [
        indicator_name(str(c), lang, n) for c, n in zip(codes, shown["name"], strict=True)
    ]
    if ev.before is not None:
        before = ev.before.county.reindex(shown.index)
        out["CV before"] = before["cv"]
        out["pass before"] = before["passes"].map(lambda x: _verdict(x, lang))
    out["county value"] = shown["county_value"]
    out["CV"] = shown["cv"]
    out["threshold"] = shown["cv_threshold"]
    out["pass"] = shown["passes"].map(lambda x: _verdict(x, lang))
    if lang == "zh":
        out = out.rename(columns={c: text(f"eval.col.{c}", lang) for c in out.columns})
        out.index = out.index.set_names(["学段", "指标"])
        out = out.rename(index=lambda v: stage_name(str(v), lang))
    return out


def evaluation_text(ev: JudgedView, lang: Lang | None = None) -> str:
    """The evaluation as a terminal shows it, in `lang` (default: the roster's language)."""
    lang = lang_of(ev, lang)
    lines = [_roster_line(ev, lang)]
    table = county_frame(ev)
    for stage in table.index.get_level_values("stage").unique():
        part = table.loc[stage]
        limit = ev.standard.cv_thresholds[stage]
        schools = int(ev.county.loc[stage, "schools"].iloc[0])
        lines.append("")
        lines.append(
            text(
                "eval.stage_head",
                lang,
                stage=stage_name(str(stage), lang),
                schools=schools,
                limit=f"{limit:.2f}",
            )
        )
        names = [indicator_name(str(c), lang, n) for c, n in part["indicator"].items()]
        width = min(max(display_width(n) for n in names) + 2, MAX_NAME_WIDTH)
        cv_width = 8 if lang == "en" else 10
        header = f"  {'':5}{_pad(text('eval.indicator', lang), width)}"
        header += _lpad(text("eval.county", lang), 9 if lang == "en" else 10)
        if ev.before is not None:
            header += _lpad(text("eval.cv_before", lang), 11)
        header += _lpad(text("eval.cv", lang), cv_width) + "  " + text("eval.verdict", lang)
        lines.append(header)
        for code, row in part.iterrows():
            name = indicator_name(str(code), lang, row["indicator"])
            line = f"  {code:<5}{_pad(_cut(name, width - 2), width)}"
            line += _lpad(_fmt(row["county value"], 3), 9 if lang == "en" else 10)
            if ev.before is not None:
                line += f"{_fmt(row['CV before']):>11}"
            passes = ev.county.at[(stage, code), "passes"]
            line += f"{_lpad(_fmt(row['CV']), cv_width)}  {_verdict(passes, lang)}"
            lines.append(line)
        mean = ev.mean_cv().get(stage)
        lines.append("  " + text("eval.mean_cv", lang, mean=_fmt(mean)))
    if not ev.facilities_known:
        lines += ["", *text("eval.no_facilities", lang).split("\n")]
    lines += ["", *_failing_lines(ev, lang)]
    if ev.guarantees is not None:
        lines += ["", *guarantee_lines(ev.guarantees, lang)]
    verdict = text("eval.county_passes" if ev.passes else "eval.county_fails", lang)
    lines += ["", text("eval.county_verdict", lang, verdict=verdict)]
    return "\n".join(lines)


def _roster_line(ev: JudgedView, lang: Lang) -> str:
    """What roster was judged: its source and size."""
    if lang == "en":
        return repr(ev.roster)
    s = ev.roster.summary()
    return text(
        "eval.roster",
        lang,
        source=ev.roster.source,
        schools=s["schools"],
        teachers=f"{s['teachers']:,}",
        students=f"{s['students']:,}",
    )


def _width(s: str) -> int:
    """Columns a terminal gives `s` (a Chinese character takes two)."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def _pad(s: str, width: int) -> str:
    return s + " " * max(0, width - _width(s))


def _lpad(s: str, width: int) -> str:
    return " " * max(0, width - _width(s)) + s


def _cut(s: str, width: int) -> str:
    out = ""
    for ch in s:
        if _width(out + ch) > width:
            break
        out += ch
    return out


def _failing_lines(ev: JudgedView, lang: Lang = "en") -> list[str]:
    failing = ev.failing_schools()
    total = len(ev.schools)
    codes = [i.code for i in ev.standard.indicators]
    counts = {c: int((ev.schools[f"{c}_met"] == False).sum()) for c in codes}  # noqa: E712
    sep = text("misc.list_sep", lang)
    below = sep.join(f"{c}: {n}" for c, n in counts.items() if n)
    lines = [text("eval.failing", lang, n=len(failing), total=total)]
    if below:
        lines[0] += text("eval.failing_below", lang, below=below)
    for key, row in failing.head(MAX_SCHOOLS_LISTED).iterrows():
        sid, stage = cast("tuple[str, str]", key)
        missed = [c for c in codes if row[f"{c}_met"] is not pd.NA and not row[f"{c}_met"]]
        name = row["name"] or sid
        below = sep.join(missed) or text("eval.school_rule", lang)
        lines.append(
            f"  {sid:<8} {_pad(_cut(str(name), 16), 16)} {_pad(stage_name(stage, lang), 8)} "
            + text("eval.school_line", lang, students=f"{row['students']:>5}", below=below)
        )
    if len(failing) > MAX_SCHOOLS_LISTED:
        lines.append("  " + text("eval.more", lang, n=len(failing) - MAX_SCHOOLS_LISTED))
    return lines


def guarantee_lines(g: pd.DataFrame, lang: Lang = "en") -> list[str]:
    v = g["value"]
    ratio, share = v["rotation_ratio"], v["backbone_share"]
    lines = [
        text("eval.guarantees", lang),
        "  "
        + text(
            "eval.rotated",
            lang,
            rotated=v["rotated_teachers"],
            eligible=v["eligible_teachers"],
            ratio=pct_text(ratio),
            required=pct_text(g.at["rotation_ratio", "required"]),
            verdict=_verdict(g.at["rotation_ratio", "passes"], lang),
        ),
        "  "
        + text(
            "eval.backbone",
            lang,
            backbone=v["backbone_rotated"],
            rotated=v["rotated_teachers"],
            share=pct_text(share),
            required=pct_text(g.at["backbone_share", "required"]),
            verdict=_verdict(g.at["backbone_share", "passes"], lang),
        ),
    ]
    if v["rotated_not_eligible"]:
        lines.append("  " + text("eval.not_eligible", lang, n=v["rotated_not_eligible"]))
    return lines

"""Charts of an evaluation and a plan, as matplotlib Figures: the CVs against their thresholds,
the map of moves, and the CVs year by year.

Labels are in the roster's language. Chinese labels need a Chinese font: the first installed of
`CJK_FAMILIES` (Noto Sans CJK, Source Han Sans, WenQuanYi, SimHei, Microsoft YaHei, PingFang…)
is used; when none is installed the labels fall back to English, school names to their codes,
and one warning says so (a chart of empty boxes helps nobody).

matplotlib is the optional ``plot`` extra (``pip install 'rotation[plot]'``), imported by
`_matplotlib` on first use so that ``import rotation`` works without it. Figures are made
without pyplot's figure manager, so a notebook shows the Figure a call returns exactly once
(as a PNG, registered with IPython's display when it runs); save one with
``fig.savefig("cv.png", dpi=150)``.
"""

from __future__ import annotations

import io
import math
import sys
import textwrap
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

import pandas as pd

from rotation.io.roster import Roster
from rotation.io.vocabulary import AREAS, STAGES
from rotation.messages import Lang, has, language_of, text

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Font families that write Chinese, in order of preference.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
    "Source Han Sans",
    "Noto Serif CJK SC",
    "SimSun",
)
#: How to install one, for the warning when none is.
FONT_HINT = "Noto Sans CJK: apt-get install fonts-noto-cjk"
#: Parts of font file names that hint at a Chinese font not yet in matplotlib's font cache.
CJK_FILE_HINTS = ("cjk", "wqy", "sourcehan", "simhei", "simsun", "msyh", "pingfang", "notosanssc")

#: Colours: before / after the plan, pass / fail, other and backbone moves, and the areas.
BEFORE, AFTER, THRESHOLD = "#b0b7c3", "#2f6db5", "#c0392b"
OTHER_MOVE, BACKBONE_MOVE = "#2f6db5", "#e67e22"
AREA_COLOURS = {"urban": "#7f8c8d", "town": "#16a085", "rural": "#8e6c3a"}


class CountyLike(Protocol):
    """What the CV chart reads of an evaluation (see `rotation.Evaluation`)."""

    @property
    def county(self) -> pd.DataFrame: ...


# -- matplotlib and fonts ---------------------------------------------------------------------


def _matplotlib() -> tuple[ModuleType, type[Figure]]:
    """matplotlib's font manager and Figure class, imported on first use.

    The import is here, not at the top of the module, because matplotlib is an optional
    dependency (the ``plot`` extra); nothing else in the package needs it."""
    try:
        from matplotlib import font_manager
        from matplotlib.figure import Figure
    except ImportError as e:
        raise ImportError("rotation's charts need matplotlib: pip install 'rotation[plot]'") from e
    _show_in_notebook(Figure)
    return font_manager, Figure


def _show_in_notebook(figure_class: type[Figure]) -> None:
    """In IPython or Jupyter, show a returned Figure as a PNG (pyplot's inline backend does
    so only once pyplot is imported; our figures do not need pyplot)."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None  # type: ignore[attr-defined]
    if shell is None:
        return
    png = shell.display_formatter.formatters["image/png"]
    if png.for_type(figure_class) is None:  # nobody shows figures yet
        png.for_type(figure_class, _png)


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    return buffer.getvalue()


@cache
def cjk_font() -> str | None:
    """The family name of an installed font that writes Chinese, or None."""
    font_manager, _ = _matplotlib()
    known = {f.name for f in font_manager.fontManager.ttflist}
    found = next((family for family in CJK_FAMILIES if family in known), None)
    if found is not None:
        return found
    # installed after matplotlib built its font cache: add the files themselves
    for path in font_manager.findSystemFonts():
        if any(hint in Path(path).name.lower() for hint in CJK_FILE_HINTS):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue
    known = {f.name for f in font_manager.fontManager.ttflist}
    return next((family for family in CJK_FAMILIES if family in known), None)


_warned = False


@dataclass(frozen=True)
class Style:
    """The language labels are written in, and the font families that write it."""

    lang: Lang
    families: tuple[str, ...]

    def shows(self, name: object) -> bool:
        """Whether a name can be written (a Chinese one needs a Chinese font)."""
        has_font = self.families[0] != "DejaVu Sans"
        return bool(name) and (has_font or language_of([name]) == "en")


def style_for(lang: Lang) -> Style:
    """Chinese with a Chinese font when one is installed; else English (one warning)."""
    global _warned
    _matplotlib()
    font = cjk_font()
    if font is not None:
        return Style(lang, (font, "DejaVu Sans"))
    if lang == "zh" and not _warned:
        _warned = True
        warnings.warn(text("plot.no_font", "zh", font=FONT_HINT), UserWarning, stacklevel=3)
    return Style("en", ("DejaVu Sans",))


def _new_figure(style: Style, width: float, height: float) -> Figure:
    _, figure_class = _matplotlib()
    fig = figure_class(figsize=(width, height), layout="constrained")
    fig.set_dpi(110)
    return fig


def _fonts(fig: Figure, style: Style) -> Figure:
    """Every text of the figure in the style's fonts (ticks made later copy the first)."""
    from_text = fig.findobj(lambda a: hasattr(a, "set_fontfamily"))
    for artist in from_text:
        artist.set_fontfamily(list(style.families))  # type: ignore[attr-defined]
    for ax in fig.axes:
        ax.tick_params(labelfontfamily=list(style.families))
    return fig


# -- words --------------------------------------------------------------------------------------


def _indicator(code: str, lang: Lang, name: object = None) -> str:
    key = f"indicator_short.{code}"
    if has(key):
        return text(key, lang)
    return str(name) if isinstance(name, str) and name else str(code)


def _stage(stage: object, lang: Lang) -> str:
    key = f"stage.{stage}"
    return text(key, lang) if has(key) else str(stage)


def _wrap(label: str, lang: Lang) -> str:
    """Break a tick label so that neighbours do not overlap."""
    if lang == "zh":
        return "\n".join(label[i : i + 4] for i in range(0, len(label), 4))
    return textwrap.fill(label, 13)


def _ordered_stages(stages: pd.Index) -> list[Any]:
    present = list(dict.fromkeys(stages))
    return [s for s in STAGES if s in present] + [s for s in present if s not in STAGES]


# -- the CVs against their thresholds ------------------------------------------------------------


def cv_figure(after: CountyLike, before: CountyLike | None, lang: Lang) -> Figure:
    """Per stage, each judged CV as a bar (before the moves in grey, when given) and its
    threshold as a red mark; the value written above each bar."""
    style = style_for(lang)
    lang = style.lang
    county = after.county[after.county["passes"].notna()]
    stages = _ordered_stages(county.index.get_level_values(0))
    counts = [len(county.loc[s]) for s in stages]
    fig = _new_figure(style, min(13.0, max(6.0, 0.95 * sum(counts) + 2.0)), 4.4)
    if not stages:
        return _fonts(fig, style)
    axes = fig.subplots(1, len(stages), sharey=True, width_ratios=counts, squeeze=False)[0]
    top = float(pd.concat([county["cv"], county["cv_threshold"]]).max())
    if before is not None:
        top = max(top, float(before.county["cv"].reindex(county.index).max()))
    for ax, stage in zip(axes, stages, strict=True):
        part = county.loc[stage]
        x: list[float] = list(range(len(part)))
        width = 0.38 if before is not None else 0.6
        if before is not None:
            was = before.county["cv"].reindex([(stage, c) for c in part.index]).to_numpy()
            left = [i - width / 2 for i in x]
            bars = ax.bar(left, was, width, color=BEFORE, label=text("col.before", lang))
            _bar_values(ax, bars, was)
            right = [i + width / 2 for i in x]
        else:
            right = x
        now = part["cv"].to_numpy()
        label = text("col.after", lang) if before is not None else text("plot.cv", lang)
        bars = ax.bar(right, now, width, color=AFTER, label=label)
        _bar_values(ax, bars, now)
        for i, threshold in zip(x, part["cv_threshold"], strict=True):
            ax.hlines(threshold, i - 0.45, i + 0.45, colors=THRESHOLD, linestyles="--", lw=1.6)
        ax.plot([], [], color=THRESHOLD, ls="--", lw=1.6, label=text("plot.threshold", lang))
        ax.set_xticks(x, [_wrap(_indicator(c, lang, n), lang) for c, n in part["name"].items()])
        ax.set_title(_stage(stage, lang))
        ax.set_xlim(-0.6, len(x) - 0.4)
        ax.spines[["top", "right"]].set_visible(False)
    axes[0].set_ylabel(text("plot.cv_axis", lang))
    axes[0].set_ylim(0, top * 1.18 if top > 0 else 1)
    axes[-1].legend(loc="upper right", frameon=False, fontsize=9)
    fig.suptitle(text("plot.cv_title", lang))
    return _fonts(fig, style)


def _bar_values(ax: Axes, bars: Any, values: Any) -> None:
    for bar, value in zip(bars, values, strict=True):
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        ax.annotate(
            f"{float(value):.3f}",
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=7.5,
        )


# -- the map of moves ---------------------------------------------------------------------------


def map_figure(roster: Roster, moves: pd.DataFrame, lang: Lang) -> Figure:
    """The schools at their coordinates (x_km, y_km), coloured by area and sized by students,
    and an arrow for each pair of schools teachers move between, as wide as the number of
    teachers; backbone teachers' moves in orange."""
    style = style_for(lang)
    lang = style.lang
    schools = roster.schools.set_index("school_id")
    placed = schools[schools["x_km"].notna() & schools["y_km"].notna()]
    fig = _new_figure(style, 7.5, 6.5)
    ax = fig.subplots()
    if placed.empty:
        ax.text(0.5, 0.5, text("plot.no_coordinates", lang), ha="center", transform=ax.transAxes)
        ax.set_axis_off()
        return _fonts(fig, style)
    students = placed["students_primary"] + placed["students_middle"]
    size = 25 + 220 * (students / max(1, int(students.max())))
    for area in [*AREAS, *sorted(set(placed["area"]) - set(AREAS))]:
        here = placed["area"] == area
        if here.any():
            key = f"area.{area}"
            ax.scatter(
                placed.loc[here, "x_km"],
                placed.loc[here, "y_km"],
                s=size[here],
                color=AREA_COLOURS.get(area, "#95a5a6"),
                alpha=0.55,
                edgecolors="white",
                linewidths=0.8,
                zorder=2,
                label=text(key, lang) if has(key) else str(area),
            )
    if moves.empty:
        ax.text(0.5, 0.97, text("plot.no_moves", lang), ha="center", transform=ax.transAxes)
    else:
        _arrows(ax, placed, moves)
    for sid in _labelled(placed, students):
        row = placed.loc[sid]
        ax.annotate(
            str(row["name"]) if style.shows(row["name"]) else str(sid),
            (row["x_km"], row["y_km"]),
            xytext=(4, 4),
            textcoords="offset points",
            fontsize=7.5 if len(placed) > 15 else 9,
            color="#333333",
            zorder=4,
        )
    ax.plot([], [], color=OTHER_MOVE, lw=2, label=text("plot.teacher", lang))
    ax.plot([], [], color=BACKBONE_MOVE, lw=2, label=text("plot.backbone", lang))
    ax.set_aspect("equal", adjustable="datalim")
    ax.set_xlabel(text("plot.km", lang))
    ax.set_ylabel(text("plot.km", lang))
    ax.spines[["top", "right"]].set_visible(False)
    legend = ax.legend(loc="best", frameon=True, fontsize=8.5)
    legend.get_frame().set_alpha(0.85)
    for handle in legend.legend_handles:
        set_sizes = getattr(handle, "set_sizes", None)
        if callable(set_sizes):  # the areas' markers, all one size
            set_sizes([40])
    ax.set_title(text("plot.map_title", lang))
    return _fonts(fig, style)


def _labelled(placed: pd.DataFrame, students: pd.Series) -> list[Any]:
    """The schools to name on the map: the largest first, skipping one too close to a school
    already named (2.5% of the map's span), so that a crowded town centre stays readable."""
    span = max(
        float(placed["x_km"].max() - placed["x_km"].min()),
        float(placed["y_km"].max() - placed["y_km"].min()),
        1.0,
    )
    near = (0.025 * span) ** 2
    named: list[tuple[float, float]] = []
    out = []
    xs, ys = placed["x_km"].astype(float), placed["y_km"].astype(float)
    for sid in students.sort_values(ascending=False).index:
        x, y = float(xs[sid]), float(ys[sid])
        if all((x - a) ** 2 + (y - b) ** 2 > near for a, b in named):
            named.append((x, y))
            out.append(sid)
    return out


def _arrows(ax: Axes, placed: pd.DataFrame, moves: pd.DataFrame) -> None:
    """One arrow per (from, to, backbone or not), width by teachers; a pair moving both ways
    curves apart, backbone and other teachers on opposite sides."""
    backbone = moves.get("backbone", pd.Series("none", index=moves.index)).fillna("none")
    flows = (
        moves.assign(is_backbone=(backbone != "none").to_numpy())
        .groupby(["from_school", "to_school", "is_backbone"])
        .size()
    )
    most = max(1, int(flows.max()))
    for key, n in flows.items():
        assert isinstance(key, tuple)
        source, target, is_backbone = key
        if source not in placed.index or target not in placed.index or source == target:
            continue
        start = (placed.at[source, "x_km"], placed.at[source, "y_km"])
        end = (placed.at[target, "x_km"], placed.at[target, "y_km"])
        ax.annotate(
            "",
            xy=end,
            xytext=start,
            zorder=3,
            arrowprops={
                "arrowstyle": "-|>",
                "color": BACKBONE_MOVE if is_backbone else OTHER_MOVE,
                "lw": 0.8 + 3.2 * (int(n) / most),
                "alpha": 0.75,
                "shrinkA": 5,
                "shrinkB": 6,
                "mutation_scale": 9,
                "connectionstyle": f"arc3,rad={0.25 if is_backbone else 0.12}",
            },
        )


# -- the CVs year by year -----------------------------------------------------------------------


def trajectory_figure(trajectory: pd.DataFrame, lang: Lang) -> Figure:
    """Per stage, each optimised CV year by year with the plan (solid) and without rotation
    (dashed), and the threshold (red)."""
    style = style_for(lang)
    lang = style.lang
    stages = _ordered_stages(trajectory.index.get_level_values("stage"))
    fig = _new_figure(style, max(6.0, 4.2 * len(stages)), 4.4)
    if not stages:
        return _fonts(fig, style)
    axes = fig.subplots(1, len(stages), sharey=True, squeeze=False)[0]
    years = sorted({int(y) for y in trajectory.index.get_level_values("year")})
    colours = ["#2f6db5", "#27ae60", "#8e44ad", "#d35400", "#16a085", "#7f8c8d", "#c0392b"]
    for ax, stage in zip(axes, stages, strict=True):
        part = trajectory.xs(stage, level="stage")
        codes = list(dict.fromkeys(part.index.get_level_values("indicator")))
        for i, code in enumerate(codes):
            rows = part.xs(code, level="indicator").sort_index()
            colour = colours[i % len(colours)]
            name = _indicator(str(code), lang)
            x = [int(y) for y in rows.index]
            ax.plot(x, rows["cv_with_plan"], color=colour, marker="o", lw=2, label=name)
            ax.plot(
                x,
                rows["cv_without_rotation"],
                color=colour,
                marker="o",
                ls="--",
                lw=1.2,
                alpha=0.6,
                markerfacecolor="white",
            )
        thresholds = part["threshold"].groupby(level="year").max()
        ax.step(
            [int(y) for y in thresholds.index],
            thresholds.to_numpy(),
            where="mid",
            color=THRESHOLD,
            lw=1.4,
            ls=":",
        )
        ax.set_xticks(years, [str(y) for y in years])
        if len(years) == 1:
            ax.set_xlim(years[0] - 0.5, years[0] + 0.5)
        ax.set_title(_stage(stage, lang))
        ax.set_xlabel(text("plot.year", lang))
        ax.spines[["top", "right"]].set_visible(False)
        ax.set_ylim(bottom=0)
    axes[0].set_ylabel(text("plot.cv_axis", lang))
    handles, labels = axes[0].get_legend_handles_labels()
    for ax in axes[1:]:
        more_h, more_l = ax.get_legend_handles_labels()
        for h, label in zip(more_h, more_l, strict=True):
            if label not in labels:
                handles.append(h)
                labels.append(label)
    style_handles = [
        axes[0].plot([], [], color="#555555", lw=2, label=text("plot.with_plan", lang))[0],
        axes[0].plot([], [], color="#555555", lw=1.2, ls="--", label=text("plot.without", lang))[0],
        axes[0].plot([], [], color=THRESHOLD, lw=1.4, ls=":", label=text("plot.threshold", lang))[
            0
        ],
    ]
    fig.legend(
        [*handles, *style_handles],
        [*labels, *(h.get_label() for h in style_handles)],
        loc="outside lower center",
        ncols=min(6, len(handles) + 3),
        frameon=False,
        fontsize=8.5,
    )
    fig.suptitle(text("plot.trajectory_title", lang))
    return _fonts(fig, style)


def tradeoff_figure(curve: pd.DataFrame, lang: Lang) -> Figure:
    """The trade-off curve (`rotation.planning.tradeoff`): Σ CV² against the rotation ratio,
    teachers rotated on a second axis, and the CVs passing written at each point."""
    style = style_for(lang)
    lang = style.lang
    fig = _new_figure(style, 7.0, 4.2)
    ax = fig.add_subplot()
    x = [100 * float(r) for r in curve.index]
    ax.plot(x, curve["sum_cv2"], marker="o", color="#1f77b4")
    ax.set_xlabel(text("plot.tradeoff.ratio", lang))
    ax.set_ylabel(text("plot.tradeoff.sum_cv2", lang), color="#1f77b4")
    for xi, y, ok, n in zip(
        x, curve["sum_cv2"], curve["cvs_passing"], curve["cvs_judged"], strict=True
    ):
        if not pd.isna(y):
            ax.annotate(
                f"{int(ok)}/{int(n)}",
                (xi, y),
                textcoords="offset points",
                xytext=(0, 6),
                ha="center",
            )
    moves = ax.twinx()
    moves.plot(x, curve["moves"], marker="s", color="#d62728")
    moves.set_ylabel(text("plot.tradeoff.moves", lang), color="#d62728")
    ax.set_title(text("plot.tradeoff.title", lang))
    return _fonts(fig, style)

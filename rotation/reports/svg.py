"""Small inline SVG charts for printable reports: grouped bars with a threshold, lines over
years with a threshold, and a map of points joined by arrows.

Each function takes plain numbers and words (already in the reader's language) and returns one
``<svg>`` element as text: no script, no external reference, fonts from the page's stack. Text
is escaped here; callers pass it raw.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass

#: Colours shared by the charts (print well in colour and stay apart in grey).
BEFORE, AFTER, THRESHOLD, GRID, INK, MUTED = (
    "#9dc3e6",
    "#2e75b6",
    "#c00000",
    "#e3e3e3",
    "#222222",
    "#666666",
)
#: Colours for lines of several series (one per indicator).
PALETTE = ("#2e75b6", "#ed7d31", "#70ad47", "#7030a0", "#bf9000", "#00a3a3", "#c00000")


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def text_width(label: str, size: float) -> float:
    """Rough width of `label` at font `size`: wide (CJK) characters count a full em."""
    return sum(size if ord(c) > 0x2E80 else size * 0.56 for c in label)


def _svg(width: float, height: float, body: list[str], label: str) -> str:
    return (
        f'<svg viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label="{esc(label)}" '
        'class="chart">' + "".join(body) + "</svg>"
    )


def _text(x: float, y: float, label: str, size: float = 11, **attrs: object) -> str:
    extra = "".join(f' {k.rstrip("_").replace("_", "-")}="{esc(v)}"' for k, v in attrs.items())
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}"{extra}>{esc(label)}</text>'


def nice_top(value: float) -> tuple[float, float]:
    """An axis top at or above `value` and its tick step (1, 2 or 5 times a power of ten)."""
    value = max(value, 1e-9)
    raw = value / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return math.ceil(value / step - 1e-9) * step, step


@dataclass(frozen=True)
class _Axis:
    """A vertical value axis: plot area left, top, width, height and its top value."""

    left: float
    top: float
    width: float
    height: float
    vmax: float

    def y(self, value: float) -> float:
        return self.top + self.height * (1 - value / self.vmax)

    def grid(self, step: float, fmt: str) -> list[str]:
        out = []
        n = round(self.vmax / step)
        for k in range(n + 1):
            v = k * step
            y = self.y(v)
            out.append(
                f'<line x1="{self.left:.1f}" x2="{self.left + self.width:.1f}" y1="{y:.1f}" '
                f'y2="{y:.1f}" stroke="{GRID}"/>'
            )
            out.append(_text(self.left - 6, y + 4, fmt.format(v), 10, text_anchor="end"))
        return out


def _legend(items: Sequence[tuple[str, str, str]], x: float, y: float) -> list[str]:
    """A row of legend entries (kind "box", "line" or "dash"), starting at x."""
    out = []
    for kind, colour, label in items:
        if kind == "box":
            out.append(
                f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="12" height="10" fill="{colour}"/>'
            )
        else:
            dash = ' stroke-dasharray="6 3"' if kind == "dash" else ""
            out.append(
                f'<line x1="{x:.1f}" x2="{x + 14:.1f}" y1="{y - 4:.1f}" y2="{y - 4:.1f}" '
                f'stroke="{colour}" stroke-width="2"{dash}/>'
            )
        out.append(_text(x + 18, y, label, 11))
        x += 30 + text_width(label, 11)
    return out


# -- grouped bars ---------------------------------------------------------------------------------


def bar_chart(
    categories: Sequence[tuple[str, str]],
    before: Sequence[float],
    after: Sequence[float],
    thresholds: Sequence[float],
    *,
    labels: tuple[str, str, str],
    title: str,
    width: float = 680,
) -> str:
    """Two bars per category (before, after) and each category's threshold as a red dashed
    line. `categories` are (first line, second line) labels; `labels` name before, after and the
    threshold in the legend. Missing values (NaN) leave a gap."""
    height, left, top = 300.0, 44.0, 34.0
    axis = _Axis(left, top, width - left - 10, height - top - 70, 1.0)
    finite = [v for v in (*before, *after, *thresholds) if math.isfinite(v)]
    vmax, step = nice_top(max(finite, default=1.0) * 1.12)
    axis = _Axis(axis.left, axis.top, axis.width, axis.height, vmax)
    body = [_text(left, 16, title, 13, font_weight="bold"), *axis.grid(step, "{:.2f}")]
    slot = axis.width / max(len(categories), 1)
    bar = min(32.0, slot * 0.32)
    for i, (first, second) in enumerate(categories):
        cx = left + slot * (i + 0.5)
        body += _bar(axis, cx - bar - 1, bar, before[i], BEFORE)
        body += _bar(axis, cx + 1, bar, after[i], AFTER)
        if math.isfinite(thresholds[i]):
            y = axis.y(thresholds[i])
            body.append(
                f'<line x1="{cx - slot * 0.45:.1f}" x2="{cx + slot * 0.45:.1f}" y1="{y:.1f}" '
                f'y2="{y:.1f}" stroke="{THRESHOLD}" stroke-width="2" stroke-dasharray="6 3"/>'
            )
        base = axis.top + axis.height
        body.append(_text(cx, base + 16, first, 11, text_anchor="middle", font_weight="bold"))
        body.append(_text(cx, base + 30, second, 10, text_anchor="middle", fill=MUTED))
    legend = [("box", BEFORE, labels[0]), ("box", AFTER, labels[1]), ("dash", THRESHOLD, labels[2])]
    body += _legend(legend, left, height - 8)
    base_y = axis.top + axis.height
    body.append(
        f'<line x1="{left}" x2="{left + axis.width:.1f}" y1="{base_y:.1f}" y2="{base_y:.1f}" '
        f'stroke="{INK}"/>'
    )
    return _svg(width, height, body, title)


def _bar(axis: _Axis, x: float, width: float, value: float, colour: str) -> list[str]:
    if not math.isfinite(value):
        return []
    y = axis.y(value)
    h = axis.top + axis.height - y
    return [
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{h:.1f}" fill="{colour}"/>',
        _text(x + width / 2, y - 3, f"{value:.3f}", 9, text_anchor="middle", fill=INK),
    ]


# -- lines over years -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One series: its legend label, colour, values per x, and whether it is dashed."""

    label: str
    colour: str
    values: Sequence[float]
    dashed: bool = False


def line_chart(
    xs: Sequence[str],
    lines: Sequence[Line],
    threshold: float,
    *,
    threshold_label: str,
    title: str,
    width: float = 680,
) -> str:
    """Series over `xs` with the threshold as a red dashed line; legend below, one entry per
    line in rows."""
    per_row = 3
    rows = math.ceil((len(lines) + 1) / per_row)
    height, left, top = 250.0 + 18 * rows, 44.0, 34.0
    finite = [v for line in lines for v in line.values if math.isfinite(v)]
    vmax, step = nice_top(max([*finite, threshold if math.isfinite(threshold) else 0]) * 1.12)
    axis = _Axis(left, top, width - left - 30, 170, vmax)
    body = [_text(left, 16, title, 13, font_weight="bold"), *axis.grid(step, "{:.2f}")]
    gap = axis.width / max(len(xs) - 1, 1)

    def x_of(i: int) -> float:
        return left + (gap * i if len(xs) > 1 else axis.width / 2)

    base = axis.top + axis.height
    body += [_text(x_of(i), base + 16, x, 11, text_anchor="middle") for i, x in enumerate(xs)]
    if math.isfinite(threshold):
        y = axis.y(threshold)
        body.append(
            f'<line x1="{left}" x2="{left + axis.width:.1f}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{THRESHOLD}" stroke-width="2" stroke-dasharray="6 3"/>'
        )
    for line in lines:
        body += _series(line, axis, x_of)
    entries = [("dash", THRESHOLD, threshold_label)] + [
        ("dash" if line.dashed else "line", line.colour, line.label) for line in lines
    ]
    for r in range(rows):
        chunk = entries[r * per_row : (r + 1) * per_row]
        body += _legend(chunk, left, base + 40 + 18 * r)
    return _svg(width, height, body, title)


def _series(line: Line, axis: _Axis, x_of) -> list[str]:
    points = [(x_of(i), axis.y(v)) for i, v in enumerate(line.values) if math.isfinite(v)]
    if not points:
        return []
    dash = ' stroke-dasharray="5 3"' if line.dashed else ""
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    out = [f'<polyline points="{path}" fill="none" stroke="{line.colour}" stroke-width="2"{dash}/>']
    fill = "#ffffff" if line.dashed else line.colour
    out += [
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{fill}" stroke="{line.colour}"/>'
        for x, y in points
    ]
    return out


# -- a map of points and arrows ---------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    """A place: coordinates in km (y grows northwards), label, colour, radius in px, and the
    label's priority (lower is placed first)."""

    x: float
    y: float
    label: str
    colour: str
    radius: float = 4.0
    priority: int = 0


@dataclass(frozen=True)
class Arrow:
    """A flow from one place to another: how many it carries, colour, bend (a share of its
    length; opposite signs curve to opposite sides) and the places' ids."""

    start: Point
    end: Point
    count: int
    colour: str
    bend: float = 0.15
    start_id: str = ""
    end_id: str = ""


@dataclass(frozen=True)
class _Frame:
    """Projection from km onto the drawing: scale (px per km) and offsets."""

    scale: float
    x0: float
    y1: float
    pad: float

    def px(self, p: Point) -> tuple[float, float]:
        return self.pad + (p.x - self.x0) * self.scale, self.pad + (self.y1 - p.y) * self.scale


def map_chart(
    points: Sequence[Point],
    arrows: Sequence[Arrow],
    legend: Sequence[tuple[str, str, str]],
    *,
    title: str,
    km_label: str,
    width: float = 700,
    max_height: float = 760,
) -> str:
    """Places drawn at their coordinates (north up, km to scale), arrows between them thicker
    for more, labels placed where they do not overlap another label or a place. `legend`
    entries are (kind "dot"/"line", colour, label)."""
    xs, ys = [p.x for p in points], [p.y for p in points]
    span_x, span_y = max(max(xs) - min(xs), 1.0), max(max(ys) - min(ys), 1.0)
    pad = 30.0
    scale = min((width - 2 * pad) / span_x, (max_height - 2 * pad) / span_y)
    frame = _Frame(scale, min(xs), max(ys), pad)
    height = span_y * scale + 2 * pad
    body = [_text(4, 16, title, 13, font_weight="bold"), _markers(arrows)]
    body += [_arrow(a, frame) for a in sorted(arrows, key=lambda a: -a.count)]
    body += [_dot(p, frame) for p in points]
    body += _labels(points, frame, width, height)
    body += _scale_bar(frame, height, km_label)
    legend_height = 22.0 if legend else 0.0
    body += _map_legend(legend, height + 14)
    return _svg(width, height + legend_height, body, title)


def _markers(arrows: Sequence[Arrow]) -> str:
    colours = sorted({a.colour for a in arrows})
    marks = "".join(
        f'<marker id="head-{c.lstrip("#")}" viewBox="0 0 10 10" refX="9" refY="5" '
        f'markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto">'
        f'<path d="M0,1 L10,5 L0,9 z" fill="{c}"/></marker>'
        for c in colours
    )
    return f"<defs>{marks}</defs>"


def _arrow(a: Arrow, frame: _Frame) -> str:
    (x1, y1), (x2, y2) = frame.px(a.start), frame.px(a.end)
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy)
    if length < 1:
        return ""
    # stop short of the dots so the head shows
    ux, uy = dx / length, dy / length
    x1, y1 = x1 + ux * (a.start.radius + 1), y1 + uy * (a.start.radius + 1)
    x2, y2 = x2 - ux * (a.end.radius + 2), y2 - uy * (a.end.radius + 2)
    mx, my = (x1 + x2) / 2 - uy * a.bend * length, (y1 + y2) / 2 + ux * a.bend * length
    stroke = min(1.0 + 0.7 * (a.count - 1), 5.0)
    return (
        f'<path d="M{x1:.1f},{y1:.1f} Q{mx:.1f},{my:.1f} {x2:.1f},{y2:.1f}" fill="none" '
        f'stroke="{a.colour}" stroke-width="{stroke:.1f}" stroke-opacity="0.7" '
        f'marker-end="url(#head-{a.colour.lstrip("#")})"/>'
    )


def _dot(p: Point, frame: _Frame) -> str:
    x, y = frame.px(p)
    return (
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{p.radius:.1f}" fill="{p.colour}" '
        'stroke="#ffffff" stroke-width="1"/>'
    )


def _overlaps(box: tuple[float, float, float, float], boxes: list) -> bool:
    x0, y0, x1, y1 = box
    return any(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1 for b in boxes)


def _labels(points: Sequence[Point], frame: _Frame, width: float, height: float) -> list[str]:
    """Each place's label right, left, above or below its dot, the first spot free of other
    labels and dots; a place with no free spot goes unlabelled (its name is in the tables)."""
    size = 10.0
    taken = []
    for p in points:
        x, y = frame.px(p)
        taken.append((x - p.radius, y - p.radius, x + p.radius, y + p.radius))
    out = []
    for p in sorted(points, key=lambda q: q.priority):
        if not p.label:
            continue
        x, y = frame.px(p)
        w, r = text_width(p.label, size), p.radius + 2
        spots = [
            (x + r, y + 3.5, "start"),
            (x - r, y + 3.5, "end"),
            (x, y - r - 2, "middle"),
            (x, y + r + size, "middle"),
        ]
        for sx, sy, anchor in spots:
            x0 = sx if anchor == "start" else sx - w if anchor == "end" else sx - w / 2
            box = (x0, sy - size, x0 + w, sy + 2)
            own = (x - p.radius, y - p.radius, x + p.radius, y + p.radius)
            inside = box[0] >= 0 and box[2] <= width and box[1] >= 20 and box[3] <= height
            if inside and not _overlaps(box, [b for b in taken if b != own]):
                taken.append(box)
                out.append(
                    _text(
                        sx,
                        sy,
                        p.label,
                        size,
                        text_anchor=anchor,
                        class_="place",
                        stroke="#ffffff",
                        stroke_width=3,
                        stroke_linejoin="round",
                        paint_order="stroke",
                    )
                )
                break
    return out


def _scale_bar(frame: _Frame, height: float, km_label: str) -> list[str]:
    km, _ = nice_top(80 / frame.scale)
    length = km * frame.scale
    x, y = frame.pad, height - 8
    return [
        f'<line x1="{x:.1f}" x2="{x + length:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="{INK}" '
        'stroke-width="2"/>',
        _text(x + length + 6, y + 4, f"{km:g} {km_label}", 10),
    ]


def _map_legend(items: Sequence[tuple[str, str, str]], y: float) -> list[str]:
    out, x = [], 4.0
    for kind, colour, label in items:
        if kind == "dot":
            out.append(f'<circle cx="{x + 5:.1f}" cy="{y - 4:.1f}" r="5" fill="{colour}"/>')
        else:
            out.append(
                f'<line x1="{x:.1f}" x2="{x + 16:.1f}" y1="{y - 4:.1f}" y2="{y - 4:.1f}" '
                f'stroke="{colour}" stroke-width="2.5"/>'
            )
        out.append(_text(x + 20, y, label, 11))
        x += 34 + text_width(label, 11)
    return out

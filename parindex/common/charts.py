"""The charts of every screen: small server-side SVG (no JavaScript, no CDN). They scale to the
screen's width through their viewBox, carry a text alternative, and each mark may link to its
records. A line over values, bars, and the dossiers' month-by-month trend."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from parindex.common.numbers import screen_number


def _num(value: Decimal | float) -> str:
    """A mark's value, one decimal at most, in the reader's notation (38,5 / 38.5)."""
    return screen_number(Decimal(str(value)).quantize(Decimal("0.1")))


def line_chart(
    points: list[tuple[str, Decimal | None, str | None]],
    *,
    target: Decimal | None = None,
    maximum: Decimal = Decimal(100),
    width: int = 360,
    height: int = 180,
    suffix: str = " %",
) -> SafeString:
    """A line over labelled values (None leaves a gap), with a dashed target line."""
    if not points:
        return mark_safe("")
    left, right, top, bottom = 30, 8, 16, 26
    inner_w, inner_h = width - left - right, height - top - bottom
    values = [v for _l, v, _u in points if v is not None]
    top_value = max([Decimal(maximum), *values, Decimal(target or 0)]) or Decimal(1)
    step = inner_w / max(1, len(points) - 1) if len(points) > 1 else 0

    def x(i: int) -> float:
        return left + (i * step if len(points) > 1 else inner_w / 2)

    def y(v: Decimal) -> float:
        return top + inner_h - float(Decimal(v) / top_value) * inner_h

    parts = [
        f'<line x1="{left}" y1="{top + inner_h}" x2="{width - right}" y2="{top + inner_h}" '
        'class="axis"/>'
    ]
    for tick in (0, 25, 50, 75, 100):
        if Decimal(tick) <= top_value:
            parts.append(
                f'<text x="{left - 6}" y="{y(Decimal(tick)) + 4:.1f}" text-anchor="end" '
                f'class="tick">{tick}</text>'
            )
    if target is not None:
        parts.append(
            f'<line x1="{left}" y1="{y(target):.1f}" x2="{width - right}" y2="{y(target):.1f}" '
            'class="target"/>'
        )
        parts.append(
            f'<text x="{width - right}" y="{y(target) - 4:.1f}" text-anchor="end" class="target-label">'
            f"{escape(_('target value'))} {_num(target)}{escape(suffix)}</text>"
        )
    segment: list[str] = []
    lines = []
    for i, (_label, value, _url) in enumerate(points):
        if value is None:
            if len(segment) > 1:
                lines.append(segment)
            segment = []
            continue
        segment.append(f"{x(i):.1f},{y(value):.1f}")
    if len(segment) > 1:
        lines.append(segment)
    for seg in lines:
        parts.append(f'<polyline points="{" ".join(seg)}" class="line"/>')
    for i, (label, value, url) in enumerate(points):
        parts.append(
            f'<text x="{x(i):.1f}" y="{height - 8}" text-anchor="middle" class="tick">'
            f"{escape(label.split('/')[0] if '/' in label else label)}</text>"
        )
        if value is None:
            continue
        mark = (
            f'<circle cx="{x(i):.1f}" cy="{y(value):.1f}" r="4" class="point">'
            f"<title>{escape(label)}: {_num(value)}{escape(suffix)}</title></circle>"
        )
        if url:
            mark = f'<a href="{escape(url)}">{mark}</a>'
        parts.append(mark)
    described = "; ".join(
        f"{label}: {'—' if v is None else _num(v) + suffix}" for label, v, _u in points
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}" '
        'preserveAspectRatio="xMidYMid meet">{}</svg>',
        width,
        height,
        described,
        mark_safe("".join(parts)),  # noqa: S308 - built from escaped pieces above
    )


def bar_chart(
    items: list[tuple[str, Decimal, str | None]], *, width: int = 360, bar: int = 22
) -> SafeString:
    """Horizontal bars (label, value, link), the longest bar the largest value."""
    if not items:
        return mark_safe("")
    label_w, gap = 52, 6
    height = len(items) * (bar + gap) + gap
    top_value = max((Decimal(v) for _l, v, _u in items), default=Decimal(1)) or Decimal(1)
    usable = width - label_w - 44
    parts: list[str] = []
    for i, (label, value, url) in enumerate(items):
        y = gap + i * (bar + gap)
        w = max(2.0, float(Decimal(value) / top_value) * usable)
        mark = (
            f'<text x="{label_w - 6}" y="{y + bar * 0.68:.1f}" text-anchor="end" class="tick">'
            f"{escape(label)}</text>"
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar}" class="bar">'
            f"<title>{escape(label)}: {_num(value)}</title></rect>"
            f'<text x="{label_w + w + 6:.1f}" y="{y + bar * 0.68:.1f}" class="value">'
            f"{_num(value)}</text>"
        )
        if url:
            mark = f'<a href="{escape(url)}">{mark}</a>'
        parts.append(mark)
    described = "; ".join(f"{label}: {_num(v)}" for label, v, _u in items)
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}">{}</svg>',
        width,
        height,
        described,
        mark_safe("".join(parts)),  # noqa: S308 - built from escaped pieces above
    )


def month_trend_svg(groups: list[dict[str, Any]], *, target: float = 0.5) -> SafeString:
    """Bars of received and resolved dossiers per month, late ones stacked in red, and the
    share of resolved dossiers received online as a line against the target."""
    width, height, left, bottom, top = 760, 260, 40, 40, 16
    plot_h = height - bottom - top
    n = max(len(groups), 1)
    slot = (width - left - 40) / n
    peak = max([g["received"] for g in groups] + [g["resolved"] for g in groups] + [1])
    scale = plot_h / peak
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="trend-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="trend-title">{escape(_("Dossiers received and resolved per month"))}</title>',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 40}" y2="{height - bottom}" '
        'stroke="#888"/>',
        f'<text x="{left - 4}" y="{top + 4}" text-anchor="end" font-size="10">{peak}</text>',
        f'<text x="{left - 4}" y="{height - bottom}" text-anchor="end" font-size="10">0</text>',
    ]
    bar = max(slot / 2 - 3, 2)
    points = []
    for i, g in enumerate(groups):
        x = left + i * slot + 2
        rec_h = g["received"] * scale
        res_h = g["resolved"] * scale
        late_h = g["late"] * scale
        base = height - bottom
        parts.append(
            f'<rect x="{x:.1f}" y="{base - rec_h:.1f}" width="{bar:.1f}" height="{rec_h:.1f}" '
            f'fill="#6c8ebf" data-value="{g["received"]}"><title>{escape(g["label"])}: '
            f"{escape(_('received'))} {g['received']}</title></rect>"
        )
        parts.append(
            f'<rect x="{x + bar + 1:.1f}" y="{base - res_h:.1f}" width="{bar:.1f}" '
            f'height="{res_h:.1f}" fill="#82b366" data-value="{g["resolved"]}"><title>'
            f"{escape(g['label'])}: {escape(_('resolved'))} {g['resolved']}, "
            f"{escape(_('late'))} {g['late']}</title></rect>"
        )
        if late_h:
            parts.append(
                f'<rect x="{x + bar + 1:.1f}" y="{base - late_h:.1f}" width="{bar:.1f}" '
                f'height="{late_h:.1f}" fill="#b85450" data-value="{g["late"]}"/>'
            )
        parts.append(
            f'<text x="{x + bar:.1f}" y="{base + 14}" text-anchor="middle" font-size="10">'
            f"{escape(g['label'][:2])}</text>"
        )
        if i == 0 or g["label"].startswith("01/"):
            parts.append(
                f'<text x="{x + bar:.1f}" y="{base + 26}" text-anchor="middle" font-size="9">'
                f"{escape(g['label'][3:])}</text>"
            )
        share = g["resolved_online_share"]
        if share is not None:
            points.append(f"{x + bar:.1f},{top + plot_h * (1 - share):.1f}")
    target_y = top + plot_h * (1 - target)
    parts.append(
        f'<line x1="{left}" y1="{target_y:.1f}" x2="{width - 40}" y2="{target_y:.1f}" '
        'stroke="#d79b00" stroke-dasharray="4 3"/>'
        f'<text x="{width - 38}" y="{target_y + 3:.1f}" font-size="10">{int(target * 100)}%</text>'
    )
    if points:
        parts.append(
            f'<polyline points="{" ".join(points)}" fill="none" stroke="#d79b00" stroke-width="2"/>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - built from numbers and escaped text

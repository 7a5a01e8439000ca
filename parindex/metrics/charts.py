"""Small server-side SVG charts (no JavaScript, no CDN): they scale to the screen's width
through their viewBox, carry a text alternative, and each mark may link to its records."""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


def _num(value: Decimal | float) -> str:
    return format(Decimal(str(value)).quantize(Decimal("0.1")).normalize(), "f").replace(".", ",")


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

"""Server-side SVG charts (no JavaScript, no CDN): the month-by-month trend of the dashboard."""

from __future__ import annotations

from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


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

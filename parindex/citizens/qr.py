"""QR codes of the public links (segno), as SVG or PNG."""

from __future__ import annotations

import io

import segno
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe


def public_url(path: str) -> str:
    """The address printed on receipts and posters: PARINDEX_BASE_URL + path."""
    return settings.PARINDEX_BASE_URL.rstrip("/") + path


def qr_svg(data: str, *, scale: int = 4, title: str = "") -> bytes:
    out = io.BytesIO()
    segno.make(data, error="m").save(
        out, kind="svg", scale=scale, border=2, title=title or None, xmldecl=False, svgns=True
    )
    return out.getvalue()


def qr_png(data: str, *, scale: int = 8) -> bytes:
    out = io.BytesIO()
    segno.make(data, error="m").save(out, kind="png", scale=scale, border=2)
    return out.getvalue()


def qr_inline(data: str, *, scale: int = 4, title: str = "") -> SafeString:
    """The SVG markup to place in a page (made by segno from our own link: no user markup)."""
    return mark_safe(qr_svg(data, scale=scale, title=title).decode())  # noqa: S308

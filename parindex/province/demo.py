"""Demo: the province page's standings computed once for the demo year."""

from __future__ import annotations

from django.utils import timezone


def load(ctx) -> None:
    from parindex.province.services import standings_refresh

    province = ctx.agency.province
    framework = ctx.extra.get("framework")
    if province is None or framework is None:
        return
    standings_refresh(
        actor=None, province=province, year=framework.year, today=timezone.localdate()
    )

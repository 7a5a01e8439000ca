"""Demo: the PCI component indicators the department leads, with quarterly values (one missing
its target), and a check that the demo framework binds criteria in dossiers, tasks and
initiatives (the scorecards demo binds them; the metrics pages read them live)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from parindex.metrics.models import Direction, Indicator, IndicatorValue

INDICATORS = [
    # code, name, unit, target, direction, measure, quarterly values
    (
        "PCI-CPTG",
        "Chi phí thời gian (chỉ số thành phần PCI)",
        "VP",
        "7",
        "higher",
        "điểm",
        ["6,4", "6,7", "6,9"],
    ),
    (
        "PCI-TC",
        "Tính minh bạch và tiếp cận thông tin (PCI)",
        "QLCN",
        "6,5",
        "higher",
        "điểm",
        ["6,6", "6,8", "7,1"],
    ),
    (
        "DVC-TT",
        "Thời gian xử lý trung bình hồ sơ trực tuyến",
        "TDC",
        "5",
        "lower",
        "ngày",
        ["6,2", "5,8", "5,4"],
    ),
]


def _quarter_ends(year: int, today: dt.date) -> list[dt.date]:
    ends = [dt.date(year, 3, 31), dt.date(year, 6, 30), dt.date(year, 9, 30)]
    return [d for d in ends if d <= today] or [dt.date(year - 1, 12, 31)]


def load(ctx) -> None:
    today = timezone.localdate()
    count = 0
    for code, name, unit, target, direction, measure, values in INDICATORS:
        indicator, _created = Indicator.objects.update_or_create(
            agency=ctx.agency,
            code=code,
            defaults={
                "name": name,
                "unit": ctx.units.get(unit),
                "target": Decimal(target.replace(",", ".")),
                "direction": Direction(direction),
                "measure": measure,
            },
        )
        for period_end, value in zip(_quarter_ends(today.year, today), values, strict=False):
            IndicatorValue.objects.update_or_create(
                indicator=indicator,
                period_end=period_end,
                defaults={"value": Decimal(value.replace(",", "."))},
            )
            count += 1
    from parindex.scorecards.models import Node

    bound = set(
        Node.objects.filter(framework__year=today.year, is_leaf=True)
        .exclude(metric_key="")
        .values_list("metric_key", flat=True)
    )
    groups = sorted({key.split(".")[0] for key in bound})
    ctx.say(
        f"Metrics: {len(INDICATORS)} indicators, {count} values; criteria bound to "
        f"{', '.join(groups) or 'nothing'}"
    )

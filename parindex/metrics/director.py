"""The director's page (Tổng quan for leaders, secretariat and admin; a unit head sees the
same page narrowed to their unit): projection, points at risk, the online-share trend, late
dossiers this month, overdue tasks, units without an initiative, the assessment's stage."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from parindex.common import charts
from parindex.common.links import url_with_query
from parindex.metrics import selectors
from parindex.org import access
from parindex.org.models import Unit
from parindex.scorecards.models import Assessment, Framework

ONLINE_TARGET = Decimal(50)


def shows_director_page(user: Any) -> bool:
    return access.sees_director_page(user)


_url = url_with_query


def director_page(
    user: Any, *, agency_code: str | None = None, today: dt.date | None = None
) -> dict[str, Any] | None:
    today = today or timezone.localdate()
    agency = selectors.pick_agency(user, agency_code)
    if agency is None:
        return None
    units = selectors.reach(user, agency)
    unit_objs = list(Unit.objects.filter(pk__in=units).order_by("code")) if units else []
    single_unit = unit_objs[0] if len(unit_objs) == 1 else None
    year = today.year
    framework = Framework.objects.filter(year=year).first()
    assessment = (
        Assessment.objects.filter(agency=agency, framework=framework).first() if framework else None
    )
    page: dict[str, Any] = {
        "agency": agency,
        "agencies": list(selectors.agencies_for(user)) if access.is_province_staff(user) else [],
        "year": year,
        "today": today,
        "unit_view": units is not None,
        "units": unit_objs,
        "assessment": assessment,
        "framework": framework,
    }
    with selectors.caching():
        # The month-by-month dossier figures: their last month is "late this month" (one
        # computation of the dossiers app's figures, cached between imports).
        _dossier_figures(page, agency, units, single_unit, today)
        page["projection"] = selectors.projection(agency, year, today=today) if framework else None
        rows = selectors.risk_rows(agency, year, today=today, units=units) if framework else []
    page["risks"] = rows
    page["risk_total"] = sum((r.at_risk for r in rows), Decimal(0))
    page["risk_units"] = selectors.risk_by_unit(rows)
    page["risk_chart"] = charts.bar_chart(
        [
            (
                r["unit"].code if r["unit"] else "—",
                r["at_risk"],
                _risk_list_url(agency, year, r["unit"]),
            )
            for r in page["risk_units"]
        ]
    )
    page["risk_url"] = _risk_list_url(agency, year, single_unit)
    _tasks(page, agency, units, single_unit, today)
    _recommendations(page, agency, units, single_unit, today)
    _initiatives(page, agency, units, year)
    from parindex.citizens.selectors import director_figures

    page["citizens"] = director_figures(agency, sorted(units) if units is not None else None, today)
    indicators = selectors.Indicator.objects.filter(agency=agency).select_related("unit")
    if units is not None:
        indicators = indicators.filter(unit__in=units)
    page["indicators_at_risk"] = [r for r in selectors.indicator_rows(indicators) if r["at_risk"]]
    return page


def _risk_list_url(agency: Any, year: int, unit: Any) -> str:
    url = reverse("metrics:risks", args=[agency.code, year])
    return f"{url}?unit={unit.code}" if unit is not None else url


def _dossier_figures(page, agency, units, single_unit, today) -> None:
    page["late_month"] = page["online_chart"] = None
    from parindex.metrics.figures import dossier_figures, seed_total

    start = today.replace(month=1, day=1)
    month_start = today.replace(day=1)
    unit_ids = list(units) if units is not None else None
    trend = dossier_figures(agency, start, today, by="month", units=unit_ids)
    if units is None:  # the year-to-date total the bound leaves read: no second computation
        seed_total(agency, start, today, None, trend)
    month = trend["groups"][-1]  # the part of [1 January, today] inside this month
    params = {
        "agency": agency.code,
        "date_from": month_start.isoformat(),
        "date_to": today.isoformat(),
        "unit_code": single_unit.code if single_unit else None,
    }
    page["late_month"] = month["late"]
    page["pending_overdue"] = month["pending_overdue"]
    page["late_url"] = _url("dossiers:late_list", **params)
    page["overdue_dossiers_url"] = _url("dossiers:overdue_list", **params)
    points = [
        (
            g["label"],
            None if g["online_share"] is None else Decimal(str(g["online_share"])) * 100,
            _url(
                "dossiers:dossier_list",
                metric="received_online",
                agency=agency.code,
                date_from=f"{g['key']}-01",
                date_to=_month_end(g["key"]).isoformat(),
                unit_code=single_unit.code if single_unit else None,
            ),
        )
        for g in trend["groups"]
    ]
    year_share = trend["total"]["online_share"]
    page["online_share"] = None if year_share is None else Decimal(str(year_share)) * 100
    page["online_has_data"] = any(v is not None for _l, v, _u in points)
    page["online_chart"] = charts.line_chart(points, target=ONLINE_TARGET)
    page["online_url"] = _url(
        "dossiers:index", agency=agency.code, date_from=start.isoformat(), date_to=today.isoformat()
    )


def _month_end(key: str) -> dt.date:
    year, month = (int(p) for p in key.split("-"))
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _tasks(page, agency, units, single_unit, today) -> None:
    from parindex.workplan.models import Task
    from parindex.workplan.selectors import overdue_q

    qs = Task.objects.filter(agency=agency).filter(overdue_q(today))
    if units is not None:
        qs = qs.filter(lead_unit__in=units)
    page["overdue_tasks"] = qs.count()
    page["overdue_tasks_url"] = _url(
        "workplan:task_list", state="overdue", lead_unit=single_unit.pk if single_unit else None
    )
    page["has_tasks"] = Task.objects.filter(agency=agency).exists()


def _recommendations(page, agency, units, single_unit, today) -> None:
    """Overdue recommendations (inspections, reviews, PAR checks, appraisal, notices)."""
    from parindex.registers.selectors import overdue_recommendations

    overdue = overdue_recommendations(agency, units=units, on=today)
    page["overdue_recommendations"] = list(overdue[:10])
    page["overdue_recommendations_count"] = overdue.count()
    page["overdue_recommendations_url"] = _url(
        "registers:recommendation_list",
        state="overdue",
        unit=single_unit.pk if single_unit else None,
    )


def _initiatives(page, agency, units, year) -> None:
    from parindex.workplan.selectors import initiative_coverage

    coverage = initiative_coverage(agency, year)
    missing = coverage.missing
    if units is not None:
        missing = [u for u in missing if u.pk in units]
    page["without_initiative"] = missing
    page["initiative_required"] = len(coverage.required)
    page["initiatives_url"] = (
        reverse("metrics:initiative_gaps") + "?" + urlencode({"agency": agency.code, "year": year})
    )

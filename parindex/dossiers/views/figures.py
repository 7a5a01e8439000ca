"""Screens of the figures: dashboard, drill-down lists, catalogue, procedure review."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parindex.audit.selectors import history_for
from parindex.common.charts import month_trend_svg
from parindex.common.db import reads_from_replica
from parindex.common.exports import csv_writer
from parindex.common.forms import call_service
from parindex.common.listing import Column, render_list
from parindex.dossiers import selectors, services
from parindex.dossiers.choices import Outcome, Status
from parindex.dossiers.exports import figures_table, figures_xlsx
from parindex.dossiers.figures import (
    GROUPINGS,
    dossier_figures,
    figure_groups,
    metric_filter,
    months_of,
    procedure_review,
)
from parindex.dossiers.filters import DossierFilter, ProcedureFilter
from parindex.dossiers.forms import (
    PeriodForm,
    ProcedureForm,
)
from parindex.dossiers.models import APOLOGIZE
from parindex.dossiers.rules import late_reason_text
from parindex.dossiers.selectors import work_calendar
from parindex.dossiers.services.measures import needs_apology
from parindex.dossiers.services.procedures import PROCEDURE_FIELDS
from parindex.org.access import Action, can

ONLINE_TARGET = 0.5

METRIC_LABELS = {
    "received": gettext_lazy("Received"),
    "received_online": gettext_lazy("Received online"),
    "received_direct": gettext_lazy("Received in person"),
    "received_postal": gettext_lazy("Received by post"),
    "resolved": gettext_lazy("Resolved"),
    "resolved_online": gettext_lazy("Resolved, received online"),
    "early": gettext_lazy("Resolved early"),
    "on_time": gettext_lazy("Resolved on time"),
    "late": gettext_lazy("Resolved late"),
    "in_time": gettext_lazy("Resolved early or on time"),
    "pending": gettext_lazy("Pending"),
    "pending_overdue": gettext_lazy("Pending, overdue"),
    "pending_in_time": gettext_lazy("Pending, within the time limit"),
    "fee_payable": gettext_lazy("Received, with a fee to pay"),
    "paid_online": gettext_lazy("Received, paid online"),
}


# -- period ----------------------------------------------------------------------------------


def _period(request: HttpRequest) -> tuple[Any, dt.date, dt.date, PeriodForm]:
    """Agency and [from, to] from the query string (defaults: first agency, this year)."""
    form = PeriodForm(request.GET or None)
    d1, d2 = selectors.default_period()
    code = None
    if form.is_bound and form.is_valid():
        d1 = form.cleaned_data.get("date_from") or d1
        d2 = form.cleaned_data.get("date_to") or d2
        code = form.cleaned_data.get("agency") or None
    if d2 < d1:
        d1, d2 = d2, d1
    agency = selectors.pick_agency(request.user, code)
    return agency, d1, d2, form


def _period_query(agency: Any, d1: dt.date, d2: dt.date, **extra: Any) -> str:
    params = {"agency": agency.code, "date_from": d1.isoformat(), "date_to": d2.isoformat()}
    params.update({k: v for k, v in extra.items() if v not in (None, "")})
    return urlencode(params)


def _pct(data: dict[str, Any]) -> dict[str, float | None]:
    return {
        key: (None if data[key] is None else data[key] * 100)
        for key in ("online_share", "resolved_online_share", "on_time_rate", "paid_online_share")
    }


def _figures_export(data: dict[str, Any], fmt: str, name: str) -> HttpResponse:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "xlsx":
        response = HttpResponse(
            figures_xlsx(data),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv_writer(buffer)
        for row in figures_table(data):
            writer.writerow(["" if v is None else v for v in row])
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{fmt}"'
    return response


# -- dashboard -------------------------------------------------------------------------------


@login_required
@reads_from_replica
def dashboard(request: HttpRequest) -> HttpResponse:
    agency, d1, d2, form = _period(request)
    units = selectors.unit_scope(request.user, agency)
    if units is not None and not units:
        raise PermissionDenied
    fmt = request.GET.get("export")
    if fmt in ("csv", "xlsx"):
        by = request.GET.get("by") or None
        if by is not None and by not in GROUPINGS:
            raise Http404
        data = dossier_figures(agency, d1, d2, by=by, units=units)
        return _figures_export(data, fmt, f"dossier-figures-{agency.code}-{by or 'total'}")
    by_month = dossier_figures(agency, d1, d2, by="month", units=units)
    by_unit = figure_groups(agency, d1, d2, "unit", units=units)
    by_procedure = figure_groups(agency, d1, d2, "procedure", units=units)
    by_procedure.sort(key=lambda g: (-g["received"], g["key"]))
    total = by_month["total"]
    query = _period_query(agency, d1, d2)
    return render(
        request,
        "dossiers/dashboard.html",
        {
            "agency": agency,
            "agencies": selectors.agencies_with_dossiers(request.user),
            "form": form,
            "d1": d1,
            "d2": d2,
            "total": total,
            "pct": _pct(total),
            "target_pct": ONLINE_TARGET * 100,
            "meets_target": total["resolved_online_share"] is not None
            and total["resolved_online_share"] >= ONLINE_TARGET,
            "months": [
                {**g, "pct": _pct(g), "query": _period_query(agency, start, end)}
                for g, (start, end) in zip(by_month["groups"], months_of(d1, d2), strict=True)
            ],
            "chart": month_trend_svg(by_month["groups"], target=ONLINE_TARGET),
            "by_unit": [{**g, "pct": _pct(g)} for g in by_unit],
            "by_procedure": [{**g, "pct": _pct(g)} for g in by_procedure[:20]],
            "query": query,
            "unit_only": units is not None,
            "can_import": selectors.can_import(request.user, agency),
        },
    )


# -- dossiers --------------------------------------------------------------------------------


def _outcome(d: Any) -> str:
    if d.outcome == Outcome.OPEN:
        return _("overdue") if d.due_at < timezone.now() else _("in progress")
    return str(Outcome(d.outcome).label)


DOSSIER_COLUMNS = (
    Column(gettext_lazy("Dossier code"), "code", link=True),
    Column(gettext_lazy("Procedure"), "procedure.code"),
    Column(gettext_lazy("Procedure name"), lambda d: d.procedure.name[:80]),
    Column(gettext_lazy("Unit"), "unit.code"),
    Column(gettext_lazy("Channel"), "get_channel_display"),
    Column(gettext_lazy("Received at"), "received_at"),
    Column(gettext_lazy("Due at"), "due_at"),
    Column(gettext_lazy("Ended at"), "ended_at"),
    Column(gettext_lazy("Status"), "get_status_display"),
    Column(gettext_lazy("Supplements"), "supplement_count", numeric=True),
    Column(gettext_lazy("Outcome"), _outcome),
)


def _slip(d: Any) -> str:
    slip = getattr(d, "apology", None)
    if slip is None:
        return str(_("missing"))
    return slip.issued_on.strftime("%d/%m/%Y")


def _slip_due(d: Any) -> str:
    slip = getattr(d, "apology", None)
    return slip.new_due_on.strftime("%d/%m/%Y") if slip is not None else ""


def _why_late(d: Any) -> str:
    return late_reason_text(d, timezone.now())


#: The late and overdue lists show why each dossier is late and its apology slip (form 04) or
#: "missing".
APOLOGY_COLUMNS = (
    *DOSSIER_COLUMNS,
    Column(gettext_lazy("Why late"), _why_late),
    Column(gettext_lazy("Apology slip"), _slip),
    Column(gettext_lazy("New due date"), _slip_due),
)


@login_required
def dossier_list(request: HttpRequest, preset: str | None = None) -> HttpResponse:
    qs = selectors.dossiers_for_user(request.user)
    metric = preset or request.GET.get("metric") or None
    context: dict[str, Any] = {"metric": metric}
    if metric or request.GET.get("agency") or request.GET.get("date_from"):
        agency, d1, d2, _form = _period(request)
        qs = qs.filter(agency=agency)
        context.update(agency=agency, d1=d1, d2=d2, dashboard_query=_period_query(agency, d1, d2))
        if metric:
            if metric not in METRIC_LABELS:
                raise Http404
            qs = qs.filter(counted=True).filter(metric_filter(metric, d1, d2))
            context["metric_label"] = METRIC_LABELS[metric]
            if metric == "late":
                # Withdrawn dossiers count in the figures as docs/formats.md §5–6 say (their
                # result date is their end), but nobody has a late dossier to act on: the
                # list leaves them out and says how many.
                withdrawn = qs.filter(status=Status.WITHDRAWN)
                context["withdrawn_late"] = withdrawn.count()
                qs = qs.exclude(status=Status.WITHDRAWN)
    unit_code = request.GET.get("unit_code")
    if unit_code:
        qs = qs.filter(unit__code=unit_code)
        context["unit_code"] = unit_code
    procedure = request.GET.get("procedure")
    if procedure:
        qs = qs.filter(procedure__code=procedure)
        context["procedure_code"] = procedure
    context["apology"] = metric in ("late", "pending_overdue")
    columns = DOSSIER_COLUMNS
    if context["apology"]:
        # Each late or overdue dossier with its apology slip (form 04), or "missing".
        columns = APOLOGY_COLUMNS
        qs = qs.select_related("apology")
    title = context.get("metric_label") or _("Dossiers")
    return render_list(
        request,
        queryset=qs.order_by("-received_at", "code"),
        columns=columns,
        filterset_class=DossierFilter,
        title=title,
        export_name=f"dossiers-{metric or 'list'}",
        empty_message=_("No dossier matches."),
        template="dossiers/dossier_list.html",
        context=context,
    )


@login_required
def late_list(request: HttpRequest) -> HttpResponse:
    return dossier_list(request, preset="late")


@login_required
def overdue_list(request: HttpRequest) -> HttpResponse:
    return dossier_list(request, preset="pending_overdue")


@login_required
def dossier_detail(request: HttpRequest, agency_code: str, code: str) -> HttpResponse:
    dossier = selectors.get_dossier_for_user(request.user, agency_code, code)
    remaining = None
    if dossier.ended_at is None:
        remaining = work_calendar().working_days_between(timezone.localdate(), dossier.due_at)
    return render(
        request,
        "dossiers/dossier_detail.html",
        {
            "dossier": dossier,
            "outcome": _outcome(dossier),
            "late_reason": late_reason_text(dossier, timezone.now()),
            "remaining": remaining,
            "overdue_days": -remaining if remaining is not None and remaining < 0 else None,
            "slip": getattr(dossier, "apology", None),
            "needs_apology": needs_apology(dossier),
            "may_apologize": can(request.user, APOLOGIZE, dossier),
            "history": history_for(dossier),
        },
    )


# -- procedures ------------------------------------------------------------------------------

#: Decision 766 publication state of a procedure (Procedure.publication).
PUBLICATION_LABELS = {
    "on_time": gettext_lazy("on time"),
    "late": gettext_lazy("late"),
    "missing": gettext_lazy("not published"),
    "": "",
}

PROCEDURE_COLUMNS = (
    Column(gettext_lazy("Code"), "code", link=True),
    Column(gettext_lazy("Name"), "name", link=True),
    Column(gettext_lazy("Field"), "field"),
    Column(gettext_lazy("Unit"), "unit.code"),
    Column(gettext_lazy("Time limit"), "time_limit", numeric=True),
    Column(gettext_lazy("Time-limit unit"), "get_limit_unit_display"),
    Column(gettext_lazy("Online level"), "get_online_level_display"),
    Column(gettext_lazy("Fee (đồng)"), "fee", numeric=True),
    Column(gettext_lazy("Published on"), "published_on"),
    Column(gettext_lazy("Legal basis takes effect on"), "basis_effective_on"),
    Column(gettext_lazy("Published on time"), lambda p: PUBLICATION_LABELS[p.publication]),
    Column(gettext_lazy("Active"), "is_active"),
)


@login_required
def procedure_list(request: HttpRequest) -> HttpResponse:
    return render_list(
        request,
        queryset=selectors.procedures_for_user(request.user),
        columns=PROCEDURE_COLUMNS,
        filterset_class=ProcedureFilter,
        title=_("Procedure catalogue"),
        export_name="procedures",
        empty_message=_("No procedure yet. The secretariat imports the catalogue from a file."),
        template="dossiers/procedure_list.html",
        context={"can_import": selectors.can_import(request.user)},
    )


@login_required
def procedure_detail(request: HttpRequest, agency_code: str, code: str) -> HttpResponse:
    procedure = selectors.get_procedure_for_user(request.user, agency_code, code)
    agency = procedure.agency
    form = PeriodForm(request.GET or None)
    d1, d2 = selectors.default_period()
    if form.is_bound and form.is_valid():
        d1 = form.cleaned_data.get("date_from") or d1
        d2 = form.cleaned_data.get("date_to") or d2
    units = selectors.unit_scope(request.user, agency)
    figures = None
    if units is None or units:
        figures = dossier_figures(agency, d1, d2, units=units, procedure=procedure)["total"]
    return render(
        request,
        "dossiers/procedure_detail.html",
        {
            "procedure": procedure,
            "figures": figures,
            "pct": _pct(figures) if figures else None,
            "d1": d1,
            "d2": d2,
            "query": _period_query(agency, d1, d2, procedure=procedure.code),
            "can_change": can(request.user, Action.CHANGE, procedure),
            "publication": PUBLICATION_LABELS[procedure.publication],
            "reviews": procedure.reviews.select_related("created_by")[:50],
            "history": history_for(procedure),
        },
    )


@login_required
def procedure_edit(request: HttpRequest, agency_code: str, code: str) -> HttpResponse:
    procedure = selectors.get_procedure_for_user(request.user, agency_code, code, write=True)
    initial = {f: getattr(procedure, f) for f in PROCEDURE_FIELDS if f != "unit"}
    form = ProcedureForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            lambda: services.procedure_update(
                actor=request.user, procedure=procedure, **form.cleaned_data
            ),
        )
    ):
        messages.success(request, _("Procedure saved."))
        return redirect(procedure)
    return render(
        request,
        "dossiers/procedure_form.html",
        {
            "form": form,
            "title": _("Edit procedure"),
            "object": procedure,
            "cancel_url": procedure.get_absolute_url(),
        },
    )


@login_required
def review(request: HttpRequest) -> HttpResponse:
    agency, d1, d2, form = _period(request)
    units = selectors.unit_scope(request.user, agency)
    if units is not None and not units:
        raise PermissionDenied
    try:
        top = max(1, min(int(request.GET.get("top", 10)), 100))
    except ValueError:
        top = 10
    data = procedure_review(agency, d1, d2, top=top, units=units)
    fmt = request.GET.get("export")
    if fmt == "csv":
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv_writer(buffer)
        writer.writerow(["list", "code", "name", "received", "online_level"])
        for row in data["high_volume"]:
            writer.writerow(["high_volume", row["code"], row["name"], row["received"], ""])
        for row in data["online_without_dossiers"]:
            writer.writerow(
                ["online_without_dossiers", row["code"], row["name"], "", row["online_level"]]
            )
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="procedure-review-{agency.code}.csv"'
        )
        return response
    return render(
        request,
        "dossiers/review.html",
        {
            "agency": agency,
            "agencies": selectors.agencies_with_dossiers(request.user),
            "d1": d1,
            "d2": d2,
            "top": top,
            "data": data,
            "query": _period_query(agency, d1, d2),
        },
    )

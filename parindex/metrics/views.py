"""Screens of the early-warning module. Views read through selectors and write through services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from parindex.audit.selectors import history_for
from parindex.common import charts, tabular
from parindex.common.db import reads_from_replica
from parindex.common.errors import DomainError
from parindex.common.forms import call_service, form_page
from parindex.metrics import registry, selectors, services
from parindex.metrics.forms import BindForm, IndicatorForm, ValueForm, ValueImportForm
from parindex.metrics.models import Indicator
from parindex.org import access
from parindex.org.access import Action, can, get_object_for_user
from parindex.org.models import Agency, Unit
from parindex.scorecards import selectors as scorecard_selectors
from parindex.scorecards.models import Assessment, Framework, Node
from parindex.scorecards.services import framework_is_frozen


def _agency_for(user: Any, code: str) -> Agency:
    agency = selectors.agencies_for(user).filter(code=code).first()
    if agency is None:
        raise Http404
    return agency


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The metric registry with each metric's value for the agency this year."""
    agency = selectors.pick_agency(request.user, request.GET.get("agency"))
    today = timezone.localdate()
    year = today.year
    start, end = selectors.period_of(year, today)
    units = selectors.reach(request.user, agency) if agency else None
    unit = None
    if units is not None and len(units) == 1:
        unit = Unit.objects.get(pk=next(iter(units)))
    rows = []
    for m in registry.all_metrics():
        reading = selectors.read_metric(m.key, agency, unit, start, end) if agency else None
        rows.append({"metric": m, "reading": reading})
    return render(
        request,
        "metrics/index.html",
        {
            "agency": agency,
            "agencies": selectors.agencies_for(request.user),
            "rows": rows,
            "start": start,
            "end": end,
            "year": year,
            "unit": unit,
            "may_bind": _may_bind(request.user),
        },
    )


def _may_bind(user: Any) -> bool:
    """Bindings belong to the province's framework (see Framework.scope_filter)."""
    return Framework.objects.restrict(user, Action.CHANGE).exists()


@login_required
@reads_from_replica
def assessment(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    """Bound leaves side by side (live value, suggested score, self score) and the projection."""
    agency_obj = _agency_for(request.user, agency)
    units = selectors.reach(request.user, agency_obj)
    with selectors.caching():
        rows = selectors.bound_leaves(agency_obj, year, units=units)
        projection = selectors.projection(agency_obj, year) if units is None else None
    start, end = selectors.period_of(year)
    assessment = Assessment.objects.filter(agency=agency_obj, framework__year=year).first()
    return render(
        request,
        "metrics/assessment.html",
        {
            "agency": agency_obj,
            "year": year,
            "rows": rows,
            "projection": projection,
            "source_label": selectors.source_label,
            "sources": [
                (
                    key,
                    selectors.source_label(key),
                    (projection.sources if projection else {}).get(key, 0),
                )
                for key in ("appraised", "metric", "self", "last_year", "none")
            ],
            "start": start,
            "end": end,
            "assessment": assessment,
            "scorecard_index": scorecard_selectors.scorecard_for(assessment).index
            if assessment is not None and projection is not None
            else None,
        },
    )


@login_required
def index_pair(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    """The scorecard's index beside the projected one (a fragment the scorecard page loads)."""
    agency_obj = _agency_for(request.user, agency)
    if selectors.reach(request.user, agency_obj) is not None:
        raise PermissionDenied
    assessment = Assessment.objects.filter(agency=agency_obj, framework__year=year).first()
    with selectors.caching():
        projection = selectors.projection(agency_obj, year)
    return render(
        request,
        "metrics/_index_pair.html",
        {
            "projection": projection,
            "scorecard_index": scorecard_selectors.scorecard_for(assessment).index
            if assessment is not None
            else None,
        },
    )


@login_required
def risks(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    """Points at risk per leaf, most first, with the reason, the lead unit and the link to act."""
    agency_obj = _agency_for(request.user, agency)
    units = selectors.reach(request.user, agency_obj)
    unit_code = request.GET.get("unit")
    chosen = None
    if unit_code:
        chosen = Unit.objects.filter(agency=agency_obj, code=unit_code).first()
        if chosen is not None:
            if units is not None and chosen.pk not in units:
                raise Http404
            units = frozenset({chosen.pk})
    with selectors.caching():
        rows = selectors.risk_rows(agency_obj, year, units=units)
    by_unit = selectors.risk_by_unit(rows)
    indicators = selectors.indicator_rows(
        selectors.indicators_for_user(request.user).filter(agency=agency_obj)
    )
    if chosen is not None:
        indicators = [r for r in indicators if r["indicator"].unit_id == chosen.pk]
    return render(
        request,
        "metrics/risks.html",
        {
            "agency": agency_obj,
            "year": year,
            "rows": rows,
            "by_unit": by_unit,
            "total": sum((r.at_risk for r in rows), Decimal(0)),
            "unit": chosen,
            "indicators_at_risk": [r for r in indicators if r["at_risk"]],
        },
    )


@login_required
def bindings(request: HttpRequest, year: int) -> HttpResponse:
    """Bind or unbind leaves of a framework to a metric and a rule (secretariat)."""
    framework = get_object_or_404(Framework.objects.restrict(request.user), year=year)
    may_edit = can(request.user, Action.CHANGE, framework)
    metrics = registry.all_metrics()
    error_form = None
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        form = BindForm(request.POST, metrics=metrics)
        if form.is_valid():
            node = get_object_or_404(Node, framework=framework, code=form.cleaned_data["code"])
            done = call_service(
                form,
                lambda: services.leaf_bind(
                    actor=request.user,
                    node=node,
                    metric="" if request.POST.get("unbind") else form.cleaned_data["metric"],
                    rule="" if request.POST.get("unbind") else form.cleaned_data["rule"],
                    announcement=form.cleaned_data.get("announcement") or None,
                ),
            )
            if done:
                messages.success(request, _("Saved."))
                return redirect("metrics:bindings", year=year)
        error_form = form
    leaves = list(Node.objects.filter(framework=framework, is_leaf=True).order_by("sort_key"))
    rows = []
    for node in leaves:
        if error_form is not None and error_form.data.get("code") == node.code:
            form = error_form
        else:
            form = BindForm(
                initial={"code": node.code, "metric": node.metric_key, "rule": node.rule},
                metrics=metrics,
                prefix=None,
            )
        rows.append({"node": node, "form": form})
    return render(
        request,
        "metrics/bindings.html",
        {
            "framework": framework,
            "rows": rows,
            "may_edit": may_edit,
            "metrics": metrics,
            "frozen": framework_is_frozen(framework),
        },
    )


@login_required
def initiative_gaps(request: HttpRequest) -> HttpResponse:
    """Units that must register an initiative for the year and have none."""
    from parindex.workplan.selectors import initiative_coverage

    agency = selectors.pick_agency(request.user, request.GET.get("agency"))
    if agency is None:
        raise Http404
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        raise Http404 from None
    coverage = initiative_coverage(agency, year)
    units = selectors.reach(request.user, agency)
    missing = [u for u in coverage.missing if units is None or u.pk in units]
    return render(
        request,
        "metrics/initiative_gaps.html",
        {
            "agency": agency,
            "year": year,
            "missing": missing,
            "coverage": coverage,
            # The register page asks for a unit the user may change (unit heads, secretariat).
            "can_register": Unit.objects.restrict(request.user, Action.CHANGE).exists(),
        },
    )


# -- indicators ---------------------------------------------------------------------------------


def _indicator_units(user: Any, agency: Agency):
    return Unit.objects.filter(agency=agency, is_active=True).order_by("code")


@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.indicator_rows(
        selectors.indicators_for_user(request.user).order_by("agency__code", "code")[:500]
    )
    return render(
        request,
        "metrics/indicator_list.html",
        {"rows": rows, "may_add": access.may_create(request.user)},
    )


def _secretariat_agency(user: Any) -> Agency:
    agencies = selectors.agencies_for(user).restrict(user, Action.CHANGE)
    agency = agencies.first()
    if agency is None:
        raise PermissionDenied
    return agency


@login_required
def indicator_create(request: HttpRequest) -> HttpResponse:
    agency = _secretariat_agency(request.user)
    units = _indicator_units(request.user, agency)
    form = IndicatorForm(request.POST or None, units=units)
    return form_page(
        request,
        form,
        lambda data: services.indicator_save(actor=request.user, agency=agency, **data),
        _("Saved."),
        {"title": _("New indicator"), "cancel_url": "/metrics/indicators/"},
    )


@login_required
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_object_for_user(Indicator.objects.all(), request.user, write=True, pk=pk)
    units = _indicator_units(request.user, indicator.agency)
    initial = {f: getattr(indicator, f) for f in services.INDICATOR_FIELDS}
    form = IndicatorForm(request.POST or None, initial=initial, units=units)
    return form_page(
        request,
        form,
        lambda data: services.indicator_save(
            actor=request.user, agency=indicator.agency, indicator=indicator, **data
        ),
        _("Saved."),
        {
            "title": str(indicator),
            "cancel_url": indicator.get_absolute_url(),
            "history": history_for(indicator),
        },
    )


@login_required
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_object_for_user(
        Indicator.objects.select_related("agency", "unit"), request.user, pk=pk
    )
    may_enter = can(request.user, Action.CHANGE, indicator)
    form = ValueForm(request.POST or None)
    if request.method == "POST":
        if not may_enter:
            raise PermissionDenied
        if form.is_valid() and call_service(
            form,
            lambda: services.indicator_value_set(
                actor=request.user, indicator=indicator, **form.cleaned_data
            ),
        ):
            messages.success(request, _("Saved."))
            return redirect(indicator.get_absolute_url())
    values = list(indicator.values.order_by("period_end"))
    chart = charts.line_chart(
        [(f"{v.period_end:%m/%Y}", v.value, None) for v in values[-24:]],
        target=indicator.target,
        maximum=max([indicator.target, *(v.value for v in values)]),
        suffix=f" {indicator.measure}" if indicator.measure else "",
    )
    row = selectors.indicator_rows([indicator])[0]
    return render(
        request,
        "metrics/indicator_detail.html",
        {
            "indicator": indicator,
            "values": list(reversed(values)),
            "chart": chart,
            "row": row,
            "form": form if may_enter else None,
            "may_edit": may_enter,
            "history": history_for(indicator),
        },
    )


@login_required
def indicator_import(request: HttpRequest) -> HttpResponse:
    agency = _secretariat_agency(request.user)
    form = ValueImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.import_indicator_values(
                upload,
                agency=agency,
                actor=request.user,
                skip_invalid=form.cleaned_data["skip_invalid"],
                filename=upload.name,
            )
        except tabular.ImportRefused as exc:
            problems = exc.lines()
        except (tabular.TableError, DomainError) as exc:
            problems = [str(getattr(exc, "message", exc))]
        else:
            messages.success(request, result.screen_summary())
            problems = tabular.format_errors(result.errors, screen=True)
            if not problems:
                return redirect("metrics:indicator_list")
    return render(
        request,
        "metrics/indicator_import.html",
        {"form": form, "problems": problems, "agency": agency},
    )

"""Recommendations from every source: list, board, create, detail (resolve, reopen)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from parindex.audit.selectors import history_for
from parindex.common.forms import form_page, save_form
from parindex.common.listing import render_list
from parindex.org.access import Action, can
from parindex.org.selectors import default_agency_for_user
from parindex.registers import selectors, services
from parindex.registers.choices import RecommendationState
from parindex.registers.filters import (
    RecommendationFilter,
)
from parindex.registers.forms import (
    RecommendationForm,
    ReopenForm,
    ResolveForm,
)
from parindex.registers.models import RESOLVE, today
from parindex.registers.tables import (
    RECOMMENDATION_COLUMNS,
)
from parindex.registers.views._common import (
    _agency,
    _agency_units,
    _year,
)

# -- recommendations ----------------------------------------------------------------------------


@login_required
def recommendation_list(request: HttpRequest) -> HttpResponse:
    agency = default_agency_for_user(request.user)
    may_raise = agency is not None and services.may_raise(request.user, agency, "other")
    return render_list(
        request,
        queryset=selectors.recommendations_for_user(request.user),
        columns=RECOMMENDATION_COLUMNS,
        filterset_class=RecommendationFilter,
        title=_("Recommendations"),
        export_name="recommendations",
        empty_message=_("No recommendation yet."),
        template="registers/list.html",
        context={"create_url": "registers:recommendation_create" if may_raise else None},
    )


@login_required
def recommendation_board(request: HttpRequest) -> HttpResponse:
    agency = _agency(request)
    year = request.GET.get("year")
    year = _year(request) if year else None
    rows = selectors.board(request.user, agency, year=year) if agency else []
    states = list(RecommendationState)
    return render(
        request,
        "registers/board.html",
        {
            "title": _("Recommendations by unit and state"),
            "agency": agency,
            "year": year,
            "rows": [{**r, "cells": [(s, r["counts"][s.value]) for s in states]} for r in rows],
            "states": states,
        },
    )


@login_required
def recommendation_create(request: HttpRequest) -> HttpResponse:
    agency = default_agency_for_user(request.user)
    if agency is None or not services.may_raise(request.user, agency, "other"):
        raise PermissionDenied
    form = RecommendationForm(request.POST or None, units=_agency_units(request.user, agency.pk))
    return form_page(
        request,
        form,
        lambda data: services.recommendation_create(actor=request.user, agency=agency, **data),
        _("Recommendation saved and handed to its unit as a task."),
        {
            "title": _("Add a recommendation"),
            "cancel_url": "/registers/recommendations/",
        },
        template="registers/form.html",
    )


@login_required
def recommendation_detail(request: HttpRequest, agency: str, code: str) -> HttpResponse:
    rec = selectors.get_recommendation_for_user(request.user, agency, code)
    may_resolve = can(request.user, RESOLVE, rec)
    resolve_form = ResolveForm(initial={"done_on": today()})
    reopen_form = ReopenForm()
    if request.method == "POST":
        if not may_resolve:
            raise PermissionDenied
        if request.POST.get("form") == "reopen":
            form = reopen_form = ReopenForm(request.POST)
            service, message = services.recommendation_reopen, _("Recommendation reopened.")
        else:
            form = resolve_form = ResolveForm(request.POST, request.FILES)
            service, message = services.recommendation_resolve, _("Recommendation closed.")
        saved = save_form(
            request,
            form,
            lambda data: service(actor=request.user, recommendation=rec, **data),
            message,
        )
        if saved:
            return saved
    return render(
        request,
        "registers/recommendation_detail.html",
        {
            "rec": rec,
            "title": rec.code,
            "state": rec.state_label(),
            "may_resolve": may_resolve,
            "task_link": bool(rec.task) and can(request.user, Action.VIEW, rec.task),
            "resolve_form": resolve_form,
            "reopen_form": reopen_form,
            "evidence": rec.task.attachments.all() if rec.task else [],
            "history": history_for(rec),
        },
    )

"""Inspections and PAR checks: list, create, detail, edit, conclude."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parindex.audit.selectors import history_for
from parindex.common.forms import call_service, form_page
from parindex.common.listing import render_list
from parindex.org.access import Action, can
from parindex.org.selectors import default_agency_for_user
from parindex.registers import selectors, services
from parindex.registers.choices import InspectionKind
from parindex.registers.filters import (
    InspectionFilter,
)
from parindex.registers.forms import (
    CONCLUSION_ROWS,
    ConclusionForm,
    InspectionForm,
)
from parindex.registers.models import today
from parindex.registers.services.inspections import INSPECTION_FIELDS
from parindex.registers.tables import (
    INSPECTION_COLUMNS,
)
from parindex.registers.views._common import (
    _agency_units,
)

# -- inspections --------------------------------------------------------------------------------


@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    return render_list(
        request,
        queryset=selectors.inspections_for_user(request.user),
        columns=INSPECTION_COLUMNS,
        filterset_class=InspectionFilter,
        title=_("Inspections and checks"),
        export_name="inspections",
        empty_message=_("No inspection yet."),
        template="registers/list.html",
        context={
            "create_url": "registers:inspection_create"
            if selectors.may_keep_inspections(request.user)
            else None
        },
    )


@login_required
def inspection_create(request: HttpRequest) -> HttpResponse:
    agency = default_agency_for_user(request.user)
    if agency is None or not selectors.may_keep_inspections(request.user):
        raise PermissionDenied
    units = _agency_units(request.user, agency.pk)
    form = InspectionForm(
        request.POST or None,
        units=units,
        initial={"plan_year": today().year, "planned": True},
    )
    if not services.may_keep_inspection(request.user, agency, InspectionKind.INSPECTION):
        form.fields["kind"].choices = [(InspectionKind.PAR_CHECK, InspectionKind.PAR_CHECK.label)]
    return form_page(
        request,
        form,
        lambda data: services.inspection_create(actor=request.user, agency=agency, **data),
        _("Inspection saved."),
        {"title": _("Add an inspection"), "cancel_url": "/registers/inspections/"},
        template="registers/form.html",
    )


@login_required
def inspection_detail(request: HttpRequest, agency: str, code: str) -> HttpResponse:
    inspection = selectors.get_inspection_for_user(request.user, agency, code)
    return render(
        request,
        "registers/inspection_detail.html",
        {
            "inspection": inspection,
            "title": inspection.subject,
            "may_change": can(request.user, Action.CHANGE, inspection),
            "late": inspection.conclusion_late(),
            "recommendations": inspection.recommendations.select_related("unit", "task"),
            "history": history_for(inspection),
        },
    )


@login_required
def inspection_edit(request: HttpRequest, agency: str, code: str) -> HttpResponse:
    inspection = selectors.get_inspection_for_user(request.user, agency, code, write=True)
    form = InspectionForm(
        request.POST or None,
        units=_agency_units(request.user, inspection.agency_id),
        initial={f: getattr(inspection, f) for f in INSPECTION_FIELDS},
    )
    keys = set(form.fields)
    return form_page(
        request,
        form,
        lambda data: services.inspection_update(
            actor=request.user,
            inspection=inspection,
            **{k: v for k, v in data.items() if k in keys},
        ),
        _("Inspection saved."),
        {
            "title": _("Edit %(code)s") % {"code": inspection.code},
            "cancel_url": inspection.get_absolute_url(),
        },
        template="registers/form.html",
    )


@login_required
def inspection_conclude(request: HttpRequest, agency: str, code: str) -> HttpResponse:
    """Record the conclusion and its recommendations (each becomes a task of its owner)."""
    inspection = selectors.get_inspection_for_user(request.user, agency, code, write=True)
    form = ConclusionForm(
        request.POST or None,
        units=_agency_units(request.user, inspection.agency_id),
        initial={
            "concluded_on": inspection.concluded_on or today(),
            "conclusion_number": inspection.conclusion_number,
            "conclusion": inspection.conclusion,
            "fines": inspection.fines,
            "recoveries": inspection.recoveries,
        },
    )
    if request.method == "POST" and form.is_valid():
        made = call_service(
            form,
            lambda: services.inspection_conclude(
                actor=request.user, inspection=inspection, **form.service_arguments()
            ),
        )
        if made is not None:
            messages.success(
                request,
                _("Conclusion saved; %(n)s recommendation(s) handed to their units as tasks.")
                % {"n": len(made)},
            )
            return redirect(inspection)
    return render(
        request,
        "registers/conclude.html",
        {
            "form": form,
            "inspection": inspection,
            "rows": range(1, CONCLUSION_ROWS + 1),
            "title": _("Conclusion of %(code)s") % {"code": inspection.code},
        },
    )

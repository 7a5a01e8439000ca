"""The initiative register: list with the coverage warning, register, detail, evaluate."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from parindex.audit.selectors import history_for
from parindex.common.forms import call_service, form_page
from parindex.common.listing import Column, render_list
from parindex.org import access
from parindex.org.access import Action, can
from parindex.org.models import Unit
from parindex.org.selectors import default_agency_for_user
from parindex.workplan import selectors, services
from parindex.workplan.choices import INITIATIVE_TRANSITIONS, InitiativeStatus
from parindex.workplan.filters import InitiativeFilter
from parindex.workplan.forms import (
    ExemptionForm,
    FileForm,
    InitiativeForm,
    InitiativeTransitionForm,
    agency_people,
)
from parindex.workplan.models import EVALUATE, InitiativeExemption
from parindex.workplan.models import today as local_today

INITIATIVE_COLUMNS = (
    Column(gettext_lazy("Year"), lambda o: str(o.year)),
    Column(gettext_lazy("Unit"), "unit.code"),
    Column(gettext_lazy("Title"), "title", link=True),
    Column(gettext_lazy("Owner"), lambda i: i.owner.display_name if i.owner else ""),
    Column(gettext_lazy("Start date"), "start_date"),
    Column(gettext_lazy("End date"), "end_date"),
    Column(gettext_lazy("Status"), "get_status_display"),
    Column(gettext_lazy("Evaluation score"), "board_score", numeric=True),
)


def _year(request) -> int:
    try:
        return int(request.GET.get("year") or local_today().year)
    except ValueError:
        return local_today().year


@login_required
def initiative_list(request: HttpRequest) -> HttpResponse:
    agency = default_agency_for_user(request.user)
    year = _year(request)
    coverage = selectors.initiative_coverage(agency, year) if agency else None
    return render_list(
        request,
        queryset=selectors.initiatives_for_user(request.user).order_by("-year", "unit__code"),
        columns=INITIATIVE_COLUMNS,
        filterset_class=InitiativeFilter,
        title=_("Innovation initiatives"),
        export_name="initiatives",
        empty_message=_("No initiative registered yet."),
        template="workplan/initiative_list.html",
        context={
            "coverage": coverage,
            "year": year,
            "agency": agency,
            "can_register": access.may_create(request.user) or access.heads_any_unit(request.user),
            "exemption_form": ExemptionForm(
                units=Unit.objects.filter(agency=agency, is_active=True)
            )
            if agency and access.may_manage_agency(request.user, agency)
            else None,
        },
    )


def _units_for(user):
    """Units the user may register initiatives for: their agency's (secretariat) or their own."""
    return (
        Unit.objects.restrict(user, Action.CHANGE).filter(is_active=True).select_related("agency")
    )


@login_required
@require_POST
def exemption(request: HttpRequest) -> HttpResponse:
    """Exempt a unit from registering an initiative, or lift the exemption (secretariat)."""
    unit = get_object_or_404(Unit.objects.restrict(request.user), pk=request.POST.get("unit"))
    form = ExemptionForm(request.POST, units=Unit.objects.filter(pk=unit.pk))
    if request.POST.get("clear"):
        services.exemption_clear(actor=request.user, unit=unit)
        messages.success(request, _("Exemption lifted."))
    elif form.is_valid() and call_service(
        form,
        lambda: services.exemption_set(
            actor=request.user, unit=unit, reason=form.cleaned_data["reason"]
        ),
    ):
        messages.success(request, _("Unit exempted."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("workplan:initiative_list")


@login_required
def initiative_create(request: HttpRequest) -> HttpResponse:
    units = _units_for(request.user)
    if not units.exists():
        raise PermissionDenied
    agency_id = units.first().agency_id
    form = InitiativeForm(
        request.POST or None,
        units=units,
        owners=agency_people(agency_id),
        initial={"year": local_today().year, "unit": units.first()},
    )
    return form_page(
        request,
        form,
        lambda data: services.initiative_register(actor=request.user, **data),
        _("Initiative registered."),
        {"title": _("Register an initiative")},
        template="workplan/form.html",
    )


@login_required
def initiative_edit(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.get_initiative_for_user(request.user, pk, write=True)
    initial = {
        f: getattr(initiative, f)
        for f in (
            "title",
            "problem",
            "solution",
            "expected_effect",
            "owner",
            "start_date",
            "end_date",
        )
    }
    form = InitiativeForm(
        request.POST or None,
        units=None,
        editing=True,
        initial=initial,
        owners=agency_people(initiative.agency_id),
    )
    return form_page(
        request,
        form,
        lambda data: services.initiative_update(actor=request.user, initiative=initiative, **data),
        _("Initiative saved."),
        {"title": _("Edit initiative"), "cancel_url": initiative.get_absolute_url()},
        template="workplan/form.html",
        then=initiative,
    )


@login_required
def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.get_initiative_for_user(request.user, pk)
    may_change = can(request.user, Action.CHANGE, initiative)
    may_evaluate = can(request.user, EVALUATE, initiative)
    allowed = [
        s
        for s in INITIATIVE_TRANSITIONS[InitiativeStatus(initiative.status)]
        if may_evaluate or s not in (InitiativeStatus.RECOGNISED, InitiativeStatus.NOT_RECOGNISED)
    ]
    move_form = InitiativeTransitionForm()
    move_form.fields["to"].choices = [(s.value, s.label) for s in InitiativeStatus if s in allowed]
    file_form = FileForm()
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if request.POST.get("form") == "file":
            file_form = FileForm(request.POST, request.FILES)
            if file_form.is_valid() and call_service(
                file_form,
                lambda: services.initiative_add_file(
                    actor=request.user, initiative=initiative, **file_form.cleaned_data
                ),
            ):
                messages.success(request, _("File added."))
                return redirect(initiative)
        else:
            move_form = InitiativeTransitionForm(request.POST)
            move_form.fields["to"].choices = [(s.value, s.label) for s in InitiativeStatus]
            if move_form.is_valid() and call_service(
                move_form,
                lambda: services.initiative_transition(
                    actor=request.user, initiative=initiative, **move_form.cleaned_data
                ),
            ):
                messages.success(request, _("Status saved."))
                return redirect(initiative)
    return render(
        request,
        "workplan/initiative_detail.html",
        {
            "initiative": initiative,
            "title": initiative.title,
            "may_change": may_change,
            "may_evaluate": may_evaluate,
            "move_form": move_form if allowed else None,
            "file_form": file_form,
            "attachments": initiative.attachments.all(),
            "exempt": InitiativeExemption.objects.filter(unit=initiative.unit).first(),
            "history": history_for(initiative),
        },
    )

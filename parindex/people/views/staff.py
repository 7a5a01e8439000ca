from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parindex.audit.selectors import history_for
from parindex.common.forms import call_service, import_upload
from parindex.common.listing import render_list
from parindex.org.models import Unit
from parindex.people import selectors, services
from parindex.people.figures import staffing_figures
from parindex.people.filters import PositionFilter, StaffFilter
from parindex.people.forms import ImportForm, QuotaForm, RotationPlanForm
from parindex.people.tables import POSITION_COLUMNS, STAFF_BASIC_COLUMNS, STAFF_FULL_COLUMNS
from parindex.people.views._common import chosen_agency, chosen_as_of, chosen_year

IMPORTERS = {
    "positions": services.import_positions,
    "staff": services.import_staff,
    "training": services.import_training,
    "quotas": services.import_quotas,
}


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The staffing figures of an agency by unit, with the training completion rate."""
    agency = chosen_agency(request)
    year = chosen_year(request)
    data = staffing_figures(agency, year, as_of=chosen_as_of(request))
    return render(
        request,
        "people/index.html",
        {
            "agency": agency,
            "agencies": selectors.people_agencies_for_user(request.user),
            "year": year,
            "figures": data,
            "full": selectors.sees_full_records(request.user, agency),
            "may_manage": services.may_manage(request.user, agency),
        },
    )


@login_required
def position_list(request: HttpRequest) -> HttpResponse:
    return render_list(
        request,
        queryset=selectors.positions_for_user(request.user),
        columns=POSITION_COLUMNS,
        filterset_class=PositionFilter,
        title=_("Job positions"),
        export_name="job-positions",
        empty_message=_("No job position yet. The secretariat imports the approved scheme."),
    )


@login_required
def staff_list(request: HttpRequest) -> HttpResponse:
    """Full readers see full records; a unit head sees names, positions and ranks of the unit.
    Exports of personal data are the secretariat's alone, and are audited."""
    full = selectors.sees_full_records(request.user, chosen_agency(request))
    may_export = selectors.may_export_staff(request.user)
    if request.GET.get("export"):
        if not may_export:
            raise PermissionDenied
        queryset = selectors.staff_export_for_user(request.user)
        services.staff_export_recorded(request.user, None, queryset.count())
    else:
        queryset = selectors.staff_list_for_user(request.user)
    return render_list(
        request,
        queryset=queryset,
        columns=STAFF_FULL_COLUMNS if full else STAFF_BASIC_COLUMNS,
        filterset_class=StaffFilter,
        title=_("Staff"),
        export_name="staff",
        template="people/staff_list.html",
        context={"no_export": not may_export, "own": selectors.own_staff_record(request.user)},
        empty_message=_("No staff record to show."),
    )


@login_required
def staff_detail(request: HttpRequest, agency: str, code: str) -> HttpResponse:
    member = services.staff_record_read(request.user, agency, code)
    history = [e for e in history_for(member, limit=200) if e.action != "staff.viewed"][:50]
    return render(
        request,
        "people/staff_detail.html",
        {
            "member": member,
            "training": member.training.order_by("-plan_year", "course_code"),
            "ratings": member.ratings.select_related("season").order_by("-season__year"),
            "history": history,
        },
    )


@login_required
def import_view(request: HttpRequest) -> HttpResponse:
    agencies = selectors.people_agencies_for_user(request.user).filter(
        pk__in=[
            a.pk
            for a in selectors.people_agencies_for_user(request.user)
            if services.may_manage(request.user, a)
        ]  # fmt: skip
    )
    if not agencies.exists():
        raise PermissionDenied
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        agencies=agencies,
        initial={"kind": request.GET.get("kind") or "positions"},
    )
    result = errors = None
    if request.method == "POST" and form.is_valid():
        result, errors = import_upload(
            form,
            IMPORTERS[form.cleaned_data["kind"]],
            agency=form.cleaned_data["agency"],
            actor=request.user,
            skip_invalid=form.cleaned_data["skip_invalid"],
        )
    return render(request, "people/import.html", {"form": form, "result": result, "errors": errors})


@login_required
def placement_view(request: HttpRequest) -> HttpResponse:
    """Vacancies, empty leadership posts, rank mismatches, people due to rotate and the plan."""
    agency = chosen_agency(request)
    if not selectors.sees_full_records(request.user, agency):
        raise PermissionDenied
    year = chosen_year(request)
    return render(
        request,
        "people/placement.html",
        {
            "agency": agency,
            "year": year,
            "data": selectors.placement(agency, year, as_of=chosen_as_of(request)),
            "may_manage": services.may_manage(request.user, agency),
        },
    )


@login_required
@require_POST
def rotation_plan_add(request: HttpRequest) -> HttpResponse:
    agency = chosen_agency(request)
    year = chosen_year(request)
    form = RotationPlanForm(request.POST)
    target = f"{reverse('people:placement')}?agency={agency.code}&year={year}"
    if form.is_valid():
        member = selectors.get_staff_for_manager(
            request.user, agency.code, form.cleaned_data["staff_code"]
        )
        done = call_service(
            form,
            lambda: services.rotation_plan_add(
                actor=request.user,
                member=member,
                year=year,
                planned_on=form.cleaned_data["planned_on"],
                note=form.cleaned_data["note"],
            ),
        )
        if done:
            messages.success(request, _("Added to the rotation plan."))
        else:
            for error in form.non_field_errors() or form.errors.get("planned_on", []):
                messages.error(request, error)
    return redirect(target)


@login_required
@require_POST
def quota_set_view(request: HttpRequest) -> HttpResponse:
    """Set one unit's staffing quota for the year from the placement screen."""
    agency = chosen_agency(request)
    year = chosen_year(request)
    if not services.may_manage(request.user, agency):
        raise PermissionDenied
    form = QuotaForm(request.POST)
    target = f"{reverse('people:placement')}?agency={agency.code}&year={year}#staffing"
    if form.is_valid():
        unit = get_object_or_404(Unit, agency=agency, code=form.cleaned_data["unit"])
        done = call_service(
            form,
            lambda: services.quota_set(
                actor=request.user, unit=unit, year=year, quota=form.cleaned_data["quota"]
            ),
        )
        if done:
            messages.success(request, _("Staffing quota saved."))
            return redirect(target)
    for error in form.non_field_errors() or form.errors.get("quota", []):
        messages.error(request, error)
    return redirect(target)

"""The outreach register: list, yearly plan against done, activity with its effect on the
online share of the procedures it targets."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parindex.audit.selectors import history_for
from parindex.citizens import selectors
from parindex.citizens.filters import OutreachFilter
from parindex.citizens.forms import OutreachForm
from parindex.citizens.models import OutreachActivity
from parindex.citizens.services import outreach as services
from parindex.citizens.tables import OUTREACH_COLUMNS
from parindex.common.forms import form_page
from parindex.common.listing import render_list
from parindex.common.periods import year_param
from parindex.org import access
from parindex.org.access import Action, can, get_object_for_user


def _writable_agency(user):
    """The agency where the user may add activities (secretariat or unit head), or None."""
    from parindex.org.models import Agency, Unit

    ids = set(access.managed_agency_ids(user)) | set(
        Unit.objects.filter(pk__in=access.head_unit_ids(user)).values_list("agency_id", flat=True)
    )
    if access.is_admin(user):
        return Agency.objects.order_by("code").first()
    return Agency.objects.filter(pk__in=ids).order_by("code").first()


@login_required
def outreach_list(request: HttpRequest) -> HttpResponse:
    year = year_param(request.GET.get("year"), timezone.localdate().year)
    plans = []
    from parindex.org.models import Agency

    agencies = Agency.objects.restrict(request.user).filter(is_active=True).order_by("code")
    for agency in agencies[:5]:
        units = selectors.unit_reach(request.user, agency)
        if units is not None and not units:
            units = []
        plans.append(selectors.outreach_plan(agency, year, units=units))
    return render_list(
        request,
        queryset=selectors.outreach_for_user(request.user),
        columns=OUTREACH_COLUMNS,
        filterset_class=OutreachFilter,
        title=_("Outreach register"),
        export_name="outreach",
        template="citizens/outreach_list.html",
        empty_message=_("No outreach activity yet."),
        context={
            "plans": plans,
            "year": year,
            "can_add": _writable_agency(request.user) is not None,
        },
    )


def _form_data(form) -> dict:
    data = dict(form.cleaned_data)
    procedures = list(data.pop("procedures"))
    return {"procedures": procedures, **data}


@login_required
@require_http_methods(["GET", "POST"])
def outreach_new(request: HttpRequest) -> HttpResponse:
    agency = _writable_agency(request.user)
    if agency is None:
        raise PermissionDenied
    form = OutreachForm(request.POST or None, agency=agency)
    return form_page(
        request,
        form,
        lambda data: services.outreach_create(
            actor=request.user, agency=agency, **_form_data(form)
        ),
        _("Saved."),
        {"title": _("New outreach activity"), "cancel_url": "/citizens/outreach/"},
    )


@login_required
def outreach_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_for_user(
        OutreachActivity.objects.select_related("agency", "unit"), request.user, pk=pk
    )
    return render(
        request,
        "citizens/outreach_detail.html",
        {
            "activity": activity,
            "title": activity.topic,
            "effects": selectors.outreach_effect(activity),
            "can_change": can(request.user, Action.CHANGE, activity),
            "history": history_for(activity),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def outreach_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_for_user(
        OutreachActivity.objects.select_related("agency", "unit"), request.user, write=True, pk=pk
    )
    initial = {
        "kind": activity.kind,
        "topic": activity.topic,
        "audience": activity.audience,
        "unit": activity.unit_id,
        "planned_on": activity.planned_on,
        "done_on": activity.done_on,
        "participants": activity.participants,
        "procedures": list(activity.procedures.all()),
        "note": activity.note,
    }
    form = OutreachForm(request.POST or None, agency=activity.agency, initial=initial)
    return form_page(
        request,
        form,
        lambda data: services.outreach_update(
            actor=request.user, activity=activity, **_form_data(form)
        ),
        _("Saved."),
        {
            "title": activity.topic,
            "cancel_url": activity.get_absolute_url(),
            "history": history_for(activity),
        },
        then=activity,
    )

"""Who leads what: the agency's assignments of criteria to units."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from parindex.audit.selectors import history_for
from parindex.common.errors import DomainError
from parindex.common.forms import call_service
from parindex.org.access import Action, can
from parindex.org.models import Membership, Unit, User
from parindex.scorecards import selectors, services
from parindex.scorecards.forms import (
    AssignmentForm,
)
from parindex.scorecards.models import Assignment, Node

# Assignments --------------------------------------------------------------------------------


@login_required
def assignments(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    assessment = selectors.get_assessment_for_user(request.user, agency, year)
    rows = selectors.assignment_rows(assessment.agency, assessment.framework)
    can_change = can(request.user, Action.CHANGE, assessment.agency)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        try:
            count = services.assignments_carry_over(
                actor=request.user,
                agency=assessment.agency,
                from_year=int(request.POST.get("from_year", year - 1)),
                to_year=year,
            )
            messages.success(request, _("%(count)s assignments carried over.") % {"count": count})
        except (DomainError, ValueError) as exc:
            messages.error(request, getattr(exc, "message", str(exc)))
        return redirect("scorecards:assignments", agency, year)
    return render(
        request,
        "scorecards/assignments.html",
        {
            "title": _("Assignments — %(agency)s %(year)s") % {"agency": agency, "year": year},
            "assessment": assessment,
            "rows": rows,
            "can_change": can_change,
            "missing": sum(1 for r in rows if r["missing"]),
            "as_last_year": sum(1 for r in rows if r["as_last_year"]),
            "previous_year": year - 1,
        },
    )


@login_required
def assignment_edit(request: HttpRequest, agency: str, year: int, code: str) -> HttpResponse:
    assessment = selectors.get_assessment_for_user(request.user, agency, year)
    if not can(request.user, Action.CHANGE, assessment.agency):
        raise PermissionDenied
    node = get_object_or_404(Node, framework=assessment.framework, code=code)
    current = Assignment.objects.filter(agency=assessment.agency, node=node).first()
    units = Unit.objects.filter(agency=assessment.agency, is_active=True).order_by("code")
    people = User.objects.filter(
        pk__in=Membership.objects.filter(unit__agency=assessment.agency).values("user_id")
    ).order_by("full_name")
    initial = {}
    if current:
        initial = {
            "lead_unit": current.lead_unit,
            "responsible": current.responsible,
            "cooperating_units": list(current.cooperating_units.all()),
        }
    form = AssignmentForm(request.POST or None, initial=initial, units=units, people=people)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = call_service(
            form,
            lambda: (
                services.assignment_set(
                    actor=request.user,
                    agency=assessment.agency,
                    node=node,
                    lead_unit=data["lead_unit"],
                    cooperating_units=list(data["cooperating_units"]),
                    responsible=data["responsible"],
                )
                or True
            ),
        )
        if result:
            messages.success(request, _("Assignment saved."))
            return redirect("scorecards:assignments", agency, year)
    return render(
        request,
        "scorecards/assignment_form.html",
        {
            "form": form,
            "title": _("Assign %(code)s") % {"code": node.code},
            "node": node,
            "cancel_url": reverse("scorecards:assignments", args=[agency, year]),
            "history": history_for(current) if current else None,
        },
    )

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parindex.audit.selectors import history_for
from parindex.common.forms import call_service
from parindex.org import access
from parindex.people import selectors, services
from parindex.people.documents import DOCX_TYPE, rating_form_docx
from parindex.people.figures import default_as_of
from parindex.people.forms import DecisionForm, ProposalForm, SeasonForm, SelfAssessmentForm
from parindex.people.models import LIST, Rating, StaffMember
from parindex.people.parfile import par_file
from parindex.people.views._common import chosen_agency


def _cap_message(request: HttpRequest, status) -> None:
    if status.over:
        messages.warning(
            request,
            _(
                "“Excellent” is above the cap: %(excellent)s against %(cap)s allowed "
                "(%(percent)s %% of %(good)s rated “good”). The decision stays yours."
            )
            % {
                "excellent": status.excellent,
                "cap": status.cap,
                "percent": status.cap_percent.normalize(),
                "good": status.good,
            },
        )


@login_required
def season_list(request: HttpRequest) -> HttpResponse:
    agency = chosen_agency(request)
    may_manage = services.may_manage(request.user, agency)
    form = SeasonForm(request.POST or None) if may_manage else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            season = call_service(
                form,
                lambda: services.season_open(
                    actor=request.user,
                    agency=agency,
                    year=form.cleaned_data["year"],
                    excellent_cap_percent=form.cleaned_data["excellent_cap_percent"],
                ),
            )
            if season:
                messages.success(request, _("Rating season opened."))
                return redirect(season.get_absolute_url())
    return render(
        request,
        "people/season_list.html",
        {
            "agency": agency,
            "seasons": selectors.seasons_for_user(request.user).filter(agency=agency),
            "form": form,
        },
    )


@login_required
def season_detail(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    season = selectors.get_season_for_user(request.user, agency, year)
    people = (
        StaffMember.objects.restrict(request.user, LIST)
        .filter(agency=season.agency)
        .select_related("unit", "position")
        .order_by("unit__code", "full_name")
    )
    ratings = {r.staff_id: r for r in Rating.objects.restrict(request.user).filter(season=season)}
    rows = [(m, ratings.get(m.pk)) for m in people if m.is_present(default_as_of(season.year))]
    return render(
        request,
        "people/season_detail.html",
        {
            "season": season,
            "rows": rows,
            "proposed": services.cap_status(season),
            "decided": services.cap_status(season, stage="decided"),
            "see_counts": selectors.sees_full_records(request.user, season.agency),
        },
    )


def _member_for_rating(request: HttpRequest, agency: str, code: str) -> StaffMember:
    """The person whose rating page the user may open: themself, a head's unit member, or any
    person of the agency for the secretariat and the leaders."""
    return get_object_or_404(
        StaffMember.objects.restrict(request.user, LIST).select_related(
            "agency", "unit", "position", "user"
        ),
        agency__code=agency,
        code=code,
    )


@login_required
def rating_detail(request: HttpRequest, agency: str, year: int, code: str) -> HttpResponse:
    season = selectors.get_season_for_user(request.user, agency, year)
    member = _member_for_rating(request, agency, code)
    rating = Rating.objects.filter(season=season, staff=member).first()
    file = par_file(member, season.year)
    own = member.user_id == request.user.pk
    leader = access.is_admin(request.user) or access.is_leader_of(request.user, season.agency_id)
    head = access.heads_unit(request.user, member.unit_id) and not own
    decided = bool(rating and rating.decided_level)
    return render(
        request,
        "people/rating_detail.html",
        {
            "season": season,
            "member": member,
            "rating": rating,
            "file": file,
            "self_form": SelfAssessmentForm(
                initial={
                    "self_assessment": getattr(rating, "self_assessment", ""),
                    "self_level": getattr(rating, "self_level", ""),
                }
            )
            if own and season.is_open and not decided
            else None,
            "propose_form": ProposalForm(
                initial={
                    "proposed_level": getattr(rating, "proposed_level", ""),
                    "head_comment": getattr(rating, "head_comment", ""),
                }
            )
            if (head or leader) and not own and season.is_open and not decided
            else None,
            "decide_form": DecisionForm(
                initial={"decided_level": getattr(rating, "decided_level", "")}
            )
            if leader and season.is_open
            else None,
            "history": history_for(rating) if rating else [],
        },
    )


def _post(request, agency, year, code, form_class, service, done_message):
    """One step of a rating posted from its page: the form's fields, under the service's names
    (form_class.service_names), go to the service; the page says what came of it."""
    season = selectors.get_season_for_user(request.user, agency, year)
    member = _member_for_rating(request, agency, code)
    form = form_class(request.POST)
    result = None
    if form.is_valid():
        names = form_class.service_names
        arguments = {names[field]: value for field, value in form.cleaned_data.items()}
        result = call_service(
            form,
            lambda: service(actor=request.user, season=season, member=member, **arguments),
        )
    if result is None:
        for error in form.errors.values():
            for message in error:
                messages.error(request, message)
    else:
        messages.success(request, done_message)
        if isinstance(result, tuple):
            _cap_message(request, result[1])
    return redirect("people:rating_detail", agency, year, code)


@login_required
@require_POST
def rating_self(request: HttpRequest, agency: str, year: int, code: str) -> HttpResponse:
    saved = _("Self-assessment saved.")
    return _post(
        request, agency, year, code, SelfAssessmentForm, services.rating_self_assess, saved
    )


@login_required
@require_POST
def rating_propose(request: HttpRequest, agency: str, year: int, code: str) -> HttpResponse:
    saved = _("Proposal saved.")
    return _post(request, agency, year, code, ProposalForm, services.rating_propose, saved)


@login_required
@require_POST
def rating_decide(request: HttpRequest, agency: str, year: int, code: str) -> HttpResponse:
    saved = _("Decision recorded.")
    return _post(request, agency, year, code, DecisionForm, services.rating_decide, saved)


@login_required
def rating_form(request: HttpRequest, agency: str, year: int, code: str) -> HttpResponse:
    season = selectors.get_season_for_user(request.user, agency, year)
    member = _member_for_rating(request, agency, code)
    rating = Rating.objects.filter(season=season, staff=member).first()
    data = rating_form_docx(par_file(member, season.year), rating)
    response = HttpResponse(data, content_type=DOCX_TYPE)
    name = slugify(f"phieu-danh-gia-{season.year}-{member.code}") or "phieu-danh-gia"
    response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
    return response

"""The pages citizens and businesses reach without an account (QR codes, posters, the portal).

Each is small, works without JavaScript, and is guarded: CSRF on every form (Django's
middleware), a body size limit, a rate limit per address, and a honeypot field.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from parindex.citizens.forms import SurveyAnswerForm
from parindex.citizens.models import Survey
from parindex.citizens.public import is_robot, max_body, rate_limited
from parindex.citizens.services.invitations import (
    InvitationRefused,
    check_public,
    invitation_for_token,
    survey_answer_by_invitation,
    survey_answer_open,
)
from parindex.common.errors import DomainError
from parindex.dossiers.models import Procedure

#: A survey form is a few kilobytes; anything much larger is not one.
SURVEY_BODY_LIMIT = 32 * 1024
#: Answers through a receipt's link (each link answers once anyway).
TOKEN_POSTS_PER_HOUR = 30
#: Answers through a poster's open link, per address and hour.
OPEN_POSTS_PER_HOUR = 10


def _refused(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "citizens/public/refused.html", {"message": message}, status=410)


def _survey_page(
    request: HttpRequest,
    survey: Survey,
    procedure: Procedure | None,
    save: Callable[[dict], object],
    refusals: tuple[type[DomainError], ...] = (),
) -> HttpResponse:
    """The public survey form. Valid answers are saved by `save` and thanked (a robot's are
    thanked and dropped); an error among `refusals` ends on the refusal page, any other
    refusal is shown on the form."""
    form = SurveyAnswerForm(request.POST or None, survey=survey)
    if request.method == "POST" and form.is_valid():
        if is_robot(request):
            return redirect("citizens:public_thanks")
        try:
            save(form.answers())
        except refusals as exc:
            return _refused(request, exc.message)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("citizens:public_thanks")
    return render(
        request,
        "citizens/public/survey.html",
        {
            "form": form,
            "survey": survey,
            "agency": survey.agency,
            "procedure": procedure,
            "title": survey.title,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@max_body(SURVEY_BODY_LIMIT)
@rate_limited("survey-token", TOKEN_POSTS_PER_HOUR, 3600)
def survey_by_token(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = invitation_for_token(token)
        check_public(invitation.survey)
    except InvitationRefused as exc:
        return _refused(request, exc.message)
    return _survey_page(
        request,
        invitation.survey,
        invitation.dossier.procedure,
        lambda answers: survey_answer_by_invitation(token=token, answers=answers),
        refusals=(InvitationRefused,),
    )


@never_cache
@require_http_methods(["GET", "POST"])
@max_body(SURVEY_BODY_LIMIT)
@rate_limited("survey-open", OPEN_POSTS_PER_HOUR, 3600)
def survey_open(
    request: HttpRequest, agency: str, survey: str, procedure: str | None = None
) -> HttpResponse:
    the_survey = get_object_or_404(
        Survey.objects.select_related("agency"), agency__code=agency, code=survey
    )
    the_procedure = None
    if procedure is not None:
        the_procedure = get_object_or_404(
            Procedure.objects.select_related("unit"), agency=the_survey.agency, code=procedure
        )
    try:
        check_public(the_survey)
    except InvitationRefused as exc:
        return _refused(request, exc.message)
    return _survey_page(
        request,
        the_survey,
        the_procedure,
        lambda answers: survey_answer_open(
            survey=the_survey, answers=answers, procedure=the_procedure
        ),
    )


def survey_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "citizens/public/thanks.html")

"""The citizens' voice API (/api/v1/citizens): surveys and their index, desk entries,
invitations, feedback and outreach — the same services and access rules as the screens."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from parindex.citizens import selectors
from parindex.citizens.models import ENTER, OutreachActivity
from parindex.citizens.qr import public_url
from parindex.citizens.services import feedback as feedback_services
from parindex.citizens.services import invitations
from parindex.citizens.services import outreach as outreach_services
from parindex.citizens.services import surveys as survey_services
from parindex.common.api import schema_of
from parindex.common.errors import DomainError
from parindex.common.periods import PlausibleDate
from parindex.dossiers.models import Dossier, Procedure
from parindex.org.access import can, get_object_for_user
from parindex.org.models import Agency, Unit

router = Router(tags=["citizens"])


class SurveyOut(Schema):
    agency: str
    code: str
    year: int
    title: str
    is_open: bool


def _survey_out(survey) -> SurveyOut:
    return schema_of(SurveyOut, survey, agency=survey.agency.code)


@router.get("/surveys", response=list[SurveyOut])
def list_surveys(request: HttpRequest):
    return [_survey_out(s) for s in selectors.surveys_for_user(request.user)[:500]]


class IndexQuery(Schema):
    date_from: PlausibleDate | None = Field(None, alias="from")
    date_to: PlausibleDate | None = Field(None, alias="to")
    by: str | None = None


@router.get("/surveys/{agency}/{code}/index")
def survey_index(request: HttpRequest, agency: str, code: str, query: Query[IndexQuery]):
    """The docs/formats.md §10 document, narrowed to the caller's units when they do not read the whole
    agency."""
    survey = selectors.get_survey_for_user(request.user, agency, code)
    if query.by is not None and query.by not in selectors.GROUPINGS:
        raise DomainError("by: unit, procedure or channel", field="by")
    units = selectors.unit_reach(request.user, survey.agency)
    try:
        return selectors.survey_index(
            survey, query.date_from, query.date_to, by=query.by, units=units
        )
    except ValueError as exc:
        raise DomainError(str(exc)) from None


class EntryIn(Schema):
    code: str
    answered_on: dt.date
    source: str = "paper"
    procedure: str | None = None
    unit: str | None = None
    channel: int | None = Field(None, ge=1, le=3)
    answers: dict[str, Any]


@router.post("/surveys/{agency}/{code}/responses", response={201: dict})
def enter_response(request: HttpRequest, agency: str, code: str, payload: EntryIn):
    """A paper or phone form entered at the desk (answers keyed by question code)."""
    survey = selectors.get_survey_for_user(request.user, agency, code)
    if not can(request.user, ENTER, survey):
        raise PermissionDenied
    procedure = unit = None
    if payload.procedure:
        procedure = Procedure.objects.filter(agency=survey.agency, code=payload.procedure).first()
        if procedure is None:
            raise DomainError("unknown procedure", field="procedure")
    if payload.unit:
        unit = Unit.objects.filter(agency=survey.agency, code=payload.unit).first()
        if unit is None:
            raise DomainError("unknown unit", field="unit")
    response = survey_services.survey_response_enter(
        actor=request.user,
        survey=survey,
        code=payload.code,
        answered_on=payload.answered_on,
        source=payload.source,
        answers=payload.answers,
        procedure=procedure,
        unit=unit,
        channel=payload.channel,
    )
    return Status(201, {"code": response.code, "answers": response.answers.count()})


class InvitationIn(Schema):
    dossier: str


@router.post("/surveys/{agency}/{code}/invitations", response={201: dict})
def make_invitation(request: HttpRequest, agency: str, code: str, payload: InvitationIn):
    """An invitation for a dossier's receipt: the link to print (shown once)."""
    from django.urls import reverse

    survey = selectors.get_survey_for_user(request.user, agency, code)
    dossier = Dossier.objects.filter(agency=survey.agency, code=payload.dossier).first()
    if dossier is None:
        raise Http404
    token = invitations.invitation_create(actor=request.user, survey=survey, dossier=dossier)
    return Status(201, {"url": public_url(reverse("citizens:public_token", args=[token]))})


class FeedbackOut(Schema):
    code: str
    agency: str
    kind: str
    subject: str
    content: str
    procedure: str | None
    unit: str | None
    state: str
    received_at: dt.datetime
    due_on: dt.date
    answer: str
    answered_on: dt.date | None
    published_on: dt.date | None


def _feedback_out(item) -> FeedbackOut:
    return schema_of(
        FeedbackOut,
        item,
        agency=item.agency.code,
        procedure=item.procedure.code if item.procedure else None,
        unit=item.unit.code if item.unit else None,
    )


class FeedbackFilters(Schema):
    state: str | None = None
    overdue: bool | None = None
    limit: int = Field(100, ge=1, le=1000)
    offset: int = Field(0, ge=0)


@router.get("/feedback", response=list[FeedbackOut])
def list_feedback(request: HttpRequest, filters: Query[FeedbackFilters]):
    from django.utils import timezone

    qs = selectors.feedback_for_user(request.user).order_by("-received_at", "code")
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.overdue is True:
        qs = qs.filter(answered_on__isnull=True, due_on__lt=timezone.localdate())
    return [_feedback_out(i) for i in qs[filters.offset : filters.offset + filters.limit]]


@router.get("/feedback/{code}", response=FeedbackOut)
def get_feedback(request: HttpRequest, code: str):
    return _feedback_out(selectors.get_feedback_for_user(request.user, code))


class AssignIn(Schema):
    unit: str


@router.post("/feedback/{code}/assign", response=FeedbackOut)
def assign_feedback(request: HttpRequest, code: str, payload: AssignIn):
    item = selectors.get_feedback_for_user(request.user, code)
    unit = Unit.objects.filter(agency=item.agency, code=payload.unit).first()
    if unit is None:
        raise DomainError("unknown unit", field="unit")
    return _feedback_out(
        feedback_services.feedback_assign(actor=request.user, item=item, unit=unit)
    )


class AnswerIn(Schema):
    answer: str


@router.post("/feedback/{code}/answer", response=FeedbackOut)
def answer_feedback(request: HttpRequest, code: str, payload: AnswerIn):
    item = selectors.get_feedback_for_user(request.user, code)
    return _feedback_out(
        feedback_services.feedback_answer(actor=request.user, item=item, answer=payload.answer)
    )


@router.post("/feedback/{code}/publish", response=FeedbackOut)
def publish_feedback(request: HttpRequest, code: str):
    item = selectors.get_feedback_for_user(request.user, code)
    return _feedback_out(feedback_services.feedback_publish(actor=request.user, item=item))


class OutreachIn(Schema):
    agency: str
    unit: str
    kind: str
    topic: str
    audience: str = ""
    planned_on: dt.date
    done_on: dt.date | None = None
    participants: int | None = Field(None, ge=0, le=1_000_000)
    procedures: list[str] = []
    note: str = ""


class OutreachOut(Schema):
    id: int
    agency: str
    unit: str
    kind: str
    topic: str
    audience: str
    planned_on: dt.date
    done_on: dt.date | None
    participants: int | None
    procedures: list[str]


def _outreach_out(activity) -> OutreachOut:
    return schema_of(
        OutreachOut,
        activity,
        agency=activity.agency.code,
        unit=activity.unit.code,
        procedures=sorted(p.code for p in activity.procedures.all()),
    )


@router.get("/outreach", response=list[OutreachOut])
def list_outreach(request: HttpRequest, year: int | None = None):
    qs = selectors.outreach_for_user(request.user).order_by("-planned_on", "pk")
    if year is not None:
        qs = qs.filter(planned_on__year=year)
    return [_outreach_out(a) for a in qs[:1000]]


@router.post("/outreach", response={201: OutreachOut})
def create_outreach(request: HttpRequest, payload: OutreachIn):
    agency = get_object_or_404(Agency, code=payload.agency)
    unit = Unit.objects.filter(agency=agency, code=payload.unit).first()
    if unit is None:
        raise DomainError("unknown unit", field="unit")
    procedures = list(Procedure.objects.filter(agency=agency, code__in=payload.procedures))
    if len(procedures) != len(set(payload.procedures)):
        raise DomainError("unknown procedure", field="procedures")
    activity = outreach_services.outreach_create(
        actor=request.user,
        agency=agency,
        unit=unit,
        kind=payload.kind,
        topic=payload.topic,
        audience=payload.audience,
        planned_on=payload.planned_on,
        done_on=payload.done_on,
        participants=payload.participants,
        note=payload.note,
        procedures=procedures,
    )
    return Status(201, _outreach_out(activity))


@router.get("/outreach/{pk}/effect")
def outreach_effect(request: HttpRequest, pk: int):
    """Online share of each targeted procedure, three months before and after."""
    activity = get_object_for_user(
        OutreachActivity.objects.select_related("agency"), request.user, pk=pk
    )
    return {"id": activity.pk, "procedures": selectors.outreach_effect(activity)}


@router.get("/outreach/plan")
def outreach_plan(request: HttpRequest, agency: str, year: int):
    """The year's outreach plan against what was done, by unit (the caller's units only when
    they do not read the whole agency)."""
    the_agency = get_object_for_user(Agency.objects.all(), request.user, code=agency)
    units = selectors.unit_reach(request.user, the_agency)
    return selectors.outreach_plan(the_agency, year, units=units)

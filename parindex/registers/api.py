"""API of the registers (under /api/v1/registers): the same selectors, services and rights."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from parindex.common.api import given, schema_of
from parindex.common.api_imports import ImportOut, RefusedOut, run_import
from parindex.common.periods import PlausibleDate, PlausibleYear
from parindex.org.access import can
from parindex.org.models import Agency, Unit
from parindex.registers import figures, selectors, services, uploads
from parindex.registers.models import RESOLVE

router = Router(tags=["registers"])
LIMIT = 1000


class DocumentOut(Schema):
    agency: str
    code: str
    title: str
    form: str
    lead_unit: str
    plan_year: int
    submission_due: dt.date
    sent_for_appraisal: dt.date | None
    appraisal_received: dt.date | None
    submitted_on: dt.date | None
    issued_on: dt.date | None
    number: str
    published_on: dt.date | None
    withdrawn_on: dt.date | None
    stage: str
    late: bool


class DocumentIn(Schema):
    agency: str
    code: str
    title: str
    lead_unit: str
    plan_year: int
    submission_due: dt.date
    form: str = ""
    consultation_from: dt.date | None = None
    consultation_to: dt.date | None = None
    sent_for_appraisal: dt.date | None = None
    appraisal_received: dt.date | None = None
    submitted_on: dt.date | None = None
    issued_on: dt.date | None = None
    number: str = ""
    published_on: dt.date | None = None
    withdrawn_on: dt.date | None = None


class DocumentPatch(Schema):
    title: str | None = None
    form: str | None = None
    submission_due: dt.date | None = None
    consultation_from: dt.date | None = None
    consultation_to: dt.date | None = None
    sent_for_appraisal: dt.date | None = None
    appraisal_received: dt.date | None = None
    submitted_on: dt.date | None = None
    issued_on: dt.date | None = None
    number: str | None = None
    published_on: dt.date | None = None
    withdrawn_on: dt.date | None = None


class InspectionOut(Schema):
    agency: str
    code: str
    subject: str
    kind: str
    plan_year: int
    planned: bool
    unit: str
    target: str
    target_unit: str | None
    decision_on: dt.date | None
    conclusion_due: dt.date | None
    concluded_on: dt.date | None
    conclusion_number: str
    fines: int | None
    recoveries: int | None
    conclusion_late: bool


class RecommendationIn(Schema):
    text: str
    unit: str
    due_date: dt.date
    code: str = ""
    amount: int | None = None
    criterion: str = ""


class NewRecommendationIn(RecommendationIn):
    agency: str
    source: str = "other"
    source_reference: str = ""


class ConclusionIn(Schema):
    concluded_on: dt.date
    conclusion_number: str = ""
    conclusion: str = ""
    fines: int | None = None
    recoveries: int | None = None
    recommendations: list[RecommendationIn] = []


class RecommendationOut(Schema):
    agency: str
    code: str
    source: str
    inspection: str | None
    review: str | None
    source_reference: str
    text: str
    unit: str
    due_date: dt.date
    done_on: dt.date | None
    amount: int | None
    criterion: str
    state: str
    task: int | None


class ResolveIn(Schema):
    done_on: dt.date | None = None
    evidence_reference: str
    note: str = ""


class ReopenIn(Schema):
    note: str


def _document_out(d) -> DocumentOut:
    return schema_of(
        DocumentOut,
        d,
        agency=d.agency.code,
        lead_unit=d.lead_unit.code,
        stage=d.stage(),
        late=d.is_late(),
    )


def _inspection_out(i) -> InspectionOut:
    return schema_of(
        InspectionOut,
        i,
        agency=i.agency.code,
        unit=i.unit.code,
        target_unit=i.target_unit.code if i.target_unit else None,
        conclusion_late=i.conclusion_late(),
    )


def _rec_out(r) -> RecommendationOut:
    return schema_of(
        RecommendationOut,
        r,
        agency=r.agency.code,
        inspection=r.inspection.code if r.inspection_id else None,
        review=r.review.code if r.review_id else None,
        unit=r.unit.code,
        state=r.state(),
        task=r.task_id,
    )


def _agency(request: HttpRequest, code: str) -> Agency:
    return get_object_or_404(Agency.objects.restrict(request.user), code=code)


def _unit(agency: Agency, code: str) -> Unit:
    return get_object_or_404(Unit, agency=agency, code=code)


# -- legal documents ----------------------------------------------------------------------------


@router.get("/documents", response=list[DocumentOut], summary="Legal documents the caller sees")
def document_list(request: HttpRequest, agency: str | None = None, year: int | None = None):
    qs = selectors.documents_for_user(request.user).filter(
        **given(agency__code=agency, plan_year=year)
    )
    return [_document_out(d) for d in qs[:LIMIT]]


@router.post(
    "/documents",
    response={201: DocumentOut},
    summary="Add a document to the drafting plan (secretariat, head of the lead unit)",
)
def document_create(request: HttpRequest, payload: DocumentIn):
    agency = _agency(request, payload.agency)
    data = payload.dict(exclude={"agency"})
    data["lead_unit"] = _unit(agency, data["lead_unit"])
    document = services.document_create(actor=request.user, agency=agency, **data)
    return Status(201, _document_out(document))


@router.patch(
    "/documents/{agency}/{code}", response=DocumentOut, summary="Record a step of a document"
)
def document_update(request: HttpRequest, agency: str, code: str, payload: DocumentPatch):
    document = selectors.get_document_for_user(request.user, agency, code, write=True)
    changes = payload.dict(exclude_unset=True)
    return _document_out(services.document_update(actor=request.user, document=document, **changes))


# -- inspections --------------------------------------------------------------------------------


@router.get("/inspections", response=list[InspectionOut], summary="Inspections the caller sees")
def inspection_list(request: HttpRequest, agency: str | None = None, year: int | None = None):
    qs = selectors.inspections_for_user(request.user).filter(
        **given(agency__code=agency, plan_year=year)
    )
    return [_inspection_out(i) for i in qs[:LIMIT]]


@router.post(
    "/inspections/{agency}/{code}/conclusion",
    response=list[RecommendationOut],
    summary="Record the conclusion and its recommendations (the inspectorate)",
)
def inspection_conclude(request: HttpRequest, agency: str, code: str, payload: ConclusionIn):
    inspection = selectors.get_inspection_for_user(request.user, agency, code, write=True)
    data = payload.dict()
    recs = []
    for item in data.pop("recommendations"):
        item["unit"] = _unit(inspection.agency, item["unit"])
        recs.append(item)
    made = services.inspection_conclude(
        actor=request.user, inspection=inspection, recommendations=recs, **data
    )
    return [_rec_out(r) for r in made]


# -- recommendations ----------------------------------------------------------------------------


@router.get(
    "/recommendations", response=list[RecommendationOut], summary="Recommendations the caller sees"
)
def recommendation_list(
    request: HttpRequest,
    agency: str | None = None,
    unit: str | None = None,
    state: str | None = None,
    year: int | None = None,
):
    qs = selectors.recommendations_for_user(request.user).filter(
        **given(agency__code=agency, unit__code=unit, due_date__year=year)
    )
    if state:
        from parindex.registers.models import today

        qs = qs.filter(selectors.rec_state_q(state, today()))
    return [_rec_out(r) for r in qs[:LIMIT]]


@router.post(
    "/recommendations",
    response={201: RecommendationOut},
    summary="Raise a recommendation (secretariat; inspectorate for inspections)",
)
def recommendation_create(request: HttpRequest, payload: NewRecommendationIn):
    agency = _agency(request, payload.agency)
    data = payload.dict(exclude={"agency"})
    data["unit"] = _unit(agency, data["unit"])
    rec = services.recommendation_create(actor=request.user, agency=agency, **data)
    return Status(201, _rec_out(rec))


@router.post(
    "/recommendations/{agency}/{code}/resolve",
    response=RecommendationOut,
    summary="Report a recommendation done with its evidence (the owner unit)",
)
def recommendation_resolve(request: HttpRequest, agency: str, code: str, payload: ResolveIn):
    rec = selectors.get_recommendation_for_user(request.user, agency, code)
    if not can(request.user, RESOLVE, rec):
        raise PermissionDenied
    rec = services.recommendation_resolve(actor=request.user, recommendation=rec, **payload.dict())
    return _rec_out(rec)


@router.post(
    "/recommendations/{agency}/{code}/reopen",
    response=RecommendationOut,
    summary="Reopen a done recommendation, with the reason (the owner unit, the secretariat)",
)
def recommendation_reopen(request: HttpRequest, agency: str, code: str, payload: ReopenIn):
    rec = selectors.get_recommendation_for_user(request.user, agency, code)
    if not can(request.user, RESOLVE, rec):
        raise PermissionDenied
    rec = services.recommendation_reopen(actor=request.user, recommendation=rec, note=payload.note)
    return _rec_out(rec)


# -- file imports -------------------------------------------------------------------------------


@router.post(
    "/import/{kind}",
    response={200: ImportOut, 400: RefusedOut},
    summary="Import a drafting plan (documents), inspections or recommendations file "
    "(same rules as the commands)",
)
def import_file(
    request: HttpRequest,
    kind: str,
    agency: Form[str],
    file: File[UploadedFile],
    skip_invalid: Form[bool] = False,
):
    if kind not in uploads.KINDS:
        raise Http404
    found = _agency(request, agency)
    _label, importer, allowed = uploads.KINDS[kind]
    if not allowed(request.user, found.pk):
        raise PermissionDenied
    return run_import(importer, file, agency=found, actor=request.user, skip_invalid=skip_invalid)


# -- figures ------------------------------------------------------------------------------------


@router.get("/figures/legal", summary="legal_figures as JSON (same document as the command)")
def legal_figures(
    request: HttpRequest, agency: str, year: PlausibleYear, as_of: PlausibleDate | None = None
):
    found = _agency(request, agency)
    return figures.legal_figures(found, year, as_of or figures.default_as_of(year))


@router.get(
    "/figures/inspections", summary="inspection_figures as JSON (same document as the command)"
)
def inspection_figures(
    request: HttpRequest, agency: str, year: PlausibleYear, as_of: PlausibleDate | None = None
) -> Any:
    found = _agency(request, agency)
    return figures.inspection_figures(found, year, as_of or figures.default_as_of(year))

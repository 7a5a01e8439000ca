"""The dossier API: a one-stop system pushes dossiers; anyone allowed reads lists and figures."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status

from parindex.common import tabular
from parindex.common.api import given, schema_of
from parindex.common.api_imports import MAX_ERRORS, ImportOut, RefusedOut
from parindex.common.db import reads_from_replica
from parindex.common.periods import PlausibleDate
from parindex.dossiers import selectors, services
from parindex.dossiers.choices import ImportKind
from parindex.dossiers.figures import GROUPINGS, dossier_figures, procedure_review
from parindex.dossiers.measures import apology_figures, publication_figures
from parindex.dossiers.models import ProcedureReview
from parindex.dossiers.services.measures import (
    apology_slip_record,
    procedure_review_decide,
    procedure_review_propose,
)
from parindex.dossiers.services.runs import import_run_record

router = Router(tags=["dossiers"])

MAX_PUSH = 5000


class BulkIn(Schema):
    agency: str
    rows: list[dict[str, Any]] = Field(
        ..., description="objects with the docs/formats.md §5 fields"
    )
    skip_invalid: bool = False
    create_procedures: bool = False


class BulkOut(ImportOut):
    # A push answers with the counts of a file import.
    pass


class DossierOut(Schema):
    agency: str
    code: str
    procedure: str
    unit: str | None
    channel: int
    received_at: dt.datetime
    due_at: dt.datetime
    finished_at: dt.datetime | None
    returned_at: dt.datetime | None
    ended_at: dt.datetime | None
    status: int
    supplement_count: int
    online_payment: int


class DossierFilters(Schema):
    agency: str | None = None
    procedure: str | None = None
    unit: str | None = None
    status: int | None = None
    channel: int | None = None
    received_from: PlausibleDate | None = None
    received_to: PlausibleDate | None = None
    limit: int = Field(100, ge=1, le=1000)
    offset: int = Field(0, ge=0)


class PeriodQuery(Schema):
    agency: str
    date_from: PlausibleDate = Field(..., alias="from")
    date_to: PlausibleDate = Field(..., alias="to")
    by: str | None = None
    top: int = 10


class ProcedureOut(Schema):
    agency: str
    code: str
    name: str
    field: str
    unit: str | None
    time_limit: float | None
    limit_unit: str
    online_level: str
    fee: int
    is_active: bool
    published_on: dt.date | None = None
    basis_effective_on: dt.date | None = None


def _dossier(d: Any) -> DossierOut:
    return schema_of(
        DossierOut,
        d,
        agency=d.agency.code,
        procedure=d.procedure.code,
        unit=d.unit.code if d.unit else None,
    )


@router.post(
    "/bulk",
    response={200: BulkOut, 400: RefusedOut},
    summary="Create or update dossiers by code (idempotent)",
)
def bulk(request: HttpRequest, payload: BulkIn):
    """Same fields, names and checks as the file import (docs/formats.md §5); all or nothing unless
    ``skip_invalid``. Row numbers in ``errors`` are 1-based positions in ``rows``."""
    if len(payload.rows) > MAX_PUSH:
        return Status(400, {"detail": f"at most {MAX_PUSH} rows per request", "errors": []})
    # Each push is recorded as an import run, as a file would be, refused or not.
    record = partial(
        import_run_record,
        actor=request.user,
        agency=selectors.pick_agency(request.user, payload.agency),
        kind=ImportKind.DOSSIERS,
        file_name="API",
        path=None,
    )
    try:
        result = services.dossiers_push(
            actor=request.user,
            agency_code=payload.agency,
            rows=payload.rows,
            skip_invalid=payload.skip_invalid,
            create_procedures=payload.create_procedures,
        )
    except tabular.ImportRefused as exc:
        record(result=None, refused=exc)
        return Status(
            400,
            {
                "detail": "nothing was imported: invalid rows",
                "errors": [e.as_dict() for e in exc.errors[:MAX_ERRORS]],
            },
        )
    record(result=result)
    data = result.as_dict()
    data["errors"] = data["errors"][:MAX_ERRORS]
    return Status(200, data)


@router.get("/dossiers", response=list[DossierOut], summary="Dossiers the caller may see")
def dossier_list(request: HttpRequest, filters: Query[DossierFilters]):
    qs = selectors.dossiers_for_user(request.user).filter(
        **given(
            agency__code=filters.agency,
            procedure__code=filters.procedure,
            unit__code=filters.unit,
            received_on__gte=filters.received_from,
            received_on__lte=filters.received_to,
        )
    )
    if filters.status is not None:
        qs = qs.filter(status=filters.status)
    if filters.channel is not None:
        qs = qs.filter(channel=filters.channel)
    qs = qs.order_by("agency__code", "code")[filters.offset : filters.offset + filters.limit]
    return [_dossier(d) for d in qs]


@router.get("/dossiers/{agency}/{code}", response=DossierOut, summary="One dossier")
def dossier_detail(request: HttpRequest, agency: str, code: str):
    return _dossier(selectors.get_dossier_for_user(request.user, agency, code))


@router.get("/procedures", response=list[ProcedureOut], summary="The procedure catalogue")
def procedure_list(
    request: HttpRequest,
    agency: str | None = None,
    online_level: str | None = None,
    limit: int = 1000,
    offset: int = 0,
):
    qs = selectors.procedures_for_user(request.user).filter(
        **given(agency__code=agency, online_level=online_level)
    )
    limit = max(1, min(limit, 1000))
    return [
        schema_of(
            ProcedureOut,
            p,
            agency=p.agency.code,
            unit=p.unit.code if p.unit else None,
            time_limit=float(p.time_limit) if p.time_limit is not None else None,
        )
        for p in qs[offset : offset + limit]
    ]


def _scoped(request: HttpRequest, agency_code: str):
    agency = selectors.pick_agency(request.user, agency_code)
    units = selectors.unit_scope(request.user, agency)
    if units is not None and not units:
        raise PermissionDenied
    return agency, units


@router.get("/figures", summary="Dossier figures (docs/formats.md §6), within the caller's scope")
@reads_from_replica
def figures(request: HttpRequest, period: Query[PeriodQuery]):
    if period.by is not None and period.by not in GROUPINGS:
        return Status(400, {"detail": "unknown grouping"})
    if period.date_to < period.date_from:
        return Status(400, {"detail": "the period ends before it starts"})
    found, units = _scoped(request, period.agency)
    return dossier_figures(found, period.date_from, period.date_to, by=period.by, units=units)


@router.get("/review", summary="Procedure review (docs/formats.md §6)")
@reads_from_replica
def review(request: HttpRequest, period: Query[PeriodQuery]):
    found, units = _scoped(request, period.agency)
    return procedure_review(
        found, period.date_from, period.date_to, top=max(0, period.top), units=units
    )


# -- Decision 766 measures (parindex/dossiers/measures.py) ----------------------------------------


@router.get("/publication", summary="Procedures published on time (Decision 766)")
def publication(request: HttpRequest, period: Query[PeriodQuery]):
    if period.date_to < period.date_from:
        return Status(400, {"detail": "the period ends before it starts"})
    found, units = _scoped(request, period.agency)
    return publication_figures(found, period.date_from, period.date_to, units=units)


@router.get("/apologies", summary="Late and overdue dossiers with and without an apology slip")
def apologies(request: HttpRequest, period: Query[PeriodQuery]):
    if period.date_to < period.date_from:
        return Status(400, {"detail": "the period ends before it starts"})
    found, units = _scoped(request, period.agency)
    return apology_figures(found, period.date_from, period.date_to, units=units)


class ApologyIn(Schema):
    issued_on: dt.date
    new_due_on: dt.date
    note: str = ""


class ApologyOut(Schema):
    agency: str
    dossier: str
    issued_on: dt.date
    new_due_on: dt.date
    file_name: str
    note: str


@router.put(
    "/dossiers/{agency}/{code}/apology",
    response={200: ApologyOut},
    summary="Record a late dossier's apology slip (form 04); the file goes through the page",
)
def apology_put(request: HttpRequest, agency: str, code: str, payload: ApologyIn):
    dossier = selectors.get_dossier_for_user(request.user, agency, code)
    slip = apology_slip_record(
        actor=request.user,
        dossier=dossier,
        issued_on=payload.issued_on,
        new_due_on=payload.new_due_on,
        note=payload.note,
    )
    return schema_of(ApologyOut, slip, agency=dossier.agency.code, dossier=dossier.code)


class ReviewIn(Schema):
    agency: str
    procedure: str
    proposal: str = Field(..., description="simplify | promote_online | reregister")
    proposed_level: str = Field("", description="full | partial | none, with reregister")
    reason: str = ""


class DecisionIn(Schema):
    decision: str = Field(..., description="accepted | rejected")
    decided_on: dt.date
    decision_ref: str = ""


class ReviewOut(Schema):
    id: int
    agency: str
    procedure: str
    proposal: str
    proposed_level: str
    reason: str
    decision: str
    decided_on: dt.date | None
    decision_ref: str
    created_at: dt.datetime


def _review(r: ProcedureReview) -> ReviewOut:
    return schema_of(ReviewOut, r, agency=r.agency.code, procedure=r.procedure.code)


@router.get("/procedure-reviews", response=list[ReviewOut], summary="Procedure review outcomes")
def review_list(request: HttpRequest, agency: str, limit: int = 500, offset: int = 0):
    found = selectors.pick_agency(request.user, agency)
    qs = ProcedureReview.objects.restrict(request.user).filter(agency=found)
    qs = qs.select_related("agency", "procedure")
    limit = max(1, min(limit, 1000))
    return [_review(r) for r in qs[max(0, offset) : max(0, offset) + limit]]


@router.post("/procedure-reviews", response={201: ReviewOut}, summary="Propose a change")
def review_create(request: HttpRequest, payload: ReviewIn):
    procedure = selectors.get_procedure_for_user(
        request.user, payload.agency.strip().upper(), payload.procedure, write=True
    )
    review = procedure_review_propose(
        actor=request.user,
        procedure=procedure,
        proposal=payload.proposal,
        proposed_level=payload.proposed_level,
        reason=payload.reason,
    )
    return Status(201, _review(review))


@router.post(
    "/procedure-reviews/{review_id}/decision", response=ReviewOut, summary="Decide a proposal"
)
def review_decision(request: HttpRequest, review_id: int, payload: DecisionIn):
    review = ProcedureReview.objects.restrict(request.user).select_related("agency", "procedure")
    found = review.filter(pk=review_id).first()
    if found is None:
        raise Http404
    decided = procedure_review_decide(
        actor=request.user,
        review=found,
        decision=payload.decision,
        decided_on=payload.decided_on,
        decision_ref=payload.decision_ref,
    )
    return _review(decided)

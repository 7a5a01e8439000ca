"""The reports API: list, create and download runs (the same services as the screens)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from ninja import Router, Schema

from parindex.common.api import given, schema_of
from parindex.org.access import get_object_for_user
from parindex.org.models import Agency
from parindex.reports import documents, files, periods, selectors, services
from parindex.reports.choices import FileState
from parindex.reports.registry import all_types

router = Router(tags=["reports"])


class TypeOut(Schema):
    key: str
    label: str
    type_code: str
    period_kinds: list[str]


class RunOut(Schema):
    id: str
    type: str
    type_code: str
    agency: str
    period: str
    period_start: dt.date
    period_end: dt.date
    status: str
    summary: str
    number: int | None
    reference: str | None
    issued_on: dt.date | None
    created_at: dt.datetime
    docx_url: str
    xlsx_url: str


class RunIn(Schema):
    type: str
    agency: str
    period: str


def _out(run: Any) -> RunOut:
    base = f"/api/v1/reports/runs/{run.uuid}"
    return schema_of(
        RunOut,
        run,
        id=str(run.uuid),
        type=run.type_key,
        agency=run.agency.code,
        period=run.period.key,
        reference=run.reference if run.number else None,
        docx_url=f"{base}/docx",
        xlsx_url=f"{base}/xlsx",
    )


@router.get("/types", response=list[TypeOut], summary="Report types")
def types(request: HttpRequest):
    return [
        TypeOut(
            key=t.key, label=str(t.label), type_code=t.type_code, period_kinds=list(t.period_kinds)
        )
        for t in all_types()
    ]


@router.get("/runs", response=list[RunOut], summary="Report runs the caller may read")
def runs(
    request: HttpRequest,
    agency: str | None = None,
    type: str | None = None,  # noqa: A002 - the API's field name
    status: str | None = None,
    year: int | None = None,
    limit: int = 100,
):
    qs = selectors.runs_for_user(request.user).filter(
        **given(agency__code=agency, type_key=type, status=status, period_year=year)
    )
    return [_out(r) for r in qs[: max(1, min(limit, 500))]]


@router.post("/runs", response={201: RunOut}, summary="Create a draft run (freezes the data)")
def create(request: HttpRequest, payload: RunIn):
    agency = get_object_for_user(Agency.objects.all(), request.user, code=payload.agency)
    run = services.run_create(
        actor=request.user,
        agency=agency,
        type_key=payload.type,
        period=periods.parse(payload.period),
    )
    return _out(run)  # the only response declared is 201


@router.get("/runs/{run_id}", response=RunOut, summary="One run")
def detail(request: HttpRequest, run_id: str):
    return _out(selectors.get_run_for_user(request.user, _uuid(run_id)))


@router.get("/runs/{run_id}/json", summary="One run as its JSON document (with the snapshot)")
def as_json(request: HttpRequest, run_id: str):
    return documents.json_document(selectors.get_run_for_user(request.user, _uuid(run_id)))


@router.get("/runs/{run_id}/{fmt}", summary="Download a run as DOCX, XLSX or PDF")
def download(request: HttpRequest, run_id: str, fmt: str):
    """DOCX and XLSX at once. The PDF is made in the background: 202 with its state until it
    is ready (ask again), 422 with the reason when LibreOffice failed (POST to try again)."""
    from django.http import Http404

    run = selectors.get_run_for_user(request.user, _uuid(run_id))
    if fmt == files.PDF:
        return _pdf_answer(run, files.report_file_request(actor=request.user, run=run))
    return file_response(run, fmt) or _raise(Http404())


@router.post("/runs/{run_id}/{fmt}", summary="Make the PDF again (after a failure)")
def pdf_again(request: HttpRequest, run_id: str, fmt: str):
    from django.http import Http404

    if fmt != files.PDF:
        raise Http404
    run = selectors.get_run_for_user(request.user, _uuid(run_id))
    return _pdf_answer(run, files.report_file_request(actor=request.user, run=run, again=True))


def _pdf_answer(run: Any, file: Any) -> HttpResponse:
    if file.state == FileState.DONE:
        return stored_file_response(run, file)
    status = 422 if file.state == FileState.FAILED else 202
    return JsonResponse(
        {"state": file.state, "detail": file.message or file.get_state_display()}, status=status
    )


def _raise(exc: Exception):
    raise exc


def _uuid(value: str):
    import uuid

    from django.http import Http404

    try:
        return uuid.UUID(value)
    except ValueError:
        raise Http404 from None


def stored_file_response(run: Any, file: Any) -> FileResponse:
    """A file the worker made (the PDF), as an attachment."""
    return FileResponse(
        Path(file.path).open("rb"),
        as_attachment=True,
        filename=documents.filename(run, file.fmt),
        content_type=documents.PDF_TYPE,
    )


def file_response(run: Any, fmt: str) -> HttpResponse | None:
    """The DOCX or XLSX of a run (made now), or None for another format; the PDF is made by
    the worker (reports.files)."""
    if fmt == "docx":
        data, content_type = documents.docx_bytes(run), documents.DOCX_TYPE
    elif fmt == "xlsx":
        data, content_type = documents.xlsx_bytes(run), documents.XLSX_TYPE
    else:
        return None
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{documents.filename(run, fmt)}"'
    return response

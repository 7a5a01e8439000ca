"""Staff screens of the surveys: list, detail with the index and its chart, imports, the desk's
quick entry, invitations for receipts, posters with QR codes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parindex.audit.selectors import history_for
from parindex.citizens import selectors
from parindex.citizens.choices import ELEMENT_CODES, Element
from parindex.citizens.filters import ResponseFilter
from parindex.citizens.forms import (
    DeskEntryForm,
    InvitationForm,
    SurveyImportForm,
    SurveySettingsForm,
)
from parindex.citizens.models import ENTER
from parindex.citizens.qr import public_url, qr_inline, qr_png, qr_svg
from parindex.citizens.services import invitations, survey_imports
from parindex.citizens.services import surveys as services
from parindex.citizens.tables import RESPONSE_COLUMNS, SURVEY_COLUMNS
from parindex.common import charts, tabular
from parindex.common.errors import DomainError
from parindex.common.forms import call_service, form_page
from parindex.common.listing import export_response, render_list
from parindex.dossiers.models import Dossier, Procedure
from parindex.org.access import Action, can


@login_required
def survey_list(request: HttpRequest) -> HttpResponse:
    return render_list(
        request,
        queryset=selectors.surveys_for_user(request.user),
        columns=SURVEY_COLUMNS,
        title=_("Satisfaction surveys"),
        export_name="surveys",
        template="citizens/survey_list.html",
        empty_message=_("No survey yet. The secretariat imports a question set from a file."),
        context={"can_import": selectors.can_create_survey(request.user)},
    )


def _period(request: HttpRequest, survey) -> tuple[dt.date, dt.date]:
    d1, d2 = selectors.survey_period(survey, None, None)
    try:
        if request.GET.get("date_from"):
            d1 = tabular.parse_date(request.GET["date_from"])
        if request.GET.get("date_to"):
            d2 = tabular.parse_date(request.GET["date_to"])
    except ValueError:
        messages.error(request, _("The dates were not understood; the whole year is shown."))
        return selectors.survey_period(survey, None, None)
    if d2 < d1:
        d1, d2 = d2, d1
    return d1, d2


def _pct(value) -> Decimal | None:
    return None if value is None else (Decimal(str(value)) * 100).quantize(Decimal("0.1"))


def _element_rows(block) -> list[dict]:
    return [
        {
            "code": code,
            "label": Element(code).label,
            "answers": block[f"{code}_answers"],
            "satisfied": block[f"{code}_satisfied"],
            "pct": _pct(block[f"{code}_rate"]),
        }
        for code in ELEMENT_CODES
    ]


@login_required
def survey_detail(request: HttpRequest, agency_code: str, code: str) -> HttpResponse:
    survey = selectors.get_survey_for_user(request.user, agency_code, code)
    units = selectors.unit_reach(request.user, survey.agency)
    by = request.GET.get("by") or "unit"
    if by not in (*selectors.GROUPINGS, "month"):
        raise Http404
    d1, d2 = _period(request, survey)
    document = selectors.survey_index(survey, d1, d2, by=None if by == "month" else by, units=units)
    months = selectors.survey_index_by_month(survey, units=units)
    groups = months if by == "month" else document["groups"]
    fmt = request.GET.get("export")
    if fmt in ("csv", "xlsx"):
        return _index_export(document["total"], groups, fmt, f"survey-index-{survey.code}-{by}")
    chart = charts.line_chart(
        [(m["label"][:2], _pct(m["index"]), None) for m in months], target=Decimal(80)
    )
    return render(
        request,
        "citizens/survey_detail.html",
        {
            "survey": survey,
            "title": str(survey),
            "total": document["total"],
            "total_pct": _pct(document["total"]["index"]),
            "elements": _element_rows(document["total"]),
            "groups": [{**g, "pct": _pct(g["index"])} for g in groups],
            "by": by,
            "d1": d1,
            "d2": d2,
            "chart": chart,
            "has_months": any(m["index"] is not None for m in months),
            "questions": survey.questions.all(),
            "procedures": Procedure.objects.filter(agency=survey.agency, is_active=True).order_by(
                "code"
            )[:200],
            "can_change": can(request.user, Action.CHANGE, survey),
            "can_enter": can(request.user, ENTER, survey),
            "open_url": public_url(
                reverse("citizens:public_survey", args=[survey.agency.code, survey.code])
            ),
            "history": history_for(survey),
        },
    )


def _index_export(total, groups, fmt: str, name: str) -> HttpResponse:
    from parindex.common.listing import Column

    columns = [Column(_("Group"), "key"), Column(_("Name"), "label")]
    columns.append(Column(_("Forms"), "responses", numeric=True))
    for code in ELEMENT_CODES:
        columns.append(Column(f"{code}_answers", f"{code}_answers", numeric=True))
        columns.append(Column(f"{code}_satisfied", f"{code}_satisfied", numeric=True))
        columns.append(Column(f"{code}_rate", f"{code}_rate", numeric=True))
    columns.append(Column(_("Index"), "index", numeric=True))

    class Row(dict):
        def __getattr__(self, name):
            return self.get(name)

    rows = [Row({"key": "total", "label": _("Total"), **total}), *(Row(g) for g in groups)]
    return export_response(columns, rows, fmt, name)


@login_required
def response_list(request: HttpRequest, agency_code: str, code: str) -> HttpResponse:
    survey = selectors.get_survey_for_user(request.user, agency_code, code)
    return render_list(
        request,
        queryset=selectors.responses_for_user(request.user, survey),
        columns=RESPONSE_COLUMNS,
        filterset_class=ResponseFilter,
        title=_("Forms of survey %(code)s") % {"code": survey.code},
        export_name=f"survey-forms-{survey.code}",
        empty_message=_("No form yet."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_settings(request: HttpRequest, agency_code: str, code: str) -> HttpResponse:
    survey = selectors.get_survey_for_user(request.user, agency_code, code, write=True)
    form = SurveySettingsForm(
        request.POST or None,
        initial={
            "title": survey.title,
            "is_open": survey.is_open,
            "invitation_days": survey.invitation_days,
        },
    )
    return form_page(
        request,
        form,
        lambda data: services.survey_update(actor=request.user, survey=survey, **data),
        _("Saved."),
        {
            "title": _("Survey settings"),
            "cancel_url": survey.get_absolute_url(),
            "history": history_for(survey),
        },
        then=survey,
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_import(request: HttpRequest) -> HttpResponse:
    """Upload a question set (new or existing survey) or returned forms of a survey."""
    if not selectors.can_create_survey(request.user) and not selectors.entry_surveys(request.user):
        raise PermissionDenied
    kind = request.POST.get("kind") or request.GET.get("kind") or "questions"
    agencies = selectors.survey_agencies(request.user)
    surveys = selectors.entry_surveys(request.user)
    form = SurveyImportForm(request.POST or None, request.FILES or None)
    result = errors = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if kind == "responses":
                survey = surveys.get(pk=int(request.POST.get("survey") or 0))
                result = survey_imports.import_survey_responses(
                    upload,
                    agency_code=survey.agency.code,
                    survey_code=survey.code,
                    actor=request.user,
                    filename=upload.name,
                    skip_invalid=form.cleaned_data["skip_invalid"],
                )
            else:
                result = survey_imports.import_survey(
                    upload,
                    agency_code=request.POST.get("agency", ""),
                    code=request.POST.get("code", ""),
                    year=int(request.POST.get("year") or 0),
                    title=request.POST.get("title") or None,
                    actor=request.user,
                    filename=upload.name,
                    skip_invalid=form.cleaned_data["skip_invalid"],
                )
        except tabular.ImportRefused as exc:
            errors = exc.lines()
        except (tabular.TableError, DomainError, ValueError) as exc:
            errors = [str(exc)]
        except surveys.model.DoesNotExist:
            errors = [_("Choose a survey.")]
    return render(
        request,
        "citizens/survey_import.html",
        {
            "form": form,
            "kind": kind,
            "agencies": agencies,
            "surveys": surveys,
            "result": result,
            "errors": errors,
            "year": dt.date.today().year,  # noqa: DTZ011 - a default in a form
            "title": _("Import survey files"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def desk_entry(request: HttpRequest, agency_code: str, code: str) -> HttpResponse:
    survey = selectors.get_survey_for_user(request.user, agency_code, code)
    if not can(request.user, ENTER, survey):
        raise PermissionDenied
    form = DeskEntryForm(request.POST or None, survey=survey)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = call_service(
            form,
            lambda: services.survey_response_enter(
                actor=request.user,
                survey=survey,
                code=data["code"],
                answered_on=data["answered_on"],
                source=data["source"],
                answers=form.answers(),
                procedure=data.get("procedure"),
                unit=data.get("unit"),
                channel=data.get("channel"),
            ),
        )
        if done is not None:
            messages.success(
                request, _("Form %(code)s saved. Enter the next one.") % {"code": data["code"]}
            )
            return redirect(reverse("citizens:desk_entry", args=[agency_code, code]))
    return render(
        request,
        "citizens/desk_entry.html",
        {"form": form, "survey": survey, "title": _("Enter a paper or phone form")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_new(request: HttpRequest, agency_code: str, code: str) -> HttpResponse:
    """Print an invitation (QR code and link) for a dossier's receipt."""
    survey = selectors.get_survey_for_user(request.user, agency_code, code)
    form = InvitationForm(request.POST or request.GET or None)
    slip = None
    if request.method == "POST" and form.is_valid():
        dossier = (
            Dossier.objects.filter(agency=survey.agency, code=form.cleaned_data["dossier"].strip())
            .select_related("procedure")
            .first()
        )
        if dossier is None:
            form.add_error("dossier", _("No dossier with this code in the agency."))
        else:
            token = call_service(
                form,
                lambda: invitations.invitation_create(
                    actor=request.user, survey=survey, dossier=dossier
                ),
            )
            if token is not None:
                url = public_url(reverse("citizens:public_token", args=[token]))
                slip = {
                    "url": url,
                    "qr": qr_inline(url, scale=4, title=_("Survey QR code")),
                    "dossier": dossier,
                }
    return render(
        request,
        "citizens/invitation.html",
        {"form": form, "survey": survey, "slip": slip, "title": _("Invitation on a receipt")},
    )


@login_required
def poster(request: HttpRequest, agency_code: str, code: str, procedure: str) -> HttpResponse:
    """A printable A5 poster for a procedure's desk: the open link and its QR code."""
    survey = selectors.get_survey_for_user(request.user, agency_code, code)
    the_procedure = get_object_or_404(Procedure, agency=survey.agency, code=procedure)
    url = public_url(
        reverse("citizens:public_survey_procedure", args=[agency_code, code, procedure])
    )
    return render(
        request,
        "citizens/poster.html",
        {
            "survey": survey,
            "procedure": the_procedure,
            "url": url,
            "qr": qr_inline(url, scale=6, title=_("Survey QR code")),
            "title": _("Poster"),
        },
    )


@login_required
def poster_qr(
    request: HttpRequest, agency_code: str, code: str, procedure: str, fmt: str
) -> HttpResponse:
    survey = selectors.get_survey_for_user(request.user, agency_code, code)
    get_object_or_404(Procedure, agency=survey.agency, code=procedure)
    url = public_url(
        reverse("citizens:public_survey_procedure", args=[agency_code, code, procedure])
    )
    if fmt == "png":
        response = HttpResponse(qr_png(url), content_type="image/png")
    else:
        response = HttpResponse(qr_svg(url, scale=6), content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="qr-{code}-{procedure}.{fmt}"'
    return response

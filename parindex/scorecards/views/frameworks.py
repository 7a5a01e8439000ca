"""The frameworks: list, import, edit, export; opening an assessment."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parindex.audit.selectors import history_for
from parindex.common import tabular
from parindex.common.codes import code_key
from parindex.common.errors import DomainError
from parindex.common.forms import call_service
from parindex.org import access
from parindex.org.access import Action, get_object_for_user
from parindex.org.models import Agency
from parindex.scorecards import selectors, services
from parindex.scorecards.forms import (
    FrameworkForm,
    FrameworkImportForm,
    OpenAssessmentForm,
)
from parindex.scorecards.models import Framework
from parindex.scorecards.views._common import XLSX, _download


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The scorecard of the user's default agency for the latest year, else the frameworks."""
    assessment = selectors.default_assessment_for_user(request.user)
    if assessment is not None:
        return redirect(assessment)
    return framework_list(request)


# Frameworks ---------------------------------------------------------------------------------


def _may_import_frameworks(user) -> bool:
    """The province writes the criteria; an agency's secretariat may import its assignments."""
    return access.may_set_framework_or_agency_weights(user)


@login_required
def framework_list(request: HttpRequest) -> HttpResponse:
    frameworks = selectors.frameworks_for_user(request.user).order_by("-year")
    assessments = selectors.assessments_for_user(request.user).order_by(
        "-framework__year", "agency__code"
    )[:200]
    agencies = Agency.objects.restrict(request.user, Action.CHANGE)
    open_form = OpenAssessmentForm(agencies=agencies) if agencies.exists() else None
    return render(
        request,
        "scorecards/framework_list.html",
        {
            "title": _("PAR Index frameworks"),
            "frameworks": frameworks,
            "assessments": assessments,
            "can_import": _may_import_frameworks(request.user),
            "can_edit": Framework.objects.restrict(request.user, Action.CHANGE).exists(),
            "can_rank": selectors.may_see_ranking(request.user),
            "open_form": open_form,
        },
    )


@login_required
@require_POST
def assessment_open(request: HttpRequest) -> HttpResponse:
    agencies = Agency.objects.restrict(request.user, Action.CHANGE)
    form = OpenAssessmentForm(request.POST, agencies=agencies)
    if form.is_valid():
        data = form.cleaned_data
        deadlines = {k: v for k, v in data.items() if k.endswith("_deadline")}
        assessment = call_service(
            form,
            lambda: services.assessment_open(
                actor=request.user,
                agency=data["agency"],
                year=data["year"],
                deadlines=deadlines,
            ),
        )
        if assessment:
            messages.success(request, _("The assessment is open."))
            return redirect(assessment)
    for errors in form.errors.values():
        messages.error(request, " ".join(errors))
    return redirect("scorecards:frameworks")


def _upload_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "scorecards" / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


@login_required
def framework_import(request: HttpRequest) -> HttpResponse:
    """Upload a framework file, see a preview and the row errors, then confirm the import."""
    if not _may_import_frameworks(request.user):
        raise PermissionDenied
    agencies = Agency.objects.restrict(request.user, Action.CHANGE)
    form = FrameworkImportForm(
        request.POST or None,
        request.FILES or None,
        agencies=agencies,
        initial={"year": timezone.localdate().year},
    )
    preview = errors = warnings = None
    token = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        agency = data.get("agency")
        if data.get("file"):
            upload = data["file"]
            suffix = Path(upload.name).suffix.lower()
            if suffix not in tabular.IMPORT_SUFFIXES:
                form.add_error("file", _("Use an .xlsx, .xls, .xlsb, .ods or .csv file."))
                return render(request, "scorecards/framework_import.html", {"form": form})
            token = f"{uuid.uuid4().hex}{suffix}"
            with (_upload_dir() / token).open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
        else:
            token = Path(data["token"]).name
        path = _upload_dir() / token
        if not path.is_file():
            form.add_error("file", _("The uploaded file has expired; choose it again."))
            return render(request, "scorecards/framework_import.html", {"form": form})
        try:
            if data.get("confirm") and not data.get("file"):
                result = services.import_framework(
                    path,
                    year=data["year"],
                    name=data.get("name") or None,
                    agency_code=agency.code if agency else None,
                    actor=request.user,
                    announcement=data.get("announcement") or None,
                )
                path.unlink(missing_ok=True)
                messages.success(
                    request,
                    _("Framework imported: %(summary)s.") % {"summary": result.screen_summary()},
                )
                return redirect("scorecards:frameworks")
            parsed = services.preview_framework(path, agency=agency)
            preview = sorted(
                parsed.nodes.values(),
                key=lambda n: code_key(n.code),
            )
            errors = tabular.format_errors(parsed.result.errors, screen=True)
            warnings = parsed.result.warnings
        except tabular.TableError as exc:
            form.add_error("file", str(exc))
        except tabular.ImportRefused as exc:
            errors = tabular.format_errors(exc.errors, screen=True)
        except DomainError as exc:
            form.add_error(None, exc.message)
    return render(
        request,
        "scorecards/framework_import.html",
        {
            "form": form,
            "preview": preview,
            "errors": errors,
            "warnings": warnings,
            "token": token,
        },
    )


@login_required
def framework_edit(request: HttpRequest, year: int) -> HttpResponse:
    framework = get_object_for_user(Framework.objects.all(), request.user, year=year, write=True)
    form = FrameworkForm(
        request.POST or None,
        initial={"name": framework.name, "has_round_2": framework.has_round_2},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if call_service(
            form,
            lambda: (
                services.framework_update(
                    actor=request.user,
                    framework=framework,
                    name=data["name"],
                    has_round_2=data["has_round_2"],
                    announcement=data.get("announcement") or None,
                )
                or True
            ),
        ):
            messages.success(request, _("Framework saved."))
            return redirect("scorecards:frameworks")
    return render(
        request,
        "scorecards/assignment_form.html",
        {
            "form": form,
            "title": framework.name,
            "node": None,
            "cancel_url": reverse("scorecards:frameworks"),
            "history": history_for(framework),
        },
    )


@login_required
def framework_export(request: HttpRequest, year: int) -> HttpResponse:
    framework = get_object_for_user(Framework.objects.all(), request.user, year=year)
    agency = None
    if request.GET.get("agency"):
        agency = get_object_for_user(Agency.objects.all(), request.user, code=request.GET["agency"])
    data = services.export_framework_xlsx(framework, agency)
    suffix = f"-{agency.code}" if agency else ""
    return _download(data, f"bo-chi-so-{year}{suffix}.xlsx", XLSX)

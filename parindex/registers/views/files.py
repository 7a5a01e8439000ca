"""The registers' file imports (legal documents, inspections, recommendations)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from parindex.common.forms import import_upload
from parindex.registers import uploads
from parindex.registers.forms import (
    ImportForm,
)

# -- file imports ---------------------------------------------------------------------------


@login_required
def import_file(request: HttpRequest) -> HttpResponse:
    """Upload a drafting plan, inspections or recommendations file (all or nothing by default)."""
    agencies = uploads.agencies_for_import(request.user)
    if not agencies.exists():
        raise PermissionDenied
    kinds = [
        (kind, label)
        for kind, (label, _importer, allowed) in uploads.KINDS.items()
        if any(allowed(request.user, a.pk) for a in agencies)
    ]
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        kinds=kinds,
        agencies=agencies,
        initial={"kind": request.GET.get("kind") or kinds[0][0]},
    )
    result = errors = None
    if request.method == "POST" and form.is_valid():
        kind, agency = form.cleaned_data["kind"], form.cleaned_data["agency"]
        _label, importer, allowed = uploads.KINDS[kind]
        if not allowed(request.user, agency.pk):
            form.add_error("agency", _("You may not import this kind of file for this agency."))
        else:
            result, errors = import_upload(
                form,
                importer,
                agency=agency,
                actor=request.user,
                skip_invalid=form.cleaned_data["skip_invalid"],
            )
    return render(
        request,
        "registers/import.html",
        {
            "form": form,
            "result": result,
            "errors": errors,
            "title": _("Import a register file"),
            "headers": [(label, uploads.HEADERS[kind]) for kind, label in kinds],
        },
    )

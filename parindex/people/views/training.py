from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parindex.audit.selectors import history_for
from parindex.common.forms import call_service
from parindex.common.listing import render_list
from parindex.org.access import can
from parindex.people import selectors, services
from parindex.people.filters import TrainingFilter
from parindex.people.forms import CompletionForm
from parindex.people.models import COMPLETE
from parindex.people.tables import TRAINING_COLUMNS


@login_required
def training_list(request: HttpRequest) -> HttpResponse:
    return render_list(
        request,
        queryset=selectors.training_for_user(request.user),
        columns=TRAINING_COLUMNS,
        filterset_class=TrainingFilter,
        title=_("Training plan"),
        export_name="training",
        empty_message=_("No training in the plan to show."),
    )


@login_required
def training_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_training_for_user(request.user, pk)
    may_complete = can(request.user, COMPLETE, item)
    form = None
    if may_complete:
        form = CompletionForm(
            request.POST or None,
            request.FILES or None,
            initial={"completed_on": item.completed_on},
        )
        if request.method == "POST" and form.is_valid():
            done = call_service(
                form,
                lambda: services.training_complete(
                    actor=request.user,
                    item=item,
                    completed_on=form.cleaned_data["completed_on"],
                    certificate=form.cleaned_data.get("certificate"),
                ),
            )
            if done:
                messages.success(request, _("Completion recorded."))
                return redirect(item.get_absolute_url())
    return render(
        request,
        "people/training_detail.html",
        {"item": item, "form": form, "history": history_for(item)},
    )


@login_required
def training_certificate(request: HttpRequest, pk: int) -> FileResponse:
    item = selectors.get_training_for_user(request.user, pk)
    if not item.certificate:
        raise Http404
    return FileResponse(
        item.certificate.open("rb"), as_attachment=True, filename=item.certificate_name
    )

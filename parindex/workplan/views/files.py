"""Files of plans, tasks and initiatives, served to those who may see the record, as downloads
(never from /media/, never rendered inline)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404

from parindex.common.uploads import attachment_response
from parindex.workplan import selectors


@login_required
def plan_file(request: HttpRequest, pk: int) -> FileResponse:
    plan = selectors.get_plan_for_user(request.user, pk)
    return attachment_response(plan.doc_file)


@login_required
def task_file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    task = selectors.get_task_for_user(request.user, pk)
    attachment = get_object_or_404(task.attachments, pk=file_pk)
    return attachment_response(attachment.file)


@login_required
def initiative_file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    initiative = selectors.get_initiative_for_user(request.user, pk)
    attachment = get_object_or_404(initiative.attachments, pk=file_pk)
    return attachment_response(attachment.file)

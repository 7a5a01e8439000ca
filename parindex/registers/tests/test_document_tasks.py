"""Each document of the drafting plan is a task of its lead unit: the reminders warn before the
submission deadline, and the task follows the document (submitted, withdrawn)."""

from __future__ import annotations

import datetime as dt

import pytest

from parindex.registers.models import LegalDocument
from parindex.registers.services import document_update
from parindex.registers.tests.conftest import make_document
from parindex.workplan.choices import TaskStatus
from parindex.workplan.selectors import digests
from parindex.workplan.services import task_set_status

TODAY = dt.date(2026, 6, 25)


@pytest.fixture
def document(org, frozen):
    return make_document(
        org, "VB-1", "Quy định quản lý nhiệm vụ KH&CN", dt.date(2026, 6, 30), actor=org.secretariat
    )


@pytest.mark.django_db
def test_a_planned_document_gives_its_lead_unit_a_task_due_on_the_deadline(org, document):
    task = document.task
    assert task.lead_unit == org.unit_a and task.due_date == dt.date(2026, 6, 30)
    assert task.plan.code == "VBQPPL-2026" and "VB-1" in task.description


@pytest.mark.django_db
def test_the_reminders_warn_the_unit_head_before_the_submission_deadline(org, document):
    found = {d.user.pk: d for d in digests(on=dt.date(2026, 6, 25), agency=org.agency)}
    assert [t.pk for t in found[org.head_a.pk].due_soon] == [document.task.pk]
    assert org.head_b.pk not in found


@pytest.mark.django_db
def test_submitting_closes_the_task_and_withdrawing_cancels_it(org, document):
    document_update(actor=org.head_a, document=document, submitted_on=dt.date(2026, 6, 24))
    document.task.refresh_from_db()
    assert document.task.status == TaskStatus.DONE and document.task.done_at == dt.date(2026, 6, 24)
    document_update(
        actor=org.head_a, document=document, submitted_on=None, withdrawn_on=dt.date(2026, 6, 25)
    )
    document.task.refresh_from_db()
    assert document.task.status == TaskStatus.CANCELLED


@pytest.mark.django_db
def test_the_unit_marking_the_task_done_records_the_submission(org, document):
    task_set_status(
        actor=org.head_a, task=document.task, status=TaskStatus.DONE, done_at=dt.date(2026, 6, 23)
    )
    assert LegalDocument.objects.get(pk=document.pk).submitted_on == dt.date(2026, 6, 23)

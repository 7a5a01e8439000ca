"""Plan, task and initiative files (issue 12, item 9): the evidence rules on upload, served only
through access-checked views as downloads, never linked under /media/."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from parindex.common.errors import DomainError
from parindex.workplan import services

PDF = b"%PDF-1.4\n%test\n"


@pytest.fixture
def task(org, make_task):
    return make_task("Việc A", assignees=[org.staff_a])


@pytest.mark.parametrize("name,data", [("x.html", b"<script>alert(1)</script>"), ("x.pdf", b"no")])
def test_a_task_file_outside_the_evidence_rules_is_refused(org, task, name, data):
    with pytest.raises(DomainError) as refused:
        services.task_add_attachment(
            actor=org.staff_a, task=task, title="x", file=SimpleUploadedFile(name, data)
        )
    assert refused.value.field == "file"
    assert not task.attachments.exists()


def test_a_file_over_the_size_limit_is_refused(org, task, settings):
    settings.PARINDEX_MAX_UPLOAD_BYTES = 10
    with pytest.raises(DomainError):
        services.task_add_attachment(
            actor=org.staff_a, task=task, file=SimpleUploadedFile("a.pdf", PDF)
        )


def test_a_task_file_is_a_checked_download_and_the_page_links_no_media_url(org, task, client_for):
    attachment = services.task_add_attachment(
        actor=org.staff_a, task=task, title="Báo cáo", file=SimpleUploadedFile("bc.pdf", PDF)
    )
    client = client_for(org.staff_a)
    page = client.get(task.get_absolute_url()).content.decode()
    url = reverse("workplan:task_file", args=[task.pk, attachment.pk])
    assert url in page and "/media/" not in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    assert client_for(org.other_secretariat).get(url).status_code == 404


def test_the_plan_document_is_a_checked_download(org, plan, client_for):
    services.plan_update(
        actor=org.secretariat, plan=plan, doc_file=SimpleUploadedFile("kh.pdf", PDF)
    )
    url = reverse("workplan:plan_file", args=[plan.pk])
    page = client_for(org.secretariat).get(plan.get_absolute_url()).content.decode()
    assert url in page and "/media/" not in page
    assert client_for(org.secretariat).get(url)["Content-Disposition"].startswith("attachment")
    assert client_for(org.other_secretariat).get(url).status_code == 404


def test_an_initiative_file_is_a_checked_download(org, client_for):
    initiative = services.initiative_register(
        actor=org.head_a, unit=org.unit_a, year=2026, title="Sáng kiến", owner=org.staff_a
    )
    attachment = services.initiative_add_file(
        actor=org.head_a, initiative=initiative, file=SimpleUploadedFile("dk.pdf", PDF)
    )
    url = reverse("workplan:initiative_file", args=[initiative.pk, attachment.pk])
    page = client_for(org.head_a).get(initiative.get_absolute_url()).content.decode()
    assert url in page and "/media/" not in page
    assert client_for(org.head_a).get(url)["Content-Disposition"].startswith("attachment")
    assert client_for(org.other_secretariat).get(url).status_code == 404
    with pytest.raises(DomainError):
        services.initiative_add_file(
            actor=org.head_a, initiative=initiative, file=SimpleUploadedFile("x.html", b"<b>")
        )

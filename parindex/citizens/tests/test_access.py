"""Every staff screen of the citizens' app against users of another unit or agency, and the
query counts of the feedback and outreach lists (N and 2N rows)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parindex.citizens.models import Survey
from parindex.citizens.services.feedback import feedback_assign, feedback_submit
from parindex.citizens.tests.helpers import (
    make_outreach,
    make_procedure,
    make_survey,
    question_file,
)


@pytest.fixture
def survey(org, tmp_path):
    make_procedure(org.agency, "1.001", unit=org.unit_a)
    return make_survey(tmp_path)


def test_survey_settings_are_for_the_secretariat_only(org, survey, client_for):
    url = reverse("citizens:survey_settings", args=["SKHCN", "KS"])
    assert client_for(org.head_a).get(url).status_code == 403
    assert client_for(org.other_secretariat).get(url).status_code == 404
    response = client_for(org.secretariat).post(
        url, {"title": "Khảo sát 2026", "is_open": "on", "invitation_days": "14"}
    )
    assert response.status_code == 302
    survey.refresh_from_db()
    assert (survey.title, survey.invitation_days) == ("Khảo sát 2026", 14)


def test_the_import_screen_creates_a_survey_for_the_secretariat_only(org, client_for, tmp_path):
    upload = SimpleUploadedFile("q.csv", question_file(tmp_path).read_bytes())
    data = {"kind": "questions", "agency": "SKHCN", "code": "KS2", "year": "2026", "file": upload}
    page = client_for(org.secretariat).post(reverse("citizens:survey_import"), data)
    assert "Thêm mới 6, cập nhật 0, không đổi 0, bị loại 0" in page.content.decode()
    assert Survey.objects.filter(code="KS2").exists()
    upload = SimpleUploadedFile("q.csv", question_file(tmp_path).read_bytes())
    page = client_for(org.other_secretariat).post(
        reverse("citizens:survey_import"), {**data, "code": "KS3", "file": upload}
    )
    assert not Survey.objects.filter(code="KS3").exists()
    assert client_for(org.outsider).get(reverse("citizens:survey_import")).status_code == 403


def test_posters_and_invitations_are_not_for_another_agency(org, survey, client_for):
    client = client_for(org.other_secretariat)
    assert client.get(reverse("citizens:poster", args=["SKHCN", "KS", "1.001"])).status_code == 404
    qr = reverse("citizens:poster_qr", args=["SKHCN", "KS", "1.001", "png"])
    assert client.get(qr).status_code == 404
    invitation = reverse("citizens:invitation_new", args=["SKHCN", "KS"])
    assert client.get(invitation).status_code == 404


def test_feedback_settings_are_for_the_secretariat_only(org, client_for):
    url = reverse("citizens:feedback_settings", args=["SKHCN"])
    assert client_for(org.head_a).get(url).status_code == 403
    assert client_for(org.other_secretariat).get(url).status_code == 403
    response = client_for(org.secretariat).post(url, {"answer_days": "7", "remind_days": "1"})
    assert response.status_code == 302


def test_outreach_screens_follow_the_unit(org, client_for):
    url = reverse("citizens:outreach_new")
    assert client_for(org.staff_a).get(url).status_code == 403
    data = {
        "kind": "news",
        "topic": "Tin bài",
        "unit": org.unit_a.pk,
        "planned_on": "01/05/2026",
    }
    assert client_for(org.head_a).post(url, data).status_code == 302
    assert client_for(org.head_b).post(url, {**data, "topic": "B"}).status_code == 403
    from parindex.citizens.models import OutreachActivity

    assert list(OutreachActivity.objects.values_list("topic", flat=True)) == ["Tin bài"]


def _feedback(org, n):
    for i in range(n):
        item = feedback_submit(
            agency=org.agency, kind="procedure", subject=f"Phản ánh {i}", content="x"
        )
        feedback_assign(actor=None, item=item, unit=org.unit_a)


def test_the_feedback_list_costs_the_same_queries_for_n_and_2n_items(org, client_for):
    client = client_for(org.secretariat)
    url = reverse("citizens:feedback_list")
    _feedback(org, 4)
    with CaptureQueriesContext(connection) as small:
        page = client.get(url)
    assert page.content.decode().count("Phản ánh ") >= 4
    _feedback(org, 4)
    with CaptureQueriesContext(connection) as large:
        page = client.get(url)
    assert "Phản ánh 3" in page.content.decode()
    assert len(large) == len(small)
    assert client_for(org.staff_b).get(url).content.decode().count("Phản ánh 1") == 0


def test_the_outreach_list_costs_the_same_queries_for_n_and_2n_activities(org, client_for):
    procedure = make_procedure(org.agency, "9.009", unit=org.unit_a)

    def add(n):
        for i in range(n):
            make_outreach(
                org,
                org.unit_a,
                "news",
                f"Hoạt động {i}",
                dt.date(2026, 5, 1),
                procedures=[procedure],
            )

    client = client_for(org.secretariat)
    url = reverse("citizens:outreach_list")
    add(3)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    add(3)
    with CaptureQueriesContext(connection) as large:
        page = client.get(url)
    assert "9.009" in page.content.decode()
    assert len(large) == len(small)

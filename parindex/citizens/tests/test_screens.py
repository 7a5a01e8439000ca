"""Staff screens and the API of the surveys and outreach: access by unit and agency, the desk's
entry, invitations and posters, the index screen, query counts, the metric."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parindex.audit.models import AuditEntry
from parindex.citizens.models import Invitation, SurveyResponse
from parindex.citizens.tests.helpers import (
    make_dossier,
    make_outreach,
    make_procedure,
    make_survey,
    write_csv,
)
from parindex.dossiers.services.counts import dossier_counts_rebuild
from parindex.metrics import registry

NOW = dt.datetime(2026, 6, 15, 3, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def survey(org, tmp_path):
    make_procedure(org.agency, "1.001", unit=org.unit_a)
    make_procedure(org.agency, "2.002", unit=org.unit_b)
    survey = make_survey(tmp_path)
    path = write_csv(
        tmp_path / "r.csv",
        [
            ["Mã phiếu", "Ngày", "Mã TTHC", "Đơn vị", "Kênh", "Q1", "Q5"],
            ["P1", "01/02/2026", "1.001", "QLCN", "2", "5", "1"],
            ["P2", "01/03/2026", "2.002", "TDC", "1", "4", "2"],
        ],
    )
    from parindex.citizens.services.survey_imports import import_survey_responses

    import_survey_responses(path, agency_code="SKHCN", survey_code="KS")
    return survey


def test_the_survey_screen_shows_the_index_its_elements_groups_and_chart(org, survey, client_for):
    page = client_for(org.director).get(survey.get_absolute_url(), {"by": "unit"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "QLCN" in html and "TDC" in html
    assert "100,0 %" in html or "100.0 %" in html
    export = client_for(org.director).get(
        survey.get_absolute_url(), {"by": "unit", "export": "csv"}
    )
    assert "QLCN" in export.content.decode("utf-8-sig")
    assert (
        client_for(org.director).get(survey.get_absolute_url(), {"by": "month"}).status_code == 200
    )


def test_a_unit_member_sees_only_their_units_forms_in_the_index(org, survey, client_for):
    page = client_for(org.staff_a).get(survey.get_absolute_url(), {"by": "unit"})
    html = page.content.decode()
    assert "QLCN" in html and "TDC" not in html


def test_another_agency_cannot_see_the_survey_or_its_forms(org, survey, client_for):
    client = client_for(org.other_secretariat)
    assert client.get(survey.get_absolute_url()).status_code == 404
    url = reverse("citizens:response_list", args=["SKHCN", "KS"])
    assert client.get(url).status_code == 404
    assert client_for(org.outsider).get(survey.get_absolute_url()).status_code == 404


def test_the_desk_enters_a_paper_form_audited_and_refused_to_outsiders(org, survey, client_for):
    url = reverse("citizens:desk_entry", args=["SKHCN", "KS"])
    data = {
        "code": "G-1",
        "answered_on": "10/06/2026",
        "source": "paper",
        "unit": org.unit_a.pk,
        "channel": "1",
        "q_Q1": "4",
        "q_Q3": "0",
    }
    response = client_for(org.staff_a).post(url, data)
    assert response.status_code == 302
    form = SurveyResponse.objects.get(code="G-1")
    assert form.answers.count() == 1 and form.source == "paper"
    assert (
        AuditEntry.objects.filter(action="survey_response.created", actor=org.staff_a).count() == 1
    )
    assert client_for(org.viewer).get(url).status_code == 403
    assert client_for(org.other_secretariat).post(url, {**data, "code": "G-2"}).status_code == 404
    again = client_for(org.staff_a).post(url, data)
    assert "already has a form" in again.content.decode() or "đã có phiếu" in again.content.decode()


def test_the_invitation_screen_prints_a_qr_code_for_a_dossier(org, survey, client_for):
    dossier = make_dossier(org.agency, survey.agency.procedures.get(code="1.001"), "HS-7")
    url = reverse("citizens:invitation_new", args=["SKHCN", "KS"])
    page = client_for(org.staff_a).post(url, {"dossier": dossier.code})
    html = page.content.decode()
    assert "<svg" in html and "/p/ks/" in html
    assert Invitation.objects.filter(dossier=dossier).exists()
    page = client_for(org.staff_b).post(url, {"dossier": dossier.code})
    assert page.status_code == 403


def test_posters_and_qr_images_per_procedure(org, survey, client_for):
    client = client_for(org.secretariat)
    poster = client.get(reverse("citizens:poster", args=["SKHCN", "KS", "1.001"]))
    html = poster.content.decode()
    assert poster.status_code == 200 and "<svg" in html and "/p/ks/SKHCN/KS/1.001/" in html
    assert "poster.css" in html and "style=" not in html
    svg = client.get(reverse("citizens:poster_qr", args=["SKHCN", "KS", "1.001", "svg"]))
    assert svg["Content-Type"] == "image/svg+xml" and svg.content.startswith(b"<svg")
    png = client.get(reverse("citizens:poster_qr", args=["SKHCN", "KS", "1.001", "png"]))
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG")


def test_the_forms_list_costs_the_same_queries_for_n_and_2n_forms(
    org, survey, client_for, tmp_path
):
    from parindex.citizens.services.survey_imports import import_survey_responses

    def rows(n):
        return [["Mã phiếu", "Ngày", "Mã TTHC", "Đơn vị", "Q1"]] + [
            [f"N{i}", "02/02/2026", "1.001", "QLCN", "5"] for i in range(n)
        ]

    client = client_for(org.secretariat)
    url = reverse("citizens:response_list", args=["SKHCN", "KS"])
    import_survey_responses(
        write_csv(tmp_path / "a.csv", rows(5)), agency_code="SKHCN", survey_code="KS"
    )
    with CaptureQueriesContext(connection) as small:
        page = client.get(url)
    assert "N4" in page.content.decode()
    import_survey_responses(
        write_csv(tmp_path / "b.csv", rows(10)), agency_code="SKHCN", survey_code="KS"
    )
    with CaptureQueriesContext(connection) as large:
        page = client.get(url)
    assert "N9" in page.content.decode()
    assert len(large) == len(small)


def test_the_api_gives_the_index_and_takes_a_desk_entry_with_the_same_rules(
    org, survey, client_for
):
    client = client_for(org.secretariat)
    doc = client.get("/api/v1/citizens/surveys/SKHCN/KS/index", {"by": "channel"}).json()
    assert doc["total"]["responses"] == 2
    assert [g["key"] for g in doc["groups"]] == ["direct", "online"]
    payload = {
        "code": "API-1",
        "answered_on": "2026-06-01",
        "source": "phone",
        "answers": {"Q1": "Hài lòng"},
    }
    response = client.post(
        "/api/v1/citizens/surveys/SKHCN/KS/responses", payload, content_type="application/json"
    )
    assert response.status_code == 201
    other = client_for(org.other_secretariat)
    assert other.get("/api/v1/citizens/surveys/SKHCN/KS/index").status_code == 404


def test_survey_index_metric_reads_the_years_survey_in_percent(org, survey):
    reading = registry.read(
        "survey.index", org.agency, None, dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    )
    # tiep_can 2/2, phan_anh 0/2 → mean 50 %.
    assert str(reading.value) == "50.00"
    only_a = registry.read(
        "survey.index", org.agency, org.unit_a, dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    )
    assert str(only_a.value) == "50.00"
    none = registry.read(
        "survey.index", org.agency, None, dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    )
    assert none.value is None


def test_the_director_page_names_the_low_elements(org, survey, client_for):
    html = client_for(org.director).get("/").content.decode()
    assert 'id="low-elements"' in html
    assert "tiếp nhận, xử lý phản ánh" in html.lower()


def test_outreach_plan_against_done_and_the_effect_on_the_online_share(org, client_for):
    procedure = make_procedure(org.agency, "3.003", unit=org.unit_a)
    # Before 01/04: 1 online of 2; after: 2 online of 2.
    make_dossier(org.agency, procedure, "B1", channel=2, day=dt.date(2026, 2, 10))
    make_dossier(org.agency, procedure, "B2", channel=1, day=dt.date(2026, 3, 10))
    make_dossier(org.agency, procedure, "A1", channel=2, day=dt.date(2026, 4, 10))
    make_dossier(org.agency, procedure, "A2", channel=2, day=dt.date(2026, 5, 10))
    dossier_counts_rebuild(org.agency.pk)
    activity = make_outreach(
        org,
        org.unit_a,
        "training",
        "Tập huấn",
        dt.date(2026, 4, 1),
        actor=org.head_a,
        done_on=dt.date(2026, 4, 1),
        procedures=[procedure],
    )
    make_outreach(org, org.unit_b, "news", "Tin bài", dt.date(2026, 9, 1), actor=org.secretariat)
    client = client_for(org.director)
    effect = client.get(f"/api/v1/citizens/outreach/{activity.pk}/effect").json()["procedures"][0]
    assert (effect["share_before"], effect["share_after"], effect["change"]) == (0.5, 1.0, 0.5)
    plan = client.get("/api/v1/citizens/outreach/plan", {"agency": "SKHCN", "year": 2026}).json()
    assert plan["total"] == {"planned": 2, "done": 1, "done_rate": 0.5}
    page = client.get(activity.get_absolute_url())
    assert page.status_code == 200 and "3.003" in page.content.decode()
    assert client.get(reverse("citizens:outreach_list")).status_code == 200
    assert AuditEntry.objects.filter(action="outreach.created").count() == 2


def test_a_unit_head_cannot_record_outreach_for_another_unit(org, client_for):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        make_outreach(org, org.unit_a, "news", "x", dt.date(2026, 5, 1), actor=org.head_b)
    activity = make_outreach(org, org.unit_a, "news", "x", dt.date(2026, 5, 1), actor=org.head_a)
    edit = reverse("citizens:outreach_edit", args=[activity.pk])
    assert client_for(org.head_b).get(edit).status_code == 403
    assert client_for(org.other_secretariat).get(activity.get_absolute_url()).status_code == 404

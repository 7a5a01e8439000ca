"""The registers' screens and API: who sees and changes what, lists, exports, the loop by page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from parindex.registers.choices import InspectionKind, RecommendationSource
from parindex.registers.models import Inspection, LegalDocument, Recommendation
from parindex.registers.services import review_create
from parindex.registers.tests.conftest import make_document, make_inspection, make_recommendation
from parindex.workplan.choices import TaskStatus


@pytest.fixture
def registers(org, inspectorate):
    document = make_document(
        org,
        "VB-1",
        "Quy định về quản lý nhiệm vụ KH&CN",
        dt.date(2026, 3, 31),
        sent_for_appraisal=dt.date(2026, 3, 1),
    )
    inspection = make_inspection(
        org,
        "TT-01",
        "Thanh tra đo lường xăng dầu",
        InspectionKind.INSPECTION,
        inspectorate.unit,
        conclusion_due=dt.date(2026, 4, 30),
    )
    rec = make_recommendation(
        org,
        "Kiểm định lại cột đo",
        org.unit_a,
        dt.date(2026, 5, 31),
        inspection=inspection,
        code="KN-1",
    )
    review = review_create(
        actor=None,
        agency=org.agency,
        code="RS-1",
        title="Rà soát 2026",
        unit=org.unit_a,
        done_on=dt.date(2026, 2, 1),
    )
    return type(
        "R", (), {"document": document, "inspection": inspection, "rec": rec, "review": review}
    )


PAGES = [
    "registers:index",
    "registers:document_list",
    "registers:inspection_list",
    "registers:recommendation_list",
    "registers:recommendation_board",
    "registers:review_list",
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_every_list_opens_for_the_agency_and_shows_nothing_of_it_to_another_agency(
    org, registers, client_for, name
):
    page = client_for(org.director).get(reverse(name))
    assert page.status_code == 200
    text = page.content.decode()
    if name not in ("registers:index", "registers:recommendation_board", "registers:review_list"):
        assert any(code in text for code in ("VB-1", "TT-01", "KN-1"))
    other = client_for(org.other_secretariat).get(reverse(name)).content.decode()
    for code in ("VB-1", "TT-01", "KN-1", "RS-1"):
        assert code not in other


@pytest.mark.django_db
def test_detail_pages_show_history_and_are_hidden_from_another_agency(org, registers, client_for):
    urls = [
        registers.document.get_absolute_url(),
        registers.inspection.get_absolute_url(),
        registers.rec.get_absolute_url(),
        registers.review.get_absolute_url(),
    ]
    for url in urls:
        page = client_for(org.staff_b).get(url)
        assert page.status_code == 200
        assert "history" in page.content.decode().lower() or "Lịch sử" in page.content.decode()
        assert client_for(org.other_secretariat).get(url).status_code == 404
        assert client_for(org.outsider).get(url).status_code == 404


@pytest.mark.django_db
def test_the_document_page_shows_its_timeline(org, registers, client_for):
    text = client_for(org.head_a).get(registers.document.get_absolute_url()).content.decode()
    assert 'id="document-timeline"' in text and "01/03/2026" in text and "31/03/2026" in text


@pytest.mark.django_db
def test_lists_export_exactly_what_the_filter_shows(org, registers, client_for):
    make_document(org, "VB-2", "Khác", dt.date(2026, 12, 31), unit=org.unit_b)
    client = client_for(org.secretariat)
    csv = client.get(
        reverse("registers:document_list"), {"lead_unit": org.unit_b.pk, "export": "csv"}
    ).content.decode("utf-8-sig")
    assert "VB-2" in csv and "VB-1" not in csv
    xlsx = client.get(reverse("registers:recommendation_list"), {"export": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.django_db
def test_only_the_inspectorate_may_open_the_inspection_forms(
    org, inspectorate, registers, client_for
):
    url = reverse("registers:inspection_conclude", args=["SKHCN", "TT-01"])
    assert client_for(org.head_a).get(url).status_code == 403
    assert client_for(org.director).get(url).status_code == 403
    assert client_for(org.other_secretariat).get(url).status_code == 404
    assert client_for(inspectorate.inspector).get(url).status_code == 200
    assert client_for(org.head_a).get(reverse("registers:inspection_create")).status_code == 403


@pytest.mark.django_db
def test_the_inspectorate_records_a_conclusion_with_two_recommendations_by_page(
    org, inspectorate, registers, client_for
):
    url = reverse("registers:inspection_conclude", args=["SKHCN", "TT-01"])
    response = client_for(inspectorate.inspector).post(
        url,
        {
            "concluded_on": "2026-04-20",
            "conclusion_number": "10/KL-TTr",
            "rec_1_text": "Nộp phạt",
            "rec_1_unit": org.unit_b.pk,
            "rec_1_due": "2026-06-30",
            "rec_1_amount": "15000000",
            "rec_2_text": "Báo cáo khắc phục",
            "rec_2_unit": org.unit_a.pk,
            "rec_2_due": "2026-07-15",
        },
    )
    assert response.status_code == 302
    inspection = Inspection.objects.get(code="TT-01")
    assert inspection.concluded_on == dt.date(2026, 4, 20)
    made = Recommendation.objects.filter(inspection=inspection).exclude(code="KN-1")
    assert sorted(r.unit.code for r in made) == ["QLCN", "TDC"]
    assert all(r.task is not None for r in made)


@pytest.mark.django_db
def test_the_owner_unit_closes_a_recommendation_with_evidence_and_another_unit_cannot(
    org, registers, client_for
):
    url = registers.rec.get_absolute_url()
    data = {
        "form": "resolve",
        "done_on": "2026-05-20",
        "evidence_reference": "Biên bản kiểm định 5",
    }
    assert client_for(org.head_b).post(url, data).status_code == 403
    assert (
        client_for(org.head_a).post(url, {"form": "resolve", "done_on": "2026-05-20"}).status_code
        == 200
    )
    assert Recommendation.objects.get(pk=registers.rec.pk).done_on is None
    assert client_for(org.head_a).post(url, data).status_code == 302
    rec = Recommendation.objects.get(pk=registers.rec.pk)
    assert rec.done_on == dt.date(2026, 5, 20) and rec.task.status == TaskStatus.DONE
    response = client_for(org.head_a).post(url, {"form": "reopen", "note": "Chưa đủ"})
    assert response.status_code == 302
    assert Recommendation.objects.get(pk=registers.rec.pk).done_on is None


@pytest.mark.django_db
def test_a_unit_head_edits_its_own_documents_only(org, registers, client_for):
    url = reverse("registers:document_edit", args=["SKHCN", "VB-1"])
    assert client_for(org.head_b).get(url).status_code == 403
    assert client_for(org.staff_a).get(url).status_code == 403
    response = client_for(org.head_a).post(
        url,
        {
            "code": "VB-1",
            "title": "Quy định về quản lý nhiệm vụ KH&CN",
            "lead_unit": org.unit_a.pk,
            "plan_year": 2026,
            "submission_due": "2026-03-31",
            "sent_for_appraisal": "2026-03-01",
            "submitted_on": "2026-03-30",
        },
    )
    assert response.status_code == 302
    assert LegalDocument.objects.get(code="VB-1").submitted_on == dt.date(2026, 3, 30)


@pytest.mark.django_db
def test_the_board_counts_recommendations_by_unit_and_state(org, registers, client_for):
    make_recommendation(
        org,
        "x",
        org.unit_a,
        dt.date(2020, 1, 31),
        source=RecommendationSource.APPRAISAL,
        code="KN-2",
    )
    text = client_for(org.director).get(reverse("registers:recommendation_board")).content.decode()
    assert 'data-unit="QLCN"' in text and 'data-state="overdue"' in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    ["registers:recommendation_list", "registers:document_list", "registers:inspection_list"],
)
def test_lists_read_the_same_number_of_queries_for_n_and_2n_rows(
    org, inspectorate, client_for, name
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(start, count):
        for n in range(start, start + count):
            rec = make_recommendation(org, "x", org.unit_a, dt.date(2026, 9, 30), code=f"Q{n}")
            make_document(org, f"D{n}", "x", dt.date(2026, 9, 30))
            make_inspection(
                org,
                f"I{n}",
                "x",
                InspectionKind.INSPECTION,
                inspectorate.unit,
                target_unit=org.unit_b,
            )
            assert rec.task

    client = client_for(org.director)
    counts = []
    for start, count in ((0, 3), (3, 3)):
        add(start, count)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse(name))
        counts.append(len(queries))
        shown = page.content.decode()
        prefix = {"registers:recommendation_list": "Q", "registers:document_list": "D"}.get(
            name, "I"
        )
        assert all(f"/SKHCN/{prefix}{n}/" in shown for n in range(start + count))
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_the_api_follows_the_same_rules(org, inspectorate, registers, client_for):
    client = client_for(org.head_b)
    listed = client.get("/api/v1/registers/recommendations").json()
    assert [r["code"] for r in listed] == ["KN-1"]
    denied = client.post(
        "/api/v1/registers/recommendations/SKHCN/KN-1/resolve",
        {"evidence_reference": "x"},
        content_type="application/json",
    )
    assert denied.status_code == 403
    assert client_for(org.other_secretariat).get("/api/v1/registers/recommendations").json() == []
    done = client_for(org.head_a).post(
        "/api/v1/registers/recommendations/SKHCN/KN-1/resolve",
        {"evidence_reference": "CV 12", "done_on": "2026-05-01"},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["done_on"] == "2026-05-01"
    concluded = client_for(inspectorate.inspector).post(
        "/api/v1/registers/inspections/SKHCN/TT-01/conclusion",
        {
            "concluded_on": "2026-04-20",
            "recommendations": [{"text": "A", "unit": "TDC", "due_date": "2026-08-31"}],
        },
        content_type="application/json",
    )
    assert concluded.status_code == 200 and concluded.json()[0]["unit"] == "TDC"
    assert (
        client_for(org.head_a)
        .post(
            "/api/v1/registers/inspections/SKHCN/TT-01/conclusion",
            {"concluded_on": "2026-04-20"},
            content_type="application/json",
        )
        .status_code
        == 403
    )
    figures = client.get(
        "/api/v1/registers/figures/legal?agency=SKHCN&year=2026&as_of=2026-04-01"
    ).json()
    assert figures["total"]["overdue"] == 1 and figures["as_of"] == "2026-04-01"


@pytest.mark.django_db
def test_documents_through_the_api_follow_the_same_rules(org, registers, client_for):
    payload = {
        "agency": "SKHCN",
        "code": "VB-9",
        "title": "Quy định mới",
        "lead_unit": "QLCN",
        "plan_year": 2026,
        "submission_due": "2026-10-31",
    }
    assert (
        client_for(org.head_b)
        .post("/api/v1/registers/documents", payload, content_type="application/json")
        .status_code
        == 403
    )
    created = client_for(org.head_a).post(
        "/api/v1/registers/documents", payload, content_type="application/json"
    )
    assert created.status_code == 201 and created.json()["stage"] == "drafting"
    bad = client_for(org.head_a).patch(
        "/api/v1/registers/documents/SKHCN/VB-9",
        {"sent_for_appraisal": "2026-10-01", "submitted_on": "2026-09-01"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["field"] == "submitted_on"
    assert client_for(org.other_secretariat).get("/api/v1/registers/documents").json() == []


@pytest.mark.django_db
def test_the_navigation_entry_shows_only_to_people_of_an_agency(org, client_for):
    assert 'href="/registers/"' in client_for(org.staff_b).get("/org/profile/").content.decode()
    assert (
        'href="/registers/"' not in client_for(org.outsider).get("/org/profile/").content.decode()
    )

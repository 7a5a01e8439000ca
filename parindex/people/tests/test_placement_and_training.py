"""Placement views (vacancies, empty leadership posts, rank mismatches, rotation) and training
completion with a certificate file."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from parindex.common.errors import DomainError
from parindex.people import services
from parindex.people.models import RotationPlanEntry, StaffMember, TrainingRecord

from .conftest import STAFF_HEADER, TRAINING_HEADER


@pytest.fixture
def staff(org, scheme, run, write_csv):
    rows = [
        ["A1", "Lê Văn Một", "QLCN", "CV-A", "cán sự", "01/03/2022", "có", ""],
        ["A2", "Phạm Thị Hai", "QLCN", "TP-A", "chuyên viên chính", "01/03/2020", "", ""],
        [
            "B1",
            "Võ Văn Ba",
            "TDC",
            "CV-B",
            "chuyên viên",
            "01/03/2021",
            "",
            "",
        ],
    ]
    path = write_csv("s.csv", [*STAFF_HEADER, "Tài khoản"],
                     [[*rows[0], org.staff_a.username], [*rows[1], ""], [*rows[2], ""]])  # fmt: skip
    assert run("import_staff", str(path), "--agency", "SKHCN")[0] == 0
    path = write_csv("t.csv", TRAINING_HEADER, [["K1", "QLNN", "A1", "", "2026", ""]])
    assert run("import_training", str(path), "--agency", "SKHCN")[0] == 0
    return {m.code: m for m in StaffMember.objects.all()}


def test_placement_shows_vacancies_empty_leadership_posts_mismatches_and_rotation(
    org, staff, client_for
):
    response = client_for(org.secretariat).get("/people/placement/?agency=SKHCN&year=2025")
    data = response.context["data"]
    assert [v.position.code for v in data.leadership_empty] == ["PP-A"]
    assert {v.position.code: v.gap for v in data.vacancies} == {"PP-A": 1, "CV-A": 1, "LX-B": 1}
    assert [m.code for m in data.mismatches] == ["A1"]  # cán sự in a chuyên viên post
    assert [(r.member.code, r.due_on) for r in data.rotation_due] == [("A1", dt.date(2025, 3, 1))]


@pytest.mark.parametrize("persona", ("head_a", "staff_a", "viewer", "head_b"))
def test_placement_is_for_the_secretariat_and_leaders(org, staff, client_for, persona):
    response = client_for(org.by_name(persona)).get("/people/placement/?agency=SKHCN")
    assert response.status_code in (403, 404)
    assert client_for(org.director).get("/people/placement/?agency=SKHCN").status_code == 200


def test_the_secretariat_adds_a_person_to_the_rotation_plan(org, staff, client_for):
    client = client_for(org.secretariat)
    client.post(
        "/people/placement/rotation/?agency=SKHCN&year=2025",
        {"staff_code": "A1", "planned_on": "01/12/2025", "note": ""},
    )
    entry = RotationPlanEntry.objects.get()
    assert (entry.staff.code, entry.year, entry.planned_on) == ("A1", 2025, dt.date(2025, 12, 1))
    with pytest.raises(DomainError):
        services.rotation_plan_add(actor=org.secretariat, member=staff["A1"], year=2025)
    with pytest.raises(PermissionDenied):
        services.rotation_plan_add(actor=org.head_a, member=staff["A2"], year=2025)


def pdf(name="chung-chi.pdf", body=b"%PDF-1.4 certificate"):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def test_the_person_records_a_completion_with_a_certificate(org, staff, client_for):
    item = TrainingRecord.objects.get()
    client = client_for(org.staff_a)
    response = client.post(
        f"/people/training/{item.pk}/", {"completed_on": "20/05/2026", "certificate": pdf()}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.completed_on == dt.date(2026, 5, 20)
    assert item.certificate_name == "chung-chi.pdf" and len(item.certificate_sha256) == 64
    download = client.get(f"/people/training/{item.pk}/certificate/")
    assert b"".join(download.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize(
    ("name", "body"),
    [("virus.exe", b"MZ..."), ("fake.pdf", b"not a pdf"), ("empty.pdf", b"")],
)
def test_a_certificate_outside_the_evidence_rules_is_refused(org, staff, name, body):
    item = TrainingRecord.objects.get()
    with pytest.raises(DomainError):
        services.training_complete(
            actor=org.secretariat,
            item=item,
            completed_on=dt.date(2026, 5, 20),
            certificate=SimpleUploadedFile(name, body),
        )
    item.refresh_from_db()
    assert item.completed_on is None


def test_a_certificate_above_the_size_limit_is_refused(org, staff, settings):
    settings.PARINDEX_MAX_UPLOAD_BYTES = 10
    with pytest.raises(DomainError):
        services.training_complete(
            actor=org.secretariat,
            item=TrainingRecord.objects.get(),
            completed_on=dt.date(2026, 5, 20),
            certificate=pdf(body=b"%PDF" + b"x" * 20),
        )


@pytest.mark.parametrize("persona", ("head_b", "staff_b", "viewer", "other_secretariat"))
def test_others_cannot_see_or_complete_a_training_row(org, staff, client_for, persona):
    item = TrainingRecord.objects.get()
    client = client_for(org.by_name(persona))
    assert client.get(f"/people/training/{item.pk}/").status_code == 404
    client.post(f"/people/training/{item.pk}/", {"completed_on": "20/05/2026"})
    item.refresh_from_db()
    assert item.completed_on is None


def test_a_unit_head_sees_the_units_training_plan(org, staff, client_for):
    page = client_for(org.head_a).get("/people/training/").content.decode()
    assert "Lê Văn Một" in page
    assert "Lê Văn Một" not in client_for(org.head_b).get("/people/training/").content.decode()


def test_the_import_page_is_the_secretariats(org, scheme, client_for, write_csv):
    assert client_for(org.head_a).get("/people/import/").status_code == 403
    path = write_csv("s.csv", STAFF_HEADER, [["Z1", "Người Z", "QLCN", "", "", "", "", ""]])
    with path.open("rb") as handle:
        response = client_for(org.secretariat).post(
            "/people/import/", {"kind": "staff", "agency": org.agency.pk, "file": handle}
        )
    assert "Thêm mới 1, cập nhật 0, không đổi 0, bị loại 0" in response.content.decode()


def test_the_figures_page_and_api_agree(org, staff, client_for):
    client = client_for(org.secretariat)
    page = client.get("/people/?agency=SKHCN&year=2026&as_of=30/06/2026")
    api = client.get("/api/v1/people/figures?agency=SKHCN&year=2026&as_of=2026-06-30").json()
    assert page.context["figures"] == api


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["/people/training/", "/people/positions/", "/people/staff/"])
def test_lists_run_the_same_number_of_queries_for_n_and_2n_rows(
    org, scheme, run, write_csv, client_for, url
):
    def add(start, count):
        rows = [[f"P{i}", f"Người {i}", "QLCN", "CV-A", "chuyên viên", "", "", ""]
                for i in range(start, start + count)]  # fmt: skip
        run("import_staff", str(write_csv(f"s{start}.csv", STAFF_HEADER, rows)), "--agency", "SKHCN")  # fmt: skip
        training = [["K1", "Khóa", f"P{i}", "", "2026", ""] for i in range(start, start + count)]
        run("import_training", str(write_csv(f"t{start}.csv", TRAINING_HEADER, training)),
            "--agency", "SKHCN")  # fmt: skip

    client = client_for(org.secretariat)
    add(0, 5)
    first = _count_queries(client, url)
    add(5, 5)
    assert _count_queries(client, url) == first


def test_a_unit_head_sees_only_the_units_people_in_the_rating_season(
    org, people, season, client_for
):
    page = client_for(org.head_b).get("/people/rating/SKHCN/2022/").content.decode()
    assert "Võ Văn Ba" in page and "Lê Văn Một" not in page

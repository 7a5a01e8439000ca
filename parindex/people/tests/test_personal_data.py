"""Personal data: who reads a full record, who sees names only, audited reads, exports."""

from __future__ import annotations

import pytest

from parindex.audit.models import AuditEntry
from parindex.people.models import StaffMember

from .conftest import STAFF_HEADER


@pytest.fixture
def staff(org, scheme, run, write_csv):
    rows = [
        ["A1", "Lê Văn Một", "QLCN", "CV-A", "chuyên viên", "01/03/2022", "có", ""],
        ["A2", "Phạm Thị Hai", "QLCN", "TP-A", "chuyên viên chính", "01/03/2020", "", ""],
        ["B1", "Võ Văn Ba", "TDC", "CV-B", "chuyên viên", "01/03/2021", "", ""],
    ]
    path = write_csv("s.csv", [*STAFF_HEADER, "Tài khoản"], [
        [*rows[0], org.staff_a.username], [*rows[1], org.head_a.username], [*rows[2], ""]
    ])  # fmt: skip
    assert run("import_staff", str(path), "--agency", "SKHCN")[0] == 0
    return {m.code: m for m in StaffMember.objects.all()}


FULL_READERS = ("secretariat", "director", "admin")
NO_READERS = ("head_b", "staff_b", "viewer", "appraiser", "outsider", "other_secretariat")


@pytest.mark.parametrize("persona", FULL_READERS)
def test_secretariat_and_leaders_read_a_full_record_and_the_read_is_audited(
    org, staff, client_for, persona
):
    user = org.by_name(persona)
    before = AuditEntry.objects.filter(action="staff.viewed").count()
    response = client_for(user).get("/people/staff/SKHCN/A1/")
    assert response.status_code == 200
    assert "01/03/2022" in response.content.decode()
    entries = AuditEntry.objects.filter(action="staff.viewed")
    assert entries.count() == before + 1
    assert entries.latest("id").actor == user


def test_every_read_writes_its_own_audit_row(org, staff, client_for):
    client = client_for(org.secretariat)
    for _ in range(3):
        client.get("/people/staff/SKHCN/A1/")
    assert AuditEntry.objects.filter(action="staff.viewed", actor=org.secretariat).count() == 3


def test_the_person_reads_their_own_record(org, staff, client_for):
    assert client_for(org.staff_a).get("/people/staff/SKHCN/A1/").status_code == 200
    assert client_for(org.staff_a).get("/people/staff/SKHCN/A2/").status_code == 404


def test_a_unit_head_cannot_open_a_full_record_of_the_unit(org, staff, client_for):
    assert client_for(org.head_a).get("/people/staff/SKHCN/A1/").status_code == 404
    assert not AuditEntry.objects.filter(action="staff.viewed").exists()


@pytest.mark.parametrize("persona", NO_READERS)
def test_others_cannot_open_a_record(org, staff, client_for, persona):
    assert client_for(org.by_name(persona)).get("/people/staff/SKHCN/A1/").status_code == 404


def test_a_unit_head_lists_names_positions_and_ranks_of_the_unit_only(org, staff, client_for):
    page = client_for(org.head_a).get("/people/staff/").content.decode()
    assert "Lê Văn Một" in page and "Phạm Thị Hai" in page
    assert "Võ Văn Ba" not in page  # another unit
    assert "01/03/2022" not in page  # no placement date
    assert "export=csv" not in page


def test_a_head_of_another_unit_does_not_see_this_units_people(org, staff, client_for):
    page = client_for(org.head_b).get("/people/staff/").content.decode()
    assert "Lê Văn Một" not in page and "Võ Văn Ba" in page


def test_the_secretariat_sees_full_columns_and_may_export_and_the_export_is_audited(
    org, staff, client_for
):
    client = client_for(org.secretariat)
    page = client.get("/people/staff/").content.decode()
    assert "01/03/2022" in page and "export=csv" in page
    response = client.get("/people/staff/?export=csv")
    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    assert "Võ Văn Ba" in body and "A1" in body
    assert AuditEntry.objects.filter(action="staff.exported", actor=org.secretariat).exists()


@pytest.mark.parametrize("persona", ("director", "head_a", "staff_a", "viewer"))
def test_nobody_but_the_secretariat_exports_staff(org, staff, client_for, persona):
    client = client_for(org.by_name(persona))
    assert client.get("/people/staff/?export=csv").status_code == 403
    assert client.get("/people/staff/?export=xlsx").status_code == 403


def test_the_api_gives_the_same_answers(org, staff, client_for):
    client = client_for(org.head_a)
    listed = client.get("/api/v1/people/staff?agency=SKHCN").json()
    assert {m["full_name"] for m in listed} == {"Lê Văn Một", "Phạm Thị Hai"}
    assert "placed_on" not in listed[0]
    assert client.get("/api/v1/people/staff/SKHCN/A1").status_code == 404
    assert client.get("/api/v1/people/staff/export?agency=SKHCN").status_code in (403, 404)
    client = client_for(org.director)
    record = client.get("/api/v1/people/staff/SKHCN/A1").json()
    assert record["placed_on"] == "2022-03-01" and record["user"] == org.staff_a.username
    assert AuditEntry.objects.filter(action="staff.viewed", actor=org.director).count() == 1
    assert client.get("/api/v1/people/staff/export?agency=SKHCN").status_code == 403
    client = client_for(org.secretariat)
    exported = client.get("/api/v1/people/staff/export?agency=SKHCN").json()
    assert len(exported) == 3


def test_the_other_agencys_secretariat_sees_nothing_here(org, staff, client_for):
    client = client_for(org.other_secretariat)
    assert client.get("/api/v1/people/staff?agency=SKHCN").json() == []
    assert client.get("/api/v1/people/staff/SKHCN/A1").status_code == 404
    assert client.get("/api/v1/people/figures?agency=SKHCN&year=2026").status_code == 404
    assert client.get("/people/staff/?export=csv").status_code == 200  # its own (empty) agency
    assert "Lê Văn Một" not in client.get("/people/staff/?export=csv").content.decode("utf-8-sig")


def test_staff_records_are_linked_to_existing_accounts(org, staff):
    assert staff["A1"].user == org.staff_a
    assert staff["A2"].user == org.head_a
    assert staff["B1"].user is None


def test_the_staff_list_shows_everyone_with_as_many_queries_for_twice_the_people(
    org, staff, client_for, run, write_csv, list_scales
):
    def add(start, stop):
        rows = [
            [f"X{i}", f"Người thử {i}", "QLCN", "CV-A", "chuyên viên", "", "", ""]
            for i in range(start, stop)
        ]
        path = write_csv(f"more{start}.csv", STAFF_HEADER, rows)
        run("import_staff", str(path), "--agency", "SKHCN")

    list_scales(client_for(org.secretariat), "/people/staff/", add, lambda i: f"Người thử {i}<")


def test_a_staff_member_finds_their_own_record_from_the_list(org, staff, client_for):
    page = client_for(org.staff_a).get("/people/staff/").content.decode()
    assert "/people/staff/SKHCN/A1/" in page
    assert "Phạm Thị Hai" not in page  # a colleague's record is not theirs to read


def test_the_staff_export_neutralises_a_name_that_starts_a_formula(org, staff, client_for):
    StaffMember.objects.filter(code="B1").update(full_name="=cmd|' /C calc'!A0")
    client = client_for(org.secretariat)
    body = client.get("/people/staff/?export=csv").content.decode("utf-8-sig")
    assert "'=cmd|' /C calc'!A0" in body
    assert "\n=cmd" not in body and ",=cmd" not in body

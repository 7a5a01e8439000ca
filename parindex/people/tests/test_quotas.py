"""The yearly staffing quota (biên chế) of each unit: file, screen, API, audit, rights."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from parindex.audit.models import AuditEntry
from parindex.people import services
from parindex.people.models import StaffingQuota
from parindex.people.tests.conftest import STAFF_HEADER

pytestmark = pytest.mark.django_db

QUOTA_HEADER = ["Đơn vị", "Năm", "Biên chế"]


def test_import_sets_each_units_quota_and_again_changes_nothing(org, run, write_csv):
    path = write_csv("quotas.csv", QUOTA_HEADER, [["QLCN", 2026, 6], ["TDC", 2026, 4]])
    code, out, err = run("import_quotas", str(path), "--agency", "SKHCN")
    assert code == 0, err
    assert "created 2, updated 0, unchanged 0, rejected 0" in out
    assert dict(StaffingQuota.objects.values_list("unit__code", "quota")) == {"QLCN": 6, "TDC": 4}
    code, out, _err = run("import_quotas", str(path), "--agency", "SKHCN")
    assert "created 0, updated 0, unchanged 2, rejected 0" in out
    changed = write_csv("q2.csv", QUOTA_HEADER, [["QLCN", 2026, 7]])
    code, out, _err = run("import_quotas", str(changed), "--agency", "SKHCN")
    assert "created 0, updated 1, unchanged 0" in out
    entry = AuditEntry.objects.filter(action="quota.set").order_by("-pk").first()
    assert (entry.before["quota"], entry.after["quota"]) == (6, 7)


@pytest.mark.parametrize(
    ("row", "column"),
    [
        (["KHONGCO", 2026, 3], "Đơn vị"),
        (["QLCN", 1999, 3], "Năm"),
        (["QLCN", 2026, -1], "Biên chế"),
        (["QLCN", 2026, "2,5"], "Biên chế"),
        (["QLCN", 2026, "nhiều"], "Biên chế"),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_written(org, run, write_csv, row, column):
    path = write_csv("bad.csv", QUOTA_HEADER, [["TDC", 2026, 4], row])
    code, _out, err = run("import_quotas", str(path), "--agency", "SKHCN")
    assert code != 0
    assert f"row 3, column {column}" in err
    assert not StaffingQuota.objects.exists()


def test_a_unit_and_year_twice_in_one_file_is_refused(org, run, write_csv):
    path = write_csv("dup.csv", QUOTA_HEADER, [["QLCN", 2026, 4], ["qlcn", 2026, 5]])
    code, _out, err = run("import_quotas", str(path), "--agency", "SKHCN")
    assert code != 0 and "row 3, column Đơn vị" in err
    assert not StaffingQuota.objects.exists()


def test_placement_shows_quota_people_in_post_and_what_is_left_to_fill(
    org, scheme, run, write_csv, client_for
):
    staff = write_csv(
        "staff.csv",
        STAFF_HEADER,
        [
            ["A1", "Nguyễn Văn An", "QLCN", "CV-A", "chuyên viên", "01/01/2020", "", ""],
            ["A2", "Trần Thị Bình", "QLCN", "CV-A", "chuyên viên", "01/01/2020", "", ""],
            ["A3", "Lê Văn Cường", "QLCN", "", "chuyên viên", "", "", "31/03/2026"],
            ["B1", "Phạm Thị Dung", "TDC", "CV-B", "chuyên viên", "01/01/2021", "", ""],
        ],
    )
    assert run("import_staff", str(staff), "--agency", "SKHCN")[0] == 0
    services.quota_set(actor=org.secretariat, unit=org.unit_a, year=2026, quota=5)
    services.quota_set(actor=org.secretariat, unit=org.unit_b, year=2026, quota=0)
    page = client_for(org.secretariat).get(
        reverse("people:placement"), {"agency": "SKHCN", "year": 2026, "as_of": "2026-06-30"}
    )
    rows = {r.unit.code: (r.quota, r.present, r.gap) for r in page.context["data"].staffing}
    # A3 left on 31/03: not in post on 30/06. TDC holds one person against a quota of 0.
    assert rows["QLCN"] == (5, 2, 3)
    assert rows["TDC"] == (0, 1, -1)
    assert rows["HCTH"] == (None, 0, None)
    assert "vượt 1" in page.content.decode()


def test_only_the_secretariat_sets_a_quota_on_the_screen(org, client_for):
    url = reverse("people:quota_set") + "?agency=SKHCN&year=2026"
    for user in (org.head_a, org.staff_a, org.director, org.viewer, org.other_secretariat):
        response = client_for(user).post(url, {"unit": "QLCN", "quota": 9})
        assert response.status_code in (403, 404), user.username
    assert not StaffingQuota.objects.exists()
    response = client_for(org.secretariat).post(url, {"unit": "QLCN", "quota": 9})
    assert response.status_code == 302
    assert StaffingQuota.objects.get(unit=org.unit_a, year=2026).quota == 9
    refused = client_for(org.secretariat).post(url, {"unit": "QLCN", "quota": -2}, follow=True)
    assert StaffingQuota.objects.get(unit=org.unit_a, year=2026).quota == 9
    assert refused.status_code == 200


def test_the_api_reads_and_sets_quotas_with_the_same_rights(org, client_for):
    secretariat = client_for(org.secretariat)
    put = secretariat.put(
        "/api/v1/people/quotas/SKHCN",
        {"unit": "TDC", "year": 2026, "quota": 3},
        content_type="application/json",
    )
    assert put.status_code == 200, put.content
    assert put.json()["quota"] == 3
    listed = secretariat.get(
        "/api/v1/people/quotas", {"agency": "SKHCN", "year": 2026, "as_of": dt.date(2026, 6, 30)}
    )
    assert {r["unit"]: r["quota"] for r in listed.json()}["TDC"] == 3
    bad = secretariat.put(
        "/api/v1/people/quotas/SKHCN",
        {"unit": "TDC", "year": 2026, "quota": 20000},
        content_type="application/json",
    )
    assert bad.status_code == 400
    head = client_for(org.head_a)
    assert head.get("/api/v1/people/quotas", {"agency": "SKHCN", "year": 2026}).status_code in (
        403,
        404,
    )
    refused = head.put(
        "/api/v1/people/quotas/SKHCN",
        {"unit": "QLCN", "year": 2026, "quota": 3},
        content_type="application/json",
    )
    assert refused.status_code in (403, 404)
    assert StaffingQuota.objects.count() == 1

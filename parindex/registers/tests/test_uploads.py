"""The registers' files imported on the web and through the API: the commands' rules, the
importer's rights, nothing written when a row is bad."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from parindex.registers.models import Inspection, LegalDocument
from parindex.registers.tests.test_inspections import INS_HEADER, ins
from parindex.registers.tests.test_legal_documents import HEADER, doc

pytestmark = pytest.mark.django_db


def upload(header: list[str], rows: list[list[object]], name: str = "file.csv"):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8"), content_type="text/csv")


def test_the_secretariat_imports_a_drafting_plan_on_the_web_and_again_changes_nothing(
    org, client_for
):
    client = client_for(org.secretariat)
    rows = [doc("VB1"), doc("VB2", unit="TDC")]
    data = {"kind": "documents", "agency": org.agency.pk}
    page = client.post(reverse("registers:import"), {**data, "file": upload(HEADER, rows)})
    assert page.status_code == 200
    assert "Thêm mới 2, cập nhật 0, không đổi 0, bị loại 0" in page.content.decode()
    assert set(LegalDocument.objects.values_list("code", flat=True)) == {"VB1", "VB2"}
    again = client.post(reverse("registers:import"), {**data, "file": upload(HEADER, rows)})
    assert "Thêm mới 0, cập nhật 0, không đổi 2, bị loại 0" in again.content.decode()


def test_a_bad_row_is_named_by_row_and_column_and_nothing_is_written(org, client_for):
    client = client_for(org.secretariat)
    rows = [doc("VB1"), doc("VB2", unit="KHONGCO")]
    page = client.post(
        reverse("registers:import"),
        {"kind": "documents", "agency": org.agency.pk, "file": upload(HEADER, rows)},
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert 'role="alert"' in text
    assert "Dòng 3, cột Đơn vị chủ trì" in text
    assert not LegalDocument.objects.exists()


def test_a_file_that_is_not_a_table_is_refused_with_a_message_on_the_field(org, client_for):
    client = client_for(org.secretariat)
    bad = SimpleUploadedFile("plan.xlsx", b"not a spreadsheet at all")
    page = client.post(
        reverse("registers:import"), {"kind": "documents", "agency": org.agency.pk, "file": bad}
    )
    assert page.status_code == 200
    assert page.context["form"].errors.get("file")
    assert not LegalDocument.objects.exists()


def test_the_inspectorate_imports_inspections_but_not_the_drafting_plan(
    org, inspectorate, client_for
):
    client = client_for(inspectorate.inspector)
    page = client.get(reverse("registers:import"))
    kinds = [value for value, _label in page.context["form"].fields["kind"].choices]
    assert kinds == ["inspections", "recommendations"]
    refused = client.post(
        reverse("registers:import"),
        {"kind": "documents", "agency": org.agency.pk, "file": upload(HEADER, [doc("VB1")])},
    )
    assert refused.context["form"].errors.get("kind")
    assert not LegalDocument.objects.exists()
    done = client.post(
        reverse("registers:import"),
        {"kind": "inspections", "agency": org.agency.pk, "file": upload(INS_HEADER, [ins("TT1")])},
    )
    assert "Thêm mới 1" in done.content.decode()
    assert Inspection.objects.filter(code="TT1").exists()


def test_only_people_who_may_import_see_the_link_or_open_the_screen(org, inspectorate, client_for):
    for user in (org.staff_a, org.head_a, org.viewer, org.appraiser, org.director):
        client = client_for(user)
        assert client.get(reverse("registers:import")).status_code == 403, user.username
        index = client.get(reverse("registers:index"), {"agency": org.agency.code})
        assert reverse("registers:import") not in index.content.decode(), user.username
    for user in (org.secretariat, inspectorate.inspector):
        client = client_for(user)
        index = client.get(reverse("registers:index"), {"agency": org.agency.code})
        assert reverse("registers:import") in index.content.decode(), user.username


def test_the_api_imports_with_the_same_rules_and_refuses_other_agencies(org, client_for):
    client = client_for(org.secretariat)
    url = "/api/v1/registers/import/documents"
    ok = client.post(url, {"agency": "SKHCN", "file": upload(HEADER, [doc("VB1")])})
    assert ok.status_code == 200, ok.content
    assert ok.json()["created"] == 1
    bad = client.post(url, {"agency": "SKHCN", "file": upload(HEADER, [doc("VB2", unit="X")])})
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["row"] == 2
    assert not LegalDocument.objects.filter(code="VB2").exists()
    other = client.post(url, {"agency": "STP", "file": upload(HEADER, [doc("VB3")])})
    assert other.status_code in (403, 404)
    assert (
        client.post(
            "/api/v1/registers/import/nothing", {"agency": "SKHCN", "file": upload(HEADER, [])}
        ).status_code
        == 404
    )
    staff = client_for(org.staff_a)
    refused = staff.post(url, {"agency": "SKHCN", "file": upload(HEADER, [doc("VB4")])})
    assert refused.status_code in (403, 404)
    assert not LegalDocument.objects.filter(code="VB4").exists()

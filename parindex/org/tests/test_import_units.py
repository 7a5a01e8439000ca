"""`parindex import_units` as docs/formats.md §0 promises."""

import csv

import pytest
from django.core.management.base import CommandError
from openpyxl import Workbook

from conftest import refused_command, run_command
from parindex.audit.models import AuditEntry
from parindex.org.models import Agency, Unit


def write_xlsx(path, rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def write_csv(path, rows, delimiter=","):
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def run(*args):
    return run_command("import_units", *map(str, args))


@pytest.fixture
def units_file(tmp_path):
    return write_xlsx(
        tmp_path / "donvi.xlsx",
        [
            ["DANH SÁCH ĐƠN VỊ THUỘC SỞ"],
            [],
            ["Mã đơn vị", "Tên đơn vị", "Loại", "Ghi chú"],
            ["HCTH", "Phòng Hành chính - Tổng hợp", "phòng", ""],
            ["TTRA", "Thanh tra Sở", "thanh tra", ""],
            ["TTUD", "Trung tâm Ứng dụng và Dịch vụ KH&CN", "Trung tâm", ""],
        ],
    )


def test_import_creates_the_agency_and_its_units_under_title_rows(db, units_file):
    out, err = run(units_file, "--agency", "SKHCN", "--agency-name", "Sở KH&CN Quảng Ngãi")
    assert out.strip().endswith("created 3, updated 0, unchanged 0, rejected 0")
    assert "Ghi chú" in err  # unknown column reported once as a warning
    agency = Agency.objects.get(code="SKHCN")
    assert agency.name == "Sở KH&CN Quảng Ngãi"
    kinds = dict(Unit.objects.filter(agency=agency).values_list("code", "kind"))
    assert kinds == {"HCTH": "phong", "TTRA": "thanh_tra", "TTUD": "trung_tam"}


def test_reimporting_the_same_file_changes_nothing(db, units_file):
    run(units_file, "--agency", "SKHCN")
    audit_rows = AuditEntry.objects.count()
    out, _ = run(units_file, "--agency", "SKHCN")
    assert out.strip().endswith("created 0, updated 0, unchanged 3, rejected 0")
    assert AuditEntry.objects.count() == audit_rows


def test_a_changed_row_updates_the_unit_and_is_audited(db, units_file, tmp_path):
    run(units_file, "--agency", "SKHCN")
    changed = write_csv(
        tmp_path / "donvi.csv",
        [
            ["ma", "TÊN", "loai don vi"],
            ["HCTH", "Văn phòng Sở", "Phòng"],
        ],
        delimiter=";",
    )
    out, _ = run(changed, "--agency", "SKHCN")
    assert out.strip().endswith("created 0, updated 1, unchanged 0, rejected 0")
    entry = AuditEntry.objects.filter(action="unit.updated").get()
    assert entry.before["name"] == "Phòng Hành chính - Tổng hợp"
    assert entry.after["name"] == "Văn phòng Sở"


def test_aliases_code_and_don_vi_are_accepted(db, tmp_path):
    path = write_csv(
        tmp_path / "u.csv", [["code", "Đơn vị"], ["KHTC", "Phòng Kế hoạch – Tài chính"]]
    )
    run(path, "--agency", "STP")
    assert Unit.objects.get(agency__code="STP", code="KHTC").name == "Phòng Kế hoạch – Tài chính"


@pytest.fixture
def bad_file(tmp_path):
    """A units file whose row 4 has no code, row 5 an unknown kind and row 6 a repeated code."""
    return write_xlsx(
        tmp_path / "bad.xlsx",
        [
            ["Danh sách"],
            ["Mã đơn vị", "Tên đơn vị", "Loại"],
            ["HCTH", "Phòng Hành chính - Tổng hợp", "phòng"],
            ["", "Không có mã", "phòng"],
            ["TDC", "Phòng TĐC", "sở"],
            ["HCTH", "Trùng mã", ""],
        ],
    )


def test_a_file_with_a_bad_row_is_refused_whole_naming_rows(db, bad_file, capsys):
    with pytest.raises(CommandError) as raised:
        run(bad_file, "--agency", "SKHCN")
    assert raised.value.returncode == 1
    assert not Agency.objects.exists()
    assert not Unit.objects.exists()


def test_refusal_lists_problems_as_row_and_column(db, bad_file):
    lines = refused_command("import_units", str(bad_file), "--agency", "SKHCN").splitlines()
    assert any(line.startswith("row 4, column Mã đơn vị:") for line in lines)
    assert any(line.startswith("row 5, column Loại:") for line in lines)


def test_skip_invalid_writes_valid_rows_and_a_rejected_file(db, tmp_path):
    path = write_csv(
        tmp_path / "mixed.csv",
        [
            ["Mã đơn vị", "Tên đơn vị"],
            ["HCTH", "Phòng HC-TH"],
            ["", "Không mã"],
        ],
    )
    out, err = run(path, "--agency", "SKHCN", "--skip-invalid")
    assert out.strip().endswith("created 1, updated 0, unchanged 0, rejected 1")
    rejected = tmp_path / "mixed.rejected.csv"
    assert rejected.exists()
    rows = list(csv.reader(rejected.open(encoding="utf-8-sig")))
    assert rows[1][1] == "Không mã"


def test_the_web_upload_refuses_a_bad_file_with_row_numbers(org, client_for, tmp_path):
    from django.urls import reverse

    path = write_csv(tmp_path / "bad.csv", [["Mã đơn vị", "Tên đơn vị"], ["X Y", "Có dấu cách"]])
    client = client_for(org.secretariat)
    with path.open("rb") as handle:
        page = client.post(reverse("org:unit_import"), {"agency_code": "SKHCN", "file": handle})
    assert "Dòng 2, cột Mã đơn vị" in page.content.decode()
    assert not Unit.objects.filter(code="X Y").exists()


def test_the_secretariat_cannot_import_into_another_agency(org, client_for, tmp_path):
    from django.urls import reverse

    path = write_csv(tmp_path / "u.csv", [["Mã đơn vị", "Tên đơn vị"], ["NEW", "Phòng mới"]])
    with path.open("rb") as handle:
        response = client_for(org.secretariat).post(
            reverse("org:unit_import"), {"agency_code": "STP", "file": handle}
        )
    assert response.status_code == 403
    assert not Unit.objects.filter(code="NEW").exists()


def test_a_name_longer_than_the_column_is_a_row_error(db, tmp_path):
    """Issue 12, item 11: refused naming the row, not a database error."""
    path = write_csv(tmp_path / "u.csv", [["Mã đơn vị", "Tên đơn vị"], ["A", "x" * 400]])
    with pytest.raises(CommandError):
        run(path, "--agency", "SKHCN")
    assert not Unit.objects.exists()


def test_the_web_upload_shows_a_service_refusal_instead_of_failing(org, client_for, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from parindex.common.errors import DomainError
    from parindex.org import services

    def refuse(*args, **kwargs):
        raise DomainError("Tên quá dài", field="name")

    monkeypatch.setattr(services, "unit_create", refuse)
    upload = SimpleUploadedFile("u.csv", "Mã đơn vị,Tên đơn vị\nNEW,Phòng mới\n".encode())
    page = client_for(org.secretariat).post(
        reverse("org:unit_import"), {"agency_code": "SKHCN", "file": upload}
    )
    assert page.status_code == 200 and "Tên quá dài" in page.content.decode()

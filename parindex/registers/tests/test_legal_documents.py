"""The legal-document import and `legal_figures` (the contract's definitions, at the edges)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management.base import CommandError

from conftest import run_command as run
from parindex.audit.models import AuditEntry
from parindex.registers.models import LegalDocument
from parindex.registers.tests.conftest import figures, write_csv

HEADER = [
    "Mã văn bản",
    "Tên văn bản",
    "Hình thức",
    "Đơn vị chủ trì",
    "Năm kế hoạch",
    "Hạn trình",
    "Ngày gửi thẩm định",
    "Ngày trình",
    "Ngày ban hành",
    "Số hiệu",
    "Ngày rút",
]


def doc(code, unit="QLCN", due="30/09/2026", sent="", submitted="", issued="", withdrawn=""):
    return [
        code,
        f"Quyết định {code}",
        "Quyết định",
        unit,
        2026,
        due,
        sent,
        submitted,
        issued,
        "",
        withdrawn,
    ]


def import_docs(tmp_path, rows, *extra, name="docs.csv"):
    return run(
        "import_legal_documents",
        str(write_csv(tmp_path / name, HEADER, rows)),
        "--agency",
        "SKHCN",
        *extra,
    )


def legal(*extra):
    return figures(
        "legal_figures", "--agency", "SKHCN", "--year", "2026", "--format", "json", *extra
    )


@pytest.mark.django_db
def test_import_creates_documents_prints_the_summary_and_audits(org, tmp_path):
    out, _err = import_docs(
        tmp_path, [doc("VB1"), doc("VB2", unit="Phòng Tiêu chuẩn Đo lường Chất lượng")]
    )
    assert out.strip() == "created 2, updated 0, unchanged 0, rejected 0"
    assert LegalDocument.objects.get(code="VB2").lead_unit == org.unit_b
    assert AuditEntry.objects.filter(action="legal_document.created").count() == 2


@pytest.mark.django_db
def test_reimporting_the_same_file_changes_nothing_and_a_changed_row_updates(org, tmp_path):
    import_docs(tmp_path, [doc("VB1"), doc("VB2")])
    out, _ = import_docs(tmp_path, [doc("VB1"), doc("VB2")])
    assert out.strip() == "created 0, updated 0, unchanged 2, rejected 0"
    out, _ = import_docs(tmp_path, [doc("VB1", submitted="01/09/2026"), doc("VB2")])
    assert out.strip() == "created 0, updated 1, unchanged 1, rejected 0"
    entry = AuditEntry.objects.get(action="legal_document.updated")
    assert entry.before["submitted_on"] is None and entry.after["submitted_on"] == "2026-09-01"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        (doc("VB1", unit="KHONGCO"), "Đơn vị chủ trì", "không có đơn vị KHONGCO"),
        (doc("VB1", sent="10/09/2026", submitted="05/09/2026"), "Ngày trình", "sớm hơn"),
        (doc("VB1", submitted="10/09/2026", issued="09/09/2026"), "Ngày ban hành", "sớm hơn"),
        (doc("VB1", due="31/02/2026"), "Hạn trình", ""),
        (doc("VB1", due=""), "Hạn trình", "ngày"),
    ],
)
def test_a_bad_row_is_reported_by_row_and_column_and_nothing_is_written(
    org, tmp_path, capsys, row, column, words
):
    path = write_csv(tmp_path / "bad.csv", HEADER, [doc("VB0"), row])
    from io import StringIO

    from django.core.management import call_command

    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_legal_documents", str(path), "--agency", "SKHCN", stderr=err)
    assert f"row 3, column {column}:" in err.getvalue()
    assert words in err.getvalue()
    assert not LegalDocument.objects.exists()


@pytest.mark.django_db
def test_duplicate_codes_in_one_file_are_refused(org, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    err = StringIO()
    path = write_csv(tmp_path / "dup.csv", HEADER, [doc("VB1"), doc("vb1")])
    with pytest.raises(CommandError):
        call_command("import_legal_documents", str(path), "--agency", "SKHCN", stderr=err)
    assert "row 3, column Mã văn bản:" in err.getvalue()
    assert not LegalDocument.objects.exists()


@pytest.mark.django_db
def test_skip_invalid_writes_the_valid_rows_and_a_rejected_file(org, tmp_path):
    out, _ = import_docs(tmp_path, [doc("VB1"), doc("VB2", unit="X")], "--skip-invalid")
    assert out.strip() == "created 1, updated 0, unchanged 0, rejected 1"
    assert (tmp_path / "docs.rejected.csv").exists()


@pytest.mark.django_db
def test_aliases_and_title_rows_are_accepted(org, tmp_path):
    path = tmp_path / "alias.csv"
    path.write_text(
        "KẾ HOẠCH XÂY DỰNG VĂN BẢN QPPL NĂM 2026\n"
        "mã dự thảo;trích yếu;đơn vị;NĂM;Hạn trình theo kế hoạch;Gửi Sở Tư pháp;Ngày trình UBND;Số ký hiệu;Ngày rút khỏi kế hoạch\n"
        "A1;Quy định A;QLCN;2026;2026-06-30;01/06/2026;20/06/2026;12/2026/QĐ-UBND;\n",
        encoding="utf-8",
    )
    out, _ = run("import_legal_documents", str(path), "--agency", "SKHCN")
    assert out.strip() == "created 1, updated 0, unchanged 0, rejected 0"
    document = LegalDocument.objects.get(code="A1")
    assert document.submitted_on == dt.date(2026, 6, 20) and document.number == "12/2026/QĐ-UBND"


@pytest.mark.django_db
def test_legal_figures_count_each_definition_at_its_boundary(org, tmp_path):
    import_docs(
        tmp_path,
        [
            doc("ON_DEADLINE", due="30/09/2026", submitted="30/09/2026", issued="15/10/2026"),
            doc("LATE", due="30/09/2026", submitted="01/10/2026"),
            doc("DUE_AS_OF", due="15/10/2026"),  # due on the as-of day: not due yet
            doc("OVERDUE", due="14/10/2026", unit="TDC"),
            doc(
                "AFTER", due="30/09/2026", submitted="16/10/2026", unit="TDC"
            ),  # after as-of: overdue
            doc("WITHDRAWN", due="01/03/2026", withdrawn="15/10/2026", unit="HCTH"),
            doc("WITHDRAWN_LATER", due="01/03/2026", withdrawn="16/10/2026", unit="HCTH"),
        ],
    )
    data = legal("--as-of", "2026-10-15")
    assert data["agency"] == "SKHCN" and data["year"] == 2026 and data["as_of"] == "2026-10-15"
    assert data["total"] == {
        "planned": 6,
        "submitted": 2,
        "submitted_on_time": 1,
        "submitted_late": 1,
        "overdue": 3,
        "not_due": 1,
        "issued": 1,
        "on_time_rate": 1 / 5,
    }
    assert [g["key"] for g in data["groups"]] == ["HCTH", "QLCN", "TDC"]
    hcth, qlcn, tdc = data["groups"]
    assert (
        hcth["label"] == org.secretariat_unit.name and hcth["planned"] == 1 and hcth["overdue"] == 1
    )
    assert qlcn["planned"] == 3 and qlcn["on_time_rate"] == 1 / 2
    assert tdc["overdue"] == 2 and tdc["on_time_rate"] == 0.0


@pytest.mark.django_db
def test_units_with_only_withdrawn_documents_are_left_out_and_rates_are_null_on_zero(org, tmp_path):
    import_docs(
        tmp_path, [doc("W", withdrawn="01/01/2026"), doc("N", unit="TDC", due="31/12/2026")]
    )
    data = legal("--as-of", "2026-06-01")
    assert [g["key"] for g in data["groups"]] == ["TDC"]
    assert data["total"]["on_time_rate"] is None and data["total"]["not_due"] == 1


@pytest.mark.django_db
def test_as_of_defaults_to_today_or_the_31_december_of_an_earlier_year(org, tmp_path, monkeypatch):
    import parindex.registers.figures as module

    monkeypatch.setattr(module, "today", lambda: dt.date(2026, 5, 4))
    data = figures("legal_figures", "--agency", "SKHCN", "--year", "2026", "--format", "json")
    assert data["as_of"] == "2026-05-04"
    data = figures("legal_figures", "--agency", "SKHCN", "--year", "2025", "--format", "json")
    assert data["as_of"] == "2025-12-31"
    assert data["groups"] == [] and data["total"]["planned"] == 0


@pytest.mark.django_db
def test_only_documents_of_the_plan_year_count(org, tmp_path):
    rows = [doc("VB1"), [*doc("VB2")[:4], 2025, *doc("VB2")[5:]]]
    import_docs(tmp_path, rows)
    assert legal("--as-of", "2026-12-31")["total"]["planned"] == 1


@pytest.mark.django_db
def test_legal_figures_as_xlsx(org, tmp_path):
    import_docs(tmp_path, [doc("VB1", submitted="01/09/2026")])
    target = tmp_path / "out.xlsx"
    run(
        "legal_figures",
        "--agency",
        "SKHCN",
        "--year",
        "2026",
        "--as-of",
        "2026-10-01",
        "--format",
        "xlsx",
        "--output",
        str(target),
    )
    from openpyxl import load_workbook

    rows = list(load_workbook(target).worksheets[0].values)
    assert rows[0][:3] == ("key", "label", "planned")
    assert rows[1][0] == "total" and rows[2][0] == "QLCN" and rows[1][-1] == 1

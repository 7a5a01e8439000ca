"""docs/formats.md §4–5: the procedure and dossier imports."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from parindex.audit.models import AuditEntry
from parindex.common import tabular
from parindex.dossiers.choices import LimitUnit, OnlineLevel
from parindex.dossiers.models import CalendarDay, Dossier, ImportRun, Procedure
from parindex.dossiers.services import import_dossiers, import_procedures
from parindex.dossiers.tests.helpers import (
    DOSSIER_HEADER,
    at,
    make_procedure,
    march_kpis,
    write_csv,
    write_xlsx,
)


@pytest.fixture
def proc(org):
    return make_procedure(org.agency, "1.001", unit=org.unit_a, limit=5)


def dossier_row(
    code,
    *,
    proc="1.001",
    unit="",
    channel="",
    received="02/03/2026 08:00",
    due="10/03/2026",
    end="",
    returned="",
    status="9",
    supplements="0",
):
    return [code, proc, unit, channel, received, due, end, returned, status, supplements]


# -- procedures ----------------------------------------------------------------------------


def test_procedure_import_maps_old_levels_units_and_fees(org, tmp_path):
    path = write_csv(
        tmp_path / "tthc.csv",
        [
            [
                "MaTTHC",
                "TenTTHC",
                "TenLinhVuc",
                "Đơn vị thực hiện",
                "Thời hạn giải quyết",
                "LoaiThoiGianThucHien",
                "MucDo",
                "Lệ phí",
            ],
            ["1.001", "Cấp giấy chứng nhận", "KH&CN", "QLCN", "5", "", "4", "150.000"],
            [
                "1.002",
                "Đăng ký chuyển giao",
                "CGCN",
                "Phòng Tiêu chuẩn Đo lường Chất lượng",
                "3",
                "ngày",
                "3",
                "",
            ],
            ["1.003", "Cấp phép bức xạ", "ATBX", "", "4", "giờ làm việc", "2", "0"],
            ["1.004", "Thủ tục khác", "", "", "", "", "toàn trình", ""],
        ],
        title_rows=2,
    )
    result = import_procedures(path, agency_code="SKHCN")
    assert result.summary() == "created 4, updated 0, unchanged 0, rejected 0"
    p1, p2, p3, p4 = Procedure.objects.order_by("code")
    assert (p1.online_level, p1.fee, p1.unit, p1.limit_unit) == (
        OnlineLevel.FULL,
        150000,
        org.unit_a,
        LimitUnit.WORKING_DAYS,
    )
    assert (p2.online_level, p2.unit, p2.limit_unit) == (
        OnlineLevel.PARTIAL,
        org.unit_b,
        LimitUnit.CALENDAR_DAYS,
    )
    assert (p3.online_level, p3.limit_unit) == (OnlineLevel.NONE, LimitUnit.WORKING_HOURS)
    assert p4.online_level == OnlineLevel.FULL and p4.time_limit is None
    again = import_procedures(path, agency_code="SKHCN")
    assert again.summary() == "created 0, updated 0, unchanged 4, rejected 0"


def test_procedure_import_refuses_unknown_unit_with_row_number(org, tmp_path):
    path = write_csv(
        tmp_path / "tthc.csv",
        [
            ["Mã TTHC", "Tên TTHC", "Đơn vị"],
            ["1.001", "A", "QLCN"],
            ["1.002", "B", "KHONGCO"],
        ],
        title_rows=1,
    )
    with pytest.raises(tabular.ImportRefused) as refused:
        import_procedures(path, agency_code="SKHCN")
    assert str(refused.value.errors[0]).startswith("row 4, column Đơn vị: unknown unit")
    assert not Procedure.objects.exists()


def test_procedure_import_change_is_audited(org, tmp_path):
    path = write_csv(tmp_path / "t.csv", [["Mã TTHC", "Tên TTHC", "Phí"], ["1.001", "A", "10"]])
    import_procedures(path, agency_code="SKHCN")
    write_csv(path, [["Mã TTHC", "Tên TTHC", "Phí"], ["1.001", "A", "20"]])
    assert import_procedures(path, agency_code="SKHCN").updated == 1
    entry = AuditEntry.objects.filter(action="procedure.updated").get()
    assert entry.before == {"fee": 10} and entry.after == {"fee": 20}


# -- dossiers --------------------------------------------------------------------------------


def test_header_is_found_under_title_rows_and_aliases_are_accepted(org, proc, tmp_path):
    header = [
        "MaHoSo",
        "MaTTHC",
        "TenDonVi",
        "KenhThucHien",
        "NgayTiepNhan",
        "NgayHenTra",
        "NgayKetThucXuLy",
        "NgayTra",
        "TrangThaiHoSoId",
        "SoLanBoSung",
        "DuocThanhToanTrucTuyen",
        "Cột lạ",
    ]
    path = write_csv(
        tmp_path / "hs.csv",
        [
            header,
            [
                "H1",
                "1.001",
                "QLCN",
                "2",
                "02/03/2026 08:00",
                "10/03/2026",
                "09/03/2026 10:00",
                "",
                "9",
                "0",
                "1",
                "x",
            ],
        ],
        title_rows=3,
        sep=";",
    )
    result = import_dossiers(path, agency_code="SKHCN")
    assert result.created == 1
    assert any("Cột lạ" in w for w in result.warnings)
    d = Dossier.objects.get()
    assert (d.channel, d.online_payment, d.unit, d.status) == (2, 1, org.unit_a, 9)


def test_every_date_form_and_due_date_means_end_of_day(org, proc, tmp_path):
    rows = [
        DOSSIER_HEADER,
        dossier_row("A", received="02/03/2026", due="10/03/2026"),
        dossier_row("B", received="02-03-2026 08:30", due="2026-03-10"),
        dossier_row("C", received="2026-03-02T08:30:00+07:00", due="10/03/2026 16:00"),
        dossier_row("D", received="08:30 02/03/2026", due="10.03.2026"),
    ]
    import_dossiers(write_csv(tmp_path / "d.csv", rows), agency_code="SKHCN")
    got = {d.code: d for d in Dossier.objects.all()}
    assert got["A"].received_at == at("02/03/2026", "00:00")
    assert got["A"].due_at == at("10/03/2026", "23:59") + dt.timedelta(seconds=59)
    assert got["B"].received_at == at("02/03/2026", "08:30")
    assert got["C"].due_at == at("10/03/2026", "16:00")
    assert got["D"].due_on == dt.date(2026, 3, 10)


def test_real_excel_dates_in_an_xlsx_file(org, proc, tmp_path):
    path = write_xlsx(
        tmp_path / "d.xlsx",
        [
            DOSSIER_HEADER,
            [
                "X1",
                "1.001",
                None,
                1,
                dt.datetime(2026, 3, 2, 8, 15),
                dt.date(2026, 3, 10),
                dt.datetime(2026, 3, 9, 9, 0),
                None,
                10,
                0,
            ],
        ],
        title_rows=2,
    )
    assert import_dossiers(path, agency_code="SKHCN").created == 1
    d = Dossier.objects.get()
    assert d.received_at == at("02/03/2026", "08:15")
    assert d.due_at.astimezone(at("01/01/2026").tzinfo).time() == dt.time(23, 59, 59)
    assert d.unit == org.unit_a  # the procedure's unit


def test_channel_and_status_names_full_and_short(org, proc, tmp_path):
    rows = [DOSSIER_HEADER]
    cases = [
        ("trực tiếp", "đã trả kết quả", 1, 10),
        ("Trực tuyến", "Đang xử lý", 2, 4),
        ("BCCI", "yêu cầu bổ sung", 3, 5),
        ("bưu chính công ích", "Yêu cầu bổ sung giấy tờ", 3, 5),
        ("", "rút hồ sơ", 1, 7),
        ("2", "công dân yêu cầu rút hồ sơ", 2, 7),
        ("bưu chính", "dừng xử lý", 3, 8),
        ("1", "Mới đăng ký", 1, 1),
        ("1", "không được tiếp nhận", 1, 3),
        ("1", "được tiếp nhận", 1, 2),
        ("1", "yêu cầu thực hiện nghĩa vụ tài chính", 1, 6),
        ("1", "ĐÃ XỬ LÝ XONG", 1, 9),
    ]
    for i, (channel, status, *_rest) in enumerate(cases):
        rows.append(dossier_row(f"S{i}", channel=channel, status=status, end=""))
    import_dossiers(write_csv(tmp_path / "d.csv", rows), agency_code="SKHCN")
    got = {d.code: (d.channel, d.status) for d in Dossier.objects.all()}
    assert got == {f"S{i}": (c, s) for i, (_a, _b, c, s) in enumerate(cases)}
    assert Dossier.objects.filter(counted=False).count() == 2


def test_withdrawn_without_end_date_takes_the_result_date(org, proc, tmp_path):
    rows = [
        DOSSIER_HEADER,
        dossier_row("W", status="7", end="", returned="05/03/2026 09:00"),
        dossier_row("P", status="10", end="", returned="05/03/2026 09:00"),
    ]
    import_dossiers(write_csv(tmp_path / "d.csv", rows), agency_code="SKHCN")
    w, p = Dossier.objects.get(code="W"), Dossier.objects.get(code="P")
    assert w.ended_at == at("05/03/2026", "09:00") and w.finished_at is None
    assert p.ended_at is None


def test_due_or_end_before_reception_is_a_row_error_and_nothing_is_written(org, proc, tmp_path):
    rows = [
        DOSSIER_HEADER,
        dossier_row("OK"),
        dossier_row("BAD1", due="01/03/2026"),
        dossier_row("BAD2", end="01/03/2026 10:00"),
        dossier_row("BAD3", status="8", returned="01/03/2026"),
    ]
    path = write_csv(tmp_path / "d.csv", rows, title_rows=1)
    with pytest.raises(tabular.ImportRefused) as refused:
        import_dossiers(path, agency_code="SKHCN")
    lines = [str(e) for e in refused.value.errors]
    assert lines == [
        "row 4, column Ngày hẹn trả: the due date is before the reception",
        "row 5, column Ngày kết thúc xử lý: the end date is before the reception",
        "row 6, column Ngày trả kết quả: the end date is before the reception",
    ]
    assert not Dossier.objects.exists()


def test_refused_file_leaves_the_database_unchanged(org, proc, tmp_path):
    path = write_csv(tmp_path / "d.csv", [DOSSIER_HEADER, dossier_row("A")])
    import_dossiers(path, agency_code="SKHCN")
    before = list(Dossier.objects.values_list("code", "status", "updated_at"))
    rows = [DOSSIER_HEADER, dossier_row("A", status="10"), dossier_row("NEW")]
    rows += [dossier_row(f"N{i}") for i in range(2500)]  # more than one batch written first
    rows.append(dossier_row("Z", received="not a date"))
    write_csv(path, rows)
    with pytest.raises(tabular.ImportRefused):
        import_dossiers(path, agency_code="SKHCN")
    assert list(Dossier.objects.values_list("code", "status", "updated_at")) == before


def test_bad_rows_report_row_numbers_as_the_user_sees_them(org, proc, tmp_path):
    rows = [
        DOSSIER_HEADER,
        dossier_row("A"),
        [],
        dossier_row("B", proc="9.999"),
        dossier_row("C", channel="fax"),
        dossier_row("A"),
    ]
    path = write_csv(tmp_path / "d.csv", rows, title_rows=2)
    with pytest.raises(CommandError):
        call_command("import_dossiers", str(path), "--agency", "SKHCN")
    with pytest.raises(tabular.ImportRefused) as refused:
        import_dossiers(path, agency_code="SKHCN")
    rows_cols = [(e.row, e.column) for e in refused.value.errors]
    assert rows_cols == [(6, "Mã TTHC"), (7, "Kênh"), (8, "Mã hồ sơ")]
    assert "repeats row 4" in refused.value.errors[2].message


def test_skip_invalid_writes_valid_rows_and_a_rejected_file(org, proc, tmp_path, capsys):
    rows = [DOSSIER_HEADER, dossier_row("A"), dossier_row("B", status="99")]
    path = write_csv(tmp_path / "d.csv", rows)
    call_command("import_dossiers", str(path), "--agency", "SKHCN", "--skip-invalid")
    assert "created 1, updated 0, unchanged 0, rejected 1" in capsys.readouterr().out
    rejected = (tmp_path / "d.rejected.csv").read_text(encoding="utf-8-sig")
    assert "B" in rejected and "Lý do" in rejected
    assert ImportRun.objects.get().rejected == 1


def test_reimport_is_idempotent_and_changes_are_audited(org, proc, tmp_path, capsys):
    path = write_csv(tmp_path / "d.csv", [DOSSIER_HEADER, dossier_row("A"), dossier_row("B")])
    call_command("import_dossiers", str(path), "--agency", "SKHCN")
    call_command("import_dossiers", str(path), "--agency", "SKHCN")
    out = capsys.readouterr().out
    assert "created 2, updated 0, unchanged 0, rejected 0" in out
    assert "created 0, updated 0, unchanged 2, rejected 0" in out
    write_csv(
        path,
        [DOSSIER_HEADER, dossier_row("A", status="10", returned="11/03/2026"), dossier_row("B")],
    )
    call_command("import_dossiers", str(path), "--agency", "SKHCN")
    assert "created 0, updated 1, unchanged 1, rejected 0" in capsys.readouterr().out
    entry = AuditEntry.objects.get(action="dossier.updated")
    assert entry.before["status"] == 9 and entry.after["status"] == 10
    runs = ImportRun.objects.all()
    assert runs.count() == 3 and len(runs[0].sha256) == 64


def test_unknown_procedure_is_created_with_the_option(org, tmp_path):
    path = write_csv(tmp_path / "d.csv", [DOSSIER_HEADER, dossier_row("A", proc="7.777")])
    with pytest.raises(tabular.ImportRefused):
        import_dossiers(path, agency_code="SKHCN")
    import_dossiers(path, agency_code="SKHCN", create_procedures=True)
    assert Dossier.objects.get().procedure.code == "7.777"


def test_missing_due_date_is_computed_from_the_limit_and_calendar(org, proc, tmp_path):
    # Received Fri 28/08/2026; 5 working days: Sat 22/08 is worked but Mon 31/08, 01/09, 02/09
    # are off (2026 notice), so the days are 03, 04, 07, 08, 09/09.
    rows = [DOSSIER_HEADER, dossier_row("A", received="28/08/2026 09:00", due="")]
    import_dossiers(write_csv(tmp_path / "d.csv", rows), agency_code="SKHCN")
    assert Dossier.objects.get().due_at == at("09/09/2026", "17:00")


def test_calendar_override_moves_the_computed_due_date(org, proc, tmp_path):
    CalendarDay.objects.create(day=dt.date(2026, 3, 5), working=False, note="Nghỉ đột xuất")
    CalendarDay.objects.create(day=dt.date(2026, 3, 7), working=True, note="Làm bù")
    rows = [DOSSIER_HEADER, dossier_row("A", received="02/03/2026 09:00", due="")]
    import_dossiers(write_csv(tmp_path / "d.csv", rows), agency_code="SKHCN")
    # 03, 04, (05 off), 06, 07 (Saturday worked), 09 → 5th working day is Mon 09/03.
    assert Dossier.objects.get().due_at == at("09/03/2026", "17:00")


def test_due_is_required_when_the_procedure_has_no_limit(org, tmp_path):
    make_procedure(org.agency, "1.001", limit=None)
    rows = [DOSSIER_HEADER, dossier_row("A", due="")]
    with pytest.raises(tabular.ImportRefused) as refused:
        import_dossiers(write_csv(tmp_path / "d.csv", rows), agency_code="SKHCN")
    assert refused.value.errors[0].column == "Ngày hẹn trả"


def test_unit_by_exact_name_and_unknown_unit(org, proc, tmp_path):
    rows = [
        DOSSIER_HEADER,
        dossier_row("A", unit="phòng tiêu chuẩn đo lường chất lượng"),
        dossier_row("B", unit="Phòng Không Có"),
    ]
    path = write_csv(tmp_path / "d.csv", rows)
    with pytest.raises(tabular.ImportRefused) as refused:
        import_dossiers(path, agency_code="SKHCN")
    assert [e.row for e in refused.value.errors] == [3]
    import_dossiers(path, agency_code="SKHCN", skip_invalid=True)
    assert Dossier.objects.get().unit == org.unit_b


def test_command_refuses_with_exit_1_and_prints_rows(org, proc, tmp_path, capsys):
    path = write_csv(tmp_path / "d.csv", [DOSSIER_HEADER, dossier_row("A", received="")])
    with pytest.raises(CommandError) as exc:
        call_command("import_dossiers", str(path), "--agency", "SKHCN")
    assert exc.value.returncode == 1
    assert "row 2, column Ngày tiếp nhận" in capsys.readouterr().err


def test_unknown_agency_is_a_command_error(db, tmp_path):
    path = write_csv(tmp_path / "d.csv", [DOSSIER_HEADER])
    with pytest.raises(CommandError):
        call_command("import_dossiers", str(path), "--agency", "NOPE")


def test_withdrawn_with_only_a_result_date_counts_as_resolved(org, proc, tmp_path, capsys):
    import json

    rows = [
        DOSSIER_HEADER,
        dossier_row("W", status="rút hồ sơ", end="", returned="04/03/2026 09:00"),
        dossier_row("S", status="8", end="", returned="12/03/2026 09:00"),
    ]
    import_dossiers(write_csv(tmp_path / "d.csv", rows), agency_code="SKHCN")
    march_kpis("--format", "json")
    total = json.loads(capsys.readouterr().out)["total"]
    # W ended 04/03 before its due day 10/03 (early); S ended 12/03 after it (late).
    assert (total["resolved"], total["early"], total["late"], total["pending"]) == (2, 1, 1, 0)


def test_implausible_dates_are_row_errors_naming_the_column(org, proc, tmp_path, settings):
    """Issue 12, item 16: a year 1900 or 9999 is a slip, refused with row and column."""
    rows = [
        DOSSIER_HEADER,
        dossier_row("OK"),
        dossier_row("OLD", received="02/03/1900 08:00"),
        dossier_row("FAR", due="31/12/9999"),
    ]
    path = write_csv(tmp_path / "d.csv", rows)
    with pytest.raises(tabular.ImportRefused) as refused:
        import_dossiers(path, agency_code="SKHCN")
    found = [(e.row, e.column) for e in refused.value.errors]
    assert found == [(3, "Ngày tiếp nhận"), (4, "Ngày hẹn trả")]
    assert "01/01/2000" in refused.value.errors[0].message
    assert not Dossier.objects.exists()
    settings.PARINDEX_DOSSIER_EARLIEST_DATE = dt.date(1890, 1, 1)
    write_csv(path, [DOSSIER_HEADER, dossier_row("OLD", received="02/03/1900 08:00")])
    import_dossiers(path, agency_code="SKHCN")
    assert Dossier.objects.filter(code="OLD").exists()

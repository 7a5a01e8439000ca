"""The import toolkit against the "General rules for every import" of FORMATS.md.

Every file is built here, in ``tmp_path``: openpyxl writes the workbooks, the csv module the
CSV files in each encoding and separator Excel produces.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook

from parindex.common.tabular import (
    REASON_HEADER,
    Column,
    ImportRefused,
    ImportResult,
    RowError,
    TableError,
    format_errors,
    match_choice,
    normalize_header,
    open_table,
    parse_bool,
    parse_date,
    parse_datetime,
    parse_decimal,
    parse_text,
    parse_whole,
    write_rejected,
)

HCM = ZoneInfo("Asia/Ho_Chi_Minh")

UNITS = [
    Column("code", "Mã đơn vị", ("Mã", "code"), required=True),
    Column("name", "Tên đơn vị", ("Tên", "Đơn vị"), required=True),
    Column("kind", "Loại", ("Loại đơn vị",)),
]


def wall_clock(*parts: int) -> datetime:
    """A naive datetime, as Excel stores it and openpyxl reads it (no time zone in cells)."""
    return datetime(*parts, tzinfo=HCM).replace(tzinfo=None)


def write_csv(path: Path, rows: list[list[object]], *, encoding="utf-8", delimiter=",") -> Path:
    with path.open("w", encoding=encoding, newline="") as out:
        csv.writer(out, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[object]], *, title="Sheet1", extra=None) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for name, extra_rows in (extra or {}).items():
        other = workbook.create_sheet(name)
        for row in extra_rows:
            other.append(row)
    workbook.save(path)
    return path


def read_all(path, columns=UNITS, **kwargs):
    with open_table(path, columns, **kwargs) as table:
        return table, list(table.rows())


UNIT_ROWS = [
    ["Mã đơn vị", "Tên đơn vị", "Loại"],
    ["HCTH", "Phòng Hành chính - Tổng hợp", "phòng"],
    ["TTra", "Thanh tra", "thanh tra"],
]
EXPECTED_UNITS = [
    (2, {"code": "HCTH", "name": "Phòng Hành chính - Tổng hợp", "kind": "phòng"}),
    (3, {"code": "TTra", "name": "Thanh tra", "kind": "thanh tra"}),
]


# -- header names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    ["Mã hồ sơ", "ma ho so", "MÃ HỒ SƠ", "mahoso", "Ma_Ho_So", " mã  hồ-sơ ", "Mã hồ sơ (*)"],
)
def test_header_names_match_regardless_of_case_accents_spaces_and_required_marks(written):
    assert normalize_header(written) == normalize_header("Mã hồ sơ")


def test_d_with_stroke_folds_to_plain_d():
    assert normalize_header("Đơn vị xử lý") == normalize_header("don vi xu ly") == "donvixuly"


def test_headers_in_any_case_or_accent_are_recognised_in_a_file(tmp_path):
    path = write_csv(tmp_path / "u.csv", [["MÃ ĐƠN VỊ", "ten don vi"], ["HCTH", "Hành chính"]])
    table, rows = read_all(path)
    assert table.columns == {"code": "MÃ ĐƠN VỊ", "name": "ten don vi"}
    assert rows == [(2, {"code": "HCTH", "name": "Hành chính"})]


def test_aliases_are_accepted_as_headers(tmp_path):
    path = write_csv(
        tmp_path / "u.csv", [["code", "Tên", "Loại đơn vị"], ["KT", "Kế toán", "phòng"]]
    )
    table, rows = read_all(path)
    assert rows == [(2, {"code": "KT", "name": "Kế toán", "kind": "phòng"})]
    assert table.header_for("code") == "code"


def test_header_for_gives_the_label_of_a_column_absent_from_the_file(tmp_path):
    path = write_csv(tmp_path / "u.csv", [["Mã", "Tên"], ["KT", "Kế toán"]])
    table, _ = read_all(path)
    assert table.header_for("kind") == "Loại"
    assert "kind" not in table.columns


# -- CSV encodings and separators --------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [
        ("utf-8", ","),
        ("utf-8-sig", ","),
        ("utf-8", ";"),
        ("utf-8-sig", ";"),
        ("utf-16", ","),
        ("utf-16", ";"),
        ("utf-16", "\t"),
    ],
)
def test_csv_is_read_in_every_encoding_and_separator_excel_writes(tmp_path, encoding, delimiter):
    path = write_csv(tmp_path / "u.csv", UNIT_ROWS, encoding=encoding, delimiter=delimiter)
    table, rows = read_all(path)
    assert rows == EXPECTED_UNITS
    assert table.delimiter == delimiter
    assert table.warnings == []


def test_bom_does_not_stick_to_the_first_header(tmp_path):
    path = write_csv(tmp_path / "u.csv", UNIT_ROWS, encoding="utf-8-sig")
    table, _ = read_all(path)
    assert table.raw_header[0] == "Mã đơn vị"


def test_semicolon_file_with_commas_in_its_title_rows_is_detected(tmp_path):
    rows = [
        ["Sở Khoa học và Công nghệ, tỉnh X", "", ""],
        ["Danh sách đơn vị, năm 2026, bản 1", "", ""],
        *UNIT_ROWS,
    ]
    path = write_csv(tmp_path / "u.csv", rows, delimiter=";")
    table, read = read_all(path)
    assert table.delimiter == ";"
    assert table.header_row == 3
    assert [number for number, _ in read] == [4, 5]


def test_excel_sep_line_names_the_separator_and_is_not_counted_as_a_row(tmp_path):
    path = tmp_path / "u.csv"
    path.write_text("sep=;\nMã;Tên\nKT;Kế toán, tài vụ\n", encoding="utf-8")
    table, rows = read_all(path)
    assert table.header_row == 1
    assert rows == [(2, {"code": "KT", "name": "Kế toán, tài vụ"})]


def test_csv_that_is_neither_utf8_nor_utf16_is_refused_with_a_hint(tmp_path):
    path = tmp_path / "u.csv"
    # What a Western-European Excel writes as plain "CSV": not UTF-8.
    path.write_bytes("Mã,Tên\nKT,Kê toán\n".encode("cp1252"))
    with pytest.raises(TableError, match="CSV UTF-8"):
        open_table(path, UNITS)


def test_a_quoted_cell_spanning_lines_is_one_row(tmp_path):
    path = write_csv(
        tmp_path / "u.csv",
        [["Mã", "Tên"], ["KT", "Kế toán\nTài vụ"], ["TC", "Tổ chức"]],
    )
    _, rows = read_all(path)
    assert rows == [
        (2, {"code": "KT", "name": "Kế toán\nTài vụ"}),
        (3, {"code": "TC", "name": "Tổ chức"}),
    ]


def test_short_rows_read_missing_cells_as_empty(tmp_path):
    path = tmp_path / "u.csv"
    path.write_text("Mã,Tên,Loại\nKT\n", encoding="utf-8")
    _, rows = read_all(path)
    assert rows == [(2, {"code": "KT", "name": None, "kind": None})]


def test_empty_csv_is_refused(tmp_path):
    path = tmp_path / "u.csv"
    path.write_bytes(b"")
    with pytest.raises(TableError, match="empty"):
        open_table(path, UNITS)


# -- XLSX ---------------------------------------------------------------------------------


def test_xlsx_first_sheet_is_read_by_default(tmp_path):
    path = write_xlsx(tmp_path / "u.xlsx", UNIT_ROWS, extra={"Khác": [["Mã", "Tên"], ["X", "Y"]]})
    table, rows = read_all(path)
    assert rows == EXPECTED_UNITS
    assert table.kind == "xlsx"
    assert table.sheet == "Sheet1"


def test_xlsx_sheet_can_be_chosen_by_name_even_without_accents(tmp_path):
    path = write_xlsx(tmp_path / "u.xlsx", [["x"]], extra={"Đơn vị": UNIT_ROWS})
    table, rows = read_all(path, sheet="don vi")
    assert rows == EXPECTED_UNITS
    assert table.sheet == "Đơn vị"


def test_missing_sheet_is_a_file_error_naming_the_sheets(tmp_path):
    path = write_xlsx(tmp_path / "u.xlsx", UNIT_ROWS, title="Danh sách")
    with pytest.raises(TableError, match="Danh sách"):
        open_table(path, UNITS, sheet="Năm 2026")


def test_row_numbers_are_those_excel_shows_counting_title_and_blank_rows(tmp_path):
    rows = [
        ["DANH SÁCH ĐƠN VỊ"],
        [None],
        ["Kèm theo Quyết định số 12/QĐ-SKHCN"],
        *UNIT_ROWS,
        [None, None, None],
        ["  ", "", None],
        ["KHTC", "Kế hoạch - Tài chính", None],
    ]
    path = write_xlsx(tmp_path / "u.xlsx", rows)
    table, read = read_all(path)
    assert table.header_row == 4
    assert [number for number, _ in read] == [5, 6, 9]


def test_xlsx_cells_keep_their_types(tmp_path):
    columns = [
        Column("code", "Mã", required=True),
        Column("when", "Ngày tiếp nhận"),
        Column("fee", "Phí"),
        Column("points", "Điểm"),
    ]
    received = wall_clock(2026, 3, 5, 8, 30)
    path = write_xlsx(
        tmp_path / "d.xlsx",
        [["Mã", "Ngày tiếp nhận", "Phí", "Điểm"], ["HS1", received, 150000, 2.75]],
    )
    _, rows = read_all(path, columns)
    assert rows == [(2, {"code": "HS1", "when": received, "fee": 150000, "points": 2.75})]


def test_xlsx_strings_are_stripped_and_empty_strings_become_none(tmp_path):
    path = write_xlsx(tmp_path / "u.xlsx", [UNIT_ROWS[0], ["  KT ", "Kế toán\u00a0", "   "]])
    _, rows = read_all(path)
    assert rows == [(2, {"code": "KT", "name": "Kế toán", "kind": None})]


def test_uploaded_file_object_is_read_with_the_extension_of_its_filename(tmp_path):
    data = write_xlsx(tmp_path / "u.xlsx", UNIT_ROWS).read_bytes()
    upload = io.BytesIO(data)
    _, rows = read_all(upload, filename="Don vi.XLSX")
    assert rows == EXPECTED_UNITS
    assert not upload.closed


def test_django_upload_is_read_by_its_own_name(tmp_path):
    uploadedfile = pytest.importorskip("django.core.files.uploadedfile")
    data = write_xlsx(tmp_path / "u.xlsx", UNIT_ROWS).read_bytes()
    upload = uploadedfile.SimpleUploadedFile("don_vi.xlsx", data)
    _, rows = read_all(upload)
    assert rows == EXPECTED_UNITS
    csv_upload = uploadedfile.SimpleUploadedFile("don_vi.csv", "Mã;Tên\nKT;Kế toán\n".encode())
    _, rows = read_all(csv_upload)
    assert rows == [(2, {"code": "KT", "name": "Kế toán"})]


class _OneWay(io.RawIOBase):
    """A stream that cannot seek, like a pipe."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_stream_that_cannot_seek_can_still_be_read_twice(tmp_path, suffix):
    path = tmp_path / f"u{suffix}"
    (write_csv if suffix == ".csv" else write_xlsx)(path, UNIT_ROWS)
    with open_table(_OneWay(path.read_bytes()), UNITS, filename=path.name) as table:
        assert list(table.rows()) == EXPECTED_UNITS
        assert list(table.rows()) == EXPECTED_UNITS


def test_a_file_without_a_name_is_recognised_by_its_content(tmp_path):
    xlsx = write_xlsx(tmp_path / "u.xlsx", UNIT_ROWS).read_bytes()
    assert read_all(io.BytesIO(xlsx))[1] == EXPECTED_UNITS
    text = write_csv(tmp_path / "u.csv", UNIT_ROWS).read_bytes()
    assert read_all(io.BytesIO(text))[1] == EXPECTED_UNITS


@pytest.mark.parametrize(
    ("name", "message"), [("u.xls", "save the file as .xlsx"), ("u.ods", "use .xlsx or .csv")]
)
def test_other_file_types_are_refused(tmp_path, name, message):
    path = tmp_path / name
    path.write_bytes(b"whatever")
    with pytest.raises(TableError, match=message):
        open_table(path, UNITS)


def test_damaged_xlsx_is_a_file_error(tmp_path):
    path = tmp_path / "u.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(TableError, match="cannot read the Excel file"):
        open_table(path, UNITS)


def test_missing_file_is_a_file_error(tmp_path):
    with pytest.raises(TableError, match="file not found"):
        open_table(tmp_path / "nowhere.csv", UNITS)


# -- header detection and columns ------------------------------------------------------------


@pytest.mark.parametrize("writer", [write_csv, write_xlsx])
def test_missing_required_column_is_a_file_error_naming_it(tmp_path, writer):
    path = writer(
        tmp_path / ("u.csv" if writer is write_csv else "u.xlsx"), [["Mã", "Loại"], ["KT", "phòng"]]
    )
    with pytest.raises(TableError) as caught:
        open_table(path, UNITS)
    message = str(caught.value)
    assert "Tên đơn vị" in message
    assert "row 1 comes closest" in message


def test_header_lower_than_the_title_rows_allowed_is_not_found(tmp_path):
    path = write_csv(tmp_path / "u.csv", [["tiêu đề"]] * 3 + UNIT_ROWS)
    with pytest.raises(TableError, match="first 3 rows"):
        open_table(path, UNITS, max_title_rows=2)
    table, _ = read_all(path, max_title_rows=3)
    assert table.header_row == 4


def test_title_row_mentioning_a_column_does_not_pass_for_the_header(tmp_path):
    rows = [["Mã", "danh sách đơn vị"], *UNIT_ROWS]
    table, read = read_all(write_csv(tmp_path / "u.csv", rows))
    assert table.header_row == 2
    assert read == [(3, EXPECTED_UNITS[0][1]), (4, EXPECTED_UNITS[1][1])]


def test_unknown_columns_are_ignored_and_reported_once(tmp_path):
    rows = [["STT", "Mã", "Ghi chú", "Tên"], ["1", "KT", "mới", "Kế toán"]]
    with open_table(write_csv(tmp_path / "u.csv", rows), UNITS) as table:
        first = list(table.rows())
        second = list(table.rows())
    assert first == second == [(2, {"code": "KT", "name": "Kế toán"})]
    assert table.warnings == ["unknown columns ignored: STT, Ghi chú"]


def test_a_repeated_column_keeps_the_first_and_warns(tmp_path):
    rows = [["Mã", "Tên", "Tên đơn vị"], ["KT", "Kế toán", "Kế toán - Tài vụ"]]
    table, read = read_all(write_csv(tmp_path / "u.csv", rows))
    assert read == [(2, {"code": "KT", "name": "Kế toán"})]
    assert table.columns["name"] == "Tên"
    assert any("Tên đơn vị" in warning for warning in table.warnings)


def test_a_label_wins_over_another_columns_alias(tmp_path):
    columns = [
        Column("unit", "Đơn vị", ("Đơn vị xử lý",)),
        Column("handler", "Đơn vị xử lý", required=True),
    ]
    table, _ = read_all(write_csv(tmp_path / "p.csv", [["Đơn vị xử lý"], ["HCTH"]]), columns)
    assert table.columns == {"handler": "Đơn vị xử lý"}


def test_raw_rows_keep_every_cell_in_file_order(tmp_path):
    rows = [["STT", "Mã", "Tên", "Ghi chú"], ["1", " KT", "Kế toán"]]
    with open_table(write_csv(tmp_path / "u.csv", rows), UNITS) as table:
        read = list(table.rows(with_raw=True))
    assert table.raw_header == ["STT", "Mã", "Tên", "Ghi chú"]
    assert read == [(2, {"code": "KT", "name": "Kế toán"}, ["1", "KT", "Kế toán", None])]


def test_a_column_given_as_a_lone_string_alias_is_not_split_into_letters():
    assert Column("code", "Mã", "code").aliases == ("code",)


# -- numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("12,5", "12.5"),
        ("12.5", "12.5"),
        ("1.234,5", "1234.5"),
        ("1,234.5", "1234.5"),
        ("2,75", "2.75"),
        ("2.75", "2.75"),
        ("1.234.567", "1234567"),
        ("1.234.567,25", "1234567.25"),
        ("10", "10"),
        ("-0,5", "-0.5"),
        (" 7 ", "7"),
        ("1 234,5", "1234.5"),
        (2.75, "2.75"),
        (0.1 + 0.2, "0.3"),
        (3, "3"),
        (Decimal("1.5"), "1.5"),
    ],
)
def test_decimal_columns_read_vietnamese_and_english_forms(written, expected):
    assert parse_decimal(written) == Decimal(expected)


def test_decimal_from_a_float_cell_is_exact():
    assert str(parse_decimal(2.75)) == "2.75"


@pytest.mark.parametrize(
    "written",
    [
        "",
        "abc",
        "1,2,3",
        "1.23,4",
        "1,234.5.6",
        "12 5",
        "5.",
        "NaN",
        "inf",
        float("nan"),
        float("inf"),
        Decimal("NaN"),
        True,
        None,
        "1e5",
    ],
)
def test_decimal_columns_refuse_what_is_not_a_number(written):
    with pytest.raises(ValueError, match="number"):
        parse_decimal(written)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("150.000", 150000),
        ("150,000", 150000),
        ("1,234", 1234),
        ("1.234.567", 1234567),
        ("1.234,00", 1234),
        ("1,234.00", 1234),
        ("3.0", 3),
        ("0", 0),
        ("25", 25),
        ("150.000 đ", 150000),
        ("150.000đồng", 150000),
        ("50.000 VNĐ", 50000),
        (3.0, 3),
        (150000, 150000),
        (Decimal("12.000"), 12),
    ],
)
def test_whole_number_columns_read_a_lone_separator_as_thousands(written, expected):
    assert parse_whole(written) == expected


@pytest.mark.parametrize(
    "written", ["1.5", "12,5", "1.234,50", 1.5, Decimal("2.5"), "abc", "", True, None, float("nan")]
)
def test_whole_number_columns_refuse_fractions_and_garbage(written):
    with pytest.raises(ValueError, match="not a whole number"):
        parse_whole(written)


# -- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("05/03/2026", datetime(2026, 3, 5, tzinfo=HCM)),
        ("5/3/2026", datetime(2026, 3, 5, tzinfo=HCM)),
        ("05/03/2026 08:30", datetime(2026, 3, 5, 8, 30, tzinfo=HCM)),
        ("05/03/2026 8:30:15", datetime(2026, 3, 5, 8, 30, 15, tzinfo=HCM)),
        ("05-03-2026", datetime(2026, 3, 5, tzinfo=HCM)),
        ("05-03-2026 17:00", datetime(2026, 3, 5, 17, tzinfo=HCM)),
        ("05.03.2026", datetime(2026, 3, 5, tzinfo=HCM)),
        ("08:30 05/03/2026", datetime(2026, 3, 5, 8, 30, tzinfo=HCM)),
        ("2026-03-05", datetime(2026, 3, 5, tzinfo=HCM)),
        ("2026-03-05T08:30", datetime(2026, 3, 5, 8, 30, tzinfo=HCM)),
        ("2026-03-05 08:30:00", datetime(2026, 3, 5, 8, 30, tzinfo=HCM)),
        ("2026-03-05T08:30:00.250", datetime(2026, 3, 5, 8, 30, 0, 250000, tzinfo=HCM)),
        ("2026-03-05T01:30:00Z", datetime(2026, 3, 5, 8, 30, tzinfo=HCM)),
        ("2026-03-05T08:30:00+07:00", datetime(2026, 3, 5, 8, 30, tzinfo=HCM)),
        ("2026-03-04T20:30:00-05:00", datetime(2026, 3, 5, 8, 30, tzinfo=HCM)),
    ],
)
def test_dates_read_in_every_written_form_as_local_time(written, expected):
    parsed = parse_datetime(written)
    assert parsed == expected
    assert parsed.utcoffset() == timedelta(hours=7)


def test_a_date_without_time_is_midnight_but_a_due_date_ends_at_235959():
    assert parse_datetime("05/03/2026").time() == time(0)
    assert parse_datetime("05/03/2026", due=True) == datetime(2026, 3, 5, 23, 59, 59, tzinfo=HCM)
    assert parse_datetime("2026-03-05", due=True).time() == time(23, 59, 59)


def test_a_due_date_with_a_written_time_keeps_it():
    assert parse_datetime("05/03/2026 17:00", due=True).time() == time(17)
    assert parse_datetime("05/03/2026 00:00", due=True).time() == time(0)


def test_real_excel_date_cells_are_read(tmp_path):
    columns = [
        Column("code", "Mã", required=True),
        Column("received", "Ngày tiếp nhận"),
        Column("due", "Ngày hẹn trả"),
    ]
    path = write_xlsx(
        tmp_path / "d.xlsx",
        [
            ["Mã", "Ngày tiếp nhận", "Ngày hẹn trả"],
            ["HS1", wall_clock(2026, 3, 5, 8, 30), date(2026, 3, 12)],
        ],
    )
    _, [(_, values)] = read_all(path, columns)
    assert isinstance(values["received"], datetime)
    assert parse_datetime(values["received"]) == datetime(2026, 3, 5, 8, 30, tzinfo=HCM)
    # A date-only Excel cell is a date without a time: a due date ends that day.
    assert parse_datetime(values["due"], due=True) == datetime(2026, 3, 12, 23, 59, 59, tzinfo=HCM)
    assert parse_datetime(values["due"]) == datetime(2026, 3, 12, tzinfo=HCM)
    assert parse_date(values["received"]) == date(2026, 3, 5)


def test_excel_serial_numbers_are_dates_in_numeric_cells(tmp_path):
    columns = [Column("code", "Mã", required=True), Column("received", "Ngày")]
    path = write_xlsx(tmp_path / "d.xlsx", [["Mã", "Ngày"], ["HS1", 46000.5], ["HS2", 46000]])
    _, rows = read_all(path, columns)
    assert parse_datetime(rows[0][1]["received"]) == datetime(2025, 12, 9, 12, tzinfo=HCM)
    assert parse_datetime(rows[1][1]["received"]) == datetime(2025, 12, 9, tzinfo=HCM)
    assert parse_datetime(rows[1][1]["received"], due=True).time() == time(23, 59, 59)
    assert parse_date(46000.75) == date(2025, 12, 9)


def test_excel_serial_time_of_day_is_rounded_to_the_second():
    eight_thirty = 46000 + (8 * 3600 + 30 * 60) / 86400
    assert parse_datetime(eight_thirty) == datetime(2025, 12, 9, 8, 30, tzinfo=HCM)


@pytest.mark.parametrize("written", ["46000", 5, True, 99999999])
def test_serial_numbers_in_text_or_out_of_range_are_not_dates(written):
    with pytest.raises(ValueError, match="not a date"):
        parse_datetime(written)


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("31/02/2026", "02/2026 has 28 days"),
        ("29/02/2025", "02/2025 has 28 days"),
        ("31/04/2026", "04/2026 has 30 days"),
        ("01/13/2026", "no month 13"),
        ("2026-02-30", "02/2026 has 28 days"),
    ],
)
def test_impossible_dates_are_refused_with_the_reason(written, reason):
    with pytest.raises(ValueError, match="impossible date") as caught:
        parse_datetime(written)
    assert reason in str(caught.value)


@pytest.mark.parametrize("written", ["05/03/2026 24:00", "05/03/2026 08:61"])
def test_impossible_times_are_refused(written):
    with pytest.raises(ValueError, match="impossible time"):
        parse_datetime(written)


@pytest.mark.parametrize(
    "written", ["hôm qua", "2026/13", "05/03/26", "03/05/2026 8:30 AM", "", None]
)
def test_unreadable_dates_are_refused(written):
    with pytest.raises(ValueError, match="date"):
        parse_datetime(written)


def test_naive_datetimes_are_taken_as_local_and_aware_ones_converted():
    assert parse_datetime(wall_clock(2026, 3, 5, 8, 30)) == datetime(2026, 3, 5, 8, 30, tzinfo=HCM)
    assert parse_datetime(datetime(2026, 3, 5, 1, 30, tzinfo=UTC)).hour == 8


def test_parse_date_reads_the_same_forms_and_drops_the_time():
    assert parse_date("05/03/2026") == date(2026, 3, 5)
    assert parse_date("5-3-2026 23:00") == date(2026, 3, 5)
    assert parse_date("2026-03-05") == date(2026, 3, 5)
    assert parse_date(date(2026, 3, 5)) == date(2026, 3, 5)
    # 20:00 UTC on the 4th is already the 5th in Vietnam.
    assert parse_date("2026-03-04T20:00:00Z") == date(2026, 3, 5)
    with pytest.raises(ValueError, match="impossible date"):
        parse_date("31/02/2026")


def test_another_time_zone_can_be_asked_for():
    moment = parse_datetime("05/03/2026 08:30", tz=UTC)
    assert moment == datetime(2026, 3, 5, 8, 30, tzinfo=UTC)


# -- other values ---------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["có", "Có", "co", "yes", "TRUE", "x", "1", 1, 1.0, True])
def test_yes_values(written):
    assert parse_bool(written) is True


@pytest.mark.parametrize("written", ["không", "KHONG", "no", "false", "0", "", None, 0, False])
def test_no_values(written):
    assert parse_bool(written) is False


def test_other_yes_no_values_are_refused():
    with pytest.raises(ValueError, match="có/không"):
        parse_bool("2")


CHANNELS = {"1": 1, "trực tiếp": 1, "2": 2, "trực tuyến": 2, "bưu chính công ích": 3, "BCCI": 3}


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Trực tuyến", 2),
        ("TRUC TUYEN", 2),
        ("tructuyen", 2),
        ("bcci", 3),
        (2, 2),
        (1.0, 1),
        ("Bưu chính công ích", 3),
    ],
)
def test_choices_match_regardless_of_case_accents_and_spaces(written, expected):
    assert match_choice(written, CHANNELS) == expected


def test_choices_accept_pre_normalized_keys():
    assert match_choice("Trực tuyến", {"tructuyen": 2}) == 2


def test_unknown_choice_lists_the_accepted_values():
    with pytest.raises(ValueError, match="accepted: 1, trực tiếp, 2, trực tuyến") as caught:
        match_choice("fax", CHANNELS)
    assert "'fax'" in str(caught.value)


def test_empty_choice_matches_an_empty_key_when_there_is_one():
    assert match_choice(None, {"": "direct", "2": "online"}) == "direct"
    with pytest.raises(ValueError, match="required"):
        match_choice(None, {"2": "online"})


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("  1.2 ", "1.2"), (3.0, "3"), (1.25, "1.25"), (7, "7"), (None, None), ("  ", None)],
)
def test_cells_read_as_text_lose_excels_trailing_zero(cell, expected):
    assert parse_text(cell) == expected


# -- outcomes --------------------------------------------------------------------------------


def test_row_error_reads_as_the_contract_says():
    assert str(RowError(7, "Ngày hẹn trả", "impossible date")) == (
        "row 7, column Ngày hẹn trả: impossible date"
    )


def test_a_whole_row_error_has_no_column_to_name():
    assert str(RowError(7, "", "duplicate code")) == "row 7: duplicate code"


def test_error_listing_stops_at_fifty_and_counts_the_rest():
    errors = [RowError(n, "Mã", "missing") for n in range(2, 62)]
    lines = format_errors(errors)
    assert len(lines) == 51
    assert lines[0] == "row 2, column Mã: missing"
    assert lines[-1] == "… and 10 more"
    assert format_errors(errors[:50]) == [str(e) for e in errors[:50]]


def test_import_result_summary_line_and_json_view(tmp_path):
    result = ImportResult(created=3, updated=1, unchanged=5, rejected=2)
    result.errors.append(RowError(4, "Mã", "missing"))
    result.rejected_file = tmp_path / "u.rejected.csv"
    assert result.summary() == "created 3, updated 1, unchanged 5, rejected 2"
    data = json.loads(json.dumps(result.as_dict()))
    assert data["created"] == 3
    assert data["errors"] == [{"row": 4, "column": "Mã", "message": "missing"}]
    assert data["rejected_file"].endswith("u.rejected.csv")


def test_import_refused_carries_the_errors_and_warnings():
    refused = ImportRefused([RowError(2, "Mã", "missing")], ["unknown columns ignored: X"])
    assert refused.errors[0].row == 2
    assert refused.warnings == ["unknown columns ignored: X"]
    assert refused.lines() == ["row 2, column Mã: missing"]
    assert "nothing was imported" in str(refused)


def test_rejected_rows_go_to_a_bom_csv_beside_the_input_with_a_reason(tmp_path):
    source = write_xlsx(
        tmp_path / "don_vi.xlsx", [["Mã", "Tên", "Ngày"], ["KT", None, wall_clock(2026, 3, 5)]]
    )
    with open_table(source, [*UNITS, Column("when", "Ngày")]) as table:
        rejected = [
            (raw, f"row {number}, column Tên: required")
            for number, _values, raw in table.rows(with_raw=True)
        ]
        target = write_rejected(source, table.raw_header, rejected)
    assert target == tmp_path / "don_vi.rejected.csv"
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    with target.open(encoding="utf-8-sig", newline="") as stream:
        assert list(csv.reader(stream)) == [
            ["Mã", "Tên", "Ngày", REASON_HEADER],
            ["KT", "", "05/03/2026", "row 2, column Tên: required"],
        ]


def test_a_rejected_file_can_be_fixed_and_imported_again(tmp_path):
    source = write_csv(tmp_path / "u.csv", [["Mã", "Tên"], ["KT", ""]])
    first = write_rejected(source, ["Mã", "Tên"], [(["KT", None], "name required")])
    with open_table(first, UNITS) as table:
        assert table.warnings == [f"unknown columns ignored: {REASON_HEADER}"]
        again = [(raw, "still wrong") for _, _, raw in table.rows(with_raw=True)]
        second = write_rejected(first, table.raw_header, again)
    assert second.name == "u.rejected.rejected.csv"
    with second.open(encoding="utf-8-sig", newline="") as stream:
        assert list(csv.reader(stream)) == [["Mã", "Tên", REASON_HEADER], ["KT", "", "still wrong"]]


def test_cells_beyond_the_header_stay_in_the_rejected_file_before_the_reason(tmp_path):
    source = tmp_path / "u.csv"
    source.write_text("Mã,Tên\nKT,,lost note\n", encoding="utf-8")
    with open_table(source, UNITS) as table:
        rejected = [(raw, "name required") for _, _, raw in table.rows(with_raw=True)]
    target = write_rejected(source, table.raw_header, rejected)
    with target.open(encoding="utf-8-sig", newline="") as stream:
        assert list(csv.reader(stream)) == [
            ["Mã", "Tên", "", REASON_HEADER],
            ["KT", "", "lost note", "name required"],
        ]


def test_utf16_without_bom_is_recognised(tmp_path):
    path = tmp_path / "u.csv"
    path.write_bytes("Mã\tTên\nKT\tKế toán\n".encode("utf-16-le"))
    table, rows = read_all(path)
    assert table.encoding == "utf-16-le"
    assert rows == [(2, {"code": "KT", "name": "Kế toán"})]

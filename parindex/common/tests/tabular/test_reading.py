"""Opening CSV and XLSX files (``tabular.reading``): encodings, separators, sheets, streams."""

from __future__ import annotations

import io

import pytest
from django.utils import translation

from parindex.common.tabular import Column, TableError, open_table
from parindex.common.tests.tabular.helpers import (
    EXPECTED_UNITS,
    UNIT_ROWS,
    UNITS,
    read_all,
    wall_clock,
    write_csv,
    write_xlsx,
)

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


def test_a_legacy_code_page_further_down_is_refused_naming_a_row(tmp_path):
    path = tmp_path / "u.csv"
    # Past the sample read to find the header, so it shows while the rows are read.
    path.write_bytes(("Ma,Ten\n" + "KT,ok\n" * 20000 + "X,Kê\n").encode("cp1252"))
    with open_table(path, [Column("code", "Ma", required=True)]) as table:
        with translation.override("en"), pytest.raises(TableError, match=r"^row \d+: the CSV"):
            list(table.rows())
        with translation.override("vi"), pytest.raises(TableError, match=r"^dòng \d+: tệp CSV"):
            list(table.rows())


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
    with translation.override("en"), pytest.raises(TableError, match="empty"):
        open_table(path, UNITS)


def test_utf16_without_bom_is_recognised(tmp_path):
    path = tmp_path / "u.csv"
    path.write_bytes("Mã\tTên\nKT\tKế toán\n".encode("utf-16-le"))
    table, rows = read_all(path)
    assert table.encoding == "utf-16-le"
    assert rows == [(2, {"code": "KT", "name": "Kế toán"})]


def test_a_sheet_asked_of_a_csv_file_is_ignored_with_a_warning(tmp_path):
    path = write_csv(tmp_path / "u.csv", UNIT_ROWS)
    with translation.override("en"):
        table, rows = read_all(path, sheet="Đơn vị")
    assert rows == EXPECTED_UNITS
    assert table.warnings == ["a CSV file has no sheets; sheet 'Đơn vị' ignored"]


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


# -- sources: paths, uploads, streams ---------------------------------------------------------


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


def test_other_file_types_are_refused(tmp_path):
    path = tmp_path / "u.numbers"
    path.write_bytes(b"whatever")
    with translation.override("en"), pytest.raises(TableError, match=r"use \.xlsx, \.xls"):
        open_table(path, UNITS)


@pytest.mark.parametrize("name", ["u.xls", "u.xlsb", "u.ods"])
def test_a_damaged_workbook_of_any_kind_is_a_file_error(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"whatever")
    with translation.override("en"), pytest.raises(TableError, match="cannot read the Excel file"):
        open_table(path, UNITS)


def test_damaged_xlsx_is_a_file_error(tmp_path):
    path = tmp_path / "u.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with translation.override("en"), pytest.raises(TableError, match="cannot read the Excel file"):
        open_table(path, UNITS)


def test_missing_file_is_a_file_error(tmp_path):
    with translation.override("en"), pytest.raises(TableError, match="file not found"):
        open_table(tmp_path / "nowhere.csv", UNITS)


# -- messages in Vietnamese ------------------------------------------------------------------


def test_file_errors_are_in_vietnamese_by_default(tmp_path):
    (tmp_path / "u.pages").write_bytes(b"whatever")
    (tmp_path / "u.csv").write_bytes(b"")
    with translation.override("vi"):
        with pytest.raises(TableError) as old_excel:
            open_table(tmp_path / "u.pages", UNITS)
        with pytest.raises(TableError) as empty:
            open_table(tmp_path / "u.csv", UNITS)
        with pytest.raises(TableError) as missing:
            open_table(tmp_path / "nowhere.csv", UNITS)
    assert str(old_excel.value) == (
        "không hỗ trợ loại tệp '.pages': hãy dùng .xlsx, .xls, .xlsb, .ods hoặc .csv"
    )
    assert str(empty.value) == "tệp trống, không có dữ liệu"
    assert str(missing.value) == f"không tìm thấy tệp: {tmp_path / 'nowhere.csv'}"

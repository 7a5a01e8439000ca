"""Header detection and columns of an opened table (``tabular.table``)."""

from __future__ import annotations

import pytest
from django.utils import translation

from parindex.common.tabular import Column, TableError, open_table
from parindex.common.tests.tabular.helpers import (
    EXPECTED_UNITS,
    UNIT_ROWS,
    UNITS,
    read_all,
    write_csv,
    write_xlsx,
)


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


@pytest.mark.parametrize("writer", [write_csv, write_xlsx])
def test_missing_required_column_is_a_file_error_naming_it(tmp_path, writer):
    path = writer(
        tmp_path / ("u.csv" if writer is write_csv else "u.xlsx"), [["Mã", "Loại"], ["KT", "phòng"]]
    )
    with translation.override("en"), pytest.raises(TableError) as caught:
        open_table(path, UNITS)
    message = str(caught.value)
    assert "Tên đơn vị" in message
    assert "row 1 comes closest" in message


def test_header_lower_than_the_title_rows_allowed_is_not_found(tmp_path):
    path = write_csv(tmp_path / "u.csv", [["tiêu đề"]] * 3 + UNIT_ROWS)
    with translation.override("en"), pytest.raises(TableError, match="first 3 rows"):
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
    with (
        translation.override("en"),
        open_table(write_csv(tmp_path / "u.csv", rows), UNITS) as table,
    ):
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


# -- messages in Vietnamese ------------------------------------------------------------------


def test_file_warnings_are_in_the_language_active_when_the_file_is_opened(tmp_path):
    rows = [["STT", "Mã", "Tên", "Tên đơn vị"], ["1", "KT", "Kế toán", "Kế toán - Tài vụ"]]
    path = write_csv(tmp_path / "u.csv", rows)
    with translation.override("vi"):
        table, _ = read_all(path)
    assert table.warnings == [
        "đã bỏ qua các cột không xác định: STT",
        "đã bỏ qua các cột lặp lại, chỉ dùng cột đầu tiên: Tên đơn vị (trùng với Tên)",
    ]


def test_a_missing_header_is_explained_in_vietnamese(tmp_path):
    path = write_csv(tmp_path / "u.csv", [["Mã", "Loại"], ["KT", "phòng"]])
    with translation.override("vi"), pytest.raises(TableError) as caught:
        open_table(path, UNITS)
    assert str(caught.value) == (
        "không tìm thấy dòng tên cột trong 21 dòng đầu tiên: dòng tên cột phải có các cột "
        "Mã đơn vị (hoặc: Mã, code); Tên đơn vị (hoặc: Tên, Đơn vị) "
        "(dòng 1 gần đúng nhất nhưng thiếu Tên đơn vị)"
    )


def test_a_missing_header_names_one_row_in_the_singular(tmp_path):
    path = write_csv(tmp_path / "u.csv", [["tiêu đề"], *UNIT_ROWS])
    with translation.override("en"), pytest.raises(TableError) as caught:
        open_table(path, [Column("code", "Mã đơn vị")], max_title_rows=0)
    assert str(caught.value) == "no header row found in the first 1 row"

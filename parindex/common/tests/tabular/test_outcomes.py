"""Row errors, results, refusal and rejected files (``tabular.outcomes``)."""

from __future__ import annotations

import csv
import json

from django.utils import translation

from parindex.common.tabular import (
    REASON_HEADER,
    Column,
    ImportRefused,
    ImportResult,
    RowError,
    format_errors,
    open_table,
    write_rejected,
)
from parindex.common.tests.tabular.helpers import UNITS, wall_clock, write_csv, write_xlsx


def test_row_error_reads_as_the_contract_says():
    assert str(RowError(7, "Ngày hẹn trả", "impossible date")) == (
        "row 7, column Ngày hẹn trả: impossible date"
    )


def test_a_whole_row_error_has_no_column_to_name():
    assert str(RowError(7, "", "duplicate code")) == "row 7: duplicate code"


def test_error_listing_stops_at_fifty_and_counts_the_rest():
    errors = [RowError(n, "Mã", "missing") for n in range(2, 62)]
    with translation.override("en"):
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
    with translation.override("en"):
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
    with translation.override("en"), open_table(first, UNITS) as table:
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


# -- messages in Vietnamese ------------------------------------------------------------------


def test_only_the_message_of_a_row_error_is_vietnamese_the_contract_words_stay_english():
    errors = [RowError(n, "Mã", "thiếu mã") for n in range(2, 62)]
    with translation.override("vi"):
        lines = format_errors(errors)
        refused = ImportRefused(errors[:1])
    assert lines[0] == "row 2, column Mã: thiếu mã"
    assert lines[-1] == "… và 10 lỗi khác"
    assert str(refused) == "phát hiện 1 lỗi; chưa nhập dữ liệu nào"
    with translation.override("vi"):
        assert ImportResult(created=1).summary() == "created 1, updated 0, unchanged 0, rejected 0"


def test_refusal_counts_problems_in_the_singular_and_plural():
    with translation.override("en"):
        assert str(ImportRefused([RowError(2, "Mã", "m")])) == (
            "1 problem found; nothing was imported"
        )
        assert str(ImportRefused([RowError(2, "Mã", "m")] * 3)) == (
            "3 problems found; nothing was imported"
        )


def test_web_pages_get_row_errors_and_the_summary_in_vietnamese():
    from django.utils import translation

    from parindex.common.tabular import ImportResult, RowError, format_errors

    error = RowError(7, "Ngày hẹn trả", "không phải ngày")
    with translation.override("vi"):
        assert format_errors([error], screen=True) == ["Dòng 7, cột Ngày hẹn trả: không phải ngày"]
        assert format_errors([error]) == ["row 7, column Ngày hẹn trả: không phải ngày"]
        assert ImportResult(created=56).screen_summary() == (
            "Thêm mới 56, cập nhật 0, không đổi 0, bị loại 0"
        )


def test_a_result_counts_its_rejected_rows_and_writes_them_only_beside_a_path(tmp_path):
    source = write_csv(tmp_path / "don_vi.csv", [["Mã", "Tên"], ["KT", ""]])
    rows = [(["KT", ""], "row 2, column Tên: required")]
    result = ImportResult()
    result.note_rejected(rows, str(source), ["Mã", "Tên"])
    assert (result.rejected, result.rejected_file) == (1, tmp_path / "don_vi.rejected.csv")
    from_stream = ImportResult()
    with source.open("rb") as stream:
        from_stream.note_rejected(rows, stream, ["Mã", "Tên"])
    assert (from_stream.rejected, from_stream.rejected_file) == (1, None)
    nothing = ImportResult()
    nothing.note_rejected([], source, ["Mã", "Tên"])
    assert (nothing.rejected, nothing.rejected_file) == (0, None)

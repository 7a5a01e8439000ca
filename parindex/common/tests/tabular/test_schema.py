"""Declarative rows: a schema gives the columns and reads each cell by its kind, naming the
column as the user wrote it in every error."""

import datetime as dt

import pytest

from parindex.common.tabular import Field, RowReader, RowSchema, open_table
from parindex.common.tests.tabular.helpers import write_csv

SCHEMA = RowSchema(
    Field("code", "Mã", required=True, limit=5),
    Field("year", "Năm", required=True, kind="year"),
    Field("due", "Hạn", ("Hạn xử lý",), kind="date"),
    Field("planned", "Trong kế hoạch", kind="bool", default=True),
    Field("kind", "Loại", kind="choice", choices={"thanh tra": "inspection"}),
    Field("amount", "Số tiền", kind="amount"),
    Field("unit", "Đơn vị", kind="lookup"),
)


def read(tmp_path, rows):
    path = write_csv(tmp_path / "f.csv", rows)
    with open_table(path, SCHEMA.columns) as table:
        out = []
        for number, values in table.rows():
            row = RowReader(table, number, values)
            data = SCHEMA.read(row, unit=lambda r, key: (r.values.get(key) or "").upper())
            out.append((data, [(e.row, e.column, e.message) for e in row.errors]))
        return out


def test_a_good_row_is_read_by_each_columns_kind(tmp_path):
    [(data, errors)] = read(
        tmp_path,
        [
            ["Mã", "Năm", "Hạn xử lý", "Trong kế hoạch", "Loại", "Số tiền", "Đơn vị"],
            ["A1", "2026", "30/09/2026", "", "Thanh tra", "150.000", "qlcn"],
        ],
    )
    assert errors == []
    assert data == {
        "code": "A1",
        "year": 2026,
        "due": dt.date(2026, 9, 30),
        "planned": True,
        "kind": "inspection",
        "amount": 150000,
        "unit": "QLCN",
    }


def test_every_bad_cell_is_an_error_naming_its_row_and_the_column_as_written(tmp_path):
    [(_data, errors)] = read(
        tmp_path,
        [
            ["Mã", "Năm", "Hạn xử lý", "Trong kế hoạch", "Loại", "Số tiền", "Đơn vị"],
            ["TOO-LONG", "1999", "31/02/2026", "có lẽ", "họp", "-5", ""],
        ],
    )
    assert [(row, column) for row, column, _m in errors] == [
        (2, "Mã"),
        (2, "Năm"),
        (2, "Hạn xử lý"),
        (2, "Trong kế hoạch"),
        (2, "Loại"),
        (2, "Số tiền"),
    ]


def test_an_unknown_kind_is_refused_when_the_schema_is_written():
    with pytest.raises(ValueError):
        Field("x", "X", kind="money")


def _even(value):
    number = int(value or 0)
    if number % 2:
        raise ValueError(f"{number} is odd")
    return number


def test_a_parse_column_reads_its_cell_through_its_function_its_error_naming_the_column(tmp_path):
    schema = RowSchema(
        Field("code", "Mã"),
        Field("pairs", "Số cặp", kind="parse", parse=_even, default=-1),
        Field("label", "Nhãn", kind="lookup"),
    )
    path = write_csv(tmp_path / "f.csv", [["Mã", "Số cặp", "Nhãn"], ["A", "4", ""], ["B", "3", ""]])
    with open_table(path, schema.columns) as table:
        out = []
        for number, values in table.rows():
            row = RowReader(table, number, values)
            # A look-up sees the values read before it.
            data = schema.read(row, label=lambda r, key: f"{r.data['code']}{r.data['pairs']}")
            out.append((data, [(e.row, e.column, e.message) for e in row.errors]))
    assert out == [
        ({"code": "A", "pairs": 4, "label": "A4"}, []),
        ({"code": "B", "pairs": -1, "label": "B-1"}, [(3, "Số cặp", "3 is odd")]),
    ]


def test_a_parse_column_needs_its_function_and_only_it_has_one():
    with pytest.raises(ValueError):
        Field("x", "X", kind="parse")
    with pytest.raises(ValueError):
        Field("x", "X", parse=int)

"""Files for the tabular tests, built in ``tmp_path``: openpyxl writes the workbooks, the csv
module the CSV files in each encoding and separator Excel produces."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import Workbook

from parindex.common.tabular import Column, open_table

HCM = ZoneInfo("Asia/Ho_Chi_Minh")

UNITS = [
    Column("code", "Mã đơn vị", ("Mã", "code"), required=True),
    Column("name", "Tên đơn vị", ("Tên", "Đơn vị"), required=True),
    Column("kind", "Loại", ("Loại đơn vị",)),
]

UNIT_ROWS = [
    ["Mã đơn vị", "Tên đơn vị", "Loại"],
    ["HCTH", "Phòng Hành chính - Tổng hợp", "phòng"],
    ["TTra", "Thanh tra", "thanh tra"],
]
EXPECTED_UNITS = [
    (2, {"code": "HCTH", "name": "Phòng Hành chính - Tổng hợp", "kind": "phòng"}),
    (3, {"code": "TTra", "name": "Thanh tra", "kind": "thanh tra"}),
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

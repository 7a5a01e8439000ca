"""Test data written in code: framework and score files, a small framework in the database."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook

FRAMEWORK_HEADER = [
    "Mã",
    "Nội dung",
    "Điểm tối đa",
    "Phương pháp chấm",
    "Tài liệu kiểm chứng",
    "Loại điểm",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Chỉ số tự động",
    "Quy tắc",
]

# A small framework: area 1 (self, 10), area 2 (survey leaf inside a self area), area 3 survey,
# a bonus and a penalty area outside the total.
SMALL = [
    ["1", "Công tác chỉ đạo, điều hành", "10", "", "", "", "HCTH", "", "", ""],
    ["1.1", "Kế hoạch CCHC", "4", "Ban hành đúng hạn: 4 điểm", "Kế hoạch", "", "HCTH", "", "", ""],
    ["1.2", "Báo cáo CCHC", "6", "", "", "", "", "", "", ""],
    ["1.2.1", "Báo cáo quý", "3,5", "", "", "", "QLCN", "TDC; HCTH", "", ""],
    ["1.2.2", "Báo cáo năm", "2,5", "", "", "", "TDC", "", "", ""],
    ["2", "Cải cách TTHC", "5", "", "", "", "", "", "", ""],
    ["2.1", "Hồ sơ đúng hạn", "3", "", "", "", "QLCN", "", "dossiers.on_time_rate", "full_at 100"],
    ["2.2", "Hài lòng của người dân", "2", "", "", "điều tra XHH", "", "", "", ""],
    ["3", "Tác động của CCHC", "5", "", "", "điều tra XHH", "", "", "", ""],
    ["3.1", "Đánh giá của tổ chức", "2,5", "", "", "", "", "", "", ""],
    ["3.2", "Đánh giá của cá nhân", "2,5", "", "", "", "", "", "", ""],
    ["4", "Điểm thưởng", "2", "", "", "thưởng", "", "", "", ""],
    ["4.1", "Sáng kiến được công nhận", "1", "", "", "", "TDC", "", "", ""],
    ["4.2", "Giải thưởng", "1", "", "", "", "", "", "", ""],
    ["5", "Điểm phạt", "3", "", "", "phạt", "", "", "", ""],
    ["5.1", "Văn bản trễ hạn", "3", "", "", "", "", "", "", ""],
]


# The short header of a framework bound to metrics (no method, evidence nor co-operating units).
METRIC_HEADER = [
    "Mã",
    "Nội dung",
    "Điểm tối đa",
    "Loại điểm",
    "Đơn vị chủ trì",
    "Chỉ số tự động",
    "Quy tắc",
]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["QUYẾT ĐỊNH BAN HÀNH BỘ CHỈ SỐ"])  # a title row before the header
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def framework_file(
    tmp_path: Path, rows: list[list[str]] | None = None, name: str = "khung.csv"
) -> Path:
    return write_csv(tmp_path / name, FRAMEWORK_HEADER, rows if rows is not None else SMALL)


def scores_file(tmp_path: Path, rows: list[list[str]], name: str = "diem.csv") -> Path:
    return write_csv(tmp_path / name, ["Mã", "Điểm", "Giải trình", "Tài liệu"], rows)

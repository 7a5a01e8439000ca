"""Small builders for the dossier tests: files written in tmp_path, rows made in code."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import Workbook

from parindex.common.workdays import TZ
from parindex.dossiers.choices import LimitUnit, OnlineLevel
from parindex.dossiers.models import Dossier, Procedure
from parindex.dossiers.rules import derived_fields
from parindex.dossiers.services.counts import dossiers_counted

DOSSIER_HEADER = [
    "Mã hồ sơ",
    "Mã TTHC",
    "Đơn vị",
    "Kênh",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày kết thúc xử lý",
    "Ngày trả kết quả",
    "Trạng thái",
    "Số lần bổ sung",
]


def write_csv(path: Path, rows: list[list[object]], *, title_rows: int = 0, sep: str = ",") -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=sep)
        for i in range(title_rows):
            writer.writerow([f"SỞ KHOA HỌC VÀ CÔNG NGHỆ – báo cáo {i + 1}"])
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
    return path


def write_xlsx(path: Path, rows: list[list[object]], *, title_rows: int = 0) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    for i in range(title_rows):
        sheet.append([f"DANH SÁCH HỒ SƠ {i + 1}"])
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def at(day: str, time: str = "08:00") -> dt.datetime:
    """An aware local moment from ``dd/mm/yyyy`` and ``HH:MM``."""
    d, m, y = (int(part) for part in day.split("/"))
    hour, minute = (int(part) for part in time.split(":"))
    return dt.datetime(y, m, d, hour, minute, tzinfo=TZ)


def make_procedure(
    agency,
    code="1.001",
    *,
    unit=None,
    limit=5,
    online=OnlineLevel.NONE,
    limit_unit=LimitUnit.WORKING_DAYS,
    name=None,
    fee=0,
) -> Procedure:
    return Procedure.objects.create(
        agency=agency,
        code=code,
        name=name or f"Thủ tục {code}",
        unit=unit,
        time_limit=limit,
        limit_unit=limit_unit,
        online_level=online,
        fee=fee,
    )


def make_dossier(
    procedure,
    code,
    received,
    due,
    end=None,
    *,
    status=9,
    channel=1,
    supplements=0,
    unit=None,
    payment=0,
) -> Dossier:
    """A dossier as the importer stores it (derived dates and counts included)."""
    dossier = Dossier.objects.create(
        agency=procedure.agency,
        code=code,
        procedure=procedure,
        unit=unit or procedure.unit,
        channel=channel,
        received_at=received,
        due_at=due,
        finished_at=end,
        ended_at=end,
        status=status,
        supplement_count=supplements,
        online_payment=payment,
        **derived_fields(
            received_at=received,
            due_at=due,
            ended_at=end,
            status=status,
            supplement_count=supplements,
        ),
    )
    dossiers_counted(dossier.agency_id, [dossier])
    return dossier


def march_kpis(*options: str) -> None:
    """`dossier_kpis` of SKHCN for March 2026, with the given options (--by, --format…)."""
    call_command(
        "dossier_kpis", "--agency", "SKHCN", "--from", "2026-03-01", "--to", "2026-03-31", *options
    )


def one_dossier_file(tmp_path: Path) -> Path:
    """A dossier file of one online dossier H1 of procedure 1.001, received 02/03/2026."""
    row = ["H1", "1.001", "", "2", "02/03/2026 08:00", "10/03/2026", "", "", "4", "0"]
    return write_csv(tmp_path / "hs.csv", [DOSSIER_HEADER, row])


def upload(client: Any, path: Path, kind: str = "dossiers") -> Any:
    """The import screen posting `path` as a `kind` file of SKHCN."""
    file = SimpleUploadedFile(path.name, path.read_bytes())
    return client.post("/dossiers/imports/new/", {"agency": "SKHCN", "kind": kind, "file": file})

"""The XLSX companion of a report: one sheet per table, numbers kept as numbers."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.writer.excel import ExcelWriter

from parindex.common.exports import append_row
from parindex.reports.content import ContentBuilder, Letterhead
from parindex.reports.engine import normalise_zip

FORMATS = {"int": "#,##0", "percent": "0.0%"}


def _sheet_title(name: str, used: set[str]) -> str:
    base = "".join(ch for ch in name if ch not in "[]:*?/\\")[:28] or "Bảng"
    title, n = base, 2
    while title.lower() in used:
        title = f"{base[:25]} ({n})"
        n += 1
    used.add(title.lower())
    return title


def render_xlsx(head: Letterhead, content: ContentBuilder, *, moment: dt.datetime) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    tables = content.tables()
    if not tables:
        sheet = workbook.create_sheet(_sheet_title(head.doc_name, used))
        append_row(sheet, [f"{head.doc_name} {head.summary}"])
        append_row(sheet, ["Chưa có số liệu"])
    for block in tables:
        sheet = workbook.create_sheet(_sheet_title(block.sheet, used))
        append_row(sheet, [block.title or block.sheet])
        sheet["A1"].font = Font(bold=True)
        append_row(sheet, [c.header for c in block.columns])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in block.rows:
            values = []
            for column, value in zip(block.columns, row, strict=False):
                if column.numeric and value is not None and value != "":
                    values.append(float(Decimal(str(value))))
                else:
                    values.append(value)
            append_row(sheet, values)
            for cell, column in zip(sheet[sheet.max_row], block.columns, strict=False):
                if column.kind in FORMATS:
                    cell.number_format = FORMATS[column.kind]
                elif column.kind == "number":
                    places = column.decimals if column.decimals is not None else 2
                    cell.number_format = "#,##0" + ("." + "0" * places if places else "")
        for index, column in enumerate(block.columns):
            letter = sheet.cell(row=2, column=index + 1).column_letter
            sheet.column_dimensions[letter].width = 14 if column.numeric else 40
    naive = moment.replace(tzinfo=None)
    workbook.properties.creator = head.agency_name
    workbook.properties.lastModifiedBy = head.agency_name
    workbook.properties.created = naive
    workbook.properties.modified = naive
    workbook.properties.title = f"{head.doc_name} {head.summary}"[:255]
    out = io.BytesIO()
    # Not workbook.save(): openpyxl's save_workbook stamps "modified" with the clock, and the
    # same run must give the same bytes.
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()
    return normalise_zip(out.getvalue(), moment)

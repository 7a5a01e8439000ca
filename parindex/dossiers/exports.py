"""The figures as a table (CSV/XLSX): one row for the total, then one per group."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook

from parindex.common.exports import append_row
from parindex.dossiers.figures import METRICS


def figures_table(data: dict[str, Any]) -> list[list[Any]]:
    """Header then rows: ``key, label`` and every metric of docs/formats.md §6 (rates as fractions)."""
    rows: list[list[Any]] = [["key", "label", *METRICS]]
    rows.append(["total", "", *(data["total"][m] for m in METRICS)])
    for group in data["groups"]:
        rows.append([group["key"], group["label"], *(group[m] for m in METRICS)])
    return rows


def figures_xlsx(data: dict[str, Any]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="figures")
    for row in figures_table(data):
        append_row(sheet, row)
    about = workbook.create_sheet(title="period")
    for key in ("agency", "from", "to", "by"):
        append_row(about, [key, data[key] or ""])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()

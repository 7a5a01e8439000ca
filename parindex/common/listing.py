"""Every list screen: a filter set, a table, pagination, and an export of exactly what is shown.

The export uses the same filter and the same columns as the screen, so what a user downloads is
what they were looking at (NetBox's export_table idea, in a few lines).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook

from parindex.common.exports import append_row, csv_writer

EXPORT_LIMIT = 100_000
PER_PAGE_CHOICES = (25, 50, 100)


@dataclass(frozen=True)
class Column:
    """One column of a list: its header and how to read the value off a row object."""

    header: Any
    accessor: str | Callable[[Any], Any]
    link: bool = False
    numeric: bool = False

    def value(self, obj: Any) -> Any:
        if callable(self.accessor):
            return self.accessor(obj)
        value: Any = obj
        for part in self.accessor.split("."):
            value = getattr(value, part, None) if value is not None else None
            if callable(value) and not isinstance(value, models.Model):
                value = value()
        return value


@dataclass(frozen=True)
class Cell:
    value: Any
    column: Column
    url: str | None = None


def table_rows(columns: Sequence[Column], objects: Any) -> list[list[Cell]]:
    rows = []
    for obj in objects:
        url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else None
        rows.append([Cell(c.value(obj), c, url if c.link else None) for c in columns])
    return rows


def _export_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, int | float | Decimal | dt.date) or value is None:
        return value
    return str(value)


def _csv_value(value: Any) -> Any:
    """Dates in a CSV export as on the screen: dd/mm/yyyy (and HH:MM for a moment)."""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else value


def _xlsx_value(sheet: Any, value: Any) -> Any:
    """Dates stay dates in a workbook, shown dd/mm/yyyy whatever the reader's Excel."""
    if isinstance(value, dt.date):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD/MM/YYYY HH:MM" if isinstance(value, dt.datetime) else "DD/MM/YYYY"
        return cell
    return value


def export_response(columns: Sequence[Column], objects: Any, fmt: str, name: str) -> HttpResponse:
    """A CSV (UTF-8 with BOM, for Excel) or XLSX download of the given rows."""
    headers = [str(c.header) for c in columns]
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    filename = f"{slugify(name) or 'export'}-{stamp}.{fmt}"
    if fmt == "csv":
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv_writer(buffer)
        writer.writerow(headers)
        for obj in objects:
            writer.writerow([_csv_value(_export_value(c.value(obj))) for c in columns])
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=(str(name)[:31] or "Sheet1"))
        append_row(sheet, headers)
        for obj in objects:
            append_row(sheet, [_xlsx_value(sheet, _export_value(c.value(obj))) for c in columns])
        out = io.BytesIO()
        workbook.save(out)
        response = HttpResponse(
            out.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def render_list(
    request: HttpRequest,
    *,
    queryset: models.QuerySet,
    columns: Sequence[Column],
    title: Any,
    filterset_class: type | None = None,
    template: str = "generic/list.html",
    export_name: str | None = None,
    context: dict[str, Any] | None = None,
    empty_message: Any = None,
) -> HttpResponse:
    """Filter, paginate and render a list, or export it when `?export=csv|xlsx` is asked."""
    filterset = None
    if filterset_class is not None:
        filterset = filterset_class(request.GET or None, queryset=queryset, request=request)
        queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    fmt = request.GET.get("export")
    if fmt in ("csv", "xlsx"):
        return export_response(columns, queryset[:EXPORT_LIMIT], fmt, export_name or str(title))
    try:
        per_page = int(request.GET.get("per_page", PER_PAGE_CHOICES[0]))
    except ValueError:
        per_page = PER_PAGE_CHOICES[0]
    if per_page not in PER_PAGE_CHOICES:
        per_page = PER_PAGE_CHOICES[0]
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    ctx = {
        "title": title,
        "filter": filterset,
        "columns": columns,
        "rows": table_rows(columns, page.object_list),
        "page": page,
        "query": query.urlencode(),
        "empty_message": empty_message,
        **(context or {}),
    }
    if getattr(request, "htmx", False) and request.htmx.target == "list-results":
        return render(request, "generic/_list_results.html", ctx)
    return render(request, template, ctx)

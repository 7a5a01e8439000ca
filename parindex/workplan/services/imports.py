"""`import_tasks`: a plan's tasks from a spreadsheet (docs/workplan.md, "Importing tasks").

Columns: Nội dung (required), Đơn vị chủ trì (required), Đơn vị phối hợp, Thời hạn (required),
Sản phẩm, and optionally Tiêu chí (index criterion codes). Natural key: (plan, Nội dung, lead
unit) among the plan's non-repeated tasks. All or nothing unless `skip_invalid`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from parindex.common import tabular
from parindex.common.errors import DomainError
from parindex.org.models import Unit
from parindex.org.selectors import UnitFinder
from parindex.workplan.criteria import check_criteria
from parindex.workplan.models import Plan, Task
from parindex.workplan.services._common import is_secretariat
from parindex.workplan.services.tasks import clean_criteria, task_create, task_update

F = tabular.Field

TASKS = tabular.RowSchema(
    F("title", "Nội dung", ("Nhiệm vụ", "Tên nhiệm vụ", "Nội dung nhiệm vụ"), required=True),
    F("lead", "Đơn vị chủ trì", ("Chủ trì", "Đơn vị thực hiện"), required=True, kind="lookup"),
    F("cooperating", "Đơn vị phối hợp", ("Phối hợp",), kind="lookup"),
    F(
        "due",
        "Thời hạn",
        ("Thời hạn hoàn thành", "Thời gian hoàn thành", "Hạn"),
        required=True,
        kind="lookup",
    ),  # fmt: skip
    F("output", "Sản phẩm", ("Sản phẩm dự kiến", "Kết quả", "Sản phẩm đầu ra"), limit=10**6),
    F("criteria", "Tiêu chí", ("Mã tiêu chí", "Tiêu chí Chỉ số CCHC"), kind="lookup"),
)
TASK_COLUMNS = TASKS.columns

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_MONTH = re.compile(r"^thang\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4})|\s*nam\s*(\d{4}))?$")
_MONTH_ONLY = re.compile(r"^(\d{1,2})\s*/\s*(\d{4})$")
_QUARTER = re.compile(r"^quy\s*(iv|iii|ii|i|[1-4])(?:\s*[/.\-]\s*(\d{4})|\s*nam\s*(\d{4}))?$")


def _fold(text: str) -> str:
    """Lower case without accents, spaces kept single (for reading "Quý II/2026")."""
    import unicodedata

    text = text.replace("đ", "d").replace("Đ", "D")
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", bare.casefold()).strip()


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_due(value: object, year: int) -> dt.date:
    """A due date as plans write it: a date, or a period meaning its last day.

    `dd/mm/yyyy` (and the other date forms of docs/formats.md) → that day; `Tháng 6/2026`, `06/2026`,
    `tháng 6` → 30/06; `Quý II/2026`, `quý 2` → 30/06; `6 tháng đầu năm` → 30/06; `6 tháng cuối
    năm`, `cả năm`, `năm 2026`, `thường xuyên`, `trong năm` → 31/12. Without a year, the plan's.
    """
    if isinstance(value, dt.datetime | dt.date | int | float):
        return tabular.parse_date(value)
    text = _fold(str(value or ""))
    if not text:
        raise ValueError(_("a due date is required"))
    if match := _MONTH.match(text):
        month, year_text = int(match.group(1)), match.group(2) or match.group(3)
        if 1 <= month <= 12:
            return _month_end(int(year_text or year), month)
    if match := _MONTH_ONLY.match(text):
        month = int(match.group(1))
        if 1 <= month <= 12:
            return _month_end(int(match.group(2)), month)
    if match := _QUARTER.match(text):
        quarter, year_text = _ROMAN[match.group(1)], match.group(2) or match.group(3)
        return _month_end(int(year_text or year), quarter * 3)
    if text in ("6 thang dau nam", "6 thang dau", "quy i-ii", "truoc 30/6"):
        return dt.date(year, 6, 30)
    if text in (
        "6 thang cuoi nam",
        "ca nam",
        "trong nam",
        "thuong xuyen",
        "hang nam",
        "ca nam (thuong xuyen)",
        "nam",
        "cuoi nam",
    ) or re.fullmatch(r"(?:nam|trong nam|ca nam) \d{4}", text):
        found = re.search(r"\d{4}", text)
        return dt.date(int(found.group()) if found else year, 12, 31)
    try:
        return tabular.parse_date(value)
    except ValueError:
        raise ValueError(
            _(
                "cannot read %(value)s as a due date (write dd/mm/yyyy, “Tháng 6/2026”, "
                "“Quý II/2026” or “Thường xuyên”)"
            )
            % {"value": repr(str(value))}
        ) from None


def find_plan(reference: str, agency_code: str | None = None) -> Plan:
    """A plan by its id or its code (`--plan 12` or `--plan KH-CCHC-2026`)."""
    plans = Plan.objects.select_related("agency")
    if agency_code:
        plans = plans.filter(agency__code=agency_code)
    reference = str(reference).strip()
    found = list(plans.filter(code=reference)[:2])
    if not found and reference.isdigit():
        found = list(plans.filter(pk=int(reference))[:1])
    if len(found) > 1:
        raise DomainError(_("Several agencies have a plan with this code: name the agency."))
    if not found:
        raise DomainError(_("No plan %(ref)s.") % {"ref": reference})
    return found[0]


def import_tasks(
    source: str | Path | IO[bytes],
    *,
    plan: Plan,
    actor: Any = None,
    filename: str | None = None,
    sheet: str | None = None,
    skip_invalid: bool = False,
) -> tabular.ImportResult:
    """Import a plan's tasks; the agency's secretariat (or the system) may."""
    if not is_secretariat(actor, plan.agency_id):
        raise PermissionDenied
    units = UnitFinder(plan.agency)

    def cooperating_units(row: tabular.RowReader, key: str) -> list[Unit]:
        found: list[Unit] = []
        for part in re.split(r"[;,\n]", str(row.values.get(key) or "")):
            if not part.strip():
                continue
            unit = units.find(part)
            if unit is None:
                row.error(
                    key,
                    _("no unit %(unit)s in agency %(agency)s")
                    % {"unit": part.strip(), "agency": plan.agency.code},
                )
            elif unit not in found:
                found.append(unit)
        return found

    def due_of(row: tabular.RowReader, key: str) -> dt.date | None:
        try:
            return parse_due(row.values.get(key), plan.year)
        except ValueError as exc:
            row.error(key, str(exc))
            return None

    def criteria_of(row: tabular.RowReader, key: str) -> list[str]:
        try:
            criteria = clean_criteria(str(row.values.get(key) or ""))
            check_criteria(plan.year, criteria)
        except DomainError as exc:
            row.error(key, str(exc.message))
            return []
        return criteria

    valid: dict[tuple[str, int], tuple[int, dict[str, Any]]] = {}
    rejected: list[tuple[list[object], str]] = []
    with tabular.open_table(source, TASK_COLUMNS, filename=filename, sheet=sheet) as table:
        result = tabular.ImportResult(warnings=list(table.warnings))
        for number, values, raw in table.rows(with_raw=True):
            row = tabular.RowReader(table, number, values)
            data = TASKS.read(
                row,
                lead=units.cell,
                cooperating=cooperating_units,
                due=due_of,
                criteria=criteria_of,
            )
            title, lead = data["title"], data["lead"]
            cooperating = [u for u in data["cooperating"] if u != lead]
            if title and lead is not None:
                key = (tabular.normalize_header(title), lead.pk)
                if key in valid:
                    row.error(
                        "title",
                        _("this task of %(unit)s repeats row %(row)s")
                        % {"unit": lead.code, "row": valid[key][0]},
                    )
            errors = row.errors
            if errors:
                result.errors.extend(errors)
                rejected.append((raw, "; ".join(e.message for e in errors)))
                continue
            valid[key] = (
                number,
                {
                    "title": title,
                    "lead_unit": lead,
                    "cooperating_units": cooperating,
                    "due_date": data["due"],
                    "expected_output": data["output"],
                    "criteria": data["criteria"],
                },
            )
        raw_header = table.raw_header
    if result.errors and not skip_invalid:
        raise tabular.ImportRefused(result.errors, result.warnings)
    with transaction.atomic():
        existing: dict[tuple[str, int], Task] = {}
        for task in plan.tasks.filter(series__isnull=True).prefetch_related("cooperating_units"):
            existing.setdefault((tabular.normalize_header(task.title), task.lead_unit_id), task)
        for key, (_number, data) in valid.items():
            task = existing.get(key)
            if task is None:
                task_create(actor=actor, plan=plan, **data)
                result.created += 1
                continue
            same = (
                task.due_date == data["due_date"]
                and task.expected_output == data["expected_output"]
                and {u.pk for u in task.cooperating_units.all()}
                == {u.pk for u in data["cooperating_units"]}
                and (not data["criteria"] or list(task.criteria) == data["criteria"])
            )
            if same:
                result.unchanged += 1
                continue
            changes = {k: data[k] for k in ("due_date", "expected_output", "cooperating_units")}
            if data["criteria"]:
                changes["criteria"] = data["criteria"]
            task_update(actor=actor, task=task, **changes)
            result.updated += 1
    result.note_rejected(rejected, source, raw_header)
    return result

"""The working-day calendar: the yearly notice's overrides, kept in the database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from parindex.audit.services import audited, record_created, record_deleted
from parindex.common import tabular
from parindex.dossiers.models import CalendarDay
from parindex.dossiers.selectors import forget_working_day_horizons
from parindex.org.access import Action, may_set_national_calendar, scope_for

CALENDAR_FIELDS = ("day", "working", "note")

#: Columns of the small calendar file (docs/dossiers.md): one row per day of the notice.
CALENDAR_COLUMNS = (
    tabular.Column("day", "Ngày", ("Ngày nghỉ", "Ngày làm việc bù", "date", "day"), required=True),
    tabular.Column("kind", "Loại", ("Loại ngày", "kind")),
    tabular.Column("note", "Ghi chú", ("Nội dung", "Lý do", "note")),
)
DAY_KINDS = {
    "nghỉ": False,
    "nghi": False,
    "ngày nghỉ": False,
    "nghỉ bù": False,
    "off": False,
    "day off": False,
    "0": False,
    "làm việc": True,
    "làm bù": True,
    "ngày làm việc": True,
    "đi làm": True,
    "working": True,
    "work": True,
    "1": True,
}


def _require_secretariat(actor: Any) -> None:
    """The overrides are national: administrators and a province's PAR secretariat keep them."""
    if actor is None:
        return
    if not may_set_national_calendar(scope_for(actor)):
        raise PermissionDenied


@transaction.atomic
def calendar_day_set(*, actor: Any, day: dt.date, working: bool, note: str = "") -> CalendarDay:
    """Declare ``day`` a working day or a day off (creating or changing its override)."""
    _require_secretariat(actor)
    existing = CalendarDay.objects.select_for_update().filter(day=day).first()
    note = (note or "").strip()
    if existing is None:
        obj = CalendarDay.objects.create(day=day, working=working, note=note)
        forget_working_day_horizons()
        record_created(actor, "calendar.day_set", obj, CALENDAR_FIELDS)
        return obj
    if existing.working == working and existing.note == note:
        return existing
    with audited(actor, "calendar.day_set", existing, CALENDAR_FIELDS, always=True):
        existing.working, existing.note = working, note
        existing.save(update_fields=["working", "note"])
        forget_working_day_horizons()
    return existing


@transaction.atomic
def calendar_day_delete(*, actor: Any, day: CalendarDay) -> None:
    """Remove an override: the day follows the usual calendar again."""
    _require_secretariat(actor)
    if (
        actor is not None
        and not CalendarDay.objects.restrict(actor, Action.DELETE).filter(pk=day.pk).exists()
    ):
        raise PermissionDenied
    record_deleted(actor, "calendar.day_deleted", day, CALENDAR_FIELDS)
    day.delete()
    forget_working_day_horizons()


def import_calendar(
    source: str | Path | IO[bytes],
    *,
    actor: Any = None,
    filename: str | None = None,
    sheet: str | None = None,
    skip_invalid: bool = False,
) -> tabular.ImportResult:
    """Import the days of a yearly notice: ``Ngày``, ``Loại`` (nghỉ / làm việc), ``Ghi chú``.

    A row without ``Loại`` is a day off on a weekday and a working day on a weekend.
    """
    _require_secretariat(actor)
    kinds = {tabular.normalize_header(k): v for k, v in DAY_KINDS.items()}
    with tabular.open_table(source, CALENDAR_COLUMNS, filename=filename, sheet=sheet) as table:
        result = tabular.ImportResult(warnings=list(table.warnings))
        valid: dict[dt.date, tuple[bool, str]] = {}
        rejected: list[tuple[list[Any], str]] = []
        for number, values, raw in table.rows(with_raw=True):
            errors = []
            day = None
            try:
                day = tabular.parse_date(values.get("day"))
            except ValueError as exc:
                errors.append(tabular.RowError(number, table.header_for("day"), str(exc)))
            working = None
            kind = values.get("kind")
            if kind not in (None, ""):
                working = kinds.get(tabular.normalize_header(kind))
                if working is None:
                    errors.append(
                        tabular.RowError(
                            number,
                            table.header_for("kind"),
                            _("unknown kind %(value)s (nghỉ, làm việc)") % {"value": kind},
                        )
                    )
            if errors:
                result.errors.extend(errors)
                rejected.append((raw, "; ".join(e.message for e in errors)))
                continue
            if working is None:
                working = day.weekday() >= 5
            valid[day] = (working, tabular.parse_text(values.get("note")) or "")
        if result.errors and not skip_invalid:
            raise tabular.ImportRefused(result.errors, result.warnings)
        with transaction.atomic():
            existing = {c.day: c for c in CalendarDay.objects.filter(day__in=list(valid))}
            for day, (working, note) in sorted(valid.items()):
                old = existing.get(day)
                if old is not None and old.working == working and old.note == note:
                    result.unchanged += 1
                    continue
                calendar_day_set(actor=actor, day=day, working=working, note=note)
                if old is None:
                    result.created += 1
                else:
                    result.updated += 1
        result.note_rejected(rejected, source, table.raw_header)
    return result

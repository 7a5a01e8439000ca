"""Dossier import (FORMATS §5) from files and from the API: streaming, batched, idempotent.

One :class:`DossierImporter` parses and validates rows one by one and writes them in batches
(one read of the existing codes per batch, then raw batched writes, writes.py), so memory
stays flat whatever the file size; what it writes also goes to the counts the figures read
(services/counts.py). The caller holds the transaction: all or nothing means the
importer raises :class:`~parindex.common.tabular.ImportRefused` at the end and everything
written rolls back (after the first invalid row it stops writing and only validates).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parindex.audit.models import AuditEntry
from parindex.audit.services import _json_value, record
from parindex.common import tabular
from parindex.common.workdays import TZ, WorkCalendar
from parindex.dossiers.choices import END_BY_RESULT, Channel, LimitUnit, Status
from parindex.dossiers.models import Dossier, Procedure
from parindex.dossiers.rules import derived_fields
from parindex.dossiers.services.calendar import work_calendar
from parindex.dossiers.services.common import UnitLookup, agency_for_import
from parindex.dossiers.services.counts import (
    APPLY_EVERY,
    CountChanges,
    dossier_counts_rebuild,
)
from parindex.dossiers.services.writes import (
    ROW_FIELDS,
    BackgroundInserts,
    analyze,
    comparable,
    existing_rows,
    insert_rows,
    large_cache,
    readable,
    update_rows,
)
from parindex.org.models import Agency

DOSSIER_COLUMNS = (
    tabular.Column("code", "Mã hồ sơ", ("MaHoSo", "Số hồ sơ"), required=True),
    tabular.Column("procedure", "Mã TTHC", ("MaTTHC", "Mã thủ tục"), required=True),
    tabular.Column("unit", "Đơn vị", ("DonVi", "TenDonVi", "Đơn vị xử lý")),
    tabular.Column("channel", "Kênh", ("KenhThucHien", "Hình thức nộp", "Kênh nộp")),
    tabular.Column("received_at", "Ngày tiếp nhận", ("NgayTiepNhan", "Ngày nhận"), required=True),
    tabular.Column("due_at", "Ngày hẹn trả", ("NgayHenTra", "Hẹn trả")),
    tabular.Column(
        "finished_at",
        "Ngày kết thúc xử lý",
        ("NgayKetThucXuLy", "Ngày có kết quả", "Ngày hoàn thành"),
    ),
    tabular.Column("returned_at", "Ngày trả kết quả", ("NgayTra",)),
    tabular.Column("status", "Trạng thái", ("TrangThaiHoSo", "TrangThaiHoSoId")),
    tabular.Column("supplement_count", "Số lần bổ sung", ("SoLanBoSung",)),
    tabular.Column("online_payment", "Thanh toán trực tuyến", ("DuocThanhToanTrucTuyen",)),
)


def _choices(pairs: dict[str, int]) -> dict[str, int]:
    return {tabular.normalize_header(k): v for k, v in pairs.items()}


CHANNELS = _choices(
    {
        "": Channel.DIRECT,
        "1": Channel.DIRECT,
        "trực tiếp": Channel.DIRECT,
        "direct": Channel.DIRECT,
        "2": Channel.ONLINE,
        "trực tuyến": Channel.ONLINE,
        "online": Channel.ONLINE,
        "3": Channel.POSTAL,
        "bưu chính": Channel.POSTAL,
        "bưu chính công ích": Channel.POSTAL,
        "BCCI": Channel.POSTAL,
        "postal": Channel.POSTAL,
    }
)
#: Codes 1–10 and the full and short Vietnamese names of DOMAIN.md §2.
STATUSES = _choices(
    {
        **{str(s.value): s.value for s in Status},
        "mới đăng ký": 1,
        "được tiếp nhận": 2,
        "đã tiếp nhận": 2,
        "tiếp nhận": 2,
        "không được tiếp nhận": 3,
        "từ chối tiếp nhận": 3,
        "đang xử lý": 4,
        "yêu cầu bổ sung giấy tờ": 5,
        "yêu cầu bổ sung": 5,
        "yêu cầu thực hiện nghĩa vụ tài chính": 6,
        "thực hiện nghĩa vụ tài chính": 6,
        "nghĩa vụ tài chính": 6,
        "công dân yêu cầu rút hồ sơ": 7,
        "rút hồ sơ": 7,
        "dừng xử lý": 8,
        "đã xử lý xong": 9,
        "xử lý xong": 9,
        "đã trả kết quả": 10,
        "trả kết quả": 10,
    }
)
PAYMENTS = _choices({"": 0, "0": 0, "1": 1, "2": 2, "có": 1, "không": 0, "yes": 1, "no": 0})


def _choice(value: Any, mapping: dict[str, int]) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    found = mapping.get(tabular.normalize_header(value))
    if found is None:
        return tabular.match_choice(value, mapping)  # raises the listing message
    return found


_END_OF_DAY = dt.time(23, 59, 59)
_MIDNIGHT = dt.time(0)
# The form one-stop systems export: ASCII digits only, so nothing that the full parser would
# refuse (``+1``, ``1_0``, non-Latin digits) slips through ``int()``.
_USUAL_DATE = re.compile(r"(\d\d)/(\d\d)/(\d{4})(?: (\d\d):(\d\d)(?::(\d\d))?)?", re.ASCII)


@lru_cache(maxsize=4096)
def _usual_day(text: str, due: bool) -> dt.datetime | None:
    """A ten-character ``dd/mm/yyyy`` date as a moment, or None if ``text`` is not one.

    Raises ``ValueError`` for an impossible date. Cached: due dates repeat across thousands of
    rows (nothing is kept for a text that raised).
    """
    match = _USUAL_DATE.fullmatch(text)
    if match is None:
        return None
    day, month, year = match.group(1, 2, 3)
    moment = _END_OF_DAY if due else _MIDNIGHT
    return dt.datetime.combine(dt.date(int(year), int(month), int(day)), moment, tzinfo=TZ)


def _fast_datetime(value: Any, due: bool) -> dt.datetime:
    """``tabular.parse_datetime`` with a fast path for the usual ``dd/mm/yyyy[ HH:MM[:SS]]``
    text (same result); anything else, or anything odd, goes to the full parser."""
    if value.__class__ is str:
        try:
            if len(value) == 10:
                found = _usual_day(value, due)
                if found is not None:
                    return found
            else:
                # Moments with a time are mostly unique: not worth caching.
                match = _USUAL_DATE.fullmatch(value)
                if match is not None:
                    day, month, year, hour, minute, second = match.groups()
                    return dt.datetime(
                        int(year),
                        int(month),
                        int(day),
                        int(hour),
                        int(minute),
                        int(second or 0),
                        tzinfo=TZ,
                    )
        except ValueError:
            pass  # the full parser says what is impossible about it
    return tabular.parse_datetime(value, due=due)


def _remembered(cache: dict[str | None, int], value: Any, mapping: dict[str, int]) -> int:
    """``_choice``, remembered per raw text: a file repeats a handful of values.

    Only text and empty cells are remembered: as dict keys ``True``, ``1`` and ``1.0`` are one
    key, yet they do not all match the same choice."""
    if value is None or value.__class__ is str:
        found = cache.get(value)
        if found is None:
            found = cache[value] = _choice(value, mapping)
        return found
    return _choice(value, mapping)


_DATE_KEYS = (
    ("received_at", False),
    ("due_at", True),
    ("finished_at", False),
    ("returned_at", False),
)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class DossierImporter:
    """Validates dossier rows and upserts them by code in batches (see the module docstring)."""

    batch_size = 2000
    analyze_every = 100_000

    def __init__(
        self,
        agency: Agency,
        *,
        actor: Any = None,
        create_procedures: bool = False,
        skip_invalid: bool = False,
        calendar: WorkCalendar | None = None,
        progress: Callable[[int], None] | None = None,
        background: bool = False,
    ) -> None:
        self.agency = agency
        self.actor = actor
        self.create_procedures = create_procedures
        self.skip_invalid = skip_invalid
        self.calendar = calendar or work_calendar()
        self.progress = progress
        self.procedures = {p.code: p for p in Procedure.objects.filter(agency=agency)}
        self.units = UnitLookup(agency)
        self.unit_cache: dict[str, Any] = {}
        # (procedure, unit) cells → (procedure, procedure_id, unit_id), and the choice columns'
        # values per raw text: a file repeats a few hundred combinations over millions of rows.
        self.placements: dict[tuple[Any, Any], tuple[Procedure, int, int]] = {}
        self.channels: dict[str | None, int] = {}
        self.payments: dict[str | None, int] = {}
        self.statuses: dict[str | None, int] = {}
        self.seen: dict[str, int] = {}
        self.batch: list[dict[str, Any]] = []
        self.result = tabular.ImportResult()
        self.rejected: list[tuple[list[Any], str]] = []
        self.rows_done = 0
        self._written = 0
        self.writing = True
        self.counts = CountChanges(agency.pk)
        self.now = timezone.now()
        self._content_type = ContentType.objects.get_for_model(Dossier)
        # One import of an agency at a time (PostgreSQL; SQLite has one writer anyway): the
        # next one waits here and then reads what this one stored.
        list(Agency.objects.select_for_update().filter(pk=agency.pk).values_list("pk"))
        # The agency's first load (the big one): no stored code to look up for any batch (a
        # repeat inside the file is caught by ``seen``), and the counts are grouped in SQL at
        # the end rather than added up row by row.
        self.first_load = not Dossier.objects.filter(agency=agency).exists()
        # A first load that creates no procedure needs the connection for nothing but its
        # inserts until the end: on PostgreSQL they run beside the reading (BackgroundInserts;
        # 1 M rows: 76 → 54 s). On SQLite the two threads take turns on the GIL for every
        # row, and nothing was gained.
        self.inserts = (
            BackgroundInserts(self.now)
            if background
            and self.first_load
            and not create_procedures
            and connection.vendor == "postgresql"
            else None
        )

    # -- rows ----------------------------------------------------------------------------------

    def add(
        self,
        number: int,
        values: dict[str, Any],
        header_for: Callable[[str], str],
        raw: list[Any] | None = None,
    ) -> None:
        """Check one row; queue it for writing, or record its problems."""
        data, problems = self._parse(values)
        code = data.get("code")
        if code:
            first = self.seen.get(code)
            if first is not None:
                problems.append(
                    ("code", _("code %(code)s repeats row %(row)s") % {"code": code, "row": first})
                )
            else:
                self.seen[code] = number
        self.rows_done += 1
        if problems:
            errors = [tabular.RowError(number, header_for(k), m) for k, m in problems]
            self.result.errors.extend(errors)
            if raw is not None:
                self.rejected.append((raw, "; ".join(e.message for e in errors)))
            if not self.skip_invalid:
                self.writing = False
                self.batch.clear()
        elif self.writing:
            self.batch.append(data)
        if len(self.batch) >= self.batch_size:
            self.flush()
        if self.progress is not None and self.rows_done % self.batch_size == 0:
            self.progress(self.rows_done)

    def _unit(self, value: Any) -> Any:
        if value.__class__ is not str:
            return self.units.find(value)
        unit = self.unit_cache.get(value)
        if unit is None:
            unit = self.unit_cache[value] = self.units.find(value)
        return unit

    def _procedure(self, code: str, unit: Any) -> Procedure | None:
        procedure = self.procedures.get(code)
        if procedure is None and self.create_procedures:
            procedure = Procedure.objects.create(
                agency=self.agency, code=code, name=code, unit=unit
            )
            record(
                actor=self.actor,
                action="procedure.created",
                target=procedure,
                after={"code": code, "name": code},
                agency=self.agency,
                note="created by a dossier import",
            )
            self.procedures[code] = procedure
        return procedure

    def _parse(self, values: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        problems: list[tuple[str, str]] = []
        get = values.get
        code = get("code")
        code = (code.strip() or None) if code.__class__ is str else tabular.parse_text(code)
        if not code:
            problems.append(("code", _("code is empty")))
        elif len(code) > 60:
            problems.append(("code", _("a code has at most 60 characters")))
        raw_procedure, raw_unit = get("procedure"), get("unit")
        placement = None
        if raw_procedure.__class__ is str and (raw_unit is None or raw_unit.__class__ is str):
            placement = self.placements.get((raw_procedure, raw_unit))
        if placement is None:
            placement = self._place(raw_procedure, raw_unit, problems)
        procedure = placement[0] if placement is not None else None
        try:
            channel = _remembered(self.channels, get("channel"), CHANNELS)
        except ValueError as exc:
            problems.append(("channel", str(exc)))
        try:
            payment = _remembered(self.payments, get("online_payment"), PAYMENTS)
        except ValueError as exc:
            problems.append(("online_payment", str(exc)))
        moments: list[dt.datetime | None] = []
        for key, due_date in _DATE_KEYS:
            value = get(key)
            if _blank(value):
                moments.append(None)
                continue
            try:
                moments.append(_fast_datetime(value, due_date))
            except ValueError as exc:
                problems.append((key, str(exc)))
                moments.append(None)
        received, due, finished, returned = moments
        if received is None and not any(k == "received_at" for k, _m in problems):
            problems.append(("received_at", _("the reception date is required")))
        status_value = get("status")
        status = None
        if _blank(status_value):
            # No status given: what the dates say (returned, processed, or still in progress).
            if returned is not None:
                status = Status.RETURNED.value
            elif finished is not None:
                status = Status.DONE.value
            else:
                status = Status.PROCESSING.value
        else:
            try:
                status = _remembered(self.statuses, status_value, STATUSES)
            except ValueError as exc:
                problems.append(("status", str(exc)))
        supplement_count = 0
        supplements = get("supplement_count")
        if isinstance(supplements, str) and supplements.isdigit():
            supplement_count = int(supplements)
        elif (
            isinstance(supplements, int) and not isinstance(supplements, bool) and supplements >= 0
        ):
            supplement_count = supplements
        elif not _blank(supplements):
            try:
                supplement_count = tabular.parse_whole(supplements)
                if supplement_count < 0:
                    raise ValueError(_("a count cannot be negative"))
            except ValueError as exc:
                problems.append(("supplement_count", str(exc)))
        if due is None and received is not None and procedure is not None:
            if procedure.time_limit is None:
                problems.append(
                    (
                        "due_at",
                        _("the due date is required: procedure %(code)s has no time limit")
                        % {"code": procedure.code},
                    )
                )
            else:
                try:
                    due = self._due(received, procedure)
                except ValueError as exc:
                    problems.append(("due_at", str(exc)))
        end = finished
        end_key = "finished_at"
        if end is None and status in END_BY_RESULT:
            end, end_key = returned, "returned_at"
        if received is not None:
            if due is not None and due < received:
                problems.append(("due_at", _("the due date is before the reception")))
            if end is not None and end < received:
                problems.append((end_key, _("the end date is before the reception")))
        if problems:
            return {"code": code}, problems
        procedure_id, unit_id = placement[1:]
        return {
            "code": code,
            "procedure_id": procedure_id,
            "unit_id": unit_id,
            "channel": channel,
            "online_payment": payment,
            "status": status,
            "supplement_count": supplement_count,
            "received_at": received,
            "due_at": due,
            "finished_at": finished,
            "returned_at": returned,
            "ended_at": end,
            **derived_fields(
                received_at=received,
                due_at=due,
                ended_at=end,
                status=status,
                supplement_count=supplement_count,
            ),
        }, problems

    def _place(
        self, raw_procedure: Any, raw_unit: Any, problems: list[tuple[str, str]]
    ) -> tuple[Procedure, int, int] | None:
        """The row's procedure and unit, with their problems; remembered when both are found."""
        unit = None
        unit_known = True
        if not _blank(raw_unit):
            try:
                unit = self._unit(raw_unit)
            except ValueError as exc:
                problems.append(("unit", str(exc)))
                unit_known = False
        procedure = None
        procedure_code = tabular.parse_text(raw_procedure)
        if not procedure_code:
            problems.append(("procedure", _("procedure code is empty")))
        else:
            procedure = self._procedure(procedure_code, unit)
            if procedure is None:
                problems.append(
                    (
                        "procedure",
                        _(
                            "unknown procedure %(code)s (import the catalogue first, or use "
                            "--create-procedures)"
                        )
                        % {"code": procedure_code},
                    )
                )
        if procedure is None:
            return None
        placement = (procedure, procedure.pk, unit.pk if unit is not None else procedure.unit_id)
        # With a wrong unit the procedure is still checked (its time limit), but not remembered.
        if (
            unit_known
            and raw_procedure.__class__ is str
            and (raw_unit is None or raw_unit.__class__ is str)
        ):
            self.placements[raw_procedure, raw_unit] = placement
        return placement

    def _due(self, received: dt.datetime, procedure: Procedure) -> dt.datetime:
        limit: Decimal = procedure.time_limit
        unit = procedure.limit_unit
        if unit != LimitUnit.WORKING_HOURS and limit != limit.to_integral_value():
            if unit == LimitUnit.CALENDAR_DAYS:
                raise ValueError(_("a limit in calendar days must be whole"))
            limit, unit = limit * 8, LimitUnit.WORKING_HOURS
        if unit != LimitUnit.WORKING_HOURS:
            limit = int(limit)
        return self.calendar.due_at(received, limit, unit)

    # -- writing -------------------------------------------------------------------------------

    def close(self, *, raise_error: bool = True) -> None:
        """Wait for the inserts still running beside the reading (and raise their error)."""
        if self.inserts is not None:
            self.inserts.close(raise_error=raise_error)

    def flush(self) -> None:
        batch, self.batch = self.batch, []
        if not batch or not self.writing:
            return
        existing = {}
        if not self.first_load:
            existing = existing_rows(self.agency.pk, [row["code"] for row in batch])
        adapt = comparable()
        new: list[dict[str, Any]] = []
        changed: list[tuple[int, dict[str, Any]]] = []
        audits: list[AuditEntry] = []
        actor_id = getattr(self.actor, "pk", None)
        actor_name = (getattr(self.actor, "display_name", "") or "system")[:150]
        for row in batch:
            row["agency_id"] = self.agency.pk
            old = existing.get(row["code"])
            if old is None:
                new.append(row)
                continue
            # Compared as the driver stores them (no model conversions per existing row).
            stored = old[2 : 2 + len(ROW_FIELDS)]
            before = {f: v for f, v in zip(ROW_FIELDS, stored, strict=True) if adapt(row[f]) != v}
            if not before:
                self.result.unchanged += 1
                continue
            changed.append((old[0], row))
            self.counts.add(old[2 + len(ROW_FIELDS) :], -1)
            self.counts.add_row(row)
            audits.append(
                AuditEntry(
                    actor_id=actor_id,
                    actor_name=actor_name,
                    action="dossier.updated",
                    target_type=self._content_type,
                    target_id=str(old[0]),
                    target_repr=row["code"],
                    agency_id=self.agency.pk,
                    before=_json_value(readable(before)),
                    after=_json_value({f: row[f] for f in before}),
                    note="import",
                )
            )
        if new:
            if not self.first_load:
                for row in new:
                    self.counts.add_row(row)
            if self.inserts is not None:
                self.inserts.submit(new)
            else:
                insert_rows(new, self.now)
            self.result.created += len(new)
            self._written += len(new)
            if self._written >= self.analyze_every and not self.first_load:
                # PostgreSQL plans the per-batch look-up from the table's statistics: on a
                # table that grew by a hundred thousand rows since, it would scan it whole.
                analyze()
                self._written = 0
        if changed:
            update_rows(changed, self.now)
            AuditEntry.objects.bulk_create(audits, batch_size=self.batch_size)
            self.result.updated += len(changed)
        if len(self.counts) >= APPLY_EVERY:
            self.counts.apply()

    def finish(self, warnings: Iterable[str] = ()) -> tabular.ImportResult:
        """Write what is left; raise ImportRefused when all-or-nothing found problems."""
        self.flush()
        self.close()
        # Only the file's rows needed it; the counts below may need the memory.
        self.seen.clear()
        if self.result.created + self.result.updated >= self.batch_size:
            analyze()
        self.result.warnings = [*warnings, *self.result.warnings]
        if self.progress is not None:
            self.progress(self.rows_done)
        if self.result.errors and not self.skip_invalid:
            raise tabular.ImportRefused(self.result.errors, self.result.warnings)
        self.result.rejected = len({e.row for e in self.result.errors})
        if self.first_load:
            if self.result.created:
                dossier_counts_rebuild(self.agency.pk)
        else:
            self.counts.finish()
        if self.result.created or self.result.updated:
            record(
                actor=self.actor,
                action="dossier.imported",
                target=self.agency,
                after={
                    "created": self.result.created,
                    "updated": self.result.updated,
                    "unchanged": self.result.unchanged,
                    "rejected": self.result.rejected,
                },
                agency=self.agency,
            )
        return self.result


def import_dossiers(
    source: str | Path | IO[bytes],
    *,
    agency_code: str,
    actor: Any = None,
    filename: str | None = None,
    sheet: str | None = None,
    skip_invalid: bool = False,
    create_procedures: bool = False,
    progress: Callable[[int], None] | None = None,
) -> tabular.ImportResult:
    """Import dossiers from an XLSX/CSV export (FORMATS §5); all or nothing unless skip_invalid."""
    agency = agency_for_import(agency_code, actor)
    with tabular.open_table(source, DOSSIER_COLUMNS, filename=filename, sheet=sheet) as table:
        large_cache()
        with transaction.atomic():
            importer = DossierImporter(
                agency,
                actor=actor,
                create_procedures=create_procedures,
                skip_invalid=skip_invalid,
                progress=progress,
                background=True,
            )
            try:
                header_for = table.header_for
                for number, values, raw in table.rows(with_raw=True):
                    importer.add(number, values, header_for, raw)
                result = importer.finish(table.warnings)
            finally:
                # After a failure: no thread left waiting (its own error, if any, is moot).
                importer.close(raise_error=False)
        if importer.rejected and isinstance(source, str | Path):
            result.rejected_file = tabular.write_rejected(
                source, table.raw_header, importer.rejected
            )
    return result


_PUSH_LOOKUP = {
    tabular.normalize_header(name): column.key
    for column in reversed(DOSSIER_COLUMNS)
    for name in (column.key, *column.names)
}


def dossiers_push(
    *,
    actor: Any,
    agency_code: str,
    rows: list[dict[str, Any]],
    skip_invalid: bool = False,
    create_procedures: bool = False,
) -> tabular.ImportResult:
    """Upsert dossiers sent as JSON objects (the API): same fields, names and checks as a file.

    Keys are the field names (``code``, ``procedure``, ``received_at``…) or any header of
    FORMATS §5; row numbers in problems are 1-based positions in the list.
    """
    agency = agency_for_import(agency_code, actor)
    labels = {c.key: c.label for c in DOSSIER_COLUMNS}
    unknown: set[str] = set()
    with transaction.atomic():
        importer = DossierImporter(
            agency, actor=actor, create_procedures=create_procedures, skip_invalid=skip_invalid
        )
        for number, row in enumerate(rows, start=1):
            values: dict[str, Any] = {}
            for key, value in row.items():
                column = _PUSH_LOOKUP.get(tabular.normalize_header(key))
                if column is None:
                    unknown.add(str(key))
                elif column not in values:
                    values[column] = value.strip() if isinstance(value, str) else value
            importer.add(number, values, labels.__getitem__)
        warnings = [f"unknown fields ignored: {', '.join(sorted(unknown))}"] if unknown else []
        return importer.finish(warnings)

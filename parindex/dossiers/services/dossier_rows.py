"""The dossier import's column vocabulary and row reading (docs/formats.md §5), apart from writing.

:class:`DossierRowReader` turns one row's cells into the values the dossier table stores, or
into ``(column key, message)`` problems; it remembers what repeats over millions of rows (the
procedure and unit of a cell pair, the choice columns' values per raw text, the usual date
form). The importer (dossiers.py) batches and writes what it returns.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _

from parindex.audit.services import record
from parindex.common import tabular
from parindex.common.workdays import TZ, WorkCalendar
from parindex.dossiers.choices import END_BY_RESULT, Channel, LimitUnit, Status
from parindex.dossiers.models import Procedure
from parindex.dossiers.rules import derived_fields
from parindex.dossiers.services.common import UnitLookup
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
#: Codes 1–10 and the full and short Vietnamese names of docs/domain.md §2.
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


#: Rows go to the database by COPY / bulk insert, past the model checks: the column's own bound.
MAX_SUPPLEMENTS = 10_000


def plausible_window() -> tuple[dt.date, dt.date]:
    """The dates a dossier may carry: from PARINDEX_DOSSIER_EARLIEST_DATE (default 01/01/2000)
    to today plus PARINDEX_DOSSIER_YEARS_AHEAD years (default 5; due dates lie ahead)."""
    from django.conf import settings
    from django.utils import timezone

    earliest = getattr(settings, "PARINDEX_DOSSIER_EARLIEST_DATE", dt.date(2000, 1, 1))
    years = getattr(settings, "PARINDEX_DOSSIER_YEARS_AHEAD", 5)
    today = timezone.localdate()
    try:
        latest = today.replace(year=today.year + years)
    except ValueError:  # 29 February
        latest = today.replace(year=today.year + years, day=28)
    return earliest, latest


class DossierRowReader:
    """Reads dossier rows of one agency: values to store, or the row's problems."""

    def __init__(
        self,
        agency: Agency,
        *,
        actor: Any = None,
        create_procedures: bool = False,
        calendar: WorkCalendar,
    ) -> None:
        self.agency = agency
        self.actor = actor
        self.create_procedures = create_procedures
        self.calendar = calendar
        self.procedures = {p.code: p for p in Procedure.objects.filter(agency=agency)}
        self.units = UnitLookup(agency)
        self.unit_cache: dict[str, Any] = {}
        # (procedure, unit) cells → (procedure, procedure_id, unit_id), and the choice columns'
        # values per raw text: a file repeats a few hundred combinations over millions of rows.
        self.placements: dict[tuple[Any, Any], tuple[Procedure, int, int]] = {}
        self.channels: dict[str | None, int] = {}
        self.payments: dict[str | None, int] = {}
        self.statuses: dict[str | None, int] = {}
        self.earliest, self.latest = plausible_window()
        self._window_message = _(
            "the date is outside the plausible window %(earliest)s–%(latest)s"
        ) % {
            "earliest": self.earliest.strftime("%d/%m/%Y"),
            "latest": self.latest.strftime("%d/%m/%Y"),
        }

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

    def parse(self, values: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        problems: list[tuple[str, str]] = []
        get = values.get
        code = get("code")
        code = (code.strip() or None) if code.__class__ is str else tabular.parse_text(code)
        if not code:
            problems.append(("code", _("code is empty")))
        elif len(code) > 60:
            problems.append(("code", _("a code has at most 60 characters")))
        elif "\x00" in code:
            problems.append(("code", _("the code contains a NUL character")))
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
                moment = _fast_datetime(value, due_date)
            except ValueError as exc:
                problems.append((key, str(exc)))
                moments.append(None)
                continue
            if not self.earliest <= moment.date() <= self.latest:
                # 1900 or 9999 is a typing slip, not a dossier: refused, not stored silently.
                problems.append((key, self._window_message))
                moments.append(None)
                continue
            moments.append(moment)
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
        if supplement_count > MAX_SUPPLEMENTS:
            problems.append(
                ("supplement_count", _("a count of at most %(max)d") % {"max": MAX_SUPPLEMENTS})
            )
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

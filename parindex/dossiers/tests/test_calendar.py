"""Due dates computed by the import with the database calendar (docs/domain.md §2, 2026)."""

import datetime as dt

import pytest

from parindex.dossiers.choices import LimitUnit
from parindex.dossiers.models import CalendarDay, Dossier
from parindex.dossiers.selectors import work_calendar
from parindex.dossiers.services import calendar_day_set, import_dossiers
from parindex.dossiers.tests.helpers import DOSSIER_HEADER, at, make_procedure, write_csv


def due_for(org, tmp_path, received, limit, unit=LimitUnit.WORKING_DAYS):
    make_procedure(org.agency, "9.000", limit=limit, limit_unit=unit)
    row = ["X", "9.000", "", "", received, "", "", "", "4", "0"]
    import_dossiers(write_csv(tmp_path / "d.csv", [DOSSIER_HEADER, row]), agency_code="SKHCN")
    return Dossier.objects.get().due_at


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        ("06/03/2026 14:59", at("06/03/2026", "17:00")),
        ("06/03/2026 15:00", at("09/03/2026", "17:00")),  # after 15:00: next working day (Monday)
        ("07/03/2026 09:00", at("09/03/2026", "17:00")),  # received on a Saturday
    ],
)
def test_same_day_procedures_follow_the_15h_rule(org, tmp_path, received, expected):
    assert due_for(org, tmp_path, received, 0) == expected


def test_public_holidays_are_skipped(org, tmp_path):
    # 30/04 and 01/05/2026 are holidays (Thursday, Friday): one day after 29/04 is Monday 04/05.
    assert due_for(org, tmp_path, "29/04/2026 10:00", 1) == at("04/05/2026", "17:00")


def test_a_holiday_on_sunday_gives_the_monday_off(org, tmp_path):
    # Hùng Kings' day falls on Sunday 26/04/2026: Monday 27/04 is the day off in lieu.
    assert due_for(org, tmp_path, "24/04/2026 10:00", 1) == at("28/04/2026", "17:00")


def test_the_2026_swap_working_saturday_and_monday_off(org, tmp_path):
    # The notice: work Saturday 22/08, off Monday 31/08 (kept in the database).
    calendar_day_set(actor=None, day=dt.date(2026, 8, 22), working=True, note="Làm bù")
    calendar_day_set(actor=None, day=dt.date(2026, 8, 31), working=False, note="Nghỉ bù")
    assert due_for(org, tmp_path, "21/08/2026 10:00", 1) == at("22/08/2026", "17:00")


def test_working_hours_limit(org, tmp_path):
    # 4 office hours from Friday 16:00: 1 h on Friday, then Monday 07:00–10:00.
    assert due_for(org, tmp_path, "06/03/2026 16:00", 4, LimitUnit.WORKING_HOURS) == at(
        "09/03/2026", "10:00"
    )


def test_calendar_days_roll_to_a_working_day(org, tmp_path):
    # 1 calendar day after Friday 06/03 is Saturday: rolls to Monday 09/03.
    assert due_for(org, tmp_path, "06/03/2026 10:00", 1, LimitUnit.CALENDAR_DAYS) == at(
        "09/03/2026", "17:00"
    )


def test_overrides_win_and_are_audited(org):
    calendar_day_set(
        actor=org.province_secretariat, day=dt.date(2026, 3, 5), working=False, note="Bão"
    )
    calendar = work_calendar()
    assert not calendar.is_working_day(dt.date(2026, 3, 5))
    assert calendar.holiday_name(dt.date(2026, 3, 5)) == "Bão"
    calendar_day_set(actor=org.province_secretariat, day=dt.date(2026, 3, 5), working=True)
    assert CalendarDay.objects.get().working
    from parindex.audit.models import AuditEntry

    assert AuditEntry.objects.filter(action="calendar.day_set").count() == 2


def test_staff_cannot_change_the_calendar(org):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        calendar_day_set(actor=org.staff_a, day=dt.date(2026, 3, 5), working=False)


def test_an_agency_secretariat_cannot_change_the_national_calendar(org):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        calendar_day_set(actor=org.secretariat, day=dt.date(2026, 3, 5), working=False)
    assert not CalendarDay.objects.exists()

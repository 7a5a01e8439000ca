"""The Vietnamese working-day calendar, checked against the 2026 calendar.

Runs without Django: ``python -m pytest -p no:django parindex/common/tests/test_workdays.py``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import holidays
import pytest

from parindex.common.workdays import (
    CALENDAR_DAYS,
    DEFAULT_DAY_OFF_NAME,
    TZ,
    WORKING_DAYS,
    WORKING_HOURS,
    DayOverride,
    WorkCalendar,
)

# docs/domain.md §2: the 2026 swap, as the database would hold it from the yearly notice.
SWAP_2026 = (
    DayOverride(date(2026, 8, 31), working=False, note="Nghỉ bù cho thứ Bảy 22/08/2026"),
    DayOverride(date(2026, 8, 22), working=True, note="Làm bù cho thứ Hai 31/08/2026"),
)


def at(year, month, day, hour=0, minute=0, second=0, microsecond=0):
    return datetime(year, month, day, hour, minute, second, microsecond, tzinfo=TZ)


def days(start, end):
    """Dates from start to end inclusive."""
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


@pytest.fixture(scope="module")
def cal():
    return WorkCalendar(SWAP_2026, years=[2026])


@pytest.fixture(scope="module")
def package_only():
    return WorkCalendar()


# --------------------------------------------------------------------------- the package data


def test_the_holidays_package_gives_vietnam_2026_exactly_these_days_off():
    assert sorted(holidays.country_holidays("VN", years=2026)) == [
        date(2026, 1, 1),  # Tết Dương lịch
        date(2026, 2, 16),  # Giao thừa (29 Tết)
        date(2026, 2, 17),  # Mùng một
        date(2026, 2, 18),  # Mùng hai
        date(2026, 2, 19),  # Mùng ba
        date(2026, 2, 20),  # Mùng bốn
        date(2026, 4, 26),  # Giỗ Tổ Hùng Vương (Sunday)
        date(2026, 4, 27),  # Giỗ Tổ Hùng Vương (nghỉ bù)
        date(2026, 4, 30),  # Ngày Chiến thắng
        date(2026, 5, 1),  # Quốc tế Lao động
        date(2026, 8, 31),  # Ngày nghỉ (thay cho ngày 22/08/2026)
        date(2026, 9, 1),  # Quốc khánh (adjacent day)
        date(2026, 9, 2),  # Quốc khánh
        date(2026, 11, 24),  # Ngày Văn hóa Việt Nam (new from 2026)
    ]


def test_holiday_names_are_vietnamese_by_default(package_only):
    assert package_only.holiday_name(date(2026, 1, 1)) == "Tết Dương lịch"
    assert package_only.holiday_name(date(2026, 2, 17)) == "Tết Nguyên Đán"
    assert package_only.holiday_name(date(2026, 4, 27)) == "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"


def test_holiday_names_can_be_english():
    assert WorkCalendar(language="en_US").holiday_name(date(2026, 9, 2)) == "National Day"


# --------------------------------------------------------------------------- 2026 days off


def test_new_year_2026_thursday_is_a_day_off_and_friday_is_worked(cal):
    assert not cal.is_working_day(date(2026, 1, 1))
    assert cal.is_working_day(date(2026, 1, 2))


def test_tet_2026_holidays_are_monday_16_to_friday_20_february(cal):
    assert [d for d in days(date(2026, 2, 9), date(2026, 2, 27)) if cal.holiday_name(d)] == days(
        date(2026, 2, 16), date(2026, 2, 20)
    )


def test_official_tet_2026_break_runs_from_saturday_14_to_sunday_22_february(cal):
    break_days = days(date(2026, 2, 14), date(2026, 2, 22))
    assert len(break_days) == 9
    assert not any(cal.is_working_day(d) for d in break_days)
    assert cal.is_working_day(date(2026, 2, 13))
    assert cal.is_working_day(date(2026, 2, 23))


def test_overrides_turn_a_notice_the_package_does_not_know_into_the_official_break():
    # A hypothetical notice: Monday 23/02 off as well, made up on Saturday 07/03.
    notice = [
        DayOverride(date(2026, 2, 23), working=False, note="Nghỉ Tết (hoán đổi)"),
        DayOverride(date(2026, 3, 7), working=True, note="Làm bù cho 23/02"),
    ]
    calendar = WorkCalendar(notice)
    non_working = [
        d for d in days(date(2026, 2, 12), date(2026, 2, 25)) if not calendar.is_working_day(d)
    ]
    assert non_working == days(date(2026, 2, 14), date(2026, 2, 23))
    assert calendar.holiday_name(date(2026, 2, 23)) == "Nghỉ Tết (hoán đổi)"
    assert calendar.is_working_day(date(2026, 3, 7))
    assert calendar.holiday_name(date(2026, 3, 7)) is None


def test_an_override_wins_over_a_package_holiday():
    calendar = WorkCalendar([DayOverride(date(2026, 11, 24), working=True)])
    assert calendar.is_working_day(date(2026, 11, 24))
    assert calendar.holiday_name(date(2026, 11, 24)) is None


def test_an_override_day_off_without_a_note_keeps_the_package_name_or_a_default():
    calendar = WorkCalendar(
        [
            DayOverride(date(2026, 2, 17), working=False),
            DayOverride(date(2026, 3, 4), working=False),
        ]
    )
    assert calendar.holiday_name(date(2026, 2, 17)) == "Tết Nguyên Đán"
    assert calendar.holiday_name(date(2026, 3, 4)) == DEFAULT_DAY_OFF_NAME


def test_hung_kings_day_2026_falls_on_sunday_so_monday_27_april_is_off(cal):
    assert cal.holiday_name(date(2026, 4, 26)) == "Ngày Giỗ Tổ Hùng Vương"
    assert not cal.is_working_day(date(2026, 4, 27))
    assert cal.is_working_day(date(2026, 4, 28))


def test_reunification_and_labour_day_2026_are_thursday_and_friday_then_a_plain_weekend(cal):
    assert not cal.is_working_day(date(2026, 4, 30))
    assert not cal.is_working_day(date(2026, 5, 1))
    assert cal.is_working_day(date(2026, 4, 29))
    assert cal.is_working_day(date(2026, 5, 4))
    assert cal.next_working_day(date(2026, 4, 29)) == date(2026, 5, 4)


def test_national_day_2026_is_tuesday_1_and_wednesday_2_september(cal):
    assert not cal.is_working_day(date(2026, 9, 1))
    assert not cal.is_working_day(date(2026, 9, 2))
    assert cal.is_working_day(date(2026, 9, 3))


def test_the_2026_swap_gives_monday_31_august_off_and_makes_saturday_22_august_a_working_day(cal):
    assert not cal.is_working_day(date(2026, 8, 31))
    assert cal.is_working_day(date(2026, 8, 22))
    assert not cal.is_working_day(date(2026, 8, 23))
    assert cal.holiday_name(date(2026, 8, 31)) == "Nghỉ bù cho thứ Bảy 22/08/2026"
    # Monday 31/08 to Wednesday 02/09 is one break of three working days.
    assert cal.next_working_day(date(2026, 8, 28)) == date(2026, 9, 3)


def test_the_package_already_knows_the_2026_swap_without_overrides(package_only):
    assert not package_only.is_working_day(date(2026, 8, 31))
    assert package_only.is_working_day(date(2026, 8, 22))


def test_a_working_saturday_declared_in_the_next_years_notice_is_honoured(package_only):
    # The 2015 notice: off Friday 02/01/2015, worked Saturday 27/12/2014.
    assert package_only.is_working_day(date(2014, 12, 27))
    assert not package_only.is_working_day(date(2015, 1, 2))


def test_saturdays_and_sundays_are_days_off_without_a_holiday_name(cal):
    assert not cal.is_working_day(date(2026, 3, 7))
    assert not cal.is_working_day(date(2026, 3, 8))
    assert cal.holiday_name(date(2026, 3, 7)) is None
    assert cal.is_working_day(date(2026, 3, 9))
    assert cal.holiday_name(date(2026, 3, 9)) is None


def test_an_aware_datetime_is_read_as_its_local_date(cal):
    # 17:30 UTC on Friday 06/03 is already 00:30 Saturday 07/03 in Vietnam.
    assert not cal.is_working_day(datetime(2026, 3, 6, 17, 30, tzinfo=UTC))


def test_next_working_day_is_strictly_after_and_jumps_tet(cal):
    assert cal.next_working_day(date(2026, 3, 9)) == date(2026, 3, 10)
    assert cal.next_working_day(date(2026, 3, 6)) == date(2026, 3, 9)
    assert cal.next_working_day(date(2026, 2, 13)) == date(2026, 2, 23)


def test_conflicting_overrides_for_one_day_are_refused():
    with pytest.raises(ValueError, match="conflicting"):
        WorkCalendar(
            [
                DayOverride(date(2026, 8, 22), working=True),
                DayOverride(date(2026, 8, 22), working=False),
            ]
        )


def test_an_override_day_must_be_a_date_not_a_datetime():
    with pytest.raises(TypeError):
        DayOverride(at(2026, 8, 22), working=True)


# --------------------------------------------------------------------------- working days


def test_three_working_days_from_a_thursday_are_due_tuesday_at_five_pm(cal):
    assert cal.add_working_days(at(2026, 3, 5, 10, 0), 3) == at(2026, 3, 10, 17, 0)


def test_working_days_count_across_tet(cal):
    # Thursday 12/02: day 1 is Friday 13/02, then Tết, day 2 Monday 23/02, day 3 Tuesday 24/02.
    assert cal.add_working_days(at(2026, 2, 12, 9, 0), 3) == at(2026, 2, 24, 17, 0)


def test_working_days_count_onto_the_working_saturday(cal):
    assert cal.add_working_days(at(2026, 8, 21, 10, 0), 1) == at(2026, 8, 22, 17, 0)


def test_a_dossier_received_on_saturday_counts_monday_as_day_one(cal):
    assert cal.add_working_days(at(2026, 3, 7, 9, 0), 1) == at(2026, 3, 9, 17, 0)


def test_the_hour_of_reception_does_not_matter_when_the_limit_is_in_days(cal):
    assert cal.add_working_days(at(2026, 3, 9, 7, 0), 1) == at(2026, 3, 10, 17, 0)
    assert cal.add_working_days(at(2026, 3, 9, 16, 59), 1) == at(2026, 3, 10, 17, 0)
    assert cal.add_working_days(at(2026, 3, 9, 22, 0), 1) == at(2026, 3, 10, 17, 0)


def test_same_day_procedure_received_at_14_59_is_due_at_five_pm_that_day(cal):
    assert cal.add_working_days(at(2026, 3, 9, 14, 59), 0) == at(2026, 3, 9, 17, 0)
    assert cal.add_working_days(at(2026, 3, 9, 14, 59, 59, 999999), 0) == at(2026, 3, 9, 17, 0)


def test_same_day_procedure_received_at_15_00_exactly_rolls_to_the_next_working_day(cal):
    assert cal.add_working_days(at(2026, 3, 9, 15, 0), 0) == at(2026, 3, 10, 17, 0)


def test_same_day_procedure_received_friday_after_15_00_is_due_monday(cal):
    assert cal.add_working_days(at(2026, 3, 6, 15, 30), 0) == at(2026, 3, 9, 17, 0)


def test_same_day_procedure_received_on_a_day_off_is_due_the_next_working_day(cal):
    assert cal.add_working_days(at(2026, 3, 7, 8, 0), 0) == at(2026, 3, 9, 17, 0)
    assert cal.add_working_days(at(2026, 2, 13, 15, 0), 0) == at(2026, 2, 23, 17, 0)


def test_the_15_00_cutoff_is_read_in_vietnam_time_whatever_the_input_zone(cal):
    assert cal.add_working_days(datetime(2026, 3, 9, 7, 59, tzinfo=UTC), 0) == at(2026, 3, 9, 17, 0)
    assert cal.add_working_days(datetime(2026, 3, 9, 8, 0, tzinfo=UTC), 0) == at(2026, 3, 10, 17, 0)


def test_results_are_in_vietnam_time(cal):
    due = cal.add_working_days(datetime(2026, 3, 9, 1, 0, tzinfo=UTC), 2)
    assert due.tzinfo == TZ
    assert due.utcoffset() == timedelta(hours=7)


def test_a_negative_or_fractional_number_of_days_is_refused(cal):
    with pytest.raises(ValueError):
        cal.add_working_days(at(2026, 3, 9, 9, 0), -1)
    with pytest.raises(ValueError, match="working_hours"):
        cal.due_at(at(2026, 3, 9, 9, 0), Decimal("0.5"), WORKING_DAYS)


# --------------------------------------------------------------------------- calendar days


def test_calendar_days_end_at_five_pm_on_the_nth_day(cal):
    assert cal.add_calendar_days(at(2026, 3, 4, 10, 0), 2) == at(2026, 3, 6, 17, 0)


def test_calendar_days_landing_on_a_weekend_roll_to_monday(cal):
    assert cal.add_calendar_days(at(2026, 3, 2, 10, 0), 5) == at(2026, 3, 9, 17, 0)


def test_calendar_days_landing_in_tet_roll_to_the_first_day_after_it(cal):
    assert cal.add_calendar_days(at(2026, 2, 10, 10, 0), 7) == at(2026, 2, 23, 17, 0)


def test_zero_calendar_days_follows_the_same_day_rule(cal):
    assert cal.add_calendar_days(at(2026, 3, 9, 14, 59), 0) == at(2026, 3, 9, 17, 0)
    assert cal.add_calendar_days(at(2026, 3, 9, 15, 0), 0) == at(2026, 3, 10, 17, 0)


# --------------------------------------------------------------------------- working hours


def test_working_hours_skip_the_lunch_break(cal):
    assert cal.add_working_hours(at(2026, 3, 9, 8, 0), 4) == at(2026, 3, 9, 14, 0)


def test_working_hours_that_end_with_the_morning_are_due_at_11_30(cal):
    assert cal.add_working_hours(at(2026, 3, 9, 7, 0), Decimal("4.5")) == at(2026, 3, 9, 11, 30)


def test_a_start_during_lunch_begins_at_13_30(cal):
    assert cal.add_working_hours(at(2026, 3, 9, 12, 0), 1) == at(2026, 3, 9, 14, 30)


def test_a_start_before_opening_begins_at_7_00(cal):
    assert cal.add_working_hours(at(2026, 3, 9, 6, 0), 1) == at(2026, 3, 9, 8, 0)


def test_working_hours_continue_overnight(cal):
    assert cal.add_working_hours(at(2026, 3, 10, 16, 0), 2) == at(2026, 3, 11, 8, 0)


def test_working_hours_skip_the_weekend(cal):
    assert cal.add_working_hours(at(2026, 3, 6, 16, 0), 2) == at(2026, 3, 9, 8, 0)
    assert cal.add_working_hours(at(2026, 3, 7, 10, 0), 1) == at(2026, 3, 9, 8, 0)


def test_working_hours_skip_tet(cal):
    assert cal.add_working_hours(at(2026, 2, 13, 16, 0), 2) == at(2026, 2, 23, 8, 0)


def test_working_hours_use_the_working_saturday(cal):
    assert cal.add_working_hours(at(2026, 8, 21, 16, 0), 2) == at(2026, 8, 22, 8, 0)


def test_eight_working_hours_are_one_office_day(cal):
    assert cal.add_working_hours(at(2026, 3, 9, 7, 0), 8) == at(2026, 3, 9, 17, 0)
    assert cal.add_working_hours(at(2026, 3, 9, 17, 0), 8) == at(2026, 3, 10, 17, 0)


def test_fractional_working_hours_are_exact(cal):
    assert cal.add_working_hours(at(2026, 3, 9, 8, 0), Decimal("0.25")) == at(2026, 3, 9, 8, 15)
    assert cal.add_working_hours(at(2026, 3, 9, 11, 0), 1.5) == at(2026, 3, 9, 14, 30)


def test_zero_working_hours_is_the_moment_of_reception(cal):
    assert cal.add_working_hours(at(2026, 3, 7, 10, 0), 0) == at(2026, 3, 7, 10, 0)


def test_negative_working_hours_are_refused(cal):
    with pytest.raises(ValueError):
        cal.add_working_hours(at(2026, 3, 9, 8, 0), -1)


# --------------------------------------------------------------------------- between


def test_working_days_between_counts_the_end_but_not_the_start(cal):
    assert cal.working_days_between(date(2026, 3, 9), date(2026, 3, 13)) == 4
    assert cal.working_days_between(date(2026, 3, 9), date(2026, 3, 9)) == 0


def test_working_days_between_is_negative_when_the_end_is_earlier(cal):
    assert cal.working_days_between(date(2026, 3, 13), date(2026, 3, 9)) == -4
    # Due on Friday, looked at on Monday: one working day late.
    assert cal.working_days_between(date(2026, 3, 9), date(2026, 3, 6)) == -1


def test_working_days_between_skips_weekends_and_tet(cal):
    assert cal.working_days_between(date(2026, 3, 6), date(2026, 3, 9)) == 1
    assert cal.working_days_between(date(2026, 3, 7), date(2026, 3, 9)) == 1
    assert cal.working_days_between(date(2026, 2, 13), date(2026, 2, 23)) == 1


def test_working_days_between_accepts_aware_datetimes(cal):
    due = cal.add_working_days(at(2026, 3, 5, 10, 0), 3)
    assert cal.working_days_between(at(2026, 3, 5, 10, 0), due) == 3


# --------------------------------------------------------------------------- due_at


def test_due_at_dispatches_on_the_unit(cal):
    received = at(2026, 3, 5, 10, 0)
    assert cal.due_at(received, 3, WORKING_DAYS) == at(2026, 3, 10, 17, 0)
    assert cal.due_at(received, Decimal("3"), WORKING_DAYS) == at(2026, 3, 10, 17, 0)
    assert cal.due_at(received, 3, CALENDAR_DAYS) == at(2026, 3, 9, 17, 0)
    assert cal.due_at(received, Decimal("2"), WORKING_HOURS) == at(2026, 3, 5, 14, 0)
    assert cal.due_at(received, 0, WORKING_DAYS) == at(2026, 3, 5, 17, 0)


def test_due_at_refuses_an_unknown_unit(cal):
    with pytest.raises(ValueError, match="unit"):
        cal.due_at(at(2026, 3, 5, 10, 0), 3, "months")


@pytest.mark.parametrize(
    "call",
    [
        lambda c, m: c.add_working_days(m, 1),
        lambda c, m: c.add_calendar_days(m, 1),
        lambda c, m: c.add_working_hours(m, 1),
        lambda c, m: c.due_at(m, 1, WORKING_DAYS),
        lambda c, m: c.is_working_day(m),
        lambda c, m: c.working_days_between(m, date(2026, 3, 9)),
    ],
)
def test_naive_datetimes_are_refused(cal, call):
    with pytest.raises(ValueError, match="naive"):
        call(cal, datetime(2026, 3, 9, 9, 0))  # noqa: DTZ001

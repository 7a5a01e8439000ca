"""Cell value parsers (``tabular.values``): numbers, dates, yes/no, choices, text."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import translation

from parindex.common.tabular import (
    Column,
    match_choice,
    parse_bool,
    parse_date,
    parse_datetime,
    parse_decimal,
    parse_text,
    parse_whole,
)
from parindex.common.tests.tabular.helpers import HCM, read_all, wall_clock, write_xlsx

# -- numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("12,5", "12.5"),
        ("12.5", "12.5"),
        ("1.234,5", "1234.5"),
        ("1,234.5", "1234.5"),
        ("2,75", "2.75"),
        ("2.75", "2.75"),
        ("1.234.567", "1234567"),
        ("1.234.567,25", "1234567.25"),
        ("10", "10"),
        ("-0,5", "-0.5"),
        (" 7 ", "7"),
        ("1 234,5", "1234.5"),
        (2.75, "2.75"),
        (0.1 + 0.2, "0.3"),
        (3, "3"),
        (Decimal("1.5"), "1.5"),
    ],
)
def test_decimal_columns_read_vietnamese_and_english_forms(written, expected):
    assert parse_decimal(written) == Decimal(expected)


def test_decimal_from_a_float_cell_is_exact():
    assert str(parse_decimal(2.75)) == "2.75"


@pytest.mark.parametrize(
    "written",
    [
        "",
        "abc",
        "1,2,3",
        "1.23,4",
        "1,234.5.6",
        "12 5",
        "5.",
        "NaN",
        "inf",
        float("nan"),
        float("inf"),
        Decimal("NaN"),
        True,
        None,
        "1e5",
    ],
)
def test_decimal_columns_refuse_what_is_not_a_number(written):
    with translation.override("en"), pytest.raises(ValueError, match="number"):
        parse_decimal(written)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("150.000", 150000),
        ("150,000", 150000),
        ("1,234", 1234),
        ("1.234.567", 1234567),
        ("1.234,00", 1234),
        ("1,234.00", 1234),
        ("3.0", 3),
        ("0", 0),
        ("25", 25),
        ("150.000 đ", 150000),
        ("150.000đồng", 150000),
        ("50.000 VNĐ", 50000),
        (3.0, 3),
        (150000, 150000),
        (Decimal("12.000"), 12),
    ],
)
def test_whole_number_columns_read_a_lone_separator_as_thousands(written, expected):
    assert parse_whole(written) == expected


@pytest.mark.parametrize(
    "written", ["1.5", "12,5", "1.234,50", 1.5, Decimal("2.5"), "abc", "", True, None, float("nan")]
)
def test_whole_number_columns_refuse_fractions_and_garbage(written):
    with translation.override("en"), pytest.raises(ValueError, match="not a whole number"):
        parse_whole(written)


# -- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("05/03/2026", datetime(2026, 3, 5, tzinfo=HCM)),
        ("5/3/2026", datetime(2026, 3, 5, tzinfo=HCM)),
        ("05/03/2026 08:30", datetime(2026, 3, 5, 8, 30, tzinfo=HCM)),
        ("05/03/2026 8:30:15", datetime(2026, 3, 5, 8, 30, 15, tzinfo=HCM)),
        ("05-03-2026", datetime(2026, 3, 5, tzinfo=HCM)),
        ("05-03-2026 17:00", datetime(2026, 3, 5, 17, tzinfo=HCM)),
        ("05.03.2026", datetime(2026, 3, 5, tzinfo=HCM)),
        ("08:30 05/03/2026", datetime(2026, 3, 5, 8, 30, tzinfo=HCM)),
        ("2026-03-05", datetime(2026, 3, 5, tzinfo=HCM)),
        ("2026-03-05T08:30", datetime(2026, 3, 5, 8, 30, tzinfo=HCM)),
        ("2026-03-05 08:30:00", datetime(2026, 3, 5, 8, 30, tzinfo=HCM)),
        ("2026-03-05T08:30:00.250", datetime(2026, 3, 5, 8, 30, 0, 250000, tzinfo=HCM)),
        ("2026-03-05T01:30:00Z", datetime(2026, 3, 5, 8, 30, tzinfo=HCM)),
        ("2026-03-05T08:30:00+07:00", datetime(2026, 3, 5, 8, 30, tzinfo=HCM)),
        ("2026-03-04T20:30:00-05:00", datetime(2026, 3, 5, 8, 30, tzinfo=HCM)),
    ],
)
def test_dates_read_in_every_written_form_as_local_time(written, expected):
    parsed = parse_datetime(written)
    assert parsed == expected
    assert parsed.utcoffset() == timedelta(hours=7)


def test_a_date_without_time_is_midnight_but_a_due_date_ends_at_235959():
    assert parse_datetime("05/03/2026").time() == time(0)
    assert parse_datetime("05/03/2026", due=True) == datetime(2026, 3, 5, 23, 59, 59, tzinfo=HCM)
    assert parse_datetime("2026-03-05", due=True).time() == time(23, 59, 59)


def test_a_due_date_with_a_written_time_keeps_it():
    assert parse_datetime("05/03/2026 17:00", due=True).time() == time(17)
    assert parse_datetime("05/03/2026 00:00", due=True).time() == time(0)


def test_real_excel_date_cells_are_read(tmp_path):
    columns = [
        Column("code", "Mã", required=True),
        Column("received", "Ngày tiếp nhận"),
        Column("due", "Ngày hẹn trả"),
    ]
    path = write_xlsx(
        tmp_path / "d.xlsx",
        [
            ["Mã", "Ngày tiếp nhận", "Ngày hẹn trả"],
            ["HS1", wall_clock(2026, 3, 5, 8, 30), date(2026, 3, 12)],
        ],
    )
    _, [(_, values)] = read_all(path, columns)
    assert isinstance(values["received"], datetime)
    assert parse_datetime(values["received"]) == datetime(2026, 3, 5, 8, 30, tzinfo=HCM)
    # A date-only Excel cell is a date without a time: a due date ends that day.
    assert parse_datetime(values["due"], due=True) == datetime(2026, 3, 12, 23, 59, 59, tzinfo=HCM)
    assert parse_datetime(values["due"]) == datetime(2026, 3, 12, tzinfo=HCM)
    assert parse_date(values["received"]) == date(2026, 3, 5)


def test_excel_serial_numbers_are_dates_in_numeric_cells(tmp_path):
    columns = [Column("code", "Mã", required=True), Column("received", "Ngày")]
    path = write_xlsx(tmp_path / "d.xlsx", [["Mã", "Ngày"], ["HS1", 46000.5], ["HS2", 46000]])
    _, rows = read_all(path, columns)
    assert parse_datetime(rows[0][1]["received"]) == datetime(2025, 12, 9, 12, tzinfo=HCM)
    assert parse_datetime(rows[1][1]["received"]) == datetime(2025, 12, 9, tzinfo=HCM)
    assert parse_datetime(rows[1][1]["received"], due=True).time() == time(23, 59, 59)
    assert parse_date(46000.75) == date(2025, 12, 9)


def test_excel_serial_time_of_day_is_rounded_to_the_second():
    eight_thirty = 46000 + (8 * 3600 + 30 * 60) / 86400
    assert parse_datetime(eight_thirty) == datetime(2025, 12, 9, 8, 30, tzinfo=HCM)


@pytest.mark.parametrize("written", ["46000", 5, True, 99999999])
def test_serial_numbers_in_text_or_out_of_range_are_not_dates(written):
    with translation.override("en"), pytest.raises(ValueError, match="not a date"):
        parse_datetime(written)


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("31/02/2026", "02/2026 has 28 days"),
        ("29/02/2025", "02/2025 has 28 days"),
        ("31/04/2026", "04/2026 has 30 days"),
        ("01/13/2026", "no month 13"),
        ("2026-02-30", "02/2026 has 28 days"),
    ],
)
def test_impossible_dates_are_refused_with_the_reason(written, reason):
    with translation.override("en"), pytest.raises(ValueError, match="impossible date") as caught:
        parse_datetime(written)
    assert reason in str(caught.value)


@pytest.mark.parametrize("written", ["05/03/2026 24:00", "05/03/2026 08:61"])
def test_impossible_times_are_refused(written):
    with translation.override("en"), pytest.raises(ValueError, match="impossible time"):
        parse_datetime(written)


@pytest.mark.parametrize(
    "written", ["hôm qua", "2026/13", "05/03/26", "03/05/2026 8:30 AM", "", None]
)
def test_unreadable_dates_are_refused(written):
    with translation.override("en"), pytest.raises(ValueError, match="date"):
        parse_datetime(written)


def test_naive_datetimes_are_taken_as_local_and_aware_ones_converted():
    assert parse_datetime(wall_clock(2026, 3, 5, 8, 30)) == datetime(2026, 3, 5, 8, 30, tzinfo=HCM)
    assert parse_datetime(datetime(2026, 3, 5, 1, 30, tzinfo=UTC)).hour == 8


def test_parse_date_reads_the_same_forms_and_drops_the_time():
    assert parse_date("05/03/2026") == date(2026, 3, 5)
    assert parse_date("5-3-2026 23:00") == date(2026, 3, 5)
    assert parse_date("2026-03-05") == date(2026, 3, 5)
    assert parse_date(date(2026, 3, 5)) == date(2026, 3, 5)
    # 20:00 UTC on the 4th is already the 5th in Vietnam.
    assert parse_date("2026-03-04T20:00:00Z") == date(2026, 3, 5)
    with translation.override("en"), pytest.raises(ValueError, match="impossible date"):
        parse_date("31/02/2026")


def test_another_time_zone_can_be_asked_for():
    moment = parse_datetime("05/03/2026 08:30", tz=UTC)
    assert moment == datetime(2026, 3, 5, 8, 30, tzinfo=UTC)


# -- other values ---------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["có", "Có", "co", "yes", "TRUE", "x", "1", 1, 1.0, True])
def test_yes_values(written):
    assert parse_bool(written) is True


@pytest.mark.parametrize("written", ["không", "KHONG", "no", "false", "0", "", None, 0, False])
def test_no_values(written):
    assert parse_bool(written) is False


def test_other_yes_no_values_are_refused():
    with pytest.raises(ValueError, match="có/không"):
        parse_bool("2")


CHANNELS = {"1": 1, "trực tiếp": 1, "2": 2, "trực tuyến": 2, "bưu chính công ích": 3, "BCCI": 3}


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Trực tuyến", 2),
        ("TRUC TUYEN", 2),
        ("tructuyen", 2),
        ("bcci", 3),
        (2, 2),
        (1.0, 1),
        ("Bưu chính công ích", 3),
    ],
)
def test_choices_match_regardless_of_case_accents_and_spaces(written, expected):
    assert match_choice(written, CHANNELS) == expected


def test_choices_accept_pre_normalized_keys():
    assert match_choice("Trực tuyến", {"tructuyen": 2}) == 2


def test_unknown_choice_lists_the_accepted_values():
    with (
        translation.override("en"),
        pytest.raises(ValueError, match="accepted: 1, trực tiếp, 2, trực tuyến") as caught,
    ):
        match_choice("fax", CHANNELS)
    assert "'fax'" in str(caught.value)


def test_empty_choice_matches_an_empty_key_when_there_is_one():
    assert match_choice(None, {"": "direct", "2": "online"}) == "direct"
    with translation.override("en"), pytest.raises(ValueError, match="required"):
        match_choice(None, {"2": "online"})


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("  1.2 ", "1.2"), (3.0, "3"), (1.25, "1.25"), (7, "7"), (None, None), ("  ", None)],
)
def test_cells_read_as_text_lose_excels_trailing_zero(cell, expected):
    assert parse_text(cell) == expected


# -- messages in Vietnamese ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parse", "written", "english", "vietnamese"),
    [
        (parse_decimal, "abc", "not a number: 'abc'", "không phải là số: 'abc'"),
        (parse_whole, "1,5", "not a whole number: '1,5'", "không phải là số nguyên: '1,5'"),
        (parse_datetime, None, "a date is required", "cần nhập ngày"),
        (
            parse_date,
            "hôm qua",
            "not a date: 'hôm qua' (expected dd/mm/yyyy, dd/mm/yyyy HH:MM[:SS] "
            "or yyyy-mm-dd[THH:MM[:SS]])",
            "không phải ngày hợp lệ: 'hôm qua' (cần ghi theo dạng dd/mm/yyyy, "
            "dd/mm/yyyy HH:MM[:SS] hoặc yyyy-mm-dd[THH:MM[:SS]])",
        ),
        (
            parse_date,
            "31/02/2026",
            "impossible date: '31/02/2026' (02/2026 has 28 days)",
            "ngày không tồn tại: '31/02/2026' (tháng 02/2026 chỉ có 28 ngày)",
        ),
        (
            parse_bool,
            "2",
            "expected yes or no (có/không, 1/0), not '2'",
            "giá trị '2' không hợp lệ: cần ghi có hoặc không (có/không, 1/0)",
        ),
    ],
)
def test_parser_messages_are_translated_when_raised(parse, written, english, vietnamese):
    with translation.override("en"), pytest.raises(ValueError) as caught:
        parse(written)
    assert str(caught.value) == english
    with translation.override("vi"), pytest.raises(ValueError) as caught:
        parse(written)
    assert str(caught.value) == vietnamese


def test_an_unknown_choice_is_explained_in_vietnamese():
    with translation.override("vi"), pytest.raises(ValueError) as caught:
        match_choice("fax", {"trực tiếp": 1, "trực tuyến": 2})
    assert str(caught.value) == (
        "giá trị 'fax' không hợp lệ; các giá trị hợp lệ: trực tiếp, trực tuyến"
    )

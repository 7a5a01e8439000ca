import datetime as dt
from decimal import Decimal

import pytest

from parindex.common.errors import DomainError
from parindex.common.numbers import vn_number, vn_percent
from parindex.reports import periods
from parindex.reports.formatting import document_date, month_text


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234.5, None, "1.234,5"),
        (Decimal("1234.5"), 1, "1.234,5"),
        (1234567, 0, "1.234.567"),
        (Decimal("90.25"), None, "90,25"),
        (Decimal("10.00"), None, "10"),
        (Decimal("2.755"), 2, "2,76"),
        (0, 2, "0,00"),
        (-1234.5, 1, "-1.234,5"),
        (None, 2, "-"),
        ("12.5", None, "12,5"),
    ],
)
def test_numbers_are_written_the_vietnamese_way(value, decimals, expected):
    assert vn_number(value, decimals) == expected


def test_percentages_take_a_comma_and_a_space_before_the_sign():
    assert vn_percent(0.385) == "38,5 %"
    assert vn_percent(Decimal("0.5")) == "50,0 %"
    assert vn_percent(1) == "100,0 %"
    assert vn_percent(0.95833, 2) == "95,83 %"
    assert vn_percent(None) == "-"


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (dt.date(2026, 2, 5), "Quảng Ngãi, ngày 05 tháng 02 năm 2026"),
        (dt.date(2026, 1, 9), "Quảng Ngãi, ngày 09 tháng 01 năm 2026"),
        (dt.date(2026, 3, 1), "Quảng Ngãi, ngày 01 tháng 3 năm 2026"),
        (dt.date(2026, 3, 15), "Quảng Ngãi, ngày 15 tháng 3 năm 2026"),
        (dt.date(2026, 9, 10), "Quảng Ngãi, ngày 10 tháng 9 năm 2026"),
        (dt.date(2026, 12, 31), "Quảng Ngãi, ngày 31 tháng 12 năm 2026"),
        (dt.date(2026, 11, 2), "Quảng Ngãi, ngày 02 tháng 11 năm 2026"),
    ],
)
def test_document_date_has_leading_zeros_for_days_below_10_and_months_1_and_2(date, expected):
    assert document_date("Quảng Ngãi", date) == expected


def test_only_january_and_february_take_a_leading_zero():
    assert [month_text(m) for m in range(1, 13)] == [
        "01",
        "02",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "9",
        "10",
        "11",
        "12",
    ]


def test_a_draft_leaves_day_and_month_blank():
    assert document_date("Quảng Ngãi", None, 2026) == "Quảng Ngãi, ngày      tháng      năm 2026"


@pytest.mark.parametrize(
    ("key", "start", "end", "label"),
    [
        ("2026", "2026-01-01", "2026-12-31", "năm 2026"),
        ("2026-H1", "2026-01-01", "2026-06-30", "6 tháng đầu năm 2026"),
        ("2026-H2", "2026-07-01", "2026-12-31", "6 tháng cuối năm 2026"),
        ("2026-Q1", "2026-01-01", "2026-03-31", "quý I năm 2026"),
        ("2026-Q4", "2026-10-01", "2026-12-31", "quý IV năm 2026"),
        ("2026-02", "2026-02-01", "2026-02-28", "tháng 2 năm 2026"),
        (
            "2026-01-05..2026-01-20",
            "2026-01-05",
            "2026-01-20",
            "từ ngày 05/01/2026 đến ngày 20/01/2026",
        ),
    ],
)
def test_periods_parse_from_their_keys(key, start, end, label):
    period = periods.parse(key)
    assert period.start.isoformat() == start
    assert period.end.isoformat() == end
    assert period.label == label
    assert period.key == key


@pytest.mark.parametrize(
    "key", ["26", "2026-Q5", "2026-13", "2026-H3", "x", "2026-03-10..2026-03-01"]
)
def test_bad_periods_are_refused(key):
    with pytest.raises(DomainError):
        periods.parse(key)


def test_previous_period_crosses_the_year():
    assert periods.parse("2026-01").previous().key == "2025-12"
    assert periods.parse("2026-Q1").previous().key == "2025-Q4"


def test_the_issuing_body_drops_the_province_its_parent_already_names():
    from parindex.reports.content import Letterhead

    head = Letterhead(
        parent_body="UBND TỈNH QUẢNG NGÃI",
        agency_name="Sở Khoa học và Công nghệ tỉnh Quảng Ngãi",
        document_code="SKHCN",
        place="Quảng Ngãi",
        type_code="BC",
        doc_name="BÁO CÁO",
        summary="",
        year=2026,
    )
    assert head.header_agency_name == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    head.parent_body = ""
    assert head.header_agency_name == "SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH QUẢNG NGÃI"

"""One formatter for documents (always Vietnamese), one for screens (the reader's language)."""

from decimal import Decimal

from django.utils import translation

from parindex.common.numbers import screen_number, screen_percent, vn_number, vn_percent


def test_documents_write_numbers_the_vietnamese_way_whatever_the_language():
    with translation.override("en"):
        assert vn_number(Decimal("1234.5")) == "1.234,5"
        assert vn_percent(0.385) == "38,5 %"
    assert vn_number(None) == "-"
    assert vn_number(None, missing="—") == "—"
    assert vn_number(Decimal("10.00")) == "10"


def test_screens_follow_the_readers_language():
    with translation.override("vi"):
        assert screen_number(Decimal("1234.5")) == "1.234,5"
        assert screen_percent(0.385) == "38,5 %"
    with translation.override("en"):
        assert screen_number(Decimal("1234.5")) == "1,234.5"
        assert screen_percent(0.385) == "38.5 %"
    assert screen_number(None) == "—"


def test_an_english_reader_sees_no_vietnamese_decimal_comma_in_the_figure_filter():
    from parindex.metrics.templatetags.metrics_tags import vnum

    with translation.override("en"):
        assert vnum(Decimal("38.50")) == "38.5"
    with translation.override("vi"):
        assert vnum(Decimal("38.50")) == "38,5"

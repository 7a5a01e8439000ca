"""The dossier import's fast paths give what the general parsers give (docs/formats.md §5)."""

import datetime as dt
from decimal import Decimal

import pytest

from parindex.common import tabular
from parindex.common.workdays import TZ
from parindex.dossiers.choices import Channel
from parindex.dossiers.models import Dossier
from parindex.dossiers.services import import_dossiers
from parindex.dossiers.services.dossier_rows import (
    CHANNELS,
    PAYMENTS,
    _fast_datetime,
    _remembered,
)
from parindex.dossiers.services.dossiers import DossierImporter
from parindex.dossiers.tests.helpers import DOSSIER_HEADER, at, make_procedure, write_csv

DATE_CELLS = [
    "05/03/2026 08:31:17",
    "05/03/2026 08:31",
    "05/03/2026 00:00:00",  # midnight written out
    "05/03/2026 00:00",
    "05/03/2026 23:59:59",
    "05/03/2026",  # no time: 00:00, or 23:59:59 for a due date
    "01/01/2026 07:05:09",  # leading zeros everywhere
    "29/02/2024 12:00:00",
    "31/12/9999 23:59:59",
    "5/3/2026",
    "5/3/2026 8:05",
    "05-03-2026 08:30",
    "05.03.2026",
    "2026-03-05",
    "2026-03-05T08:30:00Z",
    "2026-03-05T08:30:00+07:00",
    "05/03/2026 08:30:00.5",
    "08:30 05/03/2026",
    "05/03/2026  08:30",
    " 05/03/2026 ",
    "٠٥/٠٣/٢٠٢٦",  # Arabic-Indic digits: the general parser's business
    46000,  # Excel serials
    46000.5,
    Decimal("46000.25"),
    dt.datetime(2026, 3, 5),  # noqa: DTZ001 - Excel cells are naive
    dt.datetime(2026, 3, 5, 8, 30),  # noqa: DTZ001
    dt.date(2026, 3, 5),
    dt.datetime(2026, 3, 5, 1, 30, tzinfo=dt.UTC),
]

BAD_CELLS = [
    "05/03/2026 24:00:00",
    "05/03/2026 24:00",
    "05/03/2026 12:60",
    "05/03/2026 12:30:60",
    "31/02/2026",
    "29/02/2025 08:00:00",
    "00/03/2026",
    "05/13/2026",
    "01/01/0000",
    "+5/03/2026",  # int() would take these, the contract does not
    "05/03/2_26",
    "05/03/2026 +8:00",
    "05/03/2026 08:3",
    "hôm qua",
    "",
    None,
    True,
]


def _outcome(parse, value, due):
    try:
        return parse(value, due)
    except ValueError as exc:
        return f"error: {exc}"


@pytest.mark.parametrize("due", [False, True])
@pytest.mark.parametrize("value", DATE_CELLS + BAD_CELLS, ids=repr)
def test_fast_dates_agree_with_the_general_parser(value, due):
    def general(cell, due):
        return tabular.parse_datetime(cell, due=due)

    fast = _outcome(_fast_datetime, value, due)
    assert fast == _outcome(general, value, due)
    if isinstance(fast, dt.datetime):
        assert fast.tzinfo is TZ or value.__class__ is dt.datetime


@pytest.mark.parametrize("value", BAD_CELLS[:-3], ids=repr)
def test_impossible_dates_in_the_usual_form_are_refused_with_the_general_message(value):
    with pytest.raises(ValueError) as fast:
        _fast_datetime(value, False)
    with pytest.raises(ValueError) as general:
        tabular.parse_datetime(value)
    assert str(fast.value) == str(general.value)


def test_a_due_date_without_time_is_the_end_of_that_day_also_when_cached():
    first = _fast_datetime("10/03/2026", True)
    assert first == dt.datetime(2026, 3, 10, 23, 59, 59, tzinfo=TZ)
    assert _fast_datetime("10/03/2026", False) == dt.datetime(2026, 3, 10, tzinfo=TZ)
    assert _fast_datetime("10/03/2026", True) is first


def test_remembered_choices_keep_numbers_and_booleans_apart():
    cache: dict = {}
    assert _remembered(cache, "2", CHANNELS) == Channel.ONLINE
    assert _remembered(cache, 2, CHANNELS) == Channel.ONLINE
    assert _remembered(cache, None, CHANNELS) == Channel.DIRECT
    assert _remembered(cache, "Trực tuyến", CHANNELS) == Channel.ONLINE
    assert set(cache) == {"2", None, "Trực tuyến"}
    payments: dict = {}
    assert _remembered(payments, "1", PAYMENTS) == 1
    # True == 1 as a dict key, yet a boolean cell is no payment code.
    with pytest.raises(ValueError, match="unknown value 'True'"):
        _remembered(payments, True, PAYMENTS)
    with pytest.raises(ValueError, match="unknown value 'fax'"):
        _remembered(cache, "fax", CHANNELS)
    assert "fax" not in cache


def test_each_row_reports_its_own_unit_and_procedure_problems(org, tmp_path):
    make_procedure(org.agency, "1.001", unit=org.unit_a, limit=5)
    rows = [
        DOSSIER_HEADER,
        ["A", "1.001", "QLCN", "", "02/03/2026 08:00", "10/03/2026", "", "", "4", "0"],
        ["B", "1.001", "NOPE", "", "02/03/2026 08:00", "10/03/2026", "", "", "4", "0"],
        ["C", "1.001", "NOPE", "", "02/03/2026 08:00", "10/03/2026", "", "", "4", "0"],
        ["D", "9.999", "QLCN", "", "02/03/2026 08:00", "10/03/2026", "", "", "4", "0"],
        ["E", "1.001", "", "fax", "02/03/2026 08:00", "01/03/2026", "", "", "4", "0"],
        ["F", "1.001", "QLCN", "fax", "02/03/2026 08:00", "10/03/2026", "", "", "4", "0"],
    ]
    with pytest.raises(tabular.ImportRefused) as refused:
        import_dossiers(write_csv(tmp_path / "d.csv", rows), agency_code="SKHCN")
    unknown_unit = "unknown unit NOPE (give its code or exact name)"
    unknown_channel = (
        "unknown value 'fax'; accepted: 1, tructiep, direct, 2, tructuyen, online, 3, "
        "buuchinh, buuchinhcongich, bcci, postal"
    )
    assert [(e.row, e.column, e.message) for e in refused.value.errors] == [
        (3, "Đơn vị", unknown_unit),
        (4, "Đơn vị", unknown_unit),
        (
            5,
            "Mã TTHC",
            "unknown procedure 9.999 (import the catalogue first, or use --create-procedures)",
        ),
        (6, "Kênh", unknown_channel),
        (6, "Ngày hẹn trả", "the due date is before the reception"),
        (7, "Kênh", unknown_channel),
    ]


def test_unit_spellings_and_shared_dates_are_stored_as_written(org, tmp_path):
    make_procedure(org.agency, "1.001", unit=org.unit_a, limit=5)
    rows = [
        DOSSIER_HEADER,
        ["A", "1.001", "TDC", "2", "02/03/2026 08:00", "10/03/2026", "", "", "", ""],
        [
            "B",
            "1.001",
            "tdc",
            "2",
            "02/03/2026 09:00",
            "10/03/2026",
            "05/03/2026 10:00",
            "",
            "",
            "",
        ],
        # Withdrawn without an end date: the result date is the end (docs/formats.md §5).
        ["C", "1.001", "", "", "02/03/2026 23:30:00", "10/03/2026", "", "06/03/2026", "7", "3"],
        [
            "D",
            "1.001",
            "Phòng Tiêu chuẩn Đo lường Chất lượng",
            "",
            "01/03/2026",
            "",
            "",
            "",
            "",
            "",
        ],
    ]
    result = import_dossiers(write_csv(tmp_path / "d.csv", rows), agency_code="SKHCN")
    assert result.created == 4
    got = {d.code: d for d in Dossier.objects.all()}
    assert [got[c].unit for c in "ABCD"] == [org.unit_b, org.unit_b, org.unit_a, org.unit_b]
    due = dt.datetime(2026, 3, 10, 23, 59, 59, tzinfo=TZ)
    assert [got[c].due_at for c in "ABC"] == [due, due, due]
    assert (got["B"].finished_at, got["B"].ended_at) == (at("05/03/2026", "10:00"),) * 2
    assert got["B"].ended_on == dt.date(2026, 3, 5)
    assert (got["C"].returned_at, got["C"].ended_at) == (dt.datetime(2026, 3, 6, tzinfo=TZ),) * 2
    # 23:30 local is 16:30 UTC the same day; the local date is what the figures filter on.
    assert got["C"].received_at == dt.datetime(2026, 3, 2, 23, 30, tzinfo=TZ)
    assert got["C"].received_on == dt.date(2026, 3, 2)
    assert got["D"].received_at == dt.datetime(2026, 3, 1, tzinfo=TZ)
    assert got["D"].due_on > dt.date(2026, 3, 1)  # computed from the limit


def test_parse_is_the_same_whether_or_not_the_lookups_are_remembered(org):
    make_procedure(org.agency, "1.001", unit=org.unit_a, limit=5)
    values = {
        "code": "A",
        "procedure": "1.001",
        "unit": "tdc",
        "channel": "trực tuyến",
        "received_at": "02/03/2026 08:00:00",
        "due_at": "10/03/2026",
        "status": "9",
        "finished_at": "04/03/2026 16:00:00",
        "supplement_count": "1",
        "online_payment": "có",
    }
    importer = DossierImporter(org.agency)
    first, problems = importer.reader.parse(dict(values))
    again, problems_again = importer.reader.parse(dict(values))
    assert problems == problems_again == []
    assert first == again
    assert (first["unit_id"], first["channel"], first["online_payment"]) == (
        org.unit_b.pk,
        Channel.ONLINE,
        1,
    )

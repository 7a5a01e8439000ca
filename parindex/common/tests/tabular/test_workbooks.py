"""Every workbook kind the contract lists (.xlsx, .xls, .ods; .xlsb as far as it can be made
here) is read the same way: header under title rows, aliases, Excel's row numbers, cell types.

The .xls and .ods files are made from a generated .xlsx by LibreOffice (``soffice
--convert-to``), so the tests need no binary fixture; they are skipped where LibreOffice Calc
is not installed. LibreOffice cannot write .xlsb: that kind is covered by its routing and its
refusal of a damaged file (test_reading.py).
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

from parindex.common.tabular import Column, TableError, open_table
from parindex.common.tests.tabular.helpers import UNITS, wall_clock, write_xlsx

SOFFICE = shutil.which("soffice")


def convert(xlsx: Path, kind: str) -> Path:
    """The same workbook saved by LibreOffice as ``kind`` (xls or ods), beside it."""
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed")
    profile = xlsx.parent / "lo-profile"
    result = subprocess.run(  # noqa: S603 - a fixed program on files of the test's own
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            kind,
            "--outdir",
            str(xlsx.parent),
            str(xlsx),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    target = xlsx.with_suffix(f".{kind}")
    if not target.is_file():
        if b"no export filter" in result.stdout + result.stderr or b"could not be loaded" in (
            result.stdout + result.stderr
        ):
            pytest.skip("LibreOffice Calc is not installed (only its other parts are)")
        raise AssertionError(result.stdout + result.stderr)
    return target


ROWS = [
    ["DANH SÁCH HỒ SƠ"],
    [None],
    ["Mã", "Ngày tiếp nhận", "Phí", "Điểm", "Trực tuyến", "Ghi chú lạ"],
    ["HS1", wall_clock(2026, 3, 5, 8, 30), 150000, 2.75, True, "x"],
    [None, None, None, None, None, None],
    ["  HS2 ", wall_clock(2026, 3, 6), 0, 1, False, None],
]
COLUMNS = [
    Column("code", "Mã hồ sơ", ("Mã",), required=True),
    Column("when", "Ngày tiếp nhận", ("NgayTiepNhan",)),
    Column("fee", "Lệ phí", ("Phí",)),
    Column("points", "Điểm"),
    Column("online", "Trực tuyến"),
]
EXPECTED = [
    (4, {"code": "HS1", "when": wall_clock(2026, 3, 5, 8, 30), "fee": 150000, "points": 2.75}),
    (6, {"code": "HS2", "when": wall_clock(2026, 3, 6), "fee": 0, "points": 1}),
]


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory):
    """One generated .xlsx and its .xls and .ods copies (LibreOffice runs once per kind)."""
    folder = tmp_path_factory.mktemp("workbooks")
    xlsx = write_xlsx(folder / "hoso.xlsx", ROWS, extra={"Năm 2025": [["Mã"], ["OLD"]]})
    made = {"xlsx": xlsx}
    for kind in ("xls", "ods"):
        try:
            made[kind] = convert(xlsx, kind)
        except pytest.skip.Exception as skipped:
            made[kind] = skipped
    return made


def _file(workbooks, kind):
    found = workbooks[kind]
    if isinstance(found, BaseException):
        pytest.skip(str(found))
    return found


@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods"])
def test_a_workbook_of_each_kind_reads_the_same(workbooks, kind):
    with open_table(_file(workbooks, kind), COLUMNS) as table:
        rows = [(n, {k: v for k, v in values.items() if k != "online"}) for n, values in table]
        assert table.kind == kind
        assert table.header_row == 3  # two title rows above it, as Excel numbers them
        assert table.columns["fee"] == "Phí"  # the alias
        assert any("Ghi chú lạ" in w for w in table.warnings)
    assert rows == EXPECTED
    assert all(isinstance(values["fee"], int) for _n, values in rows)


@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods"])
def test_booleans_read_as_something_parse_bool_takes(workbooks, kind):
    from parindex.common.tabular import parse_bool

    with open_table(_file(workbooks, kind), COLUMNS) as table:
        assert [parse_bool(values["online"]) for _n, values in table] == [True, False]


@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods"])
def test_a_named_sheet_of_each_kind_is_found_without_accents(workbooks, kind):
    with open_table(_file(workbooks, kind), COLUMNS, sheet="nam 2025") as table:
        assert table.sheet == "Năm 2025"
        assert list(table) == [(2, {"code": "OLD"})]


@pytest.mark.parametrize("kind", ["xls", "ods"])
def test_an_upload_without_a_name_is_recognised_by_its_content(workbooks, kind):
    data = io.BytesIO(_file(workbooks, kind).read_bytes())
    with open_table(data, COLUMNS) as table:
        assert [n for n, _values in table] == [4, 6]


@pytest.mark.parametrize("kind", ["xls", "ods"])
def test_missing_required_column_names_the_closest_row(tmp_path, kind):
    xlsx = write_xlsx(tmp_path / "u.xlsx", [["Tiêu đề"], ["Tên đơn vị", "Loại"], ["A", "B"]])
    path = convert(xlsx, kind)
    with translation.override("en"), pytest.raises(TableError, match="row 2 comes closest"):
        open_table(path, UNITS)


def test_a_dossier_file_in_xls_imports_with_row_numbered_errors(org, tmp_path):
    from parindex.common.tabular import ImportRefused
    from parindex.dossiers.services import import_dossiers
    from parindex.dossiers.tests.helpers import DOSSIER_HEADER, make_procedure

    make_procedure(org.agency, "1.001", unit=org.unit_a)
    rows = [
        DOSSIER_HEADER,
        ["H1", "1.001", "", 2, "02/03/2026 08:00", "05/03/2026", "", "", 4, 0],
        ["H2", "1.001", "", 1, wall_clock(2026, 3, 2, 9), wall_clock(2026, 3, 1), "", "", 4, 0],
    ]
    xls = convert(write_xlsx(tmp_path / "hoso.xlsx", rows), "xls")
    with pytest.raises(ImportRefused) as refused:
        import_dossiers(xls, agency_code="SKHCN")
    assert [(e.row, e.column) for e in refused.value.errors] == [(3, "Ngày hẹn trả")]
    result = import_dossiers(xls, agency_code="SKHCN", skip_invalid=True)
    assert (result.created, result.rejected) == (1, 1)
    assert Path(result.rejected_file).is_file()

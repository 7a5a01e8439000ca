"""Import caps (issue 12, item 7): size, rows, cell length, and a workbook's unpacked size,
checked before the file is parsed, refused with a clear message."""

import csv
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from parindex.common.tabular import Column, TableError, open_table

UNITS = [Column("code", "Mã đơn vị", required=True), Column("name", "Tên đơn vị")]


def small_xlsx(rows=(("Mã đơn vị", "Tên đơn vị"), ("HCTH", "Phòng HCTH"))) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def zip_bomb(unpacked_mb: int) -> bytes:
    """A real .xlsx whose first sheet carries `unpacked_mb` MB of blank XML padding: a few
    dozen kB on disk (the test writes it in memory, nothing is committed)."""
    source = zipfile.ZipFile(io.BytesIO(small_xlsx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                padding = b" " * (1 << 20)
                with bomb.open(item.filename, "w", force_zip64=True) as sheet:
                    sheet.write(data[: data.index(b"<sheetData>")])
                    for _ in range(unpacked_mb):
                        sheet.write(padding)
                    sheet.write(data[data.index(b"<sheetData>") :])
            else:
                bomb.writestr(item, data)
    return out.getvalue()


@pytest.fixture
def no_calamine(monkeypatch):
    """Fails the test if the workbook reaches the parser."""
    import python_calamine

    class Refused:
        @staticmethod
        def from_path(*args, **kwargs):
            raise AssertionError("the workbook was parsed")

        from_filelike = from_path

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", Refused)


def test_a_zip_bomb_is_refused_before_parsing(settings, no_calamine):
    settings.PARINDEX_IMPORT_MAX_UNZIPPED_BYTES = 10 * 1024 * 1024
    data = zip_bomb(40)
    assert len(data) < 200_000  # 40 MB of XML in a small file
    with translation.override("vi"), pytest.raises(TableError) as refused:
        open_table(io.BytesIO(data), UNITS, filename="donvi.xlsx")
    assert "10 MB" in str(refused.value) and "giải nén" in str(refused.value)


def test_a_zip_bomb_from_a_path_is_refused_too(settings, no_calamine, tmp_path):
    settings.PARINDEX_IMPORT_MAX_UNZIPPED_BYTES = 10 * 1024 * 1024
    path = tmp_path / "bom.xlsx"
    path.write_bytes(zip_bomb(40))
    with pytest.raises(TableError):
        open_table(path, UNITS)


def test_a_part_that_declares_less_than_it_holds_is_caught_while_counting(settings):
    from parindex.common.tabular.limits import Limits, check_zip

    data = zip_bomb(3)
    caps = Limits(max_bytes=1 << 30, max_unzipped_bytes=2 << 20, max_rows=10, max_cell_chars=10)
    archive = bytearray(data)
    # Lie in every central directory entry: declare 1 kB unpacked.
    position = archive.find(b"PK\x01\x02")
    while position != -1:
        archive[position + 24 : position + 28] = (1024).to_bytes(4, "little")
        position = archive.find(b"PK\x01\x02", position + 4)
    with pytest.raises(TableError):
        check_zip(io.BytesIO(bytes(archive)), caps)


def test_an_ordinary_workbook_still_opens(settings):
    settings.PARINDEX_IMPORT_MAX_UNZIPPED_BYTES = 10 * 1024 * 1024
    with open_table(io.BytesIO(small_xlsx()), UNITS, filename="donvi.xlsx") as table:
        assert list(table.rows()) == [(2, {"code": "HCTH", "name": "Phòng HCTH"})]


def test_a_file_over_the_size_cap_is_refused(settings):
    settings.PARINDEX_IMPORT_MAX_BYTES = 1024
    data = ("Mã đơn vị,Tên đơn vị\n" + "X,Y\n" * 1000).encode()
    with pytest.raises(TableError, match="1024|MB"):
        open_table(io.BytesIO(data), UNITS, filename="donvi.csv")


def test_rows_past_the_cap_are_refused(settings):
    settings.PARINDEX_IMPORT_MAX_ROWS = 5
    data = ("Mã đơn vị,Tên đơn vị\n" + "X,Y\n" * 6).encode()
    with (
        open_table(io.BytesIO(data), UNITS, filename="donvi.csv") as table,
        pytest.raises(TableError),
    ):
        list(table.rows())
    ok = ("Mã đơn vị,Tên đơn vị\n" + "X,Y\n" * 5).encode()
    with open_table(io.BytesIO(ok), UNITS, filename="donvi.csv") as table:
        assert len(list(table.rows())) == 5


def test_a_cell_past_the_cap_is_refused_naming_the_row(settings):
    settings.PARINDEX_IMPORT_MAX_CELL_CHARS = 100
    out = io.StringIO()
    csv.writer(out).writerows([["Mã đơn vị", "Tên đơn vị"], ["A", "ok"], ["B", "x" * 101]])
    with (
        open_table(io.BytesIO(out.getvalue().encode()), UNITS, filename="d.csv") as table,
        pytest.raises(TableError, match="3"),
    ):
        list(table.rows())
    workbook = small_xlsx([("Mã đơn vị", "Tên đơn vị"), ("A", "ok"), ("B", "x" * 101)])
    with (
        open_table(io.BytesIO(workbook), UNITS, filename="d.xlsx") as table,
        pytest.raises(TableError, match="B"),
    ):
        list(table.rows())


def test_the_unit_import_page_refuses_a_zip_bomb_in_vietnamese(org, client_for, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.PARINDEX_IMPORT_MAX_UNZIPPED_BYTES = 10 * 1024 * 1024
    upload = SimpleUploadedFile("donvi.xlsx", zip_bomb(40))
    page = client_for(org.secretariat).post(
        reverse("org:unit_import"),
        {"agency_code": "SKHCN", "file": upload},
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert page.status_code == 200
    assert "giải nén" in page.content.decode()

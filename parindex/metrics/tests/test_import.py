"""Indicator values imported from CSV/XLSX: all or nothing, idempotent."""

import csv
import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from parindex.common import tabular
from parindex.metrics import services
from parindex.metrics.models import Indicator, IndicatorValue


@pytest.fixture
def indicator(org):
    return Indicator.objects.create(
        agency=org.agency, code="PCI-2", name="Tiếp cận đất đai", target=Decimal("6")
    )


def write_csv(path, rows):
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["Mã chỉ tiêu", "Kỳ", "Giá trị", "Ghi chú"])
        writer.writerows(rows)
    return path


def test_values_are_imported_then_unchanged_on_reimport(org, indicator, tmp_path):
    path = write_csv(
        tmp_path / "v.csv",
        [["PCI-2", "31/03/2026", "5,5", "quý I"], ["pci-2", "30/06/2026", "6,25", ""]],
    )
    result = services.import_indicator_values(path, agency=org.agency, actor=org.secretariat)
    assert result.summary() == "created 2, updated 0, unchanged 0, rejected 0"
    assert IndicatorValue.objects.get(period_end=dt.date(2026, 6, 30)).value == Decimal("6.25")
    again = services.import_indicator_values(path, agency=org.agency, actor=org.secretariat)
    assert again.summary() == "created 0, updated 0, unchanged 2, rejected 0"


def test_an_invalid_row_refuses_the_whole_file(org, indicator, tmp_path):
    path = write_csv(
        tmp_path / "v.csv", [["PCI-2", "31/03/2026", "5,5", ""], ["PCI-9", "30/06/2026", "x", ""]]
    )
    with pytest.raises(tabular.ImportRefused) as refused:
        services.import_indicator_values(path, agency=org.agency, actor=org.secretariat)
    lines = refused.value.lines()
    assert lines[0].startswith("row 3, column Mã chỉ tiêu:")
    assert not IndicatorValue.objects.exists()


def test_xlsx_import_with_skip_invalid_through_the_command(org, indicator, tmp_path, capsys):
    book = Workbook()
    sheet = book.active
    sheet.append(["Chỉ tiêu PCI"])
    sheet.append(["Mã chỉ tiêu", "Kỳ", "Giá trị"])
    sheet.append(["PCI-2", dt.datetime(2026, 3, 31), 5.5])
    sheet.append(["PCI-2", "bad", 6])
    book.save(tmp_path / "v.xlsx")
    call_command(
        "import_indicator_values", str(tmp_path / "v.xlsx"), "--agency", "SKHCN", "--skip-invalid"
    )
    assert "created 1, updated 0, unchanged 0, rejected 1" in capsys.readouterr().out
    assert (tmp_path / "v.rejected.csv").exists()
    with pytest.raises(CommandError):
        call_command("import_indicator_values", str(tmp_path / "v.xlsx"), "--agency", "SKHCN")


def test_only_the_secretariat_imports(org, indicator, tmp_path):
    path = write_csv(tmp_path / "v.csv", [["PCI-2", "31/03/2026", "5,5", ""]])
    with pytest.raises(Exception, match="secretariat"):
        services.import_indicator_values(path, agency=org.agency, actor=org.head_a)

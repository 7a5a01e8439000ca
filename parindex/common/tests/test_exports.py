"""Formula injection: every exported text cell that a spreadsheet would run is neutralised
(issue 12, item 4), and an exported file imported again gives back what was exported."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from parindex.common import tabular
from parindex.common.exports import csv_writer, neutralise, restore
from parindex.org import services

PAYLOADS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_text_that_starts_a_formula_gets_a_leading_apostrophe(payload):
    assert neutralise(payload) == "'" + payload
    assert restore(neutralise(payload)) == payload


@pytest.mark.parametrize("value", ["Phòng Quản lý", "a=b", "", -3, 2.5, None])
def test_plain_text_and_numbers_are_written_as_they_are(value):
    assert neutralise(value) == value


def test_the_csv_writer_neutralises_every_row():
    out = io.StringIO()
    csv_writer(out).writerows([["=1+1", 5], ["ok", "@x"]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["'=1+1", "5"], ["ok", "'@x"]]


def _rename_to_a_formula(org):
    services.unit_update(actor=org.secretariat, unit=org.unit_a, name='=HYPERLINK("http://x")')


def test_the_audit_csv_export_neutralises_a_formula_typed_as_a_unit_name(org, client_for):
    _rename_to_a_formula(org)
    client = client_for(org.secretariat)
    body = client.get(reverse("audit:list"), {"export": "csv"}).content.decode("utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(body)) for c in row]
    assert '\'=HYPERLINK("http://x")' in cells
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)


def test_the_audit_xlsx_export_writes_the_formula_as_text(org, client_for):
    _rename_to_a_formula(org)
    client = client_for(org.secretariat)
    response = client.get(reverse("audit:list"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(c.value == '\'=HYPERLINK("http://x")' for c in cells)
    assert all(c.data_type != "f" for c in cells)


def test_an_exported_csv_reads_back_as_it_was(tmp_path):
    path = tmp_path / "back.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        csv_writer(out).writerows([["Mã", "Tên"], ["-1", "=A1"]])
    columns = [tabular.Column("code", "Mã"), tabular.Column("name", "Tên")]
    with tabular.open_table(path, columns) as table:
        rows = list(table.rows())
    assert rows == [(2, {"code": "-1", "name": "=A1"})]

"""The DOCX read back with python-docx: Decree 30 layout, fonts, page numbers, reproducibility."""

import io
import re
import zipfile

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from openpyxl import load_workbook

from parindex.reports import documents, periods, services
from parindex.reports.tests.conftest import issue, make_run

# A run of every report type, each for a period it accepts.
ONE_OF_EACH_TYPE = [
    ("self_assessment", "2025"),
    ("par_implementation", "2026-H1"),
    ("conclusion_notice", "2026-02"),
    ("lost_points", "2025"),
    ("dossiers", "2026-03"),
]


def _docx(run):
    return Document(io.BytesIO(documents.docx_bytes(run)))


def _cell_runs(cell):
    return [r for p in cell.paragraphs for r in p.runs if r.text]


@pytest.fixture
def issued(org, with_sources):
    run = make_run(org, "self_assessment", "2025")
    return issue(run, org.secretariat, day=__import__("datetime").date(2026, 2, 5))


def test_page_is_a4_with_decree_30_margins(issued):
    section = _docx(issued).sections[0]
    assert round(section.page_width.mm) == 210
    assert round(section.page_height.mm) == 297
    assert 20 <= round(section.top_margin.mm) <= 25
    assert 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20


def test_header_table_holds_parent_body_agency_national_title_and_motto(issued):
    document = _docx(issued)
    header = document.tables[0]
    left, right = header.rows[0].cells
    left_runs = _cell_runs(left)
    assert left_runs[0].text == "UBND TỈNH QUẢNG NGÃI"
    assert not left_runs[0].bold
    assert left_runs[1].text == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert left_runs[1].bold
    assert left_runs[1].font.size == Pt(13)
    right_runs = _cell_runs(right)
    assert right_runs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert right_runs[0].bold and Pt(12) <= right_runs[0].font.size <= Pt(13)
    assert right_runs[1].text == "Độc lập - Tự do - Hạnh phúc"
    assert right_runs[1].bold and Pt(13) <= right_runs[1].font.size <= Pt(14)
    # A short rule under the issuing body and under the motto: a bordered empty paragraph.
    for cell in (left, right):
        last = cell.paragraphs[-1]
        assert last.text == ""
        assert last._p.pPr.find(qn("w:pBdr")) is not None
    # The table itself is borderless.
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}


def test_number_left_and_italic_place_and_date_right_on_the_same_line(issued):
    number_cell, date_cell = _docx(issued).tables[0].rows[1].cells
    assert number_cell.text == "Số: 15/BC-SKHCN"
    runs = _cell_runs(date_cell)
    assert date_cell.text == "Quảng Ngãi, ngày 05 tháng 02 năm 2026"
    assert all(r.italic for r in runs)


def test_title_is_centred_upper_case_bold_then_the_bold_summary(issued):
    paragraphs = [p for p in _docx(issued).paragraphs if p.text]
    title, summary = paragraphs[0], paragraphs[1]
    assert title.text == "BÁO CÁO"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all(r.bold for r in title.runs)
    assert summary.text == "Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2025"
    assert summary.alignment == WD_ALIGN_PARAGRAPH.CENTER and all(r.bold for r in summary.runs)


def test_body_is_justified_times_new_roman_with_first_line_indent(issued):
    document = _docx(issued)
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "Times New Roman"
    assert fonts.get(qn("w:cs")) == "Times New Roman"
    body = [p for p in document.paragraphs if p.text.startswith("Thực hiện hướng dẫn")][0]
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert Cm(1) <= body.paragraph_format.first_line_indent <= Cm(1.27)
    assert all(r.font.name == "Times New Roman" for r in body.runs)
    assert all(Pt(13) <= r.font.size <= Pt(14) for r in body.runs)


def test_figures_tables_use_vietnamese_numbers(issued):
    document = _docx(issued)
    texts = {c.text for t in document.tables[1:] for row in t.rows for c in row.cells}
    assert "93,50" not in texts  # the area table has areas only
    assert "84,00" in texts and "9,50" in texts
    assert "81,25" in texts  # the appendix holds the appraised column


def test_recipients_and_signer_block(issued):
    document = _docx(issued)
    signature = [t for t in document.tables if "Nơi nhận:" in t.rows[0].cells[0].text][0]
    left, right = signature.rows[0].cells
    first = left.paragraphs[0].runs[0]
    assert first.text == "Nơi nhận:" and first.bold and first.italic and first.font.size == Pt(12)
    lines = [p.text for p in left.paragraphs[1:]]
    assert lines == ["- Sở Nội vụ;", "- Giám đốc, các PGĐ Sở;", "- Lưu: VT, HCTH."]
    assert all(p.runs[0].font.size == Pt(11) for p in left.paragraphs[1:])
    signer = [p for p in right.paragraphs if p.text]
    assert [p.text for p in signer] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Minh"]
    assert all(r.bold for p in signer for r in p.runs)


def test_page_numbers_start_on_page_two_centred_at_the_top(issued):
    section = _docx(issued).sections[0]
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == ""
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    instructions = [i.text for i in header._p.iter(qn("w:instrText"))]
    assert instructions == [" PAGE "]


def test_score_table_appendix_is_landscape(issued):
    sections = _docx(issued).sections
    assert len(sections) == 2
    assert sections[1].orientation == WD_ORIENT.LANDSCAPE
    assert round(sections[1].page_width.mm) == 297


def test_same_snapshot_gives_the_same_bytes(issued):
    first = documents.docx_bytes(issued)
    again = documents.docx_bytes(type(issued).objects.get(pk=issued.pk))
    assert first == again
    assert documents.sha256(first) == issued.docx_sha256


def test_core_properties_come_from_the_issue_date(issued):
    props = _docx(issued).core_properties
    assert props.created.date().isoformat() == "2026-02-05"
    assert props.modified == props.created
    with zipfile.ZipFile(io.BytesIO(documents.docx_bytes(issued))) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2026, 2, 5, 0, 0, 0)}


def test_only_the_metadata_differs_when_the_issue_date_differs(org, with_sources):
    """Two runs from the same snapshot, issued on different days: the body XML is the same
    except the date line; the package metadata differs."""
    a = make_run(org, "dossiers", "2026-Q1")
    b = services.run_supersede(actor=org.secretariat, run=issue(a, org.secretariat, number=1))
    b = issue(b, org.secretariat, number=2, day=__import__("datetime").date(2026, 4, 2))
    a.refresh_from_db()
    za = zipfile.ZipFile(io.BytesIO(documents.docx_bytes(a)))
    zb = zipfile.ZipFile(io.BytesIO(documents.docx_bytes(b)))
    assert za.namelist() == zb.namelist()
    differing = [n for n in za.namelist() if za.read(n) != zb.read(n)]
    assert set(differing) <= {"word/document.xml", "docProps/core.xml"}


def test_missing_sources_print_no_data(org, monkeypatch):
    from parindex.reports import sources

    # As when a providing app is not installed: its source gives nothing.
    for name in ("task_figures", "dossier_figures", "procedure_review"):
        monkeypatch.setattr(sources, name, lambda agency, start, end: None)
    for name in ("initiative_coverage", "points_at_risk"):
        monkeypatch.setattr(sources, name, lambda agency, year: None)
    run = make_run(org, "par_implementation", "2026-H1")
    assert run.data["dossiers"] is None
    text = "\n".join(p.text for p in _docx(run).paragraphs)
    assert text.count("Chưa có số liệu") >= 4
    assert "Số:       /BC-SKHCN" in _docx(run).tables[0].rows[1].cells[0].text


def test_xlsx_companion_has_every_table_with_numbers_as_numbers(issued):
    workbook = load_workbook(io.BytesIO(documents.xlsx_bytes(issued)))
    assert workbook.sheetnames == ["Theo lĩnh vực", "Chưa có kiểm chứng", "Bảng điểm"]
    sheet = workbook["Bảng điểm"]
    assert sheet["A2"].value == "Mã"
    assert sheet["D3"].value == 9.5
    assert documents.xlsx_bytes(issued) == documents.xlsx_bytes(issued)


@pytest.mark.parametrize("type_key,period", ONE_OF_EACH_TYPE)
def test_every_report_type_renders_with_and_without_data(org, monkeypatch, type_key, period):
    for data in (False, True):
        if data:
            from parindex.reports import sources
            from parindex.reports.tests.conftest import DOSSIERS, SCORECARD

            monkeypatch.setattr(sources, "scorecard", lambda agency, year: SCORECARD)
            monkeypatch.setattr(sources, "dossier_figures", lambda agency, start, end: DOSSIERS)
        run = make_run(org, type_key, period)
        document = _docx(run)
        assert document.tables[0].rows[0].cells[1].paragraphs[0].text.startswith("CỘNG HÒA")
        load_workbook(io.BytesIO(documents.xlsx_bytes(run)))


@pytest.mark.parametrize("type_key,period", ONE_OF_EACH_TYPE)
def test_each_report_type_converts_to_pdf_when_libreoffice_is_installed(
    org, with_sources, type_key, period
):
    import shutil

    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice is not installed (optional; apt-get install libreoffice-writer)")
    run = services.run_create(
        actor=org.secretariat, agency=org.agency, type_key=type_key, period=periods.parse(period)
    )
    if type_key == "conclusion_notice":
        run = services.run_update_sections(
            actor=org.secretariat, run=run, conclusions=[{"text": "Rà soát", "units": ["QLCN"]}]
        )
    pdf = documents.pdf_bytes(run)
    assert pdf.startswith(b"%PDF")
    # LibreOffice writes "/Type/Page" without a space; "/Pages" is the page tree, not a page.
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
    assert 1 <= pages <= 20


def test_xml_elements_keep_the_schema_order_word_expects(issued):
    """Word refuses files whose property elements are out of order; check the ones we add."""
    document = _docx(issued)
    for table in document.tables:
        tags = [child.tag.split("}")[1] for child in table._tbl.tblPr]
        if "tblBorders" in tags and "tblLook" in tags:
            assert tags.index("tblBorders") < tags.index("tblLook")
        if "tblBorders" in tags and "tblLayout" in tags:
            assert tags.index("tblBorders") < tags.index("tblLayout")
    for paragraph in document.paragraphs:
        ppr = paragraph._p.pPr
        if ppr is not None and ppr.find(qn("w:pBdr")) is not None:
            tags = [child.tag.split("}")[1] for child in ppr]
            assert tags.index("pBdr") < min(
                (tags.index(t) for t in ("spacing", "ind", "jc") if t in tags), default=99
            )
        for run in paragraph.runs:
            tags = [child.tag.split("}")[1] for child in run._r.rPr]
            assert tags[0] == "rFonts"
            if "szCs" in tags:
                assert tags.index("szCs") == tags.index("sz") + 1


def test_the_xlsx_companion_does_not_change_with_the_clock(issued):
    import datetime as dt

    import time_machine

    moment = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(moment, tick=False):
        first = documents.xlsx_bytes(issued)
    with time_machine.travel(moment + dt.timedelta(seconds=61), tick=False):
        assert documents.xlsx_bytes(issued) == first


def test_the_self_assessment_states_the_self_assessable_maximum_not_the_frameworks():
    """Survey points are in the framework's maximum but never self-scored: 76 of the 85
    self-assessable points, not "76/100"."""
    from parindex.reports.report_types.self_assessment import self_total_sentence

    card = {
        "max_total": 100.0,
        "self_total": 76.0,
        "nodes": [
            {"code": "1", "kind": "self", "max": 85.0},
            {"code": "1.1", "kind": "self", "max": 60.0},
            {"code": "1.2", "kind": "self", "max": 25.0},
            {"code": "2", "kind": "survey", "max": 15.0},
            {"code": "2.1", "kind": "survey", "max": 15.0},
            {"code": "3", "kind": "bonus", "max": 2.0},
        ],
    }
    sentence = self_total_sentence(card)
    assert sentence.startswith("Tổng điểm tự đánh giá: 76,00/85,00 điểm")
    assert "100,00 điểm, trong đó 15,00 điểm do điều tra xã hội học" in sentence
    without_survey = self_total_sentence({**card, "nodes": card["nodes"][:3]})
    assert "76,00/85,00" in without_survey and "điều tra" not in without_survey


def test_the_issued_self_assessment_carries_that_sentence(issued):
    text = "\n".join(p.text for p in _docx(issued).paragraphs)
    assert "Tổng điểm tự đánh giá: 93,50/100,00 điểm của các tiêu chí đơn vị tự đánh giá" in text

"""The DOCX engine: Decree 30/2020/NĐ-CP layout with python-docx, deterministic output.

Layout (docs/domain.md §5): A4; margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 14
(East-Asian and complex-script fonts set too, so Vietnamese renders in Times); a borderless
two-column header table (parent body upper case and issuing body upper case bold with a short
rule; national title bold 13 and motto bold 14 with a rule), the number on the left and the
italic place and date on the right of the same row; centred bold upper-case document name, bold
summary line; justified body with a 1.27 cm first-line indent; tables; "Nơi nhận:" (bold italic
12, lines at 11) and the signer block on the right; landscape appendices; page numbers from page
2, centred at the top (a different first-page header and a PAGE field).

Output is reproducible: core properties come from the document's date, zip entries carry a fixed
time, and nothing random is written, so the same snapshot gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from parindex.reports.content import Block, ContentBuilder, Letterhead

FONT = "Times New Roman"
BODY_SIZE = 14
TABLE_SIZE = 12
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
FIRST_LINE_INDENT = Cm(1.27)
HEADER_LEFT_MM = 66  # of the 165 mm text width


def _set_fonts(rpr_parent) -> None:
    """Times New Roman for every script slot of a style or run (ascii, hAnsi, eastAsia, cs)."""
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def _run(paragraph, text: str, *, size: float = BODY_SIZE, bold=False, italic=False):
    run = paragraph.add_run(text)
    run.font.name = FONT
    _set_fonts(run._r)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    # Complex-script size and weight too, so Vietnamese marks keep the same look everywhere.
    rpr = run._r.get_or_add_rPr()
    szcs = OxmlElement("w:szCs")
    szcs.set(qn("w:val"), str(int(size * 2)))
    rpr.append(szcs)
    return run


def _paragraph(container, *, align=None, indent=False, before=0, after=0, line=None):
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    if align is not None:
        paragraph.alignment = align
    fmt.first_line_indent = FIRST_LINE_INDENT if indent else None
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if line is not None:
        fmt.line_spacing = line
    return paragraph


def _rule(cell, width_mm: float, cell_width_mm: float) -> None:
    """A short horizontal rule, centred in the cell."""
    side = max(0.0, (cell_width_mm - width_mm) / 2)
    _make_rule(_paragraph(cell, align=WD_ALIGN_PARAGRAPH.CENTER), side)


def _make_rule(paragraph, side_mm: float) -> None:
    """Turn an empty paragraph into a rule: a top border between side indents (Word has no
    simpler line that survives every viewer). The paragraph mark is set to 1 pt so the line
    sits right under the text above; an exact line height instead lets LibreOffice draw the
    border through that text."""
    paragraph.paragraph_format.left_indent = Mm(side_mm)
    paragraph.paragraph_format.right_indent = Mm(side_mm)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    ppr.insert(0, borders)
    mark = OxmlElement("w:rPr")
    for tag in ("w:sz", "w:szCs"):
        size = OxmlElement(tag)
        size.set(qn("w:val"), "2")
        mark.append(size)
    ppr.append(mark)


def _no_borders(table) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    # Schema order: tblBorders comes before shd, tblLayout, tblCellMar and tblLook.
    successors = {qn(f"w:{n}") for n in ("shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption")}
    following = next((child for child in tblpr if child.tag in successors), None)
    if following is not None:
        following.addprevious(borders)
    else:
        tblpr.append(borders)


def _cell_text(cell, lines, *, size, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER):
    for line in lines:
        blank = len(cell.paragraphs) == 1 and not cell.paragraphs[0].runs
        paragraph = cell.paragraphs[0] if blank else cell.add_paragraph()
        paragraph.alignment = align
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.space_before = Pt(0)
        _run(paragraph, line, size=size, bold=bold, italic=italic)


def _page_field(paragraph) -> None:
    """A PAGE field (complex form), centred: the page number in the header."""

    def fld(kind):
        run = _run(paragraph, "", size=BODY_SIZE)
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._r.append(char)

    fld("begin")
    run = _run(paragraph, "", size=BODY_SIZE)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run._r.append(instr)
    fld("separate")
    _run(paragraph, "2", size=BODY_SIZE)
    fld("end")


def _setup_section(section, *, landscape: bool) -> None:
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width = Mm(PAGE_HEIGHT_MM)
        section.page_height = Mm(PAGE_WIDTH_MM)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width = Mm(PAGE_WIDTH_MM)
        section.page_height = Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


def _setup_styles(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_SIZE)
    _set_fonts(normal.element)
    # The document defaults too, for text outside any style (fields, table styles).
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None and rpr_default.find(qn("w:rPr")) is not None:
            rpr = rpr_default.find(qn("w:rPr"))
            fonts = rpr.find(qn("w:rFonts"))
            if fonts is None:
                fonts = OxmlElement("w:rFonts")
                rpr.insert(0, fonts)
            for key in list(fonts.attrib):
                del fonts.attrib[key]
            for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                fonts.set(qn(slot), FONT)
    try:
        table_style = document.styles["Table Grid"]
        table_style.font.name = FONT
    except KeyError:  # pragma: no cover - python-docx's template has it
        pass


def _letterhead(document, head: Letterhead) -> None:
    text_width = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]
    right_width = text_width - HEADER_LEFT_MM
    table = document.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    # LibreOffice lays a table out by its grid columns, Word by its cells: set both.
    table.columns[0].width = Mm(HEADER_LEFT_MM)
    table.columns[1].width = Mm(right_width)
    for row in table.rows:
        row.cells[0].width = Mm(HEADER_LEFT_MM)
        row.cells[1].width = Mm(right_width)
    left, right = table.rows[0].cells
    _cell_text(left, [head.parent_body.upper()], size=13)
    _cell_text(left, [head.header_agency_name], size=13, bold=True)
    _rule(left, 25, HEADER_LEFT_MM)
    # 12 pt (the decree allows 12–13) keeps the national title on one line in the column.
    _cell_text(right, ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], size=12, bold=True)
    _cell_text(right, ["Độc lập - Tự do - Hạnh phúc"], size=14, bold=True)
    _rule(right, 60, right_width)
    number_cell, date_cell = table.rows[1].cells
    _cell_text(number_cell, [head.number_text], size=13)
    from parindex.reports.formatting import document_date

    _cell_text(
        date_cell, [document_date(head.place, head.issue_date, head.year)], size=14, italic=True
    )


def _title(document, head: Letterhead) -> None:
    paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER, before=18)
    _run(paragraph, head.doc_name.upper(), bold=True)
    for line in head.summary.splitlines():
        paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER)
        _run(paragraph, line, bold=True)
    text_width = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]
    side = (text_width - 40) / 2
    _make_rule(_paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER, before=4, after=6), side)


def _table(document, block: Block, width_mm: float) -> None:
    if block.title:
        paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER, before=6, after=3)
        _run(paragraph, block.title, bold=True, size=13)
    table = document.add_table(rows=1, cols=len(block.columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    fixed = sum(c.width_mm or 0 for c in block.columns)
    flexible = [c for c in block.columns if not c.width_mm]
    share = (width_mm - fixed) / len(flexible) if flexible else 0
    widths = [Mm(c.width_mm or share) for c in block.columns]
    table.autofit = False
    for grid_column, width in zip(table.columns, widths, strict=True):
        grid_column.width = width  # LibreOffice reads the grid, Word the cells
    for cell, column, width in zip(table.rows[0].cells, block.columns, widths, strict=True):
        cell.width = width
        _cell_text(cell, [column.header], size=TABLE_SIZE, bold=True)
    for index, row in enumerate(block.formatted_rows):
        cells = table.add_row().cells
        for cell, (text, numeric), width in zip(cells, row, widths, strict=False):
            cell.width = width
            _cell_text(
                cell,
                [text],
                size=TABLE_SIZE,
                bold=index in block.bold_rows,
                align=WD_ALIGN_PARAGRAPH.RIGHT if numeric else WD_ALIGN_PARAGRAPH.LEFT,
            )
    _paragraph(document, after=3)


def _blocks(document, blocks: list[Block], width_mm: float) -> None:
    for block in blocks:
        if block.kind == "heading":
            paragraph = _paragraph(
                document, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, before=6, after=6
            )
            _run(paragraph, block.text, bold=True, italic=block.level >= 3)
        elif block.kind == "paragraph":
            paragraph = _paragraph(
                document, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, after=6, line=1.15
            )
            _run(paragraph, block.text)
        elif block.kind == "missing":
            paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, after=6)
            _run(paragraph, block.text, italic=True)
        elif block.kind == "table":
            _table(document, block, width_mm)


def _signature(document, head: Letterhead) -> None:
    text_width = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width = Mm(text_width / 2)
    right.width = Mm(text_width / 2)
    first = left.paragraphs[0]
    _run(first, "Nơi nhận:", size=12, bold=True, italic=True)
    lines = [f"- {r.strip().rstrip(';.')};" for r in head.recipients if r.strip()]
    lines.append(f"- {head.archive_line}")
    for line in lines:
        paragraph = left.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        _run(paragraph, line, size=11)
    authority = [
        line.strip().upper() for line in head.signer_authority.splitlines() if line.strip()
    ]
    _cell_text(right, authority or [""], size=14, bold=True)
    for _ in range(4):
        right.add_paragraph()
    _cell_text(right, [head.signer_name], size=14, bold=True)


def _appendix_title(document, head: Letterhead, title: str, subtitle: str) -> None:
    paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER)
    _run(paragraph, title, bold=True)
    if subtitle:
        paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER)
        _run(paragraph, subtitle.upper(), bold=True)
    date = head.issue_date.strftime("%d/%m/%Y") if head.issue_date else "..."
    paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER, after=6)
    _run(
        paragraph,
        f"(Kèm theo {head.doc_name.capitalize()} số {head.reference} ngày {date})",
        italic=True,
    )


def fixed_moment(head: Letterhead, fallback: dt.date | None = None) -> dt.datetime:
    day = head.issue_date or fallback or dt.date(head.year, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def normalise_zip(data: bytes, moment: dt.datetime) -> bytes:
    """Rewrite a zip with the same entries in the same order and a fixed time on each."""
    stamp = (max(moment.year, 1980), moment.month, moment.day, 0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def render_docx(head: Letterhead, content: ContentBuilder, *, moment: dt.datetime) -> bytes:
    """The whole document as DOCX bytes; the same inputs give the same bytes."""
    document = Document()
    _setup_styles(document)
    section = document.sections[0]
    _setup_section(section, landscape=False)
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(paragraph)

    body = document.paragraphs[0] if document.paragraphs else None
    if body is not None:  # the template's empty first paragraph
        body._p.getparent().remove(body._p)
    _letterhead(document, head)
    _title(document, head)
    text_width = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]
    _blocks(document, content.blocks, text_width)
    _paragraph(document, after=6)
    _signature(document, head)
    for appendix in content.appendices:
        new = document.add_section(WD_SECTION.NEW_PAGE)
        _setup_section(new, landscape=appendix.landscape)
        new.different_first_page_header_footer = False
        width = (PAGE_HEIGHT_MM if appendix.landscape else PAGE_WIDTH_MM) - 45
        _appendix_title(document, head, appendix.title, appendix.subtitle)
        _blocks(document, appendix.blocks, width)

    props = document.core_properties
    props.author = head.agency_name
    props.last_modified_by = head.agency_name
    props.title = f"{head.doc_name} {head.summary}".strip()[:255]
    props.subject = head.number_text
    props.keywords = head.type_code
    props.comments = ""
    props.category = ""
    props.revision = 1
    props.created = moment.replace(tzinfo=None)
    props.modified = moment.replace(tzinfo=None)
    props.last_printed = moment.replace(tzinfo=None)
    out = io.BytesIO()
    document.save(out)
    return normalise_zip(out.getvalue(), moment)

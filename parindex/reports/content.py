"""What a report says, independent of its file format.

A report type's `render(doc, run)` calls the methods of a `ContentBuilder` (heading, paragraph,
table, missing, appendix…); the builder records blocks, and the DOCX engine, the XLSX companion
and the HTML preview all read the same blocks, so the three always show the same content.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from parindex.common.numbers import MISSING, vn_number, vn_percent

NO_DATA = "Chưa có số liệu"


@dataclass(frozen=True)
class TableColumn:
    """kind: text | int | number (decimals places) | percent (a fraction 0..1)."""

    header: str
    kind: str = "text"
    decimals: int | None = None
    width_mm: float | None = None

    @property
    def numeric(self) -> bool:
        return self.kind != "text"

    def format(self, value: Any) -> str:
        if value is None or value == "":
            return MISSING if self.numeric else ""
        if self.kind == "int":
            return vn_number(value, 0)
        if self.kind == "number":
            return vn_number(value, self.decimals)
        if self.kind == "percent":
            return vn_percent(value, 1 if self.decimals is None else self.decimals)
        return str(value)


@dataclass
class Block:
    kind: str  # heading | paragraph | table | missing
    text: str = ""
    level: int = 1
    columns: list[TableColumn] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    title: str = ""
    sheet: str = ""
    bold_rows: frozenset[int] = frozenset()

    @property
    def formatted_rows(self) -> list[list[tuple[str, bool]]]:
        """Rows as (text, numeric) cells, numbers in the Vietnamese form."""
        return [
            [(c.format(v), c.numeric) for c, v in zip(self.columns, row, strict=False)]
            for row in self.rows
        ]


@dataclass
class Appendix:
    title: str
    subtitle: str = ""
    landscape: bool = True
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Letterhead:
    """The frame of a Decree 30 document: who issues it, its number, date, title and signer."""

    parent_body: str
    agency_name: str
    document_code: str
    place: str
    type_code: str  # BC, TB, KH, QĐ
    doc_name: str  # BÁO CÁO, THÔNG BÁO…
    summary: str
    year: int
    number: int | None = None
    issue_date: dt.date | None = None
    signer_authority: str = ""
    signer_name: str = ""
    recipients: list[str] = field(default_factory=list)
    archive_line: str = "Lưu: VT, HCTH."

    @property
    def header_agency_name(self) -> str:
        """The issuing body as printed under its parent: "Sở Khoa học và Công nghệ tỉnh Quảng
        Ngãi" under "UBND TỈNH QUẢNG NGÃI" drops the repeated "tỉnh Quảng Ngãi"."""
        name = self.agency_name.strip()
        for word in ("tỉnh", "thành phố"):
            tail = f" {word} {self.place}".lower()
            if (
                self.place
                and name.lower().endswith(tail)
                and self.place.upper() in self.parent_body.upper()
            ):
                return name[: -len(tail)].upper()
        return name.upper()

    @property
    def number_text(self) -> str:
        number = str(self.number) if self.number else "      "
        return f"Số: {number}/{self.type_code}-{self.document_code}"

    @property
    def reference(self) -> str:
        return f"{self.number or '...'}/{self.type_code}-{self.document_code}"


@dataclass
class ContentBuilder:
    """Collects the blocks of one report; an `appendix()` call starts a new appendix."""

    blocks: list[Block] = field(default_factory=list)
    appendices: list[Appendix] = field(default_factory=list)

    def _target(self) -> list[Block]:
        return self.appendices[-1].blocks if self.appendices else self.blocks

    def heading(self, text: str, level: int = 1) -> None:
        self._target().append(Block("heading", text=text, level=level))

    def paragraph(self, text: str) -> None:
        """One or more body paragraphs (blank lines and line breaks separate them)."""
        for line in (text or "").splitlines():
            if line.strip():
                self._target().append(Block("paragraph", text=line.strip()))

    def missing(self, text: str = NO_DATA) -> None:
        self._target().append(Block("missing", text=text))

    def table(
        self,
        columns: list[TableColumn],
        rows: list[list[Any]],
        *,
        title: str = "",
        sheet: str = "",
        bold_rows: set[int] | None = None,
    ) -> None:
        self._target().append(
            Block(
                "table",
                columns=list(columns),
                rows=[list(r) for r in rows],
                title=title,
                sheet=sheet or title or "Bảng",
                bold_rows=frozenset(bold_rows or ()),
            )
        )

    def appendix(self, title: str, subtitle: str = "", *, landscape: bool = True) -> None:
        self.appendices.append(Appendix(title=title, subtitle=subtitle, landscape=landscape))

    def tables(self) -> list[Block]:
        found = [b for b in self.blocks if b.kind == "table"]
        for appendix in self.appendices:
            found += [b for b in appendix.blocks if b.kind == "table"]
        return found

"""What an import reports: row errors, counts, refusal, and the file of rejected rows."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from parindex.common.exports import csv_writer
from parindex.common.tabular.columns import normalize_header
from parindex.common.tabular.values import _format_cell

#: Header of the column :func:`write_rejected` adds to explain each rejected row.
REASON_HEADER = "Lý do"


@dataclass(frozen=True)
class RowError:
    """A problem with one row, located as the user sees it in the spreadsheet.

    ``row`` is 1-based and counts title rows and the header; ``column`` is the header as written
    in the file (``Table.header_for(key)`` gives it), ``""`` when the whole row is at fault.
    ``message`` is shown as it is, so it should already be translated.
    """

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        # The contract's format ("row N, column C: message"), whose words stay English in every
        # language (docs/formats.md). A whole-row problem has no column to name, so it reads
        # "row N: message" rather than "column : message".
        if not self.column:
            return f"row {self.row}: {self.message}"
        return f"row {self.row}, column {self.column}: {self.message}"

    def screen(self) -> str:
        """The same, in the reader's language, for web pages ("Dòng 7, cột Ngày hẹn trả: …")."""
        if not self.column:
            return _("Row %(row)d: %(message)s") % {"row": self.row, "message": self.message}
        return _("Row %(row)d, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }

    def as_dict(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "message": self.message}


def format_errors(
    errors: Iterable[RowError], limit: int = 50, *, screen: bool = False
) -> list[str]:
    """The first ``limit`` errors as ``row N, column C: message``, then ``… and N more``.

    The last line is translated into the active language; with ``screen`` (web pages) every line
    is ("Dòng N, cột C: …"), while commands keep the contract's English words.
    """
    errors = list(errors)
    lines = [error.screen() if screen else str(error) for error in errors[:limit]]
    if len(errors) > limit:
        lines.append(_("… and %(count)d more") % {"count": len(errors) - limit})
    return lines


@dataclass
class ImportResult:
    """Counts and messages of one import, as every command reports them."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rejected_file: Path | None = None

    def summary(self) -> str:
        """The contract's summary line (docs/formats.md; English in every language)."""
        return (
            f"created {self.created}, updated {self.updated}, "
            f"unchanged {self.unchanged}, rejected {self.rejected}"
        )

    def screen_summary(self) -> str:
        """The summary in the reader's language, for web pages ("Thêm mới 56, cập nhật 0, …")."""
        return _(
            "Added %(created)d, updated %(updated)d, unchanged %(unchanged)d, rejected %(rejected)d"
        ) % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
        }

    def note_rejected(
        self,
        rows: Sequence[tuple[Sequence[object], str]],
        source: object,
        header: Sequence[object],
    ) -> None:
        """Count the rejected rows and, for a file read from a path, write them beside it
        (:func:`write_rejected`) so the user can fix them and import that file again."""
        self.rejected = len(rows)
        if rows and isinstance(source, str | Path):
            self.rejected_file = write_rejected(source, header, rows)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready view (numbers stay numbers, the path becomes a string)."""
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "errors": [error.as_dict() for error in self.errors],
            "warnings": list(self.warnings),
            "rejected_file": str(self.rejected_file) if self.rejected_file else None,
        }


class ImportRefused(Exception):
    """An all-or-nothing import found invalid rows and wrote nothing.

    ``errors`` holds every :class:`RowError` found, ``warnings`` the file's warnings;
    ``lines()`` gives what the command prints.
    """

    def __init__(self, errors: Iterable[RowError], warnings: Iterable[str] = ()) -> None:
        self.errors = list(errors)
        self.warnings = list(warnings)
        count = len(self.errors)
        super().__init__(
            ngettext(
                "%(count)d problem found; nothing was imported",
                "%(count)d problems found; nothing was imported",
                count,
            )
            % {"count": count}
        )

    def lines(self, limit: int = 50) -> list[str]:
        return format_errors(self.errors, limit)


def write_rejected(
    source_path: str | os.PathLike[str],
    header: Sequence[object],
    rows: Iterable[tuple[Sequence[object], str]],
) -> Path:
    """Write the rejected rows to ``<input stem>.rejected.csv`` next to the input; return it.

    ``header`` is the file's header row (``Table.raw_header``) and each row is ``(raw values,
    reason)`` (the raw list of ``Table.rows(with_raw=True)``). The output is UTF-8 with a BOM,
    so Excel shows Vietnamese correctly, comma-separated, with a last column "Lý do" — so the
    user can fix the rows and import that file again. Dates are written ``dd/mm/yyyy[ HH:MM:SS]``
    so they read back the same. A file that already ends with a "Lý do" column (a rejected file
    imported again) has that column replaced, not repeated.
    """
    source = Path(source_path)
    target = source.with_name(f"{source.stem}.rejected.csv")
    header = [_format_cell(cell) for cell in header]
    drop_reason = bool(header) and normalize_header(header[-1]) == normalize_header(REASON_HEADER)
    if drop_reason:
        header.pop()
    lines = []
    for values, reason in rows:
        cells = [_format_cell(cell) for cell in values]
        lines.append((cells[: len(header)] if drop_reason else cells, reason))
    # Cells beyond the header (data under no heading) are kept, so the reason column must
    # come after the longest row to stay the last column everywhere.
    width = max([len(header), *(len(cells) for cells, _reason in lines)])
    header.extend([""] * (width - len(header)))
    with target.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv_writer(out)
        writer.writerow([*header, REASON_HEADER])
        for cells, reason in lines:
            writer.writerow([*cells, *[""] * (width - len(cells)), reason])
    return target

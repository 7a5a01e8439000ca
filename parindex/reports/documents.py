"""From a report run to its files: DOCX, XLSX, the JSON document, and the preview blocks.

Everything here reads only the run's own fields and its frozen snapshot (the agency's names are
frozen in it too), so an issued report regenerates to the same bytes years later.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from parindex.common.errors import DomainError
from parindex.reports.content import ContentBuilder, Letterhead
from parindex.reports.engine import fixed_moment, render_docx
from parindex.reports.xlsx import render_xlsx

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_TYPE = "application/pdf"

logger = logging.getLogger(__name__)


def agency_letterhead(agency: Any) -> dict[str, str]:
    """The agency's names as frozen into a snapshot."""
    return {
        "code": agency.code,
        "name": agency.name,
        "parent_body": agency.parent_body,
        "place_name": agency.place_name,
        "document_code": agency.document_code or agency.code,
    }


def letterhead(run: Any) -> Letterhead:
    report_type = run.report_type
    frozen = (run.snapshot or {}).get("agency") or agency_letterhead(run.agency)
    return Letterhead(
        parent_body=frozen.get("parent_body", ""),
        agency_name=frozen.get("name", ""),
        document_code=frozen.get("document_code", ""),
        place=frozen.get("place_name", ""),
        type_code=run.type_code or report_type.type_code,
        doc_name=report_type.doc_name,
        summary=run.summary,
        year=run.issued_on.year if run.issued_on else run.period_year,
        number=run.number,
        issue_date=run.issued_on,
        signer_authority=run.signer_authority or report_type.default_authority,
        signer_name=run.signer_name,
        recipients=list(run.recipients or []),
    )


def content(run: Any) -> ContentBuilder:
    builder = ContentBuilder()
    run.report_type.render(builder, run)
    return builder


def _moment(run: Any, head: Letterhead) -> dt.datetime:
    taken = (run.snapshot or {}).get("taken_at")
    fallback = dt.date.fromisoformat(taken[:10]) if taken else None
    return fixed_moment(head, fallback)


def docx_bytes(run: Any) -> bytes:
    head = letterhead(run)
    return render_docx(head, content(run), moment=_moment(run, head))


def xlsx_bytes(run: Any) -> bytes:
    head = letterhead(run)
    return render_xlsx(head, content(run), moment=_moment(run, head))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def filename(run: Any, extension: str) -> str:
    number = f"{run.number}-" if run.number else "du-thao-"
    return f"{number}{run.type_code}-{run.agency.code}-{run.period.key}.{extension}".replace(
        "..", "_"
    )


def json_document(run: Any) -> dict[str, Any]:
    """The run as one JSON document (the `report --format json` and API output)."""
    return {
        "id": str(run.uuid) if run.pk else None,
        "type": run.type_key,
        "type_code": run.type_code,
        "agency": run.agency.code,
        "period": run.period.as_json(),
        "status": run.status,
        "summary": run.summary,
        "number": run.number,
        "reference": run.reference if run.number else None,
        "issued_on": run.issued_on.isoformat() if run.issued_on else None,
        "signer_name": run.signer_name or None,
        "signer_authority": run.signer_authority or None,
        "recipients": list(run.recipients or []),
        "sections": dict(run.sections or {}),
        "conclusions": list(run.conclusions or []),
        "snapshot": run.snapshot,
    }


class PdfError(DomainError):
    """LibreOffice could not turn the DOCX into a PDF; the message says why, in Vietnamese.
    ``transient`` when trying again may help (a time-out)."""

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient


def soffice_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_available() -> bool:
    return soffice_binary() is not None


def pdf_convert(docx: bytes, *, timeout: int | None = None) -> bytes:
    """Convert DOCX bytes to PDF with LibreOffice, in a folder and a user profile of its own
    (two conversions sharing a profile make the second exit 0 without a file), within
    ``timeout`` seconds; the output is checked. Raises :class:`PdfError`."""
    binary = soffice_binary()
    if binary is None:
        raise PdfError(_("LibreOffice is not installed on the server, so there is no PDF."))
    timeout = timeout or settings.PARINDEX_PDF_TIMEOUT_SECONDS
    with tempfile.TemporaryDirectory(prefix="parindex-pdf-") as folder:
        work = Path(folder)
        source = work / "report.docx"
        source.write_bytes(docx)
        command = [
            binary,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        # Its own session, so that a time-out ends soffice.bin too, not only the wrapper.
        process = subprocess.Popen(  # noqa: S603 - fixed arguments, our own file
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            _out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise PdfError(
                _("LibreOffice took more than %(seconds)s seconds to make the PDF.")
                % {"seconds": timeout},
                transient=True,
            ) from None
        target = work / "report.pdf"
        data = target.read_bytes() if target.is_file() else b""
        if process.returncode != 0 or not data.startswith(b"%PDF"):
            logger.warning(
                "soffice exit %s, %s bytes: %s",
                process.returncode,
                len(data),
                err.decode("utf-8", "replace")[-500:],
            )
            raise PdfError(
                _(
                    "LibreOffice did not produce the PDF (is its Writer component installed?). "
                    "Download the DOCX, or ask the administrator."
                )
            )
        return data


def pdf_bytes(run: Any) -> bytes | None:
    """The run's PDF, converted now (the screens queue it: reports.tasks); None without
    LibreOffice. Raises :class:`PdfError` when the conversion fails."""
    if not pdf_available():
        return None
    return pdf_convert(docx_bytes(run))


def now_iso() -> str:
    return timezone.now().isoformat()

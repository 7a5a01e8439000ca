"""From a report run to its files: DOCX, XLSX, the JSON document, and the preview blocks.

Everything here reads only the run's own fields and its frozen snapshot (the agency's names are
frozen in it too), so an issued report regenerates to the same bytes years later.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.utils import timezone

from parindex.reports.content import ContentBuilder, Letterhead
from parindex.reports.engine import fixed_moment, render_docx
from parindex.reports.xlsx import render_xlsx

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


def pdf_available() -> bool:
    import shutil

    return bool(shutil.which("soffice") or shutil.which("libreoffice"))


def pdf_bytes(run: Any) -> bytes | None:
    """A PDF through LibreOffice when `soffice`/`libreoffice` is on PATH (optional), else None."""
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "report.docx"
        source.write_bytes(docx_bytes(run))
        subprocess.run(  # noqa: S603 - fixed arguments, our own file
            [binary, "--headless", "--convert-to", "pdf", "--outdir", folder, str(source)],
            check=True,
            capture_output=True,
            timeout=120,
        )
        return (Path(folder) / "report.pdf").read_bytes()


def now_iso() -> str:
    return timezone.now().isoformat()

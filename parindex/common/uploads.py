"""The rules every uploaded evidence file follows (scores, certificates, apology slips…): an
allow-list of types, the size limit ``PARINDEX_MAX_UPLOAD_BYTES``, and a content check of the
first bytes for the types that have a signature."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from parindex.common.errors import DomainError

ALLOWED_EXTENSIONS = {
    ".pdf",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".ppt",
    ".pptx",
    ".odt",
    ".ods",
    ".odp",
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".webp",
    ".tif",
    ".tiff",
    ".txt",
    ".csv",
}
_ZIPPED = {".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"}
SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF8",),
    **dict.fromkeys(_ZIPPED, (b"PK\x03\x04",)),
}


@dataclass(frozen=True)
class CheckedUpload:
    name: str  # the file's own name, without any folder
    size: int
    sha256: str


def check_upload(upload: Any, *, field: str = "file", name: str | None = None) -> CheckedUpload:
    """Check an uploaded file against the rules above; DomainError naming ``field`` else.

    Reads the file once (chunks), then rewinds it for saving."""
    name = Path(name or getattr(upload, "name", "") or "file").name
    ext = Path(name).suffix.lower()
    if ext not in ALLOWED_EXTENSIONS:
        raise DomainError(
            _("This type of file is not accepted; use PDF, Office documents or images."),
            field=field,
        )
    limit = settings.PARINDEX_MAX_UPLOAD_BYTES
    digest = hashlib.sha256()
    total = 0
    head = b""
    upload.seek(0)
    chunks = upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b"")
    for chunk in chunks:
        if not head:
            head = chunk[:8]
        total += len(chunk)
        if total > limit:
            raise DomainError(
                _("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)},
                field=field,
            )
        digest.update(chunk)
    if total == 0:
        raise DomainError(_("The file is empty."), field=field)
    signatures = SIGNATURES.get(ext)
    if signatures and not any(head.startswith(sig) for sig in signatures):
        raise DomainError(_("The file's content does not match its type."), field=field)
    upload.seek(0)
    return CheckedUpload(name=name, size=total, sha256=digest.hexdigest())


def attachment_response(stored: Any, filename: str | None = None) -> FileResponse:
    """A stored file as a download, never rendered by the browser: ``Content-Disposition:
    attachment``, ``nosniff`` and a sandboxing CSP, whatever its type. The caller has checked
    that the user may see the record the file belongs to; files are never served from /media/.
    """
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=filename or Path(stored.name).name,
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response

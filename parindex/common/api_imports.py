"""What every file-import endpoint of the API answers: the import's counts, or why nothing was
written (the same rules and messages as the commands and the screens)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ninja import Schema, Status

from parindex.common import tabular
from parindex.common.errors import DomainError

#: The API returns at most this many row errors (the rest is counted in the summary).
MAX_ERRORS = 200


class ImportOut(Schema):
    created: int
    updated: int
    unchanged: int
    rejected: int
    errors: list[dict[str, Any]]
    warnings: list[str]


class RefusedOut(Schema):
    detail: str
    errors: list[dict[str, Any]]


def run_import(importer: Callable[..., tabular.ImportResult], file: Any, **kwargs: Any) -> Status:
    """Run ``importer`` on an uploaded ``file``: 200 with the counts, 400 when refused."""
    try:
        result = importer(file, filename=file.name, **kwargs)
    except (tabular.TableError, DomainError) as exc:
        return Status(400, {"detail": str(exc), "errors": []})
    except tabular.ImportRefused as exc:
        return Status(
            400,
            {
                "detail": "nothing was imported: invalid rows",
                "errors": [e.as_dict() for e in exc.errors[:MAX_ERRORS]],
            },
        )
    data = result.as_dict()
    data["errors"] = data["errors"][:MAX_ERRORS]
    return Status(200, data)

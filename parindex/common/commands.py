"""The shape every `parindex import_…` command shares (docs/formats.md, general rules)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from parindex.common import tabular
from parindex.common.errors import DomainError


class ImportCommand(BaseCommand):
    """Runs one importer: prints problems as `row N, column C: message`, exits 1 on refusal,
    and ends with the summary line `created N, updated N, unchanged N, rejected N`."""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="XLSX or CSV file")
        parser.add_argument("--sheet", help="sheet name (XLSX); default the first sheet")
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="write valid rows, put invalid ones in FILE.rejected.csv",
        )
        parser.add_argument("--user", help="user name to record as the actor in the audit trail")

    def run_import(self, path: Path, options: dict[str, Any], actor: Any) -> tabular.ImportResult:
        raise NotImplementedError

    def actor(self, options: dict[str, Any]) -> Any:
        return command_actor(options)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        run_and_report(self, lambda: self.run_import(path, options, self.actor(options)))


class AgencyImportCommand(ImportCommand):
    """`parindex import_… FILE --agency CODE`: the file through ``importer`` for the agency
    ``find_agency`` returns for the code (or refuses)."""

    importer: Any = None
    find_agency: Any = None

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--agency", required=True, help="agency code, e.g. SKHCN")

    def run_import(self, path: Path, options: dict[str, Any], actor: Any) -> tabular.ImportResult:
        return type(self).importer(
            path,
            agency=type(self).find_agency(options["agency"]),
            actor=actor,
            sheet=options.get("sheet"),
            skip_invalid=options["skip_invalid"],
        )


def command_actor(options: dict[str, Any]) -> Any:
    """The user named by ``--user``, recorded as the actor in the audit trail (None without)."""
    if not options.get("user"):
        return None
    actor = get_user_model().objects.filter(username=options["user"]).first()
    if actor is None:
        raise CommandError(f"no user {options['user']!r}")
    return actor


def date_option(options: dict[str, Any], name: str) -> dt.date:
    """The date of option ``--name`` (dd/mm/yyyy or ISO); a bad one is the command's error."""
    try:
        return tabular.parse_date(options[name])
    except ValueError as exc:
        raise CommandError(f"--{name.replace('_', '-')}: {exc}") from None


def run_and_report(command: BaseCommand, run: Callable[[], tabular.ImportResult]) -> None:
    try:
        result = run()
    except tabular.TableError as exc:
        raise CommandError(str(exc)) from None
    except tabular.ImportRefused as exc:
        for warning in exc.warnings:
            command.stderr.write(f"warning: {warning}")
        for line in tabular.format_errors(exc.errors):
            command.stderr.write(line)
        command.stderr.write("nothing was imported (the file has invalid rows; see above)")
        raise CommandError("import refused", returncode=1) from None
    except (DomainError, PermissionDenied) as exc:
        raise CommandError(str(exc) or "permission denied") from None
    for warning in result.warnings:
        command.stderr.write(f"warning: {warning}")
    if result.errors:
        for line in tabular.format_errors(result.errors):
            command.stderr.write(line)
    if result.rejected_file:
        command.stderr.write(f"rejected rows written to {result.rejected_file}")
    command.stdout.write(result.summary())


def print_json(command: BaseCommand, data: Any) -> None:
    """Exactly one JSON document on stdout and nothing else (docs/formats.md: --format json)."""
    command.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))


def write_json(command: BaseCommand, data: Any, output: str | None) -> None:
    """The JSON document into the file ``output`` (--output), or on stdout as print_json."""
    if not output:
        print_json(command, data)
        return
    with open(output, "w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, indent=2)


def write_bytes(content: bytes, output: str | None) -> None:
    """A binary document (--format xlsx) into the file ``output`` (--output), or as bytes on
    stdout."""
    if output:
        with open(output, "wb") as out:
            out.write(content)
        return
    sys.stdout.buffer.write(content)
    sys.stdout.buffer.flush()

"""`parindex translations [--check]`: refresh and compile the Vietnamese catalogues.

Every app keeps its own catalogue (parindex/<app>/locale/vi); strings outside apps go to
parindex/locale/vi. Compiling uses polib, so a fresh machine needs no GNU gettext; extracting new
strings needs xgettext and is skipped, with a note, where it is missing.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import polib
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

PACKAGE = Path(__file__).resolve().parents[3]


def catalogues() -> list[Path]:
    return sorted(PACKAGE.glob("**/locale/vi/LC_MESSAGES/django.po"))


def problems_in(path: Path) -> list[str]:
    po = polib.pofile(str(path))
    found = []
    for entry in po:
        if entry.obsolete:
            continue
        where = f"{path.relative_to(PACKAGE.parent)}: {entry.msgid[:70]!r}"
        if "fuzzy" in entry.flags:
            found.append(f"{where} is marked fuzzy")
        elif entry.msgid_plural:
            if not all(entry.msgstr_plural.values()):
                found.append(f"{where} has no Vietnamese translation")
        elif not entry.msgstr:
            found.append(f"{where} has no Vietnamese translation")
    return found


def _without_dates(text: str) -> str:
    return re.sub(r'^"POT-Creation-Date: .*\\n"$', "", text, flags=re.M)


def _undo_date_only_changes(before: dict[Path, str]) -> None:
    """makemessages stamps every catalogue with a new date; keep files whose strings did not change,
    so that extraction leaves no noise in the working tree."""
    for path, old in before.items():
        if path.exists() and _without_dates(path.read_text(encoding="utf-8")) == _without_dates(
            old
        ):
            path.write_text(old, encoding="utf-8")


class Command(BaseCommand):
    help = "Extract (when xgettext exists) and compile the Vietnamese translations."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="fail on a string without a Vietnamese translation"
        )
        parser.add_argument(
            "--no-extract", action="store_true", help="only compile the existing catalogues"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["no_extract"]:
            if shutil.which("xgettext"):
                before = {path: path.read_text(encoding="utf-8") for path in catalogues()}
                cwd = os.getcwd()
                try:
                    os.chdir(PACKAGE)
                    call_command(
                        "makemessages",
                        locale=["vi"],
                        no_location=True,
                        no_obsolete=True,
                        ignore_patterns=["tests/*"],
                        verbosity=0,
                    )
                finally:
                    os.chdir(cwd)
                _undo_date_only_changes(before)
            else:
                self.stderr.write("xgettext not found: catalogues compiled without re-extraction")
        problems: list[str] = []
        for path in catalogues():
            problems.extend(problems_in(path))
            polib.pofile(str(path)).save_as_mofile(str(path.with_suffix(".mo")))
        if options["check"] and problems:
            for line in problems:
                self.stderr.write(line)
            raise CommandError(f"{len(problems)} untranslated or fuzzy strings")
        self.stdout.write(f"compiled {len(catalogues())} catalogues")

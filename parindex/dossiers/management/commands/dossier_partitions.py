from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from parindex.audit.services import record
from parindex.dossiers import partitions


class Command(BaseCommand):
    help = (
        "PostgreSQL: the yearly partitions of the dossiers and their counts (docs/scale.md). "
        "Lists them; --ensure creates this year's and the next ones; --detach YEAR --archive "
        "FOLDER archives an old year (and the invitations and apology slips of its dossiers) "
        "to gzip CSV files and drops it; --restore YEAR --archive FOLDER brings it back. "
        "--tables counts|dossiers limits --detach and --restore to one table. "
        "SQLite: nothing to do."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--ensure", action="store_true", help="create missing partitions")
        parser.add_argument("--years-ahead", type=int, default=1)
        parser.add_argument("--detach", type=int, metavar="YEAR")
        parser.add_argument("--restore", type=int, metavar="YEAR")
        parser.add_argument(
            "--archive", type=Path, metavar="FOLDER", help="the folder of a year's gzip CSV files"
        )
        parser.add_argument(
            "--tables",
            choices=["all", *partitions.SPECS],
            default="all",
            help="the tables to detach or restore (default: all)",
        )
        parser.add_argument(
            "--keep-table", action="store_true", help="keep the detached year as plain tables"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not partitions.is_partitioned(partitions.COUNTS):
            self.stdout.write("the dossier tables are not partitioned (SQLite): nothing to do")
            if options["detach"] or options["restore"]:
                raise CommandError("detaching a year needs PostgreSQL")
            return
        if not 0 <= options["years_ahead"] <= 10:
            raise CommandError("--years-ahead must be between 0 and 10")
        archive = options["archive"]
        for flag in ("detach", "restore"):
            year = options[flag]
            if year is not None and not 2000 <= year <= 2100:
                raise CommandError(f"--{flag}: the year must be between 2000 and 2100")
            if year is not None and archive is None:
                raise CommandError(f"--{flag} needs --archive FOLDER")
        if archive is not None and archive.name.endswith(".gz"):
            raise CommandError("--archive is a folder (one file a table), not a .gz file")
        tables = options["tables"]
        specs = list(partitions.SPECS.values()) if tables == "all" else [partitions.SPECS[tables]]
        try:
            if options["ensure"]:
                this = timezone.localdate().year
                created = partitions.ensure_years(range(this, this + options["years_ahead"] + 1))
                self.stdout.write(f"created: {', '.join(map(str, created)) or 'none'}")
            if options["detach"] is not None:
                rows = partitions.detach_year(
                    options["detach"], archive, specs=specs, keep_table=options["keep_table"]
                )
                self._done("year_archived", options["detach"], rows, archive)
            if options["restore"] is not None:
                if not archive.is_dir():
                    raise CommandError(f"no folder {archive}")
                rows = partitions.restore_year(options["restore"], archive, specs=specs)
                self._done("year_restored", options["restore"], rows, archive)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        for part in partitions.partitions():
            label = part.year if part.year is not None else "default"
            self.stdout.write(f"{part.name}\t{label}\t{part.rows}")

    def _done(self, action: str, year: int, rows: dict[str, int], archive: Path) -> None:
        record(
            actor=None,
            action=f"dossier_counts.{action}",
            after={"year": year, "rows": rows, "folder": str(archive)},
        )
        verb = "archived" if action == "year_archived" else "restored"
        for table, count in rows.items():
            self.stdout.write(f"{verb} {count} rows of {table} for {year} ({archive})")

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from parindex.audit.services import record
from parindex.dossiers import partitions


class Command(BaseCommand):
    help = (
        "PostgreSQL: the yearly partitions of the dossier counts. Lists them; --ensure creates "
        "this year's and the next ones; --detach YEAR --archive FILE.csv.gz archives an old "
        "year and drops it; --restore YEAR --archive FILE brings it back. SQLite: nothing to do."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--ensure", action="store_true", help="create missing partitions")
        parser.add_argument("--years-ahead", type=int, default=1)
        parser.add_argument("--detach", type=int, metavar="YEAR")
        parser.add_argument("--restore", type=int, metavar="YEAR")
        parser.add_argument("--archive", type=Path, help="the gzip CSV file of a year")
        parser.add_argument(
            "--keep-table", action="store_true", help="keep the detached year as a plain table"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not partitions.is_partitioned():
            self.stdout.write("the dossier counts are not partitioned (SQLite): nothing to do")
            if options["detach"] or options["restore"]:
                raise CommandError("detaching a year needs PostgreSQL")
            return
        if not 0 <= options["years_ahead"] <= 10:
            raise CommandError("--years-ahead must be between 0 and 10")
        for flag in ("detach", "restore"):
            year = options[flag]
            if year is not None and not 2000 <= year <= 2100:
                raise CommandError(f"--{flag}: the year must be between 2000 and 2100")
            if year is not None and options["archive"] is None:
                raise CommandError(f"--{flag} needs --archive FILE")
        try:
            if options["ensure"]:
                this = timezone.localdate().year
                created = partitions.ensure_years(range(this, this + options["years_ahead"] + 1))
                self.stdout.write(f"created: {', '.join(map(str, created)) or 'none'}")
            if options["detach"] is not None:
                rows = partitions.detach_year(
                    options["detach"], options["archive"], keep_table=options["keep_table"]
                )
                record(
                    actor=None,
                    action="dossier_counts.year_archived",
                    after={
                        "year": options["detach"],
                        "rows": rows,
                        "file": str(options["archive"]),
                    },
                )
                self.stdout.write(
                    f"archived {rows} rows of {options['detach']} to {options['archive']}"
                )
            if options["restore"] is not None:
                if not options["archive"].is_file():
                    raise CommandError(f"no file {options['archive']}")
                rows = partitions.restore_year(options["restore"], options["archive"])
                record(
                    actor=None,
                    action="dossier_counts.year_restored",
                    after={
                        "year": options["restore"],
                        "rows": rows,
                        "file": str(options["archive"]),
                    },
                )
                self.stdout.write(f"restored {rows} rows of {options['restore']}")
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        for part in partitions.partitions():
            label = part.year if part.year is not None else "default"
            self.stdout.write(f"{part.name}\t{label}\t{part.rows}")

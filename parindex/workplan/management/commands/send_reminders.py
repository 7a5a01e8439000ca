from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from parindex.org.models import Agency
from parindex.workplan.selectors import DUE_SOON_DAYS
from parindex.workplan.services import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail each person one digest of their tasks due in the next N days and overdue "
        "(unit heads also get their unit's overdue tasks). Run it daily (docs/workplan.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=DUE_SOON_DAYS,
            help=f"look-ahead in working days (default {DUE_SOON_DAYS})",
        )
        parser.add_argument("--agency", help="only this agency's tasks (code)")
        parser.add_argument(
            "--base-url",
            default="",
            help="site address for links, e.g. https://cchc.example.gov.vn",
        )
        parser.add_argument("--dry-run", action="store_true", help="count, send nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["days"] < 0:
            raise CommandError("--days must be 0 or more")
        agency = None
        if options.get("agency"):
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                raise CommandError(f"no agency {options['agency']!r}")
        base_url = options["base_url"] or settings.PARINDEX_BASE_URL
        result = send_reminders(
            days=options["days"], agency=agency, base_url=base_url, dry_run=options["dry_run"]
        )
        self.stdout.write(
            f"digests {result.people}, sent {result.sent}, without e-mail {result.without_email}"
            + (" (dry run)" if options["dry_run"] else "")
        )

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.dateparse import parse_date

from parindex.metrics.summary import send_summary
from parindex.org.models import Agency


class Command(BaseCommand):
    help = (
        "E-mail leaders and unit heads (each within their scope) the points at risk and what "
        "changed since the last summary; nothing is sent when nothing is at risk. Run weekly."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", help="only this agency (code)")
        parser.add_argument("--base-url", default=None, help="site address for links")
        parser.add_argument("--today", help="the day of the summary, YYYY-MM-DD (default today)")
        parser.add_argument("--dry-run", action="store_true", help="count, send nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = None
        if options.get("agency"):
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                raise CommandError(f"no agency {options['agency']!r}")
        today = None
        if options.get("today"):
            today = parse_date(options["today"])
            if today is None:
                raise CommandError("--today must be YYYY-MM-DD")
        result = send_summary(
            agency=agency, today=today, base_url=options["base_url"], dry_run=options["dry_run"]
        )
        self.stdout.write(
            f"agencies {result.agencies}, sent {result.sent}, without e-mail {result.without_email}"
            + (" (dry run)" if options["dry_run"] else "")
        )

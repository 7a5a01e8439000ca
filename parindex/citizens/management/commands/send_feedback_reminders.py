import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from parindex.citizens.services.feedback import feedback_send_reminders
from parindex.org.models import Agency


class Command(BaseCommand):
    help = (
        "E-mail reminders about feedback due within the agency's reminder days or overdue "
        "(run daily, e.g. 0 7 * * 1-5)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", help="only this agency")
        parser.add_argument("--today", type=dt.date.fromisoformat, help="YYYY-MM-DD")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = (
            Agency.objects.filter(code=options["agency"]).first() if options["agency"] else None
        )
        items = feedback_send_reminders(
            today=options["today"], agency=agency, dry_run=options["dry_run"]
        )
        for item in items:
            self.stdout.write(f"{item.code} due {item.due_on.isoformat()}")
        self.stdout.write(f"reminders: {len(items)}")

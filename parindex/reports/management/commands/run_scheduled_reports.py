"""`parindex run_scheduled_reports [--date YYYY-MM-DD]`: generate the reports whose period has
ended (each schedule once per period) into the recipients' inboxes and by e-mail. Run it daily
from cron or a systemd timer (docs/reports.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from parindex.reports import services


class Command(BaseCommand):
    help = "Generate scheduled reports for the last finished period (idempotent; run daily)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", type=dt.date.fromisoformat, help="today's date (default: the local date)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = options.get("date") or timezone.localdate()
        made = services.run_scheduled(today=today)
        for run in made:
            self.stdout.write(
                f"{run.agency.code} {run.type_key} {run.period.key}: "
                f"{run.deliveries.count()} recipient(s)"
            )
        self.stdout.write(f"generated {len(made)} report(s)")

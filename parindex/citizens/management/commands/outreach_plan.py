import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from parindex.citizens.models import OutreachActivity
from parindex.citizens.selectors import outreach_effect, outreach_plan
from parindex.common.commands import print_json
from parindex.org.models import Agency


class Command(BaseCommand):
    help = (
        "The outreach plan of a year against what was done, by unit, and for each activity "
        "targeting procedures their online share three months before and after."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True)
        parser.add_argument("--year", type=int, default=dt.date.today().year)  # noqa: DTZ011
        parser.add_argument("--format", choices=("json",), default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(f"no agency {options['agency']!r}")
        document = outreach_plan(agency, options["year"])
        activities = (
            OutreachActivity.objects.filter(agency=agency, planned_on__year=options["year"])
            .select_related("unit", "agency")
            .prefetch_related("procedures")
            .order_by("planned_on", "pk")
        )
        document["activities"] = [
            {
                "id": a.pk,
                "unit": a.unit.code,
                "kind": a.kind,
                "topic": a.topic,
                "planned_on": a.planned_on.isoformat(),
                "done_on": a.done_on.isoformat() if a.done_on else None,
                "procedures": outreach_effect(a),
            }
            for a in activities
        ]
        print_json(self, document)

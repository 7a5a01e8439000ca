from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from parindex.common.commands import command_actor, print_json
from parindex.org.models import Province
from parindex.province import selectors, services


class Command(BaseCommand):
    help = (
        "Every agency of a province for a year (JSON); with --refresh, first recompute the "
        "projected index and points at risk the province page shows."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--province", help="province code (default: the only one)")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--refresh", action="store_true")
        parser.add_argument("--user", help="user name to record as the actor")

    def handle(self, *args: Any, **options: Any) -> None:
        code = options.get("province")
        provinces = Province.objects.filter(code=code) if code else Province.objects.all()
        found = list(provinces[:2])
        if len(found) != 1:
            raise CommandError("name one province with --province CODE")
        province = found[0]
        actor = command_actor(options)
        if actor is not None:
            # The same rule as the page and the API: the province's roles only.
            province = selectors.get_province_for_user(actor, province.code)
        if options["refresh"]:
            services.standings_refresh(actor=actor, province=province, year=options["year"])
        rows = selectors.province_rows(province, options["year"])
        print_json(
            self,
            [
                {
                    "agency": r.agency.code,
                    "stage": r.stage,
                    "appraised_index": None
                    if r.appraised_index is None
                    else float(r.appraised_index),
                    "projected_index": None
                    if r.projected_index is None
                    else float(r.projected_index),
                    "points_at_risk": None if r.points_at_risk is None else float(r.points_at_risk),
                    "online_share": r.online_share,
                    "on_time_rate": r.on_time_rate,
                    "received": r.received,
                }
                for r in rows
            ],
        )

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from parindex.dossiers.management.commands._base import get_agency
from parindex.dossiers.models import Dossier
from parindex.dossiers.services.counts import dossier_counts_rebuild
from parindex.org.models import Agency


class Command(BaseCommand):
    help = (
        "Recompute the dossier counts the figures read from the stored dossiers (after a load "
        "that bypassed the import, or a restore)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", help="only this agency (default: every agency)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["agency"]:
            agencies = [get_agency(options["agency"])]
        else:
            ids = Dossier.objects.values_list("agency_id", flat=True).distinct()
            agencies = list(Agency.objects.filter(pk__in=ids).order_by("code"))
        for agency in agencies:
            read = dossier_counts_rebuild(agency.pk)
            self.stdout.write(f"{agency.code}: counts rebuilt from {read} dossiers")

from typing import Any

from parindex.common.commands import print_json
from parindex.dossiers.management.commands._base import AgencyPeriodCommand
from parindex.dossiers.measures import apology_figures


class Command(AgencyPeriodCommand):
    help = (
        "Dossiers resolved late or pending and overdue, with and without an apology slip "
        "(form 04; docs/dossiers.md)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        print_json(self, apology_figures(*self.period(options)))

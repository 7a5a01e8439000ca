from typing import Any

from parindex.common.commands import print_json
from parindex.dossiers.management.commands._base import AgencyPeriodCommand
from parindex.dossiers.measures import publication_figures


class Command(AgencyPeriodCommand):
    help = (
        "Procedures whose legal basis takes effect in the period, published on time or not "
        "(Decision 766; docs/dossiers.md)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        print_json(self, publication_figures(*self.period(options)))

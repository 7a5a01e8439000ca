from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from parindex.citizens.selectors import GROUPINGS, survey_index
from parindex.citizens.services.surveys import get_survey
from parindex.common import tabular
from parindex.common.commands import print_json
from parindex.common.errors import DomainError


class Command(BaseCommand):
    help = "The satisfaction index of a survey, in total and by unit, procedure or channel (docs/formats.md §10)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, help="agency code")
        parser.add_argument("--survey", required=True, help="survey code")
        parser.add_argument("--from", dest="date_from", help="first day (default 1 January)")
        parser.add_argument("--to", dest="date_to", help="last day (default 31 December)")
        parser.add_argument("--by", choices=GROUPINGS)
        parser.add_argument("--format", choices=("json", "text"), default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            survey = get_survey(options["agency"], options["survey"])
            d1 = tabular.parse_date(options["date_from"]) if options["date_from"] else None
            d2 = tabular.parse_date(options["date_to"]) if options["date_to"] else None
            document = survey_index(survey, d1, d2, by=options["by"])
        except (DomainError, ValueError) as exc:
            raise CommandError(str(exc)) from None
        if options["format"] == "json":
            print_json(self, document)
            return
        for block in [document["total"], *document["groups"]]:
            index = block["index"]
            name = block.get("key", "total")
            shown = "—" if index is None else f"{index * 100:.1f} %"
            self.stdout.write(f"{name}: {block['responses']} forms, index {shown}")

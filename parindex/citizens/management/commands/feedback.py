from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from parindex.citizens.models import FeedbackItem
from parindex.citizens.services import feedback as services
from parindex.common.commands import ImportCommand, print_json
from parindex.common.errors import DomainError
from parindex.org.models import Unit


class Command(BaseCommand):
    help = (
        "Feedback on procedures: list an agency's items, assign one to a unit, answer it, "
        "publish the answer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=("list", "assign", "answer", "publish"))
        parser.add_argument("code", nargs="?", help="tracking code (assign, answer, publish)")
        parser.add_argument("--agency", help="agency code (list)")
        parser.add_argument("--unit", help="unit code (assign)")
        parser.add_argument("--text", help="the answer (answer)")
        parser.add_argument("--user", help="user name recorded as the actor")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = ImportCommand.actor(self, options)
        action = options["action"]
        if action == "list":
            items = FeedbackItem.objects.select_related("unit", "agency").order_by("received_at")
            if options["agency"]:
                items = items.filter(agency__code=options["agency"])
            today = timezone.localdate()
            print_json(
                self,
                [
                    {
                        "code": i.code,
                        "agency": i.agency.code,
                        "kind": i.kind,
                        "subject": i.subject,
                        "state": i.state,
                        "unit": i.unit.code if i.unit else None,
                        "due_on": i.due_on.isoformat(),
                        "answered_on": i.answered_on.isoformat() if i.answered_on else None,
                        "overdue": i.is_overdue(today),
                    }
                    for i in items
                ],
            )
            return
        item = FeedbackItem.objects.filter(code=(options["code"] or "").upper()).first()
        if item is None:
            raise CommandError(f"no feedback {options['code']!r}")
        try:
            if action == "assign":
                unit = Unit.objects.filter(agency=item.agency, code=options["unit"] or "").first()
                if unit is None:
                    raise CommandError(f"no unit {options['unit']!r}")
                services.feedback_assign(actor=actor, item=item, unit=unit)
            elif action == "answer":
                services.feedback_answer(actor=actor, item=item, answer=options["text"] or "")
            else:
                services.feedback_publish(actor=actor, item=item)
        except (DomainError, PermissionDenied) as exc:
            raise CommandError(str(exc) or "permission denied") from None
        self.stdout.write(f"{item.code}: {item.state}")

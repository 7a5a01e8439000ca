import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from parindex.common.commands import print_json
from parindex.org.models import Agency
from parindex.workplan.choices import TaskStatus
from parindex.workplan.models import Task
from parindex.workplan.models import today as local_today
from parindex.workplan.selectors import on_time_rate


class Command(BaseCommand):
    help = "List an agency's tasks with their derived deadline state (text or --format json)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, help="agency code")
        parser.add_argument("--year", type=int, help="plan year (default: this year)")
        parser.add_argument("--plan", help="plan code")
        parser.add_argument("--unit", help="lead unit code")
        parser.add_argument("--format", choices=("text", "json"), default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(f"no agency {options['agency']!r}")
        on = local_today()
        year = options.get("year") or on.year
        tasks = (
            Task.objects.filter(agency=agency, plan__year=year)
            .select_related("plan", "lead_unit")
            .prefetch_related("cooperating_units", "assignees")
        )
        unit = None
        if options.get("plan"):
            tasks = tasks.filter(plan__code=options["plan"])
        if options.get("unit"):
            unit = agency.units.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"no unit {options['unit']!r} in {agency.code}")
            tasks = tasks.filter(lead_unit=unit)
        rows = [_row(t, on) for t in tasks.order_by("due_date", "id")]
        if options["format"] == "json":
            print_json(
                self,
                {
                    "agency": agency.code,
                    "year": year,
                    "as_of": on.isoformat(),
                    "on_time_rate": on_time_rate(agency, unit, year),
                    "tasks": rows,
                },
            )
            return
        for r in rows:
            self.stdout.write(
                f"{r['due_date']}  {r['lead_unit']:<8} {r['state']:<13} "
                f"{r['progress']:>3}%  {r['title']}"
            )
        self.stdout.write(f"{len(rows)} tasks")


def _row(task: Task, on: dt.date) -> dict[str, Any]:
    if task.status == TaskStatus.DONE:
        state = "done_late" if task.finished_late else "done_on_time"
    elif task.status == TaskStatus.CANCELLED:
        state = "cancelled"
    elif task.is_overdue(on):
        state = "overdue"
    elif task.is_due_soon(on):
        state = "due_soon"
    else:
        state = "on_track"
    return {
        "id": task.pk,
        "plan": task.plan.code,
        "title": task.title,
        "lead_unit": task.lead_unit.code,
        "cooperating_units": [u.code for u in task.cooperating_units.all()],
        "assignees": [u.username for u in task.assignees.all()],
        "start_date": task.start_date.isoformat() if task.start_date else None,
        "due_date": task.due_date.isoformat(),
        "status": task.status,
        "progress": task.progress,
        "done_at": task.done_at.isoformat() if task.done_at else None,
        "state": state,
        "criteria": list(task.criteria or []),
    }

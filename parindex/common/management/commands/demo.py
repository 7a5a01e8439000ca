from importlib import import_module
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from parindex.org.demo import DEMO_PASSWORD, PEOPLE, build_organisation


class Command(BaseCommand):
    help = "Create or refresh the demo agency and its data (idempotent, re-runnable)."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            ctx = build_organisation(out=self.stdout)
            for config in apps.get_app_configs():
                if not config.name.startswith("parindex.") or config.label == "org":
                    continue
                try:
                    module = import_module(f"{config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{config.name}.demo":
                        raise
                    continue
                module.load(ctx)
        self.stdout.write(f"Demo agency: {ctx.agency.name} ({ctx.agency.code})")
        self.stdout.write(f"Demo log-ins (password {DEMO_PASSWORD}):")
        for username, full_name, _position, role, _target in PEOPLE:
            self.stdout.write(f"  {username:<12} {role.label:<28} {full_name}")

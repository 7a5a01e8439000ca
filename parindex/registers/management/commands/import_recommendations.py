from parindex.registers.management.commands._base import RegisterImportCommand
from parindex.registers.services import import_recommendations


class Command(RegisterImportCommand):
    help = "Import recommendations of an agency (docs/registers.md)."
    importer = staticmethod(import_recommendations)

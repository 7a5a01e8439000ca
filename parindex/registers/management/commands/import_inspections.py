from parindex.registers.management.commands._base import RegisterImportCommand
from parindex.registers.services import import_inspections


class Command(RegisterImportCommand):
    help = "Import inspections of an agency (docs/registers.md)."
    importer = staticmethod(import_inspections)

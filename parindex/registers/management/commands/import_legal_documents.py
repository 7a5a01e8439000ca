from parindex.registers.management.commands._base import RegisterImportCommand
from parindex.registers.services import import_legal_documents


class Command(RegisterImportCommand):
    help = "Import the legal documents of the drafting plan of an agency (docs/registers.md)."
    importer = staticmethod(import_legal_documents)

from parindex.common.commands import AgencyImportCommand
from parindex.people.services import find_agency, import_training


class Command(AgencyImportCommand):
    help = "Import an agency's training plan and completions from XLSX/CSV (docs/people.md)."
    importer = staticmethod(import_training)
    find_agency = staticmethod(find_agency)

from parindex.common.commands import AgencyImportCommand
from parindex.people.services import find_agency, import_positions


class Command(AgencyImportCommand):
    help = "Import the job-position scheme of an agency from XLSX/CSV (docs/people.md)."
    importer = staticmethod(import_positions)
    find_agency = staticmethod(find_agency)

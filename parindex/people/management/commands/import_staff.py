from parindex.common.commands import AgencyImportCommand
from parindex.people.services import find_agency, import_staff


class Command(AgencyImportCommand):
    help = "Import an agency's staff records (personal data) from XLSX/CSV (docs/people.md)."
    importer = staticmethod(import_staff)
    find_agency = staticmethod(find_agency)

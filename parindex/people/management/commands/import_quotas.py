from parindex.common.commands import AgencyImportCommand
from parindex.people.services import find_agency, import_quotas


class Command(AgencyImportCommand):
    help = "Import the yearly staffing quotas (biên chế) of the units of an agency from XLSX/CSV (docs/people.md)."
    importer = staticmethod(import_quotas)
    find_agency = staticmethod(find_agency)

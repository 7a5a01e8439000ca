from parindex.registers.figures import INSPECTION_KEYS, inspection_figures
from parindex.registers.management.commands._base import FiguresCommand


class Command(FiguresCommand):
    help = "Figures of inspections and recommendations for a year (docs/registers.md)."
    keys = INSPECTION_KEYS

    def compute(self, agency, year, as_of):
        return inspection_figures(agency, year, as_of)

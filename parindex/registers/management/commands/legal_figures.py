from parindex.registers.figures import LEGAL_KEYS, legal_figures
from parindex.registers.management.commands._base import FiguresCommand


class Command(FiguresCommand):
    help = "Figures of the legal-document register for a plan year (docs/registers.md)."
    keys = LEGAL_KEYS

    def compute(self, agency, year, as_of):
        return legal_figures(agency, year, as_of)

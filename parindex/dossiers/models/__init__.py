"""The procedure catalogue (TTHC), dossiers (hồ sơ), their counts, Decision 766 records,
import history and calendar overrides. One module per aggregate; everything is importable from
here as before."""

from parindex.dossiers.models.catalogue import Procedure
from parindex.dossiers.models.counts import DossierCount
from parindex.dossiers.models.dossiers import APOLOGIZE, Dossier
from parindex.dossiers.models.measures import ApologySlip, ProcedureReview, _slip_path
from parindex.dossiers.models.runs import CalendarDay, ImportRun

__all__ = [
    "APOLOGIZE",
    "ApologySlip",
    "CalendarDay",
    "Dossier",
    "DossierCount",
    "ImportRun",
    "Procedure",
    "ProcedureReview",
    "_slip_path",
]

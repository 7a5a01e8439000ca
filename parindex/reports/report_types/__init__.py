"""The report types; importing this package registers them all."""

from parindex.reports.report_types import dossiers, implementation, ledger, notice, self_assessment

__all__ = ["dossiers", "implementation", "ledger", "notice", "self_assessment"]

"""The report types: registered by key, each knowing its data, its text sections and its layout.

A type gives: `key`, `label` (screen name), `doc_name` and `type_code` (Decree 30: BÁO CÁO/BC,
THÔNG BÁO/TB, KẾ HOẠCH/KH, QUYẾT ĐỊNH/QĐ), the period kinds it accepts, its default editable
`sections` (Vietnamese texts; `{agency}`, `{period}`, `{year}` are filled in when a run is
created), `build_snapshot(agency, period) -> dict` (JSON-safe, frozen with the run) and
`render(doc, run)`, which writes the body with a `ContentBuilder`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from parindex.common.errors import DomainError
from parindex.reports.choices import PeriodKind


@dataclass(frozen=True)
class Section:
    key: str
    title: str  # as printed in the document, e.g. "III. KHÓ KHĂN, VƯỚNG MẮC"
    default: str = ""
    label: str = ""  # the form's label where the section prints no title

    @property
    def form_label(self) -> str:
        return self.label or self.title


class ReportType:
    key: str = ""
    label: Any = ""
    doc_name: str = "BÁO CÁO"
    type_code: str = "BC"
    period_kinds: tuple[str, ...] = tuple(PeriodKind.values)
    sections: tuple[Section, ...] = ()
    has_conclusions: bool = False
    default_authority: str = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
    summary_template: str = ""

    def default_summary(self, agency: Any, period: Any) -> str:
        return self.summary_template.format(period=period.label, year=period.year)

    def default_sections(self, agency: Any, period: Any) -> dict[str, str]:
        values = {"agency": agency.name, "period": period.label, "year": period.year}
        return {s.key: s.default.format(**values) for s in self.sections}

    def build_snapshot(self, agency: Any, period: Any) -> dict[str, Any]:
        return {}

    def render(self, doc: Any, run: Any) -> None:  # pragma: no cover - each type overrides
        raise NotImplementedError

    def section(self, doc: Any, run: Any, key: str) -> None:
        """Write one editable section: its heading and the author's text."""
        spec = next(s for s in self.sections if s.key == key)
        if spec.title:
            doc.heading(spec.title)
        doc.paragraph(run.section_text(key))


_TYPES: dict[str, ReportType] = {}


def register(report_type: type[ReportType]) -> type[ReportType]:
    instance = report_type()
    _TYPES[instance.key] = instance
    return report_type


def get_type(key: str) -> ReportType:
    try:
        return _TYPES[key]
    except KeyError:
        raise DomainError(
            _("Unknown report type %(key)s.") % {"key": key}, field="report_type"
        ) from None


def all_types() -> list[ReportType]:
    return list(_TYPES.values())


def type_choices() -> list[tuple[str, Any]]:
    return [(t.key, t.label) for t in _TYPES.values()]

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from parindex.common.listing import Column


def _percent(value: float | None) -> Decimal | None:
    return None if value is None else (Decimal(str(value)) * 100).quantize(Decimal("0.1"))


def _points(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.01"))


PROVINCE_COLUMNS = (
    Column(_("Code"), "agency.code", link=True),
    Column(_("Agency"), "agency.name"),
    Column(_("Stage"), "stage_label"),
    Column(_("Appraised index"), lambda r: _points(r.appraised_index), numeric=True),
    Column(_("Projected index"), lambda r: _points(r.projected_index), numeric=True),
    Column(_("Points at risk"), lambda r: _points(r.points_at_risk), numeric=True),
    Column(_("Online share (%)"), lambda r: _percent(r.online_share), numeric=True),
    Column(_("On-time rate (%)"), lambda r: _percent(r.on_time_rate), numeric=True),
    Column(_("Dossiers received"), "received", numeric=True),
)

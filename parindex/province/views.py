"""The province page: every agency of the province on one list, for the province's roles."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parindex.common.db import reads_from_replica
from parindex.common.errors import DomainError
from parindex.common.listing import render_list
from parindex.metrics.selectors import current_year
from parindex.province import selectors, services
from parindex.province.filters import ProvinceAgencyFilter
from parindex.province.forms import RefreshForm
from parindex.province.tables import PROVINCE_COLUMNS


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year") or current_year())
    except ValueError:
        return current_year()
    return year if 2000 <= year <= 2100 else current_year()


@login_required
def index(request: HttpRequest) -> HttpResponse:
    province = selectors.provinces_for_user(request.user).first()
    if province is None:
        raise PermissionDenied
    return redirect("province:page", code=province.code)


@login_required
@reads_from_replica
def page(request: HttpRequest, code: str) -> HttpResponse:
    province = selectors.get_province_for_user(request.user, code)
    year = _year(request)
    agencies = selectors.province_agencies(province)
    filterset = ProvinceAgencyFilter(
        request.GET or None, queryset=agencies, request=request, year=year
    )
    if filterset.is_bound and filterset.is_valid():
        agencies = filterset.qs.distinct().order_by("code")
    rows = selectors.province_rows(province, year, agencies=agencies)
    return render_list(
        request,
        queryset=rows,
        columns=PROVINCE_COLUMNS,
        title=_("%(province)s: every agency in %(year)s") % {"province": province, "year": year},
        template="province/page.html",
        export_name=f"tinh-{province.code}-{year}",
        context={
            "filter": filterset,
            "province": province,
            "year": year,
            "summary": selectors.province_summary(rows),
            "refresh_form": RefreshForm(initial={"year": year}),
        },
    )


@login_required
@require_POST
def refresh(request: HttpRequest, code: str) -> HttpResponse:
    province = selectors.get_province_for_user(request.user, code)
    form = RefreshForm(request.POST)
    year = current_year()
    if form.is_valid():
        year = form.cleaned_data["year"]
        try:
            count = services.standings_refresh(actor=request.user, province=province, year=year)
            messages.success(
                request, _("Standings computed for %(count)s agencies.") % {"count": count}
            )
        except DomainError as exc:
            messages.error(request, exc.message)
    return redirect(f"{request.path.rsplit('refresh/', 1)[0]}?year={year}")

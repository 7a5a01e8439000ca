"""The main navigation: every module's entry, shown to the roles that may open it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from parindex.org import access
from parindex.org.access import Scope


@dataclass(frozen=True)
class NavItem:
    key: str
    label: Any
    url_name: str
    admin_only: bool = False
    #: Shown only to users this says may open the page (None: everyone signed in).
    visible: Callable[[Scope], bool] | None = None
    province_only: bool = False  # shown to the province's roles and administrators

    def url(self) -> str:
        return reverse(self.url_name)


MAIN_NAV = (
    NavItem("home", _("Overview"), "home:overview"),
    NavItem("scorecards", _("PAR Index"), "scorecards:index"),
    NavItem("dossiers", _("Procedures & dossiers"), "dossiers:index"),
    NavItem("workplan", _("Plans & tasks"), "workplan:index"),
    NavItem(
        "registers",
        _("Institutions & inspection"),
        "registers:index",
        visible=access.sees_agencies,
    ),
    NavItem("citizens", _("Citizens' voice"), "citizens:index"),
    NavItem("staffing", _("Staff"), "people:index", visible=access.may_open_people),
    NavItem("reports", _("Reports"), "reports:index"),
    NavItem("province", _("Province"), "province:index", province_only=True),
)
ADMIN_NAV = (
    NavItem("units", _("Units"), "org:unit_list"),
    NavItem("people", _("People"), "org:person_list"),
    NavItem("audit", _("Audit trail"), "audit:list", admin_only=True),
)


def nav_for(scope: Scope, path: str) -> dict[str, list[dict[str, Any]]]:
    def entry(item: NavItem) -> dict[str, Any]:
        url = item.url()
        active = bool(url) and (path == url if url == "/" else path.startswith(url))
        return {"key": item.key, "label": item.label, "url": url, "active": active}

    may_audit = access.may_read_audit(scope)
    return {
        "main": [
            entry(i)
            for i in MAIN_NAV
            if (not i.province_only or access.is_province_staff(scope))
            and (i.visible is None or i.visible(scope))
        ],
        "admin": [entry(i) for i in ADMIN_NAV if not i.admin_only or may_audit],
    }

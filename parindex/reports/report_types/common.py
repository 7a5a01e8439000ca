"""Pieces several report types print: the dossier figures, score tables, small helpers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from parindex.common.numbers import vn_number, vn_percent
from parindex.reports.content import ContentBuilder, TableColumn

ONLINE_TARGET = Decimal("0.5")

DOSSIER_COLUMNS = [
    TableColumn("Đơn vị / kỳ", "text"),
    TableColumn("Tiếp nhận", "int", width_mm=18),
    TableColumn("Trực tuyến", "int", width_mm=18),
    TableColumn("Đã giải quyết", "int", width_mm=18),
    TableColumn("Đúng và trước hạn", "int", width_mm=20),
    TableColumn("Quá hạn", "int", width_mm=15),
    TableColumn("Đang giải quyết", "int", width_mm=18),
    TableColumn("Tỷ lệ trực tuyến", "percent", width_mm=18),
]


def dossier_row(label: str, figures: dict[str, Any]) -> list[Any]:
    return [
        label,
        figures.get("received"),
        figures.get("received_online"),
        figures.get("resolved"),
        (figures.get("early") or 0) + (figures.get("on_time") or 0),
        figures.get("late"),
        figures.get("pending"),
        figures.get("online_share"),
    ]


def dossier_paragraph(total: dict[str, Any], period_label: str) -> str:
    share = total.get("online_share")
    verdict = ""
    if share is not None:
        reached = Decimal(str(share)) >= ONLINE_TARGET
        verdict = (
            " (đạt chỉ tiêu tối thiểu 50 %)." if reached else " (chưa đạt chỉ tiêu tối thiểu 50 %)."
        )
    return (
        f"Trong {period_label}, tiếp nhận {vn_number(total.get('received'), 0)} hồ sơ, trong "
        f"đó trực tuyến {vn_number(total.get('received_online'), 0)} hồ sơ, tỷ lệ hồ sơ trực "
        f"tuyến đạt {vn_percent(share)}{verdict or '.'} Đã giải quyết "
        f"{vn_number(total.get('resolved'), 0)} hồ sơ, trong đó đúng và trước hạn "
        f"{vn_number((total.get('early') or 0) + (total.get('on_time') or 0), 0)} hồ sơ "
        f"(tỷ lệ {vn_percent(total.get('on_time_rate'))}), quá hạn "
        f"{vn_number(total.get('late'), 0)} hồ sơ; đang giải quyết "
        f"{vn_number(total.get('pending'), 0)} hồ sơ, trong đó quá hạn "
        f"{vn_number(total.get('pending_overdue'), 0)} hồ sơ."
    )


def dossier_tables(doc: ContentBuilder, figures: dict[str, Any], period_label: str) -> None:
    total = figures.get("total") or {}
    doc.paragraph(dossier_paragraph(total, period_label))
    rows = [
        dossier_row(g.get("label") or g.get("key", ""), g) for g in figures.get("by_unit") or []
    ]
    rows.append(dossier_row("Tổng cộng", total))
    doc.table(
        DOSSIER_COLUMNS,
        rows,
        title="Kết quả tiếp nhận, giải quyết hồ sơ theo đơn vị",
        sheet="Hồ sơ theo đơn vị",
        bold_rows={len(rows) - 1},
    )
    months = figures.get("by_month") or []
    if len(months) > 1:
        doc.table(
            DOSSIER_COLUMNS,
            [dossier_row(g.get("label") or g.get("key", ""), g) for g in months],
            title="Kết quả tiếp nhận, giải quyết hồ sơ theo tháng",
            sheet="Hồ sơ theo tháng",
        )


SCORE_COLUMNS = [
    TableColumn("Mã", "text", width_mm=18),
    TableColumn("Lĩnh vực, tiêu chí, tiêu chí thành phần", "text"),
    TableColumn("Điểm tối đa", "number", 2, width_mm=22),
    TableColumn("Điểm tự đánh giá", "number", 2, width_mm=25),
    TableColumn("Điểm thẩm định", "number", 2, width_mm=25),
    TableColumn("Đơn vị chủ trì", "text", width_mm=25),
]


def score_rows(nodes: list[dict[str, Any]], *, top_only: bool = False) -> list[list[Any]]:
    rows = []
    for node in nodes:
        if top_only and "." in str(node.get("code", "")):
            continue
        rows.append(
            [
                node.get("code"),
                node.get("title"),
                node.get("max"),
                node.get("self"),
                node.get("appraised"),
                node.get("lead_unit") or "",
            ]
        )
    return rows


def leaves(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    codes = [str(n.get("code", "")) for n in nodes]
    return [n for n in nodes if not any(c.startswith(f"{n.get('code')}.") for c in codes)]


def unit_name(snapshot_units: dict[str, str], code: str) -> str:
    return snapshot_units.get(code) or code


def agency_units(agency: Any) -> dict[str, str]:
    return {u.code: u.name for u in agency.units.filter(is_active=True).order_by("code")}

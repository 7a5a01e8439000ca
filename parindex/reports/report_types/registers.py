"""Report paragraphs read from the registers app: legal documents and reviews (institutions),
inspections, PAR checks and their recommendations (inspection)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from parindex.common.numbers import vn_number, vn_percent
from parindex.reports.content import TableColumn
from parindex.reports.formatting import short_date

VERDICTS = {
    "valid": "còn phù hợp",
    "amend": "cần sửa đổi, bổ sung",
    "replace": "cần thay thế",
    "repeal": "cần bãi bỏ",
}


def _day(value: str | None):
    return short_date(dt.date.fromisoformat(value)) if value else ""


def _late_table(
    doc: Any,
    items: list[dict[str, Any]] | None,
    *,
    what: str,
    key: str,
    unit: str,
    due: str,
    code_width: int,
    title: str,
    sheet: str,
) -> None:
    """A table of the items past their deadline (none: no table), under the headings code,
    ``what`` (the item's ``key``), ``unit`` in charge and ``due`` date."""
    if not items:
        return
    doc.table(
        [
            TableColumn("Mã", "text", width_mm=code_width),
            TableColumn(what, "text"),
            TableColumn(unit, "text", width_mm=25),
            TableColumn(due, "text", width_mm=25),
        ],
        [[item["code"], item[key], item["unit"], _day(item["due"])] for item in items],
        title=title,
        sheet=sheet,
    )


def legal_paragraphs(doc: Any, data: dict[str, Any]) -> None:
    legal = data["legal"]["total"]
    doc.paragraph(
        f"Theo kế hoạch xây dựng văn bản quy phạm pháp luật năm {data['legal']['year']}, Sở "
        f"được giao chủ trì {vn_number(legal['planned'], 0)} văn bản; đã trình "
        f"{vn_number(legal['submitted'], 0)} văn bản, trong đó đúng tiến độ "
        f"{vn_number(legal['submitted_on_time'], 0)}, chậm tiến độ "
        f"{vn_number(legal['submitted_late'], 0)}; quá hạn chưa trình "
        f"{vn_number(legal['overdue'], 0)}; chưa đến hạn {vn_number(legal['not_due'], 0)}; "
        f"đã ban hành {vn_number(legal['issued'], 0)} (tỷ lệ trình đúng tiến độ "
        f"{vn_percent(legal['on_time_rate'])})."
    )
    _late_table(
        doc,
        data.get("late_documents"),
        what="Văn bản",
        key="title",
        unit="Đơn vị chủ trì",
        due="Hạn trình",
        code_width=20,
        title="Văn bản chậm tiến độ so với kế hoạch",
        sheet="Văn bản chậm tiến độ",
    )
    reviews = data.get("reviews") or {}
    if reviews.get("count"):
        verdicts = reviews.get("verdicts") or {}
        parts = [
            f"{vn_number(verdicts[key], 0)} văn bản {label}"
            for key, label in VERDICTS.items()
            if verdicts.get(key)
        ]
        doc.paragraph(
            f"Đã thực hiện {vn_number(reviews['count'], 0)} đợt rà soát, tự kiểm tra văn bản: "
            + "; ".join(parts)
            + "."
        )


def inspection_paragraphs(doc: Any, data: dict[str, Any]) -> None:
    total = data["inspections"]["total"]
    doc.paragraph(
        f"Triển khai {vn_number(total['planned'], 0)} cuộc thanh tra, kiểm tra theo kế hoạch "
        f"(kể cả kiểm tra công tác cải cách hành chính các đơn vị), đã ban hành kết luận "
        f"{vn_number(total['planned_done'], 0)} cuộc (tỷ lệ {vn_percent(total['plan_rate'])}); "
        f"{vn_number(total['unplanned_done'], 0)} cuộc đột xuất đã kết luận; "
        f"{vn_number(total['conclusions_late'], 0)} cuộc kết luận chậm so với thời hạn."
    )
    doc.paragraph(
        f"Kiến nghị sau thanh tra, kiểm tra, rà soát và thẩm định đến hạn: "
        f"{vn_number(total['rec_due'], 0)}; đã thực hiện đúng hạn "
        f"{vn_number(total['rec_done_on_time'], 0)}, trễ hạn "
        f"{vn_number(total['rec_done_late'], 0)}; quá hạn chưa thực hiện "
        f"{vn_number(total['rec_overdue'], 0)}; chưa đến hạn {vn_number(total['rec_open'], 0)} "
        f"(tỷ lệ thực hiện đúng hạn {vn_percent(total['rec_rate'])})."
    )
    _late_table(
        doc,
        data.get("overdue_recommendations"),
        what="Kiến nghị",
        key="text",
        unit="Đơn vị thực hiện",
        due="Hạn xử lý",
        code_width=22,
        title="Kiến nghị quá hạn chưa thực hiện",
        sheet="Kiến nghị quá hạn",
    )

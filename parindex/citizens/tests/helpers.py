"""Small builders shared by the citizens tests."""

from __future__ import annotations

import csv
import datetime as dt
import json
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.utils import timezone

from parindex.citizens.services.outreach import outreach_create
from parindex.dossiers.models import Dossier, Procedure

QUESTIONS = [
    ("Q1", "Thông tin về thủ tục dễ tìm?", "tiếp cận dịch vụ"),
    ("Q2", "Thành phần hồ sơ hợp lý?", "thủ tục hành chính"),
    ("Q3", "Công chức lịch sự?", "công chức"),
    ("Q4", "Kết quả đúng quy định?", "kết quả"),
    ("Q5", "Phản ánh được tiếp nhận?", "tiếp nhận, xử lý phản ánh"),
    ("Q6", "Thời gian giải quyết hợp lý?", "thu_tuc"),
]


def write_csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    return path


def question_file(tmp_path: Path, questions=QUESTIONS) -> Path:
    return write_csv(
        tmp_path / "questions.csv",
        [["Mã câu hỏi", "Nội dung", "Yếu tố"], *[list(q) for q in questions]],
    )


def make_survey(tmp_path: Path, *, code: str = "KS", year: int = 2026, questions=QUESTIONS):
    from parindex.citizens.models import Survey

    call_command(
        "import_survey",
        str(question_file(tmp_path, questions)),
        agency="SKHCN",
        code=code,
        year=str(year),
        stdout=StringIO(),
        stderr=StringIO(),
    )
    return Survey.objects.get(agency__code="SKHCN", code=code)


def index_json(**options) -> dict:
    out = StringIO()
    call_command("survey_index", agency="SKHCN", format="json", stdout=out, **options)
    return json.loads(out.getvalue())


def make_procedure(agency, code: str, unit=None, **extra) -> Procedure:
    return Procedure.objects.create(
        agency=agency, code=code, name=f"Thủ tục {code}", unit=unit, **extra
    )


def make_dossier(agency, procedure, code: str, *, unit=None, channel: int = 1, day=None) -> Dossier:
    day = day or timezone.localdate()
    received = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
    return Dossier.objects.create(
        agency=agency,
        code=code,
        procedure=procedure,
        unit=unit or procedure.unit,
        channel=channel,
        received_at=received,
        due_at=received + dt.timedelta(days=10),
        status=2,
        received_on=day,
        due_on=day + dt.timedelta(days=10),
    )


def make_outreach(org, unit, kind: str, topic: str, planned_on: dt.date, *, actor=None, **fields):
    """An outreach activity of the agency by `unit`, planned for `planned_on`."""
    fields.update(unit=unit, kind=kind, topic=topic, planned_on=planned_on)
    return outreach_create(actor=actor, agency=org.agency, **fields)

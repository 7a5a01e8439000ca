"""The demo's notice of conclusions is the director's real notice: eleven conclusions, each
handed to its units as tracked tasks."""

import pytest
from django.core.management import call_command

from parindex.reports.demo import CONCLUSIONS
from parindex.reports.models import ReportRun
from parindex.workplan.models import Task


@pytest.mark.django_db
def test_the_demo_notice_carries_eleven_conclusions_each_a_task_for_each_of_its_units():
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    notice = ReportRun.objects.get(type_key="conclusion_notice", status="issued", number=12)
    assert len(notice.conclusions) == 11
    assert "sáng kiến" in notice.conclusions[2]["text"]
    assert notice.conclusions[6]["units"] == ["TTRA"]
    tasks = Task.objects.filter(plan__code="TBKL-2026").select_related("lead_unit")
    for number, conclusion in enumerate(CONCLUSIONS, start=1):
        source = f"12/TB-SKHCN ngày 05/02/2026, kết luận {number}"
        units = sorted(t.lead_unit.code for t in tasks if t.description.endswith(source))
        assert units == sorted(conclusion["units"]), number
        assert all(len(t.title) <= 500 for t in tasks)

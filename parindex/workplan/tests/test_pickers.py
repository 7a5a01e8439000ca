"""People pickers are searchable and name each person's unit (two people may share a name)."""

from django.utils import translation

from parindex.org.models import Unit
from parindex.workplan.forms import TaskForm


def test_the_assignee_picker_is_searchable_and_names_each_persons_unit(org, plan):
    with translation.override("vi"):
        form = TaskForm(plan=plan, lead_units=Unit.objects.filter(agency=org.agency))
        html = str(form["assignees"])
    assert 'data-searchable="Tìm…"' in html
    assert "Cv_A — QLCN" in html and "Truong_B — TDC" in html


def test_every_page_loads_the_picker_script(org, client_for):
    assert "parindex/picker.js" in client_for(org.staff_a).get("/").content.decode()

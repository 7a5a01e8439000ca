"""Dates are entered dd/mm/yyyy everywhere, whatever the language."""

import datetime as dt

import pytest
from django.utils import translation

from parindex.common.widgets import DateField
from parindex.dossiers.forms import PeriodForm


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_date_field_shows_and_reads_day_month_year_in_every_language(language):
    with translation.override(language):
        field = DateField()
        html = field.widget.render("d", dt.date(2026, 3, 5))
        assert 'value="05/03/2026"' in html and 'type="text"' in html
        assert 'placeholder="dd/mm/yyyy"' in html and "pattern=" in html
        assert field.clean("05/03/2026") == dt.date(2026, 3, 5)
        assert field.clean("2026-03-05") == dt.date(2026, 3, 5)


def test_a_bad_date_is_refused_with_the_expected_format_named():
    with translation.override("vi"):
        form = PeriodForm({"date_from": "13/13/2026"})
        assert not form.is_valid()
        assert "dd/mm/yyyy" in str(form.errors)


def test_no_form_uses_the_browsers_own_date_picker():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.suffix in (".html", ".py")
        and "tests" not in p.parts
        and ('type="date"' in p.read_text() or '"type": "date"' in p.read_text())
    ]
    assert offenders == []


def test_the_shared_field_reads_day_first_and_refuses_in_vietnamese():
    from django import forms

    from parindex.common.forms import DateField as SharedDateField

    field = SharedDateField()
    assert field.clean("05/03/2026") == dt.date(2026, 3, 5)  # 5 March, not 3 May
    assert field.clean("2026-03-05") == dt.date(2026, 3, 5)
    with translation.override("vi"), pytest.raises(forms.ValidationError) as refused:
        field.clean("03/31/2026")
    assert "Nhập ngày theo dạng dd/mm/yyyy" in refused.value.messages[0]


def test_list_filters_read_day_first_and_refuse_in_vietnamese():
    import django_filters

    from parindex.audit.filters import AuditFilter
    from parindex.audit.models import AuditEntry
    from parindex.citizens.filters import ResponseFilter
    from parindex.common.widgets import DateFilter
    from parindex.workplan.filters import TaskFilter

    for filterset, names in (
        (AuditFilter, ("since", "until")),
        (ResponseFilter, ("date_from", "date_to")),
        (TaskFilter, ("due_from", "due_to")),
    ):
        assert all(isinstance(filterset.base_filters[n], DateFilter) for n in names)

    class Since(django_filters.FilterSet):
        since = DateFilter(field_name="created_at", lookup_expr="date__gte")

        class Meta:
            model = AuditEntry
            fields = ["since"]

    good = Since({"since": "05/03/2026"}, queryset=AuditEntry.objects.none())
    assert good.form.is_valid() and good.form.cleaned_data["since"] == dt.date(2026, 3, 5)
    assert 'placeholder="dd/mm/yyyy"' in str(good.form["since"])
    with translation.override("vi"):
        bad = Since({"since": "2026/13/05"}, queryset=AuditEntry.objects.none())
        assert not bad.form.is_valid()
        assert "Nhập ngày theo dạng dd/mm/yyyy" in str(bad.form.errors["since"])

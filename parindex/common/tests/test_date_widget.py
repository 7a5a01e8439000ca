"""Dates are entered dd/mm/yyyy everywhere, whatever the language."""

import datetime as dt
import re

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


def test_every_date_input_asks_for_the_pop_up_calendar_and_none_is_a_browser_date_input():
    from django.template.loader import render_to_string

    from parindex.common.widgets import DateFilter

    for html in (
        DateField().widget.render("d", None),
        DateFilter().field.widget.render("d", None),
        render_to_string("generic/_date_input.html", {"name": "d"}),
    ):
        assert "data-datepicker" in html
        assert 'type="text"' in html and 'type="date"' not in html


def test_the_calendar_words_come_from_the_catalogue_with_sunday_first_as_jquery_ui_wants():
    from parindex.common.templatetags.datepicker import calendar_texts

    with translation.override("vi"):
        texts = calendar_texts()
    assert texts["monthNames"][2] == "Tháng 3"
    assert texts["dayNamesMin"] == ["CN", "T2", "T3", "T4", "T5", "T6", "T7"]
    assert (texts["currentText"], texts["closeText"]) == ("Hôm nay", "Đóng")
    with translation.override("en"):
        texts = calendar_texts()
    assert texts["monthNames"][2] == "March" and texts["dayNames"][0] == "Sunday"


def test_every_page_names_the_picker_files_on_its_script_tag(client):
    """The hashed names come from {% static %}; the words are escaped JSON in an attribute."""
    html = client.get("/login/").content.decode()
    tag = re.search(r"<script src=\S*parindex/datepicker\.js[^>]*>", html)
    assert tag is not None
    for name in ("jquery/jquery.min.js", "jquery-ui/jquery-ui.min.js", "jquery-ui.min.css"):
        assert name in tag.group(0)
    assert "data-texts=" in tag.group(0) and "&quot;monthNames&quot;" in tag.group(0)


def test_the_picker_files_are_found_by_staticfiles():
    from django.contrib.staticfiles import finders

    for name in (
        "parindex/datepicker.js",
        "xstatic/jquery/jquery.min.js",
        "xstatic/jquery-ui/jquery-ui.min.js",
        "xstatic/jquery-ui/themes/base/jquery-ui.min.css",
    ):
        assert finders.find(name), name
    # The other themes are left out: their CSS comments break the manifest storage.
    assert finders.find("xstatic/jquery-ui/themes/smoothness/jquery-ui.css") is None
    assert finders.find("xstatic/jquery-ui/jquery-ui.theme.css") is None


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

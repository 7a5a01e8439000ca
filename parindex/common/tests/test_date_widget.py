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

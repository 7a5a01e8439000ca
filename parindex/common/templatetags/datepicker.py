"""`{% datepicker_script %}`: the <script> of the pop-up date picker (static/parindex/datepicker.js).

The script's own tag carries what it needs, because the CSP forbids inline script: the hashed
URLs of jQuery, jQuery UI and its theme (the manifest storage renames them), and the calendar's
words in the reader's language, from our catalogues, so a Vietnamese page shows "Tháng 3" and
"T2 … CN" whatever language the browser is set to.
"""

from __future__ import annotations

import json

from django import template
from django.templatetags.static import static
from django.utils import dates
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext, pgettext

register = template.Library()


def calendar_texts() -> dict[str, object]:
    """jQuery UI's regional settings for the active language (its day lists start on Sunday)."""
    monday_first = [str(dates.WEEKDAYS[i]) for i in range(7)]
    minimal = [
        pgettext("calendar column", "Mo"),
        pgettext("calendar column", "Tu"),
        pgettext("calendar column", "We"),
        pgettext("calendar column", "Th"),
        pgettext("calendar column", "Fr"),
        pgettext("calendar column", "Sa"),
        pgettext("calendar column", "Su"),
    ]
    return {
        "closeText": gettext("Close"),
        "prevText": gettext("Previous month"),
        "nextText": gettext("Next month"),
        "currentText": gettext("Today"),
        "monthNames": [str(name) for name in dates.MONTHS.values()],
        "monthNamesShort": [str(name) for name in dates.MONTHS.values()],
        "dayNames": monday_first[6:] + monday_first[:6],
        "dayNamesShort": monday_first[6:] + monday_first[:6],
        "dayNamesMin": minimal[6:] + minimal[:6],
        "weekHeader": pgettext("calendar column", "Wk"),
    }


@register.simple_tag
def datepicker_script() -> SafeString:
    return format_html(
        '<script src="{}" defer data-jquery="{}" data-jquery-ui="{}" data-css="{}"'
        ' data-texts="{}"></script>',
        static("parindex/datepicker.js"),
        static("xstatic/jquery/jquery.min.js"),
        static("xstatic/jquery-ui/jquery-ui.min.js"),
        static("xstatic/jquery-ui/themes/base/jquery-ui.min.css"),
        json.dumps(calendar_texts(), ensure_ascii=False),
    )

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def pts(value):
    """Points without trailing zeros, in the active language's format (3,5 in Vietnamese)."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    places = max(0, -value.normalize().as_tuple().exponent)
    return number_format(value, decimal_pos=places, use_l10n=True)

"""The shared field shapes: what a model gets is the ForeignKey it would have written by hand."""

from django.conf import settings
from django.db import models

from parindex.common.fields import person_link


def deconstructed(field: models.Field) -> tuple:
    field.set_attributes_from_name("by")
    return field.deconstruct()


def test_person_link_is_the_optional_person_foreign_key_with_no_reverse_accessor():
    hand_written = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="recorded by",
    )
    assert deconstructed(person_link("recorded by")) == deconstructed(hand_written)


def test_person_link_options_override_the_defaults():
    field = person_link("author", blank=False, related_name="authored")
    assert (field.null, field.blank, field.remote_field.related_name) == (True, False, "authored")

"""Columns of the citizens' lists (screen and export alike)."""

from django.utils.translation import gettext_lazy as _

from parindex.common.listing import Column

SURVEY_COLUMNS = (
    Column(_("Code"), "code", link=True),
    Column(_("Title"), "title"),
    Column(_("Agency"), "agency.code"),
    Column(_("Year"), "year", numeric=True),
    Column(_("Open to the public"), "is_open"),
)

RESPONSE_COLUMNS = (
    Column(_("Form number"), "code"),
    Column(_("Date"), "answered_on"),
    Column(_("Procedure"), "procedure.code"),
    Column(_("Unit"), "unit.code"),
    Column(_("Channel"), "get_channel_display"),
    Column(_("Source"), "get_source_display"),
    Column(_("Answers"), "n_answers", numeric=True),
)

FEEDBACK_COLUMNS = (
    Column(_("Tracking code"), "code", link=True),
    Column(_("Received at"), "received_at"),
    Column(_("About"), "get_kind_display"),
    Column(_("Subject"), "subject"),
    Column(_("Procedure"), "procedure.code"),
    Column(_("Unit in charge"), "unit.code"),
    Column(_("State"), "get_state_display"),
    Column(_("Answer due on"), "due_on"),
    Column(_("Answered on"), "answered_on"),
)

OUTREACH_COLUMNS = (
    Column(_("Topic"), "topic", link=True),
    Column(_("Kind"), "get_kind_display"),
    Column(_("Unit"), "unit.code"),
    Column(_("Audience"), "audience"),
    Column(_("Planned for"), "planned_on"),
    Column(_("Done on"), "done_on"),
    Column(_("Participants"), "participants", numeric=True),
    Column(_("Targeted procedures"), lambda a: ", ".join(p.code for p in a.procedures.all())),
)

"""The columns of the registers' lists (screen and export alike)."""

from django.utils.translation import gettext_lazy as _

from parindex.common.listing import Column

DOCUMENT_COLUMNS = (
    Column(_("Code"), "code", link=True),
    Column(_("Title"), "title", link=True),
    Column(_("Form"), "form"),
    Column(_("Lead unit"), "lead_unit.code"),
    Column(_("Plan year"), lambda d: str(d.plan_year)),
    Column(_("Deadline to submit"), "submission_due"),
    Column(_("Submitted"), "submitted_on"),
    Column(_("Issued"), "issued_on"),
    Column(_("Number"), "number"),
    Column(_("Stage"), "stage_label"),
    Column(_("Late"), lambda d: d.is_late()),
)

INSPECTION_COLUMNS = (
    Column(_("Code"), "code", link=True),
    Column(_("Subject"), "subject", link=True),
    Column(_("Kind"), "get_kind_display"),
    Column(_("Plan year"), lambda i: str(i.plan_year)),
    Column(_("In the plan"), "planned"),
    Column(_("Carried out by"), "unit.code"),
    Column(_("Inspected"), lambda i: i.target_unit.code if i.target_unit else i.target),
    Column(_("Decision"), "decision_on"),
    Column(_("Conclusion due"), "conclusion_due"),
    Column(_("Conclusion issued"), "concluded_on"),
    Column(_("Conclusion late"), lambda i: i.conclusion_late()),
)

RECOMMENDATION_COLUMNS = (
    Column(_("Code"), "code", link=True),
    Column(_("What must be done"), "text", link=True),
    Column(_("Source"), "source_label"),
    Column(_("Owner unit"), "unit.code"),
    Column(_("Deadline"), "due_date"),
    Column(_("Done on"), "done_on"),
    Column(_("Amount (đồng)"), "amount", numeric=True),
    Column(_("Criterion"), "criterion"),
    Column(_("State"), "state_label"),
)

REVIEW_COLUMNS = (
    Column(_("Code"), "code", link=True),
    Column(_("Title"), "title", link=True),
    Column(_("Kind"), "get_kind_display"),
    Column(_("Unit"), "unit.code"),
    Column(_("Date"), "done_on"),
)

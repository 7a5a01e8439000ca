"""Scheduled report e-mails are rendered and sent by the worker, once per delivery."""

from django.core import mail

from parindex.reports import services
from parindex.reports.models import ReportDelivery


def test_a_delivery_is_e_mailed_once_even_when_its_job_runs_again(org, draft):
    org.director.email = "giamdoc@example.vn"
    org.director.save()
    delivery = ReportDelivery.objects.create(run=draft, recipient=org.director)
    assert services.delivery_email(delivery.pk) is True
    assert services.delivery_email(delivery.pk) is False  # a retry of a job that had sent it
    assert len(mail.outbox) == 1
    assert mail.outbox[0].attachments[0][0].endswith(".docx")
    delivery.refresh_from_db()
    assert delivery.emailed_at is not None

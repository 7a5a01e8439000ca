"""The demo: a job-position scheme, invented staff linked to the demo accounts, training, a
rotation plan and last year's rating season; re-running changes nothing."""

from django.core.management import call_command
from django.utils import timezone

from parindex.org.models import Agency, User
from parindex.people.figures import staffing_figures
from parindex.people.models import Position, RatingSeason, StaffMember, TrainingRecord


def test_demo_builds_the_people_of_the_demo_department_and_is_idempotent(db, capsys):
    call_command("demo")
    agency = Agency.objects.get(code="SKHCN")
    assert Position.objects.filter(agency=agency).count() == 21
    assert StaffMember.objects.filter(agency=agency).count() >= 20
    head = User.objects.get(username="truongphong")
    assert StaffMember.objects.get(agency=agency, user=head).position.code == "TP-QLCN"
    year = timezone.localdate().year
    assert RatingSeason.objects.filter(agency=agency, year=year - 1).exists()
    total = staffing_figures(agency, year)["total"]
    assert total["leadership_vacant"] > 0 and total["placed"] > total["rank_match"]
    counts = (StaffMember.objects.count(), TrainingRecord.objects.count())
    call_command("demo")
    assert (StaffMember.objects.count(), TrainingRecord.objects.count()) == counts

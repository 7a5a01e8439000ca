"""The demo: a job-position scheme, invented staff linked to the demo accounts, training, a
rotation plan and last year's rating season; re-running changes nothing.

Only the organisation and the people app's own demo are built, on a fixed day."""

import datetime as dt

from conftest import clock_at
from parindex.org.demo import build_organisation
from parindex.org.models import Agency, User
from parindex.people import demo
from parindex.people.figures import staffing_figures
from parindex.people.models import Position, RatingSeason, StaffMember, TrainingRecord

JUNE_15 = dt.date(2026, 6, 15)


def _build() -> None:
    demo.load(build_organisation())


@clock_at(JUNE_15)
def test_demo_builds_the_people_of_the_demo_department_and_is_idempotent(db):
    _build()
    agency = Agency.objects.get(code="SKHCN")
    assert Position.objects.filter(agency=agency).count() == 21
    assert StaffMember.objects.filter(agency=agency).count() >= 20
    head = User.objects.get(username="truongphong")
    assert StaffMember.objects.get(agency=agency, user=head).position.code == "TP-QLCN"
    assert RatingSeason.objects.filter(agency=agency, year=2025).exists()
    total = staffing_figures(agency, 2026)["total"]
    assert total["leadership_vacant"] > 0 and total["placed"] > total["rank_match"]
    counts = (StaffMember.objects.count(), TrainingRecord.objects.count())
    _build()
    assert (StaffMember.objects.count(), TrainingRecord.objects.count()) == counts

"""The yearly rating season: the page's figures against the registers they come from, who does
which step, the cap warning, and the DOCX form."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from parindex.audit.models import AuditEntry
from parindex.people import services
from parindex.people.choices import RatingLevel
from parindex.people.models import Rating
from parindex.people.parfile import par_file

YEAR = 2022


def test_the_page_gathers_the_figures_of_the_registers(org, index_year, people, tasks, season):
    from parindex.scorecards.selectors import scorecard_document

    document = scorecard_document(org.agency, index_year.framework)
    unit_lost = next(u["lost"] for u in document["lost_by_unit"] if u["unit"] == "QLCN")
    staff_file = par_file(people["A1"], YEAR)
    assert staff_file.as_of == dt.date(2022, 12, 31)
    assert float(staff_file.unit_lost_total) == unit_lost == 1.0
    assert [c.code for c in staff_file.unit_lost] == ["1.2.1"]
    assert float(staff_file.own_lost_total) == 1.0  # answers for 1.2.1
    counts = staff_file.tasks
    assert (counts.done_on_time, counts.done_late, counts.overdue, counts.open) == (1, 1, 1, 1)
    assert [title for title, _due in counts.overdue_titles] == ["Quá hạn"]
    assert staff_file.unit_tasks is None  # not the head
    assert [i.title for i in staff_file.initiatives] == ["Một cửa số"]
    assert (len(staff_file.training), staff_file.training_done) == (2, 1)

    head_file = par_file(people["A2"], YEAR)
    assert head_file.is_head
    assert head_file.own_lost == []
    assert head_file.unit_tasks.overdue == 2  # the unit's: "Quá hạn" and the head's own
    assert head_file.tasks.overdue == 1

    other = par_file(people["B1"], YEAR)
    assert float(other.unit_lost_total) == 0.25


def test_the_page_shows_the_unit_lost_points_and_overdue_tasks_to_the_head(
    org, index_year, people, tasks, season, client_for
):
    page = client_for(org.head_a).get(f"/people/rating/SKHCN/{YEAR}/A1/").content.decode()
    assert "1.2.1" in page and "Quá hạn" in page
    assert 'id="propose"' in page and 'id="decide"' not in page


@pytest.mark.parametrize(
    "persona", ("head_b", "staff_b", "viewer", "outsider", "other_secretariat")
)
def test_others_cannot_open_a_persons_rating_page(org, people, season, client_for, persona):
    response = client_for(org.by_name(persona)).get(f"/people/rating/SKHCN/{YEAR}/A1/")
    assert response.status_code == 404


def test_self_assessment_then_proposal_then_decision(org, people, season, client_for):
    member = people["A1"]
    services.rating_self_assess(
        actor=org.staff_a, season=season, member=member, text="Hoàn thành tốt", level="good"
    )
    with pytest.raises(PermissionDenied):
        services.rating_self_assess(actor=org.head_a, season=season, member=member, text="x")
    with pytest.raises(PermissionDenied):
        services.rating_propose(actor=org.staff_a, season=season, member=member, level="good")
    with pytest.raises(PermissionDenied):
        services.rating_propose(actor=org.head_b, season=season, member=member, level="good")
    rating, _cap = services.rating_propose(
        actor=org.head_a, season=season, member=member, level=RatingLevel.GOOD, comment="Tốt"
    )
    assert rating.proposed_level == "good" and rating.decided_level == ""
    with pytest.raises(PermissionDenied):
        services.rating_decide(actor=org.head_a, season=season, member=member, level="good")
    rating, _cap = services.rating_decide(
        actor=org.director, season=season, member=member, level=RatingLevel.GOOD
    )
    assert rating.decided_level == "good"
    actions = list(
        AuditEntry.objects.filter(action__startswith="rating.").values_list("action", flat=True)
    )
    assert sorted(actions) == ["rating.decided", "rating.proposed", "rating.self_assessed"]


def test_a_head_does_not_propose_their_own_level(org, people, season):
    with pytest.raises(PermissionDenied):
        services.rating_propose(actor=org.head_a, season=season, member=people["A2"], level="good")
    assert not Rating.objects.exists()


def test_parindex_never_picks_a_level(org, index_year, people, tasks, season):
    par_file(people["A1"], YEAR)
    services.rating_self_assess(actor=org.staff_a, season=season, member=people["A1"], text="x")
    rating = Rating.objects.get()
    assert rating.proposed_level == "" and rating.decided_level == ""


def test_a_level_must_be_one_of_the_four(org, people, season):
    from parindex.common.errors import DomainError

    with pytest.raises(DomainError):
        services.rating_propose(actor=org.head_a, season=season, member=people["A1"], level="top")


def test_excellent_above_the_cap_is_warned_about_but_not_refused(org, people, season, client_for):
    _rating, cap = services.rating_propose(
        actor=org.head_a, season=season, member=people["A1"], level=RatingLevel.EXCELLENT
    )
    assert cap.over and (cap.excellent, cap.good, cap.cap) == (1, 0, 0)
    client = client_for(org.head_b)
    response = client.post(
        f"/people/rating/SKHCN/{YEAR}/B1/propose/",
        {"proposed_level": "excellent", "head_comment": ""},
        follow=True,
    )
    assert Rating.objects.get(staff=people["B1"]).proposed_level == "excellent"
    assert "above the cap" in response.content.decode() or "vượt" in response.content.decode()


def test_the_cap_is_configurable(org, people, season):
    season.excellent_cap_percent = Decimal(100)
    season.save()
    services.rating_propose(actor=org.director, season=season, member=people["B1"], level="good")
    _r, cap = services.rating_propose(
        actor=org.head_a, season=season, member=people["A1"], level=RatingLevel.EXCELLENT
    )
    assert not cap.over and cap.cap == 1


def test_the_rating_form_downloads_as_a_decree_30_docx(org, people, season, client_for):
    services.rating_propose(actor=org.head_a, season=season, member=people["A1"], level="good")
    response = client_for(org.head_a).get(f"/people/rating/SKHCN/{YEAR}/A1/form.docx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    xml = zipfile.ZipFile(io.BytesIO(response.content)).read("word/document.xml").decode()
    assert "Lê Văn Một" in xml
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in xml
    assert "PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG" in xml
    assert "☒ Hoàn thành tốt nhiệm vụ" in xml


def test_the_api_reads_and_writes_with_the_same_rules(org, index_year, people, tasks, season,
                                                     client_for):  # fmt: skip
    client = client_for(org.head_a)
    data = client.get(f"/api/v1/people/rating/SKHCN/{YEAR}/A1").json()
    assert data["unit_lost"] == 1.0 and data["tasks"]["overdue"] == 1
    assert data["recommendations_overdue"] == 0
    response = client.post(
        f"/api/v1/people/rating/SKHCN/{YEAR}/A1/propose",
        {"level": "good", "text": "Tốt"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["proposed_level"] == "good"
    response = client.post(
        f"/api/v1/people/rating/SKHCN/{YEAR}/A1/decide",
        {"level": "good"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert client_for(org.head_b).get(f"/api/v1/people/rating/SKHCN/{YEAR}/A1").status_code == 404


def test_only_the_secretariat_opens_a_season(org):
    with pytest.raises(PermissionDenied):
        services.season_open(actor=org.head_a, agency=org.agency, year=2023)
    season = services.season_open(actor=org.secretariat, agency=org.agency, year=2023)
    assert season.excellent_cap_percent == Decimal(20)


def test_overdue_recommendations_are_those_the_registers_count_as_overdue(
    org, people, season, run, write_csv
):
    path = write_csv(
        "kn.csv",
        ["Mã kiến nghị", "Nội dung", "Đơn vị thực hiện", "Hạn xử lý", "Ngày hoàn thành"],
        [
            ["KN1", "Niêm yết TTHC", "QLCN", "30/06/2022", ""],  # overdue
            ["KN2", "Sửa quy trình", "QLCN", "30/06/2022", "01/07/2022"],  # done late
            ["KN3", "Báo cáo", "QLCN", "31/12/2022", ""],  # due on as-of: not overdue
            ["KN4", "Khác đơn vị", "TDC", "30/06/2022", ""],
        ],
    )
    code, _out, err = run("import_recommendations", str(path), "--agency", "SKHCN")
    assert code == 0, err
    figures = run.json("inspection_figures", "--agency", "SKHCN", "--year", str(YEAR))
    unit = next(g for g in figures["groups"] if g["key"] == "QLCN")
    file = par_file(people["A1"], YEAR)
    assert [r.code for r in file.recommendations] == ["KN1"]
    assert len(file.recommendations) == unit["rec_overdue"]

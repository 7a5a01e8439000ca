"""The framework is the province's (issue 12, item 2): an agency's secretariat cannot rewrite
it through the page, the command or the API; once an assessment is past the self-assessment
it changes only through an announced change, which every agency using it sees."""

from __future__ import annotations

import pytest
from django.core.management import CommandError
from django.urls import reverse

from conftest import run_command
from parindex.audit.models import AuditEntry
from parindex.audit.selectors import audit_entries_for_user
from parindex.common.errors import DomainError
from parindex.scorecards import services
from parindex.scorecards.models import Assessment, Framework, Node
from parindex.scorecards.tests.helpers import SMALL, framework_file

API = "/api/v1/scorecards"


def changed_file(tmp_path):
    rows = [list(r) for r in SMALL]
    rows[1][1] = "Kế hoạch CCHC (sửa đổi)"
    return framework_file(tmp_path, rows, name="changed.csv")


def import_changed(tmp_path, user, *options: str) -> tuple[str, str]:
    """import_framework of the changed 2022 file, run as `user` (a CommandError if refused)."""
    path = str(changed_file(tmp_path))
    return run_command(
        "import_framework", path, "--year", "2022", "--user", user.username, *options
    )


def title_of(code: str) -> str:
    return Node.objects.get(framework__year=2022, code=code).title


@pytest.fixture
def running(org, framework):
    """Both agencies assess 2022; SKHCN has submitted its self-assessment."""
    mine = services.assessment_open(actor=None, agency=org.agency, year=2022)
    services.assessment_open(actor=None, agency=org.other_agency, year=2022)
    Assessment.objects.filter(pk=mine.pk).update(stage="submitted")
    return framework


def test_the_framework_belongs_to_the_province(org, framework):
    assert framework.province == org.province


def test_another_agencys_secretariat_cannot_rewrite_the_framework_on_the_page(
    org, framework, client_for
):
    client = client_for(org.other_secretariat)
    edit = reverse("scorecards:framework_edit", args=[2022])
    response = client.post(edit, {"name": "Bộ chỉ số đã bị sửa", "has_round_2": ""})
    assert response.status_code == 403
    framework.refresh_from_db()
    assert framework.name != "Bộ chỉ số đã bị sửa" and framework.has_round_2


def test_another_agencys_secretariat_cannot_import_a_changed_framework_on_the_page(
    org, framework, client_for, tmp_path
):
    client = client_for(org.other_secretariat)
    with changed_file(tmp_path).open("rb") as fh:
        preview = client.post(reverse("scorecards:framework_import"), {"file": fh, "year": 2022})
    token = preview.context["token"]
    response = client.post(
        reverse("scorecards:framework_import"), {"token": token, "year": 2022, "confirm": "1"}
    )
    assert response.status_code == 403
    assert title_of("1.1") == "Kế hoạch CCHC"


def test_another_agencys_secretariat_cannot_import_a_changed_framework_by_command(
    org, framework, tmp_path
):
    with pytest.raises(CommandError):
        import_changed(tmp_path, org.other_secretariat, "--agency", "STP")
    assert title_of("1.1") == "Kế hoạch CCHC"


def test_another_agencys_secretariat_cannot_rewrite_the_framework_through_the_api(
    org, framework, client_for
):
    response = client_for(org.other_secretariat).patch(
        f"{API}/frameworks/2022",
        data={"name": "Bộ chỉ số đã bị sửa", "has_round_2": False},
        content_type="application/json",
    )
    assert response.status_code == 403
    framework.refresh_from_db()
    assert framework.name != "Bộ chỉ số đã bị sửa" and framework.has_round_2


def test_an_agencys_secretariat_still_imports_its_assignments_from_the_same_framework(
    org, framework, tmp_path
):
    rows = [list(r) for r in SMALL]
    rows[1][6] = "QLCN"  # 1.1 now led by unit A instead of HCTH: an assignment, not a node
    result = services.import_framework(
        framework_file(tmp_path, rows), year=2022, agency_code="SKHCN", actor=org.secretariat
    )
    assert result.created == 0 and result.updated == 0
    assert title_of("1.1") == "Kế hoạch CCHC"
    assert AuditEntry.objects.filter(action="assignment.updated", agency=org.agency).exists()


def test_the_province_secretariat_changes_the_framework_through_the_api(org, framework, client_for):
    response = client_for(org.province_secretariat).patch(
        f"{API}/frameworks/2022", data={"name": "Bộ chỉ số 2022"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json() == {
        "year": 2022,
        "name": "Bộ chỉ số 2022",
        "has_round_2": True,
        "province": "TINH",
        "frozen": False,
    }


def test_a_framework_in_use_past_draft_is_frozen_without_an_announcement(org, running):
    assert services.framework_is_frozen(running)
    with pytest.raises(DomainError) as exc:
        services.framework_update(
            actor=org.province_secretariat, framework=running, name="Khác", has_round_2=True
        )
    assert exc.value.field == "announcement"
    running.refresh_from_db()
    assert running.name != "Khác"


def test_a_frozen_framework_refuses_a_changed_file_without_an_announcement(org, running, tmp_path):
    with pytest.raises(CommandError):
        import_changed(tmp_path, org.province_secretariat)
    assert title_of("1.1") == "Kế hoạch CCHC"


def test_an_announced_change_reaches_the_audit_trail_of_every_agency_using_it(
    org, running, tmp_path, client_for
):
    announcement = "Sửa tên tiêu chí 1.1 theo Quyết định 12/QĐ-UBND"
    import_changed(tmp_path, org.province_secretariat, "--announcement", announcement)
    assert title_of("1.1") == "Kế hoạch CCHC (sửa đổi)"
    announced = AuditEntry.objects.filter(action="framework.change_announced")
    assert sorted(a.agency_id for a in announced if a.agency_id) == sorted(
        [org.agency.pk, org.other_agency.pk]
    )
    for secretariat in (org.secretariat, org.other_secretariat, org.province_secretariat):
        rows = audit_entries_for_user(secretariat).filter(action="framework.change_announced")
        assert rows.exists()
        assert rows.first().note == "Sửa tên tiêu chí 1.1 theo Quyết định 12/QĐ-UBND"
        assert rows.first().after == {"criteria changed": ["1.1"]}
    page = client_for(org.other_secretariat).get(reverse("audit:list"))
    assert "Quyết định 12/QĐ-UBND" in page.content.decode()


def test_an_announced_settings_change_is_seen_by_each_agency(org, running):
    services.framework_update(
        actor=org.province_secretariat,
        framework=running,
        name="Bộ chỉ số 2022 (điều chỉnh)",
        has_round_2=True,
        announcement="Đổi tên bộ chỉ số",
    )
    for secretariat in (org.secretariat, org.other_secretariat):
        rows = audit_entries_for_user(secretariat).filter(action="framework.change_announced")
        assert [r.note for r in rows] == ["Đổi tên bộ chỉ số"]
    assert Framework.objects.get(year=2022).name == "Bộ chỉ số 2022 (điều chỉnh)"


def test_an_agencys_secretariat_cannot_bind_a_criterion_of_the_shared_framework(
    org, framework, client_for
):
    page = client_for(org.other_secretariat).post(
        "/metrics/frameworks/2022/bindings/",
        {"code": "1.1", "metric": "tasks.on_time_rate", "rule": "full_at 50"},
    )
    assert page.status_code == 403
    assert Node.objects.get(framework=framework, code="1.1").metric_key == ""


def test_a_binding_on_a_frozen_framework_needs_an_announcement(org, running):
    from parindex.metrics.services import leaf_bind

    node = Node.objects.get(framework=running, code="1.1")
    with pytest.raises(DomainError):
        leaf_bind(
            actor=org.province_secretariat,
            node=node,
            metric="tasks.on_time_rate",
            rule="full_at 50",
        )
    leaf_bind(
        actor=org.province_secretariat,
        node=node,
        metric="tasks.on_time_rate",
        rule="full_at 50",
        announcement="Chấm tiêu chí 1.1 theo tỷ lệ nhiệm vụ đúng hạn",
    )
    rows = audit_entries_for_user(org.other_secretariat).filter(action="framework.change_announced")
    assert [r.note for r in rows] == ["Chấm tiêu chí 1.1 theo tỷ lệ nhiệm vụ đúng hạn"]

"""The issue's acceptance walk in Chromium: score with evidence, submit, deduct, explain, ledger."""

import pytest

from conftest import browser_login
from parindex.scorecards import services
from parindex.scorecards.models import Score

PDF = b"%PDF-1.4\n% bao cao quy\n"


def leaf_url(code):
    return f"/scorecards/SKHCN/2022/leaf/{code}/"


@pytest.mark.browser
def test_staff_scores_secretariat_submits_appraiser_deducts_unit_explains(
    transactional_db, org, browser_page, tmp_path
):
    from parindex.scorecards.tests.helpers import framework_file

    services.import_framework(framework_file(tmp_path), year=2022, agency_code="SKHCN")
    assessment = services.assessment_open(actor=None, agency=org.agency, year=2022)
    # Every other self-assessed leaf is already scored, with an explanation.
    for score in Score.objects.filter(assessment=assessment).select_related("node", "assessment"):
        if score.node.kind != "survey" and score.node.code != "1.2.1":
            services.score_self(
                actor=None, score=score, points=score.node.max_points, explanation="Đạt"
            )
    page = browser_page

    # 1. The unit's staff member scores 1.2.1 and uploads the evidence file.
    browser_login(page, org.staff_a.username)
    page.goto(leaf_url("1.2.1"))
    page.fill("#self-form input[name=self-points]", "3,5")
    page.fill("#self-form textarea[name=self-explanation]", "Đủ 4 báo cáo quý")
    page.click("#self-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#self-points") == "3,5"
    page.set_input_files(
        "#evidence-form input[type=file]",
        files=[{"name": "bao-cao-quy.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.click("#evidence-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator(".evidence a", has_text="bao-cao-quy.pdf").count() == 1
    page.context.clear_cookies()

    # 2. The secretariat submits the self-assessment.
    browser_login(page, org.secretariat.username)
    page.goto("/scorecards/SKHCN/2022/")
    page.click("button[name=move][value=submitted]")
    page.wait_for_load_state("networkidle")
    assessment.refresh_from_db()
    assert assessment.stage == "submitted"
    page.context.clear_cookies()

    # 3. The appraiser opens round 1 and deducts one point with a reason.
    browser_login(page, org.appraiser.username)
    page.goto("/scorecards/SKHCN/2022/")
    page.click("button[name=move][value=appraisal_1]")
    page.wait_for_load_state("networkidle")
    page.goto(leaf_url("1.2.1"))
    page.fill("#appraise-form input[name=appraise-points]", "2,5")
    page.fill("#appraise-form textarea[name=appraise-reason]", "Báo cáo quý IV gửi chậm")
    page.click("#appraise-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#appraisal-reason") == "Báo cáo quý IV gửi chậm"
    page.goto("/scorecards/SKHCN/2022/")
    page.click("button[name=move][value=explanation]")
    page.wait_for_load_state("networkidle")
    page.context.clear_cookies()

    # 4. The unit explains.
    browser_login(page, org.staff_a.username)
    page.goto(leaf_url("1.2.1"))
    page.fill(
        "#explain-form textarea[name=explain-answer]",
        "Báo cáo quý IV gửi ngày 05/01 do chờ số liệu",
    )
    page.click("#explain-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "chờ số liệu" in page.inner_text("#explanation")
    page.context.clear_cookies()

    # 5. The scorecard and the ledger show the deduction against the unit (QLCN).
    browser_login(page, org.director.username)
    page.goto("/scorecards/SKHCN/2022/?lost=1")
    row = page.locator('tr[data-code="1.2.1"]')
    assert row.locator("td.lostcell").get_attribute("data-value") == "1.000"
    assert "QLCN" in row.inner_text()
    page.goto("/scorecards/SKHCN/2022/ledger/")
    ledger = page.inner_text("#ledger")
    assert "1.2.1" in ledger and "Báo cáo quý IV gửi chậm" in ledger and "QLCN" in ledger
    assert "QLCN" in page.inner_text("#lost-by-unit")

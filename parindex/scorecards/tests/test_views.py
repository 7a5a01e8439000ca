"""Screens: each page renders for those who may see it, and refuses the others."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from parindex.scorecards import services
from parindex.scorecards.choices import Stage
from parindex.scorecards.models import Framework, Node
from parindex.scorecards.tests.conftest import score_of
from parindex.scorecards.tests.helpers import SMALL, framework_file

PDF = b"%PDF-1.4\n%test\n"


def url(name, *args):
    return reverse(f"scorecards:{name}", args=args)


PAGES = ["scorecard", "worklist", "assignments", "ledger"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    "who,status",
    [
        ("secretariat", 200),
        ("director", 200),
        ("staff_a", 200),
        ("appraiser", 200),
        ("viewer", 200),
        ("outsider", 404),
        ("other_secretariat", 404),
    ],
)
def test_assessment_pages_are_scoped(org, assessment, client_for, page, who, status):
    response = client_for(org.by_name(who)).get(url(page, "SKHCN", 2022))
    assert response.status_code == status


def test_index_opens_the_scorecard_of_the_users_agency(org, assessment, client_for):
    response = client_for(org.staff_a).get(url("index"))
    assert response.status_code == 302 and response["Location"] == url("scorecard", "SKHCN", 2022)


def test_index_without_an_assessment_lists_frameworks(org, client_for):
    response = client_for(org.staff_a).get(url("index"))
    assert response.status_code == 200


def _deduct_unit_a(org, assessment):
    """Unit A claims 3.5 on 1.2.1; the appraiser gives 2.5 for a missing report."""
    services.score_self(
        actor=org.staff_a, score=score_of(assessment, "1.2.1"), points="3.5", explanation="x"
    )
    assessment.stage = Stage.APPRAISAL_1
    assessment.save()
    services.score_appraise(
        actor=org.appraiser,
        score=score_of(assessment, "1.2.1"),
        points="2.5",
        reason="Thiếu báo cáo quý IV",
    )


def test_scorecard_page_shows_totals_and_filters(org, assessment, client_for):
    _deduct_unit_a(org, assessment)
    client = client_for(org.director)
    page = client.get(url("scorecard", "SKHCN", 2022)).content.decode()
    assert 'data-code="1.2.1"' in page and 'data-code="3.1"' in page
    page = client.get(url("scorecard", "SKHCN", 2022) + "?lost=1").content.decode()
    assert (
        'data-code="1.2.1"' in page and 'data-code="1.2"' in page and 'data-code="3.1"' not in page
    )
    page = client.get(url("scorecard", "SKHCN", 2022) + "?unit=TDC").content.decode()
    assert 'data-code="1.2.2"' in page and 'data-code="1.2.1"' not in page


def test_leaf_page_lets_the_lead_unit_score_and_upload(org, assessment, client_for):
    client = client_for(org.staff_a)
    leaf = url("leaf", "SKHCN", 2022, "1.2.1")
    assert client.get(leaf).status_code == 200
    response = client.post(leaf, {"action": "self", "self-points": "3,5", "self-explanation": "Đủ"})
    assert response.status_code == 302
    response = client.post(
        leaf,
        {
            "action": "evidence",
            "evidence-file": SimpleUploadedFile("bc.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    score = score_of(assessment, "1.2.1")
    assert str(score.self_points) == "3.500"
    evidence = score.evidence.get()
    download = client.get(url("evidence", "SKHCN", 2022, "1.2.1", evidence.pk))
    assert b"".join(download.streaming_content) == PDF


def test_another_units_staff_cannot_see_or_change_a_leaf(org, assessment, client_for):
    client = client_for(org.staff_b)
    leaf = url("leaf", "SKHCN", 2022, "1.1")  # HCTH's, unit B has no part in it
    assert client.get(leaf).status_code == 404
    assert client.post(leaf, {"action": "self", "self-points": "1"}).status_code == 404
    # 1.2.1: unit B cooperates, so it reads the leaf but cannot score it
    leaf = url("leaf", "SKHCN", 2022, "1.2.1")
    assert client.get(leaf).status_code == 200
    assert client.post(leaf, {"action": "self", "self-points": "1"}).status_code == 403
    assert score_of(assessment, "1.2.1").self_points is None


def test_the_appraiser_deducts_with_a_reason_on_the_leaf_page(org, assessment, client_for):
    services.score_self(
        actor=org.staff_a, score=score_of(assessment, "1.2.1"), points="3.5", explanation="x"
    )
    assessment.stage = Stage.APPRAISAL_1
    assessment.save()
    client = client_for(org.appraiser)
    leaf = url("leaf", "SKHCN", 2022, "1.2.1")
    response = client.post(
        leaf, {"action": "appraise", "appraise-points": "2", "appraise-reason": ""}
    )
    assert response.status_code == 200 and response.context["forms"]["appraise"].errors
    assert score_of(assessment, "1.2.1").appraised_points is None
    client.post(leaf, {"action": "appraise", "appraise-points": "2", "appraise-reason": "Thiếu"})
    assert str(score_of(assessment, "1.2.1").appraised_points) == "2.000"


def test_workflow_moves_from_the_scorecard_page(org, assessment, client_for):
    client = client_for(org.secretariat)
    response = client.post(url("move", "SKHCN", 2022), {"to_stage": "submitted"})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.stage == Stage.DRAFT  # refused: nothing scored
    client_for(org.staff_a).post(url("move", "SKHCN", 2022), {"to_stage": "submitted"})
    assessment.refresh_from_db()
    assert assessment.stage == Stage.DRAFT


def test_ledger_and_its_xlsx_show_the_deduction_against_the_unit(org, assessment, client_for):
    _deduct_unit_a(org, assessment)
    client = client_for(org.director)
    page = client.get(url("ledger", "SKHCN", 2022)).content.decode()
    assert "Thiếu báo cáo quý IV" in page and "QLCN" in page
    response = client.get(url("ledger", "SKHCN", 2022) + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "1.2.1" and rows[1][4] == 1.0 and rows[1][7] == "QLCN"


def test_assignments_page_flags_leaves_without_a_lead(org, assessment, client_for):
    response = client_for(org.secretariat).get(url("assignments", "SKHCN", 2022))
    flagged = [r["node"].code for r in response.context["rows"] if r["missing"]]
    assert flagged == ["2.2", "3.1", "3.2", "4.2", "5.1"]
    assert response.content.decode().count('class="flag"') == 5


def test_assignment_edit_is_for_the_secretariat(org, assessment, client_for):
    edit = url("assignment_edit", "SKHCN", 2022, "2.2")
    assert client_for(org.head_a).get(edit).status_code == 403
    client = client_for(org.secretariat)
    assert client.get(edit).status_code == 200
    client.post(edit, {"lead_unit": org.unit_b.pk})
    assert score_of(assessment, "2.2").lead_unit == org.unit_b


def test_framework_import_previews_before_saving(org, client_for, tmp_path):
    client = client_for(org.province_secretariat)
    path = framework_file(tmp_path)
    with path.open("rb") as fh:
        response = client.post(url("framework_import"), {"file": fh, "year": 2024})
    page = response.content.decode()
    assert response.status_code == 200 and 'id="preview"' in page
    assert not Framework.objects.filter(year=2024).exists()
    token = response.context["token"]
    response = client.post(url("framework_import"), {"token": token, "year": 2024, "confirm": "1"})
    assert response.status_code == 302
    assert Node.objects.filter(framework__year=2024).count() == len(SMALL)


def test_framework_import_shows_row_errors(org, client_for, tmp_path):
    rows = [list(r) for r in SMALL]
    rows[3][2] = "3"
    with framework_file(tmp_path, rows).open("rb") as fh:
        response = client_for(org.secretariat).post(
            url("framework_import"), {"file": fh, "year": 2024}
        )
    errors = response.context["errors"]
    assert (
        len(errors) == 1
        and errors[0].startswith("Dòng 4, cột Điểm tối đa:")
        and " 1.2:" in errors[0]
    )
    assert "confirm-import" not in response.content.decode()


def test_framework_import_is_refused_to_unit_staff(org, client_for):
    assert client_for(org.staff_a).get(url("framework_import")).status_code == 403


def test_ranking_page_for_appraisers(org, assessment, client_for):
    response = client_for(org.appraiser).get(url("ranking") + "?year=2022")
    assert response.status_code == 200
    assert [r["agency"] for r in response.context["rows"]] == ["SKHCN"]
    assert client_for(org.outsider).get(url("ranking")).status_code == 403
    xlsx = client_for(org.appraiser).get(url("ranking") + "?year=2022&export=xlsx")
    assert xlsx.content[:2] == b"PK"


def test_snapshots_compare_side_by_side(org, assessment, client_for):
    from parindex.scorecards.tests.test_workflow import fill_self, walk

    fill_self(assessment)
    walk(org, assessment, Stage.SUBMITTED, Stage.APPRAISAL_1)
    services.score_appraise(
        actor=org.appraiser, score=score_of(assessment, "1.1"), points="3", reason="x"
    )
    walk(org, assessment, Stage.EXPLANATION)
    snaps = list(assessment.snapshots.all())
    client = client_for(org.director)
    response = client.get(url("snapshots", "SKHCN", 2022) + f"?a={snaps[1].pk}&b={snaps[2].pk}")
    assert response.status_code == 200
    assert [row["code"] for row in response.context["comparison"]] == ["1.1"]
    # Points in the Vietnamese form: "3", never the stored "3.000" (three thousand to a reader).
    table = response.content.decode().split('id="comparison"')[1]
    assert "3.000" not in table and ">3<" in table
    assert client_for(org.staff_a).get(url("snapshots", "SKHCN", 2022)).status_code == 403


def test_scorecard_exports(org, assessment, client_for):
    client = client_for(org.director)
    for fmt in ("xlsx", "docx"):
        assert client.get(url("scorecard_export", "SKHCN", 2022, fmt)).content[:2] == b"PK"
    assert client.get(url("framework_export", 2022)).content[:2] == b"PK"


def test_worklist_shows_only_my_units_criteria(org, assessment, client_for):
    response = client_for(org.staff_a).get(url("worklist", "SKHCN", 2022))
    codes = [row[0].value for row in response.context["rows"]]
    assert codes == ["1.2.1", "2.1"]


def test_screens_speak_vietnamese_by_default(org, assessment, client_for):
    from pathlib import Path

    mo = Path(__file__).resolve().parents[1] / "locale" / "vi" / "LC_MESSAGES" / "django.mo"
    if not mo.exists():
        pytest.skip("compile the catalogue first: parindex translations")
    page = client_for(org.director).get(url("scorecard", "SKHCN", 2022)).content.decode()
    assert "Bảng điểm" in page and "Điểm bị trừ" in page


@pytest.mark.parametrize("page", ["snapshots"])
def test_other_pages_query_count_is_bounded(
    org, assessment, client_for, django_assert_max_num_queries, page
):
    client = client_for(org.secretariat)
    with django_assert_max_num_queries(25):
        assert client.get(url(page, "SKHCN", 2022)).status_code == 200


def test_framework_settings_choose_the_second_round(org, framework, client_for):
    edit = url("framework_edit", 2022)
    assert client_for(org.staff_a).get(edit).status_code == 403
    client = client_for(org.province_secretariat)
    assert client.get(edit).status_code == 200
    client.post(edit, {"name": "Bộ chỉ số 2022", "has_round_2": ""})
    framework.refresh_from_db()
    assert framework.name == "Bộ chỉ số 2022" and not framework.has_round_2


def _deduct_both_units(org, assessment):
    services.score_self(
        actor=org.staff_a, score=score_of(assessment, "1.2.1"), points="3.5", explanation="x"
    )
    services.score_self(
        actor=org.staff_b, score=score_of(assessment, "1.2.2"), points="2.5", explanation="y"
    )
    assessment.stage = Stage.APPRAISAL_1
    assessment.save()
    for code, points, reason in (("1.2.1", "2.5", "Lý do QLCN"), ("1.2.2", "1", "Lý do TDC")):
        services.score_appraise(
            actor=org.appraiser, score=score_of(assessment, code), points=points, reason=reason
        )


def test_ledger_shows_a_unit_only_the_leaves_its_leaf_pages_show(org, assessment, client_for):
    _deduct_both_units(org, assessment)
    client = client_for(org.staff_a)
    page = client.get(url("ledger", "SKHCN", 2022))
    text = page.content.decode()
    assert "Lý do QLCN" in text
    assert "Lý do TDC" not in text and "1.2.2" not in text
    assert [code for code, _ in page.context["by_unit"]] == ["QLCN"]
    response = client.get(url("ledger", "SKHCN", 2022) + "?export=xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    cells = [c for row in workbook.worksheets[0].iter_rows(values_only=True) for c in row]
    assert "Lý do QLCN" in cells and "Lý do TDC" not in cells and "1.2.2" not in cells
    units = [row[0] for row in workbook["Theo đơn vị"].iter_rows(min_row=2, values_only=True)]
    assert units == ["QLCN"]


def test_ledger_shows_the_director_every_unit(org, assessment, client_for):
    _deduct_both_units(org, assessment)
    client = client_for(org.director)
    text = client.get(url("ledger", "SKHCN", 2022)).content.decode()
    assert "Lý do QLCN" in text and "Lý do TDC" in text


def test_the_scorecard_keeps_its_column_labels_on_a_phone_and_cards_split_label_and_number(
    org, assessment, client_for
):
    """On a narrow screen the table's head is hidden and each cell shows its label (the CSS
    reads data-label); a stat card's label and number are apart ("Tối đa" / "10")."""
    import re

    from django.urls import reverse

    html = (
        client_for(org.secretariat)
        .get(reverse("scorecards:scorecard", args=["SKHCN", 2022]))
        .content.decode()
    )
    tree = html[html.index('id="scorecard-tree"') :]
    tree = tree[tree.index("<tbody>") : tree.index("</tbody>")]
    cells = re.findall(r"<td[^>]*>", tree)
    assert cells and all("data-label=" in c for c in cells if "colspan" not in c)
    assert re.search(r'<span class="label">[^<]+</span><strong class="value"', html)


def test_the_responsible_person_picker_shows_each_persons_unit(org, assessment, client_for):
    from django.urls import reverse

    page = client_for(org.secretariat).get(
        reverse("scorecards:assignment_edit", args=["SKHCN", 2022, "1.2.1"])
    )
    labels = [label for _value, label in page.context["form"].fields["responsible"].choices]
    assert any(label.endswith(" — QLCN") for label in labels)
    assert any(label.endswith(" — TDC") for label in labels)


def _framework_of(tmp_path, year, leaves):
    """A framework of `year` with one area of `leaves` leaves (1 point each) led by unit A."""
    rows = [["1", "Khu vực thử", str(leaves), "", "", "", "QLCN", "", "", ""]]
    rows += [[f"1.{i}", f"Tiêu chí thử {i}", "1", "", "", "", "QLCN", "", "", ""]
             for i in range(1, leaves + 1)]  # fmt: skip
    services.import_framework(
        framework_file(tmp_path, rows, name=f"{year}.csv"), year=year, agency_code="SKHCN"
    )


@pytest.mark.parametrize("page", ["scorecard", "worklist", "ledger", "assignments"])
def test_scorecard_pages_show_every_leaf_with_as_many_queries_for_twice_the_leaves(
    org, client_for, tmp_path, page
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for year, leaves in ((2030, 4), (2040, 8)):  # apart: no "last year" to carry over
        _framework_of(tmp_path, year, leaves)
        services.assessment_open(actor=None, agency=org.agency, year=year)
        client = client_for(org.secretariat)
        client.get(url(page, "SKHCN", year))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(page, "SKHCN", year))
        assert response.status_code == 200
        html = response.content.decode()
        if page != "ledger":  # the ledger lists lost points only; none are lost yet
            missing = [i for i in range(1, leaves + 1) if f"Tiêu chí thử {i}<" not in html]
            assert missing == [], f"{page} {year}: leaves not shown {missing}"
        counts.append(len(queries))
    assert counts[0] == counts[1], f"{page}: {counts[0]} queries for 4 leaves, {counts[1]} for 8"

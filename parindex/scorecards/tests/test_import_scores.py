"""`parindex import_scores`, `scorecard` and `ranking` (docs/formats.md §2–3)."""

import io
import json
from decimal import Decimal as D

import pytest
from django.core.management import CommandError, call_command

from conftest import refused_command as refused
from conftest import run_command as run
from parindex.audit.models import AuditEntry
from parindex.scorecards import services
from parindex.scorecards.choices import Stage
from parindex.scorecards.models import Assessment, DocumentReference
from parindex.scorecards.tests.conftest import score_of
from parindex.scorecards.tests.helpers import scores_file

SELF_ROWS = [
    ["1.1", "4", "", "1891/KH-SKHCN ngày 30/12/2021; 25/BC-SKHCN"],
    ["1.2.1", "3,5", "", ""],
    ["1.2.2", "2", "", ""],
    ["2.1", "3", "", ""],
    ["4.1", "1", "", ""],
    ["5.1", "0,5", "", ""],
]
APPRAISAL_ROWS = [
    ["1.1", "3", "Thiếu kế hoạch kiểm tra", ""],
    ["2.2", "1,75", "", ""],
    ["3.1", "2", "", ""],
    ["3.2", "2,25", "", ""],
    ["1.2.2", "2,5", "", ""],
]


def imp(path, stage):
    return run("import_scores", str(path), "--agency", "SKHCN", "--year", "2022", "--stage", stage)


def refused_rows(tmp_path, rows, stage="self"):
    """What import_scores says when it refuses a file of `rows` (stderr)."""
    path = str(scores_file(tmp_path, rows))
    return refused("import_scores", path, "--agency", "SKHCN", "--year", "2022", "--stage", stage)


def scorecard_json():
    out, _ = run("scorecard", "--agency", "SKHCN", "--year", "2022", "--format", "json")
    return json.loads(out)


def test_self_scores_are_imported_with_references(framework, tmp_path):
    out, _ = imp(scores_file(tmp_path, SELF_ROWS), "self")
    assert "created 6, updated 0, unchanged 0, rejected 0" in out
    assessment = Assessment.objects.get()
    assert assessment.stage == Stage.DRAFT
    score = score_of(assessment, "1.1")
    assert score.self_points == D("4")
    refs = list(DocumentReference.objects.filter(score=score).order_by("id"))
    assert str(refs[0]) == "1891/KH-SKHCN ngày 30/12/2021"
    assert refs[1].number == "25/BC-SKHCN"


def test_reimporting_scores_changes_nothing(framework, tmp_path):
    path = scores_file(tmp_path, SELF_ROWS)
    imp(path, "self")
    audit = AuditEntry.objects.count()
    out, _ = imp(path, "self")
    assert "created 0, updated 0, unchanged 6, rejected 0" in out
    assert AuditEntry.objects.count() == audit


def test_a_changed_score_is_updated_and_audited_with_before_and_after(framework, tmp_path):
    imp(scores_file(tmp_path, SELF_ROWS), "self")
    out, _ = imp(scores_file(tmp_path, [["1.1", "3,75", "", ""]]), "self")
    assert "created 0, updated 1" in out
    entry = AuditEntry.objects.filter(action="score.self_assessed").first()
    assert entry.before["self_points"] == "4.000"
    assert entry.after["self_points"] == "3.750"


def test_the_maximum_is_written_3_comma_5_in_vietnamese(framework, tmp_path):
    from django.utils import translation

    with translation.override("vi"):
        err = refused_rows(tmp_path, [["1.2.1", "3,6", "", ""]])
    assert "Điểm phải từ 0 đến 3,5." in err


def test_points_above_the_maximum_name_the_row(framework, tmp_path):
    err = refused_rows(tmp_path, [["1.1", "4", "", ""], ["1.2.1", "3,6", "", ""]])
    assert "row 3, column Điểm: Points must be between 0 and 3.5." in err  # the service's words
    assert (
        not Assessment.objects.exists()
        or score_of(Assessment.objects.get(), "1.1").self_points is None
    )


def test_a_non_leaf_row_is_refused(framework, tmp_path):
    err = refused_rows(tmp_path, [["1.2", "5", "", ""]])
    assert "row 2, column Mã: 1.2 has sub-criteria" in err


def test_negative_points_and_unknown_codes_are_refused(framework, tmp_path):
    err = refused_rows(tmp_path, [["1.1", "-1", "", ""], ["9.9", "1", "", ""]])
    assert "row 2, column Điểm" in err and "row 3, column Mã" in err


def test_a_deduction_at_appraisal_needs_an_explanation(framework, tmp_path):
    imp(scores_file(tmp_path, SELF_ROWS), "self")
    err = refused_rows(tmp_path, [["1.1", "3", "", ""]], stage="appraisal")
    assert "row 2, column Giải trình: A deduction needs a reason." in err
    out, _ = imp(
        scores_file(tmp_path, [["1.1", "3", "Thiếu", ""], ["1.2.2", "2,5", "", ""]]), "appraisal"
    )
    assert "created 2" in out


def test_survey_leaves_are_not_self_scored(framework, tmp_path):
    err = refused_rows(tmp_path, [["3.1", "2", "", ""]])
    assert "Survey criteria are not self-assessed" in err


def test_scorecard_json_matches_a_hand_computation(framework, tmp_path):
    imp(scores_file(tmp_path, SELF_ROWS), "self")
    imp(scores_file(tmp_path, APPRAISAL_ROWS), "appraisal")
    doc = scorecard_json()
    assert doc["max_total"] == 20.0
    assert doc["self_total"] == 12.5  # 4 + 3.5 + 2 + 3
    # area 1: 3 + 3.5 + 2.5 (raised); area 2: 3 (self kept) + 1.75; area 3: 2 + 2.25
    assert doc["appraised_total"] == 18.0
    assert doc["bonus"] == 1.0 and doc["penalty"] == 0.5
    assert doc["index"] == 92.5  # (18 + 1 − 0.5) ÷ 20 × 100
    nodes = {n["code"]: n for n in doc["nodes"]}
    assert nodes["1"] == {
        "code": "1",
        "title": "Công tác chỉ đạo, điều hành",
        "kind": "self",
        "max": 10.0,
        "self": 9.5,
        "appraised": 9.0,
        "lost": 0.5,
        "lead_unit": "HCTH",
    }
    assert nodes["3"]["self"] is None and nodes["2.2"]["self"] is None
    assert doc["lost_by_unit"] == [{"unit": "HCTH", "lost": 1.0}, {"unit": "TDC", "lost": -0.5}]


def test_a_leaf_without_appraisal_keeps_its_self_score_until_the_appraisal_closes(
    framework, tmp_path, org
):
    imp(scores_file(tmp_path, SELF_ROWS), "self")
    assert scorecard_json()["appraised_total"] == 12.5
    assessment = Assessment.objects.get()
    assessment.appraisal_closed = True
    assessment.save()
    assert scorecard_json()["appraised_total"] == 0.0


def test_scorecard_prints_only_json(framework, tmp_path):
    out, err = run("scorecard", "--agency", "SKHCN", "--year", "2022", "--format", "json")
    assert json.loads(out)["nodes"][0]["code"] == "1" and err == ""


def test_scorecard_xlsx_and_docx_are_written(framework, tmp_path):
    for fmt in ("xlsx", "docx"):
        target = tmp_path / f"sc.{fmt}"
        run(
            "scorecard",
            "--agency",
            "SKHCN",
            "--year",
            "2022",
            "--format",
            fmt,
            "--output",
            str(target),
        )
        assert target.read_bytes()[:2] == b"PK"


def test_ranking_lists_agencies_with_shared_ranks(framework, tmp_path, org):
    imp(scores_file(tmp_path, SELF_ROWS), "self")
    services.assessment_open(actor=None, agency=org.other_agency, year=2022)
    out, _ = run("ranking", "--year", "2022", "--format", "json")  # (12.5 + 1 − 0.5) ÷ 20
    assert json.loads(out) == [
        {"agency": "SKHCN", "index": 65.0, "rank": 1},
        {"agency": "STP", "index": 0.0, "rank": 2},
    ]


def test_appraisal_import_during_round_two_writes_round_two(framework, tmp_path, org):
    imp(scores_file(tmp_path, SELF_ROWS), "self")
    imp(scores_file(tmp_path, APPRAISAL_ROWS), "appraisal")
    Assessment.objects.update(stage=Stage.APPRAISAL_2)
    imp(scores_file(tmp_path, [["1.1", "3,5", "Bổ sung một phần", ""]]), "appraisal")
    score = score_of(Assessment.objects.get(), "1.1")
    assert score.appraised_points == D("3") and score.round2_points == D("3.5")
    assert scorecard_json()["appraised_total"] == 18.5


def test_a_final_assessment_refuses_imports(framework, tmp_path):
    imp(scores_file(tmp_path, SELF_ROWS), "self")
    Assessment.objects.update(stage=Stage.FINAL)
    with pytest.raises(CommandError):
        call_command(
            "import_scores",
            str(scores_file(tmp_path, [["1.1", "1", "", ""]])),
            "--agency",
            "SKHCN",
            "--year",
            "2022",
            "--stage",
            "self",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )

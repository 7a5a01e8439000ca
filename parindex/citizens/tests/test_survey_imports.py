"""docs/formats.md §10 through the commands: the question set, the returned forms, the index."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from conftest import run_command as run
from parindex.audit.models import AuditEntry
from parindex.citizens.models import Answer, Question, SurveyResponse
from parindex.citizens.tests.helpers import (
    index_json,
    make_procedure,
    make_survey,
    question_file,
    write_csv,
)

HEADER = ["Mã phiếu", "Ngày", "Mã TTHC", "Đơn vị", "Kênh", "Q1", "Q2", "Q3", "Q4", "Q5", "Q6"]


def import_responses(path, **options) -> tuple[str, str]:
    return run("import_survey_responses", str(path), agency="SKHCN", survey="KS", **options)


@pytest.fixture
def survey(org, tmp_path):
    make_procedure(org.agency, "1.001", unit=org.unit_a)
    make_procedure(org.agency, "2.002", unit=org.unit_b)
    return make_survey(tmp_path)


def test_question_import_creates_the_survey_and_its_questions_and_says_so(org, tmp_path):
    out, _err = run(
        "import_survey", str(question_file(tmp_path)), agency="SKHCN", code="KS", year="2026"
    )
    assert out.strip() == "created 6, updated 0, unchanged 0, rejected 0"
    assert [q.element for q in Question.objects.order_by("position")] == [
        "tiep_can",
        "thu_tuc",
        "cong_chuc",
        "ket_qua",
        "phan_anh",
        "thu_tuc",
    ]
    assert AuditEntry.objects.filter(action="survey.created").count() == 1


def test_question_import_again_changes_nothing_and_a_changed_text_is_an_update(org, tmp_path):
    path = question_file(tmp_path)
    run("import_survey", str(path), agency="SKHCN", code="KS", year="2026")
    out, _ = run("import_survey", str(path), agency="SKHCN", code="KS", year="2026")
    assert out.strip() == "created 0, updated 0, unchanged 6, rejected 0"
    write_csv(
        path,
        [["MÃ CÂU HỎI", "câu hỏi", "nhom"], ["Q1", "Câu mới", "TIEP_CAN"]],
    )
    out, _ = run("import_survey", str(path), agency="SKHCN", code="KS", year="2026")
    assert out.strip() == "created 0, updated 1, unchanged 0, rejected 0"
    assert Question.objects.get(code="Q1").text == "Câu mới"
    assert AuditEntry.objects.filter(action="survey_question.updated").count() == 1


def test_a_question_with_an_unknown_element_refuses_the_whole_file(org, tmp_path):
    path = write_csv(
        tmp_path / "q.csv",
        [["Mã câu hỏi", "Nội dung", "Yếu tố"], ["Q1", "A", "kết quả"], ["Q2", "B", "giá cả"]],
    )
    with pytest.raises(CommandError):
        _out, err = run("import_survey", str(path), agency="SKHCN", code="KS", year="2026")
    assert not Question.objects.exists()


def test_refused_question_file_names_row_and_column(org, tmp_path, capsys):
    path = write_csv(
        tmp_path / "q.csv",
        [["Mã câu hỏi", "Nội dung", "Yếu tố"], ["Q1", "", "kết quả"], ["Q1", "B", "x"]],
    )
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_survey", str(path), agency="SKHCN", code="KS", year="2026", stderr=err)
    text = err.getvalue()
    assert "row 2, column Nội dung:" in text
    assert "row 3, column Mã câu hỏi:" in text
    assert "row 3, column Yếu tố:" in text


def test_responses_count_blank_zero_and_no_opinion_as_unanswered_and_labels_in_any_case(
    survey, tmp_path
):
    path = write_csv(
        tmp_path / "r.csv",
        [
            HEADER,
            [
                "P1",
                "05/03/2026",
                "1.001",
                "QLCN",
                "2",
                "5",
                "",
                "0",
                "Không ý kiến",
                "hài lòng",
                "4",
            ],
            [
                "P2",
                "2026-03-06",
                "",
                "",
                "",
                "RẤT KHÔNG HÀI LÒNG",
                "rat hai long",
                "3",
                "không ý kiến",
                "",
                "bình thường",
            ],
        ],
    )
    out, _ = import_responses(path)
    assert out.strip() == "created 2, updated 0, unchanged 0, rejected 0"
    assert Answer.objects.count() == 7
    doc = index_json(survey="KS")
    total = doc["total"]
    assert total["responses"] == 2
    assert (total["tiep_can_answers"], total["tiep_can_satisfied"]) == (2, 1)
    assert (total["thu_tuc_answers"], total["thu_tuc_satisfied"]) == (3, 2)  # Q2 ×1, Q6 ×2
    assert (total["cong_chuc_answers"], total["cong_chuc_satisfied"]) == (1, 0)
    assert total["ket_qua_answers"] == 0 and total["ket_qua_rate"] is None
    assert (total["phan_anh_answers"], total["phan_anh_satisfied"]) == (1, 1)
    assert total["index"] == pytest.approx((0.5 + 2 / 3 + 0 + 1) / 4)
    assert doc["from"] == "2026-01-01" and doc["to"] == "2026-12-31"


def test_an_element_with_no_question_answered_has_a_null_rate_and_stays_out_of_the_index(
    survey, tmp_path
):
    path = write_csv(tmp_path / "r.csv", [["Mã phiếu", "Ngày", "Q1"], ["P1", "01/02/2026", "4"]])
    import_responses(path)
    total = index_json(survey="KS")["total"]
    assert total["tiep_can_rate"] == 1.0
    assert all(total[f"{e}_rate"] is None for e in ("thu_tuc", "cong_chuc", "ket_qua", "phan_anh"))
    assert total["index"] == 1.0


def test_no_answer_at_all_gives_a_null_index(survey, tmp_path):
    path = write_csv(tmp_path / "r.csv", [["Mã phiếu", "Ngày", "Q1"], ["P1", "01/02/2026", ""]])
    import_responses(path)
    total = index_json(survey="KS")["total"]
    assert total["responses"] == 1
    assert total["index"] is None


def test_a_date_outside_the_survey_year_is_a_row_error_and_nothing_is_written(survey, tmp_path):
    path = write_csv(
        tmp_path / "r.csv",
        [["Mã phiếu", "Ngày", "Q1"], ["P1", "01/02/2026", "4"], ["P2", "31/12/2025", "4"]],
    )
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_survey_responses", str(path), agency="SKHCN", survey="KS", stderr=err)
    assert "row 3, column Ngày:" in err.getvalue()
    assert not SurveyResponse.objects.exists()


def test_bad_answers_unknown_procedure_unit_and_channel_are_row_and_column_errors(survey, tmp_path):
    path = write_csv(
        tmp_path / "r.csv",
        [
            HEADER,
            ["P1", "01/02/2026", "9.999", "XYZ", "fax", "6", "tốt", "", "", "", ""],
        ],
    )
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_survey_responses", str(path), agency="SKHCN", survey="KS", stderr=err)
    text = err.getvalue()
    for column in ("Mã TTHC", "Đơn vị", "Kênh", "Q1", "Q2"):
        assert f"row 2, column {column}:" in text
    assert not SurveyResponse.objects.exists()


def test_skip_invalid_writes_the_good_rows_and_a_rejected_file(survey, tmp_path):
    path = write_csv(
        tmp_path / "r.csv",
        [["Mã phiếu", "Ngày", "Q1"], ["P1", "01/02/2026", "4"], ["P2", "01/02/2026", "7"]],
    )
    out, _ = import_responses(path, skip_invalid=True)
    assert out.strip() == "created 1, updated 0, unchanged 0, rejected 1"
    assert (tmp_path / "r.rejected.csv").exists()


def test_reimporting_responses_is_idempotent_and_a_changed_answer_is_an_audited_update(
    survey, tmp_path
):
    rows = [["Mã phiếu", "Ngày", "Q1", "Q3"], ["P1", "01/02/2026", "4", "2"]]
    path = write_csv(tmp_path / "r.csv", rows)
    import_responses(path)
    out, _ = import_responses(path)
    assert out.strip() == "created 0, updated 0, unchanged 1, rejected 0"
    write_csv(path, [["Mã phiếu", "Ngày", "Q1", "Q3"], ["P1", "01/02/2026", "4", "5"]])
    out, _ = import_responses(path)
    assert out.strip() == "created 0, updated 1, unchanged 0, rejected 0"
    assert index_json(survey="KS")["total"]["cong_chuc_satisfied"] == 1
    assert AuditEntry.objects.filter(action="survey_response.updated").count() == 1


def test_a_column_that_is_no_question_is_ignored_with_a_warning(survey, tmp_path):
    path = write_csv(
        tmp_path / "r.csv", [["Mã phiếu", "Ngày", "Q1", "Q99"], ["P1", "01/02/2026", "4", "1"]]
    )
    out, err = import_responses(path)
    assert "Q99" in err
    assert out.strip() == "created 1, updated 0, unchanged 0, rejected 0"


def test_groups_use_the_forms_own_unit_and_total_counts_forms_without_one(survey, org, tmp_path):
    # Procedure 1.001 belongs to unit A, but the form names unit B: B is its group.
    path = write_csv(
        tmp_path / "r.csv",
        [
            ["Mã phiếu", "Ngày", "Mã TTHC", "Đơn vị", "Kênh", "Q1"],
            ["P1", "01/02/2026", "1.001", "TDC", "trực tuyến", "5"],
            ["P2", "01/02/2026", "1.001", "", "1", "2"],
            ["P3", "01/02/2026", "", "Phòng Quản lý Công nghệ", "", ""],
        ],
    )
    import_responses(path)
    by_unit = index_json(survey="KS", by="unit")
    assert by_unit["total"]["responses"] == 3
    assert [(g["key"], g["responses"]) for g in by_unit["groups"]] == [("QLCN", 1), ("TDC", 1)]
    assert by_unit["groups"][0]["index"] is None
    assert by_unit["groups"][1]["tiep_can_rate"] == 1.0
    by_procedure = index_json(survey="KS", by="procedure")
    assert [(g["key"], g["responses"]) for g in by_procedure["groups"]] == [("1.001", 2)]
    by_channel = index_json(survey="KS", by="channel")
    assert [(g["key"], g["responses"]) for g in by_channel["groups"]] == [
        ("direct", 1),
        ("online", 1),
    ]


def test_the_period_keeps_only_forms_dated_inside_it(survey, tmp_path):
    path = write_csv(
        tmp_path / "r.csv",
        [["Mã phiếu", "Ngày", "Q1"], ["P1", "31/01/2026", "4"], ["P2", "01/02/2026", "1"]],
    )
    import_responses(path)
    doc = index_json(survey="KS", date_from="2026-02-01", date_to="28/02/2026")
    assert doc["from"] == "2026-02-01" and doc["to"] == "2026-02-28"
    assert doc["total"]["responses"] == 1
    assert doc["total"]["tiep_can_rate"] == 0.0


def test_a_question_without_a_column_is_unanswered_on_every_row(survey, tmp_path):
    path = write_csv(tmp_path / "r.csv", [["Mã phiếu", "Ngày", "Q3"], ["P1", "01/02/2026", "5"]])
    import_responses(path)
    total = index_json(survey="KS")["total"]
    assert total["tiep_can_answers"] == 0
    assert total["cong_chuc_answers"] == 1

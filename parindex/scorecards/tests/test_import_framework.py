"""`parindex import_framework` (docs/formats.md §1)."""

import io
from decimal import Decimal as D

import pytest
from django.core.management import CommandError, call_command

from conftest import refused_command as refused
from conftest import run_command as run
from parindex.audit.models import AuditEntry
from parindex.scorecards import services
from parindex.scorecards.models import Assignment, Framework, Node
from parindex.scorecards.tests.helpers import FRAMEWORK_HEADER, SMALL, framework_file, write_xlsx


def test_import_creates_the_tree_with_inherited_kinds(org, tmp_path):
    out, err = run("import_framework", str(framework_file(tmp_path)), "--year", "2022")
    assert "created 16, updated 0, unchanged 0, rejected 0" in out
    framework = Framework.objects.get(year=2022)
    nodes = {n.code: n for n in Node.objects.filter(framework=framework)}
    assert nodes["1.2.1"].max_points == D("3.5")
    assert nodes["1.2.1"].parent == nodes["1.2"]
    assert nodes["3.1"].kind == "survey" and nodes["4.2"].kind == "bonus"
    assert nodes["2.2"].kind == "survey" and nodes["2.1"].kind == "self"
    assert not nodes["1.2"].is_leaf and nodes["1.2.2"].is_leaf
    assert nodes["2.1"].metric_key == "dossiers.on_time_rate" and nodes["2.1"].rule == "full_at 100"
    assert [n.code for n in Node.objects.filter(framework=framework)][:4] == [
        "1",
        "1.1",
        "1.2",
        "1.2.1",
    ]


def test_units_are_ignored_with_one_warning_without_an_agency(org, tmp_path):
    _out, err = run("import_framework", str(framework_file(tmp_path)), "--year", "2022")
    assert err.count("ignored") == 1
    assert not Assignment.objects.exists()


def test_units_are_read_with_an_agency(org, tmp_path):
    run("import_framework", str(framework_file(tmp_path)), "--year", "2022", "--agency", "SKHCN")
    a = Assignment.objects.get(node__code="1.2.1", agency=org.agency)
    assert a.lead_unit == org.unit_a
    assert set(a.cooperating_units.all()) == {org.unit_b, org.secretariat_unit}


def test_reimporting_is_idempotent(org, tmp_path):
    path = framework_file(tmp_path)
    run("import_framework", str(path), "--year", "2022", "--agency", "SKHCN")
    count = AuditEntry.objects.count()
    out, _ = run("import_framework", str(path), "--year", "2022", "--agency", "SKHCN")
    assert "created 0, updated 0, unchanged 16, rejected 0" in out
    assert AuditEntry.objects.count() == count


def test_importing_for_another_agency_changes_no_node(org, tmp_path):
    from parindex.org.models import Unit

    for code in ("HCTH", "QLCN", "TDC"):
        Unit.objects.create(agency=org.other_agency, code=code, name=code)
    path = framework_file(tmp_path)
    run("import_framework", str(path), "--year", "2022", "--agency", "SKHCN")
    nodes_before = list(Node.objects.values_list("pk", "code", "title", "max_points", "kind"))
    run("import_framework", str(path), "--year", "2022", "--agency", "STP")
    assert (
        list(Node.objects.values_list("pk", "code", "title", "max_points", "kind")) == nodes_before
    )
    assert Assignment.objects.filter(agency=org.other_agency).count() == 6
    assert Assignment.objects.filter(agency=org.agency).count() == 6


def test_a_changed_row_updates_the_node_and_is_audited(org, tmp_path):
    run("import_framework", str(framework_file(tmp_path)), "--year", "2022")
    rows = [list(r) for r in SMALL]
    rows[1][1] = "Kế hoạch CCHC năm"
    out, _ = run("import_framework", str(framework_file(tmp_path, rows)), "--year", "2022")
    assert "created 0, updated 1, unchanged 15" in out
    entry = AuditEntry.objects.filter(action="framework.node_updated").get()
    assert entry.after["title"] == "Kế hoạch CCHC năm"


def test_parent_sum_mismatch_names_the_node(org, tmp_path):
    rows = [list(r) for r in SMALL]
    rows[3][2] = "3"  # 1.2.1: 3 + 2.5 ≠ 6
    err = refused("import_framework", str(framework_file(tmp_path, rows)), "--year", "2022")
    assert "row 4, column Điểm tối đa: node 1.2:" in err
    assert "node 1:" not in err  # 1 = 4 + 6 still holds
    assert not Node.objects.exists()


def test_a_vietnamese_message_writes_its_decimals_the_vietnamese_way(org, tmp_path):
    from django.utils import translation

    rows = [list(r) for r in SMALL]
    rows[3][2] = "3"  # 1.2.1: 3 + 2.5 = 5.5, not 6
    with translation.override("vi"):
        err = refused("import_framework", str(framework_file(tmp_path, rows)), "--year", "2022")
    assert "5,5" in err and "5.5" not in err


def test_sums_tolerate_a_thousandth(org, tmp_path):
    rows = [
        ["1", "A", "1", "", "", "", "", "", "", ""],
        ["1.1", "a", "0,3333", "", "", "", "", "", "", ""],
        ["1.2", "b", "0,3333", "", "", "", "", "", "", ""],
        ["1.3", "c", "0,3333", "", "", "", "", "", "", ""],
    ]
    with pytest.raises(CommandError):  # 4 decimals are refused
        call_command(
            "import_framework",
            str(framework_file(tmp_path, rows)),
            "--year",
            "2022",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    rows = [
        ["1", "A", "1", "", "", "", "", "", "", ""],
        ["1.1", "a", "0,333", "", "", "", "", "", "", ""],
        ["1.2", "b", "0,333", "", "", "", "", "", "", ""],
        ["1.3", "c", "0,333", "", "", "", "", "", "", ""],
    ]
    out, _ = run("import_framework", str(framework_file(tmp_path, rows)), "--year", "2022")
    assert "created 4" in out


def test_bonus_and_penalty_parents_are_not_summed(org, tmp_path):
    rows = [
        ["1", "A", "1", "", "", "", "", "", "", ""],
        ["1.1", "a", "1", "", "", "", "", "", "", ""],
        ["2", "Thưởng", "1", "", "", "thưởng", "", "", "", ""],
        ["2.1", "x", "1", "", "", "", "", "", "", ""],
        ["2.2", "y", "1", "", "", "", "", "", "", ""],
    ]
    out, _ = run("import_framework", str(framework_file(tmp_path, rows)), "--year", "2022")
    assert "created 5" in out


@pytest.mark.parametrize(
    "column,value,message",
    [
        (8, "dossiers.speed", "row 8, column Chỉ số tự động: unknown metric"),
        (9, "full 100", "row 8, column Quy tắc: unknown rule"),
        (9, "", "row 8, column Quy tắc: a rule is required"),
        (5, "khác", "row 8, column Loại điểm: unknown kind"),
    ],
)
def test_metric_rule_and_kind_errors_name_the_row(org, tmp_path, column, value, message):
    rows = [list(r) for r in SMALL]
    rows[6][column] = value
    err = refused("import_framework", str(framework_file(tmp_path, rows)), "--year", "2022")
    assert message in err


def test_a_missing_parent_and_a_repeated_code_are_row_errors(org, tmp_path):
    rows = [list(r) for r in SMALL] + [
        ["7.1", "x", "1", "", "", "", "", "", "", ""],
        ["1.1", "again", "4", "", "", "", "", "", "", ""],
    ]
    err = refused("import_framework", str(framework_file(tmp_path, rows)), "--year", "2022")
    assert "row 18, column Mã: the parent 7 of 7.1 is missing" in err
    assert "row 19, column Mã: code 1.1 repeats row 3" in err


def test_an_unknown_unit_is_a_row_error_with_an_agency(org, tmp_path):
    rows = [list(r) for r in SMALL]
    rows[1][6] = "KHONGCO"
    err = refused(
        "import_framework",
        str(framework_file(tmp_path, rows)),
        "--year",
        "2022",
        "--agency",
        "SKHCN",
    )
    assert "row 3, column Đơn vị chủ trì: unknown unit KHONGCO" in err


def test_units_match_by_exact_name(org, tmp_path):
    rows = [list(r) for r in SMALL]
    rows[1][6] = org.unit_b.name
    run(
        "import_framework",
        str(framework_file(tmp_path, rows)),
        "--year",
        "2022",
        "--agency",
        "SKHCN",
    )
    assert Assignment.objects.get(node__code="1.1").lead_unit == org.unit_b


def test_xlsx_with_title_rows_and_aliases(org, tmp_path):
    header = ["STT", "Tiêu chí", "Điểm chuẩn", "Cách chấm", "Kiểm chứng", "Nguồn điểm"]
    rows = [
        ["1", "A", 10, "", "", ""],
        ["1.1", "a", 4.5, "", "", ""],
        ["1.2", "b", 5.5, "", "", "XHH"],
    ]
    path = write_xlsx(tmp_path / "k.xlsx", header, rows)
    out, _ = run("import_framework", str(path), "--year", "2023", "--name", "Bộ 2023")
    assert "created 3" in out
    assert Framework.objects.get(year=2023).name == "Bộ 2023"
    assert Node.objects.get(code="1.2").kind == "survey"


def test_export_then_import_round_trips(org, tmp_path):
    run("import_framework", str(framework_file(tmp_path)), "--year", "2022", "--agency", "SKHCN")
    framework = Framework.objects.get(year=2022)
    data = services.export_framework_xlsx(framework, org.agency)
    path = tmp_path / "export.xlsx"
    path.write_bytes(data)
    out, _ = run("import_framework", str(path), "--year", "2022", "--agency", "SKHCN")
    assert "created 0, updated 0, unchanged 16, rejected 0" in out
    out, _ = run("import_framework", str(path), "--year", "2030", "--agency", "SKHCN")
    assert "created 16" in out
    fields = (
        "code",
        "title",
        "max_points",
        "kind",
        "method",
        "evidence_expected",
        "metric_key",
        "rule",
        "is_leaf",
    )
    first = list(Node.objects.filter(framework__year=2022).values_list(*fields))
    second = list(Node.objects.filter(framework__year=2030).values_list(*fields))
    assert first == second

    def leads(year):
        return list(
            Assignment.objects.filter(node__framework__year=year)
            .order_by("node__sort_key")
            .values_list("node__code", "lead_unit__code")
        )

    assert leads(2022) == leads(2030)


def test_skip_invalid_writes_the_valid_subtrees(org, tmp_path):
    rows = [list(r) for r in SMALL]
    rows[11][2] = "abc"  # the bonus area row
    path = framework_file(tmp_path, rows)
    out, _ = run("import_framework", str(path), "--year", "2022", "--skip-invalid")
    assert not Node.objects.filter(code__startswith="4").exists()
    assert Node.objects.filter(code="5.1").exists()
    assert (tmp_path / "khung.rejected.csv").exists()


def test_header_aliases_are_accent_and_case_insensitive(org, tmp_path):
    from parindex.scorecards.tests.helpers import write_csv

    path = write_csv(
        tmp_path / "k.csv", ["MA TIEU CHI", "noi dung", "ĐIỂM TỐI ĐA"], [["1", "A", "2"]]
    )
    out, _ = run("import_framework", str(path), "--year", "2022")
    assert "created 1" in out


def test_header_is_required(org, tmp_path):
    from parindex.scorecards.tests.helpers import write_csv

    path = write_csv(tmp_path / "k.csv", ["x", "y"], [["1", "A"]])
    with pytest.raises(CommandError):
        call_command(
            "import_framework",
            str(path),
            "--year",
            "2022",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    assert FRAMEWORK_HEADER

"""The three imports: columns and aliases, bad input refused whole, idempotent upserts, audit."""

from __future__ import annotations

from parindex.audit.models import AuditEntry
from parindex.people.choices import PositionGroup
from parindex.people.models import Position, StaffMember, TrainingRecord

from .conftest import POSITION_HEADER, STAFF_HEADER, TRAINING_HEADER


def test_positions_import_creates_the_scheme_with_groups_ranks_and_headcounts(org, scheme):
    head = Position.objects.get(agency=org.agency, code="TP-A")
    assert head.unit == org.unit_a
    assert head.group == PositionGroup.LEADERSHIP
    assert head.required_ranks == ["chuyên viên chính"]
    expert = Position.objects.get(code="CV-A")
    assert expert.required_ranks == ["chuyên viên", "chuyên viên chính"]
    assert expert.headcount == 2
    assert Position.objects.get(code="LX-B").group == PositionGroup.SUPPORT


def test_reimporting_the_same_scheme_changes_nothing(org, scheme, run):
    audit_rows = AuditEntry.objects.count()
    code, out, _err = run("import_positions", str(scheme), "--agency", "SKHCN")
    assert code == 0
    assert out.strip() == "created 0, updated 0, unchanged 5, rejected 0"
    assert AuditEntry.objects.count() == audit_rows


def test_a_changed_headcount_updates_the_position_and_is_audited(org, scheme, run, write_csv):
    path = write_csv(
        "p2.csv",
        POSITION_HEADER,
        [["CV-A", "Chuyên viên quản lý công nghệ", "QLCN", "chuyên môn, nghiệp vụ", "", 3]],
    )
    code, out, _err = run("import_positions", str(path), "--agency", "SKHCN")
    assert out.strip() == "created 0, updated 1, unchanged 0, rejected 0"
    entry = AuditEntry.objects.filter(action="position.updated").get()
    assert entry.before["headcount"] == 2 and entry.after["headcount"] == 3


def test_headers_match_by_alias_and_without_accents(org, run, write_csv):
    path = write_csv(
        "aliases.csv",
        ["MA", "Vi tri viec lam", "DON VI", "nhom vi tri", "Chức danh nghề nghiệp", "so nguoi"],
        [["KS", "Kỹ sư", "Phòng Quản lý Công nghệ", "Chuyên môn, nghiệp vụ", "V.05.02.07", "1"]],
    )
    code, out, err = run("import_positions", str(path), "--agency", "SKHCN")
    assert code == 0, err
    assert Position.objects.get(code="KS").required_ranks == ["V.05.02.07"]


def test_a_headcount_that_is_not_a_whole_number_at_least_zero_refuses_the_file(org, run, write_csv):
    for bad in ("-1", "2,5", "hai", ""):
        path = write_csv(
            "bad.csv",
            POSITION_HEADER,
            [
                ["OK", "Chuyên viên", "QLCN", "chuyên môn, nghiệp vụ", "", 1],
                ["X", "Chuyên viên", "QLCN", "chuyên môn, nghiệp vụ", "", bad],
            ],
        )
        code, _out, err = run("import_positions", str(path), "--agency", "SKHCN")
        assert code == 1
        assert "row 3, column Số lượng:" in err
        assert not Position.objects.exists()


def test_an_unknown_group_or_unit_is_a_row_error(org, run, write_csv):
    path = write_csv(
        "bad.csv",
        POSITION_HEADER,
        [
            ["A", "Chuyên viên", "QLCN", "quản trị", "", 1],
            ["B", "Chuyên viên", "NOPE", "chuyên môn, nghiệp vụ", "", 1],
        ],
    )
    code, _out, err = run("import_positions", str(path), "--agency", "SKHCN")
    assert code == 1
    assert "row 2, column Nhóm:" in err
    assert "row 3, column Đơn vị:" in err


def test_skip_invalid_writes_the_valid_rows_and_a_rejected_file(org, run, write_csv):
    path = write_csv(
        "mixed.csv",
        POSITION_HEADER,
        [
            ["A", "Chuyên viên", "QLCN", "chuyên môn, nghiệp vụ", "", 1],
            ["B", "Chuyên viên", "QLCN", "chuyên môn, nghiệp vụ", "", -3],
        ],
    )
    code, out, _err = run("import_positions", str(path), "--agency", "SKHCN", "--skip-invalid")
    assert code == 0
    assert out.strip() == "created 1, updated 0, unchanged 0, rejected 1"
    assert (path.parent / "mixed.rejected.csv").exists()


# -- staff ----------------------------------------------------------------------------------


def staff_row(code, name="Nguyễn Văn An", unit="QLCN", position="CV-A", rank="chuyên viên",
              placed="01/03/2022", rotate="", left=""):  # fmt: skip
    return [code, name, unit, position, rank, placed, rotate, left]


def test_staff_import_reads_every_column(org, scheme, run, write_csv):
    path = write_csv(
        "staff.csv",
        STAFF_HEADER,
        [staff_row("CB01", rotate="x", left="31/12/2026"), staff_row("CB02", position="")],
    )
    code, out, err = run("import_staff", str(path), "--agency", "SKHCN")
    assert code == 0, err
    assert out.strip() == "created 2, updated 0, unchanged 0, rejected 0"
    member = StaffMember.objects.get(code="CB01")
    assert member.position.code == "CV-A"
    assert member.rank == "chuyên viên"
    assert member.placed_on.isoformat() == "2022-03-01"
    assert member.must_rotate is True
    assert member.left_on.isoformat() == "2026-12-31"
    assert StaffMember.objects.get(code="CB02").position is None
    code, out, _err = run("import_staff", str(path), "--agency", "SKHCN")
    assert out.strip() == "created 0, updated 0, unchanged 2, rejected 0"


def test_yes_no_cells_accept_every_form_and_empty_means_no(org, scheme, run, write_csv):
    yes = ["có", "x", "1", "yes", "true", "Có", "TRUE"]
    no = ["không", "0", "no", "false", ""]
    rows = [staff_row(f"Y{i}", rotate=v) for i, v in enumerate(yes)]
    rows += [staff_row(f"N{i}", rotate=v) for i, v in enumerate(no)]
    code, _out, err = run("import_staff", str(write_csv("s.csv", STAFF_HEADER, rows)),
                          "--agency", "SKHCN")  # fmt: skip
    assert code == 0, err
    assert StaffMember.objects.filter(must_rotate=True).count() == len(yes)
    assert StaffMember.objects.filter(must_rotate=False).count() == len(no)


def test_bad_staff_rows_are_located_and_nothing_is_written(org, scheme, run, write_csv):
    path = write_csv(
        "bad.csv",
        STAFF_HEADER,
        [
            staff_row("OK1"),
            staff_row("E1", position="NO-SUCH"),
            staff_row("E2", placed="01/06/2024", left="31/05/2024"),
            staff_row("E3", rank="123abc"),
            staff_row("E4", rotate="maybe"),
            staff_row("E5", placed="31/02/2024"),
        ],
    )
    code, _out, err = run("import_staff", str(path), "--agency", "SKHCN")
    assert code == 1
    assert "row 3, column Mã vị trí:" in err
    assert "row 4, column Ngày nghỉ:" in err
    assert "row 5, column Ngạch:" in err
    assert "row 6, column Diện chuyển đổi:" in err
    assert "row 7, column Ngày nhận vị trí:" in err
    assert not StaffMember.objects.exists()


def test_a_leaving_date_on_the_placement_date_is_accepted(org, scheme, run, write_csv):
    path = write_csv(
        "s.csv", STAFF_HEADER, [staff_row("A", placed="01/06/2024", left="01/06/2024")]
    )
    code, _out, err = run("import_staff", str(path), "--agency", "SKHCN")
    assert code == 0, err


def test_ranks_are_names_or_official_codes(org, scheme, run, write_csv):
    good = ["chuyên viên chính", "Ngạch chuyên viên", "01.003", "V.05.02.07",
            "Kỹ sư (V.05.02.07)", "Thanh tra viên", "cán sự", "Kỹ sư hạng 3",
            "Chuyên viên (tương đương)"]  # fmt: skip
    rows = [staff_row(f"G{i}", rank=r) for i, r in enumerate(good)]
    code, _out, err = run("import_staff", str(write_csv("g.csv", STAFF_HEADER, rows)),
                          "--agency", "SKHCN")  # fmt: skip
    assert code == 0, err
    for bad in ("12345", "cv2", "#chuyên viên", "1.2.3", "chuyên viên 1", "hạng 7"):
        path = write_csv("b.csv", STAFF_HEADER, [staff_row("B", rank=bad)])
        code, _out, err = run("import_staff", str(path), "--agency", "SKHCN")
        assert code == 1, bad
        assert "column Ngạch: unknown rank format" in err or "column Ngạch:" in err


def test_a_staff_record_is_linked_to_the_account_of_the_same_name(org, scheme, run, write_csv):
    org.staff_a.full_name = "Trần Thị Bình"
    org.staff_a.save()
    path = write_csv("s.csv", STAFF_HEADER, [staff_row("CB9", name="TRẦN THỊ BÌNH")])
    run("import_staff", str(path), "--agency", "SKHCN")
    assert StaffMember.objects.get(code="CB9").user == org.staff_a


def test_an_account_column_links_the_named_account(org, scheme, run, write_csv):
    path = write_csv(
        "s.csv", [*STAFF_HEADER, "Tài khoản"], [[*staff_row("CB9"), org.head_b.username]]
    )
    code, _out, err = run("import_staff", str(path), "--agency", "SKHCN")
    assert code == 0, err
    assert StaffMember.objects.get(code="CB9").user == org.head_b
    path = write_csv("s2.csv", [*STAFF_HEADER, "Tài khoản"], [[*staff_row("CB8"), "nobody"]])
    code, _out, err = run("import_staff", str(path), "--agency", "SKHCN")
    assert code == 1 and "row 2, column Tài khoản:" in err


def test_only_the_secretariat_imports_staff(org, scheme, run, write_csv):
    path = write_csv("s.csv", STAFF_HEADER, [staff_row("CB1")])
    code, _out, err = run("import_staff", str(path), "--agency", "SKHCN", "--user", "truong_a")
    assert code != 0
    assert not StaffMember.objects.exists()
    code, _out, err = run("import_staff", str(path), "--agency", "SKHCN", "--user", "thuky")
    assert code == 0, err
    assert AuditEntry.objects.filter(action="staff.created", actor=org.secretariat).count() == 1


# -- training -------------------------------------------------------------------------------


def test_training_import_defaults_to_in_plan_and_upserts_by_course_and_person(
    org, scheme, run, write_csv
):
    run("import_staff", str(write_csv("s.csv", STAFF_HEADER, [staff_row("CB1")])),
        "--agency", "SKHCN")  # fmt: skip
    path = write_csv(
        "t.csv",
        TRAINING_HEADER,
        [["K1", "Bồi dưỡng QLNN", "CB1", "", "2026", ""], ["K2", "Tin học", "CB1", "không", "2026", "15/05/2026"]],
    )  # fmt: skip
    code, out, err = run("import_training", str(path), "--agency", "SKHCN")
    assert code == 0, err
    assert out.strip() == "created 2, updated 0, unchanged 0, rejected 0"
    assert TrainingRecord.objects.get(course_code="K1").in_plan is True
    assert TrainingRecord.objects.get(course_code="K2").in_plan is False
    code, out, _err = run("import_training", str(path), "--agency", "SKHCN")
    assert out.strip() == "created 0, updated 0, unchanged 2, rejected 0"


def test_training_of_an_unknown_person_is_refused(org, scheme, run, write_csv):
    path = write_csv("t.csv", TRAINING_HEADER, [["K1", "Bồi dưỡng", "NOBODY", "", "2026", ""]])
    code, _out, err = run("import_training", str(path), "--agency", "SKHCN")
    assert code == 1 and "row 2, column Mã cán bộ:" in err
    assert not TrainingRecord.objects.exists()


def test_a_grade_written_in_digits_or_roman_numerals_is_the_same_rank():
    from parindex.people.figures import rank_matches

    assert rank_matches("Kỹ sư hạng 3", ["kỹ sư hạng III"])
    assert rank_matches("01.002", ["Chuyên viên chính"])
    assert not rank_matches("chuyên viên", ["chuyên viên chính"])
    assert not rank_matches("", ["chuyên viên"])
    assert rank_matches("", [])


def test_an_account_of_another_agency_reads_as_unknown(org, scheme, run, write_csv):
    """Issue 12, item 15: the same answer as for a name that does not exist; nothing linked."""
    rows = [[*staff_row("CB7"), org.other_secretariat.username], [*staff_row("CB8"), "nobody"]]
    path = write_csv("s.csv", [*STAFF_HEADER, "Tài khoản"], rows)
    code, _out, err = run("import_staff", str(path), "--agency", "SKHCN")
    assert code == 1
    lines = [line for line in err.splitlines() if "Tài khoản" in line]
    assert len(lines) == 2
    assert lines[0].replace(org.other_secretariat.username, "X") == lines[1].replace(
        "nobody", "X"
    ).replace("row 3", "row 2")
    assert not StaffMember.objects.filter(user=org.other_secretariat).exists()

"""The people metrics read the staffing figures and can be bound to a framework leaf."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import time_machine

from parindex.metrics import registry

from .conftest import STAFF_HEADER, TRAINING_HEADER

PERIOD = (dt.date(2026, 1, 1), dt.date(2026, 6, 30))


def load(run, write_csv):
    staff = [
        ["A1", "Một", "QLCN", "CV-A", "chuyên viên", "", "", ""],
        ["A2", "Hai", "QLCN", "CV-A", "cán sự", "", "", ""],
        ["A3", "Ba", "QLCN", "TP-A", "chuyên viên chính", "", "", ""],
        ["B1", "Bốn", "TDC", "CV-B", "chuyên viên", "", "", ""],
    ]
    assert run("import_staff", str(write_csv("s.csv", STAFF_HEADER, staff)),
               "--agency", "SKHCN")[0] == 0  # fmt: skip
    training = [["K1", "", "A1", "", "2026", "01/03/2026"], ["K1", "", "A2", "", "2026", ""],
                ["K1", "", "B1", "", "2026", "01/08/2026"]]  # fmt: skip
    assert run("import_training", str(write_csv("t.csv", TRAINING_HEADER, training)),
               "--agency", "SKHCN")[0] == 0  # fmt: skip


def test_the_three_metrics_read_the_staffing_figures(org, scheme, run, write_csv):
    load(run, write_csv)
    with time_machine.travel(dt.datetime(2026, 9, 1, 9, tzinfo=dt.UTC), tick=False):
        figures = run.json("staffing_figures", "--agency", "SKHCN", "--year", "2026",
                           "--as-of", "30/06/2026")["total"]  # fmt: skip
        rank = registry.read("staffing.rank_match_rate", org.agency, None, *PERIOD)
        assert (rank.numerator, rank.denominator) == (figures["rank_match"], figures["placed"])
        assert rank.value == Decimal("75.00")
        training = registry.read("training.rate", org.agency, None, *PERIOD)
        assert (training.numerator, training.denominator) == (1, 3)
        vacant = registry.read("staffing.leadership_vacant", org.agency, None, *PERIOD)
        assert vacant.value == Decimal(figures["leadership_vacant"]) == 1
        unit_b = registry.read("staffing.rank_match_rate", org.agency, org.unit_b, *PERIOD)
        assert (unit_b.numerator, unit_b.denominator) == (1, 1)
        assert "placement" in rank.url


def test_a_framework_leaf_can_be_bound_to_a_people_metric(org, tmp_path):
    from parindex.scorecards.models import Node
    from parindex.scorecards.services import import_framework
    from parindex.scorecards.tests.helpers import framework_file

    rows = [
        ["1", "Tổ chức bộ máy", "4", "", "", "", "HCTH", "", "", ""],
        ["1.1", "Đúng cơ cấu ngạch", "2", "", "", "", "HCTH", "", "staffing.rank_match_rate",
         "full_at 100"],
        ["1.2", "Bồi dưỡng", "2", "", "", "", "HCTH", "", "training.rate", "steps 100:1, 80:0.5"],
    ]  # fmt: skip
    import_framework(framework_file(tmp_path, rows), year=2026, agency_code="SKHCN")
    assert Node.objects.get(code="1.1").metric_key == "staffing.rank_match_rate"

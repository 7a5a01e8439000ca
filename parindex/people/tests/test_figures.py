"""`staffing_figures`: every definition at its boundaries, and a recomputation on random data."""

from __future__ import annotations

import datetime as dt
import random

import pytest
import time_machine

from parindex.people.figures import add_years

from .conftest import STAFF_HEADER, TRAINING_HEADER

ZERO = {
    "positions": 0,
    "staff": 0,
    "placed": 0,
    "rank_match": 0,
    "rank_match_rate": None,
    "vacant": 0,
    "leadership_vacant": 0,
    "rotation_due": 0,
    "training_planned": 0,
    "training_done": 0,
    "training_rate": None,
}


def staff(code, unit="QLCN", position="", rank="", placed="", rotate="", left=""):
    return [code, f"Người {code}", unit, position, rank, placed, rotate, left]


@pytest.fixture
def load(run, write_csv, scheme):
    def load(staff_rows, training_rows=()):
        path = write_csv("s.csv", STAFF_HEADER, staff_rows)
        code, _out, err = run("import_staff", str(path), "--agency", "SKHCN")
        assert code == 0, err
        if training_rows:
            path = write_csv("t.csv", TRAINING_HEADER, list(training_rows))
            code, _out, err = run("import_training", str(path), "--agency", "SKHCN")
            assert code == 0, err

    return load


def figures(run, *extra):
    return run.json("staffing_figures", "--agency", "SKHCN", *extra)


def group(data, key):
    return next(g for g in data["groups"] if g["key"] == key)


def test_the_document_has_the_contract_keys_and_groups_by_unit_code(org, run, load):
    load([staff("A1", position="CV-A", rank="chuyên viên")])
    data = figures(run, "--year", "2026", "--as-of", "30/06/2026")
    assert list(data) == ["agency", "year", "as_of", "total", "groups"]
    assert data["agency"] == "SKHCN" and data["year"] == 2026 and data["as_of"] == "2026-06-30"
    assert list(data["total"]) == list(ZERO)
    assert [g["key"] for g in data["groups"]] == ["QLCN", "TDC"]
    assert list(group(data, "QLCN"))[:2] == ["key", "label"]
    assert group(data, "QLCN")["label"] == "Phòng Quản lý Công nghệ"


def test_positions_vacancies_and_leadership_vacancies(org, run, load):
    load(
        [
            staff("A1", position="CV-A", rank="chuyên viên"),
            staff("A2", position="CV-A", rank="chuyên viên"),
            staff("A3", position="CV-A", rank="chuyên viên"),  # one more than approved
            staff("A4", position="TP-A", rank="chuyên viên chính"),
        ]
    )
    qlcn = group(figures(run, "--year", "2026", "--as-of", "30/06/2026"), "QLCN")
    assert qlcn["positions"] == 4
    assert qlcn["vacant"] == 1  # PP-A empty; CV-A over-filled does not offset it
    assert qlcn["leadership_vacant"] == 1


def test_rank_match_counts_placed_staff_holding_a_required_rank(org, run, load):
    load(
        [
            staff("A1", position="CV-A", rank="Chuyên Viên Chính"),  # one of two required
            staff("A2", position="TP-A", rank="chuyên viên"),  # wrong rank
            staff("A3", position="PP-A", rank=""),  # position requires none
            staff("A4", position="", rank="chuyên viên"),  # not placed
            staff("A5", position="CV-A", rank="01.003"),  # code of chuyên viên
        ]
    )
    qlcn = group(figures(run, "--year", "2026", "--as-of", "30/06/2026"), "QLCN")
    assert (qlcn["staff"], qlcn["placed"], qlcn["rank_match"]) == (5, 4, 3)
    assert qlcn["rank_match_rate"] == 0.75


def test_a_person_counts_until_the_leaving_day_and_not_after(org, run, load):
    load([staff("A1", position="CV-A", left="30/06/2026")])
    on_the_day = group(figures(run, "--year", "2026", "--as-of", "30/06/2026"), "QLCN")
    assert on_the_day["staff"] == 1 and on_the_day["vacant"] == 3
    after = group(figures(run, "--year", "2026", "--as-of", "01/07/2026"), "QLCN")
    assert after["staff"] == 0 and after["placed"] == 0 and after["vacant"] == 4


def test_rotation_is_due_on_the_anniversary_day(org, run, load):
    load([staff("A1", position="CV-A", placed="15/03/2023", rotate="có"),
          staff("A2", position="CV-A", placed="15/03/2023", rotate=""),
          staff("A3", position="CV-A", placed="", rotate="có")])  # fmt: skip
    before = figures(run, "--year", "2026", "--as-of", "14/03/2026")
    assert group(before, "QLCN")["rotation_due"] == 0
    on = figures(run, "--year", "2026", "--as-of", "15/03/2026")
    assert group(on, "QLCN")["rotation_due"] == 1
    shorter = figures(run, "--year", "2026", "--as-of", "14/03/2026", "--rotation-years", "2")
    assert group(shorter, "QLCN")["rotation_due"] == 1


def test_a_placement_on_29_february_rotates_on_28_february(org, run, load):
    assert add_years(dt.date(2024, 2, 29), 3) == dt.date(2027, 2, 28)
    assert add_years(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 29)
    load([staff("A1", position="CV-A", placed="29/02/2024", rotate="x")])
    assert (
        group(figures(run, "--year", "2027", "--as-of", "27/02/2027"), "QLCN")["rotation_due"] == 0
    )
    assert (
        group(figures(run, "--year", "2027", "--as-of", "28/02/2027"), "QLCN")["rotation_due"] == 1
    )
    leap = figures(run, "--year", "2028", "--as-of", "28/02/2028", "--rotation-years", "4")
    assert group(leap, "QLCN")["rotation_due"] == 0
    leap = figures(run, "--year", "2028", "--as-of", "29/02/2028", "--rotation-years", "4")
    assert group(leap, "QLCN")["rotation_due"] == 1


def test_training_counts_the_plan_year_for_the_persons_unit_even_after_leaving(org, run, load):
    load(
        [staff("A1", left="31/03/2026"), staff("B1", unit="TDC")],
        [
            ["K1", "QLNN", "A1", "", "2026", "30/06/2026"],
            ["K2", "Tin học", "A1", "có", "2026", ""],
            ["K3", "Ngoài kế hoạch", "A1", "không", "2026", "01/02/2026"],
            ["K4", "Năm trước", "A1", "có", "2025", "01/02/2025"],
            ["K1", "QLNN", "B1", "1", "2026", "01/07/2026"],
        ],
    )
    data = figures(run, "--year", "2026", "--as-of", "30/06/2026")
    qlcn, tdc = group(data, "QLCN"), group(data, "TDC")
    assert qlcn["staff"] == 0  # left, but the plan still counts for the unit
    assert (qlcn["training_planned"], qlcn["training_done"], qlcn["training_rate"]) == (2, 1, 0.5)
    assert (tdc["training_planned"], tdc["training_done"]) == (1, 0)  # done after as-of
    assert data["total"]["training_planned"] == 3 and data["total"]["training_rate"] == 1 / 3


def test_rates_are_null_when_their_denominator_is_zero_and_empty_units_are_left_out(org, run, load):
    load([])
    data = figures(run, "--year", "2026", "--as-of", "30/06/2026")
    assert [g["key"] for g in data["groups"]] == ["QLCN", "TDC"]  # positions only
    assert group(data, "QLCN")["rank_match_rate"] is None
    assert data["total"]["training_rate"] is None


def test_as_of_defaults_to_today_or_the_end_of_an_earlier_year(org, run, load):
    load([])
    with time_machine.travel(dt.datetime(2026, 6, 15, 9, tzinfo=dt.UTC), tick=False):
        assert figures(run, "--year", "2026")["as_of"] == "2026-06-15"
        assert figures(run, "--year", "2025")["as_of"] == "2025-12-31"
        assert figures(run, "--year", "2027")["as_of"] == "2026-06-15"


def test_json_output_is_one_document_only(org, run, load):
    load([staff("A1")])
    code, out, err = run("staffing_figures", "--agency", "SKHCN", "--year", "2026",
                         "--format", "json")  # fmt: skip
    import json

    assert code == 0 and json.loads(out)["agency"] == "SKHCN"


# -- an independent recomputation ----------------------------------------------------------

RANKS = ["chuyên viên", "chuyên viên chính", "cán sự", "nhân viên", ""]


def _oracle(positions, people, training, year, as_of, n):
    """Plain-Python reading of the definitions, written apart from the app's code."""

    def plus_years(d, k):
        if (
            d.month == 2
            and d.day == 29
            and not ((d.year + k) % 4 == 0 and ((d.year + k) % 100 != 0 or (d.year + k) % 400 == 0))
        ):
            return dt.date(d.year + k, 2, 28)
        return dt.date(d.year + k, d.month, d.day)

    rows = {}

    def row(unit):
        return rows.setdefault(unit, {k: 0 for k in ZERO if not k.endswith("rate")})

    present = [p for p in people if p["left"] is None or p["left"] >= as_of]
    by_code = {p["code"]: p for p in positions}
    for p in present:
        r = row(p["unit"])
        r["staff"] += 1
        if p["position"]:
            r["placed"] += 1
            req = by_code[p["position"]]["ranks"]
            if not req or p["rank"] in req:
                r["rank_match"] += 1
        if p["rotate"] and p["placed"] and plus_years(p["placed"], n) <= as_of:
            r["rotation_due"] += 1
    for pos in positions:
        r = row(pos["unit"])
        r["positions"] += pos["count"]
        held = sum(1 for p in present if p["position"] == pos["code"])
        r["vacant"] += max(0, pos["count"] - held)
        if pos["lead"]:
            r["leadership_vacant"] += max(0, pos["count"] - held)
    unit_of = {p["code"]: p["unit"] for p in people}
    for t in training:
        if t["in_plan"] and t["year"] == year:
            r = row(unit_of[t["staff"]])
            r["training_planned"] += 1
            if t["done"] is not None and t["done"] <= as_of:
                r["training_done"] += 1
    out = {}
    for unit, r in rows.items():
        if any(r.values()):
            r["rank_match_rate"] = r["rank_match"] / r["placed"] if r["placed"] else None
            r["training_rate"] = (
                r["training_done"] / r["training_planned"] if r["training_planned"] else None
            )
            out[unit] = r
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_data_matches_an_independent_recomputation(org, run, write_csv, seed):
    from .conftest import POSITION_HEADER

    rnd = random.Random(seed)
    units = ["QLCN", "TDC", "HCTH"]

    def day(lo=2019, hi=2027):
        if rnd.random() < 0.1:
            return dt.date(rnd.choice([2020, 2024]), 2, 29)
        return dt.date(rnd.randint(lo, hi), rnd.randint(1, 12), rnd.randint(1, 28))

    positions = [
        {
            "code": f"P{i}",
            "unit": rnd.choice(units),
            "lead": rnd.random() < 0.3,
            "ranks": rnd.sample(RANKS[:4], rnd.randint(0, 2)),
            "count": rnd.randint(0, 3),
        }
        for i in range(12)
    ]
    people = []
    for i in range(60):
        placed = day() if rnd.random() < 0.8 else None
        left = None
        if rnd.random() < 0.3:
            left = day(2024, 2028)
            if placed and left < placed:
                left = placed
        people.append(
            {
                "code": f"S{i:03}",
                "unit": rnd.choice(units),
                "position": rnd.choice([p["code"] for p in positions] + [""]),
                "rank": rnd.choice(RANKS),
                "placed": placed,
                "rotate": rnd.random() < 0.5,
                "left": left,
            }
        )
    training = []
    for i, p in enumerate(rnd.sample(people, 40)):
        training.append(
            {
                "course": f"K{i % 5}",
                "staff": p["code"],
                "in_plan": rnd.random() < 0.8,
                "year": rnd.choice([2025, 2026, 2026, None]),
                "done": day(2025, 2027) if rnd.random() < 0.6 else None,
            }
        )

    def d(value):
        return value.strftime("%d/%m/%Y") if value else ""

    group_name = {True: "lãnh đạo, quản lý", False: "chuyên môn, nghiệp vụ"}
    write_rows = [[p["code"], "Vị trí", p["unit"], group_name[p["lead"]], "; ".join(p["ranks"]),
                   p["count"]] for p in positions]  # fmt: skip
    assert run("import_positions", str(write_csv("p.csv", POSITION_HEADER, write_rows)),
               "--agency", "SKHCN")[0] == 0  # fmt: skip
    staff_rows = [[p["code"], "Người", p["unit"], p["position"], p["rank"], d(p["placed"]),
                   "có" if p["rotate"] else "không", d(p["left"])] for p in people]  # fmt: skip
    assert run("import_staff", str(write_csv("s.csv", STAFF_HEADER, staff_rows)),
               "--agency", "SKHCN")[0] == 0  # fmt: skip
    training_rows = [[t["course"], "Khóa", t["staff"], "x" if t["in_plan"] else "0",
                      t["year"] or "", d(t["done"])] for t in training]  # fmt: skip
    assert run("import_training", str(write_csv("t.csv", TRAINING_HEADER, training_rows)),
               "--agency", "SKHCN")[0] == 0  # fmt: skip
    for as_of, n in (
        (dt.date(2026, 6, 30), 3),
        (dt.date(2026, 2, 28), 2),
        (dt.date(2025, 12, 31), 5),
    ):
        year = 2026
        data = figures(run, "--year", str(year), "--as-of", as_of.isoformat(),
                       "--rotation-years", str(n))  # fmt: skip
        expected = _oracle(positions, people, training, year, as_of, n)
        assert [g["key"] for g in data["groups"]] == sorted(expected)
        for g in data["groups"]:
            got = {k: v for k, v in g.items() if k not in ("key", "label")}
            assert got == pytest.approx(expected[g["key"]]), g["key"]
        for key in ZERO:
            if not key.endswith("rate"):
                assert data["total"][key] == sum(r[key] for r in expected.values())

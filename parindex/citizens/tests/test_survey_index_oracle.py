"""survey_index against an independent recomputation in plain Python on random forms."""

from __future__ import annotations

import datetime as dt
import random
from io import StringIO

import pytest
from django.core.management import call_command

from parindex.citizens.tests.helpers import index_json, make_procedure, make_survey, write_csv

ELEMENTS = ("tiep_can", "thu_tuc", "cong_chuc", "ket_qua", "phan_anh")
QUESTIONS = [
    ("A1", "a1", "tiep_can"),
    ("A2", "a2", "Tiếp cận dịch vụ"),
    ("B1", "b1", "thủ tục hành chính"),
    ("C1", "c1", "công chức"),
    ("C2", "c2", "CONG_CHUC"),
    ("D1", "d1", "kết quả"),
    # No question of phan_anh at all: its rate must stay null everywhere.
]
LABELS = {
    1: ["1", "Rất không hài lòng", "RẤT KHÔNG HÀI LÒNG"],
    2: ["2", "không hài lòng", "Không Hài Lòng"],
    3: ["3", "Bình thường", "binh thuong"],
    4: ["4", "Hài lòng", "HÀI LÒNG"],
    5: ["5", "Rất hài lòng", "rất hài lòng"],
}
BLANKS = ["", "0", "Không ý kiến", "KHÔNG Ý KIẾN"]
CHANNELS = {"": None, "1": "direct", "trực tuyến": "online", "3": "postal", "BCCI": "postal"}


def oracle(forms, element_of, d1, d2, by):
    """The definitions of docs/formats.md §10, written out on the raw rows."""

    def block(rows):
        out = {"responses": len(rows)}
        rates = []
        for e in ELEMENTS:
            answers = satisfied = 0
            for row in rows:
                for code, value in row["answers"].items():
                    if element_of[code] == e and value is not None:
                        answers += 1
                        satisfied += value >= 4
            rate = satisfied / answers if answers else None
            out[f"{e}_answers"], out[f"{e}_satisfied"], out[f"{e}_rate"] = answers, satisfied, rate
            if rate is not None:
                rates.append(rate)
        out["index"] = sum(rates) / len(rates) if rates else None
        return out

    inside = [f for f in forms if d1 <= f["date"] <= d2]
    groups = {}
    if by:
        for f in inside:
            if f[by] is not None:
                groups.setdefault(f[by], []).append(f)
    return block(inside), {k: block(v) for k, v in sorted(groups.items())}


def assert_same_block(actual, expected):
    assert set(actual) >= set(expected)
    for key, value in expected.items():
        if isinstance(value, float):
            assert actual[key] == pytest.approx(value, abs=1e-12), key
        else:
            assert actual[key] == value, key


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_survey_index_equals_a_plain_python_recomputation_on_random_forms(org, tmp_path, seed):
    rng = random.Random(seed)
    make_procedure(org.agency, "1.001", unit=org.unit_a)
    make_procedure(org.agency, "1.002", unit=org.unit_b)
    make_procedure(org.agency, "1.003", unit=None)
    make_survey(tmp_path, questions=QUESTIONS)
    element_of = {
        "A1": "tiep_can",
        "A2": "tiep_can",
        "B1": "thu_tuc",
        "C1": "cong_chuc",
        "C2": "cong_chuc",
        "D1": "ket_qua",
    }
    # The file lacks column D1 on purpose in half the seeds: unanswered on every row.
    columns = ["A1", "A2", "B1", "C1", "C2"] + (["D1"] if seed % 2 else [])
    units = {"": None, "QLCN": "QLCN", "TDC": "TDC", "HCTH": "HCTH"}
    rows = [["Mã phiếu", "Ngày", "Mã TTHC", "Đơn vị", "Kênh", *columns]]
    forms = []
    for n in range(rng.randint(80, 160)):
        day = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        procedure = rng.choice(["", "1.001", "1.002", "1.003"])
        unit = rng.choice(list(units))
        channel = rng.choice(list(CHANNELS))
        cells, answers = [], {}
        for code in columns:
            if rng.random() < 0.25:
                cells.append(rng.choice(BLANKS))
                answers[code] = None
            else:
                value = rng.randint(1, 5)
                cells.append(rng.choice(LABELS[value]))
                answers[code] = value
        rows.append([f"F{n:04d}", day.strftime("%d/%m/%Y"), procedure, unit, channel, *cells])
        forms.append(
            {
                "date": day,
                "procedure": procedure or None,
                "unit": units[unit],
                "channel": CHANNELS[channel],
                "answers": answers,
            }
        )
    path = write_csv(tmp_path / "forms.csv", rows)
    call_command(
        "import_survey_responses",
        str(path),
        agency="SKHCN",
        survey="KS",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    start = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 150))
    end = start + dt.timedelta(days=rng.randint(30, 200))
    for by in (None, "unit", "procedure", "channel"):
        for d1, d2 in ((dt.date(2026, 1, 1), dt.date(2026, 12, 31)), (start, end)):
            options = {"survey": "KS", "date_from": d1.isoformat(), "date_to": d2.isoformat()}
            if by:
                options["by"] = by
            doc = index_json(**options)
            total, groups = oracle(forms, element_of, d1, d2, by)
            assert doc["by"] == by
            assert_same_block(doc["total"], total)
            assert [g["key"] for g in doc["groups"]] == list(groups)
            for group in doc["groups"]:
                assert_same_block(group, groups[group["key"]])
            assert doc["total"]["phan_anh_rate"] is None

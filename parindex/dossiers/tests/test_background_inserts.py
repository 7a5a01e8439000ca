"""PostgreSQL imports: a first load inserts its batches on a second thread (same rows, same
transaction, errors raised in the importing thread, no thread left behind), and imports of
one agency run one after the other."""

import threading

import pytest
from django.db import connection

from parindex.dossiers.models import Dossier, DossierCount
from parindex.dossiers.services import DossierImporter, import_dossiers, writes
from parindex.dossiers.tests.helpers import DOSSIER_HEADER, make_procedure, write_csv

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="background inserts are for PostgreSQL"
)


def rows(count, first=0):
    return [
        [
            f"B{i:04d}",
            "1.001",
            "",
            1 + i % 3,
            f"{1 + i % 28:02d}/03/2026 08:{i % 60:02d}",
            f"{1 + i % 28:02d}/04/2026",
            "",
            "",
            4,
            0,
        ]
        for i in range(first, first + count)
    ]


def insert_threads():
    return [t for t in threading.enumerate() if t.name == "dossier-inserts"]


@pytest.fixture
def proc(org):
    return make_procedure(org.agency, "1.001", unit=org.unit_a)


def test_a_first_load_writes_every_batch_beside_the_reading(org, proc, tmp_path, monkeypatch):
    monkeypatch.setattr(DossierImporter, "batch_size", 7)
    used = []
    real = writes.BackgroundInserts.submit
    monkeypatch.setattr(
        writes.BackgroundInserts,
        "submit",
        lambda self, batch: used.append(len(batch)) or real(self, batch),
    )
    path = write_csv(tmp_path / "a.csv", [DOSSIER_HEADER, *rows(100)])
    assert import_dossiers(path, agency_code="SKHCN").created == 100
    assert sum(used) == 100 and len(used) == 15
    assert Dossier.objects.count() == 100
    assert DossierCount.objects.filter(agency=org.agency).exists()
    assert not insert_threads()
    # The next import of the agency reads what is stored: no background inserts.
    path = write_csv(tmp_path / "b.csv", [DOSSIER_HEADER, *rows(10, first=100)])
    used.clear()
    assert import_dossiers(path, agency_code="SKHCN").created == 10
    assert used == []


def test_an_insert_error_reaches_the_import_and_nothing_stays(org, proc, tmp_path, monkeypatch):
    monkeypatch.setattr(DossierImporter, "batch_size", 5)
    real = writes._Inserter.write
    calls = []

    def failing(self, batch):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        real(self, batch)

    monkeypatch.setattr(writes._Inserter, "write", failing)
    path = write_csv(tmp_path / "a.csv", [DOSSIER_HEADER, *rows(60)])
    with pytest.raises(RuntimeError, match="disk full"):
        import_dossiers(path, agency_code="SKHCN")
    assert not Dossier.objects.exists()
    assert not DossierCount.objects.exists()
    assert not insert_threads()


def test_a_reading_error_stops_the_insert_thread(org, proc, tmp_path, monkeypatch):
    monkeypatch.setattr(DossierImporter, "batch_size", 5)
    real = DossierImporter.add

    def add(self, number, *args, **kwargs):
        if number == 40:
            raise KeyboardInterrupt
        real(self, number, *args, **kwargs)

    monkeypatch.setattr(DossierImporter, "add", add)
    path = write_csv(tmp_path / "a.csv", [DOSSIER_HEADER, *rows(60)])
    with pytest.raises(KeyboardInterrupt):
        import_dossiers(path, agency_code="SKHCN")
    assert not Dossier.objects.exists()
    assert not insert_threads()


@pytest.mark.django_db(transaction=True)
def test_imports_of_one_agency_run_one_after_the_other(org, proc, tmp_path):
    from django.db import transaction

    first_started, first_may_end = threading.Event(), threading.Event()
    outcome = {}

    def first():
        try:
            with transaction.atomic():
                importer = DossierImporter(org.agency, background=True)
                first_started.set()
                first_may_end.wait(10)
                for number, row in enumerate(rows(5), start=2):
                    values = dict(zip(KEYS, row, strict=True))
                    importer.add(number, values, str)
                importer.finish()
        finally:
            connection.close()

    def second():
        try:
            with transaction.atomic():
                importer = DossierImporter(org.agency)
                outcome["second_first_load"] = importer.first_load
        finally:
            connection.close()

    one = threading.Thread(target=first)
    one.start()
    assert first_started.wait(10)
    two = threading.Thread(target=second)
    two.start()
    two.join(0.5)
    assert two.is_alive(), "the second import did not wait for the first"
    first_may_end.set()
    one.join(10)
    two.join(10)
    assert outcome == {"second_first_load": False}
    assert Dossier.objects.count() == 5


KEYS = (
    "code",
    "procedure",
    "unit",
    "channel",
    "received_at",
    "due_at",
    "finished_at",
    "returned_at",
    "status",
    "supplement_count",
)

from parindex.dossiers import demo
from parindex.dossiers.models import Dossier, Procedure
from parindex.org.demo import build_organisation


def test_demo_is_idempotent_and_varied(db, monkeypatch):
    monkeypatch.setattr(demo, "DOSSIER_COUNT", 400)
    ctx = build_organisation()
    demo.load(ctx)
    demo.load(build_organisation())
    assert Procedure.objects.filter(agency=ctx.agency).count() == len(demo.demo_procedures()) >= 40
    assert Dossier.objects.count() == 400
    assert Dossier.objects.filter(channel=2).exists()
    assert Dossier.objects.filter(ended_at__isnull=True, counted=True).exists()
    assert Dossier.objects.filter(status=7, finished_at__isnull=True).exists()


def test_demo_catalogue_comes_from_its_fixture_file_with_enum_values(db, monkeypatch):
    from parindex.dossiers.choices import LimitUnit, OnlineLevel, OnlinePayment

    monkeypatch.setattr(demo, "DOSSIER_COUNT", 400)
    specs = demo.demo_procedures()
    assert demo.PROCEDURES_FILE.suffix == ".csv" and demo.PROCEDURES_FILE.is_file()
    assert {s.limit_unit for s in specs} <= set(LimitUnit)
    assert {s.online_level for s in specs} <= set(OnlineLevel)
    ctx = build_organisation()
    demo.load(ctx)
    charged = Procedure.objects.filter(agency=ctx.agency, fee__gt=0)
    assert charged.exists()
    # Some fee-paying dossiers are paid online, so the 766 payment figure has a value.
    assert Dossier.objects.filter(procedure__in=charged, online_payment=OnlinePayment.YES).exists()

from parindex.dossiers import demo
from parindex.dossiers.models import Dossier, Procedure
from parindex.org.demo import build_organisation


def test_demo_is_idempotent_and_varied(db, monkeypatch):
    monkeypatch.setattr(demo, "DOSSIER_COUNT", 400)
    ctx = build_organisation()
    demo.load(ctx)
    demo.load(build_organisation())
    assert Procedure.objects.filter(agency=ctx.agency).count() == len(demo.PROCEDURES) >= 40
    assert Dossier.objects.count() == 400
    assert Dossier.objects.filter(channel=2).exists()
    assert Dossier.objects.filter(ended_at__isnull=True, counted=True).exists()
    assert Dossier.objects.filter(status=7, finished_at__isnull=True).exists()

"""Decision 766 measures: procedures published on time, apology slips (form 04), review outcomes.

Every figure is checked against an independent reading of its definition (docs/dossiers.md)
over records placed on both sides of each boundary.
"""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from parindex.audit.models import AuditEntry
from parindex.common.errors import DomainError
from parindex.dossiers.choices import OnlineLevel, ReviewDecision, ReviewProposal
from parindex.dossiers.models import ApologySlip, Procedure, ProcedureReview
from parindex.dossiers.services import import_procedures
from parindex.dossiers.services.measures import (
    apology_slip_record,
    procedure_review_decide,
    procedure_review_propose,
)
from parindex.dossiers.tests.helpers import at, make_dossier, make_procedure, write_csv
from parindex.metrics import registry
from parindex.org.services import api_token_create

D1, D2 = dt.date(2026, 3, 1), dt.date(2026, 3, 31)
PDF = b"%PDF-1.4\n% slip\n"


def _json(capsys, command, d1=D1, d2=D2):
    call_command(command, "--agency", "SKHCN", "--from", d1.isoformat(), "--to", d2.isoformat())
    return json.loads(capsys.readouterr().out)


# -- procedures published on time ----------------------------------------------------------------

#: (code, legal basis takes effect, published) around the period's two ends.
CATALOGUE = [
    ("BEFORE", dt.date(2026, 2, 28), None),  # takes effect the day before the period
    ("FIRST_SAME", D1, D1),  # published on the very day: on time
    ("FIRST_NEXT", D1, D1 + dt.timedelta(days=1)),  # one day after: late
    ("EARLY", dt.date(2026, 3, 15), dt.date(2025, 12, 1)),  # long before: on time
    ("MISSING", dt.date(2026, 3, 15), None),  # not published: late
    ("LAST_SAME", D2, D2),
    ("LAST_LATER", D2, dt.date(2026, 4, 20)),  # published after the period, late
    ("AFTER", dt.date(2026, 4, 1), None),  # takes effect the day after the period
    ("UNKNOWN", None, dt.date(2026, 3, 10)),  # basis date not known: not counted
]


def _expected_publication(rows, d1, d2):
    due = [r for r in rows if r[1] is not None and d1 <= r[1] <= d2]
    on_time = [r for r in due if r[2] is not None and r[2] <= r[1]]
    missing = [r for r in due if r[2] is None]
    late = sorted(r[0] for r in due if r not in on_time)
    return len(due), len(on_time), len(missing), late


@pytest.fixture
def catalogue(org):
    for code, effective, published in CATALOGUE:
        Procedure.objects.create(
            agency=org.agency,
            code=code,
            name=f"Thủ tục {code}",
            unit=org.unit_a if code != "EARLY" else org.unit_b,
            basis_effective_on=effective,
            published_on=published,
        )


def test_publication_figures_match_the_definition_at_every_boundary(org, catalogue, capsys):
    data = _json(capsys, "procedure_publication")
    due, on_time, missing, late = _expected_publication(CATALOGUE, D1, D2)
    assert (data["due"], data["on_time"], data["missing"]) == (due, on_time, missing) == (6, 3, 1)
    assert data["late"] == due - on_time == 3
    assert data["on_time_rate"] == on_time / due
    assert [p["code"] for p in data["late_procedures"]] == late
    assert {p["code"]: p["published_on"] for p in data["late_procedures"]}["MISSING"] is None
    # A period with no basis taking effect: rate null, not zero.
    empty = _json(capsys, "procedure_publication", dt.date(2027, 1, 1), dt.date(2027, 1, 31))
    assert (empty["due"], empty["on_time_rate"]) == (0, None)


def test_publication_metric_api_and_page_agree(org, catalogue, client, client_for):
    reading = registry.read("procedures.published_on_time", org.agency, None, D1, D2)
    assert (reading.numerator, reading.denominator) == (3, 6)
    assert str(reading.value) == "50.00"
    unit_reading = registry.read("procedures.published_on_time", org.agency, org.unit_b, D1, D2)
    assert (unit_reading.numerator, unit_reading.denominator) == (1, 1)  # EARLY only
    token = api_token_create(actor=org.secretariat, name="x")[1]
    body = client.get(
        "/api/v1/dossiers/publication?agency=SKHCN&from=2026-03-01&to=2026-03-31",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    ).json()
    assert (body["due"], body["on_time"]) == (6, 3)
    page = client_for(org.director).get(
        "/dossiers/publication/?agency=SKHCN&date_from=2026-03-01&date_to=2026-03-31"
    )
    assert page.status_code == 200
    assert page.context["data"]["late"] == 3
    assert "LAST_LATER" in page.content.decode()
    catalogue_page = client_for(org.director).get("/dossiers/procedures/?per_page=100")
    assert "01/03/2026" in catalogue_page.content.decode()


def test_the_catalogue_import_reads_the_basis_date(org, tmp_path):
    path = write_csv(
        tmp_path / "p.csv",
        [
            ["Mã TTHC", "Tên TTHC", "Ngày công bố", "Ngày hiệu lực"],
            ["1.1", "A", "01/03/2026", "01/03/2026"],
            ["1.2", "B", "02/03/2026", "2026-03-01"],
        ],
    )
    import_procedures(path, agency_code="SKHCN")
    found = {p.code: p.publication for p in Procedure.objects.filter(agency=org.agency)}
    assert found == {"1.1": "on_time", "1.2": "late"}
    bad = write_csv(
        tmp_path / "b.csv", [["Mã TTHC", "Tên TTHC", "Ngày hiệu lực"], ["1.3", "C", "32/13/2026"]]
    )
    from parindex.common.tabular import ImportRefused

    with pytest.raises(ImportRefused) as refused:
        import_procedures(bad, agency_code="SKHCN")
    assert "row 2, column Ngày hiệu lực" in refused.value.lines(5)[0]


# -- apology slips ---------------------------------------------------------------------------------


@pytest.fixture
def late_dossiers(org):
    """Dossiers on both sides of the period's ends; returns {code: dossier}."""
    p = make_procedure(org.agency, "P", unit=org.unit_a)
    q = make_procedure(org.agency, "Q", unit=org.unit_b)
    made = {
        # resolved late inside the period, on its first and last days
        "L_FIRST": make_dossier(p, "L_FIRST", at("20/02/2026"), at("27/02/2026"), at("01/03/2026")),
        "L_LAST": make_dossier(
            q, "L_LAST", at("20/03/2026"), at("25/03/2026"), at("31/03/2026", "16:00")
        ),
        # late because of two supplement requests, though ended before the due date
        "L_SUPP": make_dossier(
            p, "L_SUPP", at("02/03/2026"), at("20/03/2026"), at("10/03/2026"), supplements=2
        ),
        # late, but ended the day before / after the period
        "L_BEFORE": make_dossier(
            p, "L_BEFORE", at("01/02/2026"), at("10/02/2026"), at("28/02/2026")
        ),
        "L_AFTER": make_dossier(p, "L_AFTER", at("01/03/2026"), at("10/03/2026"), at("01/04/2026")),
        # open, due on the last day (overdue at its end) / the day after (not yet)
        "O_DUE_LAST": make_dossier(
            p, "O_DUE_LAST", at("20/03/2026"), at("31/03/2026", "23:59"), status=4
        ),
        "O_DUE_AFTER": make_dossier(
            p, "O_DUE_AFTER", at("20/03/2026"), at("01/04/2026", "23:59"), status=4
        ),
        # ended after the period, overdue at its end
        "O_ENDED_AFTER": make_dossier(
            q, "O_ENDED_AFTER", at("01/03/2026"), at("05/03/2026"), at("02/04/2026")
        ),
        # on time; not received (status 1)
        "ON_TIME": make_dossier(p, "ON_TIME", at("02/03/2026"), at("10/03/2026"), at("10/03/2026")),
        "NOT_RECEIVED": make_dossier(
            p, "NOT_RECEIVED", at("02/03/2026"), at("03/03/2026"), status=1
        ),
    }
    return made


def _expected_apologies(dossiers, slips, d1, d2):
    """Independent reading of the definition on the stored rows."""
    required = set()
    for d in dossiers:
        if not d.counted:
            continue
        ended = d.ended_on
        late = d.outcome == 3 and ended is not None and d1 <= ended <= d2
        pending_overdue = d.received_on <= d2 and (ended is None or ended > d2) and d.due_on <= d2
        if late or pending_overdue:
            required.add(d.code)
    with_slip = required & slips
    return required, with_slip


def test_apology_figures_match_the_definition_at_every_boundary(org, late_dossiers, capsys):
    for code in ("L_LAST", "O_ENDED_AFTER", "L_BEFORE"):
        dossier = late_dossiers[code]
        apology_slip_record(
            actor=org.secretariat,
            dossier=dossier,
            issued_on=dossier.received_on,
            new_due_on=dossier.due_on + dt.timedelta(days=5),
        )
    required, with_slip = _expected_apologies(
        late_dossiers.values(), {"L_LAST", "O_ENDED_AFTER", "L_BEFORE"}, D1, D2
    )
    # L_AFTER ended late after the period: at its end it was pending and overdue.
    assert required == {"L_FIRST", "L_LAST", "L_SUPP", "L_AFTER", "O_DUE_LAST", "O_ENDED_AFTER"}
    data = _json(capsys, "dossier_apologies")
    assert data["required"] == len(required)
    assert data["with_slip"] == len(with_slip) == 2
    assert data["missing"] == len(required - with_slip)
    assert data["late"] == 3 and data["pending_overdue"] == 3
    assert data["share"] == len(with_slip) / len(required)
    assert data["missing_dossiers"] == sorted(required - with_slip)
    reading = registry.read("dossiers.apology_share", org.agency, None, D1, D2)
    assert (reading.numerator, reading.denominator) == (2, 6)
    unit_b = registry.read("dossiers.apology_share", org.agency, org.unit_b, D1, D2)
    assert (unit_b.numerator, unit_b.denominator) == (2, 2)


def test_a_slip_is_checked_audited_and_only_for_late_dossiers(org, late_dossiers):
    late = late_dossiers["L_FIRST"]
    with pytest.raises(DomainError, match="Only a late or overdue"):
        apology_slip_record(
            actor=org.secretariat,
            dossier=late_dossiers["ON_TIME"],
            issued_on=D1,
            new_due_on=D2,
        )
    with pytest.raises(DomainError) as error:
        apology_slip_record(
            actor=org.secretariat, dossier=late, issued_on=D1, new_due_on=late.due_on
        )
    assert error.value.field == "new_due_on"
    with pytest.raises(DomainError) as error:
        apology_slip_record(
            actor=org.secretariat,
            dossier=late,
            issued_on=dt.date(2026, 2, 19),  # before the reception
            new_due_on=D2,
        )
    assert error.value.field == "issued_on"
    exe = SimpleUploadedFile("slip.exe", b"MZ\x90\x00")
    with pytest.raises(DomainError, match="not accepted"):
        apology_slip_record(
            actor=org.secretariat, dossier=late, issued_on=D1, new_due_on=D2, upload=exe
        )
    fake = SimpleUploadedFile("slip.pdf", b"not a pdf at all")
    with pytest.raises(DomainError, match="does not match"):
        apology_slip_record(
            actor=org.secretariat, dossier=late, issued_on=D1, new_due_on=D2, upload=fake
        )
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):  # staff of another unit
        apology_slip_record(actor=org.staff_b, dossier=late, issued_on=D1, new_due_on=D2)
    slip = apology_slip_record(
        actor=org.staff_a,  # the handling unit
        dossier=late,
        issued_on=D1,
        new_due_on=D2,
        upload=SimpleUploadedFile("phieu.pdf", PDF),
    )
    assert slip.file_name == "phieu.pdf" and slip.file.read() == PDF
    entry = AuditEntry.objects.get(action="dossier.apology_recorded")
    assert entry.after["new_due_on"] == "2026-03-31" and entry.before is None
    # Recording the same again changes nothing and writes no second line.
    apology_slip_record(actor=org.staff_a, dossier=late, issued_on=D1, new_due_on=D2)
    assert AuditEntry.objects.filter(action="dossier.apology_recorded").count() == 1
    assert ApologySlip.objects.count() == 1


def test_slips_on_the_late_list_the_dossier_page_and_the_api(
    org, late_dossiers, client, client_for
):
    late = late_dossiers["L_FIRST"]
    staff = client_for(org.staff_a)
    url = f"/dossiers/SKHCN/{late.code}/apology/"
    response = staff.post(
        url,
        {
            "issued_on": "02/03/2026",
            "new_due_on": "06/03/2026",
            "file": SimpleUploadedFile("phieu.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    page = staff.get(f"/dossiers/SKHCN/{late.code}/").content.decode()
    assert 'id="apology-slip"' in page and "06/03/2026" in page
    assert staff.get(f"/dossiers/SKHCN/{late.code}/apology/file/").status_code == 200
    assert client_for(org.staff_b).get(url).status_code == 404  # not their unit's dossier
    secretariat = client_for(org.secretariat)
    listing = secretariat.get(
        "/dossiers/late/?agency=SKHCN&date_from=2026-03-01&date_to=2026-03-31&per_page=100"
    ).content.decode()
    assert "02/03/2026" in listing and "thiếu" in listing  # L_LAST has none
    apologies = secretariat.get(
        "/dossiers/apologies/?agency=SKHCN&date_from=2026-03-01&date_to=2026-03-31"
    )
    assert apologies.context["figures"]["with_slip"] == 1
    assert apologies.context["figures"]["required"] == 6
    token = api_token_create(actor=org.secretariat, name="x")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    put = client.put(
        "/api/v1/dossiers/dossiers/SKHCN/L_LAST/apology",
        data={"issued_on": "2026-03-24", "new_due_on": "2026-03-31"},
        content_type="application/json",
        **auth,
    )
    assert put.status_code == 200, put.content
    bad = client.put(
        "/api/v1/dossiers/dossiers/SKHCN/ON_TIME/apology",
        data={"issued_on": "2026-03-05", "new_due_on": "2026-03-31"},
        content_type="application/json",
        **auth,
    )
    assert bad.status_code == 400
    body = client.get(
        "/api/v1/dossiers/apologies?agency=SKHCN&from=2026-03-01&to=2026-03-31", **auth
    ).json()
    assert (body["with_slip"], body["required"], body["share"]) == (2, 6, 2 / 6)


# -- procedure review outcomes -----------------------------------------------------------------------


def test_a_review_ends_in_a_decision_record_audited(org):
    procedure = make_procedure(org.agency, "R1", online=OnlineLevel.PARTIAL)
    with pytest.raises(DomainError):  # re-registering at the level it already has
        procedure_review_propose(
            actor=org.secretariat,
            procedure=procedure,
            proposal=ReviewProposal.REREGISTER_LEVEL,
            proposed_level=OnlineLevel.PARTIAL,
        )
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        procedure_review_propose(
            actor=org.other_secretariat, procedure=procedure, proposal=ReviewProposal.SIMPLIFY
        )
    review = procedure_review_propose(
        actor=org.secretariat,
        procedure=procedure,
        proposal=ReviewProposal.REREGISTER_LEVEL,
        proposed_level=OnlineLevel.FULL,
        reason="Đủ điều kiện toàn trình",
    )
    assert review.decision == ReviewDecision.PENDING
    with pytest.raises(DomainError) as error:
        procedure_review_decide(
            actor=org.secretariat,
            review=review,
            decision=ReviewDecision.ACCEPTED,
            decided_on=dt.date(2999, 1, 1),
        )
    assert error.value.field == "decided_on"
    procedure_review_decide(
        actor=org.secretariat,
        review=review,
        decision=ReviewDecision.ACCEPTED,
        decided_on=dt.date(2026, 3, 20),
        decision_ref="QĐ 12/QĐ-SKHCN",
    )
    review.refresh_from_db()
    assert (review.decision, review.decided_on) == ("accepted", dt.date(2026, 3, 20))
    actions = list(
        AuditEntry.objects.filter(action__startswith="procedure_review").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["procedure_review.decided", "procedure_review.proposed"]


def test_review_outcomes_through_the_page_and_the_api(org, client_for):
    client = Client()  # the API by token alone
    make_procedure(org.agency, "R2")
    secretariat = client_for(org.secretariat)
    response = secretariat.post(
        "/dossiers/review/outcomes/?agency=SKHCN",
        {"procedure": "R2", "proposal": "simplify", "reason": "Bỏ bản sao"},
    )
    assert response.status_code == 302
    review = ProcedureReview.objects.get()
    decided = secretariat.post(
        f"/dossiers/review/outcomes/{review.pk}/decide/",
        {"decision": "rejected", "decided_on": "10/03/2026", "decision_ref": "CV 5"},
    )
    assert decided.status_code == 302
    review.refresh_from_db()
    assert review.decision == "rejected" and review.decided_on == dt.date(2026, 3, 10)
    page = client_for(org.staff_a).get("/dossiers/review/outcomes/?agency=SKHCN")
    assert page.status_code == 200 and "CV 5" in page.content.decode()
    assert page.context["form"] is None  # staff read, they do not propose
    assert (
        client_for(org.staff_a)
        .post(
            f"/dossiers/review/outcomes/{review.pk}/decide/",
            {"decision": "accepted", "decided_on": "10/03/2026"},
        )
        .status_code
        == 404
    )
    token = api_token_create(actor=org.secretariat, name="x")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    created = client.post(
        "/api/v1/dossiers/procedure-reviews",
        data={"agency": "SKHCN", "procedure": "R2", "proposal": "promote_online"},
        content_type="application/json",
        **auth,
    )
    assert created.status_code == 201, created.content
    new_id = created.json()["id"]
    done = client.post(
        f"/api/v1/dossiers/procedure-reviews/{new_id}/decision",
        data={"decision": "accepted", "decided_on": "2026-03-12"},
        content_type="application/json",
        **auth,
    )
    assert done.status_code == 200 and done.json()["decision"] == "accepted"
    listed = client.get("/api/v1/dossiers/procedure-reviews?agency=SKHCN", **auth).json()
    assert {r["decision"] for r in listed} == {"accepted", "rejected"}
    other = api_token_create(actor=org.other_secretariat, name="x")[1]
    assert client.post(
        "/api/v1/dossiers/procedure-reviews",
        data={"agency": "SKHCN", "procedure": "R2", "proposal": "simplify"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {other}",
    ).status_code in (403, 404)


def test_measure_pages_send_a_bounded_number_of_queries(org, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    procedure = make_procedure(org.agency, "QC", unit=org.unit_a)
    secretariat = client_for(org.secretariat)
    period = "agency=SKHCN&date_from=2026-03-01&date_to=2026-03-31"
    urls = (
        f"/dossiers/apologies/?{period}",
        f"/dossiers/late/?{period}",
        f"/dossiers/publication/?{period}",
        "/dossiers/review/outcomes/?agency=SKHCN",
    )

    def counts():
        out = []
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                assert secretariat.get(url).status_code == 200
            out.append(len(captured))
        return out

    def add(n, start):
        for i in range(start, start + n):
            dossier = make_dossier(
                procedure, f"QC{i}", at("02/03/2026"), at("05/03/2026"), at("10/03/2026")
            )
            if i % 2:
                apology_slip_record(
                    actor=None,
                    dossier=dossier,
                    issued_on=D1 + dt.timedelta(days=3),
                    new_due_on=D1 + dt.timedelta(days=9),
                )
            Procedure.objects.create(
                agency=org.agency, code=f"PUB{i}", name="x", basis_effective_on=D1
            )
            procedure_review_propose(
                actor=None, procedure=procedure, proposal=ReviewProposal.SIMPLIFY
            )

    add(3, 0)
    few = counts()
    add(6, 3)
    assert counts() == few

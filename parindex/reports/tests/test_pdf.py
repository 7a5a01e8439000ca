"""The PDF of a report: made by the worker, each conversion in its own LibreOffice profile,
checked, timed out, and a failure shown in Vietnamese instead of an error page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from parindex.reports import documents
from parindex.reports.choices import FileState
from parindex.reports.models import ReportFile

FAKE_PDF = b"%PDF-1.4\n% fake\n"

SILENT = "#!/bin/sh\nexit 0\n"  # a missing Writer component: exit 0, no file
SLOW = "#!/bin/sh\nsleep 30\n"
# Writes "<outdir>/report.pdf" and records its arguments (the profile) in calls.log.
WRITES = """#!/bin/sh
echo "$@" >> "$(dirname "$0")/calls.log"
while [ $# -gt 0 ]; do
  if [ "$1" = "--outdir" ]; then out="$2"; fi
  shift
done
printf '%%PDF-1.4\\n%% fake\\n' > "$out/report.pdf"
"""


@pytest.fixture
def fake_soffice(tmp_path, monkeypatch):
    """Put a fake `soffice` first on PATH (the real one may be installed)."""
    folder = tmp_path / "bin"
    folder.mkdir()

    def install(script: str) -> Path:
        path = folder / "soffice"
        path.write_text(script)
        path.chmod(0o755)
        monkeypatch.setenv("PATH", f"{folder}:/usr/bin:/bin")
        return folder

    return install


def test_soffice_that_exits_0_without_a_file_is_a_vietnamese_error_not_a_500(
    org, client_for, draft, fake_soffice
):
    fake_soffice(SILENT)
    client = client_for(org.secretariat)
    response = client.get(f"/reports/{draft.uuid}/download/pdf/")
    assert response.status_code == 302 and response.url == f"/reports/{draft.uuid}/pdf/"
    page = client.get(response.url)
    assert page.status_code == 200
    text = page.content.decode()
    assert 'id="pdf-error"' in text and "LibreOffice không tạo được tệp PDF" in text
    file = ReportFile.objects.get()
    assert file.state == FileState.FAILED and file.finished_at is not None
    # The API says the same, with a status a client can act on.
    answer = client.get(f"/api/v1/reports/runs/{draft.uuid}/pdf")
    assert answer.status_code == 422 and answer.json()["state"] == "failed"
    assert "LibreOffice" in answer.json()["detail"]


def test_each_conversion_has_its_own_profile_and_the_pdf_is_served_when_made(
    org, client_for, draft, fake_soffice
):
    folder = fake_soffice(WRITES)
    documents.pdf_convert(b"docx")
    client = client_for(org.viewer)
    response = client.get(f"/reports/{draft.uuid}/download/pdf/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == FAKE_PDF
    assert response["Content-Disposition"].startswith("attachment")
    calls = (folder / "calls.log").read_text().splitlines()
    profiles = [arg for call in calls for arg in call.split() if "UserInstallation" in arg]
    assert len(profiles) == 2 and profiles[0] != profiles[1]
    assert all(p.startswith("-env:UserInstallation=file:///") for p in profiles)
    # Asking again serves the stored file: no second conversion.
    client.get(f"/reports/{draft.uuid}/download/pdf/")
    assert len((folder / "calls.log").read_text().splitlines()) == 2
    assert client.get(f"/api/v1/reports/runs/{draft.uuid}/pdf").status_code == 200


def test_a_conversion_that_hangs_is_stopped_and_reported(org, draft, fake_soffice, settings):
    settings.PARINDEX_PDF_TIMEOUT_SECONDS = 1
    fake_soffice(SLOW)
    with pytest.raises(documents.PdfError) as caught:
        documents.pdf_convert(b"docx")
    assert caught.value.transient
    from parindex.reports import files

    file = files.report_file_request(actor=org.secretariat, run=draft)
    # The immediate queue of the tests cannot defer a retry: the failure is recorded.
    assert file.state == FileState.FAILED
    assert "1" in file.message and "LibreOffice" in file.message


def test_try_again_queues_a_new_conversion(org, client_for, draft, fake_soffice):
    fake_soffice(SILENT)
    client = client_for(org.secretariat)
    client.get(f"/reports/{draft.uuid}/download/pdf/")
    fake_soffice(WRITES)
    response = client.post(f"/reports/{draft.uuid}/pdf/")
    assert response.status_code == 302
    assert ReportFile.objects.filter(state=FileState.DONE).count() == 1
    assert "Download PDF" in client.get(response.url).content.decode() or (
        "Tải PDF" in client.get(response.url).content.decode()
    )


def test_outsider_cannot_ask_for_a_pdf(org, client_for, draft, fake_soffice):
    fake_soffice(WRITES)
    assert client_for(org.outsider).get(f"/reports/{draft.uuid}/download/pdf/").status_code == 404
    assert client_for(org.outsider).get(f"/reports/{draft.uuid}/pdf/").status_code == 404
    assert not ReportFile.objects.exists()


def test_real_libreoffice_converts_in_the_worker_when_installed(org, draft):
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice is not installed (.ci/run installs libreoffice-writer-nogui)")
    from parindex.reports import files

    file = files.report_file_request(actor=org.secretariat, run=draft)
    assert file.state == FileState.DONE, file.message
    assert Path(file.path).read_bytes().startswith(b"%PDF")


def test_a_pdf_whose_worker_died_is_failed_with_a_message_on_its_page(org, client_for, draft):
    from parindex.reports import files

    file = ReportFile.objects.create(
        run=draft, fmt="pdf", version=files.run_version(draft), state="running", worker_id="gone"
    )
    page = client_for(org.secretariat).get(f"/reports/{draft.uuid}/pdf/").content.decode()
    file.refresh_from_db()
    assert file.state == FileState.FAILED
    assert "Tiến trình xử lý nền đã dừng" in page


@pytest.mark.django_db(transaction=True)
def test_the_pdf_waits_for_the_worker_and_is_served_once_it_ran(
    org, client_for, draft, fake_soffice, settings, monkeypatch
):
    from django.core.management import call_command

    # The worker command opens its own connections; with a real standby configured (CI), the
    # download after it would read from that standby, which this test is not about.
    monkeypatch.setattr("parindex.common.db.replica_configured", lambda: False)

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    fake_soffice(WRITES)
    client = client_for(org.secretariat)
    response = client.get(f"/reports/{draft.uuid}/download/pdf/")
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert 'id="no-worker"' in page and 'hx-trigger="every 2s"' in page
    assert client.get(f"/api/v1/reports/runs/{draft.uuid}/pdf").status_code == 202

    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)

    response = client.get(f"/reports/{draft.uuid}/download/pdf/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == FAKE_PDF
    assert ReportFile.objects.get().state == FileState.DONE

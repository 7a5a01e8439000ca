"""The agency-and-period figure commands share their options and checks (_base.AgencyPeriodCommand)."""

import pytest
from django.core.management import CommandError, call_command

PERIOD_COMMANDS = ["dossier_kpis", "procedure_review", "dossier_apologies", "procedure_publication"]


@pytest.mark.django_db
@pytest.mark.parametrize("command", PERIOD_COMMANDS)
def test_the_period_commands_refuse_a_reversed_period_and_an_unknown_agency(org, command):
    agency = org.agency.code
    with pytest.raises(CommandError, match="--to is before --from"):
        call_command(command, "--agency", agency, "--from", "2026-03-01", "--to", "2026-02-01")
    with pytest.raises(CommandError, match="no agency 'NOPE'"):
        call_command(command, "--agency", "NOPE", "--from", "2026-01-01", "--to", "2026-02-01")
    with pytest.raises(CommandError):
        call_command(command, "--agency", agency, "--from", "2026-02-30", "--to", "2026-03-01")


@pytest.mark.django_db
@pytest.mark.parametrize("command", PERIOD_COMMANDS)
def test_the_period_commands_print_json_by_default(org, command, capsys):
    agency = org.agency.code
    call_command(command, "--agency", agency, "--from", "2026-01-01", "--to", "2026-01-31")
    assert capsys.readouterr().out.lstrip().startswith("{")

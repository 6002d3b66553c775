import pytest

from helpers import Cli


@pytest.mark.sqlite_only
def test_demo_runs_every_step_without_touching_the_users_database(cli: Cli) -> None:
    """One run (it takes seconds): the walk-through, then the team's steps, ending with a coach's due list."""
    result = cli.ok("demo")
    assert "$ peertool enroll --from" in result.stdout
    assert "Ada Quill" in result.stdout
    assert not cli.db_path.exists()
    _defines_a_team_attributes_records_and_ends_with_a_coachs_due_list(result.stdout)


def _defines_a_team_attributes_records_and_ends_with_a_coachs_due_list(out: str) -> None:
    for name in ("Ida Moss\tdirector", "Sol Park\tsupervisor", "Rae Lin\tcoach", "Dana Reyes\tcoach"):
        assert name in out
    assert "--staff 'Dana Reyes'" in out and "coach     Rae Lin, CPS" in out
    due = out[out.index("$ peertool due --staff 'Dana Reyes'") :]
    assert "who\tkind\tdue\tstatus\tstaff\tsettle with" in due
    assert "Ada Quill (1), Riverside\tsignature\t2026-04-11\tOVERDUE\tDana Reyes, CPS\tpeertool review sign 2" in due

from helpers import Cli


def test_demo_runs_every_step_without_touching_the_users_database(cli: Cli) -> None:
    result = cli.ok("demo")
    assert "$ peertool enroll --from" in result.stdout
    assert "Ada Quill" in result.stdout
    assert not cli.db_path.exists()

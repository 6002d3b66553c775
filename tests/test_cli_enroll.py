"""`enroll`: the options it shares with `participant edit` are per person, so a roster file refuses them."""

import pytest

from helpers import Cli


@pytest.mark.parametrize(
    ("option", "value", "column"),
    [
        ("--gender", "woman", "gender"),
        ("--interest", "hiking", "interests"),
        ("--referral", "self", "referral"),
        ("--goal", "Ride the bus", "goals"),
        ("--enrolled-on", "2026-01-05", "enrolled_on"),
        ("--joined-on", "2026-01-05", "joined_on"),
        ("--external-id", "A-7", "external_id"),
    ],
)
def test_a_per_person_option_with_a_roster_file_names_the_column(
    cli: Cli, option: str, value: str, column: str
) -> None:
    result = cli("enroll", "--from", "roster.csv", option, value)
    assert result.exit_code == 2
    assert f"{option} cannot apply to a whole file; put it in the file's {column} column." in result.stderr


def test_the_first_per_person_option_in_help_order_is_named(cli: Cli) -> None:
    result = cli("enroll", "--from", "roster.csv", "--external-id", "A-7", "--interest", "hiking")
    assert "--interest cannot apply" in result.stderr

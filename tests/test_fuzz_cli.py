"""Arbitrary input at the commands that take the most of it.

Each run must end with a documented exit code, never a traceback, and a
refused command must leave the database exactly as it was.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from helpers import DOCUMENTED_EXIT_CODES, Cli

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
words = st.text(st.characters(blacklist_categories=["Cs"]), max_size=40)
numbers = st.integers(min_value=-(10**30), max_value=10**30).map(str)
dates = st.one_of(st.dates().map(str), words, numbers)
anything = st.one_of(words, numbers, dates)


def check(cli: Cli, args: list[str]) -> Result:
    before = cli.dump()
    result = cli(*args)
    assert result.exit_code in DOCUMENTED_EXIT_CODES, (args, result.exit_code, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    if result.exit_code != 0:
        assert cli.dump() == before, args
    return result


@FUZZ
@given(name=anything, date=dates, referral=anything, interest=anything, phone=anything)
def test_enroll_never_crashes(riverside: Cli, name: str, date: str, referral: str, interest: str, phone: str) -> None:
    check(
        riverside,
        [
            "enroll",
            name,
            "--enrolled-on",
            date,
            "--referral",
            referral,
            "--interest",
            interest,
            "--phone",
            phone,
            "--group",
            "Riverside",
        ],
    )


@FUZZ
@given(ref=anything)
def test_participant_show_never_crashes(riverside: Cli, ref: str) -> None:
    check(riverside, ["participant", "show", ref, "--json"])


@FUZZ
@given(group=anything, refs=st.lists(anything, min_size=1, max_size=4))
def test_group_add_never_crashes(riverside: Cli, group: str, refs: list[str]) -> None:
    check(riverside, ["group", "add", group, *refs])

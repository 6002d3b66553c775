"""`meeting record` and `meeting edit`: one declaration of the options they share, one reading of them."""

import dataclasses
import json

import pytest

from peertool.cli.program.meetings import MeetingOptions

from helpers import Cli


def _options(cli: Cli, verb: str) -> list[str]:
    """The options `meeting VERB --help` lists, in order."""
    lines = cli.ok("meeting", verb, "--help").stdout.splitlines()
    return [line.split()[0] for line in lines if line.strip().startswith("--")]


def test_record_and_edit_list_the_shared_options_in_one_order(riverside: Cli) -> None:
    shared = ["--" + field.name.replace("_", "-") for field in dataclasses.fields(MeetingOptions)]
    for verb in ("record", "edit"):
        listed = _options(riverside, verb)
        start = listed.index(shared[0])
        assert listed[start : start + len(shared)] == shared


@pytest.mark.parametrize("args", [[], ["--present", ","]])
def test_edit_with_nothing_to_change_is_a_usage_error(riverside: Cli, args: list[str]) -> None:
    meeting = riverside.json("meeting", "record", "Riverside", "--date", "2026-02-10", "--all-present")
    result = riverside("meeting", "edit", str(meeting["id"]), *args)
    assert result.exit_code == 2
    assert "nothing to change" in result.stderr


def test_record_and_edit_read_the_notes_the_same_way(riverside: Cli) -> None:
    first = ("meeting", "record", "Riverside", "--date", "2026-02-10", "--all-present", "--notes", "-", "--json")
    recorded = json.loads(riverside.ok(*first, input="From stdin.\n").stdout)
    edited = riverside.ok("meeting", "edit", str(recorded["id"]), "--notes", "-", "--json", input="Again.\n")
    assert (recorded["notes"], json.loads(edited.stdout)["notes"]) == ("From stdin.", "Again.")
    for verb, target in (("record", "Riverside"), ("edit", str(recorded["id"]))):
        both = riverside("meeting", verb, target, "--notes", "x", "--edit")
        assert both.exit_code == 2
        assert "give only one of --notes, --notes-file and --edit" in both.stderr

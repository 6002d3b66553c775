"""`peertool intake`: screening at intake, the refusal that saves the record, the admission gate, the history."""

import json
from pathlib import Path

import pytest

from helpers import Cli

PASSES = ("--meets", "B,C", "--exclusion", "A=no", "--exclusion", "B=no", "--date", "2026-01-05")
EXCLUDED = ("--meets", "B", "--exclusion", "A=yes", "--exclusion", "B=no", "--date", "2026-01-05")


@pytest.fixture
def elm(cli: Cli) -> Cli:
    cli.ok("group", "create", "Elm", "--start", "2026-01-06", "--weekday", "tue", "--time", "18:00")
    cli.ok("enroll", "Ada Quill", "--enrolled-on", "2026-01-05")
    cli.ok("enroll", "Bram Oakes", "--enrolled-on", "2026-01-05")
    return cli


def test_screened_b_and_c_with_no_exclusion_is_admitted_and_joins(elm: Cli) -> None:
    done = elm.json("intake", "Ada Quill", *PASSES, "--service-kind", "clinical", "--services", "Sees Dr. Lee")
    assert done["outcome"] == "eligible" and done["admitted"] is True and done["warnings"] == []
    assert [c["code"] for c in done["criteria_met"]] == ["B", "C"]
    elm.ok("group", "add", "Elm", "Ada Quill", "--date", "2026-01-06")
    shown = elm.json("participant", "show", "1")["screening"]
    assert shown["outcome"] == "eligible" and shown["criteria_met"] == ["B", "C"]


def test_exclusion_a_is_saved_exits_1_and_blocks_the_group_and_the_meeting(elm: Cli) -> None:
    refused = elm("intake", "Ada Quill", *EXCLUDED, "--json")
    assert refused.exit_code == 1
    assert json.loads(refused.stdout)["outcome"] == "excluded"  # the record, saved
    assert "exclusion A" in refused.stderr and "peertool event add 1 --kind referral --to TEXT" in refused.stderr
    assert elm.json("intake", "list", "1")[0]["exclusions"][0] == {
        "code": "A", "answer": "yes",
        "text": "The individual is a risk to self or others, or sufficient impairment exists that a more intensive "
                "level of service is required.",
    }  # fmt: skip
    added = elm("group", "add", "Elm", "Ada Quill", "--date", "2026-01-06")
    assert added.exit_code == 1 and "not admitted" in added.stderr and "exclusion A applies" in added.stderr
    chart = elm("participant", "chart", "1").stdout
    assert "## Intake screenings" in chart and "not admitted: exclusion A" in chart
    assert elm.json("participant", "chart", "1", "--format", "json")["screenings"][0]["outcome"] == "excluded"


def test_a_member_excluded_later_cannot_be_marked_present_until_a_screening_passes(elm: Cli) -> None:
    elm.ok("group", "add", "Elm", "1", "2", "--date", "2026-01-06")
    elm("intake", "1", *EXCLUDED[:-1], "2026-01-10")
    marked = elm("meeting", "record", "Elm", "--date", "2026-01-13", "--all-present")
    assert marked.exit_code == 1 and "participant 1 is not admitted" in marked.stderr
    elm.ok("meeting", "record", "Elm", "--date", "2026-01-13", "--present", "2", "--excused", "1")
    elm.ok("intake", "1", *PASSES[:-1], "2026-01-14")
    elm.ok("meeting", "record", "Elm", "--date", "2026-01-20", "--all-present")
    assert [s["outcome"] for s in elm.json("intake", "list", "1")] == ["excluded", "eligible"]


def test_in_a_script_a_missing_answer_is_a_usage_error_naming_it(elm: Cli) -> None:
    before = elm.dump()
    no_meets = elm("intake", "1", "--exclusion", "A=no", "--exclusion", "B=no")
    assert no_meets.exit_code == 2 and "--meets" in no_meets.stderr
    no_b = elm("intake", "1", "--meets", "B", "--exclusion", "A=no")
    assert no_b.exit_code == 2 and "exclusion B" in no_b.stderr
    assert elm.dump() == before


def test_at_a_terminal_it_asks_for_what_is_not_given(elm: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import typer.testing

    monkeypatch.setattr(typer.testing._NamedTextIOWrapper, "isatty", lambda self: True)
    asked = elm("intake", "1", "--date", "2026-01-05", "--json", input="b,c\nno\nno\n")
    assert asked.exit_code == 0, asked.stderr
    assert "Is experiencing functional problems" in asked.stderr
    assert [c["code"] for c in elm.json("intake", "list", "1")[0]["criteria_met"]] == ["B", "C"]


def test_a_team_contact_needs_the_persons_consent(elm: Cli) -> None:
    assert elm("intake", "1", *PASSES, "--team-contact", "Dr. Lee").exit_code == 1
    kept = elm.json("intake", "1", *PASSES, "--team-contact", "Dr. Lee", "--team-consent", "yes")
    assert kept["team_contact"] == {"consent": True, "text": "Dr. Lee"}


def test_a_record_keeps_its_version_and_reworded_same_version_is_exit_5(elm: Cli, env: Path) -> None:
    elm.ok("intake", "1", *PASSES)
    (env / "def.yaml").write_text("version: builtin-1\nservice_criteria:\n  B: Reworded\nexclusions:\n  A: x\n")
    (env / "own.yaml").write_text("definition_file: def.yaml\n")
    reworded = elm("--config", env / "own.yaml", "intake", "2", "--meets", "B", "--exclusion", "A=no")
    assert reworded.exit_code == 5 and "version" in reworded.stderr
    (env / "def.yaml").write_text("version: state-2\nservice_criteria:\n  B: Reworded\nexclusions:\n  A: x\n")
    elm.ok("--config", env / "own.yaml", "intake", "2", "--meets", "B", "--exclusion", "A=no")
    first, second = elm.json("intake", "list")
    assert first["criteria_met"][1]["text"].startswith("Is in recovery") and second["definition_version"] == "state-2"


@pytest.mark.parametrize("second", ["A=no", "a=no", "A=yes"])
def test_an_exclusion_answered_twice_is_a_usage_error_and_saves_nothing(elm: Cli, second: str) -> None:
    """`--exclusion A=yes --exclusion A=no` must not keep the last answer and admit them (review finding)."""
    before = elm.dump()
    refused = elm("intake", "Ada Quill", "--meets", "B", "--exclusion", "A=yes", "--exclusion", second,
                  "--exclusion", "B=no")  # fmt: skip
    assert refused.exit_code == 2 and "is answered twice" in refused.stderr
    assert elm.dump() == before

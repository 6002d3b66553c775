"""`peertool measure` (issue 18): outcome measures scored over time, a program's own instruments, and erasing one."""

from pathlib import Path

import pytest

from helpers import WHO5_LOW, WHO5_UP, Cli


def test_who5_is_scored_raw_and_as_a_percentage(riverside: Cli) -> None:
    found = riverside.json(*WHO5_LOW)
    assert list(found) == ["id", "participant", "instrument", "date", "answers", "score", "percent", "low", "subscales",
                           "staff"]  # fmt: skip
    assert (found["instrument"], found["answers"], found["score"], found["percent"]) == ("who5", [2, 2, 1, 2, 2], 9, 36)
    assert found["low"] is True  # raw below 13: poor well-being
    assert riverside.json(*WHO5_UP)["low"] is False


@pytest.mark.parametrize(
    "answers, wanted",
    [
        ("3,4,3,3", "5 items; 4 answer(s)"),
        ("3,4,3,3,6", "item 5 is '6'"),
        ("3,4,x,3,3", "item 3 is 'x'"),
        ("", "0 answer"),
    ],
)
def test_answers_of_the_wrong_count_or_range_are_refused_and_change_nothing(
    riverside: Cli, answers: str, wanted: str
) -> None:
    before = riverside.dump()
    result = riverside("measure", "add", "1", "who5", "--answers", answers)
    assert result.exit_code == 1 and wanted in result.stderr
    assert riverside.dump() == before


def test_unknown_instruments_and_dates_before_enrollment_are_refused(riverside: Cli) -> None:
    unknown = riverside("measure", "add", "1", "ras", "--answers", "1")
    assert unknown.exit_code == 3 and "Instruments: who5" in unknown.stderr
    early = riverside("measure", "add", "1", "who5", "--answers", "1,1,1,1,1", "--date", "2025-12-01")
    assert early.exit_code == 1 and "before their enrollment on 2026-01-05" in early.stderr


def test_a_program_adds_its_own_instrument(riverside: Cli, env: Path) -> None:
    (env / "instruments.yaml").write_text(
        "instruments:\n"
        "  - id: belong3\n    name: Belonging (3 items)\n    items: 3\n    min: 1\n    max: 5\n"
        "    score: mean\n    reverse: [2]\n    subscales: {ties: [1, 3]}\n    meaningful_change: 0.5\n"
    )
    (env / "peertool.yaml").write_text(
        "instruments_file: instruments.yaml\nmeasures:\n  - instrument: who5\n    every_months: 3\n"
        "  - instrument: belong3\n"
    )
    found = riverside.json("measure", "add", "1", "belong3", "--answers", "5,1,2", "--date", "2026-01-06")
    # item 2 reversed: 5+1-1 = 5; mean of 5, 5, 2 = 4; ties: mean of 5 and 2
    assert (found["score"], found["percent"], found["subscales"]) == (4, None, {"ties": 3.5})
    riverside.ok("measure", "add", "1", "belong3", "--answers", "2,4,2", "--date", "2026-04-07")
    change = riverside.json("report", "Riverside")["participants"][0]["measures"]
    assert change[0]["instrument"] == "belong3" and change[0]["change"] == -2 and change[0]["improved"] is False
    assert [m["instrument"] for m in riverside.json("measure", "list", "1", "--instrument", "BELONG3")] == [
        "belong3"
    ] * 2


@pytest.mark.parametrize(
    "instruments, config, wanted",
    [
        ("instruments:\n  - id: x\n    name: X\n    items: 0\n    min: 1\n    max: 5\n", "", "items must be 1 to"),
        ("instruments:\n  - id: who5\n    name: Mine\n    items: 2\n    min: 0\n    max: 3\n", "", "used twice"),
        ("instruments:\n  - id: x\n    name: X\n    items: 2\n    min: 0\n    max: 3\n    colour: red\n", "",
         "unknown key 'colour'"),
        ("instruments: []\n", "measures:\n  - instrument: ras\n", "names the instrument 'ras'"),
        ("- just a list\n", "", "a list under `instruments:`"),
    ],
)  # fmt: skip
def test_a_broken_instruments_file_or_schedule_is_a_config_error(
    riverside: Cli, env: Path, instruments: str, config: str, wanted: str
) -> None:
    (env / "instruments.yaml").write_text(instruments)
    (env / "peertool.yaml").write_text(f"instruments_file: instruments.yaml\n{config}")
    result = riverside("measure", "add", "1", "who5", "--answers", "1,1,1,1,1")
    assert result.exit_code == 5 and wanted in result.stderr


def test_a_measure_recorded_in_error_is_erased_with_yes(measured: Cli) -> None:
    refused = measured("measure", "delete", "1")
    assert refused.exit_code == 1 and "--yes" in refused.stderr
    measured.ok("measure", "delete", "1", "--yes")
    assert [m["id"] for m in measured.json("measure", "list", "1")] == [2]
    audit = measured.json("audit", "--last", "1")
    assert audit[0]["table"] == "measures" and audit[0]["action"] == "delete"

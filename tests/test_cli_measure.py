"""Recovery outcomes as a coach uses them (issue 18): scored measures over time and who is due one, natural
supports, goal attainment, the report's recovery figures, and a wellness plan no other command shows."""

import json
import sys
from pathlib import Path

import pytest

from helpers import Cli

WHO5_LOW = ("measure", "add", "Ada Quill", "WHO-5", "--answers", "2,2,1,2,2", "--date", "2026-01-06")
WHO5_UP = ("measure", "add", "Ada Quill", "who5", "--answers", "3,4,3,3,3", "--date", "2026-04-07")
PLAN_SECRET = "Zephyrine calls Harbour Line when the humming starts"


@pytest.fixture
def measured(riverside: Cli) -> Cli:
    """Ada: WHO-5 9 (36%) at intake, 16 (64%) at three months; Bram: 20 then 19; a connection each."""
    riverside.ok(*WHO5_LOW)
    riverside.ok(*WHO5_UP)
    riverside.ok("measure", "add", "2", "who5", "--answers", "4,4,4,4,4", "--date", "2026-01-06")
    riverside.ok("measure", "add", "2", "who5", "--answers", "4,4,4,4,3", "--date", "2026-04-07")
    riverside.ok(
        "connection", "add", "1", "Tuesday garden club", "--kind", "group", "--mainstream", "--date", "2026-02-10"
    )
    riverside.ok(
        "connection", "add", "1", "Peer drop-in centre", "--kind", "place", "--program", "--date", "2026-03-01"
    )
    riverside.ok("connection", "add", "2", "Neighbour Sol", "--kind", "person", "--mainstream", "--date", "2026-03-15")
    return riverside


def test_who5_is_scored_raw_and_as_a_percentage(riverside: Cli) -> None:
    found = riverside.json(*WHO5_LOW)
    assert list(found) == ["id", "participant", "instrument", "date", "answers", "score", "percent", "low", "subscales"]
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


def test_prep_lists_who_is_due_a_measure_this_week(riverside: Cli) -> None:
    first = riverside.json("prep", "Riverside", "--date", "2026-01-06")["measures_due"]
    assert len(first) == 10 and first[0] == {
        "id": 1, "name": "Ada Quill", "instrument": "who5", "due": "2026-01-05", "last": None
    }  # fmt: skip
    riverside.ok(*WHO5_LOW)
    assert 1 not in [p["id"] for p in riverside.json("prep", "Riverside", "--date", "2026-01-13")["measures_due"]]
    assert 1 not in [p["id"] for p in riverside.json("prep", "Riverside", "--date", "2026-03-24")["measures_due"]]
    again = riverside.json("prep", "Riverside", "--date", "2026-03-31")["measures_due"]
    assert {"id": 1, "name": "Ada Quill", "instrument": "who5", "due": "2026-04-05", "last": "2026-01-06"} in again
    assert "## Measures due this week" in riverside.ok("prep", "Riverside", "--format", "markdown").stdout


def test_the_report_shows_each_persons_measured_change_traceable_to_the_measures(measured: Cli) -> None:
    report = measured.json("report", "Riverside")
    ada, bram = report["participants"][0], report["participants"][1]
    who5 = ada["measures"][0]
    assert (who5["first"]["id"], who5["latest"]["id"]) == (1, 2)
    assert (who5["first"]["percent"], who5["latest"]["percent"], who5["change"]) == (36, 64, 28)
    assert (who5["unit"], who5["meaningful"], who5["improved"]) == ("percentage points", True, True)
    assert (bram["measures"][0]["change"], bram["measures"][0]["meaningful"]) == (-4, False)
    assert report["recovery"]["measures"] == [
        {"instrument": "who5", "people": 2, "mean_change": 12, "unit": "percentage points", "improved": 1,
         "worsened": 0}
    ]  # fmt: skip
    text = measured.ok("report", "Riverside", "--format", "markdown").stdout
    assert "| 1 | Ada Quill | who5 | +28 (gain) | ▄▅ | 36% 2026-01-06 | 64% 2026-04-07 |" in text
    assert "- who5: mean change +12 percentage points over 2 people (1 meaningful gain(s)" in text


def test_a_report_period_takes_only_its_own_measures(measured: Cli) -> None:
    early = measured.json("report", "Riverside", "--to", "2026-03-31")["participants"][0]["measures"][0]
    assert early["change"] is None and early["latest"]["id"] == 1


def test_connections_are_added_listed_and_ended(measured: Cli) -> None:
    listed = measured.json("connection", "list", "Ada Quill")
    assert [(c["text"], c["kind"], c["setting"], c["active"]) for c in listed] == [
        ("Tuesday garden club", "group", "mainstream", True),
        ("Peer drop-in centre", "place", "program", True),
    ]
    ended = measured.json("connection", "end", "2", "--date", "2026-03-20")
    assert (ended["ended_on"], ended["active"]) == ("2026-03-20", False)
    assert measured("connection", "end", "2").exit_code == 1
    assert measured("connection", "end", "1", "--date", "2026-01-01").exit_code == 1
    assert [c["id"] for c in measured.json("connection", "list", "--active")] == [1, 3]
    both = measured("connection", "add", "1", "Choir", "--kind", "group", "--mainstream", "--program")
    assert both.exit_code == 1 and "not both" in both.stderr
    assert measured("connection", "add", "1", "Choir", "--kind", "club").exit_code == 2


def test_the_report_shows_connections_over_time_and_the_mainstream_share(measured: Cli) -> None:
    measured.ok("connection", "end", "2", "--date", "2026-03-20")
    ada = measured.json("report", "Riverside", "--to", "2026-04-30")["participants"][0]["connections"]
    assert (ada["active"], ada["mainstream"], ada["program"], ada["mainstream_share"]) == (1, 1, 0, 1.0)
    # at the end of January, February, March (the drop-in ended on the 20th) and April
    assert [(m["month_end"], m["active"]) for m in ada["by_month"]] == [
        ("2026-01-31", 0), ("2026-02-28", 1), ("2026-03-31", 1), ("2026-04-30", 1)
    ]  # fmt: skip
    group = measured.json("report", "Riverside", "--to", "2026-04-30")["recovery"]["connections"]
    assert group == {"active": 2, "mainstream": 2, "mainstream_share": 1.0, "people_with_any": 2}


def test_goal_attainment_is_recorded_beside_the_status_and_summarised(riverside: Cli) -> None:
    goal = riverside.json("goal", "update", "1", "--attainment", "-1", "--date", "2026-02-01")
    assert (goal["status"], goal["attainment"], goal["updates"][-1]["attainment"]) == ("active", -1, -1)
    goal = riverside.json("goal", "update", "1", "--status", "achieved", "--attainment", "2")
    assert (goal["status"], goal["attainment"]) == ("achieved", 2)
    riverside.ok("goal", "update", "2", "--attainment", "0")
    assert riverside.json("goal", "update", "2", "--status", "paused")["attainment"] == 0  # kept
    assert riverside("goal", "update", "1", "--attainment", "3").exit_code == 2
    nothing = riverside("goal", "update", "1")
    assert nothing.exit_code == 1 and "--attainment" in nothing.stderr
    report = riverside.json("report", "Riverside")
    assert report["participants"][0]["attainment"] == {"rated": 1, "mean": 2, "at_or_above_expected": 1}
    assert report["recovery"]["attainment"] == {"rated": 2, "mean": 1, "at_or_above_expected": 2}


def _editor(env: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    script = env / "editor.py"
    script.write_text(
        "import sys\npath = sys.argv[1]\ntext = open(path).read()\n"
        f"open(path, 'w').write(text.replace('## Crisis plan\\n', '## Crisis plan\\n' + {body!r} + '\\n'))\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")


def test_a_plan_is_written_from_the_template_and_every_version_is_kept(
    riverside: Cli, env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = env / "seen.md"
    script = env / "look.py"
    script.write_text(f"import shutil, sys\nshutil.copy(sys.argv[1], {str(seen)!r})\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    untouched = riverside("plan", "edit", "1")
    assert untouched.exit_code == 1 and "nothing was saved" in untouched.stderr
    headings = [line for line in seen.read_text().splitlines() if line.startswith("## ")]
    assert headings == [
        "## Wellness toolbox", "## Daily maintenance", "## Triggers", "## Early warning signs",
        "## When things are breaking down", "## Crisis plan", "## Post-crisis",
    ]  # fmt: skip
    _editor(env, monkeypatch, "Call my sister first.")
    first = riverside.json("plan", "edit", "1")
    assert (first["version"], first["changed"]) == (1, True) and "text" not in first
    _editor(env, monkeypatch, "Then the warm line.")
    riverside.ok("plan", "edit", "1")
    shown = riverside.ok("plan", "show", "1").stdout
    assert "Then the warm line.\nCall my sister first." in shown and "# Wellness plan for" not in shown
    assert "Then the warm line." not in riverside.json("plan", "show", "1", "--version", "1")["text"]
    assert [v["version"] for v in riverside.json("plan", "history", "1")] == [2, 1]
    current = riverside.json("plan", "show", "1")["text"]
    same = json.loads(riverside.ok("plan", "edit", "1", "--from", "-", "--json", input=current).stdout)
    assert (same["version"], same["changed"]) == (2, False)
    assert riverside("plan", "show", "2").exit_code == 3
    assert riverside("plan", "show", "1", "--version", "9").exit_code == 3


def test_an_empty_or_hostile_plan_is_refused_and_changes_nothing(riverside: Cli) -> None:
    before = riverside.dump()
    for text in ["", "## Triggers\n\n## Crisis plan\n", "a\x00b"]:
        assert riverside("plan", "edit", "1", "--from", "-", input=text).exit_code == 1
    assert riverside("plan", "edit", "1", "--from", "/dev/zero").exit_code == 1
    assert riverside("plan", "edit", "1", "--from", "missing.md").exit_code == 3
    assert riverside.dump() == before


def test_the_plan_appears_nowhere_but_plan_show(measured: Cli, env: Path) -> None:
    measured.ok("plan", "edit", "1", "--from", "-", input=f"## Crisis plan\n{PLAN_SECRET}\n")
    measured.ok("meeting", "record", "Riverside", "--date", "2026-03-03", "--all-present")
    outputs = [
        measured(*args)
        for args in [
            ("participant", "show", "1"), ("participant", "show", "1", "--json"), ("participant", "list", "--json"),
            ("participant", "chart", "1"), ("participant", "chart", "1", "--json"),
            ("participant", "chart", "1", "--include-group-notes"),
            ("prep", "Riverside", "--date", "2026-03-03", "--format", "json"),
            ("prep", "Riverside", "--date", "2026-03-03", "--format", "markdown"),
            ("report", "Riverside", "--format", "json"), ("report", "Riverside", "--format", "markdown"),
            ("report", "Riverside"), ("export",), ("export", "--deidentify"),
            ("export", "--deidentify", "--include-notes"), ("audit", "--json"), ("plan", "history", "1", "--json"),
            ("measure", "list", "--json"), ("connection", "list", "--json"), ("goal", "list", "--json"),
        ]
    ]  # fmt: skip
    for result in outputs:
        assert result.exit_code == 0, (result.exit_code, result.stderr)
        assert "Zephyrine" not in result.stdout + result.stderr
    assert "Zephyrine" in measured.ok("plan", "show", "1").stdout
    with_plans = json.loads(measured.ok("export", "--include-plans").stdout)
    assert PLAN_SECRET in with_plans["tables"]["wellness_plans"][0]["text"]
    refused = measured("export", "--deidentify", "--include-plans")
    assert refused.exit_code == 1 and "never de-identified" in refused.stderr


def test_a_deidentified_export_carries_connection_kinds_and_measure_scores_never_the_text(measured: Cli) -> None:
    for extra in ([], ["--include-notes"]):
        tables = json.loads(measured.ok("export", "--deidentify", *extra).stdout)["tables"]
        assert [(c["kind"], c["setting"]) for c in tables["connections"]] == [
            ("group", "mainstream"), ("place", "program"), ("person", "mainstream")
        ]  # fmt: skip
        assert all(set(c) == {"site_id", "connection", "person", "kind", "setting", "started_on", "ended_on"}
                   for c in tables["connections"])  # fmt: skip
        assert [m["score"] for m in tables["measures"]] == [9, 16, 20, 19]
        assert "garden" not in json.dumps(tables).lower() and "Neighbour" not in json.dumps(tables)


def test_erasing_a_participant_erases_their_measures_connections_and_plan(measured: Cli) -> None:
    measured.ok("plan", "edit", "1", "--from", "-", input="## Triggers\nLoud rooms\n")
    measured.ok("participant", "delete", "1", "--yes")
    assert [m["participant"]["id"] for m in measured.json("measure", "list")] == [2, 2]
    assert [c["participant"]["id"] for c in measured.json("connection", "list")] == [2]
    assert measured("plan", "show", "1").exit_code == 3


def test_a_measure_recorded_in_error_is_erased_with_yes(measured: Cli) -> None:
    refused = measured("measure", "delete", "1")
    assert refused.exit_code == 1 and "--yes" in refused.stderr
    measured.ok("measure", "delete", "1", "--yes")
    assert [m["id"] for m in measured.json("measure", "list", "1")] == [2]
    audit = measured.json("audit", "--last", "1")
    assert audit[0]["table"] == "measures" and audit[0]["action"] == "delete"

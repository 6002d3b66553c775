"""How recovery outcomes print: scores over time as a sparkline on the instrument's range, the change flagged,
the group's figures in sentences, and the lists of measures and connections with stored text escaped."""

from typing import Any

import pytest

from peertool.outcomes.recovery import Attainment, GroupRecovery
from peertool.render.recovery import (
    connection_rows,
    connections,
    measure_rows,
    measures,
    month_rows,
    plan_versions,
    sparkline,
    summary_lines,
)

ESC = "\x1b[31m"
SHOWN = "\\x1b[31m"


def test_a_sparkline_draws_scores_on_the_instruments_range_or_their_own() -> None:
    assert sparkline([0, 50, 100], [0, 100]) == "▁▅█"
    assert sparkline([36, 60], [0, 100]) == "▄▅"
    assert sparkline([-5, 130], [0, 100]) == "▁█"  # out of range: clamped
    assert sparkline([10, 20], None) == "▁█"  # an instrument no longer defined: the values' own range
    assert sparkline([7, 7, 7], None) == "▁▁▁"


def _report(measures: list[dict[str, Any]], connections: dict[str, Any] | None) -> dict[str, Any]:
    person = {"id": 4, "name": "Dev Harlan", "measures": measures, "connections": connections,
              "attainment": {"rated": 0, "mean": None, "at_or_above_expected": 0}}  # fmt: skip
    return {"participants": [person]}


def test_a_measure_row_flags_a_meaningful_change_and_a_low_latest_score() -> None:
    scores = [{"id": 1, "date": "2026-01-06", "score": 15, "percent": 60},
              {"id": 2, "date": "2026-04-07", "score": 9, "percent": 36}]  # fmt: skip
    item = {"instrument": "who5", "unit": "percentage points", "change": -24, "improved": False, "low": True,
            "range": [0, 100], "first": scores[0], "latest": scores[1], "scores": scores}  # fmt: skip
    one = {**item, "change": None, "improved": None, "low": False, "scores": scores[:1], "latest": scores[0]}
    assert measure_rows(_report([item, one], None)) == [
        [4, "Dev Harlan", "who5", "-24 (drop)", "▅▄", "60% 2026-01-06", "36% 2026-04-07 (low)"],
        [4, "Dev Harlan", "who5", "one measure", "▅", "60% 2026-01-06", "60% 2026-01-06"],
    ]
    flat = {**item, "change": 3, "improved": None, "low": None}
    assert measure_rows(_report([flat], None))[0][3] == "+3"  # not meaningful: no flag


def _split(active: int, mainstream: int, program: int, share: float | None) -> dict[str, Any]:
    return {"active": active, "mainstream": mainstream, "program": program,
            "unclassified": active - mainstream - program, "mainstream_share": share}  # fmt: skip


def test_connection_rows_show_the_unclassified_beside_the_share_and_leave_out_people_without_a_summary() -> None:
    by_month = [{"month_end": "2026-03-31", **_split(1, 0, 0, None)},
                {"month_end": "2026-04-30", **_split(4, 2, 1, 0.667)}]  # fmt: skip
    ties = {**_split(4, 2, 1, 0.667), "by_month": by_month}
    assert connection_rows(_report([], ties)) == [[4, "Dev Harlan", 4, 2, 1, 1, "67%", "1 4"]]
    assert connection_rows(_report([], None)) == []
    report = {"recovery": {"connections": {"by_month": by_month}}}
    assert month_rows(report) == [["2026-03-31", 1, 0, 0, 1, ""], ["2026-04-30", 4, 2, 1, 1, "67%"]]


def test_the_group_summary_reads_as_sentences() -> None:
    group: GroupRecovery = {
        "measures": [{"instrument": "who5", "mean_change": 12.5, "unit": "percentage points", "people": 1,
                      "improved": 1, "worsened": 0}],
        "connections": {"active": 3, "mainstream": 1, "program": 1, "unclassified": 1, "mainstream_share": 0.5,
                        "people_with_any": 2, "by_month": []},
        "attainment": {"rated": 2, "mean": 0.5, "at_or_above_expected": 1},
    }  # fmt: skip
    assert summary_lines(group) == [
        "who5: mean change +12.5 percentage points over 1 person (1 meaningful gain(s), 0 meaningful drop(s)).",
        "Connections: 3 active for 2 people, 1 mainstream, 1 program, 1 unclassified "
        "(mainstream share of those classified: 50%).",
        "Goal attainment: 2 goal(s) rated, mean +0.5, 1 at or above expected.",
    ]
    unrated: Attainment = {"rated": 0, "mean": None, "at_or_above_expected": 0}
    empty: GroupRecovery = {**group, "measures": [], "attainment": unrated}
    assert summary_lines(empty)[0] == "No one has two measures in this period yet."
    assert summary_lines(empty)[2] == "Goal attainment: no goal rated yet."


def test_the_lists_print_one_row_each_with_stored_text_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    measures([{"id": 1, "participant": {"id": 4, "name": "Dev" + ESC}, "instrument": "who5", "date": "2026-01-06",
               "answers": [3, 2, 1, 2, 1], "score": 9, "low": True, "percent": 36, "subscales": {},
               "staff": None}])  # fmt: skip
    assert capsys.readouterr().out.splitlines()[1] == f"1\tDev{SHOWN}\twho5\t2026-01-06\t3,2,1,2,1\t9 low\t36%"
    connections([{"id": 2, "participant": {"id": 4, "name": "Dev Harlan"}, "text": "Choir" + ESC, "kind": "group",
                  "setting": None, "started_on": "2026-02-01", "ended_on": None, "active": True}])  # fmt: skip
    assert capsys.readouterr().out.splitlines()[1] == f"2\tDev Harlan\tChoir{SHOWN}\tgroup\t\t2026-02-01\t"
    plan_versions([{"id": 6, "participant": {"id": 4, "name": "Dev Harlan"}, "version": 2,
                    "written_at": "2026-03-01T10:00:00Z", "characters": 120}])  # fmt: skip
    assert capsys.readouterr().out == "version\twritten (UTC)\tcharacters\n2\t2026-03-01T10:00:00Z\t120\n"

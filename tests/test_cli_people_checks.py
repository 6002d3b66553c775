"""Warnings that reach scripts, counts that are right, and records that cannot contradict themselves (issue 24)."""

import json


def test_a_meeting_without_attendance_warns_in_json_and_names_its_id(riverside):
    result = riverside("meeting", "record", "Riverside", "--date", "2026-02-10", "--json")
    assert result.exit_code == 0, result.stderr
    meeting = json.loads(result.stdout)
    assert any(
        "attendance was not recorded" in w and f"meeting edit {meeting['id']} " in w for w in meeting["warnings"]
    )
    assert "attendance was not recorded" in result.stderr
    plain = riverside("meeting", "record", "Riverside", "--date", "2026-02-17")
    assert plain.exit_code == 0 and f"meeting edit {meeting['id'] + 1} --present" in plain.stderr
    assert " ID " not in plain.stderr

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


def test_the_author_cannot_co_sign_under_another_credential_or_spelling(riverside):
    riverside.ok("note", "add", "1", "Called", "--minutes", "15")
    riverside.ok("note", "sign", "1", "--as", "Rae Lin, CPS")
    before = riverside.dump()
    for same in ("Rae Lin, LCSW (supervisor)", "RAE LÍN, LCSW", "rae  lin (supervisor), LCSW"):
        refused = riverside("note", "sign", "1", "--as", same, "--cosign")
        assert refused.exit_code == 1 and "second person" in refused.stderr, same
    assert riverside.dump() == before
    riverside.ok("note", "sign", "1", "--as", "Rae Linden, LCSW", "--cosign")


def test_same_person_compares_the_name_part_only():
    from peertool.db.signing import same_person

    assert same_person("Zoë O’Brien, CPS", "zoe o'brien, LCSW, MA")
    assert same_person("Rae Lin (supervisor), LCSW", "Rae Lin, CPS")
    assert not same_person("Rae Lin, CPS", "Rae Linden, CPS")

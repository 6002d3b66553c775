"""A name unique in a group works in that group's commands, whoever else shares it (issue 11, item 1)."""

import pytest

from helpers import Cli


@pytest.fixture
def namesakes(riverside: Cli) -> Cli:
    """Riverside has one 'Sam Vale'; someone outside every group has the same name."""
    since = ("--enrolled-on", "2026-01-05")
    riverside.ok("enroll", "Sam Vale", "--group", "Riverside", "--gender", "male", *since)
    riverside.ok("enroll", "Sam Vale", "--gender", "male", *since)
    riverside.ok("enroll", "Pat Ober", "--group", "Riverside", "--gender", "male", *since)
    return riverside


def test_meeting_record_takes_a_name_unique_in_the_group(namesakes: Cli) -> None:
    meeting = namesakes.json("meeting", "record", "Riverside", "--date", "2026-03-03", "--present", "Sam Vale")
    assert [p["name"] for p in meeting["present"]] == ["Sam Vale"]
    assert meeting["present"][0]["id"] == 11


def test_meeting_edit_takes_a_name_unique_in_the_group(namesakes: Cli) -> None:
    namesakes.ok("meeting", "record", "Riverside", "--date", "2026-03-03")
    meeting = namesakes.json("meeting", "edit", "1", "--absent", "sam vale")
    assert [p["id"] for p in meeting["absent"]] == [11]


def test_pair_exclude_keep_and_avoid_take_names_unique_in_the_group(namesakes: Cli) -> None:
    result = namesakes.json(
        "pair",
        "Riverside",
        "--dry-run",
        "--keep",
        "Sam Vale,Pat Ober",
        "--exclude",
        "Ivo Serra",
        "--exclude",
        "Gale Ito",
    )
    assert {m["id"] for p in result["pairs"] for m in p["members"]} >= {11, 13}
    assert ["Sam Vale", "Pat Ober"] in [[m["name"] for m in p["members"]] for p in result["pairs"]]
    namesakes.ok("pair", "Riverside", "--avoid", "Sam Vale,Pat Ober", "--exclude", "Ivo Serra", "--exclude", "Gale Ito")


def test_unpair_takes_a_name_unique_in_the_group(namesakes: Cli) -> None:
    namesakes.ok("pair", "Riverside", "--keep", "Sam Vale,Pat Ober", "--exclude", "Ivo Serra", "--exclude", "Gale Ito")
    result = namesakes.json("unpair", "Riverside", "Sam Vale", "--reason", "schedules clash")
    assert sorted(m["id"] for m in result["members"]) == [11, 13]


def test_outing_log_takes_a_name_unique_in_the_group(namesakes: Cli) -> None:
    outing = namesakes.json(
        "outing", "log", "Riverside", "--with", "Sam Vale", "--date", "2026-03-14", "--activity", "Library"
    )
    assert [p["id"] for p in outing["people"]] == [11]


def test_group_remove_takes_a_name_unique_in_the_group(namesakes: Cli) -> None:
    group = namesakes.json("group", "remove", "Riverside", "Sam Vale")
    assert 11 not in [m["id"] for m in group["members"]]


def test_a_name_outside_the_group_is_not_a_member_and_a_missing_one_is_not_found(namesakes: Cli) -> None:
    namesakes.ok("enroll", "Rue Outsider", "--enrolled-on", "2026-01-05")
    before = namesakes.dump()
    outsider = namesakes("meeting", "record", "Riverside", "--date", "2026-03-03", "--present", "Rue Outsider")
    assert outsider.exit_code == 1 and "not a member" in outsider.stderr
    missing = namesakes("meeting", "record", "Riverside", "--date", "2026-03-03", "--present", "Nobody Here")
    assert missing.exit_code == 3
    assert namesakes.dump() == before


def test_two_members_with_one_name_are_ambiguous_within_the_group(namesakes: Cli) -> None:
    namesakes.ok("group", "remove", "Riverside", "Pat Ober", "--date", "2026-01-05")
    namesakes.ok("group", "add", "Riverside", "12", "--date", "2026-01-05")
    result = namesakes("meeting", "record", "Riverside", "--date", "2026-03-03", "--present", "Sam Vale")
    assert result.exit_code == 4 and "id 11" in result.stderr and "id 12" in result.stderr

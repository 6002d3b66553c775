"""Warnings that reach scripts, counts that are right, and records that cannot contradict themselves (issue 24)."""

import json

from helpers import Cli, Today


def test_a_meeting_without_attendance_warns_in_json_and_names_its_id(riverside: Cli) -> None:
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


def test_the_author_cannot_co_sign_under_another_credential_or_spelling(riverside: Cli) -> None:
    riverside.ok("note", "add", "1", "Called", "--minutes", "15")
    riverside.ok("note", "sign", "1", "--as", "Rae Lin, CPS")
    before = riverside.dump()
    for same in ("Rae Lin, LCSW (supervisor)", "RAE LÍN, LCSW", "rae  lin (supervisor), LCSW"):
        refused = riverside("note", "sign", "1", "--as", same, "--cosign")
        assert refused.exit_code == 1 and "second person" in refused.stderr, same
    assert riverside.dump() == before
    riverside.ok("note", "sign", "1", "--as", "Rae Linden, LCSW", "--cosign")


def test_same_person_compares_the_name_part_only() -> None:
    from peertool.db.signing import same_person

    assert same_person("Zoë O’Brien, CPS", "zoe o'brien, LCSW, MA")
    assert same_person("Rae Lin (supervisor), LCSW", "Rae Lin, CPS")
    assert not same_person("Rae Lin, CPS", "Rae Linden, CPS")


def test_group_add_over_the_maximum_counts_what_the_group_has(riverside: Cli) -> None:
    for name in ("Kit Eleven", "Lou Twelve", "Mo Thirteen"):
        riverside.ok("enroll", name)
    before = riverside.dump()
    refused = riverside("group", "add", "Riverside", "11", "12", "13")
    assert refused.exit_code == 1
    assert (
        "has 10 members" in refused.stderr and "would make 13" in refused.stderr and "12 members" not in refused.stderr
    )
    assert riverside.dump() == before


def test_a_note_for_someone_marked_absent_is_refused(riverside: Cli) -> None:
    riverside.ok("meeting", "record", "Riverside", "--date", "2026-02-10", "--absent", "3", "--excused", "4")
    before = riverside.dump()
    for ref in ("3", "4"):
        refused = riverside("meeting", "note", "1", ref, "--response", "Shared a lot")
        assert refused.exit_code == 1 and "--present" in refused.stderr, refused.stderr
    assert riverside.dump() == before
    riverside.ok("meeting", "note", "1", "5", "--response", "Shared a lot")


def test_the_same_review_twice_on_one_date_is_a_conflict(riverside: Cli) -> None:
    review = (
        "review",
        "record",
        "Ada Quill",
        "--progressing",
        "yes",
        "--wants-to-continue",
        "yes",
        "--date",
        "2026-03-01",
    )
    riverside.ok(*review)
    before = riverside.dump()
    again = riverside(*review)
    assert again.exit_code == 4 and "2026-03-01" in again.stderr and "review list" in again.stderr
    assert riverside.dump() == before


def test_a_goal_update_is_not_dated_before_the_goal_or_the_enrollment(riverside: Cli, today: Today) -> None:
    import datetime as dt

    today(dt.date(2026, 2, 1))
    riverside.ok("goal", "add", "Ada Quill", "Get a library card")  # goal 11, created 2026-02-01
    before = riverside.dump()
    early = riverside("goal", "update", "11", "--status", "paused", "--date", "2026-01-20")
    assert early.exit_code == 1 and "2026-02-01" in early.stderr
    first = riverside("goal", "update", "1", "--status", "paused", "--date", "2026-01-04")  # enrolled 2026-01-05
    assert first.exit_code == 1 and "2026-01-05" in first.stderr
    assert riverside.dump() == before
    riverside.ok("goal", "update", "1", "--status", "paused", "--date", "2026-01-05")


def test_goals_met_for_someone_without_goals_warns(riverside: Cli) -> None:
    riverside.ok("enroll", "No Goals Yet", "--enrolled-on", "2026-01-05")
    done = riverside.json("discharge", "No Goals Yet", "--reason", "done", "--reason-code", "goals-met",
                          "--date", "2026-03-01")  # fmt: skip
    assert any("no goals" in w for w in done["warnings"])
    with_goals = riverside.json("discharge", "Ada Quill", "--reason", "done", "--reason-code", "goals-met",
                                "--date", "2026-03-01")  # fmt: skip
    assert not any("no goals" in w for w in with_goals["warnings"])


def test_a_group_below_the_minimum_is_warned_when_someone_leaves(riverside: Cli) -> None:
    for ref in ("1", "2", "3", "4"):
        riverside.ok("group", "remove", "Riverside", ref, "--date", "2026-03-01")
    removed = riverside("group", "remove", "Riverside", "5", "--date", "2026-03-01")
    assert removed.exit_code == 0 and "5 members" in removed.stderr and "fewer than 6" in removed.stderr
    left = riverside.json("discharge", "6", "--reason", "moved", "--date", "2026-03-02")
    assert any("fewer than 6" in w for w in left["warnings"])
    moved = riverside.json("participant", "edit", "7", "--group", "", "--date", "2026-03-03")
    assert any("fewer than 6" in w for w in moved["warnings"])


def test_a_goal_can_be_dated_when_it_was_set_but_not_before_the_enrollment(riverside: Cli) -> None:
    goal = riverside.json("goal", "add", "Ada Quill", "Get a library card", "--date", "2026-01-20")
    assert goal["created_on"] == "2026-01-20"
    riverside.ok("goal", "update", str(goal["id"]), "--status", "paused", "--date", "2026-01-20")
    before = riverside.dump()
    early = riverside("goal", "add", "Ada Quill", "Read a book", "--date", "2026-01-04")
    assert early.exit_code == 1 and "2026-01-05" in early.stderr
    assert riverside.dump() == before

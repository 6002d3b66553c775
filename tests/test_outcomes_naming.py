"""Finding other members' names in a person's own record: a full name in any case, a first name only as a
capitalised word, never a name the person shares, and only the members they shared a group with."""

from peertool.db.connection import Database
from peertool.outcomes.naming import REDACTED, finder, found, other_members, redact


def test_a_full_name_is_found_in_any_case_a_first_name_only_capitalised() -> None:
    pattern = finder(["Will Archer", "Mo Tan"], "Ada Quill")
    text = "Sat with WILL  ARCHER; Will came late. We will meet again. Mo Tan and Mo left."
    assert found(pattern, [text, None, ""]) == ["Mo Tan", "WILL  ARCHER", "Will"]  # "Mo" is too short alone


def test_a_name_the_person_shares_is_never_taken_for_another_member() -> None:
    pattern = finder(["Ada Quill"], "Ada Marsh")
    assert found(pattern, ["Ada walked to the store with Ada Quill."]) == ["Ada Quill"]


def test_no_names_find_nothing_and_redact_nothing() -> None:
    assert finder([], "Ada Quill") is None
    assert finder(["   "], "Ada Quill") is None
    assert found(None, ["Will Archer"]) == []
    record = {"text": "Will Archer", "n": 3}
    assert redact(record, None) is record


def test_redact_replaces_names_through_dicts_and_lists_and_leaves_other_values() -> None:
    pattern = finder(["Will Archer"], "Ada Quill")
    record = {"notes": ["Called will archer", "Will drove"], "minutes": 30, "signed": None}
    assert redact(record, pattern) == {
        "notes": [f"Called {REDACTED}", f"{REDACTED} drove"],
        "minutes": 30,
        "signed": None,
    }


def test_only_the_members_someone_shared_a_group_with_are_looked_for(season: Database) -> None:
    from peertool.people.groups import create_group
    from peertool.people.participants import enroll

    create_group(season, "Hillside", start="2026-01-07", weekday="wed", time="18:00")
    enroll(season, {"name": "Nico Vance", "group": "Hillside"}, max_group_size=12)
    others = set(other_members(season, 1))  # Ada Quill, in Riverside
    assert len(others) == 9 and "Bram Oakes" in others
    assert "Ada Quill" not in others and "Nico Vance" not in others
    assert other_members(season, 11) == []


def test_those_who_share_a_drop_in_program_or_an_activity_with_the_person_are_looked_for(season: Database) -> None:
    """Review finding 5: enrolled in the same drop-in program at an overlapping time, or at the same activity, is
    as much in the room as a fellow member; an enrollment that ended before the person's began is not."""
    from peertool.db.store import insert, write
    from peertool.people.participants import enroll

    for name in ("Nico Vance", "Olga Berg", "Pia Shaw", "Quin Lowe"):
        enroll(season, {"name": name}, max_group_size=12)  # ids 11..14, in no group
    with write(season):
        for pid, start, end in ((1, "2026-03-01", None), (11, "2026-02-01", "2026-02-20"), (12, "2026-03-05", None),
                                (13, "2026-01-01", "2026-03-01")):  # fmt: skip
            insert(season, "program_enrollments", {"participant_id": pid, "program": "independence",
                                                   "enrolled_on": start, "ended_on": end})  # fmt: skip
        insert(season, "activities", {"group_id": 1, "held_on": "2026-03-10", "kind": "recreational",
                                      "title": "Bowling", "mainstream": 0, "paid_by": "free"})  # fmt: skip
        for pid in (1, 14):
            insert(season, "activity_people", {"activity_id": 1, "participant_id": pid})
    others = set(other_members(season, 1))
    assert {"Olga Berg", "Pia Shaw", "Quin Lowe"} <= others and "Nico Vance" not in others  # Pia: that one day
    assert "Ada Quill" in set(other_members(season, 12)) and "Ada Quill" in set(other_members(season, 14))

"""`db.imported`: a record's signed content with each id taken back to the one its coach's file gave it."""

from peertool.db.connection import Database
from peertool.db.imported import in_file

SOURCE = "ab" * 32


def mapped(db: Database) -> None:
    rows = [("contact_notes", 1, 7), ("participants", 1, 40), ("goals", 3, 41), ("meetings", 2, 9),
            ("peer_groups", 1, 5), ("participants", 2, 42)]  # fmt: skip
    db.executemany("INSERT INTO imported_ids VALUES (?, ?, ?, ?)", [(SOURCE, t, old, new) for t, old, new in rows])


def test_a_note_is_read_with_the_ids_its_file_gave(db: Database) -> None:
    mapped(db)
    note = {"id": 7, "participant_id": 40, "goal_id": 41, "text": "Took the bus", "minutes": 20}
    assert in_file(db, SOURCE, "contact_notes", note) == {**note, "id": 1, "participant_id": 1, "goal_id": 3}


def test_a_meeting_maps_its_roster_and_attendee_notes_and_leaves_other_numbers_alone(db: Database) -> None:
    mapped(db)
    meeting = {"id": 9, "group_id": 5, "duration": 90, "attendance": [{"id": 40, "status": "present", "minutes": 90},
               {"id": 42, "status": "absent", "minutes": None}],
               "attendee_notes": [{"participant_id": 42, "goal_id": None, "text": "x"}],
               "legacy": [{"participant": {"id": 40, "name": "Ada"}, "goal": {"id": 41, "text": "Bus"}}]}  # fmt: skip
    back = in_file(db, SOURCE, "meetings", meeting)
    assert (back["id"], back["group_id"], back["duration"]) == (2, 1, 90)
    assert [m["id"] for m in back["attendance"]] == [1, 2] and back["attendee_notes"][0]["participant_id"] == 2
    assert back["legacy"] == [{"participant": {"id": 1, "name": "Ada"}, "goal": {"id": 3, "text": "Bus"}}]


def test_an_id_the_file_never_had_stays_so_the_record_reads_as_changed(db: Database) -> None:
    mapped(db)
    assert in_file(db, SOURCE, "contact_notes", {"id": 7, "goal_id": 99}) == {"id": 1, "goal_id": 99}

"""A group's contacts counted by intervention and mode, with the face-to-face share (the report's `contacts`)."""

from peertool.db.connection import Database
from peertool.outcomes.contact_counts import contact_counts, face_to_face_warnings
from peertool.people.contacts import add_note
from peertool.people.groups import remove_member
from peertool.settings import Settings

from helpers import file_of


def test_only_members_contacts_while_members_count(season: Database, settings: Settings) -> None:
    add_note(season, 3, "Before leaving", interventions=["advocacy"], mode="video", date="2026-02-02",
             settings=settings)  # fmt: skip
    remove_member(season, "Riverside", 3, on="2026-02-10")
    add_note(season, 3, "After leaving", interventions=["advocacy"], date="2026-02-12", settings=settings)
    counted = contact_counts(season, settings, 1, "2026-02-01", "2026-02-28")
    assert (counted["total"], [c["code"] for c in counted["by_intervention"]]) == (1, ["advocacy"])
    assert counted["face_to_face"]["share"] == 0 and counted["face_to_face"]["below"] is True
    assert face_to_face_warnings(counted) == [
        "in-person share 0 is below contacts.face_to_face_share 0.5 (the definition: the majority of contacts "
        "should be face-to-face)."
    ]


def test_a_groups_contact_counts_search_its_members_notes_and_scan_no_notes(
    season: Database, settings: Settings
) -> None:
    """A group's counts read its members' notes through their memberships, so they stay flat as an agency's notes
    grow (the benchmark's query plans showed every note in the period scanned)."""
    statements: list[str] = []
    file_of(season).conn.set_trace_callback(statements.append)
    contact_counts(season, settings, 1, "2026-01-01", "2026-12-31")
    file_of(season).conn.set_trace_callback(None)
    queries = [s for s in statements if s.lstrip().startswith("SELECT")]
    assert len(queries) == 3  # notes, their codes, community education
    for query in queries:
        plan = [row[3] for row in season.execute("EXPLAIN QUERY PLAN " + query, {"group": 1, "start": "", "end": ""})]
        assert not [step for step in plan if step.startswith("SCAN")], (query, plan)

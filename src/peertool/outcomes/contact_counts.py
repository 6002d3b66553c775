"""A group's contacts over a period, counted the way the service definition asks: by intervention, by mode, and
the share met face to face ("the majority of contacts should be face-to-face"); community education apart.

A contact counts when its person was a member of the group on its date. A
note with two codes counts under each, so the intervention counts do not
add up to the total. Only in-person is face to face: the definition sets it
against the telephone, and video is shown apart. Units here are each
record's own (`settings.units`), as `note list` shows them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from peertool.outcomes.service_units import within
from peertool.vocab import CONTACT_MODES

if TYPE_CHECKING:
    from peertool.db.connection import Database
    from peertool.settings import Settings


class CodeCount(TypedDict):
    code: str
    contacts: int
    minutes: int
    units: int | float


class ModeCount(TypedDict):
    mode: str
    contacts: int
    minutes: int
    units: int | float


class FaceToFace(TypedDict):
    """The in-person share of the contacts, against `contacts.face_to_face_share`."""

    in_person: int
    contacts: int
    share: float | None
    expected: float
    below: bool


class CommunityCount(TypedDict):
    contacts: int
    minutes: int
    units: int | float
    billed: bool


class ContactCounts(TypedDict):
    """`report`'s `contacts`."""

    total: int
    uncoded: int
    by_intervention: list[CodeCount]
    by_mode: list[ModeCount]
    face_to_face: FaceToFace
    community: CommunityCount


# The group's members' contact notes in the period, each while its person was a member (as an attendance mark
# counts): read through the group's memberships, so an agency's other notes are never scanned.
GROUP_NOTES = f"""FROM memberships ms JOIN contact_notes n ON n.participant_id = ms.participant_id
    WHERE ms.group_id = :group AND {within("ms", "n.noted_on")} AND n.noted_on BETWEEN :start AND :end"""


def contact_counts(db: Database, settings: Settings, group_id: int, start: str, end: str) -> ContactCounts:
    """The group's members' contacts between start and end, and the group's community education."""
    params = {"group": group_id, "start": start, "end": end}
    notes = list(db.execute(f"SELECT n.id, n.mode, n.minutes {GROUP_NOTES} ORDER BY n.id", params))
    codes: dict[int, list[str]] = {}
    for note_id, code in db.execute(f"""SELECT c.note_id, c.code FROM contact_interventions c
            WHERE c.note_id IN (SELECT n.id {GROUP_NOTES}) ORDER BY c.id""", params):  # fmt: skip
        codes.setdefault(note_id, []).append(code)
    order = [
        *settings.interventions,
        *sorted({c for found in codes.values() for c in found} - {*settings.interventions}),
    ]
    by_code = {code: _count([n for n in notes if code in codes.get(n[0], [])], settings) for code in order}
    in_person = sum(mode == "in-person" for _, mode, _ in notes)
    share = round(in_person / len(notes), 3) if notes else None
    expected = settings.face_to_face_share
    community = list(db.execute("SELECT NULL, mode, minutes FROM community_contacts WHERE group_id = :group AND "
                                "noted_on BETWEEN :start AND :end", params))  # fmt: skip
    return {
        "total": len(notes),
        "uncoded": sum(note_id not in codes for note_id, _, _ in notes),
        "by_intervention": [{"code": code, **count} for code, count in by_code.items() if count["contacts"]],
        "by_mode": [{"mode": mode, **_count([n for n in notes if n[1] == mode], settings)} for mode in CONTACT_MODES],
        "face_to_face": {
            "in_person": in_person,
            "contacts": len(notes),
            "share": share,
            "expected": expected,
            "below": share is not None and share < expected,
        },  # fmt: skip
        "community": {**_count(community, settings), "billed": False},
    }


class _Count(TypedDict):
    contacts: int
    minutes: int
    units: int | float


def _count(notes: list[tuple[int | None, str, int | None]], settings: Settings) -> _Count:
    units = [settings.units(minutes) for _, _, minutes in notes]
    return {"contacts": len(notes), "minutes": sum(minutes or 0 for _, _, minutes in notes),
            "units": sum(u for u in units if u is not None)}  # fmt: skip


def face_to_face_warnings(counts: ContactCounts) -> list[str]:
    """A warning when the period's in-person share is below what the program expects."""
    found = counts["face_to_face"]
    if not found["below"]:
        return []
    return [f"in-person share {found['share']:g} is below contacts.face_to_face_share {found['expected']:g} (the "
            "definition: the majority of contacts should be face-to-face)."]  # fmt: skip

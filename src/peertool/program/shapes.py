"""What the meeting modules return, and so what `meeting ... --json` prints.

TypedDicts cost nothing at run time; `tests/test_json_shapes.py` takes each command's keys from them.
"""

from typing import TypedDict

from peertool.db.shapes import Addendum, Signature
from peertool.people.shapes import GoalRef, Named, StaffBrief


class Attendee(TypedDict):
    """Someone marked at a meeting."""

    id: int
    name: str
    status: str  # present, late, left-early, absent, excused
    minutes: int
    units: int | float | None


class GroupService(TypedDict):
    code: str
    modifier: str | None


class AttendeeNote(TypedDict):
    """One attendee's own note on a meeting."""

    participant: Named
    response: str | None
    goal: GoalRef | None
    homework: str | None
    text: str | None


class MeetingNote(AttendeeNote):
    """`meeting note`: the note, and its meeting's id."""

    meeting: int


class Meeting(TypedDict):
    """`meeting show` (also `meeting edit`, `meeting sign`, `meeting amend`)."""

    id: int
    group: str
    group_id: int
    date: str
    start: str | None
    end: str | None
    month: int
    theme: str
    lesson: str | None
    mode: str
    duration: int
    notes: str | None
    homework: str | None
    threads: list[str]
    service: GroupService
    present: list[Attendee]
    absent: list[Attendee]
    attendee_notes: list[AttendeeNote]
    staff: StaffBrief | None  # who recorded it (`--staff NAME`, else the current staff member); None: no one
    signed: bool
    signatures: list[Signature]
    intact: bool | None
    addenda: list[Addendum]


class MeetingRecorded(Meeting):
    """`meeting record`: the meeting, and what to look at."""

    warnings: list[str]


class MeetingRow(TypedDict):
    """An item of `meeting list`."""

    id: int
    date: str
    month: int
    theme: str
    lesson: str | None
    mode: str
    present: int
    recorded: int
    threads: list[str]

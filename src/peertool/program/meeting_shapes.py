"""The shapes of a meeting as the library returns it. TypedDicts: free at run time; `--json` prints them."""

from typing import TypedDict

from peertool.people.record_shapes import Goal, Person, Sealed


class Attendee(TypedDict):
    """One person marked at a meeting: status, minutes there, and the units those minutes make."""

    id: int
    name: str
    status: str
    minutes: int
    units: int | float | None


class AttendeeNote(TypedDict):
    """One attendee's own note on a meeting."""

    participant: Person
    response: str | None
    goal: Goal | None
    homework: str | None
    text: str | None


class WrittenNote(AttendeeNote):
    """What `write_note` returns: the note, and which meeting it is on."""

    meeting: int


class MeetingService(TypedDict):
    code: str
    modifier: str


class Meeting(Sealed):
    """One meeting in full (`get_meeting`, `edit_meeting`, `sign_meeting`, `amend_meeting`)."""

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
    service: MeetingService
    present: list[Attendee]
    absent: list[Attendee]
    attendee_notes: list[AttendeeNote]


class RecordedMeeting(Meeting):
    """What `record_meeting` returns: the meeting, and what the coach should know about it."""

    warnings: list[str]


class MeetingLine(TypedDict):
    """One meeting in a group's list (`list_meetings`)."""

    id: int
    date: str
    month: int
    theme: str
    lesson: str | None
    mode: str
    present: int
    recorded: int
    threads: list[str]

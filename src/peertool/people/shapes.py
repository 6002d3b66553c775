"""Shapes shared by several modules: what the library returns, and so what `--json` prints.

TypedDicts cost nothing at run time; `tests/test_json_shapes.py` takes each command's keys from them.
"""

from typing import Literal, TypedDict

from peertool.db.shapes import Addendum, Signature


class Named(TypedDict):
    """A person or group as a result names them."""

    id: int
    name: str


class StaffBrief(Named):
    """A staff member as a record names them: a group's coach, the staff member a participant is assigned to."""

    credential: str


class EventBrief(Named):
    """An event as the printed prep sheet lists it: whose (id and name), its kind and date, never where or why."""

    kind: str
    date: str
    open: bool | None  # a hospitalization: still open on the day; null for every other kind


class Deleted(TypedDict):
    """What erasing a record returns (`participant delete`, `meeting delete`, ...)."""

    id: int
    deleted: Literal[True]


class GoalRef(TypedDict):
    """The goal a note served."""

    id: int
    text: str


class GoalBrief(GoalRef):
    """A goal as `participant show` lists it."""

    domain: str | None
    treatment_goal: str | None
    status: str


class Discharge(TypedDict):
    date: str
    reason: str
    reason_code: str | None
    readmitted_on: str | None


class ParticipantRow(TypedDict):
    """An item of `participant list`."""

    id: int
    name: str
    gender: str | None
    interests: list[str]
    referral: str | None
    phone: str | None
    email: str | None
    enrolled_on: str
    external_id: str | None
    status: str
    stage: str
    group: str | None
    group_id: int | None
    discharged_on: str | None
    discharge_reason: str | None


class Summary(TypedDict):
    """The latest screening, as `participant show` carries it."""

    id: int
    date: str
    outcome: str
    admitted: bool
    criteria_met: list[str]
    exclusions_yes: list[str]
    definition_version: str


class ReviewCadence(TypedDict):
    """Their own review cadence (`participant edit --review-every`, `--next-review`): every N days (None: the
    program's `review_interval_days`), off every due list, and a next review date from their service plan."""

    every_days: int | None
    off: bool
    plan_date: str | None


class ProgramEnrollment(TypedDict):
    """An open enrollment in a drop-in program, as `participant show` lists it."""

    program: str
    enrolled_on: str


class Participant(ParticipantRow):
    """`participant show`."""

    review_cadence: ReviewCadence
    goals: list[GoalBrief]
    discharges: list[Discharge]
    screening: Summary | None  # the latest intake screening; None: not screened
    programs: list[ProgramEnrollment]  # open drop-in enrollments, [] when none
    staff: StaffBrief | None  # whose caseload they are on (`participant edit --staff`); None: no one's


class ParticipantChanged(Participant):
    """`enroll`, `participant edit`, `discharge` and `participant readmit`: the person, and what to look at."""

    warnings: list[str]


class NoteService(TypedDict):
    code: str


class ContactNote(TypedDict):
    """A contact note: an item of `note list`, and `note show`, `add`, `edit`, `sign`, `amend`."""

    id: int
    participant: Named
    date: str
    start: str | None
    end: str | None
    minutes: int | None
    units: int | float | None
    service: NoteService
    mode: str
    location: str | None
    goal: GoalRef | None
    text: str | None
    interventions: list[str]
    details: str | None
    response: str | None
    plan: str | None
    staff: StaffBrief | None  # who made it (`--staff NAME`, else the current staff member); None: no one
    signed: bool
    signatures: list[Signature]
    intact: bool | None
    addenda: list[Addendum]

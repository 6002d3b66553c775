"""What the outcomes modules return, and so what `outing`, `budget`, `report` and `prep` print with `--json`.

TypedDicts cost nothing at run time; `tests/test_json_shapes.py` takes each command's keys from them.
"""

from typing import NotRequired, TypedDict

from peertool.pairing.shapes import Team
from peertool.people.shapes import EventBrief, Named, StaffBrief
from peertool.program.threads import Thread


class Share(Named):
    """Someone who went on an outing, and their share of its cost."""

    share: str


class Outing(TypedDict):
    """An item of `outing list` (also `outing edit`)."""

    id: int
    group: str
    group_id: int
    date: str
    activity: str
    cost: str
    note: str | None
    people: list[Share]
    kind: str  # solo, partner, group or with-coach (`outcomes.outing_kinds`)
    with_coach: bool
    discount: str  # a group discount, taken off the cost before it is shared
    paid_by: str  # fund, participants or free: `budget` counts what the fund paid
    staff: StaffBrief | None  # who logged it (`--staff NAME`, else the current staff member); None: no one


class LoggedOuting(Outing):
    """`outing log`: the outing, and whether it looks like a double entry."""

    warnings: list[str]


class SupportRecord(TypedDict):
    """An item of `support list` (also `support add`): what the fund paid for one person outside an outing."""

    id: int
    participant_id: int
    name: str
    group: str | None  # the group whose budget it counts in; None if the person was in no group that day
    group_id: int | None
    date: str
    amount: str
    purpose: str
    note: str | None


class AddedSupport(SupportRecord):
    """`support add`: the record, and a warning when it counts in no group's budget."""

    warnings: list[str]


class BudgetRow(Named):
    spent: str
    remaining: str | None
    over: bool


class BudgetTotal(TypedDict):
    spent: str
    fund: str | None
    remaining: str | None
    activities: NotRequired[str]  # what the fund paid for the group's activities, when it paid any: in spent


class Budget(TypedDict):
    """`budget`: spent and remaining activity fund, per participant and for the group."""

    group: str
    group_id: int
    fund_per_participant: str | None
    participants: list[BudgetRow]
    total: BudgetTotal


class Suggestion(Named):
    """A partnered person with enough solo outings that the coach may move them to ready-solo."""

    solo_outings: int


class Suggestions(TypedDict):
    ready_solo: list[Suggestion]


class FollowUp(TypedDict):
    """The homework set at the group's last meeting that set one."""

    date: str
    homework: str


class Missed(Named):
    """An active member absent at each of their group's last `outreach_after_absences` (2) meetings, and their
    dates."""

    missed: list[str]


class ReviewDue(Named):
    due: str


class MeasureDue(Named):
    """A measure someone is due (`prep`): the instrument, its scheduled date, and when they last took it."""

    instrument: str
    due: str
    last: str | None


class LessonBrief(TypedDict):
    """A lesson suggested for the meeting, in brief: how well it fits the recent threads, and its plan."""

    title: str
    skill: str
    fit: float
    matches: list[str]
    outline: list[str]
    prompts: list[str]
    practice: str


class Prep(TypedDict):
    """`prep`: facts for the group's next meeting."""

    group: str
    group_id: int
    date: str
    time: str | None
    location: str | None
    coach: str | None
    month: int
    theme: str
    lessons: list[LessonBrief]
    threads: list[Thread]
    follow_up: FollowUp | None
    check_in: list[Missed]
    events: list[EventBrief]  # members' events in the 30 days before the meeting, and any stay still open
    pairs: list[Team]
    unpaired: list[Named]
    reviews_due: list[ReviewDue]
    suggestions: Suggestions
    sign_in: list[Named]
    notes_to_finish: int
    measures_due: list[MeasureDue]

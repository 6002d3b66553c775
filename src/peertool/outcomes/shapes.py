"""What the outcomes modules return, and so what `outing`, `budget`, `report` and `prep` print with `--json`.

TypedDicts cost nothing at run time; `tests/test_json_shapes.py` takes each command's keys from them.
"""

from typing import TypedDict

from peertool.people.shapes import Named


class Share(Named):
    """Someone who went on an outing, and their share of its cost."""

    share: str


class OutingBase(TypedDict):
    id: int
    group: str
    group_id: int
    date: str
    activity: str
    cost: str
    note: str | None
    people: list[Share]


class Outing(OutingBase):
    """An item of `outing list` (also `outing edit`)."""

    kind: str  # partner or solo


class LoggedOuting(Outing):
    """`outing log`: the outing, and whether it looks like a double entry."""

    warnings: list[str]


class BudgetRow(Named):
    spent: str
    remaining: str | None
    over: bool


class BudgetTotal(TypedDict):
    spent: str
    fund: str | None
    remaining: str | None


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

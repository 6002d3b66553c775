"""What `pairing.service` returns, and so what `pair`, `pairs` and `unpair` print with `--json`.

TypedDicts cost nothing at run time; `tests/test_json_shapes.py` takes each command's keys from them.
"""

from typing import TypedDict

from peertool.people.shapes import Named


class Team(TypedDict):
    """A pair, a trio or a person with the coach, with the reasons for it."""

    kind: str  # pair, trio or coach
    members: list[Named]
    reasons: list[str]


class Decision(TypedDict):
    """The solver's pairing of a group, before it is saved."""

    group: str
    group_id: int
    pairing_id: int | None
    date: str
    seed: int
    pairs: list[Team]
    excluded: list[Named]
    warnings: list[str]


class Pairing(Decision):
    """`pair`."""

    saved: bool


class Current(TypedDict):
    """A group's latest saved pairing, less broken teams and people who left."""

    date: str | None
    pairing_id: int | None
    pairs: list[Team]
    unpaired: list[Named]


class Pairs(TypedDict):
    """`pairs`."""

    group: str
    group_id: int
    date: str | None
    pairs: list[Team]
    unpaired: list[Named]
    warnings: list[str]


class SavedPairing(TypedDict):
    id: int
    date: str
    pairs: list[Team]


class History(TypedDict):
    """`pairs --history`."""

    group: str
    group_id: int
    pairings: list[SavedPairing]


class Unpairing(TypedDict):
    """`unpair`: the team break(s) recorded; `members` lists the person named first."""

    id: int
    ids: list[int]
    group: str
    group_id: int
    members: list[Named]
    reason: str

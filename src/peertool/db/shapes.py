"""The shapes of what `db` returns that record modules include in theirs: a signed record's seal.

TypedDicts cost nothing at run time; `tests/test_json_shapes.py` takes each command's keys from them.
"""

from typing import TypedDict


class Signature(TypedDict):
    """One signature as a record shows it."""

    role: str  # author or cosigner
    signer: str
    at: str
    sha256: str


class StoredSignature(Signature):
    """A signature row, with the scheme its hash was made by, and the file it was made in (None: here)."""

    scheme: int
    source: str | None  # the fingerprint of the coach's file it was imported from (`db import`)


class Addendum(TypedDict):
    id: int
    at: str
    text: str
    reason: str


class Seal(TypedDict):
    """What every signable record's JSON ends with."""

    signed: bool
    signatures: list[Signature]
    intact: bool | None
    addenda: list[Addendum]


class Entry(TypedDict):
    """An item of `audit`: ids and actions, never values."""

    id: int
    at: str
    user: str
    command: str
    table: str
    record_id: int | None
    action: str


class Broken(TypedDict):
    """The first broken link of the audit chain, and why."""

    id: int
    reason: str


class KeptHead(TypedDict):
    hash: str
    row: int | None  # None: the log no longer reaches the head kept


class TriggerCheck(TypedDict):
    missing_triggers: list[str]
    altered_triggers: list[str]
    added_triggers: list[str]


class ChangedRecord(TypedDict):
    table: str
    record_id: int


class ContentCheck(TypedDict):
    """The records whose content differs from what the log last recorded (None: no audit key to check with)."""

    changed: list[ChangedRecord] | None
    unchecked: int | None
    content: str


class Verification(TypedDict):
    """`audit verify`: the chain, then the triggers (`TriggerCheck`), then the content (`ContentCheck`)."""

    ok: bool
    rows: int
    sealed: int
    unsealed: int
    head: str
    broken: Broken | None
    kept_head: KeptHead | None
    missing_triggers: list[str]
    altered_triggers: list[str]
    added_triggers: list[str]
    changed: list[ChangedRecord] | None
    unchecked: int | None
    content: str


class Copy(TypedDict):
    """A checked copy of the database: `backup`."""

    path: str
    bytes: int
    integrity: str


class Converted(TypedDict):
    """`db encrypt` and `db decrypt`."""

    path: str
    encrypted: bool
    previous_saved_as: str | None
    copies_encrypted: list[str]


class GrantedStaff(TypedDict):
    """A staff member as `db grant` sees them: whether their login is a role on the server, and given access."""

    name: str
    role: str  # coach, supervisor or director
    login: str | None
    exists: bool  # a role with that name exists on the server
    granted: bool  # the statements give it access (an active member whose role exists)


class Access(TypedDict):
    """`db grant`: the statements that set up row-level security and each staff member's access."""

    statements: list[str]
    staff: list[GrantedStaff]
    cosign: dict[str, int]  # the team's co-sign policy now: the percent of each kind drawn ({}: each signer's own)
    applied: bool

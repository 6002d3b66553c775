"""The shapes of a signed record of care (a contact note) as the library returns it, and the signatures and
addenda every signed record carries (`db.signing.seal`). TypedDicts: free at run time; `--json` prints them."""

from typing import TypedDict


class Person(TypedDict):
    id: int
    name: str


class Goal(TypedDict):
    id: int
    text: str


class Signature(TypedDict):
    role: str
    signer: str
    at: str
    sha256: str


class Addendum(TypedDict):
    id: int
    at: str
    text: str
    reason: str


class Sealed(TypedDict):
    """Whether a record was signed, its signatures, whether it still says what was signed, and its addenda."""

    signed: bool
    signatures: list[Signature]
    intact: bool | None
    addenda: list[Addendum]


class ContactService(TypedDict):
    code: str


class ContactNote(Sealed):
    """One contact note in full (`get_note`, `add_note`, `edit_note`, `sign_note`, `amend_note`)."""

    id: int
    participant: Person
    date: str
    start: str | None
    end: str | None
    minutes: int | None
    units: int | float | None
    service: ContactService
    mode: str
    location: str | None
    goal: Goal | None
    text: str | None
    intervention: str | None
    response: str | None
    plan: str | None


class Erased(TypedDict):
    """What a delete returns: the id of the record erased."""

    id: int
    deleted: bool

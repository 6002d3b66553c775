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
    """A signature row, with the scheme its hash was made by."""

    scheme: int


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

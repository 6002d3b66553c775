"""Signing a record of care: who signed and when are bound to the content, a second signature is another
person's, and a signed record stays signed even when its signature row is taken away."""

from typing import Any

import pytest

from peertool.db import signing
from peertool.db.connection import Database
from peertool.db.store import insert, write
from peertool.errors import Conflict, InvalidInput


def test_same_person_compares_the_name_part_only() -> None:
    from peertool.db.signing import same_person

    assert same_person("Zoë O’Brien, CPS", "zoe o'brien, LCSW, MA")
    assert same_person("Rae Lin (supervisor), LCSW", "Rae Lin, CPS")
    assert not same_person("Rae Lin, CPS", "Rae Linden, CPS")


CONTENT: dict[str, Any] = {"id": 1, "text": "Walked to the bus stop together", "minutes": 30}


def _note(db: Database) -> int:
    with write(db):
        return insert(db, "contact_notes", {"participant_id": 1, "noted_on": "2026-02-03", "mode": "phone",
                                            "text": CONTENT["text"]})  # fmt: skip


def _sign(db: Database, note_id: int, who: str, content: dict[str, Any] = CONTENT, *, cosign: bool = False) -> None:
    with write(db):
        signing.sign(db, "note", note_id, content, who, cosign=cosign)


def test_a_signer_is_a_name_and_a_credential() -> None:
    assert signing.signer("  Dana Reyes ,  CPS ") == "Dana Reyes, CPS"
    assert signing.signer("Reyes, Dana, CPS") == "Reyes, Dana, CPS"  # the credential follows the last comma
    for bad in ("Dana Reyes", "Dana Reyes,", ", CPS"):
        with pytest.raises(InvalidInput, match="needs a name and a credential"):
            signing.signer(bad)


def test_two_signatures_name_one_person_whatever_their_credentials_or_case() -> None:
    assert signing.same_person("Dana Reyes, CPS", "DANA  REYES (supervisor), LCSW")
    assert not signing.same_person("Dana Reyes, CPS", "Dana Ruiz, CPS")


def test_a_signature_binds_the_content_signer_and_time(season: Database) -> None:
    note = _note(season)
    assert signing.seal(season, "note", note, CONTENT)["signed"] is False
    assert signing.seal(season, "note", note, CONTENT)["intact"] is None
    _sign(season, note, "Dana Reyes, CPS")
    sealed = signing.seal(season, "note", note, CONTENT)
    (signature,) = sealed["signatures"]
    assert (sealed["signed"], sealed["intact"], signature["role"], signature["signer"]) == (
        True, True, "author", "Dana Reyes, CPS")  # fmt: skip
    expected = signing.signature_hash("note", "author", "Dana Reyes, CPS", signature["at"], CONTENT)
    assert signature["sha256"] == expected != signing.content_hash(CONTENT)
    assert signing.seal(season, "note", note, {**CONTENT, "minutes": 45})["intact"] is False


def test_a_cosignature_comes_second_from_another_person_on_unchanged_content(season: Database) -> None:
    note = _note(season)
    with pytest.raises(InvalidInput, match="not signed yet"):
        _sign(season, note, "Lee Okafor, LCSW", cosign=True)
    _sign(season, note, "Dana Reyes, CPS")
    with pytest.raises(Conflict, match="already signed"):
        _sign(season, note, "Lee Okafor, LCSW")
    with pytest.raises(InvalidInput, match="second person"):
        _sign(season, note, "dana reyes, CPS-S", cosign=True)
    with pytest.raises(InvalidInput, match="has changed since it was signed"):
        _sign(season, note, "Lee Okafor, LCSW", {**CONTENT, "text": "changed"}, cosign=True)
    _sign(season, note, "Lee Okafor, LCSW", cosign=True)
    roles = [s["role"] for s in signing.seal(season, "note", note, CONTENT)["signatures"]]
    assert roles == ["author", "cosigner"]


def test_a_signed_record_is_locked_and_stays_signed_without_its_signature_row(season: Database) -> None:
    note = _note(season)
    signing.refuse_if_signed(season, "note", note)  # unsigned: free to change
    _sign(season, note, "Dana Reyes, CPS")
    with pytest.raises(InvalidInput, match="is signed") as caught:
        signing.refuse_if_signed(season, "note", note)
    assert f"peertool note amend {note}" in (caught.value.hint or "")
    with write(season):
        signing.amend(season, "note", note, "Also called her sister.", "left out")
        season.execute("DELETE FROM signatures WHERE record_id = ?", [note])
    sealed = signing.seal(season, "note", note, CONTENT)
    assert signing.is_signed(season, "note", note)
    assert (sealed["signed"], sealed["intact"], sealed["signatures"]) == (True, False, [])
    assert [(a["text"], a["reason"]) for a in sealed["addenda"]] == [("Also called her sister.", "left out")]

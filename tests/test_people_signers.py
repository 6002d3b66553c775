"""Who signs (the typed name, or the current staff member), who may co-sign, and when signing draws (the draw
itself: test_db_cosign)."""

import pytest

from peertool.db.connection import Database
from peertool.errors import InvalidInput
from peertool.people.contacts import add_note, sign_note
from peertool.people.signers import signer_of
from peertool.people.staff_records import add_staff
from peertool.settings import Settings


def _with(settings: Settings, **values: object) -> Settings:
    return Settings({**settings.values, **values}, settings.sources, None)


def test_typed_names_sign_without_staff(season: Database) -> None:
    assert signer_of(season, "note", 1, "Rae Lin, CPS", cosign=False) == ("Rae Lin, CPS", None)
    with pytest.raises(InvalidInput, match="--as"):
        signer_of(season, "note", 1, None, cosign=False)


def test_with_staff_the_current_member_signs(season: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    add_staff(season, "Rae Lin", role="coach", credential="CPS", login="rlin", on="2026-01-01")
    monkeypatch.setenv("PEERTOOL_LOGIN", "rlin")
    assert signer_of(season, "note", 1, None, cosign=False) == ("Rae Lin, CPS", 1)
    with pytest.raises(InvalidInput, match="leave --as out"):
        signer_of(season, "note", 1, "Rae Lin, CPS", cosign=False)


def test_signing_draws_only_under_a_policy_for_the_kind(season: Database, settings: Settings) -> None:
    policy = _with(settings, **{"supervision.cosign": {"note": 100}})
    for given in (settings, policy):
        note = add_note(season, 1, "Called", settings=given, minutes=15)
        sign_note(season, note["id"], "Rae Lin, CPS", settings=given)
    assert season.execute("SELECT record_id, required FROM cosign_draws").fetchall() == [(2, 1)]

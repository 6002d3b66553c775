"""Who signs (the typed name, or the current staff member), who may co-sign, and the co-sign draw: reproducible
from the record and the database's key, and kept once drawn."""

import hashlib
import hmac

import pytest

from peertool.db.connection import Database
from peertool.db.cosign import draw_required
from peertool.db.store import write
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


def test_the_draw_is_hmac_of_kind_and_id_under_the_database_key(season: Database) -> None:
    (key,) = season.execute("SELECT value FROM settings WHERE key = 'pseudonym_key'").fetchone()

    def by_hand(record_id: int) -> bool:
        digest = hmac.new(key.encode(), f"cosign:note:{record_id}".encode(), hashlib.sha256).digest()
        return int.from_bytes(digest[:8], "big") % 100 < 30

    assert [draw_required(season, "note", n, 30) for n in range(1, 41)] == [by_hand(n) for n in range(1, 41)]
    assert 0 < sum(by_hand(n) for n in range(1, 41)) < 40


def test_a_draw_is_kept_and_never_made_again(season: Database) -> None:
    with write(season):
        assert season.draw("note", 5, 100, "2026-03-10") is True
        assert season.draw("note", 5, 0, "2026-03-10") is True  # the policy changed: the record keeps its draw
        assert season.draw("meeting", 5, 0, "2026-03-10") is False
        assert season.draw("meeting", 6, None, "2026-03-10") is False  # no policy: nothing drawn
    rows = season.execute("SELECT record, record_id, required, percent FROM cosign_draws ORDER BY id").fetchall()
    assert rows == [("note", 5, 1, 100), ("meeting", 5, 0, 0)]


def test_signing_draws_only_under_a_policy_for_the_kind(season: Database, settings: Settings) -> None:
    policy = _with(settings, **{"supervision.cosign": {"note": 100}})
    for given in (settings, policy):
        note = add_note(season, 1, "Called", settings=given, minutes=15)
        sign_note(season, note["id"], "Rae Lin, CPS", settings=given)
    assert season.execute("SELECT record_id, required FROM cosign_draws").fetchall() == [(2, 1)]

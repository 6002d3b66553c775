"""The co-sign draw on a file: reproducible from the record and the database's key, and kept once drawn."""

import hashlib
import hmac

from peertool.db.connection import Database
from peertool.db.cosign import draw_required
from peertool.db.store import write


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

"""The co-sign draw on a team database, made by the server (`peertool_draw`): the same records a file draws, under
the team's policy or a signer's that asks for more. (Who may draw: test_db_postgres_access_holes.)"""

import json

import pytest
from test_db_postgres import db, team

from peertool.db.cosign import draw_required
from peertool.db.postgres import PostgresDatabase
from peertool.db.postgres_draw import POLICY, policy_statement
from peertool.db.store import write

pytestmark = [pytest.mark.postgresql_only]
__all__ = ["db", "team"]  # the fixtures: an empty team database, opened by its owner


def test_the_server_draws_the_records_the_hmac_draws(db: PostgresDatabase) -> None:
    with write(db):
        drawn = [db.draw("note", n, 30, "2026-03-10") for n in range(1, 61)]
    assert drawn == [draw_required(db, "note", n, 30) for n in range(1, 61)]
    assert 0 < sum(drawn) < 60


def test_the_teams_policy_is_a_floor_a_signer_may_raise(db: PostgresDatabase) -> None:
    with write(db):
        db.execute(policy_statement({"note": 100, "meeting": 0}))
        assert db.draw("note", 1, 0, "2026-03-10") is True  # the signer asks for none: the team's 100 holds
        assert db.draw("meeting", 1, 100, "2026-03-10") is True  # the signer asks for more
        assert db.draw("review", 1, None, "2026-03-10") is False  # no policy for the kind anywhere: no draw
    rows = db.execute("SELECT record, required, percent FROM cosign_draws ORDER BY id").fetchall()
    assert rows == [("note", 1, 100), ("meeting", 1, 100)]


def test_the_policy_is_kept_as_json_and_none_removes_it(db: PostgresDatabase) -> None:
    with write(db):
        db.execute(policy_statement({"note": 25, "review": 100}))
        db.execute(policy_statement({"note": 50}))
    [(value,)] = db.execute(f"SELECT value FROM settings WHERE key = '{POLICY}'").fetchall()
    assert json.loads(value) == {"note": 50}
    with write(db):
        db.execute(policy_statement({}))
    assert db.execute(f"SELECT count(*) FROM settings WHERE key = '{POLICY}'").fetchone() == (0,)

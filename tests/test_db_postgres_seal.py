"""`db.postgres_seal`: the server's seal chains rows exactly as `audit.row_hash` does, its HMAC is HMAC-SHA256,
and it names the role the server authenticated, whatever the client says."""

import hashlib
import hmac
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from peertool.db.audit import GENESIS, row_hash
from peertool.db.triggers import OTHER_TOOL

from pg_server import apply_baseline

Conn = psycopg.Connection[tuple[Any, ...]]


@pytest.fixture
def pg(pg_database: str) -> Iterator[Conn]:
    apply_baseline(pg_database)
    with psycopg.connect(pg_database, autocommit=True) as conn:
        yield conn


def test_the_hmac_is_hmac_sha256_for_short_and_long_keys(pg: Conn) -> None:
    for key in (b"k" * 32, b"k" * 100):
        [(found,)] = pg.execute("SELECT peertool_hmac(%s, %s)", (key, b"peertool")).fetchall()
        assert bytes(found) == hmac.new(key, b"peertool", hashlib.sha256).digest()


def test_the_seal_chains_rows_as_audit_row_hash_and_names_the_session_user(pg: Conn) -> None:
    with pg.transaction():
        pg.execute("INSERT INTO participants (name, name_key, enrolled_on) VALUES ('Ada Quill', 'ada quill', "
                   "'2026-01-05')")  # fmt: skip
        pg.execute("UPDATE audit SET os_user = 'someone else'")  # a client's claim, unsealed: the seal overrides it
        [(sealed,)] = pg.execute("SELECT peertool_seal('peertool enroll')").fetchall()
    assert sealed == 1
    [row] = pg.execute("SELECT id, at, os_user, command, table_name, record_id, action, digest, hash FROM audit")
    [(me,)] = pg.execute("SELECT session_user").fetchall()
    assert (row[2], row[3]) == (me, "peertool enroll") and row[7] is not None
    assert row[8] == row_hash(GENESIS, row[:8])


def test_a_row_of_another_transaction_is_another_tools_by_the_role_that_wrote_it(pg: Conn) -> None:
    pg.execute("INSERT INTO participants (name, name_key, enrolled_on) VALUES ('Bo Lark', 'bo lark', '2026-01-05')")
    with pg.transaction():
        pg.execute("SELECT peertool_seal('peertool enroll')")
    (who,) = pg.execute("SELECT session_user").fetchone() or ("",)
    assert pg.execute("SELECT os_user, command FROM audit").fetchall() == [(who, OTHER_TOOL)]


def test_a_changed_record_is_found_by_the_content_check(pg: Conn) -> None:
    with pg.transaction():
        pg.execute("INSERT INTO participants (name, name_key, enrolled_on) VALUES ('Cy Fenn', 'cy fenn', "
                   "'2026-01-05')")  # fmt: skip
        pg.execute("SELECT peertool_seal('peertool enroll')")
    assert pg.execute("SELECT * FROM peertool_content_check()").fetchall() == []
    pg.execute("ALTER TABLE participants DISABLE TRIGGER USER")
    pg.execute("UPDATE participants SET phone = '555'")
    assert pg.execute("SELECT * FROM peertool_content_check()").fetchall() == [("participants", 1, "changed")]

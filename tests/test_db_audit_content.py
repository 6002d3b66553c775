"""The audit log's keyed digests of content, through the library: a key of our own, digests that reveal nothing."""

import stat
from pathlib import Path

from peertool.db.audit_content import Digester, check, key_path, load_key
from peertool.db.connection import Database


def test_the_key_is_made_private_once_and_read_back(env: Path) -> None:
    assert load_key(create=False) is None
    key = load_key(create=True)
    assert key is not None and len(key) == 32
    assert stat.S_IMODE(key_path().stat().st_mode) == 0o600 and env in key_path().parents
    assert load_key(create=True) == load_key(create=False) == key


def test_a_digest_names_its_key_and_ignores_row_order_and_null_columns() -> None:
    digester = Digester(b"k" * 32)
    rows = [{"id": 1, "text": "Called about the bus"}, {"id": 2, "text": "Met at the library"}]
    digest = digester.of("contact_notes", 1, rows)
    assert digest.startswith(digester.key_id + ":") and "bus" not in digest
    assert digester.of("contact_notes", 1, rows[::-1]) == digest
    assert digester.of("contact_notes", 1, [{**rows[0], "added_later": None}, rows[1]]) == digest
    assert digester.of("contact_notes", 2, rows) != digest
    assert Digester(b"j" * 32).of("contact_notes", 1, rows).split(":")[0] != digester.key_id


def test_without_a_key_the_content_is_not_checked(db: Database) -> None:
    result = check(db)
    assert (result["changed"], result["unchecked"]) == (None, None) and result["content"].startswith("not checked")

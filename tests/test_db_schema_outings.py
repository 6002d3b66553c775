"""Migration 0024: outings with the coach, a group discount and a payer; fund support that is not an outing."""

import sqlite3

import pytest

from peertool.db.migrations import MIGRATIONS
from peertool.db.triggers import AUDITED

from helpers import migrated

NAME = "0024_outings_of_any_size_and_support"
ELM = ("Elm", "2026-01-06", 1)  # the group the outings are of


def test_0024_is_listed_and_adds_an_audited_support_table() -> None:
    assert NAME in [step.name for step in MIGRATIONS]
    before, after = migrated(NAME, group=ELM), migrated(group=ELM)
    assert "support" not in before.table_names() and "paid_by" not in before["outings"].columns_dict
    assert AUDITED["support"] == "id"
    after.execute("INSERT INTO support (participant_id, given_on, amount_cents, purpose) "
                  "VALUES (1, '2026-03-02', 4250, 'bus pass')")  # fmt: skip
    logged = after.execute("SELECT table_name, action FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    assert logged == ("support", "insert")
    assert "AUTOINCREMENT" in after.execute("SELECT sql FROM sqlite_master WHERE name = 'support'").fetchone()[0]


def test_the_new_outing_columns_are_nullable_with_no_default_so_audited_digests_stay_as_they_were() -> None:
    columns = {row[1]: (row[3], row[4]) for row in migrated(group=ELM).execute("PRAGMA table_info(outings)")}
    assert [columns[name] for name in ("with_coach", "discount_cents", "paid_by")] == [(0, None)] * 3


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO outings (group_id, held_on, activity, paid_by) VALUES (1, '2026-03-02', 'x', 'club')",
        "INSERT INTO outings (group_id, held_on, activity, with_coach) VALUES (1, '2026-03-02', 'x', 2)",
        "INSERT INTO outings (group_id, held_on, activity, discount_cents) VALUES (1, '2026-03-02', 'x', -1)",
        "INSERT INTO support (participant_id, given_on, amount_cents, purpose) VALUES (1, '2026-03-02', 0, 'x')",
        "INSERT INTO support (participant_id, given_on, amount_cents) VALUES (1, '2026-03-02', 5)",
    ],
)
def test_the_schema_refuses_nonsense(statement: str) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        migrated(group=ELM).execute(statement)

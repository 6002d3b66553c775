"""Migration 0024 (issue 27, part 4): outings as the model has them, and fund support that is not an outing.

An outing may have the coach along, a group discount, and a payer other than
the activity fund. Support is money from the fund for one person outside an
outing: a bus pass, a class fee.
"""

from typing import TYPE_CHECKING

from peertool.db.schema import migration, run_ddl
from peertool.db.triggers import _ADDED_0024, logging_trigger

if TYPE_CHECKING:
    from sqlite_utils import Database


@migration
def m0024_outings_of_any_size_and_support(db: "Database") -> None:
    """`outings.with_coach`, `discount_cents`, `paid_by`, and the support table (audited from its first row).

    The new columns are nullable with no default, so every outing logged
    before keeps its audit digest: NULL reads as no coach, no discount, paid
    by the fund.
    """
    run_ddl(
        db,
        """
        ALTER TABLE outings ADD COLUMN with_coach INTEGER CHECK (with_coach IS NULL OR with_coach IN (0, 1));
        ALTER TABLE outings ADD COLUMN discount_cents INTEGER CHECK (discount_cents IS NULL OR discount_cents >= 0);
        ALTER TABLE outings ADD COLUMN paid_by TEXT CHECK (paid_by IN ('fund', 'participants', 'free'));

        CREATE TABLE support (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            participant_id INTEGER NOT NULL REFERENCES participants (id),
            group_id INTEGER REFERENCES peer_groups (id),
            given_on TEXT NOT NULL,
            amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
            purpose TEXT NOT NULL,
            note TEXT
        );
        CREATE INDEX support_participant ON support (participant_id, given_on);
        CREATE INDEX support_group ON support (group_id, given_on)
        """,
    )
    for table, key in _ADDED_0024.items():
        for action in ("insert", "update", "delete"):
            db.execute(logging_trigger(table, key, action))

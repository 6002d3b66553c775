"""Migration 0019: reviews by the service definition's criteria, review cadence per person, more discharge codes
(issue 26, items 2 and 3).

Every new column is nullable with no default: the audit log digests a record's
non-NULL columns, so a default would make `audit verify` report every row as
changed. Two constraints change, which SQLite can only do by rebuilding the
table (`db/rebuild.py`): a review's `next_due` may be NULL (no further review
is booked: the person no longer wishes to continue, or their reviews are off),
and a discharge's reason code gains the codes of `vocab.ReasonCode`.
"""

from typing import TYPE_CHECKING

from peertool.db.rebuild import rebuild
from peertool.db.schema import migration, run_ddl

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlite_utils import Database

_OLD_CODES = "discharge_reason_code IN ('no-longer-wishes', 'goals-met', 'other')"
_NEW_CODES = (
    "discharge_reason_code IN ('no-longer-wishes', 'goals-met', 'higher-level-of-care', 'exclusion-arose', "
    "'moved', 'lost-contact', 'deceased', 'other')"
)


@migration
def m0019_reviews_by_criteria(db: "Database") -> None:
    """Continued-stay C and the coach's "goals met" on reviews; each person's review cadence; wider discharge
    codes; `reviews.next_due` nullable."""
    run_ddl(
        db,
        """
        ALTER TABLE reviews ADD COLUMN more_to_try INTEGER CHECK (more_to_try IS NULL OR more_to_try IN (0, 1));
        ALTER TABLE reviews ADD COLUMN goals_met INTEGER CHECK (goals_met IS NULL OR goals_met IN (0, 1));
        ALTER TABLE participants ADD COLUMN review_every_days INTEGER
            CHECK (review_every_days IS NULL OR review_every_days BETWEEN 1 AND 3660);
        ALTER TABLE participants ADD COLUMN reviews_off INTEGER CHECK (reviews_off IS NULL OR reviews_off = 1);
        ALTER TABLE participants ADD COLUMN next_review_on TEXT;
        """,
    )
    rebuild(db, "reviews", _replacing("reviews", "next_due TEXT NOT NULL", "next_due TEXT"), migration="0019")
    rebuild(db, "participants", _replacing("participants", _OLD_CODES, _NEW_CODES), migration="0019")


def _replacing(table: str, old: str, new: str) -> "Callable[[str], str]":
    """The edit that replaces `old` once in a table's stored definition; a definition without it is not one
    this migration knows, so it stops rather than guess."""

    def edit(sql: str) -> str:
        if sql.count(old) != 1:
            raise RuntimeError(f"migration 0019: the stored definition of {table} does not hold {old!r} once")
        return sql.replace(old, new)

    return edit

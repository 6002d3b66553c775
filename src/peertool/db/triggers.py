"""The audit log's triggers: which tables are audited, and the DDL of the trigger that logs each change.

Kept apart from the migrations that create them, so the list of audited
tables can be read (by `audit verify`) without loading the migrations.
"""

# table -> the column that identifies the record an audit row points at (as migration 0007 found them)
_AUDITED_0007 = {
    "participants": "id",
    "peer_groups": "id",
    "memberships": "id",
    "goals": "id",
    "goal_updates": "id",
    "pairings": "id",
    "pairing_pairs": "id",
    "team_breaks": "id",
    "meetings": "id",
    "attendance": "meeting_id",
    "meeting_threads": "meeting_id",
    "contact_notes": "id",
    "outings": "id",
    "outing_people": "outing_id",
    "reviews": "id",
}


def audit_trigger(table: str, key: str, action: str) -> str:
    """A permanent trigger that logs one change to `table` by any connection: record id and action, never values.

    peertool's own transactions put who and what in `audit_context`; a
    change by any other tool finds no context and is marked as such. A
    transaction that records its own summary (a restore) sets `quiet`.
    """
    row = "OLD" if action == "delete" else "NEW"
    return f"""CREATE TRIGGER audit_{table}_{action} AFTER {action.upper()} ON {table}
        WHEN (SELECT quiet FROM audit_context WHERE id = 1) IS NOT 1
        BEGIN INSERT INTO audit (at, os_user, command, table_name, record_id, action)
        SELECT coalesce(c.at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), coalesce(c.os_user, 'unknown'),
               coalesce(c.command, 'other tool (not peertool)'), '{table}', {row}.{key}, '{action}'
        FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1; END"""


# Tables migration 0013 rebuilt (their triggers went with the old table) and the ones it added.
_REBUILT_0013 = {"attendance": "meeting_id", "contact_notes": "id"}
_ADDED_0013 = {"attendee_notes": "id", "signatures": "id", "addenda": "id"}
_ADDED_0014 = {"measures": "id", "connections": "id", "wellness_plans": "id"}

# Every audited table: those of 0007 and the ones added since.
AUDITED = {**_AUDITED_0007, "discharges": "id", **_ADDED_0013, **_ADDED_0014}

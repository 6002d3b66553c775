"""Records that came from a coach's own file (`db import`): the ids they had there.

A signature made in the file hashed the record as the file numbered it: its
own id, its participant's, its group's, its goals'. Imported, the record has
new ids, so its signature is checked against its content with each id taken
back to the one it had in the file (`in_file`). A signature made after the
import hashed the new ids, and is checked as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from peertool.db.connection import Database

# The table an id names, by the key that holds it in a record's signed content.
KEY_TABLES = {"participant_id": "participants", "goal_id": "goals", "group_id": "peer_groups"}
# Keys whose value holds ids of one table under "id": a meeting's attendance marks and attendee notes.
NESTED = {"attendance": "participants", "participant": "participants", "goal": "goals"}


def in_file(db: Database, source: str, table: str, content: Any) -> Any:
    """`content` (a record of `table`, as signed) with every id it holds taken back to its id in the file
    `source`; an id the file never had (a goal added after the import) stays, so the record reads as changed."""
    back: dict[str, dict[int, int]] = {}

    def old(of: str, new: Any) -> Any:
        if not isinstance(new, int) or isinstance(new, bool):
            return new
        if of not in back:
            rows = db.execute(
                "SELECT new_id, old_id FROM imported_ids WHERE source = ? AND table_name = ?", [source, of]
            )
            back[of] = {int(n): int(o) for n, o in rows}
        return back[of].get(new, new)

    def walk(value: Any, table_of_id: str | None) -> Any:
        if isinstance(value, list):
            return [walk(item, table_of_id) for item in value]
        if not isinstance(value, dict):
            return value
        out = {}
        for key, item in value.items():
            if key == "id" and table_of_id is not None:
                out[key] = old(table_of_id, item)
            elif key in KEY_TABLES:
                out[key] = old(KEY_TABLES[key], item)
            else:
                out[key] = walk(item, NESTED.get(key))
        return out

    return walk(content, table)

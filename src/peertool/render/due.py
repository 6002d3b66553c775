"""How `due` prints: one table, grouped by person (a group's own items after them) and by kind."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peertool.render.output import message, table

if TYPE_CHECKING:
    from peertool.outcomes.due import Due
    from peertool.outcomes.due_scope import DueItem


def _whose(item: DueItem) -> str:
    """The person (with their group), or the group alone for a group's own item."""
    person, group = item["participant"], item["group"]
    if person is not None:
        return f"{person['name']} ({person['id']})" + (f", {group['name']}" if group else "")
    if group is not None:
        return f"group {group['name']} ({group['id']})"
    return f"staff {item['staff']['name']} ({item['staff']['id']})" if item["staff"] else ""


def due(result: Due) -> None:
    """The items; or one line saying nothing is due. At a terminal a person or group is named once for their
    rows; piped, every row names them, so `cut` and `awk` keep whose each row is. A staff column (name and
    credential) when any item falls to a staff member: none without staff, as before staff existed."""
    from peertool.render.output import stdout_is_terminal
    from peertool.render.people import credited

    items = result["items"]
    if not items:
        message("Nothing due.")
        return
    late = sum(item["overdue"] for item in items)
    staffed = any(item["staff"] for item in items)
    grouped, rows, last = stdout_is_terminal(), [], None
    for item in items:
        whose = _whose(item)
        staff = [credited(item["staff"]) if item["staff"] else ""] if staffed else []
        rows.append(["" if grouped and whose == last else whose, item["kind"], item["due"],
                     "OVERDUE" if item["overdue"] else "due", *staff, item["settle"]])  # fmt: skip
        last = whose
    columns = ["who", "kind", "due", "status", *(["staff"] if staffed else []), "settle with"]
    table(f"Due ({len(items)}, {late} overdue)", columns, rows, drop_first=["staff"] if staffed else [])

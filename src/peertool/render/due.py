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
    """The items, the person or group named once for their rows; or one line saying nothing is due."""
    items = result["items"]
    if not items:
        message("Nothing due.")
        return
    late = sum(item["overdue"] for item in items)
    rows, last = [], None
    for item in items:
        whose = _whose(item)
        rows.append(["" if whose == last else whose, item["kind"], item["due"],
                     "OVERDUE" if item["overdue"] else "due", item["settle"]])  # fmt: skip
        last = whose
    table(f"Due ({len(items)}, {late} overdue)", ["who", "kind", "due", "", "settle with"], rows)

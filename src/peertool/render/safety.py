"""How the audit log prints, and the export as CSV files."""

from typing import Any

from peertool.render.output import csv_text, table


def audit(rows: list[dict[str, Any]]) -> None:
    table(
        "Audit log",
        ["id", "at", "user", "command", "table", "record", "action"],
        [list(entry.values()) for entry in rows],
    )


def verification(result: dict[str, Any]) -> None:
    """`audit verify` for a person: the counts and the head to keep elsewhere."""
    from peertool.render.output import fields

    fields(
        "Audit log: " + ("intact" if result["ok"] else "TAMPERED"),
        [
            ("rows", result["rows"]),
            ("sealed", result["sealed"]),
            ("not yet sealed (other tools)", result["unsealed"]),
            ("head (keep it elsewhere to compare later)", result["head"]),
        ],
    )


def csv_files(data: dict[str, Any]) -> dict[str, bytes]:
    """One CSV file per exported table: name -> contents."""
    files = {}
    for name, rows in data["tables"].items():
        columns = list(dict.fromkeys(key for row in rows for key in row))
        files[f"{name}.csv"] = csv_text(columns, ([row.get(c) for c in columns] for row in rows)).encode()
    return files

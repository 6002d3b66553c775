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
    """One CSV file per exported table, each with its header even when empty, and `manifest.json` listing them.

    The manifest gives each file's row count and sha256, so whoever receives
    the folder can check that it is whole.
    """
    import hashlib
    import json

    files = {}
    listed = []
    for name, rows in data["tables"].items():
        columns = data["columns"].get(name) or list(dict.fromkeys(key for row in rows for key in row))
        content = csv_text(columns, ([row.get(c) for c in columns] for row in rows)).encode()
        files[f"{name}.csv"] = content
        listed.append({"name": f"{name}.csv", "rows": len(rows), "sha256": hashlib.sha256(content).hexdigest()})
    manifest = {**data["manifest"], "files": listed}
    files["manifest.json"] = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()
    return files


def json_export(data: dict[str, Any]) -> dict[str, Any]:
    """The export as JSON prints it: the manifest first, then the tables."""
    return {"manifest": data["manifest"], "tables": data["tables"]}

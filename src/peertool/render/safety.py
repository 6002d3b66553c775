"""How the audit log prints, and the export as JSON or as a folder of CSV files, written as it is read."""

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peertool.render.output import csv_line, json_dumps, table

if TYPE_CHECKING:
    from peertool.db.shapes import Access, Entry, Verification
    from peertool.safety.export import Export
    from peertool.safety.moving_in import MovedIn
    from peertool.safety.site_key import SiteKey


def audit(rows: "list[Entry]") -> None:
    table(
        "Audit log",
        ["id", "at", "user", "command", "table", "record", "action"],
        [list(entry.values()) for entry in rows],
    )


def verification(result: "Verification") -> None:
    """`audit verify` for a person: the counts, and the head to keep elsewhere on a line of its own.

    A 64-character hash beside a label is wider than 80 columns and would be
    split across two lines; on its own line it is copied whole.
    """
    from peertool.render.output import fields, write_text

    fields(
        "Audit log: " + ("intact" if result["ok"] else "TAMPERED"),
        [
            ("rows", result["rows"]),
            ("sealed", result["sealed"]),
            ("not yet sealed (other tools)", result["unsealed"]),
            ("records' content", result["content"]),
        ],
    )
    write_text(f"head (keep it elsewhere to compare later):\n{result['head']}\n")


def access(result: "Access") -> None:
    """`db grant` without --apply: SQL to read, or to pipe into `psql` as the tables' owner; who is left out as
    comments, with the line that would create their role (the server administrator's job)."""
    from peertool.db.postgres_access import ident
    from peertool.render.output import visible, write_text

    lines = ["-- peertool db grant: row-level security, then each staff member's access. Run as the tables' owner."]
    policy = ", ".join(f"{kind} {percent}%" for kind, percent in sorted(result["cosign"].items()))
    lines.append(f"-- The team's co-sign policy (your supervision.cosign): {policy or 'none; each signer their own'}.")
    for member in result["staff"]:
        who = f"{visible(member['name'])} ({member['role']})"
        if member["login"] is None:
            lines.append(f"-- {who} has no login: `peertool staff edit NAME --login ROLE` first.")
        elif not member["exists"]:
            lines.append(f"-- {who}: no role {visible(member['login'])} on the server yet; its administrator runs")
            lines.append(f"--   CREATE ROLE {visible(ident(member['login']))} LOGIN PASSWORD '...';")
        elif not member["granted"]:
            lines.append(f"-- {who} has left: their role loses its access.")
    write_text("\n".join([*lines, *(f"{statement};" for statement in result["statements"])]) + "\n")


def imported(result: "MovedIn") -> None:
    """`db import` for a person: what was added, and what needs a person's eye (renamed groups, staff the team
    does not have, people who may be someone already here)."""
    from peertool.render.output import fields, visible, write_text

    fields("Imported", [("caseload of", result["staff"]), *((table, n) for table, n in result["added"].items()),
                        ("audit rows", result["audit_rows"])])  # fmt: skip
    notes = [f"Group renamed: {visible(line)}" for line in result["renamed_groups"]]
    notes += [f"Not on the team's staff, so records name no one: {visible(n)}" for n in result["unmatched_staff"]]
    notes += [f"May be the same person, for someone to merge: imported {d['imported'].get('id')} "
              f"{visible(d['imported']['name'])} and {d['existing']['id']} {visible(d['existing']['name'])} "
              f"({d['why']})" for d in result["duplicates"]]  # fmt: skip
    if result["checked_against"] != "every participant":
        notes.append("Duplicates were looked for in your caseload only: the database's owner sees everyone.")
    if notes:
        write_text("\n".join(notes) + "\n")


def json_export(export: "Export", write: Callable[[str], object]) -> None:
    """The export as one JSON document, the manifest first, written row by row through `write`."""
    write('{"manifest": ' + json_dumps(export.manifest) + ', "tables": {')
    for number, name in enumerate(export.columns):
        write(("" if number == 0 else ", ") + json_dumps(name) + ": [")
        for index, row in enumerate(export.rows(name)):
            write(("" if index == 0 else ", ") + json_dumps(row))
        write("]")
    write("}}\n")


def csv_export(
    export: "Export",
    folder: Path,
    *,
    sign: Callable[[bytes], bytes | None] | None = None,
    parquet: bool = False,
    force: bool = False,
    keep: Sequence[Path] = (),
) -> list[str]:
    """One CSV file per table (each with its header, even when empty), or Parquet file when `parquet`, and
    `manifest.json` listing each file with its row count, columns and sha256, written into `folder` row by row,
    and the manifest's signature (`manifest.sig`) when `sign` makes one; returns the tables' names.

    `force` replaces an earlier export there, never any other folder (`files.write_private_tree`)."""
    from peertool.files import write_private_tree
    from peertool.safety.site_key import SIGNATURE

    def fill(temp: Path) -> None:
        listed = [
            _csv_table(temp / f"{name}.csv", columns, export.rows(name)) for name, columns in export.columns.items()
        ]
        if parquet:
            listed = [_as_parquet(temp, entry) for entry in listed]
        manifest = (json_dumps({**export.manifest, "files": listed}, indent=2) + "\n").encode()
        _write_new(temp / "manifest.json", manifest)
        signature = sign(manifest) if sign else None
        if signature is not None:
            _write_new(temp / SIGNATURE, signature)

    write_private_tree(folder, fill, force=force, keep=keep, replaceable=is_csv_export)
    return list(export.columns)


def is_csv_export(folder: Path) -> bool:
    """Whether `folder` holds exactly what `csv_export` writes: its manifest and the files it lists, nothing else."""
    import json

    manifest = folder / "manifest.json"
    try:
        if not manifest.is_file() or manifest.is_symlink() or manifest.stat().st_size > 1 << 20:
            return False
        listed = {entry["name"] for entry in json.loads(manifest.read_text(encoding="utf-8"))["files"]}
        entries = {entry.name: entry.is_file(follow_symlinks=False) for entry in os.scandir(folder)}
    except (OSError, ValueError, TypeError, KeyError):
        return False
    return set(entries) <= listed | {"manifest.json", "manifest.sig"} and all(entries.values())


def _csv_table(path: Path, columns: list[str], rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Write one table's CSV (cells made safe for a spreadsheet); its name, row count and sha256."""

    count = 0
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", newline="", encoding="utf-8") as f:
        f.write(csv_line(columns))
        for row in rows:
            f.write(csv_line(row.get(c) for c in columns))
            count += 1
    return {"name": path.name, "rows": count, "columns": columns, "sha256": _sha256(path)}


def _as_parquet(folder: Path, entry: dict[str, Any]) -> dict[str, Any]:
    """The table's CSV turned into Parquet (through DuckDB, the `agency` extra), every column text as in the CSV,
    and the CSV removed; its entry in the manifest, with the Parquet file's checksum."""
    import duckdb

    source, target = folder / entry["name"], folder / (entry["name"].removesuffix(".csv") + ".parquet")
    from peertool.safety.rollup import csv_options, sql_text

    with duckdb.connect() as con:
        con.execute(f"COPY (SELECT * FROM read_csv({sql_text(str(source))}{csv_options(entry['columns'])})) "
                    f"TO {sql_text(str(target))} (FORMAT parquet)")  # fmt: skip
    os.chmod(target, 0o600)
    source.unlink()
    return {**entry, "name": target.name, "sha256": _sha256(target)}


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_new(path: Path, data: bytes) -> None:
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as f:
        f.write(data)


def site_key_shown(result: "SiteKey") -> None:
    """`site key` for a person: where the private key is, and the public key to send, last, so it can be copied."""
    from peertool.render.output import fields, visible, write_text

    state = "made now" if result["created"] else "made before"
    fields("Site key", [("site", visible(result["site_id"])), ("private key", f"{visible(result['path'])} ({state}; "
                        "keep it private)"), ("fingerprint", result["fingerprint"])])  # fmt: skip
    write_text(f"Send your program office this public key, to keep as {visible(result['site_id'])}.pub:\n"
               f"{result['public_key']}")  # fmt: skip

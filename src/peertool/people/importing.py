"""`enroll --from FILE`: a whole roster in one transaction.

A bad row refuses the whole file with its row number and field, so a coach
never has to work out which half of a file went in. Rows whose external_id
is already enrolled are skipped, so importing the same file again is safe.
"""

import csv
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from peertool.db.audit import record_bulk
from peertool.db.store import write
from peertool.errors import InvalidInput, PeertoolError, shown
from peertool.files import read_text
from peertool.people.participants import FIELDS, clean, insert

Row = dict[str, Any]


def read_rows(path: Path) -> list[Row]:
    """The rows of a CSV file (header = option names) or a YAML list of mappings."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".yaml", ".yml"):
        raise InvalidInput(f"--from: {shown(path.name)} is neither .csv nor .yaml/.yml.")
    text = read_text(path, "--from", encoding="utf-8-sig")
    rows = _csv_rows(text) if suffix == ".csv" else _yaml_rows(text)
    for number, row in enumerate(rows, start=1):
        unknown = [key for key in row if key not in FIELDS]
        if unknown:
            raise InvalidInput(
                f"row {number}: unknown field {shown(unknown[0])}.", hint=f"Fields are: {', '.join(FIELDS)}."
            )
    return rows


def _csv_rows(text: str) -> list[Row]:
    reader = csv.DictReader(text.splitlines())
    if not reader.fieldnames or "name" not in [f.strip() for f in reader.fieldnames]:
        raise InvalidInput("--from: the CSV header has no 'name' column.", hint=f"Columns are: {', '.join(FIELDS)}.")
    rows: list[Row] = []
    try:
        for number, row in enumerate(reader, start=1):
            if None in row:
                raise InvalidInput(f"row {number}: more values than header columns.")
            rows.append({k.strip(): v for k, v in row.items() if v is not None and v.strip() != ""})
    except csv.Error as exc:
        raise InvalidInput(f"--from: not a valid CSV file ({exc}).") from None
    return rows


def _yaml_rows(text: str) -> list[Row]:
    from peertool.yamlfile import YamlError, load

    try:
        data = load(text)
    except YamlError as exc:
        raise InvalidInput(f"--from: {exc.reason} (line {exc.line or '?'}).") from None
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
        raise InvalidInput("--from: a YAML roster must be a list of mappings, one per participant.")
    return [{str(k): v for k, v in row.items() if v is not None} for row in data]


def import_rows(
    db: Database,
    rows: list[Row],
    *,
    max_group_size: int,
    progress: Callable[[], None] | None = None,
) -> dict[str, int]:
    """Enroll every row, or none; return counts of enrolled and skipped rows.

    The audit rows are written per table in one statement each (`record_bulk`)
    rather than by a trigger per record: the same rows, much faster.
    """
    people = [_clean_row(number, row) for number, row in enumerate(rows, start=1)]
    _check_unique_external_ids(people)
    enrolled = skipped = 0
    with write(db, audited=False):
        first_ids = {table: _next_rowid(db, table) for table in BULK_AUDITED}
        known = _existing_external_ids(db)
        for number, person in enumerate(people, start=1):
            if person.get("external_id") in known:
                skipped += 1
            else:
                _insert_row(db, number, person, max_group_size)
                enrolled += 1
            if progress:
                progress()
        for table, first_id in first_ids.items():
            record_bulk(db, table, "id", "insert", first_id)
    return {"enrolled": enrolled, "skipped": skipped, "rows": len(rows)}


BULK_AUDITED = ("participants", "goals", "memberships")  # what enrolling a row inserts


def _next_rowid(db: Database, table: str) -> int:
    return int(db.execute(f"SELECT coalesce(max(rowid), 0) + 1 FROM {table}").fetchone()[0])


def _clean_row(number: int, row: Row) -> Row:
    try:
        return clean(row)
    except InvalidInput as exc:
        raise InvalidInput(f"row {number}, field {exc.message}", hint="Nothing was imported.") from None


def _check_unique_external_ids(people: list[Row]) -> None:
    seen: dict[str, int] = {}
    for number, person in enumerate(people, start=1):
        ext = person.get("external_id")
        if ext and ext in seen:
            raise InvalidInput(
                f"row {number}, field external_id: {shown(ext)} repeats row {seen[ext]}.", hint="Nothing was imported."
            )
        if ext:
            seen[ext] = number


def _existing_external_ids(db: Database) -> set[str]:
    return {row[0] for row in db.execute("SELECT external_id FROM participants WHERE external_id IS NOT NULL")}


def _insert_row(db: Database, number: int, person: Row, max_group_size: int) -> None:
    try:
        insert(db, person, max_group_size=max_group_size)
    except PeertoolError as exc:
        exc.message = f"row {number}, field group: {exc.message}"
        exc.hint = "Nothing was imported."
        raise


def import_file(
    open_db: Callable[[], Database],
    path: Path,
    *,
    max_group_size: int,
    progress: Callable[[str, int], AbstractContextManager[Callable[[], None]]] | None = None,
) -> dict[str, int]:
    """`enroll --from FILE`: read and check the file, then open the database and enroll every row, or none.

    The database is opened only once the file has been read, so a bad file
    never creates one. `progress(label, total)`, if given, yields the
    function to call after each row.
    """
    rows = read_rows(path)
    db = open_db()
    if progress is None:
        return import_rows(db, rows, max_group_size=max_group_size)
    with progress("Enrolling", len(rows)) as advance:
        return import_rows(db, rows, max_group_size=max_group_size, progress=advance)

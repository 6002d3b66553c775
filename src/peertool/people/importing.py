"""`enroll --from FILE`: a whole roster in one transaction.

A bad row refuses the whole file with its row number and field, so a coach
never has to work out which half of a file went in. Rows whose external_id
is already enrolled are skipped, so importing the same file again is safe.
"""

import csv
import io
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from peertool.config_checks import FILE_BYTES
from peertool.db.connection import Database
from peertool.db.refs import loose_key
from peertool.db.store import write
from peertool.errors import InvalidInput, PeertoolError, shown
from peertool.people.participants import FIELDS, clean, insert

Row = dict[str, Any]


class Roster:
    """The rows of a roster file, read one at a time, each with the number a person finds it by.

    For a CSV file that is the spreadsheet's row number (the header is row 1,
    blank rows still count); for YAML, the entry's place in the list. Rows
    are parsed as they are enrolled, so a 100,000-row file never sits in
    memory as 100,000 records.
    """

    def __init__(self, numbered: Callable[[], Iterator[tuple[int, Row]]], unit: str, count: int):
        self._numbered = numbered
        self.unit = unit
        self.count = count

    @classmethod
    def of(cls, rows: list[Row]) -> "Roster":
        """Rows already in memory (a script's own list), numbered from 1."""
        return cls(lambda: enumerate(rows, start=1), "entry", len(rows))

    def numbered(self) -> Iterator[tuple[int, Row]]:
        return self._numbered()

    def __iter__(self) -> Iterator[Row]:
        return (row for _, row in self._numbered())

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: int) -> Row:
        return list(self)[index]


ROW_HINT = "Rows are numbered as in a spreadsheet: the header is row 1."


def read_rows(path: Path) -> Roster:
    """The rows of a CSV file (header = option names) or a YAML list of mappings, as the file says them."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".yaml", ".yml"):
        raise InvalidInput(f"--from: {shown(path.name)} is neither .csv nor .yaml/.yml.")
    text = _read_utf8(path, max_bytes=None if suffix == ".csv" else FILE_BYTES)
    return _csv_rows(text) if suffix == ".csv" else _yaml_rows(text)


def _known_fields(unit: str, number: int, row: Row) -> Row:
    unknown = [key for key in row if key not in FIELDS]
    if unknown:
        raise InvalidInput(
            f"{unit} {number}: unknown field {shown(unknown[0])}.", hint=f"Fields are: {', '.join(FIELDS)}."
        )
    return row


def _read_utf8(path: Path, max_bytes: int | None) -> str:
    """The file as text; a file in another encoding is refused with the way to save it right.

    A device or pipe is refused. A YAML roster over `max_bytes` is refused: it is
    parsed whole, at many times its size in memory. A CSV roster has no limit:
    a regular file ends, and its rows are parsed one at a time.
    """
    from peertool.files import read_bytes

    data = read_bytes(path, "--from", max_bytes=max_bytes)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(
            f"--from: {shown(path.name)} is not UTF-8 text.",
            hint='In your spreadsheet, choose Save As, type "CSV UTF-8 (comma delimited)", and import that file.',
        ) from None


def _header_key(name: str) -> str:
    """A header cell as a field name: any case, surrounding spaces ignored, inner spaces as underscores."""
    return "_".join(name.strip().lower().split())


def _csv_rows(text: str) -> Roster:
    """Rows exactly as the file holds them: line breaks, CRs and U+2028 inside quoted fields are kept."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","

    def records() -> Iterator[list[str]]:
        try:
            yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        except csv.Error as exc:
            raise InvalidInput(f"--from: not a valid CSV file ({exc}).") from None

    header = [_header_key(cell) for cell in next(records(), [])]
    if "name" not in header:
        raise InvalidInput("--from: the CSV header has no 'name' column.", hint=f"Columns are: {', '.join(FIELDS)}.")
    _known_fields("row", 1, {key: "" for key in header if key})

    def numbered() -> Iterator[tuple[int, Row]]:
        rows = records()
        next(rows, None)  # the header
        for number, record in enumerate(rows, start=2):
            if not any(cell.strip() for cell in record):
                continue  # a blank row, as spreadsheets often leave at the end
            if len(record) > len(header):
                raise InvalidInput(f"row {number}: more values than header columns.", hint=ROW_HINT)
            yield number, {key: value for key, value in zip(header, record, strict=False) if value.strip() != ""}

    return Roster(numbered, "row", sum(1 for _ in numbered()))


def _yaml_rows(text: str) -> Roster:
    """Entries of a YAML list, every scalar as typed (`0017` and `no` stay text)."""
    from peertool.yamlfile import YamlError, load

    try:
        data = load(text, as_text=True)
    except YamlError as exc:
        raise InvalidInput(f"--from: {exc.reason} (line {exc.line or '?'}).") from None
    if data in (None, ""):
        data = []
    if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
        raise InvalidInput("--from: a YAML roster must be a list of mappings, one per participant.")
    rows = [{str(k): v for k, v in row.items() if v not in (None, "")} for row in data]
    for number, row in enumerate(rows, start=1):
        _known_fields("entry", number, row)
    return Roster.of(rows)


def import_rows(
    db: Database,
    rows: list[Row] | Roster,
    *,
    max_group_size: int,
    progress: Callable[[], None] | None = None,
    default_group: str | None = None,
) -> dict[str, Any]:
    """Enroll every row, or none; return counts of enrolled and skipped rows, and warnings.

    Rows that name no group go into `default_group` if given. A row whose
    name matches someone already enrolled and that has no external_id is
    enrolled all the same, with a warning giving its row number.
    """
    roster = rows if isinstance(rows, Roster) else Roster.of(rows)
    enrolled = skipped = 0
    seen: dict[str, int] = {}
    doubtful: list[int] = []
    with write(db):
        first_id = _next_rowid(db, "participants")
        known = _existing_external_ids(db)
        enrolled_names = {loose_key(name) for (name,) in db.execute("SELECT name FROM participants")}
        for number, row in roster.numbered():
            person = _clean_row(roster, number, {"group": default_group, **row} if default_group else row)
            _check_unique_external_id(roster, number, person, seen)
            if not person.get("external_id") and loose_key(person["name"]) in enrolled_names:
                doubtful.append(number)
            if person.get("external_id") in known:
                skipped += 1
            else:
                _insert_row(db, f"{roster.unit} {number}", person, max_group_size)
                enrolled += 1
            if progress:
                progress()
        new_ids = [row[0] for row in db.execute(
            "SELECT id FROM participants WHERE rowid >= ? ORDER BY id", [first_id])]  # fmt: skip
    warnings = []
    if doubtful:
        where = ", ".join(str(n) for n in doubtful)
        warnings.append(f"{roster.unit} {where}: the name matches someone already enrolled and the row has no "
                        "external_id; check for a duplicate.")  # fmt: skip
    total = enrolled + skipped
    return {"enrolled": enrolled, "skipped": skipped, "rows": total, "ids": new_ids, "warnings": warnings}


def _next_rowid(db: Database, table: str) -> int:
    return int(db.execute(f"SELECT coalesce(max(rowid), 0) + 1 FROM {table}").fetchone()[0])


def _clean_row(roster: Roster, number: int, row: Row) -> Row:
    try:
        return clean(row)
    except InvalidInput as exc:
        hint = "Nothing was imported." + (f" {ROW_HINT}" if roster.unit == "row" else "")
        raise InvalidInput(f"{roster.unit} {number}, field {exc.message}", hint=hint) from None


def _check_unique_external_id(roster: Roster, number: int, person: Row, seen: dict[str, int]) -> None:
    """An external_id may appear once in a file: a second time is refused, naming both rows."""
    ext = person.get("external_id")
    if ext and ext in seen:
        raise InvalidInput(
            f"{roster.unit} {number}, field external_id: {shown(ext)} repeats {roster.unit} {seen[ext]}.",
            hint="Nothing was imported.",
        )
    if ext:
        seen[ext] = number


def _existing_external_ids(db: Database) -> set[str]:
    return {row[0] for row in db.execute("SELECT external_id FROM participants WHERE external_id IS NOT NULL")}


def _insert_row(db: Database, where: str, person: Row, max_group_size: int) -> None:
    try:
        insert(db, person, max_group_size=max_group_size)
    except PeertoolError as exc:
        exc.message = f"{where}, field group: {exc.message}"
        exc.hint = "Nothing was imported."
        raise


def import_file(
    open_db: Callable[[], Database],
    path: Path,
    *,
    max_group_size: int,
    progress: Callable[[str, int], AbstractContextManager[Callable[[], None]]] | None = None,
    default_group: str | None = None,
) -> dict[str, Any]:
    """`enroll --from FILE`: read and check the file, then open the database and enroll every row, or none.

    The database is opened only once the file has been read, so a bad file
    never creates one. `progress(label, total)`, if given, yields the
    function to call after each row.
    """
    rows = read_rows(path)
    db = open_db()
    if progress is None:
        return import_rows(db, rows, max_group_size=max_group_size, default_group=default_group)
    with progress("Enrolling", len(rows)) as advance:
        return import_rows(db, rows, max_group_size=max_group_size, progress=advance, default_group=default_group)

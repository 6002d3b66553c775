"""`enroll --from FILE`: a whole roster in one transaction.

A bad row refuses the whole file with its row number and field, so a coach
never has to work out which half of a file went in. Rows whose external_id
is already enrolled are skipped, so importing the same file again is safe.
"""

import csv
import itertools
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, TextIO, TypedDict, TypeVar

from peertool.db.connection import Database
from peertool.db.refs import loose_key
from peertool.db.store import write
from peertool.errors import InvalidInput, PeertoolError, shown
from peertool.people.participants import FIELDS, clean, insert

Row = dict[str, Any]


class Imported(TypedDict):
    """`enroll --from`: how many rows were enrolled and skipped, the new ids, and what to look at."""

    enrolled: int
    skipped: int
    rows: int
    ids: Sequence[int]  # a range: the new ids are consecutive
    warnings: list[str]


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
    """The rows of a CSV file (header = option names) or a YAML list of mappings, as the file says them.

    The file is read as its rows are wanted, never whole: it is read through
    once here, to check it and count its rows, and once more as they are
    enrolled.
    """
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".yaml", ".yml"):
        raise InvalidInput(f"--from: {shown(path.name)} is neither .csv nor .yaml/.yml.")
    return _csv_rows(path) if suffix == ".csv" else _yaml_rows(path)


def _known_fields(unit: str, number: int, row: Row) -> Row:
    unknown = [key for key in row if key not in FIELDS]
    if unknown:
        raise InvalidInput(
            f"{unit} {number}: unknown field {shown(unknown[0])}.", hint=f"Fields are: {', '.join(FIELDS)}."
        )
    return row


@contextmanager
def _opened(path: Path) -> Iterator[TextIO]:
    """The file as UTF-8 text (a byte-order mark skipped, line ends untouched for csv), or a clean error.

    Only a regular file is read: a device or a pipe would never end. There is
    no size limit, as rows are read one at a time.
    """
    import io

    from peertool.files import open_regular

    with open_regular(path, "--from") as raw:
        yield io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")


T = TypeVar("T")


def _utf8(path: Path, read: Callable[[], T]) -> T:
    """What `read` gives; a file in another encoding is refused with the way to save it right."""
    try:
        return read()
    except UnicodeDecodeError:
        raise InvalidInput(
            f"--from: {shown(path.name)} is not UTF-8 text.",
            hint='In your spreadsheet, choose Save As, type "CSV UTF-8 (comma delimited)", and import that file.',
        ) from None


def _header_key(name: str) -> str:
    """A header cell as a field name: any case, surrounding spaces ignored, inner spaces as underscores."""
    return "_".join(name.strip().lower().split())


def _csv_rows(path: Path) -> Roster:
    """Rows exactly as the file holds them: line breaks, CRs and U+2028 inside quoted fields are kept."""
    with _opened(path) as file:
        first_line = _utf8(path, file.readline)
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","

    def records() -> Iterator[list[str]]:
        with _opened(path) as file:
            rows = csv.reader(file, delimiter=delimiter)
            try:
                while (record := _utf8(path, lambda: next(rows, None))) is not None:
                    yield record
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


def _yaml_rows(path: Path) -> Roster:
    """Entries of a YAML list, every scalar as typed (`0017` and `no` stay text), read one at a time."""
    from peertool.yamlfile import NotAList, YamlError, list_entries

    not_a_list = InvalidInput("--from: a YAML roster must be a list of mappings, one per participant.")

    def numbered() -> Iterator[tuple[int, Row]]:
        with _opened(path) as file:
            entries = list_entries(file)
            try:
                for number in itertools.count(1):
                    entry = _utf8(path, lambda: next(entries, None))
                    if entry is None:
                        return
                    if not isinstance(entry, dict):
                        raise not_a_list
                    yield number, _known_fields("entry", number, {k: v for k, v in entry.items() if v != ""})
            except NotAList:
                raise not_a_list from None
            except YamlError as exc:
                raise InvalidInput(f"--from: {exc.reason} (line {exc.line or '?'}).") from None

    return Roster(numbered, "entry", sum(1 for _ in numbered()))


def import_rows(
    db: Database,
    rows: list[Row] | Roster,
    *,
    max_group_size: int,
    progress: Callable[[], None] | None = None,
    default_group: str | None = None,
) -> Imported:
    """Enroll every row, or none; return counts of enrolled and skipped rows, and warnings.

    Rows that name no group go into `default_group` if given. A row whose
    name matches someone already enrolled and that has no external_id is
    enrolled all the same, with a warning giving its row number (the first
    `LISTED_ROWS` of them, and how many more). `ids` is a range, from the
    first id the import was given to the last: the new participants' ids
    follow one another, as the import holds the write lock.

    Memory stays flat however long the file: what must be remembered from
    row to row (the external_ids seen, the names enrolled before) is kept in
    temporary tables that SQLite pages out, not in Python sets. The audit
    triggers log every record, as for any other write.
    """
    roster = rows if isinstance(rows, Roster) else Roster.of(rows)
    enrolled = skipped = 0
    doubtful = Listed()
    ids = range(0)  # the new participants', from the first row enrolled to the last
    with write(db):
        _remember_enrolled_names(db)
        for number, row in roster.numbered():
            person = _clean_row(roster, number, {"group": default_group, **row} if default_group else row)
            if person.get("external_id"):
                _check_unique_external_id(db, roster, number, person["external_id"])
            elif _enrolled_before(db, person["name"]):
                doubtful.add(number)
            if person.get("external_id") and _known(db, person["external_id"]):
                skipped += 1
            else:
                pid = _insert_row(db, f"{roster.unit} {number}", person, max_group_size)
                ids = range(ids.start if ids else pid, pid + 1)
                enrolled += 1
            if progress:
                progress()
        db.execute("DROP TABLE import_names")
        db.execute("DROP TABLE import_external_ids")
    warnings = []
    if doubtful.count:
        warnings.append(f"{roster.unit} {doubtful}: the name matches someone already enrolled and the row has no "
                        "external_id; check for a duplicate.")  # fmt: skip
    total = enrolled + skipped
    return {"enrolled": enrolled, "skipped": skipped, "rows": total, "ids": ids, "warnings": warnings}


LISTED_ROWS = 100


class Listed:
    """Row numbers for a warning: the first `LISTED_ROWS` of them, and a count of all."""

    def __init__(self) -> None:
        self.first: list[int] = []
        self.count = 0

    def add(self, number: int) -> None:
        self.count += 1
        if len(self.first) < LISTED_ROWS:
            self.first.append(number)

    def __str__(self) -> str:
        more = self.count - len(self.first)
        return ", ".join(map(str, self.first)) + (f" and {more} more" if more else "")


def _remember_enrolled_names(db: Database) -> None:
    """Temporary tables for this import: the loose keys of everyone enrolled before it, and the external_ids
    met in the file so far (with their row numbers)."""
    db.execute("CREATE TEMP TABLE import_names (key TEXT NOT NULL PRIMARY KEY)")
    names = db.execute("SELECT name FROM participants")  # streamed: keyed in Python, no SQL function needed
    sql = "INSERT INTO import_names VALUES (?) ON CONFLICT DO NOTHING"
    db.executemany(sql, ((loose_key(name),) for (name,) in names))
    db.execute("CREATE TEMP TABLE import_external_ids (external_id TEXT NOT NULL PRIMARY KEY, number INTEGER)")


def _enrolled_before(db: Database, name: str) -> bool:
    return bool(db.execute("SELECT 1 FROM import_names WHERE key = ?", [loose_key(name)]).fetchone())


def _known(db: Database, external_id: str) -> bool:
    """Whether the external_id was enrolled before this import began (such a row is skipped): it cannot have
    been by this one, which refuses an external_id its file repeats."""
    sql = "SELECT 1 FROM participants WHERE external_id = ?"
    return bool(db.execute(sql, [external_id]).fetchone())


def _clean_row(roster: Roster, number: int, row: Row) -> Row:
    try:
        return clean(row)
    except InvalidInput as exc:
        hint = "Nothing was imported." + (f" {ROW_HINT}" if roster.unit == "row" else "")
        raise InvalidInput(f"{roster.unit} {number}, field {exc.message}", hint=hint) from None


def _check_unique_external_id(db: Database, roster: Roster, number: int, ext: str) -> None:
    """An external_id may appear once in a file: a second time is refused, naming both rows."""
    sql = "INSERT INTO import_external_ids (external_id, number) VALUES (?, ?) ON CONFLICT DO NOTHING"
    if not db.execute(sql, [ext, number]).rowcount:
        (first,) = db.execute("SELECT number FROM import_external_ids WHERE external_id = ?", [ext]).fetchone()
        raise InvalidInput(
            f"{roster.unit} {number}, field external_id: {shown(ext)} repeats {roster.unit} {first}.",
            hint="Nothing was imported.",
        )


def _insert_row(db: Database, where: str, person: Row, max_group_size: int) -> int:
    try:
        return insert(db, person, max_group_size=max_group_size)
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
) -> Imported:
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

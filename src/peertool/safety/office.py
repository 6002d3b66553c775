"""The program office's side of an export (issue 30, part 3): a roll-up that refuses what it cannot trust.

Each site sends a de-identified CSV export with its signed manifest (`site_key`). Before a single row is counted,
`trusted` checks each folder and `consistent` checks them together; anything wrong is one clear line
(`NotTrusted`), naming the folder or the site, never a traceback:

- the manifest is signed by the key the office registered for its site (`KEYS/SITE_ID.pub`), so a changed byte,
  a changed checksum or a file dropped from the list is caught, and an unsigned export is refused;
- the folder holds exactly the files the manifest lists, each a plain name, each there, and every table the
  roll-up reads; the files a query reads (or every file) have their checksum and the header the manifest declares;
- the sites share one schema version, one period and one vocabulary of goal domains, and no two share a site id
  or a pseudonym key (the same database exported under two names would count everyone twice);
- then, as the rows are read (`load`), each file's row count is its manifest's, and every row names its site.

The rows are read once, with the columns the manifest declares (never inferred), into DuckDB tables.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Collection

    import duckdb

# The tables and columns the roll-up reads: a site's export must have them (more columns are fine).
READS = {
    "participants": ("site_id", "person", "status", "discharge_reason"),
    "groups": ("site_id", "group", "days"),
    "meetings": ("site_id", "meeting", "group", "held_on"),
    "attendance": ("site_id", "meeting", "person", "present"),
    "goals": ("site_id", "goal", "domain", "set_in_period", "achieved_in_period"),
    "discharges": ("site_id", "person", "reason", "discharged_in_period", "readmitted_in_period"),
    "connections": ("site_id", "connection", "setting", "started_on", "ended_on"),
    "measures": ("site_id", "measure", "person", "instrument", "taken_on", "score"),
}
SIGNED = ("manifest.json", "manifest.sig")
_GLOB = re.compile(r"[*?\[\]{}]")
_PLAIN_NAME = re.compile(r"[a-z_]{1,64}\.(?:csv|parquet)")
FORMATS = {".csv": "read_csv", ".parquet": "read_parquet"}  # how DuckDB reads each kind of file
_MAX_MANIFEST = 1 << 20
_MANY_FOLDERS = 200  # from this many, `all_trusted` checks them in parallel (starting processes takes ~0.1 s)
_BLOCK = 1 << 20
# POSIX: a symbolic link is refused by open itself (elsewhere it is looked for first), and a pipe opens without
# waiting for a writer, to be refused as no regular file.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


class NotTrusted(Exception):
    """An export the office cannot trust, or a set of them it cannot combine: the one line that says why."""


def trusted(folder: Path, keys: Path, tables: Collection[str] | None = None) -> dict[str, Any]:
    """The folder's manifest, once its signature, its list of files and their checksums and headers are checked.

    Every file's checksum is checked, or only those of the `tables` a roll-up reads: its figures come from no
    other file, and opening thousands of sites' files is the cost of a roll-up (the others must still be there
    and be the manifest's, and the export must have every table of `READS`).
    """
    if _GLOB.search(str(folder)):  # DuckDB would read its paths as patterns, and so other files than those checked
        raise NotTrusted(f"{folder}: a folder whose name has * ? [ ] {{ }} in it; rename it.")
    manifest_bytes = _read(folder, "manifest.json")
    manifest = _manifest(folder, manifest_bytes)
    site = manifest["site_id"]
    _signed(folder, site, manifest_bytes, keys)
    if not str(manifest.get("profile", "")).startswith("codes"):
        raise NotTrusted(f"{folder}: not a de-identified export (profile {manifest.get('profile')!r}).")
    files, by_table = _listed(folder, manifest), tables_of(manifest)
    for table in READS if tables is None else {*READS, *tables}:
        if table not in by_table:
            raise NotTrusted(f"{folder}: the export is incomplete: its manifest lists no {table}.csv or .parquet.")
    for entry in files.values() if tables is None else (by_table[table] for table in tables):
        _check_file(folder, entry)
    return manifest


def all_trusted(folders: list[Path], keys: Path, tables: Collection[str] | None = None, *, workers: int | None = None
                ) -> list[tuple[Path, dict[str, Any]]]:  # fmt: skip
    """Each folder with its manifest (`trusted`, for the `tables` a roll-up reads), or the first folder's refusal,
    in the order given.

    Thousands of folders are checked by as many processes as the machine has cores (`workers`, if given): a check
    is Python's work on small files, which one core does at a fraction of a millisecond per file.
    """
    from functools import partial

    workers = workers or (_cores() if len(folders) >= _MANY_FOLDERS else 1)
    check = partial(trusted, keys=keys, tables=None if tables is None else list(tables))
    if workers < 2:
        return [(folder, check(folder)) for folder in folders]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Workers start from a clean process (never a fork of this one, which may run DuckDB's threads already).
    start = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(start))
    try:
        chunk = max(1, len(folders) // (workers * 8))
        return list(zip(folders, pool.map(check, folders, chunksize=chunk), strict=True))
    finally:  # after a refusal, the folders not yet checked are not checked
        pool.shutdown(cancel_futures=True)


def _cores() -> int:
    """The cores this process may run on (a container's share, not the host's), at most 8: more processes would
    mostly wait for the disk."""
    usable = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)
    return max(1, min(8, len(usable)))


def consistent(manifests: list[tuple[Path, dict[str, Any]]]) -> None:
    """Refuse sites that cannot be combined: one schema, one period, one vocabulary, and each site (and its
    pseudonym key) once."""
    first = manifests[0][1]
    first_declared = tables_of(first)
    seen_sites: dict[str, Path] = {}
    seen_keys: dict[str, str] = {}
    for folder, manifest in manifests:
        site, declared = manifest["site_id"], tables_of(manifest)
        if site in seen_sites:
            raise NotTrusted(f"{seen_sites[site]} and {folder} are both site {site}; give each site's export once.")
        seen_sites[site] = folder
        key = str(manifest.get("key_fingerprint"))
        if key in seen_keys:
            raise NotTrusted(f"sites {seen_keys[key]} and {site} share a pseudonym key ({key}): the same records "
                             "exported under two site ids would be counted twice.")  # fmt: skip
        seen_keys[key] = site
        for field, what in (("schema_version", "schema version"), ("period", "period")):
            if manifest.get(field) != first.get(field):
                raise NotTrusted(f"site {site}'s export has {what} {manifest.get(field)!r}, site "
                                 f"{first['site_id']}'s {first.get(field)!r}: export every site with the same "
                                 f"peertool and the same --from/--to.")  # fmt: skip
        for table in READS:
            if declared[table]["columns"] != first_declared[table]["columns"]:
                raise NotTrusted(f"site {site}'s {table} has other columns than site {first['site_id']}'s: "
                                 "export every site with the same peertool and options.")  # fmt: skip
        domains = _vocabulary(manifest, "goal_domains")
        if domains != _vocabulary(first, "goal_domains"):
            raise NotTrusted(f"site {site}'s goal domains ({', '.join(domains)}) are not site {first['site_id']}'s "
                             f"({', '.join(_vocabulary(first, 'goal_domains'))}): give every site the same "
                             "goal_domains before it exports.")  # fmt: skip


def load(con: duckdb.DuckDBPyConnection, manifests: list[tuple[Path, dict[str, Any]]], tables: Collection[str]) -> None:
    """The `tables` a query reads (of `READS`, those `trusted` checked), from every site at once, as DuckDB tables
    with the declared columns
    (and `sites`: each site's id and period); refused when a file's rows are not as many as its manifest says, or
    a row names another site.

    A query loads only its own tables: the cost of a roll-up of thousands of sites is in opening their files.
    """
    columns: dict[str, list[str | None]] = {"site_id": [], "period_from": [], "period_to": []}
    for _, manifest in manifests:  # every site, with its period: a site that recorded nothing still has its row
        period = manifest.get("period")
        period = period if isinstance(period, dict) else {}
        columns["site_id"].append(manifest["site_id"])
        columns["period_from"].append(period.get("from") or None)
        columns["period_to"].append(period.get("to") or None)
    # In one statement (the lists unnested side by side): an INSERT a site would take a second per thousand sites.
    con.execute("CREATE TABLE sites AS SELECT "
                + ", ".join(f"CAST(unnest(${name}) AS VARCHAR) AS {name}" for name in columns), columns)  # fmt: skip
    # The rows' order is not kept (every roll-up orders its result): DuckDB then appends each file's rows as they
    # come instead of keeping every file's batch apart and merging them, which halves a load of thousands of files.
    kept = con.execute("SELECT current_setting('preserve_insertion_order')").fetchone()
    con.execute("SET preserve_insertion_order = false")
    try:
        _load_tables(con, manifests, list(tables))
    finally:
        con.execute(f"SET preserve_insertion_order = {bool(kept and kept[0])}")


def _load_tables(con: duckdb.DuckDBPyConnection, manifests: list[tuple[Path, dict[str, Any]]], tables: list[str]
                 ) -> None:  # fmt: skip
    """The tables read side by side, each through a cursor of its own: DuckDB reads one table's many small files
    hardly faster with two threads than with one, and releases the GIL while it reads. The first table's refusal
    (in the order given) is the one told."""
    from concurrent.futures import ThreadPoolExecutor

    cursors = [con.cursor() for _ in tables]
    try:
        with ThreadPoolExecutor(max(1, min(len(tables), _cores()))) as pool:
            done = [pool.submit(_load_table, cursor, manifests, table, READS[table])
                    for cursor, table in zip(cursors, tables, strict=True)]  # fmt: skip
            for future in done:
                future.result()
    finally:
        for cursor in cursors:
            cursor.close()


def _load_table(
    con: duckdb.DuckDBPyConnection, manifests: list[tuple[Path, dict[str, Any]]], table: str, needed: tuple[str, ...]
) -> None:
    import duckdb

    expected = {str(_file(folder, manifest, table)): manifest for folder, manifest in manifests}
    selected = ", ".join(f'"{column}"' for column in needed)
    sources = []
    for suffix, reader in FORMATS.items():
        paths = ", ".join(sql_text(path) for path in expected if path.endswith(suffix))
        if paths:
            sources.append(f"SELECT {selected}, filename FROM {reader}([{paths}]{_options(manifests, table, suffix)})")
    try:
        con.execute(f"CREATE TABLE {table} AS {' UNION ALL '.join(sources)}")
    except duckdb.Error as error:
        first = str(error).splitlines()[0][:200]
        raise NotTrusted(f"a {table} file cannot be read with the columns its manifest declares: {first}") from None
    counted = con.execute(
        f"SELECT filename, count(*), count(DISTINCT coalesce(site_id, '')), min(coalesce(site_id, '')) FROM {table} "
        "GROUP BY filename"
    ).fetchall()
    for path, rows, sites, site in counted:
        _counted(Path(path), expected[path], table, rows, sites, site)
    seen = {row[0] for row in counted}
    for path, manifest in expected.items():
        if path not in seen:
            _counted(Path(path), manifest, table, 0, 0, None)


def _file(folder: Path, manifest: dict[str, Any], table: str) -> Path:
    """The table's file in an export: its CSV, or its Parquet file."""
    return folder / str(tables_of(manifest)[table]["name"])


def tables_of(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A checked manifest's files by the table each holds (`attendance` for attendance.csv or .parquet)."""
    return {entry["name"].partition(".")[0]: entry for entry in manifest["files"]}


def _options(manifests: list[tuple[Path, dict[str, Any]]], table: str, suffix: str) -> str:
    """How DuckDB reads the table's files: a CSV with the columns its manifest declares (never inferred), and
    every file with its name, to count each one's rows."""
    if suffix != ".csv":
        return ", filename = true"
    entry = next(e for e in (tables_of(m)[table] for _, m in manifests) if e["name"].endswith(suffix))
    return csv_options(entry["columns"]) + ", filename = true"


def csv_options(columns: list[str]) -> str:
    """DuckDB's options for one of peertool's CSV files: its header skipped, the columns given (every one text),
    nothing inferred, and peertool's quoting."""
    spec = "{" + ", ".join(f"{sql_text(column)}: 'VARCHAR'" for column in columns) + "}"
    return f", header = true, columns = {spec}, auto_detect = false, quote = '\"', escape = '\"'"


def _counted(path: Path, manifest: dict[str, Any], table: str, rows: int, sites: int, site: str | None) -> None:
    listed = next(entry for entry in manifest["files"] if entry["name"] == path.name)
    if rows != listed["rows"]:
        raise NotTrusted(f"{path}: {rows} rows, but its manifest says {listed['rows']}.")
    if rows and (sites != 1 or site != manifest["site_id"]):
        raise NotTrusted(f"{path}: its rows name another site than its manifest's, {manifest['site_id']}.")


def _read(folder: Path, name: str) -> bytes:
    try:
        with open(os.path.join(folder, name), "rb", opener=_no_follow) as handle:
            status = os.fstat(handle.fileno())
            if not stat.S_ISREG(status.st_mode) or status.st_size > _MAX_MANIFEST:
                raise OSError
            return handle.read()
    except OSError:
        raise NotTrusted(f"{folder}: no readable {name}; is this a peertool CSV export?") from None


def _no_follow(path: str, flags: int) -> int:
    """Open `path` unless it is a symbolic link, in one system call where POSIX has O_NOFOLLOW."""
    if not _NOFOLLOW and os.path.islink(path):
        raise OSError(f"{path} is a symbolic link")
    return os.open(path, flags | _NOFOLLOW | _NONBLOCK)


def _well_formed(entry: dict[str, Any]) -> bool:
    """A file's entry as peertool writes it: its row count a whole number, its columns a list of names, its
    checksum text (what a hostile manifest gives otherwise must be refused, never fail later)."""
    rows, columns = entry.get("rows"), entry.get("columns")
    counted = isinstance(rows, int) and not isinstance(rows, bool) and rows >= 0
    named = isinstance(columns, list) and all(isinstance(column, str) for column in columns)
    return counted and named and isinstance(entry.get("sha256"), str)


def _manifest(folder: Path, data: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(data)
    except (ValueError, RecursionError):  # nested a hundred thousand deep: not a manifest, never a traceback
        manifest = None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("site_id"), str):
        raise NotTrusted(f"{folder}: manifest.json is not a peertool manifest.")
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", manifest["site_id"]):
        raise NotTrusted(f"{folder}: the manifest's site id is not a site id.")
    if not isinstance(manifest.get("files"), list) or not isinstance(manifest.get("schema_version"), int):
        raise NotTrusted(f"{folder}: the manifest lists no files with their columns and no schema version: made by "
                         "a peertool older than the office's; export again with the current one.")  # fmt: skip
    period = manifest.get("period")
    if period is not None and not (isinstance(period, dict) and all(isinstance(v, str) for v in period.values())):
        raise NotTrusted(f"{folder}: the manifest's period is not a period.")
    return manifest


def _signed(folder: Path, site: str, manifest: bytes, keys: Path) -> None:
    from peertool.safety.site_key import verify

    if not (folder / "manifest.sig").is_file():
        raise NotTrusted(f"{folder}: the manifest is not signed (no manifest.sig): the site runs `peertool site key` "
                         "and sends its public key, then exports again.")  # fmt: skip
    public = keys / f"{site}.pub"
    if not public.is_file():
        raise NotTrusted(f"{folder}: no public key registered for site {site} ({public}).")
    if not verify(public.read_bytes(), manifest, _read(folder, "manifest.sig")):
        raise NotTrusted(f"{folder}: the manifest's signature is not site {site}'s: it was changed after it was "
                         "signed, or signed with another key.")  # fmt: skip


def _listed(folder: Path, manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The files the manifest lists, by name, once each is a plain name of a file in the folder and the folder holds
    nothing else."""
    files: dict[str, dict[str, Any]] = {}
    tables: set[str] = set()
    for entry in manifest["files"]:
        name = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not _PLAIN_NAME.fullmatch(name) or name in files:
            raise NotTrusted(f"{folder}: the manifest lists {str(name)[:80]!r}, not a plain CSV file name in it.")
        table = name.partition(".")[0]
        if table in tables:  # its CSV and its Parquet file: which would be read?
            raise NotTrusted(f"{folder}: the manifest lists two files of the table {table}.")
        tables.add(table)
        if not _well_formed(entry):
            raise NotTrusted(f"{folder}: the manifest's entry for {name} is not a file's name, rows, columns and "
                             "checksum.")  # fmt: skip
        files[name] = entry
    present = set(os.listdir(folder))
    unlisted, missing = sorted(present - files.keys() - set(SIGNED)), sorted(files.keys() - present)
    if unlisted:
        raise NotTrusted(f"{folder}: holds {unlisted[0][:80]!r}, which its manifest does not list.")
    if missing:
        raise NotTrusted(f"{folder}: {missing[0]} is missing or cannot be read.")
    return files


def _check_file(folder: Path, entry: dict[str, Any]) -> None:
    digest = hashlib.sha256()
    try:
        with open(os.path.join(folder, entry["name"]), "rb", opener=_no_follow) as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise OSError
            block = handle.read(_BLOCK)
            csv = entry["name"].endswith(".csv")  # the first line (a longer one is no declared header)
            header = (block[: block.find(b"\n") + 1] or block) if csv else b""
            while block:
                digest.update(block)
                block = handle.read(_BLOCK)
    except OSError:
        raise NotTrusted(f"{folder}: {entry['name']} is missing or cannot be read.") from None
    if digest.hexdigest() != entry.get("sha256"):
        raise NotTrusted(f"{folder}: {entry['name']} does not match its checksum in manifest.json.")
    # A CSV's header is checked here; a Parquet file's columns when DuckDB reads those the roll-up needs (`load`).
    declared = entry.get("columns")
    columns = header.decode("utf-8", "replace").rstrip("\r\n").split(",") if header else declared
    needed = READS.get(entry["name"].partition(".")[0], ())
    if not isinstance(columns, list) or columns != declared or not set(needed) <= set(columns):
        shown = ", ".join(map(str, columns or []))[:200]
        raise NotTrusted(f"{folder}: {entry['name']} has the columns {shown}; its manifest declares "
                         f"{', '.join(map(str, declared or []))[:200]} and the roll-up reads "
                         f"{', '.join(needed) or 'none of them'}.")  # fmt: skip


def _vocabulary(manifest: dict[str, Any], name: str) -> list[str]:
    vocabularies = manifest.get("vocabularies")
    words = vocabularies.get(name) if isinstance(vocabularies, dict) else None
    return sorted(str(word) for word in words) if isinstance(words, list) else []


def sql_text(text: str) -> str:
    """`text` as an SQL string literal (a path, a column's name)."""
    return "'" + text.replace("'", "''") + "'"

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
- then, as the rows are read (`rollup.load`), each file's row count is its manifest's, and every row names its
  site.

`rollup` checks thousands of folders at once and reads them, once, with the columns the manifests declare.
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
_MAX_MANIFEST = 1 << 20
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
    return _plain(manifest)


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


def tables_of(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A checked manifest's files by the table each holds (`attendance` for attendance.csv or .parquet)."""
    return {entry["name"].partition(".")[0]: entry for entry in manifest["files"]}


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


# The manifest's fields a roll-up reads besides its files, its period and its vocabularies: kept when plain values.
_FIELDS = ("site_id", "schema_version", "schema_migration", "profile", "key_fingerprint", "export_id", "signing_key",
           "peertool_version", "min_cell")  # fmt: skip


def _plain(manifest: dict[str, Any]) -> dict[str, Any]:
    """What a roll-up reads of a checked manifest, and nothing else. A site signs whatever its manifest holds: a
    field nested a thousand deep would break a repr, or the pickling that brings a check back from its process."""
    plain = {name: manifest[name] for name in _FIELDS if isinstance(manifest.get(name, ()), str | int | float | None)}
    plain["period"] = manifest.get("period")  # checked: text values, or none (`_manifest`)
    plain["files"] = [{key: entry[key] for key in ("name", "rows", "columns", "sha256")}
                      for entry in manifest["files"]]  # fmt: skip
    vocabularies = manifest.get("vocabularies")
    plain["vocabularies"] = {name: [word for word in words if isinstance(word, str)]
                             for name, words in (vocabularies.items() if isinstance(vocabularies, dict) else ())
                             if isinstance(words, list)}  # fmt: skip
    return plain


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

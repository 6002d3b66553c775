"""The roll-up's reading (issue 30, parts 3 and 6): many sites' folders checked at once, then the tables a query
reads loaded into DuckDB.

`office` says what makes an export trustworthy; this module makes checking and reading three thousand of them take
seconds. The cost is per file opened, not per byte: folders are checked by one process per usable core, and a
query loads only its own tables, each through its own cursor, side by side. As the rows are read, each file's row
count must be its manifest's, and every row must name its site.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peertool.safety.office import READS, NotTrusted, tables_of, trusted

if TYPE_CHECKING:
    from collections.abc import Collection

    import duckdb

_MANY_FOLDERS = 200  # from this many, `all_trusted` checks them in parallel (starting processes takes ~0.1 s)
READERS = {".csv": "read_csv", ".parquet": "read_parquet"}  # how DuckDB reads each kind of file


def all_trusted(folders: list[Path], keys: Path, tables: Collection[str] | None = None, *, workers: int | None = None
                ) -> list[tuple[Path, dict[str, Any]]]:  # fmt: skip
    """Each folder with its manifest (`trusted`, for the `tables` a roll-up reads), or the first folder's refusal,
    in the order given.

    Thousands of folders are checked by a process per usable core (`workers`, if given): a check is Python's work
    on small files, a fraction of a millisecond per file. A caller's script needs `if __name__ == "__main__":`, as
    the processes start clean and import it; where they cannot start, the folders are checked here, one by one.
    """
    from functools import partial

    workers = workers or (usable_cores() if len(folders) >= _MANY_FOLDERS else 1)
    check = partial(trusted, keys=keys, tables=None if tables is None else list(tables))
    if workers < 2:
        return [(folder, check(folder)) for folder in folders]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Workers start from a clean process (never a fork of this one, which may run DuckDB's threads already).
    start = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(start))
    try:
        chunk = max(1, len(folders) // (workers * 8))
        return list(zip(folders, pool.map(check, folders, chunksize=chunk), strict=True))
    except BrokenProcessPool:  # a worker killed, or a caller's script without `if __name__ == "__main__":`
        return [(folder, check(folder)) for folder in folders]
    finally:  # after a refusal, the folders not yet checked are not checked
        pool.shutdown(cancel_futures=True)


def usable_cores() -> int:
    """The cores this process may run on (a container's share, not the host's), at most 8: more processes would
    mostly wait for the disk."""
    usable = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)
    return max(1, min(8, len(usable)))


def load(con: duckdb.DuckDBPyConnection, manifests: list[tuple[Path, dict[str, Any]]], tables: Collection[str]) -> None:
    """The `tables` a query reads (of `READS`, those `trusted` checked), from every site at once, as DuckDB tables
    with the declared columns (and `sites`: each site's id and period); refused when a file's rows are not as many
    as its manifest says, or a row names another site.

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
        with ThreadPoolExecutor(max(1, min(len(tables), usable_cores()))) as pool:
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

    expected = {str(folder / tables_of(manifest)[table]["name"]): (manifest, tables_of(manifest)[table])
                for folder, manifest in manifests}  # fmt: skip
    selected = ", ".join(f'"{column}"' for column in needed)
    sources = []
    for suffix, reader in READERS.items():
        paths = ", ".join(sql_text(path) for path in expected if path.endswith(suffix))
        if paths:
            sources.append(f"SELECT {selected}, filename FROM {reader}([{paths}]{_options(manifests, table, suffix)})")
    try:
        con.execute(f"CREATE TABLE {table} AS {' UNION ALL '.join(sources)}")
    except duckdb.Error as error:
        first = str(error).splitlines()[0][:200]
        raise NotTrusted(f"a {table} file cannot be read with the columns its manifest declares: {first}") from None
    counted = {path: (rows, sites, site) for path, rows, sites, site in con.execute(
        f"SELECT filename, count(*), count(DISTINCT coalesce(site_id, '')), min(coalesce(site_id, '')) FROM {table} "
        "GROUP BY filename").fetchall()}  # fmt: skip
    for path, (manifest, entry) in expected.items():  # a file of no rows is in no group
        _counted(path, manifest, entry, *counted.get(path, (0, 0, None)))


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


def _counted(path: str, manifest: dict[str, Any], entry: dict[str, Any], rows: int, sites: int, site: str | None
             ) -> None:  # fmt: skip
    if rows != entry["rows"]:
        raise NotTrusted(f"{path}: {rows} rows, but its manifest says {entry['rows']}.")
    if rows and (sites != 1 or site != manifest["site_id"]):
        raise NotTrusted(f"{path}: its rows name another site than its manifest's, {manifest['site_id']}.")


def sql_text(text: str) -> str:
    """`text` as an SQL string literal (a path, a column's name)."""
    return "'" + text.replace("'", "''") + "'"

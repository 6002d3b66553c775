"""Measure every speed goal of peertool and print each figure beside its goal.

Run: python benchmarks/run.py [--runs N] [--tenfold] [--only due] [--dbs DIR] [--postgres]

`--only due` measures `due` alone (a caseload on the 1x and 10x databases,
`due --all` on the 1x); with it, `--dbs DIR` keeps the generated databases
there and reuses them on the next run (the 10x one takes minutes to build).
`--postgres` measures the reads on a team database instead (benchmarks/postgres.py; `--tenfold` compares the
1x with the 10x there, else with a 3x database).

Times are medians of N runs of each command, the commands of one comparison
interleaved, and goals are ratios measured in the same run, because these
machines are noisy. Nothing here is part of the test suite.
"""

import argparse
import csv
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from pairing import median_solve_ms  # noqa: E402

from peertool.settings import LARGEST_GROUP  # noqa: E402

PY = sys.executable
PEERTOOL = [PY, "-m", "peertool"]
GROUP, PREP_DATE = "500", "2025-08-01"
DUE_DATE, COACH = "2026-01-20", "Coach 500"  # group 500's coach (benchmarks/generate.py)


def timed(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    if done.returncode not in ((0, 1) if "due" in command else (0,)):  # `due` exits 1 for a finding: overdue
        raise subprocess.CalledProcessError(done.returncode, command)
    return time.perf_counter() - start


def medians(commands: dict[str, list[str]], runs: int, env: dict, setup=None) -> dict[str, float]:
    """Median seconds of each command, runs interleaved so drift hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            if setup:
                setup(name)
            times[name].append(timed(command, env))
    return {name: statistics.median(values) for name, values in times.items()}


def startup(runs: int, env: dict) -> list[tuple]:
    trivial = [PY, str(HERE / "trivial_typer.py")]
    t = medians(
        {
            "python -c pass": [PY, "-c", "pass"],
            "trivial": trivial,
            "trivial --help": trivial + ["--help"],
            "db path": PEERTOOL + ["db", "path"],
            "--version": PEERTOOL + ["--version"],
            "--help": PEERTOOL + ["--help"],
            "schedule": PEERTOOL + ["schedule"],
            "schedule json": PEERTOOL + ["schedule", "--format", "json"],
        },
        runs,
        env,
    )
    return [
        ("start-up: peertool --version / trivial Typer command", t["--version"] / t["trivial"], 1.15, t["--version"]),
        ("start-up: peertool --help / trivial Typer --help", t["--help"] / t["trivial --help"], 1.15, t["--help"]),
        (
            "start-up: peertool schedule --format json / trivial",
            t["schedule json"] / t["trivial"],
            1.15,
            t["schedule json"],
        ),
        # Issue 16's floor for commands that need no query. The trivial Typer command alone takes about 5x it.
        *[
            (f"start-up: peertool {name} / python -c pass", t[name] / t["python -c pass"], 4.0, t[name])
            for name in ("db path", "schedule json")
        ],
        # Not a start-up figure: the same plus importing rich and drawing the table for a person.
        ("peertool schedule as a rich table / trivial (no goal)", t["schedule"] / t["trivial"], None, t["schedule"]),
    ]


# The raw floor of a read (issue 16): `python -c` doing the same SELECTs with sqlite3 and printing the JSON.
PEOPLE = """SELECT p.id, p.name, p.gender, p.interests, p.referral, p.phone, p.email, p.enrolled_on, p.external_id,
 p.status, p.stage, g.name, g.id, p.discharged_on, p.discharge_reason FROM participants p
 LEFT JOIN memberships m ON m.participant_id = p.id AND m.left_on IS NULL
 LEFT JOIN peer_groups g ON g.id = m.group_id"""
RAW = """import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1]); keys = {keys!r}
rows = [dict(zip(keys, r)) for r in c.execute({sql!r}, {params!r})]
for r in rows: r["interests"] = json.loads(r["interests"])
{extra}
sys.stdout.write(json.dumps(rows{pick}) + "\\n")"""
KEYS = ["id", "name", "gender", "interests", "referral", "phone", "email", "enrolled_on", "external_id", "status",
        "stage", "group", "group_id", "discharged_on", "discharge_reason"]  # fmt: skip
SHOW_EXTRA = """rows[0]["goals"] = [dict(zip(["id", "text", "domain", "status"], g)) for g in c.execute(
    "SELECT id, text, domain, status FROM goals WHERE participant_id = ? ORDER BY id", [rows[0]["id"]])]
rows[0]["discharges"] = c.execute("SELECT * FROM discharges WHERE participant_id = ?", [rows[0]["id"]]).fetchall()"""


def raw(sql: str, params: list, extra: str = "", pick: str = "") -> list[str]:
    return [PY, "-c", RAW.format(keys=KEYS, sql=sql, params=params, extra=extra, pick=pick)]


RAW_QUERIES = """import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
sys.stdout.write(json.dumps([c.execute(q, p).fetchall() for q, p in {queries!r}]) + "\\n")"""
GROUP_SHOW = [
    ("SELECT * FROM peer_groups WHERE id = ?", [int(GROUP)]),
    ("SELECT p.id, p.name FROM memberships m JOIN participants p ON p.id = m.participant_id"
     " WHERE m.group_id = ? AND m.left_on IS NULL ORDER BY p.id", [int(GROUP)]),
]  # fmt: skip
PAIRS = GROUP_SHOW[1:] + [
    ("SELECT id, paired_on FROM pairings WHERE group_id = ? ORDER BY id DESC LIMIT 1", [int(GROUP)]),
    ("SELECT pp.first_id, a.name, pp.second_id, b.name, pp.reasons FROM pairing_pairs pp"
     " JOIN participants a ON a.id = pp.first_id LEFT JOIN participants b ON b.id = pp.second_id"
     " WHERE pp.pairing_id = (SELECT max(id) FROM pairings WHERE group_id = ?)", [int(GROUP)]),
]  # fmt: skip
MEETING = [
    ("SELECT * FROM meetings WHERE id = 1", []),
    ("SELECT p.id, p.name, a.present FROM attendance a JOIN participants p ON p.id = a.participant_id"
     " WHERE a.meeting_id = 1 ORDER BY p.id", []),
    ("SELECT tag FROM meeting_threads WHERE meeting_id = 1", []),
]  # fmt: skip
AUDIT = [("SELECT id, at, os_user, command, table_name, record_id, action FROM audit ORDER BY id DESC LIMIT 50", [])]


def raw_queries(queries: list[tuple[str, list]]) -> list[str]:
    return [PY, "-c", RAW_QUERIES.format(queries=queries)]


# prep and report make a dozen queries each, too many to copy by hand: their floor replays the SELECTs
# the command itself made, recorded through sqlite3's trace callback (which gives them with values bound).
# What follows each recorder's tracing (here, and for PostgreSQL in postgres.py): run peertool, then keep the
# SELECTs it made (`made` holds their texts, or (text, parameters) pairs) in the file named first.
RUN_AND_KEEP = """
out, sys.argv = sys.argv[1], ["peertool", *sys.argv[2:]]
from peertool.entry import main
try:
    main()
except SystemExit:
    pass
def text(m):
    return m if isinstance(m, str) else m[0]
with open(out, "w") as f:
    json.dump([m for m in made if text(m).lstrip().upper().startswith(("SELECT", "WITH"))], f, default=str)"""
RECORD = (
    """import json, sqlite3, sys
made, connect = [], sqlite3.connect
def traced(*args, **kwargs):
    conn = connect(*args, **kwargs)
    conn.set_trace_callback(made.append)
    return conn
sqlite3.connect = traced"""
    + RUN_AND_KEEP
)


def recorded_selects(recorder: str, command: list[str], env: dict) -> list:
    """The SELECTs a peertool command made, as the `recorder` script kept them."""
    with tempfile.NamedTemporaryFile("r", suffix=".json") as out:
        subprocess.run([PY, "-c", recorder, out.name, *command[len(PEERTOOL) :]], env=env, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        selects = json.load(out)
    if not selects:
        raise SystemExit(f"recorded no SELECT for {command}")
    return selects


def recorded_floor(command: list[str], env: dict) -> list[str]:
    """The raw floor of a peertool command: the SELECTs it made, replayed by `python -c` with sqlite3."""
    return raw_queries([(q, []) for q in recorded_selects(RECORD, command, env)])


def scale(db: Path, runs: int, env: dict) -> list[tuple]:
    base = PEERTOOL + ["--db", str(db)]
    active, in_group = (
        PEOPLE + " WHERE p.status = 'active' ORDER BY p.id",
        PEOPLE + " WHERE m.group_id = ? ORDER BY p.id",
    )
    reads = {
        "participant list --json": (base + ["participant", "list", "--json"], raw(active, [])),
        "participant list --group --json": (
            base + ["participant", "list", "--group", GROUP, "--json"],
            raw(in_group, [int(GROUP)]),
        ),
        "participant show --json": (
            base + ["participant", "show", "1", "--json"],
            raw(PEOPLE + " WHERE p.id = 1", [], SHOW_EXTRA, "[0]"),
        ),
        "group show --json": (base + ["group", "show", GROUP, "--json"], raw_queries(GROUP_SHOW)),
        "pairs --json": (base + ["pairs", GROUP, "--json"], raw_queries(PAIRS)),
        "meeting show --json": (base + ["meeting", "show", "1", "--json"], raw_queries(MEETING)),
        "audit --last 50 --json": (base + ["audit", "--last", "50", "--json"], raw_queries(AUDIT)),
    }
    for name, ours in (
        ("prep --format json", base + ["prep", GROUP, "--date", PREP_DATE, "--format", "json"]),
        ("report --format json", base + ["report", GROUP, "--format", "json"]),
    ):
        reads[name] = (ours, recorded_floor(ours, env))
    commands = {"floor": base + ["init"]}
    for name, (ours, floor) in reads.items():
        commands[name], commands[name + " (raw floor)"] = ours, [*floor, str(db)]
    t = medians(commands, runs, env)
    rows = [(f"agency db: {name} / its raw floor", t[name] / t[name + " (raw floor)"], 4.0, t[name]) for name in reads]
    rows += [
        (f"agency db: {name} / `init` on the same file", t[name] / t["floor"], 1.5, t[name])
        for name in ("prep --format json", "report --format json")
    ]
    return rows + [("agency db: floor (seconds)", None, None, t["floor"])]


def bulk(folder: Path, runs: int, env: dict) -> list[tuple]:
    roster = folder / "roster.csv"
    with roster.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "gender", "interests", "goals", "referral", "enrolled_on", "external_id"])
        for i in range(10_000):
            writer.writerow(
                [
                    f"Person {i}",
                    "female" if i % 2 else "male",
                    "hiking;music",
                    "Take the bus",
                    "self",
                    "2026-01-05",
                    f"X{i}",
                ]
            )
    ours, theirs = folder / "ours.db", folder / "theirs.db"

    def fresh(name):
        for path in folder.glob("ours.db*") if name == "peertool" else folder.glob("theirs.db*"):
            path.unlink()

    t = medians(
        {
            "peertool": PEERTOOL + ["--db", str(ours), "enroll", "--from", str(roster)],
            "sqlite-utils": [PY, "-m", "sqlite_utils", "insert", str(theirs), "participants", str(roster), "--csv"],
        },
        runs,
        env,
        setup=fresh,
    )
    fresh("peertool")
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    peak_kib = int(
        subprocess.run(
            [PY, "-c", probe, *PEERTOOL, "--db", str(ours), "enroll", "--from", str(roster)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout
    )
    return [
        (
            "bulk: enroll --from 10,000 rows / sqlite-utils insert --csv",
            t["peertool"] / t["sqlite-utils"],
            2.0,
            t["peertool"],
        ),
        ("bulk: peak memory of enroll --from (MiB)", peak_kib / 1024, 150, None),
    ]


def peak_mib(command: list[str], env: dict) -> float:
    """Peak resident memory of a command, in MiB."""
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run([PY, "-c", probe, *command], capture_output=True, text=True, env=env, check=True)
    return int(done.stdout) / 1024


def memory(folder: Path, env: dict) -> list[tuple]:
    """Peak memory of import and export at 100,000 people: bulk work streams, so it must not grow with rows."""
    roster = folder / "roster-100k.csv"
    roster.write_text("name,external_id,interests,goals\n" + "".join(f"P {i},Y{i},a;b,Goal\n" for i in range(100_000)))
    db = folder / "people-100k.db"
    base = PEERTOOL + ["--db", str(db)]
    rows = [("memory: enroll --from 100,000 rows, peak (MiB)", peak_mib(base + ["enroll", "--from", str(roster)], env),
             80.0, None)]  # fmt: skip
    for label, args in (("export (JSON)", ["export", "--out", str(folder / "x.json")]),
                        ("export --deidentify (CSV)", ["export", "--deidentify", "--format", "csv", "--out",
                                                       str(folder / "x-csv")])):  # fmt: skip
        rows.append((f"memory: {label} of 100,000 people, peak (MiB)", peak_mib(base + args, env), 80.0, None))
    return rows


def deidentified_speed(db: Path, runs: int, env: dict) -> list[tuple]:
    base = PEERTOOL + ["--db", str(db), "export"]
    t = medians({"plain": base, "deidentified": base + ["--deidentify"]}, runs, env)
    return [("export --deidentify / plain export, agency database", t["deidentified"] / t["plain"], 2.0,
             t["deidentified"])]  # fmt: skip


def encrypted_speed(folder: Path, runs: int, env: dict) -> list[tuple]:
    """Reads on an encrypted copy of the agency database / the same on the plain one (goal <= 1.3), with the key
    from a key_command printing a raw 64-hex-digit key; and, for information, with a passphrase (PBKDF2)."""
    try:
        import sqlcipher3  # noqa: F401
    except ImportError:
        return [("encrypted reads: not measured (pip install 'peertool[encryption]')", None, None, None)]
    import shutil

    from peertool.db import cipher
    from peertool.db.conversion import convert

    raw, passphrase = "5e" * 32, "correct horse battery staple"
    configs = {}
    for name, secret in (("raw", raw), ("passphrase", passphrase)):
        script = folder / f"key-{name}.sh"
        script.write_text(f"#!/bin/sh\necho '{secret}'\n")
        script.chmod(0o700)
        configs[name] = folder / f"{name}.yaml"
        configs[name].write_text(f"encryption:\n  key_command: {script}\n")
        copy = folder / f"agency-{name}.db"
        shutil.copy(folder / "agency.db", copy)
        cipher.use_key_source(lambda label, secret=secret: secret)
        convert(copy, encrypt=True)
    reads = {
        "participant show": ["participant", "show", "1", "--json"],
        "prep": ["prep", GROUP, "--date", PREP_DATE, "--format", "json"],
        "report": ["report", GROUP, "--format", "json"],
    }
    commands = {}
    for name, args in reads.items():
        commands[name] = PEERTOOL + ["--config", str(configs["raw"]), "--db", str(folder / "agency.db"), *args]
        for kind in configs:
            commands[f"{name} {kind}"] = PEERTOOL + ["--config", str(configs[kind]), "--db",
                                                     str(folder / f"agency-{kind}.db"), *args]  # fmt: skip
    t = medians(commands, runs, env)
    rows = [(f"encrypted db (raw key): {name} / plain", t[name + " raw"] / t[name], 1.3, t[name + " raw"])
            for name in reads]  # fmt: skip
    return rows + [(f"encrypted db (passphrase, no goal): {name} / plain", t[name + " passphrase"] / t[name], None,
                    t[name + " passphrase"]) for name in reads]  # fmt: skip


def tenfold(folder: Path, runs: int, env: dict) -> list[tuple]:
    """The same per-group reads on a database ten times the agency's: they must stay flat (<= 1.1x)."""
    small, large = folder / "agency.db", folder / "agency-10x.db"
    generate(large, groups=10_000)
    reads = {
        "participant list --group": ["participant", "list", "--group", GROUP, "--json"],
        "participant show": ["participant", "show", "1", "--json"],
        "prep": ["prep", GROUP, "--date", PREP_DATE, "--format", "json"],
        "report": ["report", GROUP, "--format", "json"],
    }
    commands = {}
    for name, args in reads.items():
        commands[name + " 1x"] = PEERTOOL + ["--db", str(small), *args]
        commands[name + " 10x"] = PEERTOOL + ["--db", str(large), *args]
    t = medians(commands, runs, env)
    return [(f"10x database: {name} / 1x", t[name + " 10x"] / t[name + " 1x"], 1.1, t[name + " 10x"]) for name in reads]


def due_commands(db: Path) -> dict[str, list[str]]:
    """The `due` reads measured: one coach's caseload, and everything."""
    base = PEERTOOL + ["--db", str(db), "due", "--date", DUE_DATE, "--json"]
    return {"due --staff (a caseload)": base + ["--staff", COACH], "due --all": base + ["--all"]}


def due_speed(folder: Path, runs: int, env: dict, tenfold_too: bool) -> list[tuple]:
    """`due` for one caseload / its raw floor (<= 4), on the 10x database / the 1x (<= 1.1), and `due --all` on
    the 1x database in seconds (< 1)."""
    small, large = folder / "agency.db", folder / "agency-10x.db"
    ours = due_commands(small)
    caseload = "due --staff (a caseload)"
    commands = {**ours, caseload + " (raw floor)": [*recorded_floor(ours[caseload], env), str(small)]}
    if tenfold_too:
        commands[caseload + " 10x"] = due_commands(large)[caseload]
        timed(commands[caseload + " 10x"], env)  # the first open of a generated file migrates it: not timed
    t = medians(commands, runs, env)
    rows = [(f"agency db: {caseload} / its raw floor", t[caseload] / t[caseload + " (raw floor)"], 4.0, t[caseload])]
    if tenfold_too:
        rows.append((f"10x database: {caseload} / 1x", t[caseload + " 10x"] / t[caseload], 1.1,
                     t[caseload + " 10x"]))  # fmt: skip
    return rows + [("agency db: due --all, seconds", t["due --all"], 1.0, t["due --all"])]


def traced_reads(database, reads) -> list[str]:
    """The statements `reads` (each a function of the database) make, in order."""
    statements: list[str] = []
    database.conn.set_trace_callback(statements.append)
    for read in reads:
        read(database)
    database.conn.set_trace_callback(None)
    return statements


def query_plans(db: Path, only_due: bool = False) -> list[str]:
    """EXPLAIN QUERY PLAN of every statement list, prep, report and due (a caseload, and --all) run on the
    agency database."""
    import datetime as dt

    from peertool.db.backends import open_database
    from peertool.outcomes import prep, report
    from peertool.outcomes.due import due_items, scope_of
    from peertool.people import participants
    from peertool.settings import load_settings

    database = open_database(db, create=False)
    settings = load_settings()
    on = dt.date.fromisoformat(DUE_DATE).isoformat()
    reads = [
        lambda d: due_items(d, settings, on=on, scope=scope_of(d, COACH)),
        lambda d: due_items(d, settings, on=on, scope=None),
    ]
    if not only_due:
        reads = [
            participants.list_participants,
            lambda d: prep.build(d, GROUP, settings=settings, on=PREP_DATE),
            lambda d: report.build(d, GROUP, settings=settings),
            *reads,
        ]
    statements = traced_reads(database, reads)
    lines = []
    shapes = {}  # one plan per statement shape: the same query for another id is not shown again
    for sql in statements:
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            shapes.setdefault(re.sub(r"\b\d+\b|'[^']*'", "?", sql), sql)
    for sql in shapes.values():
        plan = database.conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
        lines.append(" ".join(sql.split())[:110])
        lines += [f"    {row[3]}" for row in plan]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description="peertool speed goals")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--tenfold", action="store_true", help="also build a 10x database (minutes) and compare")
    parser.add_argument("--only", choices=["due"], help="measure this command alone")
    parser.add_argument("--dbs", type=Path, help="keep the generated databases in this folder, and reuse them")
    parser.add_argument("--postgres", action="store_true", help="the reads on PostgreSQL (benchmarks/postgres.py)")
    options = parser.parse_args()
    if options.postgres:
        from postgres import main as on_postgres

        return on_postgres(["--runs", str(options.runs), "--scale", "10" if options.tenfold else "3",
                            *(["--dbs", str(options.dbs)] if options.dbs else [])])  # fmt: skip
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        env = {**os.environ, "XDG_CONFIG_HOME": str(folder / "xdg"), "PYTHONPATH": str(HERE.parent / "src")}
        for name in ("PEERTOOL_DB", "PEERTOOL_CONFIG", "PYTHONDONTWRITEBYTECODE"):
            env.pop(name, None)
        # Measure peertool as installed: `pip install` leaves compiled bytecode, so compile it here too.
        subprocess.run([PY, "-m", "compileall", "-q", str(HERE.parent / "src")], check=True, env=env)
        os.chdir(folder)
        started = time.perf_counter()
        if options.only == "due":
            dbs = options.dbs or folder
            dbs.mkdir(parents=True, exist_ok=True)
            counts = {name: generate(dbs / name, groups=groups) if not (dbs / name).exists() else "kept"
                      for name, groups in (("agency.db", 1000), ("agency-10x.db", 10_000))}  # fmt: skip
            built = time.perf_counter() - started
            return report_rows(options, counts, built, due_speed(dbs.resolve(), options.runs, env, True),
                               query_plans(dbs / "agency.db", only_due=True))  # fmt: skip
        counts = generate(folder / "agency.db")
        built = time.perf_counter() - started
        rows = startup(options.runs, env) + scale(folder / "agency.db", options.runs, env)
        rows += bulk(folder, max(3, options.runs // 3), env)
        rows += deidentified_speed(folder / "agency.db", max(3, options.runs // 3), env)
        rows += memory(folder, env)
        rows += encrypted_speed(folder, options.runs, env)
        if options.tenfold:
            rows += tenfold(folder, options.runs, env)
        rows += due_speed(folder, options.runs, env, options.tenfold)  # after tenfold, which builds the 10x file
        rows.append(("pairing: exact solve for 12 people, median (ms)", median_solve_ms(), 5.0, None))
        for size in (LARGEST_GROUP, LARGEST_GROUP - 1):  # the largest group allowed, even and odd (one trio)
            rows.append((f"pairing: {size} people, the largest allowed, median (ms)", median_solve_ms(30, size), 100.0,
                         None))  # fmt: skip
        plans = query_plans(folder / "agency.db")
    return report_rows(options, counts, built, rows, plans)


def report_rows(options: argparse.Namespace, counts: object, built: float, rows: list[tuple], plans: list[str]) -> int:
    """Print each figure beside its goal, then the query plans; 1 when a goal is missed."""
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )
    print(f"agency database: {counts} (built in {built:.1f} s); {options.runs} runs per figure\n")
    print(f"{'measure':64} {'value':>8} {'goal':>7}  ok   seconds")
    missed = 0
    for name, value, goal, seconds in rows:
        ok = "" if goal is None or value is None else ("yes" if value <= goal else "NO")
        missed += ok == "NO"
        shown = f"{value:8.2f}" if value is not None else " " * 8
        goal_text = f"{goal:7.2f}" if goal is not None else " " * 7
        print(f"{name:64} {shown} {goal_text}  {ok:4} {'' if seconds is None else f'{seconds:.3f}'}")
    print("\nquery plans (list, prep, report, due on the agency database):")
    print("\n".join(plans))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

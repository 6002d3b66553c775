"""What several test files share: the in-process CLI runner, the example files, and planted data.

Test files import from here, never from each other.
"""

import datetime as dt
import json
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database as Migrated
from typer.testing import CliRunner, Result

from peertool.cli import app

if TYPE_CHECKING:
    from peertool.db.connection import Database
    from peertool.db.sqlite import SqliteDatabase

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DOCUMENTED_EXIT_CODES = {0, 1, 2, 3, 4, 5, 75}

# A command-line argument as tests write it: str() is applied before the run.
Arg = str | Path | int

# The `today` fixture: `today(date)` fixes what every command takes as today.
Today = Callable[[dt.date], None]
# A day after today (two, wherever the program's time zone is): a date every command must refuse as not yet come.
AFTER_TODAY = (dt.date.today() + dt.timedelta(days=2)).isoformat()

# The program's 12-month table, word for word as the webinar gives it.
PROGRAM_TABLE = """\
1st	Introduction & Goal Setting
2nd	Self-Care
3rd	Social Interaction
4th	Communication
5th	Coping Strategies
6th	Thoughts & Beliefs
7th	Social Interaction
8th	Self-Care
9th	Coping Strategies
10th	Social Interaction
11th	Communication
12th	Coping Skills & Goal Setting (Transitioning Out)"""


class Cli:
    """Runs peertool in-process and keeps stdout and stderr apart.

    `server` is the conninfo of the test's PostgreSQL database when the test runs on that backend (the `backend`
    fixture), else None: the database is then the SQLite file at `db_path`.
    """

    def __init__(self, db_path: Path, server: str | None = None) -> None:
        self._db_path = db_path
        self.server = server
        self.runner = CliRunner()

    @property
    def db_path(self) -> Path:
        """The SQLite file: a test that reads or changes the file itself is marked `sqlite_only`."""
        assert self.server is None, "this test reads the SQLite file: mark it @pytest.mark.sqlite_only"
        return self._db_path

    def __call__(self, *args: Arg, input: str | bytes | None = None) -> Result:
        return self.runner.invoke(app, [str(a) for a in args], input=input)

    def ok(self, *args: Arg, input: str | bytes | None = None) -> Result:
        result = self(*args, input=input)
        assert result.exit_code == 0, (result.exit_code, result.stdout, result.stderr)
        return result

    def json(self, *args: Arg) -> Any:
        return json.loads(self.ok(*args, "--json").stdout)

    def json_fail(self, *args: Arg, code: int = 1) -> Any:
        """The JSON a command prints when it exits with `code` (a check that found something)."""
        result = self(*args, "--json")
        assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
        return json.loads(result.stdout)

    def dump(self) -> list[str]:
        """The whole database as text, to prove a refusal changed nothing."""
        if self.server is not None:
            from pg_server import dump

            return dump(self.server)
        if not self._db_path.exists():
            return []
        conn = sqlite3.connect(self._db_path)
        try:
            return list(conn.iterdump())
        finally:
            conn.close()

    def open(self) -> "Database":
        """The test's database opened through the library, on whichever backend it is (PEERTOOL_DB names it)."""
        from peertool.db.backends import database_location, open_database
        from peertool.settings import load_settings

        return open_database(database_location(None, load_settings)[0], create=False)

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        """Rows read behind peertool's back, on either backend (SQL both read the same)."""
        if self.server is not None:
            import psycopg

            with psycopg.connect(self.server) as server:
                return [tuple(row) for row in server.execute(sql)]
        conn = sqlite3.connect(self._db_path)
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()


PLANTED = ("Quinby Phimarker", "555-0199", "phimarker@example.org")


def plant(cli: Cli) -> None:
    """Enroll a person with planted identifiers, and mention them in a meeting and a note."""
    cli.ok("enroll", PLANTED[0], "--phone", PLANTED[1], "--email", PLANTED[2], "--group", "Riverside")
    cli.ok(
        "meeting",
        "record",
        "Riverside",
        "--date",
        "2026-02-10",
        "--notes",
        f"{PLANTED[0]} ({PLANTED[2]}) shared a story",
    )
    cli.ok("note", "add", PLANTED[0], f"Called {PLANTED[1]}")


PEERTOOL = [sys.executable, "-m", "peertool"]


def dead_pid() -> int:
    """The id of a process that has ended: a temporary file named with it was left by a killed run."""
    import subprocess

    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def on_a_terminal(env: Path, *args: str, columns: int = 100) -> str:
    """What peertool writes when stdout and stderr are a terminal (a pseudo-terminal) `columns` wide."""
    import os
    import pty
    import subprocess

    leader, follower = pty.openpty()
    try:
        environment = {**os.environ, "COLUMNS": str(columns)}  # PEERTOOL_DB: the test's database (`env`, `cli`)
        subprocess.run([*PEERTOOL, *args], stdin=subprocess.DEVNULL, stdout=follower, stderr=follower,
                       env=environment, cwd=env, timeout=60, check=False)  # fmt: skip
        os.close(follower)
        chunks: list[bytes] = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed: all is read
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks).decode()
    finally:
        os.close(leader)


def file_of(db: "Database") -> "SqliteDatabase":
    """The SQLite connection under a library test's database: for a test of what only SQLite has."""
    from peertool.db.sqlite import SqliteDatabase

    assert isinstance(db, SqliteDatabase)
    return db


def two_people() -> "SqliteDatabase":
    """A small SQLite database of two people (one with no city) behind the `Database` interface."""
    from peertool.db.sqlite import SqliteDatabase

    conn = sqlite3.connect(":memory:")
    conn.executescript(
        """CREATE TABLE people (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, city TEXT);
           INSERT INTO people (name, city) VALUES ('Wren Alder', 'Fairhaven'), ('Tobin Reed', NULL);"""
    )
    return SqliteDatabase(conn)


def tamper(target: "Path | Cli", *statements: str) -> None:
    """Change the database behind peertool's back, as another tool (or someone covering their tracks) would: a
    SQLite file with plain sqlite3, or a test's PostgreSQL database as its owner, in one transaction."""
    if isinstance(target, Cli) and target.server is not None:
        import psycopg

        with psycopg.connect(target.server) as server:
            for statement in statements:
                server.execute(statement)
        return
    conn = sqlite3.connect(target.db_path if isinstance(target, Cli) else target)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


# Ada's WHO-5 at intake (9, 36%) and at three months (16, 64%), as the `measured` fixture records them.
WHO5_LOW = ("measure", "add", "Ada Quill", "WHO-5", "--answers", "2,2,1,2,2", "--date", "2026-01-06")


WHO5_UP = ("measure", "add", "Ada Quill", "who5", "--answers", "3,4,3,3,3", "--date", "2026-04-07")


# Riverside's meeting of 2026-03-03 (the `met` fixture), to which tests add attendance options.
MEETING = ("meeting", "record", "Riverside", "--date", "2026-03-03")


# A roster without dates, as a group already running would bring it in (the `elm` fixture).
ROSTER = "name\nAda One\nBo Two\nCy Three\nDee Four\nEd Five\nFay Six\n"


def record(cli: Cli, *args: Arg) -> Any:
    """Record a Riverside meeting and return its JSON."""
    return cli.json("meeting", "record", "Riverside", *args)


def count(cli: Cli, sql: str) -> int:
    """One number read from the database behind peertool's back."""
    return int(cli.query(sql)[0][0])


def roster(tmp_path: Path, text: str, name: str = "roster.csv", encoding: str = "utf-8") -> Path:
    """A roster file with exactly these bytes, in the encoding a spreadsheet may have saved it in."""
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# Cell starts a spreadsheet reads as a formula.
FORMULAS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


def names(cli: Cli) -> list[str]:
    """The names on the roster, in its order."""
    return [p["name"] for p in cli.json("participant", "list")]


# The Independence Program: a drop-in open Monday to Friday (issue 27).
INDEPENDENCE = "programs:\n  independence: {kind: drop-in, days: mon-fri, service_code: H2014}\n"
# Enrolled in it: three Riverside members and five people in no group; Pia Shaw never comes.
DROP_INS = ("Ada Quill", "Bram Oakes", "Cleo Marsh", "Kai Lund", "Lea Moss", "Milo Reed", "Nia Cole", "Omar Diaz")
# Ten visits over the week of 2026-03-09 by the eight, day by day.
VISITS = {
    "2026-03-09": ("Ada Quill", "Kai Lund"),
    "2026-03-10": ("Bram Oakes", "Lea Moss"),
    "2026-03-11": ("Cleo Marsh", "Milo Reed", "Ada Quill"),
    "2026-03-12": ("Nia Cole",),
    "2026-03-13": ("Omar Diaz", "Kai Lund"),
}


def drop_in(cli: Cli, env: Path, *, visits: bool = True) -> None:
    """Beside Riverside (the `riverside` fixture), drop-in "Main St" of the Independence Program, open Monday to
    Friday from 2026-03-02, with the eight (and Pia Shaw) enrolled from then; and, if `visits`, the ten visits."""
    (env / "peertool.yaml").write_text(INDEPENDENCE)
    cli.ok("group", "create", "Main St", "--program", "independence", "--start", "2026-03-02", "--time", "10:00")
    for name in (*DROP_INS[3:], "Pia Shaw"):
        cli.ok("enroll", name, "--enrolled-on", "2026-03-02")
    for name in (*DROP_INS, "Pia Shaw"):
        cli.ok("participant", "edit", name, "--program", "independence", "--date", "2026-03-02")
    for day, people in VISITS.items() if visits else ():
        cli.ok("meeting", "record", "Main St", "--date", day, *[arg for p in people for arg in ("--present", p)])


def migrated(stop_before: str | None = None, *, group: tuple[str, str, int] | None = None) -> Migrated:
    """An in-memory database with every migration (or those before `stop_before`), participant 1 Orla Fenn and,
    given (name, start, weekday), peer group 1: what a migration's own test plants before it looks."""
    from peertool.db.migrations import sqlite_set

    db = Migrated(sqlite3.connect(":memory:"))
    db.execute("PRAGMA foreign_keys = ON")
    sqlite_set().apply(db, **({"stop_before": stop_before} if stop_before else {}))
    db.execute("INSERT INTO participants (id, name, name_key, enrolled_on) VALUES (1, 'Orla Fenn', 'orla fenn', "
               "'2026-01-05')")  # fmt: skip
    if group is not None:
        name, start, weekday = group
        db.execute("INSERT INTO peer_groups (id, name, name_key, start_on, weekday) VALUES (1, ?, ?, ?, ?)",
                   [name, name.lower(), start, weekday])  # fmt: skip
    return db


def log_activity(db: Any, group_ref: object, **fields: Any) -> Any:
    """`program.activities.log_activity` with the built-in settings (the isolated world has no config file)."""
    from peertool.program.activities import log_activity as log
    from peertool.settings import load_settings

    return log(db, group_ref, settings=load_settings(), **fields)

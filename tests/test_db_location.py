"""A database location: a SQLite file or a PostgreSQL server, read without the driver, never with a password."""

import subprocess
import sys
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peertool.db.location import (
    KEYWORDS,
    SECRETS,
    UNREADABLE,
    PostgresLocation,
    Unreadable,
    format_conninfo,
    is_postgres,
    parse_conninfo,
    postgres_location,
    redacted,
    tls_warning,
)
from peertool.errors import EXIT_CONFIG, EXIT_USAGE, ConfigError, UsageError

CONFIG = "/home/coach/.config/peertool/config.yaml"
SOURCES = [("--db", UsageError, EXIT_USAGE), ("PEERTOOL_DB", ConfigError, EXIT_CONFIG),
           (f"config {CONFIG}", ConfigError, EXIT_CONFIG)]  # fmt: skip
NAMED = {
    "--db": "--db: ",
    "PEERTOOL_DB": "PEERTOOL_DB: ",
    f"config {CONFIG}": f"config file {CONFIG}: key 'database': ",
}
# A password made so that no other part of a location or a message can contain it by chance.
passwords = st.text(st.characters(codec="utf-8", exclude_characters="\0"), min_size=1, max_size=20).map(
    lambda text: "Zq9" + text
)
names = st.text("abcdefghijklmnopqrstuvwxyz_0123456789", min_size=1, max_size=12)
hosts = st.one_of(names, st.just("db.agency.example"), st.just("[::1]"), st.just("/run/postgresql"))


@pytest.mark.parametrize(
    "location",
    ["postgresql://coach_a@db.agency.example/team", "postgres://db/team", "POSTGRESQL://db/team", "postgresql://",
     "service=agency", "host=db.agency.example dbname=team", "  dbname = team", "hots=db dbname=team"],
)  # fmt: skip
def test_urls_and_libpq_keyword_strings_are_postgresql(location: str) -> None:
    assert is_postgres(location)


@pytest.mark.parametrize(
    "location",
    ["peertool.db", "~/peer-program/peertool.db", "/srv/coach/peertool.db", "./service=agency", "postgresql.db",
     "dir/host=x.db", "", "my notes.db", "C:\\coach\\peertool.db", "postgresql:/x.db"],
)  # fmt: skip
def test_anything_else_is_a_sqlite_file(location: str) -> None:
    assert not is_postgres(location)
    assert redacted(location) == location  # a file path is shown as it is


def test_reading_a_location_never_loads_the_driver() -> None:
    """A SQLite user never pays for psycopg; nor does telling a location's kind or refusing its password."""
    script = (
        "import sys\n"
        "from peertool.db.location import is_postgres, postgres_location, redacted, tls_warning\n"
        "assert not is_postgres('peertool.db') and redacted('peertool.db') == 'peertool.db'\n"
        "location = postgres_location('postgresql://coach_a@db/team?sslmode=prefer', '--db')\n"
        "assert tls_warning(location.params, {}) is not None\n"
        "try:\n"
        "    postgres_location('host=db password=Zq9x', '--db')\n"
        "except Exception:\n"
        "    pass\n"
        "assert 'psycopg' not in sys.modules, 'psycopg was imported'\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def refusal(location: str, source: str, kind: type[Exception], code: int) -> Any:
    """The error refusing a location, with the exit code for where it came from, naming that place."""
    with pytest.raises(kind) as refused:
        postgres_location(location, source)
    error: Any = refused.value
    assert error.exit_code == code and error.message.startswith(NAMED[source])
    return error


@pytest.mark.parametrize(
    "location",
    ["postgresql://coach_a:Zq9secret@db/team", "postgres://coach_a:Zq9secret@db", "postgresql://db/team?password=Zq9secret",
     "postgresql://db/team?sslpassword=Zq9secret", "host=db password=Zq9secret", "host=db password='Zq9 secret'",
     "service=agency sslpassword=Zq9secret", "host=db scram_client_key=Zq9secret",
     "host=db dbname='postgresql://u:Zq9secret@db/team'", "postgresql://coach_a:Zq9secret%40x@db/team"],
)  # fmt: skip
@pytest.mark.parametrize(("source", "kind", "code"), SOURCES)
def test_a_location_with_a_password_is_refused_without_showing_it(
    location: str, source: str, kind: type[Exception], code: int
) -> None:
    error = refusal(location, source, kind, code)
    assert "password" in error.message
    assert "~/.pgpass" in error.hint
    assert "Zq9" not in error.message + error.hint
    assert "Zq9" not in redacted(location)


@given(user=names, password=passwords, host=hosts, dbname=names)
def test_any_url_with_a_password_is_refused_and_never_shows_it(
    user: str, password: str, host: str, dbname: str
) -> None:
    escaped = quote(password, safe="")
    url = f"postgresql://{user}:{escaped}@{quote(host, safe='[]:') if host.startswith('/') else host}/{dbname}"
    with pytest.raises(UsageError) as refused:
        postgres_location(url, "--db")
    shown = refused.value.message + (refused.value.hint or "")
    printed = redacted(url)
    for secret in (password, escaped, escaped.lower()):
        assert secret not in shown and secret not in printed
    assert user in printed


@given(params=st.dictionaries(st.sampled_from(sorted(SECRETS)), passwords, min_size=1), host=names)
def test_any_keyword_string_with_a_secret_is_refused_and_never_shows_it(params: dict[str, str], host: str) -> None:
    location = format_conninfo({"host": host, **params})
    with pytest.raises(ConfigError) as refused:
        postgres_location(location, "PEERTOOL_DB")
    for secret in params.values():
        assert secret not in refused.value.message + (refused.value.hint or "") + redacted(location)


@pytest.mark.parametrize(
    "location",
    ["host='db", "host=db 'x'", "host=db dbname", "postgresql://db/team?sslmode", "postgresql://db/team?a=b=c",
     "postgresql://[::1/team", "postgresql://db/te%4", "postgresql://db/te%00am", "postgresql://db/team?colour=red",
     "hots=db dbname=team", "host=db\0"],
)  # fmt: skip
@pytest.mark.parametrize(("source", "kind", "code"), SOURCES)
def test_a_location_libpq_would_not_take_is_refused_without_quoting_it(
    location: str, source: str, kind: type[Exception], code: int
) -> None:
    error = refusal(location, source, kind, code)
    assert "cannot be read" in error.message
    assert "team" not in error.message and "db" not in error.message.replace("--db", "").replace("'database'", "")
    assert redacted(location) == UNREADABLE


def test_a_location_is_read_as_libpq_reads_it() -> None:
    assert parse_conninfo("postgresql://coach_a@db.agency.example:5433/team?sslmode=verify-full") == {
        "user": "coach_a", "host": "db.agency.example", "port": "5433", "dbname": "team", "sslmode": "verify-full"
    }  # fmt: skip
    assert parse_conninfo("postgresql://h1:5432,[::1]:5433/team?ssl=true") == {
        "host": "h1,::1", "port": "5432,5433", "dbname": "team", "sslmode": "require"
    }  # fmt: skip
    assert parse_conninfo("postgresql://%2Frun%2Fpostgresql/team") == {"host": "/run/postgresql", "dbname": "team"}
    assert parse_conninfo("POSTGRESQL://db/team") == {"host": "db", "dbname": "team"}
    assert parse_conninfo(r"service = agency application_name='peer tool' options=-c\ x=1") == {
        "service": "agency", "application_name": "peer tool", "options": "-c x=1"
    }  # fmt: skip
    assert parse_conninfo("postgresql://:@db") == {"host": "db"}  # an empty user and password are none


def test_a_checked_location_connects_with_exactly_what_was_checked() -> None:
    location = postgres_location("postgresql://coach_a@db/peer%20team?sslmode=require", "--db")
    assert location == PostgresLocation(
        {"user": "coach_a", "host": "db", "dbname": "peer team", "sslmode": "require"}, "--db"
    )
    assert location.conninfo == "user=coach_a dbname='peer team' host=db sslmode=require"
    assert parse_conninfo(location.conninfo) == location.params


@given(st.dictionaries(st.sampled_from([k for k in KEYWORDS if k not in SECRETS]), st.text(), max_size=6))
def test_any_parameters_survive_being_written_and_read_back(params: dict[str, str]) -> None:
    params = {keyword: value.replace("\0", "") for keyword, value in params.items()}
    assert parse_conninfo(format_conninfo(params)) == params


def test_a_printed_location_never_has_a_secret_and_keeps_the_rest() -> None:
    assert redacted("postgresql://coach_a:Zq9x@db:5433/team") == "user=coach_a dbname=team host=db port=5433"
    assert redacted("service=agency password=Zq9x") == "service=agency"
    assert "Zq9" not in redacted("host=db dbname='postgresql://u:Zq9x@db/team'")
    assert redacted("postgresql://") == "postgresql://"
    assert redacted("host='db") == UNREADABLE


def test_the_rules_here_agree_with_the_drivers_own() -> None:
    """psycopg (libpq itself) is the oracle: the same parameters, the same quoting."""
    conninfo = pytest.importorskip("psycopg.conninfo")
    checks = [
        "postgresql://coach_a:Zq9x@db:5433/team?sslmode=prefer&application_name=peer%20tool",
        "postgresql://h1,h2:5/d", "postgresql:///team?service=agency", "postgres://u@[::1]:5/d?ssl=true",
        r"host=db dbname='my team' user=a\'b options='-c x=1'", "postgresql://%2Ftmp%2Fpg/team",
    ]  # fmt: skip
    for location in checks:
        assert parse_conninfo(location) == conninfo.conninfo_to_dict(location), location
    params = {"user": "o'neil", "dbname": "peer team", "host": "db", "options": "", "application_name": "a\\b"}
    assert format_conninfo(params) == conninfo.make_conninfo(**params)


# Pieces of libpq's syntax, so generated locations reach its corners rather than failing at the first character.
PIECES = ["postgresql://", "password", "sslpassword", "user", "host", "dbname", "ssl", "true", "=", ":", "@", "/",
          "?", "&", ",", "[", "]", "%20", "%40", "%4", " ", "\t", "'", "\\", "a", "Zq9", "\x1f"]  # fmt: skip
locations = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


@given(st.one_of(locations, locations.map(lambda t: "postgresql://" + t), st.text(max_size=40)))
def test_wherever_the_driver_finds_a_password_the_location_is_refused(location: str) -> None:
    conninfo = pytest.importorskip("psycopg.conninfo")
    try:
        driver: dict[str, Any] | None = conninfo.conninfo_to_dict(location)
    except Exception:  # noqa: BLE001  # the driver would not take it either
        driver = None
    try:
        mine: dict[str, str] | None = parse_conninfo(location)
    except Unreadable:
        mine = None
    if driver is not None and mine is not None:
        assert mine == driver
    if driver is not None and SECRETS & driver.keys():
        with pytest.raises(UsageError):
            postgres_location(location, "--db")


@pytest.mark.parametrize(
    ("params", "env", "warned"),
    [
        ({"host": "db.agency.example"}, {}, "db.agency.example"),  # unset everywhere: libpq's prefer
        ({"host": "db.agency.example", "sslmode": "prefer"}, {}, "db.agency.example"),
        ({"host": "db.agency.example", "sslmode": "allow"}, {}, "db.agency.example"),
        ({"host": "10.0.0.5", "sslmode": "disable"}, {"PGSSLMODE": "verify-full"}, "10.0.0.5"),  # the location wins
        ({"host": "db.agency.example"}, {"PGSSLMODE": "disable"}, "db.agency.example"),
        ({}, {"PGHOST": "db.agency.example"}, "db.agency.example"),
        ({"host": "localhost,db.agency.example"}, {}, "db.agency.example"),  # any remote host of several
        ({"host": "db.agency.example", "hostaddr": "127.0.0.1"}, {}, None),  # it connects to the address
        ({"host": "localhost", "hostaddr": "192.0.2.7"}, {}, "192.0.2.7"),
        ({"host": "db.agency.example", "sslmode": "require"}, {}, None),
        ({"host": "db.agency.example", "sslmode": "verify-ca"}, {}, None),
        ({"host": "db.agency.example"}, {"PGSSLMODE": "verify-full"}, None),
        ({}, {}, None),  # the default unix socket
        ({"host": "/run/postgresql"}, {}, None),
        ({"host": "@peertool"}, {}, None),  # Linux's abstract socket
        ({"host": "localhost", "sslmode": "disable"}, {}, None),
        ({"host": "127.0.0.1"}, {}, None),
        ({"host": "::1"}, {}, None),
        ({"host": "127.0.0.53"}, {}, None),
        ({"host": "/tmp/pg,localhost,::1"}, {}, None),
    ],
)
def test_a_remote_server_without_required_tls_is_warned_of(
    params: dict[str, str], env: dict[str, str], warned: str | None
) -> None:
    warning = tls_warning(params, env)
    if warned is None:
        assert warning is None
    else:
        assert warning is not None and f"to {warned} " in warning and "sslmode=verify-full" in warning
        assert "\n" not in warning


@given(password=passwords, host=st.just("db.agency.example"))
def test_the_warning_never_shows_a_secret(password: str, host: str) -> None:
    warning = tls_warning({"host": host, "password": password, "sslpassword": password}, {"PGPASSWORD": password})
    assert warning is not None and password not in warning

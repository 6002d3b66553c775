"""What a database location names: a SQLite file, or a PostgreSQL server in libpq's own notation.

A location (`--db`, PEERTOOL_DB, `database:` in the config) is PostgreSQL when
it is a `postgresql://` or `postgres://` URL, or a libpq keyword string: it
starts with `word=` (`service=agency`, `host=db dbname=team`; a misspelt
keyword is refused, not made into a file). Anything else is a file path, and a
file whose name has an `=` is written with its folder (`./a=b.db`). Telling them apart
and reading the parameters is done here, in pure Python, so a SQLite user never
loads the PostgreSQL driver.

A password is never taken from a location: it would sit in shell history, in
`ps` output and in a config file. libpq reads it from `~/.pgpass` or a service
file instead. The connection string handed to the driver is rebuilt from the
parameters read here (`PostgresLocation.conninfo`), so the driver connects with
exactly what was checked.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

from peertool.errors import ConfigError, PeertoolError, UsageError

# libpq 18's connection keywords, in its own order (PQconndefaults): the order a location is written back in.
KEYWORDS = (
    "service", "user", "password", "passfile", "channel_binding", "connect_timeout", "dbname", "host", "hostaddr",
    "port", "client_encoding", "options", "application_name", "fallback_application_name", "keepalives",
    "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout", "sslmode", "sslnegotiation",
    "sslcompression", "sslcert", "sslkey", "sslcertmode", "sslpassword", "sslrootcert", "sslcrl", "sslcrldir", "sslsni",
    "requirepeer", "require_auth", "min_protocol_version", "max_protocol_version", "ssl_min_protocol_version",
    "ssl_max_protocol_version", "gssencmode", "krbsrvname", "gsslib", "gssdelegation", "replication",
    "target_session_attrs", "load_balance_hosts", "scram_client_key", "scram_server_key", "oauth_issuer",
    "oauth_client_id", "oauth_client_secret", "oauth_scope", "sslkeylogfile",
)  # fmt: skip
# Keywords whose value lets someone log in as you: never accepted, never shown.
SECRETS = frozenset({"password", "sslpassword", "scram_client_key", "scram_server_key", "oauth_client_secret"})
URL_SCHEMES = ("postgresql://", "postgres://")
PASSWORD_HINT = (
    "Remove it and put it in ~/.pgpass (host:port:database:user:password, mode 0600) or use a service; "
    "if it was typed or shared, change it."
)
READ_HINT = (
    "Write it as postgresql://USER@HOST:PORT/DATABASE, or as libpq keywords: host=HOST dbname=DATABASE; "
    "a file whose name has '=' in it is given with its folder, as ./a=b.db."
)
SPACE = " \t\n\v\f\r"  # C's isspace, as libpq reads a keyword string (not Python's wider idea of a space)
_KEYWORD_START = re.compile(r"[ \t\n\v\f\r]*[A-Za-z_]+[ \t\n\v\f\r]*=")
_PAIR_START = re.compile(r"([^= \t\n\v\f\r]*)[ \t\n\v\f\r]*=[ \t\n\v\f\r]*")
_NEEDS_QUOTES = re.compile(r"\s")


class Unreadable(ValueError):
    """A location libpq would not accept; its text is a fixed reason that never quotes the location."""


@dataclass(frozen=True)
class PostgresLocation:
    """A PostgreSQL location, read and checked: its parameters (never a secret) and what named it."""

    params: dict[str, str]
    source: str

    @property
    def conninfo(self) -> str:
        """The libpq keyword string to connect with: exactly the parameters that were checked."""
        return format_conninfo(self.params)


def is_postgres(location: str) -> bool:
    """Whether a location names a PostgreSQL server rather than a SQLite file (pure text test, no driver)."""
    if location.lower().startswith(URL_SCHEMES):
        return True
    return _KEYWORD_START.match(location) is not None


def postgres_location(location: str, source: str) -> PostgresLocation:
    """Read a PostgreSQL location, refusing one that cannot be read or that carries a password.

    `source` is what chose it, as `backends.database_location` says: "--db", "PEERTOOL_DB", "config PATH".
    A value typed on the command line is a usage error (2); one from the
    environment or a config file is a configuration error (5), as every other
    bad setting there is. No message quotes the location: it may hold the secret.
    """
    try:
        params = parse_conninfo(location)
    except Unreadable as exc:
        raise _refusal(source, f"the PostgreSQL location cannot be read: {exc}.", READ_HINT) from None
    found = secrets_in(params)
    if found:
        named = "" if found == ["password"] else f" ({', '.join(found)})"
        raise _refusal(source, f"a PostgreSQL location must not carry a password{named}.", PASSWORD_HINT)
    return PostgresLocation(params, source)


def secrets_in(params: Mapping[str, str]) -> list[str]:
    """The secret keywords a set of parameters carries (also checks a `dbname` that is itself a location)."""
    found = sorted(SECRETS & params.keys())
    inner = params.get("dbname", "")
    if not found and is_postgres(inner):
        try:
            found = secrets_in(parse_conninfo(inner))
        except Unreadable:
            return []
    return found


def _refusal(source: str, message: str, hint: str) -> PeertoolError:
    """Typed on the command line: usage (2). From PEERTOOL_DB or a config file: bad config (5), naming the key."""
    if source == "--db":
        return UsageError(f"--db: {message}", hint)
    if source.startswith("config "):
        source = f"config file {source.removeprefix('config ')}: key 'database'"
    return ConfigError(f"{source}: {message}", hint)


def parse_conninfo(location: str) -> dict[str, str]:
    """libpq's reading of a URL or keyword string, as a dict; Unreadable where libpq would refuse it."""
    if "\0" in location:
        raise Unreadable("it holds a NUL character")
    if location.lower().startswith(URL_SCHEMES):
        return _parse_url(location)
    return _parse_keywords(location)


def _parse_keywords(text: str) -> dict[str, str]:
    """`key=value` pairs separated by spaces; a value in single quotes may hold spaces; `\\` escapes."""
    params: dict[str, str] = {}
    i, n = 0, len(text)
    while True:
        while i < n and text[i] in SPACE:
            i += 1
        if i == n:
            return params
        match = _PAIR_START.match(text, i)
        if match is None or not match.group(1):
            raise Unreadable("a keyword is missing its '='")
        keyword, i = match.group(1), match.end()
        value, i = _keyword_value(text, i)
        params[_known(keyword)] = value


def _keyword_value(text: str, i: int) -> tuple[str, int]:
    """One value from position i, and where the next pair starts."""
    quoted = i < len(text) and text[i] == "'"
    i += quoted
    out: list[str] = []
    while i < len(text):
        char = text[i]
        if char == "\\":  # the next character as it is; a last lone one is dropped, as libpq drops it
            out.append(text[i + 1 : i + 2])
            i += 2
            continue
        if (quoted and char == "'") or (not quoted and char in SPACE):
            return "".join(out), i + 1
        out.append(char)
        i += 1
    if quoted:
        raise Unreadable("a quoted value is not closed")
    return "".join(out), i


def _parse_url(text: str) -> dict[str, str]:
    """`scheme://[user[:password]@][host[:port][,...]][/dbname][?keyword=value&...]`, %-escapes decoded."""
    rest = text.split("://", 1)[1]
    params: dict[str, str] = {}
    cut = min((rest.find(c) for c in "@/" if c in rest), default=len(rest))
    if cut < len(rest) and rest[cut] == "@":
        user, colon, password = rest[:cut].partition(":")
        _store(params, "user", user)
        if colon:
            _store(params, "password", password)
        rest = rest[cut + 1 :]
    hosts, ports, rest = _hostspec(rest)
    _store(params, "host", ",".join(hosts))
    _store(params, "port", ",".join(ports))
    path, _, query = rest.partition("?")
    if path.startswith("/"):
        _store(params, "dbname", path[1:])
    for pair in query.split("&") if query else []:
        keyword, equals, value = pair.partition("=")
        if not equals or "=" in value:
            raise Unreadable("a query parameter is not keyword=value")
        keyword, value = _decoded(keyword), _decoded(value)
        if keyword == "ssl" and value == "true":  # libpq's JDBC-style spelling
            keyword, value = "sslmode", "require"
        params[_known(keyword)] = value
    return params


def _hostspec(rest: str) -> tuple[list[str], list[str], str]:
    """The comma-separated hosts and ports before the path or query (as typed), and what follows them."""
    hosts: list[str] = []
    ports: list[str] = []
    while True:
        if rest.startswith("["):
            end = rest.find("]")
            if end < 0:
                raise Unreadable("an IPv6 address is missing its ']'")
            host, rest = rest[1:end], rest[end + 1 :]
        else:
            end = _first(rest, ":/?,")
            host, rest = rest[:end], rest[end:]
        port = ""
        if rest.startswith(":"):
            end = _first(rest, "/?,")
            port, rest = rest[1:end], rest[end:]
        hosts.append(host)
        ports.append(port)
        if not rest.startswith(","):
            return hosts, ports, rest
        rest = rest[1:]


def _first(text: str, stops: str) -> int:
    return min((text.find(c) for c in stops if c in text), default=len(text))


def _store(params: dict[str, str], keyword: str, raw: str) -> None:
    """libpq keeps a part of a URL that was typed, even one that decodes to nothing."""
    if raw:
        params[keyword] = _decoded(raw)


def _decoded(raw: str) -> str:
    """A part of a URL: spaces around it dropped, one inside refused (write %20), %-escapes decoded."""
    raw = raw.strip(" ")
    if " " in raw:
        raise Unreadable("a part of the URL holds a space; write it as %20")
    if re.search(r"%(?![0-9A-Fa-f]{2})", raw):
        raise Unreadable("a %-escape is not two hex digits")
    value = unquote_to_bytes(raw)
    if b"\0" in value:
        raise Unreadable("a %-escape is %00")
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        raise Unreadable("a %-escape is not UTF-8 text") from None


def _known(keyword: str) -> str:
    if keyword not in KEYWORDS:
        raise Unreadable("it names a parameter libpq does not know")
    return keyword


def format_conninfo(params: Mapping[str, str]) -> str:
    """Parameters as a libpq keyword string, in libpq's order, quoted as psycopg's `make_conninfo` quotes them."""
    order = sorted(params, key=lambda k: KEYWORDS.index(k) if k in KEYWORDS else len(KEYWORDS))
    return " ".join(f"{keyword}={_quoted(params[keyword])}" for keyword in order)


def _quoted(value: str) -> str:
    if not value:
        return "''"
    value = value.replace("\\", "\\\\").replace("'", "\\'")
    return f"'{value}'" if _NEEDS_QUOTES.search(value) else value


def redacted(location: str) -> str:
    """A location fit to print: a file path as it is; a PostgreSQL location as keywords, never with a secret.

    The driver's own parser reads it when the driver is installed (it is the
    authority on what libpq takes); else the one here. Either way the secret
    keywords are dropped, and what cannot be read is not shown at all.
    """
    if not is_postgres(location):
        return location
    try:
        params = _driver_reading(location)
    except Unreadable:
        return UNREADABLE
    kept = {keyword: value for keyword, value in params.items() if keyword not in SECRETS}
    if is_postgres(kept.get("dbname", "")):
        kept["dbname"] = redacted(kept["dbname"])
    return format_conninfo(kept) or "postgresql://"  # no parameters: libpq's defaults


UNREADABLE = "(a PostgreSQL location that cannot be read)"


def _driver_reading(location: str) -> dict[str, str]:
    """psycopg's reading of the location when psycopg is installed and takes it, else this module's.

    What this module cannot read is not shown, even if the driver takes it (it cuts a value at a NUL).
    """
    from importlib import import_module
    from importlib.util import find_spec

    mine = parse_conninfo(location)
    if find_spec("psycopg") is not None:  # imported by name: the type checks pass where it is not installed
        try:
            driver = import_module("psycopg.conninfo").conninfo_to_dict(location)
            return {str(keyword): str(value) for keyword, value in driver.items()}
        except Exception:  # noqa: BLE001  # its errors may quote the text: what was read here is shown
            pass
    return mine


# sslmode values that let the connection go without TLS, or accept a server that drops it.
WEAK_SSLMODES = frozenset({"disable", "allow", "prefer"})


def tls_warning(params: Mapping[str, str], env: Mapping[str, str]) -> str | None:
    """The warning a command gives once when records may cross the network unencrypted, else None.

    `params` are the connection's parameters (best: the effective ones after
    connecting, which include a service file's); PGSSLMODE, PGHOST and
    PGHOSTADDR in `env` apply where they are absent, as libpq applies them.
    Unset, sslmode is libpq's `prefer`: TLS if the server offers it, silently
    none if not (or if someone in between says so). A unix socket and the
    loopback addresses never leave the machine.
    """
    mode = params.get("sslmode") or env.get("PGSSLMODE") or "prefer"
    if mode not in WEAK_SSLMODES:
        return None
    remote = [target for target in _targets(params, env) if not _is_local(target)]
    if not remote:
        return None
    return (
        f"the connection to {', '.join(remote)} is not required to use TLS (sslmode={mode}), so records may cross "
        "the network unencrypted; add sslmode=verify-full (or require) to the location, or set PGSSLMODE."
    )


def _targets(params: Mapping[str, str], env: Mapping[str, str]) -> list[str]:
    """Where each of the location's hosts connects: its hostaddr when one is given, else its host name."""
    hosts = (params.get("host") or env.get("PGHOST") or "").split(",")
    addresses = (params.get("hostaddr") or env.get("PGHOSTADDR") or "").split(",")
    count = max(len(hosts), len(addresses))
    hosts += [""] * (count - len(hosts))
    addresses += [""] * (count - len(addresses))
    return [address.strip() or host.strip() for host, address in zip(hosts, addresses, strict=True)]


def _is_local(target: str) -> bool:
    """A unix socket (a folder, or Linux's abstract `@name`), the default socket, localhost or a loopback address."""
    import ipaddress

    if target in ("", "localhost") or target.startswith(("/", "@")):
        return True
    try:
        return ipaddress.ip_address(target).is_loopback
    except ValueError:
        return False

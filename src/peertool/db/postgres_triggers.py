"""The audit log's triggers on PostgreSQL: the twins of `triggers.py`'s, built from the same tables and texts, so the
two backends never drift.

SQLite needs three triggers per audited table and one statement per guard; PostgreSQL passes arguments to a trigger
function, so here one function logs every audited table (its key column is the trigger's argument) and one refuses
whatever a guard forbids (its message is the argument). Each audited table has one trigger, `audit_<table>`, for
insert, update and delete; the guards keep SQLite's names. `audit_no_replace` has no twin: `audit.id` is a primary
key, PostgreSQL has no `INSERT OR REPLACE`, and `INSERT ... ON CONFLICT DO UPDATE` meets the update guards.
PostgreSQL has TRUNCATE, which SQLite has not and which skips row triggers: `audit_no_truncate` refuses it.
"""

from peertool.db.triggers import (
    APPEND_ONLY_MESSAGE,
    AUDIT_FIXED,
    AUDIT_SEALED,
    AUDITED,
    OTHER_TOOL,
    SIGNED_ALL,
    STAYS_SIGNED_MESSAGE,
    UNKNOWN_USER,
)

# The advisory lock every write holds, peertool's and any other tool's: "peertool" in ASCII, as one bigint.
WRITE_LOCK = int.from_bytes(b"peertool", "big")
LOG_FUNCTION = "audit_log"
REFUSE_FUNCTION = "peertool_refuse"
NAME_FUNCTION = "audit_named"
IMPORTED = " (imported)"  # how `db import` marks the rows of a file's log (safety/moving_in.py)
# The SQLSTATE of a refusal: SQLite's RAISE(ABORT) is an IntegrityError there, 23000 is one in psycopg.
REFUSED_STATE = "23000"


def literal(text: str) -> str:
    """`text` as an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


# The log's time: the statement's, in UTC, to the second.
NOW = """to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"""


# The bodies of the trigger functions, as PostgreSQL keeps them (`pg_proc.prosrc`): `audit verify` compares them.
# audit_log writes the same unsealed row as SQLite's `logging_trigger`: UTC time to the second, who and what left
# for peertool's seal, the record's key and the action; never a value. It first takes the write lock, as SQLite's
# file lock would: another tool's change (psql) then waits for peertool's write to commit, so its audit row gets an
# id after that write's rows, never one that peertool seals as its own or that lands behind the sealed chain.
BODIES = {
    LOG_FUNCTION: f"""
        DECLARE
            changed jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
        BEGIN
            PERFORM pg_advisory_xact_lock({WRITE_LOCK});
            INSERT INTO audit (at, os_user, command, table_name, record_id, action)
            VALUES ({NOW},
                    {literal(UNKNOWN_USER)}, {literal(OTHER_TOOL)}, TG_TABLE_NAME,
                    (changed ->> TG_ARGV[0])::bigint, lower(TG_OP));
            RETURN NULL;
        END
        """,
    REFUSE_FUNCTION: f"""
        BEGIN
            RAISE EXCEPTION USING MESSAGE = TG_ARGV[0], ERRCODE = {literal(REFUSED_STATE)};
        END
        """,
    # Every row of the log names the role the server authenticated, at the server's time. Only audit_log writes
    # one (it runs as the tables' owner), or the owner: a staff role writes only a coach's file's log, which
    # `db import` appends marked "(imported)", keeping the file's own user and time with the role that brought it
    # in, so a mark anyone can write never hides who wrote it, nor makes a record look just inserted.
    NAME_FUNCTION: f"""
        BEGIN
            IF right(coalesce(NEW.command, ''), {len(IMPORTED)}) <> {literal(IMPORTED)} THEN
                IF NOT pg_has_role(current_user, (SELECT c.relowner FROM pg_catalog.pg_class c
                                                  WHERE c.oid = TG_RELID), 'MEMBER') THEN
                    RAISE EXCEPTION 'only the log''s trigger writes a row of it; a role writes only a file''s log'
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                NEW.os_user := session_user;
                NEW.at := {NOW};
            ELSE
                NEW.os_user := left(coalesce(NEW.os_user, ''), 200) || ' (via ' || session_user || ')';
            END IF;
            RETURN NEW;
        END
        """,
}
# audit_log runs as the owner of the tables (SECURITY DEFINER): a staff member's role writes the log through it,
# and has no privilege to insert into the log itself.
# pg_temp last, so a role's temporary table named `audit` never takes the log's rows.
SEARCH_PATH = "pg_catalog, public, pg_temp"
_DEFINER = {LOG_FUNCTION: f" SECURITY DEFINER SET search_path = {SEARCH_PATH}"}
# How `audit verify` reads back a function's settings after its body (`Database.stored_triggers`).
DEFINER_SUFFIX = f"\n-- security definer: search_path={SEARCH_PATH}"
FUNCTIONS = {
    name: f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql{_DEFINER.get(name, '')} AS $${body}$$"
    for name, body in BODIES.items()
}
# Each trigger is written as PostgreSQL prints it back (`pg_get_triggerdef`): lower-case row names, every
# condition in parentheses, events in its order, the table named with its schema. So what `audit verify` reads
# from the catalog equals what is made here, with no parsing (tests/test_db_postgres_triggers.py checks it).
SCHEMA = "public"


def _refuse(name: str, when: str, message: str, condition: str = "") -> str:
    """A guard: the trigger `name` refuses the change `when` describes with `message`."""
    row = "FOR EACH STATEMENT" if "TRUNCATE" in when else "FOR EACH ROW"
    test = f" WHEN ({condition})" if condition else ""  # `condition` already in its own parentheses
    return f"CREATE TRIGGER {name} {when} {row}{test} EXECUTE FUNCTION {REFUSE_FUNCTION}({literal(message)})"


GUARDS = {
    "audit_no_update": _refuse(
        "audit_no_update", f"BEFORE UPDATE OF {', '.join(AUDIT_FIXED)} ON {SCHEMA}.audit", APPEND_ONLY_MESSAGE
    ),
    "audit_seal_once": _refuse(
        "audit_seal_once",
        f"BEFORE UPDATE OF {', '.join(AUDIT_SEALED)} ON {SCHEMA}.audit",
        APPEND_ONLY_MESSAGE,
        "(old.hash IS NOT NULL)",
    ),
    "audit_no_delete": _refuse("audit_no_delete", f"BEFORE DELETE ON {SCHEMA}.audit", APPEND_ONLY_MESSAGE),
    "audit_named_by_server": f"CREATE TRIGGER audit_named_by_server BEFORE INSERT ON {SCHEMA}.audit FOR EACH ROW "
    f"EXECUTE FUNCTION {NAME_FUNCTION}()",
    "audit_no_truncate": _refuse("audit_no_truncate", f"BEFORE TRUNCATE ON {SCHEMA}.audit", APPEND_ONLY_MESSAGE),
    **{
        f"{table}_stay_signed": _refuse(
            f"{table}_stay_signed",
            f"BEFORE UPDATE OF signed ON {SCHEMA}.{table}",
            STAYS_SIGNED_MESSAGE,
            "((old.signed = 1) AND (new.signed IS DISTINCT FROM 1))",
        )
        for table in SIGNED_ALL
    },
}


def logging_trigger(table: str, key: str) -> str:
    """The trigger that logs every change to `table` by any connection, naming the record by `key`."""
    return (
        f"CREATE TRIGGER audit_{table} AFTER INSERT OR DELETE OR UPDATE ON {SCHEMA}.{table} "
        f"FOR EACH ROW EXECUTE FUNCTION {LOG_FUNCTION}({literal(key)})"
    )


def expected_triggers() -> dict[str, str]:
    """Every trigger a PostgreSQL database should hold, by name, with the statement that makes it."""
    return {**GUARDS, **{f"audit_{table}": logging_trigger(table, key) for table, key in AUDITED.items()}}


def expected_definitions() -> dict[str, str]:
    """What `audit verify` should find: every trigger's definition, and each trigger function's body under
    "function NAME()" (a function changed in place would silence every trigger that calls it), with its settings
    when it runs as the owner (one that lost them could be made to write elsewhere)."""
    return {
        **expected_triggers(),
        **{f"function {name}()": body + (DEFINER_SUFFIX if name in _DEFINER else "") for name, body in BODIES.items()},
    }


def statements() -> list[str]:
    """The trigger functions, then every trigger, in the order the baseline creates them."""
    return [*FUNCTIONS.values(), *expected_triggers().values()]

"""The PostgreSQL baseline (issue 29) holds the same schema and rows as a fresh SQLite database at 0030: compared
through SQLite's PRAGMAs and PostgreSQL's catalogs, fact by fact, so a difference names its table."""

import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
import sqlite_utils

from peertool.db import migrations, triggers
from peertool.db.postgres_schema import BOOKKEEPING, MIGRATIONS_TABLE, baseline

from pg_server import apply_baseline, fresh_database

pytestmark = pytest.mark.postgres

SQLITE_ONLY = {"sqlite_sequence", "_sqlite_migrations"}  # AUTOINCREMENT's counters (identities here), bookkeeping
HIDDEN = "rowid"  # the identity a table without an `id` gets, left out of every comparison
DELETE_RULES = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}
Rows = list[tuple[Any, ...]]


@pytest.fixture(scope="module")
def lite() -> Iterator[sqlite3.Connection]:
    """A fresh SQLite database migrated to the latest migration, in memory."""
    db = sqlite_utils.Database(memory=True)
    migrations.sqlite_set().apply(db)
    yield db.conn
    db.conn.close()


@pytest.fixture
def pg(pg_database: str) -> Iterator[psycopg.Connection[tuple[Any, ...]]]:
    """A fresh PostgreSQL database after the baseline."""
    apply_baseline(pg_database)
    with psycopg.connect(pg_database, autocommit=True) as conn:
        yield conn


def sqlite_tables(lite: sqlite3.Connection) -> list[str]:
    names = lite.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
    return [name for (name,) in names if name not in SQLITE_ONLY]


def pg_rows(pg: psycopg.Connection[tuple[Any, ...]], query: str) -> Rows:
    return pg.execute(query).fetchall()


def by_table(rows: Rows) -> dict[str, Rows]:
    grouped: dict[str, Rows] = defaultdict(list)
    for table, *rest in rows:
        grouped[table].append(tuple(rest))
    return dict(grouped)


def pg_columns(pg: psycopg.Connection[tuple[Any, ...]]) -> dict[str, Rows]:
    """(name, NOT NULL, has a default) of each table's columns in order, the hidden rowid left out."""
    return by_table(
        pg_rows(
            pg,
            f"""SELECT table_name, column_name, is_nullable = 'NO', column_default IS NOT NULL
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '{MIGRATIONS_TABLE}'
                AND column_name <> '{HIDDEN}' ORDER BY table_name, ordinal_position""",
        )
    )


def sqlite_columns(lite: sqlite3.Connection) -> dict[str, Rows]:
    """The same from SQLite; a primary key column counts as NOT NULL, as PostgreSQL makes it."""
    return {
        table: [
            (name, bool(notnull or pk), default is not None)
            for _, name, _, notnull, default, pk in lite.execute(f"PRAGMA table_info({table})")
        ]
        for table in sqlite_tables(lite)
    }


def test_the_same_tables_and_columns_in_order_with_not_null_and_defaults(lite: sqlite3.Connection, pg: Any) -> None:
    assert pg_columns(pg) == sqlite_columns(lite)


def test_each_column_has_its_translated_type_and_text_sorts_as_binary(lite: sqlite3.Connection, pg: Any) -> None:
    types = {"INTEGER": ("bigint", None), "TEXT": ("text", "C"), "REAL": ("double precision", None)}
    expected = {
        (table, name): types[kind]
        for table in sqlite_tables(lite)
        for _, name, kind, *_ in lite.execute(f"PRAGMA table_info({table})")
    }
    found = pg_rows(
        pg,
        f"""SELECT table_name, column_name, data_type, collation_name FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> '{MIGRATIONS_TABLE}' AND column_name <> '{HIDDEN}'""",
    )
    assert {(table, name): (kind, collation) for table, name, kind, collation in found} == expected


def test_tables_without_an_id_have_a_hidden_rowid_identity(lite: sqlite3.Connection, pg: Any) -> None:
    without_id = {t for t, columns in sqlite_columns(lite).items() if "id" not in [c[0] for c in columns]}
    hidden = pg_rows(
        pg,
        f"""SELECT table_name, is_identity, identity_generation FROM information_schema.columns
            WHERE table_schema = 'public' AND column_name = '{HIDDEN}'""",
    )
    assert without_id == {
        "attendance",
        "meeting_threads",
        "outing_people",
        "activity_people",
        "settings",
        "imported_ids",
    }
    assert sorted(hidden) == sorted((table, "YES", "ALWAYS") for table in without_id)


def sqlite_keys(lite: sqlite3.Connection) -> set[tuple[str, tuple[str, ...], str]]:
    """(table, columns, 'p' or 'u') of every primary key and UNIQUE constraint."""
    keys = set()
    for table in sqlite_tables(lite):
        pk = sorted((pk, name) for _, name, _, _, _, pk in lite.execute(f"PRAGMA table_info({table})") if pk)
        keys.add((table, tuple(name for _, name in pk), "p"))
        for _, index, _, origin, _ in lite.execute(f"PRAGMA index_list({table})"):
            if origin == "u":
                columns = tuple(r[2] for r in lite.execute(f"PRAGMA index_info({index})"))
                keys.add((table, columns, "u"))
    return keys


def test_the_same_primary_keys_and_unique_constraints(lite: sqlite3.Connection, pg: Any) -> None:
    found = pg_rows(
        pg,
        f"""SELECT c.conrelid::regclass::text, array_agg(a.attname ORDER BY k.n), c.contype::text
            FROM pg_constraint c CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(col, n)
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.col
            WHERE c.contype IN ('p', 'u') AND c.connamespace = 'public'::regnamespace
            AND c.conrelid <> '{MIGRATIONS_TABLE}'::regclass GROUP BY c.oid""",
    )
    assert {(table, tuple(columns), kind) for table, columns, kind in found} == sqlite_keys(lite)


def test_the_same_foreign_keys_with_their_targets_and_on_delete(lite: sqlite3.Connection, pg: Any) -> None:
    expected = {
        (table, column, target, to, on_delete)
        for table in sqlite_tables(lite)
        for _, _, target, column, to, _, on_delete, _ in lite.execute(f"PRAGMA foreign_key_list({table})")
    }
    found = pg_rows(
        pg,
        """SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, af.attname, c.confdeltype
           FROM pg_constraint c CROSS JOIN LATERAL unnest(c.conkey, c.confkey) AS k(col, fcol)
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.col
           JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = k.fcol WHERE c.contype = 'f'""",
    )
    assert len(expected) > 50
    assert {(t, c, target, to, DELETE_RULES[rule]) for t, c, target, to, rule in found} == expected


def sqlite_indexes(lite: sqlite3.Connection) -> set[tuple[str, str, tuple[str, ...], bool, str | None]]:
    """(name, table, columns, unique, partial condition) of every index made by CREATE INDEX."""
    indexes = set()
    for table in sqlite_tables(lite):
        for _, name, unique, origin, _ in lite.execute(f"PRAGMA index_list({table})"):
            if origin == "c":
                columns = tuple(r[2] for r in lite.execute(f"PRAGMA index_info({name})"))
                (sql,) = lite.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()
                where = re.search(r"\bWHERE\s+(.+?)\s*$", sql, re.S)
                indexes.add((name, table, columns, bool(unique), where[1] if where else None))
    return indexes


def test_the_same_indexes_by_name_columns_uniqueness_and_condition(lite: sqlite3.Connection, pg: Any) -> None:
    found = pg_rows(
        pg,
        f"""SELECT i.indexrelid::regclass::text, i.indrelid::regclass::text,
                   array_agg(a.attname ORDER BY k.n), i.indisunique, pg_get_expr(i.indpred, i.indrelid)
            FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(col, n)
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.col
            JOIN pg_class t ON t.oid = i.indrelid AND t.relnamespace = 'public'::regnamespace
            WHERE i.indexrelid NOT IN (SELECT conindid FROM pg_constraint) AND t.relname <> '{MIGRATIONS_TABLE}'
            GROUP BY i.indexrelid, i.indrelid, i.indisunique, i.indpred""",
    )
    unwrapped = {(n, t, tuple(c), u, p[1:-1] if p else None) for n, t, c, u, p in found}
    assert unwrapped == sqlite_indexes(lite)
    assert len(unwrapped) == 40


def sqlite_checks(lite: sqlite3.Connection) -> dict[str, list[tuple[str, ...]]]:
    """Each table's CHECK constraints, each as the sorted columns it reads, from the stored CREATE TABLE."""
    checks: dict[str, list[tuple[str, ...]]] = {}
    for table in sqlite_tables(lite):
        (sql,) = lite.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()
        columns = {r[1] for r in lite.execute(f"PRAGMA table_info({table})")}
        checks[table] = []
        for found in re.finditer(r"\bCHECK\s*\(", sql):
            depth, end = 1, found.end()
            while depth:
                depth += {"(": 1, ")": -1}.get(sql[end], 0)
                end += 1
            words = set(re.findall(r"\b\w+\b", re.sub(r"'[^']*'", "", sql[found.end() : end])))
            checks[table].append(tuple(sorted(words & columns)))
        checks[table].sort()
    return checks


def test_each_table_has_as_many_checks_on_the_same_columns(lite: sqlite3.Connection, pg: Any) -> None:
    found = pg_rows(
        pg,
        """SELECT t.relname, coalesce((SELECT array_agg(a.attname::text ORDER BY a.attname) FROM pg_attribute a
                WHERE a.attrelid = t.oid AND a.attnum = ANY (c.conkey)), '{}') FROM pg_class t JOIN pg_constraint c
            ON c.conrelid = t.oid AND c.contype = 'c' WHERE t.relnamespace = 'public'::regnamespace""",
    )
    checks = {table: sorted(tuple(columns) for t, columns in found if t == table) for table in sqlite_tables(lite)}
    expected = sqlite_checks(lite)
    assert sum(len(columns) for columns in expected.values()) > 80
    assert checks == expected
    assert MIGRATIONS_TABLE not in {table for table, _ in found}


def test_every_audited_table_logs_insert_update_and_delete_on_both(lite: sqlite3.Connection, pg: Any) -> None:
    logged = lite.execute(
        "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%INSERT INTO audit%'"
    )
    on_sqlite = {(table, name.rsplit("_", 1)[1].upper()) for table, name in logged}
    found = pg_rows(
        pg,
        """SELECT event_object_table, event_manipulation, action_timing, action_orientation, action_statement
           FROM information_schema.triggers WHERE trigger_name = 'audit_' || event_object_table""",
    )
    assert {(row[0], row[1]) for row in found} == on_sqlite
    assert {table for table, _ in on_sqlite} == set(triggers.AUDITED)
    assert {(t, timing, each) for t, _, timing, each, _ in found} == {(t, "AFTER", "ROW") for t in triggers.AUDITED}
    assert {statement for *_, statement in found} == {
        f"EXECUTE FUNCTION audit_log('{key}')" for key in set(triggers.AUDITED.values())
    }


def test_the_same_settings_rows_and_every_migration_recorded_as_applied(lite: sqlite3.Connection, pg: Any) -> None:
    pg_settings = pg_rows(pg, "SELECT key, length(value) FROM settings ORDER BY rowid")
    lite_settings = lite.execute("SELECT key, length(value) FROM settings ORDER BY rowid").fetchall()
    # The co-sign draws' key (made by 0032's twin, which the baseline runs before its own rows) and the team's audit
    # key: a file draws with its pseudonym key, and its audit key is the user's own file.
    assert pg_settings == [("cosign_key", 64), *lite_settings, ("audit_key", 64)]
    applied = pg_rows(pg, f"SELECT migration_set, name FROM {MIGRATIONS_TABLE} ORDER BY id")
    assert applied == lite.execute("SELECT migration_set, name FROM _sqlite_migrations ORDER BY id").fetchall()
    assert applied[-1][1] == migrations.LATEST_MIGRATION
    for table in sqlite_tables(lite):
        if table != "settings":
            assert pg_rows(pg, f"SELECT count(*) FROM {table}") == [(0,)], table


def test_the_bookkeeping_table_has_sqlite_utils_columns(lite: sqlite3.Connection, pg: Any) -> None:
    columns = pg_rows(
        pg,
        f"""SELECT column_name FROM information_schema.columns WHERE table_name = '{MIGRATIONS_TABLE}'
            ORDER BY ordinal_position""",
    )
    assert columns == [(r[1],) for r in lite.execute("PRAGMA table_info(_sqlite_migrations)")]
    assert MIGRATIONS_TABLE in BOOKKEEPING[0]


def test_no_statement_without_parameters_holds_a_placeholder_or_percent() -> None:
    statements = baseline()
    assert all("?" not in sql and "%" not in sql for sql, params in statements if not params)
    assert all(sql.count("?") == len(params) for sql, params in statements if params)


SNAPSHOT = """
    SELECT 'column', table_name || '.' || column_name || ' ' || data_type || ' ' || coalesce(column_default, '')
        || is_nullable || coalesce(collation_name, '') || ordinal_position FROM information_schema.columns
        WHERE table_schema = 'public'
    UNION ALL SELECT 'constraint', conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
        FROM pg_constraint WHERE connamespace = 'public'::regnamespace
    UNION ALL SELECT 'index', indexdef FROM pg_indexes WHERE schemaname = 'public'
    UNION ALL SELECT 'trigger', pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal
    UNION ALL SELECT 'function', pg_get_functiondef(p.oid) FROM pg_proc p
        WHERE p.pronamespace = 'public'::regnamespace AND p.prokind = 'f'
    UNION ALL SELECT 'aggregate', p.oid::regprocedure::text FROM pg_proc p
        WHERE p.pronamespace = 'public'::regnamespace AND p.prokind = 'a'
    UNION ALL SELECT 'setting', key FROM settings
    ORDER BY 1, 2"""


def test_the_baseline_is_the_same_on_two_databases_but_for_its_secrets(pg: Any, pg_server: str) -> None:
    with fresh_database(pg_server) as other:
        apply_baseline(other)
        with psycopg.connect(other) as conn:
            snapshot = conn.execute(SNAPSHOT).fetchall()
            secrets = conn.execute("SELECT key, value FROM settings ORDER BY key").fetchall()
    assert len(snapshot) > 700
    assert pg_rows(pg, SNAPSHOT) == snapshot
    mine = pg_rows(pg, "SELECT key, value FROM settings ORDER BY key")
    keys = ["audit_key", "cosign_key", "pseudonym_key", "site_id"]
    assert [key for key, _ in mine] == [key for key, _ in secrets] == keys
    assert all(a != b for (_, a), (_, b) in zip(mine, secrets, strict=True))
    assert all(re.fullmatch(r"[0-9a-f]{64}", value) for _, value in mine[:3])
    assert re.fullmatch(r"site-[0-9a-f]{8}", mine[3][1])

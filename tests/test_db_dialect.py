"""`db.dialect`: peertool's SQL (sqlite3's `?` and `:name`) made psycopg's, never inside quotes or comments."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peertool.db.dialect import for_postgres

CASES = [
    ("SELECT id FROM participants WHERE id = ?", "SELECT id FROM participants WHERE id = %s"),
    ("SELECT ? , ?,?", "SELECT %s , %s,%s"),
    ("WHERE held_on BETWEEN :start AND :end", "WHERE held_on BETWEEN %(start)s AND %(end)s"),
    ("WHERE a = :a1 AND b = :_b", "WHERE a = %(a1)s AND b = %(_b)s"),
    ("SELECT 100 * x / y AS '%'", "SELECT 100 * x / y AS '%%'"),
    ("WHERE name LIKE ? || '%' AND note <> 'why?'", "WHERE name LIKE %s || '%%' AND note <> 'why?'"),
    ("SELECT 'it''s :not ?', ?", "SELECT 'it''s :not ?', %s"),
    ("SELECT ''''", "SELECT ''''"),
    ('SELECT "odd?name", "a "" :b" FROM t WHERE c = ?', 'SELECT "odd?name", "a "" :b" FROM t WHERE c = %s'),
    ("SELECT ? -- is it ? or :named, 100%\n, ?", "SELECT %s -- is it ? or :named, 100%%\n, %s"),
    ("SELECT /* ? :x\n 5% */ ?", "SELECT /* ? :x\n 5%% */ %s"),
    ("SELECT x::text, :v::integer, y :: date", "SELECT x::text, %(v)s::integer, y :: date"),
    ("SELECT $$ ? :x $$, $fn$ $$ ? $fn$, ?", "SELECT $$ ? :x $$, $fn$ $$ ? $fn$, %s"),
    ("SELECT 'unclosed ? :x", "SELECT 'unclosed ? :x"),
    ("SELECT 1 /* unclosed ?", "SELECT 1 /* unclosed ?"),
    ("SELECT ':' || ?", "SELECT ':' || %s"),
    ("SELECT %s", "SELECT %%s"),  # a literal that happens to look like psycopg's own placeholder
    ("", ""),
]


@pytest.mark.parametrize(("sqlite", "postgres"), CASES)
def test_placeholders_become_psycopg_ones_outside_quotes_comments_and_casts(sqlite: str, postgres: str) -> None:
    assert for_postgres(sqlite) == postgres


def test_a_statement_is_translated_once_per_text() -> None:
    sql = "SELECT count(*) FROM audit WHERE id > ? -- cached"
    assert for_postgres(sql) is for_postgres(sql)


# Text with no placeholder at all: words, quotes holding anything, comments, casts and percent signs.
PLAIN = st.text(alphabet=st.characters(blacklist_characters="?:"))


@given(PLAIN)
def test_text_without_placeholders_only_has_its_percent_signs_doubled(sql: str) -> None:
    assert for_postgres(sql) == sql.replace("%", "%%")


# Self-contained pieces of SQL and their translations: joined by spaces, the translation is the pieces'.
NAMES = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True)
INSIDE = st.text(alphabet="ab ?:%-/$\n")  # no quote or `*`, so nothing closes a piece early
PIECES = st.one_of(
    st.just(("?", "%s")),
    NAMES.map(lambda name: (f":{name}", f"%({name})s")),
    NAMES.map(lambda name: (f"x::{name}", f"x::{name}")),
    st.just(("%", "%%")),
    NAMES,  # a word: as it stands
    INSIDE.map(lambda text: "'" + text.replace("'", "''") + "'"),
    INSIDE.map(lambda text: '"' + text + '"'),
    INSIDE.map(lambda text: "/*" + text + "*/"),
    INSIDE.map(lambda text: "--" + text.replace("\n", "") + "\n"),
).map(lambda piece: piece if isinstance(piece, tuple) else (piece, piece.replace("%", "%%")))


@given(st.lists(PIECES, max_size=12))
def test_every_placeholder_outside_quotes_is_converted_and_no_other(pieces: list[tuple[str, str]]) -> None:
    sqlite = " ".join(piece for piece, _ in pieces)
    translated = for_postgres(sqlite)
    assert translated == " ".join(postgres for _, postgres in pieces)
    placeholders = sum(postgres.startswith(("%s", "%(")) for _, postgres in pieces)
    psycopg_ones = translated.replace("%%", "").count("%")
    assert psycopg_ones == placeholders


@pytest.mark.postgres
def test_translated_queries_run_through_psycopg_with_both_kinds_of_parameters(pg_database: str) -> None:
    import psycopg

    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute("CREATE TABLE people (id integer, name text, note text)")
        rows = [(1, "Ann", "50% better?"), (2, "Bob", "it's :fine"), (3, "Cy", None)]
        conn.cursor().executemany(for_postgres("INSERT INTO people VALUES (?, ?, ?)"), rows)
        positional = "SELECT name, '100%' FROM people WHERE id > ? AND note LIKE '%?' -- :x ?\nORDER BY id"
        assert conn.execute(for_postgres(positional), [0]).fetchall() == [("Ann", "100%")]
        named = "SELECT id::text, name FROM people WHERE name <> :who AND id <= :most /* ? :no */ ORDER BY id"
        got = conn.execute(for_postgres(named), {"who": "Ann", "most": 3}).fetchall()
        assert got == [("2", "Bob"), ("3", "Cy")]
        # no parameters: run with an empty sequence, so psycopg still reads `%%` as one `%`
        assert conn.execute(for_postgres("SELECT 'why?', '5%'"), ()).fetchone() == ("why?", "5%")

"""The audit log sealed inside the server, on a team database (issue 29, part 4).

On a file peertool seals its rows itself (`audit.seal`): whoever can run it
can also write the file. On a server the staff roles must not: a seal made by
the client says whatever the client says. So here `peertool_seal(command)`, a
function that runs as the tables' owner, names and chains every unsealed row:

- a row this transaction's triggers wrote gets `session_user`, which the
  server authenticated, and the command peertool names;
- a row this transaction wrote itself, marked "(imported)" (`db import`'s
  segment), keeps its own user and command; any other row of this
  transaction is named as this one's (nobody writes another's name);
- a row of another transaction was written by another tool, as on a file, and keeps the role the server named
  it with as it was written (`audit_named`, `postgres_triggers`).

Each row's digest is an HMAC, with the team's audit key, of its record's
content as the server reads it; the key is in `settings`, where the policies
let no staff role read it, so a digest cannot be checked against a guess.
`peertool_content_check()` recomputes every record's digest for `audit
verify`. The chain's hash is the one `audit.row_hash` computes, so `verify`
recomputes the chain in Python as on a file.
"""

import json

from peertool.db.audit import GENESIS
from peertool.db.postgres_draw import HEAD_AND_BODY as DRAW
from peertool.db.postgres_triggers import IMPORTED, SEARCH_PATH, WRITE_LOCK, literal
from peertool.db.triggers import AUDITED, OTHER_TOOL

_TABLES = literal(json.dumps(AUDITED, sort_keys=True)) + "::jsonb"  # each audited table's record key

# name -> (what follows `CREATE FUNCTION name`, up to AS; the body). `audit verify` compares the bodies.
HEADS_AND_BODIES = {
    "peertool_hmac": (
        "(key bytea, message bytea) RETURNS bytea LANGUAGE plpgsql IMMUTABLE",
        """
        DECLARE
            k bytea := CASE WHEN length(key) > 64 THEN sha256(key) ELSE key END;
            inner_pad bytea := decode(repeat('00', 64), 'hex');
            outer_pad bytea := decode(repeat('00', 64), 'hex');
        BEGIN
            k := k || decode(repeat('00', 64 - length(k)), 'hex');
            FOR i IN 0..63 LOOP
                inner_pad := set_byte(inner_pad, i, get_byte(k, i) # 54);
                outer_pad := set_byte(outer_pad, i, get_byte(k, i) # 92);
            END LOOP;
            RETURN sha256(outer_pad || sha256(inner_pad || message));
        END
        """,
    ),
    # Each record's content as one text: every non-NULL column as name:type:length:value, rows in order.
    "peertool_contents": (
        "(tab text, ids bigint[]) RETURNS TABLE (rid bigint, body text) LANGUAGE plpgsql STABLE",
        f"""
        DECLARE
            keycol text := {_TABLES} ->> tab;
        BEGIN
            RETURN QUERY EXECUTE
                'SELECT x.rid, string_agg(length(x.r) || '':'' || x.r, '''' ORDER BY x.r) FROM (
                     SELECT t.' || quote_ident(keycol) || '::bigint AS rid, (
                         SELECT string_agg(c.key || '':'' || jsonb_typeof(c.value) || '':''
                                           || length(c.value #>> ''{{}}'') || '':'' || (c.value #>> ''{{}}''), '';''
                                           ORDER BY c.key)
                         FROM jsonb_each(to_jsonb(t) - ''rowid'') c WHERE jsonb_typeof(c.value) <> ''null''
                     ) AS r FROM public.' || quote_ident(tab) || ' t
                     WHERE $1 IS NULL OR t.' || quote_ident(keycol) || ' = ANY($1)) x GROUP BY x.rid'
                USING ids;
        END
        """,
    ),
    "peertool_digest": (
        "(key bytea, tab text, rid bigint, body text) RETURNS text LANGUAGE sql IMMUTABLE",
        """
        SELECT left(encode(sha256(convert_to('peertool audit key' || chr(31), 'UTF8') || key), 'hex'), 8) || ':'
               || encode(peertool_hmac(key, convert_to(tab || chr(29) || rid || chr(29) || coalesce(body, ''),
                                                        'UTF8')), 'hex')
        """,
    ),
    "peertool_seal": (
        f"(command text) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = {SEARCH_PATH}",
        f"""
        DECLARE
            key bytea := decode((SELECT value FROM public.settings WHERE settings.key = 'audit_key'), 'hex');
            previous text;
            r record;
            who text;
            what text;
            dig text;
            fields text;
            sealed bigint := 0;
        BEGIN
            PERFORM pg_advisory_xact_lock({WRITE_LOCK});
            SELECT a.hash INTO previous FROM public.audit a
            WHERE a.hash IS NOT NULL AND a.id < (SELECT min(u.id) FROM public.audit u WHERE u.hash IS NULL)
            ORDER BY a.id DESC LIMIT 1;
            previous := coalesce(previous, {literal(GENESIS)});
            FOR r IN SELECT a.*, a.xmin = pg_current_xact_id()::xid AS mine FROM public.audit a
                     WHERE a.hash IS NULL ORDER BY a.id LOOP
                IF NOT r.mine THEN
                    who := r.os_user;
                    what := {literal(OTHER_TOOL)};
                ELSIF right(r.command, {len(IMPORTED)}) = {literal(IMPORTED)} THEN
                    who := r.os_user;
                    what := r.command;
                ELSE
                    who := session_user;
                    what := command;
                END IF;
                dig := NULL;
                IF key IS NOT NULL AND r.record_id IS NOT NULL AND ({_TABLES} ->> r.table_name) IS NOT NULL THEN
                    SELECT peertool_digest(key, r.table_name, r.record_id, c.body) INTO dig
                    FROM (SELECT NULL) n LEFT JOIN peertool_contents(r.table_name, ARRAY[r.record_id]) c ON true;
                END IF;
                fields := concat_ws(chr(31), r.id::text, coalesce(r.at, ''), coalesce(who, ''), coalesce(what, ''),
                                    coalesce(r.table_name, ''), coalesce(r.record_id::text, ''),
                                    coalesce(r.action, ''));
                IF dig IS NOT NULL THEN
                    fields := fields || chr(31) || dig;
                END IF;
                previous := encode(sha256(convert_to(previous || chr(30) || fields, 'UTF8')), 'hex');
                UPDATE public.audit SET os_user = who, command = what, digest = dig, hash = previous
                WHERE id = r.id;
                sealed := sealed + 1;
            END LOOP;
            RETURN sealed;
        END
        """,
    ),
    # Every record whose content is not what its latest sealed row recorded: 'changed', or 'unchecked' (no
    # digest, or one made with another key); records whose latest row is not sealed yet are left out.
    "peertool_content_check": (
        "() RETURNS TABLE (table_name text, record_id bigint, state text) LANGUAGE plpgsql STABLE "
        f"SECURITY DEFINER SET search_path = {SEARCH_PATH}",
        f"""
        DECLARE
            key bytea := decode((SELECT value FROM public.settings WHERE settings.key = 'audit_key'), 'hex');
            prefix text := left(encode(sha256(convert_to('peertool audit key' || chr(31), 'UTF8') || key), 'hex'),
                                8) || ':';
            tab text;
        BEGIN
            IF key IS NULL THEN
                RETURN QUERY SELECT NULL::text, NULL::bigint, 'no key'::text;
                RETURN;
            END IF;
            FOR tab IN SELECT jsonb_object_keys({_TABLES}) LOOP
                RETURN QUERY SELECT s.* FROM (
                WITH latest AS (
                    SELECT DISTINCT ON (a.record_id) a.record_id, a.digest, a.hash FROM public.audit a
                    WHERE a.table_name = tab AND a.record_id IS NOT NULL ORDER BY a.record_id, a.id DESC
                ), here AS (SELECT c.rid, c.body FROM peertool_contents(tab, NULL) c)
                SELECT tab AS t, coalesce(h.rid, l.record_id) AS r,
                       CASE WHEN l.record_id IS NULL THEN 'changed'
                            WHEN l.digest IS NULL OR left(l.digest, 9) <> prefix THEN 'unchecked'
                            WHEN l.digest <> peertool_digest(key, tab, coalesce(h.rid, l.record_id), h.body)
                                THEN 'changed'
                       END AS st
                FROM here h FULL JOIN latest l ON l.record_id = h.rid
                WHERE l.hash IS NOT NULL OR l.record_id IS NULL) s WHERE s.st IS NOT NULL;
            END LOOP;
        END
        """,
    ),
    "peertool_draw": DRAW,  # the other function that writes what no staff role may (`postgres_draw`)
}


def statements() -> list[str]:
    """The functions, in the order the baseline makes them (each only calls those before it)."""
    return [statement(name) for name in HEADS_AND_BODIES]


def statement(name: str, *, replacing: bool = False) -> str:
    """The statement that makes one of the functions (`replacing`: or replaces the one an older version made)."""
    head, body = HEADS_AND_BODIES[name]
    return f"CREATE {'OR REPLACE ' if replacing else ''}FUNCTION {name}{head} AS $${body}$$"


def expected_definitions() -> dict[str, str]:
    """What `audit verify` should find: the triggers and their functions (`postgres_triggers`), and these
    functions' bodies, with their settings when they run as the owner."""
    from peertool.db.postgres_triggers import DEFINER_SUFFIX
    from peertool.db.postgres_triggers import expected_definitions as of_triggers

    return {
        **of_triggers(),
        **{f"function {name}()": body + (DEFINER_SUFFIX if "SECURITY DEFINER" in head else "")
           for name, (head, body) in HEADS_AND_BODIES.items()},
    }  # fmt: skip


def names() -> list[str]:
    """Every function `audit verify` reads back."""
    from peertool.db.postgres_triggers import BODIES

    return [*BODIES, *HEADS_AND_BODIES]

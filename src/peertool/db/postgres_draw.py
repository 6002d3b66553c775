"""Co-sign draws made by the server, on a team database (issue 29: the author must not decide).

On a file the signer's config is the co-sign policy and peertool writes the draw (`db.cosign`): the file is
theirs. On a team database a coach who wrote `cosign_draws` themselves could record "not drawn" for the note
they most want unseen. So no staff role may insert a draw (only one brought in with its record by `db import`),
and `peertool_draw`, which runs as the tables' owner, makes it:

- only for a signed record of the caller's own caseload (or for the owner, who is not bound anyway);
- under the team's policy, `settings.cosign_policy`, which `db grant --apply` sets from the owner's
  `supervision.cosign`; a signer's own policy counts only where it asks for more (`greatest`);
- with the same HMAC as `db.cosign.draw_required`, so an auditor recomputes it, under the team's own draw key,
  which no staff role reads (with the pseudonym key, which they do, a coach would know which of their next
  records a sample draws); and once: a record keeps its first draw;
- unseen by the staff member who signs until the signature is committed: the function tells only the owner what
  it drew, and the policies hide a draw from the transaction that made it, so a coach cannot sign, look, roll
  back and write the note again where a sample will not look.
"""

import json
from typing import Any

from peertool.db.postgres_triggers import SEARCH_PATH

POLICY = "cosign_policy"  # the settings row: {"note": 100, ...}, the percent of each kind drawn
DRAW_KEY = "cosign_key"  # the key the draws are made with: a settings row no staff role reads (`postgres_access`)
PSEUDONYM_KEY = "pseudonym_key"  # what a database made before it had one draws with, as a file does

HEAD_AND_BODY = (
    "(kind text, rid bigint, asked integer, today text) RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER "
    f"SET search_path = {SEARCH_PATH}",
    f"""
        DECLARE
            owner boolean := pg_has_role(session_user, current_user, 'MEMBER');
            kept bigint;
            percent integer := greatest(asked, (SELECT (s.value::jsonb ->> kind)::integer FROM public.settings s
                                                WHERE s.key = '{POLICY}'));
            key bytea := convert_to(coalesce((SELECT s.value FROM public.settings s WHERE s.key = '{DRAW_KEY}'),
                                             (SELECT s.value FROM public.settings s WHERE s.key = '{PSEUDONYM_KEY}'),
                                             ''), 'UTF8');
            digest bytea;
            required boolean;
        BEGIN
            IF NOT owner THEN
                IF NOT EXISTS (SELECT 1 FROM public.signatures s WHERE s.record = kind AND s.record_id = rid
                               AND s.role = 'author')
                   OR (kind, rid) NOT IN (SELECT * FROM peertool_records(true)) THEN
                    RAISE EXCEPTION 'a co-sign draw is made for a signed record of the caller''s own caseload'
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
            END IF;
            SELECT d.required INTO kept FROM public.cosign_draws d WHERE d.record = kind AND d.record_id = rid;
            IF FOUND THEN
                RETURN CASE WHEN owner THEN kept = 1 END;
            END IF;
            IF percent IS NULL THEN
                RETURN CASE WHEN owner THEN false END;
            END IF;
            percent := least(100, greatest(0, percent));
            digest := peertool_hmac(key, convert_to('cosign:' || kind || ':' || rid, 'UTF8'));
            -- the first 8 bytes as an unsigned big-endian number (bit(64) reads them as a signed one)
            required := percent >= 100 OR (percent > 0 AND mod(mod(('x' || encode(substring(digest FROM 1 FOR 8),
                'hex'))::bit(64)::bigint::numeric + 18446744073709551616, 18446744073709551616), 100) < percent);
            INSERT INTO public.cosign_draws (record, record_id, required, percent, drawn_on)
            VALUES (kind, rid, required::integer, percent, today);
            RETURN CASE WHEN owner THEN required END;
        END
        """,
)


def policy_statement(policy: dict[str, Any]) -> str:
    """The statement that makes `policy` (a config's `supervision.cosign`) the team's; none: each signer's own."""
    if not policy:
        return f"DELETE FROM settings WHERE key = '{POLICY}'"
    value = json.dumps(dict(sorted(policy.items()))).replace("'", "''")
    return (f"INSERT INTO settings (key, value) VALUES ('{POLICY}', '{value}') "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value")  # fmt: skip

"""peertool's SQL, written once with sqlite3's placeholders, made psycopg's: the one place it is translated.

The SQL everywhere in peertool binds values with `?` (positional) or `:name` (named), as sqlite3 reads them.
psycopg reads neither: it takes `%s` and `%(name)s`, and reads every `%`, even one inside quotes, as the
start of one, so a literal `%` is written `%%`. `for_postgres` rewrites `?` and `:name` and doubles every
`%`, and leaves alone a `?` or `:name` in text that only looks like one: a single-quoted string ('why?'),
a double-quoted identifier, a `--` or `/* */` comment, a dollar-quoted body, or a PostgreSQL `::` cast
(`x::text` is not the parameter `:text`).

A statement is translated once per distinct text (the cache), so the cost is a dictionary look-up per
execute. Its output must be run WITH parameters (`()` when there are none): psycopg leaves `%%` alone
when given none.
"""

import re
from functools import lru_cache

# Quoted text, comments and casts are matched first, so a `?` or `:name` inside them is never a placeholder.
_TOKEN = re.compile(
    r"""
      (?P<kept>
          '(?:[^']|'')*'?                     # a string ('' is a quote inside it); unclosed: to the end
        | "(?:[^"]|"")*"?                     # an identifier, the same way
        | --[^\n]*                            # a comment to the end of the line
        | /\*.*?(?:\*/|\Z)                    # a block comment; unclosed: to the end
        | \$\$.*?(?:\$\$|\Z)                  # a dollar-quoted body: $$ ... $$
        | \$(?P<tag>[A-Za-z_]\w*)\$.*?(?:\$(?P=tag)\$|\Z)  # or $tag$ ... $tag$
        | ::                                  # a cast, never a named parameter
      )
    | (?P<positional>\?)
    | :(?P<named>[A-Za-z_]\w*)
    | (?P<percent>%)
    """,
    re.VERBOSE | re.DOTALL,
)


def _translated(match: re.Match[str]) -> str:
    if match["kept"] is not None:
        return match["kept"].replace("%", "%%")  # psycopg reads a `%` even inside quotes
    if match["positional"] is not None:
        return "%s"
    if match["named"] is not None:
        return f"%({match['named']})s"
    return "%%"


@lru_cache(maxsize=1024)
def for_postgres(sql: str) -> str:
    """`sql` with psycopg's placeholders: `?` -> `%s` and `:name` -> `%(name)s` outside quotes, comments and
    `::` casts; every `%` -> `%%`."""
    return _TOKEN.sub(_translated, sql)

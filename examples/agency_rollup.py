"""Roll several sites' de-identified exports up into program-wide figures, with DuckDB.

Each coach runs `peertool site key` once (and sends the office its public key,
kept in the office's KEYS folder as SITE_ID.pub), then `peertool export
--deidentify --format csv --out DIR --from ... --to ...` and sends the folder.
This script refuses, with one line and exit 1, anything it cannot trust (see
`peertool.safety.office`: signatures, files, checksums, columns, row counts,
site ids, schema, period, vocabulary), then reads them all at once and prints
CSV on stdout:

    python examples/agency_rollup.py --keys KEYS east/ west/                 attendance rate by site and month
    python examples/agency_rollup.py --keys KEYS east/ west/ --visits        drop-in visits and visitors by month
    python examples/agency_rollup.py --keys KEYS east/ west/ --goals         goals set and achieved by domain
    python examples/agency_rollup.py --keys KEYS east/ west/ --discharges    discharges and readmissions by reason
    python examples/agency_rollup.py --keys KEYS east/ west/ --connections   connections at each month's end
    python examples/agency_rollup.py --keys KEYS east/ west/ --summary       one row per site, and all sites
    python examples/agency_rollup.py --keys KEYS east/ west/ --outcomes      each instrument's change, likewise

The connections' roll-up is the pathway into mainstream services: those active
at each month's end split into mainstream, program and unclassified, and the
mainstream share of those classified (an unclassified one never lowers it).

The attendance rate is that of group-year groups (IML) only: a drop-in group
(its row in groups.csv has open `days`) has no roster, so each of its visits
is "present" and would inflate the rate. Its visits are counted by `--visits`.

Needs the `agency` extra: pip install 'peertool[agency]'.
"""

import argparse
import sys
from pathlib import Path

from peertool.render.output import csv_line
from peertool.safety.disclosure import protected
from peertool.safety.office import NotTrusted, consistent
from peertool.safety.rollup import all_trusted, load

# Attendance at each site's meetings, with whether the meeting's group is a drop-in (open days instead of a weekday).
MARKS = """
    SELECT m.site_id, left(m.held_on, 7) AS month, a.person, a.present = '1' AS present,
           nullif(g.days, '') IS NOT NULL AS drop_in
    FROM attendance a JOIN meetings m ON a.site_id = m.site_id AND a.meeting = m.meeting
    JOIN groups g ON g.site_id = m.site_id AND g."group" = m."group"
"""
ATTENDANCE = f"""
    SELECT site_id, month, count(*) FILTER (WHERE present) AS present, count(*) AS recorded,
           round(count(*) FILTER (WHERE present) / count(*), 3) AS attendance_rate
    FROM ({MARKS}) WHERE NOT drop_in GROUP BY ALL ORDER BY site_id, month
"""
# One row per site and the program's total ("all sites", never a site id): people active in the period and those
# still active at its end, attendance at IML meetings, goals set and achieved, discharges and readmissions, and the
# connections active at the period's end (one that ended in its last month counts as ended), all for the period.
_ACTIVE_AT_END = "(nullif(c.ended_on, '') IS NULL OR left(c.ended_on, 7) > left(coalesce(s.period_to, '9999-12'), 7))"
_PER_SITE = f"""
    WITH p AS (SELECT site_id, count(*) AS people, count(*) FILTER (WHERE status = 'active') AS retained
               FROM participants GROUP BY site_id),
    k AS (SELECT site_id, count(*) FILTER (WHERE present) AS present, count(*) AS recorded
          FROM ({MARKS}) WHERE NOT drop_in GROUP BY site_id),
    g AS (SELECT site_id, count(*) FILTER (WHERE set_in_period = '1') AS goals_set,
                 count(*) FILTER (WHERE achieved_in_period = '1') AS goals_achieved FROM goals GROUP BY site_id),
    d AS (SELECT site_id, count(*) FILTER (WHERE discharged_in_period = '1') AS discharges,
                 count(*) FILTER (WHERE readmitted_in_period = '1') AS readmissions FROM discharges GROUP BY site_id),
    c AS (SELECT c.site_id, count(*) AS connections,
                 count(*) FILTER (WHERE c.setting = 'mainstream') AS mainstream_connections
          FROM connections c JOIN sites s USING (site_id) WHERE {_ACTIVE_AT_END} GROUP BY c.site_id)
    SELECT site_id, period_from, period_to, {{counts}}
    FROM sites LEFT JOIN p USING (site_id) LEFT JOIN k USING (site_id) LEFT JOIN g USING (site_id)
    LEFT JOIN d USING (site_id) LEFT JOIN c USING (site_id)
"""
_COUNTS = ("people", "retained", "present", "recorded", "goals_set", "goals_achieved", "discharges", "readmissions",
           "connections", "mainstream_connections")  # fmt: skip
SUMMARY = f"""
    WITH per_site AS ({_PER_SITE.replace("{counts}", ", ".join(f"coalesce({c}, 0) AS {c}" for c in _COUNTS))}),
    totalled AS (
        SELECT 0 AS o, * FROM per_site
        UNION ALL SELECT 1, 'all sites', min(period_from), min(period_to), {", ".join(f"sum({c})" for c in _COUNTS)}
        FROM per_site
    )
    SELECT site_id, period_from, period_to, people, retained, round(retained / nullif(people, 0), 3) AS retention,
           present, recorded, round(present / nullif(recorded, 0), 3) AS attendance_rate, goals_set, goals_achieved,
           discharges, readmissions, connections, mainstream_connections
    FROM totalled ORDER BY o, site_id
"""
VISITS = f"""
    SELECT site_id, month, count(*) AS visits, count(DISTINCT person) AS visitors
    FROM ({MARKS}) WHERE drop_in AND present GROUP BY ALL ORDER BY site_id, month
"""
# Goals set in the export's period, and achieved in it (each export's rows say so: its manifest has the period).
GOALS = """
    SELECT site_id, coalesce(nullif(domain, ''), 'unrecorded') AS domain,
           count(*) FILTER (WHERE set_in_period = '1') AS goals_set,
           count(*) FILTER (WHERE achieved_in_period = '1') AS goals_achieved
    FROM goals GROUP BY ALL ORDER BY site_id, domain
"""
# Every discharge in the period, from the history (someone readmitted and discharged again counts twice), and
# the readmissions in it.
DISCHARGES = """
    SELECT site_id, coalesce(nullif(reason, ''), 'unrecorded') AS reason_code,
           count(*) FILTER (WHERE discharged_in_period = '1') AS discharges,
           count(*) FILTER (WHERE readmitted_in_period = '1') AS readmissions
    FROM discharges GROUP BY ALL ORDER BY site_id, reason_code
"""

# Each site's months, from the first it recorded anything about connections or meetings to the last; a connection
# is active at a month's end if it began by then and had not ended (the months compare the same whether the export
# gives exact dates or months).
CONNECTIONS = """
    WITH seen AS (
        SELECT site_id, left(started_on, 7) AS month FROM connections
        UNION ALL SELECT site_id, left(ended_on, 7) FROM connections WHERE nullif(ended_on, '') IS NOT NULL
        UNION ALL SELECT site_id, left(held_on, 7) FROM meetings
    ), months AS (
        SELECT site_id, strftime(unnest(generate_series(CAST(min(month) || '-01' AS DATE),
                                                        CAST(max(month) || '-01' AS DATE), INTERVAL 1 MONTH)),
                                 '%Y-%m') AS month
        FROM seen GROUP BY site_id
    ), counted AS (
        SELECT m.site_id, m.month, count(c.connection) AS active,
               count(c.connection) FILTER (WHERE c.setting = 'mainstream') AS mainstream,
               count(c.connection) FILTER (WHERE c.setting = 'program') AS program
        FROM months m LEFT JOIN connections c ON c.site_id = m.site_id AND left(c.started_on, 7) <= m.month
             AND (nullif(c.ended_on, '') IS NULL OR left(c.ended_on, 7) > m.month)
        GROUP BY ALL
    )
    SELECT site_id, month, active, mainstream, program, active - mainstream - program AS unclassified,
           round(mainstream / nullif(mainstream + program, 0), 3) AS mainstream_share
    FROM counted ORDER BY site_id, month
"""
# Each instrument's change over the period: per site and for all sites, the people measured in two or more months
# of it and the mean of their change from their first month's score to their last month's. The rows give months,
# not days, so a month's scores are averaged: which of two in one month came first is not in the rows.
OUTCOMES = """
    WITH months AS (
        SELECT site_id, instrument, person, left(taken_on, 7) AS month, avg(try_cast(score AS DOUBLE)) AS value
        FROM measures GROUP BY ALL HAVING value IS NOT NULL
    ), ends AS (
        SELECT site_id, instrument, person, count(*) AS months, arg_max(value, month) - arg_min(value, month) AS change
        FROM months GROUP BY ALL
    ), per_site AS (
        SELECT site_id, instrument, count(*) AS people, sum(change) AS changed FROM ends WHERE months >= 2
        GROUP BY ALL
    )
    SELECT site_id, period_from, period_to, instrument, people, round(changed / people, 2) AS mean_change
    FROM (SELECT 0 AS o, * FROM per_site JOIN sites USING (site_id)
          UNION ALL SELECT 1, 'all sites', instrument, sum(people), sum(changed), min(period_from), min(period_to)
          FROM per_site JOIN sites USING (site_id) GROUP BY instrument)
    ORDER BY o, site_id, instrument
"""
_MARKED = ("attendance", "meetings", "groups")
# Each query with the tables it reads: only those are loaded (opening thousands of sites' files is the cost).
QUERIES = {
    "attendance": (ATTENDANCE, _MARKED),
    "visits": (VISITS, _MARKED),
    "goals": (GOALS, ("goals",)),
    "discharges": (DISCHARGES, ("discharges",)),
    "connections": (CONNECTIONS, ("connections", "meetings")),
    "outcomes": (OUTCOMES, ("measures",)),
    "summary": (SUMMARY, (*_MARKED, "participants", "goals", "discharges", "connections")),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Roll de-identified peertool exports up across sites.")
    parser.add_argument(
        "exports", nargs="+", type=Path, help="export folders (peertool export --deidentify --format csv)"
    )
    parser.add_argument("--keys", type=Path, required=True,
                        help="the folder of the sites' public keys, SITE_ID.pub each (peertool site key)")  # fmt: skip
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--goals", action="store_true", help="goals set and achieved in the period, by domain")
    which.add_argument("--discharges", action="store_true", help="discharges and readmissions by reason code")
    which.add_argument("--visits", action="store_true", help="drop-in visits and unique visitors by site and month")
    which.add_argument(
        "--connections", action="store_true", help="connections by setting at each month's end, and the share"
    )
    which.add_argument("--summary", action="store_true", help="one row per site and the program's total")
    which.add_argument("--outcomes", action="store_true", help="each instrument's mean change, by site and in all")
    parser.add_argument("--counts", type=int, metavar="MIN_CELL", nargs="?", const=11,
                        help="with --summary: counts to publish, every count below MIN_CELL (11) hidden so that "
                             "none can be solved from the totals")  # fmt: skip
    parser.add_argument("--markdown", action="store_true", help="a Markdown table instead of CSV")
    args = parser.parse_args(argv)
    if args.counts is not None and (not args.summary or args.counts < 1):
        parser.error("--counts goes with --summary, and MIN_CELL is 1 or more")
    query, tables = next((QUERIES[name] for name in QUERIES if getattr(args, name, False)), QUERIES["attendance"])
    try:
        columns, rows = rollup(args.exports, args.keys, query, tables)
    except NotTrusted as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    if args.counts is not None:
        rows = protected(columns, rows, _COUNTS, args.counts)
    if args.markdown:
        sys.stdout.write(markdown(columns, rows))
        return 0
    sys.stdout.write(csv_line(columns))
    for row in rows:
        sys.stdout.write(csv_line(row))  # each cell made safe for a spreadsheet: a site's text never runs there
    return 0


def markdown(columns: list[str], rows: list[tuple]) -> str:
    """A Markdown table, titled with the period when the rows give one (peertool's own Markdown row)."""
    from peertool.render.visits import markdown_row

    title = "# Program roll-up"
    if "period_from" in columns and rows:
        first = rows[0]
        title += (
            f", {first[columns.index('period_from')] or 'the start'} to {first[columns.index('period_to')] or 'today'}"
        )
    lines = [title, "", markdown_row(columns), "|" + "---|" * len(columns)]
    return "\n".join([*lines, *(markdown_row(["" if v is None else v for v in row]) for row in rows)]) + "\n"


def rollup(folders: list[Path], keys: Path, query: str, tables: tuple[str, ...]) -> tuple[list[str], list[tuple]]:
    """Check every folder and the set of them (`peertool.safety.office`), read the `tables` the query reads, once,
    and run `query`."""
    manifests = all_trusted(folders, keys, tables)
    consistent(manifests)
    import duckdb

    con = duckdb.connect()
    load(con, manifests, tables)
    try:
        result = con.execute(query)
        return [column[0] for column in result.description], result.fetchall()
    except duckdb.Error as error:  # a value no peertool writes (a signed site's own doing): one line, no traceback
        raise NotTrusted(f"the rows cannot be rolled up: {str(error).splitlines()[0][:200]}") from None


if __name__ == "__main__":
    sys.exit(main())

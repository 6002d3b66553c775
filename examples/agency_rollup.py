"""Roll several sites' de-identified exports up into program-wide figures, with DuckDB.

Each coach runs `peertool export --deidentify --format csv --out DIR` and sends
the folder. This script checks every folder against its manifest (profile,
file checksums), then reads them all at once and prints CSV on stdout:

    python examples/agency_rollup.py east/ west/                 attendance rate by site and month
    python examples/agency_rollup.py east/ west/ --visits        drop-in visits and unique visitors by site and month
    python examples/agency_rollup.py east/ west/ --goals         goals set and achieved by domain
    python examples/agency_rollup.py east/ west/ --discharges    discharges and readmissions by reason code
    python examples/agency_rollup.py east/ west/ --connections   connections by setting at each month's end

The connections' roll-up is the pathway into mainstream services: those active
at each month's end split into mainstream, program and unclassified, and the
mainstream share of those classified (an unclassified one never lowers it).

The attendance rate is that of group-year groups (IML) only: a drop-in group
(its row in groups.csv has open `days`) has no roster, so each of its visits
is "present" and would inflate the rate. Its visits are counted by `--visits`.

Needs the `agency` extra: pip install 'peertool[agency]'.
"""

import argparse
import csv
import hashlib
import json
import sys
from pathlib import Path

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


class NotAnExport(Exception):
    """A folder that is not a whole de-identified peertool export."""


def checked(folder: Path) -> dict:
    """The folder's manifest, once every file it lists has its row count's file and checksum."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise NotAnExport(f"{folder}: no readable manifest.json; is this a peertool CSV export?") from None
    if not str(manifest.get("profile", "")).startswith("codes"):
        raise NotAnExport(f"{folder}: not a de-identified export (profile {manifest.get('profile')!r}).")
    for entry in manifest.get("files", []):
        data = (folder / entry["name"]).read_bytes()
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            raise NotAnExport(f"{folder}: {entry['name']} does not match its checksum in manifest.json.")
    return manifest


def rollup(folders: list[Path], query: str) -> tuple[list[str], list[tuple]]:
    """Run `query` over every folder's tables, read together as views (columns matched by name)."""
    import duckdb

    con = duckdb.connect()
    for table in ("participants", "goals", "meetings", "attendance", "connections", "groups", "discharges"):
        paths = ", ".join("'" + str(folder / f"{table}.csv").replace("'", "''") + "'" for folder in folders)
        source = f"read_csv([{paths}], header = true, all_varchar = true, union_by_name = true)"
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM {source}")
        if table == "groups" and "days" not in [row[0] for row in con.execute("DESCRIBE groups").fetchall()]:
            con.execute(f"CREATE OR REPLACE VIEW groups AS SELECT *, NULL AS days FROM {source}")  # no drop-ins yet
    result = con.execute(query)
    return [column[0] for column in result.description], result.fetchall()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Roll de-identified peertool exports up across sites.")
    parser.add_argument(
        "exports", nargs="+", type=Path, help="export folders (peertool export --deidentify --format csv)"
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--goals", action="store_true", help="goals set and achieved in the period, by domain")
    which.add_argument("--discharges", action="store_true", help="discharges and readmissions by reason code")
    which.add_argument("--visits", action="store_true", help="drop-in visits and unique visitors by site and month")
    which.add_argument(
        "--connections", action="store_true", help="connections by setting at each month's end, and the share"
    )
    args = parser.parse_args(argv)
    try:
        sites = [checked(folder)["site_id"] for folder in args.exports]
    except NotAnExport as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    if len(set(sites)) != len(sites):
        print("Error: two exports come from the same site; give each site's latest export once.", file=sys.stderr)
        return 1
    chosen = {"goals": GOALS, "discharges": DISCHARGES, "connections": CONNECTIONS, "visits": VISITS}
    query = next((q for name, q in chosen.items() if getattr(args, name)), ATTENDANCE)
    columns, rows = rollup(args.exports, query)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())

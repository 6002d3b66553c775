import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import EXAMPLES, Arg, Cli


def test_weekly_prep_script_writes_a_private_sheet_per_group(cli: Cli, env: Path) -> None:
    today = dt.date.today()
    cli.ok("group", "create", "Finished", "--start", (today - dt.timedelta(days=800)).isoformat(), "--weekday", "mon")
    cli.ok("group", "create", "Current", "--start", (today - dt.timedelta(days=30)).isoformat(), "--weekday", "wed")
    bin_dir = str(Path(sys.executable).parent)
    environ = {
        **os.environ,
        "PATH": bin_dir + os.pathsep + os.environ["PATH"],
        "PEERTOOL": str(Path(bin_dir) / "peertool"),
    }
    out = env / "sheets"
    result = subprocess.run(
        ["bash", str(EXAMPLES / "weekly-prep.sh"), str(out)], env=environ, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    sheets = sorted(out.iterdir())
    assert [p.name for p in sheets] == [f"{today}-group-2.md"]
    assert "skipped group 1" in result.stderr
    assert sheets[0].read_text().startswith("# Current: meeting of ")
    assert sheets[0].stat().st_mode & 0o777 == 0o600


# Each site's connections: who, its setting, when it began and ended (the east's unclassified one ends in April).
TIES: dict[str, list[tuple[str, list[str], str, str | None]]] = {
    "east-1": [("1", ["--mainstream"], "2026-02-10", None), ("2", ["--program"], "2026-03-05", None),
               ("3", [], "2026-03-05", "2026-04-20")],
    "west-2": [("2", [], "2026-03-01", None)],
}  # fmt: skip


# Each site's WHO-5 answers, by person, on the days given: raw scores 10 -> 15 -> 20 and 12 -> 14 in the east and
# one measured once (no change to count); in the west 20 and 10 in January (a month's mean, 15), then 15 in March.
MEASURED: dict[str, list[tuple[str, tuple[tuple[str, str], ...]]]] = {
    "east-1": [("2", (("2026-01-13", "2,2,2,2,2"), ("2026-03-10", "3,3,3,3,3"), ("2026-04-14", "4,4,4,4,4"))),
               ("3", (("2026-01-13", "3,3,2,2,2"), ("2026-03-10", "3,3,3,3,2"))),
               ("4", (("2026-01-13", "1,1,1,1,1"),))],
    "west-2": [("2", (("2026-01-13", "4,4,4,4,4"), ("2026-01-27", "2,2,2,2,2"), ("2026-03-10", "3,3,3,3,3")))],
}  # fmt: skip


def test_two_sites_roll_up_with_the_agency_example(cli: Cli, env: Path) -> None:
    import csv
    import io
    import os

    if not os.environ.get("CI"):
        pytest.importorskip("duckdb")  # CI installs the agency extra, so there this test always runs
    for site, absent in (("east-1", "4"), ("west-2", "5")):
        db = env / f"{site}.db"
        (env / f"{site}.yaml").write_text(f"site_id: {site}\n")
        base: list[Arg] = ["--db", db, "--config", env / f"{site}.yaml"]
        cli.ok(*base, "group", "create", "Riverside", "--start", "2026-01-06", "--weekday", "tue")
        cli.ok(*base, "enroll", "--from", EXAMPLES / "roster.csv")
        cli.ok(*base, "meeting", "record", "Riverside", "--date", "2026-03-10", "--absent", absent)
        cli.ok(*base, "meeting", "record", "Riverside", "--date", "2026-04-14", "--absent", absent, "--absent", "6")
        if site == "east-1":  # a drop-in beside Riverside: three visits by two people, never in the attendance rate
            _drop_in(cli, base, env / f"{site}.yaml")
        cli.ok(*base, "discharge", "Ada Quill", "--reason", "goals substantially met")
        for person, answers in MEASURED[site]:
            for day, given in answers:
                cli.ok(*base, "measure", "add", person, "who5", "--answers", given, "--date", day)
        for ref, setting, started, ended in TIES[site]:
            tie = cli.json(*base, "connection", "add", ref, "A tie", "--kind", "group", *setting, "--date", started)
            if ended:
                cli.ok(*base, "connection", "end", str(tie["id"]), "--date", ended)
        key = cli.json(*base, "site", "key")  # the site's key: the office keeps its public half
        (env / "keys").mkdir(exist_ok=True)
        (env / "keys" / f"{site}.pub").write_text(key["public_key"])
        cli.ok(*base, "export", "--deidentify", "--format", "csv", "--out", env / site)
    script = EXAMPLES / "agency_rollup.py"
    run = [sys.executable, str(script), "--keys", str(env / "keys"), str(env / "east-1"), str(env / "west-2")]
    attendance = subprocess.run(run, capture_output=True, text=True, check=True).stdout
    rows = list(csv.DictReader(io.StringIO(attendance)))
    assert [(r["site_id"], r["month"], r["present"], r["recorded"]) for r in rows] == [
        ("east-1", "2026-03", "9", "10"), ("east-1", "2026-04", "8", "10"),
        ("west-2", "2026-03", "9", "10"), ("west-2", "2026-04", "8", "10"),
    ]  # fmt: skip
    assert float(rows[0]["attendance_rate"]) == 0.9
    visits = subprocess.run([*run, "--visits"], capture_output=True, text=True, check=True).stdout
    assert visits.splitlines() == ["site_id,month,visits,visitors", "east-1,2026-03,3,2"]
    discharges = subprocess.run([*run, "--discharges"], capture_output=True, text=True, check=True).stdout
    assert discharges.splitlines() == [
        "site_id,reason_code,discharges,readmissions",
        "east-1,goals-met,1,0",
        "west-2,goals-met,1,0",
    ]
    goals = subprocess.run([*run, "--goals"], capture_output=True, text=True, check=True).stdout
    assert goals.splitlines()[0] == "site_id,domain,goals_set,goals_achieved"
    ties = subprocess.run([*run, "--connections"], capture_output=True, text=True, check=True).stdout
    assert ties.splitlines() == [
        "site_id,month,active,mainstream,program,unclassified,mainstream_share",
        "east-1,2026-02,1,1,0,0,1.0", "east-1,2026-03,3,1,1,1,0.5", "east-1,2026-04,2,1,1,0,0.5",
        "west-2,2026-03,1,0,0,1,", "west-2,2026-04,1,0,0,1,",  # none classified: no share, never 0
    ]  # fmt: skip
    done = subprocess.run([*run, "--outcomes"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    outcomes = done.stdout
    assert outcomes.splitlines()[1:] == [  # east: (+10 +2) / 2; west: 15 - 15; all: (10 + 2 + 0) / 3
        "east-1,,,who5,2,6.0", "west-2,,,who5,1,0.0", "all sites,,,who5,3,4.0",  # no --from/--to: no period
    ]  # fmt: skip
    (env / "west-2" / "meetings.csv").write_text("tampered\n")
    refused = subprocess.run(run, capture_output=True, text=True)
    assert refused.returncode == 1 and "checksum" in refused.stderr


def _drop_in(cli: Cli, base: list[Arg], config: Path) -> None:
    """Drop-in Main St of the Independence Program: Bram Oakes and Cleo Marsh visit on 2026-03-11, Bram again on
    2026-03-12."""
    config.write_text(config.read_text() + "programs: {independence: {kind: drop-in, days: mon-fri}}\n")
    cli.ok(*base, "group", "create", "Main St", "--program", "independence", "--start", "2026-03-02")
    for ref in ("2", "3"):
        cli.ok(*base, "participant", "edit", ref, "--program", "independence", "--date", "2026-03-02")
    cli.ok(*base, "meeting", "record", "Main St", "--date", "2026-03-11", "--present", "2", "--present", "3")
    cli.ok(*base, "meeting", "record", "Main St", "--date", "2026-03-12", "--present", "2")

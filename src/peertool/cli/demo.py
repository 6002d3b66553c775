"""`peertool demo`: a walk through every command on a scratch database.

It never touches the user's database or config: it runs each step in-process
with `--db` and `--config` pointing into a fresh temporary folder, printing
the command line before its output, so a new user sees what to type.
"""

import shlex
import shutil
import sys
import tempfile
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.demo_team import TEAM_STEPS
from peertool.cli.options import command

commands = make_app()

# Logged twice in the walk-through: the second time shows the duplicate warning.
MUSEUM_TRIP = ["outing", "log", "Riverside", "--with", "Ada Quill", "--with", "Cleo Marsh", "--date", "2026-03-14",
               "--activity", "Art museum", "--cost", "24.50"]  # fmt: skip

RIVERSIDE = ["group", "create", "Riverside", "--start", "2026-01-06", "--weekday", "tue", "--time", "18:00",
             "--location", "Community Library, Room B", "--coach", "Coach Rae"]  # fmt: skip

WHO5_INTAKE = ["measure", "add", "Ada Quill", "who5", "--answers", "2,2,1,2,2", "--date", "2026-01-06"]

# (what the step shows, the arguments, the exit code it should end with)
ADA_GOAL = ("Ride the bus to the library alone", "--domain", "transportation", "--date", "2026-03-01")
STEPS: list[tuple[str, list[str], int]] = [
    ("Create the database", ["init"], 0),
    ("The program settings (from the example peertool.yaml)", ["config", "show"], 0),
    ("Create a group that meets on Tuesdays", RIVERSIDE, 0),
    ("Enroll the fictional roster from a CSV file", ["enroll", "--from", "{roster}"], 0),
    ("Importing the same file again changes nothing", ["enroll", "--from", "{roster}"], 0),
    ("The roster", ["participant", "list"], 0),
    ("One participant in full", ["participant", "show", "Ada Quill"], 0),
    (
        "Enroll one more person, as JSON for scripts",
        [
            "enroll",
            "Kit Lowe",
            "--gender",
            "male",
            "--interest",
            "chess",
            "--goal",
            "Get a driver's license",
            "--referral",
            "self",
            "--enrolled-on",
            "2026-01-13",
            "--json",
        ],
        0,
    ),
    ("An impossible date is refused, and nothing changes", ["enroll", "Lee Tran", "--enrolled-on", "2026-02-30"], 1),
    (
        "Add Kit to the group from the day he enrolled",
        ["group", "add", "Riverside", "Kit Lowe", "--date", "2026-01-13"],
        0,
    ),
    (
        "Kit moves away: discharge keeps the history",
        ["discharge", "Kit Lowe", "--reason", "no longer wishes to take part", "--date", "2026-02-03"],
        0,
    ),
    ("A participant who is ready to go out alone", ["participant", "edit", "Juno Park", "--stage", "ready-solo"], 0),
    ("The group", ["group", "show", "Riverside"], 0),
    ("All groups, as JSON", ["group", "list", "--json"], 0),
    ("The program's 12 monthly themes", ["schedule"], 0),
    ("The group's year, dated (holidays from the config are skipped)", ["schedule", "--group", "Riverside"], 0),
    (
        "What are we on the week of March 10? (for scripts)",
        ["schedule", "--group", "Riverside", "--on", "2026-03-10", "--format", "json"],
        0,
    ),
    ("Pair the ten as peer partners, and say why", ["pair", "Riverside", "--explain"], 0),
    (
        "A team is not working: record it",
        ["unpair", "Riverside", "Ada Quill", "--reason", "cannot agree on outings"],
        0,
    ),
    ("Re-pair only those without a partner", ["pair", "Riverside", "--keep-current", "--explain"], 0),
    ("An odd number cannot all be paired: refused, nothing saved", ["pair", "Riverside", "--exclude", "Ivo Serra"], 1),
    (
        "An odd month: one trio instead (or --odd coach), shown without saving",
        ["pair", "Riverside", "--exclude", "Ivo Serra", "--odd", "trio", "--dry-run", "--explain"],
        0,
    ),
    ("Every pairing so far", ["pairs", "Riverside", "--history"], 0),
    ("The lesson library for month 3", ["lessons", "--theme", "Social Interaction"], 0),
    (
        "Record a meeting: lesson, who was absent, threads, homework",
        [
            "meeting",
            "record",
            "Riverside",
            "--date",
            "2026-03-03",
            "--lesson",
            "Starting a Conversation",
            "--absent",
            "Dev Harlan",
            "--absent",
            "Esme Vale",
            "--thread",
            "isolation",
            "--thread",
            "anxiety",
            "--homework",
            "Start one small conversation on your outing",
            "--notes",
            "Good energy; journals shared.",
        ],
        0,
    ),
    (
        "And the next one: Cleo came late and was there 70 of the 90 minutes",
        [
            "meeting",
            "record",
            "Riverside",
            "--date",
            "2026-03-10",
            "--lesson",
            "Calming Skills",
            "--absent",
            "Dev Harlan",
            "--late",
            "Cleo Marsh:70",
            "--thread",
            "isolation",
            "--thread",
            "worship",
            "--homework",
            "Visit one community group with your partner",
        ],
        0,
    ),
    ("Recording the same date twice is refused", ["meeting", "record", "Riverside", "--date", "2026-03-10"], 4),
    (
        "Change a meeting afterwards: a thread was missed",
        ["meeting", "edit", "1", "--thread", "isolation", "--thread", "anxiety", "--thread", "transportation"],
        0,
    ),
    ("The meetings so far", ["meeting", "list", "Riverside"], 0),
    ("One meeting in full: status, minutes and units of each attendee", ["meeting", "show", "2"], 0),
    (
        "Document a phone contact",
        [
            "note",
            "add",
            "Dev Harlan",
            "Called after two missed meetings.",
            "--mode",
            "phone",
            "--date",
            "2026-03-11",
            "--start",
            "10:00",
            "--end",
            "10:25",
            "--goal",
            "4",
            "--intervention=self-help",
            "--details",
            "Talked through the bus times for Tuesday evenings",
            "--response",
            "I want to come back, I just lost track of the days",
            "--plan",
            "Reminder call Monday; back next Tuesday",
        ],
        0,
    ),
    ("Dev's contact notes: 25 minutes make 2 units (H0038)", ["note", "list", "Dev Harlan"], 0),
    ("Sign the note: it is locked", ["note", "sign", "1", "--as", "Dana Reyes, CPS"], 0),
    ("A signed note cannot be edited", ["note", "edit", "1", "--plan", "Something else"], 1),
    (
        "A later fact goes in a dated addendum; the note stays as signed",
        ["note", "amend", "1", "Dev called back: he has set a phone alarm", "--reason", "Later information"],
        0,
    ),
    (
        "Each attendee's own note on the meeting, in their words, on their own goal",
        [
            "meeting",
            "note",
            "2",
            "Ada Quill",
            "--response",
            "Slow breathing helped on the bus",
            "--goal",
            "1",
            "--homework",
            "tried",
        ],
        0,
    ),
    ("Sign the meeting with its attendance and notes", ["meeting", "sign", "2", "--as", "Dana Reyes, CPS"], 0),
    ("The weekly check lists what a chart review would flag (exit 1)", ["note", "lint", "--since", "2026-03-01"], 1),
    (
        "Ada's chart for March: her own record, naming no one else",
        ["participant", "chart", "Ada Quill", "--from", "2026-03-01", "--to", "2026-03-31"],
        0,
    ),
    ("What keeps coming up", ["threads", "Riverside"], 0),
    (
        "A goal of Ada's own",
        ["goal", "add", "Ada Quill", *ADA_GOAL],
        0,
    ),
    (
        "She did it: progress is kept with its date",
        [
            "goal",
            "update",
            "12",
            "--status",
            "achieved",
            "--date",
            "2026-03-12",
            "--note",
            "Rode the 14 bus there and back",
        ],
        0,
    ),
    ("A partner outing; partners share the cost", MUSEUM_TRIP, 0),
    (
        "Finn goes out on his own three times",
        [
            "outing",
            "log",
            "Riverside",
            "--with",
            "Finn Rowe",
            "--date",
            "2026-03-15",
            "--activity",
            "Fishing at the reservoir",
        ],
        0,
    ),
    ("", ["outing", "log", "Riverside", "--with", "Finn Rowe", "--date", "2026-03-18", "--activity", "Library"], 0),
    (
        "",
        [
            "outing",
            "log",
            "Riverside",
            "--with",
            "Finn Rowe",
            "--date",
            "2026-03-21",
            "--activity",
            "Baseball game",
            "--cost",
            "12",
        ],
        0,
    ),
    ("The museum trip logged twice by mistake: it is saved, with a warning", MUSEUM_TRIP, 0),
    ("A correction: erase the copy (audited; scripts need --yes)", ["outing", "delete", "5", "--yes"], 0),
    ("Another: a goal's words, corrected", ["goal", "edit", "12", "--text", "Ride the 14 bus to the library alone"], 0),
    ("Ada's goals and their story", ["goal", "list", "Ada Quill"], 0),
    ("The group's outings", ["outing", "list", "Riverside"], 0),
    ("What the activity fund has left", ["budget", "Riverside"], 0),
    (
        "A continued-stay review",
        [
            "review",
            "Dev Harlan",
            "--progressing",
            "yes",
            "--wants-to-continue",
            "yes",
            "--date",
            "2026-03-11",
            "--note",
            "Missed two meetings for work; wants to stay",
        ],
        0,
    ),
    ("Ada's well-being at intake: WHO-5, scored (a raw score under 13 is low)", WHO5_INTAKE, 0),
    ("", ["measure", "add", "Bram Oakes", "who5", "--answers", "3,3,2,3,3", "--date", "2026-01-06"], 0),
    ("An answer out of range is refused", ["measure", "add", "Cleo Marsh", "who5", "--answers", "2,2,1,2,7"], 1),
    (
        "The program's own scale, from examples/instruments.yaml (item 2 is reversed)",
        ["measure", "add", "Ada Quill", "belong3", "--answers", "2,4,2", "--date", "2026-01-06"],
        0,
    ),
    (
        "Ada joins a garden club: a mainstream connection beyond the group",
        [
            "connection",
            "add",
            "Ada Quill",
            "Garden club at the library",
            "--kind",
            "group",
            "--mainstream",
            "--date",
            "2026-02-10",
        ],
        0,
    ),  # fmt: skip
    ("Goal attainment beside the status (-2 to 2)", ["goal", "update", "12", "--attainment", "1"], 0),
    ("Ada's own wellness plan (plan edit opens your editor)", ["plan", "edit", "Ada Quill", "--from", "{plan}"], 0),
    ("Only plan show ever prints it", ["plan", "show", "Ada Quill"], 0),
    ("The coach's sheet for the next meeting: who is due a measure", ["prep", "Riverside", "--date", "2026-03-22"], 0),
    (
        "Three months on: WHO-5 again",
        ["measure", "add", "Ada Quill", "who5", "--answers", "3,4,3,3,3", "--date", "2026-04-07"],
        0,
    ),  # fmt: skip
    ("", ["measure", "add", "Bram Oakes", "who5", "--answers", "3,3,3,3,3", "--date", "2026-04-07"], 0),
    ("", ["measure", "add", "Ada Quill", "belong3", "--answers", "4,2,4", "--date", "2026-04-07"], 0),
    ("Ada's measures", ["measure", "list", "Ada Quill"], 0),
    ("Outcomes so far: measured change, connections, attainment", ["report", "Riverside", "--to", "2026-04-30"], 0),
    ("Who changed what, the last few changes (never the values)", ["audit", "--last", "5"], 0),
    ("A checked, private backup", ["backup", "{scratch}/backup.db"], 0),
    ("A de-identified export, as JSON", ["export", "--deidentify", "--out", "{scratch}/export.json"], 0),
    (
        "The same as CSV files, one per table",
        ["export", "--deidentify", "--format", "csv", "--out", "{scratch}/csv"],
        0,
    ),
    ("Gale moves to another program", ["group", "remove", "Riverside", "Gale Ito"], 0),
    ("Restoring the backup brings Gale back (scripts need --yes)", ["restore", "{scratch}/backup.db", "--yes"], 0),
    *TEAM_STEPS,
    ("Where this database is", ["db", "path"], 0),
]


def example_file(name: str) -> Path:
    """A file from examples/: packaged in the wheel, or beside the source tree."""
    packaged = resources.files("peertool") / "examples" / name
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "examples" / name


@command(commands, "demo")
def demo(
    keep: Annotated[bool, typer.Option("--keep", help="Keep the scratch database and print where.")] = False,
) -> None:
    """Example: peertool demo --keep"""
    from peertool.cli import app
    from peertool.errors import EXIT_INTERNAL
    from peertool.render.output import console, to_stderr

    scratch = Path(tempfile.mkdtemp(prefix="peertool-demo-"))
    db = scratch / "demo.db"
    base = ["--db", str(db), "--config", str(example_file("peertool.yaml"))]
    out = console()
    try:
        for title, args, expected in STEPS:
            args = [
                a.format(roster=example_file("roster.csv"), plan=example_file("wellness-plan.md"), scratch=scratch)
                for a in args
            ]
            if title:
                out.rule(title)
            out.print(f"$ peertool {shlex.join(args)}", markup=False, style="bold")
            sys.stdout.flush()
            code = _run(app, base + args)
            if code != expected:
                raise typer.Exit(code or EXIT_INTERNAL)
    finally:
        if keep:
            to_stderr("", f"The demo database is at {db}", f"Try: peertool --db {db} participant list")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


def _run(app: typer.Typer, args: list[str]) -> int:
    """One step in-process; its exit code (returned, not raised, outside standalone mode)."""
    from typer.main import get_command

    code = get_command(app).main(args=args, prog_name="peertool", standalone_mode=False)
    sys.stdout.flush()
    return code if isinstance(code, int) else 0

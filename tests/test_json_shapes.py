"""What the commands print with `--json` is what their TypedDicts declare, and what the README's "JSON shapes"
table says.

Each README row names a shape (a TypedDict in the module that returns it, or in its package's `shapes.py`).
The README lists every key of the shape, in order; a command's JSON has every required key and only declared
ones, in that order. So a key added to or dropped from a command's JSON fails here until the shape and the
README say so too.
"""

import json
import re
from pathlib import Path
from typing import Any

import pytest

from peertool.cli.db import DatabasePath, SettingRow
from peertool.db.shapes import Access, Converted, Copy, Entry, Verification
from peertool.outcomes.chart import Chart
from peertool.outcomes.director import Director, GroupFigures
from peertool.outcomes.due_scope import DueItem
from peertool.outcomes.lint import Lint
from peertool.outcomes.measures import Measure
from peertool.outcomes.report import Report
from peertool.outcomes.shapes import AddedSupport, Budget, LoggedOuting, Outing, Prep, SupportRecord
from peertool.outcomes.supervision import Awaiting, SuperviseeStats
from peertool.outcomes.supervision_time import Session
from peertool.outcomes.visit_prep import VisitPrep
from peertool.outcomes.visits import VisitReport
from peertool.pairing.shapes import Pairing, Pairs, Unpairing
from peertool.people.community import CommunityContact
from peertool.people.connections import Connection
from peertool.people.events import Event
from peertool.people.goals import Goal
from peertool.people.groups import Group, GroupChanged, GroupRow
from peertool.people.importing import Imported
from peertool.people.intake import Screened, Screening
from peertool.people.reviews import Review
from peertool.people.shapes import ContactNote, Deleted, Participant, ParticipantChanged, ParticipantRow
from peertool.people.signed_records import SignedRecord
from peertool.people.staff import Staff, WhoAmI
from peertool.people.staff_records import StaffAdded, StaffChanged
from peertool.people.wellness_plans import Plan, PlanLength
from peertool.program.activities import Activity, LoggedActivity
from peertool.program.lessons import Plan as LessonPlan
from peertool.program.schedule import MonthShape
from peertool.program.shapes import Meeting, MeetingNote, MeetingRecorded, MeetingRow
from peertool.program.threads import Thread
from peertool.safety.backup import Restored
from peertool.safety.export import Document
from peertool.safety.moving_in import MovedIn
from peertool.safety.site_key import SiteKey

from helpers import Cli, drop_in

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()
SECTION = README[README.index("## JSON shapes") : README.index("## Exit codes")]
ROWS = {
    row.group(1): (row.group(2), re.findall(r"`([a-z_]+)`", row.group(3)))
    for row in re.finditer(r"^\| `([a-z -]+)`([^|]*)\| (.+) \|$", SECTION, re.MULTILINE)
}
DOCUMENTED = {command: keys for command, (_, keys) in ROWS.items()}

# The shape each README row documents (for a list, of each item). TypedDict classes have no common static type.
SHAPES: dict[str, Any] = {
    "participant show": Participant,
    "participant list": ParticipantRow,
    "enroll --from": Imported,
    "group show": Group,
    "group list": GroupRow,
    "pair": Pairing,
    "pairs": Pairs,
    "unpair": Unpairing,
    "meeting show": Meeting,
    "meeting note": MeetingNote,
    "meeting list": MeetingRow,
    "note list": ContactNote,
    "note lint": Lint,
    "due": DueItem,
    "participant chart": Chart,
    "goal list": Goal,
    "measure list": Measure,
    "connection list": Connection,
    "event list": Event,
    "contact list": CommunityContact,
    "plan show": Plan,
    "plan history": PlanLength,
    "outing list": Outing,
    "activity list": Activity,
    "budget": Budget,
    "support list": SupportRecord,
    "review list": Review,
    "intake list": Screening,
    "report": Report,
    "report --all": Director,
    "prep": Prep,
    "drop-in report": VisitReport,
    "drop-in prep": VisitPrep,
    "schedule": MonthShape,
    "threads": Thread,
    "lessons": LessonPlan,
    "audit": Entry,
    "audit verify": Verification,
    "backup": Copy,
    "restore": Restored,
    "export": Document,
    "site key": SiteKey,
    "db path": DatabasePath,
    "db encrypt": Converted,
    "db grant": Access,
    "db import": MovedIn,
    "config show": SettingRow,
    "participant delete": Deleted,
    "staff list": Staff,
    "staff show": Staff,
    "staff whoami": WhoAmI,
    "supervise queue": Awaiting,
    "supervise stats": SuperviseeStats,
    "supervise log": Session,
    "discharge list": SignedRecord,
}

# Shapes that are a row's shape plus `warnings` (the README's "adds `warnings`").
WARNED = {
    "participant show": ParticipantChanged,
    "group show": GroupChanged,
    "meeting show": MeetingRecorded,
    "outing list": LoggedOuting,
    "activity list": LoggedActivity,
    "intake list": Screened,
    "staff show": StaffChanged,
    "support list": AddedSupport,
}

# The command each row names, run on a season with one of everything.
RUNS = {
    "participant show": ["participant", "show", "1"],
    "participant list": ["participant", "list"],
    "group show": ["group", "show", "Riverside"],
    "group list": ["group", "list"],
    "pairs": ["pairs", "Riverside"],
    "meeting show": ["meeting", "show", "1"],
    "meeting list": ["meeting", "list", "Riverside"],
    "note list": ["note", "list", "1"],
    "meeting note": ["meeting", "note", "1", "1", "--response", "Shared a plan"],
    "participant chart": ["participant", "chart", "1"],
    "goal list": ["goal", "list", "1"],
    "measure list": ["measure", "list"],
    "connection list": ["connection", "list"],
    "event list": ["event", "list"],
    "contact list": ["contact", "list"],
    "plan show": ["plan", "show", "1"],
    "plan history": ["plan", "history", "1"],
    "outing list": ["outing", "list", "Riverside"],
    "activity list": ["activity", "list", "Riverside"],
    "budget": ["budget", "Riverside"],
    "support list": ["support", "list"],
    "review list": ["review", "list"],
    "intake list": ["intake", "list"],
    "report": ["report", "Riverside"],
    "report --all": ["report", "--all"],
    "prep": ["prep", "Riverside", "--date", "2026-03-01"],
    "schedule": ["schedule", "--start", "2026-01-06"],
    "threads": ["threads", "Riverside"],
    "lessons": ["lessons"],
    "audit": ["audit", "--last", "2"],
    "audit verify": ["audit", "verify"],
    "export": ["export"],
    "site key": ["site", "key"],
    "db path": ["db", "path"],
    "config show": ["config", "show"],
    "staff list": ["staff", "list"],
    "staff show": ["staff", "show", "Rae Lin"],
    "staff whoami": ["staff", "whoami"],
}


def declared(shape: Any) -> list[str]:
    """A shape's keys, in the order declared, its bases' first (read without resolving the annotations: a module
    may import the types it names only for the type checker)."""
    return list(shape.__annotations__)


def assert_fits(data: Any, shape: Any) -> None:
    """The JSON object (or a list's first item) has the shape's required keys, only declared ones, in order."""
    keys = list((data[0] if isinstance(data, list) else data).keys())
    optional: frozenset[str] = shape.__optional_keys__
    assert keys == [key for key in declared(shape) if key not in optional or key in keys]


@pytest.fixture
def season(riverside: Cli, monkeypatch: pytest.MonkeyPatch) -> Cli:
    riverside.ok("meeting", "record", "Riverside", "--date", "2026-03-10", "--absent", "2", "--thread", "sleep")
    riverside.ok("note", "add", "1", "Called", "--intervention", "self-help", "--mode", "phone", "--minutes", "20")
    riverside.ok("contact", "add", "--community", "--minutes", "30", "--group", "Riverside")
    riverside.ok("outing", "log", "Riverside", "--with", "1", "--date", "2026-03-14", "--activity", "Walk")
    riverside.ok("support", "add", "1", "42.50", "--for", "bus pass")
    riverside.ok("activity", "log", "Riverside", "--kind", "skills", "--date", "2026-03-14", "--title", "Cooking")
    riverside.ok("review", "1", "--progressing", "yes", "--wants-to-continue", "yes")
    riverside.ok("intake", "1", "--meets", "C", "--exclusion", "A=no", "--exclusion", "B=no")
    riverside.ok("pair", "Riverside")
    riverside.ok("measure", "add", "1", "who5", "--answers", "3,3,3,3,3")
    riverside.ok("connection", "add", "1", "Book club", "--kind", "group")
    riverside.ok("event", "add", "1", "--kind", "referral", "--to", "Crisis line")
    riverside.ok("plan", "edit", "1", "--from", "-", input="## Triggers\nCrowds\n")
    riverside.ok("group", "edit", "Riverside", "--coach", "Rae Lin")
    riverside.ok("staff", "add", "Rae Lin", "--role", "coach", "--credential", "CPS", "--login", "rlin")  # linked
    riverside.ok("participant", "edit", "1", "--staff", "Rae Lin")
    monkeypatch.setenv("PEERTOOL_LOGIN", "rlin")  # records made from here on name Rae Lin
    riverside.ok("note", "add", "1", "Walked to the bus", "--minutes", "15")
    return riverside


def test_every_row_has_a_shape_and_is_run() -> None:
    assert len(DOCUMENTED) >= 25
    assert set(SHAPES) == set(DOCUMENTED)
    unrun = set(DOCUMENTED) - set(RUNS) - {"enroll --from", "pair", "unpair", "backup", "restore",
                                           "participant delete", "note lint", "due", "db encrypt", "db grant",
                                           "db import", "drop-in report",
                                           "drop-in prep", "supervise queue", "supervise stats", "supervise log",
                                           "discharge list"}  # fmt: skip
    assert unrun == set()


@pytest.mark.parametrize("row", sorted(DOCUMENTED))
def test_the_readme_lists_each_shapes_keys(row: str) -> None:
    assert DOCUMENTED[row] == declared(SHAPES[row])


@pytest.mark.parametrize("row", sorted(WARNED))
def test_the_shapes_that_add_warnings(row: str) -> None:
    assert declared(WARNED[row]) == [*declared(SHAPES[row]), "warnings"]
    assert "`warnings`" in ROWS[row][0]


@pytest.mark.parametrize("command", sorted(RUNS))
def test_the_json_has_the_shapes_keys(season: Cli, command: str) -> None:
    assert_fits(json.loads(season.ok(*RUNS[command], "--json").stdout), SHAPES[command])


@pytest.mark.sqlite_only
def test_the_json_of_commands_that_create_records(season: Cli, env: Path) -> None:
    (env / "r.csv").write_text("name\nNia Late\n")
    assert_fits(season.json("enroll", "--from", str(env / "r.csv")), SHAPES["enroll --from"])
    assert_fits(season.json("pair", "Riverside", "--dry-run"), SHAPES["pair"])
    team = season.json("pairs", "Riverside")["pairs"][0]["members"][0]["id"]
    assert_fits(season.json("unpair", "Riverside", str(team), "--reason", "x"), SHAPES["unpair"])
    assert_fits(season.json("contact", "add", "--community", "--minutes", "30"), SHAPES["contact list"])
    assert_fits(season.json("backup", str(env / "b.db")), SHAPES["backup"])
    assert_fits(season.json("restore", str(env / "b.db"), "--yes"), SHAPES["restore"])
    assert_fits(season.json("participant", "delete", "11", "--yes"), SHAPES["participant delete"])
    added = season.json("staff", "add", "Kit Vale", "--role", "coach", "--credential", "CPS")
    assert declared(StaffAdded) == [*declared(Staff), "linked"] and list(added) == declared(StaffAdded)
    linted = season("note", "lint", "--json")
    assert linted.exit_code == 1
    assert_fits(json.loads(linted.stdout), SHAPES["note lint"])
    due = season("due", "--all", "--json")  # staff are defined: --all, not a caseload
    assert due.exit_code == 1
    assert list(json.loads(due.stdout)) == ["items"]
    assert_fits(json.loads(due.stdout)["items"], SHAPES["due"])


def test_a_month_undated_has_only_the_required_keys(cli: Cli) -> None:
    months = cli.json("schedule")
    assert_fits(months, MonthShape)
    assert set(months[0]) == MonthShape.__required_keys__


def test_the_json_of_a_drop_in_group(riverside: Cli, env: Path) -> None:
    drop_in(riverside, env)
    riverside.ok("activity", "log", "Main St", "--kind", "skills", "--date", "2026-03-11", "--title", "Cooking")
    assert_fits(riverside.json("report", "Main St"), SHAPES["drop-in report"])
    assert_fits(riverside.json("prep", "Main St", "--date", "2026-03-09"), SHAPES["drop-in prep"])


def test_the_director_views_rows_are_a_group_and_the_totals_figures(season: Cli) -> None:
    """Each of `report --all`'s `groups` has the group's name, id, program and kind, then the total's figures."""
    row = season.json("report", "--all")["groups"][0]
    assert_fits(row, GroupFigures)
    figures = declared(Director)[declared(Director).index("people") : declared(Director).index("groups")]
    assert declared(GroupFigures) == ["group", "group_id", "program", "drop_in", *figures]
    assert all(f"`{key}`" in ROWS["report --all"][0] for key in ("group", "group_id", "program", "drop_in"))


def test_the_json_of_supervision(staffed: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """A note drawn for co-signing, in Sol Park's queue and in the figures; supervision logged; a discharge signed."""
    Path("peertool.yaml").write_text("supervision: {cosign: all}\n")  # in the test's folder, on either backend
    staffed.ok("note", "add", "1", "Called", "--minutes", "15")
    staffed.ok("note", "sign", "1")
    staffed.ok("discharge", "2", "--reason", "moved away")
    assert_fits(staffed.json("discharge", "sign", "1"), SHAPES["discharge list"])
    monkeypatch.setenv("PEERTOOL_LOGIN", "spark")
    queue = staffed.json("supervise", "queue")
    assert list(queue) == ["supervisor", "items"]
    assert_fits(queue["items"], SHAPES["supervise queue"])
    stats = staffed.json("supervise", "stats")
    assert list(stats) == ["start", "end", "supervisees"]
    assert_fits(stats["supervisees"], SHAPES["supervise stats"])
    assert_fits(staffed.json("supervise", "log", "Rae Lin", "--minutes", "30"), SHAPES["supervise log"])
    assert_fits(staffed.json("discharge", "list"), SHAPES["discharge list"])

"""The outcomes report, through the library: every figure traces back to the records."""

import datetime as dt
from pathlib import Path

from peertool.db.connection import Database
from peertool.db.store import insert, write
from peertool.outcomes.chart import build as chart
from peertool.outcomes.outings import log_outing
from peertool.outcomes.report import build
from peertool.people.community import add_community
from peertool.people.contacts import add_note
from peertool.people.discharges import discharge, readmit
from peertool.people.goals import add_goal, update_goal
from peertool.people.groups import remove_member
from peertool.program.attendance import Marks
from peertool.program.meetings import record_meeting
from peertool.settings import Settings, load_settings

from helpers import Today


def test_report_figures_trace_to_the_records(season: Database, settings: Settings) -> None:
    record_meeting(season, 1, settings=settings, date="2026-03-03", threads=["isolation"], marks=Marks(absent=["4"]))
    record_meeting(
        season, 1, settings=settings, date="2026-03-10", threads=["isolation", "bus"], marks=Marks(absent=["4", "5"])
    )
    record_meeting(season, 1, settings=settings, date="2026-04-07", marks=Marks(present=["4"]))
    update_goal(season, 1, "achieved", on="2026-03-20")  # in the period: a later date would not count
    log_outing(season, 1, with_=["1", "3"], date="2026-03-14", activity="Museum", settings=settings)
    report = build(season, "Riverside", settings=settings, start="2026-03-01", end="2026-03-31")
    people = {p["id"]: p for p in report["participants"]}
    assert people[4]["attendance"] == {"present": 0, "recorded": 2, "rate": 0.0}
    assert people[5]["attendance"] == {"present": 1, "recorded": 2, "rate": 0.5}
    assert people[1]["goals"] == {"set": 1, "achieved": 1} and people[1]["outings"] == {
        "partner": 1,
        "solo": 0,
        "group": 0,
        "with_coach": 0,
    }
    # March 3 falls in month 2 (Feb 6 - Mar 5), March 10 in month 3.
    assert [(m["month"], m["present"], m["recorded"]) for m in report["months"]] == [(2, 9, 10), (3, 8, 10)]
    assert report["threads"][0] == {"tag": "isolation", "count": 2, "last": "2026-03-10"}


def test_the_default_period_is_the_program_year_to_today(season: Database, settings: Settings, today: Today) -> None:
    today(dt.date(2027, 2, 1))
    report = build(season, 1, settings=settings)
    assert (report["from"], report["to"]) == ("2026-01-06", "2027-01-05")
    assert len(report["months"]) == 12 and all(m["rate"] is None for m in report["months"])
    today(dt.date(2026, 3, 15))  # a report is of what happened: never of a future it would count as empty
    assert build(season, 1, settings=settings)["to"] == "2026-03-15"
    assert build(season, 1, settings=settings, end="2026-06-30")["to"] == "2026-06-30"


def test_goals_and_attainment_keep_to_the_period(season: Database, settings: Settings, today: Today) -> None:
    """Goals are those the person had in the period (set by its end, not achieved or dropped before it began);
    achieved are those of them achieved at its end; attainment is each one's latest rating by its end."""
    today(dt.date(2026, 9, 30))
    update_goal(season, 2, "achieved", attainment=1)  # person 2's roster goal: achieved before October
    today(dt.date(2026, 10, 5))
    october = add_goal(season, 1, "Join the choir")["id"]
    today(dt.date(2026, 10, 31))  # the October updates below are recorded at the month's end, not ahead
    update_goal(season, 1, "achieved", attainment=1, on="2026-10-10")  # person 1's roster goal (set in January)
    update_goal(season, october, attainment=0, on="2026-10-20")
    update_goal(season, 3, "achieved", on="2026-10-12")
    update_goal(season, 3, "active", note="marked by mistake", on="2026-10-25")
    today(dt.date(2026, 11, 15))
    update_goal(season, 1, attainment=2)  # a later rating of the same goal
    today(dt.date(2026, 12, 3))
    december = add_goal(season, 1, "Cook for a friend")["id"]
    update_goal(season, december, "achieved", attainment=-1)

    report = build(season, "Riverside", settings=settings, start="2026-10-01", end="2026-10-31")
    people = {p["id"]: p for p in report["participants"]}
    assert people[1]["goals"] == {"set": 2, "achieved": 1}
    assert people[1]["attainment"] == {"rated": 2, "mean": 0.5, "at_or_above_expected": 2}
    assert people[2]["goals"] == {"set": 0, "achieved": 0} and people[2]["attainment"]["rated"] == 0
    assert people[3]["goals"] == {"set": 1, "achieved": 0}
    assert report["recovery"]["attainment"] == {"rated": 2, "mean": 0.5, "at_or_above_expected": 2}

    later = build(season, "Riverside", settings=settings, start="2026-11-01", end="2026-12-31")
    people = {p["id"]: p for p in later["participants"]}
    assert people[1]["goals"] == {"set": 2, "achieved": 1}  # the October goal, still open, and December's
    assert people[1]["attainment"] == {"rated": 2, "mean": -0.5, "at_or_above_expected": 1}


def _weekly_march(db: Database, settings: Settings) -> None:
    """Riverside meets every Tuesday in March, everyone marked present (90 minutes: 6 units each)."""
    for day in ("2026-03-03", "2026-03-10", "2026-03-17", "2026-03-24"):
        record_meeting(db, "Riverside", settings=settings, date=day, all_present=True)


def test_units_count_only_meetings_held_while_a_member(season: Database, settings: Settings) -> None:
    """The reproduction: a member removed with a backdated date keeps her marks at the later meetings; the
    attendance figures leave them out, and the units billed to her must too (they were 24, 18 after she left)."""
    _weekly_march(season, settings)
    remove_member(season, "Riverside", 1, on="2026-03-04")
    report = build(season, "Riverside", settings=settings, start="2026-03-01", end="2026-03-31")
    ada = next(p for p in report["participants"] if p["id"] == 1)
    assert ada["attendance"] == {"present": 1, "recorded": 1, "rate": 1.0}
    assert ada["units"] == [{"month": "2026-03", "group": 6, "individual": 0, "total": 6}]


def test_a_groups_units_stop_at_a_discharge_and_again_at_readmission(season: Database, settings: Settings) -> None:
    """A group's report bills a member's contacts only while they were a member: the discharge ends the
    membership after its day (served, and billed as in the chart) and the readmission starts a new one."""
    with write(season):  # written as a database from before discharges refused later marks could hold them
        for day in ("2026-03-05", "2026-03-12", "2026-03-19", "2026-03-26"):
            insert(season, "contact_notes", {"participant_id": 1, "noted_on": day, "mode": "phone",
                                             "text": "Check-in", "minutes": 30})  # fmt: skip
    discharge(season, 1, "Moved away", on="2026-03-12")
    readmit(season, 1, on="2026-03-26", group="Riverside")
    report = build(season, "Riverside", settings=settings, start="2026-03-01", end="2026-03-31")
    ada = next(p for p in report["participants"] if p["id"] == 1)
    assert ada["units"] == [{"month": "2026-03", "group": 0, "individual": 6, "total": 6}]  # Mar 5, 12 and 26
    charted = chart(season, 1, settings=settings, start="2026-03-01", end="2026-03-31")
    assert charted["units"] == ada["units"]  # the chart bills what the report bills


def test_contacts_are_counted_by_intervention_and_mode_with_the_face_to_face_share(
    season: Database, settings: Settings, env: Path
) -> None:
    """A note with two codes counts under each; only members' contacts while members; community contacts apart."""
    add_note(season, 1, "Bus route", interventions=["self-help"], minutes=20, date="2026-01-07", settings=settings)
    add_note(season, 1, "Check-in", interventions=["pre-crisis", "symptoms"], mode="phone", minutes=15,
             date="2026-01-08", settings=settings)  # fmt: skip
    add_note(season, 2, "Uncoded", minutes=7, date="2026-01-09", settings=settings)
    add_note(season, 2, "Outside the period", interventions=["self-help"], date="2026-02-09", settings=settings)
    add_community(season, minutes=40, group="Riverside", date="2026-01-20", settings=settings)
    add_community(season, minutes=30, date="2026-01-21", settings=settings)  # no group: in no group's report

    contacts = build(season, "Riverside", settings=settings, start="2026-01-01", end="2026-01-31")["contacts"]
    assert (contacts["total"], contacts["uncoded"]) == (3, 1)
    assert contacts["by_intervention"] == [
        {"code": "self-help", "contacts": 1, "minutes": 20, "units": 1},
        {"code": "pre-crisis", "contacts": 1, "minutes": 15, "units": 1},
        {"code": "symptoms", "contacts": 1, "minutes": 15, "units": 1},
    ]
    assert contacts["by_mode"] == [
        {"mode": "in-person", "contacts": 2, "minutes": 27, "units": 1},
        {"mode": "phone", "contacts": 1, "minutes": 15, "units": 1},
        {"mode": "video", "contacts": 0, "minutes": 0, "units": 0},
    ]
    assert contacts["face_to_face"] == {"in_person": 2, "contacts": 3, "share": 0.667, "expected": 0.5, "below": False}
    assert contacts["community"] == {"contacts": 1, "minutes": 40, "units": 3, "billed": False}

    path = env / "peertool.yaml"
    path.write_text("contacts:\n  face_to_face_share: 0.7\n")
    path.chmod(0o600)
    strict = build(season, "Riverside", settings=load_settings(str(path)), start="2026-01-01", end="2026-01-31")
    assert strict["contacts"]["face_to_face"]["below"] is True
    assert any("in-person share 0.667 is below contacts.face_to_face_share 0.7" in w for w in strict["warnings"])


def test_a_period_with_no_contacts_has_no_share_and_no_warning(season: Database, settings: Settings) -> None:
    report = build(season, "Riverside", settings=settings, start="2026-01-01", end="2026-01-31")
    assert report["contacts"]["face_to_face"] == {"in_person": 0, "contacts": 0, "share": None, "expected": 0.5,
                                                  "below": False}  # fmt: skip
    assert report["warnings"] == []

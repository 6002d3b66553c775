"""The de-identified export: keyed pseudonyms of what makes a record the same record, codes instead of text,
months instead of dates, and no record id anywhere."""

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from peertool.db.connection import Database
from peertool.errors import ConfigError
from peertool.people.discharges import discharge
from peertool.people.events import add_event
from peertool.people.goals import add_goal
from peertool.people.participants import enroll
from peertool.safety.coverage import Period
from peertool.safety.deidentify import Pseudonyms, columns, deidentified_source, fingerprint, pseudonym_key
from peertool.settings import Settings, load_settings

from helpers import Today, log_activity


def _rows(db: Database, settings: Settings, table: str, dates: str = "months") -> list[dict[str, Any]]:
    _, rows, _ = deidentified_source(db, settings, Period(None, None), include_notes=False, dates=dates)
    return list(rows(table))


def _config(env: Path, text: str) -> Settings:
    path = env / "peertool.yaml"
    path.write_text(text)
    path.chmod(0o600)
    return load_settings(str(path))


def test_a_pseudonym_is_keyed_and_a_record_id_becomes_one_only_through_it() -> None:
    one, same, other = Pseudonyms("k" * 32), Pseudonyms("k" * 32), Pseudonyms("j" * 32)
    made = one.of("P", "external:RV-001")
    assert made == same.of("P", "external:RV-001") != other.of("P", "external:RV-001")
    assert made.startswith("P-") and len(made) == 12 and made[2:] == made[2:].upper()
    assert one.lookup("goal", 7) == one.lookup("goal", 7) != one.lookup("note", 7)
    assert one.lookup("goal", None) is None
    assert fingerprint("k" * 32) == fingerprint("k" * 32) != fingerprint("j" * 32)
    assert len(fingerprint("k" * 32)) == 16


def test_people_are_coded_by_month_and_gender_class_with_no_name_or_id(season: Database, settings: Settings) -> None:
    enroll(season, {"name": "Pax Lorne", "enrolled_on": "2026-01-12"}, max_group_size=12)  # no gender recorded
    discharge(season, "Bram Oakes", "Goals met: drives to work", on="2026-03-01")
    people = {row["person"]: row for row in _rows(season, settings, "participants")}
    assert len(people) == 11 and all(p.startswith("P-") for p in people)
    genders = sorted(row["gender"] for row in people.values())
    assert genders == ["female"] * 5 + ["male"] * 4 + ["other", "unrecorded"]
    bram = next(row for row in people.values() if row["status"] == "discharged")
    assert (bram["enrolled_on"], bram["discharged_on"], bram["discharge_reason"]) == ("2026-01", "2026-03", "goals-met")
    assert all(row["discharge_reason"] is None for row in people.values() if row is not bram)
    assert "Bram" not in repr(people) and "RV-00" not in repr(people)
    exact = _rows(season, settings, "participants", dates="exact")
    assert sorted({row["enrolled_on"] for row in exact})[0] == "2026-01-05"


def test_namesakes_enrolled_the_same_day_get_their_own_pseudonyms(db: Database, settings: Settings) -> None:
    for _ in range(2):
        enroll(db, {"name": "Sam Tully", "enrolled_on": "2026-02-02"}, max_group_size=12)
    first, second = (row["person"] for row in _rows(db, settings, "participants"))
    assert first != second


def test_every_table_has_its_columns_and_notes_only_when_asked() -> None:
    assert columns("contact_notes", False) == ["site_id", "note", "person", "noted_on", "mode", "minutes", "goal"]
    assert columns("contact_notes", True)[-4:] == ["text", "intervention", "response", "plan"]
    assert columns("connections", True) == columns("connections", False)  # what a tie is called never leaves
    assert columns("meeting_threads", True) == ["site_id", "meeting", "tag"]


def test_a_key_file_is_made_private_when_missing_and_a_short_key_is_refused(db: Database, env: Path) -> None:
    key_file = env / "keys" / "pseudonym.key"
    settings = _config(env, f"pseudonym_key_file: {key_file}\n")
    key = pseudonym_key(db, settings)
    assert len(key) == 64 and key_file.read_text() == key + "\n"
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert pseudonym_key(db, settings) == key  # kept: a rebuilt database makes the same pseudonyms
    key_file.write_text("too short\n")
    with pytest.raises(ConfigError, match="too short a key"):
        pseudonym_key(db, settings)


def test_without_a_key_file_the_databases_own_key_is_used(db: Database, settings: Settings) -> None:
    stored = db.execute("SELECT value FROM settings WHERE key = 'pseudonym_key'").fetchone()[0]
    assert pseudonym_key(db, settings) == stored and len(stored) >= 32


def test_events_carry_kind_and_month_only_and_goals_only_whether_a_treatment_link_exists(
    season: Database, settings: Settings, today: Today
) -> None:
    today(dt.date(2026, 2, 2))
    add_event(season, 1, kind="hospitalization", on="2026-01-12", to="County hospital", note="Rode there")
    add_event(season, 1, kind="return", on="2026-01-20")
    add_goal(season, 1, "Sleep better", treatment_goal="Plan goal 2: sleep")
    for dates in ("months", "exact"):
        events = _rows(season, settings, "events", dates)
        assert [list(row) for row in events] == [["site_id", "event", "person", "kind", "month"]] * 2
        assert [(row["kind"], row["month"]) for row in events] == [("hospitalization", "2026-01"),
                                                                    ("return", "2026-01")]  # fmt: skip
    goals = _rows(season, settings, "goals")
    assert [row["treatment_link"] for row in goals] == [0] * 10 + [1]
    _, rows, _ = deidentified_source(season, settings, Period(None, None), include_notes=True, dates="exact")
    written = repr([list(rows(table)) for table in ("events", "goals")])
    assert "County hospital" not in written and "Rode there" not in written and "Plan goal" not in written
    assert columns("events", True) == columns("events", False)


def test_contacts_carry_their_codes_and_mode_and_never_their_free_text(season: Database, settings: Settings) -> None:
    from peertool.people.community import add_community
    from peertool.people.contacts import add_note

    add_note(season, 1, "Bus route with Ada", interventions=["self-help"], details="Practised", date="2026-01-07",
             settings=settings)  # fmt: skip
    add_note(season, 1, "Check-in", interventions=["pre-crisis", "symptoms"], mode="phone", date="2026-01-08",
             settings=settings)  # fmt: skip
    add_community(season, minutes=30, text="Clinic staff talk", location="Main St clinic", date="2026-01-09",
                  settings=settings)  # fmt: skip
    notes = _rows(season, settings, "contact_notes")
    coded = _rows(season, settings, "contact_interventions")
    assert [n["mode"] for n in notes] == ["in-person", "phone"]
    assert [(c["note"], c["code"]) for c in coded] == [(notes[0]["note"], "self-help"), (notes[1]["note"],
                                                       "pre-crisis"), (notes[1]["note"], "symptoms")]  # fmt: skip
    community = _rows(season, settings, "community_contacts")
    assert [(c["noted_on"], c["mode"], c["minutes"], c["audience"]) for c in community] == [
        ("2026-01", "in-person", 30, "providers")]  # fmt: skip
    text = repr([notes, coded, community])
    assert not any(words in text for words in ("Bus route", "Practised", "Check-in", "Clinic staff", "Main St"))


def test_support_is_coded_by_month_and_amount_never_its_purpose(season: Database, settings: Settings) -> None:
    from peertool.outcomes.outings import log_outing
    from peertool.outcomes.support import add_support

    add_support(season, 1, "42.50", purpose="clinic copay", date="2026-03-02", note="Ada's own words")
    log_outing(season, 1, with_=["1", "2", "3"], date="2026-03-14", activity="Theatre", cost="30", discount="6",
               with_coach=True, paid_by="participants", settings=settings)  # fmt: skip
    for dates in ("months", "exact"):
        [row] = _rows(season, settings, "support", dates=dates)
        assert (row["month"], row["amount_cents"], row["person"][:2]) == ("2026-03", 4250, "P-")
        assert "copay" not in repr(row) and "Ada" not in repr(row) and "id" not in row
    [outing] = _rows(season, settings, "outings")
    assert (outing["with_coach"], outing["discount_cents"], outing["paid_by"]) == (1, 600, "participants")


def test_an_activity_is_its_kind_month_head_count_and_mainstream_never_its_text(
    season: Database, settings: Settings
) -> None:
    log_activity(season, "Riverside", kind="spiritual", date="2026-03-14", title="Service at St Anne's",
                 with_=["1", "2"], staff="Dana Reyes", place="Elm St", mainstream=True)  # fmt: skip
    log_activity(season, "Riverside", kind="skills", date="2026-04-02", title="Cooking")
    rows = _rows(season, settings, "activities", dates="exact")
    assert [(r["kind"], r["month"], r["people"], r["mainstream"]) for r in rows] == [
        ("spiritual", "2026-03", 2, 1), ("skills", "2026-04", 0, 0)]  # fmt: skip
    assert all(r["activity"].startswith("R-") and r["group"].startswith("G-") for r in rows)
    assert "Dana" not in repr(rows) and "Elm" not in repr(rows) and "Cooking" not in repr(rows)


def test_staff_are_never_named_in_a_deidentified_export(season: Database, settings: Settings) -> None:
    from peertool.people.groups import edit_group
    from peertool.people.participants import edit
    from peertool.people.staff_records import add_staff
    from peertool.safety.deidentify import PROFILE

    add_staff(season, "Rae Lin", role="coach", credential="CPRS", login="rlin")
    edit_group(season, "Riverside", {"coach": "Rae Lin"})
    edit(season, "1", {"staff": "Rae Lin"}, max_group_size=12)
    everything = repr([_rows(season, settings, table, dates="exact") for table in PROFILE])
    assert "Rae" not in everything and "rlin" not in everything and "CPRS" not in everything


def test_who_made_a_record_is_never_exported_de_identified(season: Database, settings: Settings) -> None:
    from peertool.people.contacts import add_note
    from peertool.people.staff_records import add_staff
    from peertool.safety.deidentify import PROFILE

    add_staff(season, "Rae Lin", role="coach", credential="CPRS", login="rlin", on="2026-01-01")
    add_note(season, 1, "Check-in", mode="phone", date="2026-01-08", settings=settings, staff="Rae Lin")
    [note] = _rows(season, settings, "contact_notes", dates="exact")
    assert "staff_id" not in note and "Rae" not in repr(note)
    assert all("staff_id" not in row for table in PROFILE for row in _rows(season, settings, table, dates="exact"))

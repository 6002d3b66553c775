"""Exports, through the library."""

import pytest

from peertool.db.connection import Database
from peertool.errors import InvalidInput
from peertool.people.contacts import add_note
from peertool.safety.deidentify import Pseudonyms, domain_coder, fingerprint
from peertool.safety.export import TABLES, export_data
from peertool.safety.scrub import scrubber
from peertool.settings import Settings


def test_a_full_export_has_every_table_and_a_manifest(season: Database, settings: Settings) -> None:
    data = export_data(season, settings)
    assert set(data["tables"]) == set(TABLES) and data["manifest"]["profile"] == "identified"
    assert data["tables"]["participants"][0]["name"] == "Ada Quill"
    assert data["manifest"]["tables"]["participants"] == 10 and data["manifest"]["site_id"].startswith("site-")


def test_deidentified_people_have_stable_pseudonyms_and_no_contact_fields(season: Database, settings: Settings) -> None:
    add_note(season, 1, "Ada Quill called from 555-0101", settings=settings)
    first = export_data(season, settings, deidentify=True)
    people = first["tables"]["participants"]
    assert {"name", "phone", "email", "external_id", "id"}.isdisjoint(people[0])
    assert people == export_data(season, settings, deidentify=True)["tables"]["participants"]
    assert "text" not in first["tables"]["contact_notes"][0]
    kept = export_data(season, settings, deidentify=True, include_notes=True)["tables"]["contact_notes"][0]["text"]
    assert kept == "[name] [name] called from [phone]"


def test_a_period_cuts_the_dated_tables(season: Database, settings: Settings) -> None:
    from peertool.program.meetings import record_meeting

    record_meeting(season, 1, settings=settings, date="2026-03-10")
    record_meeting(season, 1, settings=settings, date="2026-05-12")
    data = export_data(season, settings, deidentify=True, start="2026-04-01", end="2026-06-30")
    assert [m["held_on"] for m in data["tables"]["meetings"]] == ["2026-05"]
    assert len(data["tables"]["attendance"]) == 0 and len(data["tables"]["participants"]) == 10
    with pytest.raises(InvalidInput):
        export_data(season, settings, start="2026-07-01", end="2026-06-30")


def test_pseudonyms_depend_on_the_key_and_notes_need_deidentify(season: Database, settings: Settings) -> None:
    assert Pseudonyms("k1" * 16).of("P", "x") != Pseudonyms("k2" * 16).of("P", "x")
    assert fingerprint("k1" * 16) != fingerprint("k2" * 16) and len(fingerprint("k")) == 16
    with pytest.raises(InvalidInput):
        export_data(season, settings, include_notes=True)


@pytest.mark.parametrize(
    ("typed", "code"),
    [("Transport", "transportation"), ("HOUSING", "housing"), ("faith ", "faith"), ("bus", "other"), (None, None)],
)
def test_goal_domains_map_to_the_vocabulary(typed: str | None, code: str | None) -> None:
    assert domain_coder(["transportation", "housing", "faith", "other"])(typed) == code


def test_the_scrub_catches_names_without_case_or_accents_and_contact_like_text(season: Database) -> None:
    season.execute("UPDATE participants SET name = 'Zoë Strauß' WHERE id = 2")
    scrub = scrubber(season)
    text = "ZOE and STRAUSS met at 42 Elm Street; call (555) 010-1234, 555.010.1234; x@y.org; ssn 123-45-6789"
    assert scrub(text) == "[name] and [name] met at [address]; call [phone], [phone]; [email]; ssn [number]"
    assert scrub("Quillfeather and Adam") == "Quillfeather and Adam"  # whole words only

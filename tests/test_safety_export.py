"""Exports, through the library."""

import pytest

from peertool.errors import InvalidInput
from peertool.people.contacts import add_note
from peertool.safety.export import TABLES, export_data, pseudonym


def test_a_full_export_has_every_table(season):
    data = export_data(season)
    assert set(data["tables"]) == set(TABLES) and data["deidentified"] is False
    assert data["tables"]["participants"][0]["name"] == "Ada Quill"


def test_deidentified_people_have_stable_pseudonyms_and_no_contact_fields(season):
    add_note(season, 1, "Ada Quill called from 555-0101")
    first = export_data(season, deidentify=True)
    people = first["tables"]["participants"]
    assert {"name", "phone", "email", "external_id"}.isdisjoint(people[0])
    assert people[0]["pseudonym"] == export_data(season, deidentify=True)["tables"]["participants"][0]["pseudonym"]
    assert first["tables"]["contact_notes"][0].get("text") is None
    kept = export_data(season, deidentify=True, include_notes=True)["tables"]["contact_notes"][0]["text"]
    assert "Ada Quill" not in kept and "555-0101" not in kept and kept.startswith("P-")


def test_pseudonyms_depend_on_the_key_and_notes_need_deidentify(season):
    assert pseudonym("k1", 1) != pseudonym("k2", 1) and pseudonym("k1", 1).startswith("P-")
    with pytest.raises(InvalidInput):
        export_data(season, include_notes=True)

"""Contact notes, through the library."""

import datetime as dt
from pathlib import Path

import pytest

from peertool.db.connection import Database
from peertool.errors import InvalidInput
from peertool.people.contacts import add_note, edit_note, get_note, list_notes, sign_note, signed_content
from peertool.settings import Settings, load_settings

from helpers import Today, file_of


def test_notes_default_to_today_and_list_oldest_first(season: Database, settings: Settings, today: Today) -> None:
    today(dt.date(2026, 3, 11))
    later = add_note(season, "Dev Harlan", "Called after two missed meetings.", mode="PHONE", settings=settings)
    earlier = add_note(season, 4, "Met at the library.", date="2026-03-02", settings=settings)
    assert (later["date"], later["mode"], later["participant"]) == (
        "2026-03-11",
        "phone",
        {"id": 4, "name": "Dev Harlan"},
    )
    assert [n["id"] for n in list_notes(season, "dev harlan", settings)] == [earlier["id"], later["id"]]


def test_bad_notes_are_refused(season: Database, settings: Settings) -> None:
    with pytest.raises(InvalidInput):
        add_note(season, 4, "text", mode="letter", settings=settings)
    with pytest.raises(InvalidInput):
        add_note(season, 4, "", settings=settings)


def test_a_note_carries_the_definitions_intervention_codes(season: Database, settings: Settings) -> None:
    """Repeated and comma-separated, any case, each once, in the order given; free text is `details`."""
    note = add_note(season, 4, "Bus route", interventions=["Self-Help", "pre-crisis,symptoms", "self-help"],
                    details="Practised the route", settings=settings)  # fmt: skip
    assert (note["interventions"], note["details"]) == (["self-help", "pre-crisis", "symptoms"], "Practised the route")
    assert add_note(season, 4, interventions=["advocacy"], settings=settings)["text"] is None  # codes alone do
    assert get_note(season, note["id"], settings)["interventions"] == ["self-help", "pre-crisis", "symptoms"]


def test_an_unknown_code_is_refused_with_the_list_and_nothing_is_saved(season: Database, settings: Settings) -> None:
    with pytest.raises(InvalidInput) as refused:
        add_note(season, 4, "x", interventions=["self-help", "selfhelp"], settings=settings)
    assert "'selfhelp'" in str(refused.value) and "self-help, community-education, advocacy" in str(refused.value)
    assert list_notes(season, 4, settings) == []


def test_the_vocabulary_is_the_configs(season: Database, env: Path) -> None:
    path = env / "peertool.yaml"
    path.write_text("interventions: [wrap-plan, housing]\n")
    path.chmod(0o600)
    settings = load_settings(str(path))
    assert add_note(season, 4, interventions=["WRAP-plan"], settings=settings)["interventions"] == ["wrap-plan"]
    with pytest.raises(InvalidInput, match="use wrap-plan, housing"):
        add_note(season, 4, interventions=["self-help"], settings=settings)


def test_an_edit_given_codes_replaces_them_and_keeps_them_otherwise(season: Database, settings: Settings) -> None:
    note = add_note(season, 4, "x", interventions=["advocacy"], settings=settings)
    kept = edit_note(season, note["id"], details="Spoke up at the clinic", settings=settings)
    assert (kept["interventions"], kept["details"]) == (["advocacy"], "Spoke up at the clinic")
    assert edit_note(season, note["id"], interventions=["symptoms"], settings=settings)["interventions"] == ["symptoms"]
    assert edit_note(season, note["id"], interventions=[], settings=settings)["interventions"] == []


def test_a_note_signed_before_codes_existed_stays_intact(season: Database, settings: Settings) -> None:
    """The signature covers the codes only when there are some, so a note signed before 0020 verifies as it did."""
    plain = add_note(season, 4, "Called", settings=settings)
    row = next(iter(season.query("SELECT * FROM contact_notes WHERE id = ?", [plain["id"]])))
    assert "interventions" not in signed_content(row, [])
    assert sign_note(season, plain["id"], "Dana Reyes, CPS", settings=settings)["intact"] is True
    coded = add_note(season, 4, "Called", interventions=["symptoms"], settings=settings)
    assert sign_note(season, coded["id"], "Dana Reyes, CPS", settings=settings)["intact"] is True
    season.execute("INSERT INTO contact_interventions (note_id, code) VALUES (?, 'advocacy')", [coded["id"]])
    file_of(season).conn.commit()  # as another tool would
    assert get_note(season, coded["id"], settings)["intact"] is False  # a code added behind peertool shows
    with pytest.raises(InvalidInput, match="is signed"):
        edit_note(season, coded["id"], interventions=["advocacy"], settings=settings)

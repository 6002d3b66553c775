"""Turning a REF into one record."""

import pytest

from peertool.db.connection import Database
from peertool.db.refs import as_id, name_key, resolve
from peertool.errors import Conflict, NotFound


@pytest.mark.parametrize(("raw", "expected"), [("12", 12), (" 7 ", 7), ("²", None), ("1e3", None), ("9" * 19, None)])
def test_ids_are_ascii_digits_that_fit(raw: str, expected: int | None) -> None:
    assert as_id(raw) == expected


def test_names_compare_with_spaces_folded_and_case_folded() -> None:
    assert name_key("  Ada   QUILL ") == name_key("ada quill")
    assert name_key("STRASSE") == name_key("straße")


def test_resolve_by_id_and_name_refuses_missing_and_ambiguous(season: Database) -> None:
    assert resolve(season, "participants", "participant", "1")["name"] == "Ada Quill"
    with pytest.raises(NotFound, match="no group 'Nowhere'"):
        resolve(season, "peer_groups", "group", "Nowhere")
    season.execute(
        "INSERT INTO participants (name, name_key, enrolled_on) VALUES ('Ada Quill', 'ada quill', '2026-01-01')"
    )
    with pytest.raises(Conflict, match="id 1, id 11"):
        resolve(season, "participants", "participant", "ADA QUILL")

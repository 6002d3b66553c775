"""Turning a REF into one record."""

import pytest

from peertool.db.connection import Database
from peertool.db.refs import as_id, name_key, resolve, suggestions, twin_key
from peertool.errors import Conflict, NotFound


@pytest.mark.parametrize(("raw", "expected"), [("12", 12), (" 7 ", 7), ("²", None), ("1e3", None), ("9" * 19, None)])
def test_ids_are_ascii_digits_that_fit(raw: str, expected: int | None) -> None:
    assert as_id(raw) == expected


def test_names_compare_with_spaces_folded_and_case_folded() -> None:
    assert name_key("  Ada   QUILL ") == name_key("ada quill")
    assert name_key("STRASSE") == name_key("straße")


def test_a_twin_key_folds_what_reads_the_same_and_the_lookup_key_stays_as_stored() -> None:
    assert twin_key("\uff32\uff41\uff45 \U0001d40b\U0001d422\U0001d427") == twin_key("rae lin") == "rae lin"
    assert twin_key("\u0639\u0644\u06cc\u200c\u067e") == twin_key("\u0639\u0644\u06cc\u067e")  # a ZWNJ
    assert name_key("\uff32\uff41\uff45 Lin") != "rae lin"  # stored keys are NFC: lookups do not change


def test_resolve_by_id_and_name_refuses_missing_and_ambiguous(season: Database) -> None:
    assert resolve(season, "participants", "participant", "1")["name"] == "Ada Quill"
    with pytest.raises(NotFound, match="no group 'Nowhere'"):
        resolve(season, "peer_groups", "group", "Nowhere")
    season.execute(
        "INSERT INTO participants (name, name_key, enrolled_on) VALUES ('Ada Quill', 'ada quill', '2026-01-01')"
    )
    with pytest.raises(Conflict, match="id 1, id 11"):
        resolve(season, "participants", "participant", "ADA QUILL")


def test_a_near_miss_suggests_the_closest_names_and_those_with_the_word_typed() -> None:
    """ "Rae" is close to "Rae Lin"; a first name or surname alone ("Kit", "vale") is a near miss too."""
    team = [(1, "Sol Park"), (2, "Rae Lin"), (3, "Kit Vale"), (4, "Ada Moss")]
    assert suggestions("Rae", team) == [(2, "Rae Lin")]
    assert suggestions("Kit", team) == [(3, "Kit Vale")]
    assert suggestions("vale", team) == [(3, "Kit Vale")]
    assert suggestions("Zqx", team) == [] and suggestions("a", team) == []

"""Each setting is declared once (`settings_spec.Declared`): its key, default, check and help, and its attribute."""

from typing import Any

import pytest

from peertool.settings import Settings, load_settings
from peertool.settings_spec import SPEC, Declared, Setting

DECLARED = [item for item in vars(Declared).values() if isinstance(item, Setting)]


def test_every_declaration_has_its_own_key_and_attribute() -> None:
    assert len(SPEC) == len(DECLARED)  # a key declared twice would hide one of them
    assert [item.attribute for item in DECLARED] == [name for name, item in vars(Declared).items() if item in DECLARED]


@pytest.mark.parametrize("item", DECLARED, ids=[item.key for item in DECLARED])
def test_each_default_and_sample_passes_its_own_check(item: Setting[Any]) -> None:
    assert item.check(item.default) == item.default
    item.check(item.sample)  # what a starter file shows commented out works when uncommented


@pytest.mark.parametrize("item", DECLARED, ids=[item.key for item in DECLARED])
def test_each_help_is_one_line(item: Setting[Any]) -> None:
    assert item.help and "\n" not in item.help and item.help == item.help.strip()


def test_each_attribute_reads_its_key(env: Any) -> None:
    (env / "peertool.yaml").write_text("meeting_minutes: 60\npairing:\n  odd: trio\nbilling:\n  unit_minutes: 30\n")
    settings = load_settings()
    for item in DECLARED:
        assert getattr(settings, item.attribute) == settings.values[item.key], item.key
    assert (settings.meeting_minutes, settings.odd, settings.unit_minutes) == (60, "trio", 30)


def test_the_weights_are_the_pairing_weights_by_name(env: Any) -> None:
    (env / "peertool.yaml").write_text("pairing:\n  weights:\n    repeat: 2.5\n")
    weights = load_settings().weights
    assert weights == {"mixed_gender": 1000, "solo_mismatch": 100, "repeat": 2.5, "shared_interest": 1}


def test_the_declarations_are_class_attributes_only() -> None:
    """Reading a declaration from the class gives the declaration itself (what the generators walk)."""
    assert Settings.odd is SPEC["pairing.odd"]

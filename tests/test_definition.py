"""The service definition: built-in codes and wording (quoted from the state definition), or a program's file."""

from pathlib import Path

import pytest

from peertool import definition
from peertool.errors import ConfigError
from peertool.settings import load_settings

DOMAIN = Path("/work/shared/domain/003_e4da3e8d934f0495.txt")


def test_the_built_in_definition_has_every_code_of_the_state_definition() -> None:
    d = definition.DEFAULT
    assert d["version"] == "builtin-1"
    assert list(d["service_criteria"]) == list("ABCDEFG")
    assert list(d["exclusions"]) == ["A", "B"]
    assert list(d["continued_stay"]) == ["A", "B", "C"]
    assert list(d["discharge"]) == ["A", "B"]


@pytest.mark.skipif(not DOMAIN.exists(), reason="the domain text is not on this machine")
def test_the_built_in_wording_is_quoted_exactly() -> None:
    text = DOMAIN.read_text()
    for section in definition.SECTIONS:
        for code, wording in definition.DEFAULT[section].items():  # type: ignore[literal-required]
            assert f"- {code}. {wording}" in text, (section, code)


def test_without_a_definition_file_the_built_in_one_is_in_force() -> None:
    assert definition.load(load_settings()) is definition.DEFAULT


def test_a_definition_file_replaces_the_codes_and_wording(env: Path) -> None:
    (env / "definition.yaml").write_text(
        "version: other-state-2\nservice_criteria:\n  X1: Needs peer support\nexclusions:\n  R: Is at risk\n"
    )
    (env / "peertool.yaml").write_text("definition_file: definition.yaml\n")
    loaded = definition.load(load_settings(str(env / "peertool.yaml")))
    assert loaded["version"] == "other-state-2"
    assert loaded["service_criteria"] == {"X1": "Needs peer support"}
    assert loaded["continued_stay"] == definition.DEFAULT["continued_stay"]  # reworded only when given


@pytest.mark.parametrize(
    "raw",
    [
        {"service_criteria": {"A": "x"}, "exclusions": {"A": "y"}},  # no version
        {"version": "v1", "exclusions": {"A": "y"}},  # no criteria
        {"version": "v1", "service_criteria": {"A": "x", "a": "z"}, "exclusions": {"A": "y"}},  # a code twice
        {"version": "v1", "service_criteria": {"A": ""}, "exclusions": {"A": "y"}},  # no wording
        {"version": "v1", "service_criteria": {"A": "x"}, "exclusions": {"A": "y"}, "discharge": {"Z": "z"}},
        {"version": "v1", "service_criteria": {"A": "x"}, "exclusions": {"A": "y"}, "colour": "red"},
        ["not", "a", "mapping"],
    ],
)
def test_a_wrong_definition_is_a_config_error(raw: object) -> None:
    with pytest.raises(ConfigError):
        definition.check(raw, "definition_file x")


def test_codes_are_matched_in_any_case() -> None:
    assert definition.code_in(definition.DEFAULT["service_criteria"], " b ") == "B"
    assert definition.code_in(definition.DEFAULT["service_criteria"], "H") is None


def test_the_fingerprint_changes_with_the_wording() -> None:
    reworded = {**definition.DEFAULT, "exclusions": {"A": "Other words", "B": "More"}}
    assert definition.fingerprint(reworded) != definition.fingerprint(definition.DEFAULT)  # type: ignore[arg-type]
    assert definition.from_stored(definition.canonical(definition.DEFAULT)) == definition.DEFAULT

"""Programs as data: the built-in iml reproduces the settings IML groups always read; the config's programs are
checked strictly; a group's program comes from its row (NULL: iml)."""

from pathlib import Path

import pytest

from peertool.errors import ConfigError, InvalidInput
from peertool.programs import IML, Program, all_programs, group_program, parse_days, program_months, program_named
from peertool.settings import Settings, load_settings
from peertool.settings_spec import PROGRAM_THEMES
from peertool.vocab import ProgramKind

INDEPENDENCE = "programs:\n  independence: {kind: drop-in, days: mon-fri}\n"


def _load(env: Path, text: str) -> Settings:
    (env / "peertool.yaml").write_text(text)
    return load_settings()


def test_the_built_in_iml_is_todays_group(settings: Settings) -> None:
    assert all_programs(settings) == {
        IML: Program(IML, ProgramKind.group_year, PROGRAM_THEMES, 6, 12, True, (), "H0038")
    }
    assert program_months(settings) == {IML: 12}


def test_iml_follows_the_old_settings_and_an_iml_entry_overrides_them(env: Path) -> None:
    old = _load(env, "themes: [One, Two]\ngroup_size: {min: 4, max: 8}\nbilling: {service_code: H0046}\n")
    assert program_named(old, "iml") == Program(IML, ProgramKind.group_year, ("One", "Two"), 4, 8, True, (), "H0046")
    new = _load(env, "programs:\n  iml: {themes: [Only], group_size: {min: 2, max: 10}, service_code: h2015}\n")
    iml = program_named(new, "IML")
    assert (iml.themes, iml.size_min, iml.size_max, iml.service_code) == (("Only",), 2, 10, "H2015")


def test_a_drop_in_has_days_and_no_members_size_or_pairs(env: Path) -> None:
    settings = _load(env, INDEPENDENCE)
    independence = program_named(settings, "independence")
    assert independence == Program(
        "independence", ProgramKind.drop_in, (), 0, None, False, ("mon", "tue", "wed", "thu", "fri"), "H0038"
    )
    assert independence.drop_in and list(all_programs(settings)) == [IML, "independence"]
    assert program_months(settings) == {IML: 12, "independence": None}
    assert group_program(settings, {"id": 1, "program": "independence", "days": "mon,tue"}) is not None
    assert group_program(settings, {"id": 1, "program": None}).name == IML


def test_unknown_names_are_refused_with_the_known_ones(env: Path) -> None:
    settings = _load(env, INDEPENDENCE)
    with pytest.raises(InvalidInput) as unknown:
        program_named(settings, "clubhouse")
    assert "iml, independence" in (unknown.value.hint or "")
    with pytest.raises(ConfigError) as gone:
        group_program(settings, {"id": 3, "program": "clubhouse"})  # a program the config no longer declares
    assert "group 3" in str(gone.value)


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("  x: {kind: weekly}", "kind must be"),
        ("  x: {kind: drop-in}", "open days"),
        ("  x: {kind: drop-in, days: mon-fry}", "not a day"),
        ("  x: {kind: drop-in, days: fri-mon}", "not a day"),
        ("  x: {kind: drop-in, days: mon-fri, pairs: true}", "no members"),
        ("  x: {kind: group-year, days: [mon]}", "remove days"),
        ("  x: {kind: drop-in, days: mon, colour: red}", "unknown key 'colour'"),
        ("  x: {kind: group-year, group_size: {min: 9, max: 3}}", "min no more than max"),
        ("  x: {kind: group-year, group_size: {min: 2, max: 40}}", "max from 2 to 16"),
        ("  iml: {kind: drop-in, days: mon}", "kind must be group-year"),
        ("  Big Name: {kind: drop-in, days: mon}", "not a program name"),
        ("  x: {kind: group-year, pairs: maybe}", "true or false"),
        ("  x: [drop-in]", "must be a mapping"),
    ],
)
def test_the_programs_setting_is_checked_strictly(env: Path, body: str, words: str) -> None:
    with pytest.raises(ConfigError) as refused:
        _load(env, f"programs:\n{body}\n")
    assert "'programs'" in str(refused.value) and words in str(refused.value), str(refused.value)


@pytest.mark.parametrize(
    ("raw", "days"),
    [("mon-fri", ["mon", "tue", "wed", "thu", "fri"]), ("fri,mon,wed", ["mon", "wed", "fri"]),
     ("Mon-Wed, sat", ["mon", "tue", "wed", "sat"]), ("sun", ["sun"])],
)  # fmt: skip
def test_days_are_read_as_ranges_and_lists(raw: str, days: list[str]) -> None:
    assert parse_days("days", raw) == days


@pytest.mark.parametrize("raw", ["", "mon-", "monday-friday-x", "fri-mon", "mon;tue", "1-5", "mon,,tue"])
def test_nonsense_days_are_refused(raw: str) -> None:
    with pytest.raises(InvalidInput):
        parse_days("days", raw)


@pytest.mark.parametrize(("days", "kind"), [("mon,tue", "group-year"), (None, "drop-in")])
def test_a_group_whose_program_changed_kind_is_a_config_error(env: Path, days: str | None, kind: str) -> None:
    settings = _load(env, f"programs:\n  other: {{kind: {kind}{', days: mon-fri' if kind == 'drop-in' else ''}}}\n")
    with pytest.raises(ConfigError, match="group 4 .* program 'other'"):
        group_program(settings, {"id": 4, "program": "other", "days": days})

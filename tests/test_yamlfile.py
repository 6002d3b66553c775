"""YAML read safely: dates left as text for our own checks, every scalar as typed when asked, anchors and
aliases refused before anything is built, and a long list read one entry at a time."""

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from peertool.yamlfile import ALIASES_REFUSED, NotAList, YamlError, list_entries, load


def test_dates_stay_text_so_an_impossible_one_is_ours_to_report() -> None:
    assert load("start: 2026-02-30\nmonths: 12\nnote: null\n") == {"start": "2026-02-30", "months": 12, "note": None}


def test_as_text_every_scalar_is_what_was_typed() -> None:
    assert load("external_id: 0017\ngender: no\nsize: 12\n", as_text=True) == {
        "external_id": "0017",
        "gender": "no",
        "size": "12",
    }
    assert load("gender: no\n") == {"gender": False}  # without it, YAML's own reading


@pytest.mark.parametrize(("text", "line"), [("- 1\n- *x\n", 2), ("- 0\n- &x [1, 2]\n", 2), ("- a: [&x 1]\n", 1)])
def test_anchors_and_aliases_are_refused_with_their_line(text: str, line: int) -> None:
    for read in (load, lambda given: list(list_entries(io.StringIO(given)))):
        with pytest.raises(YamlError) as caught:
            read(text)
        assert (caught.value.reason, caught.value.line) == (ALIASES_REFUSED, line)


def test_text_that_is_not_yaml_says_the_line() -> None:
    with pytest.raises(YamlError) as caught:
        load("a: 1\nb: [2, 3\n")
    assert caught.value.line == 3 and caught.value.reason == "not a valid YAML file"


def test_a_list_is_read_entry_by_entry_as_typed() -> None:
    stream = io.StringIO("- name: Ada Quill\n  external_id: 0017\n- [a, b]\n- plain\n")
    entries = list_entries(stream)
    assert next(entries) == {"name": "Ada Quill", "external_id": "0017"}
    assert list(entries) == [["a", "b"], "plain"]
    assert list(list_entries(io.StringIO(""))) == []


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        ("a: 1\nb: 2\na: 3\n", "a", 3),
        ("a:\n  b: {c: 1, c: 2}\n", "a.b.c", 2),
        ("- x: 1\n- x: 1\n  y: 2\n  'y': 3\n", "y", 4),
    ],
)
def test_a_key_given_twice_in_one_mapping_is_refused_naming_it_and_its_line(text: str, key: str, line: int) -> None:
    """YAML says a mapping's keys are unique; PyYAML keeps the last silently, which would hide a typo that
    changes a policy. Every YAML file peertool reads refuses it: the config, the files it names, rosters."""
    reads: list[Callable[[], object]] = [lambda: load(text), lambda: load(text, as_text=True)]
    if text.startswith("-"):
        reads.append(lambda: list(list_entries(io.StringIO(text))))
    for read in reads:
        with pytest.raises(YamlError) as caught:
            read()
        assert (caught.value.reason, caught.value.line) == (f"key {key!r} is given twice", line)


def test_the_same_number_written_two_ways_is_a_repeat_unless_read_as_text() -> None:
    with pytest.raises(YamlError, match="key '1' is given twice"):
        load("1: one\n0x1: also one\n")
    assert load("1: one\n0x1: also one\n", as_text=True) == {"1": "one", "0x1": "also one"}


def test_the_same_key_in_different_mappings_is_no_repeat() -> None:
    assert load("a: {x: 1}\nb: {x: 2}\n") == {"a": {"x": 1}, "b": {"x": 2}}
    assert list(list_entries(io.StringIO("- {x: 1}\n- {x: 2}\n"))) == [{"x": "1"}, {"x": "2"}]


@pytest.mark.parametrize("text", ["name: Ada\n", "just words\n", "- a\n---\n- b\n"])
def test_anything_but_one_list_is_refused(text: str) -> None:
    with pytest.raises(YamlError):
        list(list_entries(io.StringIO(text)))
    if text.startswith(("name", "just")):
        with pytest.raises(NotAList, match="not a list"):
            list(list_entries(io.StringIO(text)))


def test_a_file_the_config_names_is_read_or_refused_as_configuration(tmp_path: Path) -> None:
    from peertool.errors import ConfigError
    from peertool.yamlfile import load_named_file

    good = tmp_path / "def.yaml"
    good.write_text("version: state-2\n")
    assert load_named_file(good, "definition_file", 1000) == {"version": "state-2"}
    with pytest.raises(ConfigError, match="definition_file") as missing:
        load_named_file(tmp_path / "gone.yaml", "definition_file", 1000)
    assert missing.value.exit_code == 5
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [unclosed\n")
    with pytest.raises(ConfigError, match=r"instruments_file '.*bad\.yaml': "):
        load_named_file(bad, "instruments_file", 1000)

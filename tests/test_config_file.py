"""The starter config, examples/peertool.yaml and the README's table are written from the declarations."""

import re
from pathlib import Path
from typing import Any

from peertool import settings
from peertool.config_file import example, starter, table
from peertool.settings_spec import SPEC

from helpers import EXAMPLES, Cli

ROOT = Path(__file__).resolve().parent.parent
# A commented-out key or list item of a generated file (headings and prose start with a capital or a backquote).
COMMENTED = re.compile(r"^# (?=\s*([a-z_]+:|- ))", re.MULTILINE)


def test_the_starter_sets_only_defaults(env: Any) -> None:
    (env / "peertool.yaml").write_text(starter())
    loaded = settings.load_settings()
    assert loaded.values == {key: item.default for key, item in SPEC.items()}
    assert {key for key, source in loaded.sources.items() if source != "default"} == {
        key for key, item in SPEC.items() if item.starter
    }


def test_every_key_of_the_starter_works_uncommented(env: Any) -> None:
    path = env / "all.yaml"
    path.write_text(COMMENTED.sub("", starter()))
    values = settings._read_file(path)  # refuses an unknown key
    assert list(values) == list(SPEC)
    for key, value in values.items():
        SPEC[key].check(value)


def test_config_init_writes_the_starter(cli: Cli, env: Any) -> None:
    cli.ok("config", "init")
    assert (env / "xdg" / "peertool" / "config.yaml").read_text() == starter()


def test_the_example_is_the_generated_one_and_loads(env: Any) -> None:
    text = (EXAMPLES / "peertool.yaml").read_text()
    assert example() in text, "examples/peertool.yaml is stale: run cog -r examples/peertool.yaml"
    loaded = settings.load_settings(str(EXAMPLES / "peertool.yaml"))
    assert loaded.skip_dates == ["2026-05-26", "2026-11-24", "2026-12-29"]
    assert [entry["instrument"] for entry in loaded.measures] == ["who5", "belong3"]


def test_the_readme_table_lists_every_key() -> None:
    text = table()
    assert text in (ROOT / "README.md").read_text(), "README.md's settings table is stale: run cog -r README.md"
    assert [line.split("`")[1] for line in text.splitlines()[2:]] == list(SPEC)

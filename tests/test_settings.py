import json
from pathlib import Path

import pytest

from peertool.errors import ConfigError
from peertool.settings import load_settings

from helpers import Cli


def test_defaults_reproduce_the_program(env: Path) -> None:
    config = load_settings()
    assert config.path is None
    assert (config.group_size_min, config.group_size_max) == (6, 12)
    assert len(config.themes) == 12
    assert config.meeting_minutes == 90
    assert set(config.sources.values()) == {"default"}


def test_precedence_explicit_then_env_then_local_then_user(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user_dir = env / "xdg" / "peertool"
    user_dir.mkdir(parents=True)
    (user_dir / "config.yaml").write_text("meeting_minutes: 60\n")
    assert load_settings().meeting_minutes == 60
    (env / "peertool.yaml").write_text("meeting_minutes: 75\n")
    assert load_settings().meeting_minutes == 75
    (env / "env.yaml").write_text("meeting_minutes: 80\n")
    monkeypatch.setenv("PEERTOOL_CONFIG", str(env / "env.yaml"))
    assert load_settings().meeting_minutes == 80
    (env / "cli.yaml").write_text("meeting_minutes: 85\n")
    config = load_settings(str(env / "cli.yaml"))
    assert config.meeting_minutes == 85
    assert config.sources["meeting_minutes"] == str(env / "cli.yaml")
    assert config.sources["themes"] == "default"


@pytest.mark.parametrize(
    "text, key",
    [
        ("group_size:\n  max: twelve\n", "group_size.max"),
        ("themes: []\n", "themes"),
        ("themes: ['Self-Care', '']\n", "themes"),
        ("skip_dates: [2026-02-30]\n", "skip_dates"),
        ("pairing:\n  gender_policy: sometimes\n", "pairing.gender_policy"),
        ("colour: blue\n", "colour"),
        ("activity_fund: -5\n", "activity_fund"),
        ("group_size:\n  min: 14\n", "group_size.min"),
    ],
)
def test_bad_values_name_the_file_and_key(env: Path, text: str, key: str) -> None:
    path = env / "bad.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as err:
        load_settings(str(path))
    assert str(path) in err.value.message
    assert repr(key) in err.value.message


def test_a_bad_policy_for_one_kind_names_that_kind_and_the_value_typed(env: Path) -> None:
    path = env / "bad.yaml"
    path.write_text("supervision:\n  cosign: {note: sample \u0665\u0660, review: all}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_settings(str(path))
    assert "key 'supervision.cosign.note' is 'sample \u0665\u0660';" in err.value.message
    assert "0 to 9" in err.value.message and err.value.exit_code == 5
    path.write_text('supervision:\n  cosign: "sample \\e[2J"\n', encoding="utf-8")  # YAML's escape for ESC
    with pytest.raises(ConfigError, match=r"key 'supervision.cosign' is 'sample \\x1b\[2J';"):
        load_settings(str(path))


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        ("supervision:\n  cosign: {note: sample 25, note: none}\n", "supervision.cosign.note", 2),
        ("group_size:\n  min: 6\nthemes: [A, B]\ngroup_size:\n  max: 8\n", "group_size", 4),
        ("group_size:\n  min: 6\n  'min': 8\n", "group_size.min", 3),
    ],
)
def test_a_key_given_twice_is_refused_naming_the_file_key_and_line(env: Path, text: str, key: str, line: int) -> None:
    path = env / "twice.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as err:
        load_settings(str(path))
    assert err.value.message == f"config file {path}: key {key!r} is given twice at line {line}.", err.value.message


def test_broken_yaml_is_exit_5_through_the_cli(cli: Cli, env: Path) -> None:
    (env / "peertool.yaml").write_text("group_size: [unclosed\n")
    result = cli("config", "show")
    assert result.exit_code == 5
    assert "peertool.yaml" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_explicit_config_is_exit_5(cli: Cli, env: Path) -> None:
    result = cli("--config", env / "nope.yaml", "config", "show")
    assert result.exit_code == 5


def test_config_show_lists_values_and_sources(cli: Cli, env: Path) -> None:
    (env / "peertool.yaml").write_text("meeting_minutes: 60\n")
    rows = {row["key"]: row for row in cli.json("config", "show")}
    assert rows["meeting_minutes"] == {"key": "meeting_minutes", "value": 60, "source": "peertool.yaml"}
    assert rows["group_size.max"]["source"] == "default"


def test_config_database_key_is_relative_to_the_file(cli: Cli, env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PEERTOOL_DB")
    folder = env / "program"
    folder.mkdir()
    (folder / "peertool.yaml").write_text("database: records/program.db\n")
    out = json.loads(cli.ok("--config", folder / "peertool.yaml", "db", "path", "--json").stdout)
    assert out["path"] == str(folder / "records" / "program.db")
    assert out["source"].startswith("config ")


def test_a_group_larger_than_the_solver_answers_for_quickly_is_a_config_error(env: Path) -> None:
    from peertool.settings import LARGEST_GROUP

    (env / "peertool.yaml").write_text(f"group_size:\n  max: {LARGEST_GROUP + 1}\n")
    with pytest.raises(ConfigError, match="group_size.max"):
        load_settings()
    (env / "peertool.yaml").write_text(f"group_size:\n  max: {LARGEST_GROUP}\n")
    assert load_settings().group_size_max == LARGEST_GROUP


def test_local_timezone_trusts_tz_only_when_the_database_knows_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from peertool import settings

    monkeypatch.setenv("TZ", ":America/Chicago")
    assert settings.local_timezone() == "America/Chicago"
    monkeypatch.setenv("TZ", "Nowhere/Atlantis")
    assert settings.local_timezone() is None


def test_local_timezone_reads_the_localtime_link_without_loading_the_zone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from peertool import settings

    monkeypatch.delenv("TZ", raising=False)
    zone = tmp_path / "zoneinfo" / "Europe" / "Lisbon"
    zone.parent.mkdir(parents=True)
    zone.write_bytes(b"TZif")  # not a zone file: the link's name is what counts
    link = tmp_path / "localtime"
    link.symlink_to(zone)
    monkeypatch.setattr(settings, "LOCALTIME", str(link))
    assert settings.local_timezone() == "Europe/Lisbon"
    zone.unlink()
    assert settings.local_timezone() is None  # a dangling link tells nothing
    monkeypatch.setattr(settings, "LOCALTIME", str(tmp_path / "missing"))
    assert settings.local_timezone() is None


def test_the_example_config_names_every_key() -> None:
    """The README sends people to examples/peertool.yaml for every key: each is there, set or commented."""
    from pathlib import Path

    from peertool.settings_spec import SPEC

    text = (Path(__file__).resolve().parent.parent / "examples" / "peertool.yaml").read_text()
    assert [key for key in SPEC if f"{key.split('.')[-1]}:" not in text] == []

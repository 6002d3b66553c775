"""The lesson library, through the library."""

from pathlib import Path

import pytest

from peertool.errors import ConfigError, NotFound
from peertool.program.lessons import library, load_library, suggest
from peertool.settings import PROGRAM_THEMES


def test_every_theme_has_three_plans_and_library_filters_by_theme() -> None:
    plans = load_library()
    for theme in set(PROGRAM_THEMES):
        assert len(library(None, theme.upper())) >= 3
    assert len(library(None)) == len(plans)
    with pytest.raises(NotFound, match="Selfcare") as missed:
        library(None, "Selfcare")
    assert "Self-Care" in (missed.value.hint or "")


def test_suggestions_fit_threads_and_skip_used_plans() -> None:
    plans = load_library()
    threads = [{"tag": "anxiety", "score": 2.0}]
    ranked = suggest(plans, "Coping Strategies", threads, used={"calming skills"})
    assert "Calming Skills" not in [p["title"] for p in ranked]
    assert all(ranked[i]["fit"] >= ranked[i + 1]["fit"] for i in range(len(ranked) - 1))


def test_a_broken_lessons_file_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "lessons.yaml"
    bad.write_text("- title: x\n")
    with pytest.raises(ConfigError, match="plan 1, key 'theme'"):
        load_library(str(bad))

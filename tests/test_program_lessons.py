"""The lesson library, through the library."""

from pathlib import Path

import pytest

from peertool.errors import ConfigError, NotFound
from peertool.program.lessons import library, load_library, suggest
from peertool.program.threads import Thread
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
    threads: list[Thread] = [{"tag": "anxiety", "count": 2, "last": "2026-03-01", "score": 2.0}]
    ranked = suggest(plans, "Coping Strategies", threads, used={"calming skills"})
    assert "Calming Skills" not in [p["title"] for p in ranked]
    assert all(ranked[i]["fit"] >= ranked[i + 1]["fit"] for i in range(len(ranked) - 1))


def test_a_broken_lessons_file_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "lessons.yaml"
    bad.write_text("- title: x\n")
    with pytest.raises(ConfigError, match="plan 1, key 'theme'"):
        load_library(str(bad))


def test_library_has_three_plans_per_theme_with_every_part() -> None:
    plans = load_library()
    for theme in set(PROGRAM_THEMES):
        assert len([p for p in plans if p["theme"] == theme]) >= 3, theme
    for plan in plans:
        assert plan["title"] and plan["skill"] and plan["outline"] and plan["prompts"] and plan["practice"]
        assert all(isinstance(step, str) for step in plan["outline"])


def test_suggestions_fit_threads_and_skip_used_lessons() -> None:
    plans = load_library()
    threads: list[Thread] = [
        {"tag": "sleep", "count": 2, "last": "2026-03-01", "score": 2.0},
        {"tag": "anger", "count": 1, "last": "2026-01-15", "score": 0.5},
    ]
    ranked = suggest(plans, "Coping Strategies", threads, used={"calming skills"})
    assert "Calming Skills" not in [p["title"] for p in ranked]
    assert ranked[0]["title"] == "Noticing Stress Early" and ranked[0]["matches"] == ["anger"]
    ranked = suggest(plans, "Coping Strategies", threads, used=set())
    assert ranked[0]["title"] == "Calming Skills" and ranked[0]["fit"] == 2.5

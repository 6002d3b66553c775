"""Recurring threads, through the library."""

import datetime as dt

import pytest

from peertool.db.connection import Database
from peertool.errors import InvalidInput
from peertool.program.meetings import record_meeting
from peertool.program.threads import group_threads, rank, threads_of
from peertool.settings import Settings

from helpers import Today


def test_rank_weights_recent_mentions_more() -> None:
    ranked = rank([("2026-03-31", "sleep"), ("2026-03-03", "money"), ("2026-03-03", "money"), ("2026-03-31", "bus")])
    assert [(t["tag"], t["count"], t["score"]) for t in ranked] == [
        ("money", 2, 1.0),
        ("bus", 1, 1.0),
        ("sleep", 1, 1.0),
    ]
    assert rank([]) == []


def test_group_threads_stop_at_today_and_start_at_since(season: Database, settings: Settings, today: Today) -> None:
    record_meeting(season, 1, settings=settings, date="2026-03-03", threads=["isolation"])
    record_meeting(season, 1, settings=settings, date="2026-03-10", threads=["worship"])
    today(dt.date(2026, 3, 5))
    assert [t["tag"] for t in group_threads(season, 1)] == ["isolation"]
    assert [t["tag"] for t in threads_of(season, "Riverside", since="2026-03-04")] == []
    with pytest.raises(InvalidInput):
        threads_of(season, "Riverside", since="March")


def test_threads_rank_by_frequency_and_recency() -> None:
    ranked = rank(
        [
            ("2026-01-06", "money"),
            ("2026-01-13", "money"),
            ("2026-01-20", "money"),
            ("2026-04-07", "sleep"),
            ("2026-04-07", "work"),
            ("2026-03-31", "work"),
        ]
    )
    assert [t["tag"] for t in ranked] == ["work", "sleep", "money"]
    assert ranked[0]["count"] == 2 and ranked[0]["last"] == "2026-04-07"
    assert ranked[1]["score"] == 1.0
    assert rank([]) == []

"""Service units counted on each record and then added up: per person and month, and per day against a cap."""

from typing import TYPE_CHECKING

from peertool.db.connection import Database
from peertool.db.store import insert, write
from peertool.outcomes.service_units import Service, by_month, over_cap, services
from peertool.program.attendance import Marks
from peertool.program.meetings import record_meeting

if TYPE_CHECKING:
    from peertool.settings import Settings


def test_units_are_summed_by_person_and_month_oldest_first() -> None:
    records: list[Service] = [
        (2, "2026-03-10", "group", 6),
        (1, "2026-03-24", "individual", 2),
        (1, "2026-02-10", "group", 6),
        (1, "2026-03-03", "group", 5),
    ]
    assert by_month(records) == {
        1: [
            {"month": "2026-02", "group": 6, "individual": 0, "total": 6},
            {"month": "2026-03", "group": 5, "individual": 2, "total": 7},
        ],
        2: [{"month": "2026-03", "group": 6, "individual": 0, "total": 6}],
    }


def test_a_day_over_the_cap_counts_group_and_individual_together() -> None:
    records: list[Service] = [
        (1, "2026-03-03", "group", 6),
        (1, "2026-03-03", "individual", 3),
        (2, "2026-03-03", "group", 6),
        (1, "2026-03-02", "individual", 9),
    ]
    assert over_cap(records, 8) == [(1, "2026-03-02", 9), (1, "2026-03-03", 9)]
    assert over_cap(records, 9) == []
    assert over_cap(records, None) == []


def test_units_are_counted_on_each_record_not_from_summed_minutes(season: Database, settings: "Settings") -> None:
    record_meeting(season, "Riverside", settings=settings, date="2026-03-03", marks=Marks(absent=["2"]))
    with write(season):
        for minutes in (7, 7):  # each under half a unit: 0 units, though 14 minutes together make 1
            insert(season, "contact_notes", {"participant_id": 1, "noted_on": "2026-03-04", "mode": "phone",
                                             "text": "Check-in", "minutes": minutes})  # fmt: skip
    found = services(season, settings, start="2026-03-01", end="2026-03-31")
    assert sorted(r for r in found if r[0] == 1) == [
        (1, "2026-03-03", "group", 6),
        (1, "2026-03-04", "individual", 0),
        (1, "2026-03-04", "individual", 0),
    ]
    assert not [r for r in found if r[0] == 2]  # absent: no units
    assert services(season, settings, start="2026-04-01", end="2026-04-30") == []

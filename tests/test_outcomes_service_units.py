"""Service units billed: a day's minutes of one line added then rounded (or each record alone), only for service
given while a member and not after a discharge; per person and month, and per day against a cap."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peertool.db.connection import Database
from peertool.db.store import insert, write
from peertool.outcomes.service_units import Record, Service, billed, by_month, over_cap, services
from peertool.people.discharges import discharge, readmit
from peertool.people.groups import remove_member
from peertool.program.attendance import Marks
from peertool.program.meetings import record_meeting
from peertool.settings import Settings
from peertool.settings_spec import SPEC
from peertool.units import units

from helpers import file_of


def _billing(count_by: str, rounding: str = "eight-minute") -> Settings:
    """The built-in settings, but for how units are counted and rounded."""
    values = {key: item.default for key, item in SPEC.items()}
    return Settings({**values, "billing.count_by": count_by, "billing.rounding": rounding}, {}, None)


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


@pytest.mark.parametrize(
    ("minutes", "count_by", "expected"),
    [((7, 7), "day", [1]), ((7, 7), "record", [0, 0]), ((22, 22), "day", [3]), ((22, 22), "record", [1, 1])],
)
def test_the_issues_examples(season: Database, minutes: tuple[int, int], count_by: str, expected: list[int]) -> None:
    """Two contacts of 7 minutes, or of 22, with one person on one day: CMS adds the day's minutes (14: 1 unit;
    44: 3), per-record rounding does not (0 + 0; 1 + 1)."""
    settings = _billing(count_by)
    record_meeting(season, "Riverside", settings=settings, date="2026-03-03", marks=Marks(absent=["2"]))
    with write(season):
        for length in minutes:
            insert(season, "contact_notes", {"participant_id": 1, "noted_on": "2026-03-04", "mode": "phone",
                                             "text": "Check-in", "minutes": length})  # fmt: skip
    found = services(season, settings, start="2026-03-01", end="2026-03-31")
    assert sorted(r for r in found if r[0] == 1) == [
        (1, "2026-03-03", "group", 6),
        *[(1, "2026-03-04", "individual", n) for n in expected],
    ]
    assert not [r for r in found if r[0] == 2]  # absent: no units
    assert services(season, settings, start="2026-04-01", end="2026-04-30") == []


def test_group_and_individual_lines_are_added_apart_and_people_and_days_apart() -> None:
    records: list[Record] = [
        (1, "2026-03-03", "group", 7, "H0038"), (1, "2026-03-03", "individual", 7, "H0038"),
        (2, "2026-03-03", "individual", 7, "H0038"), (1, "2026-03-04", "individual", 7, "H0038"),
        (1, "2026-03-04", "group", 7, "H0038"), (1, "2026-03-04", "group", 7, "H2014"),
    ]  # fmt: skip
    assert all(units == 0 for *_, units in billed(records, _billing("day")))  # each code's minutes apart


@given(
    st.lists(st.integers(min_value=0, max_value=600), min_size=1, max_size=8),
    st.sampled_from(["eight-minute", "complete", "none"]),
)
def test_a_day_is_rounded_once_and_records_each(minutes: list[int], rounding: str) -> None:
    records: list[Record] = [(1, "2026-03-04", "individual", m, "H0038") for m in minutes]
    ((*_, day),) = billed(records, _billing("day", rounding))
    assert day == units(sum(minutes), 15, rounding)
    by_record = [u for *_, u in billed(records, _billing("record", rounding))]
    assert sum(by_record) == pytest.approx(sum(units(m, 15, rounding) or 0 for m in minutes))


def _billed_days(db: Database, settings: Settings, line: str) -> list[str]:
    found = services(db, settings, start="2026-03-01", end="2026-04-30", participant_id=1)
    return sorted(day for _, day, kind, _ in found if kind == line)


def test_no_units_for_meetings_after_leaving_the_group(season: Database, settings: Settings) -> None:
    for day in ("2026-03-03", "2026-03-10", "2026-03-17"):
        record_meeting(season, "Riverside", settings=settings, date=day, all_present=True)
    remove_member(season, "Riverside", 1, on="2026-03-10")  # backdated: her marks at the later meetings stay
    assert _billed_days(season, settings, "group") == ["2026-03-03"]


def test_no_units_after_a_discharge_until_a_readmission(season: Database, settings: Settings) -> None:
    """The discharge day and the readmission day are billed; the days between are not, contacts or meetings."""
    with write(season):
        for day in ("2026-03-05", "2026-03-12", "2026-03-19", "2026-04-02"):
            insert(season, "contact_notes", {"participant_id": 1, "noted_on": day, "mode": "phone",
                                             "text": "Check-in", "minutes": 30})  # fmt: skip
    discharge(season, 1, "Moved away", on="2026-03-12")
    record_meeting(season, "Riverside", settings=settings, date="2026-03-17", all_present=True)
    with write(season):  # a mark after the discharge, as a database from before discharges refused them holds
        insert(season, "attendance", {"meeting_id": 1, "participant_id": 1, "present": 1, "status": "present"})
    readmit(season, 1, on="2026-04-02", group="Riverside")
    record_meeting(season, "Riverside", settings=settings, date="2026-04-07", all_present=True)
    assert _billed_days(season, settings, "individual") == ["2026-03-05", "2026-03-12", "2026-04-02"]
    assert _billed_days(season, settings, "group") == ["2026-04-07"]


def test_a_groups_units_take_one_query_that_scans_no_table(season: Database, settings: Settings) -> None:
    """Memberships, discharges, attendance and contacts are each searched through an index, never scanned."""
    statements: list[str] = []
    file_of(season).conn.set_trace_callback(statements.append)
    services(season, settings, start="2026-03-01", end="2026-03-31", group_id=1)
    file_of(season).conn.set_trace_callback(None)
    (query,) = [s for s in statements if s.lstrip().startswith("SELECT")]
    plan = [row[3] for row in season.execute("EXPLAIN QUERY PLAN " + query)]
    assert not [step for step in plan if step.startswith("SCAN")], plan
    assert any("discharges_participant" in step for step in plan)
    assert any("contact_notes_participant" in step for step in plan)


def test_the_discharge_day_is_billed_for_its_meeting_and_its_contact_in_the_groups_report_too(
    season: Database, settings: Settings
) -> None:
    """A meeting on the discharge date is kept (`later_attendance`): it and that day's contact are billed, in the
    person's chart and in the group's report alike (review finding: the report dropped both)."""
    record_meeting(season, "Riverside", settings=settings, date="2026-03-10", all_present=True)
    with write(season):
        insert(season, "contact_notes", {"participant_id": 1, "noted_on": "2026-03-10", "mode": "phone",
                                         "text": "Goodbye call", "minutes": 30})  # fmt: skip
    discharge(season, 1, "Moved away", on="2026-03-10")
    assert _billed_days(season, settings, "group") == ["2026-03-10"]
    assert _billed_days(season, settings, "individual") == ["2026-03-10"]
    group = services(season, settings, start="2026-03-01", end="2026-03-31", group_id=1)
    assert sorted((day, line) for pid, day, line, _ in group if pid == 1) == [
        ("2026-03-10", "group"), ("2026-03-10", "individual")]  # fmt: skip

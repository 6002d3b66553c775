"""A group's items of `due` (`outcomes.due_groups`): meetings nobody recorded, absences, partners, group size."""

import datetime as dt
from pathlib import Path

from peertool.db.connection import Database
from peertool.outcomes.due_groups import SOURCES, absent_at_last, scheduled_days
from peertool.outcomes.due_scope import DueItem, Scoped
from peertool.people.contacts import add_note
from peertool.people.groups import create_group, remove_member
from peertool.people.scope import resolve_group
from peertool.program.attendance import Marks
from peertool.program.meetings import record_meeting
from peertool.programs import program_named
from peertool.settings import Settings, load_settings

from helpers import INDEPENDENCE


def configured(env: Path, text: str) -> Settings:
    path = env / "peertool.yaml"
    path.write_text(text)
    path.chmod(0o600)
    return load_settings(str(path))


def found(db: Database, settings: Settings, on: str, kind: str) -> list[DueItem]:
    scoped = Scoped(db, settings, dt.date.fromisoformat(on), None)
    return [item for source in SOURCES for item in source(scoped) if item["kind"] == kind]


def test_a_meeting_day_in_the_window_with_no_record_is_due_and_settled_by_recording_it(
    season: Database, env: Path
) -> None:
    settings = configured(env, "due:\n  look_back_weeks: 3\nskip_dates: [2026-02-24]\n")
    record_meeting(season, 1, settings=settings, date="2026-03-03", marks=Marks(absent=["4"]))
    items = found(season, settings, "2026-03-12", "unrecorded-meeting")  # 02-19 .. 03-11: 02-24 skipped, today out
    assert [(i["due"], i["overdue"], i["group"], i["settle"]) for i in items] == [
        ("2026-03-10", True, {"id": 1, "name": "Riverside"}, "peertool meeting record 1 --date 2026-03-10")
    ]
    record_meeting(season, 1, settings=settings, date="2026-03-10", marks=Marks(absent=["4"]))
    assert found(season, settings, "2026-03-12", "unrecorded-meeting") == []


def test_no_day_before_the_start_after_the_year_or_with_nobody_in_the_group(season: Database, env: Path) -> None:
    settings = configured(env, "due:\n  look_back_weeks: 4\n")
    row = resolve_group(season, 1)
    assert scheduled_days(row, settings, dt.date(2025, 12, 1), dt.date(2026, 1, 13)) == [dt.date(2026, 1, 6)]
    assert scheduled_days(row, settings, dt.date(2027, 1, 6), dt.date(2027, 2, 1)) == []  # its year ended 2027-01-05
    create_group(season, "Empty", start="2026-03-02", weekday="mon")
    assert [i["group"]["name"] for i in found(season, settings, "2026-03-12", "unrecorded-meeting")
            if i["group"]] == ["Riverside"] * 4  # fmt: skip


def test_a_drop_in_is_due_its_open_days(season: Database, env: Path) -> None:
    settings = configured(env, INDEPENDENCE + "due:\n  look_back_weeks: 1\n")
    create_group(season, "Main St", start="2026-03-04", weekday=None, program=program_named(settings, "independence"))
    row = resolve_group(season, "Main St")
    assert scheduled_days(row, settings, dt.date(2026, 3, 1), dt.date(2026, 3, 9)) == [
        dt.date(2026, 3, day) for day in (4, 5, 6)
    ]


def test_absent_at_the_last_meetings_with_no_contact_since(season: Database, env: Path) -> None:
    settings = configured(env, "due:\n  look_back_weeks: 1\n")
    for day in ("2026-03-03", "2026-03-10"):
        record_meeting(season, 1, settings=settings, date=day, marks=Marks(absent=["4", "5"] if day > "2026-03-05"
                                                                            else ["4"]))  # fmt: skip
    assert [m["id"] for m in absent_at_last(season, 1, "2026-03-11", 2)] == [4]
    assert [m["id"] for m in absent_at_last(season, 1, "2026-03-11", 1)] == [4, 5]
    items = found(season, settings, "2026-03-12", "absent")
    assert [(i["participant"], i["due"], i["settle"]) for i in items] == [
        ({"id": 4, "name": "Dev Harlan"}, "2026-03-10", "peertool note add 4 --edit")
    ]
    add_note(season, 4, "Called after two missed meetings", settings=settings, date="2026-03-11", minutes=10)
    assert found(season, settings, "2026-03-12", "absent") == []


def test_absences_are_counted_over_each_groups_own_last_meetings(season: Database, env: Path) -> None:
    """Every group in one read: Riverside's last two meetings, and Oak's one, which is too few for two."""
    from peertool.outcomes.due_groups import absent_in
    from peertool.people.groups import add_members

    settings = configured(env, "")
    create_group(season, "Oak", start="2026-03-02", weekday="mon")
    for person in ("9", "10"):
        remove_member(season, 1, person, on="2026-03-01")
    add_members(season, "Oak", ["9", "10"], max_size=12, on="2026-03-02")
    for day in ("2026-03-03", "2026-03-10", "2026-03-17"):
        record_meeting(season, 1, settings=settings, date=day, marks=Marks(absent=["4"] if day > "2026-03-05"
                                                                            else ["5"]))  # fmt: skip
    record_meeting(season, 2, settings=settings, date="2026-03-09", marks=Marks(absent=["9"]))
    every = absent_in(season, None, "2026-03-18", 2)
    assert {gid: [(m["id"], m["missed"]) for m in found] for gid, found in every.items()} == {
        1: [(4, ["2026-03-10", "2026-03-17"])]}  # fmt: skip
    oak = absent_in(season, None, "2026-03-18", 1)[2]
    assert [(m["id"], m["missed"]) for m in oak] == [(9, ["2026-03-09"])]
    assert absent_in(season, [1], "2026-03-11", 2) == {}  # 5 then 4: nobody missed both


def test_a_partnered_member_left_without_a_partner(season: Database, settings: Settings) -> None:
    from peertool.pairing.service import pair_group

    pair_group(season, 1, settings=settings)
    assert found(season, settings, "2026-03-12", "no-partner") == []
    pairing = season.execute("SELECT first_id, second_id FROM pairing_pairs LIMIT 1").fetchone()
    remove_member(season, 1, pairing[0], on="2026-03-01", min_size=6)
    items = found(season, settings, "2026-03-12", "no-partner")
    assert [(i["participant"]["id"] if i["participant"] else None, i["settle"]) for i in items] == [
        (pairing[1], "peertool pair 1 --keep-current")
    ]
    (paired_on,) = season.execute("SELECT paired_on FROM pairings").fetchone()
    assert [i["due"] for i in items] == [paired_on]  # joined before the pairing: due since the pairing
    later = (dt.date.fromisoformat(paired_on) + dt.timedelta(days=3)).isoformat()
    season.execute("UPDATE memberships SET joined_on = ? WHERE participant_id = ?", [later, pairing[1]])
    assert [i["due"] for i in found(season, settings, "2026-03-12", "no-partner")] == [later]  # since joining


def test_a_group_below_its_minimum(season: Database, settings: Settings) -> None:
    for person in range(1, 6):
        remove_member(season, 1, person, on="2026-03-01", min_size=6)
    items = found(season, settings, "2026-03-12", "group-size")
    assert [(i["due"], i["overdue"], i["settle"]) for i in items] == [("2026-03-01", True, "peertool group add 1 REF")]
    assert found(season, settings, "2027-02-01", "group-size") == []  # its year is over


def test_no_partner_lists_whom_current_pairs_leaves_unpaired(season: Database, settings: Settings) -> None:
    from peertool.pairing.service import current_pairs, pair_group, unpair
    from peertool.people.scope import load_group

    pair_group(season, 1, settings=settings)
    first, second = season.execute("SELECT first_id, second_id FROM pairing_pairs ORDER BY id LIMIT 2").fetchall()
    unpair(season, 1, first[0], "not working")  # a team recorded as not working: both left without a partner
    remove_member(season, 1, second[0], on="2026-03-01", min_size=6)  # a partner gone: the other left alone
    season.execute("UPDATE participants SET stage = 'ready-solo' WHERE id = ?", [first[1]])  # solo: not listed
    unpaired = {p["id"] for p in current_pairs(season, load_group(season, 1))["unpaired"]}
    listed = {i["participant"]["id"] for i in found(season, settings, "2026-03-12", "no-partner") if i["participant"]}
    assert listed == unpaired - {first[1]} == {first[0], second[1]}

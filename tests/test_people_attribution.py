"""Who made a record: attributed when it is made (`--staff NAME`, else the current staff member), named when read."""

import pytest

from peertool.db.connection import Database
from peertool.errors import InvalidInput
from peertool.people.attribution import JOIN_STAFF, STAFF_COLUMNS, attribute, made_by, made_by_id, made_by_values
from peertool.people.staff_records import add_staff, end_staff

RAE = {"id": 1, "name": "Rae Lin", "credential": "CPS"}


@pytest.fixture
def team(season: Database, monkeypatch: pytest.MonkeyPatch) -> Database:
    """Riverside's season with coaches Rae Lin (login rlin, running peertool) and Kit Vale (no login)."""
    monkeypatch.setenv("PEERTOOL_LOGIN", "rlin")
    add_staff(season, "Rae Lin", role="coach", credential="CPS", login="rlin", on="2026-01-01")
    add_staff(season, "Kit Vale", role="coach", credential="CPRS", on="2026-01-01")
    return season


def test_without_staff_a_row_is_written_as_it_always_was(season: Database) -> None:
    row = {"participant_id": 1}
    assert attribute(season, row, None) is row
    assert attribute(season, row, "Anyone", text=True) is row  # activities' free-text --staff keeps its meaning
    with pytest.raises(InvalidInput, match="no staff are defined"):
        attribute(season, row, "Anyone")


def test_a_row_names_the_current_member_or_the_colleague_named(team: Database) -> None:
    assert attribute(team, {"participant_id": 1}, None) == {"participant_id": 1, "staff_id": 1}
    assert attribute(team, {"participant_id": 1}, "kit vale") == {"participant_id": 1, "staff_id": 2}


def test_no_one_to_attribute_to_is_refused_with_the_hint(team: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEERTOOL_LOGIN", "stranger")
    with pytest.raises(InvalidInput) as refused:
        attribute(team, {}, None)
    assert "staff edit NAME --login LOGIN" in (refused.value.hint or "")
    end_staff(team, "Kit Vale", on="2026-02-01")
    with pytest.raises(InvalidInput, match="left the staff"):
        attribute(team, {}, "Kit Vale")


def test_a_read_row_names_the_member_with_their_credential(team: Database) -> None:
    team.execute("UPDATE participants SET staff_id = 1 WHERE id = 1")  # any row with a staff_id will do
    sql = f"SELECT p.staff_id, {STAFF_COLUMNS} FROM participants p {JOIN_STAFF.format(alias='p')} WHERE p.id = ?"
    assert made_by(dict(next(team.query(sql, [1])))) == RAE
    assert made_by(dict(next(team.query(sql, [2])))) is None
    assert made_by_values([1, "Rae Lin", "CPS"]) == RAE and made_by_values([None, None, None]) is None
    assert made_by_id(team, 1) == RAE and made_by_id(team, None) is None


def test_a_colleague_is_named_for_the_days_they_were_on_staff(team: Database) -> None:
    end_staff(team, "Kit Vale", on="2026-02-01")
    assert attribute(team, {"noted_on": "2026-01-31"}, "Kit Vale")["staff_id"] == 2  # left since: their notes
    for day in ("2026-02-01", "2025-12-31"):  # the day they left; before they started
        with pytest.raises(InvalidInput, match="was not on staff on .*started 2026-01-01, left 2026-02-01"):
            attribute(team, {"held_on": day}, "Kit Vale")
    with pytest.raises(InvalidInput, match=r"Rae Lin was not on staff on 2025-12-31 \(started 2026-01-01\)"):
        attribute(team, {"taken_on": "2025-12-31"}, "Rae Lin")

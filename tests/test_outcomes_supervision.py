"""What awaits a co-signature, whose queue it is in, and the co-sign figures per supervisee and for a director."""

import pytest

from peertool.db.connection import Database
from peertool.errors import InvalidInput
from peertool.outcomes.supervision import awaiting, cosign_rate, queue_of, rate, stats
from peertool.people.contacts import add_note, sign_note
from peertool.people.staff_records import add_staff
from peertool.settings import Settings


@pytest.fixture
def signed(season: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Database:
    """Sol (supervisor of Rae) and Kim (supervisor); Rae's notes 1 and 2 of Ada, signed under `note: all`."""
    add_staff(season, "Sol Park", role="supervisor", credential="LCSW", login="spark", on="2026-01-01")
    add_staff(season, "Kim Ode", role="supervisor", credential="LCSW", login="kode", on="2026-01-01")
    add_staff(season, "Rae Lin", role="coach", credential="CPS", login="rlin", supervisor="Sol Park", on="2026-01-01")
    policy = Settings({**settings.values, "supervision.cosign": {"note": 100}}, settings.sources, None)
    monkeypatch.setenv("PEERTOOL_LOGIN", "rlin")
    for _ in range(2):
        sign_note(season, add_note(season, 1, "Called", settings=policy, minutes=15)["id"], None, settings=policy)
    return season


def test_a_record_awaits_its_author_s_supervisor(signed: Database) -> None:
    assert [(r["kind"], r["id"], r["author"]) for r in awaiting(signed, None)] == [
        ("note", 1, "Rae Lin, CPS"), ("note", 2, "Rae Lin, CPS")]  # fmt: skip
    assert [r["id"] for r in awaiting(signed, 1)] == [1, 2]  # Sol, Rae's supervisor
    assert awaiting(signed, 2) == []  # Kim supervises someone else
    first = awaiting(signed, 1)[0]
    assert (first["participant"], first["group"], first["author_staff"]) == (
        {"id": 1, "name": "Ada Quill"}, None, {"id": 3, "name": "Rae Lin", "credential": "CPS"})  # fmt: skip


def test_a_queue_is_a_supervisor_s(signed: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InvalidInput, match="a coach"):
        queue_of(signed)  # Rae runs peertool
    monkeypatch.setenv("PEERTOOL_LOGIN", "spark")
    assert [r["id"] for r in queue_of(signed)["items"]] == [1, 2]
    assert queue_of(signed, "Kim Ode")["items"] == []


def test_stats_and_the_director_s_rate_count_what_was_required(
    signed: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PEERTOOL_LOGIN", "spark")
    sign_note(signed, 1, None, settings=settings, cosign=True)
    (rae,) = stats(signed)["supervisees"]
    assert (rae["signed"], rae["required"], rae["cosigned"], rae["cosign_rate"]) == (2, 2, 1, 0.5)
    assert rae["median_days_to_cosign"] == 0.0 and rae["supervisor"] is not None
    assert stats(signed, "2000-01-01", "2000-12-31")["supervisees"] == []
    assert cosign_rate(signed, [1], "2000-01-01", "2999-12-31") == 0.5
    assert cosign_rate(signed, [2], "2000-01-01", "2999-12-31") is None  # nothing of theirs needed one
    assert cosign_rate(signed, [], "2000-01-01", "2999-12-31") is None


def test_a_rate_of_nothing_required_is_none() -> None:
    assert (rate(0, 0), rate(1, 3)) == (None, 0.333)

"""`due`'s supervision items: co-signatures awaited (by `notes.sign_within_days` after signing) and months short
of `supervision.minutes_per_month`."""

import datetime as dt

import pytest

from peertool.clock import today
from peertool.db.connection import Database
from peertool.outcomes.due_scope import DueItem, Scope, Scoped
from peertool.outcomes.due_supervision import SOURCES
from peertool.people.contacts import add_note, sign_note
from peertool.people.staff_records import add_staff
from peertool.settings import Settings


def found(db: Database, settings: Settings, on: dt.date, scope: Scope | None = None) -> list[DueItem]:
    return [item for source in SOURCES for item in source(Scoped(db, settings, on, scope))]


def test_nothing_is_due_without_a_policy(season: Database, settings: Settings) -> None:
    sign_note(season, add_note(season, 1, "Called", settings=settings, minutes=15)["id"], "Rae Lin, CPS",
              settings=settings)  # fmt: skip
    assert found(season, settings, today()) == []


def test_a_cosignature_falls_due_after_the_signature(
    season: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = Settings({**settings.values, "supervision.cosign": {"note": 100},
                       "supervision.minutes_per_month": 60}, settings.sources, None)  # fmt: skip
    sign_note(season, add_note(season, 1, "Called", settings=policy, minutes=15)["id"], "Rae Lin, CPS",
              settings=policy)  # fmt: skip
    (item,) = found(season, policy, today())
    assert (item["kind"], item["participant"], item["settle"]) == (
        "cosign", {"id": 1, "name": "Ada Quill"}, "peertool note sign 1 --cosign")  # fmt: skip
    assert item["due"] == (today() + dt.timedelta(days=policy.sign_within_days)).isoformat()
    assert found(season, policy, today(), {"groups": [], "people": [2]}) == []  # not in the caseload
    add_staff(season, "Sol Park", role="supervisor", credential="LCSW", on="2026-01-01")
    add_staff(season, "Rae Lin", role="coach", credential="CPS", supervisor="Sol Park", on="2026-01-01")
    short = [i for i in found(season, policy, dt.date(2026, 2, 10)) if i["kind"] == "supervision"]
    assert [(i["staff"], i["due"], i["overdue"]) for i in short] == [  # `due` lists February only from the 21st
        ({"id": 2, "name": "Rae Lin", "credential": "CPS"}, "2026-01-31", True),
        ({"id": 2, "name": "Rae Lin", "credential": "CPS"}, "2026-02-28", False),
    ]

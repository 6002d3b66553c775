"""Reviews and discharges signed like notes: the signature binds what they say, they stay signed, an addendum
adds to them, and a person in a signed one is never erased."""

import sqlite3

import pytest

from peertool.db.connection import Database
from peertool.errors import Conflict, InvalidInput, NotFound
from peertool.people.discharges import discharge
from peertool.people.erasure import delete
from peertool.people.reviews import record_review
from peertool.people.signed_records import (
    amend_discharge,
    amend_review,
    get_signed,
    list_discharges,
    sign_discharge,
    sign_review,
)
from peertool.settings import Settings


def test_a_review_is_signed_cosigned_and_amended(season: Database, settings: Settings) -> None:
    review = record_review(season, 1, progressing="yes", wants_to_continue="yes", interval_days=90, on="2026-03-03")
    signed = sign_review(season, review["id"], "Rae Lin, CPS", settings=settings)
    assert (signed["kind"], signed["date"], signed["participant"]["name"], signed["intact"]) == (
        "review", "2026-03-03", "Ada Quill", True)  # fmt: skip
    assert signed["content"]["progressing"] == 1
    with pytest.raises(Conflict):
        sign_review(season, review["id"], "Rae Lin, CPS", settings=settings)
    with pytest.raises(InvalidInput, match="second person"):
        sign_review(season, review["id"], "rae lin, LCSW", settings=settings, cosign=True)
    sign_review(season, review["id"], "Sol Park, LCSW", settings=settings, cosign=True)
    amended = amend_review(season, review["id"], "Talked again", reason="Later information", settings=settings)
    assert [s["role"] for s in amended["signatures"]] == ["author", "cosigner"]
    assert amended["addenda"][0]["text"] == "Talked again"
    with pytest.raises(sqlite3.IntegrityError, match="stays signed"):
        season.execute("UPDATE reviews SET signed = 0")
    season.execute("UPDATE reviews SET note = 'changed behind peertool'")
    assert get_signed(season, "review", review["id"])["intact"] is False


def test_a_discharge_is_listed_signed_and_keeps_its_person(season: Database, settings: Settings) -> None:
    discharge(season, 2, "moved away", on="2026-03-01")
    (listed,) = list_discharges(season, 2)
    assert (listed["id"], listed["signed"], listed["content"]["reason_code"]) == (1, False, "moved")
    sign_discharge(season, listed["id"], "Rae Lin, CPS", settings=settings)
    amend_discharge(season, listed["id"], "Forwarding address given", reason="Later information", settings=settings)
    with pytest.raises(InvalidInput, match="signed record"):
        delete(season, 2, confirm=lambda _: True)
    with pytest.raises(NotFound):
        sign_discharge(season, 99, "Rae Lin, CPS", settings=settings)

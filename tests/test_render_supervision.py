"""How `supervise` prints (`render.supervision`)."""

import pytest

from peertool.outcomes.supervision import Awaiting
from peertool.people.shapes import StaffBrief
from peertool.render.supervision import queue, session, stats

SOL: StaffBrief = {"id": 1, "name": "Sol Park", "credential": "LCSW"}
RAE: StaffBrief = {"id": 3, "name": "Rae Lin", "credential": "CPS"}


def test_an_empty_queue_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    queue({"supervisor": SOL, "items": []})
    assert capsys.readouterr().err.strip() == "Nothing awaits a co-signature for Sol Park."


def test_a_queue_names_each_record_and_how_to_settle_it(capsys: pytest.CaptureFixture[str]) -> None:
    item: Awaiting = {"kind": "note", "id": 4, "date": "2026-03-03", "signed_at": "2026-03-04T10:00:00Z",
                      "author": "Rae Lin, CPS", "author_staff": RAE, "cosigner": SOL,
                      "participant": {"id": 1, "name": "Ada Quill"}, "group": None,
                      "settle": "peertool note sign 4 --cosign"}  # fmt: skip
    queue({"supervisor": None, "items": [item]})
    out = capsys.readouterr().out
    assert "note 4" in out and "Ada Quill" in out and "peertool note sign 4 --cosign" in out


def test_stats_and_a_session(capsys: pytest.CaptureFixture[str]) -> None:
    stats({"start": "2026-01-01", "end": None, "supervisees": [
        {"staff": RAE, "supervisor": SOL, "signed": 4, "required": 2, "cosigned": 1, "cosign_rate": 0.5,
         "median_days_to_cosign": 1.5},
        {"staff": None, "supervisor": None, "signed": 1, "required": 0, "cosigned": 0, "cosign_rate": None,
         "median_days_to_cosign": None}]})  # fmt: skip
    out = capsys.readouterr().out
    assert "Rae Lin, CPS" in out and "50%" in out and "1.5" in out and "(signed without staff)" in out
    session({"id": 1, "supervisor": SOL, "supervisee": RAE, "date": "2026-03-03", "minutes": 30, "note": None})
    assert "Sol Park, LCSW" in capsys.readouterr().out

"""How a screening reads: admitted, or not and why, by code; `participant show`'s line when not screened."""

from typing import Any

from peertool.render.intake import chart_lines, summary_line, verdict


def _screening(answer: str) -> dict[str, Any]:
    return {"date": "2026-01-05", "definition_version": "builtin-1", "screened_by": "coach",
            "outcome": "excluded" if answer == "yes" else "eligible", "criteria_met": [{"code": "B", "text": "x"}],
            "exclusions": [{"code": "A", "text": "risk", "answer": answer}], "services": {"kinds": [], "text": None},
            "team_contact": None}  # fmt: skip


def test_verdicts_and_lines() -> None:
    assert verdict(_screening("no")) == "admitted"
    assert verdict(_screening("yes")) == "not admitted: exclusion A"
    assert summary_line(None, 4) == "not screened (peertool intake 4)"
    assert "- 2026-01-05 (builtin-1, by coach): not admitted: exclusion A" in chart_lines([_screening("yes")])

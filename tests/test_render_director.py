"""How the director's view prints (`render.director`): a row per group and the total."""

import pytest

from peertool.outcomes.director import Director, Figures, GroupFigures
from peertool.render.director import report_markdown, report_table


def _figures(attended: tuple[int, int] | None, visits: int, cosign: float | None = None) -> Figures:
    return {
        "people": 3, "visits": visits, "visitors": min(visits, 2),
        "attendance": None if attended is None else {"present": attended[0], "recorded": attended[1],
                                                     "rate": round(attended[0] / attended[1], 3)},
        "retention": {"people": 3, "retained": 2, "rate": 0.667}, "goals": {"set": 4, "achieved": 1},
        "measures": [{"instrument": "who5", "people": 2, "mean_change": 12.5, "unit": "percentage points",
                      "improved": 1, "worsened": 0}],
        "units": {"group": 12, "individual": 1.5, "total": 13.5}, "cosign_rate": cosign,
    }  # fmt: skip


def _report() -> Director:
    iml: GroupFigures = {"group": "River | side", "group_id": 1, "program": "iml", "drop_in": False,
                         **_figures((9, 10), 0, 0.5)}  # fmt: skip
    main: GroupFigures = {"group": "Main St", "group_id": 2, "program": "independence", "drop_in": True,
                          **_figures(None, 5)}  # fmt: skip
    return {"from": "2026-01-01", "to": "2026-03-31", **_figures((9, 10), 5), "groups": [iml, main]}


def test_the_markdown_has_a_row_per_group_and_the_total() -> None:
    text = report_markdown(_report())
    assert text.startswith("# All groups, 2026-01-01 to 2026-03-31: 2 groups, 3 people\n")
    assert "| River / side | iml | 9/10 (90%) | 2/3 (67%) | 1/4 | who5 +12.5 (2) | 12 | 1.5 | 13.5 | 50% |" in text
    assert "| Main St | independence (drop-in) | 5 visits by 2 | 2/3 (67%) |" in text
    assert "| total |  | 9/10 (90%), 5 visits by 2 |" in text and text.rstrip().endswith("each person once.")


def test_the_table_fits_a_narrow_terminal(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr("peertool.render.output.stdout_is_terminal", lambda: True)
    report_table(_report())
    printed = capsys.readouterr().out
    assert max(len(line) for line in printed.splitlines()) <= 80
    assert "Main St" in printed and "independence" in printed and "total" in printed

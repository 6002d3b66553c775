"""How decreasing reliance prints: each figure's months as a trend, arrows for a short period and one character a
month for a long one, so a year of it fits 80 columns."""

import pytest

from peertool.outcomes.reliance import Reliance, RelianceMonth
from peertool.render import output
from peertool.render.reliance import minutes_trend, outing_rows, report_tables, support_rows, trend


def test_a_short_period_reads_as_arrows_and_a_long_one_as_a_character_a_month() -> None:
    assert trend([2, 1, 0]) == "2→1→0" and trend([12]) == "12"
    assert trend([2, 1, 0, 0, 0, 0, 1, 12]) == "21····1+"  # ten or more: +
    assert minutes_trend([90, 15, 0]) == "90→15→0"
    assert minutes_trend([0, 120, 60, 10, 0, 0, 0]) == "·█▅▂··· 120"  # against the busiest month, never a bar for 0
    assert minutes_trend([0] * 7) == "·" * 7


def _month(number: int, coach: int, partner: int, solo: int, minutes: int, mainstream: int) -> RelianceMonth:
    end = f"2026-{number:02}-28"
    return {"month": end[:7], "outings": {"partner": partner, "solo": solo, "group": 0, "with_coach": coach},
            "contact_minutes": minutes,
            "connections": {"month_end": end, "active": mainstream + 1, "mainstream": mainstream, "program": 0,
                            "unclassified": 1, "mainstream_share": 1.0 if mainstream else None}}  # fmt: skip


def _year() -> list[Reliance]:
    """Ada goes from the coach to a partner to going alone over a year, with less contact and more connections."""
    minutes = [120, 90, 60, 30] + [0] * 8
    months = [_month(n, coach=2 if n < 4 else 0, partner=1 if 4 <= n < 8 else 0, solo=0 if n < 8 else n - 7,
                     minutes=minutes[n - 1], mainstream=n // 4) for n in range(1, 13)]  # fmt: skip
    nothing = [_month(n, 0, 0, 0, 0, 0) for n in range(1, 13)]
    return [{"id": 1, "name": "Ada Quill", "months": months}, {"id": 2, "name": "Bram Oakes", "months": nothing}]


def test_each_persons_row_draws_each_figure_month_by_month() -> None:
    people = _year()
    assert outing_rows(people)[0] == [1, "Ada Quill", "222·········", "···1111·····", "············", "·······12345"]
    assert support_rows(people) == [
        [1, "Ada Quill", "█▆▅▃········ 120", "···111122223", "············", "111111111111"],
        [2, "Bram Oakes", "············", "············", "············", "111111111111"],
    ]
    three: list[Reliance] = [{"id": p["id"], "name": p["name"], "months": p["months"][:3]} for p in people]
    assert outing_rows(three)[0] == [1, "Ada Quill", "2→2→2", "0→0→0", "0→0→0", "0→0→0"]
    assert support_rows(three)[0] == [1, "Ada Quill", "120→90→60", "0→0→0", "0→0→0", "1→1→1"]


@pytest.mark.parametrize("width", [80, 60])
def test_a_year_fits_the_terminal_whole_or_leaves_a_column_out_with_a_note(
    width: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(output, "stdout_is_terminal", lambda: True, raising=False)
    monkeypatch.setenv("COLUMNS", str(width))
    report_tables({"from": "2026-01-01", "to": "2026-12-31", "reliance": _year()})
    out, err = capsys.readouterr()
    assert max(len(line) for line in out.splitlines()) <= width, out
    assert "…" not in out  # a trend is never cut: its column is left out instead, and said so
    if width == 80:
        assert "222·········" in out and "·······12345" in out and "█▆▅▃········ 120" in out
        assert all(f" {name} " in out for name in ("with coach", "partner", "group", "solo", "mainstream", "program"))
        # names of ten characters leave no room for the per-person unclassified (the group's table shows them)
        assert err == "Not shown at this width: unclassified (widen the terminal, or use --json).\n"
    else:
        assert "Not shown at this width" in err

"""The one clock: what every command takes as today."""

import datetime as dt

from peertool import clock


def test_frozen_sets_today_and_restores_it() -> None:
    real = dt.date.today()
    with clock.frozen(dt.date(2026, 3, 1)):
        with clock.frozen(dt.date(2027, 1, 1)):
            assert clock.today_iso() == "2027-01-01"
        assert clock.today() == dt.date(2026, 3, 1)
    assert clock.today() == real

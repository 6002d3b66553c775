"""The one source of "today" and "now".

Every date a command defaults to (an enrollment, a meeting, a review) comes
from here, so a test can fix the clock with `frozen(day)` and a season of
records can be replayed on any day of the year.
"""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

_fixed: dt.date | None = None


def today() -> dt.date:
    """Today's date, or the date a test fixed."""
    return _fixed if _fixed is not None else dt.date.today()


def today_iso() -> str:
    return today().isoformat()


def now_utc_text() -> str:
    """The current UTC time as ISO text to the second, as the audit log and exports stamp it."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@contextmanager
def frozen(day: dt.date) -> Iterator[None]:
    """Make `today()` return `day` inside the block (for tests and replays)."""
    global _fixed
    previous, _fixed = _fixed, day
    try:
        yield
    finally:
        _fixed = previous

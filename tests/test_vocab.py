"""The domain's closed sets (`peertool.vocab`), against the schema's CHECK constraints and their other readers."""

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from peertool import config_checks, vocab
from peertool.db.connection import Database
from peertool.db.signing import ROLES
from peertool.db.triggers import SIGNED_ALL
from peertool.people.connections import SETTINGS
from peertool.program.attendance import STATUSES as ATTENDANCE_STATUSES
from peertool.units import units

if TYPE_CHECKING:
    from peertool.settings import Settings

SRC = Path(vocab.__file__).parent

# Every CHECK (column IN ('word', ...)) in the schema, and the set in the code that must say the same words.
CHECKED = {
    ("participants", "status"): set(vocab.STATUSES) - {vocab.Status.all},
    ("participants", "stage"): set(vocab.STAGES),
    ("participants", "discharge_reason_code"): set(vocab.DISCHARGE_CODES),
    ("goals", "status"): set(vocab.GOAL_STATUSES),
    ("meetings", "mode"): set(vocab.CONTACT_MODES),
    ("contact_notes", "mode"): set(vocab.CONTACT_MODES),
    ("community_contacts", "mode"): set(vocab.CONTACT_MODES),
    ("community_contacts", "audience"): set(vocab.AUDIENCES),
    ("attendee_notes", "homework"): set(vocab.HOMEWORK),
    ("connections", "kind"): set(vocab.CONNECTION_KINDS),
    ("connections", "setting"): set(SETTINGS),
    ("events", "kind"): set(vocab.EVENT_KINDS),
    ("outings", "paid_by"): set(vocab.PAID_BY),
    ("attendance", "status"): set(ATTENDANCE_STATUSES),
    ("signatures", "record"): set(SIGNED_ALL.values()),
    ("addenda", "record"): set(SIGNED_ALL.values()),
    ("cosign_draws", "record"): set(SIGNED_ALL.values()),
    ("signatures", "role"): set(ROLES),
    ("audit", "action"): {"insert", "update", "delete"},
    ("screenings", "outcome"): set(vocab.SCREENING_OUTCOMES),
    ("screening_answers", "kind"): set(vocab.SCREENING_ANSWERS),
    ("activities", "kind"): set(vocab.ACTIVITY_KINDS),
    ("activities", "paid_by"): set(vocab.PAID_BY),
    ("staff", "role"): set(vocab.STAFF_ROLES),
}
_CHECK_IN = re.compile(r"CHECK \((\w+) IN \(('[^)]*)\)\)")


def schema_checks(db: Database) -> dict[tuple[str, str], set[str]]:
    """Each column's CHECK (column IN ('a', 'b')) of words, as the migrated database stores it."""
    found = {}
    for table, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL"):
        for column, listed in _CHECK_IN.findall(sql):
            found[(table, column)] = set(re.findall(r"'([^']*)'", listed))
    return found


def test_every_checked_word_set_is_the_vocabulary(db: Database) -> None:
    assert schema_checks(db) == CHECKED


def test_the_schema_parser_reads_a_check_constraint() -> None:
    sql = "CREATE TABLE t (a TEXT CHECK (a IN ('x', 'y-z')), b INTEGER CHECK (b IN (0, 1)))"
    assert {c: set(re.findall(r"'([^']*)'", w)) for c, w in _CHECK_IN.findall(sql)} == {"a": {"x", "y-z"}}


def test_no_closed_set_is_declared_as_an_enum_outside_vocab() -> None:
    """A choice the CLI offers is a StrEnum in `vocab`, so its words are written once."""
    elsewhere = [
        f"{path.relative_to(SRC)}: {name}"
        for path in SRC.rglob("*.py")
        if path.name != "vocab.py"
        for name in re.findall(r"^class (\w+)\((?:Str)?Enum\)", path.read_text(), re.MULTILINE)
    ]
    assert elsewhere == []


@pytest.mark.parametrize("way", vocab.ODD_WAYS)
def test_the_config_accepts_each_odd_way(way: str) -> None:
    assert config_checks.odd(way) == way


@pytest.mark.parametrize("policy", vocab.GENDER_POLICIES)
def test_the_config_accepts_each_gender_policy(policy: str) -> None:
    assert config_checks.gender_policy(policy) == policy


@pytest.mark.parametrize("rounding", vocab.ROUNDINGS)
def test_the_config_accepts_each_rounding_and_units_knows_it(rounding: str) -> None:
    assert config_checks.rounding(rounding) == rounding
    assert units(90, 15, rounding) == 6


@pytest.mark.parametrize(
    ("check", "words"),
    [(config_checks.odd, vocab.ODD_WAYS), (config_checks.gender_policy, vocab.GENDER_POLICIES),
     (config_checks.rounding, vocab.ROUNDINGS), (config_checks.count_by, vocab.COUNT_BY)],
)  # fmt: skip
def test_a_refused_config_value_is_told_every_word(check: Callable[[Any], str], words: tuple[str, ...]) -> None:
    with pytest.raises(ValueError, match="must be") as refused:
        check("sideways")
    assert all(word in str(refused.value) for word in words)


def test_goal_domains_default_is_the_vocabulary(settings: "Settings") -> None:
    assert settings.goal_domains == list(vocab.GOAL_DOMAINS)
